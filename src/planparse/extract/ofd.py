"""OFD (GB/T 33190), China's fixed-layout format: read with zipfile and lxml, laid out as a PDF.

Each page (with its templates) is a ``Content.xml`` of layers of text, path, image and
composite objects; the package and its document are read by :mod:`.ofd_package`.
Positions are millimetres, ``y`` growing downwards; a text object sets its glyphs at
explicit offsets (TextCode ``X``/``Y``, ``DeltaX``/``DeltaY``) from its ``Boundary``'s corner,
so the runs and ruling lines a PDF reader finds are read straight from the XML and handed
to the PDF layout (:mod:`planparse.extract.pdf_layout`).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import NamedTuple

from planparse.errors import PlanparseError
from planparse.extract import Extracted
from planparse.extract.affine import Matrix, apply, compose
from planparse.extract.layout_settings import LAYOUT
from planparse.extract.ofd_package import (
    Document,
    Element,
    Floats,
    Package,
    child,
    page_box,
    text_of,
)
from planparse.extract.pdf_layout import Page, Run, is_red, is_wide, layout, merge_runs
from planparse.extract.pdf_tables import Rule, straight
from planparse.rules.warnings import WarningCode

FORMAT = "ofd"

MM = 72 / 25.4  # points per millimetre
MAX_PATHS = 20_000  # path objects read for ruling lines per page; more is a drawing
MAX_TEXTS = 300_000  # text objects in a document: more would take minutes, and is no plan
MAX_PATH_TOKENS = 8_000  # a longer outline is a drawing, not borders
MAX_NESTING = 4  # composite objects drawn inside composite objects, at most this deep
MAX_DELTAS = 4096  # distinct glyph offset lists a document remembers (a plan has hundreds)

NO_TEXT_LAYER = "no text layer: this looks like a scanned OFD; OCR is not supported yet"

# the commands of an OFD outline (AbbreviatedData) and how many numbers each takes
_PATH_ARITY = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0, "Z": 0}
_REPEAT = re.compile(r"\bg\s+(\d{1,9})\s+(\S+)")  # 'g N d' in a DeltaX: d, N times
_DRAWN = ("{*}TextObject", "{*}PathObject", "{*}ImageObject", "{*}CompositeObject")


Offsets = tuple[float, ...] | None  # a TextCode's glyph offsets (DeltaX or DeltaY)
Stretch = tuple[str, float, float, float]  # text, left, right, baseline in the object's space


class Read(NamedTuple):
    """What was read off the pages, before layout."""

    pages: list[Page]
    warnings: list[tuple[WarningCode, str]]


def extract(data: bytes) -> Extracted:
    pages, warnings = read(data)
    if not any(page.runs for page in pages):
        if any(page.images for page in pages):
            raise PlanparseError(NO_TEXT_LAYER)
        raise PlanparseError("the OFD contains no text")
    return Extracted(format=FORMAT, blocks=layout(pages), pages=len(pages), warnings=warnings)


def read(data: bytes) -> Read:
    """The runs, ruling lines and images of every page of an OFD package."""
    package = Package(data)
    document = Document.read(package)
    deltas = _Deltas(package.floats)
    pages = [_PageReader(package, document, index, path, deltas).read()
             for index, path in enumerate(document.pages, 1)]
    return Read(pages, package.warnings)


# -- pages ------------------------------------------------------------------------------


class _PageReader:
    """Reads one page (with its templates) into runs, ruling lines and an image count."""

    def __init__(self, package: Package, document: Document, index: int, path: str,
                 deltas: _Deltas) -> None:
        self.package, self.document, self.path, self.deltas = package, document, path, deltas
        self.root = package.xml(path)
        self.floats = package.floats
        box = page_box(child(self.root, "Area", "PhysicalBox"), self.floats)
        x, y, width, height = box or document.box
        self.view = (MM, 0.0, 0.0, MM, -x * MM, -y * MM)  # page millimetres to points
        self.page = Page(number=index, width=width * MM, height=height * MM)
        self.runs: list[Run] = []
        self.paths = 0

    def read(self) -> Page:
        for layer in self._layers():
            self._draw(layer, self.view, self.document.fills.get(layer.get("DrawParam", "")), 0)
        self.page.runs = merge_runs(self.runs)
        return self.page

    def _draw(self, content: Element, parent: Matrix, fill: str | None, depth: int) -> None:
        """The objects of a layer or composite unit whose space ``parent`` maps to the page;
        ``fill`` is the layer's default colour."""
        for obj in content.iter(*_DRAWN):
            kind = obj.tag.rpartition("}")[2]
            if kind == "TextObject":
                self.document.texts += 1
                if self.document.texts > MAX_TEXTS:
                    raise PlanparseError(f"the OFD has more than {MAX_TEXTS} text objects;"
                                         " that is refused")
                self.runs.extend(self._runs(obj, parent, fill))
            elif kind == "ImageObject":
                self.page.images += 1
            elif kind == "PathObject":
                if self.paths < MAX_PATHS:
                    self.paths += 1
                    self.page.rules.extend(self._rules(obj, parent))
            elif depth < MAX_NESTING:
                unit = self.document.units.get(obj.get("ResourceID", ""))
                m = _placement(obj, parent, self.floats)
                inside = child(unit, "Content")
                if inside is not None and m is not None:
                    self._draw(inside, m, fill, depth + 1)

    def _layers(self) -> Iterator[Element]:
        """The layers of the page and of its templates in drawing order (background first)."""
        below: list[str] = []
        above: list[str] = []
        for use in self.root.iter("{*}Template"):
            part = self.document.templates.get(use.get("TemplateID", ""))
            if part is not None:
                (above if use.get("ZOrder") == "Foreground" else below).append(part)
        for part in below:
            yield from self._content(part)
        yield from self._content(self.path)
        for part in above:
            yield from self._content(part)

    def _content(self, part: str) -> Iterator[Element]:
        content = self.package.xml(part).find("{*}Content")
        if content is not None:
            yield from content.iterfind("{*}Layer")

    # -- text

    def _runs(self, obj: Element, parent: Matrix, fill: str | None) -> list[Run]:
        m = _placement(obj, parent, self.floats)
        if m is None or not _upright(m) or obj.get("ReadDirection", "0") != "0" or obj.get(
                "CharDirection", "0") != "0":
            return []  # turned: stamps, margin notes, not body text
        em = self.floats.number(obj.get("Size"), 0.0)
        if em <= 0:
            return []
        size = em * math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))
        codes, colour = _codes(obj)
        red = self._red(obj, colour, fill)
        runs: list[Run] = []
        x = y = 0.0
        for code in codes:
            # a TextCode without X or Y goes on from the last one's
            x, y = self.floats.number(code.get("X"), x), self.floats.number(code.get("Y"), y)
            for text, left, right, base in _stretches(code, x, y, em, self.deltas):
                x0, y0 = apply(m, left, base)
                runs.append(Run(text, x0, apply(m, right, base)[0], y0, size, red))
        return runs

    def _red(self, obj: Element, colour: str | None, fill: str | None) -> bool:
        """Whether the text is painted red: its own FillColor, else its drawing
        parameter's, else its layer's."""
        if obj.get("Fill") == "false":
            return False  # unpainted text (a searchable layer over an image)
        if colour is None:
            colour = self.document.fills.get(obj.get("DrawParam", ""), fill)
        return _reddish(colour)

    # -- ruling lines

    def _rules(self, obj: Element, parent: Matrix) -> list[Rule]:
        stroked = obj.get("Stroke") != "false"
        m = _placement(obj, parent, self.floats)
        if m is None or not (stroked or obj.get("Fill") == "true"):
            return []
        tokens = text_of(obj.find("{*}AbbreviatedData")).split()
        points, edges = _outline(tokens[:MAX_PATH_TOKENS], m, self.floats)
        if not points:
            return []
        bar = _bar(points)
        if bar is not None:
            return [bar]
        if not stroked or len(tokens) > MAX_PATH_TOKENS:
            return []  # a filled area (cell shading, a logo) or a drawing: not borders
        return [rule for p, q in edges for rule in straight(p, q)]


