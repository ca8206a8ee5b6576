"""The text of a Word 97–2003 binary ([MS-DOC]), read from its piece table with olefile.

The File Information Block (FIB) at the start of the WordDocument stream locates, in the
table stream, the piece table (Clx → PlcPcd): which runs of character positions are stored
where, as 8-bit (cp1252) or UTF-16LE text.  Paragraph properties (PAPX, in 512-byte pages
located by PlcBtePapx, over those of the paragraph's style) are read only for a paragraph's
list and level, its alignment, and what a table needs: whether a paragraph is in a table,
whether its mark ends a row, the row's column boundaries and header flag.
"""

from __future__ import annotations

import re
import struct
from bisect import bisect_right
from collections.abc import Iterator
from io import BytesIO
from typing import NamedTuple

import olefile

from planparse.errors import PlanparseError
from planparse.extract.registry import ENCRYPTED
from planparse.extract.word_styles import paragraph_styles

_IDENT = 0xA5EC  # Word 97 and later; Word 6/95 files carry another FIB
_F_ENCRYPTED = 0x0100
_F_WHICH_TABLE = 0x0200
_CCP_TEXT = 76  # FibRgLw97.ccpText: characters of the main document
_FC_PLCF_BTE_PAPX = 258  # FibRgFcLcb97 pairs (fc, lcb) into the table stream
_FC_CLX = 418
_FIB_END = _FC_CLX + 8
_PAGE = 512  # FKP page size
_COMPRESSED = 0x40000000  # FcCompressed.fCompressed: the piece is 8-bit text

# sprms (property modifiers) that describe lists, alignment and tables
_ILFO, _ILVL = 0x460B, 0x260A
_JC = (0x2403, 0x2461)  # physical (Word 97) and logical alignment: 1 centred, 2 right
_IN_TABLE, _TTP, _ITAP = 0x2416, 0x2417, 0x6649
_TABLE_HEADER, _DEF_TABLE = 0x3404, 0xD608
_HUGE_PAPX = 0x6646  # the paragraph's properties are in the Data stream
_CHANGE_TABS = 0xC615
_OPERAND_SIZES = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # by spra; 6 is variable

_MARKS = re.compile("[\r\x07\x0c]")  # what ends a paragraph: see Paragraph.mark
# 8-bit pieces are cp1252; the five bytes cp1252 leaves undefined stay Latin-1
_CP1252 = str.maketrans({chr(b): bytes([b]).decode("cp1252") for b in range(0x80, 0xA0)
                         if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)})


class Props(NamedTuple):
    """The list and table properties of a paragraph."""

    ilfo: int = 0  # the paragraph's list (1-based; 0 or less: none)
    ilvl: int = 0  # its level in that list
    jc: int = 0  # alignment: 0 left, 1 centred, 2 right, 3 justified …
    in_table: bool = False
    row_end: bool = False  # the mark ends a table row (TTP)
    header: bool = False  # that row repeats as a header
    columns: tuple[int, ...] = ()  # the row's cell boundaries, in twips


class Paragraph(NamedTuple):
    """One paragraph of the main text: its characters and the mark that ends it."""

    text: str  # field codes are still in it: see planparse.extract.doc
    mark: str  # "\r" paragraph, "\x07" table cell or row end, "\x0c" page/section break
    props: Props


_PLAIN = Props()


class _Piece(NamedTuple):
    text: str
    fc: int  # stream offset of the first character
    width: int  # bytes per character


class Binary(NamedTuple):
    """The streams of a Word binary that its text is read from."""

    word: bytes  # WordDocument: the FIB and the text
    table: bytes | None  # 0Table or 1Table: the piece table and property pages
    data: bytes  # Data: properties too large for their page


def load(data: bytes) -> Binary:
    """Open the OLE container and check its FIB; refuse what no reader can read."""
    try:
        with olefile.OleFileIO(BytesIO(data)) as ole:
            if not ole.exists("WordDocument"):
                raise PlanparseError("an OLE container without a WordDocument stream:"
                                     " not a Word document")
            word = ole.openstream("WordDocument").read()
            return Binary(word, _stream(ole, _table_name(word)), _stream(ole, "Data") or b"")
    except _BROKEN as exc:
        raise _corrupt(exc) from None


def read(binary: Binary) -> list[Paragraph]:
    """The paragraphs of the document's main text, in order."""
    if struct.unpack_from("<H", binary.word, 0)[0] != _IDENT:
        raise PlanparseError("a Word 6/95 or older document; install LibreOffice to read it,"
                             " or save it as .docx")
    if binary.table is None:
        raise PlanparseError(f"corrupt .doc: the {_table_name(binary.word)} stream is missing")
    try:
        papx = _Papx(binary.word, binary.table, binary.data)
        return list(_paragraphs(_pieces(binary.word, binary.table), papx))
    except _BROKEN as exc:
        raise _corrupt(exc) from None


def _stream(ole: olefile.OleFileIO, name: str) -> bytes | None:
    return ole.openstream(name).read() if ole.exists(name) else None


