"""HTML pages: the article of a portal page, or a page saved from Word, as paragraphs and rows.

A portal page wraps the document in navigation, a metadata table, toolbars and a footer.
The article is the CMS container that holds the page's paragraph text (TRS_Editor, #zoom …)
or, failing that, the element that directly holds the most paragraph text.  The metadata
fields (索引号, 文号 …) are handed on as one ``label：value`` paragraph each, the form a
metadata block takes in scraped text, so the normaliser and front matter read both alike.
Tables become rows with merged cells as the Word reader gives them: ``""`` for every grid
cell a rowspan or colspan covers.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import cast

from lxml import etree

from planparse.blocks import CENTER, RIGHT, Block
from planparse.errors import PlanparseError
from planparse.extract import Extracted
from planparse.rules.frontmatter import WEB_METADATA

FORMAT = "html"

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
METADATA_VALUE_MAX = 100  # characters: a longer "value" is document text, not a field
NESTED_SHARE = 0.9  # an inner CMS container holding this share of an outer one is preferred

# Elements that never print document text.
_DROPPED = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "head", "title", "meta", "link", "input", "button", "select", "textarea", "map",
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
_BLOCKS = _PARAGRAPHS | _CONTAINERS | {"table", "tr", "hr"}
_CELLS = ("td", "th")
_MAX_COLUMNS = 64  # caps hostile colspan values
_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML white space; U+3000 and &nbsp; are text
_BREAK = "\u2028"  # where a <br> breaks the paragraph's line (LINE SEPARATOR)
_HIDDEN = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all"
    r"|mso-element\s*:\s*(?:header|footer|footnote-list|endnote-list|comment-list)", re.I
)
_ALIGN = re.compile(r"text-align\s*:\s*([a-z-]+)", re.I)
_ALIGNS = {"center": CENTER, "middle": CENTER, "right": RIGHT, "end": RIGHT}
# a furniture word standing alone in a class or id: m-share, article-tools, printBtn
_FURNITURE_NAME = re.compile(rf"(?<![a-zA-Z])(?i:{'|'.join(FURNITURE_NAMES)})(?![a-z])")
_CMS_NAMES = frozenset(CMS_CONTAINERS)
_LABEL = re.compile(rf"^\s*(?P<label>{WEB_METADATA})\s*(?:[:：]\s*|$)")


def _xpath(path: str) -> Callable[[etree._Element], list]:
    """A compiled XPath that selects nodes (typed: lxml's stubs allow any result)."""
    compiled = etree.XPath(path)
    return lambda node: cast(list, compiled(node))


_LOOSE_TEXTS = _xpath("descendant::text()[not(ancestor::table)]")
_STYLED = _xpath("descendant::*[@hidden or @style]")
_NAMED = _xpath("descendant::*[@class or @id]")
_SCRIPT_LINKS = _xpath("descendant::a[starts-with(normalize-space(@href), 'javascript:')]")
_TEXTS = _xpath("descendant::text()")
_ROWS = _xpath("tr|thead/tr|tbody/tr|tfoot/tr")

# -- decoding -------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHARSET = re.compile(
    rb"<meta[^>]{0,300}?charset\s*=\s*[\"']?\s*([a-z0-9_.:-]{1,40})"
    rb"|<\?xml[^>]{0,100}?encoding\s*=\s*[\"']([a-z0-9_.:-]{1,40})",
    re.I,
)
# Declared charsets read by the codec that covers them (GB18030 ⊃ GBK ⊃ GB2312).
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "cp950": "big5hkscs"}
_ALIASES = {"x-gbk": "gbk", "x-x-big5": "big5", "x-gb2312": "gb2312"}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_SHARE = 0.01  # binary junk named .html: more stray control bytes than this
_REPLACED_SHARE = 0.05  # … or more bytes that no encoding reads


