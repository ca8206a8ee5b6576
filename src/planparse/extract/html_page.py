"""What of a web page is the document: page furniture dropped, the metadata fields taken
out, and the element that holds the article found.

The article is the CMS container that holds a fair share of the page's paragraph text
(TRS_Editor, #zoom …) or, failing that, the element that directly holds the most of it.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple, cast

from lxml import etree

from planparse.errors import PlanparseError
from planparse.rules.frontmatter import WEB_METADATA

# -- the vocabulary of pages ---------------------------------------------------------------

# Containers content management systems put the article in, by id or class.
CMS_CONTAINERS = (
    "zoom", "Zoom", "TRS_Editor", "TRS_UEDITOR", "UCAP-CONTENT", "article-content",
    "article_content", "articleContent", "content", "Content", "con", "pages_content",
    "xxgk_content", "detail-content", "detail_content", "zw", "zwnr", "main-txt", "view",
    "ArticleContent", "wzcon", "news_content", "info_content", "bt_content",
)
# Tokens of a class or id that mark page furniture (toolbars, sharing, breadcrumbs …).
FURNITURE_NAMES = (
    "share", "print", "close", "crumb", "crumbs", "breadcrumb", "position", "location",
    "footer", "foot", "header", "nav", "navbar", "menu", "topbar", "toolbar", "tools",
    "sidebar", "pager", "pagination", "prevnext", "related", "qrcode", "search", "logo",
)
FURNITURE_MAX = 200  # characters: a longer element named like furniture is content after all
CMS_SHARE = 0.5  # a CMS container is the article if it holds this share of the densest text
METADATA_ROWS = 2  # a table with this many rows opening with a metadata label is metadata
METADATA_ROWS_MAX = 15  # a longer table is the document's, whatever its first cells say
METADATA_VALUE_MAX = 100  # characters: a longer "value" is document text, not a field
NESTED_SHARE = 0.9  # an inner CMS container holding this share of an outer one is preferred
SIBLING_SHARE = 0.25  # siblings of the densest element holding this share of its text join it

# Elements that never print document text.
_DROPPED = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "head", "title", "meta", "link", "input", "button", "select", "textarea", "map",
    "rt", "rp",  # ruby glosses (pinyin over characters) are not the text
)
_FURNITURE_TAGS = frozenset(("nav", "header", "footer", "aside"))
# Paragraph-like blocks: their text is a paragraph of the element that holds them.
_PARAGRAPHS = frozenset(
    ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "pre", "blockquote",
     "address", "caption", "figcaption", "legend")
)
# Containers: a container without blocks inside is a paragraph too.
_CONTAINERS = frozenset(
    ("div", "section", "article", "main", "center", "body", "html", "ul", "ol", "dl",
     "td", "th", "fieldset", "figure")
)
BLOCKS = _PARAGRAPHS | _CONTAINERS | {"table", "tr", "hr"}
CELLS = ("td", "th")
_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML white space; U+3000 and &nbsp; are text
_HIDING_WORDS = ("none", "hidden", "mso-hide", "mso-element")
_HIDDEN = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all"
    r"|mso-element\s*:\s*(?:header|footer|footnote-list|endnote-list|comment-list)"
)  # matched against the lower-cased style
# a furniture word standing alone in a class or id: m-share, article-tools, printBtn
_FURNITURE_NAME = re.compile(rf"(?<![a-zA-Z])(?i:{'|'.join(FURNITURE_NAMES)})(?![a-z])")
_CMS_NAMES = frozenset(CMS_CONTAINERS)
_LABEL = re.compile(rf"^\s*(?P<label>{WEB_METADATA})\s*(?:[:：]\s*|$)")


_SECTIONS = frozenset(("thead", "tbody", "tfoot"))


def squeeze(text: str) -> str:
    """``text`` with each run of HTML white space made one space.  Most texts have no run
    to squeeze: the C tests (no tab, newline, carriage return or form feed is printable)
    spare them the expression, slow on long Chinese text."""
    return text if text.isprintable() and "  " not in text else _SPACE.sub(" ", text)


def rows_of(table: etree._Element) -> list[etree._Element]:
    """A table's own rows, in its head, bodies and foot too (a walk over the children is
    cheaper than evaluating an XPath)."""
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in _SECTIONS:
            rows += [row for row in child if row.tag == "tr"]
    return rows

# -- cleaning -------------------------------------------------------------------------------


def clean(root: etree._Element) -> list[etree._Element]:
    """Drop what never prints document text: scripts and styles, hidden elements, script
    links (打印, 关闭, 分享) and short elements named as page furniture.  Returns the CMS
    containers found on the way."""
    etree.strip_elements(root, *_DROPPED, with_tail=False)
    hidden, named = _marked(root)
    _drop_all(root, hidden)
    containers, furniture = [], []
    for element, names in named:
        furnished, container = _naming(names)
        if furnished and _text_length(element) <= FURNITURE_MAX:
            furniture.append(element)
        elif container:
            containers.append(element)
    _drop_all(root, furniture)
    _drop_all(root, [e for e in root.iter(*_FURNITURE_TAGS) if _text_length(e) <= FURNITURE_MAX])
    return containers


def _marked(root: etree._Element) -> tuple[list[etree._Element], list[tuple[etree._Element, str]]]:
    """The hidden elements, and the others with a class or id (with them), in one walk: a
    loop over root.iter() is cheaper here than XPath, whose every evaluation costs much.
    Those inside a hidden element are listed too; dropped with it, they drop or count for
    nothing (out of the tree, a container holds no text)."""
    hidden: list[etree._Element] = []
    named: list[tuple[etree._Element, str]] = []
    for element in root.iter():
        keys = element.keys()  # listing the names is cheaper than asking for each attribute
        if not keys:
            continue
        if _is_hidden(element, keys):
            hidden.append(element)
        elif names := _names(element, keys):
            named.append((element, names))
    return hidden, named


def _is_hidden(element: etree._Element, keys: list[str]) -> bool:
    """Never shown (hidden, styled invisible) or a script link."""
    if "hidden" in keys or ("style" in keys and _hides(element.get("style") or "")):
        return True
    href = element.get("href") if "href" in keys and element.tag == "a" else None
    return href is not None and href.strip().startswith("javascript:")


def _names(element: etree._Element, keys: list[str]) -> str:
    """An element's class and id, one string ("" for neither)."""
    klass = element.get("class") if "class" in keys else None
    name = element.get("id") if "id" in keys else None
    if klass is None or name is None:
        return klass or name or ""
    return f"{klass} {name}"


