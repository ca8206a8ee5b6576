"""planparse.extract.html: the article of a portal page, Word-saved pages, tables, charsets.

Pages are built here; the seed renderings (-trs/-xxgk/-mobile/-word .html) are read from the
shared corpus when it is present.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import load_json
from goldcheck import differences
from hypothesis import given, settings
from hypothesis import strategies as st

import planparse
from planparse.blocks import CENTER, RIGHT
from planparse.errors import PlanparseError
from planparse.extract import extract as extract_named
from planparse.extract import registry
from planparse.extract.html import extract

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SEED_PAGES = sorted(SEEDS.glob("*.html")) if SEEDS.is_dir() else []

PLAN = [
    "一、加强组织领导",
    "（一）明确责任分工。各单位要明确分管领导。（办公室牵头，各科室配合）",
    "（二）健全工作机制。建立健全工作台账，定期通报进展情况。（各科室负责）",
]


def page(body: str, head: str = '<meta charset="utf-8">') -> bytes:
    return (f"<!DOCTYPE html><html><head>{head}<title>网站标题_某某局</title></head>"
            f"<body>{body}</body></html>").encode()


def texts(data: bytes) -> list[str]:
    return [b.text for b in extract(data).blocks if not b.is_row]


PORTAL = page(
    '<div class="topbar"><a href="/">首页</a><a href="#">无障碍</a></div>'
    '<div class="nav"><ul><li><a href="#">政务公开</a></li><li><a href="#">政务服务</a></li></ul></div>'
    '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="#">政务公开</a></div>'
    '<div class="main">'
    '<table class="info"><tr><td>索引号：</td><td>000014349/2024-00012</td>'
    "<td>发布机构：</td><td>某某局</td></tr>"
    '<tr><td>发文日期：</td><td>2024-03-01</td><td>文　　号：</td><td>某政办〔2024〕3号</td></tr>'
    '<tr><td>名　　称：</td><td colspan="3">某某局2024年政务公开工作要点</td></tr></table>'
    '<h1 class="title">某某局2024年政务公开工作要点</h1>'
    '<div class="article-info">发布时间：2024-03-01 来源：本网 浏览次数：<span>12</span></div>'
    '<div id="zoom"><div class="TRS_Editor"><style>.TRS_Editor P{margin:0}</style>'
    '<p align="center"><strong>某某局2024年政务公开工作要点</strong></p>'
    + "".join(f'<p style="text-indent:2em">{line}</p>' for line in PLAN)
    + '<p style="text-align: right">某某局</p><p align="right">2024年3月1日</p>'
    "</div></div>"
    '<div class="article-tools">【<a href="javascript:window.print()">打印</a>】'
    '【<a href="javascript:window.close()">关闭</a>】</div>'
    '<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div>'
    "</div>"
    '<div class="footer"><p>主办单位：某某局 网站标识码：1234567890</p></div>'
    "<script>var hits = 1;</script>"
)


# ---------------------------------------------------------------------------- the article


def test_portal_page_gives_the_article_and_its_metadata_fields():
    assert texts(PORTAL) == [
        "索引号：000014349/2024-00012",
        "发布机构：某某局",
        "文号：某政办〔2024〕3号",
        "名称：某某局2024年政务公开工作要点",
        "某某局2024年政务公开工作要点",
        *PLAN,
        "某某局",
        "2024年3月1日",
    ]


def test_alignment_hints():
    blocks = {b.text: b.hints for b in extract(PORTAL).blocks}
    assert blocks["某某局2024年政务公开工作要点"] == {CENTER}
    assert blocks["某某局"] == blocks["2024年3月1日"] == {RIGHT}
    assert blocks[PLAN[0]] == frozenset()


def test_portal_page_parses_to_the_plan():
    result = planparse.parse_bytes(PORTAL, "page.html")
    assert result.metadata.title == "某某局2024年政务公开工作要点"
    assert result.metadata.signed_date == "2024-03-01"  # from the document, not the page
    assert [t.text for t in result.tasks] == [
        "明确责任分工。各单位要明确分管领导。", "健全工作机制。建立健全工作台账，定期通报进展情况。"
    ]
    assert result.tasks[0].units.lead == ["办公室"]


def test_without_cms_names_the_densest_element_is_the_article():
    links = "".join(f'<li><a href="#">栏目{i}的很长很长的链接标题</a></li>' for i in range(30))
    data = page(
        f"<div><ul>{links}</ul></div>"
        '<div><div class="a">' + "".join(f"<p>{line}</p>" for line in PLAN) + "</div>"
        "<div><p>相关推荐</p></div></div>"
        "<div><p>版权所有：某某局</p></div>"
    )
    assert texts(data) == PLAN


def test_a_table_in_a_box_of_its_own_stays_with_its_paragraphs():
    table = ("<div class='scroll'><table><tr><td>序号</td><td>任务</td></tr>"
             "<tr><td>1</td><td>建立健全工作台账，定期通报进展情况，确保各项任务按期完成。</td></tr>"
             "<tr><td>2</td><td>加强政策解读，做好政策文件与解读材料同步发布工作。</td></tr>"
             "</table></div>")
    data = page(f"<div><div><p>某某局任务分工</p>{table}<p>附件：分工表</p></div></div>")
    blocks = extract(data).blocks
    assert [b.text for b in blocks if not b.is_row] == ["某某局任务分工", "附件：分工表"]
    assert len([b for b in blocks if b.is_row]) == 3


def test_page_saved_from_word_keeps_list_numbers():
    data = page(
        "<div class=WordSection1>"
        "<p class=MsoNormal align=center style='text-align:center'><span>某某局工作要点</span></p>"
        "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span"
        " style='font-family:黑体'><span style='mso-list:Ignore'>一、</span></span><![endif]>"
        "<span>加强组织领导</span><o:p></o:p></p>"
        "<p class=MsoListParagraph style='mso-list:l2 level1 lfo3'><!--[if !supportLists]--><span>"
        "<span style='mso-list:Ignore'>1.<span style='font:7.0pt \"Times New Roman\"'>"
        "&nbsp;&nbsp; </span>"
        "</span></span><!--[endif]--><b>明确责任。</b>各单位要明确分管领导。（办公室负责）</p>"
        "<p class=MsoNormal style='display:none'>隐藏的文字</p>"
        "<p class=MsoNormal align=right style='text-align:right'>某某局</p>"
        "</div>",
        head='<meta http-equiv=Content-Type content="text/html; charset=utf-8">'
             "<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>a</o:Author>"
             "</o:DocumentProperties></xml><![endif]-->",
    )
    assert [t.replace("\xa0", "").replace(" ", "") for t in texts(data)] == [
        "某某局工作要点", "一、加强组织领导", "1.明确责任。各单位要明确分管领导。（办公室负责）", "某某局"
    ]


def test_word_sections_are_read_together():
    data = page(
        "<div class=WordSection1><p class=MsoNormal>某某局工作任务分解</p>"
        + "".join(f"<p class=MsoNormal>{line}</p>" for line in PLAN) + "</div>"
        "<div class=WordSection2><table><tr><td><p>序号</p></td><td><p>任务</p></td></tr>"
        "<tr><td><p>1</p></td><td><p>建立健全工作台账，定期通报进展情况。</p></td></tr></table></div>"
    )
    blocks = extract(data).blocks
    assert [b.text for b in blocks if not b.is_row] == ["某某局工作任务分解", *PLAN]
    assert [b.cells for b in blocks if b.is_row] == [("序号", "任务"),
                                                     ("1", "建立健全工作台账，定期通报进展情况。")]


def test_ruby_glosses_are_not_text():
    data = page("<div id='zoom'><p>政务<ruby>公<rp>(</rp><rt>gōng</rt><rp>)</rp></ruby>开</p></div>")
    assert texts(data) == ["政务公开"]


def test_br_separated_lines_are_lines():
    data = page('<div id="zoom"><p>一、总体要求<br>\n　　（一）第一项。<br/>（二）第二项。</p></div>')
    block = extract(data).blocks[0]
    assert block.text.split("\n") == ["一、总体要求", "　　（一）第一项。", "（二）第二项。"]


def test_div_blocks_are_paragraphs():
    data = page("<div class='content'><div>一、总体要求</div><div>（一）第一项。<span>续</span></div></div>")
    assert texts(data) == ["一、总体要求", "（一）第一项。续"]


# ---------------------------------------------------------------------------- tables


def test_rowspan_and_colspan_give_empty_covered_cells():
    data = page(
        "<div class='article-content'><p>某某局任务分工</p><table border=1>"
        "<thead><tr><th>序号</th><th>任务</th><th colspan=2>责任单位</th></tr></thead>"
        "<tr><td rowspan=2>1</td><td>任务甲</td><td>办公室</td><td>法规科</td></tr>"
        "<tr><td>任务乙</td><td colspan=2>各科室</td></tr>"
        "<tr><td>2</td><td rowspan=2>任务丙</td><td>财务科</td><td></td></tr>"
        "<tr><td>3</td><td>审计科</td></tr>"
        "</table></div>"
    )
    rows = [(b.cells, b.header, b.table) for b in extract(data).blocks if b.is_row]
    assert rows == [
        (("序号", "任务", "责任单位", ""), True, 0),
        (("1", "任务甲", "办公室", "法规科"), False, 0),
        (("", "任务乙", "各科室", ""), False, 0),
        (("2", "任务丙", "财务科", ""), False, 0),
        (("3", "", "审计科", ""), False, 0),
    ]


def test_cell_paragraphs_are_lines_of_the_cell():
    data = page("<table><tr><td><p>第一段</p><p>第二段</p></td><td>甲<br>乙</td></tr></table>")
    assert [b.cells for b in extract(data).blocks] == [("第一段\n第二段", "甲\n乙")]


def test_one_column_table_is_layout():
    data = page("<table><tr><td><p>一、总体要求</p><p>（一）第一项。</p></td></tr></table>")
    assert texts(data) == ["一、总体要求", "（一）第一项。"]


def test_hostile_spans_are_capped():
    data = page("<table><tr><td colspan=99999999>甲</td><td rowspan=99999999>乙</td></tr>"
                "<tr><td>丙</td></tr></table>")
    rows = [b.cells for b in extract(data).blocks]
    assert len(rows[0]) == 65 and rows[0][0] == "甲" and rows[0][64] == "乙"
    assert rows[1][0] == "丙" and rows[1][64] == ""


def test_furniture_dropped_before_a_control_character_keeps_the_text_after_it():
    # the text after a dropped element holds a control character the parser kept, which
    # lxml refuses to take back as text set from Python
    data = ("<html><body><div id=zoom><p>一、总体要求。</p><div class=share>分享</div>\x0b（二）"
            "</div></body></html>").encode()
    assert texts(data) == ["一、总体要求。", "\x0b（二）"]


# ---------------------------------------------------------------------------- charsets


def test_gbk_page_with_meta_charset():
    data = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            "</head><body><p>一、加强组织领导</p><p>（一）镕铖。</p></body></html>").encode("gb18030")
    extracted = extract(data)
    assert extracted.encoding == "gb18030"
    assert [b.text for b in extracted.blocks] == ["一、加强组织领导", "（一）镕铖。"]


def test_undeclared_gbk_is_sniffed():
    data = "<html><body><p>一、加强组织领导</p></body></html>".encode("gbk")
    assert extract(data).encoding == "gb18030"
    assert texts(data) == ["一、加强组织领导"]


def test_big5_when_declared():
    data = ('<html><head><meta charset="big5"></head>'
            "<body><p>一、加強組織領導</p></body></html>").encode("big5")
    assert texts(data) == ["一、加強組織領導"]


def test_bom_wins_over_a_wrong_declaration():
    data = ('<html><head><meta charset="gbk"></head>'
            "<body><p>一、要点</p></body></html>").encode("utf-8-sig")
    assert extract(data).encoding == "utf-8-sig"
    assert texts(data) == ["一、要点"]


def test_stray_bytes_are_replaced_with_a_warning():
    data = "<html><body><p>一、加强组织领导工作</p></body></html>".encode()
    data = data.replace("领导".encode(), "领导".encode() + b"\xff")
    extracted = extract(data)
    assert extracted.encoding == "utf-8"
    assert [b.text for b in extracted.blocks] == ["一、加强组织领导\ufffd工作"]
    assert [code for code, _ in extracted.warnings] == ["html_encoding"]


def test_xml_declaration_is_allowed():
    data = '<?xml version="1.0" encoding="utf-8"?><html><body><p>一、要点</p></body></html>'.encode()
    assert texts(data) == ["一、要点"]


# ---------------------------------------------------------------------------- the registry


def test_registered_before_text():
    names = [fmt.name for fmt in registry.FORMATS]
    assert names.index("html") < names.index("txt")
    assert registry.sniff(PORTAL).name == "html"
    assert registry.by_extension("a.HTM").name == registry.by_extension("b.shtml").name == "html"


def test_plain_text_named_html_is_read_as_a_page():
    assert [b.text for b in extract_named("一、总体要求\n（一）第一项。".encode(), "a.html").blocks] == [
        "一、总体要求 （一）第一项。"
    ]


# ---------------------------------------------------------------------------- bad pages


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"   \n ", "empty"),
        (bytes(range(256)) * 20, "binary"),
        (page("<script>var a = 1;</script><div> </div>"), "no document text"),
        (page("<div>" * 5000 + "深" + "</div>" * 5000), "nested too deeply"),
    ],
    ids=["blank", "binary", "no-text", "deep-nesting"],
)
def test_bad_pages_get_a_one_line_reason(data, reason):
    with pytest.raises(PlanparseError) as error:
        extract(data)
    assert reason in str(error.value) and "\n" not in str(error.value)


def test_entities_are_not_expanded():
    bomb = ('<!DOCTYPE html [<!ENTITY a "哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            "<html><body><p>一、要点&b;&b;&b;</p></body></html>").encode()
    assert all("哈哈" not in b.text for b in extract(bomb).blocks)


_PIECES = st.sampled_from([
    "<p>", "</p>", "<div>", "</div>", "<br>", "<table>", "</table>", "<tr>", "<td>",
    "<td rowspan=2>", "<td colspan=3>", "</td>", "<span style='mso-list:Ignore'>", "</span>",
    "<a href='javascript:;'>", "</a>", "<div class=share>", "<div id=zoom>", "索引号：", "文号",
    "一、要点", "（一）任务。", "&nbsp;", "&#x4e00;", "<!--[if !supportLists]-->", "<![endif]>",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_any_tag_soup_gives_blocks_or_a_reason(pieces):
    try:
        blocks = extract(page("".join(pieces))).blocks
    except PlanparseError as error:
        assert "\n" not in str(error)
        return
    widths = {len(b.cells) for b in blocks if b.is_row and b.table == 0}
    assert len(widths) <= 1  # every row of a table has one cell per grid column
    assert all(b.text.strip() for b in blocks if not b.is_row)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_blocks_or_a_reason(data):
    try:
        extract(data)
    except PlanparseError as error:
        assert "\n" not in str(error)


# ---------------------------------------------------------------------------- the seeds


@pytest.mark.skipif(not SEED_PAGES, reason=f"no seed pages in {SEEDS}")
@pytest.mark.parametrize("path", SEED_PAGES, ids=lambda p: p.name)
def test_seed_page_matches_gold(path):
    gold = load_json(SHARED / "gold" / f"{path.name.split('-')[0]}.gold.json")
    result = planparse.parse(path).model_dump(mode="json")
    assert differences(gold, result) == []
