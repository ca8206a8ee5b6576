"""The thresholds of page layout (PDF, OFD, OCR), in one place, each with its reason.

Lengths are in ems of the text at hand unless a unit is named, so they hold for any font
size; points are PDF points (1/72 inch).  The readers take the one instance :data:`LAYOUT`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LayoutSettings:
    # -- glyphs and runs (pdf, ofd)
    upright: float = 0.05  # sine of the tilt (about 3°) up to which text counts as horizontal
    glyph_gap: float = 1.0  # OFD: a glyph set this far past the previous one's advance starts a new run
    half_width: float = 0.5  # advance of a Latin glyph (ems) next to Chinese, where none is given:
    #   OFD glyphs without one; the width of a label such as 1. opening a PDF line

    # -- lines and paragraphs (pdf_layout)
    indent_ems: int = 2  # the first-line indent of body paragraphs in a 公文 (GB/T 9704: 空二字)
    space_gap: float = 0.2  # a gap between runs wider than this (ems) is a space between words
    tab: float = 0.5  # ... wider than this, after a list label, is a tab
    wide_gap: float = 2.0  # ... wider than this is a layout gap that survives even next to Chinese
    indent: float = 0.5  # a line starting this far right of the column starts a paragraph
    slack: float = 0.3  # room left on a line beyond the next line's first word: the line was ended
    paragraph_gap: float = 1.4  # a baseline step this many line pitches ends a paragraph
    restyle: float = 0.12  # relative size change that ends a paragraph
    large_ratio: float = 1.15  # size over body size that marks a title
    right_share: float = 0.35  # indented more than this share of the column: signature, date
    band: float = 0.12  # top and bottom share of the page where headers, footers, page numbers live

    # -- ruling lines and tables (pdf_tables, pdf, ofd), in points
    snap: float = 3.0  # rules closer than this are one rule (double borders, stroke-width jitter)
    thin: float = 3.5  # a path at most this thick is a ruling line
    # borderless tables (pdf_columns), in ems of the text unless said
    cell_gap: float = 0.6  # a gap this wide parts two cells: twice a cell's padding, where
    #   word spaces are 0.25 and Chinese text runs on with none
    min_gutter: float = 0.3  # a column gutter stays at least this wide down the whole table
    aligned_columns: int = 3  # a row of a plan table has at least 序号/task/unit or task/unit/date
    aligned_rows: int = 3  # lines, the first in every column, before gutters are a table
    wrap_room: float = 2.5  # a cell's line ending this close to its column's end wrapped there (a
    #   char pushed down with the mark after it, a Latin word moved whole; lines with digits run wider)
    across_lines: int = 3  # a row merged across a table has fewer lines: a wrapped heading
    aligned_step: float = 2.5  # a baseline step this many ems is a gap below the table

    # -- scans (ocr, ocr_text)
    dpi: int = 200  # scanned PDF pages are rendered at this resolution
    max_dpi: int = 300  # page images finer than this are brought down to dpi
    max_side: int = 5000  # pixels: no page is OCR'd larger
    settled: float = 0.85  # mean line confidence that settles a page's orientation at once
    doubtful_line: float = 0.8  # a line read with less confidence than this deserves a look
    rule_length: float = 30 / 72  # inches: ink running straight this far is a ruling line, not a stroke
    rule_thick: float = 6 / 72  # inches: a rule is thinner than this (a filled band is no border)
    min_skew: float = 0.1  # degrees of tilt below which the page is taken as straight
    long_line: int = 4  # ems of text from which a line's advance measures its type size
    same_size: float = 1.04  # sizes this close (a ratio) are one size misjudged
    mark_blank: float = 0.5  # ems of blank a left-set mark leaves after its ink
    red_share: float = 0.5  # share of a line's ink in red that makes it a red line (版头)
    max_traditional: float = 0.05  # share of traditional forms below which they are misreadings
    # specks (toner dust, copier noise) beside a mark turn 、 into ： and ， into ；: blobs
    # lighter than printed ink at their core and smaller than a 。 are wiped before OCR
    speck_ink: int = 170  # grey level (0 black, 255 white) under which a pixel holds any ink
    speck_core: int = 110  # printed strokes, 。 rings too, reach darker than this; specks do not
    speck_area: float = 30 / 200**2  # square inches (30 pixels at 200 dpi); a 。 ring inks 50

    @property
    def steady(self) -> float:
        """OFD: glyph steps up to this (ems) are never a jump to a new run."""
        return self.half_width + self.glyph_gap


LAYOUT = LayoutSettings()
