"""A strict, fast reader of one top-level stream of a plainly well-formed compound file.

olefile reads any compound file, damaged ones included, but costs more than calamine's whole
read of a small workbook.  This reader walks the header, the FAT and the directory with
struct in a few passes over the bytes and gives up (``None``) on anything it does not
check: a DIFAT beyond the header's 109 entries, a stream kept in the mini stream, a sector
or chain out of bounds or looping.  The caller then falls back to olefile.
"""

from __future__ import annotations

import struct
from typing import NamedTuple

_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# signature, (version, byte order, sector shift), FAT sectors, directory start, mini stream
# cutoff, DIFAT start and count, the header's 109 DIFAT entries
_HEADER = struct.Struct("<8s18xHHH12xII4xI8xII109I")
_SHIFTS = {3: 9, 4: 12}  # major version: sector shift
_END, _FREE = 0xFFFFFFFE, 0xFFFFFFFF
_ENTRY = struct.Struct("<64sHBxIII36xIQ")  # name, its size, type, left, right, child, start, size
_STREAM, _ROOT = 2, 5


class _Layout(NamedTuple):
    fat: list[int]
    shift: int  # sector size, as a power of two
    sectors: int  # whole sectors after the header
    directory: int  # the directory's first sector
    cutoff: int  # streams shorter than this live in the mini stream


def read_stream(data: bytes, names: tuple[str, ...]) -> tuple[str, bytes] | None:
    """The first of ``names`` (matched without case, as the format does) found among the
    root's streams and its bytes; None if absent or if the container is not plainly sound."""
    layout = _layout(data)
    if layout is None:
        return None
    entries = _chain(layout.fat, layout.directory, layout.sectors)
    if entries is None:
        return None
    found = _find(_joined(data, entries, layout.shift), {name.lower(): name for name in names})
    if found is None:
        return None
    name, start, length = found
    chain = _chain(layout.fat, start, layout.sectors)
    if length < layout.cutoff or chain is None or length > len(chain) << layout.shift:
        return None
    return name, _joined(data, chain, layout.shift)[:length]


def _layout(data: bytes) -> _Layout | None:
    """The header's figures and the FAT, or None if the header is not one this reader takes."""
    if len(data) < 512 or data[:8] != _MAGIC:
        return None
    (_, version, order, shift, fat_count, directory, cutoff, _, difat_count,
     *difat) = _HEADER.unpack_from(data)  # fmt: skip
    if _SHIFTS.get(version) != shift or order != 0xFFFE or difat_count or fat_count > 109:
        return None
    size = 1 << shift
    sectors = (len(data) - size) >> shift
    fat_sectors = difat[:fat_count]
    if any(sector >= sectors for sector in fat_sectors):
        return None
    fat: list[int] = []
    for sector in fat_sectors:
        fat.extend(struct.unpack_from(f"<{size >> 2}I", data, (sector + 1) << shift))
    return _Layout(fat, shift, sectors, directory, cutoff)


def _joined(data: bytes, chain: list[int], shift: int) -> bytes:
    """The bytes of a chain's sectors, in order."""
    return b"".join(data[(s + 1) << shift : (s + 2) << shift] for s in chain)


def _chain(fat: list[int], start: int, sectors: int) -> list[int] | None:
    """The sectors of a chain, or None if it leaves the file or the FAT, or loops."""
    chain: list[int] = []
    while start != _END:
        if start >= sectors or start >= len(fat) or len(chain) >= sectors:
            return None
        chain.append(start)
        start = fat[start]
    return chain


def _find(table: bytes, wanted: dict[str, str]) -> tuple[str, int, int] | None:
    """Walk the root's tree of children for the first wanted stream: (name, start, size)."""
    count = len(table) // _ENTRY.size
    if count == 0 or _ENTRY.unpack_from(table)[2] != _ROOT:
        return None
    found: dict[str, tuple[int, int]] = {}
    pending, seen = [_ENTRY.unpack_from(table)[5]], set()
    while pending:
        index = pending.pop()
        if index == _FREE:
            continue
        if index >= count or index in seen:
            return None
        seen.add(index)
        raw, length, kind, left, right, _, start, size = _ENTRY.unpack_from(table, index * 128)
        pending += (left, right)
        name = raw[: max(length - 2, 0)].decode("utf-16-le", "replace").lower()
        if kind == _STREAM and name in wanted:
            found[name] = (start, size)
    for key, name in wanted.items():
        if key in found:
            return (name, *found[key])
    return None
