"""Word 97 list definitions ([MS-DOC] PlfLst, LVL, PlfLfo) as .docx numbering.

A binary's lists are those of numbering.xml in another dress: an LSTF with its LVLs is an
abstract list, an LFO (what a paragraph's ilfo points to) a list instance with its start
overrides.  They are handed to :class:`planparse.extract.docx_numbering.Numbering`, whose
counters render the labels exactly as for a .docx.  Numbering that a paragraph only gets
from its style is not read (style sheets are not parsed).
"""

from __future__ import annotations

import struct

from planparse.extract.docx_numbering import Level, Numbering

_FC_PLF_LST, _FC_PLF_LFO = 738, 746  # FibRgFcLcb97 (fc, lcb) pairs
_LSTF, _LVLF, _LFO, _LFOLVL = 28, 28, 16, 8  # record sizes
_LEVELS = 9
# MSONFC codes are the order of ECMA-376's ST_NumberFormat
_FORMATS = (
    "decimal", "upperRoman", "lowerRoman", "upperLetter", "lowerLetter", "ordinal", "cardinalText",
    "ordinalText", "hex", "chicago", "ideographDigital", "japaneseCounting", "aiueo", "iroha",
    "decimalFullWidth", "decimalHalfWidth", "japaneseLegal", "japaneseDigitalTenThousand",
    "decimalEnclosedCircle", "decimalFullWidth2", "aiueoFullWidth", "irohaFullWidth", "decimalZero",
    "bullet", "ganada", "chosung", "decimalEnclosedFullstop", "decimalEnclosedParen",
    "decimalEnclosedCircleChinese", "ideographEnclosedCircle", "ideographTraditional", "ideographZodiac",
    "ideographZodiacTraditional", "taiwaneseCounting", "ideographLegalTraditional",
    "taiwaneseCountingThousand", "taiwaneseDigital", "chineseCounting", "chineseLegalSimplified",
    "chineseCountingThousand",
)
_SUFFIXES = ("tab", "space", "nothing")  # LVLF.ixchFollow


def numbering(word: bytes, table: bytes) -> Numbering:
    """The document's lists, keyed by ilfo (as text, like a w:numId); none if unreadable."""
    lists = Numbering(None, {})
    try:
        abstracts = _lists(word, table)
        _instances(word, table, abstracts, lists)
    except (struct.error, IndexError, ValueError):
        pass  # keep what was read: the text matters more than its numbers
    return lists


def _lists(word: bytes, table: bytes) -> dict[int, dict[int, Level]]:
    """Each list's levels by its lsid: the LSTFs, then their LVLs right after the PlfLst."""
    fc, lcb = struct.unpack_from("<II", word, _FC_PLF_LST)
    if lcb < 2:
        return {}
    count = struct.unpack_from("<h", table, fc)[0]
    at = fc + 2 + _LSTF * count
    lists: dict[int, dict[int, Level]] = {}
    for index in range(count):
        record = fc + 2 + _LSTF * index
        lsid, simple = struct.unpack_from("<i", table, record)[0], table[record + 26] & 1
        levels = lists[lsid] = {}
        for ilvl in range(1 if simple else _LEVELS):
            levels[ilvl], at = _level(table, at)
    return lists


def _level(table: bytes, at: int) -> tuple[Level, int]:
    """The LVL at ``at`` and where the next one starts."""
    start, nfc, flags = struct.unpack_from("<iBB", table, at)
    follow, restart_limit = table[at + 15], table[at + 26]
    grpprls = table[at + 24] + table[at + 25]  # character and paragraph properties: skipped
    text_at = at + _LVLF + grpprls
    length = struct.unpack_from("<H", table, text_at)[0]
    raw = table[text_at + 2 : text_at + 2 + 2 * length].decode("utf-16-le", "replace")
    level = Level(
        start=start,
        fmt="none" if nfc == 0xFF else _FORMATS[nfc] if nfc < len(_FORMATS) else "decimal",
        template="".join(f"%{ord(c) + 1}" if ord(c) < _LEVELS else c for c in raw),
        restart=restart_limit if flags & 0x08 else None,  # fNoRestart: ilvlRestartLim says
        legal=bool(flags & 0x04),
        suffix=_SUFFIXES[follow] if follow < len(_SUFFIXES) else "nothing",
    )
    return level, text_at + 2 + 2 * length


def _instances(word: bytes, table: bytes, abstracts: dict[int, dict[int, Level]],
               lists: Numbering) -> None:
    """The LFOs, in ilfo order, each with its level overrides (LFOData after the LFOs)."""
    fc, lcb = struct.unpack_from("<II", word, _FC_PLF_LFO)
    if lcb < 4:
        return
    count = struct.unpack_from("<I", table, fc)[0]
    at = fc + 4 + _LFO * count
    counters: dict[int, list[int | None]] = {}
    for index in range(min(count, len(table) // _LFO)):
        record = fc + 4 + _LFO * index
        lsid, overrides = struct.unpack_from("<i", table, record)[0], table[record + 12]
        levels = dict(abstracts.get(lsid, {}))
        starts: dict[int, int] = {}
        at += 4  # LFOData.cp
        for _ in range(overrides):
            start, flags = struct.unpack_from("<iI", table, at)
            at += _LFOLVL
            ilvl = flags & 0x0F
            if flags & 0x20:  # fFormatting: a whole level follows
                levels[ilvl], at = _level(table, at)
                starts[ilvl] = levels[ilvl].start
            elif flags & 0x10:  # fStartAt
                starts[ilvl] = start
        shared = counters.setdefault(lsid, [None] * _LEVELS)
        lists.define(str(index + 1), shared, levels, starts)
