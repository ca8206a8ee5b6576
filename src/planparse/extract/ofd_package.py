"""The OFD package (GB/T 33190): its zip, its XML parts read safely, and its document.

``OFD.xml`` names the document's ``Document.xml``, which lists the pages, the template pages
they draw on and the resource files (drawing parameters, composite graphic units).  The
package is untrusted: only the XML parts needed are inflated, each within a size and
compression-ratio budget, and the XML parser resolves no entities and fetches nothing.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from typing import TypeAlias

from lxml import etree

from planparse.errors import PlanparseError
from planparse.rules.warnings import WarningCode as W

A4 = (0.0, 0.0, 210.0, 297.0)  # page box (x, y, width, height in mm) when none is declared
MAX_PART = 32 << 20  # inflated bytes of one XML part
MAX_INFLATED = 128 << 20  # inflated bytes of all the parts read
MAX_RATIO = 200  # inflated/compressed beyond this in a part over RATIO_FLOOR bytes: a zip bomb
RATIO_FLOOR = 1 << 20
MAX_PAGES = 10_000
MAX_NUMBER = 1e6  # millimetres: a larger coordinate or size is garbage
MAX_FLOATS = 100_000  # distinct numbers a document remembers (a plan has a few thousand)

ENCRYPTED = "the OFD is encrypted (GM/T 0099); decrypt it first"
NO_PAGES = "the OFD document has no pages"

# not a plain decimal (nan, inf, 1e999, a seven-digit integer part): no page holds such a number
_NOT_PLAIN = re.compile(r"[^\d\s.+-]|(?<![\d.])\d{7}")
_SEVEN_DIGITS = re.compile(r"(?<![\d.])\d{7}")
# ASCII folded to what _NOT_PLAIN tells apart: a digit is 0, what [\d\s.+-] does not match is x
_FOLD = str.maketrans({chr(c): "x" for c in range(128)} | dict.fromkeys("0123456789", "0")
                      | {c: c for c in "+-. \t\n\v\f\r\x1c\x1d\x1e\x1f"})

Element: TypeAlias = etree._Element


class Package:
    """The zip package: its XML parts, parsed safely, each at most once."""

    def __init__(self, data: bytes) -> None:
        try:
            self.archive = zipfile.ZipFile(BytesIO(data))
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise PlanparseError(f"corrupt or truncated OFD package ({exc})") from None
        self.members = {i.filename.lower(): i for i in self.archive.infolist() if not i.is_dir()}
        if "encryptions.xml" in self.members:
            raise PlanparseError(ENCRYPTED)
        self.parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                                      load_dtd=False)
        self.parts: dict[str, Element] = {}
        self.floats = Floats()
        self.inflated = 0
        self.warnings: list[tuple[W, str]] = []

    def find(self, loc: str, base: str) -> str | None:
        """The member a location written in part ``base`` names: absolute from the package
        root, or relative to ``base``'s folder (or, as some producers write, to the root)."""
        loc = loc.strip().replace("\\", "/")
        for path in (loc if loc.startswith("/") else posixpath.join(posixpath.dirname(base), loc),
                     loc):
            name = posixpath.normpath("/" + path).lstrip("/").lower()
            if name in self.members:
                return name
        return None

    def xml(self, name: str) -> Element:
        """The parsed part ``name`` (a key of ``members``)."""
        if name not in self.parts:
            self.parts[name] = self._parse(self.members[name])
        return self.parts[name]

    def _parse(self, info: zipfile.ZipInfo) -> Element:
        self._budget(info)
        if info.flag_bits & 0x1:
            raise PlanparseError("the OFD package is password-protected (an encrypted zip)")
        try:
            with self.archive.open(info) as stream:
                data = stream.read(MAX_PART + 1)
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error, ValueError,
                NotImplementedError) as exc:
            raise PlanparseError(f"corrupt or truncated OFD package ({info.filename}: {exc})"
                                 ) from None
        try:
            return etree.fromstring(data, self.parser)
        except etree.XMLSyntaxError as exc:
            raise PlanparseError(f"corrupt OFD part {info.filename} ({exc})") from None

    def _budget(self, info: zipfile.ZipInfo) -> None:
        """Refuse a part that would inflate beyond reason (zipfile never inflates past the
        declared size, so the declared sizes are what to check)."""
        self.inflated += info.file_size
        if (info.file_size > MAX_PART or self.inflated > MAX_INFLATED
                or info.file_size > max(RATIO_FLOOR, MAX_RATIO * info.compress_size)):
            raise PlanparseError(f"the OFD package's {info.filename} inflates to"
                                 f" {info.file_size} bytes from {info.compress_size}: a zip bomb?")


def child(element: Element | None, *path: str) -> Element | None:
    """The first descendant along ``path`` (local names, any namespace)."""
    for name in path:
        if element is None:
            return None
        element = element.find("{*}" + name)
    return element


def text_of(element: Element | None) -> str:
    """An element's text, stripped ('' for none)."""
    return (element.text or "").strip() if element is not None else ""


