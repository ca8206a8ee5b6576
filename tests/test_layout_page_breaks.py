"""Fixed layouts cut at page breaks read as the Word document does (issue 11.6).

The pages are built here as runs and rules, the way the PDF and OFD readers hand them to
:func:`planparse.extract.pdf_layout.layout`, so every position is exact.
"""

from __future__ import annotations

from planparse.blocks import CENTER, LARGE, Block
from planparse.extract.pdf_layout import Page, Rule, Run, layout

SIZE = 12.0
PAD = 5.0
HEAD = ("序号", "工作任务", "具体内容", "牵头单位", "配合单位", "完成时限")
CHARS = (2, 8, 24, 6, 11, 6)  # each column holds this many full-width characters a line
XS = tuple(60.0 + sum(n * SIZE + 2 * PAD for n in CHARS[:i]) for i in range(len(CHARS) + 1))
PITCH = 1.5 * SIZE


def _width(text: str) -> float:
    return sum(SIZE / 2 if c.isascii() else SIZE for c in text)


class _Page:
    """One landscape page of a six-column ruled table, rows placed top to bottom."""

    def __init__(self, number: int, top: float = 60.0, size: float = SIZE) -> None:
        self.page = Page(number, 842.0, 595.0)
        self.ys = [top]
        self.size = size

    def row(self, cells: tuple[list[str], ...], centred: tuple[bool, ...] = (True,) * 6) -> None:
        top = self.ys[-1]
        for col, lines in enumerate(cells):
            for n, text in enumerate(lines):
                left, right = XS[col] + PAD, XS[col + 1] - PAD
                x = (left + right - _width(text)) / 2 if centred[col] else left
                base = top + PAD + self.size + n * PITCH
                self.page.runs.append(Run(text, x, x + _width(text), base, self.size))
        height = max(len(lines) for lines in cells) * PITCH + 2 * PAD
        self.ys.append(top + height)

    def done(self, footer: str | None = None) -> Page:
        ys = self.ys
        self.page.rules += [Rule(True, y, XS[0], XS[-1]) for y in ys]
        self.page.rules += [Rule(False, x, ys[0], ys[-1]) for x in XS]
        if footer:
            self.page.runs.append(Run(footer, 400.0, 400.0 + _width(footer), 570.0, SIZE))
        return self.page


CONTENT = "围绕中心工作加大信息公开力度完善发布机制及时准确发布权威信息强化政策解读和回应关切" * 2
LEFT = (True, False, False, True, True, True)  # 工作任务 and 具体内容 set flush left


def _head() -> tuple[list[str], ...]:
    return tuple([h] for h in HEAD)


def _rows(blocks: list[Block]) -> list[tuple[str, ...]]:
    return [b.cells for b in blocks if b.cells is not None]


def _two_pages(
    rest: tuple[list[str], ...], repeat: bool = True, lead: str = "区政府办公室"
) -> list[tuple[str, ...]]:
    """Row 1 whole on page 1, row 2 cut at its foot, ``rest`` atop page 2, then row 3."""
    one = _Page(1)
    one.row(_head())
    one.row((["1"], ["做好第一项重点", "信息公开"], [CONTENT[:24], CONTENT[24:36]],
             ["区政府办公室"], ["各街道办事处"], ["长期坚持"]), LEFT)
    one.row((["2"], ["做好第二项重点"], [CONTENT[:24], CONTENT[24:48]], [lead],
             ["各街道办事处、区直各部"], ["2023年12月"]), LEFT)
    two = _Page(2)
    if repeat:
        two.row(_head())
    two.row(rest, LEFT)
    two.row((["3"], ["做好第三项重点", "信息公开"], [CONTENT[:10]], ["区政府办公室"],
             ["区直各部门"], ["2023年底前"]), LEFT)
    return _rows(layout([one.done("— 1 —"), two.done("— 2 —")]))


def test_a_row_cut_at_a_page_break_is_one_row() -> None:
    rest = ([], ["信息公开"], [CONTENT[48:60]], [], ["门"], ["底前"])
    rows = _two_pages(rest)
    assert rows == [
        HEAD,
        ("1", "做好第一项重点信息公开", CONTENT[:36], "区政府办公室", "各街道办事处", "长期坚持"),
        ("2", "做好第二项重点信息公开", CONTENT[:60], "区政府办公室", "各街道办事处、区直各部门",
         "2023年12月底前"),
        HEAD,
        ("3", "做好第三项重点信息公开", CONTENT[:10], "区政府办公室", "区直各部门", "2023年底前"),
    ]
    assert _two_pages(rest, repeat=False)[1:3] == rows[1:3]  # no header row repeated


