"""Work functions for the pool tests (module-level, so spawned workers can import them)."""

import os
import time


def nap(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def die(code: int) -> None:
    os._exit(code)


def slow_pages(seconds: float) -> float:
    """A file that says it needs more time (as OCR does for its pages), then takes it."""
    from planparse.allowance import ask

    ask(seconds + 5.0)
    time.sleep(seconds)
    return seconds
