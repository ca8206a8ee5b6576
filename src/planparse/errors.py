"""The one exception users see: a clear one-line reason, never a traceback."""

from __future__ import annotations


class PlanparseError(Exception):
    """A file could not be parsed.

    ``reason`` is the one-line reason, ``code`` its kind (``ParseError``, ``ReadError``,
    ``TooLarge``, as batch's errors.jsonl records them) and ``path`` the file, when known;
    ``str(error)`` names the file and gives the reason.
    """

    def __init__(self, reason: str, *, code: str = "ParseError", path: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason
