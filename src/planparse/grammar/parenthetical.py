"""The parenthetical that ends an item: （…）, also opened full-width and closed half-width,
or in square brackets (〔责任单位：…〕, [牵头单位：…], 【…】) as web copies print it."""

from __future__ import annotations

import regex

OPEN, CLOSE = "（(", "）)"
SQUARE = {"〕": "〔", "]": "[", "】": "【"}  # closing -> opening
_TAIL = " \u3000\n。.；;"
_ROUND = regex.compile(r"(?r)[（()）]")  # round brackets, found from the end (reverse search)


def trailing(text: str) -> tuple[int, str] | None:
    """(where it opens, its content) for the bracket group ending ``text``; None if none.

    A group left open at the very end ("…按职责分工负责" with no closing bracket) counts too,
    so that a bracket lost to a page break still gives the units.
    """
    body = text.rstrip(_TAIL)
    if not body:
        return None
    if body[-1] in SQUARE:
        opened = body.rfind(SQUARE[body[-1]])
        return (opened, body[opened + 1: -1]) if opened >= 0 else None
    if "（" not in body and "(" not in body:  # most lines: nothing to scan for
        return None
    if body[-1] in CLOSE:
        start = _open_bracket(body[:-1])
        return (start, body[start + 1: -1]) if start is not None else None
    start = _open_bracket(body)
    return (start, body[start + 1:]) if start is not None else None


def _open_bracket(body: str) -> int | None:
    """The last bracket opened in ``body`` and not closed in it (scanning from the end)."""
    depth = 0
    for match in _ROUND.finditer(body):
        if match.group() in CLOSE:
            depth += 1
        elif depth == 0:
            return match.start()
        else:
            depth -= 1
    return None


def is_unclosed(text: str) -> bool:
    body = text.rstrip(_TAIL)
    return bool(body) and body[-1] not in CLOSE and _open_bracket(body) is not None


def split_top_level(text: str, separators: str) -> list[tuple[int, int]]:
    """Spans of ``text`` between separators that stand outside brackets: 各县（市、区）人社局
    stays whole."""
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "（(【[〔":
            depth += 1
        elif ch in "）)】]〕":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in separators:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    return spans
