"""The pipeline, one way: extract → normalise → segment → annotate → emit."""

from __future__ import annotations

import hashlib
from pathlib import Path

from planparse import models
from planparse.annotate.notes import annotate
from planparse.emit import emit
from planparse.errors import PlanparseError
from planparse.extract import Extracted, extract
from planparse.extract.text import FORMAT as TEXT_FORMAT
from planparse.extract.text import blocks_of
from planparse.normalise import normalise
from planparse.segment import segment


def parse_bytes(data: bytes, path: str = "-") -> models.PlanDocument:
    """Parse a document given as bytes; ``path`` goes to ``source.path``, and its extension
    must not contradict the content ("-" for stdin has none)."""
    extracted = extract(data, None if path == "-" else path)
    return run_pipeline(extracted, path, hashlib.sha256(data).hexdigest())


def parse(path: str | Path) -> models.PlanDocument:
    """Parse the document at ``path`` (.txt, .docx or .pdf, found by content)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise PlanparseError("no such file") from None
    except IsADirectoryError:
        raise PlanparseError("is a directory, not a file") from None
    except OSError as exc:
        raise PlanparseError(f"cannot read the file ({exc.strerror})") from None
    return parse_bytes(data, str(path))


def parse_text(text: str, path: str = "-") -> models.PlanDocument:
    """Parse a plan already held as a string."""
    extracted = Extracted(format=TEXT_FORMAT, blocks=blocks_of(text))
    return run_pipeline(extracted, path, hashlib.sha256(text.encode("utf-8")).hexdigest())


def run_pipeline(extracted: Extracted, path: str, sha256: str) -> models.PlanDocument:
    """Everything after extraction, for blocks from any extractor."""
    document = normalise(extracted.blocks)
    segmented = segment(document)
    notes = annotate(segmented)
    source = models.Source(path=path, format=extracted.format, sha256=sha256,
                           pages=extracted.pages, encoding=extracted.encoding)
    return emit(segmented, notes, source)
