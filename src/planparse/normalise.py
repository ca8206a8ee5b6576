"""Normalise: one clean text with offsets back to the source.

Widths (full-width letters and digits become ASCII), every kind of space, stray spaces inside
Chinese text (某某市教育局 2021 年 → 某某市教育局2021年), lines broken mid-sentence
(rejoined), page furniture (page numbers, running headers, web-page toolbars) and table
furniture (header rows repeated on each page, a cell continued on the next page).
The result is a list of paragraphs and table rows laid end to end in ``Document.text``:
one paragraph a line, a row's cells separated by tabs (planparse.ir); each paragraph is read
by the grammar as it is made (planparse.grammar.reading), a row's cells once laid out, and
the same text only once in a document.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

import regex

from planparse import webmeta
from planparse.blocks import INDENT, RIGHT, Block
from planparse.grammar.fold import fold
from planparse.grammar.lines import FURNITURE
from planparse.grammar.markers import match_marker, same_label
from planparse.grammar.reading import Reader
from planparse.ir import Cell, Document, Element, Paragraph, Row
from planparse.rules.frontmatter import (
    BREADCRUMB,
    DAMAGED_INDENT,
    PHONETIC_GLOSS,
    TITLE_ENDINGS,
    WEB_METADATA_CELL,
)

# Sentence-final punctuation: a line ending with one of these is a complete paragraph.
TERMINAL = "。！？；!?;：:…"
CLOSERS = "”’」』）)】〕》"
# Characters a heading or a title never ends with: the line must go on.
CONTINUES = "、，,的和与及或等之在对从向把被将为以由（(《“【"
WHOLE_WORDS = ("参与", "给与")  # end with one of those characters, yet end a heading
OPENERS, CLOSING = "《（(“【〔「『", "》）)”】〕」』"
LONG_LINE = 80  # display width (CJK counts 2) beyond which an unpunctuated line is a broken one
SHORT_CELL = 15  # characters: a table cell shorter than this is a label or a list of units
HEAD = 200  # characters of a line's start: more than any marker, furniture line or title needs
NOTICE_TITLE_MAX = 80  # characters in a notice's title spread over several lines
_WEB_METADATA = regex.compile(WEB_METADATA_CELL)
_BREADCRUMB = regex.compile(BREADCRUMB)
RUN_ON = 200  # characters of a line that may hold a whole plan or section
RUN_ON_CUTS = 2  # places to cut it, at least, for it to be one
_INDENT_RUN = regex.compile(r"(?<=\S)[\u3000 ]{2,}(?=\S)")
_INNER_MARKER = regex.compile(
    r"(?<=.)(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、])")
_ENDS_SENTENCE = "。；;！？!?）)"
SITE_HEADER_LINES = 6  # a breadcrumb this near the top has the portal's header above it
SITE_HEADER_WIDTH = 40  # characters in a line of that header
NAV_CELL = 10  # characters in an entry of a navigation bar (首页 | 政务公开 | …)
_SPACES = regex.compile(r"[\s\u3000\u00a0\u2000-\u200b\u202f\u205f\ufeff]+")
# What a web copy leaves in the text that was never in the document: a phonetic gloss a mirror
# site put after a character (公開(kāi)), and indentation an encoding change turned into ?? / □□.
_NOISE = regex.compile(rf"(?P<gloss>{PHONETIC_GLOSS})|(?P<space>{_SPACES.pattern}|{DAMAGED_INDENT})")
_WIDE = regex.compile(r"[\p{Han}\u3000-\u303f\uff00-\uffef\u2014\u2018-\u201d\u2026\u00b7]")


def clean(raw: str) -> str:
    """Fold widths and spaces in one line and drop web noise."""
    out: list[str] = []
    pos = 0
    for match in _NOISE.finditer(raw):
        out.append(raw[pos:match.start()].translate(_NARROW))
        before = raw[match.start() - 1] if match.start() else ""
        after = raw[match.end()] if match.end() < len(raw) else ""
        if match["space"] and before and after and not (_WIDE.match(before) or _WIDE.match(after)):
            out.append(" ")
        pos = match.end()
    out.append(raw[pos:].translate(_NARROW))
    return "".join(out)


# full-width digits and Latin letters become ASCII; full-width punctuation is kept as printed
_NARROW = {code: code - 0xFEE0 for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
           for code in range(lo, hi + 1)}


def width(text: str) -> int:
    """Display width: CJK and full-width characters count 2."""
    return 2 * len(text) - len(_WIDE.sub("", text))


def normalise(blocks: list[Block]) -> Document:
    reader = Reader()  # this document's texts, each read once
    paras = _to_paras(blocks, reader)
    paras, web = _web_metadata(paras)
    paras = _drop_furniture(paras, reader)
    paras = _join_broken_lines(paras, reader)
    paras = _tidy_tables(paras)
    document = _lay_out(paras, reader)
    document.web = web
    return document


def _to_paras(blocks: list[Block], reader: Reader) -> list[Element]:
    paras: list[Element] = []
    for block in blocks:
        if block.is_row:
            cells = [Cell(_clean_cell(raw)) for raw in block.cells or ()]
            paras.append(Row(cells, block.table, block.page, block.line, block.hints))
            continue
        for piece in block.text.split("\n"):
            for start, end in run_on_parts(piece):
                text = clean(piece[start:end])
                if text:
                    paras.append(Paragraph(text, reader.read(text), block.page, block.line, block.hints))
    return paras


def run_on_parts(line: str) -> list[tuple[int, int]]:
    """A whole plan or section printed on one line, cut back into its paragraphs: at runs of
    spaces that stood for paragraph indents, and before the markers inside it (after a
    sentence's end or a closing bracket, or a bracketed numeral anywhere but after 第)."""
    if len(line) < RUN_ON:
        return [(0, len(line))]
    cuts = {m.start() for m in _INDENT_RUN.finditer(line)}
    for match in _INNER_MARKER.finditer(line):
        at = match.start()
        before = line[:at].rstrip(" \u3000")[-1:]
        bracketed = line[at] in "（(" and before not in "第、和及"
        if before and (before in _ENDS_SENTENCE or bracketed) and match_marker(line[at:]):
            cuts.add(at)
    if len(cuts) < RUN_ON_CUTS:
        return [(0, len(line))]
    bounds = [0, *sorted(cuts), len(line)]
    return [(a, b) for a, b in pairwise(bounds) if b > a]


def _clean_cell(raw: str) -> str:
    """A cell's own lines join like paragraphs do; a line break stays only after a full stop."""
    result = ""
    for piece in raw.split("\n"):
        text = clean(piece)
        if not text:
            continue
        if result and result[-1] in TERMINAL + CLOSERS:
            result += "\n"
        result += text
    return result


def _web_metadata(paras: list[Element]) -> tuple[list[Element], dict[str, str]]:
    """Take a web page's metadata block out of the text (lines, or rows of a dumped table),
    keeping what its fields say."""
    taken, fields = webmeta.take([p.text if isinstance(p, Paragraph) else "" for p in paras])
    kept = []
    for para, gone in zip(paras, taken, strict=True):
        cells = [c.text for c in para.cells if c.text] if isinstance(para, Row) else []
        if cells and webmeta.field_line(cells[0]) is not None:  # a row of the block
            for name, value in webmeta.take(cells)[1].items():
                fields.setdefault(name, value)
            continue
        if not gone:
            kept.append(para)
    return kept, fields


def _site_header(paras: list[Element]) -> list[Element]:
    """A portal's header above its breadcrumb (site name, navigation, tools) is no text."""
    for i, para in enumerate(paras[:SITE_HEADER_LINES]):
        if isinstance(para, Paragraph) and _BREADCRUMB.match(fold(para.text)):
            head = paras[:i]
            if all(isinstance(p, Row) or (len(p.text) <= SITE_HEADER_WIDTH and "。" not in p.text)
                   for p in head):
                return paras[i:]
            break
    return paras


def _drop_furniture(paras: list[Element], reader: Reader) -> list[Element]:
    """Page numbers and toolbars always go.  A short line repeated at page breaks (next to a
    page number, or first on a page) goes too, but for its first printing when that opens
    the document as its title; the same line repeated elsewhere is content (责任单位：办公室)."""
    paras = _site_header(paras)
    furniture = [_is_furniture(p, reader) for p in paras]
    repeated = _repeated_at_breaks(paras, furniture)
    kept = [p for p, gone in zip(paras, furniture, strict=True) if not gone]
    first_text = next((p.text for p in kept if isinstance(p, Paragraph)), None)
    seen: set[str] = set()
    result = []
    for para in kept:
        if isinstance(para, Paragraph) and para.text in repeated:
            if para.text in seen or para.text != first_text or not _title_like(para.text):
                continue
            seen.add(para.text)
        result.append(para)
    return result


def _repeated_at_breaks(paras: list[Element], furniture: list[bool]) -> set[str]:
    """The short lines printed at two page breaks or more: running headers and footers."""
    at_breaks = Counter(
        para.text for i, para in enumerate(paras)
        if not furniture[i] and isinstance(para, Paragraph) and _could_be_header(para)
        and _at_page_break(paras, furniture, i)
    )
    return {text for text, n in at_breaks.items() if n >= 2}


def _at_page_break(paras: list[Element], furniture: list[bool], i: int) -> bool:
    """Is paragraph ``i`` next to a page number, or the first of a new page?"""
    neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(paras)]
    if any(furniture[j] and isinstance(paras[j], Paragraph) for j in neighbours):
        return True
    return i > 0 and paras[i].page is not None and paras[i - 1].page not in (None, paras[i].page)


