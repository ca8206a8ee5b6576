"""The task ledger (台账): one CSV row per task, for spreadsheets (UTF-8 with BOM for Excel)."""

from __future__ import annotations

import csv
import io

from planparse.models import PlanDocument, Section

BOM = "\ufeff"
COLUMNS = ("document", "task_id", "sections", "task_title", "task_text", "lead", "responsible",
           "cooperating", "deadline_raw", "deadline_kind", "deadline_date")
JOIN = "、"  # between units, as the documents themselves list them
DEADLINE_JOIN = "；"


def header() -> str:
    return _line(COLUMNS)


def rows(document: PlanDocument) -> str:
    """The document's tasks as CSV lines (no header)."""
    titles = _section_titles(document.sections)
    out = io.StringIO()
    for task in document.tasks:
        path = [titles[i] for i in _ancestors(task.section_id)]
        out.write(_line((
            document.source.path, task.id, " / ".join(path), task.title or "", task.text,
            JOIN.join(task.units.lead), JOIN.join(task.units.responsible),
            JOIN.join(task.units.cooperating),
            DEADLINE_JOIN.join(d.raw for d in task.deadlines),
            DEADLINE_JOIN.join(d.kind for d in task.deadlines),
            DEADLINE_JOIN.join(d.date or "" for d in task.deadlines),
        )))
    return out.getvalue()


def _line(values) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(values)
    return out.getvalue()


def _section_titles(sections: list[Section]) -> dict[str, str]:
    titles: dict[str, str] = {}
    for section in sections:
        titles[section.id] = section.title
        titles.update(_section_titles(section.children))
    return titles


def _ancestors(section_id: str | None) -> list[str]:
    """"2.3.1" -> ["2", "2.3", "2.3.1"]."""
    if not section_id:
        return []
    parts = section_id.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]
