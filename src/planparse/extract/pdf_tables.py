"""Tables from ruling lines: horizontal and vertical rules -> a grid of (merged) cells.

Pure geometry, no PDF library: :mod:`planparse.extract.pdf` reads the rules, this module
builds the grids and says which cell a point falls in.  Coordinates are points on the
displayed page, ``y`` growing downwards.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import TypeVar

from planparse.extract.layout_settings import LAYOUT

MAX_RULES = 1000  # more rules than this on one page is a drawing, not a table

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Rule:
    """An axis-parallel ruling line: ``pos`` across it, ``start``..``end`` along it."""

    horizontal: bool
    pos: float
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class Region:
    """A cell of the grid, possibly merged over several grid rows and columns."""

    row: int
    col: int
    rows: int = 1
    cols: int = 1


@dataclass(frozen=True, slots=True)
class Grid:
    """One ruled table: grid lines ``xs`` (left to right) and ``ys`` (top to bottom)."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    regions: tuple[Region, ...]
    owner: tuple[tuple[int, ...], ...]  # [row][col] -> index into regions

    @property
    def columns(self) -> int:
        return len(self.xs) - 1

    @property
    def top(self) -> float:
        return self.ys[0]

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]

    def region_at(self, x: float, y: float) -> int:
        """Index of the region holding point (x, y), which must lie inside the grid."""
        col = min(max(bisect_right(self.xs, x) - 1, 0), self.columns - 1)
        row = min(max(bisect_right(self.ys, y) - 1, 0), len(self.ys) - 2)
        return self.owner[row][col]

    def same_columns(self, other: Grid) -> bool:
        """True when ``other`` has this grid's columns (a table continued on a new page).

        Column widths are compared, not positions: a scanned page sits a little off where
        the page before it sat."""
        return len(self.xs) == len(other.xs) and all(
            abs((a1 - a0) - (b1 - b0)) <= LAYOUT.snap
            for (a0, a1), (b0, b1) in zip(pairwise(self.xs), pairwise(other.xs), strict=True)
        )


def find_grids(rules: Iterable[Rule]) -> list[Grid]:
    """Group touching rules into tables and build each table's grid, top to bottom."""
    hs = _merge([r for r in rules if r.horizontal])
    vs = _merge([r for r in rules if not r.horizontal])
    if len(hs) + len(vs) > MAX_RULES:
        return []
    grids = [_grid(h, v) for h, v in _connected(hs, vs)]
    return sorted((g for g in grids if g is not None), key=lambda g: g.top)


def _merge(rules: list[Rule]) -> list[Rule]:
    """Join collinear rules that overlap or touch (a border drawn in pieces is one rule)."""
    merged: list[Rule] = []
    for line in _chains(rules, key=lambda r: r.pos):
        pos = sum(r.pos for r in line) / len(line)
        line.sort(key=lambda r: r.start)
        start, end = line[0].start, line[0].end
        for rule in line[1:]:
            if rule.start > end + LAYOUT.snap:
                merged.append(Rule(rule.horizontal, pos, start, end))
                start = rule.start
            end = max(end, rule.end)
        merged.append(Rule(line[0].horizontal, pos, start, end))
    return merged


def _connected(hs: list[Rule], vs: list[Rule]) -> list[tuple[list[Rule], list[Rule]]]:
    """Split the rules into groups that touch each other (one group per table)."""
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    snap = LAYOUT.snap
    # the verticals by position: those a horizontal can touch are one slice of them
    order = sorted(range(len(vs)), key=lambda j: vs[j].pos)
    positions = [vs[j].pos for j in order]
    for i, h in enumerate(hs):
        for j in order[bisect_left(positions, h.start - snap):
                       bisect_right(positions, h.end + snap)]:
            if vs[j].start - snap <= h.pos <= vs[j].end + snap:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, rule in enumerate(hs + vs):
        group = groups.setdefault(find(i), ([], []))
        group[0 if rule.horizontal else 1].append(rule)
    return list(groups.values())


def _chains(items: Iterable[T], key: Callable[[T], float]) -> list[list[T]]:
    """Sort by ``key`` and cut where neighbours are more than LAYOUT.snap apart."""
    chains: list[list[T]] = []
    for item in sorted(items, key=key):
        if chains and key(item) - key(chains[-1][-1]) <= LAYOUT.snap:
            chains[-1].append(item)
        else:
            chains.append([item])
    return chains