def _codes(obj: Element) -> tuple[list[Element], str | None]:
    """A text object's TextCodes, and its own FillColor's value if it has one."""
    codes: list[Element] = []
    colour = None
    for kid in obj:  # one pass over the children: find() per kind costs more
        tag = kid.tag
        if isinstance(tag, str) and tag.endswith("TextCode"):
            codes.append(kid)
        elif isinstance(tag, str) and tag.endswith("FillColor"):
            colour = kid.get("Value")
    return codes, colour


def _bar(points: list[tuple[float, float]]) -> Rule | None:
    """The rule a path is when all its points lie in a box thin one way and long the other
    (a stroked line, a filled bar)."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    if y1 - y0 <= LAYOUT.thin < x1 - x0:
        return Rule(True, (y0 + y1) / 2, x0, x1)
    if x1 - x0 <= LAYOUT.thin < y1 - y0:
        return Rule(False, (x0 + x1) / 2, y0, y1)
    return None


def _placement(obj: Element, parent: Matrix, floats: Floats) -> Matrix | None:
    """Object space to page points: the CTM, the Boundary's corner, then ``parent`` (the
    map of the space the object is placed in)."""
    box = floats.array(obj.get("Boundary"))
    if len(box) != 4:
        return None
    ctm = floats.array(obj.get("CTM"))
    a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return compose((a, b, c, d, e + box[0], f + box[1]), parent)


def _upright(m: Matrix) -> bool:
    a, b, c, d = m[:4]
    return a > 0 and d > 0 and abs(b) <= LAYOUT.upright * a and abs(c) <= LAYOUT.upright * d


@functools.lru_cache(maxsize=256)  # a document paints its text in a few colours
def _reddish(value: str | None) -> bool:
    """Whether a colour (gray, RGB or CMYK by its number of components, 0-255 or #hex
    each) is the red of a 红头 letterhead."""
    try:
        parts = [int(v[1:], 16) if v.startswith("#") else float(v) for v in (value or "").split()]
    except ValueError:
        return False
    if len(parts) == 3:
        return is_red(*parts)
    if len(parts) == 4:  # CMYK
        c, mg, y, k = (p / 255 for p in parts)
        return is_red(*(255 * (1 - v) * (1 - k) for v in (c, mg, y)))
    return False


# -- glyph positions --------------------------------------------------------------------


class _Deltas(dict[tuple[str | None, int], Offsets]):
    """A document's glyph offsets, each list read once: lines set in one font at one
    pitch repeat them (about half the TextCodes of a plan).  At most MAX_DELTAS are kept:
    a document of many long, all different lists would otherwise hold them all."""

    def __init__(self, floats: Floats) -> None:
        super().__init__()
        self.floats = floats

    def __missing__(self, key: tuple[str | None, int]) -> Offsets:
        found = _deltas(*key, self.floats)
        if len(self) < MAX_DELTAS:
            self[key] = found
        return found


def _deltas(value: str | None, count: int, floats: Floats) -> tuple[float, ...] | None:
    """``count`` glyph offsets from a DeltaX/DeltaY ('g N d' repeats d N times; a short
    list goes on with its last value, as readers draw it); None when there are none."""
    if not value or count <= 0:
        return None
    if "g" in value:
        value = _REPEAT.sub(lambda g: " ".join([g[2]] * min(int(g[1]), count)), value)
    out = floats.array(value)[:count]
    return (*out, *[out[-1]] * (count - len(out))) if out else None


def _advance(char: str, em: float) -> float:
    return em if is_wide(char) else LAYOUT.half_width * em


def _stretches(code: Element, x: float, y: float, em: float, deltas: _Deltas
               ) -> list[Stretch]:
    """The text of a TextCode cut where glyphs leave their baseline or jump ahead: each
    stretch's text, its left and right (origin of its first glyph, end of its last one's
    advance) and baseline, in the object's space; blanks at the ends trimmed away."""
    text = code.text or ""
    dxs = deltas[code.get("DeltaX"), len(text) - 1]
    dys = deltas[code.get("DeltaY"), len(text) - 1]
    if dys and _span(dys) > max(1.8 * em, _span(dxs or [])):
        return []  # vertical writing: a column of glyphs stacked downwards
    steady = dxs is None or min(dxs) >= 0 and max(dxs) <= LAYOUT.steady * em
    if steady and not dys and text.isprintable():
        return _steady(text, dxs, x, y, em)
    return list(_placed(text, dxs, dys, x, y, em))


