"""Load-time checks of the rule tables: a broken table fails on import, naming the table and entry.

Cheap by design (start-up time matters): a pattern compiled here is one its user compiles as
written, so the user finds it in the regex module's cache; a pattern its user wraps or joins
(markers, the deadline grammar) is checked by that user, compiled, as it loads.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from types import ModuleType
from typing import Protocol

import regex


class RuleTableError(ValueError):
    """A rule table that cannot work as written."""


class ResolverNeeds(Protocol):
    """What the check asks of a resolver (planparse.grammar.deadlines.Resolver)."""

    @property
    def kinds(self) -> Sequence[str]: ...
    @property
    def needs(self) -> Sequence[str]: ...


WHERE = ("inline", "field")


def check_tables() -> None:
    """Every rule module's tables; planparse.rules runs this when first imported."""
    from planparse.rules import columns, deadlines, frontmatter, markers, traditional, units

    for module in (columns, deadlines, frontmatter, markers, units):
        check_unique(module)
    roles = (units.LEAD, units.RESPONSIBLE, units.COOPERATING)
    for name in ("LABEL_ROLES", "COLUMN_ROLES"):
        check_roles(f"units.{name}", getattr(units, name), roles)
    check_roles("units.ROLE_VERBS", units.ROLE_VERBS, (*roles, "joint"))
    check_roles("columns.SUB_HEADER_ROLES", columns.SUB_HEADER_ROLES, roles)
    check_patterns("units.NOT_RESPONSIBILITY", enumerate(units.NOT_RESPONSIBILITY))
    for name in ("PAGE_FURNITURE", "WEB_FURNITURE"):
        check_patterns(f"frontmatter.{name}", enumerate(getattr(frontmatter, name)))
    check_folding(traditional.TRADITIONAL, traditional.SIMPLIFIED)


def check_unique(module: ModuleType) -> None:
    """No entry twice in a module's vocabulary tuples (a twin is a slip, or an edit half made)."""
    for name, table in vars(module).items():
        if name.isupper() and isinstance(table, tuple):
            seen: set[object] = set()
            for entry in table:
                if entry in seen:
                    raise _error(f"{module.__name__}.{name}", entry, "appears twice")
                seen.add(entry)


def check_roles(table: str, mapping: Mapping[str, str], roles: Collection[str]) -> None:
    for word, role in mapping.items():
        if role not in roles:
            raise _error(table, word, f"has role {role!r}, not one of {', '.join(roles)}")


def check_patterns(table: str, patterns: Iterable[tuple[object, str | regex.Pattern]],
                   needs: Collection[str] = ()) -> None:
    """Each pattern compiles and has the named groups its reader needs."""
    for entry, pattern in patterns:
        _check_pattern(table, entry, pattern, needs)


def check_deadline_rules(rules: Sequence[tuple[str, str, str, str | regex.Pattern]],
                         resolvers: Mapping[str, ResolverNeeds]) -> None:
    """Each deadline rule names a resolver for its kind, whose groups its pattern has."""
    for i, (resolve, kind, where, pattern) in enumerate(rules):
        entry = f"#{i} {resolve}"
        resolver = resolvers.get(resolve)
        if resolver is None:
            raise _error("deadlines.RULES", entry, f"names no resolver (known: {', '.join(resolvers)})")
        if kind not in resolver.kinds:
            raise _error("deadlines.RULES", entry, f"is of kind {kind!r}, which {resolve} does not date")
        if where not in WHERE:
            raise _error("deadlines.RULES", entry, f"counts {where!r}, not one of {', '.join(WHERE)}")
        _check_pattern("deadlines.RULES", entry, pattern, resolver.needs)


def check_folding(traditional: str, simplified: str) -> None:
    """One simplified character for each traditional one, never itself, each key once."""
    if len(traditional) != len(simplified):
        raise RuleTableError(f"traditional: {len(traditional)} traditional characters, "
                             f"{len(simplified)} simplified")
    seen: set[str] = set()
    for t, s in zip(traditional, simplified, strict=True):
        if t == s or t in seen:
            raise _error("traditional.TRADITIONAL", t, "folds to itself" if t == s else "appears twice")
        seen.add(t)


def _check_pattern(table: str, entry: object, pattern: str | regex.Pattern, needs: Collection[str]) -> None:
    try:
        compiled = regex.compile(pattern) if isinstance(pattern, str) else pattern
    except regex.error as exc:
        raise _error(table, entry, f"does not compile: {exc}") from None
    missing = [group for group in needs if group not in compiled.groupindex]
    if missing:
        raise _error(table, entry, f"lacks the group(s) {', '.join(missing)} its reader needs")


def _error(table: str, entry: object, problem: str) -> RuleTableError:
    return RuleTableError(f"rule table planparse.rules.{table.removeprefix('planparse.rules.')}: "
                          f"entry {entry!r} {problem}")
