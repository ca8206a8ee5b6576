"""``planparse debug``: what one stage of the pipeline made of a document, a line per item.

For chasing a wrong answer back to the stage that gave it: the extractor's blocks, the
normalised paragraphs, or the outline tree with the ids ``extract`` gives.  Each stage is
run by the pipeline's own functions and yields records (flat dicts, ``type`` first), which
print as plain text or as JSON lines.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

from planparse.blocks import Block
from planparse.ir import Element, Paragraph, Row
from planparse.models import PlanDocument, Section, Task
from planparse.normalise import normalise
from planparse.pipeline import extract_bytes, run_pipeline

STAGES = ("blocks", "paragraphs", "tree")
ROLES = ("lead", "responsible", "cooperating")
CLIP = 60  # characters of a task's text shown when it has no title: one terminal line
Record = dict[str, Any]


def records(data: bytes, path: str, stage: str) -> list[Record]:
    """What ``stage`` (one of :data:`STAGES`) made of the document ``data`` named ``path``:
    a header record on the source, then the stage's items, then its warnings."""
    if stage not in STAGES:
        raise ValueError(f"no stage {stage!r}; one of {', '.join(STAGES)}")
    extracted = extract_bytes(data, path)
    head: Record = {"type": "source", "path": path, "format": extracted.format,
                    "pages": extracted.pages, "encoding": extracted.encoding,
                    "ocr": extracted.ocr, "stage": stage}
    if stage == "blocks":
        warnings = [_warning(code, message) for code, message in extracted.warnings]
        return [head, *map(_block, extracted.blocks), *warnings]
    if stage == "paragraphs":
        paras = normalise(extracted.blocks).paras
        return [head, *map(_paragraph, paras)]
    document = run_pipeline(extracted, path, hashlib.sha256(data).hexdigest())
    warnings = [_warning(w.code, w.message, w.task_id) for w in document.warnings]
    return [head, *_outline(document), *warnings]


def render(items: Iterable[Record], as_json: bool = False) -> Iterator[str]:
    """The records as output lines: JSON lines for programs, else text for people."""
    for item in items:
        yield (json.dumps(item, ensure_ascii=False) if as_json else _text(item)) + "\n"


# ------------------------------------------------------------------------------ the records


def _block(block: Block) -> Record:
    return {"type": "block", "page": block.page, "line": block.line,
            "kind": "row" if block.is_row else "paragraph", "table": block.table,
            "header": block.header, "hints": sorted(block.hints),
            "text": block.text, "cells": list(block.cells) if block.cells is not None else None}


def _paragraph(para: Element) -> Record:
    row = para if isinstance(para, Row) else None
    reading = None if row else para.reading  # a row's line kind and marker are no paragraph's
    last = para.breaks[-1] if isinstance(para, Paragraph) and para.breaks else None
    return {"type": "paragraph", "page": para.page, "line": para.line,
            # a paragraph rejoined from broken lines ends on a later source line or page
            "last_page": last[2] if last else None, "last_line": last[1] if last else None,
            "kind": "row" if row else "paragraph", "table": row.table if row else None,
            "hints": sorted(para.hints), "line_kind": reading.kind if reading else None,
            "marker": reading.marker.text if reading and reading.marker else None,
            "style": reading.marker.style if reading and reading.marker else None,
            "start": para.start, "end": para.end, "text": para.text,
            "cells": [c.text for c in row.cells] if row else None}


def _outline(document: PlanDocument) -> Iterator[Record]:
    tasks = {task.id: task for task in document.tasks}
    top = [task.id for task in document.tasks if task.section_id is None]
    yield from _items(document.sections, top, tasks, 1)


def _items(sections: list[Section], task_ids: list[str], tasks: dict[str, Task],
           depth: int) -> Iterator[Record]:
    """Sections and tasks of one level in printed order, which their ids' last number gives."""
    items: list[Section | Task] = [*sections, *(tasks[i] for i in task_ids)]
    for item in sorted(items, key=lambda it: int(it.id.rsplit(".", 1)[-1])):
        yield _node(item, depth)
        if isinstance(item, Section):
            yield from _items(item.children, item.task_ids, tasks, depth + 1)


def _node(item: Section | Task, depth: int) -> Record:
    task = isinstance(item, Task)
    units = item.units
    return {"type": "task" if task else "section", "id": item.id, "depth": depth,
            "page": item.span.page, "line": item.span.line, "marker": item.marker,
            "title": item.title, "text": item.text,
            "units": units.model_dump() if units is not None else None,
            "deadlines": [d.model_dump() for d in item.deadlines] if isinstance(item, Task) else []}


def _warning(code: str, message: str, task_id: str | None = None) -> Record:
    return {"type": "warning", "code": code, "message": message, "task_id": task_id}


# ------------------------------------------------------------------------------ as text


def _text(item: Record) -> str:
    kind = item["type"]
    if kind == "source":
        return _source_text(item)
    if kind == "warning":
        where = f" (task {item['task_id']})" if item["task_id"] else ""
        return f"warning {item['code']}: {item['message']}{where}"
    if kind in ("section", "task"):
        return _node_text(item)
    return _line_text(item)


def _source_text(item: Record) -> str:
    facts = [item["format"], f"{item['pages']} pages" if item["pages"] else None,
             item["encoding"], "OCR" if item["ocr"] else None]
    return f"# {item['path']}: {', '.join(f for f in facts if f)}; stage {item['stage']}"


def _line_text(item: Record) -> str:
    """A block or a paragraph: where, what kind, then the text (a row's cells joined by |)."""
    where = _where(item["page"], item["line"])
    if item.get("last_line") or item.get("last_page"):
        where += "-" + _where(item["last_page"], item["last_line"])
    kind = item["kind"] if item["table"] is None else f"{item['kind']} t{item['table']}"
    if item.get("header"):
        kind += " header"
    labels = [*item["hints"], item.get("line_kind"), item.get("style")]
    tags = f"[{','.join(t for t in labels if t)}] " if any(labels) else ""
    text = " | ".join(item["cells"]) if item["cells"] is not None else item["text"]
    return f"{where:<12} {kind:<16} {tags}{_one_line(text)}".rstrip()


def _node_text(item: Record) -> str:
    title = item["title"] or _clip(item["text"] or "")
    parts = [f"{'  ' * (item['depth'] - 1)}{item['id']} {item['type']} {item['marker'] or ''}{title}"]
    if item["units"] is not None:
        parts.append(_units_text(item["units"]))
    parts += [f"due {d['raw']}" + (f"={d['date']}" if d["date"] else "") for d in item["deadlines"]]
    if item["page"] or item["line"]:
        parts.append(f"@{_where(item['page'], item['line'])}")
    return "  ".join(p for p in parts if p)


def _units_text(units: Record) -> str:
    named = [f"{role}: {'、'.join(units[role])}" for role in ROLES if units[role]]
    return "; ".join(named) + (" (inherited)" if named and units["inherited"] else "")


def _where(page: int | None, line: int | None) -> str:
    parts = [f"p{page}" if page else "", f"L{line}" if line else ""]
    return ":".join(p for p in parts if p) or "-"


def _one_line(text: str) -> str:
    """Line breaks and tabs inside a block, visible and kept on its one output line."""
    return text.replace("\n", "\\n").replace("\t", "\\t")


def _clip(text: str) -> str:
    text = _one_line(text)
    return text if len(text) <= CLIP else text[: CLIP - 1] + "…"
