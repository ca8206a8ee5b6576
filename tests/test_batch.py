"""planparse batch: folders of notices, parallel, resumable, never losing work."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SAMPLES

from planparse import workers

TXT = SAMPLES / "003_820f42fe4d9a515f.txt"
DOCX = SAMPLES / "000_834a0c88301c0f66.docx"
PDF = SAMPLES / "002_8cf50e034e1a4929.pdf"


def planparse(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planparse", *args], capture_output=True,
                          timeout=300, cwd=cwd)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder of notices in subfolders, one PDF without its extension, and some clutter."""
    root = tmp_path / "in"
    (root / "2023" / "county").mkdir(parents=True)
    (root / "2024").mkdir()
    shutil.copy(TXT, root / "plan-a.txt")
    shutil.copy(DOCX, root / "2023" / "plan-b.docx")
    shutil.copy(PDF, root / "2023" / "county" / "scan-001")  # a PDF named without extension
    shutil.copy(TXT, root / "2024" / "plan-c.txt")
    (root / "2024" / "notes.json").write_text("{}", encoding="utf-8")
    (root / ".hidden.txt").write_text("一、不读", encoding="utf-8")
    return root


def outputs(folder: Path) -> dict[str, dict]:
    return {p.relative_to(folder).as_posix(): json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(folder.rglob("*.json"))}


def test_output_tree_mirrors_input_tree_and_format_is_found_by_content(tree, tmp_path):
    out = tmp_path / "out"
    result = planparse("batch", str(tree), "-o", str(out), "-j", "2")
    assert result.returncode == 0, result.stderr
    assert set(outputs(out)) == {"plan-a.txt.json", "2023/plan-b.docx.json",
                                 "2023/county/scan-001.json", "2024/plan-c.txt.json"}
    assert outputs(out)["2023/county/scan-001.json"]["source"]["format"] == "pdf"
    assert (out / "errors.jsonl").read_text() == ""
    assert result.stdout == b""
    assert "4 converted" in result.stderr.decode()


def test_output_is_identical_whatever_the_number_of_jobs(tree, tmp_path):
    planparse("batch", str(tree), "-o", str(tmp_path / "one"), "-j", "1")
    planparse("batch", str(tree), "-o", str(tmp_path / "two"), "-j", "2")
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")


def test_include_and_exclude(tree, tmp_path):
    out = tmp_path / "out"
    planparse("batch", str(tree), "-o", str(out), "--include", "*.txt", "--exclude", "2024/*")
    assert set(outputs(out)) == {"plan-a.txt.json"}


def test_glob_inputs(tree, tmp_path):
    out = tmp_path / "out"
    planparse("batch", str(tree / "**" / "*.txt"), "-o", str(out))
    assert set(outputs(out)) == {"plan-a.txt.json", "2024/plan-c.txt.json"}


