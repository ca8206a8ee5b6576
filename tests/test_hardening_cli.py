"""planparse extract and the library as a new user meets them: doubtful results said aloud,
errors that name the file, help that shows how, limits that end a run in one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLES

import planparse
from planparse import PlanparseError

PLAN = SAMPLES / "003_820f42fe4d9a515f.txt"
GAPPY = """2024年政务公开工作要点

一、加强政策解读
1.做好政策解读工作（责任单位：市政府办公室
2.加强政务新媒体管理。（责任单位：市网信办）
4.推进基层政务公开。（责任单位：各区县政府）
"""


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planparse", *args], input=stdin,
                          capture_output=True, timeout=120)


# -- 8. loud doubtful results --------------------------------------------------------------


def test_every_warning_about_a_task_names_it():
    document = planparse.parse_text(GAPPY)
    found = {w.code: w.task_id for w in document.warnings}
    assert found == {"numbering_gap": "1.3", "unclosed_parenthetical": "1.1"}


def test_extract_notes_a_doubtful_reading_and_strict_fails_it(tmp_path):
    memo = tmp_path / "memo.txt"
    memo.write_text("会议纪要\n今天开了会。\n", encoding="utf-8")
    result = run("extract", str(memo))
    assert result.returncode == 0 and json.loads(result.stdout)["tasks"] == []
    assert result.stderr.decode() == f"planparse: {memo}: doubtful: no tasks found\n"
    assert run("extract", str(memo), "--strict").returncode == 1
    assert run("extract", str(PLAN), "--strict").returncode == 0


# -- 9. library and help ---------------------------------------------------------------------


def test_the_error_names_the_file_and_carries_path_and_code(tmp_path):
    bad = tmp_path / "plan.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(PlanparseError) as caught:
        planparse.parse(bad)
    error = caught.value
    assert error.path == str(bad) and error.code == "ParseError"
    assert str(error) == f"{bad}: {error.reason}" and "corrupt" in error.reason
    with pytest.raises(PlanparseError) as missing:
        planparse.parse(tmp_path / "none.txt")
    assert missing.value.code == "ReadError"


def test_the_public_api_is_listed_and_importable():
    assert {"parse", "parse_bytes", "parse_text", "PlanparseError", "PlanDocument"} <= set(planparse.__all__)
    assert all(getattr(planparse, name) is not None for name in planparse.__all__)


def test_help_answers_to_dash_h_with_readable_metavars_examples_and_completion():
    for command in ("extract", "batch"):
        text = run(command, "-h").stdout.decode()
        assert text == run(command, "--help").stdout.decode()
        assert "Examples:" in text and f"planparse {command} " in text.split("Examples:")[1]
        assert "<int" not in text and "<float" not in text and "<path>" not in text
    assert "-j, --jobs N" in run("batch", "-h").stdout.decode()
    assert "--timeout SECONDS" in run("extract", "-h").stdout.decode()
    assert "--install-completion" in run("-h").stdout.decode()


def test_a_bad_format_names_the_valid_ones_in_one_line():
    result = run("extract", str(PLAN), "--format", "xml")
    assert result.returncode == 2
    assert result.stderr.decode() == "planparse: --format: 'xml' is not one of json, jsonl, csv, xlsx\n"


# -- 4 (extract). a time limit -----------------------------------------------------------------


def test_extract_timeout_ends_a_long_parse_in_one_line(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("\n".join(f"{i}.第{i}项工作（责任单位：某某局）" for i in range(200_000)),
                   encoding="utf-8")
    result = run("extract", str(big), "--timeout", "1")
    assert result.returncode == 1 and result.stdout == b""
    assert result.stderr.decode() == (f"planparse: {big}: took longer than 1 s; stopped"
                                      " (too large or too complex?)\n")
