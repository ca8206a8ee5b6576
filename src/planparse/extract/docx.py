"""Word .docx: paragraphs and table rows of the main document body, in reading order.

The zip is opened and its XML walked with lxml directly: python-docx's object model is
slower (benchmarks/bench_docx.py) and hides what we need (numbering, merged cells, tracked
changes).  Only the body is read: headers, footers, notes and comments live in other parts.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from io import BytesIO
from typing import NamedTuple

from lxml import etree

from planparse.blocks import CENTER, LARGE, RED, RIGHT, Block
from planparse.errors import PlanparseError
from planparse.extract import Extracted
from planparse.extract.docx_numbering import Label, Numbering, W, is_on, to_int, val
from planparse.extract.limits import Inflation

FORMAT = "docx"

_DOCUMENT = "word/document.xml"
_DOCUMENT_RELS = "word/_rels/document.xml.rels"
_MAX_PART = 48 << 20  # one XML part; its tree takes ~10 times as much memory
_STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"  # "Strict Open XML" files
_TRANSITIONAL_W = W[1:-1].encode()
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, collect_ids=False)
_LARGE_SIZE = 36  # half-points: 18pt, against 16pt body text
_MAX_COLUMNS = 64  # Word allows 63; caps hostile gridSpan/gridBefore values

_VAL = W + "val"
_P, _R, _T, _TBL, _TR, _TC = (W + t for t in ("p", "r", "t", "tbl", "tr", "tc"))
_PPR, _RPR, _TRPR, _TCPR = (W + t for t in ("pPr", "rPr", "trPr", "tcPr"))
_FLDCHAR = W + "fldChar"
_VANISH = W + "vanish"
_NUMPR = W + "numPr"
_DEL = W + "del"
_TBL_HEADER = W + "tblHeader"
_GRID_SPAN = W + "gridSpan"
_MERGES = frozenset((W + "vMerge", W + "hMerge"))  # hMerge: legacy horizontal merge
_SYM = W + "sym"
# content controls and custom XML only wrap content: look through them
_WRAPPERS = frozenset(W + t for t in ("sdt", "sdtContent", "customXml"))
# what a paragraph's text is made of
_CHARS = {W + "tab": " ", W + "ptab": " ", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}
# subtrees that print nothing of the paragraph: deletions, ruby guides, the duplicate
# fallback of alternate content, and drawings/objects (text boxes are not body text)
_SKIPPED = frozenset(
    [W + t for t in ("pPr", "rPr", "del", "moveFrom", "rt", "drawing", "pict", "object")]
    + ["{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"]
)
_WALKED = (_R, _T, _FLDCHAR, _SYM, *_CHARS, *_SKIPPED)


def extract(data: bytes) -> Extracted:
    """Extract the body of a .docx as paragraph and table-row blocks."""
    document, styles, numbering = _read_parts(data)
    body = document.find(W + "body")
    if body is None:
        raise PlanparseError("corrupt .docx: word/document.xml has no document body")
    stylesheet = _Styles(styles)
    reader = _Reader(stylesheet, Numbering(numbering, stylesheet.numbering_styles))
    return Extracted(format=FORMAT, blocks=list(reader.body(body)))


# ---------------------------------------------------------------------------- the package


def _read_parts(
    data: bytes,
) -> tuple[etree._Element, etree._Element | None, etree._Element | None]:
    """Parse the main document and, when the document has them, its styles and numbering."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            budget = Inflation()
            main = _member(package, _DOCUMENT, budget)
            if main is None:
                raise PlanparseError(f"corrupt .docx: {_DOCUMENT} is missing")
            related = _related_parts(package, budget)
            # every part's size is checked before the large ones are inflated
            more = [_member(package, related.get(kind), budget) for kind in ("styles", "numbering")]
            styles, numbering = (_parse(package, info) if info else None for info in more)
            return _parse(package, main), styles, numbering
    except (
        zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
        NotImplementedError,  # compression methods zipfile lacks
        RuntimeError,  # encrypted zip members
        etree.LxmlError,
    ) as exc:  # fmt: skip
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise PlanparseError(f"corrupt .docx: {reason}") from None


