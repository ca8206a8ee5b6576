"""PDF: text runs and ruling lines read with pypdfium2, then laid out into blocks.

Text is read per *text object* (one show-text operator: a run of glyphs in one font on one
baseline), not per character: a handful of PDFium calls per run instead of one or more per
glyph keeps parsing within twice the cost of PDFium merely loading the page text.  A page
whose objects are so many that asking each for its text would be quadratic is read per
character instead, and so are objects whose glyphs stand apart around other objects'
text.  Everything after reading is plain geometry in ``pdf_layout`` and ``pdf_tables``.
"""

from __future__ import annotations

import codecs
import ctypes
import math
import re
from collections.abc import Iterable
from itertools import starmap

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from planparse.errors import PlanparseError
from planparse.extract import Extracted, registry
from planparse.extract.affine import Matrix, apply, compose
from planparse.extract.layout_settings import LAYOUT
from planparse.extract.limits import MAX_FORM_DEPTH, MAX_PAGE_CHARS, MAX_PAGE_OBJECTS, too_large
from planparse.extract.ocr_mode import ocr_mode
from planparse.extract.pdf_forms import check_forms
from planparse.extract.pdf_layout import WIDE, Page, Run, is_red, is_wide, layout, merge_runs
from planparse.extract.pdf_tables import Rule, straight
from planparse.rules.warnings import WarningCode as W

FORMAT = "pdf"

NO_TEXT_LAYER = ("no text layer: this looks like a scanned PDF; reading it needs OCR:"
                 " pip install 'planparse[ocr]'")
OCR_FOUND_NOTHING = "no text layer: this looks like a scanned PDF, and OCR found no text on it"
NO_OCR = "no text layer: this looks like a scanned PDF, and OCR is off (--ocr never)"
ENCRYPTED = "the PDF is encrypted (password-protected)"
NO_PAGES = "the PDF has no pages"

# text objects x characters on one page above which per-object text lookup (linear in the
# page's characters each time) would cost more than reading character by character
PER_OBJECT_LIMIT = 20_000_000
MAX_RULE_PATHS = 20_000  # paths read for ruling lines per page; more is a drawing
MAX_PATH_SEGMENTS = 1_000  # segments read from one path; more is a drawing, not borders

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")  # dropped from text
_ALL_WIDE = re.compile(f"[{WIDE}]+")
_PDFIUM_REASON = re.compile(r"PDFium: ([^).]+)")
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")

Box = tuple[float, float, float, float]  # x0, x1, y0, y1 on the displayed page
Handle = ctypes.c_void_p  # a PDFium page, form or page object
Placed = tuple[Handle, Matrix]  # a page object and the map of its space to the display
_TEXT, _PATH, _IMAGE, _FORM = (pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH,
                               pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM)


def extract(data: bytes) -> Extracted:
    if not data:
        raise PlanparseError("the file is empty")
    document = _open(data)
    try:
        check_forms(data)
        count = len(document)
        if count == 0:
            raise PlanparseError(NO_PAGES)
        pages = [_read_page(document, index) for index in range(count)]
        scanned = _scanned(pages)
        if scanned and _ocr_available():
            return _with_ocr(document, pages, scanned)
    except pdfium.PdfiumError as exc:
        raise PlanparseError(f"corrupt or truncated PDF ({_reason(exc)})") from None
    finally:
        document.close()
    _require_text(pages)
    extracted = Extracted(format=FORMAT, blocks=layout(pages), pages=count)
    extracted.warnings += [(W.OCR_NEEDED, f"page {page.number} is a scanned image, left unread:"
                            " pip install 'planparse[ocr]'") for page in scanned]
    return extracted


def _require_text(pages: list[Page]) -> None:
    """Fail on a PDF without a word of text to lay out (scans left unread, or nothing)."""
    if not any(page.runs for page in pages):
        if any(page.images for page in pages):
            raise PlanparseError(NO_OCR if ocr_mode() == "never" else NO_TEXT_LAYER)
        raise PlanparseError("the PDF contains no text")


