"""Bounds checked before calamine reads a workbook.

calamine lays each sheet out densely from its first to its last cell, and aborts the whole
process when that allocation fails: one cell at XFD1048576 in a 5 KB .xlsx, or at row and
column 65535 in a .xls, is terabytes.  So the cells' positions are found here first, cheaply
(byte counts and regular expressions over the sheet XML; one walk over the BIFF records),
and a workbook laying out more than :data:`MAX_CELLS` is refused.  A zip whose members
declare more than :data:`MAX_INFLATED` is refused as a bomb (calamine's zip reader stops
at a member's declared size, so the declarations are what bounds it).
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from io import BytesIO

import olefile  # type: ignore[import-untyped]  # (types-olefile has the stubs)

from planparse.errors import PlanparseError
from planparse.extract.cfb import read_stream
from planparse.extract.registry import ENCRYPTED, OLE_MAGIC

MAX_CELLS = 1_000_000  # laid-out cells in all sheets: 40 MB in calamine; plans have thousands
MAX_INFLATED = 256 * 1024 * 1024

# --------------------------------------------------------------------------- .xlsx

# Every cell written as Excel, WPS and most libraries write it: a <c> with its reference first,
# no prefix (what breaks that sends the part to the slow walk).  Parts that are no worksheet
# have no sheetData.
_SHEET = b"sheetData"
_PREFIXED = re.compile(rb":c[\s/>]")
# References past column Z, or with a row of so many digits: the first of these a sheet has
# none of bounds its rows (26 columns, rows below 10**digits); past the last, positions are
# read one by one.  The search starts at the digits of the last reference, as rows ascend.
# Each search also finds a cell written otherwise, in the same pass (one literal prefix).
_DIGITS = (3, 4, 5, 6)
_FAR = tuple(re.compile(rb'<c(?:[/>]|(?! r=")\s| r="(?:[A-Z]{2}|[A-Z][0-9]{%d}))' % digits)
             for digits in _DIGITS)  # fmt: skip
_REFERENCE = re.compile(rb'<c r="[A-Z]*([0-9]*)')
# Any row or cell element, namespace prefix or not, with its attributes.
_ELEMENT = re.compile(rb'<(?:[\w.-]+:)?(row|c)(?=[\s/>])([^>]*)>')
_R_ATTRIBUTE = re.compile(rb'\sr\s*=\s*["\']([A-Z]*)([0-9]*)')
_LOCAL = struct.Struct("<4s22xHH")  # a member's local header: signature, name and extra sizes


def check_xlsx(data: bytes) -> None:
    """Refuse a zip bomb, or sheets that would lay out more than MAX_CELLS cells."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            members = package.infolist()
            declared = sum(info.file_size for info in members)
            if declared > MAX_INFLATED:
                raise PlanparseError(f"refusing the workbook: it would inflate to"
                                     f" {declared >> 20} MB")
            # any part may be a worksheet (relationships name them, by any name): all count
            cells = sum(_xml_extent(_inflate(data, package, info)) for info in members)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError) as exc:  # fmt: skip
        raise PlanparseError(f"corrupt workbook: {' '.join(str(exc).split())}") from None
    _check_cells(cells)


