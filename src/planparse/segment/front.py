"""Front and back matter of a 公文: 版头, 发文字号, titles, 主送, signature, 附注, 版记."""

from __future__ import annotations

import regex

from planparse import webmeta
from planparse.blocks import RED, RIGHT
from planparse.grammar.fold import fold
from planparse.grammar.numerals import to_int
from planparse.grammar.parenthetical import split_top_level
from planparse.grammar.units import looks_like_units
from planparse.ir import Element
from planparse.models import Metadata, WebPage
from planparse.rules import frontmatter as rules

_DATE_LINE = regex.compile(rules.DATE_LINE)
_DOC_NUMBER = regex.compile(rules.DOC_NUMBER)
_BANNER = regex.compile(rules.BANNER)
_PUBLICITY = regex.compile(rules.PUBLICITY)
_PRINTED = regex.compile(rules.PRINTED)
_RECIPIENTS = regex.compile(rules.RECIPIENTS)
_ORG = regex.compile(
    rf"^(?P<org>.{{2,40}}?(?:{'|'.join(sorted(rules.ORG_SUFFIXES, key=len, reverse=True))}))"
    rf"(?=(?:{rules.TITLE_ISSUER_STOP}))"
)
_ORG_LINE = regex.compile(rf"^.{{2,40}}(?:{'|'.join(rules.ORG_SUFFIXES)})$")
_YEAR = regex.compile(r"(?<!\d)(20\d{2}|19\d{2})(?!\d)")
_TITLE_WORDS = regex.compile(rules.TITLE_ISSUER_STOP)
_STATEMENT = regex.compile(r"^(?:根据|为|按照|依据|现将|经|遵照|结合|特此)")
TITLE_MAX = 60  # characters in one title line
PLACE = 2  # leading characters that name a place (雾屿市…, 汀泽市…)
SIGNATURE_MAX = 40
JOINT_SIGNERS = 3  # organisation lines after the first in a joint signature


def _find(pattern: regex.Pattern, text: str, group: str, search: bool = False) -> str | None:
    """Match on the folded text (traditional characters simplified), cut the group as printed."""
    folded = fold(text)
    match = pattern.search(folded) if search else pattern.match(folded)
    return text[match.start(group): match.end(group)] if match else None


def iso_date(match: regex.Match | None) -> str | None:
    if match is None:
        return None
    year, month, day = (to_int(match[k]) if match[k] else None for k in ("year", "month", "day"))
    if not (year and month and day) or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def read_head(paras: list[Element], meta: Metadata) -> str | None:
    """Everything before the outline: a 通知 wrapper (if any) and the plan's title, read into
    ``meta``; the preamble, returned."""
    i = _banner(paras, 0, meta)
    first_title, i = _title(paras, i)
    while i < len(paras) and paras[i].reading.kind == "doc_number":  # a web page's order
        _doc_number(paras[i].text, meta)
        i += 1
    i, wrapped = _wrapper(paras, i, meta)
    if wrapped or (i < len(paras) and _recipients(paras[i].text)):
        meta.title = first_title
        i = _notice_body(paras, i, meta)
        meta.plan_title, i = _title(paras, i)
        meta.plan_title = meta.plan_title or _quoted_plan(first_title)
    else:
        meta.title = meta.plan_title = first_title
    preamble = [p.text for p in paras[i:] if not p.reading.kind]
    return "\n".join(preamble) or None


def _wrapper(paras: list[Element], i: int, meta: Metadata) -> tuple[int, bool]:
    """A 通知 wrapper's elements from ``i`` on (主送, 落款, 成文日期 …), read into ``meta``:
    where they end, and whether there were any."""
    wrapped = False
    while i < len(paras):
        kind = element_kind(paras, i)
        if kind is None:
            break
        wrapped = True
        i = _structural(paras, i, kind, meta)
    if not wrapped and i < len(paras) and _bare_recipients(paras[i].text):
        meta.recipients, wrapped = _names(paras[i].text), True  # 主送机关 printed without its colon
        i += 1
    return i, wrapped


