"""One page image read by RapidOCR into a layout ``Page``.

Each OCR line (a box, its text and the engine's confidence) becomes a ``pdf_layout.Run``
and the ruling lines found in the page image become ``Rule``s, so paragraphs, page
furniture and tables come from the very layout code a text PDF goes through.  The page is
turned upright, straightened and cleared of specks first.  The models ship inside the
``rapidocr`` wheel: nothing is downloaded at run time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from planparse.extract.layout_settings import LAYOUT
from planparse.extract.ocr_mode import ocr_threads
from planparse.extract.ocr_text import clean, simplify
from planparse.extract.pdf_layout import Page, Run
from planparse.extract.pdf_tables import Rule
from planparse.rules.warnings import WarningCode as W

ENGINE = "rapidocr"
SENTENCE_MARKS = frozenset("。；！？")

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

Image = NDArray[Any]  # 8-bit, height x width (x 3, BGR as OpenCV has it)


@dataclass
class Reading:
    """What OCR read on a document's pages, for ``source.ocr`` and the warnings."""

    dpi: int
    pages: list[int] = field(default_factory=list)  # 1-based numbers of the pages OCR'd
    scores: list[float] = field(default_factory=list)  # confidence per line, all pages
    warnings: list[tuple[W, str]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        mean = sum(self.scores) / len(self.scores) if self.scores else 0.0
        return {"engine": ENGINE, "dpi": self.dpi, "pages": self.pages,
                "mean_confidence": round(mean, 3)}


@cache
def _engine() -> Any:
    """The OCR engine, loaded once per process (loading the models takes about a second)."""
    from rapidocr import RapidOCR

    return RapidOCR(params={"Global.log_level": "error", "Global.max_side_len": LAYOUT.max_side,
                            "Global.use_cls": False,
                            "EngineConfig.onnxruntime.intra_op_num_threads": ocr_threads()})


# -- one page ----------------------------------------------------------------------------


@dataclass
class _Line:
    box: NDArray[np.float64]  # 4 x 2 corners, pixels
    text: str
    score: float


def _read(image: Image) -> list[_Line]:
    result = _engine()(image)
    if result.boxes is None:
        return []
    return [_Line(np.asarray(box, dtype=np.float64), text, float(score))
            for box, text, score in zip(result.boxes, result.txts, result.scores, strict=True)]


def _mean(lines: Sequence[_Line]) -> float:
    weight = sum(len(line.text) for line in lines)
    return sum(line.score * len(line.text) for line in lines) / weight if weight else 0.0


def _upright(lines: Sequence[_Line]) -> bool:
    """Whether most lines of several chars run across the image, not down it."""
    shapes = [np.ptp(line.box[:, 0]) >= np.ptp(line.box[:, 1])
              for line in lines if len(line.text) > 1]
    return bool(2 * sum(shapes) >= len(shapes))


def _orient(image: Image) -> tuple[Image, list[_Line]]:
    """The page turned upright (by quarter turns) and its lines.

    Text on its side or upside down reads badly, so the first turn whose lines run across
    the page with good confidence is upright; failing that, the turn read best.
    """
    first = _read(image)
    if not first:
        return image, first  # nothing on the page to turn by
    best: tuple[float, Image, list[_Line]] = (-1.0, image, first)
    for turn in (0, 2, 1, 3) if _upright(first) else (1, 3, 0, 2):
        turned = np.ascontiguousarray(np.rot90(image, -turn)) if turn else image
        lines = first if turn == 0 else _read(turned)
        score = _mean(lines) if _upright(lines) else 0.0
        if score >= LAYOUT.settled:
            return turned, lines
        best = max(best, (score, turned, lines), key=lambda read: read[0])
    return best[1], best[2]


def _skew(lines: Sequence[_Line]) -> float:
    """The page's tilt in degrees, from the slope of its long lines' top edges."""
    slopes = []
    for line in lines:
        (x0, y0), (x1, y1) = line.box[0], line.box[1]
        if x1 - x0 > 4 * np.ptp(line.box[:, 1]) > 0:
            slopes.append(math.degrees(math.atan2(y1 - y0, x1 - x0)))
    return float(np.median(slopes)) if len(slopes) >= 3 else 0.0


def _straighten(image: Image, lines: list[_Line]) -> Image:
    """Undo a slight tilt: turn the image and the boxes back about the page centre."""
    angle = _skew(lines)
    if abs(angle) < LAYOUT.min_skew:
        return image
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    for line in lines:
        line.box = np.hstack([line.box, np.ones((4, 1))]) @ matrix.T
    turned: Image = cv2.warpAffine(image, matrix, (width, height), borderValue=(255, 255, 255))
    return turned


def _rules(gray: Image, dpi: float) -> list[Rule]:
    """Ruling lines: long straight runs of ink across or down the page, in points."""
    ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    length, thick, scale = max(int(LAYOUT.rule_length * dpi), 8), LAYOUT.rule_thick * dpi, 72 / dpi
    rules: list[Rule] = []
    for horizontal in (True, False):
        shape = (length, 1) if horizontal else (1, length)
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, shape)
        # close small gaps (speckle, JPEG) first, then keep what survives a long opening
        joined = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(
            cv2.MORPH_RECT, (5, 1) if horizontal else (1, 5)))
        lines = cv2.morphologyEx(joined, cv2.MORPH_OPEN, kernel)
        count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
        for x, y, w, h, _area in stats[1:count]:
            across, along = (h, w) if horizontal else (w, h)
            if across > thick:
                continue
            pos = (y + h / 2) if horizontal else (x + w / 2)
            start = x if horizontal else y
            rules.append(Rule(horizontal, pos * scale, start * scale, (start + along) * scale))
    return rules


