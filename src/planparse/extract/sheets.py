"""Excel 台账 (.xlsx/.xlsm, .xls and WPS .et), read with python-calamine.

A plan sheet is one with a header row the table reader knows (序号, 工作任务, 责任单位,
完成时限 …).  What is typed above its header — a notice, the title merged across the
columns — reads as paragraphs; the header and the rows below it are table rows exactly as
the Word reader gives them (one cell per column, "" for a cell a merge covers, so a vertical
merge continues the group above and a row merged across is a section row); prose rows after
the last table row are paragraphs again (a 版记, a note), and another header row further down
starts a table of its own (an attached table under its 附件 label and title).  Sheets without
a table before the first plan sheet are read as paragraphs (the notice on a sheet of its
own); the others are not the plan's text.  Numbers print as Excel shows them by default
(序号 1.0 is "1") and dates as a plan prints them (2022年6月30日).
"""

from __future__ import annotations

import datetime
import functools
import gc
import itertools
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import BytesIO

import python_calamine as calamine

from planparse.blocks import CENTER, RIGHT, Block
from planparse.errors import PlanparseError
from planparse.extract import Extracted
from planparse.extract.registry import ENCRYPTED, ZIP_MAGIC
from planparse.extract.sheets_guard import check_xlsx, clean_xls
from planparse.grammar.columns import column_roles

_HEADING_MAX = 20  # characters: a header cell is a heading, not a sentence
_CLAUSE_ENDS = "：:；;，,"  # a line ending so goes on (主送机关：), it is no title
_Range = tuple[tuple[int, int], tuple[int, int]]  # calamine's ((row, col), (row, col)), inclusive


def extract(data: bytes) -> Extracted:
    """Extract the workbook's notice and plan sheets as paragraph and table-row blocks."""
    xlsx = data[:4] == ZIP_MAGIC
    if xlsx:
        check_xlsx(data)
    with _collector_paused():
        return _extract(data if xlsx else clean_xls(data), "xlsx" if xlsx else "xls")


def _extract(data: bytes, name: str) -> Extracted:
    sheets = [sheet for sheet in _read(data) if sheet.rows]
    if not sheets:
        raise PlanparseError("the workbook is empty: no sheet has any text")
    plans = [i for i, sheet in enumerate(sheets) if sheet.header is not None]
    if not plans:
        raise PlanparseError("no sheet of the workbook holds a plan table (a header row naming"
                             " columns such as 序号, 工作任务, 责任单位, 完成时限)")
    blocks = [block for sheet in sheets[: plans[0]] for block in sheet.paragraphs(sheet.rows)]
    numbers = itertools.count()  # the tables of all plan sheets, in order
    for i in plans:
        blocks.extend(sheets[i].blocks(numbers))
    return Extracted(format=name, blocks=blocks)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a sheet becomes blocks: they are thousands of
    acyclic lists, tuples and blocks, which each collection would walk again (a tenth of the
    time of a large sheet)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# ---------------------------------------------------------------------------- reading


def _read(data: bytes) -> list[_Sheet]:
    """The visible worksheets, in workbook order."""
    try:
        with _rust_quiet(), calamine.CalamineWorkbook.from_filelike(BytesIO(data)) as book:
            return [_Sheet.of(book.get_sheet_by_name(meta.name)) for meta in book.sheets_metadata
                    if meta.typ == calamine.SheetTypeEnum.WorkSheet
                    and meta.visible == calamine.SheetVisibleEnum.Visible]
    except calamine.PasswordError:
        raise PlanparseError(ENCRYPTED) from None
    except (calamine.CalamineError, ValueError, OSError, OverflowError) as exc:
        raise PlanparseError(f"corrupt workbook: {_reason(exc)}") from None
    except BaseException as exc:
        # calamine panics on some malformed records; pyo3 raises a BaseException for that
        if type(exc).__name__ != "PanicException":
            raise
        raise PlanparseError(f"corrupt workbook: {_reason(exc)}") from None