def _banner(paras: list[Element], i: int, meta: Metadata) -> int:
    """版头 and 发文字号: "XX文件", or organisations on lines of their own (a joint banner,
    perhaps with 文件 on a line below), then the number; the first organisation is the issuer."""
    while i < len(paras):
        text = paras[i].text
        kind = paras[i].reading.kind
        if kind == "banner":
            meta.issuer = meta.issuer or _find(_BANNER, text, "issuer")
        elif kind == "doc_number":
            _doc_number(text, meta)
        elif _ORG_LINE.match(fold(text)):
            end = _organisation_lines(paras, i)
            if end is None and RED in paras[i].hints:
                end = i + 1  # a red 版头 names the issuer with nothing else to show it
            if end is None:
                return i
            meta.issuer = meta.issuer or text
            i = end
            continue
        else:
            return i
        i += 1
    return i


def _doc_number(text: str, meta: Metadata) -> None:
    meta.doc_number = meta.doc_number or _find(_DOC_NUMBER, text, "number", search=True)


def _organisation_lines(paras: list[Element], i: int) -> int | None:
    """Where a run of organisation lines ends, if a banner's 文件 or a 发文字号 closes it."""
    j = i
    while j < len(paras) and j - i < 4 and _ORG_LINE.match(fold(paras[j].text)):
        j += 1
    following = paras[j] if j < len(paras) else None
    if following is None:
        return None
    if regex.fullmatch(r"文\s*件", following.text):
        return j + 1
    if following.reading.kind in ("doc_number", "banner"):
        return j
    return None


def _is_title_line(para: Element) -> bool:
    text = para.text
    return (
        len(text) <= TITLE_MAX
        and not para.reading.marker
        and "。" not in text
        and text[-1] not in "：:；;，,"
        and not para.reading.kind
        and not _STATEMENT.match(fold(text))
        and RIGHT not in para.hints
    )


def _title(paras: list[Element], i: int) -> tuple[str | None, int]:
    """Consecutive short unpunctuated lines at ``i``: one title spread over several lines."""
    lines: list[str] = []
    while i < len(paras) and _is_title_line(paras[i]) and len(lines) < 4:
        lines.append(paras[i].text)
        i += 1
        if lines[-1].endswith(rules.GENRE_WORDS) and not _continues_title(paras, i):
            break
    return ("".join(_restarted(lines)) or None), i


def _restarted(lines: list[str]) -> list[str]:
    """A web page's site or channel name above the title (雾屿市市场监督管理局 / 政府信息公开 /
    雾屿市市场监督管理局2021年…要点): a later line that opens with the first one's place name
    and is a whole title by itself starts the title."""
    for j in range(len(lines) - 1, 0, -1):
        names = not any(_TITLE_WORDS.search(line) for line in lines[:j])  # 关于印发 goes on
        if (names and lines[j][:PLACE] == lines[0][:PLACE]
                and lines[j].endswith(rules.WHOLE_TITLE_ENDINGS)):
            return lines[j:]
    return lines


def _continues_title(paras: list[Element], i: int) -> bool:
    """A genre word can end a line inside a title too (…工作要点\\n分工方案)."""
    return i < len(paras) and _is_title_line(paras[i]) and paras[i].text.endswith(rules.GENRE_WORDS)


def element_kind(paras: list[Element], i: int) -> str | None:
    """Structural element of a 通知 at ``i``, if it is one."""
    text = paras[i].text
    kind = paras[i].reading.kind
    if kind in ("date", "publicity", "annotation", "attachment_label", "attachment_note", "cc", "printed"):
        return kind
    if _recipients(text):
        return "recipients"
    if _is_signature(paras, i):
        return "signature"
    return None


def _bare_recipients(text: str) -> bool:
    return "。" not in text and len(_names(text)) >= 2 and looks_like_units(text)


def _names(text: str) -> list[str]:
    parts = (text[a:b].strip() for a, b in split_top_level(text, "、，,；;"))
    return [part for part in parts if part]


def _recipients(text: str) -> bool:
    folded = fold(text)
    return bool(_RECIPIENTS.match(folded)) and len(text) <= 120 and not _STATEMENT.match(folded)