def _placed(text: str, dxs: Offsets, dys: Offsets, x: float, y: float,
            em: float) -> Iterator[Stretch]:
    """The stretches of any other TextCode: each glyph placed in turn."""
    placed: list[tuple[str, float]] = []
    for index, char in enumerate(text):
        if index:
            before, advance = x, _advance(text[index - 1], em)
            x += dxs[index - 1] if dxs else advance
            rise = dys[index - 1] if dys else 0.0
            if abs(rise) > 0.05 * em or x < before or x - before - advance > LAYOUT.glyph_gap * em:
                yield from _trimmed(placed, y, em)
                placed = []
            y += rise
        if char.isprintable() or char == "\u3000":
            placed.append((char, x))
    yield from _trimmed(placed, y, em)


def _steady(text: str, dxs: Offsets, x: float, y: float, em: float) -> list[Stretch]:
    """The one stretch of a TextCode whose glyphs all go forward without a jump (most of
    them): only its first and last glyphs need placing.  A list: a generator made for each
    TextCode cost more than the stretch."""
    body = text.strip()
    if not body:
        return []
    first = len(text) - len(text.lstrip())
    last = first + len(body) - 1
    if dxs is None:
        left = x + sum(_advance(c, em) for c in text[:first])
        end = left + sum(_advance(c, em) for c in body)
    else:
        left = x + sum(dxs[:first])
        end = x + sum(dxs[:last]) + _advance(body[-1], em)
    return [(body, left, end, y)]