@contextmanager
def _rust_quiet() -> Iterator[None]:
    """Keep calamine's panic report (a Rust backtrace) off stderr: the panic itself becomes
    the one-line error.  Swaps file descriptor 2, so it spans only the calamine calls."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        os.dup2(_devnull(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


@functools.cache
def _devnull() -> int:
    """A descriptor of the null device, opened once: each workbook read swaps it in."""
    return os.open(os.devnull, os.O_WRONLY)


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _text(value: object) -> str:
    """A cell's value as the sheet shows it in the General format, dates as plans print them."""
    if isinstance(value, float):  # the commonest: numbers are floats (序号 1.0)
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:.15g}"
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        moment = value.time()
        day = _text(value.date())
        return day if moment == datetime.time() else f"{day} {moment:%H:%M}"
    if isinstance(value, datetime.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, datetime.time):
        return f"{value:%H:%M}"
    return str(value)


# ---------------------------------------------------------------------------- one sheet


@dataclass
class _Sheet:
    """A sheet's cell texts (rows without text dropped) and its merged ranges."""

    rows: list[list[str]]  # every row as wide as the sheet's last column with text
    numbers: list[int]  # each kept row's number on the sheet, for the merges
    merges: list[_Range]
    first: int  # the sheet's first column with text
    headers: list[int] = field(init=False)  # indices in ``rows`` of the tables' header rows

    def __post_init__(self) -> None:
        rows = self.rows
        first = next((i for i, row in enumerate(rows) if _is_header(row)), None)
        self.headers = [] if first is None else [first, *self._later_headers(first)]

    def _later_headers(self, first: int) -> list[int]:
        """The header rows below the first table's.  A header's cells are all short, so only
        rows short in the column where the row under the first header is longest are asked:
        the task column, long in nearly every row."""
        rows = self.rows
        if first + 1 >= len(rows):
            return []
        below = rows[first + 1]
        probe = max(range(len(below)), key=lambda column: len(below[column]))
        return [i for i in range(first + 1, len(rows))
                if len(rows[i][probe]) <= _HEADING_MAX and _is_header(rows[i])]

    @property
    def header(self) -> int | None:
        """Index in ``rows`` of the first table's header row, if the sheet holds a table."""
        return self.headers[0] if self.headers else None

    @classmethod
    def of(cls, sheet: calamine.CalamineSheet) -> _Sheet:
        # one comprehension, strings first: this is the loop over every cell (isspace, unlike
        # strip, copies no text)
        grid = [[("" if value.isspace() else value) if value.__class__ is str else _text(value)
                 for value in row] for row in sheet.to_python(skip_empty_area=False)]
        merges = sheet.merged_cell_ranges or []
        _blank_covered(grid, merges)
        kept = [i for i, row in enumerate(grid) if any(row)]
        rows = [grid[i] for i in kept]
        first, width = _used_columns(rows)
        if rows and width < len(rows[0]):
            rows = [row[:width] for row in rows]
        return cls(rows, kept, merges, first)

    def blocks(self, numbers: Iterator[int]) -> Iterator[Block]:
        """Paragraphs above the first header, then each table from its header row (a sheet
        may hold several, prose between them) with the paragraphs after its last row."""
        yield from self.paragraphs(self.rows[: self.headers[0]])
        ends = [*self.headers[1:], len(self.rows)]
        for start, stop in zip(self.headers, ends, strict=True):
            yield from self._table(start, stop, next(numbers))

    def _table(self, header: int, stop: int, table: int) -> Iterator[Block]:
        body = self.rows[header:stop]
        end = len(body)
        while end > 1 and self._is_prose(header + end - 1, header):
            end -= 1
        table_rows = body[:end]
        # the table's columns: the sheet's, unless there is prose above or after it
        whole = len(table_rows) == len(self.rows)
        first, width = (self.first, len(body[0])) if whole else _used_columns(table_rows)
        if first > 0 or width < len(body[0]):
            table_rows = [row[first:width] for row in table_rows]
        yield Block(cells=tuple(table_rows[0]), table=table, header=True)
        yield from [Block(cells=tuple(row), table=table) for row in table_rows[1:]]
        yield from self.paragraphs(body[end:], start=header + end)

    def paragraphs(self, rows: Sequence[list[str]], start: int = 0) -> Iterator[Block]:
        """Each row's texts as one paragraph, cells a space apart."""
        width = len(self.rows[0]) if self.rows else 0
        for i, row in enumerate(rows, start):
            filled = [(column, text) for column, text in enumerate(row) if text.strip()]
            if filled:
                yield Block(text=" ".join(text for _, text in filled),
                            hints=self._hints(i, filled, width))

    def _hints(self, i: int, filled: list[tuple[int, str]], width: int) -> frozenset[str]:
        """A lone cell merged across the sheet is centred (a title, if no sentence or clause
        ends in it); one standing in the right half, unmerged, is right-aligned (a date, a
        signature)."""
        if len(filled) != 1:
            return frozenset()
        column, text = filled[0]
        span = self._span(i, column)
        titled = "。" not in text and text[-1] not in _CLAUSE_ENDS
        if span is not None and span[0] <= self.first and span[1] >= width - 1 and titled:
            return frozenset({CENTER})
        if span is None and column > 0 and column >= width / 2:
            return frozenset({RIGHT})
        return frozenset()

    def _is_prose(self, i: int, header: int) -> bool:
        """A row after the table whose header is row ``header`` that is not a table row: one
        text, in the first column or merged across, and no merge from above reaching into it."""
        filled = [column for column, text in enumerate(self.rows[i]) if text]
        if len(filled) != 1 or self._covered(i):
            return False
        span = self._span(i, filled[0])
        table_end = _used_columns([self.rows[header]])[1]
        return filled[0] == self.first or (span is not None and span[1] >= table_end - 1)

    def _span(self, i: int, column: int) -> tuple[int, int] | None:
        """The columns of the merge whose first cell is row ``i``, ``column``, if any."""
        row = self.numbers[i]
        return next(((c0, c1) for (r0, c0), (r1, c1) in self.merges
                     if r0 == row and c0 == column and c1 > c0), None)

    def _covered(self, i: int) -> bool:
        row = self.numbers[i]
        return any(r0 < row <= r1 for (r0, _), (r1, _) in self.merges)


