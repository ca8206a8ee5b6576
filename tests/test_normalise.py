"""Normalisation: widths, spaces, offsets, broken lines, page furniture, paginated tables."""

from __future__ import annotations

import pytest

from planparse.blocks import Block
from planparse.extract.text import blocks_of
from planparse.ir import Row
from planparse.normalise import clean, normalise


def paras(source: str) -> list[str]:
    return [p.text for p in normalise(blocks_of(source)).paras]


# ---------------------------------------------------------------- clean: widths and spaces

@pytest.mark.parametrize("raw, want", [
    ("ＡＢＣ１２３，ｘｙｚ。", "ABC123，xyz。"),
    ("２０２４年６月底前（第三批）：", "2024年6月底前（第三批）："),
    ("某某市教育局 2024 年政务公开工作要点", "某某市教育局2024年政务公开工作要点"),
    ("（一）\u3000加强组织领导", "（一）加强组织领导"),
    ("某某\u3000市\u00a0教育局\t工作", "某某市教育局工作"),
    ("政务 公开 专栏", "政务公开专栏"),
])
def test_clean(raw, want):
    assert clean(raw) == want


@pytest.mark.parametrize("raw", ["推广 Open Data 理念", "推广 Open\u00a0Data 理念", "推广 Open\tData 理念"])
def test_space_between_latin_words_is_kept(raw):
    assert "Open Data" in clean(raw)


def test_full_width_punctuation_is_kept():
    out = clean("（一）《条例》“放管服”：１０％；")
    assert out == "（一）《条例》“放管服”：10％；"


# ---------------------------------------------------------------- broken lines

@pytest.mark.parametrize("source, want", [
    ("要做好信息发布、\n政策解读和回应关切工作。\n", ["要做好信息发布、政策解读和回应关切工作。"]),
    ("按照上级统一部署，\n扎实推进各项工作。\n", ["按照上级统一部署，扎实推进各项工作。"]),
    ("要做好信息发布的\n相关保障工作。\n", ["要做好信息发布的相关保障工作。"]),
    ("各科室要按照《某某市政府信息\n公开目录编制规范》做好编目。\n", ["各科室要按照《某某市政府信息公开目录编制规范》做好编目。"]),
    ("推进政务服务事项标准化（由数据管理中心\n牵头）\n", ["推进政务服务事项标准化（由数据管理中心牵头）"]),
    ("一是加强组织领导。二是健全\n工作机制。\n", ["一是加强组织领导。二是健全工作机制。"]),
    ("坚持以人民为中心的发展思想持续深化政务公开全面提升政府治理能力和公共服务水平努力打造透明政府\n"
     "为全区经济社会发展提供有力支撑。\n",
     ["坚持以人民为中心的发展思想持续深化政务公开全面提升政府治理能力和公共服务水平努力打造透明政府"
      "为全区经济社会发展提供有力支撑。"]),
    ("要做好信息发布、\n\n政策解读工作。\n", ["要做好信息发布、政策解读工作。"]),
    ("要做好信息发布、\n— 3 —\n政策解读工作。\n", ["要做好信息发布、政策解读工作。"]),
])
def test_broken_lines_are_rejoined(source, want):
    assert paras(source) == want