def _span(deltas: Sequence[float]) -> float:
    """How far apart the glyphs placed by these offsets lie, end to end."""
    positions = [0.0, *accumulate(deltas)]
    return max(positions) - min(positions)


def _trimmed(placed: list[tuple[str, float]], y: float, em: float) -> Iterator[Stretch]:
    start, end = 0, len(placed)
    while start < end and placed[start][0].isspace():
        start += 1
    while end > start and placed[end - 1][0].isspace():
        end -= 1
    if start < end:
        last, x = placed[end - 1]
        yield "".join(c for c, _ in placed[start:end]), placed[start][1], x + _advance(last, em), y


def _outline(tokens: list[str], m: Matrix, floats: Floats
             ) -> tuple[list[tuple[float, float]], list[tuple[tuple[float, float], ...]]]:
    """The points of an outline (AbbreviatedData) on the page and its straight segments."""
    points: list[tuple[float, float]] = []
    edges: list[tuple[tuple[float, float], ...]] = []
    start = last = None
    i, command = 0, ""
    while i < len(tokens):
        if tokens[i] in _PATH_ARITY:
            command = tokens[i]
            i += 1
        elif not command:
            break  # numbers before any command: malformed
        arity = _PATH_ARITY[command]
        values = floats.array(" ".join(tokens[i:i + arity]))
        if len(values) < arity:
            break
        i += arity
        if arity:
            point = apply(m, values[-2], values[-1])
            points.append(point)
            if command in "SM":
                start = point
            elif command == "L" and last is not None:
                edges.append((last, point))
            last = point
        else:  # close the subpath; numbers after it are malformed
            if start is not None and last is not None:
                edges.append((last, start))
                last = start
            command = ""
    return points, edges
