"""Limits that keep a small hostile file from unfolding into unbounded memory or time.

Past a limit the file is refused at once with a one-line reason (code ``TooLarge``), before
the costly work is done; real plans stay far below every one of them.
"""

from __future__ import annotations

import zipfile

from planparse.errors import PlanparseError

MAX_INFLATED = 64 << 20  # bytes all the parts read from one zip package may inflate to
MAX_RATIO = 200  # inflated / compressed size above which a large part is a zip bomb
RATIO_FROM = 1 << 20  # parts inflating to less than this may compress as well as they like
MAX_PAGE_OBJECTS = 100_000  # drawing objects on one page, nested forms included
MAX_FORM_DEPTH = 12  # form XObjects drawn inside form XObjects
MAX_PAGE_CHARS = 500_000  # characters on one page (a dense page holds a few thousand)


def too_large(reason: str) -> PlanparseError:
    return PlanparseError(f"too large or too complex: {reason}", code="TooLarge")


class Inflation:
    """What the parts read so far from one zip package inflate to, checked before each is."""

    def __init__(self, limit: int = MAX_INFLATED) -> None:
        self.limit = limit
        self.total = 0

    def take(self, info: zipfile.ZipInfo) -> None:
        """Refuse ``info`` if it inflates suspiciously well or past the package's budget
        (zipfile never inflates a member past its declared size, so that size can be trusted)."""
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise too_large(f"{info.filename} would inflate {ratio:.0f} times (a zip bomb?)")
        self.total += info.file_size
        if self.total > self.limit:
            raise too_large(f"its parts would inflate to more than {self.limit >> 20} MB")
