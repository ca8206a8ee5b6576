"""The 台账 in the forms offices use: CSV with office headings, and the Excel workbook."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from conftest import SAMPLES

from planparse import parse_text
from planparse.ledger.entries import entries

openpyxl = pytest.importorskip("openpyxl", reason="the xlsx ledger needs openpyxl (extra: xlsx)")

# Eleven items under one heading, so that a task id "1.10" exists (Excel and pandas turn an
# unquoted 1.10 into the number 1.1); dated, ongoing and recurring deadlines; a numbering gap.
ITEMS = "\n".join(
    f"{n}. 做好第{n}项公开工作，按要求更新栏目内容。（区政务服务数据管理局负责，"
    f"{'2024年6月底前' if n % 3 == 1 else '长期坚持' if n % 3 == 2 else '每年1月31日前'}）"
    for n in range(1, 12))
PLAN = f"""某某区2024年政务公开工作要点

一、深化重点领域信息公开
{ITEMS}
二、强化平台建设
1. 优化政府网站栏目设置。（区政府办公室牵头，各街道配合，2024年3月底前完成，2024年9月底前完善）
3. 规范政务新媒体管理。（区政府办公室负责）
"""


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planparse", *args], capture_output=True,
                          timeout=300)


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "要点.txt"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_entries_give_headings_as_printed_and_the_earliest_date():
    found = list(entries(parse_text(PLAN)))
    assert [e.task_id for e in found][9:11] == ["1.10", "1.11"]
    first = found[0]
    assert first.level1 == "一、深化重点领域信息公开" and first.level2 == ""
    platform = next(e for e in found if e.task_id == "2.1")
    assert platform.due is not None and platform.due.isoformat() == "2024-03-31"
    assert platform.lead == ("区政府办公室",) and platform.cooperating == ("各街道",)
    assert found[1].kind_label == "长期坚持" and found[1].due is None


def test_csv_in_office_headings_keeps_ids_as_text(plan_file: Path):
    result = run("extract", str(plan_file), "--format", "csv", "--lang", "zh")
    assert result.returncode == 0, result.stderr
    table = list(csv.reader(io.StringIO(result.stdout.decode("utf-8-sig"))))
    assert table[0][:3] == ["文件", "编号", "所属章节"]
    assert [row[1] for row in table[1:]][9] == "1.10"


def test_xlsx_ledger_has_text_ids_real_dates_a_frozen_filtered_header(plan_file: Path,
                                                                      tmp_path: Path):
    target = tmp_path / "台账.xlsx"
    result = run("extract", str(plan_file), "--format", "xlsx", "-o", str(target))
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["台账", "文件", "警告"]
    sheet = book["台账"]
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["序号", "文件", "编号", "一级标题"] and "截止日期" in header
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:O{sheet.max_row}"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    ids = [row[header.index("编号")] for row in rows]
    assert ids[9] == "1.10" and all(isinstance(i, str) for i in ids)
    assert all(isinstance(row[0], str) for row in rows)  # 序号 as text too
    due = {row[header.index("编号")]: row[header.index("截止日期")] for row in rows}
    assert due["2.1"] == datetime(2024, 3, 31)  # the earlier of two dates, as a real date
    assert due["1.2"] is None
    assert sheet.cell(2, header.index("具体内容") + 1).alignment.wrap_text
    warnings = list(book["警告"].iter_rows(min_row=2, values_only=True))
    assert any(code == "numbering_gap" and task == "2.2" for _, task, code, *_ in warnings)
    documents = list(book["文件"].iter_rows(min_row=2, values_only=True))
    assert len(documents) == 1 and documents[0][9] == 13  # 任务数


def test_batch_writes_one_workbook_for_all_documents(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("000_834a0c88301c0f66.docx", "003_820f42fe4d9a515f.txt"):
        shutil.copy(SAMPLES / name, folder / name)
    target = tmp_path / "all.xlsx"
    result = run("batch", str(folder), "--format", "xlsx", "-o", str(target), "-j", "1")
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(target)
    rows = list(book["台账"].iter_rows(min_row=2, values_only=True))
    assert len({row[1] for row in rows}) == 2
    assert [row[0] for row in rows].count("1") == 2  # 序号 starts again for each document
    documents = [row[0] for row in book["文件"].iter_rows(min_row=2, values_only=True)]
    assert sorted(Path(d).name for d in documents) == sorted(p.name for p in folder.iterdir())


def test_xlsx_goes_to_stdout_when_that_is_no_terminal(plan_file: Path):
    from typer.testing import CliRunner

    from planparse.cli import app

    # in this process: no memory ceiling, which later subprocesses would inherit
    result = CliRunner().invoke(app, ["extract", str(plan_file), "--format", "xlsx",
                                      "--memory", "0"])
    assert result.exit_code == 0 and result.stdout_bytes[:2] == b"PK"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_workbook_with_ids_intact(plan_file: Path, tmp_path: Path):
    target = tmp_path / "ledger.xlsx"
    assert run("extract", str(plan_file), "--format", "xlsx", "-o", str(target)).returncode == 0
    profile = tmp_path / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
                    str(tmp_path), str(target)], capture_output=True, timeout=180, check=True)
    table = list(csv.reader((tmp_path / "ledger.csv").open(encoding="utf-8")))
    assert table[0][0] == "序号" and table[10][2] == "1.10"
    due = table[0].index("截止日期")
    assert next(row[due] for row in table[1:] if row[2] == "2.1") == "2024-03-31"
