"""Build OLE compound files and small Word 97 binaries for the tests ([MS-CFB], [MS-DOC]).

``compound_file`` writes a version-3 container (512-byte sectors) with its streams at the
root, each padded to 4096 bytes so that none goes to the mini stream.  ``word_binary``
writes a WordDocument/1Table pair holding a piece table and one page of paragraph
properties: enough for planparse's piece-table reader, not for Word.
"""

from __future__ import annotations

import struct
from typing import NamedTuple

SECTOR = 512
FREE, END, FAT_SECTOR, NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def compound_file(streams: dict[str, bytes]) -> bytes:
    padded = {name: data.ljust(max(4096, -(-len(data) // SECTOR) * SECTOR), b"\0")
              for name, data in streams.items()}
    entries = 1 + len(padded)
    dir_sectors = -(-entries // 4)
    data_sectors = sum(len(data) // SECTOR for data in padded.values())
    fat_sectors = -(-(dir_sectors + data_sectors + 1) // 127)
    fat: list[int] = [FAT_SECTOR] * fat_sectors
    fat += _chain(len(fat), dir_sectors)
    starts = []
    for data in padded.values():
        starts.append(len(fat))
        fat += _chain(len(fat), len(data) // SECTOR)
    fat += [FREE] * (-len(fat) % 128)
    directory = _entry("Root Entry", 5, END, 0, child=1 if padded else NONE)
    for index, (name, data) in enumerate(padded.items(), 1):
        right = index + 1 if index < len(padded) else NONE
        directory += _entry(name, 2, starts[index - 1], len(data), right=right)
    directory = directory.ljust(dir_sectors * SECTOR, b"\0")
    header = _header(fat_sectors, first_directory=fat_sectors)
    return header + struct.pack(f"<{len(fat)}I", *fat) + directory + b"".join(padded.values())


def _chain(first: int, count: int) -> list[int]:
    return [first + i + 1 for i in range(count - 1)] + [END] * bool(count)


def _header(fat_sectors: int, first_directory: int) -> bytes:
    difat = list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)
    return (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
            + struct.pack("<HHHHH6xIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, 0, fat_sectors,
                          first_directory, 0, 4096, END, 0, END, 0)
            + struct.pack("<109I", *difat))


def _entry(name: str, kind: int, start: int, size: int, child: int = NONE,
           right: int = NONE) -> bytes:
    encoded = name.encode("utf-16-le") + b"\0\0"
    links = struct.pack("<HBBIII", len(encoded), kind, 1, NONE, right, child)  # black, no left
    return encoded.ljust(64, b"\0") + links + bytes(36) + struct.pack("<IQ", start, size)


# ---------------------------------------------------------------------------- Word binaries

IN_TABLE = struct.pack("<HB", 0x2416, 1)
ROW_END = struct.pack("<HB", 0x2417, 1)
HEADER_ROW = struct.pack("<HB", 0x3404, 1)


def in_list(ilfo: int, ilvl: int = 0) -> bytes:
    """sprmPIlfo and sprmPIlvl: the paragraph is numbered by list instance ``ilfo``."""
    return struct.pack("<HhHB", 0x460B, ilfo, 0x260A, ilvl)


class WordList(NamedTuple):
    """A one-level list: MSONFC number format, label text (\x00 stands for the number)."""

    nfc: int
    text: str
    start: int = 1


Instance = tuple[int, "int | None"]  # (list, the value it restarts at)


def columns(*edges: int) -> bytes:
    """sprmTDefTable with these cell boundaries (twips) and no cell descriptions."""
    operand = bytes([len(edges) - 1]) + struct.pack(f"<{len(edges)}h", *edges)
    return struct.pack("<HH", 0xD608, len(operand) + 1) + operand


class Para(NamedTuple):
    text: str  # ending in its mark: \r, \x07 …
    grpprl: bytes = b""
    style: int = 0  # istd


class Style(NamedTuple):
    """A paragraph style: its base style (istd, or None) and its property modifiers."""

    base: int | None
    grpprl: bytes


def aligned(jc: int) -> bytes:
    """sprmPJc80: 1 centred, 2 right."""
    return struct.pack("<HB", 0x2403, jc)


_TEXT_AT = 0x800  # where the text starts in the WordDocument stream
_PAPX_PAGE = 0x6000 // SECTOR  # the FKP page (the text must end before it)


def word_binary(paragraphs: list[Para], *, after: str = "", compressed: bytes = b"",
                lists: tuple[WordList, ...] = (), instances: tuple[Instance, ...] = (),
                styles: tuple[Style, ...] = (), deleted: tuple[tuple[int, int], ...] = (),
                flags: int = 0x0200) -> bytes:
    """A .doc whose main text is ``paragraphs`` (plus ``compressed``, a piece of 8-bit cp1252
    text), followed by ``after`` (header/footer stories, outside the main text).  ``lists``
    are numbered from 1; each of ``instances`` (ilfo 1, 2 …) is (list, restart value);
    ``styles`` are paragraph styles by istd; ``deleted`` ranges of the main text's
    characters are tracked deletions."""
    main = "".join(p.text for p in paragraphs)
    stored = main + after
    word = bytearray(_TEXT_AT)
    word += stored.encode("utf-16-le")
    packed_at = len(word)
    word += compressed
    word = word.ljust(_PAPX_PAGE * SECTOR, b"\0")
    word += _fkp(paragraphs) + _chpx_fkp(len(main), deleted)
    cps = [0, len(main), len(main) + len(compressed), len(stored) + len(compressed)]
    fcs = [_TEXT_AT, (packed_at * 2) | 0x40000000, _TEXT_AT + 2 * len(main)]
    plc = struct.pack("<4I", *cps) + b"".join(struct.pack("<HIH", 0, fc, 0) for fc in fcs)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    bte = struct.pack("<3I", _TEXT_AT, _TEXT_AT + 2 * len(main), _PAPX_PAGE)
    bte_chpx = struct.pack("<3I", _TEXT_AT, _TEXT_AT + 2 * len(main), _PAPX_PAGE + 1)
    plf_lst, plf_lfo, stsh = _lists(lists), _instances(instances), _stylesheet(styles)
    table = clx + bte + plf_lst + plf_lfo + stsh + bte_chpx
    fib = bytearray(0x400)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0xC1)
    struct.pack_into("<H", fib, 10, flags)
    struct.pack_into("<i", fib, 76, len(main) + len(compressed))
    struct.pack_into("<II", fib, 258, len(clx), len(bte))
    struct.pack_into("<II", fib, 418, 0, len(clx))
    lst_at = len(clx) + len(bte)
    struct.pack_into("<II", fib, 738, lst_at, 2 + 28 * len(lists))  # the LVLs follow, uncounted
    struct.pack_into("<II", fib, 746, lst_at + len(plf_lst), len(plf_lfo))
    struct.pack_into("<II", fib, 162, lst_at + len(plf_lst) + len(plf_lfo), len(stsh))
    struct.pack_into("<II", fib, 250, len(table) - len(bte_chpx), len(bte_chpx))
    word[: len(fib)] = fib
    return compound_file({"WordDocument": bytes(word), "1Table": table})


def _lists(lists: tuple[WordList, ...]) -> bytes:
    """PlfLst (simple lists: one level each) and then each list's LVL."""
    lstfs = b"".join(struct.pack("<iI18sBB", lsid, 0, b"\xff" * 18, 1, 0)
                     for lsid in range(1, len(lists) + 1))
    levels = b"".join(
        struct.pack("<iBB9sBiiBBBB", start, nfc, 0, bytes(9), 2, 0, 0, 0, 0, 0, 0)
        + struct.pack("<H", len(text)) + text.encode("utf-16-le")
        for nfc, text, start in lists
    )
    return struct.pack("<h", len(lists)) + lstfs + levels


def _instances(instances: tuple[Instance, ...]) -> bytes:
    """PlfLfo: an LFO per instance, then each one's LFOData (a start override, if any)."""
    lfos = b"".join(struct.pack("<iiiBBBB", lsid, 0, 0, restart is not None, 0, 0, 0)
                    for lsid, restart in instances)
    data = b"".join(struct.pack("<I", 0xFFFFFFFF)
                    + (struct.pack("<iI", restart, 0x10) if restart is not None else b"")
                    for _, restart in instances)
    return struct.pack("<I", len(instances)) + lfos + data


def _stylesheet(styles: tuple[Style, ...]) -> bytes:
    """STSH: a header of 18 bytes (10-byte StdfBase, no StdfPost2000), then each style."""
    out = struct.pack("<HHH14x", 18, len(styles), 10)
    for istd, (base, grpprl) in enumerate(styles):
        name = f"s{istd}"
        std = struct.pack("<HHHHH", 0, 1 | (0x0FFF if base is None else base) << 4, 1, 0, 0)
        std += struct.pack("<H", len(name)) + name.encode("utf-16-le") + b"\0\0"
        upx = struct.pack("<H", istd) + grpprl
        std += struct.pack("<H", len(upx)) + upx + b"\0" * (len(upx) % 2)
        out += struct.pack("<H", len(std)) + std
    return out


def _chpx_fkp(length: int, deleted: tuple[tuple[int, int], ...]) -> bytes:
    """One CHPX page: runs of the main text, the ``deleted`` ones marked sprmCFRMarkDel."""
    edges = sorted({0, length, *(edge for pair in deleted for edge in pair)})
    page = bytearray(SECTOR)
    struct.pack_into(f"<{len(edges)}I", page, 0, *(_TEXT_AT + 2 * edge for edge in edges))
    page[SECTOR - 6 : SECTOR - 2] = b"\x03\x00\x08\x01"  # cb 3: sprmCFRMarkDel on
    for index, start in enumerate(edges[:-1]):
        if start in {first for first, _ in deleted}:
            page[4 * len(edges) + index] = (SECTOR - 6) // 2
    page[-1] = len(edges) - 1
    return bytes(page)


def _fkp(paragraphs: list[Para]) -> bytes:
    """One PAPX page: each paragraph's range of stream offsets and its properties."""
    page = bytearray(SECTOR)
    count = len(paragraphs)
    fc, fcs = _TEXT_AT, [_TEXT_AT]
    for p in paragraphs:
        fc += 2 * len(p.text)
        fcs.append(fc)
    struct.pack_into(f"<{count + 1}I", page, 0, *fcs)
    free = SECTOR - 1
    for index, p in enumerate(paragraphs):
        body = struct.pack("<H", p.style) + p.grpprl
        body += b"\0" * (len(body) % 2 == 0)  # 2*cb-1 bytes
        papx = bytes([(len(body) + 1) // 2]) + body
        free = (free - len(papx)) & ~1
        page[free : free + len(papx)] = papx
        page[4 * (count + 1) + 13 * index] = free // 2
    page[-1] = count
    assert free > 4 * (count + 1) + 13 * count, "too many paragraphs for one page"
    return bytes(page)