def _scanned(pages: list[Page]) -> list[Page]:
    """The pages to OCR: those with images and no text (every page with --ocr always)."""
    wanted = ocr_mode()
    if wanted == "never":
        return []
    return [page for page in pages if wanted == "always" or (page.images and not page.runs)]


def _ocr_available() -> bool:
    return registry.get("image").available


def _with_ocr(document: pdfium.PdfDocument, pages: list[Page], scanned: list[Page]) -> Extracted:
    from planparse.extract import ocr

    read, reading = ocr.read_pdf_pages(document, [page.number - 1 for page in scanned])
    by_number = {page.number: page for page in read}
    merged = [by_number.get(page.number, page) for page in pages]
    if not any(page.runs for page in merged):
        raise PlanparseError(OCR_FOUND_NOTHING)
    return ocr.finish(Extracted(format=FORMAT, pages=len(pages)), merged, reading)


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise PlanparseError(ENCRYPTED) from None
        if _pageless(data):
            raise PlanparseError(NO_PAGES) from None
        raise PlanparseError(f"corrupt or truncated PDF ({_reason(exc)})") from None


def _pageless(data: bytes) -> bool:
    """Whether a whole file PDFium refused has no page objects (an empty page tree).

    PDFium refuses such a file without setting an error code, so this is asked of the
    bytes: a file that ends properly, has no page object and no object stream that
    could hide one (a cut-off file has lost its end and maybe its pages).
    """
    complete = b"%%EOF" in data[-1024:]
    return complete and b"/ObjStm" not in data and _PAGE_OBJECT.search(data) is None


def _reason(exc: pdfium.PdfiumError) -> str:
    found = _PDFIUM_REASON.search(str(exc))
    return found.group(1).lower() if found else str(exc).rstrip(".")


def _read_page(document: pdfium.PdfDocument, index: int) -> Page:
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            return _PageReader(page, textpage, index + 1).read()
        finally:
            textpage.close()
    finally:
        page.close()


# -- geometry --------------------------------------------------------------------------


