"""One ledger entry per task: who must do what by when, with the columns an office keeps."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from planparse.models import PlanDocument, Section, Task

UNIT_JOIN = "、"  # between units, as the documents themselves list them
DEADLINE_JOIN = "；"
# how an office names each deadline kind in its 时限类型 column
KIND_LABELS = {"date": "限期完成", "ongoing": "长期坚持", "relative": "相对时限", "recurring": "定期"}


@dataclass(frozen=True)
class Entry:
    """A task as one ledger row; text fields are exactly as the output JSON has them."""

    document: str
    number: int  # 序号: running number of the task within its document
    task_id: str
    headings: tuple[str, ...]  # the enclosing headings as printed ("一、…", "（二）…"), outermost first
    section_titles: tuple[str, ...]  # the same headings' titles, without their markers
    title: str
    text: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]
    cooperating: tuple[str, ...]
    deadline_raw: tuple[str, ...]
    deadline_kinds: tuple[str, ...]
    deadline_dates: tuple[str | None, ...]
    page: int | None
    line: int | None

    @property
    def level1(self) -> str:
        """一级标题."""
        return self.headings[0] if self.headings else ""

    @property
    def level2(self) -> str:
        """二级标题, and any deeper headings after it."""
        return " / ".join(self.headings[1:])

    @property
    def due(self) -> date | None:
        """The earliest calendar date the task falls due on (kind=date deadlines only)."""
        dates = [date.fromisoformat(d)
                 for d, kind in zip(self.deadline_dates, self.deadline_kinds, strict=True)
                 if d and kind == "date"]
        return min(dates) if dates else None

    @property
    def kind_label(self) -> str:
        return "、".join(dict.fromkeys(KIND_LABELS[kind] for kind in self.deadline_kinds))

    @property
    def where(self) -> str:
        return location(self.page, self.line)


def entries(document: PlanDocument) -> Iterator[Entry]:
    """The document's tasks as ledger entries, in document order."""
    sections = {section.id: section for section in walk(document.sections)}
    for number, task in enumerate(document.tasks, start=1):
        path = [sections[i] for i in ancestors(task.section_id) if i in sections]
        yield _entry(document.source.path, number, task, path)


def _entry(path: str, number: int, task: Task, sections: list[Section]) -> Entry:
    return Entry(
        document=path, number=number, task_id=task.id,
        headings=tuple(f"{s.marker or ''}{s.title}" for s in sections),
        section_titles=tuple(s.title for s in sections),
        title=task.title or "", text=task.text,
        lead=tuple(task.units.lead), responsible=tuple(task.units.responsible),
        cooperating=tuple(task.units.cooperating),
        deadline_raw=tuple(d.raw for d in task.deadlines),
        deadline_kinds=tuple(d.kind for d in task.deadlines),
        deadline_dates=tuple(d.date for d in task.deadlines),
        page=task.span.page, line=task.span.line)


def walk(sections: list[Section]) -> Iterator[Section]:
    """Every section of the outline, depth first in document order."""
    for section in sections:
        yield section
        yield from walk(section.children)


def ancestors(section_id: str | None) -> list[str]:
    """"2.3.1" -> ["2", "2.3", "2.3.1"]."""
    if not section_id:
        return []
    parts = section_id.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def location(page: int | None, line: int | None) -> str:
    """Where something stands in the source, as an office writes it: 第3页, or 第12行 in text."""
    if page is not None:
        return f"第{page}页"
    return f"第{line}行" if line is not None else ""


def task_at(document: PlanDocument, offset: int) -> str | None:
    """The id of the task whose span holds ``offset`` (to tie a warning to its task)."""
    for task in document.tasks:
        if task.span.start <= offset <= task.span.end:
            return task.id
    return None
