"""A paragraph as the grammar reads it: its line kind, the outline marker opening it and the
bracket group closing it.  Normalise reads each paragraph once, when it is made (again only
when joining lines changes its text); the stages after it read the reading, not the text."""

from __future__ import annotations

from dataclasses import dataclass

from planparse.grammar.lines import line_kind
from planparse.grammar.markers import Marker, match_marker
from planparse.grammar.parenthetical import trailing


@dataclass(frozen=True, slots=True)
class Reading:
    kind: str | None = None  # lines.line_kind: a 公文 line kind, None for body text
    marker: Marker | None = None  # markers.match_marker
    closing: tuple[int, str] | None = None  # parenthetical.trailing: where it opens, its content


def read(text: str) -> Reading:
    return Reading(line_kind(text), match_marker(text), trailing(text))
