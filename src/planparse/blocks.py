"""The common stream every extractor produces: paragraphs and table rows with provenance."""

from __future__ import annotations

from dataclasses import dataclass

# Layout hints an extractor may attach to a paragraph; front matter uses them when present.
CENTER = "center"  # centred paragraph (titles, 发文机关标志)
RIGHT = "right"  # right-aligned or deeply indented (signature, 成文日期)
RED = "red"  # red text (the 版头 of a 红头文件)
LARGE = "large"  # type clearly larger than body text (titles)
INDENT = "indent"  # a first-line indent: the line opens a paragraph


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph (``cells is None``) or one table row, in reading order.

    ``text`` is the paragraph as extracted, un-normalised: widths, stray spaces and broken
    lines are the normaliser's job.  A table row carries its cells left to right, one per
    grid column; a cell covered by a merged cell (vertically or horizontally) is ``""``.
    ``table`` numbers the tables of a document so rows of different tables never mix.
    """

    text: str = ""
    cells: tuple[str, ...] | None = None
    page: int | None = None  # 1-based, paged formats only
    line: int | None = None  # 1-based line of the source text, text formats only
    table: int | None = None
    header: bool = False  # row marked as a (repeated) header row by the source format
    hints: frozenset[str] = frozenset()

    @property
    def is_row(self) -> bool:
        return self.cells is not None