def _red(image: Image, box: NDArray[np.float64]) -> bool:
    """Whether most of the ink inside a box is red (a 红头 letterhead)."""
    x0, y0 = np.maximum(box.min(axis=0).astype(int), 0)
    x1, y1 = box.max(axis=0).astype(int)
    crop = image[y0:y1, x0:x1].astype(np.int16)
    if crop.size == 0:
        return False
    blue, green, red = crop[..., 0], crop[..., 1], crop[..., 2]
    ink = crop.min(axis=2) < 160
    reddish = (red - np.maximum(green, blue) > 60) & (red > 120)
    return bool((reddish.sum()) > LAYOUT.red_share * max(int((ink | reddish).sum()), 1))


def _run(line: _Line, scale: float, image: Image) -> Run:
    xs, ys = line.box[:, 0], line.box[:, 1]
    # the box's height is the em: the detector pads each line to about its glyph height
    top, bottom = (ys[0] + ys[1]) / 2, (ys[2] + ys[3]) / 2
    return Run(text=line.text, left=float(xs.min()) * scale, right=float(xs.max()) * scale,
               base=float(bottom) * scale, size=float(bottom - top) * scale,
               red=_red(image, line.box))


def _attach_marks(lines: list[_Line]) -> list[_Line]:
    """A sentence mark the detector boxed on its own goes with the text just before it on its
    line (a spaced 》 。); a mark with no text beside it is speckle, and the clean-up drops it."""
    kept: list[_Line] = []
    for line in lines:
        if line.text.strip() in SENTENCE_MARKS:
            height = np.ptp(line.box[:, 1])
            left, bottom = line.box[:, 0].min(), line.box[:, 1].max()
            before = next((other for other in lines if other is not line
                           and abs(other.box[:, 1].max() - bottom) < height / 2
                           and -height < left - other.box[:, 0].max() < 1.5 * height), None)
            if before is not None:
                before.text += line.text.strip()
                before.box[1:3, 0] = line.box[:, 0].max()
                continue
        kept.append(line)
    return kept


def _despeckle(image: Image, dpi: float) -> Image:
    """The page with its specks wiped: blobs of ink that never get as dark as print does at
    its core and are smaller than a full stop (the recogniser reads a speck beside 、 as ：)."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        (gray < LAYOUT.speck_ink).astype(np.uint8), connectivity=8)
    printed = np.zeros(count, dtype=bool)
    printed[np.unique(labels[gray < LAYOUT.speck_core])] = True
    specks = ~printed & (stats[:, cv2.CC_STAT_AREA] < LAYOUT.speck_area * dpi * dpi)
    specks[0] = False  # the paper
    if not specks.any():
        return image
    clean = image.copy()
    clean[specks[labels]] = 255
    return clean


def read_page(image: Image, dpi: float, number: int, reading: Reading) -> Page:
    """OCR one page image into a ``Page`` of runs and rules, noting its lines' confidence."""
    image, lines = _orient(_despeckle(image, dpi))
    image = _straighten(image, lines)
    lines = _attach_marks(lines)
    scale = 72 / dpi
    height, width = image.shape[:2]
    for line, text in zip(lines, simplify([clean(line.text) for line in lines]), strict=True):
        line.text = text
    kept = [line for line in lines if line.text.strip()]
    reading.pages.append(number)
    reading.scores += [line.score for line in kept]
    _note(reading, number, kept)
    gray: Image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    return Page(number=number, width=width * scale, height=height * scale,
                runs=[_run(line, scale, image) for line in kept], rules=_rules(gray, dpi))


def _note(reading: Reading, number: int, lines: Sequence[_Line]) -> None:
    """Warn of a page OCR found nothing on, and of wording the engine was unsure of (a page
    number's dashes read doubtfully are no reason to doubt the plan)."""
    if not lines:
        reading.warnings.append((W.OCR_EMPTY, f"page {number}: OCR found nothing readable"))
        return
    unsure = [line for line in lines
              if line.score < LAYOUT.doubtful_line and len(_HAN.findall(line.text)) >= 2]
    if unsure:
        sample = "；".join(line.text for line in unsure[:3])
        reading.warnings.append((W.OCR_UNCERTAIN, f"page {number}: {len(unsure)} line(s) read"
                                 f" with low confidence, e.g. {sample}"))
