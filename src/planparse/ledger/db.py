"""The ledger as a SQLite database: documents, sections, tasks, units, deadlines and warnings.

One row per unit and role, one per deadline, keyed by document and task id, so that what an
analyst asks across every plan — a unit's tasks, what falls due in a period, tasks nobody is
named for — is one query.  A document is replaced whole in one transaction (a changed file
never leaves rows of its old version; a killed batch leaves the database as it was before the
file), and an unchanged one (same path and sha256) is not written again.  The views at the
end of :data:`SCHEMA` are documented for SQL users in the README.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from planparse.ledger.entries import ancestors, task_at, walk
from planparse.models import PlanDocument

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    title TEXT, plan_title TEXT, issuer TEXT, doc_number TEXT, recipients TEXT,
    signed_date TEXT, year INTEGER, pages INTEGER,
    confidence REAL NOT NULL,
    json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sections (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    parent_id TEXT,
    marker TEXT, level INTEGER NOT NULL, title TEXT NOT NULL,
    PRIMARY KEY (document_id, id)
);
CREATE TABLE IF NOT EXISTS tasks (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    section_id TEXT,
    marker TEXT, title TEXT, text TEXT NOT NULL,
    units_raw TEXT,
    page INTEGER, line INTEGER,
    PRIMARY KEY (document_id, id)
);
CREATE TABLE IF NOT EXISTS units (
    document_id INTEGER NOT NULL,
    task_id TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('lead', 'responsible', 'cooperating')),
    unit TEXT NOT NULL,
    position INTEGER NOT NULL,
    inherited INTEGER NOT NULL,
    PRIMARY KEY (document_id, task_id, role, position),
    FOREIGN KEY (document_id, task_id) REFERENCES tasks(document_id, id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS units_by_unit ON units(unit);
CREATE TABLE IF NOT EXISTS deadlines (
    document_id INTEGER NOT NULL,
    task_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    raw TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('date', 'ongoing', 'relative', 'recurring')),
    date TEXT,
    PRIMARY KEY (document_id, task_id, position),
    FOREIGN KEY (document_id, task_id) REFERENCES tasks(document_id, id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS deadlines_by_date ON deadlines(kind, date);
-- a task's earliest date (task_ledger.due) found from the task, not by scanning every date
CREATE INDEX IF NOT EXISTS deadlines_by_task ON deadlines(document_id, task_id, kind, date);
CREATE TABLE IF NOT EXISTS warnings (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code TEXT NOT NULL, message TEXT NOT NULL,
    task_id TEXT, page INTEGER, line INTEGER,
    PRIMARY KEY (document_id, position)
);
CREATE VIEW IF NOT EXISTS task_ledger AS
    SELECT t.document_id, d.path AS document, t.id AS task_id, t.seq, t.section_id, t.title, t.text,
           (SELECT group_concat(unit, '、') FROM units u WHERE u.document_id = t.document_id
                AND u.task_id = t.id AND role = 'lead') AS lead,
           (SELECT group_concat(unit, '、') FROM units u WHERE u.document_id = t.document_id
                AND u.task_id = t.id AND role = 'responsible') AS responsible,
           (SELECT group_concat(unit, '、') FROM units u WHERE u.document_id = t.document_id
                AND u.task_id = t.id AND role = 'cooperating') AS cooperating,
           (SELECT group_concat(raw, '；') FROM deadlines x WHERE x.document_id = t.document_id
                AND x.task_id = t.id) AS deadlines,
           (SELECT min(date) FROM deadlines x WHERE x.document_id = t.document_id
                AND x.task_id = t.id AND kind = 'date') AS due,
           t.page, t.line
    FROM tasks t JOIN documents d ON d.id = t.document_id;
CREATE VIEW IF NOT EXISTS unit_tasks AS
    SELECT u.unit, u.role, u.inherited, l.*
    FROM units u JOIN task_ledger l ON l.document_id = u.document_id AND l.task_id = u.task_id;
CREATE VIEW IF NOT EXISTS tasks_without_units AS
    SELECT l.* FROM task_ledger l
    WHERE l.lead IS NULL AND l.responsible IS NULL AND l.cooperating IS NULL;
"""


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (creating if needed) a ledger database."""
    db = sqlite3.connect(path, isolation_level=None)  # transactions are explicit
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA journal_mode = WAL")  # readers see the last complete document
    db.execute("PRAGMA synchronous = NORMAL")  # WAL keeps this consistent after a crash
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version not in (0, SCHEMA_VERSION):
        raise sqlite3.DatabaseError(f"ledger schema {version}, this planparse writes {SCHEMA_VERSION}")
    db.executescript(SCHEMA)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return db


def open_readonly(path: str | Path) -> sqlite3.Connection:
    """Open an existing ledger for queries, changing nothing in it (nor in a file that is none)."""
    db = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version != SCHEMA_VERSION:
        raise sqlite3.DatabaseError("it holds no planparse ledger")
    return db


def is_stored(db: sqlite3.Connection, path: str, sha256: str) -> bool:
    row = db.execute("SELECT sha256 FROM documents WHERE path = ?", (path,)).fetchone()
    return row is not None and row[0] == sha256


def store(db: sqlite3.Connection, document: PlanDocument) -> bool:
    """Put ``document`` in the ledger, replacing an older version of the same path; say
    whether anything was written (an identical version is left alone)."""
    source = document.source
    if is_stored(db, source.path, source.sha256):
        return False
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("DELETE FROM documents WHERE path = ?", (source.path,))
        key = _insert_document(db, document)
        db.executemany("INSERT INTO sections VALUES (?, ?, ?, ?, ?, ?)", _sections(key, document))
        db.executemany("INSERT INTO tasks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       _tasks(key, document))
        db.executemany("INSERT INTO units VALUES (?, ?, ?, ?, ?, ?)", _units(key, document))
        db.executemany("INSERT INTO deadlines VALUES (?, ?, ?, ?, ?, ?)", _deadlines(key, document))
        db.executemany("INSERT INTO warnings VALUES (?, ?, ?, ?, ?, ?, ?)", _warnings(key, document))
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return True


def _insert_document(db: sqlite3.Connection, document: PlanDocument) -> int:
    meta, source = document.metadata, document.source
    cursor = db.execute(
        "INSERT INTO documents (path, sha256, format, title, plan_title, issuer, doc_number,"
        " recipients, signed_date, year, pages, confidence, json)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (source.path, source.sha256, source.format, meta.title, meta.plan_title, meta.issuer,
         meta.doc_number, "、".join(meta.recipients), meta.signed_date, meta.year, source.pages,
         document.confidence, document.model_dump_json()))
    key = cursor.lastrowid
    assert key is not None  # an INSERT always sets it
    return key


Row = tuple[object, ...]


def _sections(key: int, document: PlanDocument) -> Iterator[Row]:
    for section in walk(document.sections):
        parents = ancestors(section.id)[:-1]
        yield (key, section.id, parents[-1] if parents else None, section.marker, section.level,
               section.title)


def _tasks(key: int, document: PlanDocument) -> Iterator[Row]:
    for seq, task in enumerate(document.tasks, start=1):
        yield (key, task.id, seq, task.section_id, task.marker, task.title, task.text,
               task.units.raw, task.span.page, task.span.line)


def _units(key: int, document: PlanDocument) -> Iterator[Row]:
    for task in document.tasks:
        units = task.units
        for role, names in (("lead", units.lead), ("responsible", units.responsible),
                            ("cooperating", units.cooperating)):
            for position, unit in enumerate(names):
                yield (key, task.id, role, unit, position, int(units.inherited))


def _deadlines(key: int, document: PlanDocument) -> Iterator[Row]:
    for task in document.tasks:
        for position, deadline in enumerate(task.deadlines):
            yield (key, task.id, position, deadline.raw, deadline.kind, deadline.date)


def _warnings(key: int, document: PlanDocument) -> Iterator[Row]:
    for position, warning in enumerate(document.warnings):
        span = warning.span
        task = task_at(document, span.start) if span is not None else None
        yield (key, position, warning.code, warning.message, task,
               span.page if span else None, span.line if span else None)
