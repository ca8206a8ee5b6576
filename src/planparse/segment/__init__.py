"""Segment: front matter, the outline (prose or table), back matter."""

from __future__ import annotations

from dataclasses import dataclass, field

from planparse.markers import match_marker
from planparse.normalise import Document, Para
from planparse.rules.markers import TOP_STYLES
from planparse.segment import front
from planparse.segment.nodes import Node, Notice
from planparse.segment.outline import OutlineBuilder
from planparse.segment.table import TableBuilder, column_roles

# Lines that close the body of a plan: what follows is back matter.
_TAIL_KINDS = ("date", "publicity", "printed", "cc", "attachment_note", "attachment_label")


@dataclass
class Segmented:
    document: Document
    meta: front.Meta
    root: Node
    notices: list[Notice] = field(default_factory=list)


def segment(document: Document) -> Segmented:
    paras = document.paras
    body_start = _body_start(paras)
    body_end = _body_end(paras, body_start)
    meta = front.Meta()
    front.read_head(paras[:body_start], meta)
    front.read_tail(paras[body_end:], meta)
    front.finish(meta)
    notices: list[Notice] = []
    root = Node(None, None, None, 0, 0)
    _outline(paras[body_start:body_end], document.text, root, notices)
    return Segmented(document, meta, root, notices)


def _body_start(paras: list[Para]) -> int:
    for i, para in enumerate(paras):
        if para.is_row:
            return i
        marker = match_marker(para.text)
        if marker and marker.style in TOP_STYLES:
            return i
    return len(paras)


def _body_end(paras: list[Para], start: int) -> int:
    for i in range(start, len(paras)):
        if paras[i].is_row:
            continue
        kind = front.element_kind(paras, i)
        if kind in _TAIL_KINDS or kind == "signature":
            return i
    return len(paras)


def _outline(paras: list[Para], text: str, root: Node, notices: list[Notice]) -> None:
    prose = OutlineBuilder(root, text, notices)
    i = 0
    while i < len(paras):
        if not paras[i].is_row:
            prose.add(paras[i])
            i += 1
            continue
        j = i
        while j < len(paras) and paras[j].is_row and paras[j].table == paras[i].table:
            j += 1
        _table(paras[i:j], root, prose, notices)
        i = j


def _table(rows: list[Para], root: Node, prose: OutlineBuilder, notices: list[Notice]) -> None:
    columns = column_roles([c.text for c in rows[0].cells or []])
    if columns is None:
        for row in rows:  # not a plan table: its rows read as paragraphs
            prose.add(row)
        return
    builder = TableBuilder(root, columns, rows[1:], notices)
    for row in rows[1:]:
        builder.add(row)
