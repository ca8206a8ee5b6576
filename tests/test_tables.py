"""Table plans in text form (tab-separated dumps of Word tables) give the same outline and tasks."""

from __future__ import annotations

import pytest

from planparse.grammar.columns import column_roles

HEADER = "序号\t重点任务\t具体措施\t牵头单位\t配合单位\t完成时限"
LEDGER = "\n".join([
    "某某市市场监督管理局2024年政务公开重点任务分工表",
    "",
    HEADER,
    "1\t深化监管信息公开\t1.公开行政处罚信息。处罚决定作出之日起7个工作日内公开。\t执法稽查科\t法规科、办公室\t长期坚持",
    "\t\t2.公开抽查结果。\t信用监管科\t\t2024年6月底前",
    "2\t加强政策解读\t3.做好政策解读工作，对新出台政策逐一\t办公室\t各科室\t持续推进",
    "",
    HEADER,
    "\t\t开展解读。\t\t\t",
    "3\t规范网站管理\t4.开展网站自查。\t办公室（牵头）、信息中心\t\t每季度",
])


def test_columns_give_outline_units_and_deadlines(plan):
    document = plan(LEDGER)
    assert [(s.id, s.marker, s.title) for s in document.sections] == [
        ("1", "1", "深化监管信息公开"), ("2", "2", "加强政策解读"), ("3", "3", "规范网站管理")]
    first = document.tasks[0]
    assert (first.id, first.marker, first.text) == ("1.1", "1.", "公开行政处罚信息。处罚决定作出之日起7个工作日内公开。")
    assert (first.units.lead, first.units.cooperating) == (["执法稽查科"], ["法规科", "办公室"])
    assert [(d.kind, d.date) for d in first.deadlines] == [("relative", None), ("ongoing", None)]


def test_blank_cell_under_a_merged_cell_repeats_the_row_above(plan):
    second = plan(LEDGER).tasks[1]
    assert second.units.lead == ["信用监管科"]
    assert second.units.cooperating == ["法规科", "办公室"]
    assert [(d.kind, d.date) for d in second.deadlines] == [("date", "2024-06-30")]


def test_repeated_header_dropped_and_split_cell_joined(plan):
    document = plan(LEDGER)
    assert len(document.tasks) == 4
    assert document.tasks[2].text == "做好政策解读工作，对新出台政策逐一开展解读。"


def test_lead_mark_inside_a_cell_and_frequency_is_no_deadline(plan):
    last = plan(LEDGER).tasks[3]
    assert last.units.lead == ["办公室", "信息中心"]
    assert last.deadlines == []


SHIFTED = "\n".join([
    "某某县教育局政务公开工作分工方案",
    "工作要求\t工作任务\t具体要求\t科室",
    "一、夯实工作基础\t（一）推进标准化建设。\t1.更新公开目录。\t办公室、各股室",
    "\t\t2.规范公开流程。\t办公室",
    "(二)规范年报发布。\t3.按时发布年报。\t办公室\t",
    "二、强化监督\t\t4.开展自查。\t各股室",
])


def test_row_shifted_by_a_lost_cell_is_put_back(plan):
    document = plan(SHIFTED)
    sections = document.sections
    assert [(c.id, c.title) for c in sections[0].children] == [("1.1", "推进标准化建设"), ("1.2", "规范年报发布")]
    tasks = {t.id: t for t in document.tasks}
    assert tasks["1.2.1"].text == "按时发布年报。"
    assert tasks["1.2.1"].units.responsible == ["办公室"]
    assert tasks["2.1"].units.responsible == ["各股室"]
    assert tasks["2.1"].section_id == "2"


def test_repeated_merged_label_renumbered_on_a_new_page_is_one_section(plan):
    document = plan("\n".join([
        "某某局分工方案",
        "工作要求\t工作任务\t具体要求\t科室",
        "一、加强平台建设\t(一)严格保密审查。\t1.落实审查责任。\t办公室",
        "",
        "工作要求\t工作任务\t具体要求\t科室",
        "一、加强平台建设\t(二) 严格保密审查。\t2.规范发布格式。\t办公室",
        "\t(三)做好公报工作。\t3.按时编发公报。\t办公室",
    ]))
    assert [(c.id, c.marker) for c in document.sections[0].children] == [("1.1", "(一)"), ("1.2", "(三)")]
    assert [t.id for t in document.tasks] == ["1.1.1", "1.1.2", "1.2.1"]
    assert "repeated_label" in {w.code for w in document.warnings}


