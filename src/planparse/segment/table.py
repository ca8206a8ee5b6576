"""Table plans: header row → column roles; rows → the same outline a prose plan gives."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from planparse.grammar.columns import IGNORED, NUMBER, TEXT, Columns
from planparse.grammar.deadlines import parse_field
from planparse.grammar.markers import label
from planparse.grammar.reading import read
from planparse.grammar.units import ROLES as UNIT_ROLES
from planparse.grammar.units import looks_like_units
from planparse.ir import Cell, Node, Notice, Paragraph, Row
from planparse.rules.units import DEADLINE
from planparse.rules.warnings import WarningCode as W

NUMBERED = "table_number"  # the style of an item numbered by the 序号 column


class TableBuilder:
    """Rows of one table plan, in order, into nodes under ``root``.

    A blank text cell continues the merged cell above it, unless a column to its left started
    something new; a label repeated at the top of a page (even renumbered) is the same cell.
    """

    def __init__(self, root: Node, columns: Columns, notices: list[Notice],
                 place_heading: Callable[[Paragraph], Node]) -> None:
        self.root = root
        self.columns = columns
        self.notices = notices
        self.place_heading = place_heading  # the outline places a heading row among its levels
        self.styles: list[str | None] = []  # read from the first rows (see extend)
        self.numbers_rows = True
        # per text column: the group open there and its label (markers.label)
        self.path: list[tuple[Node, str] | None] = [None] * len(columns.text)
        self.held: tuple[Node | None, dict[str, Cell]] = (None, {})  # unit cells of the last row

    def extend(self, rows: list[Row]) -> None:
        """Add rows in order; the first rows there are (the header may stand alone, headings
        printed between it and them) show each column's marker style and what 序号 numbers."""
        if rows and not self.styles:
            self.styles = self._styles(rows)
            self.numbers_rows = self._numbers_rows(rows)
        for row in rows:
            self.add(row)

    def _numbers_rows(self, rows: list[Row]) -> bool:
        """Does 序号 number every row (so its value marks the row's task), rather than each
        merged group (so it marks the group)?  It does when rows inside a group have one."""
        number = next((i for i, role in enumerate(self.columns.roles) if role == NUMBER), None)
        first = self.columns.text[0] if self.columns.text else None
        if number is None or first is None or len(self.columns.text) < 2:
            return True
        aligned = [self._aligned(list(r.cells)) for r in rows]
        return any(cells[number].text and not cells[first].text for cells in aligned)

    def restart(self, root: Node) -> None:
        """Go on under another heading (the table's rows continue after one)."""
        self.root = root
        self.path = [None] * len(self.path)
        self.held = (None, {})

    def _spanning(self, row: Row) -> bool:
        """A row whose one cell is a numbered heading in no column's style (一、… across a
        table numbered 1, 2, 3): it heads the rows below it, at the outline's level for its
        marker (（二） after a （一） printed above the table is that heading's sibling)."""
        filled = [c for c in row.cells if c.text]
        marker = filled[0].marker if len(filled) == 1 else None
        if marker is None or marker.style in self.styles:
            return False
        cell = filled[0]
        heading = Paragraph(cell.text, read(cell.text), row.page, row.line, start=cell.start,
                            end=cell.end)
        self.restart(self.place_heading(heading))
        return True

    def _styles(self, rows: list[Row]) -> list[str | None]:
        """The marker style each column uses, to put back a row shifted by a lost cell.

        Counted over complete rows only (every cell there, the last one filled), as a shifted
        row leaves its last cell empty; ties go to the alphabetically first style, for stability.
        """
        width = len(self.columns.roles)
        complete = [r.cells for r in rows if r.cells and len(r.cells) == width and r.cells[-1].text]
        styles: list[str | None] = []
        for i in range(len(self.columns.roles)):
            found = [cells[i].marker for cells in complete if i < len(cells)]
            counts = Counter(m.style for m in found if m)
            styles.append(min(counts, key=lambda s: (-counts[s], s)) if counts else None)
        return styles

    def add(self, row: Row) -> None:
        if self._spanning(row):
            return
        cells = self._aligned(list(row.cells))
        number = self._number(cells)
        parent, changed = self.root, False
        text_cols = self.columns.text
        # 序号 marks the row's task, or else the first new group without a marker of its own
        leaf_number, number = (number, None) if self.numbers_rows else (None, number)
        for depth, col in enumerate(text_cols):
            cell = cells[col]
            if not cell.text:
                parent = self._empty(depth, changed, parent)
                continue
            again = None if changed else self._again(depth, cell)
            if again is not None:
                self._warn_renumbered(again, cell)
                parent = again[0]
                continue
            is_leaf = depth == len(text_cols) - 1
            node = parent.add(self._node(cell, leaf_number if is_leaf else number))
            if node.style == NUMBERED:
                number = None
            self.path[depth] = (node, label(cell.text, cell.marker))
            parent, changed = node, True
        if changed:
            self._attach_cells(parent, cells)

    def _empty(self, depth: int, changed: bool, parent: Node) -> Node:
        """An empty text cell at ``depth``: the group held there goes on (the parent of the
        columns after it), unless a new group opened before it or it is the last column."""
        held = self.path[depth]
        if changed or depth == len(self.columns.text) - 1:
            self.path[depth] = None
        elif held:
            return held[0]
        return parent

    def _again(self, depth: int, cell: Cell) -> tuple[Node, str] | None:
        """The group held at ``depth`` if ``cell`` (not in the last text column) names it again,
        whatever its numbering (as markers.same_label)."""
        held = self.path[depth]
        if held and depth < len(self.columns.text) - 1 and label(cell.text, cell.marker) == held[1]:
            return held
        return None

    def _aligned(self, cells: list[Cell]) -> list[Cell]:
        """Put back a row that lost merged cells (before it, or after its 序号): the placement
        whose cells best fit their columns (numbers under 序号, units under 牵头单位, each
        column's marker style)."""
        width = len(self.columns.roles)
        while len(cells) > width and not cells[-1].text:
            cells = cells[:-1]
        used = len(cells)
        while used and not cells[used - 1].text:
            used -= 1
        if used >= width:
            return cells[:width]
        # the lost cells were merged ones: before the row, or after its leading 序号
        placements = [(cells[:at] + [Cell("")] * lost + cells[at:used], lost, at)
                      for lost in range(width - used + 1) for at in range(min(used, 1) + 1)]
        best = max(placements, key=lambda p: (self._fit(p[0]), -p[1], -p[2]))[0]
        return (best + [Cell("")] * width)[:width]

    def _fit(self, cells: list[Cell]) -> int:
        return sum(self._fits(i, cell) for i, cell in enumerate(cells) if cell.text)

    def _fits(self, column: int, cell: Cell) -> int:
        role, text = self.columns.roles[column], cell.text
        if role == NUMBER:
            return 1 if text.isdigit() else -1
        if role == TEXT:
            marker = cell.marker
            expected = self.styles[column]
            if marker is None or expected is None:
                return 0 if (marker is None) == (expected is None) else -1
            return 1 if marker.style == expected else -1
        if role == DEADLINE:
            return 1 if parse_field(text, None) else -1
        if role in UNIT_ROLES:
            return 1 if looks_like_units(text) else -1
        return 0

    def _number(self, cells: list[Cell]) -> Cell | None:
        for i, role in enumerate(self.columns.roles):
            if role == NUMBER and cells[i].text:
                return cells[i]
        return None

    @staticmethod
    def _node(cell: Cell, number: Cell | None) -> Node:
        marker = cell.marker
        if marker:
            return Node(marker.text, marker.style, marker.number, cell.start + marker.end, cell.end,
                        from_table=True)
        if number is not None and number.text.isdigit():
            return Node(number.text, NUMBERED, int(number.text), cell.start, cell.end,
                        from_table=True)
        return Node(None, None, None, cell.start, cell.end, from_table=True)

    def _warn_renumbered(self, held: tuple[Node, str], cell: Cell) -> None:
        marker, node = cell.marker, held[0]
        if marker and node.marker and marker.number != node.number:
            self.notices.append(Notice(
                W.REPEATED_LABEL, f"{marker.text} repeats the label of {node.marker}: read as one"
                " merged cell", cell.start, cell.end))

    def _attach_cells(self, node: Node, cells: list[Cell]) -> None:
        """Unit and deadline cells; a blank one under a merged cell repeats the row above."""
        group, above = self.held
        same_group = group is not None and group is node.parent
        for i, role in enumerate(self.columns.roles):
            if role in (TEXT, NUMBER, IGNORED):
                continue
            if cells[i].text:
                node.cells[role] = cells[i]
            elif same_group and role in above:
                node.cells[role] = above[role]
        self.held = (node.parent, dict(node.cells))
