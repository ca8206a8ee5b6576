"""Properties of a Word 97 binary's text ([MS-DOC] PAPX, CHPX and their modifiers).

Paragraph properties live in 512-byte pages (FKPs) located by PlcBtePapx, each paragraph's
modifiers applying over its style's; only a paragraph's list and level, its alignment and
what a table needs are read.  Character properties (PlcBteChpx) are read for one thing:
which text is not printed, being a tracked deletion or hidden.
"""

from __future__ import annotations

import struct
from bisect import bisect_right
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from planparse.extract.word_styles import paragraph_styles

_FC_PLCF_BTE_CHPX, _FC_PLCF_BTE_PAPX = 250, 258  # FibRgFcLcb97 (fc, lcb) pairs
_PAGE = 512  # FKP page size

# sprms (property modifiers) that describe lists, alignment and tables
_ILFO, _ILVL = 0x460B, 0x260A
_JC = (0x2403, 0x2461)  # physical (Word 97) and logical alignment: 1 centred, 2 right
_IN_TABLE, _TTP, _ITAP = 0x2416, 0x2417, 0x6649
_TABLE_HEADER, _DEF_TABLE = 0x3404, 0xD608
_HUGE_PAPX = 0x6646  # the paragraph's properties are in the Data stream
_CHANGE_TABS = 0xC615
_OPERAND_SIZES = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # by spra; 6 is variable

# character toggles that hide text, and the operands that switch them on: 0x81 is "the
# opposite of the style's", which for hidden text needs the character styles (not read);
# no style marks text deleted
_SWITCHED_ON = {0x0800: (b"\x01", b"\x81"), 0x083C: (b"\x01",)}  # deleted, hidden


class Props(NamedTuple):
    """The list and table properties of a paragraph."""

    ilfo: int = 0  # the paragraph's list (1-based; 0 or less: none)
    ilvl: int = 0  # its level in that list
    jc: int = 0  # alignment: 0 left, 1 centred, 2 right, 3 justified …
    in_table: bool = False
    row_end: bool = False  # the mark ends a table row (TTP)
    header: bool = False  # that row repeats as a header
    columns: tuple[int, ...] = ()  # the row's cell boundaries, in twips


PLAIN = Props()


class Papx:
    """Paragraph properties by the stream offset of the paragraph's mark."""

    def __init__(self, word: bytes, table: bytes, data: bytes) -> None:
        self._data = data
        self._styles = paragraph_styles(word, table)
        self._starts: list[int] = []
        self._runs: list[tuple[int, int, bytes]] = []  # (end fc, style, grpprl) from the pages
        self._cache: dict[tuple[int, bytes], Props] = {}
        for page in _pages(word, table, _FC_PLCF_BTE_PAPX):
            self._read_page(page)

    def _read_page(self, page: bytes) -> None:
        runs = page[-1]
        fcs = struct.unpack_from(f"<{runs + 1}I", page)
        for index in range(runs):
            offset = page[4 * (runs + 1) + 13 * index] * 2
            style, grpprl = 0, b""  # no PAPX: the Normal style's properties
            if offset:
                size = page[offset]
                start = offset + 1 if size else offset + 2
                length = 2 * size - 1 if size else 2 * page[offset + 1]
                style = struct.unpack_from("<H", page, start)[0]
                grpprl = page[start + 2 : start + length]
            self._starts.append(fcs[index])
            self._runs.append((fcs[index + 1], style, grpprl))

    def at(self, fc: int) -> Props:
        index = bisect_right(self._starts, fc) - 1
        if index < 0 or fc >= self._runs[index][0]:
            return PLAIN
        _, style, grpprl = self._runs[index]
        if (style, grpprl) not in self._cache:
            modifiers = self._styles.get(style, b"") + self._unabridged(grpprl)
            self._cache[style, grpprl] = _props(modifiers)
        return self._cache[style, grpprl]

    def _unabridged(self, grpprl: bytes) -> bytes:
        """The properties themselves, fetched from the Data stream when too large."""
        sprm, operand = next(_sprms(grpprl), (0, b""))
        if sprm != _HUGE_PAPX or len(operand) != 4:
            return grpprl
        offset = struct.unpack("<I", operand)[0]
        if offset + 2 > len(self._data):
            return b""
        return self._data[offset + 2 : offset + 2 + struct.unpack_from("<H", self._data, offset)[0]]