@pytest.mark.parametrize("source, want", [
    ("二、重点任务\n各科室要高度重视政务公开工作。\n", ["二、重点任务", "各科室要高度重视政务公开工作。"]),
    ("（一）加强组织领导\n各科室要高度重视政务公开工作。\n", ["（一）加强组织领导", "各科室要高度重视政务公开工作。"]),
    ("某某区教育局2024年政务公开工作要点\n2024年，全区教育系统将继续深化政务公开。\n",
     ["某某区教育局2024年政务公开工作要点", "2024年，全区教育系统将继续深化政务公开。"]),
    ("工作要求\n各科室要高度重视政务公开工作。\n", ["工作要求", "各科室要高度重视政务公开工作。"]),
    ("现就有关工作提出如下要求，\n1.做好主动公开。\n", ["现就有关工作提出如下要求，", "1.做好主动公开。"]),
    ("坚持以人民为中心的发展思想持续深化政务公开全面提升政府治理能力和公共服务水平努力打造透明政府\n"
     "（二）做好政策解读。\n",
     ["坚持以人民为中心的发展思想持续深化政务公开全面提升政府治理能力和公共服务水平努力打造透明政府",
      "（二）做好政策解读。"]),
    ("各科室要高度重视政务公开工作。\n要加强督促检查。\n", ["各科室要高度重视政务公开工作。", "要加强督促检查。"]),
    (
        "（三）围绕扩大有效投资推动重大发展战略落地落实进一步加强重点领域信息公开和政策解读回应工作\n"
        "各科室要及时公开项目审批、核准、备案等信息。\n",
        ["（三）围绕扩大有效投资推动重大发展战略落地落实进一步加强重点领域信息公开和政策解读回应工作",
         "各科室要及时公开项目审批、核准、备案等信息。"]),
])
def test_lines_that_stay_apart(source, want):
    assert paras(source) == want


# ---------------------------------------------------------------- page furniture

@pytest.mark.parametrize("furniture", ["— 3 —", "- 3 -", "－ 12 －", "第3页 共10页", "第 5 页", "3/10", "3／10"])
def test_page_numbers_are_dropped(furniture):
    source = f"各科室要高度重视政务公开工作。\n{furniture}\n要加强督促检查。\n"
    assert paras(source) == ["各科室要高度重视政务公开工作。", "要加强督促检查。"]


@pytest.mark.parametrize("furniture", ["相关链接：《某某区2024年政务公开工作要点》政策解读", "相关附件",
                                       "【打印本页】　【关闭窗口】"])
def test_web_page_footer_is_dropped(furniture):
    source = f"要加强督促检查。\n{furniture}\n"
    assert paras(source) == ["要加强督促检查。"]


def test_web_page_metadata_table_is_dropped():
    source = ("索引号：\t11341729/2023-00044\t组配分类：\t重点工作\n"
              "发布机构：\t某某县人民政府办公室\t主题分类：\t综合政务\n"
              "某某县2023年政务公开工作要点\n一、加强政策解读\n")
    document = normalise(blocks_of(source))
    assert [p.text for p in document.paras] == ["某某县2023年政务公开工作要点", "一、加强政策解读"]


def test_running_header_on_three_pages_is_dropped():
    source = ("某某区2024年政务公开工作要点\n一、总体要求\n要做好主动公开。\n— 1 —\n"
              "某某区人民政府办公室\n要加强组织领导。\n— 2 —\n"
              "某某区人民政府办公室\n要做好政策解读。\n— 3 —\n"
              "某某区人民政府办公室\n要做好回应关切。\n")
    assert paras(source) == ["某某区2024年政务公开工作要点", "一、总体要求", "要做好主动公开。",
                             "要加强组织领导。", "要做好政策解读。", "要做好回应关切。"]


def test_line_seen_twice_is_not_a_running_header():
    source = "某某区人民政府办公室\n要加强组织领导。\n某某区人民政府办公室\n要做好政策解读。\n"
    assert paras(source).count("某某区人民政府办公室") == 2


def test_repeated_field_lines_are_not_running_headers():
    source = ("某某局工作要点\n1.做好主动公开。\n责任单位：办公室\n2.做好政策解读。\n责任单位：办公室\n"
              "3.做好回应关切。\n责任单位：办公室\n")
    assert normalise(blocks_of(source)).text.count("责任单位：办公室") == 3


# ---------------------------------------------------------------- tables

HEADER = "序号\t工作任务\t责任单位\n"


def rows(source: str) -> list[list[str]]:
    return [[c.text for c in p.cells] for p in normalise(blocks_of(source)).paras if isinstance(p, Row)]