def _is_furniture(para: Element, reader: Reader) -> bool:
    """Page numbers and web toolbars, also when a dump put one between the rows of a table."""
    if isinstance(para, Row):
        filled = [c.text for c in para.cells if c.text]
        if not filled:
            return False
        first = reader.kind(filled[0])
        navigation = first == "web" and all(len(c) <= NAV_CELL for c in filled)
        navigation = navigation or reader.kind(" ".join(filled)) == "web"  # a footer cut at its bar
        return (len(filled) == 1 and first in FURNITURE) or navigation or bool(
            _WEB_METADATA.match(fold(filled[0])))
    return para.reading.kind in FURNITURE


def _could_be_header(para: Paragraph) -> bool:
    return len(para.text) <= 40 and not para.reading.marker and para.text[0] not in "（("


def _join_broken_lines(paras: list[Element], reader: Reader) -> list[Element]:
    full = _full_width(paras)
    result: list[Element] = []
    joining: _Joining | None = None
    for para in paras:
        if joining is not None and isinstance(para, Paragraph) and _continues(joining, para, full):
            joining.add(para)
            continue
        if joining is not None:
            joining.close()
        result.append(para)
        joining = _Joining(para, reader) if isinstance(para, Paragraph) else None
    if joining is not None:
        joining.close()
    return result


