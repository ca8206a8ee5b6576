"""A Word document and the PDF LibreOffice prints of it give the same answer (issue 11.6).

The documents are 公文 typed here with python-docx: a portrait notice, its attached plan on
landscape pages of their own (a six-column table whose rows run across page breaks) and the
版记 on a page of its own.  Skipped without LibreOffice.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import planparse

docx = pytest.importorskip("docx", reason="building .docx fixtures needs python-docx (test extra)")
SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

from docx.enum.section import WD_ORIENT, WD_SECTION  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402
from docx.shared import Cm, Pt  # noqa: E402

HEAD = ("序号", "工作任务", "具体内容", "牵头单位", "配合单位", "完成时限")
WORK = "围绕中心工作加大信息公开力度，完善发布机制，及时准确发布权威信息，强化政策解读和回应关切。"


def _paragraph(
    document: Any, text: str, align: Any = None, size: float = 16.0, indent: bool = True
) -> Any:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    elif indent:
        paragraph.paragraph_format.first_line_indent = Pt(2 * size)
    return paragraph


def _border(paragraph: Any, *sides: str) -> None:
    edges = "".join(f'<w:{s} w:val="single" w:sz="8" w:space="1" w:color="000000"/>' for s in sides)
    paragraph._p.get_or_add_pPr().append(parse_xml(f"<w:pBdr {nsdecls('w')}>{edges}</w:pBdr>"))


def _page(section: Any, landscape: bool, margin: float) -> None:
    width, height = Cm(21), Cm(29.7)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(margin))


def _notice(target: Path, size: float, margin: float, repeat: bool) -> Path:
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(size)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Noto Sans CJK SC")
    centre, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    _page(document.sections[0], False, margin)
    _paragraph(document, "某某市人民政府办公室文件", centre, 2 * size)
    _paragraph(document, "某政办〔2023〕12号", centre, size)
    _paragraph(document, "某某市人民政府办公室关于印发某某市2023年政务公开重点工作任务分解表的通知",
               centre, 1.4 * size)
    _paragraph(document, "各县（区）人民政府，市政府各部门：", size=size, indent=False)
    _paragraph(document, "现将《某某市2023年政务公开重点工作任务分解表》印发给你们，请结合实际认真贯彻落实。",
               size=size)
    _paragraph(document, "某某市人民政府办公室", right, size)
    _paragraph(document, "2023年8月1日", right, size)
    _paragraph(document, "（此件主动公开）", size=size)
    _page(document.add_section(WD_SECTION.NEW_PAGE), True, margin)
    _paragraph(document, "附件", size=size, indent=False)
    _paragraph(document, "某某市2023年政务公开", centre, 1.4 * size)
    _paragraph(document, "重点工作任务分解表", centre, 1.4 * size)
    table = document.add_table(rows=1, cols=len(HEAD))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEAD):
        cell.text = text
    if repeat:
        table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    for n in range(1, 13):
        cells = table.add_row().cells
        values = (str(n), f"做好第{n}项重点领域信息公开", f"{n}. " + WORK * (9 if n % 4 == 0 else 2),
                  "市政府办公室", "各县（区）人民政府、市直各部门", f"2023年{n % 12 + 1}月底前")
        for cell, text in zip(cells, values):
            cell.text = text
    _page(document.add_section(WD_SECTION.NEW_PAGE), False, margin)
    _border(_paragraph(document, "抄送：市委办公室，市人大常委会办公室，市政协办公室。", size=size,
                       indent=False), "top")
    _border(_paragraph(document, "某某市人民政府办公室\t\t2023年8月3日印发", size=size,
                       indent=False), "top", "bottom")
    document.save(target)
    return target


def _to_pdf(source: Path) -> Path:
    profile = source.parent / "lo-profile"
    subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(source.parent), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    return source.with_suffix(".pdf")


def _answer(path: Path) -> dict[str, Any]:
    plan = planparse.parse(path).model_dump(mode="json")
    tasks = [(t["number"], t["text"], t["units"], t["deadlines"]) for t in plan["tasks"]]
    return {"metadata": plan["metadata"], "sections": [s["title"] for s in plan["sections"]],
            "tasks": tasks}


@pytest.mark.parametrize(("size", "margin", "repeat"), [(16.0, 2.5, True), (14.0, 3.0, False)])
def test_the_pdf_of_a_notice_reads_as_its_docx(
    tmp_path: Path, size: float, margin: float, repeat: bool
) -> None:
    source = _notice(tmp_path / "notice.docx", size, margin, repeat)
    expected = _answer(source)
    assert expected["metadata"]["plan_title"] == "某某市2023年政务公开重点工作任务分解表"
    assert expected["metadata"]["printed_date"] == "2023-08-03" and len(expected["tasks"]) == 12
    assert _answer(_to_pdf(source)) == expected
