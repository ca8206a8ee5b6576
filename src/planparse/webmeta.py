"""A web page's metadata block (索引号, 发布机构, 名称, 文号, 成文日期 …) read out of the text.

Portals print it above the document one field a line, several a line, or label and value on
lines of their own, in any order, values sometimes empty.  Its lines are no document text; what
the fields say is kept for the front matter (title, 发文字号, 成文日期 when the document prints
none) and for ``metadata.web``.
"""

from __future__ import annotations

from functools import cache

import regex

from planparse.grammar.fold import fold
from planparse.rules.frontmatter import WEB_FIELDS, WEB_NO_VALUE_BELOW
from planparse.rules.traditional import SIMPLIFIED, TRADITIONAL

_LABELS = "|".join(
    r"\s*".join(label) for label in sorted(WEB_FIELDS, key=len, reverse=True))
_BULLET_CHARS = "•·●▪◆■- \t\u3000"
_BULLET = r"[•·●▪◆■\-\s]*"
_BULLET_RE = regex.compile(_BULLET)
# what a label can open with, in either script
_OPENING = {label[0] for label in WEB_FIELDS}
_FIRST = frozenset(_OPENING | {"【"} | {t for t, simple in zip(TRADITIONAL, SIMPLIFIED, strict=True)
                                        if simple in _OPENING})
_SPACES = regex.compile(r"\s+")
_NUMBER_LIKE = regex.compile(r"[〔\[［【(（]\s*\d{4}|\d+\s*号")
_DATE = regex.compile(r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})")
DATE_FIELDS = ("signed_date", "published", "generated", "issued", "updated")
VALUE_MAX = 100  # characters of a value printed on the line below its label
SHORT_VALUE = 8  # characters of a value such as 有效 or 主动公开


@cache
def _expressions() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """A label opening a line (or following a value), with its colon, the value running to
    the next label; and a line holding only a label.  Compiled when first needed: the labels
    spaced out cost about 10 ms to compile, and most documents never open a line with one."""
    field = regex.compile(
        rf"(?:^{_BULLET})?(?:【\s*(?P<label>{_LABELS})\s*】\s*[:：]?|(?P<label>{_LABELS})\s*[:：])")
    return field, regex.compile(rf"^{_BULLET}(?P<label>{_LABELS})\s*[:：]?$")


def field_line(text: str) -> list[tuple[str, str]] | None:
    """The (label, value) pairs of a line made only of fields, or None for any other line."""
    if text.lstrip(_BULLET_CHARS)[:1] not in _FIRST:  # most lines: no label can open them
        return None
    folded = fold(text)
    field, only_label = _expressions()
    bare = only_label.match(folded)
    if bare:
        return [(_label(bare["label"]), "")]
    matches = list(field.finditer(folded))
    if not matches or matches[0].start() > len(_BULLET_RE.match(folded)[0]):
        return None
    pairs = []
    for match, nxt in zip(matches, [*matches[1:], None], strict=True):
        end = nxt.start() if nxt else len(text)
        pairs.append((_label(match["label"]), text[match.end():end].strip()))
    return pairs


def _label(text: str) -> str:
    return _SPACES.sub("", text)


def bare_label(text: str) -> str | None:
    """The label of a line holding only a label, when its value may be the line below."""
    if text.lstrip(_BULLET_CHARS)[:1] not in _FIRST:
        return None
    match = _expressions()[1].match(fold(text))
    label = _label(match["label"]) if match else None
    return None if label in WEB_NO_VALUE_BELOW else label


def _value_like(label: str, text: str) -> bool:
    """Can ``text`` be the value of the label above it (not a field, a sentence, a 主送 line,
    nor a title under a label whose values look otherwise: a date, 有效, a 文号)?"""
    if field_line(text) is not None or len(text) > VALUE_MAX or "。" in text or text.rstrip()[-1:] in ":：":
        return False
    name = WEB_FIELDS.get(label)
    if name in DATE_FIELDS:
        return iso(text) is not None
    if name == "doc_number":
        return bool(_NUMBER_LIKE.search(text))
    return len(text) <= SHORT_VALUE or name in ("title", "publisher", "source", "index_no", "subject")


def record(fields: dict[str, str], pairs: list[tuple[str, str]]) -> None:
    """Keep each field's first non-empty value under the name it goes to."""
    for label, value in pairs:
        name = WEB_FIELDS.get(label)
        if name and value and name not in fields:
            fields[name] = value


def iso(value: str | None) -> str | None:
    """A web date (2021-06-28, 2021年04月06日 16:40, 2021/6/28) as YYYY-MM-DD."""
    match = _DATE.search(value or "")
    if not match:
        return None
    month, day = int(match["m"]), int(match["d"])
    return f"{match['y']}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def take(texts: list[str]) -> tuple[list[bool], dict[str, str]]:
    """Which of ``texts`` (a document's paragraphs, or a row's cells) are the block's, and
    the fields they give.  A bare label takes the text after it as its value unless that is
    another field or too long to be one."""
    fields: dict[str, str] = {}
    taken = [False] * len(texts)
    i = 0
    while i < len(texts):
        pairs = field_line(texts[i])
        if pairs is None:
            i += 1
            continue
        taken[i] = True
        label = bare_label(texts[i])
        nxt = texts[i + 1] if i + 1 < len(texts) else None
        if label and nxt is not None and _value_like(label, nxt):
            pairs = [(label, nxt.strip())]
            taken[i + 1] = True
            i += 1
        record(fields, pairs)
        i += 1
    return taken, fields
