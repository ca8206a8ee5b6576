"""Extract: one module per input format, each turning bytes into the common block stream.

The format is found from the content, not trusted from the file name; what each format is
and how it is recognised lives in :mod:`planparse.extract.registry`.  A new format is one
new module with ``extract(data) -> Extracted`` and one registration there; nothing
downstream changes.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any

from planparse.blocks import Block
from planparse.extract import registry
from planparse.rules.warnings import WarningCode


@dataclass
class Extracted:
    """What an extractor hands on: the blocks and what it learnt about the source."""

    format: str
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    encoding: str | None = None
    # (code, message) of what the extractor could not read faithfully, for the output warnings
    warnings: list[tuple[WarningCode, str]] = field(default_factory=list)
    ocr: dict[str, Any] | None = None  # what OCR read (engine, dpi, pages, confidence), if used


def sniff(data: bytes) -> str:
    """Name the format of ``data`` from its content."""
    return registry.sniff(data).name


def extract(data: bytes, name: str | None = None) -> Extracted:
    """Find the format of ``data`` (``name``, when given, is checked against it) and run its
    extractor, imported only now so that reading text never loads the PDF library."""
    fmt = registry.resolve(data, name)
    fmt.require()
    module = importlib.import_module(fmt.module)
    extracted: Extracted = module.extract(data)
    return extracted
