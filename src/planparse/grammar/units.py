"""Units: who leads, who is responsible, who cooperates — from a parenthetical or a table cell."""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from planparse.grammar import deadlines
from planparse.grammar.deadlines import Deadline
from planparse.grammar.fold import fold
from planparse.grammar.parenthetical import split_top_level
from planparse.rules import units as rules
from planparse.rules.units import COOPERATING, LEAD, RESPONSIBLE

ROLES = (LEAD, RESPONSIBLE, COOPERATING)
JOINT = "joint"


@dataclass
class Assignment:
    """What a responsibility parenthetical (or a table row) says: units by role, time limits."""

    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    cooperating: list[str] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)

    def add(self, role: str, names: list[str]) -> None:
        bucket = getattr(self, role)
        bucket.extend(name for name in names if name not in bucket and not _censored(name))

    @property
    def has_units(self) -> bool:
        return bool(self.lead or self.responsible or self.cooperating)


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


_LABEL = regex.compile(
    rf"(?:(?P<role>{_alternation(rules.LABEL_ROLES)})(?:{_alternation(rules.LABEL_INFIXES)})?"
    rf"(?:{_alternation(rules.LABEL_NOUNS)})"
    rf"|(?P<time>{_alternation(rules.DEADLINE_LABELS)})|(?P<person>{_alternation(rules.PERSON_LABELS)}))"
    r"\s*[:：]"
)
_WITH = _alternation(rules.WITH_WORDS)
_VERB = regex.compile(
    rf"(?:{rules.ETC})?\s*{rules.VERB_MODIFIERS}\s*"
    rf"(?P<verb>{_alternation(v for v in rules.ROLE_VERBS if v not in rules.WITH_WORDS)}"
    rf"|(?:{_WITH})(?=\s*(?:[{rules.SEPARATORS}]|$)))"
)
_NOT_RESPONSIBILITY = [regex.compile(p) for p in rules.NOT_RESPONSIBILITY]
_CONJ = regex.compile(_alternation(rules.CONJUNCTIONS))
_ETC_SPLIT = regex.compile(rf"{rules.ETC}(?=(?:{_alternation(rules.COLLECTIVE_HEADS)}))")
_ETC_TAIL = regex.compile(rf"{rules.ETC}(?:{_alternation(rules.GENERIC_NOUNS)})?$")
_PREFIX = regex.compile(rf"^(?:{_alternation(rules.CLAUSE_PREFIXES)})")
_LEAD_MARK = regex.compile(rules.LEAD_MARK)
_TIME_CLAUSE = regex.compile(r"[，,；;]")
_FREQUENCY = regex.compile(rules.FREQUENCY)
_CLAUSE_START = "。；;\n "  # where a labelled field may begin outside brackets
_CENSORED = regex.compile(r"[*＊×]{2,}")  # a name a site censored (***) is never a unit


def _censored(name: str) -> bool:
    return ("*" in name or "＊" in name or "×" in name) and bool(_CENSORED.search(name))
LEADING_MAX = 40  # characters of the units that open an item
_LEADING = regex.compile(
    rf"^(?P<units>[^，。：:；;]{{2,{LEADING_MAX}}})[:：]\s*(?P<verb>{'|'.join(rules.LEADING_VERBS)})")
_VERB_CLAUSE = regex.compile(rf"[，,；;][^，,；;]+?(?:{'|'.join(rules.CLAUSE_END_VERBS)})\s*$")
_ALIAS = regex.compile(r"[（(][^（）()]*[）)]$")
# where two names may have been run together: a colon, or after a section's ending (科, 室 …)
# with more text after it
_FUSED = regex.compile(rf"[:：]|(?<=[{''.join(rules.FUSED_ENDINGS)}])(?=\p{{Han}})")


def parse_parenthetical(content: str, year: int | None) -> Assignment | None:
    """Read a responsibility parenthetical; None when the parenthetical is not one.

    Patterns match the folded (simplified) text; names are cut from ``content`` as printed.
    """
    content = content.strip()
    folded = fold(content)
    if not content or any(p.search(folded) for p in _NOT_RESPONSIBILITY):
        return None
    result = Assignment()
    if _LABEL.search(folded):
        _read_fields(content, year, result)
    elif _LEAD_MARK.search(folded):  # "A（牵头）、B": marked lead, the others responsible
        result = parse_cell(content, RESPONSIBLE)
    else:
        _read_clauses(content, year, result)
    if not result.has_units and not result.deadlines:
        return None
    return result


