"""Find and resolve time limits with the grammar in planparse.rules.deadlines."""

from __future__ import annotations

import calendar
from dataclasses import dataclass

import regex

from planparse.fold import fold
from planparse.models import DeadlineKind
from planparse.numerals import to_int
from planparse.rules import deadlines as rules


@dataclass(frozen=True, slots=True)
class Deadline:
    raw: str
    kind: DeadlineKind
    date: str | None
    start: int = 0  # offset of raw in the text it was found in
    end: int = 0


_RULES = [(name, kind, where, regex.compile(pattern)) for name, kind, where, pattern in rules.RULES]
# inline bounds count anywhere; a field also accepts the plain values only a field can hold
_COMPILED = {
    "inline": [(n, k, p) for n, k, w, p in _RULES if w == "inline"],
    "field": [(n, k, p) for n, k, _, p in _RULES],
}
_LEADERS = regex.compile(rules.FIELD_LEADERS)
_TRAILERS = regex.compile(rf"\s*{rules.FIELD_TRAILERS}\s*[。.]?$")
_PARTS = regex.compile(r"[，,；;、]")
_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def find_inline(text: str, year: int | None) -> list[Deadline]:
    """Bounds written into a task's text: 2021年底前, 年内, 30个工作日内, 每年3月31日前."""
    found: list[Deadline] = []
    taken: list[tuple[int, int]] = []
    folded = fold(text)
    for name, kind, pattern in _COMPILED["inline"]:
        for match in pattern.finditer(folded):
            span = match.span()
            if any(span[0] < e and s < span[1] for s, e in taken):
                continue
            deadline = _resolve(name, kind, match, year, text)
            if deadline:
                taken.append(span)
                found.append(deadline)
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
    for name, kind, pattern in _COMPILED["field"]:
        match = pattern.match(folded)
        if match and _TRAILERS.fullmatch(folded, match.end()):
            deadline = _resolve(name, kind, match, year, stripped)
            return _shifted([deadline], lead) if deadline else []
    return _shifted(find_inline(stripped, year), lead)


def _shifted(found: list[Deadline], offset: int) -> list[Deadline]:
    return [Deadline(d.raw, d.kind, d.date, d.start + offset, d.end + offset) for d in found]


def _resolve(name: str, kind: DeadlineKind, match: regex.Match, year: int | None,
             text: str) -> Deadline | None:
    groups = match.groupdict()
    start, end = match.span()
    if kind == "relative":
        start = _anchor_start(match.string, start)
    raw = text[start:end]
    if kind in ("ongoing", "relative"):
        return Deadline(raw, kind, None, start, end)
    y = _year(groups, year)
    if kind == "recurring":
        return Deadline(raw, kind, _yearly(name, groups), start, end)
    return Deadline(raw, kind, _date(name, groups, y), start, end)


def _yearly(name: str, groups: dict) -> str | None:
    """--MM-DD of a yearly limit; None for one in every month or quarter."""
    if name == "recurring_year_end":
        return "--12-31"
    if not groups.get("m"):
        return None
    month = _month(groups)
    day = to_int(groups["d"]) if groups.get("d") else calendar.monthrange(2023, month)[1]
    return f"--{month:02d}-{day:02d}"


def _month(groups: dict) -> int:
    month = to_int(groups["m"])
    assert month is not None  # the rules' m group is always a numeral (1-12, 一-十二)
    return month


def _year(groups: dict, year: int | None) -> int | None:
    if groups.get("y"):
        return to_int(groups["y"])
    relative = groups.get("rel")
    if relative and year is not None and relative.startswith(rules.NEXT_YEAR):
        return year + 1
    return year


def _date(name: str, groups: dict, year: int | None) -> str | None:
    if year is None:
        return None
    if name == "day":
        month, day = to_int(groups["m"]), to_int(groups["d"])
        return _iso(year, month, day)
    if name == "month":
        month = _month(groups)
        day = {"上旬": 10, "中旬": 20}.get(groups.get("part") or "", _last_day(year, month))
        return _iso(year, month, day)
    if name == "quarter":
        month = 3 * _QUARTER[groups["q"]]
        return _iso(year, month, _last_day(year, month))
    if name == "half":
        return _iso(year, 6, 30) if groups["half"] == "上" else _iso(year, 12, 31)
    return _iso(year, 12, 31)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _iso(year: int, month: int | None, day: int | None) -> str | None:
    if not month or not day or month > 12 or day > _last_day(year, month):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


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