def _blank_covered(grid: list[list[str]], merges: list[_Range]) -> None:
    """Empty the cells a merge covers: the sheet shows only its first cell's value.  Merges
    do not overlap, so together they cover no more cells than the sheet has."""
    width = len(grid[0]) if grid else 0
    clipped = [(r0, c0, min(r1, len(grid) - 1), min(c1, width - 1))
               for (r0, c0), (r1, c1) in merges]
    covered = sum(max(r1 - r0 + 1, 0) * max(c1 - c0 + 1, 0) for r0, c0, r1, c1 in clipped)
    if covered > len(grid) * width:
        raise PlanparseError("corrupt workbook: its merged cells overlap")
    for r0, c0, r1, c1 in clipped:
        if r0 <= r1 and c1 > c0:  # (r1 is clipped: r0 is on the sheet)
            grid[r0][c0 + 1 : c1 + 1] = [""] * (c1 - c0)
        for row in grid[r0 + 1 : r1 + 1]:
            row[c0 : c1 + 1] = [""] * (c1 - c0 + 1)


def _is_header(row: list[str]) -> bool:
    """A row of short headings the table reader takes for a plan table's header."""
    names = [text for text in row if text.strip()]
    return (len(names) >= 2 and all(len(name) <= _HEADING_MAX for name in names)
            and column_roles(names) is not None)


def _used_columns(rows: Sequence[list[str]]) -> tuple[int, int]:
    """The first column with text in any of ``rows``, and one past the last."""
    used = [i for i, column in enumerate(zip(*rows, strict=True)) if any(column)]
    return (used[0], used[-1] + 1) if used else (0, 0)