def trailing_fields(body: str, year: int | None) -> tuple[int, Assignment] | None:
    """Labelled fields that close an item without brackets ("…。责任单位：办公室；完成时限：
    2024年6月底前", or on lines of their own): where they start, and what they say.  Fields
    glued to the sentence ("…公开工作责任单位：县财政局") count when they run to the end."""
    folded = fold(body)
    for match in _LABEL.finditer(folded):
        glued = match.start() and folded[match.start() - 1] not in _CLAUSE_START
        if glued and "。" in folded[match.end():].rstrip("。"):
            continue
        result = Assignment()
        _read_fields(body[match.start():], year, result)
        names = result.lead + result.responsible + result.cooperating
        if glued and not all(_named_like_unit(name) for name in names):
            return None  # 按照责任单位：要求推进 names no unit
        if result.has_units or result.deadlines:
            return match.start(), result
        return None
    return None


def leading_units(body: str) -> tuple[int, Assignment] | None:
    """Units that open an item as its subject ("县教育局：负责公开…", "A：牵头…"): where they
    end, and what they are (responsible, or lead for 牵头)."""
    head = body[:LEADING_MAX + 2]
    match = _LEADING.match(fold(head)) if "：" in head or ":" in head else None
    if match is None or not looks_like_units(body[: match.end("units")]):
        return None
    role = rules.ROLE_VERBS.get(match["verb"], RESPONSIBLE)
    return match.end("units"), parse_cell(body[: match.end("units")], role)


def _read_fields(content: str, year: int | None, result: Assignment) -> None:
    matches = list(_LABEL.finditer(fold(content)))
    if matches[0].start() > 0:
        _read_clauses(content[: matches[0].start()], year, result)
    for match, following in zip(matches, matches[1:] + [None], strict=True):
        if match["person"]:
            continue
        value = content[match.end(): following.start() if following else len(content)]
        role = rules.DEADLINE if match["time"] else rules.LABEL_ROLES[match["role"]]
        if role == rules.DEADLINE:
            result.deadlines.extend(deadlines.parse_field(value, year))
        elif _VERB_CLAUSE.search(fold(value)):  # 责任科室：A，B配合 — B is the verb's
            _assign(_field_roles(value, role), result)
        else:  # a field may mark its lead: 责任单位：A（牵头）、B
            found = parse_cell(value, role)
            for unit_role in ROLES:
                result.add(unit_role, getattr(found, unit_role))


def _field_roles(value: str, role: str) -> list[Role]:
    """A field's clauses: those a role verb closes take its role, the others the field's."""
    roles: list[Role] = []
    for clause in _TIME_CLAUSE.split(value):
        if not clause.strip(rules.SEPARATORS + " "):
            continue
        verb_roles, tail = _verb_roles(clause)
        if verb_roles and not clause[tail:].strip(rules.SEPARATORS + " "):
            roles.extend(verb_roles)
        elif looks_like_units(clause):
            roles.append((role, *_split_with(clause)))
    return roles


def _read_clauses(content: str, year: int | None, result: Assignment) -> None:
    """Verb-marked clauses: "A、B牵头，C按职责分工负责；2024年底前完成"."""
    kept: list[str] = []
    for clause in _TIME_CLAUSE.split(content):
        times = deadlines.parse_field(clause, year) if clause.strip() else []
        if times and _only_time(clause, times):
            result.deadlines.extend(times)
        elif not _FREQUENCY.match(fold(clause).strip()):
            kept.append(clause)
    rest = "，".join(kept)
    roles, tail = _verb_roles(rest)
    _assign(roles + _tail(rest[tail:], RESPONSIBLE), result)


Role = tuple[str, list[str], list[str]]  # (role, units, partners after 协同)


def _verb_roles(text: str) -> tuple[list[Role], int]:
    """Units named before each role verb, and where the text after the last verb begins
    (0 when no verb closes a list of units)."""
    folded = fold(text)
    roles: list[Role] = []
    position = 0
    for match in _VERB.finditer(folded):
        if not _closes_units(folded, position, match):
            continue  # a verb inside a name: 人民参与和促进法治科
        subject = text[position: match.start()]
        position = match.end()
        if subject.strip(rules.SEPARATORS + " "):
            roles.append((rules.ROLE_VERBS.get(match["verb"], JOINT), *_split_with(subject)))
    return roles, position


def _tail(text: str, role: str) -> list[Role]:
    """Units after the last verb (or with no verb at all) take the role the context gives."""
    if text.strip(rules.SEPARATORS + " ") and looks_like_units(text):
        return [(role, *_split_with(text))]
    return []


def _closes_units(folded: str, position: int, match: regex.Match) -> bool:
    """A role verb ends a list of units when a separator or the end follows it, or when the
    words before it end like a unit's name ("A局牵头B局配合")."""
    after = folded[match.end(): match.end() + 1]
    if not after or after in rules.SEPARATORS + "。 ":
        return True
    before = regex.split(rf"[{rules.SEPARATORS}]", folded[position: match.start()])[-1].strip()
    return _named_like_unit(before)


