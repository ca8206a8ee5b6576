"""Layout: text runs with geometry -> lines -> paragraphs and table rows.

Pure geometry, no PDF library: :mod:`planparse.extract.pdf` reads each page into runs
(a stretch of text in one style on one baseline) and ruling lines; this module rebuilds
what a reader sees.  Coordinates are points on the displayed page, ``y`` growing downwards.
Sizes in the thresholds are in ems of the text at hand, so they hold for any font size.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import pairwise

from planparse.blocks import CENTER, LARGE, RED, RIGHT, Block
from planparse.extract.layout_settings import LAYOUT
from planparse.extract.pdf_columns import aligned_rules, baseline_groups
from planparse.extract.pdf_tables import Grid, Rule, find_grids
from planparse.grammar.lines import is_page_number
from planparse.grammar.markers import match_marker

# Chinese text and the full-width punctuation around it (a character class body): a space
# next to one of these is an artefact of the text layer (2021 年, 48 号, spaced-out titles).
WIDE = (
    "\u2010-\u2027\u2e80-\u303f\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f"
    "\uff00-\uffef\U00020000-\U0003ffff"
)
_WIDE_CHAR = re.compile(f"[{WIDE}]")
_SPACE_BY_WIDE = re.compile(f" (?=[{WIDE}])|(?<=[{WIDE}]) ")
_WHITESPACE = re.compile(r"\s+")
_UNMARKED = re.compile(r"[\s.,;:。，、；：·]+")
_LATIN_END = re.compile(r"[A-Za-z0-9,.;:!?)]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9(]")
_NUMBER_CUT = re.compile(r"[0-9]$")  # a number wrapped at a line end goes on without a space
_DIGIT_START = re.compile(r"^[0-9]")
_DIGITS = re.compile(r"\d+")
_NO_LINE_START = "，。、；：！？）》」』】〕”’…—·,.;:!?)]}%"  # kept with the char before (kinsoku)
_SENTENCE_END = "。；！？：.;!?:"
_ITEM_END = "）)〕】"  # closes the bracket of units or dates that ends an item
_CLOSERS = "”’」』）)》〕】\"'"



@dataclass(slots=True)
class Run:
    """Text in one style on one baseline; ``left``/``right`` bound its advance."""

    text: str
    left: float
    right: float
    base: float
    size: float  # em size in points
    red: bool = False


@dataclass
class Page:
    """What the reader found on one page."""

    number: int  # 1-based
    width: float
    height: float
    runs: list[Run] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    images: int = 0


@dataclass(slots=True)
class Line:
    text: str
    left: float
    right: float
    base: float
    size: float
    red: bool
    page: int
    lead: float  # width of the first word: what would have had to fit on the line before
    stops: tuple[float, ...]  # where text resumes after a tab-like gap (list labels)
    gapped: bool  # has a layout gap inside (text set at both ends, like 版记 lines)

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


@dataclass(frozen=True, slots=True)
class Frame:
    """The horizontal extent text is set in: the page's text column or a cell's inside."""

    left: float
    right: float

    @property
    def width(self) -> float:
        return self.right - self.left


@dataclass(slots=True)
class _Table:
    grid: Grid
    cells: list[list[Line]]  # lines per grid region
    pad: float  # cell padding seen in this table
    page: int
    columns: list[Frame] | None = None  # a borderless table's text extent, column by column


@dataclass(slots=True)
class _Metrics:
    """Document-wide measures the paragraph rules compare against."""

    frames: dict[int, Frame]  # page number -> the text column of pages of its size
    body_size: float
    pitch: dict[float, float]

    def line_pitch(self, size: float) -> float:
        return self.pitch.get(round(size * 2) / 2, 1.8 * size)

    def frame(self, page: int) -> Frame:
        return self.frames[page]


# -- runs -> lines ---------------------------------------------------------------------


def merge_runs(runs: Iterable[Run]) -> list[Run]:
    """Runs with each one that touches the one before on its baseline, in the same style,
    merged into it: producers cut lines into many small objects (per script, per word)."""
    merged: list[Run] = []
    last = None
    for run in runs:
        size = run.size
        if (
            last is not None
            and last.red == run.red
            and abs(last.size - size) < 0.01 * size
            and abs(last.base - run.base) < 0.05 * size
            and -0.5 * size < run.left - last.right < LAYOUT.space_gap * size
        ):
            last.text += run.text
            last.right = max(last.right, run.right)
        else:
            merged.append(run)
            last = run
    return merged


def is_red(red: float, green: float, blue: float) -> bool:
    """Whether an RGB colour (0-255 a component) is the red of a 红头 letterhead."""
    return red >= 150 and red - max(green, blue) >= 100


def _tidy(text: str) -> str:
    """Collapse whitespace and drop the spaces the text layer puts next to Chinese."""
    if " " not in text and text.isprintable():  # most runs: nothing to do (\u3000 is unprintable)
        return text
    return _SPACE_BY_WIDE.sub("", _WHITESPACE.sub(" ", text)).strip()


@functools.lru_cache(maxsize=8192)  # asked of every run's first and last char: a dict hit
def is_wide(char: str) -> bool:
    return _WIDE_CHAR.match(char) is not None


def _make_lines(runs: Iterable[Run], page: int) -> list[Line]:
    """Group runs sharing a baseline into lines, top to bottom."""
    # a line of one run (most) has nothing to trim
    lines = (_line(_trim(g) if len(g) > 1 else g, page) for g in baseline_groups(runs))
    return [line for line in lines if line.text]


def _trim(runs: list[Run]) -> list[Run]:
    """Without blank runs at either end: a line starts and ends where its ink does."""
    start, end = 0, len(runs)
    while start < end - 1 and runs[start].text.isspace():
        start += 1
    while end - 1 > start and runs[end - 1].text.isspace():
        end -= 1
    return runs[start:end]


def _line(runs: list[Run], page: int) -> Line:
    if len(runs) == 1:  # most lines (runs of one style are merged when read)
        run = runs[0]
        text = _tidy(run.text)
        return Line(
            text,
            run.left,
            run.right,
            run.base,
            run.size,
            run.red,
            page,
            _lead_width(run),
            (),
            False,
        )
    sizes: dict[float, int] = {}
    red = total = 0
    right = runs[0].right
    for run in runs:
        chars = len(run.text)
        sizes[run.size] = sizes.get(run.size, 0) + chars
        total += chars
        red += chars if run.red else 0
        right = max(right, run.right)
    segments = _segments(runs)
    return Line(
        text=" ".join(segments),
        left=runs[0].left,
        right=right,
        base=runs[0].base,
        size=max(sizes, key=sizes.__getitem__),
        red=2 * red > total,
        page=page,
        lead=_lead_width(runs[0]),
        stops=tuple(r.left for p, r in pairwise(runs) if r.left - p.right > LAYOUT.tab * r.size),
        gapped=len(segments) > 1,
    )


def _segments(runs: list[Run]) -> list[str]:
    """The line's text split at layout gaps; spaces only where a gap shows one."""
    segments: list[list[str]] = [[runs[0].text]]
    for prev, run in pairwise(runs):
        gap = run.left - prev.right
        if gap > LAYOUT.wide_gap * run.size:
            segments.append([])
        elif gap > LAYOUT.space_gap * run.size:
            segments[-1].append(" ")
        segments[-1].append(run.text)
    return [text for s in segments if (text := _tidy("".join(s)))]


