"""The outline tree segment builds and annotate reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from planparse.normalise import Cell
from planparse.rules.warnings import WarningCode


@dataclass
class Node:
    """One numbered (or unnumbered) item of the outline, from prose or from a table."""

    marker: str | None
    style: str | None
    number: int | None
    start: int  # the item's own text in Document.text, after its marker
    end: int
    page: int | None = None
    line: int | None = None
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    # paragraphs that belong to the item without being items: continuations, intro text
    parts: list[tuple[int, int]] = field(default_factory=list)
    # table plans: unit and deadline cells by role (lead / responsible / cooperating / deadline)
    cells: dict[str, Cell] = field(default_factory=dict)
    from_table: bool = False

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child

    @property
    def level(self) -> int:
        depth, node = 0, self.parent
        while node is not None:
            depth, node = depth + 1, node.parent
        return depth

    def walk(self):
        for child in self.children:
            yield child
            yield from child.walk()


@dataclass
class Notice:
    """What a warning needs: a code, a message and where."""

    code: WarningCode
    message: str
    start: int | None = None
    end: int | None = None

    def __post_init__(self) -> None:  # what mypy cannot see: untyped callers, loaded data
        if not isinstance(self.code, WarningCode):
            raise TypeError(f"warning code {self.code!r} is not in planparse.rules.warnings")

    @classmethod
    def fixed(cls, code: WarningCode, start: int | None = None, end: int | None = None) -> Notice:
        """The notice of a code with a fixed wording."""
        return cls(code, code.wording, start, end)
