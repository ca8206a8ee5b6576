"""Render a text plan as a Word document the way an office would type it: one paragraph a
line, each run of tab-separated lines a table (repeated header rows included)."""

from __future__ import annotations

from pathlib import Path

import docx


def text_to_docx(text: str, target: Path) -> Path:
    document = docx.Document()
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            rows = []
            while i < len(lines) and ("\t" in lines[i] or not lines[i].strip()):
                if lines[i].strip():
                    rows.append(lines[i].split("\t"))
                i += 1
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for r, cells in enumerate(rows):
                for c, value in enumerate(cells):
                    table.cell(r, c).text = value
            continue
        if lines[i].strip():
            document.add_paragraph(lines[i].strip())
        i += 1
    document.save(target)
    return target