def test_bad_files_are_recorded_and_the_rest_converted(tree, tmp_path):
    (tree / "empty.txt").write_bytes(b"")
    (tree / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tree / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    (tree / "truncated.pdf").write_bytes(PDF.read_bytes()[:3000])
    (tree / "binary.txt").write_bytes(bytes(range(256)) * 8)
    shutil.copy(PDF, tree / "mislabelled.docx")
    out = tmp_path / "out"
    result = planparse("batch", str(tree), "-o", str(out))
    assert result.returncode == 1
    assert len([k for k in outputs(out)]) == 4
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert sorted(Path(e["path"]).name for e in errors) == [
        "binary.txt", "broken.docx", "empty.txt", "mislabelled.docx", "old.doc", "truncated.pdf"]
    assert all(e["error"] and e["reason"] and "\n" not in e["reason"] for e in errors)
    assert "6 failed" in result.stderr.decode()


def test_resume_skips_up_to_date_outputs_and_force_redoes_them(tree, tmp_path):
    out = tmp_path / "out"
    planparse("batch", str(tree), "-o", str(out))
    again = planparse("batch", str(tree), "-o", str(out))
    assert "0 converted, 4 up to date" in again.stderr.decode()
    (tree / "plan-a.txt").write_text(TXT.read_text(encoding="utf-8") + "\n15.新增任务。", encoding="utf-8")
    changed = planparse("batch", str(tree), "-o", str(out))
    assert "1 converted, 3 up to date" in changed.stderr.decode()
    forced = planparse("batch", str(tree), "-o", str(out), "--force")
    assert "4 converted, 0 up to date" in forced.stderr.decode()


def test_jsonl_streams_in_input_order_and_csv_is_a_ledger(tree, tmp_path):
    result = planparse("batch", str(tree), "--jsonl", "-j", "2")
    paths = [json.loads(line)["source"]["path"] for line in result.stdout.decode().splitlines()]
    # input order: a folder is walked in sorted path order
    assert [Path(p).name for p in paths] == ["scan-001", "plan-b.docx", "plan-c.txt", "plan-a.txt"]
    ledger = tmp_path / "ledger.csv"
    planparse("batch", str(tree), "--format", "csv", "-o", str(ledger))
    raw = ledger.read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8"))
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("document,task_id,sections,task_title,task_text,lead")
    assert len(lines) == 1 + 14 + 13 + 14 + 14


def test_extract_with_several_files_prints_jsonl_and_csv():
    result = planparse("extract", str(TXT), str(DOCX))
    lines = result.stdout.decode().splitlines()
    assert [json.loads(line)["source"]["format"] for line in lines] == ["txt", "docx"]
    ledger = planparse("extract", str(TXT), "--format", "csv")
    assert ledger.stdout.startswith("\ufeff".encode("utf-8"))
    assert len(ledger.stdout.decode("utf-8-sig").splitlines()) == 15


def test_pool_stops_a_file_past_its_timeout_and_goes_on():
    from slow_work import nap

    tasks = iter([(0, 0.01), (1, 30.0), (2, 0.01), (3, 0.01)])
    started = time.monotonic()
    outcomes = {o.index: o for o in workers.run(nap, tasks, jobs=2, timeout=1.0)}
    assert time.monotonic() - started < 15
    assert outcomes[1].error[0] == "Timeout"
    assert [outcomes[i].value for i in (0, 2, 3)] == [0.01, 0.01, 0.01]


def test_a_file_that_asks_for_more_time_gets_it_and_others_keep_theirs():
    from slow_work import nap, slow_pages

    outcomes = {o.index: o for o in workers.run(slow_pages, iter([(0, 2.5), (1, 0.01)]), jobs=2, timeout=1.0)}
    assert [outcomes[i].value for i in (0, 1)] == [2.5, 0.01]
    # the allowance was that file's alone: the next file on the same worker has the timeout again
    outcomes = {o.index: o for o in workers.run(nap, iter([(0, 0.01), (1, 3.0)]), jobs=1, timeout=1.0)}
    assert outcomes[1].error == ("Timeout", "took longer than 1 s; stopped")


def test_extract_timeout_grows_with_what_the_file_asks_for():
    script = ("import time\nfrom planparse.allowance import ask\nfrom planparse.cli import _watchdog\n"
              "with _watchdog(1.0, 'scan.pdf'):\n    ask(3.0)\n    time.sleep(2.0)\n"
              "print('finished')\n"
              "with _watchdog(0.5, 'other.pdf'):\n    time.sleep(3.0)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout == "finished\n" and result.returncode == 1
    assert result.stderr == "planparse: other.pdf: took longer than 0.5 s; stopped (too large or too complex?)\n"


def test_pool_survives_a_crashing_worker():
    from slow_work import die

    outcomes = {o.index: o for o in workers.run(die, iter([(0, 3), (1, 4)]), jobs=1, timeout=10)}
    assert {o.error[0] for o in outcomes.values()} == {"Crash"}


def test_kill_9_then_rerun_completes_without_partial_or_repeated_work(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(60):
        shutil.copy(TXT if i % 2 else DOCX, folder / f"plan-{i:03d}{TXT.suffix if i % 2 else DOCX.suffix}")
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "planparse", "batch", str(folder), "-o", str(out),
                                "-j", "2", "--quiet"], start_new_session=True)
    deadline = time.monotonic() + 120
    while len(list(out.rglob("*.json"))) < 10 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    done_before = outputs(out)  # every file present parses: nothing half-written
    assert 10 <= len(done_before) < 60
    rerun = planparse("batch", str(folder), "-o", str(out))
    assert rerun.returncode == 0
    summary = rerun.stderr.decode()
    assert f"{60 - len(done_before)} converted, {len(done_before)} up to date" in summary
    assert len(outputs(out)) == 60
    assert not list(out.rglob("*.planparse-tmp"))
