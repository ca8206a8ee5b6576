"""What an analyst asks of a ledger database most: a unit's tasks, what falls due, who is missing."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

COLUMNS = ("document", "task_id", "title", "text", "lead", "responsible", "cooperating",
           "deadlines", "due")
HEADINGS_ZH = ("文件", "编号", "任务", "具体内容", "牵头单位", "责任单位", "配合单位", "完成时限",
               "截止日期")


@dataclass(frozen=True)
class Filters:
    unit: str | None = None  # part of a unit's name: 财政局 finds 市财政局 and 区财政局
    role: str | None = None  # lead | responsible | cooperating, with ``unit``
    due_before: str | None = None  # YYYY-MM-DD, inclusive
    due_after: str | None = None
    kind: str | None = None  # tasks with a deadline of this kind
    without_units: bool = False
    document: str | None = None  # part of the document's path


def tasks(db: sqlite3.Connection, filters: Filters) -> list[tuple[object, ...]]:
    """Ledger rows (:data:`COLUMNS`) matching every filter given, in document and task order."""
    where, params = _conditions(filters)
    sql = (f"SELECT {', '.join('l.' + c for c in COLUMNS)} FROM task_ledger l"
           f"{' WHERE ' + ' AND '.join(where) if where else ''} ORDER BY l.document, l.seq")
    return db.execute(sql, params).fetchall()


_SAME_TASK = "x.document_id = l.document_id AND x.task_id = l.task_id"


def _conditions(f: Filters) -> tuple[list[str], list[object]]:
    where: list[str] = []
    params: list[object] = []
    if f.unit is not None:
        role = " AND x.role = ?" if f.role else ""
        where.append(f"EXISTS (SELECT 1 FROM units x WHERE {_SAME_TASK}"
                     f" AND instr(x.unit, ?) > 0{role})")
        params += [f.unit, f.role] if f.role else [f.unit]
    if f.due_before is not None:
        where.append("l.due IS NOT NULL AND l.due <= ?")
        params.append(f.due_before)
    if f.due_after is not None:
        where.append("l.due IS NOT NULL AND l.due >= ?")
        params.append(f.due_after)
    if f.kind is not None:
        where.append(f"EXISTS (SELECT 1 FROM deadlines x WHERE {_SAME_TASK} AND x.kind = ?)")
        params.append(f.kind)
    if f.without_units:
        where.append("l.lead IS NULL AND l.responsible IS NULL AND l.cooperating IS NULL")
    if f.document is not None:
        where.append("instr(l.document, ?) > 0")
        params.append(f.document)
    return where, params