@functools.lru_cache(maxsize=4096)  # pages repeat their class names (MsoNormal …)
def _naming(names: str) -> tuple[bool, bool]:
    """Whether class and id name an element as furniture, and as a CMS container."""
    return bool(_FURNITURE_NAME.search(names)), not _CMS_NAMES.isdisjoint(names.split())


@functools.lru_cache(maxsize=4096)  # … and their styles
def _hides(style: str) -> bool:
    # the substring test spares most styles (every one of Word's) the expression
    lower = style.lower()
    return any(map(lower.__contains__, _HIDING_WORDS)) and bool(_HIDDEN.search(lower))


def _text_length(element: etree._Element) -> int:
    return sum(len(t.strip()) for t in element.itertext())


_GONE = "planparse-dropped"  # a tag no page has: the mark of the elements _drop_all strips


def _drop(element: etree._Element) -> None:
    """Remove an element (and all inside it) but keep the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        try:
            if previous is not None:
                previous.tail = (previous.tail or "") + element.tail
            else:
                parent.text = (parent.text or "") + element.tail
        except ValueError:  # a control character the parser kept: lxml takes it back only in C
            _drop_all(parent, [element])
            return
    parent.remove(element)


def _drop_all(root: etree._Element, elements: list[etree._Element]) -> None:
    """Remove ``elements`` from the tree under ``root`` as :func:`_drop` does, in one strip
    by lxml in C (one walk over the tree for all of them), each tail staying where it
    stood, control characters and all."""
    tags = [element.tag for element in elements]
    for element in elements:
        element.tag = _GONE
    etree.strip_elements(root, _GONE, with_tail=False)
    for element, tag in zip(elements, tags, strict=True):
        element.tag = tag  # as it was, for whoever still holds it


# -- the page's metadata --------------------------------------------------------------------


class Field(NamedTuple):
    """A metadata field of the page, as a line of scraped text carries it."""

    text: str  # label：value
    line: int | None  # where the page has it


def take_metadata(root: etree._Element) -> list[Field]:
    """The page's metadata fields as ``label：value``, each taken out of the page: a table
    whose rows open with metadata labels, and labelled lines (索引号：…) outside tables."""
    return _table_fields(root) + _line_fields(root)  # tables first: in page order


def _table_fields(root: etree._Element) -> list[Field]:
    """The fields of the page's metadata tables, which are taken out."""
    fields: list[Field] = []
    for table in list(root.iter("table")):
        rows = _metadata_rows(table)
        if rows is not None:
            fields += [f for cells in rows for i, cell in enumerate(cells)
                       if (f := _field(cell, cells[i + 1] if i + 1 < len(cells) else None))]
            _drop(table)
    return fields