def test_a_row_atop_a_page_is_new_where_a_cell_above_had_room_left() -> None:
    # 牵头单位 "区政府" ended with room on its line: text under it starts a new row
    rest = ([], [], [CONTENT[48:60]], ["区委办"], [], [])
    rows = _two_pages(rest, lead="区政府")
    assert len(rows) == 6 and rows[4][2:4] == (CONTENT[48:60], "区委办") and rows[2][3] == "区政府"
    # ... as does text under a cell left empty on the page before
    one = _Page(1)
    one.row(_head())
    one.row((["1"], ["做好第一项重点"], [CONTENT[:24]], [], ["各街道办事处、区直各部"], [""]), LEFT)
    two = _Page(2)
    two.row(_head())
    two.row(([], [], [], ["区政府办公室"], ["门"], []), LEFT)
    rows = _rows(layout([one.done(), two.done()]))
    assert len(rows) == 4 and rows[3][3:5] == ("区政府办公室", "门")


def test_a_row_cut_over_three_pages_is_one_row() -> None:
    for repeat in (True, False):
        pages = []
        for number, content in enumerate((CONTENT[:24], CONTENT[24:48], CONTENT[48:60]), 1):
            page = _Page(number)
            if repeat or number == 1:
                page.row(_head())
            first = number == 1
            page.row((["1"] if first else [], ["做好第一项重点"] if first else [], [content],
                      ["区政府办公室"] if first else [], [], ["长期坚持"] if first else []), LEFT)
            pages.append(page.done())
        rows = _rows(layout(pages))
        assert rows[1] == ("1", "做好第一项重点", CONTENT[:60], "区政府办公室", "", "长期坚持")
        assert rows.count(HEAD) == (3 if repeat else 1) and len(rows) == rows.count(HEAD) + 1


def _centred_lines(page: Page, texts: list[str], top: float, size: float, left: float,
                   right: float) -> None:
    for n, text in enumerate(texts):
        x = (left + right - len(text) * size) / 2
        page.runs.append(Run(text, x, x + len(text) * size, top + n * 1.8 * size, size))


def test_a_landscape_page_in_a_portrait_notice_has_its_own_margins() -> None:
    body = "现将有关工作要点印发给你们请结合实际认真贯彻落实切实抓好各项任务"
    notice = Page(1, 595.0, 842.0)
    for n in range(6):  # body text set in the 80..515 column, first lines indented 2 ems
        indent = 32.0 if n % 2 == 0 else 0.0
        text = body[: int((435 - indent) // 16)]
        notice.runs.append(Run(text, 80 + indent, 80 + indent + 16 * len(text), 200 + 29 * n, 16))
    notice.runs.append(Run("（此件主动公开）", 112.0, 240.0, 400.0, 16.0))
    plan = Page(2, 842.0, 595.0)  # the attached plan, landscape: its column runs 56..786
    plan.runs.append(Run("附件", 56.0, 88.0, 80.0, 16.0))
    _centred_lines(plan, ["某某市2023年政务公开", "重点工作任务分解表"], 130.0, 22.0, 56.0, 786.0)
    xs, ys = (56.0, 300.0, 786.0), (200.0, 230.0)  # the plan's table, across the column
    plan.rules += [Rule(True, y, xs[0], xs[-1]) for y in ys]
    plan.rules += [Rule(False, x, ys[0], ys[-1]) for x in xs]
    plan.runs += [Run("工作任务", 61.0, 125.0, 220.0, 16.0), Run("牵头单位", 305.0, 369.0, 220.0, 16.0)]
    blocks = [b for b in layout([notice, plan]) if b.page == 2 and b.cells is None]
    assert [(b.text, b.hints) for b in blocks] == [
        ("附件", frozenset()),
        ("某某市2023年政务公开", frozenset({CENTER, LARGE})),
        ("重点工作任务分解表", frozenset({CENTER, LARGE})),
    ]