def _cluster(values: Iterable[float]) -> tuple[float, ...]:
    """Sorted positions with near-equal ones (within LAYOUT.snap) replaced by their mean."""
    return tuple(sum(c) / len(c) for c in _chains(values, key=float))


def _grid(hs: list[Rule], vs: list[Rule]) -> Grid | None:
    xs, ys = _cluster(v.pos for v in vs), _cluster(h.pos for h in hs)
    if len(xs) < 3 or len(ys) < 2:
        return None  # a lone rule, a framed box, a page border with a rule across: no table
    row_mids = [(a + b) / 2 for a, b in pairwise(ys)]
    col_mids = [(a + b) / 2 for a, b in pairwise(xs)]
    at_x, at_y = _spans(vs, xs), _spans(hs, ys)
    # wall[r][c]: a rule separates cell (r, c-1) from (r, c); floor[r][c]: (r-1, c) from (r, c)
    wall = [list(row) for row in zip(*(_crossings(spans, row_mids) for spans in at_x),
                                     strict=True)]
    floor = [_crossings(spans, col_mids) for spans in at_y]
    return _regions(xs, ys, wall, floor)


def _crossings(spans: list[tuple[float, float]], mids: list[float]) -> list[bool]:
    """For each cell middle along a grid line, does one of the line's rules pass it?"""
    if len(spans) == 1:  # the usual grid line, one rule: no generator per cell
        ((start, end),) = spans
        return [start <= mid <= end for mid in mids]
    return [any(s <= mid <= e for s, e in spans) for mid in mids]


def _spans(rules: list[Rule], positions: tuple[float, ...]) -> list[list[tuple[float, float]]]:
    """The extents of the rules lying on each grid line."""
    spans: list[list[tuple[float, float]]] = [[] for _ in positions]
    for rule in rules:
        at = bisect_right(positions, rule.pos)  # the nearest of positions[at - 1], [at]
        if at == len(positions) or (
            at > 0 and rule.pos - positions[at - 1] < positions[at] - rule.pos
        ):
            at -= 1
        spans[at].append((rule.start, rule.end))
    return spans


def _regions(
    xs: tuple[float, ...], ys: tuple[float, ...], wall: list[list[bool]], floor: list[list[bool]]
) -> Grid:
    """Cover the grid with merged cells: grow each free cell right, then down, until a rule."""
    nrows, ncols = len(ys) - 1, len(xs) - 1
    owner = [[-1] * ncols for _ in range(nrows)]
    regions: list[Region] = []
    for row in range(nrows):
        for col in range(ncols):
            if owner[row][col] >= 0:
                continue
            right, bottom = _grow(row, col, owner, wall, floor)
            for r in range(row, bottom):
                owner[r][col:right] = [len(regions)] * (right - col)
            regions.append(Region(row, col, bottom - row, right - col))
    return Grid(xs, ys, tuple(regions), tuple(tuple(r) for r in owner))


def _grow(row: int, col: int, owner: list[list[int]], wall: list[list[bool]],
          floor: list[list[bool]]) -> tuple[int, int]:
    """Where the merged cell from free cell (row, col) ends: one past its last column and
    row, grown right and then down until a rule or a cell already taken."""
    nrows, ncols = len(owner), len(owner[row])
    right = col + 1
    while right < ncols and not wall[row][right] and owner[row][right] < 0:
        right += 1
    bottom = row + 1  # slices of the rows below: no rule under the cell, no cell taken
    while bottom < nrows and True not in floor[bottom][col:right] and max(
            owner[bottom][col:right]) < 0:
        bottom += 1
    return right, bottom


def straight(p: tuple[float, float], q: tuple[float, float]) -> list[Rule]:
    """The segment p-q as a rule if it is horizontal or vertical."""
    if abs(p[1] - q[1]) <= 0.5 and abs(p[0] - q[0]) > LAYOUT.thin:
        return [Rule(True, p[1], min(p[0], q[0]), max(p[0], q[0]))]
    if abs(p[0] - q[0]) <= 0.5 and abs(p[1] - q[1]) > LAYOUT.thin:
        return [Rule(False, p[0], min(p[1], q[1]), max(p[1], q[1]))]
    return []
