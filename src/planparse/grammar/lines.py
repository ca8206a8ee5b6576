"""Classify a single normalised line by the 公文 structure it belongs to (rules.frontmatter)."""

from __future__ import annotations

from functools import cache

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


# asked of the same line by the normaliser, front and back matter; unbounded, so a long plan
# is never read again line by line, and emptied after each document (pipeline.run_pipeline)
@cache
def line_kind(text: str) -> str | None:
    text = fold(text)
    for kind, patterns in _KINDS:
        if any(p.match(text) for p in patterns):
            return kind
    return None