class Floats(dict[str, float]):
    """A document's numbers by their text, each distinct one parsed once: coordinates, sizes
    and glyph offsets repeat all through a document (found here by C dict lookups, not
    parsed again).  At most MAX_FLOATS are kept, so that no document grows it unbounded."""

    def __missing__(self, token: str) -> float:
        value = float(token)
        if len(self) < MAX_FLOATS:
            self[token] = value
        return value

    def array(self, value: str | None) -> list[float]:
        """The numbers of an ST_Array attribute ('' or malformed: none)."""
        if not value or not _plain(value):
            return []
        try:
            return list(map(self.__getitem__, value.split()))
        except ValueError:  # a stray sign or point
            return []

    def number(self, value: str | None, default: float) -> float:
        """A number attribute; ``default`` when it is absent or malformed."""
        if value is None:
            return default
        try:
            parsed = self[value]
        except ValueError:
            return default
        return parsed if abs(parsed) <= MAX_NUMBER else default


def _plain(value: str) -> bool:
    """Whether ``value`` holds plain decimals only (no _NOT_PLAIN match), found for the
    ASCII values of every page by C string methods: the expression runs only where seven
    digits stand in a row (most values have none)."""
    if not value.isascii():
        return _NOT_PLAIN.search(value) is None
    folded = value.translate(_FOLD)
    return "x" not in folded and ("0000000" not in folded or _SEVEN_DIGITS.search(value) is None)


# -- the document -----------------------------------------------------------------------


@dataclass
class Document:
    """What Document.xml says: the pages, the templates and resources they draw on."""

    path: str
    box: tuple[float, ...]
    pages: list[str]
    templates: dict[str, str] = field(default_factory=dict)  # template ID -> part
    fills: dict[str, str] = field(default_factory=dict)  # DrawParam ID -> fill colour
    units: dict[str, Element] = field(default_factory=dict)  # CompositeGraphicUnit ID -> it
    texts: int = 0  # text objects read so far

    @classmethod
    def read(cls, package: Package) -> Document:
        entry = package.find("OFD.xml", "")
        if entry is None:
            raise PlanparseError("not an OFD package: it has no OFD.xml")
        roots = [text_of(body.find("{*}DocRoot")) for body in package.xml(entry).iter("{*}DocBody")]
        root_loc = next((loc for loc in roots if loc), None)
        if root_loc is None:
            raise PlanparseError("the OFD package names no document (OFD.xml has no DocRoot)")
        path = package.find(root_loc, entry)
        if path is None:
            raise PlanparseError(f"the OFD document {root_loc} is missing from the package")
        root = package.xml(path)
        pages = cls._pages(package, root, path)
        common = root.find("{*}CommonData")
        box = page_box(child(common, "PageArea", "PhysicalBox"), package.floats)
        document = cls(path, box or A4, pages)
        for template in root.iter("{*}TemplatePage"):
            part = package.find(template.get("BaseLoc", ""), path)
            if part is not None:
                document.templates[template.get("ID", "")] = part
        for res in (*root.iter("{*}PublicRes"), *root.iter("{*}DocumentRes")):
            document._read_resources(package, text_of(res))
        return document

    @staticmethod
    def _pages(package: Package, root: Element, path: str) -> list[str]:
        pages = root.findall("{*}Pages/{*}Page")
        if not pages:
            raise PlanparseError(NO_PAGES)
        if len(pages) > MAX_PAGES:
            raise PlanparseError(f"the OFD has {len(pages)} pages; more than {MAX_PAGES}"
                                 " is refused")
        found = []
        for number, page in enumerate(pages, 1):
            part = package.find(page.get("BaseLoc", ""), path)
            if part is None:
                package.warnings.append((W.OFD_PAGE_MISSING, f"page {number} of the OFD is missing"
                                         f" from the package ({page.get('BaseLoc')})"))
            else:
                found.append(part)
        return found

    def _read_resources(self, package: Package, loc: str) -> None:
        """Note the fill colour of each drawing parameter (text may take its colour from one)
        and the composite graphic units pages draw."""
        part = package.find(loc, self.path) if loc else None
        if part is None:
            return
        res = package.xml(part)
        units = res.iter("{*}CompositeGraphicUnit")
        self.units.update((unit.get("ID", ""), unit) for unit in units)
        params = {p.get("ID", ""): p for p in res.iter("{*}DrawParam")}
        for key, param in params.items():
            seen = {key}
            while (colour := param.find("{*}FillColor")) is None and (
                    parent := params.get(param.get("Relative", ""))) is not None:
                if parent.get("ID", "") in seen:
                    break  # a cycle of Relative references
                seen.add(parent.get("ID", ""))
                param = parent
            if colour is not None:
                self.fills[key] = colour.get("Value", "")


def page_box(element: Element | None, floats: Floats) -> tuple[float, ...] | None:
    """A PhysicalBox: x, y, width and height in millimetres (None unless it is one)."""
    values = floats.array(text_of(element))
    return tuple(values) if len(values) == 4 and values[2] > 0 and values[3] > 0 else None
