"""Legacy Word binaries: .doc, and WPS Office's .wps (the same format).

With LibreOffice installed the file is converted to .docx and read by the .docx reader, so
list numbers, merged cells and layout hints survive as Word shows them.  Without it, or when
the conversion fails, the text is read from the binary's piece table (planparse.extract.
word_binary): paragraphs, table rows, field results and the labels of lists applied to
paragraphs directly (planparse.extract.word_lists), but not of lists a paragraph style
applies, nor layout hints; a warning says so.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from itertools import pairwise

from planparse.blocks import CENTER, RIGHT, Block
from planparse.errors import PlanparseError
from planparse.extract import Extracted, docx, libreoffice, word_binary, word_lists
from planparse.extract.docx_numbering import Numbering
from planparse.extract.word_binary import Paragraph
from planparse.extract.word_props import Props
from planparse.rules.warnings import WarningCode as W

FORMAT = "doc"

_FIELD_MARKS = re.compile("([\x13\x14\x15])")  # field begin, separator (result follows), end
# what special characters print, as the .docx reader has them: a tab a space, a line break,
# a non-breaking hyphen; other controls (objects, notes, optional hyphens) nothing
_PRINTED = str.maketrans(
    {**{chr(c): None for c in range(32) if c != 10}, "\t": " ", "\x0b": "\n", "\x1e": "-"}
)
_ALIGNED = {1: frozenset([CENTER]), 2: frozenset([RIGHT])}  # by Props.jc
_SLACK = 30  # twips: cell boundaries this close are one grid line
_MAX_COLUMNS = 64  # as for .docx: caps hostile column counts


def extract(data: bytes) -> Extracted:
    """Extract a .doc/.wps through LibreOffice when possible, else from its piece table."""
    binary = word_binary.load(data)  # refuses a broken or encrypted file before converting
    warnings = [(W.DOC_NO_LIST_NUMBERS, W.DOC_NO_LIST_NUMBERS.wording)]
    failure = ""
    soffice = libreoffice.program()
    if soffice is not None:
        try:
            return _through_libreoffice(soffice, data)
        except (libreoffice.ConversionError, PlanparseError) as exc:
            failure = str(exc)
            warnings.append((W.DOC_CONVERSION_FAILED, f"{failure}; read the Word binary instead"))
    try:
        paragraphs = word_binary.read(binary)
    except PlanparseError as exc:
        raise PlanparseError(f"{exc} (and {failure})" if failure else str(exc)) from None
    found = list(blocks(paragraphs, word_lists.numbering(binary.word, binary.table or b"")))
    if not found:
        raise PlanparseError("the document has no text")
    return Extracted(format=FORMAT, blocks=found, warnings=warnings)


def _through_libreoffice(soffice: str, data: bytes) -> Extracted:
    extracted = docx.extract(libreoffice.convert(soffice, data, ".doc", "docx"))
    if not extracted.blocks:  # the piece table may still hold text (in a text box, say)
        raise libreoffice.ConversionError("LibreOffice read no text from it")
    extracted.format = FORMAT
    return extracted


def blocks(paragraphs: list[Paragraph], lists: Numbering) -> Iterator[Block]:
    """Paragraph and table-row blocks from the binary's paragraphs, list labels included."""
    fields: list[bool] = []  # per open field: has its result begun?
    table = _Table()
    for paragraph in paragraphs:
        text = _visible(paragraph.text, fields).translate(_PRINTED)
        label = lists.label(str(paragraph.props.ilfo), paragraph.props.ilvl)
        text = label.prefix(text) if label else text
        if paragraph.mark == "\x07" or paragraph.props.in_table or table.in_row:
            table.add(text, paragraph)
            continue
        yield from table.close()
        if text.strip():
            yield Block(text=text, hints=_ALIGNED.get(paragraph.props.jc, frozenset()))
    yield from table.close()


class _Table:
    """The table being read: cells end at cell marks, rows at row marks."""

    def __init__(self) -> None:
        self.number = 0  # of the table, in the document
        self._rows: list[tuple[list[str], Props]] = []
        self._cells: list[str] = []  # the row being read
        self._lines: list[str] = []  # the cell being read: one line a paragraph

    @property
    def in_row(self) -> bool:
        return bool(self._cells or self._lines)

    def add(self, text: str, paragraph: Paragraph) -> None:
        if paragraph.mark == "\x07" and paragraph.props.row_end:
            self._end_row(paragraph.props)
            return
        self._lines.append(text)
        if paragraph.mark == "\x07":
            self._end_cell()

    def _end_cell(self) -> None:
        self._cells.append("\n".join(line for line in self._lines if line.strip()))
        self._lines = []

    def _end_row(self, props: Props) -> None:
        if self._lines:  # text after the row's last cell mark
            self._end_cell()
        self._rows.append((self._cells, props))
        self._cells = []

    def close(self) -> list[Block]:
        """The table's rows as blocks, once a paragraph outside it (or the end) is met.
        Cells with no row mark after them (a damaged table) come out as paragraphs."""
        loose = [Block(text=line) for cell in self._cells + self._lines
                 for line in cell.split("\n") if line.strip()]
        rows = list(_rows(self._rows, self.number)) if self._rows else []
        self.number += bool(rows)
        self._rows, self._cells, self._lines = [], [], []
        return rows + loose


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


def _rows(rows: list[tuple[list[str], Props]], table: int) -> Iterator[Block]:
    """A table's rows, laid on one grid of columns as .docx rows are: a cell spanning
    several columns holds its text in the first, "" in the others."""
    grid = _grid_lines(rows)
    laid = [_lay(cells, props.columns, grid) for cells, props in rows]
    width = max(len(cells) for cells in laid)
    for cells, (_, props) in zip(laid, rows, strict=True):
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
    for text, (left, right) in zip(cells, pairwise(columns), strict=True):
        laid += [text] + [""] * (right - left - 1)
    return laid