def _is_signature(paras: list[Element], i: int) -> bool:
    """A short line above the 成文日期, or the first of a joint signature's organisation lines."""
    text = paras[i].text
    if len(text) > SIGNATURE_MAX or "。" in text:
        return False
    j = i + 1
    while j < len(paras) and j - i <= JOINT_SIGNERS and _ORG_LINE.match(fold(paras[j].text)):
        j += 1
    return (j < len(paras) and paras[j].reading.kind == "date"
            and (j == i + 1 or _ORG_LINE.match(fold(text))))


def _structural(paras: list[Element], i: int, kind: str, meta: Metadata) -> int:
    text = paras[i].text
    if kind == "recipients":
        meta.recipients = _names(_find(_RECIPIENTS, text, "names") or "")
    elif kind == "signature":
        meta.issuer = meta.issuer or text
    elif kind == "date":
        meta.signed_date = meta.signed_date or iso_date(_DATE_LINE.match(fold(text)))
    elif kind == "publicity":
        meta.publicity = _publicity(_find(_PUBLICITY, text, "value") or "")
    elif kind == "printed":
        meta.printed_by = (_find(_PRINTED, text, "printed_by") or "").strip() or None
        meta.printed_date = iso_date(_PRINTED.match(fold(text)))
    return i + 1


def _notice_body(paras: list[Element], i: int, meta: Metadata) -> int:
    """Skip the 通知's own text up to and through its closing elements."""
    while i < len(paras) and element_kind(paras, i) is None and not _is_title_line(paras[i]):
        i += 1
    while i < len(paras):
        kind = element_kind(paras, i)
        if kind is None:
            if paras[i].reading.kind or not _is_title_line(paras[i]):
                i += 1
                continue
            break
        i = _structural(paras, i, kind, meta)
    return i


def _quoted_plan(title: str | None) -> str | None:
    match = regex.search(r"《(.+?)》", title or "")
    return match[1] if match else None


def _publicity(value: str) -> str:
    for needle, simplified in rules.PUBLICITY_VALUES:
        if needle in fold(value):
            return simplified
    return value


def read_tail(paras: list[Element], meta: Metadata) -> None:
    """What follows the outline: signature, 成文日期, 附注, 版记 (抄送, 印发)."""
    for i in range(len(paras)):
        kind = element_kind(paras, i)
        if kind and kind != "recipients":
            _structural(paras, i, kind, meta)


def finish(meta: Metadata, preamble: str | None, web: dict[str, str]) -> None:
    """Fill what only the whole document tells: what a web page's metadata block says where
    the document prints nothing, the issuer from a title, the plan's year."""
    _web_fields(meta, web)
    for title in (meta.title, meta.plan_title):
        org = _find(_ORG, title or "", "org")
        if meta.issuer is None and org:
            meta.issuer = org
    meta.year = _year(meta, preamble)


def _web_fields(meta: Metadata, web: dict[str, str]) -> None:
    """The block's 名称/标题, 文号 and a field labelled 成文日期 stand in for the document's
    own; its publisher and page dates only describe the page (never issuer or 成文日期)."""
    meta.doc_number = meta.doc_number or _find(_DOC_NUMBER, web.get("doc_number", ""), "number",
                                               search=True)
    meta.signed_date = meta.signed_date or webmeta.iso(web.get("signed_date"))
    title = web.get("title")
    if title and meta.title is None and meta.plan_title is None:
        meta.title = title
        meta.plan_title = _quoted_plan(title) or title
    page = {name: webmeta.iso(value) or value if name in webmeta.DATE_FIELDS else value
            for name, value in web.items()}
    meta.web = WebPage(**page) if page else None


def _year(meta: Metadata, preamble: str | None) -> int | None:
    for text in (meta.plan_title, meta.title, meta.doc_number, meta.signed_date):
        match = _YEAR.search(text or "")
        if match:
            return int(match[1])
    opening = regex.split(r"[。，,；]", preamble or "", maxsplit=1)[0]
    match = _YEAR.search(opening)
    return int(match[1]) if match else None
