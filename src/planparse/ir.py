"""The intermediate model: the records that carry a document from normalise to emit.

normalise lays the extractor's blocks out in one text as Paragraphs and Rows (of Cells), the
Document; segment reads the front and back matter into the output's own ``models.Metadata``
and the outline into a tree of Nodes, with Notices on what looked wrong (Segmented); annotate
makes a Note for every node, holding it, in a tree of its own (Annotations).  What the grammar
reads in a line or phrase travels in these records as the types the grammar makes, which it
defines itself (it imports nothing of this model): ``Reading`` and ``Marker`` (a paragraph's
kind and numbering), ``Assignment`` and ``Deadline`` (a note's units and time limits).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

from planparse import models
from planparse.grammar.deadlines import Deadline
from planparse.grammar.markers import Marker
from planparse.grammar.reading import Reading, read
from planparse.grammar.units import Assignment
from planparse.rules.warnings import WarningCode

# ------------------------------------------------------------------------------ normalise


@dataclass
class Cell:
    """One cell of a row, placed in ``Document.text``."""

    text: str
    start: int = 0
    end: int = 0
    marker: Marker | None = None  # the outline marker opening it, read once laid out


@dataclass
class Paragraph:
    """A paragraph, placed in ``Document.text`` from ``start`` to ``end``."""

    text: str
    reading: Reading  # what the grammar reads in ``text``, read when the text is made
    page: int | None = None
    line: int | None = None
    hints: frozenset[str] = frozenset()
    start: int = 0
    end: int = 0
    # (offset in text, source line, page) where each joined source line begins
    breaks: list[tuple[int, int | None, int | None]] = field(default_factory=list)

    def where(self, offset: int) -> tuple[int | None, int | None]:
        """Source (page, line) of the character at ``offset`` in ``Document.text``."""
        page, line = self.page, self.line
        for at, src_line, src_page in self.breaks:
            if self.start + at <= offset:
                page, line = src_page, src_line
        return page, line


@dataclass
class Row:
    """A table row, placed in ``Document.text`` as its cells separated by tabs."""

    cells: list[Cell]
    table: int | None = None  # rows of different tables never mix
    page: int | None = None
    line: int | None = None
    hints: frozenset[str] = frozenset()
    start: int = 0
    end: int = 0
    text: str = ""  # the cells tab-separated, once laid out
    _reading: Reading | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def reading(self) -> Reading:
        """What the grammar reads in ``text``, asked only where a row is read as a line (rare,
        so read on the first question, once the row is laid out)."""
        if self._reading is None:
            self._reading = read(self.text)
        return self._reading

    def where(self, offset: int) -> tuple[int | None, int | None]:
        return self.page, self.line


Element: TypeAlias = Paragraph | Row  # what a document is laid out of, in reading order


@dataclass
class Document:
    """The normalised text, and the paragraphs and rows laid end to end in it."""

    text: str
    paras: list[Element]
    web: dict[str, str] = field(default_factory=dict)  # a web page's metadata block (webmeta)
    _starts: list[int] = field(default_factory=list, repr=False)

    @property
    def starts(self) -> list[int]:
        """Where each paragraph starts, ascending (for bisecting an offset to its paragraph)."""
        if len(self._starts) != len(self.paras):
            self._starts = [p.start for p in self.paras]
        return self._starts


# ------------------------------------------------------------------------------ segment


@dataclass
class Node:
    """One numbered (or unnumbered) item of the outline, from prose or from a table."""

    marker: str | None
    style: str | None
    number: int | None
    start: int  # the item's own text in Document.text, after its marker
    end: int
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


@dataclass
class Segmented:
    """The document with its front matter read and its outline built."""

    document: Document
    metadata: models.Metadata
    preamble: str | None
    root: Node
    notices: list[Notice] = field(default_factory=list)


# ------------------------------------------------------------------------------ annotate


@dataclass
class Note:
    """What annotate says of one node, with the notes on the node's children."""

    node: Node
    is_task: bool
    title: str | None
    text: str | None  # None: a section heading with nothing after its title
    start: int
    end: int
    own: Assignment | None = None  # from its own parenthetical or table cells
    raw: str | None = None
    assignment: Assignment | None = None  # own, or inherited from a section
    inherited: bool = False
    units_raw: str | None = None  # the raw text of the parenthetical ``assignment`` names units from
    deadlines: list[Deadline] = field(default_factory=list)
    children: tuple[Note, ...] = ()  # a leaf's is the one empty tuple, no object of its own

    def walk(self) -> Iterator[Note]:
        """The notes under this one, in document order."""
        return _in_order(self.children)


@dataclass
class Annotations:
    """What annotate makes of a segmented document: a note for each top-level node (and
    under it, its children's), and the warnings on them."""

    notes: list[Note]
    notices: list[Notice]

    def walk(self) -> Iterator[Note]:
        """Every note, in document order."""
        return _in_order(self.notes)


def _in_order(notes: Sequence[Note]) -> Iterator[Note]:
    for note in notes:
        yield note
        yield from _in_order(note.children)