def _full_width(paras: list[Element]) -> int | None:
    """The width of a full line when the text was wrapped at a fixed width (copied from PDF)."""
    widths = [width(p.text) for p in paras if isinstance(p, Paragraph) and len(p.text) >= 10]
    if len(widths) < 8:
        return None
    top = statistics.quantiles(widths, n=10)[-1]
    near = sum(1 for w in widths if top * 0.85 <= w <= top * 1.1)
    return int(top * 0.85) if near >= 0.3 * len(widths) else None


class _Joining:
    """A paragraph being rejoined from broken lines, with what :func:`_continues` asks of it
    kept up line by line, so that joining n lines costs O(n), not O(n²)."""

    def __init__(self, para: Paragraph, reader: Reader) -> None:
        self.para = para
        self.reader = reader
        self.parts = [para.text]
        self.length = len(para.text)
        self.head = para.text[:HEAD]  # markers and line kinds are read from a line's start
        self.head_marker = reader.marker(self.head)
        self.balance = _balance(para.text)
        self.stops = para.text.count("。")
        self.width = width(para.text)
        self.last = para.text[-1]

    def add(self, para: Paragraph) -> None:
        self.para.breaks.append((self.length, para.line, para.page))
        self.parts.append(para.text)
        self.length += len(para.text)
        if len(self.head) < HEAD:
            self.head = (self.head + para.text)[:HEAD]
            self.head_marker = self.reader.marker(self.head)
        self.balance += _balance(para.text)
        self.stops += para.text.count("。")
        self.width += width(para.text)
        self.last = para.text[-1]

    def ends_with(self, words: tuple[str, ...]) -> bool:
        # the last two lines hold any word a line break could have cut
        return "".join(self.parts[-2:]).endswith(words)

    def short_text(self, limit: int) -> str | None:
        """The whole text if it is at most ``limit`` characters long."""
        return "".join(self.parts) if self.length <= limit else None

    def short_kind(self) -> str | None:
        """The line kind of the whole text while it is short (no line of a kind is longer)."""
        return None if self.length > HEAD else self.reader.kind("".join(self.parts))

    def close(self) -> None:
        if len(self.parts) > 1:
            self.para.text = "".join(self.parts)
            self.para.reading = self.reader.read(self.para.text)


