"""The rule tables as checked data: the load-time check refuses broken tables, naming them."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from planparse.grammar.deadlines import RESOLVERS
from planparse.rules import check, traditional
from planparse.rules import deadlines as deadline_rules

ROOT = Path(__file__).resolve().parent.parent


def test_the_shipped_tables_pass() -> None:
    check.check_tables()
    check.check_deadline_rules(deadline_rules.RULES, RESOLVERS)


@pytest.mark.parametrize(("rule", "message"), [
    (("month_start", "date", "field", r"(?P<m>\d)月"), "entry '#0 month_start' names no resolver"),
    (("day", "recurring", "field", r"(?P<m>\d)月(?P<d>\d)日"), "which day does not date"),
    (("day", "date", "field", r"(?P<m>\d)月\d日"), "lacks the group(s) d"),
    (("year_end", "date", "anywhere", r"年底"), "counts 'anywhere'"),
    (("year_end", "date", "field", r"年(底"), "does not compile"),
])
def test_a_broken_deadline_rule_is_refused(rule: tuple[str, str, str, str], message: str) -> None:
    with pytest.raises(check.RuleTableError, match="deadlines.RULES") as refused:
        check.check_deadline_rules([rule], RESOLVERS)
    assert message in str(refused.value)


def test_a_vocabulary_entry_twice_is_refused() -> None:
    module = ModuleType("planparse.rules.units")
    module.UNIT_SUFFIXES = ("厅", "局", "厅")  # type: ignore[attr-defined]
    with pytest.raises(check.RuleTableError, match=r"units\.UNIT_SUFFIXES: entry '厅' appears twice"):
        check.check_unique(module)


def test_an_unknown_role_is_refused() -> None:
    with pytest.raises(check.RuleTableError, match=r"units\.LABEL_ROLES: entry '牵头' has role 'leader'"):
        check.check_roles("units.LABEL_ROLES", {"牵头": "leader"}, ("lead", "responsible"))


def test_a_pattern_without_the_group_its_reader_needs_is_refused() -> None:
    refusal = r"markers\.STYLES: entry 'arabic' lacks the group\(s\) num"
    with pytest.raises(check.RuleTableError, match=refusal):
        check.check_patterns("markers.STYLES", [("arabic", r"\d+\.")], needs=("num",))


@pytest.mark.parametrize(("traditional_chars", "simplified_chars", "message"), [
    ("國", "国国", "1 traditional characters, 2 simplified"),
    ("國国", "国国", "entry '国' folds to itself"),
    ("國國", "国国", "entry '國' appears twice"),
])
def test_a_broken_folding_table_is_refused(traditional_chars: str, simplified_chars: str,
                                           message: str) -> None:
    with pytest.raises(check.RuleTableError, match=message):
        check.check_folding(traditional_chars, simplified_chars)


def test_the_traditional_table_regenerates_from_its_source() -> None:
    spec = importlib.util.spec_from_file_location("make_traditional_table",
                                                  ROOT / "scripts" / "make_traditional_table.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    regenerated = script.render(script.pairs(script.opencc_dictionary()))
    assert regenerated == Path(traditional.__file__).read_text(encoding="utf-8")
