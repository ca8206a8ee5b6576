"""Time a file may ask for beyond its timeout, for work known to be slow per page.

A timeout is set per file, but OCR takes seconds a page: a 60-page scan is not stuck after two
minutes.  The OCR reader asks here for its pages' time before it starts; whatever runs the file
against a clock (a batch worker, the cluster, ``extract --timeout``) listens and moves its
deadline.  A context variable, so that threads running files side by side keep their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# several times one page's OCR on a slow core (about 4 s measured at 200 dpi)
SECONDS_PER_OCR_PAGE = 20.0

_listener: ContextVar[Callable[[float], None] | None] = ContextVar("allowance", default=None)


@contextmanager
def listening(callback: Callable[[float], None]) -> Iterator[None]:
    """Within the block, a file's requests for more time go to ``callback``."""
    token = _listener.set(callback)
    try:
        yield
    finally:
        _listener.reset(token)


def ask(seconds: float) -> None:
    """Ask whoever times this file for ``seconds`` more (nobody may be listening)."""
    callback = _listener.get()
    if callback is not None and seconds > 0:
        callback(seconds)


def ask_for_ocr(pages: int) -> None:
    ask(pages * SECONDS_PER_OCR_PAGE)