def _table_name(word: bytes) -> str:
    """Which table stream the FIB points to; an encrypted document is refused."""
    if len(word) < _FIB_END:
        raise PlanparseError("corrupt .doc: the WordDocument stream is truncated")
    flags = struct.unpack_from("<H", word, 10)[0]
    if flags & _F_ENCRYPTED:
        raise PlanparseError(ENCRYPTED)
    return "1Table" if flags & _F_WHICH_TABLE else "0Table"


_BROKEN = (OSError, ValueError, struct.error, IndexError, KeyError, EOFError)


def _corrupt(exc: Exception) -> PlanparseError:
    return PlanparseError(f"corrupt .doc: {' '.join(str(exc).split()) or type(exc).__name__}")


# ---------------------------------------------------------------------------- the text


def _pieces(word: bytes, table: bytes) -> list[_Piece]:
    """The pieces of the main text (character positions below ccpText), decoded."""
    fc_clx, lcb_clx = struct.unpack_from("<II", word, _FC_CLX)
    clx = table[fc_clx : fc_clx + lcb_clx]
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: formatting of pieces, skipped
        at += 3 + struct.unpack_from("<h", clx, at + 1)[0]
    if at >= len(clx) or clx[at] != 0x02:
        raise PlanparseError("corrupt .doc: no piece table")
    size = struct.unpack_from("<I", clx, at + 1)[0]
    plc = clx[at + 5 : at + 5 + size]
    count = (len(plc) - 4) // 12
    if count <= 0:
        raise PlanparseError("corrupt .doc: an empty piece table")
    cps = struct.unpack_from(f"<{count + 1}I", plc)
    end = min(struct.unpack_from("<i", word, _CCP_TEXT)[0], cps[-1])
    pieces = []
    for index in range(count):
        start, stop = cps[index], min(cps[index + 1], end)
        if stop <= start:
            continue
        fc = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * index + 2)[0]
        pieces.append(_decode(word, stop - start, fc))
    return pieces


def _decode(word: bytes, length: int, fc: int) -> _Piece:
    if fc & _COMPRESSED:
        offset = (fc & ~_COMPRESSED) // 2
        text = word[offset : offset + length].decode("latin-1").translate(_CP1252)
        return _Piece(text, offset, 1)
    return _Piece(word[fc : fc + 2 * length].decode("utf-16-le", "replace"), fc, 2)


def _paragraphs(pieces: list[_Piece], papx: _Papx) -> Iterator[Paragraph]:
    """Split the text at paragraph marks; a paragraph may run over several pieces."""
    begun: list[str] = []  # the paragraph's text in earlier pieces
    for piece in pieces:
        start = 0
        for match in _MARKS.finditer(piece.text):
            mark, at = match.group(), match.start()
            props = _PLAIN if mark == "\x0c" else papx.at(piece.fc + at * piece.width)
            yield Paragraph("".join([*begun, piece.text[start:at]]), mark, props)
            begun, start = [], at + 1
        begun.append(piece.text[start:])
    if "".join(begun).strip():
        yield Paragraph("".join(begun), "\r", _PLAIN)


# ---------------------------------------------------------------------------- properties


class _Papx:
    """Paragraph properties by the stream offset of the paragraph's mark."""

    def __init__(self, word: bytes, table: bytes, data: bytes) -> None:
        self._data = data
        self._styles = paragraph_styles(word, table)
        self._starts: list[int] = []
        self._runs: list[tuple[int, int, bytes]] = []  # (end fc, style, grpprl) from the pages
        self._cache: dict[tuple[int, bytes], Props] = {}
        fc, lcb = struct.unpack_from("<II", word, _FC_PLCF_BTE_PAPX)
        plc = table[fc : fc + lcb]
        count = (len(plc) - 4) // 8
        for index in range(max(count, 0)):
            page = struct.unpack_from("<I", plc, 4 * (count + 1) + 4 * index)[0] & 0x3FFFFF
            self._read_page(word[page * _PAGE : (page + 1) * _PAGE])

    def _read_page(self, page: bytes) -> None:
        if len(page) < _PAGE:
            return
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
            return _PLAIN
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


def _props(grpprl: bytes) -> Props:
    """What a paragraph's property modifiers (style's first) say; the last one wins."""
    ilfo = ilvl = jc = 0
    in_table = row_end = header = False
    columns: tuple[int, ...] = ()
    for sprm, operand in _sprms(grpprl):
        if not operand:
            continue
        on = operand[0] != 0
        if sprm == _ILFO and len(operand) == 2:
            ilfo = struct.unpack("<h", operand)[0]
        elif sprm == _ILVL:
            ilvl = operand[0]
        elif sprm in _JC:
            jc = operand[0]
        elif sprm == _IN_TABLE:
            in_table = on
        elif sprm == _TTP:
            row_end = on
        elif sprm == _TABLE_HEADER:
            header = on
        elif sprm == _ITAP and len(operand) == 4:
            in_table = struct.unpack("<i", operand)[0] > 0
        elif sprm == _DEF_TABLE and len(operand) >= 3 + 2 * operand[0]:
            columns = struct.unpack_from(f"<{operand[0] + 1}h", operand, 1)
    return Props(ilfo, ilvl, jc, in_table, row_end, header, columns)


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