def test_unit_cell_worded_with_role_verbs(plan):
    document = plan("\n".join([
        "某某中心2024年政务公开工作任务",
        "工作任务\t具体要求\t责任部门",
        "一、做好网站信息公开。\t1.及时更新网站栏目。\t办公室牵头，各科室配合",
        "\t2.及时公开财务信息。\t财务科牵头落实",
    ]))
    assert [(t.units.lead, t.units.responsible, t.units.cooperating) for t in document.tasks] == [
        (["办公室"], [], ["各科室"]), (["财务科"], [], [])]


def test_unit_column_named_by_role_word_and_noun(plan):
    document = plan("\n".join([
        "某某县应急管理局2024年重点工作台账",
        "序号\t工作任务\t牵头股室\t配合部门\t时限要求",
        "1\t修订应急预案。组织修订县级应急预案。\t应急救援股\t县水利局\t2024年9月底前",
    ]))
    task = document.tasks[0]
    assert task.text == "修订应急预案。组织修订县级应急预案。"
    assert (task.units.lead, task.units.cooperating) == (["应急救援股"], ["县水利局"])


def test_notes_under_the_table_end_the_plan(plan):
    document = plan("\n".join([
        "某某县应急管理局2024年重点工作台账",
        "序号\t工作任务\t责任股室\t时限要求",
        "1\t修订应急预案。\t应急救援股\t2024年9月底前",
        "2\t开展应急演练。\t应急救援股\t年内",
        "说明：",
        "1.本台账由综合协调股负责动态管理。",
        "2.各股室于每月10日前报送进展。",
    ]))
    assert [t.text for t in document.tasks] == ["修订应急预案。", "开展应急演练。"]


def test_heading_among_rows_takes_its_level_from_the_outline(plan):
    """（二） printed as a row between table rows is the sibling of （一） printed above the table,
    and the 序号 of each row marks its task though the header stands alone above the headings."""
    document = plan("\n".join([
        "某某局2024年政务公开任务分工",
        "序号\t工作任务\t具体要求\t责任科室",
        "一、深化重点领域公开",
        "（一）预决算公开",
        "1\t做好预决算公开\t及时公开部门预决算。\t预算科",
        "2\t\t公开“三公”经费。\t预算科",
        "（二）政府债务公开",
        "3\t推进债务信息公开\t公开政府债务限额。\t债务科",
    ]))
    def walk(sections):
        for section in sections:
            yield section
            yield from walk(section.children)

    assert [(s.id, s.marker, s.title) for s in walk(document.sections)] == [
        ("1", "一、", "深化重点领域公开"), ("1.1", "（一）", "预决算公开"),
        ("1.1.1", None, "做好预决算公开"), ("1.2", "（二）", "政府债务公开"),
        ("1.2.1", None, "推进债务信息公开")]
    assert [(t.id, t.marker) for t in document.tasks] == [
        ("1.1.1.1", "1"), ("1.1.1.2", "2"), ("1.2.1.1", "3")]


def test_second_header_row_names_the_roles_under_a_merged_heading(plan):
    header = ["序号\t工作任务\t责任单位\t\t完成时限", "\t\t牵头\t配合\t"]
    document = plan("\n".join([
        "某某市2021年政务公开重点任务分工", *header,
        "1\t公开财政预决算信息。\t市财政局\t各县区政府\t2021年6月底前",
        "", "— 1 —", "", *header,
        "2\t公开减税降费政策。\t市税务局\t市财政局\t全年",
    ]))
    assert [(t.text, t.units.lead, t.units.cooperating, [d.date for d in t.deadlines])
            for t in document.tasks] == [
        ("公开财政预决算信息。", ["市财政局"], ["各县区政府"], ["2021-06-30"]),
        ("公开减税降费政策。", ["市税务局"], ["市财政局"], ["2021-12-31"])]


@pytest.mark.parametrize("header, roles", [
    (["主要任务", "推进措施", "责任主体", "时间进度", "备注"],
     ["text", "text", "responsible", "deadline", "ignored"]),
    (["序号", "工作举措", "牵头部门（单位）", "配合部门", "完成时间（节点）"],
     ["number", "text", "lead", "cooperating", "deadline"]),
    (["重点工作任务", "工作内容及要求", "责任处（室）", "完成期限"], ["text", "text", "responsible", "deadline"]),
    (["序号", "工作任务", "责任股室", "责任人", "完成时限", "进展情况"],
     ["number", "text", "responsible", "ignored", "deadline", "ignored"]),
])
def test_headings_read_by_name_qualifier_or_words(header, roles):
    assert column_roles(header).roles == roles


@pytest.mark.parametrize("row", [
    ["（一）强化政策解读", "坚持政策文件与解读材料同步", "各政策起草部门负责落实"],
    ["（一）健全工作机制", "调整充实领导小组", "市政府办公室牵头，各区市负责"],
])
def test_a_data_row_is_no_header(row):
    assert column_roles(row) is None
