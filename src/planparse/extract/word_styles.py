"""The paragraph styles of a Word 97 binary ([MS-DOC] STSH), as property modifiers.

A paragraph's properties are its style's (and that style's bases') modifiers followed by
its own; later modifiers win, so a style resolves to its bases' modifiers and then its own,
concatenated.  Only paragraph styles are read: lists and alignment come from there.
"""

from __future__ import annotations

import struct

_FC_STSHF = 162  # FibRgFcLcb97 (fc, lcb) of the style sheet
_NO_STYLE = 0x0FFF
_PARAGRAPH = 1  # StdfBase.stk


def paragraph_styles(word: bytes, table: bytes) -> dict[int, bytes]:
    """Each paragraph style's resolved modifiers, by istd; {} if the sheet is unreadable."""
    try:
        own, bases = _read(word, table)
    except (struct.error, IndexError):
        return {}
    resolved: dict[int, bytes] = {}
    for istd in own:
        chain, seen = [], set()
        at: int | None = istd
        while at in own and at not in seen:  # bases may loop in a damaged file
            seen.add(at)
            chain.append(own[at])
            at = bases.get(at)
        resolved[istd] = b"".join(reversed(chain))
    return resolved


def _read(word: bytes, table: bytes) -> tuple[dict[int, bytes], dict[int, int]]:
    """Paragraph styles' own modifiers and their base styles, by istd."""
    fc, lcb = struct.unpack_from("<II", word, _FC_STSHF)
    sheet = table[fc : fc + lcb]
    header = struct.unpack_from("<H", sheet, 0)[0]
    count, base_size = struct.unpack_from("<HH", sheet, 2)
    at = 2 + header
    own: dict[int, bytes] = {}
    bases: dict[int, int] = {}
    for istd in range(count):
        size = struct.unpack_from("<H", sheet, at)[0]
        std = sheet[at + 2 : at + 2 + size]
        at += 2 + size
        if size < base_size or std[2] & 0x0F != _PARAGRAPH:
            continue
        base = struct.unpack_from("<H", std, 2)[0] >> 4
        if base != _NO_STYLE:
            bases[istd] = base
        name_length = struct.unpack_from("<H", std, base_size)[0]
        upx = base_size + 2 + 2 * name_length + 2  # past the name and its terminator
        upx += upx % 2
        length = struct.unpack_from("<H", std, upx)[0]
        own[istd] = std[upx + 4 : upx + 2 + length]  # past the UpxPapx's own istd
    return own, bases
