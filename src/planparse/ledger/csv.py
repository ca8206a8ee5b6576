"""The task ledger as CSV: one row per task, for programs (UTF-8 with a BOM, so Excel opens it).

Column names are English for programs by default (``lang="zh"`` gives an office's headings);
several deadlines of one task share a cell, joined by "；" in the same order in each column.
Read it with ids intact: ``pandas.read_csv(path, dtype=str)`` ("2.10" stays "2.10").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from planparse.ledger.entries import DEADLINE_JOIN, UNIT_JOIN, Entry, entries
from planparse.models import PlanDocument

BOM = "\ufeff"
COLUMNS = ("document", "task_id", "sections", "task_title", "task_text", "lead", "responsible",
           "cooperating", "deadline_raw", "deadline_kind", "deadline_date")
COLUMNS_ZH = ("文件", "编号", "所属章节", "任务", "具体内容", "牵头单位", "责任单位", "配合单位",
              "完成时限", "时限类型", "截止日期")
HEADERS = {"en": COLUMNS, "zh": COLUMNS_ZH}


def header(lang: str = "en") -> str:
    return _line(HEADERS[lang])


def rows(document: PlanDocument) -> str:
    """The document's tasks as CSV lines (no header)."""
    return "".join(_line(_values(entry)) for entry in entries(document))


def _values(entry: Entry) -> tuple[str, ...]:
    return (
        entry.document, entry.task_id, " / ".join(entry.section_titles), entry.title, entry.text,
        UNIT_JOIN.join(entry.lead), UNIT_JOIN.join(entry.responsible),
        UNIT_JOIN.join(entry.cooperating), DEADLINE_JOIN.join(entry.deadline_raw),
        DEADLINE_JOIN.join(entry.deadline_kinds),
        DEADLINE_JOIN.join(d or "" for d in entry.deadline_dates),
    )


def _line(values: Iterable[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(values)
    return out.getvalue()
