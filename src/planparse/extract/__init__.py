"""Extract: one module per input format, each turning bytes into the common block stream.

The format is found from the content (magic bytes), not trusted from the file name.  A new
format is one new module with ``FORMAT`` and ``extract(data) -> Extracted``, registered in
``_EXTRACTORS``; nothing downstream changes.
"""

from __future__ import annotations

import importlib
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from planparse.blocks import Block
from planparse.errors import PlanparseError


@dataclass
class Extracted:
    """What an extractor hands on: the blocks and what it learnt about the source."""

    format: str
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    encoding: str | None = None


# format name -> module that extracts it (imported only when a file of that format arrives,
# so reading text never pays for loading the Word and PDF libraries)
_EXTRACTORS = {
    "txt": "planparse.extract.text",
    "docx": "planparse.extract.docx",
    "pdf": "planparse.extract.pdf",
}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .wps / .xls containers
# an encrypted .docx is an OLE container holding a stream of this (UTF-16) name
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def sniff(data: bytes) -> str:
    """Name the format of ``data`` from its content."""
    if not data:
        raise PlanparseError("the file is empty")
    if data.lstrip()[:5] == b"%PDF-" or data[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if data[:8] == _OLE_MAGIC:
        if _ENCRYPTED_PACKAGE in data:
            raise PlanparseError(
                "the document is encrypted (password-protected); remove the password"
            )
        raise PlanparseError(
            "this is a legacy Word/WPS binary (.doc/.wps); save it as .docx and try again"
        )
    if data[:4] == b"PK\x03\x04":
        return _sniff_zip(data)
    return "txt"


def _sniff_zip(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise PlanparseError(f"corrupt or truncated zip/docx file ({exc})") from None
    if "word/document.xml" in names:
        return "docx"
    if any(name.endswith(".xml") for name in names) and "content.xml" in names:
        raise PlanparseError("OpenDocument files are not supported; save it as .docx")
    raise PlanparseError("a zip archive that is not a Word .docx document")


# what a file's extension promises; a file whose content is another format is refused
_EXTENSIONS = {".txt": "txt", ".text": "txt", ".docx": "docx", ".pdf": "pdf", ".doc": "doc",
               ".wps": "doc"}
_NAMES = {"txt": "a text file", "docx": "a Word .docx document", "pdf": "a PDF", "doc": "a .doc"}
_SUFFIX_OF = {"txt": ".txt", "docx": ".docx", "pdf": ".pdf"}


def check_name(name: str, fmt: str) -> None:
    """Refuse a file whose extension names another format than its content (it was renamed
    by mistake, or is not what it claims); a file without a known extension is taken as is."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
    promised = _EXTENSIONS.get(suffix)
    if promised is not None and promised != fmt:
        raise PlanparseError(f"named {suffix} but the content is {_NAMES[fmt]}; rename it to"
                             f" {_SUFFIX_OF[fmt]} if that is what it is")


def extract(data: bytes, name: str | None = None) -> Extracted:
    """Sniff the format of ``data`` and run its extractor; ``name`` is checked against it."""
    fmt = sniff(data)
    if name is not None:
        check_name(name, fmt)
    module = importlib.import_module(_EXTRACTORS[fmt])
    return module.extract(data)
