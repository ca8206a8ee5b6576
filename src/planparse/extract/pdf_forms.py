"""How far a PDF's form XObjects unfold, read from the file's bytes before PDFium loads a page.

PDFium parses every drawing of a form afresh, so a few kilobytes of forms that each draw the
one below ten times unfold into millions of objects: seconds and gigabytes inside
``FPDF_LoadPage``, before the per-page limits of ``pdf`` can count anything.  This scan
counts the drawings first.  A stream never sits in an object stream, so every form's
dictionary and content are found in the file itself; the resources naming what a form
draws may sit in an object stream and are looked up there.

The count is an upper bound where names cannot be followed: a page's content is taken to
draw the largest form at each of its ``Do`` operators.  Streams behind filters other than
Flate are not read; the memory ceiling and ``--timeout`` stay the last line for those.
"""

from __future__ import annotations

import zlib
from collections import Counter
from dataclasses import dataclass, field

import regex

from planparse.extract.limits import MAX_FORM_DEPTH, MAX_PAGE_OBJECTS, too_large

MAX_STREAM = 16 << 20  # bytes of one content stream inflated for the count

_NAME = rb"/([^\s/\[\]()<>{}%]+)"
_FORM = regex.compile(rb"/Subtype\s*/Form(?![A-Za-z0-9#])")
_OBJECT = regex.compile(rb"(\d+)\s+\d+\s+obj(?![A-Za-z])")
_DRAW = regex.compile(_NAME + rb"\s*Do(?![A-Za-z0-9])")
_ENTRY = regex.compile(_NAME + rb"\s*(\d+)\s+\d+\s+R")
_REF = regex.compile(rb"\s*(\d+)\s+\d+\s+R")
_DICT = regex.compile(rb"<<(?:[^<>]|<[^<]|>[^>]|(?R))*>>")  # balanced << >> (strings aside)
_STREAM = regex.compile(rb"stream\r?\n")
_HEADER_SKIP = (b"/Length1", b"/Length2", b"/Length3", b"/Subtype")  # fonts, images, forms


@dataclass
class _Objects:
    """The file's objects by number: top-level ones as byte spans, packed ones on demand."""

    data: bytes
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)
    packed: dict[int, bytes] | None = None

    def body(self, number: int) -> bytes:
        if number in self.spans:
            start, end = self.spans[number]
            return self.data[start:end]
        if self.packed is None:
            self.packed = self._unpack()
        return self.packed.get(number, b"")

    def _unpack(self) -> dict[int, bytes]:
        """Every object held in the file's object streams (only read when a name leads there)."""
        packed: dict[int, bytes] = {}
        for number in self.spans:
            head, content = _split(self.body(number))
            if b"/ObjStm" in head and content is not None:
                packed.update(_unpacked(head, content))
        return packed


def check_forms(data: bytes) -> None:
    """Refuse a PDF whose form XObjects would unfold past ``MAX_PAGE_OBJECTS`` on a page."""
    if _FORM.search(data) is None:  # nearly every plan: nothing to unfold
        return
    objects = _index(data)
    forms, pages = _drawings(objects)
    sizes: dict[int, int] = {}
    largest = max((_unfold(number, forms, sizes, []) for number in forms), default=0)
    page_most = max((sum(page.values()) for page in pages), default=1)
    if largest * max(1, page_most) > MAX_PAGE_OBJECTS:
        raise too_large(f"its form XObjects unfold into more than {MAX_PAGE_OBJECTS:,} drawings"
                        " on a page")


def _index(data: bytes) -> _Objects:
    starts = [(int(found.group(1)), found.end()) for found in _OBJECT.finditer(data)]
    ends = [start for _, start in starts[1:]] + [len(data)]
    return _Objects(data, {number: (start, end) for (number, start), end in zip(starts, ends, strict=True)})


def _drawings(objects: _Objects) -> tuple[dict[int, list[tuple[int, int]]], list[Counter[bytes]]]:
    """Each form's drawings as (object drawn, times), and each page content's ``Do`` counts."""
    forms: dict[int, list[tuple[int, int]]] = {}
    pages: list[Counter[bytes]] = []
    for number in list(objects.spans):
        head, content = _split(objects.body(number))
        if content is None:
            continue
        if _FORM.search(head):
            names = _xobjects(head, objects)
            draws = _inflated(head, content)
            forms[number] = [(names[name], times) for name, times in draws.items() if name in names]
        elif not any(key in head for key in _HEADER_SKIP):
            pages.append(_inflated(head, content))
    return forms, pages


def _unfold(number: int, forms: dict[int, list[tuple[int, int]]], sizes: dict[int, int],
            open_: list[int]) -> int:
    """Objects one drawing of form ``number`` makes, the forms it draws unfolded (a form
    drawing itself, which PDFium stops, counts once)."""
    if number in sizes:
        return sizes[number]
    if len(open_) > MAX_FORM_DEPTH:
        raise too_large(f"it nests form XObjects more than {MAX_FORM_DEPTH} deep")
    open_.append(number)
    total = 1
    for target, times in forms.get(number, []):
        inner = 1 if target in open_ or target not in forms else _unfold(target, forms, sizes, open_)
        total += times * inner
        if total > MAX_PAGE_OBJECTS:  # the answer is known; stop before the numbers grow huge
            break
    open_.pop()
    sizes[number] = total
    return total


def _split(body: bytes) -> tuple[bytes, bytes | None]:
    """An object's dictionary and its stream's raw bytes (``None`` when it is no stream)."""
    found = _STREAM.search(body)
    if found is None:
        return body, None
    end = body.rfind(b"endstream")
    return body[:found.start()], body[found.end():end if end > found.end() else len(body)]


def _inflated(head: bytes, raw: bytes) -> Counter[bytes]:
    """The ``Do`` operators of a content stream by name (nothing for a stream it cannot read)."""
    if b"/Filter" in head:
        if b"/FlateDecode" not in head:
            return Counter()
        try:
            raw = zlib.decompressobj().decompress(raw, MAX_STREAM)
        except zlib.error:
            return Counter()
    return Counter(_DRAW.findall(raw))


def _xobjects(head: bytes, objects: _Objects) -> dict[bytes, int]:
    """The XObjects a form's resources name, name → object number."""
    resources = _value(head, b"/Resources", objects)
    entries = _value(resources, b"/XObject", objects)
    return {name: int(number) for name, number in _ENTRY.findall(entries)}


def _value(text: bytes, key: bytes, objects: _Objects) -> bytes:
    """The dictionary under ``key`` in ``text``, written there or referred to."""
    at = text.find(key)
    if at < 0:
        return b""
    rest = text[at + len(key):]
    reference = _REF.match(rest)
    if reference is not None:
        return objects.body(int(reference.group(1)))
    inline = _DICT.match(rest.lstrip())
    return inline.group() if inline else b""


def _unpacked(head: bytes, content: bytes) -> dict[int, bytes]:
    """The objects packed in one object stream: its header pairs numbers with offsets."""
    try:
        text = zlib.decompressobj().decompress(content, MAX_STREAM)
    except zlib.error:
        return {}
    first = regex.search(rb"/First\s+(\d+)", head)
    if first is None:
        return {}
    start = int(first.group(1))
    numbers = [int(value) for value in regex.findall(rb"\d+", text[:start])]
    pairs = list(zip(numbers[::2], numbers[1::2], strict=False))  # an odd count is damage
    ends = [offset for _, offset in pairs[1:]] + [len(text) - start]
    return {number: text[start + at:start + end] for (number, at), end in zip(pairs, ends, strict=True)}
