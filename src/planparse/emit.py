"""Emit: the annotated outline as validated pydantic models, with ordinal ids."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from planparse import models
from planparse.annotate import Annotations, Note
from planparse.grammar.units import Assignment
from planparse.rules.warnings import LOWERED_BY, SUSPECT_CONFIDENCE, Effect
from planparse.segment import Segmented
from planparse.segment.nodes import Node, Notice


def emit(seg: Segmented, annotations: Annotations, source: models.Source,
         extracted: Sequence[Notice] = ()) -> models.PlanDocument:
    """The output document; ``extracted`` are the extractor's warnings (they have no span),
    before segment's and annotate's."""
    notes = annotations.notes
    tasks: list[models.Task] = []
    sections = [_section(child, str(i), seg, notes, tasks)
                for i, child in enumerate(seg.root.children, start=1)
                if not notes[id(child)].is_task]
    for i, child in enumerate(seg.root.children, start=1):
        if notes[id(child)].is_task:
            tasks.append(_task(child, str(i), None, seg, notes))
    tasks.sort(key=lambda t: t.span.start)
    starts = [task.span.start for task in tasks]
    notices = [*extracted, *seg.notices, *annotations.notices]
    meta = seg.meta
    return models.PlanDocument(
        source=source,
        metadata=models.Metadata(
            title=meta.title, plan_title=meta.plan_title, issuer=meta.issuer,
            doc_number=meta.doc_number, recipients=meta.recipients, signed_date=meta.signed_date,
            publicity=meta.publicity, printed_by=meta.printed_by, printed_date=meta.printed_date,
            year=meta.year, web=models.WebPage(**meta.web) if meta.web else None),
        preamble=meta.preamble,
        sections=sections,
        tasks=tasks,
        warnings=[_warning(n, seg, tasks, starts) for n in notices],
        confidence=_confidence(notices, tasks),
    )


def _section(node: Node, ident: str, seg: Segmented, notes: dict[int, Note],
             tasks: list[models.Task]) -> models.Section:
    note = notes[id(node)]
    children, task_ids = [], []
    for i, child in enumerate(node.children, start=1):
        child_id = f"{ident}.{i}"
        if notes[id(child)].is_task:
            tasks.append(_task(child, child_id, ident, seg, notes))
            task_ids.append(child_id)
        else:
            children.append(_section(child, child_id, seg, notes, tasks))
    return models.Section(
        id=ident, marker=node.marker, level=node.level, number=node.number, title=note.title or "",
        text=note.text, units=_units(note.own, note.raw, False) if note.own else None,
        children=children, task_ids=task_ids, span=_span(node, note.start, note.end, seg))


def _task(node: Node, ident: str, section_id: str | None, seg: Segmented,
          notes: dict[int, Note]) -> models.Task:
    note = notes[id(node)]
    assert note.text is not None  # only a section's text can be None; a task's is its body
    assignment = note.assignment
    found = [*note.deadlines, *(assignment.deadlines if assignment else [])]
    return models.Task(
        id=ident, section_id=section_id, marker=node.marker, number=node.number, title=note.title,
        text=note.text, units=_units(assignment, _raw(node, notes), note.inherited),
        deadlines=[models.Deadline(raw=d.raw, kind=d.kind, date=d.date) for d in found],
        span=_span(node, note.start, note.end, seg))


def _raw(node: Node | None, notes: dict[int, Note]) -> str | None:
    while node is not None and id(node) in notes:
        note = notes[id(node)]
        if note.raw is not None and note.own is not None and note.own.has_units:
            return note.raw
        node = node.parent
    return None


def _units(assignment: Assignment | None, raw: str | None, inherited: bool) -> models.Units:
    if assignment is None:
        return models.Units(raw=raw)
    return models.Units(lead=assignment.lead, responsible=assignment.responsible,
                        cooperating=assignment.cooperating, raw=raw, inherited=inherited)


def _span(node: Node, start: int, end: int, seg: Segmented) -> models.Span:
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
