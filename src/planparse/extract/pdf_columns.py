"""Tables set without ruling lines, found by the alignment of their columns.

A Word table printed without borders (and a scan of one) leaves no rules, only text in
columns: lines whose runs stand apart at gutters that recur line after line.  The gutters
and the rows' first lines give the table virtual ruling lines, and the ruled-table code
reads its cells from there, as it would a ruled table's.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Protocol, TypeVar

from planparse.extract.layout_settings import LAYOUT
from planparse.extract.pdf_tables import Rule
from planparse.grammar.lines import is_page_number
from planparse.grammar.markers import match_marker

Span = tuple[float, float]  # left, right


class RunLike(Protocol):  # pdf_layout.Run, which imports this module
    text: str
    left: float
    right: float
    base: float
    size: float


R = TypeVar("R", bound=RunLike)

# a line of one piece opening with these is a heading, not a cell's line: a row merged
# across the table, or between two tables (which reads alike)
_HEADINGS = ("part", "chapter", "cn_dun", "cn_paren")


@dataclass(slots=True)
class _Line:
    base: float
    size: float
    spans: list[Span]  # its text's pieces, split where a gap parts two cells
    text: str = ""  # the text of a line of one piece
    furniture: bool = False  # a page number in the page's top or bottom band
    across: bool = False  # set once the table is known: a row merged across its columns


def aligned_rules(runs: Iterable[RunLike], height: float) -> list[Rule]:
    """Virtual ruling lines of the borderless tables among a page's runs (on a page
    ``height`` high: a page number in its top or bottom band is no row)."""
    lines = _lines(runs, height)
    rules: list[Rule] = []
    start = 0
    while start < len(lines):
        if len(lines[start].spans) >= LAYOUT.aligned_columns:
            end, gutters = _stretch(lines, start)
            if end - start >= LAYOUT.aligned_rows:
                table = lines[start:end]
                rules += _rules(table, _finest(table) or gutters)
                start = end
                continue
        start += 1
    return rules


def baseline_groups(runs: Iterable[R]) -> list[list[R]]:
    """Runs sharing a baseline, top to bottom, each group left to right: a page's lines."""
    groups: list[list[R]] = []
    for run in sorted(runs, key=lambda r: (r.base, r.left)):
        first = groups[-1][0] if groups else None
        if first is not None and abs(run.base - first.base) <= 0.5 * max(run.size, first.size):
            groups[-1].append(run)
        else:
            groups.append([run])
    for group in groups:
        if len(group) > 1:  # most lines are one run: nothing to order
            group.sort(key=lambda r: r.left)
    return groups


def _lines(runs: Iterable[RunLike], height: float) -> list[_Line]:
    """The page's lines, top to bottom, each cut at cell gaps."""
    body = (LAYOUT.band * height, (1 - LAYOUT.band) * height)
    groups = baseline_groups(run for run in runs if not run.text.isspace())
    return [_line(group[0].base, group[0].size, group, body) for group in groups]


def _line(base: float, size: float, runs: list[RunLike], body: tuple[float, float]) -> _Line:
    spans = _pieces([(run.left, run.right) for run in runs], size)
    if len(spans) > 1:
        return _Line(base, size, spans)
    text = "".join(run.text for run in runs).strip()
    furniture = not body[0] <= base <= body[1] and is_page_number(text)
    return _Line(base, size, spans, text, furniture)


def _is_heading(line: _Line) -> bool:
    """A line of one piece opening with a heading's marker (asked only of lines in a table)."""
    marker = match_marker(line.text) if line.text else None
    return marker is not None and marker.style in _HEADINGS


def _pieces(spans: list[Span], size: float) -> list[Span]:
    pieces = [spans[0]]
    for left, right in spans[1:]:
        if left - pieces[-1][1] > LAYOUT.cell_gap * size:
            pieces.append((left, right))
        else:
            pieces[-1] = (pieces[-1][0], max(pieces[-1][1], right))
    return pieces


