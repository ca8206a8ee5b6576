"""Annotate: a note on every node of the outline (task or section, title, text, units and
deadlines), read with the grammar from the segmented document."""

from __future__ import annotations

import regex

from planparse.grammar import deadlines as dl
from planparse.grammar.fold import fold
from planparse.grammar.parenthetical import is_unclosed, trailing
from planparse.grammar.units import (
    ROLES,
    Assignment,
    leading_units,
    parse_cell,
    parse_parenthetical,
    trailing_fields,
)
from planparse.ir import Annotations, Node, Note, Notice, Segmented
from planparse.rules.units import DEADLINE, INNER_LABEL_ROLES
from planparse.rules.warnings import WarningCode as W

TITLE_MAX = 30  # a first sentence this short, followed by more text, is the item's title
HEADING_MAX = 25  # characters in a heading line with only prose under it
_SENTENCE = regex.compile(r"^(.+?[。！？!?])")
_PUNCTUATED = regex.compile(r"[。！？!?；;，,：:]")
_EDGE = " \u3000\n\t；;"
# a bracketed labelled field inside an item's text: （牵头单位：…）, 〔责任单位：…〕
_INNER_FIELDS = regex.compile(
    rf"[（(〔\[【]\s*(?:{'|'.join(INNER_LABEL_ROLES)})[^（）()〔〕\[\]【】]{{0,6}}[:：][^（）()〔〕\[\]【】]{{2,80}}[）)〕\]】]")


def annotate(seg: Segmented) -> Annotations:
    """A note on every node of ``seg``'s outline, and the warnings they raise; ``seg`` itself
    is left as it is."""
    notices: list[Notice] = []
    found = Annotations([_annotated(node, seg, notices, None) for node in seg.root.children], notices)
    notices.extend(_warnings(found, seg.metadata.signed_date))
    return found


def _annotated(node: Node, seg: Segmented, notices: list[Notice], held: Note | None) -> Note:
    """The note on ``node``, with its children's; ``held``: the nearest note above it whose
    units it takes when it names none of its own (a section's parenthetical)."""
    note = _note(node, seg, notices)
    _inherit(note, held)
    below = note if note.own is not None and note.own.has_units else held
    note.children = tuple(_annotated(child, seg, notices, below) for child in node.children)
    return note


def _note(node: Node, seg: Segmented, notices: list[Notice]) -> Note:
    """The note on ``node``; a warning on its text goes to ``notices``."""
    text = seg.document.text
    year = seg.metadata.year
    end = node.parts[-1][1] if node.parts and not node.children else node.end
    start, end = _strip(text, node.start, end)
    own, raw, start, end = _closing_units(seg, start, end, notices)
    body = text[start:end]
    if own is not None and not node.children:
        own = _with_inner_fields(own, body, year)
    leading = leading_units(body) if own is None and not node.children else None
    if leading:
        raw, own = body[: leading[0]], leading[1]
    if node.cells:
        own, raw = _from_cells(node, year)
    is_task = not node.children and not (own is None and _bare_heading(node, body))
    note = Note(node, is_task, None, body, start, end, own, raw)
    if is_task:
        note.title = _title(body)
        note.deadlines = dl.find_inline(body, year)
    else:
        note.title, note.text = _section_title(body, node, text)
    return note


def _closing_units(seg: Segmented, start: int, end: int,
                   notices: list[Notice]) -> tuple[Assignment | None, str | None, int, int]:
    """The units a closing parenthetical, or else closing labelled fields, of the text from
    ``start`` to ``end`` name; the text as printed; and the span of the text before them."""
    text = seg.document.text
    year = seg.metadata.year
    body = text[start:end]
    found = trailing(body)
    if found:
        own = parse_parenthetical(found[1], year)
        if own is not None:
            if is_unclosed(body):
                notices.append(Notice.fixed(W.UNCLOSED_PARENTHETICAL, start + found[0], end))
            return own, found[1], *_strip(text, start, start + found[0])
    fields = trailing_fields(body, year)
    if fields:
        return fields[1], body[fields[0]:].strip(), *_strip(text, start, start + fields[0])
    return None, None, start, end