def _metadata_rows(table: etree._Element) -> list[list[etree._Element]] | None:
    """The cells of each row of ``table`` if it is a metadata table: a few rows, enough of
    them opening with a label."""
    trs = rows_of(table)
    if len(trs) > METADATA_ROWS_MAX:
        return None
    rows = [[c for c in row if c.tag in CELLS] for row in trs]
    if sum(1 for cells in rows if cells and _LABEL.match(_text(cells[0]))) >= METADATA_ROWS:
        return rows
    return None


def _line_fields(root: etree._Element) -> list[Field]:
    """The labelled lines outside tables, each taken out with the value line it labels."""
    fields: list[Field] = []
    for holder in _labelled(root):
        if holder is None or holder.getparent() is None:
            continue
        following = holder.getnext()
        found = _field(holder, following)
        if found is None:
            continue
        fields.append(found)
        if following is not None and _LABEL.fullmatch(_text(holder)):
            _drop(following)
        _drop(holder)
    return fields


def _field(element: etree._Element, following: etree._Element | None) -> Field | None:
    """``label：value`` when ``element`` opens with a metadata label: the value is the rest
    of its text, or, when it holds the label alone, the text of ``following``."""
    own = _text(element)
    match = _LABEL.match(own)
    if match is None:
        return None
    value = own[match.end():]
    if not value and following is not None:
        value = _text(following)
    if not value or len(value) > METADATA_VALUE_MAX or _LABEL.match(value):
        return None
    line = cast("int | None", element.sourceline)
    return Field(f"{''.join(match['label'].split())}：{value}", line)


def _labelled(root: etree._Element) -> list[etree._Element | None]:
    """The item or line element of each text outside tables that opens with a metadata
    label (索引号：…), in page order (a walk: cheaper here than XPath's text tests)."""
    found: list[etree._Element | None] = []
    walk = etree.iterwalk(root, events=("start", "end"))
    for event, element in walk:
        if event == "start":
            if element.tag == "table":
                walk.skip_subtree()
            elif _is_label(element.text):
                found.append(_block_of(element))
        elif _is_label(element.tail) and element is not root:
            found.append(_block_of(element.getparent()))
    return found


def _is_label(text: str | None) -> bool:
    return text is not None and ("：" in text or ":" in text) and bool(_LABEL.match(text))


def _block_of(element: etree._Element | None) -> etree._Element | None:
    while element is not None and element.tag not in BLOCKS:
        element = element.getparent()
    return element


def text_in(element: etree._Element) -> str:
    """All the text inside an element (not its tail): a childless one's own (most cells
    and paragraphs), else serialised in one C call."""
    if len(element):
        return etree.tostring(element, method="text", encoding="unicode", with_tail=False)
    return element.text or ""


def _text(element: etree._Element) -> str:
    """An element's text on one line, white space squeezed."""
    return squeeze(text_in(element)).strip(" \u00a0\u3000")


# -- finding the article --------------------------------------------------------------------


