"""OCR: scanned PDFs and page images read with RapidOCR, then laid out like a text PDF.

``ocr_page`` reads one page image into runs and rules; here the pages of a document are
rendered, read (``ocr_workers``: here or side by side), sized and laid out by the text-PDF
layout.
"""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO
from typing import Any

import cv2
import numpy as np

from planparse.allowance import ask_for_ocr
from planparse.errors import PlanparseError
from planparse.extract import Extracted
from planparse.extract.layout_settings import LAYOUT
from planparse.extract.ocr_page import Image, Reading
from planparse.extract.ocr_workers import read_pages
from planparse.extract.pdf_layout import Page, Run, is_wide, layout

LEFT_SET = "，。、；：！？）》〉”’】〕"  # full-width marks inked in the left part of their em
RIGHT_SET = "（《〈“‘【〔"  # ... and in the right part


def render(document: Any, index: int) -> tuple[Image, float]:
    """A PDF page (of a pypdfium2 document) as a BGR image, and the resolution it has."""
    page = document[index]
    try:
        # a poster-sized page: coarser
        dpi = min(LAYOUT.dpi, LAYOUT.max_side * 72 / max(page.get_size()))
        array = page.render(scale=dpi / 72).to_numpy()
        image: Image = cv2.cvtColor(array, cv2.COLOR_BGRA2BGR) if array.shape[2] == 4 else array
        return np.ascontiguousarray(image[..., :3]), dpi
    finally:
        page.close()


def read_pdf_pages(document: Any, indices: Iterable[int]) -> tuple[list[Page], Reading]:
    """OCR the given pages (0-based) of an open pypdfium2 document."""
    reading = Reading(dpi=LAYOUT.dpi)
    indices = list(indices)
    ask_for_ocr(len(indices))
    # rendered as the readers ask for them: a few page images in memory at a time
    images = ((*render(document, index), index + 1) for index in indices)
    return read_pages(images, len(indices), reading), reading


def _fit(image: Image, dpi: float) -> tuple[Image, float]:
    """A scan finer than OCR needs, or huge, brought down to size: it costs time for nothing."""
    factor = min(LAYOUT.dpi / dpi if dpi > LAYOUT.max_dpi else 1.0,
                 LAYOUT.max_side / max(image.shape[:2]))
    if factor >= 1.0:
        return image, dpi
    smaller: Image = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    return smaller, dpi * factor


def _images(data: bytes) -> tuple[list[Image], float]:
    """The frames of an image file (a multi-page TIFF has several) and its resolution."""
    from PIL import Image as PILImage
    from PIL import ImageSequence, UnidentifiedImageError

    try:
        picture = PILImage.open(BytesIO(data))
        frames = [np.asarray(frame.convert("RGB"))[..., ::-1].copy()
                  for frame in ImageSequence.Iterator(picture)]
    except (UnidentifiedImageError, PILImage.DecompressionBombError, OSError, ValueError) as exc:
        raise PlanparseError(f"corrupt or unreadable image ({exc})") from None
    dpi = picture.info.get("dpi", (0, 0))[0]
    if not 50 <= float(dpi) <= 1200:  # unset or implausible: take the page as A4 wide
        dpi = frames[0].shape[1] / 8.27
    return frames, float(dpi)


def extract(data: bytes) -> Extracted:
    """A page image (PNG, JPEG, TIFF): every frame OCR'd as one page."""
    frames, dpi = _images(data)
    ask_for_ocr(len(frames))
    fitted = [_fit(frame, dpi) for frame in frames]
    reading = Reading(dpi=round(fitted[0][1]))
    pages = read_pages(((frame, frame_dpi, number)
                        for number, (frame, frame_dpi) in enumerate(fitted, 1)), len(fitted), reading)
    if not any(page.runs for page in pages):
        raise PlanparseError("OCR found no text in the image")
    return finish(Extracted(format="image", pages=len(pages)), pages, reading)


def _ems(text: str) -> float:
    """A line's advance in ems: Chinese characters and full-width marks are one em each."""
    return sum(1.0 if is_wide(char) else 0.5 for char in text if not char.isspace())


def settle_sizes(runs: list[Run]) -> None:
    """Give each OCR'd run the em size of its type.

    A box's height only roughly follows the type (the detector pads lines unevenly, and a
    short line's box is taller), yet the layout compares sizes to tell a title from body
    text and a paragraph from the next.  The advance per character of a line of several
    characters measures the em well; shorter lines scale their box height by the ratio the
    long lines show.  Sizes within a few per cent of each other are then one size.
    """
    estimates = _em_estimates(runs)
    order = sorted(range(len(runs)), key=estimates.__getitem__)
    group: list[int] = []
    for index in [*order, None]:
        if index is not None and (
                not group or estimates[index] <= LAYOUT.same_size * estimates[group[-1]]):
            group.append(index)
            continue
        size = float(np.median([estimates[i] for i in group])) if group else 0.0
        for member in group:
            runs[member].size = size
        group = [] if index is None else [index]
    _widen_marks(runs)


def _em_estimates(runs: list[Run]) -> list[float]:
    """Each run's em: a long line's advance per character, a short one's box height scaled."""
    ratios = [(run.right - run.left) / ems / run.size for run in runs
              if (ems := _ems(run.text)) >= LAYOUT.long_line and run.size > 0]
    ratio = float(np.median(ratios)) if ratios else 1.0
    return [(run.right - run.left) / ems if (ems := _ems(run.text)) >= LAYOUT.long_line
            else run.size * ratio for run in runs]


def _widen_marks(runs: list[Run]) -> None:
    for run in runs:  # a mark inked in one side of its em: the line ends (starts) at the em
        if run.text[-1:] in LEFT_SET:
            run.right += LAYOUT.mark_blank * run.size
        if run.text[:1] in RIGHT_SET:
            run.left -= LAYOUT.mark_blank * run.size


def finish(extracted: Extracted, pages: list[Page], reading: Reading) -> Extracted:
    """Lay the pages out and record what OCR read."""
    settle_sizes([run for page in pages if page.number in reading.pages for run in page.runs])
    extracted.blocks = layout(pages)
    extracted.ocr = reading.summary()
    extracted.warnings += reading.warnings
    return extracted