def _member(package: zipfile.ZipFile, name: str | None, budget: Inflation) -> zipfile.ZipInfo | None:
    """The part called ``name``, if the package has it and it may be inflated."""
    if name is None:
        return None
    try:
        info = package.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _MAX_PART:
        raise PlanparseError(f"refusing .docx: {name} would inflate to {info.file_size >> 20} MB",
                             code="TooLarge")
    budget.take(info)
    return info


def _parse(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> etree._Element:
    raw = package.read(info).replace(_STRICT_W, _TRANSITIONAL_W)
    return etree.fromstring(raw, _PARSER)


def _related_parts(package: zipfile.ZipFile, budget: Inflation) -> dict[str, str]:
    """Part names of the main document's relationships, by type ("styles", "numbering")."""
    info = _member(package, _DOCUMENT_RELS, budget)
    rels = _parse(package, info) if info else None
    parts: dict[str, str] = {}
    for rel in rels if rels is not None else ():
        target = rel.get("Target")
        if target is None or rel.get("TargetMode") == "External":
            continue
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        if target.startswith("/"):
            parts[kind] = target.lstrip("/")
        else:
            parts[kind] = posixpath.normpath(posixpath.join("word", target))
    return parts


# ---------------------------------------------------------------------------- styles


class _Look(NamedTuple):
    """The formatting properties we read, set by a style or directly (None: unset)."""

    jc: str | None = None
    num_id: str | None = None
    ilvl: str | None = None
    color: str | None = None
    size: int | None = None  # half-points

    @classmethod
    def of(cls, ppr: etree._Element | None, rpr: etree._Element | None) -> _Look:
        num = next(ppr.iterchildren(_NUMPR), None) if ppr is not None else None
        return cls(
            val(ppr, "jc"),
            val(num, "numId"),
            val(num, "ilvl"),
            val(rpr, "color"),
            to_int(val(rpr, "sz")),
        )

    def over(self, base: _Look) -> _Look:
        """These properties, falling back to ``base`` where unset."""
        return _Look._make(mine if mine is not None else theirs
                           for mine, theirs in zip(self, base, strict=True))


class _Styles:
    """styles.xml, each style resolved along its w:basedOn chain when first asked for."""

    def __init__(self, root: etree._Element | None):
        self._styles: dict[str, etree._Element] = {}
        self._resolved: dict[str, _Look] = {}
        self._paragraph_looks: dict[str | None, _Look] = {}
        self.numbering_styles: dict[str, str] = {}  # numbering style -> its w:numId
        self._default_paragraph: str | None = None
        self._defaults = _Look()
        if root is None:
            return
        for style in root.iterchildren(W + "style"):
            style_id = style.get(W + "styleId")
            if style_id is None:
                continue
            self._styles[style_id] = style
            kind = style.get(W + "type")
            if kind == "paragraph" and style.get(W + "default") in ("1", "true", "on"):
                self._default_paragraph = style_id
            elif kind == "numbering":
                num_id = val(style.find(f"{W}pPr/{W}numPr"), "numId")
                if num_id is not None:
                    self.numbering_styles[style_id] = num_id
        defaults = root.find(W + "docDefaults")
        if defaults is not None:
            self._defaults = _Look.of(
                defaults.find(f"{W}pPrDefault/{W}pPr"), defaults.find(f"{W}rPrDefault/{W}rPr")
            )

    def style(self, style_id: str | None) -> _Look:
        """A style's own and inherited properties (document defaults not included)."""
        chain: list[str] = []  # the styles not resolved yet, most derived first
        base = style_id
        while base in self._styles and base not in self._resolved and base not in chain:
            chain.append(base)
            base = val(self._styles[base], "basedOn")
        look = _Look() if base is None or base in chain else self._resolved.get(base, _Look())  # a cycle
        for name in reversed(chain):
            style = self._styles[name]
            look = self._resolved[name] = _Look.of(style.find(_PPR), style.find(_RPR)).over(look)
        return _Look() if style_id is None else self._resolved.get(style_id, _Look())

    def paragraph(self, style_id: str | None) -> _Look:
        """What a paragraph of style ``style_id`` inherits, document defaults included."""
        if style_id not in self._paragraph_looks:
            own = self.style(style_id or self._default_paragraph)
            self._paragraph_looks[style_id] = own.over(self._defaults)
        return self._paragraph_looks[style_id]


# ---------------------------------------------------------------------------- the body


class _Paragraph(NamedTuple):
    text: str
    hints: frozenset[str]


class _Reader:
    """Walks the body in order, keeping the list counters that run through it."""

    def __init__(self, styles: _Styles, numbering: Numbering):
        self._styles = styles
        self._numbering = numbering
        self._tables = 0

    def body(self, body: etree._Element) -> Iterator[Block]:
        for element in _content(body):
            if element.tag == _P:
                paragraph = self._paragraph(element)
                if paragraph is not None and paragraph.text.strip():
                    yield Block(text=paragraph.text, hints=paragraph.hints)
            elif element.tag == _TBL:
                table = self._tables
                self._tables += 1
                for cells, header in self._rows(element):
                    yield Block(cells=cells, table=table, header=header)

    # -- paragraphs

    def _paragraph(self, p: etree._Element) -> _Paragraph | None:
        """The paragraph as printed, list label included; None if deleted outright."""
        ppr = next(p.iterchildren(_PPR), None)
        style_id = val(ppr, "pStyle")
        look = _Look.of(ppr, None).over(self._styles.paragraph(style_id))
        text, red, large = self._runs(p, look)
        if not text and ppr is not None and ppr.find(f"{W}rPr/{W}del") is not None:
            return None  # content and paragraph mark are tracked deletions: not printed
        label = self._label(look, style_id)
        return _Paragraph(label.prefix(text) if label else text, _hints(look.jc, red, large))

    def _label(self, look: _Look, style_id: str | None) -> Label | None:
        """Advance the paragraph's list, if it is numbered (directly or by its style)."""
        if look.num_id is None or look.num_id == "0":  # numId 0 switches numbering off
            return None
        ilvl = to_int(look.ilvl)
        if ilvl is None:  # a style bound to a level of the list picks that level
            ilvl = self._numbering.level_of_style(look.num_id, style_id) or 0
        return self._numbering.label(look.num_id, ilvl)

    def _runs(self, p: etree._Element, look: _Look) -> tuple[str, bool, bool]:
        """The visible text of a paragraph and whether all of it is red / large."""
        pieces: list[str] = []
        inked: list[etree._Element | None] = []  # rPr of each piece with visible text
        rpr: etree._Element | None = None
        fields: list[bool] = []  # per open complex field: has its result begun?
        walk = etree.iterwalk(p, events=("start",), tag=_WALKED)
        for _, element in walk:
            tag = element.tag
            if tag in _SKIPPED:
                walk.skip_subtree()
            elif tag == _R:
                rpr = next(element.iterchildren(_RPR), None)
                if rpr is not None and is_on(next(rpr.iterchildren(_VANISH), None)):
                    walk.skip_subtree()  # hidden text
            elif tag == _FLDCHAR:
                _track_field(element.get(W + "fldCharType"), fields)
            elif all(fields):  # outside any field instruction
                piece = _piece(element)
                pieces.append(piece)
                if piece.strip():
                    inked.append(rpr)
        return "".join(pieces), *self._emphasis(inked, look)

    def _emphasis(self, inked: list[etree._Element | None], look: _Look) -> tuple[bool, bool]:
        """Whether every inked run is red, and whether every one is large.  Stops at the
        first run that is neither, so plain body text costs a single look-up."""
        red = large = bool(inked)
        for rpr in inked:
            run = self._run_look(rpr, look)
            red = red and _is_red(run.color)
            large = large and (run.size or 0) >= _LARGE_SIZE
            if not (red or large):
                break
        return red, large

    def _run_look(self, rpr: etree._Element | None, look: _Look) -> _Look:
        """A run's formatting: direct, else its character style's, else the paragraph's."""
        return _Look.of(None, rpr).over(self._styles.style(val(rpr, "rStyle"))).over(look)

    # -- tables

    def _rows(self, tbl: etree._Element) -> list[tuple[tuple[str, ...], bool]]:
        """Each row as (one cell per grid column, is a header row)."""
        grid = len(tbl.findall(f"{W}tblGrid/{W}gridCol"))
        limit = max(grid, _MAX_COLUMNS)  # no span may inflate a row beyond this
        rows: list[tuple[list[str], bool]] = []
        for tr in _content(tbl, _TR):
            trpr = next(tr.iterchildren(_TRPR), None)
            if trpr is not None and next(trpr.iterchildren(_DEL), None) is not None:
                continue  # a tracked-deleted row
            header = trpr is not None and is_on(next(trpr.iterchildren(_TBL_HEADER), None))
            rows.append((self._cells(tr, trpr, limit), header))
        # pad to the grid; a row wider than its (malformed) grid keeps its text
        width = max([grid] + [len(cells) for cells, _ in rows])
        return [(tuple(cells + [""] * (width - len(cells))), header) for cells, header in rows]

    def _cells(self, tr: etree._Element, trpr: etree._Element | None, limit: int) -> list[str]:
        """A row's cells: "" for each grid column skipped, spanned or merged over."""

        def blank(columns: int | None) -> list[str]:
            return [""] * min(columns or 0, limit)

        cells = blank(to_int(val(trpr, "gridBefore")))
        for tc in _content(tr, _TC):
            span, covered = _cell_layout(next(tc.iterchildren(_TCPR), None))
            cells.append("" if covered else self._cell_text(tc))
            cells += blank(min(span, limit) - 1)
        cells += blank(to_int(val(trpr, "gridAfter")))
        return cells

    def _cell_text(self, tc: etree._Element) -> str:
        """A cell's paragraphs, one per line; a nested table gives a line per row."""
        lines: list[str] = []
        for element in _content(tc):
            if element.tag == _P:
                paragraph = self._paragraph(element)
                lines.append(paragraph.text if paragraph else "")
            elif element.tag == _TBL:
                lines.extend(" ".join(filter(None, cells)) for cells, _ in self._rows(element))
        return "\n".join(line for line in lines if line.strip())


def _content(parent: etree._Element, tag: str | None = None) -> Iterator[etree._Element]:
    """Children of ``parent`` (of ``tag`` only, if given), seen through content controls."""
    for child in parent:
        if child.tag in _WRAPPERS:
            yield from _content(child, tag)
        elif tag is None or child.tag == tag:
            yield child


def _hints(jc: str | None, red: bool, large: bool) -> frozenset[str]:
    hints = {CENTER} if jc == "center" else {RIGHT} if jc in ("right", "end") else set()
    if red:
        hints.add(RED)
    if large:
        hints.add(LARGE)
    return frozenset(hints)


def _cell_layout(tcpr: etree._Element | None) -> tuple[int, bool]:
    """How many grid columns a cell spans, and whether it is covered by the merged cell
    above (vMerge) or to its left (hMerge) rather than holding text of its own."""
    span, covered = 1, False
    for prop in tcpr if tcpr is not None else ():
        if prop.tag == _GRID_SPAN:
            span = to_int(prop.get(_VAL)) or 1
        elif prop.tag in _MERGES:
            covered = prop.get(_VAL, "continue") == "continue"
    return span, covered


def _track_field(kind: str | None, fields: list[bool]) -> None:
    """Track complex fields: text between begin and separate is the instruction."""
    if kind == "begin":
        fields.append(False)
    elif kind == "separate" and fields:
        fields[-1] = True
    elif kind == "end" and fields:
        fields.pop()


def _piece(element: etree._Element) -> str:
    """The text one walked element prints."""
    if element.tag == _T:
        return element.text or ""
    if element.tag == _SYM:
        return _symbol(element)
    return _CHARS[element.tag]


def _symbol(sym: etree._Element) -> str:
    """A w:sym character.  Symbol-font glyphs sit in the private use area and have no text
    form; like control characters they are not printable and print nothing here."""
    try:
        char = chr(int(sym.get(W + "char") or "", 16))
    except (ValueError, OverflowError):  # not hex, or beyond Unicode
        return ""
    return char if char.isprintable() else ""


def _is_red(color: str | None) -> bool:
    """Red as 红头 documents use it: FF0000, C00000, E60012 … (not auto, not dark red)."""
    if color is None or len(color) != 6:
        return False
    try:
        r, g, b = (int(color[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return False
    return r >= 0xC0 and g <= 0x40 and b <= 0x40
