"""Legacy Word binaries: .doc, and WPS Office's .wps (the same format).

With LibreOffice installed the file is converted to .docx and read by the .docx reader, so
automatic list numbers, merged cells and layout hints survive.  Without it, or when the
conversion fails, the text is read from the binary's piece table (planparse.extract.
word_binary): paragraphs, table rows and field results, but no list numbers Word computes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from planparse.blocks import Block
from planparse.errors import PlanparseError
from planparse.extract import Extracted, docx, libreoffice, word_binary
from planparse.extract.word_binary import Paragraph, Props

FORMAT = "doc"
NO_LIST_NUMBERS = (
    "doc_no_list_numbers",
    "the .doc/.wps was read without LibreOffice: automatic list numbers may be missing;"
    " install LibreOffice (see README) to read them",
)
CONVERSION_FAILED = "doc_conversion_failed"

_FIELD_MARKS = re.compile("([\x13\x14\x15])")  # field begin, separator (result follows), end
# what special characters print: a line break, a non-breaking hyphen; other controls nothing
_PRINTED = str.maketrans(
    {**{chr(c): None for c in range(32) if c not in (9, 10)}, "\x0b": "\n", "\x1e": "-"}
)
_SLACK = 30  # twips: cell boundaries this close are one grid line
_MAX_COLUMNS = 64  # as for .docx: caps hostile column counts


def extract(data: bytes) -> Extracted:
    """Extract a .doc/.wps through LibreOffice when possible, else from its piece table."""
    binary = word_binary.load(data)  # refuses a broken or encrypted file before converting
    extracted = _converted(data)
    if extracted is None or isinstance(extracted, str):
        failed = [] if extracted is None else [(CONVERSION_FAILED, f"{extracted}; read the Word binary instead")]
        extracted = Extracted(format=FORMAT, blocks=list(blocks(word_binary.read(binary))),
                              warnings=[NO_LIST_NUMBERS, *failed])
    if not extracted.blocks:
        raise PlanparseError("the document has no text")
    return extracted


def _converted(data: bytes) -> Extracted | str | None:
    """The file read through LibreOffice; why that failed; None without LibreOffice."""
    soffice = libreoffice.program()
    if soffice is None:
        return None
    try:
        extracted = docx.extract(libreoffice.convert(soffice, data, ".doc", "docx"))
    except (libreoffice.ConversionError, PlanparseError) as exc:
        return str(exc)
    extracted.format = FORMAT
    return extracted


def blocks(paragraphs: list[Paragraph]) -> Iterator[Block]:
    """Paragraph and table-row blocks from the binary's paragraphs."""
    fields: list[bool] = []  # per open field: has its result begun?
    rows: list[tuple[list[str], Props]] = []  # the table being read
    cells: list[str] = []  # the row being read
    lines: list[str] = []  # the cell being read
    tables = 0
    for paragraph in paragraphs:
        text = _visible(paragraph.text, fields).translate(_PRINTED)
        if paragraph.mark == "\x07" and paragraph.props.row_end:
            rows.append((cells, paragraph.props))
            cells, lines = [], []
        elif paragraph.mark == "\x07":
            cells.append("\n".join(line for line in [*lines, text] if line.strip()))
            lines = []
        elif paragraph.props.in_table or cells:
            lines.append(text)
        else:
            if rows or cells:
                yield from _table(rows + [(cells, Props())] * bool(cells), tables)
                rows, cells, lines, tables = [], [], [], tables + 1
            if text.strip():
                yield Block(text=text)
    if rows or cells:
        yield from _table(rows + [(cells, Props())] * bool(cells), tables)


def _visible(text: str, fields: list[bool]) -> str:
    """The text outside field instructions: a field prints its result, not its code."""
    kept: list[str] = []
    for part in _FIELD_MARKS.split(text):
        if part == "\x13":
            fields.append(False)
        elif part == "\x14" and fields:
            fields[-1] = True
        elif part == "\x15" and fields:
            fields.pop()
        elif all(fields):
            kept.append(part)
    return "".join(kept)


def _table(rows: list[tuple[list[str], Props]], table: int) -> Iterator[Block]:
    """A table's rows, laid on one grid of columns as .docx rows are: a cell spanning
    several columns holds its text in the first, "" in the others."""
    grid = _grid_lines(rows)
    laid = [_lay(cells, props.columns, grid) for cells, props in rows]
    width = max(len(cells) for cells in laid)
    for cells, (_, props) in zip(laid, rows):
        yield Block(cells=tuple(cells + [""] * (width - len(cells))), table=table,
                    header=props.header)


def _grid_lines(rows: list[tuple[list[str], Props]]) -> list[int]:
    """Every row's cell boundaries, those within the slack of each other taken as one."""
    lines: list[int] = []
    for edge in sorted({edge for _, props in rows for edge in props.columns}):
        if not lines or edge - lines[-1] > _SLACK:
            lines.append(edge)
    return lines if len(lines) <= _MAX_COLUMNS + 1 else []


def _lay(cells: list[str], edges: tuple[int, ...], grid: list[int]) -> list[str]:
    """A row's cells on the grid; as they are when the row's boundaries do not fit it."""
    if not grid or len(edges) != len(cells) + 1:
        return cells
    columns = [bisect_left(grid, edge - _SLACK) for edge in edges]
    laid = [""] * columns[0]
    for text, left, right in zip(cells, columns, columns[1:]):
        laid += [text] + [""] * (right - left - 1)
    return laid
