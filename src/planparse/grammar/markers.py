"""Recognise an outline marker at the start of a paragraph (styles in planparse.rules.markers)."""

from __future__ import annotations

from typing import NamedTuple

import regex

from planparse.grammar.numerals import to_int
from planparse.rules.check import check_patterns
from planparse.rules.markers import STYLES
from planparse.rules.numerals import CIRCLED, CN_NUMERAL_CHARS, PARENTHESISED

_PATTERNS = [(name, regex.compile(rf"\s*{pattern}\s*")) for name, pattern in STYLES.items()]
check_patterns("markers.STYLES", _PATTERNS, needs=("num",))  # match_marker reads the numeral
# Every marker opens with one of these (after spaces): a cheap test before eight patterns.
_OPENERS = frozenset("第（(0123456789" + CIRCLED + PARENTHESISED + CN_NUMERAL_CHARS)


# A tuple of strings and numbers, which the garbage collector stops tracking: every numbered
# paragraph keeps one.
class Marker(NamedTuple):
    style: str
    text: str  # the marker as printed, without surrounding space: "（一）", "1."
    number: int
    end: int  # where the item's own text starts


def match_marker(text: str) -> Marker | None:
    """The marker that opens ``text``, if any; an item needs text after its marker."""
    head = text.lstrip()[:1]
    if head not in _OPENERS:
        return None
    for style, pattern in _PATTERNS:
        match = pattern.match(text)
        if match and match.end() < len(text):
            number = to_int(match["num"])
            if number is not None:
                return Marker(style, match.group().strip(), number, match.end())
    return None


def same_label(a: str, b: str) -> bool:
    """Do two cells print the same heading, whatever its numeral, bracket width or 。?
    (A merged label repeated at the top of a page: "(三)严格落实…" for "（二）严格落实…".)"""
    return label(a, match_marker(a)) == label(b, match_marker(b))


def label(text: str, marker: Marker | None) -> str:
    """The heading ``text`` prints after its ``marker``, without spaces or 。: what
    :func:`same_label` compares."""
    return regex.sub(r"[\s。.]", "", text[marker.end:] if marker else text)