def _inflate(data: bytes, package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes, at most its declared size (where calamine stops too).  A plain
    deflated or stored member is inflated straight from ``data``, without zipfile's
    per-chunk CRC (calamine checks none); anything else goes through zipfile."""
    start = info.header_offset
    if not 0 <= start <= len(data) - _LOCAL.size:  # a header out of the file: zipfile says why
        return package.read(info)
    signature, name, extra = _LOCAL.unpack_from(data, start)
    if signature != b"PK\x03\x04" or info.flag_bits & 1 or info.compress_type not in (0, 8):
        return package.read(info)
    start += _LOCAL.size + name + extra
    raw = data[start : start + info.compress_size]
    if info.compress_type == 0:
        return raw[: info.file_size]
    return zlib.decompressobj(-15).decompress(raw, info.file_size)


def _xml_extent(xml: bytes) -> int:
    """An upper bound on the cells calamine lays out for one part (0 for no worksheet)."""
    if _SHEET not in xml:
        return 0
    if _PREFIXED.search(xml) is None:
        last = _REFERENCE.match(xml, xml.rfind(b'<c r="'))
        skip = sum(digits <= len(last.group(1)) for digits in _DIGITS) if last else 0
        for digits, far in zip(_DIGITS[skip:], _FAR[skip:], strict=True):
            found = far.search(xml)
            if found is None:
                return 26 * (10 ** (digits - 1) - 1)
            if not found.group().startswith(b'<c r="'):
                break  # a cell written otherwise
    return _slow_extent(xml)


def _slow_extent(xml: bytes) -> int:
    """Follow every row and cell as calamine places them: at its reference, else one past
    the previous one."""
    rows = columns = 0
    row = column = -1
    for match in _ELEMENT.finditer(xml):
        ref = _R_ATTRIBUTE.search(match.group(2))
        letters, digits = (ref.group(1), ref.group(2)) if ref else (b"", b"")
        if match.group(1) == b"row":
            row = int(digits) - 1 if digits else row + 1
            column = -1
            continue
        if digits:
            row = int(digits) - 1
        column = _column(letters) if letters else column + 1
        rows, columns = max(rows, row + 1), max(columns, column + 1)
    return rows * columns


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number - 1


# --------------------------------------------------------------------------- .xls / .et

_STREAMS = ("Workbook", "Book")  # BIFF8, and BIFF5 and older
_BOF, _EOF, _FILEPASS, _DIMENSIONS, _BOUNDSHEET = 0x0809, 0x000A, 0x002F, 0x0200, 0x0085
# formula, string (shared, plain, rich), blank, number, boolean/error, RK: row, column first
_CELL_RECORDS = frozenset((0x0006, 0x00FD, 0x0204, 0x00D6, 0x0201, 0x0203, 0x0205, 0x027E))
_MULTI_RECORDS = frozenset((0x00BD, 0x00BE))  # MULRK / MULBLANK: the last column closes them
_MARKERS = _MULTI_RECORDS | {_DIMENSIONS, _FILEPASS, _BOF, _EOF, _BOUNDSHEET}  # the others that count
_RECORD = struct.Struct("<HHHH")  # type, length, and a cell record's row and column
_U16 = struct.Struct("<H")
_U32 = struct.Struct("<I")
_MAX_ELSEWHERE = 16  # sheets a workbook may start where the walk in order met no BOF
# DIMENSIONS (first row, last row + 1, first column, last column + 1), whose declared extent
# calamine reserves room for; BIFF8 rows are 32-bit
_EXTENTS = {14: struct.Struct("<IIHH"), 10: struct.Struct("<HHHH")}


def clean_xls(data: bytes) -> bytes:
    """The workbook stream of an .xls/.et, checked, in a new container of our own making.

    calamine's compound-file reader trusts the container's header and sector chains (a
    corrupt one can make it loop or allocate without bound), so the stream is read by our
    strict reader, or by olefile (which checks them too) when that one gives up, and
    calamine gets a plain container holding that stream."""
    found = read_stream(data, _STREAMS)
    name, stream = found if found is not None else _ole_stream(data)
    _check_cells(_biff_extent(stream))
    return _container(name, stream)


def _ole_stream(data: bytes) -> tuple[str, bytes]:
    try:
        with olefile.OleFileIO(BytesIO(data)) as container:
            name = next((name for name in _STREAMS if container.exists(name)), _STREAMS[-1])
            return name, container.openstream(name).read()
    except (OSError, ValueError, IndexError, struct.error, RecursionError) as exc:
        raise PlanparseError(f"corrupt workbook: {' '.join(str(exc).split())}") from None


def _biff_extent(stream: bytes) -> int:
    """The cells laid out over all substreams: each spans (last row + 1) × (last column + 1)
    of its cells, or what its DIMENSIONS record declares, whichever is larger.  calamine
    reads each sheet from where its BOUNDSHEET record puts it to the next EOF; a sheet put
    where the walk in order met no BOF (inside another record, say) is walked from there."""
    walk = _walk(stream, 0)
    elsewhere = dict.fromkeys(walk.sheets).keys() - walk.starts
    if len(elsewhere) > _MAX_ELSEWHERE:  # each is a walk of its own: no workbook does this
        raise PlanparseError(f"corrupt workbook: {len(elsewhere)} sheets start inside other"
                             " records")
    for start in elsewhere:
        walk.total += _walk(stream, start, sheet=True).total
    return walk.total


class _Walk:
    """What a walk over BIFF records found besides cells (DIMENSIONS, BOF, EOF, BOUNDSHEET
    and FILEPASS records, rare enough for a call): the cells the substreams walked lay out,
    where they start, and where calamine reads the sheets."""

    def __init__(self, sheet: bool) -> None:
        self.sheet = sheet  # one sheet as calamine reads it: to the first EOF, BOFs and all
        self.total = self.declared = 0
        self.starts: set[int] = set()  # BOF records met
        self.sheets: list[int] = []  # BOUNDSHEET positions in the globals substream
        self.globals = not sheet
        self.ended = False

    def marker(self, stream: bytes, pos: int, kind: int, length: int, rows: int,
               columns: int) -> tuple[int, int]:
        """Note the record of ``kind`` at ``pos``; the substream's rows and columns after it."""
        whole = pos + 4 + length <= len(stream)
        if kind == _DIMENSIONS and length in _EXTENTS and whole:
            self.declared = max(self.declared,
                                _declared(*_EXTENTS[length].unpack_from(stream, pos + 4)))
        elif kind == _FILEPASS:
            raise PlanparseError(ENCRYPTED)
        elif kind == _BOUNDSHEET and self.globals and length >= 4 and whole:
            self.sheets.append(_U32.unpack_from(stream, pos + 4)[0])
        elif kind == _BOF and not self.sheet:
            self.starts.add(pos)
            self.close(rows, columns)
            return 0, 0
        elif kind == _EOF:
            self.globals = False
            self.ended = self.sheet
            self.close(rows, columns)
            return 0, 0
        return rows, columns

    def close(self, rows: int, columns: int) -> None:
        self.total += max(rows * columns, self.declared)
        self.declared = 0


def _walk(stream: bytes, start: int, sheet: bool = False) -> _Walk:
    """Walk the records from ``start``: to the stream's end, a substream from each BOF or
    EOF to the next; or, for a ``sheet``, as one substream to its first EOF."""
    walk = _Walk(sheet)
    rows = columns = 0
    # each record's header and the row and column a cell record opens with, in one call; the
    # padding gives a record cut short at the end zeros, not a struct.error
    padded = stream + bytes(4)
    unpack = _RECORD.unpack_from
    pos, end = start, len(stream) - 4
    while pos <= end:
        kind, length, row, column = unpack(padded, pos)
        if kind in _CELL_RECORDS:  # the commonest: comparisons, not calls
            if length >= 4:
                if row >= rows:
                    rows = row + 1
                if column >= columns:
                    columns = column + 1
        elif kind not in _MARKERS:
            pass
        elif kind in _MULTI_RECORDS and length >= 6 and pos + 4 + length <= len(stream):
            last = _U16.unpack_from(stream, pos + 2 + length)[0]  # the record's final two bytes
            rows, columns = max(rows, row + 1), max(columns, last + 1)
        else:
            rows, columns = walk.marker(stream, pos, kind, length, rows, columns)
            if walk.ended:
                return walk
        pos += 4 + length
    walk.close(rows, columns)
    return walk


def _declared(first_row: int, row_end: int, first_column: int, column_end: int) -> int:
    """The cells a DIMENSIONS record declares; rows running backwards wrap around in
    calamine's arithmetic, so they count as endless (a bad first column is taken as 0)."""
    if row_end < first_row:
        return 2**32
    return (row_end - first_row) * column_end


_SECTOR = 4096  # version 4 compound files: 4096-byte sectors, 1024 FAT entries a sector
_ENTRIES = _SECTOR // 4
_FREE, _END, _FAT_SECTOR = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
_MAX_FAT_SECTORS = 109  # what the header's own DIFAT holds: streams up to 450 MB
_HEAD = struct.Struct("<8s16sHHHHH6sIIIIIIIII")  # a compound file's header up to its DIFAT
_FREE_ENTRY = struct.pack("<I", _FREE)


def _container(name: str, stream: bytes) -> bytes:
    """A version 4 compound file: the stream's sectors, the FAT, one directory sector."""
    stream = stream.ljust(_SECTOR, b"\0")  # shorter ones would go to a mini stream
    sectors = -(-len(stream) // _SECTOR)
    fat_sectors = -(-(sectors + 1) // (_ENTRIES - 1))  # each also maps itself
    if fat_sectors > _MAX_FAT_SECTORS:
        raise PlanparseError(f"refusing the workbook: its {len(stream) >> 20} MB stream is too"
                             " large")
    directory = sectors + fat_sectors
    fat = _u32s([*range(1, sectors), _END, *[_FAT_SECTOR] * fat_sectors, _END],
                fat_sectors * _ENTRIES)
    header = _HEAD.pack(OLE_MAGIC, b"", 0x3E, 4, 0xFFFE, 12, 6, b"", 1, fat_sectors, directory,
                        0, 4096, _END, 0, _END, 0) + _u32s([*range(sectors, directory)],
                                                           _MAX_FAT_SECTORS)
    # calamine wants a version 4 root entry to start somewhere; it holds no mini stream
    entries = _entry("Root Entry", 5, child=1, start=0, size=0) + _entry(name, 2, start=0,
                                                                          size=len(stream))
    return b"".join((
        header.ljust(_SECTOR, b"\0"),
        stream,
        bytes(sectors * _SECTOR - len(stream)),
        fat,
        entries.ljust(_SECTOR, b"\0"),
    ))


def _u32s(values: list[int], length: int) -> bytes:
    """``values`` as little-endian 32-bit entries, free ones after them up to ``length``
    (packed as repeated bytes: a FAT is mostly free entries)."""
    return struct.pack(f"<{len(values)}I", *values) + _FREE_ENTRY * (length - len(values))


def _entry(name: str, kind: int, start: int, size: int, child: int = _FREE) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return struct.pack("<64sHBBIII16sIQQIQ", encoded, len(encoded), kind, 1, _FREE, _FREE,
                       child, b"", 0, 0, 0, start, size)


def _check_cells(cells: int) -> None:
    if cells > MAX_CELLS:
        raise PlanparseError(f"refusing the workbook: its sheets would lay out {cells:,} cells"
                             f" (at most {MAX_CELLS:,})")
