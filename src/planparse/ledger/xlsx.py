"""The task ledger as an Excel workbook (台账): the sheet an office keeps, plus documents and warnings.

Written with openpyxl in write-only mode, so a ledger of thousands of plans streams to disk
instead of being held in memory.  Ids, 序号 and every text are stored as text ("2.10" stays
"2.10"); 截止日期 is a real date, so the column sorts and filters as dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from planparse.ledger.entries import DEADLINE_JOIN, UNIT_JOIN, Entry, entries, location, task_at
from planparse.models import PlanDocument, Warning


@dataclass(frozen=True)
class Column:
    heading: str
    width: int  # in characters, as Excel measures column widths
    wrap: bool = False


TASK_COLUMNS = (
    Column("序号", 6), Column("文件", 24, True), Column("编号", 9), Column("一级标题", 22, True),
    Column("二级标题", 22, True), Column("任务", 24, True), Column("具体内容", 60, True),
    Column("牵头单位", 18, True), Column("责任单位", 22, True), Column("配合单位", 18, True),
    Column("完成时限", 18, True), Column("截止日期", 12), Column("时限类型", 10),
    Column("完成情况", 20, True), Column("页码/行号", 10),
)
DOCUMENT_COLUMNS = (
    Column("文件", 30, True), Column("格式", 7), Column("标题", 40, True), Column("方案标题", 40, True),
    Column("发文机关", 20, True), Column("发文字号", 18), Column("主送机关", 30, True),
    Column("成文日期", 12), Column("年度", 7), Column("任务数", 8), Column("警告数", 8),
    Column("可信度", 8),
)
WARNING_COLUMNS = (Column("文件", 30, True), Column("任务编号", 10), Column("代码", 22),
                   Column("说明", 70, True), Column("页码/行号", 10))
DATE_FORMAT = "yyyy-mm-dd"


def write_workbook(documents: Iterable[PlanDocument], target: str | Path | IO[bytes]) -> None:
    """Write the ledger of ``documents`` (consumed once, in order) to ``target``."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheets = [_Sheet(book, "台账", TASK_COLUMNS), _Sheet(book, "文件", DOCUMENT_COLUMNS),
              _Sheet(book, "警告", WARNING_COLUMNS)]
    # write-only sheets stream rows as they come, so the three are filled in one pass
    tasks, docs, warns = sheets
    for document in documents:
        for entry in entries(document):
            tasks.append(_task_row(entry))
        docs.append(_document_row(document))
        for warning in document.warnings:
            warns.append(_warning_row(document, warning))
    for sheet in sheets:
        sheet.finish()
    book.save(target)


def write_table(target: str | Path | IO[bytes], title: str, headings: Sequence[str],
                rows: Iterable[Sequence[object]]) -> None:
    """One sheet of ``rows`` under ``headings`` (query results), styled like the ledger."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = _Sheet(book, title, [Column(h, 24, True) for h in headings])
    for row in rows:
        sheet.append(row)
    sheet.finish()
    book.save(target)


class _Sheet:
    """A write-only sheet with a frozen, filterable header and set column widths."""

    def __init__(self, book: Any, title: str, columns: Sequence[Column]) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter

        self.sheet = book.create_sheet(title)
        self.columns = columns
        self.rows = 1
        self._cell = WriteOnlyCell
        self._wrap = Alignment(wrap_text=True, vertical="top")
        self._top = Alignment(vertical="top")
        for index, column in enumerate(columns, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = column.width
        self.sheet.freeze_panes = "A2"
        bold = Font(bold=True)
        self.sheet.append([self._styled(column.heading, column, bold) for column in columns])
        self._last = get_column_letter(len(columns))

    def _styled(self, value: object, column: Column, font: Any = None) -> Any:
        cell = self._cell(self.sheet, value=value)
        cell.alignment = self._wrap if column.wrap else self._top
        if font is not None:
            cell.font = font
        if isinstance(value, date):
            cell.number_format = DATE_FORMAT
        return cell

    def append(self, values: Sequence[object]) -> None:
        self.sheet.append([self._styled(v, c) for v, c in zip(values, self.columns, strict=True)])
        self.rows += 1

    def finish(self) -> None:
        self.sheet.auto_filter.ref = f"A1:{self._last}{self.rows}"


def _task_row(entry: Entry) -> list[object]:
    return [
        str(entry.number), entry.document, entry.task_id, entry.level1, entry.level2, entry.title,
        entry.text, UNIT_JOIN.join(entry.lead), UNIT_JOIN.join(entry.responsible),
        UNIT_JOIN.join(entry.cooperating), DEADLINE_JOIN.join(entry.deadline_raw), entry.due,
        entry.kind_label, "", entry.where,
    ]


def _document_row(document: PlanDocument) -> list[object]:
    meta = document.metadata
    return [
        document.source.path, document.source.format, meta.title or "", meta.plan_title or "",
        meta.issuer or "", meta.doc_number or "", UNIT_JOIN.join(meta.recipients),
        date.fromisoformat(meta.signed_date) if meta.signed_date else None,
        str(meta.year) if meta.year else "", len(document.tasks), len(document.warnings),
        document.confidence,
    ]


def _warning_row(document: PlanDocument, warning: Warning) -> list[object]:
    span = warning.span
    if span is None:
        return [document.source.path, "", warning.code, warning.message, ""]
    task = task_at(document, span.start) or ""
    return [document.source.path, task, warning.code, warning.message,
            location(span.page, span.line)]
