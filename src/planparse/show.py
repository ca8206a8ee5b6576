"""``planparse show``: a plan's outline as a tree on the terminal — who does what by when.

Sections hold their tasks; each task shows its units by role and its deadlines, and a task a
warning points at is marked.  Filters keep the tasks of one unit or falling due by a date,
with the sections above them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rich.text import Text
from rich.tree import Tree

from planparse.ledger.entries import task_at
from planparse.models import PlanDocument, Section, Task

ROLES = (("lead", "牵头", "bold cyan"), ("responsible", "负责", "cyan"),
         ("cooperating", "配合", "dim cyan"))


@dataclass(frozen=True)
class Filters:
    unit: str | None = None  # part of a unit's name
    due_before: str | None = None  # YYYY-MM-DD: tasks with a dated deadline on or before it

    def keep(self, task: Task) -> bool:
        units = task.units
        if self.unit is not None and not any(
                self.unit in name for name in (*units.lead, *units.responsible, *units.cooperating)):
            return False
        if self.due_before is not None:
            return any(d.kind == "date" and d.date and d.date <= self.due_before
                       for d in task.deadlines)
        return True


def outline(document: PlanDocument, filters: Filters = Filters()) -> Tree:
    """The document as a rich tree: title, sections, tasks, then its warnings."""
    meta = document.metadata
    heading = Text(meta.title or document.source.path, style="bold")
    if meta.doc_number or meta.signed_date:
        heading.append(f"  {meta.doc_number or ''} {meta.signed_date or ''}".rstrip(), style="dim")
    root = Tree(heading)
    flagged = _warned_tasks(document)
    tasks = {task.id: task for task in document.tasks if filters.keep(task)}
    for section in document.sections:
        _add_section(root, section, tasks, flagged)
    for task in document.tasks:
        if task.section_id is None and task.id in tasks:
            _add_task(root, task, flagged)
    _add_warnings(root, document)
    return root


def _warned_tasks(document: PlanDocument) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for warning in document.warnings:
        task = task_at(document, warning.span.start) if warning.span else None
        if task is not None:
            found[task].append(warning.message)
    return found


def _has_tasks(section: Section, tasks: dict[str, Task]) -> bool:
    return any(i in tasks for i in section.task_ids) or any(
        _has_tasks(child, tasks) for child in section.children)


def _add_section(parent: Tree, section: Section, tasks: dict[str, Task],
                 flagged: dict[str, list[str]]) -> None:
    if not _has_tasks(section, tasks) and (section.task_ids or section.children):
        return
    label = Text(f"{section.marker or ''}{section.title}", style="bold magenta")
    node = parent.add(label)
    # children and tasks interleave as printed: both are ordered by their ids' last number
    items: list[tuple[int, Section | Task]] = [(_last(c.id), c) for c in section.children]
    items += [(_last(i), tasks[i]) for i in section.task_ids if i in tasks]
    for _, item in sorted(items, key=lambda pair: pair[0]):
        if isinstance(item, Section):
            _add_section(node, item, tasks, flagged)
        else:
            _add_task(node, item, flagged)


def _last(ident: str) -> int:
    return int(ident.rsplit(".", 1)[-1])


def _add_task(parent: Tree, task: Task, flagged: dict[str, list[str]]) -> None:
    label = Text(f"{task.id} ", style="bold")
    label.append(task.title or _clip(task.text, 60))
    if task.id in flagged:
        label.append("  ⚠ " + "；".join(flagged[task.id]), style="bold yellow")
    node = parent.add(label)
    for role, word, style in ROLES:
        names = getattr(task.units, role)
        if names:
            node.add(Text(f"{word}：", style="dim").append("、".join(names), style=style))
    for deadline in task.deadlines:
        when = Text("时限：", style="dim").append(deadline.raw, style="green")
        if deadline.date:
            when.append(f"  {deadline.date}", style="bold green")
        node.add(when)


def _add_warnings(root: Tree, document: PlanDocument) -> None:
    if not document.warnings:
        return
    node = root.add(Text(f"warnings ({len(document.warnings)}), confidence"
                         f" {document.confidence}", style="bold yellow"))
    for warning in document.warnings:
        node.add(Text(f"{warning.code}: {warning.message}", style="yellow"))


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
