"""Tables a scraper or converter flattened into plain text, read back as rows.

Four shapes are met in web copies: a row on one line with ``|`` between its cells (with or
without bars at either end; a Markdown table's ``|---|`` rule line is dropped); one cell a line
with ``|`` lines between the cells; one cell a line, each closed by `` |``; one cell a line with
no bars at all.  In the cell-a-line shapes a bar straight after a bar (an empty cell) ends a row;
where no empty cell ever does, the header (the leading cells that are known column names) tells
the width, and a row ends with the cell that fills the header's last column.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from planparse.grammar.deadlines import parse_field
from planparse.grammar.markers import match_marker
from planparse.grammar.units import looks_like_units
from planparse.rules import columns as rules
from planparse.rules.markers import TOP_STYLES
from planparse.rules.units import COLUMN_ROLES, FREQUENCY

BAR = "|"
_BARS = regex.compile(r"^\s*\|+\s*$")
_RULE = regex.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_SPACE = regex.compile(r"\s")
# what a time cell says that is no deadline: how often (每季度, 按月), or a period (全年, 常态化)
_TIMES = regex.compile(rf"{FREQUENCY}|{'|'.join(rules.UNDATED_TIMES)}")
_HEADER_NAMES = frozenset((*rules.TEXT_COLUMNS, *rules.NUMBER_COLUMNS, *rules.DEADLINE_COLUMNS,
                           *rules.IGNORED_COLUMNS, *COLUMN_ROLES))
CLOSING_CELL_MAX = 30
NAME_MAX = 16  # characters of a column name, spaces included
BARE_HEADER = 3  # column names, one a line, that open a table flattened without any bars
LABEL_MAX = 25  # characters of a group label opening a row


def is_rule(line: str) -> bool:
    """A Markdown table's rule line (|---|:--:|)."""
    return "---" in line and bool(_RULE.match(line))


def row_cells(line: str) -> list[str] | None:
    """The cells of a row flattened onto one line ("a | b | c |"), or None.  Cells keep their
    spaces so that each lies one character (the bar) after the one before."""
    stripped = line.strip()
    if stripped.count(BAR) < 2 and not (BAR in stripped and len(_split(stripped)) >= 2):
        return None
    cells = _split(stripped)
    return cells if len(cells) >= 2 and any(c.strip() for c in cells) else None


def _split(stripped: str) -> list[str]:
    inner = stripped[1:] if stripped.startswith(BAR) else stripped
    inner = inner[:-1] if inner.endswith(BAR) else inner
    return inner.split(BAR)


def without_bar(line: str) -> str:
    """A line a flattened table closed with a lone bar (its title row: "…台账 |"), without it."""
    stripped = line.rstrip()
    return stripped[:-1].rstrip() if stripped.endswith(BAR) and stripped.count(BAR) == 1 else line


def is_bars(line: str) -> bool:
    return BAR in line and bool(_BARS.match(line))


def stream_token(line: str) -> list[str | None] | None:
    """A line of a cell-a-line table as tokens (a cell's text, None for a bar), or None."""
    if BAR not in line:
        return None
    if _BARS.match(line):
        return [None] * line.count(BAR)
    stripped = line.strip()
    if stripped.count(BAR) != 1:
        return None
    if stripped.endswith(BAR):
        cell = stripped[:-1].strip()
        return [cell, None] if cell else None
    cell = stripped[1:].strip() if stripped.startswith(BAR) else ""
    return [None, cell] if cell else None


def stream_rows(tokens: list[str | None]) -> list[list[str]]:
    """Cells between bars, grouped into rows."""
    cells: list[str] = []
    pending: str | None = None
    started = False
    for token in tokens:
        if token is None:
            if started or pending is not None:
                cells.append(pending or "")
            pending, started = None, True
        else:
            pending = token if pending is None else pending + token
    if pending:
        cells.append(pending)
    return table_rows(cells)


def table_rows(cells: list[str]) -> list[list[str]]:
    """A flattened table's cells in rows: the header (the leading known column names), then
    rows ending at an empty cell or, where none is, at the cell that fills the last column."""
    width = header_width(cells)
    header, rest = cells[:width], cells[width:]
    if "" in rest:
        rows = _split_at_empty(rest)
    elif header:
        rows = _split_closing(rest, _closer(_name(header[-1])))
    else:
        return [[c for c in cells if c]]
    rows = [part for row in rows for part in _label_apart(row, width)]
    return _number_column([header, *rows]) if header else rows


def is_column_name(cell: str) -> bool:
    return len(cell) <= NAME_MAX and _name(cell) in _HEADER_NAMES


def header_width(cells: list[str]) -> int:
    width = 0
    while width < len(cells) and _name(cells[width]) in _HEADER_NAMES:
        width += 1
    return width if width >= 2 else 0


def bare_extent(lines: list[str]) -> int:
    """How many of ``lines`` (one cell a line, no bars at all) are a table: a header of three
    or more known column names, then rows that each open with a number, a numbered label or
    a short label and close with a cell of the last column."""
    width = header_width(lines)
    if width < BARE_HEADER:
        return 0
    closes, end = _closer(_name(lines[width - 1])), width
    while end < len(lines) and _opens_row(lines[end]):
        stop = next((j for j in range(end, min(len(lines), end + width + 1)) if closes(lines[j])), None)
        if stop is None:
            break
        end = stop + 1
    return end if end > width else 0


def _opens_row(line: str) -> bool:
    text = line.strip()
    return text.isdigit() or match_marker(text) is not None or (len(text) <= LABEL_MAX and "。" not in text)


def _name(cell: str) -> str:
    return _SPACE.sub("", cell)


def _split_at_empty(cells: list[str]) -> list[list[str]]:
    rows, row = [], []
    for cell in cells:
        if cell:
            row.append(cell)
        elif row:
            rows.append(row)
            row = []
    return [*rows, row] if row else rows


def _split_closing(cells: list[str], closes: Callable[[str], bool]) -> list[list[str]]:
    rows, row = [], []
    for cell in cells:
        row.append(cell)
        if closes(cell):
            rows.append(row)
            row = []
    return [*rows, row] if row else rows


def _label_apart(row: list[str], width: int) -> list[list[str]]:
    """A top-level numbered label before a row that is full without it (一、… spanning the
    table, dumped in line with the first row under it) is a row of its own."""
    marker = match_marker(row[0].strip()) if row else None
    if width and len(row) > width and marker is not None and marker.style in TOP_STYLES:
        return [[row[0]], row[1:]]
    return [row]


def _closer(last_heading: str) -> Callable[[str], bool]:
    """What a cell of the header's last column looks like (a time, units, or anything)."""
    if last_heading in rules.DEADLINE_COLUMNS:
        return lambda cell: _short(cell) and (bool(parse_field(cell, None)) or bool(_TIMES.search(cell)))
    if last_heading in COLUMN_ROLES:
        return lambda cell: _short(cell) and looks_like_units(cell)
    return lambda cell: True


def _short(cell: str) -> bool:
    """Short and no sentence: a value, not the text of a task that happens to name a time."""
    return len(cell) <= CLOSING_CELL_MAX and "。" not in cell


def _number_column(rows: list[list[str]]) -> list[list[str]]:
    """A header without 序号 over rows that number themselves in a column of their own: the
    header gets the column (its rows are one cell wider than it, a number at one place)."""
    header, body = rows[0], rows[1:]
    if any(_name(h) in rules.NUMBER_COLUMNS for h in header):
        return rows
    wider = [r for r in body if len(r) == len(header) + 1]
    places = {next((i for i, c in enumerate(r) if c.strip().isdigit()), None) for r in wider}
    if not wider or len(places) != 1 or None in places:
        return rows
    place = places.pop()
    assert place is not None
    return [header[:place] + [rules.NUMBER_COLUMNS[0]] + header[place:], *body]
