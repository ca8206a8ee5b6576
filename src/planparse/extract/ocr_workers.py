"""A document's pages OCR'd one after another, or side by side in worker processes.

``extract --jobs N`` lets up to N processes read one file's pages, each loading the engine
once and running it on its share of the cores: ONNX Runtime spreads one page over several
cores less well than separate pages spread over them (on 2 cores, an 8-page photocopy took
50 s in one process, 44-46 s in two; a worker's start, about a second, is paid in each).
Each worker runs under the command's ``--memory`` ceiling.  A batch's workers read their
files' pages themselves: they run files side by side already, and a daemonic process may not
start processes of its own.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator

from planparse.ceiling import TOO_LARGE, current_limit, exhausted
from planparse.errors import PlanparseError
from planparse.extract.ocr_mode import THREADS, ocr_jobs
from planparse.extract.ocr_page import Image, Reading, read_page
from planparse.extract.pdf_layout import Page

PageImage = tuple[Image, float, int]  # the image, its dpi, the page's 1-based number


def processes(pages: int) -> int:
    """How many processes should OCR ``pages`` pages: 1 means this one, alone."""
    if multiprocessing.current_process().daemon:
        return 1
    return max(1, min(ocr_jobs(), pages))


def read_pages(images: Iterator[PageImage], count: int, reading: Reading) -> list[Page]:
    """OCR ``count`` page images (pulled lazily from ``images``), noting them in ``reading``."""
    jobs = processes(count)
    if jobs == 1:
        return [read_page(image, dpi, number, reading) for image, dpi, number in images]
    from planparse import workers

    threads = max(1, (os.cpu_count() or 1) // jobs)
    tasks = ((index, (*page, threads)) for index, page in enumerate(images))
    done: dict[int, tuple[Page, Reading]] = {}
    # each worker under this process's ceiling, knowing it, to tell a failure past it
    memory = current_limit()
    for outcome in workers.run(_read_one, tasks, jobs=jobs, timeout=None, memory=memory):
        if outcome.error is not None:
            raise PlanparseError(f"OCR of a page failed: {outcome.error[1]}")
        if isinstance(outcome.value, BaseException):
            raise outcome.value
        done[outcome.index] = outcome.value
    return [_merge(reading, *done[index]) for index in sorted(done)]


def _merge(reading: Reading, page: Page, part: Reading) -> Page:
    reading.pages += part.pages
    reading.scores += part.scores
    reading.warnings += part.warnings
    return page


def _read_one(task: tuple[Image, float, int, int]) -> tuple[Page, Reading] | Exception:
    """A worker's page; a failure is sent back, to end the file as it would in the parent."""
    image, dpi, number, threads = task
    os.environ[THREADS] = str(threads)  # read when the engine first loads in this worker
    part = Reading(dpi=round(dpi))
    try:
        return read_page(image, dpi, number, part), part
    except Exception as exc:  # noqa: BLE001 - the parent reports it, in one line
        return MemoryError(TOO_LARGE) if exhausted(exc) else exc