def _stretch(lines: list[_Line], start: int) -> tuple[int, list[Span]]:
    """How far down the table begun at ``start`` goes, and its gutters narrowed to fit.

    A heading (up to two lines of one) is a row merged across the columns when the table
    goes on below it."""
    gutters = [(a[1], b[0]) for a, b in pairwise(lines[start].spans)]
    end = kept = start + 1
    while end < len(lines) and end - kept < LAYOUT.across_lines:
        line, above = lines[end], lines[end - 1]
        if line.furniture or line.base - above.base > LAYOUT.aligned_step * max(line.size, above.size):
            break
        if _is_heading(line):
            line.across = True
        else:
            narrowed = _narrow(gutters, line.spans, line.size)
            if narrowed is None:  # text across the gutters: a paragraph below the table
                break
            gutters, kept = narrowed, end + 1
        end += 1
    for line in lines[kept:end]:  # below the table's last cell line: not part of it
        line.across = False
    return kept, gutters


def _finest(table: list[_Line]) -> list[Span] | None:
    """The gutters of the table's line in the most columns, if every line fits them: a table
    going on from the page before may open with a line in fewer columns than it has."""
    widest = max(table, key=lambda line: len(line.spans))
    if len(widest.spans) == len(table[0].spans):
        return None
    gutters: list[Span] | None = [(a[1], b[0]) for a, b in pairwise(widest.spans)]
    for line in table:
        if gutters is None:
            return None
        if not line.across:
            gutters = _narrow(gutters, line.spans, line.size)
    return gutters


def _narrow(gutters: list[Span], spans: list[Span], size: float) -> list[Span] | None:
    """The gutters with this line's text kept out of them; None if text crosses one."""
    narrowed = []
    for left, right in gutters:
        for a, b in spans:
            if a < right and b > left:  # text reaches into the gutter: it shrinks
                left, right = (b, right) if a <= left else (left, a)
        if right - left < LAYOUT.min_gutter * size:
            return None
        narrowed.append((left, right))
    return narrowed


def _rules(lines: list[_Line], gutters: list[Span]) -> list[Rule]:
    """Ruling lines around the table's cells, a row starting at each row's first line; the
    column rules leave out the rows merged across."""
    left = min(line.spans[0][0] for line in lines) - 1
    right = max(line.spans[-1][1] for line in lines) + 1
    xs = [left, *((a + b) / 2 for a, b in gutters), right]
    cells = [{bisect_right(xs, (a + b) / 2) - 1: b for a, b in line.spans} for line in lines]
    ends = [max((c[i] for c, line in zip(cells, lines, strict=True) if i in c and not line.across),
                default=right) for i in range(len(xs) - 1)]  # where each column's text may reach
    tops: list[float] = []
    across: list[tuple[float, float]] = []  # the bands of rows merged across
    for index, line in enumerate(lines):
        above = lines[index - 1] if index else None
        if above is None:
            tops.append(line.base - line.size)
        elif line.across != above.across or (not line.across and (
                (index == 1 and 0 in cells[1])  # the header's cells do not wrap in the first column
                or _opens_row(cells[index], cells[index - 1], ends, above.size))):
            tops.append((above.base + 0.2 * above.size + line.base - 0.85 * line.size) / 2)
        if line.across and (above is None or not above.across):
            across.append((tops[-1], 0.0))
        elif above is not None and above.across and not line.across:
            across[-1] = (across[-1][0], tops[-1])
    bottom = lines[-1].base + 0.3 * lines[-1].size
    walls = _between(tops[0], bottom, across)
    return ([Rule(True, y, left, right) for y in [*tops, bottom]]
            + [Rule(False, x, tops[0], bottom) for x in (left, right)]
            + [Rule(False, x, a, b) for x in xs[1:-1] for a, b in walls])


def _opens_row(line: dict[int, float], above: dict[int, float], ends: list[float],
               size: float) -> bool:
    """Whether a line (column -> where its text there ends) is a row's first.

    Cells are set from their tops, so a row's later lines hold what wrapped: text in a column
    where the line above had none, or had a line that stopped short of the column's end,
    begins a row; so does a line in every column under another (a row under the header, rows
    of one line)."""
    if len(line) == len(above) == len(ends):
        return True
    return any(column not in above or ends[column] - above[column] > LAYOUT.wrap_room * size
               for column in line)


def _between(top: float, bottom: float, gaps: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The stretches of ``top``..``bottom`` outside the ``gaps``."""
    stretches, start = [], top
    for a, b in gaps:
        if a > start:
            stretches.append((start, a))
        start = b
    if bottom > start:
        stretches.append((start, bottom))
    return stretches
