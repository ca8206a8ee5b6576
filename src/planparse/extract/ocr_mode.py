"""Whether scanned pages are OCR'd (``--ocr auto|always|never``), by how many processes side
by side (``extract --jobs``) and on how many cores each, without importing the engine.

They travel in environment variables so that batch's worker processes, however they are
started, read the same settings as the command that started them.
"""

from __future__ import annotations

import os

MODES = ("auto", "always", "never")  # auto: pages without a text layer; always: every page
VARIABLE = "PLANPARSE_OCR"
THREADS = "PLANPARSE_OCR_THREADS"  # the engine's threads in one process (unset: every core)
JOBS = "PLANPARSE_OCR_JOBS"  # processes OCR'ing one file's pages (unset: this one alone)


def ocr_mode() -> str:
    value = os.environ.get(VARIABLE, "auto")
    return value if value in MODES else "auto"


def set_ocr_mode(mode: str) -> None:
    if mode not in MODES:
        raise ValueError(f"OCR mode must be one of {', '.join(MODES)}")
    os.environ[VARIABLE] = mode


def _count(variable: str, unset: int) -> int:
    value = os.environ.get(variable, "")
    return int(value) if value.isdigit() and int(value) > 0 else unset


def ocr_threads() -> int:
    """Threads the OCR engine may run on in this process; -1 for every core."""
    return _count(THREADS, -1)


def ocr_jobs() -> int:
    """Processes that may OCR one file's pages side by side; 1 for this process alone."""
    return _count(JOBS, 1)


def set_ocr_jobs(jobs: int) -> None:
    os.environ[JOBS] = str(max(1, jobs))


def share_cores(processes: int) -> None:
    """Give each of ``processes`` parsing side by side its share of the cores: engines that
    each take every core fight over them (two scans at once ran 30% slower so)."""
    if processes > 1:
        os.environ[THREADS] = str(max(1, (os.cpu_count() or 1) // processes))
