"""The formats planparse reads: one registration each, the single source of format knowledge.

Each :class:`Format` says what it is called, which file names promise it, how its content is
recognised (a sniffer that accepts, passes or refuses with a reason), which optional extra
its extractor needs, and which module extracts it.  Sniffing, the file-name check, batch's
file picking, ``Source.format`` and ``planparse formats`` all read from :data:`FORMATS`.

Sniffers only look at bytes (magic numbers, a zip's member names, an OLE container's stream
names), so recognising a file never imports a format's library.  Adding a format is one
extractor module with ``extract(data) -> Extracted`` and one entry in :data:`FORMATS`.
"""

from __future__ import annotations

import importlib.util
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from io import BytesIO
from typing import NamedTuple

from planparse.errors import PlanparseError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Word / WPS / Excel containers
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTED = "the document is encrypted (password-protected); remove the password"

_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*|<\?xml[^>]*>\s*)*"
    rb"(?:<!doctype\s+html|<html|<head|<meta|<body|<title)",
    re.IGNORECASE | re.DOTALL,
)


class Refuse(NamedTuple):
    """A sniffer's verdict that the content is of its format but cannot be read."""

    reason: str


Verdict = bool | Refuse  # True: mine; False: not mine, ask the next format; Refuse: mine, unreadable


class Probe:
    """The content being sniffed, with what several sniffers ask of it computed once."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    @cached_property
    def head(self) -> bytes:
        return self.data[:4096]

    @property
    def is_zip(self) -> bool:
        return self.data[:4] == ZIP_MAGIC

    @property
    def is_ole(self) -> bool:
        return self.data[:8] == OLE_MAGIC

    @cached_property
    def zip_names(self) -> frozenset[str]:
        """Member names of a zip package (empty for anything else); a broken zip is refused."""
        if not self.is_zip:
            return frozenset()
        try:
            return frozenset(zipfile.ZipFile(BytesIO(self.data)).namelist())
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
            raise PlanparseError(f"corrupt or truncated zip package ({exc})") from None

    def has_ole_stream(self, name: str) -> bool:
        """Whether an OLE container has a directory entry called ``name``.

        Directory entries hold their names in UTF-16, so a byte search finds them without
        parsing the container (the extractor parses it properly); like OLE, case-blind."""
        return self.is_ole and self._entry(name) >= 0

    def _entry(self, name: str) -> int:
        return self._folded.find(name.lower().encode("utf-16-le") + b"\x00\x00")

    @cached_property
    def _folded(self) -> bytes:
        return self.data.lower()

    def ole_stream_head(self, name: str) -> bytes:
        """The first sector of a stream of an OLE container, found through its directory
        entry (b"" when that cannot be done without parsing the container).  A stream
        under 4096 bytes lives in the mini stream and is not found this way."""
        entry = self._entry(name) if self.is_ole else -1
        if entry < 0 or len(self.data) < entry + 124:
            return b""
        shift = int.from_bytes(self.data[30:32], "little")
        start, size = (int.from_bytes(self.data[entry + at : entry + at + 4], "little")
                       for at in (116, 120))
        if not 7 <= shift <= 16 or size < 4096:
            return b""
        offset = (start + 1) << shift
        return self.data[offset : offset + (1 << shift)]


@dataclass(frozen=True)
class Format:
    """One input format planparse reads."""

    name: str  # Source.format
    title: str  # how messages name it: "a Word .docx document"
    extensions: tuple[str, ...]  # lower case, with the dot
    module: str  # the extractor: a module with ``extract(data: bytes) -> Extracted``
    sniff: Callable[[Probe], Verdict]
    magic: tuple[bytes, ...] = ()  # leading bytes that let batch pick such a file by content
    extra: str | None = None  # the optional dependency group its extractor needs
    needs: tuple[str, ...] = ()  # importable modules that extra provides
    text: bool = False  # a text-based format: plain-looking content named so is taken as it

    @property
    def available(self) -> bool:
        """Whether the modules the extractor needs are installed."""
        return all(importlib.util.find_spec(module) is not None for module in self.needs)

    def require(self) -> None:
        """Refuse, naming the extra to install, when the extractor's libraries are missing."""
        if not self.available:
            raise PlanparseError(f"reading {self.title} needs the optional extra:"
                                 f" pip install 'planparse[{self.extra}]'")


# -- sniffers ---------------------------------------------------------------------------


def _pdf(probe: Probe) -> bool:
    return probe.data.lstrip()[:5] == b"%PDF-" or probe.head[:1024].find(b"%PDF-") >= 0


def _docx(probe: Probe) -> Verdict:
    if probe.has_ole_stream("EncryptedPackage"):  # an encrypted .docx/.xlsx is an OLE file
        return Refuse(ENCRYPTED)
    return "word/document.xml" in probe.zip_names


def _ofd(probe: Probe) -> bool:
    return any(name.lower() == "ofd.xml" for name in probe.zip_names)