def extract(data: bytes) -> Extracted:
    """Extract the document a web page carries as paragraph and table-row blocks."""
    text, encoding, warnings = decode(data)
    root = _parse(text)
    containers = _clean(root)
    fields = _metadata(root)
    reader = _Reader()
    article = _article(root, containers)
    reader.walk(article, _hint(article, None))
    reader.flush()
    if not reader.blocks:
        raise PlanparseError("the HTML page has no document text")
    blocks = [Block(text=f) for f in fields] + reader.blocks
    return Extracted(format=FORMAT, blocks=blocks, encoding=encoding, warnings=warnings)


def decode(data: bytes) -> tuple[str, str, list[tuple[str, str]]]:
    """The page's text, its encoding (BOM, else declared, else UTF-8 or GB18030) and any
    warning about bytes no encoding could read."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(name, errors="replace")), name, []
    declared = _declared(data[:4096])
    names = list(dict.fromkeys(n for n in (declared, "utf-8", "gb18030") if n))
    for name in names:
        try:
            return _checked(data.decode(name)), name, []
        except UnicodeDecodeError:
            continue
    # a page cut short or with stray bytes: the reading that has to replace the fewest
    texts = {name: data.decode(name, errors="replace") for name in names}
    name = min(names, key=lambda n: texts[n].count("\ufffd"))
    if texts[name].count("\ufffd") > _REPLACED_SHARE * len(texts[name]):
        raise PlanparseError("binary data, not an HTML page")
    return _checked(texts[name]), name, [("html_encoding", f"bytes that are not {name} were replaced")]


def _declared(head: bytes) -> str | None:
    """The charset a ``<meta>`` tag or the XML declaration names, if Python knows it."""
    match = _CHARSET.search(head)
    if match is None:
        return None
    raw = (match[1] or match[2]).decode("ascii").lower()
    try:
        name = codecs.lookup(_ALIASES.get(raw, raw)).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):  # found as ASCII bytes: the declaration is wrong
        return None
    return _WIDER.get(name, name)


def _checked(text: str) -> str:
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > _CONTROL_SHARE * len(sample):
        raise PlanparseError("binary data, not an HTML page")
    return text


def _parse(text: str) -> etree._Element:
    # lxml refuses a str that still declares its encoding; entities and DTDs are never
    # loaded, and huge_tree stays off so that deep nesting is cut off by the parser
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                              huge_tree=False)
    try:
        root = etree.fromstring(_XML_DECLARATION.sub("", text, count=1), parser)
    except (etree.LxmlError, ValueError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise PlanparseError(f"unreadable HTML page: {reason}") from None
    if root is None:
        raise PlanparseError("the HTML page is empty")
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        raise PlanparseError("refusing the HTML page: elements nested too deeply")
    return root


# -- cleaning -------------------------------------------------------------------------------


def _clean(root: etree._Element) -> list[etree._Element]:
    """Drop what never prints document text: scripts and styles, hidden elements, script
    links (打印, 关闭, 分享) and short elements named as page furniture.  Returns the CMS
    containers found on the way."""
    etree.strip_elements(root, *_DROPPED, with_tail=False)
    for element in _SCRIPT_LINKS(root):
        _drop(element)
    for element in _STYLED(root):
        if element.get("hidden") is not None or _hides(element.get("style") or ""):
            _drop(element)
    containers = []
    for element in _NAMED(root):
        names = f"{element.get('class') or ''} {element.get('id') or ''}"
        if _FURNITURE_NAME.search(names) and _text_length(element) <= FURNITURE_MAX:
            _drop(element)
        elif not _CMS_NAMES.isdisjoint(names.split()):
            containers.append(element)
    for element in list(root.iter(*_FURNITURE_TAGS)):
        if _text_length(element) <= FURNITURE_MAX:
            _drop(element)
    return containers


def _hides(style: str) -> bool:
    # the substring test spares most styles the (slow, case-blind) expression
    lower = style.lower()
    return ("none" in lower or "hidden" in lower or "mso-" in lower) and bool(_HIDDEN.search(lower))


def _text_length(element: etree._Element) -> int:
    return sum(len(t.strip()) for t in element.itertext())


def _drop(element: etree._Element) -> None:
    """Remove an element (and all inside it) but keep the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


# -- the page's metadata --------------------------------------------------------------------


