"""Work functions for the pool tests (module-level, so spawned workers can import them)."""

import os
import time


def nap(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def die(code: int) -> None:
    os._exit(code)