def _doc(probe: Probe) -> Verdict:
    if not probe.has_ole_stream("WordDocument"):
        return False
    fib = probe.ole_stream_head("WordDocument")
    if len(fib) >= 12 and fib[:2] == b"\xec\xa5" and fib[11] & 0x01:  # the FIB's fEncrypted
        return Refuse(ENCRYPTED)
    return True


def _xlsx(probe: Probe) -> bool:
    return "xl/workbook.xml" in probe.zip_names


def _xls(probe: Probe) -> bool:
    """Excel's BIFF8 stream is "Workbook", BIFF5's "Book"; WPS .et files are the same."""
    return probe.has_ole_stream("Workbook") or probe.has_ole_stream("Book")


def _html(probe: Probe) -> bool:
    return looks_like_html(probe)


IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def _image(probe: Probe) -> bool:
    return probe.data.startswith(IMAGE_MAGIC)


def _txt(probe: Probe) -> bool:
    return not (probe.is_zip or probe.is_ole)


# Formats in the order their sniffers are asked; the first that does not pass decides.
FORMATS: tuple[Format, ...] = (
    Format("pdf", "a PDF", (".pdf",), "planparse.extract.pdf", _pdf, magic=(b"%PDF-",)),
    Format("docx", "a Word .docx document", (".docx",), "planparse.extract.docx", _docx,
           magic=(ZIP_MAGIC,)),
    Format("ofd", "an OFD document", (".ofd",), "planparse.extract.ofd", _ofd, magic=(ZIP_MAGIC,)),
    Format("doc", "a legacy Word/WPS document", (".doc", ".wps", ".dot"), "planparse.extract.doc",
           _doc, magic=(OLE_MAGIC,)),
    Format("image", "a page image (.png, .jpg, .tif)", (".png", ".jpg", ".jpeg", ".tif", ".tiff"),
           "planparse.extract.ocr", _image, magic=IMAGE_MAGIC, extra="ocr",
           needs=("rapidocr", "onnxruntime")),
    # after .doc: a Word file embedding a spreadsheet holds a "Workbook" stream too
    Format("xlsx", "an Excel .xlsx workbook", (".xlsx", ".xlsm"), "planparse.extract.sheets",
           _xlsx, magic=(ZIP_MAGIC,), extra="sheets", needs=("python_calamine", "olefile")),
    Format("xls", "an Excel .xls or WPS .et workbook", (".xls", ".et"),
           "planparse.extract.sheets", _xls, magic=(OLE_MAGIC,), extra="sheets",
           needs=("python_calamine", "olefile")),
    Format("html", "an HTML page", (".html", ".htm", ".xhtml", ".shtml"), "planparse.extract.html",
           _html, text=True),
    Format("txt", "a text file", (".txt", ".text"), "planparse.extract.text", _txt, text=True),
)

_BY_NAME = {fmt.name: fmt for fmt in FORMATS}


def get(name: str) -> Format:
    return _BY_NAME[name]


def by_extension(name: str) -> Format | None:
    """The format a file name's extension promises, if it names one."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    if "." not in base:
        return None
    suffix = "." + base.rsplit(".", 1)[-1].lower()
    return next((fmt for fmt in FORMATS if suffix in fmt.extensions), None)


def extensions() -> frozenset[str]:
    return frozenset(ext for fmt in FORMATS for ext in fmt.extensions)


def magics() -> tuple[bytes, ...]:
    return tuple(magic for fmt in FORMATS for magic in fmt.magic)


def sniff(data: bytes) -> Format:
    """The format of ``data``, from its content; refuse what no format can read."""
    if not data:
        raise PlanparseError("the file is empty")
    probe = Probe(data)
    for fmt in FORMATS:
        verdict = fmt.sniff(probe)
        if isinstance(verdict, Refuse):
            raise PlanparseError(verdict.reason)
        if verdict:
            return fmt
    raise PlanparseError(_unknown(probe))


def _unknown(probe: Probe) -> str:
    if probe.is_ole:
        return "an OLE container that is neither a Word/WPS document nor an Excel workbook"
    if "content.xml" in probe.zip_names:
        return "OpenDocument files are not supported; save it as .docx"
    return "a zip archive that is not a document planparse reads (see planparse formats)"


def resolve(data: bytes, name: str | None) -> Format:
    """Sniff ``data`` and check the file ``name`` against it.

    A file whose extension promises another format is refused (renamed by mistake, or not
    what it claims); text named as a text-based format (.html) is read as that format, since
    plain-looking content cannot tell a page fragment from a plan."""
    fmt = sniff(data)
    promised = by_extension(name) if name is not None else None
    if promised is None or promised is fmt:
        return fmt
    if fmt.text and promised.text:
        return promised
    suffix = promised.extensions[0] if name is None else "." + name.rsplit(".", 1)[-1].lower()
    raise PlanparseError(f"named {suffix} but the content is {fmt.title}; rename it to"
                         f" {fmt.extensions[0]} if that is what it is")


def looks_like_html(probe: Probe) -> bool:
    """Whether the content opens like an HTML page (for the HTML format's sniffer)."""
    return _HTML_START.match(probe.head) is not None