def _lead_width(run: Run) -> float:
    """Width of the run's first word (a Chinese char plus the punctuation bound to it)."""
    text = run.text.strip()
    if not text:
        return 0.0
    if is_wide(text[0]):
        return _wide_lead(text) * run.size
    latin = 0  # a Latin word, or the digits of a label such as 1. : a line may break after it
    while latin < len(text) and not text[latin].isspace() and not is_wide(text[latin]):
        latin += 1
    if latin < len(text) and is_wide(text[latin]):  # "1.公开…": the label and one char
        return (LAYOUT.half_width * latin + _wide_lead(text[latin:])) * run.size
    return (run.right - run.left) * latin / len(text)


def _wide_lead(text: str) -> int:
    """Ems of a Chinese char and the punctuation that may not start the next line."""
    rest = text[1:]
    return 1 + len(rest) - len(rest.lstrip(_NO_LINE_START))


# -- lines -> paragraphs ---------------------------------------------------------------


def _centred(line: Line, frame: Frame) -> bool:
    inset, outset = line.left - frame.left, frame.right - line.right
    # a 2-em first-line indent on a line stopping a little short of the margin is no centring
    indented = (abs(inset - LAYOUT.indent_ems * line.size) <= 0.25 * line.size
                and outset < inset - 0.25 * line.size)
    return not line.gapped and inset > 1.5 and abs(inset - outset) <= line.size and not indented


