"""Emit: the annotated outline as validated pydantic models, with ordinal ids."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from planparse import models
from planparse.grammar.units import Assignment
from planparse.ir import Annotations, Note, Notice, Segmented
from planparse.rules.warnings import LOWERED_BY, SUSPECT_CONFIDENCE, Effect


def emit(seg: Segmented, annotations: Annotations, source: models.Source,
         extracted: Sequence[Notice] = ()) -> models.PlanDocument:
    """The output document; ``extracted`` are the extractor's warnings (they have no span),
    before segment's and annotate's."""
    tasks: list[models.Task] = []
    top = list(enumerate(annotations.notes, start=1))
    sections = [_section(note, str(i), seg, tasks) for i, note in top if not note.is_task]
    tasks.extend(_task(note, str(i), None, seg) for i, note in top if note.is_task)
    tasks.sort(key=lambda t: t.span.start)
    starts = [task.span.start for task in tasks]
    notices = [*extracted, *seg.notices, *annotations.notices]
    return models.PlanDocument(
        source=source,
        metadata=seg.metadata,
        preamble=seg.preamble,
        sections=sections,
        tasks=tasks,
        warnings=[_warning(n, seg, tasks, starts) for n in notices],
        confidence=_confidence(notices, tasks),
    )


def _section(note: Note, ident: str, seg: Segmented, tasks: list[models.Task]) -> models.Section:
    """The section of ``note``; the tasks under it go to ``tasks``."""
    children, task_ids = [], []
    for i, child in enumerate(note.children, start=1):
        child_id = f"{ident}.{i}"
        if child.is_task:
            tasks.append(_task(child, child_id, ident, seg))
            task_ids.append(child_id)
        else:
            children.append(_section(child, child_id, seg, tasks))
    node = note.node
    return models.Section(
        id=ident, marker=node.marker, level=node.level, number=node.number, title=note.title or "",
        text=note.text, units=_units(note.own, note.raw, False) if note.own else None,
        children=children, task_ids=task_ids, span=_span(note.start, note.end, seg))


def _task(note: Note, ident: str, section_id: str | None, seg: Segmented) -> models.Task:
    assert note.text is not None  # only a section's text can be None; a task's is its body
    assignment = note.assignment
    found = [*note.deadlines, *(assignment.deadlines if assignment else [])]
    return models.Task(
        id=ident, section_id=section_id, marker=note.node.marker, number=note.node.number,
        title=note.title, text=note.text, units=_units(assignment, note.units_raw, note.inherited),
        deadlines=[models.Deadline(raw=d.raw, kind=d.kind, date=d.date) for d in found],
        span=_span(note.start, note.end, seg))


def _units(assignment: Assignment | None, raw: str | None, inherited: bool) -> models.Units:
    if assignment is None:
        return models.Units(raw=raw)
    return models.Units(lead=assignment.lead, responsible=assignment.responsible,
                        cooperating=assignment.cooperating, raw=raw, inherited=inherited)


def _span(start: int, end: int, seg: Segmented) -> models.Span:
    page, line = _where(seg, start)
    return models.Span(page=page, line=line, start=start, end=max(start, end))


def _where(seg: Segmented, offset: int) -> tuple[int | None, int | None]:
    paras = seg.document.paras
    index = bisect.bisect_right(seg.document.starts, offset) - 1
    if 0 <= index < len(paras) and offset <= paras[index].end:
        return paras[index].where(offset)
    return None, None


def _warning(notice: Notice, seg: Segmented, tasks: list[models.Task], starts: list[int]
             ) -> models.Warning:
    span = None
    if notice.start is not None:
        page, line = _where(seg, notice.start)
        span = models.Span(page=page, line=line, start=notice.start, end=notice.end or notice.start)
    return models.Warning(code=notice.code.value, message=notice.message, span=span,
                          task_id=_task_at(tasks, starts, notice.start))


def _task_at(tasks: list[models.Task], starts: list[int], offset: int | None) -> str | None:
    """The task whose text holds ``offset`` (tasks are sorted by start, ``starts``, and do not
    nest)."""
    if offset is None:
        return None
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and offset <= tasks[index].span.end:
        return tasks[index].id
    return None


def _confidence(notices: list[Notice], tasks: list[models.Task]) -> float:
    """1.0 when nothing needs a look; lower with each doubtful reading, 0.0 with no tasks.

    The rule, by each warning's :class:`~planparse.rules.warnings.Effect` in the catalogue:
    start at 1.0 and take ``LOWERED_BY`` off for each warning that says the reading may be
    wrong (numbering gaps or repeats, an unclosed parenthetical, a repeated label, unsure
    OCR), never below 0; one that puts the whole reading in doubt caps it at
    ``SUSPECT_CONFIDENCE``; a document without tasks is 0.0.  The CLI calls a result below
    0.5 (five such warnings) doubtful."""
    if not tasks:
        return 0.0
    effects = [notice.code.effect for notice in notices]
    confidence = max(0.0, 1.0 - LOWERED_BY * effects.count(Effect.LOWERS))
    if Effect.SUSPECT in effects:
        confidence = min(confidence, SUSPECT_CONFIDENCE)
    return round(confidence, 2)
