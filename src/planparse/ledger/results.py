"""Query results out: a terminal table, JSON, CSV or an Excel sheet."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from planparse.ledger.query import COLUMNS, HEADINGS_ZH

Row = Sequence[object]


def write_rows(rows: Sequence[Row], form: str, output: Path | None) -> None:
    """Write query ``rows`` (:data:`COLUMNS`) as ``form`` into ``output`` or onto stdout."""
    if form == "xlsx":
        _xlsx(rows, output)
        return
    text = {"table": _table, "json": _json, "csv": _csv}[form](rows)
    if output is None:
        sys.stdout.write(text)
    else:
        from planparse.outputs import write_atomically

        write_atomically(output, text)


def _json(rows: Sequence[Row]) -> str:
    return "".join(json.dumps(dict(zip(COLUMNS, row, strict=True)), ensure_ascii=False) + "\n"
                   for row in rows)


def _csv(rows: Sequence[Row]) -> str:
    from planparse.ledger.csv import BOM, _line

    return BOM + _line(COLUMNS) + "".join(_line("" if v is None else str(v) for v in row)
                                          for row in rows)


def _table(rows: Sequence[Row]) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(*HEADINGS_ZH[:3], HEADINGS_ZH[4], HEADINGS_ZH[5], HEADINGS_ZH[7],
                  HEADINGS_ZH[8], show_lines=True)
    for document, task_id, title, text, lead, responsible, _, deadlines, due in rows:
        table.add_row(Path(str(document)).name, str(task_id), str(title or text)[:60],
                      str(lead or ""), str(responsible or ""), str(deadlines or ""), str(due or ""))
    console = Console(record=True, file=io.StringIO(), width=_width())
    console.print(table)
    console.print(f"{len(rows)} tasks")
    return console.export_text()


def _width() -> int:
    import shutil

    return shutil.get_terminal_size((120, 24)).columns


def _xlsx(rows: Sequence[Row], output: Path | None) -> None:
    from planparse.ledger.xlsx import write_table

    if output is None:
        raise ValueError("an Excel file needs -o FILE.xlsx")
    due = len(COLUMNS) - 1
    table = [[*row[:due], date.fromisoformat(str(row[due])) if row[due] else None] for row in rows]
    write_table(output, "查询结果", HEADINGS_ZH, table)
