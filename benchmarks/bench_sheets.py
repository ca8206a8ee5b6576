"""Time planparse's spreadsheet extraction against python-calamine merely reading the sheets.

The floor opens the workbook with calamine and reads what the extractor reads: every
visible worksheet's cells (``to_python``) and merged ranges.  planparse (timed as a user's
``planparse.extract.extract`` runs: the format sniffed, then the sheet reader) does that too, plus
its guard (the zip's declared sizes and the cells' positions in each inflated part; for
.xls/.et, the stream out of the compound file, its BIFF records and a clean container),
cell texts and blocks.  The goal is a ratio of at most 1.5.  Besides the seed workbooks, a
ledger of ``--rows`` rows is built with openpyxl (when installed), since the seeds are
small enough for fixed costs to dominate.  Times are the best of ``--runs`` in CPU time
(``time.process_time``), which a loaded machine disturbs far less than wall time.

    PYTHONPATH=src python benchmarks/bench_sheets.py [FILE ...] [--runs N] [--rows N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import python_calamine as calamine

from planparse.extract import extract

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
SUFFIXES = (".xlsx", ".xls", ".et")


def calamine_read(data: bytes) -> None:
    with calamine.CalamineWorkbook.from_filelike(BytesIO(data)) as book:
        for meta in book.sheets_metadata:
            if (meta.typ == calamine.SheetTypeEnum.WorkSheet
                    and meta.visible == calamine.SheetVisibleEnum.Visible):
                sheet = book.get_sheet_by_name(meta.name)
                sheet.to_python(skip_empty_area=False)
                _ = sheet.merged_cell_ranges


def ledger(rows: int) -> bytes | None:
    """A 台账 of ``rows`` task rows in groups of five merged 任务 cells, as Excel lays one out."""
    try:
        import openpyxl
    except ImportError:
        return None
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "工作任务", "具体要求", "责任单位", "完成时限", "备注"])
    for i in range(1, rows + 1):
        sheet.append([i, f"（{i}）推进第{i}项重点工作" if i % 5 == 1 else None,
                      f"{i}. 加强政务公开工作协调，强化政府系统内部信息整合，形成工作合力。",
                      "办公室、各科室", "2023年12月底前", None])
        if i % 5 == 1:
            sheet.merge_cells(start_row=i + 1, start_column=2, end_row=min(i + 5, rows + 1),
                              end_column=2)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def best_times(runs: int, data: bytes) -> tuple[float, float]:
    """Best of ``runs`` for planparse and for the baseline, alternating the two so that
    load from other processes falls on both alike."""
    functions: tuple[Callable[[bytes], object], ...] = (extract, calamine_read)
    best = dict.fromkeys(functions, float("inf"))
    for _ in range(runs):
        for function in functions:
            start = time.process_time()
            function(data)
            best[function] = min(best[function], time.process_time() - start)
    return best[extract], best[calamine_read]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="default: the seed workbooks")
    parser.add_argument("--runs", type=int, default=200,
                        help="best of N runs (default 200; a tenth of them for the ledger)")
    parser.add_argument("--rows", type=int, default=5000, help="rows of the built ledger")
    args = parser.parse_args()
    files = args.files or sorted(p for p in SEEDS.glob("*") if p.suffix in SUFFIXES)
    inputs = [(path.name, path.read_bytes()) for path in files]
    built = ledger(args.rows) if not args.files else None
    if built is not None:
        inputs.append((f"built ledger, {args.rows} rows (.xlsx)", built))
    if not inputs:
        print(f"no workbooks given and none in {SEEDS}", file=sys.stderr)
        return 2
    print(f"{'file':40} {'planparse ms':>12} {'calamine ms':>12} {'ratio':>6}")
    worst = 0.0
    for name, data in inputs:
        ours, theirs = best_times(args.runs if len(data) < 1 << 20 else args.runs // 10 or 1,
                                  data)
        worst = max(worst, ours / theirs)
        print(f"{name:40} {ours * 1e3:12.3f} {theirs * 1e3:12.3f} {ours / theirs:6.2f}")
    print(f"worst ratio {worst:.2f} (goal <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