def _restyled(a: Line, b: Line) -> bool:
    return a.red != b.red or abs(a.size - b.size) > LAYOUT.restyle * max(a.size, b.size)


def _hangs(first: Line, b: Line) -> bool:
    """``b`` lines up with the text after a list label on the paragraph's first line."""
    return first.left < b.left and any(abs(stop - b.left) < 1.0 for stop in first.stops)


def _breaks(first: Line, a: Line, b: Line, frame: Frame, pitch: float | None) -> bool:
    """True when line ``b`` starts a new paragraph after line ``a`` (of a paragraph that
    began with line ``first``)."""
    if (a.gapped and not _hangs(first, b)) or _restyled(a, b) or (
            pitch is not None and b.base - a.base > LAYOUT.paragraph_gap * pitch):
        return True  # a line set at both ends (版记) is never wrapped text; a list label's is
    if _centred(a, frame) and abs(a.centre - b.centre) <= 0.5 * a.size:
        slack = frame.width - (a.right - a.left)  # a centred line has its room on both sides
    elif b.left > frame.left + LAYOUT.indent * b.size and not _hangs(first, b):
        return True  # first-line indent, or a different alignment
    else:
        slack = frame.right - a.right
    if slack > b.lead + LAYOUT.slack * a.size:
        return True
    # a heading or item set flush left under indented paragraphs: numbered after a full stop
    # or after the bracket that closes an item (（牵头单位：…）)
    return (_ends_sentence(a) or a.text[-1:] in _ITEM_END) and match_marker(b.text) is not None


def _ends_sentence(line: Line) -> bool:
    return line.text.rstrip(_CLOSERS)[-1:] in _SENTENCE_END


def _split(lines: list[Line], frame: Frame, metrics: _Metrics) -> list[list[Line]]:
    """Lines of one page (or one cell), top to bottom, cut into paragraphs."""
    paragraphs: list[list[Line]] = []
    for line in lines:
        current = paragraphs[-1] if paragraphs else None
        if current and not _breaks(
            current[0], current[-1], line, frame, metrics.line_pitch(current[-1].size)
        ):
            current.append(line)
        else:
            paragraphs.append([line])
    return paragraphs


def _join_lines(lines: Iterable[str]) -> str:
    """Lines of one paragraph as one string: no space at a wrap except between Latin words."""
    text = ""
    for line in lines:
        end = text[-2:]  # what the end expressions can match (``$`` also before a last \n)
        if (_LATIN_END.search(end) and _LATIN_START.match(line)
                and not (_NUMBER_CUT.search(end) and _DIGIT_START.match(line))):
            text += " "
        text += line
    return text


def _hints(lines: list[Line], frame: Frame, body_size: float) -> frozenset[str]:
    hints = set()
    chars = sum(len(line.text) for line in lines)
    if 2 * sum(len(line.text) for line in lines if line.red) > chars:
        hints.add(RED)
    if sum(line.size * len(line.text) for line in lines) / chars > LAYOUT.large_ratio * body_size:
        hints.add(LARGE)
    if all(_centred(line, frame) for line in lines):
        hints.add(CENTER)
    elif all(line.left - frame.left > LAYOUT.right_share * frame.width for line in lines):
        hints.add(RIGHT)
    return frozenset(hints)


# -- page furniture --------------------------------------------------------------------


Position = tuple[str, str, int]  # band, text with numbers masked, height in 3pt steps


def _position(line: Line, height: float) -> Position | None:
    """Where a line sits if it is in the top or bottom band of its page, else None."""
    if LAYOUT.band * height <= line.base <= (1 - LAYOUT.band) * height:
        return None
    band = "top" if line.base < LAYOUT.band * height else "bottom"
    return band, _DIGITS.sub("#", _WHITESPACE.sub("", line.text)), round(line.base / 3)


