"""The text of a Word 97–2003 binary ([MS-DOC]), read from its piece table with olefile.

The File Information Block (FIB) at the start of the WordDocument stream locates, in the
table stream, the piece table (Clx → PlcPcd): which runs of character positions are stored
where, as 8-bit (cp1252) or UTF-16LE text.  The properties read with it (a paragraph's list,
alignment and table role; which text does not print) are planparse.extract.word_props'.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from io import BytesIO
from typing import NamedTuple

import olefile

from planparse.errors import PlanparseError
from planparse.extract.registry import ENCRYPTED
from planparse.extract.word_props import PLAIN, Papx, Props, hidden

_IDENT = 0xA5EC  # Word 97 and later; Word 6/95 files carry another FIB
_F_ENCRYPTED = 0x0100
_F_WHICH_TABLE = 0x0200
_CCP_TEXT = 76  # FibRgLw97.ccpText: characters of the main document
_FC_CLX = 418  # FibRgFcLcb97 (fc, lcb) of the piece table
_FIB_END = _FC_CLX + 8
_COMPRESSED = 0x40000000  # FcCompressed.fCompressed: the piece is 8-bit text

_MARKS = re.compile("[\r\x07\x0c]")  # what ends a paragraph: see Paragraph.mark
_MARKS_KEPT = re.compile("[^\r\x07\x0c]")  # what blanking an unprinted range replaces
_BLANK = "\0"  # stands for an unprinted character until paragraphs are cut
# 8-bit pieces are cp1252; the five bytes cp1252 leaves undefined stay Latin-1
_CP1252 = str.maketrans({chr(b): bytes([b]).decode("cp1252") for b in range(0x80, 0xA0)
                         if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)})


class Paragraph(NamedTuple):
    """One paragraph of the main text: its characters and the mark that ends it."""

    text: str  # field codes are still in it: see planparse.extract.doc
    mark: str  # "\r" paragraph, "\x07" table cell or row end, "\x0c" page/section break
    props: Props



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
        papx = Papx(binary.word, binary.table, binary.data)
        pieces = _pieces(binary.word, binary.table, hidden(binary.word, binary.table))
        return list(_paragraphs(pieces, papx))
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


def _pieces(word: bytes, table: bytes, hidden: list[tuple[int, int]]) -> list[_Piece]:
    """The pieces of the main text (character positions below ccpText), decoded, with the
    characters in ``hidden`` stream ranges blanked out (but for paragraph marks)."""
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
        pieces.append(_blank(_decode(word, stop - start, fc), hidden))
    return pieces


def _decode(word: bytes, length: int, fc: int) -> _Piece:
    if fc & _COMPRESSED:
        offset = (fc & ~_COMPRESSED) // 2
        text = word[offset : offset + length].decode("latin-1").translate(_CP1252)
        return _Piece(text, offset, 1)
    return _Piece(word[fc : fc + 2 * length].decode("utf-16-le", "replace"), fc, 2)


def _blank(piece: _Piece, hidden: list[tuple[int, int]]) -> _Piece:
    """Replace unprinted characters by _BLANK, keeping every other one where it was (the
    position of a paragraph mark locates its properties)."""
    text = piece.text
    end = piece.fc + len(text) * piece.width
    for first, last in hidden:
        if first < end and last > piece.fc:
            a, b = max(first - piece.fc, 0) // piece.width, -(-(last - piece.fc) // piece.width)
            text = text[:a] + _MARKS_KEPT.sub(_BLANK, text[a:b]) + text[b:]
    return piece._replace(text=text)


def _paragraphs(pieces: list[_Piece], papx: Papx) -> Iterator[Paragraph]:
    """Split the text at paragraph marks; a paragraph may run over several pieces."""
    begun: list[str] = []  # the paragraph's text in earlier pieces
    for piece in pieces:
        start = 0
        for match in _MARKS.finditer(piece.text):
            mark, at = match.group(), match.start()
            props = PLAIN if mark == "\x0c" else papx.at(piece.fc + at * piece.width)
            text = "".join([*begun, piece.text[start:at]]).replace(_BLANK, "")
            yield Paragraph(text, mark, props)
            begun, start = [], at + 1
        begun.append(piece.text[start:])
    rest = "".join(begun).replace(_BLANK, "")
    if rest.strip():
        yield Paragraph(rest, "\r", PLAIN)


# ---------------------------------------------------------------------------- properties
