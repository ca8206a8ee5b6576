"""Plans as scraped and copied web text (issue 10): portal furniture, metadata blocks, damaged
text, flattened tables, encodings.  Inputs are built here, in invented wording."""
from __future__ import annotations

import pytest

import planparse
from planparse.errors import PlanparseError
from planparse.extract.text import blocks_of, decode, extract
from planparse.ir import Row
from planparse.normalise import normalise

PLAN = "一、做好公开\n（一）公开预算。按时公开部门预算。（县财政局负责）\n（二）公开决算。按时公开部门决算。（县审计局负责）\n"


def paragraphs(text: str) -> list[str]:
    return [p.text for p in normalise(blocks_of(text)).paras if not isinstance(p, Row)]


def rows(text: str) -> list[list[str]]:
    return [[c.strip() for c in b.cells] for b in blocks_of(text) if b.is_row]


def test_metadata_block_one_label_a_line_with_values_below():
    head = "索引号\n0001/2023-01\n发布机关\n某县政府\n统一编号\n成文日期\n2023-05-09\n标题\n某县2023年政务公开工作要点\n"
    doc = planparse.parse_text(head + PLAN)
    assert doc.metadata.title == doc.metadata.plan_title == "某县2023年政务公开工作要点"
    assert doc.metadata.signed_date == "2023-05-09"
    assert doc.metadata.issuer is None  # 发布机关 names the publisher, not the issuer
    assert doc.metadata.web is not None and doc.metadata.web.publisher == "某县政府"
    assert doc.metadata.web.index_no == "0001/2023-01"
    assert [t.id for t in doc.tasks] == ["1.1", "1.2"]


def test_metadata_block_several_fields_a_line_and_page_dates_kept_apart():
    head = ("索引号: 0002/2022-7 成文日期:\n发布机构: 县政府办公室 文号: 某政办发〔2022〕3号\n"
            "发文日期: 2022-04-01 发布日期: 2022-04-06 10:22\n某县2022年政务公开工作要点\n")
    doc = planparse.parse_text(head + PLAN)
    assert doc.metadata.doc_number == "某政办发〔2022〕3号"
    assert doc.metadata.signed_date is None  # 发文日期 and 发布日期 date the page
    assert (doc.metadata.web.issued, doc.metadata.web.published) == ("2022-04-01", "2022-04-06")
    assert doc.metadata.title == "某县2022年政务公开工作要点"


def test_document_own_number_wins_over_the_block():
    head = "文号：甲〔2021〕1号\n某县2021年政务公开工作要点\n乙〔2021〕9号\n"
    assert planparse.parse_text(head + PLAN).metadata.doc_number == "乙〔2021〕9号"


def test_portal_furniture_is_never_text():
    page = ("某县人民政府门户网站\n首页 | 政务公开 | 互动交流\n当前位置：首页 > 政务公开 > 计划总结\n"
            "某县2022年政务公开工作要点\n发布时间：2022-03-01 来源：县政府办 浏览次数：12\n"
            "字体大小：大 中 小 【打印】 【关闭】\n" + PLAN + "推荐阅读：某县工作总结\n某某于2022年04月11日发表\n"
            "扫一扫在手机打开当前页\n版权所有：某县人民政府 技术支持：某公司\n")
    doc = planparse.parse_text(page)
    assert doc.metadata.title == "某县2022年政务公开工作要点"
    assert doc.tasks[-1].text == "公开决算。按时公开部门决算。"


def test_phonetic_glosses_and_damaged_indent_are_dropped():
    assert paragraphs("??各區(qū)人(rén)民政府：\n（一）公開(kāi)預算。") == ["各區人民政府：", "（一）公開預算。"]
    assert paragraphs("??????? 某縣辦公室????2021年5月10日印發") == ["某縣辦公室2021年5月10日印發"]
    assert paragraphs("见附件(a)和(2)") == ["见附件(a)和(2)"]  # only a toned syllable is a gloss


def test_censored_names_are_never_units():
    doc = planparse.parse_text("一、做好公开\n（一）公开预算。按时公开。（***负责）\n（二）公开决算。按时公开。（县审计局负责）\n")
    assert doc.tasks[0].units.responsible == []


def test_a_plan_on_one_line_is_cut_at_its_markers():
    line = ("某县2020年政务公开工作方案为做好公开工作，制定本方案。一、重点任务（一）深化决策公开。"
            "1.落实重大行政决策预公开制度，决策草案向社会公开征求意见，广泛听取各方面意见建议。"
            "（县司法局负责）2.建立决策后评估机制，对重大决策的执行情况开展评估，按时公开评估结果。"
            "（县政府办公室负责）（二）深化执行公开。3.公开县政府重点工作推进情况，接受社会监督，"
            "发现问题及时整改并持续改进，每半年向社会通报一次整改进展。（县督查室负责）")
    doc = planparse.parse_text(line)
    assert [t.id for t in doc.tasks] == ["1.1.1", "1.1.2", "1.2.1"]
    assert doc.tasks[2].units.responsible == ["县督查室"]


