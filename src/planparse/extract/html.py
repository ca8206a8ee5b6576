"""HTML pages: the article of a portal page, or a page saved from Word, as paragraphs and rows.

The page is decoded (BOM, else its declared charset, else UTF-8 or GB18030) and parsed with
lxml, never loading entities or anything from the network; a UTF-8 page goes to libxml2 as
bytes, and is decoded by Python only when libxml2 finds bytes that are not UTF-8.  The
tree is read with few Python passes and fewer XPath evaluations, each of which has a high
fixed cost (benchmarks/bench_html.py).  :mod:`html_page` finds the
article and takes out the page's metadata fields (索引号, 文号 …), which are handed on as
one ``label：value`` paragraph each, the form a metadata block takes in scraped text, so the
normaliser and front matter read both alike.  Paragraphs come from blocks and ``<br>``
lines; tables become rows with merged cells as the Word reader gives them: ``""`` for every
grid cell a rowspan or colspan covers.  A page saved from Word prints its list numbers in
``mso-list:Ignore`` spans, which are text like any other.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import cast

from lxml import etree

from planparse.blocks import CENTER, RIGHT, Block
from planparse.errors import PlanparseError
from planparse.extract import Extracted
from planparse.extract.html_page import (
    BLOCKS,
    CELLS,
    clean,
    find_article,
    is_layout,
    rows_of,
    squeeze,
    take_metadata,
    text_in,
)
from planparse.rules.warnings import WarningCode as W

FORMAT = "html"

_MAX_COLUMNS = 64  # caps hostile colspan values
_BREAK = "\u2028"  # where a <br> breaks the paragraph's line (LINE SEPARATOR)
_WHITE = " \t\n\r\f"  # HTML white space (what squeeze squeezes); U+3000 and &nbsp; are text
_ALIGN = re.compile(r"text-align\s*:\s*([a-z-]+)", re.I)
_BREAKING = tuple(BLOCKS | {"br"})  # what breaks a block's text into paragraphs or lines
_HINTS = {None: frozenset(), CENTER: frozenset((CENTER,)), RIGHT: frozenset((RIGHT,))}
_ALIGNS = {"center": CENTER, "middle": CENTER, "right": RIGHT, "end": RIGHT}

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
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")  # lxml refuses a str declaring its encoding
_CONTROL = bytes((*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F))
_SAMPLE = 65536  # bytes tested for control bytes
_REFUSED = (etree.ErrorTypes.ERR_INVALID_ENCODING, etree.ErrorTypes.ERR_RESOURCE_LIMIT)
_CONTROL_SHARE = 0.01  # binary junk named .html: more stray control bytes than this
_REPLACED_SHARE = 0.05  # … or more bytes that no encoding reads


def extract(data: bytes) -> Extracted:
    """Extract the document a web page carries as paragraph and table-row blocks."""
    root, encoding, warnings = _read(data)
    containers = clean(root)
    fields = take_metadata(root)
    article = find_article(root, containers)
    reader = _Reader(_composite(article))
    reader.walk(article, _hint(article, None))
    reader.flush()
    if not reader.blocks:
        raise PlanparseError("the HTML page has no document text")
    blocks = [Block(text=f.text, line=f.line) for f in fields] + reader.blocks
    return Extracted(format=FORMAT, blocks=blocks, encoding=encoding, warnings=warnings)


def _read(data: bytes) -> tuple[etree._Element, str, list[tuple[W, str]]]:
    """The page's tree, its encoding and any warning about its bytes.  A page that is, or
    may be, UTF-8 is handed to libxml2 as bytes, which is cheaper than decoding it first;
    when libxml2 finds bytes that are not UTF-8, Python decodes the page instead."""
    if not data.startswith(tuple(bom for bom, _ in _BOMS)):
        declared = _declared(data[:4096])
        if declared in (None, "utf-8"):
            _check_binary(data)
            root = _parse(data, "utf-8")
            if root is not None:
                return root, "utf-8", []
    text, encoding, warnings = decode(data)
    root = _parse(_XML_DECLARATION.sub("", text, count=1))
    if root is None:
        raise PlanparseError("unreadable HTML page: characters libxml2 cannot read")
    return root, encoding, warnings


def decode(data: bytes) -> tuple[str, str, list[tuple[W, str]]]:
    """The page's text, its encoding (BOM, else declared, else UTF-8 or GB18030) and any
    warning about bytes no encoding could read."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = data.decode(name, errors="replace")
            _check_binary(text[:_SAMPLE].encode("utf-8", errors="replace"))
            return text, name, []
    _check_binary(data)
    declared = _declared(data[:4096])
    names = list(dict.fromkeys(n for n in (declared, "utf-8", "gb18030") if n))
    for name in names:
        try:
            return data.decode(name), name, []
        except UnicodeDecodeError:
            continue
    # a page cut short or with stray bytes: the reading that has to replace the fewest
    texts = {name: data.decode(name, errors="replace") for name in names}
    name = min(names, key=lambda n: texts[n].count("\ufffd"))
    if texts[name].count("\ufffd") > _REPLACED_SHARE * len(texts[name]):
        raise PlanparseError("binary data, not an HTML page")
    warning = (W.HTML_ENCODING, f"bytes that are not {name} were replaced")
    return texts[name], name, [warning]


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


