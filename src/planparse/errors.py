"""The one exception users see: a clear one-line reason, never a traceback."""

from __future__ import annotations

MAX_REASON = 300  # characters of a library's message kept in a one-line reason


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


def one_line(exc: BaseException) -> str:
    """What an exception says, on one line: a library's message can span many (onnxruntime's
    embeds a whole traceback, whose last line says what went wrong)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    if len(lines) > 1 and lines[0].startswith("Traceback"):
        lines = lines[-1:]
    return " ".join(lines)[:MAX_REASON] or type(exc).__name__
