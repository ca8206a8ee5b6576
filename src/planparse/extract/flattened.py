"""Tables a scraper or converter flattened into plain text, read back as rows.

Three shapes are met in web copies: a row on one line with ``|`` between its cells (with or
without bars at either end; a Markdown table's ``|---|`` rule line is dropped); one cell a line
with ``|`` lines between the cells; one cell a line, each closed by `` |``.  In the cell-a-line
shapes a bar straight after a bar (an empty cell) ends a row; where no empty cell ever does,
the header (the leading cells that are known column names) tells the width, and a row ends with
the cell that fills the header's last column.
"""

from __future__ import annotations

import regex

from planparse.annotate.deadlines import parse_field
from planparse.annotate.units import looks_like_units
from planparse.rules import columns as rules
from planparse.rules.units import COLUMN_ROLES

BAR = "|"
_BARS = regex.compile(r"^\s*\|+\s*$")
_RULE = regex.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_CLOSED_CELL = regex.compile(r"^(?P<cell>[^|]*\S[^|]*?)\s*\|$|^\|\s*(?P<open>[^|]*\S[^|]*)$")
_HEADER_NAMES = frozenset((*rules.TEXT_COLUMNS, *rules.NUMBER_COLUMNS, *rules.DEADLINE_COLUMNS,
                           *rules.IGNORED_COLUMNS, *COLUMN_ROLES))
CLOSING_CELL_MAX = 30  # characters of a unit or time cell that closes a row


def is_rule(line: str) -> bool:
    """A Markdown table's rule line (|---|:--:|)."""
    return bool(_RULE.match(line)) and "-" in line


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


def stream_token(line: str) -> list[str | None] | None:
    """A line of a cell-a-line table as tokens (a cell's text, None for a bar), or None."""
    if _BARS.match(line):
        return [None] * line.count(BAR)
    match = _CLOSED_CELL.match(line.strip())
    if match and match["cell"] is not None:
        return [match["cell"].strip(), None]
    if match:
        return [None, match["open"].strip()]
    return None


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
    if "" in cells:
        return _split_at_empty(cells)
    return _split_by_header(cells)


def _split_at_empty(cells: list[str]) -> list[list[str]]:
    rows, row = [], []
    for cell in cells:
        if cell:
            row.append(cell)
        elif row:
            rows.append(row)
            row = []
    return [*rows, row] if row else rows


def _split_by_header(cells: list[str]) -> list[list[str]]:
    width = 0
    while width < len(cells) and regex.sub(r"\s", "", cells[width]) in _HEADER_NAMES:
        width += 1
    if width < 2:
        return [cells]
    closes = _closer(regex.sub(r"\s", "", cells[width - 1]))
    rows, row = [cells[:width]], []
    for cell in cells[width:]:
        row.append(cell)
        if closes(cell):
            rows.append(row)
            row = []
    rows = rows + [row] if row else rows
    return _number_column(rows)


def _closer(last_heading: str):
    """What a cell of the header's last column looks like (a time, units, or anything)."""
    if last_heading in rules.DEADLINE_COLUMNS:
        return lambda cell: _short(cell) and bool(parse_field(cell, None))
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
    wider = [r for r in body if len(r) == len(header) + 1]
    places = {next((i for i, c in enumerate(r) if c.strip().isdigit()), None) for r in wider}
    if not wider or len(places) != 1 or None in places:
        return rows
    place = places.pop()
    assert place is not None
    return [header[:place] + [rules.NUMBER_COLUMNS[0]] + header[place:], *body]