class _Density:
    """How much paragraph text each element holds directly.

    A paragraph's text (a ``<p>``, a ``<div>`` without blocks inside, a whole data table)
    counts for the element that holds the paragraph; text loose in a container with
    blocks inside counts for the container.  Link text (menus, lists of links) does not
    count."""

    def __init__(self, root: etree._Element):
        self.held: dict[etree._Element, int] = {}
        self._leaf: dict[etree._Element, bool] = {}
        self._layout: dict[etree._Element, bool] = {}
        self._redirect: dict[etree._Element, etree._Element | None] = {}
        self._holders: dict[etree._Element, etree._Element | None] = {}
        self._holding: dict[etree._Element, etree._Element | None] = {}  # data table -> holder
        # each cell's table, the innermost: tables are met outer first (cheaper than a walk up
        # from every cell)
        self._table_of = {cell: table for table in root.iter("table") for cell in table.iter(*CELLS)}
        for element in root.iter():
            text, tail = element.text, element.tail
            if text and (size := len(text.strip())):
                self._count(element, size)
            if tail and (size := len(tail.strip())) and element is not root:
                self._count(element.getparent(), size)

    def _count(self, element: etree._Element | None, size: int) -> None:
        """Count ``size`` characters of text found in ``element`` for their holder."""
        if element is None:
            return
        if element not in self._holders:
            self._holders[element] = self._holder(element)
        holder = self._holders[element]
        if holder is not None:
            self.held[holder] = self.held.get(holder, 0) + size

    def within(self, elements: list[etree._Element]) -> dict[etree._Element, int]:
        """The paragraph text each of ``elements`` holds, directly or in its descendants
        (found from the few holders up, not from the elements down through every node)."""
        totals = dict.fromkeys(elements, 0)
        for holder, size in self.held.items():
            for element in (holder, *holder.iterancestors()):
                if element in totals:
                    totals[element] += size
        return totals

    def _holder(self, element: etree._Element | None) -> etree._Element | None:
        """Who holds a text found inside ``element``: the holder of its paragraph, the
        container it lies loose in, or the holder of the data table it is a cell of."""
        while element is not None:
            tag = element.tag
            if tag == "a":
                return None
            if tag in _PARAGRAPHS or (tag in _CONTAINERS and self._is_leaf(element)):
                return self._outside_data_table(element, element.getparent())
            if tag in _CONTAINERS:
                return self._outside_data_table(element, element)
            element = element.getparent()
        return None

    def _outside_data_table(
        self, block: etree._Element, holder: etree._Element | None
    ) -> etree._Element | None:
        """A data table's text is held by what holds the table, whatever blocks its cells
        have (a page saved from Word puts a paragraph in every cell)."""
        if block not in self._redirect:
            cell = block if block.tag in CELLS else next(block.iterancestors(*CELLS), None)
            table = self._table_of.get(cell) if cell is not None else None
            if table is not None and not self.layout(table):
                holder = self._above(table)
            self._redirect[block] = holder
        return self._redirect[block]

    def _above(self, table: etree._Element) -> etree._Element | None:
        """What holds a data table: its parent, a box that wraps the table alone (to scroll
        it on a phone) seen through; found once for all the table's cells."""
        if table not in self._holding:
            holder = table.getparent()
            while holder is not None and _wraps_only(holder) and holder.getparent() is not None:
                holder = holder.getparent()
            self._holding[table] = holder
        return self._holding[table]

    def _is_leaf(self, element: etree._Element) -> bool:
        if element not in self._leaf:
            self._leaf[element] = not any(child.tag in BLOCKS for child in element)
        return self._leaf[element]

    def layout(self, table: etree._Element) -> bool:
        if table not in self._layout:
            self._layout[table] = is_layout(table)
        return self._layout[table]


def _with_siblings(densest: etree._Element, density: _Density) -> etree._Element:
    """The densest element, or its parent when its siblings hold a good part of the text
    too (a page saved from Word puts each section, a landscape table's too, in a div)."""
    parent = densest.getparent()
    if parent is None:
        return densest
    held = density.within([densest, parent])
    return parent if held[parent] - held[densest] >= SIBLING_SHARE * held[densest] else densest


def is_layout(table: etree._Element) -> bool:
    """A table used for page layout, not data: one column, or tables inside it."""
    rows = rows_of(table)
    if table.find(".//table") is not None:
        return True
    return all(len([c for c in row if c.tag in CELLS]) <= 1 for row in rows)


def _wraps_only(element: etree._Element) -> bool:
    """Whether an element holds one element and no text of its own."""
    return (
        len(element) == 1
        and not (element.text or "").strip()
        and not (element[0].tail or "").strip()
    )


def find_article(root: etree._Element, containers: list[etree._Element]) -> etree._Element:
    """The element holding the document: a CMS container when it holds a fair share of the
    page's paragraph text, else the element that directly holds the most of it."""
    density = _Density(root)
    if not density.held:
        raise PlanparseError("the HTML page has no document text")
    densest = max(density.held, key=density.held.__getitem__)
    held = density.within([densest, *containers])
    floor = CMS_SHARE * held[densest]
    candidates = {c: held[c] for c in containers if held[c] >= floor and held[c] > 0}
    if not candidates:
        return _with_siblings(densest, density)
    most = max(candidates.values())
    # the innermost container that holds nearly all: #zoom wraps .TRS_Editor wraps the text
    chosen = [c for c, n in candidates.items() if n >= NESTED_SHARE * most]
    return max(chosen, key=lambda c: sum(1 for _ in c.iterancestors()))
