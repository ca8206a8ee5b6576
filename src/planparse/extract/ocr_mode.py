"""Whether scanned pages are OCR'd (``--ocr auto|always|never``) and on how many cores,
without importing the engine.

Both travel in environment variables so that batch's worker processes, however they are
started, read the same settings as the command that started them.
"""

from __future__ import annotations

import os

MODES = ("auto", "always", "never")  # auto: pages without a text layer; always: every page
VARIABLE = "PLANPARSE_OCR"
THREADS = "PLANPARSE_OCR_THREADS"  # the engine's threads in one process (unset: every core)


def ocr_mode() -> str:
    value = os.environ.get(VARIABLE, "auto")
    return value if value in MODES else "auto"


def set_ocr_mode(mode: str) -> None:
    if mode not in MODES:
        raise ValueError(f"OCR mode must be one of {', '.join(MODES)}")
    os.environ[VARIABLE] = mode


def ocr_threads() -> int:
    """Threads the OCR engine may run on in this process; -1 for every core."""
    value = os.environ.get(THREADS, "")
    return int(value) if value.isdigit() and int(value) > 0 else -1


def share_cores(processes: int) -> None:
    """Give each of ``processes`` parsing side by side its share of the cores: engines that
    each take every core fight over them (two scans at once ran 30% slower so)."""
    if processes > 1:
        os.environ[THREADS] = str(max(1, (os.cpu_count() or 1) // processes))