def _metadata(root: etree._Element) -> list[str]:
    """The page's metadata fields as ``label：value``, each taken out of the page: a table
    whose rows open with metadata labels, and labelled lines (索引号：…) outside tables."""
    fields: list[str] = []
    for table in list(root.iter("table")):
        rows = [[c for c in row if c.tag in _CELLS] for row in _ROWS(table)]
        if sum(1 for cells in rows if cells and _LABEL.match(_text(cells[0]))) >= METADATA_ROWS:
            fields += [f for cells in rows for i, cell in enumerate(cells)
                       if (f := _field(cell, cells[i + 1] if i + 1 < len(cells) else None))]
            _drop(table)
    for text in _LOOSE_TEXTS(root):
        if not _LABEL.match(text):
            continue
        holder = _holder_of(text)
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


def _field(element: etree._Element, following: etree._Element | None) -> str | None:
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
    return f"{''.join(match['label'].split())}：{value}"


def _holder_of(text: etree._ElementUnicodeResult) -> etree._Element | None:
    """The item or line element a metadata label sits in."""
    element = text.getparent()
    if element is not None and text.is_tail:
        element = element.getparent()
    while element is not None and element.tag not in _BLOCKS:
        element = element.getparent()
    return element


def _text(element: etree._Element) -> str:
    """An element's text on one line, white space squeezed."""
    text = etree.tostring(element, method="text", encoding="unicode", with_tail=False)
    return _SPACE.sub(" ", text).strip(" \u00a0\u3000")


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
        for text in _TEXTS(root):
            size = len(text.strip())
            if not size:
                continue
            element = text.getparent()
            holder = self._holder(element.getparent() if text.is_tail else element)
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
        """A data table's text is held by the table's holder, whatever blocks its cells
        have (a page saved from Word puts a paragraph in every cell)."""
        if block not in self._redirect:
            cell = block if block.tag in _CELLS else next(block.iterancestors(*_CELLS), None)
            table = _table_of(cell) if cell is not None else None
            if table is not None and not self.layout(table):
                holder = table.getparent()
            self._redirect[block] = holder
        return self._redirect[block]

    def _is_leaf(self, element: etree._Element) -> bool:
        if element not in self._leaf:
            self._leaf[element] = not any(child.tag in _BLOCKS for child in element)
        return self._leaf[element]

    def layout(self, table: etree._Element | None) -> bool:
        """A table used for page layout, not data: one column, or tables inside it."""
        if table is None:
            return True
        if table not in self._layout:
            self._layout[table] = is_layout(table)
        return self._layout[table]


def is_layout(table: etree._Element) -> bool:
    rows = _ROWS(table)
    if table.find(".//table") is not None:
        return True
    return all(len([c for c in row if c.tag in _CELLS]) <= 1 for row in rows)


def _table_of(cell: etree._Element) -> etree._Element | None:
    return next(cell.iterancestors("table"), None)


def _article(root: etree._Element, containers: list[etree._Element]) -> etree._Element:
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
        return densest
    most = max(candidates.values())
    # the innermost container that holds nearly all: #zoom wraps .TRS_Editor wraps the text
    chosen = [c for c, n in candidates.items() if n >= NESTED_SHARE * most]
    return max(chosen, key=lambda c: sum(1 for _ in c.iterancestors()))


# -- reading the article --------------------------------------------------------------------


@dataclass
class _Paragraph:
    """The paragraph being gathered: its pieces of text, alignment and source line."""

    pieces: list[str] = field(default_factory=list)
    hint: str | None = None
    line: int | None = None


