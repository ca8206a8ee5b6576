"""Plain text: detect the encoding, split into lines; tab-separated lines are table rows."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from functools import lru_cache

import regex

from planparse.blocks import INDENT, RIGHT, Block
from planparse.errors import PlanparseError
from planparse.extract import Extracted, flattened
from planparse.rules.warnings import WarningCode as W

FORMAT = "txt"

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Characters of a Chinese plain-text document: CJK, CJK and full-width punctuation, ASCII.
_PLAUSIBLE = regex.compile(r"[\p{Han}\u3000-\u303f\uff00-\uffef\u2010-\u206f\x09\x0a\x0d\x20-\x7e]")
# Controls that never occur in a real text document (tab, LF, CR, FF allowed).
_BINARY = {c for c in range(32) if c not in (9, 10, 12, 13)} | {127}
# A Markdown copy's heading and quote marks (# 标题, > 发布时间：…) are no text.
_MARKDOWN = regex.compile(r"^\s*(?:#{1,6}\s+|>\s*)")
_MARKDOWN_OPENERS = ("#", ">")
DOUBLE_BYTE = ("gb18030", "big5hkscs")
# GB2312's level-1 hanzi and Big5's frequently used characters (3755 and 5401 of each)
_COMMON_RANGES = (("gb2312", 0xB0A1, 0xD7F9), ("big5", 0xA440, 0xC67E))
_HAN = regex.compile(r"\p{Han}")
PLAUSIBILITY_SAMPLE = 20000  # characters
MOJIBAKE_REFUSED = 0.5  # common share below which no reading is text
MOJIBAKE_DOUBTFUL = 0.85  # common share below which the reading is flagged
RIGHT_INDENT = 8  # a line pushed this far right is a signature or a date line
PARAGRAPH_INDENT = 2  # a line indented this far opens a paragraph


def decode(data: bytes) -> tuple[str, str]:
    """Return the text and the name of the encoding it was found to be in."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _checked(data, name), name
    try:
        return _checked(data, "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(data, utf16), utf16
    if b"\x00" in data[:65536]:
        raise PlanparseError("binary data, not a text document")
    return _double_byte(data)


def _double_byte(data: bytes) -> tuple[str, str]:
    """GB18030 or Big5 (HKSCS): both decode most byte strings, so the reading whose Chinese
    characters are the common ones (GB2312's level-1 simplified or Big5's frequent traditional
    characters) wins; mojibake is made of rare ones."""
    readings = []
    for name in DOUBLE_BYTE:
        try:
            text = _checked(data, name)
        except UnicodeDecodeError:
            continue
        readings.append((common_share(text[:PLAUSIBILITY_SAMPLE]), name, text))
    if not readings:
        raise PlanparseError("undecodable text: not UTF-8, UTF-16, GB18030/GBK or Big5") from None
    share, name, text = max(readings, key=lambda r: r[0])
    if share < MOJIBAKE_REFUSED:
        raise PlanparseError("the text decodes only to mojibake (no encoding gives common "
                             "Chinese characters)")
    return text, name


def common_share(text: str) -> float:
    """The share of Chinese characters in ``text`` that are common ones (1.0 with none)."""
    han = [ch for ch in text if _HAN.match(ch)]
    return sum(1 for ch in han if _common(ch)) / len(han) if han else 1.0


@lru_cache(maxsize=16384)
def _common(ch: str) -> bool:
    for encoding, low, high in _COMMON_RANGES:
        try:
            code = int.from_bytes(ch.encode(encoding), "big")
        except UnicodeEncodeError:
            continue
        if low <= code <= high:
            return True
    return False


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: the byte order whose text reads as Chinese and ASCII."""
    if len(data) % 2:
        return None
    sample = data[:8192]
    best, best_share = None, 0.95
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        share = sum(1 for ch in text if _PLAUSIBLE.match(ch)) / max(1, len(text))
        if share > best_share:
            best, best_share = name, share
    return best


def _checked(data: bytes, encoding: str) -> str:
    text = data.decode(encoding)
    if any(ord(ch) in _BINARY for ch in text[:65536]):
        raise PlanparseError("binary data, not a text document")
    return text


def extract(data: bytes) -> Extracted:
    text, encoding = decode(data)
    if not text.strip():
        raise PlanparseError("the file has no text")
    extracted = Extracted(format=FORMAT, blocks=list(blocks_of(text)), encoding=encoding)
    share = common_share(text[:PLAUSIBILITY_SAMPLE])
    if share < MOJIBAKE_DOUBTFUL:
        extracted.warnings.append((W.DOUBTFUL_ENCODING, f"read as {encoding}, but only "
                                   f"{share:.0%} of its Chinese characters are common ones: "
                                   "it may be mojibake"))
    return extracted


def blocks_of(text: str) -> list[Block]:
    """One block a non-blank line (CRLF, CR and LF all end a line).

    A line with a tab inside it is a table row, and so is a line a scraper flattened with
    ``|`` between its cells; a table flattened one cell a line is read back into its rows
    (planparse.extract.flattened).  Blank lines do not end a table (a table dumped page by
    page has them between pages); a line without separators between two rows is a row of one
    cell, as a merged row spanning the table is dumped; any other line ends it.
    """
    lines = [entry for entry in _lines(text) if not flattened.is_rule(entry[1])]
    blocks: list[Block] = []
    table = -1
    k = 0
    while k < len(lines):
        number, line = lines[k]
        end, rows = _flattened(lines, k) if _may_flatten(line) else (k, [])
        if rows:  # a table one cell a line
            table = _joined_table(blocks, table)
            blocks.extend(Block(cells=tuple(cells), line=number, table=table) for cells in rows)
            k = end
            continue
        if flattened.is_bars(line):  # a line of bars between rows flattened one a line
            k += 1
            continue
        row = _row(line)
        if row or _between_rows(blocks, lines, k):
            table = _joined_table(blocks, table)
            blocks.append(Block(cells=tuple(row or [line]), line=number, table=table))
        else:
            blocks.append(_text_block(line, number))
        k += 1
    return blocks


def _joined_table(blocks: list[Block], table: int) -> int:
    """The table a row goes into: the last block's if that is a row, else a new one."""
    return table if blocks and blocks[-1].is_row else table + 1


def _between_rows(blocks: list[Block], lines: list[tuple[int, str]], k: int) -> bool:
    """Is line ``k`` between two rows (a row of one cell, as a merged row is dumped)?"""
    return bool(blocks) and blocks[-1].is_row and k + 1 < len(lines) and _row(lines[k + 1][1]) is not None


def _text_block(line: str, number: int) -> Block:
    """A line of text, without the Markdown heading or quote mark or the bar it opens with."""
    mark = _MARKDOWN.match(line) if line.lstrip()[:1] in _MARKDOWN_OPENERS else None
    skip = mark.end() if mark else 0
    text_line = flattened.without_bar(line[skip:])
    return Block(text=text_line, line=number, hints=_hints(line))


def _hints(line: str) -> frozenset[str]:
    indent = len(line) - len(line.lstrip(" \u3000?？□"))  # ?? and □□: spaces an encoding change damaged
    if indent >= RIGHT_INDENT:
        return frozenset({RIGHT})
    return frozenset({INDENT}) if indent >= PARAGRAPH_INDENT else frozenset()


def _row(line: str) -> list[str] | None:
    """A row's cells: tab-separated, or flattened with bars."""
    if "\t" in line.strip(" \u3000"):
        return line.split("\t")
    return flattened.row_cells(line)


def _may_flatten(line: str) -> bool:
    """A cheap test before looking for a flattened table at a line: a bar or a column name."""
    return flattened.BAR in line or flattened.is_column_name(line)


def _flattened(lines: list[tuple[int, str]], k: int) -> tuple[int, list[list[str]]]:
    """A table flattened one cell a line from line ``k`` on: where it ends, and its rows."""
    end = _stream_end(lines, k)
    if end > k:
        tokens = [t for _, text_line in lines[k:end] for t in _tokens(text_line)]
        return end, flattened.stream_rows(tokens)
    if not flattened.is_column_name(lines[k][1]):
        return k, []
    texts = [text_line.strip() for _, text_line in lines[k:]]
    bare = flattened.bare_extent(texts)
    return k + bare, flattened.table_rows(texts[:bare]) if bare else []


def _tokens(line: str) -> list[str | None]:
    return flattened.stream_token(line) or [line.strip()]


def _stream_end(lines: list[tuple[int, str]], k: int) -> int:
    """Where a table flattened one cell a line, starting at line ``k``, ends (``k`` if none
    starts there): its lines are bars, cells closed by a bar, or cells with a line of bars next."""
    j, bars = k, 0
    while j < len(lines):
        token = flattened.stream_token(lines[j][1])
        bar_next = j + 1 < len(lines) and flattened.is_bars(lines[j + 1][1])
        if token is None and (not bar_next or _row(lines[j][1])):
            break
        bars += (token or []).count(None)
        j += 1
    return j if bars >= 2 else k


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of every non-blank line."""
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        line = raw.rstrip("\r\n")
        if line.strip(" \u3000"):
            yield number, line

