"""Segment: front matter, the outline (prose or table), back matter."""

from __future__ import annotations

import itertools

from planparse import models
from planparse.grammar.columns import Columns, column_roles, sub_header
from planparse.ir import Document, Element, Node, Notice, Paragraph, Row, Segmented
from planparse.rules.markers import TOP_STYLES
from planparse.rules.warnings import WarningCode as W
from planparse.segment import front
from planparse.segment.outline import OutlineBuilder
from planparse.segment.table import TableBuilder

# Lines that close the body of a plan: what follows is back matter.
# An outline after the closing lines, unread: this many top-level headings, paragraphs (less
# is a list of notes or of attachments)
UNREAD_HEADINGS, UNREAD_PARAS = 2, 10
_TAIL_KINDS = ("date", "publicity", "annotation", "printed", "cc", "attachment_note", "attachment_label")


def segment(document: Document) -> Segmented:
    paras = document.paras
    body_start, body_end = _body(paras)
    metadata = models.Metadata()
    preamble = front.read_head(paras[:body_start], metadata)
    front.read_tail(paras[body_end:], metadata)
    front.finish(metadata, preamble, document.web)
    notices: list[Notice] = []
    root = Node(None, None, None, 0, 0)
    _outline(paras[body_start:body_end], document.text, root, notices)
    _unread(paras, body_end, notices)
    return Segmented(document, metadata, preamble, root, notices)


def _unread(paras: list[Element], body_end: int, notices: list[Notice]) -> None:
    """Say so when an outline after the plan's closing lines is left unread (a second plan
    pasted after the first, say): only the first plan of a file is read."""
    later = _body_start(paras, body_end)
    headings = sum(1 for i in range(later, len(paras)) if _top_heading(paras, i))
    after = len(paras) - later
    if headings >= UNREAD_HEADINGS and after >= UNREAD_PARAS:
        notices.append(Notice(W.UNREAD_TEXT, f"{after} paragraphs after the plan's closing lines"
                              " hold another outline, which was not read (a second document?)",
                              paras[later].start, paras[-1].end))


def _body(paras: list[Element]) -> tuple[int, int]:
    """Where the plan's outline starts and ends.  A 通知 that numbers points of its own
    (现将有关事项通知如下：一、…) is passed over when its plan follows its closing lines."""
    start = _body_start(paras, 0)
    end = _body_end(paras, start)
    later = _body_start(paras, end)
    if later < len(paras) and _is_open_notice(paras[:start]) and paras[end].reading.kind != "notes":
        start, end = later, _body_end(paras, later)
    return start, end


def _is_open_notice(head: list[Element]) -> bool:
    """Does the text before the first numbered line open a 通知 (a title, then 主送机关) that
    has not closed yet (no signature or 成文日期), so that the numbered lines are its own?"""
    kinds = {front.element_kind(head, i) for i in range(len(head))}
    return "recipients" in kinds and not kinds & {"signature", "date"}


def _body_start(paras: list[Element], begin: int) -> int:
    for i in range(begin, len(paras)):
        para = paras[i]
        if isinstance(para, Row):
            return i
        if _top_heading(paras, i):
            return i
    return len(paras)


def _top_heading(paras: list[Element], i: int) -> bool:
    para = paras[i]
    marker = para.reading.marker if isinstance(para, Paragraph) else None
    return marker is not None and marker.style in TOP_STYLES and not _attachment_entry(paras, i)


def _attachment_entry(paras: list[Element], i: int) -> bool:
    """Is paragraph ``i`` a later entry of a numbered 附件 list (附件：1．…方案 / 2．…表)?"""
    j = i
    while j > 0 and "。" not in paras[j].text and paras[j].reading.marker:
        j -= 1
    return j < i and paras[j].reading.kind == "attachment_note"


def _body_end(paras: list[Element], start: int) -> int:
    for i in range(start, len(paras)):
        if isinstance(paras[i], Row):
            continue
        kind = front.element_kind(paras, i)
        if kind in _TAIL_KINDS or kind == "signature" or paras[i].reading.kind == "notes":
            return i
    return len(paras)


def _outline(paras: list[Element], text: str, root: Node, notices: list[Notice]) -> None:
    prose = OutlineBuilder(root, text, notices)
    table: TableBuilder | None = None
    i = 0
    while i < len(paras):
        para = paras[i]
        if isinstance(para, Paragraph):
            prose.add(para, paras[i + 1] if i + 1 < len(paras) else None)
            i += 1
            continue
        rows = _rows(paras, i, para.table)
        table = _table(rows, prose.heading_open(), root, table, prose, notices)
        i += len(rows)


def _rows(paras: list[Element], i: int, table: int | None) -> list[Row]:
    """The rows of table ``table`` from ``i`` on."""
    rows = []
    for para in itertools.islice(paras, i, None):
        if not isinstance(para, Row) or para.table != table:
            break
        rows.append(para)
    return rows


def _columns(rows: list[Row], previous: TableBuilder | None) -> tuple[Columns, list[Row]] | None:
    """A plan table's columns, from its header rows or else the table before, and its body
    rows; None if it is not a plan table."""
    columns = column_roles([c.text for c in rows[0].cells])
    if columns is not None:
        sub = sub_header([c.text for c in rows[1].cells]) if len(rows) > 1 else None
        return (columns, rows[1:]) if sub is None else (columns.refined(sub), rows[2:])
    if previous is not None and len(rows[0].cells) == len(previous.columns.roles):
        return previous.columns, rows
    return None


def _table(rows: list[Row], heading: Node | None, root: Node, previous: TableBuilder | None,
           prose: OutlineBuilder, notices: list[Notice]) -> TableBuilder | None:
    """Rows of one table, under the heading just read if there is one.  A table that repeats
    the header of the one before, or has none and is as wide, goes on with that one (a plan
    table cut by page breaks or by headings between): under a new heading it starts there,
    otherwise its merged cells go on from the last row."""
    found = _columns(rows, previous)
    if found is None:
        for row in rows:  # not a plan table: its rows read as paragraphs
            prose.add(row)
        return previous
    columns, rows = found
    if previous is not None and columns == previous.columns:
        builder = previous
        if heading is not None:
            builder.restart(heading)
    else:
        builder = TableBuilder(heading or root, columns, notices, prose.place_heading)
    builder.extend(rows)
    return builder
