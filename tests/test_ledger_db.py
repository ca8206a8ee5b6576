"""The ledger database: normalised rows, replaced whole per changed file, queried across plans."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from planparse import parse_text
from planparse.ledger import db
from planparse.ledger.query import Filters, tasks

PLAN = """某县2024年政务公开工作要点

一、重点领域公开
1. 公开财政预决算信息。（县财政局负责，2024年6月底前）
2. 公开重大项目批准和实施信息。（县发展改革局牵头，县财政局配合，长期坚持）
3. 做好政策解读工作。
二、平台建设
1. 优化政府网站栏目。（县政府办公室负责，2024年9月底前）
"""


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planparse", *args], capture_output=True,
                          timeout=300)


def count(conn: sqlite3.Connection, table: str) -> int:
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_document_is_stored_as_normalised_rows(tmp_path: Path):
    conn = db.connect(tmp_path / "l.sqlite")
    document = parse_text(PLAN, "a.txt")
    assert db.store(conn, document)
    assert count(conn, "tasks") == 4 and count(conn, "sections") == 2
    roles = conn.execute("SELECT task_id, role, unit FROM units ORDER BY task_id, role").fetchall()
    assert ("1.2", "cooperating", "县财政局") in roles and ("1.2", "lead", "县发展改革局") in roles
    assert conn.execute("SELECT date FROM deadlines WHERE task_id = '1.1'").fetchone() == ("2024-06-30",)
    assert not db.store(conn, document)  # the same version again writes nothing


def test_a_changed_file_replaces_its_rows_and_leaves_others(tmp_path: Path):
    conn = db.connect(tmp_path / "l.sqlite")
    db.store(conn, parse_text(PLAN, "a.txt"))
    db.store(conn, parse_text(PLAN, "b.txt"))
    shorter = PLAN.split("二、")[0]
    db.store(conn, parse_text(shorter, "a.txt"))
    per_document = dict(conn.execute(
        "SELECT d.path, count(*) FROM tasks t JOIN documents d ON d.id = t.document_id"
        " GROUP BY d.path").fetchall())
    assert per_document == {"a.txt": 3, "b.txt": 4}
    orphans = conn.execute("SELECT count(*) FROM units u WHERE NOT EXISTS (SELECT 1 FROM tasks t"
                           " WHERE t.document_id = u.document_id AND t.id = u.task_id)").fetchone()
    assert orphans == (0,)


def test_a_failed_store_leaves_the_database_as_it_was(tmp_path: Path, monkeypatch):
    conn = db.connect(tmp_path / "l.sqlite")
    db.store(conn, parse_text(PLAN, "a.txt"))

    def broken(key, document):
        yield (key, "1.1", "lead", "x", 0, 0)
        raise RuntimeError("killed mid-write")

    monkeypatch.setattr(db, "_units", broken)
    with pytest.raises(RuntimeError):
        db.store(conn, parse_text(PLAN.replace("财政预决算", "预算"), "a.txt"))
    assert count(conn, "tasks") == 4
    assert "财政预决算" in conn.execute("SELECT text FROM tasks WHERE id = '1.1'").fetchone()[0]


def test_queries_answer_what_analysts_ask(tmp_path: Path):
    conn = db.connect(tmp_path / "l.sqlite")
    db.store(conn, parse_text(PLAN, "a.txt"))

    def ids(filters: Filters) -> list[str]:
        return [row[1] for row in tasks(conn, filters)]

    assert ids(Filters(unit="财政局")) == ["1.1", "1.2"]
    assert ids(Filters(unit="财政局", role="lead")) == []
    assert ids(Filters(due_before="2024-06-30")) == ["1.1"]
    assert ids(Filters(due_after="2024-07-01", kind="date")) == ["2.1"]
    assert ids(Filters(kind="ongoing")) == ["1.2"]
    assert ids(Filters(without_units=True)) == ["1.3"]
    views = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert views == {"task_ledger", "unit_tasks", "tasks_without_units"}


def test_batch_db_and_query_from_the_command_line(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(PLAN, encoding="utf-8")
    (folder / "b.txt").write_text(PLAN.replace("2024", "2023"), encoding="utf-8")
    ledger = tmp_path / "ledger.sqlite"
    out = tmp_path / "out"
    result = run("batch", str(folder), "-o", str(out), "--db", str(ledger), "-q")
    assert result.returncode == 0, result.stderr
    again = run("batch", str(folder), "-o", str(out), "--db", str(ledger), "-q")  # resume
    assert again.returncode == 0
    found = run("query", str(ledger), "--unit", "财政局", "--due-before", "2024-06-30",
                "--kind", "date", "--format", "json")
    rows = [json.loads(line) for line in found.stdout.decode().splitlines()]
    assert [(Path(r["document"]).name, r["task_id"], r["due"]) for r in rows] == [
        ("a.txt", "1.1", "2024-06-30"), ("b.txt", "1.1", "2023-06-30")]
    table = run("query", str(ledger), "--without-units")
    assert table.returncode == 0 and "2 tasks" in table.stdout.decode()
    bad = run("query", str(ledger), "--due-before", "June")
    assert bad.returncode == 2 and b"YYYY-MM-DD" in bad.stderr


def test_batch_db_alone_needs_no_output_folder(tmp_path: Path):
    (tmp_path / "a.txt").write_text(PLAN, encoding="utf-8")
    ledger = tmp_path / "ledger.sqlite"
    result = run("batch", str(tmp_path / "a.txt"), "--db", str(ledger), "-q")
    assert result.returncode == 0, result.stderr
    assert count(sqlite3.connect(ledger), "tasks") == 4


@pytest.mark.parametrize("content", [b"not a database at all" * 100, None])
def test_query_refuses_what_is_no_ledger_and_changes_nothing(tmp_path: Path, content):
    other = tmp_path / "x.sqlite"
    if content is None:  # a real SQLite database of something else
        sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    else:
        other.write_bytes(content)
    before = other.read_bytes()
    result = run("query", str(other))
    assert result.returncode == 1 and result.stderr.decode().count("\n") == 1
    assert b"Traceback" not in result.stderr and other.read_bytes() == before


def test_the_ledger_finds_each_tasks_dates_from_the_task(tmp_path: Path):
    # the plan SQLite picks for task_ledger.due: by the task's own key, never a scan of every
    # dated deadline for each task (that made one unit's query over 1,000 plans take 3 s)
    conn = db.connect(tmp_path / "ledger.sqlite")
    plan = [step for row in conn.execute("EXPLAIN QUERY PLAN SELECT due FROM task_ledger")
            for step in [row[3]] if " x " in f" {step} "]
    assert any("deadlines_by_task (document_id=? AND task_id=? AND kind=?)" in step for step in plan), plan