def _check_binary(data: bytes) -> None:
    """Refuse binary junk: control bytes never occur inside the multibyte characters of
    the encodings read from bytes, so they are counted before decoding."""
    sample = data[:_SAMPLE]
    if len(sample) - len(sample.translate(None, _CONTROL)) > _CONTROL_SHARE * len(sample):
        raise PlanparseError("binary data, not an HTML page")


def _parse(page: str | bytes, encoding: str | None = None) -> etree._Element | None:
    """The tree of a decoded page, or of a page's bytes in ``encoding``: None when libxml2
    finds bytes that are not in that encoding."""
    # entities and DTDs are never loaded, and huge_tree stays off so that deep nesting is
    # cut off by the parser
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                              huge_tree=False, encoding=encoding)
    try:
        root = etree.fromstring(page, parser)
    except (etree.LxmlError, ValueError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise PlanparseError(f"unreadable HTML page: {reason}") from None
    errors = {e.type for e in parser.error_log.filter_types(_REFUSED)}
    if etree.ErrorTypes.ERR_INVALID_ENCODING in errors:
        return None
    if root is None:
        raise PlanparseError("the HTML page is empty")
    if etree.ErrorTypes.ERR_RESOURCE_LIMIT in errors:
        raise PlanparseError("refusing the HTML page: elements nested too deeply")
    return root


# -- reading the article --------------------------------------------------------------------


@dataclass
class _Paragraph:
    """The paragraph being gathered: its pieces of text, alignment and source line."""

    pieces: list[str] = field(default_factory=list)
    hint: str | None = None
    line: int | None = None


class _Reader:
    """Walks the article in order, a paragraph per block, a Block per table row."""

    def __init__(self, composite: set[etree._Element]) -> None:
        self.blocks: list[Block] = []
        self._composite = composite  # the elements that are not plain (see _composite)
        self._tables = 0
        self._open = _Paragraph()

    def walk(self, element: etree._Element, hint: str | None = None) -> None:
        """Read ``element``'s content; ``hint`` is the alignment of the block it is in."""
        if element.text:
            self._add(element.text, hint, element)
        for child in element:
            tag = child.tag  # always a name: the parser drops comments and instructions
            if tag == "br":
                self._add(_BREAK, hint, child)
            elif tag == "table":
                self.flush()
                self._table(child, _hint(child, hint))
            elif tag in BLOCKS:
                self.flush()
                if child not in self._composite:  # most paragraphs: their text in one call
                    self._emit(text_in(child), _hint(child, hint), _line(_first_text(child)))
                else:
                    self.walk(child, _hint(child, hint))
                    self.flush()
            else:
                self.walk(child, hint)
            if child.tail:
                self._add(child.tail, hint, element)

    def _add(self, text: str, hint: str | None, element: etree._Element) -> None:
        paragraph = self._open
        if not paragraph.pieces:
            if not text.strip(_WHITE):  # HTML white space between blocks starts nothing
                return
            paragraph.line = _line(element)
            paragraph.hint = hint
        paragraph.pieces.append(text)

    def flush(self) -> None:
        paragraph = self._open
        if paragraph.pieces:
            self._open = _Paragraph()
            self._emit("".join(paragraph.pieces), paragraph.hint, paragraph.line)

    def _emit(self, text: str, hint: str | None, line: int | None) -> None:
        """Add a paragraph, white space squeezed, a line per ``<br>``, unless it is blank."""
        text = squeeze(text)
        if _BREAK in text:
            text = "\n".join(part.strip(" ") for part in text.split(_BREAK) if part.strip())
        elif text.strip():
            text = text.strip(" ")
        else:
            return
        if text:
            self.blocks.append(Block(text=text, line=line, hints=_HINTS[hint]))

    # -- tables

    def _table(self, table: etree._Element, hint: str | None) -> None:
        rows = rows_of(table)
        if is_layout(table):  # its cells are page regions: read them as blocks
            for row in rows:
                for cell in row:
                    if cell.tag in CELLS:
                        self.walk(cell, _hint(cell, hint))
                        self.flush()
            return
        number = self._tables
        self._tables += 1
        for cells, header, line in _grid(rows, self._composite):
            self.blocks.append(Block(cells=cells, table=number, header=header, line=line))


def _cell_text(cell: etree._Element, composite: set[etree._Element]) -> str:
    """A cell's paragraphs, one per line; a nested table gives a line per row."""
    if cell not in composite:  # most cells are plain text
        text = squeeze(text_in(cell)).strip(" ")
        return text if text.strip() else ""
    reader = _Reader(composite)
    reader.walk(cell)
    reader.flush()
    lines = [b.text if b.cells is None else " ".join(filter(None, b.cells)) for b in reader.blocks]
    return "\n".join(line for line in lines if line)


def _grid(
    rows: list[etree._Element], composite: set[etree._Element]
) -> Iterator[tuple[tuple[str, ...], bool, int | None]]:
    """Each row as (one cell per grid column, is a header row, source line): a cell covered
    by a rowspan from above or a colspan from the left is "", as in a Word table."""
    covered: dict[int, int] = {}  # column -> rows, this one included, a rowspan still covers
    grid: list[tuple[list[str], bool, int | None]] = []
    for row in rows:
        cells, tags, covered = _grid_row(row, covered, composite)
        parent = row.getparent()
        in_head = parent is not None and parent.tag == "thead"
        header = in_head or (bool(tags) and set(tags) == {"th"})
        grid.append((cells, header, _line(row)))
    width = max((len(cells) for cells, _, _ in grid), default=0)
    for cells, header, line in grid:
        yield tuple(cells + [""] * (width - len(cells))), header, line


def _grid_row(row: etree._Element, covered: dict[int, int], composite: set[etree._Element]
              ) -> tuple[list[str], list[str], dict[int, int]]:
    """A row's cells on the grid (spans laid out), the tags of its cells, and what the
    rowspans cover of the rows below (column -> rows, the next one included)."""
    cells: list[str] = []
    below = {column: n - 1 for column, n in covered.items() if n > 1}
    tags = []
    for cell in row:
        tag = cell.tag
        if tag not in CELLS:
            continue
        tags.append(tag)
        while len(cells) in covered:
            cells.append("")
        keys = cell.keys()  # most cells span nothing: no attribute to ask for
        colspan = min(_span(cell.get("colspan")), _MAX_COLUMNS) if "colspan" in keys else 1
        rowspan = _span(cell.get("rowspan")) if "rowspan" in keys else 1
        if rowspan > 1:
            below.update(dict.fromkeys(range(len(cells), len(cells) + colspan), rowspan - 1))
        cells += [_cell_text(cell, composite)] + [""] * (colspan - 1)
    cells += [""] * (max(covered, default=-1) + 1 - len(cells))
    return cells, tags, below


def _composite(root: etree._Element) -> set[etree._Element]:
    """The elements in ``root`` that hold blocks, tables or breaks: the rest are plain,
    holding inline content alone, and their text is read in one call."""
    found: set[etree._Element] = set()
    for element in root.iterdescendants(*_BREAKING):
        parent = element.getparent()
        while parent is not None and parent not in found:
            found.add(parent)
            parent = parent.getparent()
    return found


def _first_text(element: etree._Element) -> etree._Element:
    """The element whose text a paragraph starts with: the source line is its line."""
    if element.text:
        return element
    return next((e for e in element.iter() if e.text), element)


def _line(element: etree._Element) -> int | None:
    """The source line an element starts on (lxml's stubs mistype it)."""
    return cast("int | None", element.sourceline)


def _span(value: str | None) -> int:
    if value is None:  # most cells
        return 1
    try:
        return max(1, int(value.strip()))
    except ValueError:
        return 1


def _hint(element: etree._Element, inherited: str | None) -> str | None:
    """CENTER or RIGHT from an element's align attribute or text-align (both inherit)."""
    if element.tag == "center":
        return CENTER
    align = element.get("align")
    style = element.get("style")
    if style and "text-align" in style:
        align = _styled_align(style) or align
    if align is None:
        return inherited
    return _ALIGNS.get(align.lower())


@functools.lru_cache(maxsize=4096)  # a page repeats its paragraphs' styles
def _styled_align(style: str) -> str | None:
    match = _ALIGN.search(style)
    return match[1] if match else None
