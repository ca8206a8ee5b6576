"""A paragraph as the grammar reads it: its line kind, the outline marker opening it and the
bracket group closing it.  Normalise reads each paragraph once, when it is made (again only
when joining lines changes its text), through a Reader that reads the same text once in a
document; a row is read only where it is read as a line.  The stages after normalise read
the reading kept on the paragraph (planparse.ir), not the text."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, TypeVar

from planparse.grammar.lines import line_kind
from planparse.grammar.markers import Marker, match_marker
from planparse.grammar.parenthetical import trailing

T = TypeVar("T")


# Every paragraph keeps one: a tuple is quick to make, and of tuples only (Marker, closing) it
# is soon left alone by the garbage collector.
class Reading(NamedTuple):
    kind: str | None  # lines.line_kind: a 公文 line kind, None for body text
    marker: Marker | None  # markers.match_marker
    closing: tuple[int, str] | None  # parenthetical.trailing: where it opens, its content


def read(text: str) -> Reading:
    return Reading(line_kind(text), match_marker(text), trailing(text))


class Reader:
    """Reads the texts of one document, each distinct text once: a plan repeats lines (a
    running header, 责任单位：办公室, a table's header row on every page, a pasted copy), and
    a line kind takes some thirty patterns.  Made by normalise for a document, and dropped
    with it."""

    def __init__(self) -> None:
        self._readings: dict[str, Reading] = {}
        self._kinds: dict[str, str | None] = {}
        self._markers: dict[str, Marker | None] = {}

    def read(self, text: str) -> Reading:
        found = self._readings.get(text)
        if found is None:
            found = self._readings[text] = Reading(self.kind(text), self.marker(text), trailing(text))
        return found

    def kind(self, text: str) -> str | None:
        return _remembered(self._kinds, line_kind, text)

    def marker(self, text: str) -> Marker | None:
        return _remembered(self._markers, match_marker, text)


def _remembered(answers: dict[str, T], ask: Callable[[str], T], text: str) -> T:
    if text not in answers:
        answers[text] = ask(text)
    return answers[text]