def _only_time(clause: str, times: list[Deadline]) -> bool:
    covered = sum(d.end - d.start for d in times)
    return covered >= len(clause.strip(" 。.")) - 4


def _split_with(subject: str) -> tuple[list[str], list[str]]:
    """"A协同B" -> ([A], [B]); "协同B" -> ([], [B]); otherwise (units, [])."""
    match = regex.search(rf"(?:{_WITH})", fold(subject))
    if match:
        return split_units(subject[: match.start()]), split_units(subject[match.end():])
    return split_units(subject), []


def _assign(roles: list[Role], result: Assignment) -> None:
    has_primary = any(role in (LEAD, RESPONSIBLE) or partners for role, _, partners in roles)
    for role, names, partners in roles:
        if partners:
            result.add(LEAD if names else COOPERATING, names)
            result.add(COOPERATING, partners)
            continue
        if role == JOINT:
            role = COOPERATING if has_primary else RESPONSIBLE
        result.add(role, names)


def looks_like_units(text: str) -> bool:
    """Is ``text`` a list of organisations (every name ends like one: 局, 科, 中心 …)?"""
    names = split_units(text)
    return bool(names) and all(_named_like_unit(name) for name in names)


def _named_like_unit(name: str) -> bool:
    """Ends like an organisation's name, an alias in brackets aside: 市委宣传部（市政府新闻办）."""
    return _ALIAS.sub("", name).endswith(rules.UNIT_SUFFIXES)


def split_units(text: str) -> list[str]:
    """Split a list of units on 、，；, on 和/及 between whole names, and around 等."""
    folded = fold(text)
    names: list[str] = []
    for start, end in split_top_level(folded, rules.SEPARATORS):
        prefix = _PREFIX.match(folded, start, end)
        start = prefix.end() if prefix else start
        for s, e in _cut(_ETC_SPLIT, folded, start, end):
            s, e = _trim(folded, s, e)
            for a, b in _split_conjunction(folded, s, e):
                names.extend(_unfuse(text[a:b]))
    return [name for name in names if name]


def _unfuse(name: str) -> list[str]:
    """Names run together where the mark between them was lost or misread (OCR above all):
    办公室：机关党委, 办公室各科室, 安监科基建科.  Each part must be named like a unit."""
    for cut in _FUSED.finditer(name, 1, overlapped=True):
        left, right = name[: cut.start()].rstrip(":："), name[cut.end():]
        if _fused(left, right, cut.group()) and _named_like_unit(left) and _named_like_unit(right):
            return [left, *_unfuse(right)]
    return [name]


def _fused(left: str, right: str, mark: str) -> bool:
    if mark:
        return left not in rules.COLUMN_ROLES  # 牵头单位：… is a label, not a unit
    # only a short section's name (the cut follows its 室, 科 …) is taken off: a section has no
    # 各科室 of its own, so 区政府各部门 stays whole
    low, high = rules.FUSED_LENGTHS
    if not low <= len(left) <= high:
        return False
    return right.startswith(rules.COLLECTIVE_HEADS) or (
        right[-1] == left[-1] and low <= len(right) <= high)


def _cut(pattern: regex.Pattern, text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, position = [], start
    for match in pattern.finditer(text, start, end):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, end))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Leave out surrounding spaces and a closing 等 (or 等单位 / 等部门)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "。."):
        end -= 1
    tail = _ETC_TAIL.search(text, start, end)
    return start, (tail.start() if tail else end)


def _split_conjunction(text: str, start: int, end: int) -> list[tuple[int, int]]:
    for match in _CONJ.finditer(text, start, end):
        left, right = text[start: match.start()], text[match.end(): end]
        if (
            _named_like_unit(left)
            and right not in rules.GENERIC_NOUNS
            and not right.startswith(rules.NOT_AFTER_CONJUNCTION)
            and _named_like_unit(right)
        ):
            return [(start, match.start()), *_split_conjunction(text, match.end(), end)]
    return [(start, end)]


def parse_cell(text: str, role: str) -> Assignment:
    """A table cell (or labelled field) of units under a heading that gives the role.
    X（牵头） leads; a cell worded like a parenthetical ("A牵头，B配合", "A牵头落实") is read
    by its verbs, the units after the last verb taking the heading's role."""
    result = Assignment()
    roles, tail = ([], 0) if _LEAD_MARK.search(fold(text)) else _verb_roles(text)
    if tail:
        _assign(roles + _tail(text[tail:], role), result)
        return result
    for name in split_units(text):
        mark = _LEAD_MARK.search(fold(name))
        if mark:
            result.add(LEAD, [(name[: mark.start()] + name[mark.end():]).strip()])
        else:
            result.add(role, [name])
    return result