def _inverse(m: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    det = a * d - b * c
    return (d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det)


def _upright(a: float, b: float, c: float, d: float) -> bool:
    """Text under this linear map (into display space, y down) reads left to right, upright."""
    return a > 0 and d < 0 and abs(b) <= LAYOUT.upright * a and abs(c) <= LAYOUT.upright * -d


def _box(m: Matrix, left: float, bottom: float, right: float, top: float) -> Box:
    """The bounding box of a box mapped through ``m``."""
    if m[1] == 0 and m[2] == 0:  # the usual case: no rotation, so corners map to corners
        x0, x1 = m[0] * left + m[4], m[0] * right + m[4]
        y0, y1 = m[3] * bottom + m[5], m[3] * top + m[5]
        return min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    corners = [apply(m, x, y) for x in (left, right) for y in (bottom, top)]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return min(xs), max(xs), min(ys), max(ys)


def _view(page: pdfium.PdfPage) -> tuple[Matrix, float, float]:
    """Map user space to the displayed page (crop box, /Rotate applied, y down) and its size."""
    left, bottom, right, top = page.get_cropbox()
    width, height = right - left, top - bottom
    rotation = page.get_rotation() % 360
    if rotation == 90:
        return (0, 1, 1, 0, -bottom, -left), height, width
    if rotation == 180:
        return (-1, 0, 0, 1, right, -bottom), width, height
    if rotation == 270:
        return (0, -1, -1, 0, top, right), height, width
    return (1, 0, 0, -1, -left, top), width, height


class _PageReader:
    """Reads one page into runs (per text object, or per char on pathological pages) and rules."""

    def __init__(self, page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, number: int) -> None:
        self.page, self.textpage = page.raw, textpage.raw
        self.view, width, height = _view(page)
        self.result = Page(number=number, width=width, height=height)
        # output arguments of PDFium calls, made once per page rather than once per call
        self.matrix = pdfium_c.FS_MATRIX()
        self.box = [ctypes.c_float() for _ in range(4)]
        self.rgba = [ctypes.c_uint() for _ in range(4)]
        self.font_size = ctypes.c_float()
        self._buffer(4096)

    def _buffer(self, units: int) -> None:
        self.buffer = (ctypes.c_ushort * units)()
        self.bytes = memoryview(self.buffer).cast("B")
        self.capacity = len(self.bytes)

    def read(self) -> Page:
        texts, paths = self._objects()
        for handle, parent in paths[:MAX_RULE_PATHS]:
            self.result.rules.extend(self._rules(handle, parent))
        chars = pdfium_c.FPDFText_CountChars(self.textpage)
        if chars > MAX_PAGE_CHARS:
            raise too_large(f"page {self.result.number} holds {chars:,} characters")
        runs: Iterable[Run | None]
        if len(texts) * chars > PER_OBJECT_LIMIT:
            runs = map(self._char_run, range(chars))
        else:
            runs = self._unfold(list(starmap(self._object_run, texts)), texts, chars)
        self.result.runs = merge_runs(filter(None, runs))
        return self.result

    def _unfold(self, runs: list[Run | None], texts: list[Placed], chars: int
                ) -> list[Run | None]:
        """The runs, each object whose glyphs are set apart with other objects' text between
        them read per character: a producer may draw a line's glyphs font by font, so the
        Latin quotes around Chinese words are one object spanning the words."""
        folded = _interleaved(runs)
        if not folded:
            return runs
        wanted = {_address(texts[i][0]): i for i in folded}
        pieces: dict[int, list[Run | None]] = {i: [] for i in folded}
        get_object = pdfium_c.FPDFText_GetTextObject
        for index in range(chars):  # the text page knows each char's object
            owner = wanted.get(_address(get_object(self.textpage, index)))
            if owner is not None:
                pieces[owner].append(self._char_run(index))
        return [piece for i, run in enumerate(runs)
                for piece in pieces.get(i, (run,))]

    def _objects(self) -> tuple[list[Placed], list[Placed]]:
        """The page's text and path objects, form XObjects opened, each with the matrix of
        its space to display (images are counted); a page whose forms nest too deep or unfold
        into too many objects is refused.  Sorted by kind as met (no generator and second
        dispatch per object)."""
        texts: list[Placed] = []
        paths: list[Placed] = []
        stack: list[tuple[Handle, Matrix, int]] = [(self.page, self.view, 0)]
        seen = 0
        get_type = pdfium_c.FPDFPageObj_GetType
        while stack:
            holder, parent, depth = stack.pop()
            if depth:
                count = pdfium_c.FPDFFormObj_CountObjects(holder)
                get = pdfium_c.FPDFFormObj_GetObject
            else:
                count = pdfium_c.FPDFPage_CountObjects(holder)
                get = pdfium_c.FPDFPage_GetObject
            seen += max(count, 0)
            if seen > MAX_PAGE_OBJECTS or depth > MAX_FORM_DEPTH:
                raise too_large(f"page {self.result.number} draws more than"
                                f" {MAX_PAGE_OBJECTS:,} objects or nests forms"
                                f" {MAX_FORM_DEPTH} deep")
            for index in range(max(count, 0)):
                handle = get(holder, index)
                kind = get_type(handle)
                if kind == _TEXT:
                    texts.append((handle, parent))
                elif kind == _PATH:
                    paths.append((handle, parent))
                elif kind == _IMAGE:
                    self.result.images += 1
                elif kind == _FORM:
                    stack.append((handle, compose(self._matrix(handle), parent), depth + 1))
        return texts, paths

    def _matrix(self, handle: Handle) -> Matrix:
        m = self.matrix
        if not pdfium_c.FPDFPageObj_GetMatrix(handle, m):
            return (1, 0, 0, 1, 0, 0)
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def _bounds(self, handle: Handle, parent: Matrix) -> Box | None:
        """The object's box on the display."""
        left, bottom, right, top = self.box
        if not pdfium_c.FPDFPageObj_GetBounds(handle, left, bottom, right, top):
            return None
        return _box(parent, left.value, bottom.value, right.value, top.value)

    # -- text per object (the hot loop: a few PDFium calls per object, nothing per char)

    def _object_run(self, handle: Handle, parent: Matrix) -> Run | None:
        a, b, c, d, e, f = compose(self._matrix(handle), parent)
        if not _upright(a, b, c, d):
            return None  # rotated: stamps, margin notes, not body text
        text = self._text(handle)
        if not text or text.isspace():
            return None
        pdfium_c.FPDFTextObj_GetFontSize(handle, self.font_size)
        size = self.font_size.value * math.sqrt(abs(a * d - b * c))
        ink_l, ink_b, ink_r, ink_t = self.box
        if pdfium_c.FPDFPageObj_GetBounds(handle, ink_l, ink_b, ink_r, ink_t):
            x0, x1, height = _span(parent, ink_l.value, ink_b.value, ink_r.value, ink_t.value)
        else:  # no box at all: the glyphs of a font that is not embedded, no ink to go by
            x0, x1, height = e, e, 0.0
        if size <= 0 or (height > 1.8 * size > x1 - x0 and len(text.strip()) > 1):
            return None  # vertical writing: a column of glyphs stacked downwards
        left = x0 if text[0].isspace() else e  # where the ink starts when the run opens blank
        return Run(text, left, self._run_end(text, left, x1, f, size), f, size, self._red(handle))

    def _red(self, handle: Handle) -> bool:
        """Whether the object's fill is the red of a 红头 letterhead."""
        red, green, blue, alpha = self.rgba
        return bool(pdfium_c.FPDFPageObj_GetFillColor(handle, red, green, blue, alpha)) and is_red(
            red.value, green.value, blue.value)

    def _text(self, handle: Handle) -> str:
        size = pdfium_c.FPDFTextObj_GetText(handle, self.textpage, self.buffer, self.capacity)
        if size > self.capacity:
            self._buffer(size // 2)
            size = pdfium_c.FPDFTextObj_GetText(handle, self.textpage, self.buffer, size)
        text = codecs.utf_16_le_decode(self.bytes[: max(size - 2, 0)], "replace")[0]
        return text if text.isprintable() else _CONTROL.sub("", text)

    def _run_end(self, text: str, left: float, ink_right: float, base: float, size: float) -> float:
        """Where a run ends: its ink, unless it ends in a Chinese char, whose em square the
        ink understates (full-width punctuation sits at its left; the glyphs of a font that
        is not embedded have no box at all, so the ink stops at the last char's origin)."""
        body = text.strip()
        if _ALL_WIDE.fullmatch(body):  # all em-wide (the usual run): the advance is exact
            return max(ink_right, left + size * len(body))
        if not is_wide(body[-1]):
            return ink_right
        # mixed scripts (rare: word processors split runs by script): ask the text layer
        x, y = apply(_inverse(self.view), ink_right + 0.01 * size, base)
        index = pdfium_c.FPDFText_GetCharIndexAtPos(self.textpage, x, y, 1.0, 1.0)
        if index < 0 or pdfium_c.FPDFText_GetUnicode(self.textpage, index) != ord(body[-1]):
            return ink_right
        box = pdfium_c.FS_RECTF()
        if not pdfium_c.FPDFText_GetLooseCharBox(self.textpage, index, box):
            return ink_right
        return max(ink_right, _box(self.view, box.left, box.bottom, box.right, box.top)[1])

    # -- text per character (pages with pathologically many objects)

    def _char_run(self, index: int) -> Run | None:
        tp, m = self.textpage, self.matrix
        code = pdfium_c.FPDFText_GetUnicode(tp, index)
        char = chr(code) if 0 < code < 0x110000 and not 0xD800 <= code <= 0xDFFF else ""
        if not char.isprintable() or (char.isspace() and char != " "):
            return None  # line breaks (PDFium makes them up); spaces stay: they part words
        pdfium_c.FPDFText_GetMatrix(tp, index, m)
        a, b, c, d, _, _ = compose((m.a, m.b, m.c, m.d, 0, 0), self.view)
        size = pdfium_c.FPDFText_GetFontSize(tp, index) * math.sqrt(abs(a * d - b * c))
        if not _upright(a, b, c, d) or size <= 0:
            return None
        x, y, box = ctypes.c_double(), ctypes.c_double(), pdfium_c.FS_RECTF()
        pdfium_c.FPDFText_GetCharOrigin(tp, index, x, y)
        pdfium_c.FPDFText_GetLooseCharBox(tp, index, box)
        left, base = apply(self.view, x.value, y.value)
        red, green, blue, alpha = self.rgba
        return Run(
            text=char,
            left=left,
            right=_box(self.view, box.left, box.bottom, box.right, box.top)[1],
            base=base,
            size=size,
            red=bool(pdfium_c.FPDFText_GetFillColor(tp, index, red, green, blue, alpha))
            and is_red(red.value, green.value, blue.value),
        )

    # -- ruling lines

    def _rules(self, handle: Handle, parent: Matrix) -> list[Rule]:
        bounds = self._bounds(handle, parent)
        if bounds is None:
            return []
        x0, x1, y0, y1 = bounds
        if y1 - y0 <= LAYOUT.thin < x1 - x0:
            return [Rule(True, (y0 + y1) / 2, x0, x1)]
        if x1 - x0 <= LAYOUT.thin < y1 - y0:
            return [Rule(False, (x0 + x1) / 2, y0, y1)]
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        if not pdfium_c.FPDFPath_GetDrawMode(handle, fill, stroke) or not stroke.value:
            return []  # a filled area (cell shading, a logo): not a border
        return self._edges(handle, compose(self._matrix(handle), parent))

    def _edges(self, handle: Handle, matrix: Matrix) -> list[Rule]:
        """The axis-parallel straight segments of a stroked outline (a boxed cell, a grid)."""
        count = pdfium_c.FPDFPath_CountSegments(handle)
        if not 0 < count <= MAX_PATH_SEGMENTS:
            return []
        x, y = ctypes.c_float(), ctypes.c_float()
        rules: list[Rule] = []
        start = last = None
        for index in range(count):
            segment = pdfium_c.FPDFPath_GetPathSegment(handle, index)
            pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
            point = apply(matrix, x.value, y.value)
            if pdfium_c.FPDFPathSegment_GetType(segment) == pdfium_c.FPDF_SEGMENT_MOVETO:
                start = point
            elif last is not None:
                rules.extend(straight(last, point))
                if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
                    rules.extend(straight(point, start))
            last = point
        return rules


def _interleaved(runs: list[Run | None]) -> set[int]:
    """Indices of runs whose span on their baseline holds the start of another run: both."""
    placed = sorted((r.base, r.left, i) for i, r in enumerate(runs) if r is not None)
    found: set[int] = set()
    reach: Run | None = None  # the run reaching furthest right on the baseline so far
    reaching = 0
    for base, left, i in placed:
        run = runs[i]
        assert run is not None
        if reach is None or abs(base - reach.base) >= 0.2 * run.size:
            reach, reaching = run, i  # a new baseline
            continue
        if left < reach.right - 0.5 * run.size:
            found.update((i, reaching))
        if run.right > reach.right:
            reach, reaching = run, i
    return found


def _address(handle: Handle) -> int | None:
    """Where a PDFium object lives: two handles to one object are equal only by it."""
    return ctypes.cast(handle, ctypes.c_void_p).value


def _span(m: Matrix, left: float, bottom: float, right: float, top: float) -> tuple[float, ...]:
    """x0, x1 and height of a box mapped through ``m`` (per text object, so kept cheap)."""
    if m[1] == 0 and m[2] == 0 and m[0] > 0:  # the usual case: scaled and moved, not turned
        return m[0] * left + m[4], m[0] * right + m[4], abs(m[3]) * (top - bottom)
    x0, x1, y0, y1 = _box(m, left, bottom, right, top)
    return x0, x1, y1 - y0

