"""Find and resolve time limits with the grammar in planparse.rules.deadlines."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import regex

from planparse.grammar.fold import fold
from planparse.grammar.numerals import to_int
from planparse.models import DeadlineKind
from planparse.rules import deadlines as rules
from planparse.rules.check import check_deadline_rules

Groups = dict[str, str | None]


@dataclass(frozen=True, slots=True)
class Deadline:
    raw: str
    kind: DeadlineKind
    date: str | None
    start: int = 0  # offset of raw in the text it was found in
    end: int = 0


_RULES = [(resolve, kind, where, regex.compile(pattern)) for resolve, kind, where, pattern in rules.RULES]
# inline bounds count anywhere; a field also accepts the plain values only a field can hold
_COMPILED = {
    "inline": [(r, k, p) for r, k, w, p in _RULES if w == "inline"],
    "field": [(r, k, p) for r, k, _, p in _RULES],
}
_LEADERS = regex.compile(rules.FIELD_LEADERS)
_TRAILERS = regex.compile(rf"\s*{rules.FIELD_TRAILERS}\s*[。.]?$")
_PARTS = regex.compile(r"[，,；;、]")


def find_inline(text: str, year: int | None) -> list[Deadline]:
    """Bounds written into a task's text: 2021年底前, 年内, 30个工作日内, 每年3月31日前."""
    found: list[Deadline] = []
    taken: list[tuple[int, int]] = []
    folded = fold(text)
    for resolve, kind, pattern in _COMPILED["inline"]:
        for match in pattern.finditer(folded):
            span = match.span()
            if any(span[0] < e and s < span[1] for s, e in taken):
                continue
            taken.append(span)
            found.append(_resolve(resolve, kind, match, year, text))
    return sorted(found, key=lambda d: d.start)


def parse_field(value: str, year: int | None) -> list[Deadline]:
    """A 完成时限 value or a bare time clause: each of its parts a time value, or holding one."""
    found: list[Deadline] = []
    offset = 0
    for part in _PARTS.split(value):
        found.extend(_shifted(_field_part(part, year), offset))
        offset += len(part) + 1
    return found


def _field_part(value: str, year: int | None) -> list[Deadline]:
    stripped = _LEADERS.sub("", value.strip(" 。."))
    lead = value.index(stripped) if stripped else 0
    if not stripped:
        return []
    folded = fold(stripped)
    for resolve, kind, pattern in _COMPILED["field"]:
        match = pattern.match(folded)
        if match and _TRAILERS.fullmatch(folded, match.end()):
            return _shifted([_resolve(resolve, kind, match, year, stripped)], lead)
    return _shifted(find_inline(stripped, year), lead)


def _shifted(found: list[Deadline], offset: int) -> list[Deadline]:
    return [Deadline(d.raw, d.kind, d.date, d.start + offset, d.end + offset) for d in found]


def _resolve(resolve: str, kind: DeadlineKind, match: regex.Match, year: int | None, text: str) -> Deadline:
    groups = match.groupdict()
    start, end = match.span()
    if kind == "relative":
        start = _anchor_start(match.string, start)
    date = RESOLVERS[resolve].date(groups, _year(groups, year))
    return Deadline(text[start:end], kind, date, start, end)


def _year(groups: Groups, year: int | None) -> int | None:
    if groups.get("y"):
        return _int(groups["y"])
    relative = groups.get("rel")
    if relative and year is not None and relative.startswith(rules.NEXT_YEAR):
        return year + 1
    return year


def _in_year(date: Callable[[Groups, int], str | None]) -> Callable[[Groups, int | None], str | None]:
    """A date in the year the match names or the plan's; none when neither is known."""
    return lambda groups, year: None if year is None else date(groups, year)


def _int(numeral: str | None) -> int | None:
    return to_int(numeral) if numeral else None


def _month(groups: Groups) -> int:
    month = _int(groups["m"])
    assert month is not None  # the rules' m group is always a numeral (1-12, 一-十二)
    return month


def _month_date(groups: Groups, year: int) -> str | None:
    month = _month(groups)
    return _iso(year, month, rules.PART_DAYS.get(groups.get("part") or "", _last_day(year, month)))


def _quarter_end(groups: Groups, year: int) -> str | None:
    month = 3 * rules.QUARTERS[groups["q"] or ""]
    return _iso(year, month, _last_day(year, month))


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _iso(year: int, month: int | None, day: int | None) -> str | None:
    if not month or not day or month > 12 or day > _last_day(year, month):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


class Resolver(NamedTuple):
    kinds: tuple[DeadlineKind, ...]  # the kinds of rule it may date
    needs: tuple[str, ...]  # the named groups it reads: a rule's pattern must have them
    date: Callable[[Groups, int | None], str | None]  # groups and year -> ISO date or --MM-DD


# What each rule's ``resolve`` names.  A yearly limit's month ends as in a common year (--02-28).
RESOLVERS: dict[str, Resolver] = {
    "day": Resolver(("date",), ("m", "d"), _in_year(lambda g, y: _iso(y, _int(g["m"]), _int(g["d"])))),
    "month": Resolver(("date",), ("m",), _in_year(_month_date)),  # part, if the pattern has it
    "quarter_end": Resolver(("date",), ("q",), _in_year(_quarter_end)),
    "half_end": Resolver(("date",), ("half",),
                         _in_year(lambda g, y: _iso(y, 6, 30) if g["half"] == "上" else _iso(y, 12, 31))),
    "year_end": Resolver(("date",), (), _in_year(lambda g, y: _iso(y, 12, 31))),
    "yearly_day": Resolver(("recurring",), ("m", "d"), lambda g, _: f"--{_month(g):02d}-{_int(g['d']):02d}"),
    "yearly_month_end": Resolver(("recurring",), ("m",),
                                 lambda g, _: f"--{_month(g):02d}-{_last_day(2023, _month(g)):02d}"),
    "yearly_year_end": Resolver(("recurring",), (), lambda g, _: "--12-31"),
    "undated": Resolver(("recurring", "relative", "ongoing"), (), lambda g, _: None),
}
check_deadline_rules(_RULES, RESOLVERS)  # on load: a rule naming no resolver, or the wrong one, fails


_ANCHOR_STOP = regex.compile(r"[，。；：、,;:！？!?\s（）()“”《》]")


def _anchor_start(text: str, start: int) -> int:
    """Widen a relative span back over the event it counts from (文件发布后30个工作日内)."""
    stops = [m.end() for m in _ANCHOR_STOP.finditer(text, 0, start)]
    clause_start = stops[-1] if stops else 0
    anchor = text[clause_start:start]
    if not anchor.endswith(rules.RELATIVE_ANCHOR_END):
        return start
    changed = True
    while changed:
        changed = False
        for helper in rules.RELATIVE_HELPERS:
            if anchor.startswith(helper) and len(anchor) > len(helper):
                anchor, clause_start, changed = anchor[len(helper):], clause_start + len(helper), True
    return clause_start