def _drop_furniture(pages: list[tuple[Page, list[Line]]]) -> list[list[Line]]:
    """Remove page numbers and running headers/footers from each page's flow lines.

    A running line has the same text (any numbers in it aside) at the same height in the
    top or bottom band of at least half the pages (and of two at least).
    """
    positions = [[_position(line, page.height) for line in lines] for page, lines in pages]
    seen: dict[Position, set[int]] = {}
    for (page, _), placed in zip(pages, positions, strict=True):
        for position in placed:
            if position:
                seen.setdefault(position, set()).add(page.number)

    def furniture(line: Line, position: Position | None) -> bool:
        if position is None:
            return False
        band, text, step = position
        pages_with_it = set().union(*(seen.get((band, text, step + d), set()) for d in (-1, 0, 1)))
        return is_page_number(line.text) or len(pages_with_it) >= max(2, (len(pages) + 1) // 2)

    return [[line for line, position in zip(lines, placed, strict=True)
             if not furniture(line, position)]
            for (_, lines), placed in zip(pages, positions, strict=True)]


# -- tables ----------------------------------------------------------------------------


def _split_run(run: Run, cuts: list[float]) -> list[Run]:
    """Cut a run at x positions, sharing its width among its chars (wide ones count 2)."""
    weights = [2 if is_wide(c) else 1 for c in run.text]
    unit = (run.right - run.left) / max(sum(weights), 1)
    pieces: list[Run] = []
    slots: list[int] = []
    x = run.left
    for char, weight in zip(run.text, weights, strict=True):
        slot = sum(1 for cut in cuts if cut <= x + weight * unit / 2)
        if slots and slots[-1] == slot:
            pieces[-1] = replace(pieces[-1], text=pieces[-1].text + char, right=x + weight * unit)
        else:
            pieces.append(replace(run, text=char, left=x, right=x + weight * unit))
            slots.append(slot)
        x += weight * unit
    return pieces


def _tables(page: Page) -> tuple[list[_Table], list[Run]]:
    """Put each run into the cell of a ruled table it lies in; return the tables and the rest."""
    grids = find_grids(page.rules)
    aligned = not grids  # no ruling lines: a borderless table, if any
    if aligned:
        grids = find_grids(aligned_rules(page.runs, page.height))
    if not grids:  # most pages: every run is flow
        return [], list(page.runs)
    cells: list[list[list[Run]]] = [[[] for _ in g.regions] for g in grids]
    flow: list[Run] = []
    for run in page.runs:
        x, y = (run.left + run.right) / 2, run.base - 0.3 * run.size  # mid x-height: in its cell
        hit = _grid_at(grids, x, y)
        if hit is None:
            flow.append(run)
            continue
        grid = grids[hit]
        for piece in _cut_at_columns(run, grid):
            cells[hit][grid.region_at((piece.left + piece.right) / 2, y)].append(piece)
    tables = []
    for grid, regions in zip(grids, cells, strict=True):
        lines = [_make_lines(region, page.number) for region in regions]
        columns = _text_columns(grid, lines) if aligned else None
        tables.append(_Table(grid, lines, _padding(grid, lines), page.number, columns))
    return tables, flow


def _text_columns(grid: Grid, cells: list[list[Line]]) -> list[Frame]:
    """Where a borderless table's text is set, column by column: its cells' insides, which
    rules drawn in its gutters would not tell."""
    extents: list[list[float]] = [[] for _ in range(grid.columns)]
    for region, lines in zip(grid.regions, cells, strict=True):
        if region.cols == 1:
            extents[region.col] += [edge for line in lines for edge in (line.left, line.right)]
    return [Frame(min(xs), max(xs)) if xs else Frame(a, b)
            for xs, (a, b) in zip(extents, pairwise(grid.xs), strict=True)]


def _grid_at(grids: list[Grid], x: float, y: float) -> int | None:
    """The index of the first grid holding the point, if any."""
    for index, grid in enumerate(grids):
        if grid.contains(x, y):
            return index
    return None


def _cut_at_columns(run: Run, grid: Grid) -> list[Run]:
    """A run cut where the grid's inner column rules cross it (one run for all its cells)."""
    cuts = [cut for cut in grid.xs[1:-1] if run.left + 1 < cut < run.right - 1]
    return _split_run(run, cuts) if cuts else [run]


def _padding(grid: Grid, cells: list[list[Line]]) -> float:
    """The smallest inset of text from its cell's left rule: the table's cell padding."""
    insets = [
        line.left - grid.xs[region.col]
        for region, lines in zip(grid.regions, cells, strict=True)
        for line in lines
    ]
    return max(min(insets, default=0.0), 0.0)


def _cell_frame(table: _Table, index: int) -> Frame:
    region = table.grid.regions[index]
    if table.columns is not None:
        return Frame(table.columns[region.col].left, table.columns[region.col + region.cols - 1].right)
    xs = table.grid.xs
    return Frame(xs[region.col] + table.pad, xs[region.col + region.cols] - table.pad)


def _cell_text(table: _Table, index: int, metrics: _Metrics) -> str:
    paragraphs = _split(table.cells[index], _cell_frame(table, index), metrics)
    return "\n".join(_join_lines(line.text for line in p) for p in paragraphs)


def _row_goes_on(before: _Table, after: _Table, row: int) -> bool:
    """Whether grid row ``row`` of ``after`` (atop a new page) is the rest of the last row of
    ``before``, split at the page break: each cell with text in it carries on the text of the
    cell above, whose last line had no room left for its first word (an empty cell above, or
    a last line with room on it, ended that cell, so the row is a new one).  The room is all
    the cell's width the line leaves, on either side: cells are often centred."""
    last_row = len(before.grid.ys) - 2
    above = {r.col: i for i, r in enumerate(before.grid.regions) if r.row + r.rows - 1 == last_row}
    carried = False
    for index, region in enumerate(after.grid.regions):
        lines = after.cells[index]
        if region.row != row or not lines:
            continue
        mine = above.get(region.col)
        if mine is None or not before.cells[mine]:
            return False
        last, first = before.cells[mine][-1], lines[0]
        room = _cell_frame(before, mine).width - (last.right - last.left)
        if last.gapped or _restyled(last, first) or room > first.lead + LAYOUT.slack * last.size:
            return False
        carried = True
    return carried


def _rows(table: _Table, metrics: _Metrics) -> Iterator[tuple[str, ...]]:
    """One tuple per grid row, one cell per grid column; merged text sits top-left."""
    grid = table.grid
    rows = [[""] * grid.columns for _ in grid.ys[1:]]
    for index, region in enumerate(grid.regions):
        rows[region.row][region.col] = _cell_text(table, index, metrics)
    return map(tuple, rows)


# -- the document ----------------------------------------------------------------------


def _mode(values: Iterable[float], support: int = 3) -> float | None:
    """The most common value (2pt bins, mean of the bin), if at least ``support`` share it."""
    bins: dict[int, list[float]] = {}
    for value in values:
        bins.setdefault(round(value / 2), []).append(value)
    best = max(bins.values(), key=len, default=[])
    return sum(best) / len(best) if len(best) >= support else None


def _left_edge(values: Iterable[float], support: int = 3, share: float = 0.15) -> float | None:
    """The leftmost 2pt bin holding at least ``support`` lines and ``share`` of the fullest."""
    bins: dict[int, list[float]] = {}
    for value in values:
        bins.setdefault(round(value / 2), []).append(value)
    top = max((len(b) for b in bins.values()), default=0)
    good = [sum(b) / len(b) for b in bins.values() if len(b) >= max(support, share * top)]
    return min(good) if good else None


def _frame(lines: list[Line], tables: list[_Table]) -> Frame:
    """The text column: where lines usually end, and the leftmost place where many start
    (not the most common start, which is the first-line indent when paragraphs are short).
    Lines ending in the right quarter are asked first: in a plan that is mostly table, a few
    short lines of one length must not make a margin."""
    full = [line for line in lines if len(line.text) >= 4]
    left = _left_edge(line.left for line in full)
    right = _right_edge(full, left)
    return Frame(
        left if left is not None else min([x.left for x in lines] + [t.grid.xs[0] for t in tables]),
        right
        if right is not None
        else max([x.right for x in lines] + [t.grid.xs[-1] for t in tables]),
    )


def _right_edge(full: list[Line], left: float | None) -> float | None:
    """Where full lines usually end, those ending in the right quarter of the column first."""
    reach = max((line.right for line in full), default=0.0)
    start = left if left is not None else min((line.left for line in full), default=0.0)
    right = _mode((x.right for x in full if x.right >= reach - (reach - start) / 4), support=2)
    return right if right is not None else _mode(line.right for line in full)


def _shapes(pages: list[Page]) -> list[list[int]]:
    """Indices of the pages of each size (a landscape table in a portrait notice has its own
    margins): sizes within 3% of each other are one."""
    groups: list[list[int]] = []
    for i, page in enumerate(pages):
        group = next((g for g in groups if _same_size(pages[g[0]], page)), None)
        if group is None:
            groups.append([i])
        else:
            group.append(i)
    return groups


def _same_size(a: Page, b: Page) -> bool:
    return abs(a.width - b.width) <= 0.03 * a.width and abs(a.height - b.height) <= 0.03 * a.height


def _frames(
    pages: list[Page], flows: list[list[Line]], tables: list[list[_Table]]
) -> dict[int, Frame]:
    """Each page's text column, found on all the pages of its size together."""
    frames: dict[int, Frame] = {}
    for group in _shapes(pages):
        lines = [line for i in group for line in flows[i]]
        grids = [table for i in group for table in tables[i]]
        frame = _frame(lines, grids) if lines or grids else Frame(0.0, pages[group[0]].width)
        frames.update((pages[i].number, frame) for i in group)
    return frames


def _metrics(
    pages: list[Page], flows: list[list[Line]], page_tables: list[list[_Table]]
) -> _Metrics:
    lines = [line for flow in flows for line in flow]
    tables = [table for page in page_tables for table in page]
    cells = [cell for table in tables for cell in table.cells]
    sized = _sizes(lines, cells)
    return _Metrics(
        frames=_frames(pages, flows, page_tables),
        body_size=sized.most_common(1)[0][0] if sized else 0.0,  # 0: nothing but empty cells
        pitch=_pitches(flows + cells),
    )


def _sizes(lines: list[Line], cells: list[list[Line]]) -> Counter[float]:
    """Characters of each size: of the running text, or of the cells too when a table is
    all there is (the body size is the commonest)."""
    sized = Counter[float]()
    counted = (
        lines
        if sum(len(x.text) for x in lines) >= 100
        else lines + [line for cell in cells for line in cell]
    )
    for line in counted:
        sized[line.size] += len(line.text)
    return sized


def _pitches(sequences: list[list[Line]]) -> dict[float, float]:
    """Line pitch per size: the usual baseline step between consecutive lines."""
    steps = Counter(  # (size bin, step) -> how often, counted in C
        (round(a.size * 2) / 2, round(b.base - a.base, 1))
        for sequence in sequences
        for a, b in pairwise(sequence)
        if a.size == b.size and 0 < b.base - a.base < 3 * a.size
    )
    # size bin -> its commonest step and count; of equals the first seen, as most_common(1)
    usual: dict[float, tuple[float, int]] = {}
    for (size, step), count in steps.items():
        if size not in usual or count > usual[size][1]:
            usual[size] = (step, count)
    return {size: step for size, (step, _) in usual.items()}


Item = list[Line] | _Table  # a paragraph or a table, in reading order on its page


def _items(lines: list[Line], tables: list[_Table], metrics: _Metrics) -> list[Item]:
    """A page's paragraphs and tables top to bottom; a table always ends a paragraph."""
    placed: list[Line | _Table] = [*lines, *tables]
    placed.sort(key=lambda i: i.grid.top if isinstance(i, _Table) else i.base - i.size)
    items: list[Item] = []
    run: list[Line] = []
    for item in [*placed, None]:
        if isinstance(item, Line):
            run.append(item)
            continue
        if run:
            items += _split(run, metrics.frame(run[0].page), metrics)
        run = []
        if item is not None:
            items.append(item)
    return items


def _uses_indents(pages: list[list[Item]], metrics: _Metrics) -> bool:
    """Whether most paragraphs of several lines start indented and continue flush left."""
    indented = total = 0
    for items in pages:
        for lines in items:
            if not isinstance(lines, list) or len(lines) < 2:
                continue
            left = metrics.frame(lines[0].page).left
            if lines[1].left <= left + LAYOUT.indent * lines[1].size:
                total += 1
                indented += lines[0].left > left + LAYOUT.indent * lines[0].size
    return total >= 3 and indented >= 0.75 * total


class _Assembler:
    """Walks the pages' items in reading order and emits paragraphs and rows as blocks."""

    def __init__(self, metrics: _Metrics, indents: bool) -> None:
        self.metrics = metrics
        self.indents = indents
        self.blocks: list[Block] = []
        self.paragraph: list[Line] = []  # the last paragraph, open to a continuation
        self.table: tuple[_Table, int] | None = None  # the table the last page ended with
        self.table_count = 0
        self.last_row = 0  # index of the last row below a table's header: a cut row goes on there
        self.part_starts: dict[int, list[int]] = {}  # table id -> index of each page's first row

    def page(self, items: list[Item]) -> None:
        for position, item in enumerate(items):
            if isinstance(item, _Table):
                self._flush()
                self._table(item, first_on_page=position == 0)
            else:
                if not (position == 0 and self._continues(item[0])):
                    self._flush()
                self.paragraph += item
                self.table = None

    def _continues(self, line: Line) -> bool:
        """Whether ``line``, first on its page, goes on with the last page's paragraph.

        There is no gap to go by; a full line may end a sentence and a paragraph at once,
        unless the document marks new paragraphs by indenting them.
        """
        if not self.paragraph:
            return False
        first, last = self.paragraph[0], self.paragraph[-1]
        return not _breaks(first, last, line, self.metrics.frame(last.page), None) and (
            self.indents or not _ends_sentence(last)
        )

    def _table(self, table: _Table, first_on_page: bool) -> None:
        previous = self.table
        rows = list(_rows(table, self.metrics))
        first = 0  # rows before this one repeat the table's header
        if previous and first_on_page and previous[0].grid.same_columns(table.grid):
            table_id = previous[1]
            first = self._repeated_head(table_id, rows)
            if first < len(rows) and _row_goes_on(previous[0], table, first):
                self._carry_on(rows.pop(first))
        else:
            self.table_count += 1
            table_id = self.table_count
        if rows:  # a page holding nothing but the rest of a cut row adds no part
            self.part_starts.setdefault(table_id, []).append(len(self.blocks))
        for cells in rows:
            self.blocks.append(Block(cells=cells, table=table_id, page=table.page))
        if len(rows) > first:
            self.last_row = len(self.blocks) - 1
        self.table = (table, table_id)

    def _repeated_head(self, table_id: int, rows: list[tuple[str, ...]]) -> int:
        """How many of ``rows`` (a new page's part of a table) repeat the table's first rows."""
        start = self.part_starts[table_id][0]
        count = 0
        while (count < len(rows) and start + count < len(self.blocks)
               and _squash(rows[count]) == _squash(self.blocks[start + count].cells)):
            count += 1
        return count

    def _carry_on(self, cells: tuple[str, ...]) -> None:
        """Append the rest of a row cut at a page break to the row it belongs to."""
        row = self.blocks[self.last_row]
        own = row.cells or ()
        joined = tuple(_join_lines((a, b)) if a and b else a or b for a, b in zip(own, cells, strict=True))
        self.blocks[self.last_row] = replace(row, cells=joined)

    def _flush(self) -> None:
        if self.paragraph:
            lines = self.paragraph
            self.blocks.append(
                Block(
                    text=_join_lines(line.text for line in lines),
                    page=lines[0].page,
                    hints=_hints(
                        lines, self.metrics.frame(lines[0].page), self.metrics.body_size
                    ),
                )
            )
            self.paragraph = []

    def finish(self) -> list[Block]:
        """Close the last paragraph and mark header rows repeated atop each page of a table."""
        self._flush()
        for starts in self.part_starts.values():
            head = _squash(self.blocks[starts[0]].cells)
            repeats = [i for i in starts[1:] if any(head) and _squash(self.blocks[i].cells) == head]
            first = self.blocks[starts[0]].cells
            for i in [starts[0], *repeats] if repeats else []:  # repeats read as first printed
                self.blocks[i] = replace(self.blocks[i], cells=first, header=True)
        return self.blocks


def _squash(cells: tuple[str, ...] | None) -> tuple[str, ...]:
    """Cells as compared for a repeated header: spacing and stray marks (OCR speckle) aside."""
    return tuple(_UNMARKED.sub("", c) for c in cells or ())


def layout(pages: list[Page]) -> list[Block]:
    """The block stream of a document from what was read on its pages."""
    flows: list[tuple[Page, list[Line]]] = []
    tables: list[list[_Table]] = []
    for page in pages:
        page_tables, flow = _tables(page)
        tables.append(page_tables)
        flows.append((page, _make_lines(flow, page.number)))
    lines = _drop_furniture(flows)
    if not any(lines) and not any(tables):
        return []
    metrics = _metrics(pages, lines, tables)
    items = [_items(page_lines, page_tables, metrics)
             for page_lines, page_tables in zip(lines, tables, strict=True)]
    assembler = _Assembler(metrics, _uses_indents(items, metrics))
    for page_items in items:
        assembler.page(page_items)
    return assembler.finish()
