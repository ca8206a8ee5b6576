"""PDF extractor tests on small PDFs built here with reportlab (no font file needed).

Test dependency: reportlab (for the `test` extra), which writes Chinese text with its built-in
CID font STSong-Light.  That font is referenced, not embedded, so PDFium has no glyph boxes
for it: a good check that layout relies on origins and font sizes, never on ink.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planparse.blocks import CENTER, LARGE, RED, RIGHT, Block
from planparse.errors import PlanparseError
from planparse.extract import pdf
from planparse.extract.pdf import extract

reportlab = pytest.importorskip("reportlab", reason="PDF fixtures need reportlab (test extra)")

from reportlab.lib.colors import Color, black, red  # noqa: E402
from reportlab.lib.pdfencrypt import StandardEncryption  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

WIDTH, HEIGHT = 595.0, 842.0
LEFT, RIGHT_EDGE = 80.0, 528.0  # a 28-em column at 16pt
TOP, BOTTOM = 110.0, 740.0  # first and last baseline of the body (from the top)
BODY, PITCH = 16.0, 28.0
SAMPLES = Path(__file__).resolve().parent.parent / "samples"  # the seed corpus, in the repo
SEEDS = SAMPLES if SAMPLES.is_dir() else Path("/work/shared/corpus/seeds")  # tests skip if none


# -- fixture builder -------------------------------------------------------------------


@dataclass
class Sheet:
    """A reportlab canvas laid out like a 公文: 16pt body, fixed line pitch, y from the top.

    ``header`` is a running header drawn on every page, ``numbers`` adds — N — footers.
    """

    header: str | None = None
    numbers: bool = False
    encrypt: str | None = None
    borders: bool = True  # False: tables set without ruling lines, as Word prints "no borders"
    y: float = TOP
    page: int = 1
    buffer: BytesIO = field(default_factory=BytesIO)

    def __post_init__(self) -> None:
        options = {"encrypt": StandardEncryption(self.encrypt)} if self.encrypt else {}
        self.canvas = Canvas(self.buffer, pagesize=(WIDTH, HEIGHT), **options)
        self._furniture()

    def text(self, x: float, text: str, size: float = BODY, colour: Color = black) -> None:
        self.canvas.setFillColor(colour)
        self.canvas.setFont(FONT, size)
        self.canvas.drawString(x, HEIGHT - self.y, text)

    def line(self, text: str, x: float = LEFT, size: float = BODY, colour: Color = black) -> None:
        if self.y > BOTTOM:
            self.new_page()
        self.text(x, text, size, colour)
        self.y += PITCH

    def paragraph(self, text: str, indent: float = 2, size: float = BODY) -> None:
        """``text`` wrapped to the column, first line indented by ``indent`` ems."""
        x = LEFT + indent * size
        for line in _wrap(text, RIGHT_EDGE - x, RIGHT_EDGE - LEFT, size):
            self.line(line, x, size)
            x = LEFT

    def centred(
        self, text: str, size: float = BODY, colour: Color = black, pitch: float = PITCH
    ) -> None:
        """``text`` wrapped to the column, each line centred."""
        for line in _wrap(text, RIGHT_EDGE - LEFT, RIGHT_EDGE - LEFT, size):
            width = pdfmetrics.stringWidth(line, FONT, size)
            self.text((LEFT + RIGHT_EDGE - width) / 2, line, size, colour)
            self.y += pitch

    def right(self, text: str) -> None:
        self.line(text, RIGHT_EDGE - 2 * BODY - pdfmetrics.stringWidth(text, FONT, BODY))

    def rule(self, colour: Color = red, width: float = 2.0) -> None:
        self.canvas.setStrokeColor(colour)
        self.canvas.setLineWidth(width)
        self.canvas.line(LEFT, HEIGHT - self.y, RIGHT_EDGE, HEIGHT - self.y)
        self.y += PITCH

    def table(
        self, widths: list[float], rows: list[tuple[str | None, ...]], header: int = 0
    ) -> None:
        """A ruled table; ``None`` is a cell merged into the one above, ``"<"`` into the one
        on its left.  Rows that do not fit go to the next page after the first ``header``
        rows repeated; a merged cell running over the break continues there blank."""
        xs = [LEFT + sum(widths[:i]) for i in range(len(widths) + 1)]
        top_of_page = True
        for index, row in enumerate(rows):
            height = self._row_height(widths, row)
            if self.y + height > BOTTOM + PITCH:
                self._rule_h(xs[0], xs[-1], self.y)
                self.new_page()
                for head in rows[:header]:
                    self._row(xs, head, self._row_height(widths, head), first=True)
                top_of_page = True
            self._row(xs, row, height, first=top_of_page)
            top_of_page = False
            if index == len(rows) - 1:
                self._rule_h(xs[0], xs[-1], self.y)
        self.y += PITCH

    def _row_height(self, widths: list[float], row: tuple[str | None, ...]) -> float:
        lines = [
            len(_wrap(c, w - 12, w - 12, 12)) for c, w in zip(row, widths) if c not in (None, "<")
        ]
        return 20.0 * max([*lines, 1]) + 8

    def _row(
        self, xs: list[float], row: tuple[str | None, ...], height: float, first: bool
    ) -> None:
        top = self.y
        for col, cell in enumerate(row):
            span = next((i for i in range(col + 1, len(row)) if row[i] != "<"), len(row))
            if cell != "<":
                self._rule_v(xs[col], top, top + height)
            if cell is not None or first:
                self._rule_h(xs[col], xs[span], top)
            if cell in (None, "<"):
                continue
            width = xs[span] - xs[col] - 12
            for number, text in enumerate(_wrap(cell, width, width, 12)):
                self.canvas.setFillColor(black)
                self.canvas.setFont(FONT, 12)
                self.canvas.drawString(xs[col] + 6, HEIGHT - top - 18 - 20 * number, text)
        self._rule_v(xs[-1], top, top + height)
        self.y = top + height

    def _rule_h(self, x0: float, x1: float, y: float) -> None:
        if not self.borders:
            return
        self.canvas.setStrokeColor(black)
        self.canvas.setLineWidth(0.75)
        self.canvas.line(x0, HEIGHT - y, x1, HEIGHT - y)

    def _rule_v(self, x: float, y0: float, y1: float) -> None:
        if not self.borders:
            return
        self.canvas.setStrokeColor(black)
        self.canvas.setLineWidth(0.75)
        self.canvas.line(x, HEIGHT - y0, x, HEIGHT - y1)

    def _furniture(self) -> None:
        if self.header:
            width = pdfmetrics.stringWidth(self.header, FONT, 10.5)
            self.canvas.setFont(FONT, 10.5)
            self.canvas.setFillColor(black)
            self.canvas.drawString(RIGHT_EDGE - width, HEIGHT - 50, self.header)
        if self.numbers:
            self.canvas.setFont(FONT, 14)
            self.canvas.setFillColor(black)
            self.canvas.drawCentredString(WIDTH / 2, 60, f"— {self.page} —")

    def new_page(self) -> None:
        self.canvas.showPage()
        self.page += 1
        self.y = TOP
        self._furniture()

    def pdf(self) -> bytes:
        self.canvas.save()
        return self.buffer.getvalue()


def _wrap(text: str, first: float, width: float, size: float) -> list[str]:
    """Break ``text`` into lines no wider than ``first`` (then ``width``) points.

    Fixture texts must not leave one char alone on the last line: PDFium's text layer
    drops a text object that is a single glyph of a font it has no outlines for (as
    STSong-Light, which is not embedded), so that char would be lost.
    """
    lines, current = [], ""
    for char in text:
        limit = first if not lines else width
        if current and pdfmetrics.stringWidth(current + char, FONT, size) > limit:
            lines.append(current)
            current = ""
        current += char
    assert not lines or len(current) > 1, f"{text!r} leaves one char alone on a line"
    return [*lines, current]


def paragraphs(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if not b.is_row]


def texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in paragraphs(blocks)]


LONG_1 = (
    "做好本年度政务公开工作，要以习近平新时代中国特色社会主义思想为引领，全面贯彻交通运输部和"
    "省委省政府的政务公开工作部署，紧密围绕新时代政务公开的新要求，不断提升政务公开的质量与效率。"
)
LONG_2 = (
    "深化企业服务行动，助力企业破解发展难题，推动其高质量发展。系统整合并智能推送国家及省级关于"
    "交通运输行业的财税、金融优惠政策，确保市场主体及时、全面、准确地掌握并享受政策红利。"
)


# -- paragraphs ------------------------------------------------------------------------


def test_wrapped_paragraph_is_joined_without_spaces() -> None:
    sheet = Sheet()
    sheet.paragraph(LONG_1)
    assert texts(extract(sheet.pdf()).blocks) == [LONG_1]


def test_first_line_indent_starts_a_paragraph() -> None:
    sheet = Sheet()
    sheet.paragraph(LONG_1)
    sheet.paragraph(LONG_2)
    sheet.paragraph("一、深化关键领域信息公开的透明度")
    sheet.paragraph("（此件依申请公开）")
    assert texts(extract(sheet.pdf()).blocks) == [
        LONG_1,
        LONG_2,
        "一、深化关键领域信息公开的透明度",
        "（此件依申请公开）",
    ]


def test_short_line_ends_a_paragraph_even_without_indent() -> None:
    sheet = Sheet()
    sheet.paragraph("厅属各单位，厅机关各部门：", indent=0)
    sheet.paragraph(LONG_2, indent=0)
    assert texts(extract(sheet.pdf()).blocks) == ["厅属各单位，厅机关各部门：", LONG_2]


def test_spaces_between_chinese_and_digits_go_latin_spaces_stay() -> None:
    sheet = Sheet()
    sheet.paragraph(LONG_1)
    sheet.paragraph("甘交办〔2021〕48 号")
    sheet.paragraph("根据 2021 年政务公开工作要点，参见 PDF Reference 第 8 章的规定。")
    # a Chinese run and a digit run drawn apart, as word processors space them
    sheet.text(LEFT + 32, "印发")
    sheet.text(LEFT + 32 + 2 * BODY + 4, "2021")
    sheet.text(LEFT + 32 + 2 * BODY + 4 + 32 + 4, "年要点。")
    blocks = extract(sheet.pdf()).blocks
    assert texts(blocks) == [
        LONG_1,
        "甘交办〔2021〕48号",
        "根据2021年政务公开工作要点，参见PDF Reference第8章的规定。",
        "印发2021年要点。",
    ]


def test_page_numbers_and_running_header_are_dropped() -> None:
    sheet = Sheet(header="吉林省交通运输厅", numbers=True)
    for _ in range(3):
        sheet.paragraph(LONG_1)
        sheet.new_page()
    sheet.paragraph(LONG_2)
    blocks = extract(sheet.pdf()).blocks
    assert texts(blocks) == [LONG_1] * 3 + [LONG_2]
    assert [b.page for b in blocks] == [1, 2, 3, 4]


@pytest.mark.parametrize("footer", ["- {n} -", "第{n}页 共2页", "第 {n} 页", "{n}", "{n}/2"])
def test_page_number_formats(footer: str) -> None:
    sheet = Sheet()
    for n in (1, 2):
        sheet.paragraph(LONG_1)
        sheet.canvas.setFont(FONT, 10.5)
        sheet.canvas.drawString(LEFT + (0 if n == 1 else 300), 50, footer.format(n=n))
        if n == 1:
            sheet.new_page()
    assert texts(extract(sheet.pdf()).blocks) == [LONG_1, LONG_1]


def test_paragraph_over_a_page_break_is_one_block() -> None:
    sheet = Sheet(numbers=True)
    sheet.y = BOTTOM - PITCH  # two lines left on the page
    sheet.paragraph(LONG_1 + LONG_2)
    sheet.paragraph(LONG_1)
    blocks = extract(sheet.pdf()).blocks
    assert texts(blocks) == [LONG_1 + LONG_2, LONG_1]
    assert [b.page for b in blocks] == [1, 2]


def test_new_paragraph_at_the_top_of_a_page_stays_apart() -> None:
    sheet = Sheet(numbers=True)
    sheet.y = BOTTOM - PITCH
    sheet.paragraph(LONG_1[:54])  # two full lines, the page's last, mid-sentence
    sheet.paragraph(LONG_2)  # indented on the next page
    assert texts(extract(sheet.pdf()).blocks) == [LONG_1[:54], LONG_2]


def test_full_line_ending_a_sentence_at_a_page_end() -> None:
    """Over a page break there is no gap to go by: whether a full line that ends a sentence
    also ends its paragraph follows from how the document starts paragraphs."""

    def document(indent: int) -> tuple[list[str], str]:
        sentences = LONG_1[: 55 - indent] + "。"  # two full lines end the page, the last with 。
        sheet = Sheet(numbers=True)
        for _ in range(3):  # enough paragraphs to show the document's habit
            sheet.paragraph(LONG_2, indent=indent)
        sheet.y = BOTTOM - PITCH
        sheet.paragraph(sentences, indent=indent)
        assert sheet.page == 1
        sheet.line(LONG_2[:28])  # flush left atop the next page
        sheet.line(LONG_2[28:])
        return texts(extract(sheet.pdf()).blocks)[3:], sentences

    # paragraphs open indented: a flush line continues the last one (as in seed 000)
    found, sentences = document(indent=2)
    assert found == [sentences + LONG_2]
    # paragraphs open flush: the sentence end may be the paragraph end, so keep them apart
    found, sentences = document(indent=0)
    assert found == [sentences, LONG_2]


def test_red_header_title_signature_hints() -> None:
    sheet = Sheet()
    sheet.centred("甘肃省交通运输厅文件", size=36, colour=red, pitch=60)
    sheet.centred("甘交办〔2021〕48号")
    sheet.rule()
    sheet.centred("甘肃省交通运输厅关于印发2021年政务公开工作要点的通知", size=22, pitch=36)
    sheet.y += 8
    sheet.paragraph("厅属各单位：", indent=0)
    sheet.paragraph(LONG_1)
    sheet.right("甘肃省交通运输厅")
    sheet.right("2021年5月10日")
    blocks = paragraphs(extract(sheet.pdf()).blocks)
    assert [(b.text, b.hints) for b in blocks] == [
        ("甘肃省交通运输厅文件", {RED, CENTER, LARGE}),
        ("甘交办〔2021〕48号", {CENTER}),
        ("甘肃省交通运输厅关于印发2021年政务公开工作要点的通知", {CENTER, LARGE}),
        ("厅属各单位：", set()),
        (LONG_1, set()),
        ("甘肃省交通运输厅", {RIGHT}),
        ("2021年5月10日", {RIGHT}),
    ]


def test_rotated_text_is_skipped_and_form_text_is_read() -> None:
    sheet = Sheet()
    sheet.paragraph(LONG_1)
    canvas = sheet.canvas
    canvas.saveState()
    canvas.translate(560, 400)
    canvas.rotate(90)
    canvas.setFont("Helvetica", 12)  # PDFium drops turned glyphs it has no outlines for
    canvas.drawString(0, 0, "a margin note turned on its side")
    canvas.restoreState()
    canvas.beginForm("stamp")
    canvas.setFont(FONT, 8)
    canvas.drawString(0, 0, "表单里的文字")
    canvas.endForm()
    canvas.saveState()
    canvas.translate(LEFT + 32, HEIGHT - sheet.y)
    canvas.scale(2, 2)
    canvas.doForm("stamp")
    canvas.restoreState()
    blocks = paragraphs(extract(sheet.pdf()).blocks)
    assert texts(blocks) == [LONG_1, "表单里的文字"]


def test_hanging_indent_continues_a_list_item() -> None:
    sheet = Sheet()
    sheet.paragraph(LONG_1)
    for label, text in (
        ("1.", LONG_2),
        ("2.", "规范使用依申请公开系统，实现登记、审核、办理、答复、归档等全流程电子化管理。"),
    ):
        sheet.text(LEFT, label)
        lines = _wrap(text, RIGHT_EDGE - LEFT - 3 * BODY, RIGHT_EDGE - LEFT - 3 * BODY, BODY)
        for line in lines:  # text after a tab; wrapped lines hang under it, not under the label
            sheet.line(line, x=LEFT + 3 * BODY)
    assert texts(extract(sheet.pdf()).blocks) == [
        LONG_1,
        "1. " + LONG_2,  # the tab after a label is a layout gap: one space
        "2. 规范使用依申请公开系统，实现登记、审核、办理、答复、归档等全流程电子化管理。",
    ]


def test_a_short_line_before_a_numbered_line_ends_the_paragraph() -> None:
    # the next line's first word is its label and one char ("1.公"), not the whole line: a
    # line without spaces is no Latin word
    item = "（一）做好国土空间规划信息公开。（国土空间规划局牵头，各省级主管部门按职责分工负责）"
    sheet = Sheet()
    sheet.paragraph(item, indent=0)
    sheet.paragraph("1.公开规划编制审批信息。国土空间总体规划经依法批准后及时公开。", indent=0)
    assert texts(extract(sheet.pdf()).blocks) == [
        item, "1.公开规划编制审批信息。国土空间总体规划经依法批准后及时公开。"]


def test_a_heading_set_flush_left_after_a_full_line_starts_a_paragraph() -> None:
    full = "为深入贯彻落实上级关于全面推进政务公开工作的部署要求，进一步规范全镇政务公开工作，切实保障群众知情和监督权。"
    assert len(full) == 26 + 28  # fills both lines of an indented paragraph to the margin
    item = "（三）加强防控知识宣传普及。针对不同人群和不同场所制定疫情防控指引，通过多种渠道及时对外发布。（宣传司负责）"
    assert len(item) == 26 + 28  # … and an item closing with its units' bracket
    sheet = Sheet()
    sheet.paragraph(full)
    sheet.paragraph("一、推进重点领域信息公开", indent=0)
    sheet.paragraph(item)
    sheet.paragraph("二、加强政策解读", indent=0)
    sheet.paragraph(LONG_2)
    assert texts(extract(sheet.pdf()).blocks) == [
        full, "一、推进重点领域信息公开", item, "二、加强政策解读", LONG_2]


def test_quotes_drawn_as_one_object_around_other_text_are_put_in_place() -> None:
    # a producer that draws a line font by font makes the Latin quotes one object whose
    # glyphs stand apart, the Chinese words between them drawn by another
    sheet = Sheet()
    canvas, y = sheet.canvas, HEIGHT - TOP
    sheet.text(LEFT, "落实解读")
    quotes = canvas.beginText(LEFT + 4 * BODY, y)
    quotes.setFont("Helvetica", BODY)
    gap = 3 * BODY * 1000 / BODY  # the words' width, in the thousandths of an em TJ takes
    quotes._code.append(f"[(\\223) {-gap:.0f} (\\224)] TJ")  # “ and ” in WinAnsi
    canvas.drawText(quotes)
    open_quote = pdfmetrics.stringWidth("“", "Helvetica", BODY)
    sheet.text(LEFT + 4 * BODY + open_quote, "三同步")
    sheet.text(LEFT + 7 * BODY + 2 * open_quote, "要求。部印发的文件同步解读。")
    assert texts(extract(sheet.pdf()).blocks) == ["落实解读“三同步”要求。部印发的文件同步解读。"]


ENGLISH = (
    "Rotated pages are read the way they are shown: this paragraph is drawn turned a quarter "
    "turn in user space on a page whose Rotate entry turns it back for the reader."
)


def test_rotated_page_is_read_the_way_it_is_shown() -> None:
    sheet = Sheet()
    canvas = sheet.canvas
    canvas.setPageRotation(90)  # shown turned clockwise: landscape
    canvas.setFont("Helvetica", 12)  # a font PDFium has outlines for (see _wrap)
    words, lines = ENGLISH.split(), [""]
    for word in words:
        if pdfmetrics.stringWidth(f"{lines[-1]} {word}", "Helvetica", 12) > 600:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    for number, line in enumerate(lines):
        x = 80 + (24 if number == 0 else 0)  # where it shows: left edge, baseline from the top
        canvas.saveState()
        canvas.translate(100 + 20 * number, x)  # user space is the shown page turned back
        canvas.rotate(90)
        canvas.drawString(0, 0, line)
        canvas.restoreState()
    result = extract(sheet.pdf())
    assert len(lines) > 1 and texts(result.blocks) == [ENGLISH]


# -- tables ----------------------------------------------------------------------------

HEADER = ("工作要求", "工作任务", "具体要求", "科室")
WIDTHS = [80.0, 96.0, 200.0, 72.0]


def test_ruled_table_with_merged_cells() -> None:
    sheet = Sheet()
    sheet.paragraph("江门市交通运输局分工方案", indent=0)
    sheet.table(
        WIDTHS,
        [
            HEADER,
            (
                "一、优化基础工作",
                "（一）推进标准化。",
                "1.市县两级政府部门要结合权责清单以及工作职责，持续推动目录更新。",
                "办公室、各科室",
            ),
            (None, "（二）提升规范化程度。", "2.规范使用依申请公开系统。", "办公室"),
            (None, None, "3.提升各单位依申请公开工作办理实效。", ""),
            ("二、合并两列的说明", "<", "4.加强信息发布。", "各科室"),
        ],
    )
    sheet.paragraph("以上分工请遵照执行。")
    blocks = extract(sheet.pdf()).blocks
    assert texts(blocks) == ["江门市交通运输局分工方案", "以上分工请遵照执行。"]
    rows = [b for b in blocks if b.is_row]
    assert [b.cells for b in rows] == [
        HEADER,
        (
            "一、优化基础工作",
            "（一）推进标准化。",
            "1.市县两级政府部门要结合权责清单以及工作职责，持续推动目录更新。",
            "办公室、各科室",
        ),
        ("", "（二）提升规范化程度。", "2.规范使用依申请公开系统。", "办公室"),
        ("", "", "3.提升各单位依申请公开工作办理实效。", ""),
        ("二、合并两列的说明", "", "4.加强信息发布。", "各科室"),
    ]
    assert {b.table for b in rows} == {1} and {b.page for b in rows} == {1}
    assert not any(b.header for b in rows)  # one page: nothing marks the first row a header
    assert (
        blocks[0].text == "江门市交通运输局分工方案" and blocks[-1].text == "以上分工请遵照执行。"
    )


BORDERLESS = [
    ("序号", "工作任务", "责任单位", "完成时限"),
    ("1", "及时公开年度重点工作任务的分解和推进落实情况，按季度发布进展信息。", "市发展改革委（牵头）、市政府各部门",
     "2024年12月底前"),
    ("2", "做好财政预决算信息公开。", "市财政局", "持续推进"),
    ("3", "推进重大建设项目批准和实施领域信息公开，重点公开招标投标、征收土地等信息。", "市住房城乡建设局",
     "2024年6月底前"),
]


def _plan_with_table(borders: bool) -> list[Block]:
    sheet = Sheet(borders=borders)
    sheet.paragraph("为做好2024年政务公开工作，现将任务分工如下，请各单位认真抓好落实。")
    sheet.table([48.0, 184.0, 120.0, 96.0], BORDERLESS)
    sheet.paragraph("各单位要于每季度末报送任务落实情况。")
    return extract(sheet.pdf()).blocks


def test_table_without_borders_reads_as_the_ruled_table() -> None:
    blocks = _plan_with_table(borders=False)
    rows = [b.cells for b in blocks if b.is_row]
    assert rows == [b.cells for b in _plan_with_table(borders=True) if b.is_row]
    # each cell's wrapped lines in their row, every row apart
    assert [tuple(cell.replace("\n", "") for cell in row) for row in rows] == BORDERLESS
    assert texts(blocks) == ["为做好2024年政务公开工作，现将任务分工如下，请各单位认真抓好落实。",
                             "各单位要于每季度末报送任务落实情况。"]


def test_lines_with_gaps_that_do_not_line_up_are_no_table() -> None:
    sheet = Sheet(borders=False)
    sheet.paragraph("各单位要加强组织领导，明确责任分工，确保各项任务落到实处。")
    sheet.line("抄送：市委办公室    市人大常委会办公室    市政协办公室")
    sheet.line("市人民政府办公室    2024年3月21日印发")
    sheet.paragraph("本方案自印发之日起施行。")
    assert not any(b.is_row for b in extract(sheet.pdf()).blocks)


def test_table_over_two_pages_keeps_its_id_and_marks_repeated_headers() -> None:
    body = [(f"{n}.第{n}项具体要求，按职责分工负责落实到位。" * 3, "办公室") for n in range(1, 13)]
    rows = [HEADER, ("一、优化基础工作", "（一）推进标准化。", *body[0])]
    rows += [(None, None, *cells) for cells in body[1:]]
    sheet = Sheet(numbers=True)
    sheet.paragraph("分工方案", indent=0)
    sheet.table(WIDTHS, rows, header=1)
    blocks = extract(sheet.pdf()).blocks
    got = [b for b in blocks if b.is_row]
    assert {b.table for b in got} == {1}
    assert sorted({b.page for b in got}) == [1, 2]
    heads = [b for b in got if b.header]
    assert [b.cells for b in heads] == [HEADER, HEADER] and [b.page for b in heads] == [1, 2]
    data = [b.cells for b in got if not b.header]
    assert data == [tuple(r if r is not None else "" for r in row) for row in rows[1:]]
    second = next(b for b in got if b.page == 2 and not b.header)
    assert second.cells[:2] == ("", "")  # the merged labels continue blank, never shift left


def test_two_separate_tables_get_two_ids() -> None:
    sheet = Sheet()
    sheet.table([100.0, 100.0], [("甲一", "乙二"), ("丙三", "丁四")])
    sheet.paragraph("两表之间的说明文字。")
    sheet.table([150.0, 150.0], [("戊五", "己六"), ("庚七", "辛八")])
    rows = [b for b in extract(sheet.pdf()).blocks if b.is_row]
    assert [(b.table, b.cells) for b in rows] == [
        (1, ("甲一", "乙二")),
        (1, ("丙三", "丁四")),
        (2, ("戊五", "己六")),
        (2, ("庚七", "辛八")),
    ]


def test_empty_table_and_page_numbers_only() -> None:
    sheet = Sheet(numbers=True)
    sheet.table([100.0, 100.0], [("", ""), ("", "")])
    sheet.new_page()
    sheet.table([100.0, 100.0], [("", ""), ("", "")])
    blocks = extract(sheet.pdf()).blocks
    # same columns, last on one page and first on the next: one table going on
    assert [(b.table, b.page, b.cells, b.header) for b in blocks] == [
        (1, 1, ("", ""), False),
        (1, 1, ("", ""), False),
        (1, 2, ("", ""), False),  # an empty first row is no header, repeated or not
        (1, 2, ("", ""), False),
    ]


def test_stroked_rectangles_make_a_grid() -> None:
    sheet = Sheet()
    sheet.canvas.setLineWidth(0.5)
    for row in range(2):
        for col in range(3):
            top = 200 + 30 * row
            sheet.canvas.rect(LEFT + 100 * col, HEIGHT - top - 30, 100, 30)  # a stroked box
            sheet.y = top + 20
            sheet.text(LEFT + 100 * col + 6, f"格{row}{col}")
    rows = [b.cells for b in extract(sheet.pdf()).blocks if b.is_row]
    assert rows == [("格00", "格01", "格02"), ("格10", "格11", "格12")]


# -- bad files -------------------------------------------------------------------------


def simple_pdf() -> bytes:
    sheet = Sheet()
    sheet.paragraph(LONG_1)
    return sheet.pdf()


def test_encrypted_pdf() -> None:
    sheet = Sheet(encrypt="secret")
    sheet.paragraph(LONG_1)
    with pytest.raises(PlanparseError, match=r"^the PDF is encrypted \(password-protected\)$"):
        extract(sheet.pdf())


@pytest.mark.parametrize("keep", [0.2, 0.5, 0.9, 0.99])
def test_truncated_pdf(keep: float) -> None:
    data = simple_pdf()
    with pytest.raises(PlanparseError, match=r"^corrupt or truncated PDF \(.+\)$"):
        extract(data[: int(len(data) * keep)])


def test_zero_byte_file() -> None:
    with pytest.raises(PlanparseError, match=r"^the file is empty$"):
        extract(b"")


def test_image_only_pdf_has_no_text_layer() -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    sheet = Sheet()
    sheet.canvas.drawImage(ImageReader(Image.new("L", (200, 280), 255)), 50, 50, 495, 742)
    with pytest.raises(PlanparseError, match=r"^no text layer: this looks like a scanned PDF"):
        extract(sheet.pdf())


def test_pdf_with_only_drawings_has_no_text() -> None:
    sheet = Sheet()
    sheet.rule()
    with pytest.raises(PlanparseError, match=r"^the PDF contains no text$"):
        extract(sheet.pdf())


def test_pdf_without_pages() -> None:
    with pytest.raises(PlanparseError, match=r"^the PDF has no pages$"):
        extract(Sheet().pdf())  # reportlab writes an empty page tree when nothing was drawn


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_pdfs_raise_only_planparse_errors(data: st.DataObject) -> None:
    original = bytearray(SMALL_PDF)
    for _ in range(data.draw(st.integers(1, 20))):
        at = data.draw(st.integers(0, len(original) - 1))
        original[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(original)))
    try:
        extract(bytes(original[:cut]))
    except PlanparseError as error:
        assert "\n" not in str(error)


SMALL_PDF = simple_pdf()


# -- robustness and the per-character reader -------------------------------------------


def test_page_with_absurdly_many_objects_finishes_fast() -> None:
    sheet = Sheet()
    canvas = sheet.canvas
    canvas.setFont(FONT, 2)
    for i in range(20_000):  # a text object every two chars, plus as many tiny paths
        x, y = 40 + (i % 110) * 4.5, 40 + (i // 110) * 4
        canvas.drawString(x, y, "字字")
        canvas.line(x, y - 1, x + 1, y - 1)
    data = sheet.pdf()
    start = time.perf_counter()
    result = extract(data)
    assert time.perf_counter() - start < 10
    assert sum(len(b.text) for b in result.blocks) >= 40_000


def test_per_char_reader_agrees_with_per_object_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    sheet = Sheet(numbers=True)
    sheet.centred("标题", size=22, colour=red)
    sheet.paragraph(LONG_1)
    sheet.table(
        WIDTHS, [HEADER, ("一、优化", "（一）推进。", "1.市县两级政府部门要持续推动。", "办公室")]
    )
    sheet.paragraph("根据 2021 年要点，参见 PDF Reference 第 8 章。")
    data = sheet.pdf()
    by_object = extract(data).blocks
    monkeypatch.setattr(pdf, "PER_OBJECT_LIMIT", -1)
    assert extract(data).blocks == by_object


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus not available")
@pytest.mark.parametrize(
    "path", sorted(SEEDS.glob("*.pdf")) if SEEDS.is_dir() else [], ids=lambda p: p.stem
)
def test_per_char_reader_agrees_on_seeds(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def squashed(blocks: list[Block]) -> list[tuple[object, ...]]:
        # the readers space Latin words apart each their own way; all else must match
        return [
            (squash(b.text), tuple(map(squash, b.cells or ())), b.hints, b.header, b.table, b.page)
            for b in blocks
        ]

    by_object = extract(path.read_bytes()).blocks
    monkeypatch.setattr(pdf, "PER_OBJECT_LIMIT", -1)
    assert squashed(extract(path.read_bytes()).blocks) == squashed(by_object)


# -- the seed corpus -------------------------------------------------------------------

# The seeds' .txt is a dump of the source document (its table as chunks, one per page of
# the source, each opening with the header row, merged labels repeated); the .pdf is that
# document laid out again by a word processor.  The comparison drops repeated header rows
# and labels and reads tables column by column (the two split rows at different page
# breaks; rows are checked apart below).  Beyond that the .txt has these errors, corrected
# here (old -> new, each found exactly once), after which every seed PDF's text equals its
# .txt exactly.
TXT_ERRATA: dict[str, list[tuple[str, str]]] = {
    "004_32c4d7dc69d9d520": [
        # task (三)'s row is shifted one column left (the docx and the PDF have it under
        # 工作任务, its label cell merged with the rows above)
        ("\n(三)围绕扩大有效投资", "\n\t(三)围绕扩大有效投资"),
        ("规划科、基建科\t\n", "规划科、基建科\n"),
        # the label of task (二) repeated atop a chunk is misnumbered (三)
        ("建设\t(三)严格落实", "建设\t(二) 严格落实"),
    ],
}

# Paragraphs of the .txt that the PDF gives as one: the source split them at its own page
# breaks, which fall at the same places in the PDF; joining them there is the point.
JOINED_AT_PAGE_BREAKS = {
    "001_f2853fce34e0c0fb": [
        ["(二)推进优化营商环", "经济、中小企业发展的"],
        ["(十一)提高依申请公", "分工负责)"],
    ],
}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def seed_pairs() -> Iterator[tuple[Path, Path]]:
    for path in sorted(SEEDS.glob("*.pdf")):
        yield path, path.with_name(path.name.removesuffix(".pdf").removesuffix("-autonum") + ".txt")


def txt_items(path: Path) -> list[str | list[list[str]]]:
    """The .txt as paragraphs (str) and tables (rows of cells, repeats dropped)."""
    text = path.read_text(encoding="utf-8")
    for old, new in TXT_ERRATA.get(path.stem, []):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    items: list[str | list[list[str]]] = []
    chunks: list[list[list[str]]] = []  # the rows of the table being read, per header row
    for line in text.split("\n"):
        if "\t" in line:
            row = [squash(c) for c in line.split("\t")]
            if not chunks or row == chunks[0][0]:
                chunks.append([])
            chunks[-1].append(row)
        elif line.strip():
            if chunks:
                items.append(_join_chunks(chunks))
                chunks = []
            items.append(squash(line))
    if chunks:
        items.append(_join_chunks(chunks))
    return items


def _join_chunks(chunks: list[list[list[str]]]) -> list[list[str]]:
    """One table from per-page chunks: later header rows dropped, and merged labels
    repeated at the top of a chunk (leading cells equal to the column's last label) blanked."""
    header, rows = chunks[0][0], list(chunks[0])
    for chunk in chunks[1:]:
        body = [r for r in chunk if r != header]
        if body:
            first = list(body[0])
            for col, value in enumerate(first):
                last = next((r[col] for r in reversed(rows) if col < len(r) and r[col]), None)
                if not value or value != last:
                    break
                first[col] = ""
            body[0] = first
        rows += body
    return rows


def pdf_items(blocks: list[Block]) -> list[str | list[list[str]]]:
    items: list[str | list[list[str]]] = []
    table = None
    for block in blocks:
        if not block.is_row:
            items.append(squash(block.text))
            table = None
        elif block.table != table:
            table = block.table
            items.append([[squash(c) for c in block.cells]])
        elif not block.header:
            items[-1].append([squash(c) for c in block.cells])
    return items


def flatten(items: list[str | list[list[str]]]) -> str:
    """Paragraphs in order; a table column by column (so rows split at different page
    breaks in the two sources compare equal)."""
    parts = []
    for item in items:
        if isinstance(item, str):
            parts.append(item)
        else:
            width = max(len(r) for r in item)
            parts += ["".join(r[c] for r in item if c < len(r)) for c in range(width)]
    return "".join(parts)


def differences(a: str, b: str) -> list[tuple[str, str]]:
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return [(a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in ops if tag != "equal"]


def joined_paragraphs(ours: list[str], theirs: list[str]) -> list[list[str]]:
    """Runs of .txt paragraphs that the PDF gives as one; any other difference fails."""
    joined = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes():
        if tag != "equal":
            assert (tag, i2 - i1) == ("replace", 1), (ours[i1:i2], theirs[j1:j2])
            assert ours[i1] == "".join(theirs[j1:j2])
            joined.append(theirs[j1:j2])
    return joined


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed corpus not available")
@pytest.mark.parametrize("pdf_path,txt_path", list(seed_pairs()) if SEEDS.is_dir() else [])
def test_seed_text_matches_its_txt(pdf_path: Path, txt_path: Path) -> None:
    result = extract(pdf_path.read_bytes())
    ours, theirs = pdf_items(result.blocks), txt_items(txt_path)
    assert result.format == "pdf" and result.pages and result.pages > 1
    assert differences(flatten(ours), flatten(theirs)) == []
    joined = joined_paragraphs(
        [p for p in ours if isinstance(p, str)], [p for p in theirs if isinstance(p, str)]
    )
    assert [[p[:10] for p in run] for run in joined] == JOINED_AT_PAGE_BREAKS.get(txt_path.stem, [])


@pytest.mark.skipif(
    not (SEEDS / "004_32c4d7dc69d9d520.pdf").exists(), reason="seed corpus not available"
)
def test_seed_table_rows_keep_their_columns() -> None:
    blocks = extract((SEEDS / "004_32c4d7dc69d9d520.pdf").read_bytes()).blocks
    rows = [b for b in blocks if b.is_row]
    assert {b.table for b in rows} == {1} and {len(b.cells) for b in rows} == {4}
    assert [b.page for b in rows if b.header] == list(range(1, 9))  # the header atop each page

    def row(start: str) -> tuple[str, ...]:
        return next(
            tuple(map(squash, b.cells)) for b in rows if squash(b.cells[2]).startswith(start)
        )

    assert row("1.市县两级") == (
        "一、优化政务公开工作基础",
        "(一)持续推进基层政务公开标准化规范化。",
        squash("1. 市县两级政府部门要结合权责清单以及工作职责，持续推动政府信息主动公开目录的")
        + "动态更新调整。",
        "办公室、各科室",
    )
    assert row("6.在市政府")[:2] == ("", "")  # both labels merged from the rows above
    assert row("7.聚焦推进")[0::3] == ("", "规划科、基建科")
    assert row("7.聚焦推进")[1].startswith("(三)围绕扩大有效投资")
    assert row("26.各级")[:2] == ("五、坚持全市一盘棋,强化工作指导监督", "")  # an empty cell stays
    # the row cut at the foot of page 1 goes on atop page 2: one row, as in the .docx
    assert row("6.在市政府")[2].endswith(
        "住宿、零售、文化、旅游、客运等行业纾困帮扶政策的公开力度,做好对中小微企业、个体工商户、"
        "相关服务业支持政策和促进消费政策措施的公开工作。"
    )
    assert squash(next(b for b in rows if b.page == 2 and not b.header).cells[2]).startswith("7.")


# -- layouts met when rendering the corpus plans (tests/corpus) as an office would --------

ITEM_1 = "（一）做好财政信息公开。全面公开县本级政府预决算和部门预决算，细化公开“三公”经费预决算。（县财政局负责）"
ITEM_2 = "（二）做好重大建设项目信息公开。重点公开批准服务、招标投标、征收土地和竣工验收等信息。（县发展改革局负责）"


def test_short_paragraphs_do_not_move_the_left_margin_to_the_indent() -> None:
    sheet = Sheet()
    sheet.centred("青溪县2020年政务公开工作任务分解", size=22, pitch=40)
    expected = ["青溪县2020年政务公开工作任务分解"]
    for numeral, item in zip("一二三", (ITEM_1, ITEM_2, ITEM_1)):
        sheet.paragraph(f"{numeral}、推进重点领域信息公开")
        sheet.paragraph(item)
        expected += [f"{numeral}、推进重点领域信息公开", item]
    assert texts(extract(sheet.pdf()).blocks) == expected


@pytest.mark.parametrize("page_break", [False, True])
def test_a_line_set_at_both_ends_is_never_continued(page_break: bool) -> None:
    sheet = Sheet()
    sheet.paragraph(LONG_1)
    sheet.text(LEFT, "云台县人民政府办公室")
    date = "2023年5月6日印发"
    sheet.text(RIGHT_EDGE - pdfmetrics.stringWidth(date, FONT, BODY), date)
    sheet.y += PITCH
    if page_break:
        sheet.new_page()
    sheet.paragraph("附件", indent=0)
    assert texts(extract(sheet.pdf()).blocks) == [LONG_1, "云台县人民政府办公室 2023年5月6日印发", "附件"]


def test_a_number_cut_by_the_wrap_gets_no_space() -> None:
    sheet = Sheet()
    sheet.paragraph(LONG_1)
    sheet.line("（1）公开公租房年度建设计划、项目开工和竣工情况，202", LEFT + 2 * BODY)
    sheet.line("1年6月底前完成公租房信息公开专栏建设。")
    assert texts(extract(sheet.pdf()).blocks)[-1] == (
        "（1）公开公租房年度建设计划、项目开工和竣工情况，2021年6月底前完成公租房信息公开专栏建设。")



@pytest.mark.parametrize(("left", "right", "centred"), [
    (112.0, 512.0, False),  # 2-em indent, a char short of the margin: a paragraph's first line
    (112.0, 496.0, True),  # as far in on both sides: a centred line
    (200.0, 408.0, True),
])
def test_first_line_indent_is_not_centring(left: float, right: float, centred: bool) -> None:
    from planparse.extract.pdf_layout import Frame, Line, _centred

    line = Line("某", left, right, 100.0, 16.0, False, 1, 16.0, (), False)
    assert _centred(line, Frame(80.0, 528.0)) is centred


def test_centred_title_wrapped_by_the_word_processor_is_one_paragraph() -> None:
    """Word fills a centred title's first line to the margins and centres the rest."""
    title = "某某县应急管理局关于印发2024年安全生产重点工作任务台账的通知"
    sheet = Sheet()
    sheet.centred(title, size=22, pitch=36)
    sheet.paragraph(LONG_1)
    assert texts(extract(sheet.pdf()).blocks) == [title, LONG_1]


def test_one_line_items_do_not_move_the_left_margin_to_the_indent() -> None:
    """A 分工方案 of one-line items and field lines, all indented, and few wrapped lines."""
    sheet = Sheet()
    expected = []
    for n in range(1, 9):
        for line in (f"{n}.地区生产总值增长{n}%左右。", "牵头单位：区发改局", "责任单位：各街道办事处"):
            sheet.paragraph(line)
            expected.append(line)
    for _ in range(2):
        sheet.paragraph(LONG_1)
        expected.append(LONG_1)
    assert texts(extract(sheet.pdf()).blocks) == expected


def test_short_lines_of_one_length_do_not_make_the_right_margin() -> None:
    sheet = Sheet()
    shorts = ["某某县应急管理局", "各乡镇应急管理办", "某某县财政局办公"]  # equal width
    for short in shorts:
        sheet.paragraph(short, indent=0)
    sheet.paragraph(LONG_1[:60])
    assert texts(extract(sheet.pdf()).blocks) == [*shorts, LONG_1[:60]]