def hidden(word: bytes, table: bytes) -> list[tuple[int, int]]:
    """Stream ranges of text that does not print: tracked deletions and hidden text."""
    ranges = []
    for page in _pages(word, table, _FC_PLCF_BTE_CHPX):
        runs = page[-1]
        fcs = struct.unpack_from(f"<{runs + 1}I", page)
        for index in range(runs):
            offset = page[4 * (runs + 1) + index] * 2  # 0: default properties
            grpprl = page[offset + 1 : offset + 1 + page[offset]] if offset else b""
            if any(operand[:1] in _SWITCHED_ON.get(sprm, ()) for sprm, operand in _sprms(grpprl)):
                ranges.append((fcs[index], fcs[index + 1]))
    return ranges


def _pages(word: bytes, table: bytes, bte: int) -> Iterator[bytes]:
    """The FKP pages a PlcBte (at FIB offset ``bte``) lists."""
    fc, lcb = struct.unpack_from("<II", word, bte)
    plc = table[fc : fc + lcb]
    count = (len(plc) - 4) // 8
    for index in range(max(count, 0)):
        page = struct.unpack_from("<I", plc, 4 * (count + 1) + 4 * index)[0] & 0x3FFFFF
        if len(word) >= (page + 1) * _PAGE:
            yield word[page * _PAGE : (page + 1) * _PAGE]


def _on(operand: bytes) -> bool:
    return operand[0] != 0


def _byte(operand: bytes) -> int:
    return operand[0]


# modifier -> the Props field it sets, and its value from the (non-empty) operand; None:
# an operand of the wrong size, which sets nothing
_FIELDS: dict[int, tuple[str, Callable[[bytes], Any]]] = {
    _ILFO: ("ilfo", lambda op: struct.unpack("<h", op)[0] if len(op) == 2 else None),
    _ILVL: ("ilvl", _byte),
    **{jc: ("jc", _byte) for jc in _JC},
    _IN_TABLE: ("in_table", _on),
    _TTP: ("row_end", _on),
    _TABLE_HEADER: ("header", _on),
    _ITAP: ("in_table", lambda op: struct.unpack("<i", op)[0] > 0 if len(op) == 4 else None),
    _DEF_TABLE: ("columns", lambda op: struct.unpack_from(f"<{op[0] + 1}h", op, 1)
                 if len(op) >= 3 + 2 * op[0] else None),
}


def _props(grpprl: bytes) -> Props:
    """What a paragraph's property modifiers (style's first) say; the last one wins."""
    found: dict[str, Any] = {}
    for sprm, operand in _sprms(grpprl):
        field = _FIELDS.get(sprm)
        if field is None or not operand:
            continue
        value = field[1](operand)
        if value is not None:
            found[field[0]] = value
    return Props(**found)


def _sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    """(opcode, operand) of each property modifier; stops at a truncated one."""
    at = 0
    while at + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, at)[0]
        at += 2
        spra = sprm >> 13
        if spra != 6:
            size = _OPERAND_SIZES[spra]
        elif sprm == _DEF_TABLE and at + 2 <= len(grpprl):
            size = struct.unpack_from("<H", grpprl, at)[0] - 1
            at += 2
        elif sprm == _CHANGE_TABS and at < len(grpprl) and grpprl[at] == 255:
            return  # the long form of tab changes: rare, and nothing we need follows reliably
        elif at < len(grpprl):
            size = grpprl[at]
            at += 1
        else:
            return
        if size < 0 or at + size > len(grpprl):
            return
        yield sprm, grpprl[at : at + size]
        at += size
