"""The pipeline, one way: extract → normalise → segment → annotate → emit."""

from __future__ import annotations

import hashlib
from pathlib import Path

from planparse import models
from planparse.annotate import annotate
from planparse.emit import emit
from planparse.errors import PlanparseError
from planparse.extract import Extracted, extract, registry
from planparse.extract.text import blocks_of
from planparse.ir import Notice
from planparse.normalise import normalise
from planparse.segment import segment


def parse_bytes(data: bytes, path: str = "-") -> models.PlanDocument:
    """Parse a document given as bytes; ``path`` goes to ``source.path``, and its extension
    must not contradict the content ("-" for stdin has none)."""
    return run_pipeline(extract_bytes(data, path), path, hashlib.sha256(data).hexdigest())


def extract_bytes(data: bytes, path: str = "-") -> Extracted:
    """The extraction stage alone; an error names ``path``."""
    try:
        return extract(data, None if path == "-" else path)
    except PlanparseError as exc:
        exc.path = exc.path or path
        raise


def parse(path: str | Path) -> models.PlanDocument:
    """Parse the document at ``path`` (any format of ``planparse formats``, found by content)."""
    return parse_bytes(read(path), str(path))


def read(path: str | Path) -> bytes:
    """The file's bytes; an unreadable file is a one-line ReadError."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise PlanparseError("no such file", code="ReadError", path=str(path)) from None
    except IsADirectoryError:
        raise PlanparseError("is a directory, not a file", code="ReadError", path=str(path)) from None
    except OSError as exc:
        raise PlanparseError(f"cannot read the file ({exc.strerror})", code="ReadError",
                             path=str(path)) from None


def parse_text(text: str, path: str = "-") -> models.PlanDocument:
    """Parse a plan already held as a string."""
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates, e.g. from a bad decode upstream
        raise PlanparseError(f"the text holds a lone surrogate (U+{ord(text[exc.start]):04X}) at"
                             f" character {exc.start}; it is not valid Unicode") from None
    extracted = Extracted(format=registry.get("txt").name, blocks=blocks_of(text))
    return run_pipeline(extracted, path, hashlib.sha256(encoded).hexdigest())


def run_pipeline(extracted: Extracted, path: str, sha256: str) -> models.PlanDocument:
    """Everything after extraction, for blocks from any extractor."""
    document = normalise(extracted.blocks)
    segmented = segment(document)
    annotations = annotate(segmented)
    source = models.Source(path=path, format=extracted.format, sha256=sha256,
                           pages=extracted.pages, encoding=extracted.encoding,
                           ocr=models.Ocr(**extracted.ocr) if extracted.ocr else None)
    found = [Notice(code, message) for code, message in extracted.warnings]
    return emit(segmented, annotations, source, found)
