"""Classify a single normalised line by the 公文 structure it belongs to (rules.frontmatter)."""

from __future__ import annotations

import regex

from planparse.grammar.fold import fold
from planparse.rules import frontmatter as rules

# kind -> pattern; the first that matches names the line
_KINDS = [
    ("page", [regex.compile(p) for p in rules.PAGE_FURNITURE]),
    ("web", [regex.compile(p) for p in rules.WEB_FURNITURE]),
    ("doc_number", [regex.compile(rules.DOC_NUMBER_LINE)]),
    ("date", [regex.compile(rules.DATE_LINE)]),
    ("publicity", [regex.compile(rules.PUBLICITY)]),
    ("annotation", [regex.compile(rules.ANNOTATION)]),
    ("printed", [regex.compile(rules.PRINTED)]),
    ("cc", [regex.compile(rules.CC)]),
    ("notes", [regex.compile(rules.NOTES)]),
    ("attachment_note", [regex.compile(rules.ATTACHMENT_NOTE)]),
    ("attachment_label", [regex.compile(rules.ATTACHMENT_LABEL)]),
    ("banner", [regex.compile(rules.BANNER)]),
]
FURNITURE = ("page", "web")


def line_kind(text: str) -> str | None:
    """The kind of 公文 line ``text`` is (page furniture, 发文字号, 成文日期, 抄送 …), or None."""
    text = fold(text)
    for kind, patterns in _KINDS:
        if any(p.match(text) for p in patterns):
            return kind
    return None


_PAGE_NUMBER = regex.compile(
    r"[-—–－―~]*(?:\d+|第\d+页(?:[,，/]?共\d+页)?|共\d+页[,，/]?第\d+页|\d+/\d+|page\d+(?:of\d+)?)"
    r"[-—–－―~]*",
    regex.IGNORECASE,
)


def is_page_number(text: str) -> bool:
    """Whether a printed line is only a page number: — 3 —, 第3页共8页, 3/8, Page 3 of 8."""
    return _PAGE_NUMBER.fullmatch("".join(text.split())) is not None