def _continues(prev: _Joining, para: Paragraph, full: int | None) -> bool:
    """Does ``para`` carry on the sentence ``prev`` broke off?"""
    if _opens_anew(prev, para):
        return False
    if prev.balance > 0:  # a bracket or 《 left open goes on, whatever ends the line
        return True
    short = prev.short_text(HEAD)
    if prev.last in TERMINAL or (short is not None and _title_like(short)):
        return False
    if prev.last in "）)":  # a parenthetical closes an item
        return False
    # body text (it has a full stop inside) that stops without one was cut off
    if prev.stops > (prev.last == "。"):
        return True
    if prev.last in CLOSERS:
        return False
    return _wraps(prev, full)


def _opens_anew(prev: _Joining, para: Paragraph) -> bool:
    """Is ``para`` set apart from ``prev`` by its alignment or indent, or by its kind (an
    item, a date, furniture), or is ``prev`` (while short) a line of a kind?"""
    if (RIGHT in prev.para.hints) != (RIGHT in para.hints) or (
            INDENT in para.hints and prev.head_marker):
        return True  # an indented line after a heading opens a paragraph of its own
    return bool(para.reading.marker or para.reading.kind or prev.short_kind())


def _wraps(prev: _Joining, full: int | None) -> bool:
    """Does ``prev``, ending in neither a full stop nor a closer, run on into the next line?"""
    wrapped = full is not None and prev.width >= full
    if prev.head_marker:  # a heading: only a visible wrap carries it on
        return (prev.last in CONTINUES and not prev.ends_with(WHOLE_WORDS)) or wrapped
    return prev.last in CONTINUES or prev.width > LONG_LINE or wrapped


def _title_like(text: str) -> bool:
    """A short line closed by a genre word (…工作要点, …的通知) is a title, whatever its width;
    a notice's title (关于印发《…》的通知) may run longer."""
    long_ok = len(text) <= NOTICE_TITLE_MAX and "关于" in text
    return ((len(text) <= 40 or long_ok) and text.endswith(TITLE_ENDINGS)
            and not regex.search(r"[，。；,;]", text))


def _balance(text: str) -> int:
    """Brackets and quotes ``text`` opens and leaves open (negative: closes earlier ones)."""
    return sum(text.count(c) for c in OPENERS) - sum(text.count(c) for c in CLOSING)


def _tidy_tables(paras: list[Element]) -> list[Element]:
    """Drop header rows repeated on later pages (also where the table was cut into several),
    with a second header row under them (牵头 / 配合 under a merged 责任单位); join a row split
    at the page break."""
    tables = _Tables()
    for para in paras:
        tables.add(para)
    return tables.result


