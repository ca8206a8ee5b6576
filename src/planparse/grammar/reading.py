"""A paragraph as the grammar reads it: its line kind, the outline marker opening it and the
bracket group closing it.  Normalise reads each paragraph once, when it is made (again only
when joining lines changes its text), and a row only where it is read as a line; the stages
after it read the reading (planparse.ir), not the text."""

from __future__ import annotations

from typing import NamedTuple

from planparse.grammar.lines import line_kind
from planparse.grammar.markers import Marker, match_marker
from planparse.grammar.parenthetical import trailing


# Every paragraph keeps one: a tuple is quick to make, and of tuples only (Marker, closing) it
# is soon left alone by the garbage collector.
class Reading(NamedTuple):
    kind: str | None  # lines.line_kind: a 公文 line kind, None for body text
    marker: Marker | None  # markers.match_marker
    closing: tuple[int, str] | None  # parenthetical.trailing: where it opens, its content


def read(text: str) -> Reading:
    return Reading(line_kind(text), match_marker(text), trailing(text))