def test_rows_flattened_with_bars_and_a_markdown_rule():
    text = "| 序号 | 工作任务 | 责任单位 |\n| --- | --- | --- |\n| 1 | 公开预算。 | 财政局 |\n2 | 公开决算。 | 审计局 |\n"
    assert rows(text) == [["序号", "工作任务", "责任单位"], ["1", "公开预算。", "财政局"],
                          ["2", "公开决算。", "审计局"]]


def test_cells_one_a_line_rows_ended_by_an_empty_cell():
    text = "|\n工作任务\n|\n责任单位\n|\n|\n公开预算。\n|\n财政局\n|\n|\n公开决算。\n|\n审计局\n|\n"
    assert rows(text) == [["工作任务", "责任单位"], ["公开预算。", "财政局"], ["公开决算。", "审计局"]]


def test_cells_one_a_line_rows_ended_by_the_last_column():
    text = ("工作任务\n|\n具体要求\n|\n时限要求\n|\n做好预算公开\n|\n1\n|\n公开部门预算。\n|\n年底前\n|\n"
            "2\n|\n公开三公经费。\n|\n每季度\n|\n")
    assert rows(text) == [["工作任务", "序号", "具体要求", "时限要求"],
                          ["做好预算公开", "1", "公开部门预算。", "年底前"], ["2", "公开三公经费。", "每季度"]]


def test_cells_one_a_line_without_bars():
    text = "序号\n工作任务\n责任单位\n完成时限\n一、做好公开\n1\n公开预算。\n县财政局\n6月底前\n说明：按时报送。\n"
    assert rows(text) == [["序号", "工作任务", "责任单位", "完成时限"], ["一、做好公开"],
                          ["1", "公开预算。", "县财政局", "6月底前"]]
    assert paragraphs(text)[-1] == "说明：按时报送。"


def test_row_that_lost_its_merged_cells_continues_the_group():
    text = ("工作任务 | 具体要求 | 责任部门 |\n一、做好财政公开。 | 1.公开预算。 | 财务科 |\n"
            "2.公开决算。 | 审计科 | |\n")
    doc = planparse.parse_text(text)
    assert [(t.id, t.units.responsible) for t in doc.tasks] == [("1.1", ["财务科"]), ("1.2", ["审计科"])]


def test_responsibility_lines_after_an_item():
    text = "1.稳住工业增长。\n牵头市领导：某某\n牵头责任单位：市经信局\n协同责任单位：市统计局\n2.扩大有效投资。\n责任单位：市发改委\n"
    doc = planparse.parse_text(text)
    assert doc.tasks[0].text == "稳住工业增长。"
    assert (doc.tasks[0].units.lead, doc.tasks[0].units.cooperating) == (["市经信局"], ["市统计局"])
    assert doc.tasks[1].units.responsible == ["市发改委"]


def test_units_inside_brackets_and_square_bracketed_parentheticals():
    text = ("一、做好公开\n（一）开放数据。编制目录。（市府办〔市大数据局〕牵头，各部门配合）\n"
            "（二）公开规划。全面公开规划。〔责任单位：市自然资源局〕\n")
    doc = planparse.parse_text(text)
    assert doc.tasks[0].units.lead == ["市府办〔市大数据局〕"]
    assert doc.tasks[1].units.responsible == ["市自然资源局"] and doc.tasks[1].text == "公开规划。全面公开规划。"


def test_big5_is_told_apart_from_gb18030():
    text = "東陵縣政務公開工作要點\n一、加強重點領域信息公開\n（一）公開財政預決算。（縣財政局負責）\n"
    assert decode(text.encode("big5")) == (text, "big5hkscs")
    assert decode(text.encode("gb18030")) == (text, "gb18030")
    simplified = "东陵县政务公开工作要点\n一、加强重点领域信息公开\n"
    assert decode(simplified.encode("gb18030")) == (simplified, "gb18030")


def test_mojibake_is_flagged_or_refused():
    rare = "".join(chr(c) for c in range(0x9F90, 0x9FA2))  # 18 rare characters
    warned = extract(("政务公开工作" * 7 + rare).encode("gb18030"))  # 70% common ones
    assert [code for code, _ in warned.warnings] == ["doubtful_encoding"]
    with pytest.raises(PlanparseError, match="mojibake"):
        decode((rare * 8).encode("gb18030"))