@dataclass
class _Tables:
    """What :func:`_tidy_tables` has kept so far, and what it knows of the tables seen."""

    result: list[Element] = field(default_factory=list)
    heads: dict[int | None, list[list[str]]] = field(default_factory=dict)  # each table's first two rows
    # a table opening with another's header goes on with that one
    cut_from: dict[int, int] = field(default_factory=dict)
    after_break: bool = False

    def add(self, para: Element) -> None:
        if isinstance(para, Paragraph):
            self.result.append(para)
            return
        texts = [c.text for c in para.cells]
        if self._repeated_head(para, texts):
            self.after_break = True
            return
        if para.table in self.cut_from:
            para.table = self.cut_from[para.table]
        rows = self.heads.setdefault(para.table, [])
        if self.after_break and rows[1:2] == [texts]:
            return  # the second header row, repeated under the first
        if len(rows) < 2:
            rows.append(texts)
        self._add_row(para)

    def _repeated_head(self, para: Row, texts: list[str]) -> bool:
        """Is row ``para`` a table's first row again (its own table's, or an earlier one's)?"""
        earlier = next((t for t, rows in self.heads.items() if rows[0] == texts and t != para.table), None)
        if earlier is None and self.heads.get(para.table, [[]])[0] != texts:
            return False
        last = next((r.table for r in reversed(self.result) if isinstance(r, Row)), None)
        if earlier is not None and para.table is not None and last is not None:
            self.cut_from[para.table] = last  # the rows before this header were its table's
        return True

    def _add_row(self, para: Row) -> None:
        """Keep a body row, or join it to the row above it that a page break cut."""
        last = self.result[-1] if self.result else None
        prev = last if isinstance(last, Row) else None
        new_page = self.after_break or (prev is not None and para.page != prev.page)
        self.after_break = False
        if (prev is not None and prev.table == para.table and new_page
                and _continues_row(prev, para, self.result)):
            _merge_row(prev, para)
        else:
            self.result.append(para)


def _continues_row(prev: Row, row: Row, rows: list[Element]) -> bool:
    """A row at the top of a page whose only new text carries on the previous row's cells."""
    continued = False
    for i, cell in enumerate(row.cells):
        if not cell.text:
            continue
        above = _value_above(rows, row.table, i)
        if above is not None and same_label(above, cell.text):
            continue
        own = prev.cells[i].text if i < len(prev.cells) else ""
        if _cell_goes_on(own, cell.text):
            continued = True
            continue
        return False
    return continued


def _cell_goes_on(own: str, more: str) -> bool:
    """Is ``more`` the rest of the cell ``own``, cut at a page break?  Numbers never are; a
    short cell (a label, a list of units) only when it stops at a separator or the rest
    finishes its sentence."""
    if not own or own[-1] in TERMINAL + CLOSERS or match_marker(more) or more.isdigit():
        return False
    return len(own) >= SHORT_CELL or own[-1] in CONTINUES or more[-1] in "。；;"


def _value_above(rows: list[Element], table: int | None, column: int) -> str | None:
    for para in reversed(rows):
        if isinstance(para, Paragraph) or para.table != table:
            break
        if column < len(para.cells) and para.cells[column].text:
            return para.cells[column].text
    return None


def _merge_row(prev: Row, row: Row) -> None:
    above = prev.cells
    for i, cell in enumerate(row.cells):
        if i >= len(above) or not cell.text:
            continue
        own = above[i]
        if _cell_goes_on(own.text, cell.text):
            own.text += cell.text


def _lay_out(paras: list[Element], reader: Reader) -> Document:
    """Place every paragraph and cell in one text: paragraphs a line, cells tab-separated;
    a cell's text is final only now, and its marker read."""
    parts: list[str] = []
    pos = 0
    for para in paras:
        para.start = pos
        if isinstance(para, Row):
            for i, cell in enumerate(para.cells):
                cell.start = pos
                cell.end = pos + len(cell.text)
                cell.marker = reader.marker(cell.text)
                pos = cell.end + (1 if i < len(para.cells) - 1 else 0)
            para.text = "\t".join(c.text for c in para.cells)
        pos = para.start + len(para.text)
        para.end = pos
        parts.append(para.text)
        pos += 1
    return Document("\n".join(parts), paras)