class _Reader:
    """Walks the article in order, a paragraph per block, a Block per table row."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._tables = 0
        self._open = _Paragraph()

    def walk(self, element: etree._Element, hint: str | None = None) -> None:
        """Read ``element``'s content; ``hint`` is the alignment of the block it is in."""
        if element.text:
            self._add(element.text, hint, element)
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                pass  # an entity reference or a comment the parser kept
            elif tag == "br":
                self._add(_BREAK, hint, child)
            elif tag == "table":
                self.flush()
                self._table(child, _hint(child, hint))
            elif tag in _BLOCKS:
                self.flush()
                self.walk(child, _hint(child, hint))
                self.flush()
            else:
                self.walk(child, hint)
            if child.tail:
                self._add(child.tail, hint, element)

    def _add(self, text: str, hint: str | None, element: etree._Element) -> None:
        paragraph = self._open
        if not paragraph.pieces:
            paragraph.line = _line(element)
            paragraph.hint = hint
        paragraph.pieces.append(text)

    def flush(self) -> None:
        paragraph, self._open = self._open, _Paragraph()
        if not paragraph.pieces:
            return
        lines = _SPACE.sub(" ", "".join(paragraph.pieces)).split(_BREAK)
        text = "\n".join(line.strip(" ") for line in lines if line.strip())
        if text:
            hints = frozenset((paragraph.hint,)) if paragraph.hint else frozenset()
            self.blocks.append(Block(text=text, line=paragraph.line, hints=hints))

    # -- tables

    def _table(self, table: etree._Element, hint: str | None) -> None:
        rows = _ROWS(table)
        if is_layout(table):  # its cells are page regions: read them as blocks
            for row in rows:
                for cell in row:
                    if cell.tag in _CELLS:
                        self.walk(cell, hint)
                        self.flush()
            return
        number = self._tables
        self._tables += 1
        for cells, header, line in _grid(rows):
            self.blocks.append(Block(cells=cells, table=number, header=header, line=line))


def _cell_text(cell: etree._Element) -> str:
    """A cell's paragraphs, one per line; a nested table gives a line per row."""
    if not len(cell):  # most cells are plain text
        return _SPACE.sub(" ", cell.text or "").strip(" ")
    reader = _Reader()
    reader.walk(cell)
    reader.flush()
    lines = [b.text if b.cells is None else " ".join(filter(None, b.cells)) for b in reader.blocks]
    return "\n".join(line for line in lines if line)


def _grid(rows: list[etree._Element]) -> Iterator[tuple[tuple[str, ...], bool, int | None]]:
    """Each row as (one cell per grid column, is a header row, source line): a cell covered
    by a rowspan from above or a colspan from the left is "", as in a Word table."""
    covered: dict[int, int] = {}  # column -> rows, this one included, a rowspan still covers
    grid: list[tuple[list[str], bool, int | None]] = []
    for row in rows:
        cells: list[str] = []
        below = {column: n - 1 for column, n in covered.items() if n > 1}
        tags = []
        for cell in row:
            if cell.tag not in _CELLS:
                continue
            tags.append(cell.tag)
            while len(cells) in covered:
                cells.append("")
            colspan = min(_span(cell.get("colspan")), _MAX_COLUMNS)
            rowspan = _span(cell.get("rowspan"))
            if rowspan > 1:
                below.update(dict.fromkeys(range(len(cells), len(cells) + colspan), rowspan - 1))
            cells += [_cell_text(cell)] + [""] * (colspan - 1)
        cells += [""] * (max(covered, default=-1) + 1 - len(cells))
        covered = below
        parent = row.getparent()
        header = (parent is not None and parent.tag == "thead") or (bool(tags) and set(tags) == {"th"})
        grid.append((cells, header, _line(row)))
    width = max((len(cells) for cells, _, _ in grid), default=0)
    for cells, header, line in grid:
        yield tuple(cells + [""] * (width - len(cells))), header, line


def _line(element: etree._Element) -> int | None:
    """The source line an element starts on (lxml's stubs mistype it)."""
    return cast("int | None", element.sourceline)


def _span(value: str | None) -> int:
    try:
        return max(1, int((value or "1").strip()))
    except ValueError:
        return 1


def _hint(element: etree._Element, inherited: str | None) -> str | None:
    """CENTER or RIGHT from an element's align attribute or text-align (both inherit)."""
    if element.tag == "center":
        return CENTER
    align = element.get("align")
    style = element.get("style")
    if style and "text-align" in style:
        match = _ALIGN.search(style)
        align = match[1] if match else align
    if align is None:
        return inherited
    return _ALIGNS.get(align.lower())
