"""Whether scanned pages are OCR'd: ``--ocr auto|always|never``, without importing the engine.

The mode travels in an environment variable so that batch's worker processes, however
they are started, read the same setting as the command that started them.
"""

from __future__ import annotations

import os

MODES = ("auto", "always", "never")  # auto: pages without a text layer; always: every page
VARIABLE = "PLANPARSE_OCR"


def ocr_mode() -> str:
    value = os.environ.get(VARIABLE, "auto")
    return value if value in MODES else "auto"


def set_ocr_mode(mode: str) -> None:
    if mode not in MODES:
        raise ValueError(f"OCR mode must be one of {', '.join(MODES)}")
    os.environ[VARIABLE] = mode