def _with_inner_fields(own: Assignment, body: str, year: int | None) -> Assignment:
    """An item with a labelled parenthetical inside its text besides its closing one
    ("…（牵头单位：A）…。（牵头单位：B）"): the units of both."""
    if "：" not in body and ":" not in body:
        return own
    found = [parse_parenthetical(body[m.start() + 1: m.end() - 1], year)
             for m in _INNER_FIELDS.finditer(fold(body))]
    inner = [a for a in found if a is not None]
    if not inner:
        return own
    merged = Assignment(deadlines=own.deadlines)
    for part in [*inner, own]:  # in the order printed
        for role in ROLES:
            merged.add(role, getattr(part, role))
    return merged


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \u3000\n\t":
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _from_cells(node: Node, year: int | None) -> tuple[Assignment, str]:
    """A table row's unit and time columns, as a parenthetical would give them."""
    result = Assignment()
    for role, cell in node.cells.items():
        if role == DEADLINE:
            result.deadlines.extend(dl.parse_field(cell.text, year))
            continue
        found = parse_cell(cell.text, role)
        for unit_role in ROLES:
            result.add(unit_role, getattr(found, unit_role))
    return result, "；".join(cell.text for cell in node.cells.values())


def _bare_heading(node: Node, body: str) -> bool:
    """A heading among siblings that hold items, left empty or with only prose under it
    (一、总体要求 and its paragraphs): a section without tasks."""
    siblings = node.parent.children if node.parent else []
    head = body.partition("\n")[0] if node.parts else body
    return (
        not node.from_table
        and "。" not in head
        and (not node.parts or len(head) <= HEADING_MAX)
        and any(s.children for s in siblings if s.style == node.style)
    )


def _title(body: str) -> str | None:
    """The item's short first sentence, or a heading line standing above its paragraphs."""
    head, newline, _ = body.partition("\n")
    if newline and not _PUNCTUATED.search(head):
        found = trailing(head)
        head = head[: found[0]] if found else head
        return head.strip() if 0 < len(head.strip()) <= TITLE_MAX else None
    match = _SENTENCE.match(body)
    if not match or len(match[1]) > TITLE_MAX + 1 or len(match[1]) >= len(body.rstrip("。 ")):
        return None
    return match[1].rstrip("。！？!?")


def _section_title(body: str, node: Node, text: str) -> tuple[str, str | None]:
    """A heading's title leaves out its 。; further sentences and paragraphs are its text."""
    head_end = text.find("\n", node.start)
    head = body if head_end < 0 or head_end >= node.start + len(body) else body[: head_end - node.start]
    title = head.rstrip("。. ")
    rest = ""
    match = _SENTENCE.match(head)
    if match and len(match[1]) < len(head):
        title, rest = match[1].rstrip("。！？!?"), head[len(match[1]):]
    parts = [text[s:e].strip() for s, e in node.parts]
    extra = "\n".join(p for p in [rest.strip(), *parts] if p)
    return title, extra or None


def _inherit(note: Note, held: Note | None) -> None:
    """The units a note goes by: its own, or else those of the note ``held`` above it (with
    its own deadlines)."""
    own = note.own
    if own is not None and own.has_units:
        note.assignment, note.units_raw = own, note.raw
    elif held is not None and held.own is not None:
        note.assignment, note.inherited = _with_own_deadlines(held.own, own), True
        note.units_raw = held.raw
    else:
        note.assignment = own


def _with_own_deadlines(held: Assignment, own: Assignment | None) -> Assignment:
    if own is None or not own.deadlines:
        return held
    return Assignment(held.lead, held.responsible, held.cooperating, own.deadlines)


def _warnings(annotations: Annotations, signed: str | None) -> list[Notice]:
    """No tasks at all; tasks without units, deadlines before the document's date ``signed``,
    sections without tasks."""
    notes = list(annotations.walk())
    found = [] if any(note.is_task for note in notes) else [Notice.fixed(W.NO_TASKS)]
    for note in notes:
        if note.is_task and (note.assignment is None or not note.assignment.has_units):
            found.append(Notice.fixed(W.TASK_WITHOUT_UNITS, note.start, note.end))
        found.extend(_early_deadlines(note, signed))
        if not note.is_task and not any(below.is_task for below in note.walk()):
            found.append(Notice.fixed(W.SECTION_WITHOUT_TASKS, note.start, note.end))
    return found


def _early_deadlines(note: Note, signed: str | None) -> list[Notice]:
    """A notice for each date deadline of ``note`` before the document's date ``signed``."""
    return [Notice(W.DEADLINE_BEFORE_DOCUMENT, f"deadline {deadline.raw} is before the"
                   f" document's date {signed}", note.start, note.end)
            for deadline in _all_deadlines(note)
            if signed and deadline.kind == "date" and deadline.date and deadline.date < signed]


def _all_deadlines(note: Note) -> list[dl.Deadline]:
    from_units = note.assignment.deadlines if note.assignment else []
    return [*note.deadlines, *from_units]
