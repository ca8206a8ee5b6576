"""The command line as users run it: stdout carries only JSON, errors are one line, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import SAMPLES

PLAN = SAMPLES / "003_820f42fe4d9a515f.txt"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planparse", *args], input=stdin,
                          capture_output=True, timeout=60)


def test_extract_prints_one_json_document():
    result = run("extract", str(PLAN))
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["metadata"]["doc_number"] == "辽交办〔2023〕231号"
    assert result.stdout.count(b"\n") > 10  # indented by default
    assert result.stderr == b""


def test_compact_is_one_line_and_stdin_works():
    result = run("extract", "-", "--compact", stdin=PLAN.read_bytes())
    assert result.returncode == 0
    assert result.stdout.count(b"\n") == 1
    document = json.loads(result.stdout)
    assert document["source"]["path"] == "-"
    assert len(document["tasks"]) == 14


def test_output_option_writes_the_file(tmp_path):
    target = tmp_path / "out.json"
    result = run("extract", str(PLAN), "-o", str(target))
    assert result.returncode == 0 and result.stdout == b""
    assert json.loads(target.read_text(encoding="utf-8"))["metadata"]["year"] == 2023


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00\xff" * 50, "binary"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "OLE container"),
        (b"PK\x03\x04broken zip", "corrupt"),
        ((SAMPLES / "002_8cf50e034e1a4929.pdf").read_bytes(), "named .txt but the content is a PDF"),
    ],
    # named, not shown: pytest puts a test's id in the environment of what it runs
    ids=["empty", "binary", "ole", "broken-zip", "pdf-named-txt"],
)
def test_bad_input_is_one_line_on_stderr_and_exit_1(tmp_path, content, reason):
    bad = tmp_path / "plan.txt"
    bad.write_bytes(content)
    result = run("extract", str(bad))
    assert result.returncode == 1
    assert result.stdout == b""
    message = result.stderr.decode()
    assert message.count("\n") == 1 and str(bad) in message and reason in message
    assert "Traceback" not in message


def test_missing_file_names_the_file():
    result = run("extract", "no/such/plan.txt")
    assert result.returncode == 1
    assert result.stderr.decode().strip() == "planparse: no/such/plan.txt: no such file"


def test_bad_usage_exits_2():
    assert run("extract").returncode == 2
    assert run("frobnicate").returncode == 2


def test_schema_and_version():
    schema = json.loads(run("schema").stdout)
    assert schema["title"] == "PlanDocument"
    version = run("--version")
    assert version.returncode == 0 and version.stdout.decode().startswith("planparse ")
