"""Render a text plan as a Word document the way an office would type it: one paragraph a
line, each run of tab-separated lines a table (repeated header rows included).

With ``numbered=True`` outline markers are typed with Word's list feature instead, as in the
seeds' -autonum renderings: the marker leaves the text and comes from numbering.xml, one
single-level list per marker shape (一、 （一） 1. …), a new list instance with a start
override wherever the printed numbers do not run on, so Word prints what the text printed.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from planparse.grammar.numerals import to_int

# An outline marker: its number in Chinese numerals or digits, in brackets or before 、 or .
MARKER = re.compile(r"^(?P<open>[（(]?)(?P<n>[一二三四五六七八九十]+|[1-9]\d?)"
                    r"(?P<close>[）)]|、|[.．](?![0-9]))")


def text_to_docx(text: str, target: Path, numbered: bool = False) -> Path:
    document = docx.Document()
    lists = _Lists(document) if numbered else None
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
            _paragraph(document, lines[i].strip(), lists)
        i += 1
    document.save(target)
    return target


def _paragraph(document: docx.Document, line: str, lists: _Lists | None) -> None:
    match = MARKER.match(line)
    rest = line[match.end():].lstrip() if match else ""
    if lists is None or match is None or not rest or bool(match["open"]) != (match["close"] in "）)"):
        document.add_paragraph(line)
        return
    digits = match["n"].isdigit()
    shape = ("decimal" if digits else "chineseCounting", match[0].replace(match["n"], "%1"))
    number_pr = document.add_paragraph(rest)._p.get_or_add_pPr().get_or_add_numPr()
    number_pr.get_or_add_ilvl().val = 0
    number_pr.get_or_add_numId().val = lists.number(shape, to_int(match["n"]))


class _Lists:
    """Lists in the document's numbering part: one abstract list per marker shape."""

    def __init__(self, document: docx.Document) -> None:
        self.root = document.part.numbering_part.element
        self.abstract: dict[tuple[str, str], int] = {}
        self.running: dict[tuple[str, str], tuple[int, int]] = {}  # shape -> (numId, last number)
        self.next_abstract = 1 + max(
            (int(a.get(qn("w:abstractNumId"))) for a in self.root.findall(qn("w:abstractNum"))), default=-1)
        self.next_num = 1 + max((int(n.get(qn("w:numId"))) for n in self.root.findall(qn("w:num"))), default=0)

    def number(self, shape: tuple[str, str], value: int) -> int:
        """The list instance under which Word prints ``value`` in this shape."""
        num_id, last = self.running.get(shape, (0, -1))
        if value != last + 1:
            num_id = self._instance(self._abstract(shape), value)
        self.running[shape] = (num_id, value)
        return num_id

    def _abstract(self, shape: tuple[str, str]) -> int:
        if shape not in self.abstract:
            self.abstract[shape] = self.next_abstract
            self.next_abstract += 1
            fmt, text = shape
            element = parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{self.abstract[shape]}">'
                '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                f'<w:numFmt w:val="{fmt}"/><w:suff w:val="nothing"/><w:lvlText w:val="{text}"/>'
                '<w:lvlJc w:val="left"/></w:lvl></w:abstractNum>')
            self.root.findall(qn("w:abstractNum"))[-1].addnext(element)  # all before any w:num
        return self.abstract[shape]

    def _instance(self, abstract: int, start: int) -> int:
        num_id, self.next_num = self.next_num, self.next_num + 1
        self.root.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'))
        return num_id
