"""A table plan's header row: the role each column's heading names (the task's text, 序号,
a unit role, the deadline), from the headings known by name or else the words in them."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from planparse.rules import columns as rules
from planparse.rules.units import DEADLINE

TEXT, NUMBER, IGNORED = "text", "number", "ignored"
_QUALIFIER = regex.compile(r"[（(][^（）()]*[）)]")
_HEADING = regex.compile(r"[\p{Han}（）()]{2,12}")  # a heading is a few words, no sentence


@dataclass
class Columns:
    roles: list[str]  # per column: text / number / deadline / ignored / a unit role

    @property
    def text(self) -> list[int]:
        return [i for i, role in enumerate(self.roles) if role == TEXT]

    def refined(self, sub: list[str | None]) -> Columns:
        """The roles a second header row gives its columns (牵头 / 配合 under 责任单位)."""
        padded = sub + [None] * len(self.roles)  # a short sub-header leaves the rest as they are
        return Columns([low or top for top, low in zip(self.roles, padded, strict=False)])


def sub_header(cells: list[str]) -> list[str | None] | None:
    """Each column's role in a second header row naming roles only (blank / 牵头 / 配合);
    None when the row is not one."""
    names = [regex.sub(r"\s", "", c) for c in cells]
    roles = [rules.SUB_HEADER_ROLES.get(name) for name in names]
    if not any(names) or any(name and role is None for name, role in zip(names, roles, strict=True)):
        return None
    return roles


def column_roles(header: list[str]) -> Columns | None:
    """Roles from the header row; None when the row is not a recognised header (no heading
    in it is one we know by name).  Other headings are read by the words in them."""
    names = [regex.sub(r"\s", "", h) for h in header]
    named = [_named_role(name) for name in names]
    if not any(named):
        return None
    roles = [role or _role_by_words(name) or TEXT for name, role in zip(names, named, strict=True)]
    return Columns(roles) if TEXT in roles else None


def _named_role(name: str) -> str | None:
    """A heading's role by its name, also without a bracketed qualifier (责任部门（单位）)."""
    for candidate in dict.fromkeys((name, _QUALIFIER.sub("", name))):
        if candidate in rules.UNIT_COLUMNS:
            return rules.UNIT_COLUMNS[candidate]
        for names, role in ((rules.NUMBER_COLUMNS, NUMBER), (rules.DEADLINE_COLUMNS, DEADLINE),
                            (rules.IGNORED_COLUMNS, IGNORED), (rules.TEXT_COLUMNS, TEXT)):
            if candidate in names:
                return role
    return None


def _role_by_words(name: str) -> str | None:
    if not _HEADING.fullmatch(name):
        return None
    for words, role in ((rules.IGNORED_WORDS, IGNORED), (rules.NUMBER_WORDS, NUMBER),
                        (rules.DEADLINE_WORDS, DEADLINE)):
        if any(word in name for word in words):
            return role
    if any(noun in name for noun in rules.UNIT_NOUNS):
        return next((role for word, role in rules.LABEL_ROLES.items() if word in name), None)
    return TEXT if any(word in name for word in rules.TEXT_WORDS) else None
