"""The warning catalogue (planparse.rules.warnings): the codes raised are exactly its entries,
none is spelt out as a string, and confidence follows each entry's effect."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import planparse
from planparse.pipeline import parse_text
from planparse.rules.warnings import LOWERED_BY, Effect
from planparse.rules.warnings import WarningCode as W
from planparse.ir import Notice

SRC = Path(planparse.__file__).parent
CATALOGUE = SRC / "rules" / "warnings.py"
GAP_PLAN = "一、加强学习\n（一）学习文件。（办公室负责）\n（三）开展培训。（人事科负责）\n"


def _sources() -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in SRC.rglob("*.py") if path != CATALOGUE}


def test_every_entry_is_raised_and_every_raised_code_is_an_entry():
    raised = {name for text in _sources().values() for name in re.findall(r"\bW\.([A-Z_]+)\b", text)}
    assert raised == set(W.__members__)


def test_no_code_is_spelt_out_as_a_string():
    literal = re.compile("[\"'](" + "|".join(code.value for code in W) + ")[\"']")
    assert [str(path) for path, text in _sources().items() if literal.search(text)] == []


def test_codes_are_distinct_and_documented():
    assert len(W.__members__) == len(W)  # a repeated code would silently alias an entry
    for code in W:
        assert re.fullmatch(r"[a-z]+(_[a-z]+)+", code.value) and f"{code}" == code.value
        assert code.meaning and "\n" not in code.meaning


def test_a_code_outside_the_catalogue_is_refused():
    with pytest.raises(TypeError, match="not in planparse.rules.warnings"):
        Notice("numbering_gap", "a plain string, not the catalogue's member")  # type: ignore[arg-type]


def test_only_codes_with_a_fixed_wording_give_one():
    assert W.NO_TASKS.wording.startswith("no numbered outline")
    with pytest.raises(ValueError, match="numbering_gap has no fixed wording"):
        _ = W.NUMBERING_GAP.wording


def test_confidence_reads_the_effects():
    document = parse_text(GAP_PLAN)
    assert [w.code for w in document.warnings] == ["numbering_gap"]
    assert W.NUMBERING_GAP.effect is Effect.LOWERS and document.confidence == 1.0 - LOWERED_BY
    assert parse_text(GAP_PLAN.replace("（三）", "（二）")).confidence == 1.0


def test_the_warnings_command_lists_the_catalogue():
    done = subprocess.run([sys.executable, "-m", "planparse", "warnings"], capture_output=True,
                          text=True, timeout=60, check=True)
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["code", "confidence", "meaning"] and len(lines) == len(W) + 1
    assert {tuple(line.split()[:2]) for line in lines[1:]} == {(c.value, c.effect.value) for c in W}