def test_repeated_header_dropped_and_split_cell_joined():
    source = (HEADER + "1\t做好主动公开工作。\t办公室\n2\t加强政策解读，及时发布\t宣传科\n\n"
              + HEADER + "\t图解和问答材料。\t\n3\t做好回应关切。\t数据中心\n")
    assert rows(source) == [["序号", "工作任务", "责任单位"], ["1", "做好主动公开工作。", "办公室"],
                            ["2", "加强政策解读，及时发布图解和问答材料。", "宣传科"],
                            ["3", "做好回应关切。", "数据中心"]]


def test_row_after_a_finished_cell_is_not_joined():
    source = HEADER + "1\t做好主动公开工作。\t办公室\n\n" + HEADER + "\t另行部署的事项。\t\n"
    assert rows(source) == [["序号", "工作任务", "责任单位"], ["1", "做好主动公开工作。", "办公室"],
                            ["", "另行部署的事项。", ""]]


def test_split_row_across_pages_from_blocks():
    head = ("序号", "工作任务", "责任单位")
    blocks = [Block(cells=head, page=1, table=0),
              Block(cells=("1", "加强政策解读，及时发布", "宣传科、"), page=1, table=0),
              Block(cells=("", "图解材料。", "数据中心"), page=2, table=0),
              Block(cells=("2", "做好回应关切。", "办公室"), page=2, table=0)]
    doc = normalise(blocks)
    assert [p.text for p in doc.paras] == ["序号\t工作任务\t责任单位", "1\t加强政策解读，及时发布图解材料。\t宣传科、数据中心",
                                           "2\t做好回应关切。\t办公室"]


def test_same_page_rows_are_not_joined():
    head = ("序号", "工作任务", "责任单位")
    blocks = [Block(cells=head, page=1, table=0), Block(cells=("1", "加强政策解读，及时发布", "宣传科"), page=1, table=0),
              Block(cells=("", "图解材料。", ""), page=1, table=0)]
    assert len(normalise(blocks).paras) == 3


def test_new_numbered_row_at_top_of_page_is_not_joined():
    source = HEADER + "1\t规范政府信息公开目录\t办公室\n\n" + HEADER + "2\t做好政策解读\t宣传科\n"
    assert rows(source) == [["序号", "工作任务", "责任单位"], ["1", "规范政府信息公开目录", "办公室"],
                            ["2", "做好政策解读", "宣传科"]]


def test_table_pages_separated_by_a_page_number():
    source = (HEADER + "1\t加强政策解读，及时发布\t宣传科\n— 2 —\n"
              + HEADER + "\t图解和问答材料。\t\n2\t做好回应关切。\t数据中心\n")
    assert rows(source) == [["序号", "工作任务", "责任单位"],
                            ["1", "加强政策解读，及时发布图解和问答材料。", "宣传科"],
                            ["2", "做好回应关切。", "数据中心"]]


# ---------------------------------------------------------------- document invariants

SOURCES = [
    "某某区2024年政务公开工作要点\n一、总体要求\n要做好信息发布、\n政策解读工作。\n— 2 —\n（一）加强领导（办公室\n牵头）\n",
    "推广 Open Data 理念，\u3000做好 ２０２４ 年\n工作的\n总结。\n第1页 共2页\n1.做好公开。\n",
    HEADER + "1\t加强政策解读，及时发布\t宣传科\n\n" + HEADER + "\t图解材料。\t\n2\t做好回应。\t办公室\n说明：表内事项长期坚持。\n",
]


@pytest.mark.parametrize("source", SOURCES)
def test_paras_are_slices_of_the_document_text(source):
    doc = normalise(blocks_of(source))
    assert doc.paras
    for p in doc.paras:
        assert doc.text[p.start:p.end] == p.text
    assert [p.start for p in doc.paras] == sorted(p.start for p in doc.paras)
