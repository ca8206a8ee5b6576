"""Responsibility parentheticals, unit lists and table cells (GOLD.md "Units")."""

from __future__ import annotations

import pytest

from planparse.grammar.units import parse_cell, parse_parenthetical, split_units

YEAR = 2024


def roles(a):
    return (a.lead, a.responsible, a.cooperating)


@pytest.mark.parametrize("content, lead, responsible, cooperating", [
    # labelled fields, full- and half-width colons
    ("牵头单位：政策法规科，责任单位：行政审批科、财务科；配合单位：各镇（街道）",
     ["政策法规科"], ["行政审批科", "财务科"], ["各镇（街道）"]),
    ("牵头单位:政策法规科;责任单位:行政审批科", ["政策法规科"], ["行政审批科"], []),
    ("牵头单位：办公室；配合单位：法规科、审批科等有关科室和单位",
     ["办公室"], [], ["法规科", "审批科", "有关科室和单位"]),
    ("责任单位：人口和就业统计司", [], ["人口和就业统计司"], []),
    ("负责单位：各县（市、区）人社局", [], ["各县（市、区）人社局"], []),
    # verbs
    ("数据管理中心牵头", ["数据管理中心"], [], []),
    ("统计科负责", [], ["统计科"], []),
    ("由统计科负责", [], ["统计科"], []),
    ("办公室、法规科按职责分工负责", [], ["办公室", "法规科"], []),
    ("宣传科配合", [], [], ["宣传科"]),
    ("由办公室牵头，数据中心、宣传科配合", ["办公室"], [], ["数据中心", "宣传科"]),
    ("由办公室牵头，法规科、审批科按职责分工负责", ["办公室"], ["法规科", "审批科"], []),
    ("办公室牵头，法规科负责，数据中心配合", ["办公室"], ["法规科"], ["数据中心"]),
    ("由法规科协同各有关科室共同负责", ["法规科"], [], ["各有关科室"]),
    ("由办公室会同数据中心负责", ["办公室"], [], ["数据中心"]),
    ("由法规科负责，数据中心协同", [], ["法规科"], ["数据中心"]),
    ("各业务科室协同推进", [], ["各业务科室"], []),
    ("各直属单位共同负责", [], ["各直属单位"], []),
    ("办公室、执法支队等按职责分工负责", [], ["办公室", "执法支队"], []),
    ("办公室、数据中心等有关科室和单位按职责分工负责", [], ["办公室", "数据中心", "有关科室和单位"], []),
    ("有关科室和单位负责", [], ["有关科室和单位"], []),
    ("人口和就业统计司负责", [], ["人口和就业统计司"], []),
    ("办公室和数据中心负责", [], ["办公室", "数据中心"], []),
    ("执法支队及各大队负责", [], ["执法支队", "各大队"], []),
    ("由各乡镇（街道）负责", [], ["各乡镇（街道）"], []),
    # plain lists of units, no verb
    ("政策法规科、行政审批科、执法支队", [], ["政策法规科", "行政审批科", "执法支队"], []),
    ("办公室、数据中心等有关科室和单位", [], ["办公室", "数据中心", "有关科室和单位"], []),
    ("各县（市、区）人社局、市局各科室", [], ["各县（市、区）人社局", "市局各科室"], []),
    ("厅机关各处室、单位", [], ["厅机关各处室", "单位"], []),
    # traditional characters
    ("辦公室牽頭，資訊中心負責", ["辦公室"], ["資訊中心"], []),
    ("牽頭單位：辦公室；責任單位：法規科", ["辦公室"], ["法規科"], []),
    ("办公室牵头，各科室协同推进", ["办公室"], [], ["各科室"]),
])
def test_units(content, lead, responsible, cooperating):
    result = parse_parenthetical(content, YEAR)
    assert result is not None
    assert roles(result) == (lead, responsible, cooperating)


@pytest.mark.parametrize("content, units, deadlines", [
    ("数据中心负责，2024年底前完成", ([], ["数据中心"], []), [("date", "2024-12-31")]),
    ("数据中心负责；上半年完成", ([], ["数据中心"], []), [("date", "2024-06-30")]),
    ("办公室牵头，2024年第三季度完成", (["办公室"], [], []), [("date", "2024-09-30")]),
    ("办公室牵头，持续推进", (["办公室"], [], []), [("ongoing", None)]),
    ("办公室负责，3个工作日内办结", ([], ["办公室"], []), [("relative", None)]),
    ("办公室牵头，统计科、信息科配合，2024年6月底前完成，长期坚持",
     (["办公室"], [], ["统计科", "信息科"]), [("date", "2024-06-30"), ("ongoing", None)]),
    ("牵头单位：政策法规科；完成时限：2024年9月底前", (["政策法规科"], [], []), [("date", "2024-09-30")]),
    ("责任单位：办公室；完成时限：长期坚持", ([], ["办公室"], []), [("ongoing", None)]),
    ("長期堅持", ([], [], []), [("ongoing", None)]),
    ("2024年底前完成", ([], [], []), [("date", "2024-12-31")]),
    ("办公室负责，宣传科配合，每季度更新", ([], ["办公室"], ["宣传科"]), []),
    ("办公室牵头，各科室配合，每年至少一次", (["办公室"], [], ["各科室"]), []),
    ("法规科负责，决策前", ([], ["法规科"], []), []),
    ("责任单位：办公室；完成时限：持续推进，2024年底前完成", ([], ["办公室"], []),
     [("ongoing", None), ("date", "2024-12-31")]),
])
def test_time_clauses(content, units, deadlines):
    result = parse_parenthetical(content, YEAR)
    assert result is not None
    assert roles(result) == units
    assert [(d.kind, d.date) for d in result.deadlines] == deadlines


@pytest.mark.parametrize("content", [
    "试行", "暂行", "試行", "以下简称“条例”", "以下簡稱“辦法”", "国办发〔2021〕12号", "某政办发[2022]7号",
    "2021—2025年", "2021-2025年", "市、区", "县、乡", "含预算执行情况的说明", "含預算執行情況的說明",
    "涉及国家秘密的除外", "根据工作需要适时调整", "详见附件2", "下同", "",
    "包括学校、医院、供水公司",
    "指区县政府部门",
])
def test_not_responsibility(content):
    assert parse_parenthetical(content, YEAR) is None


def test_levels_of_government_with_a_verb_are_units():
    result = parse_parenthetical("市、县两级政务服务中心负责", YEAR)
    assert result is not None and result.responsible


@pytest.mark.parametrize("text, names", [
    ("办公室、财务科", ["办公室", "财务科"]),
    ("办公室，法规科；财务科", ["办公室", "法规科", "财务科"]),
    ("人口和就业统计司、办公厅", ["人口和就业统计司", "办公厅"]),
    ("有关科室和单位", ["有关科室和单位"]),
    ("办公室和数据中心", ["办公室", "数据中心"]),
    ("财务科与审计科", ["财务科", "审计科"]),
    ("各县（市、区）人社局、市局", ["各县（市、区）人社局", "市局"]),
    ("法规科、审批科等", ["法规科", "审批科"]),
    ("法规科、审批科等有关科室和单位", ["法规科", "审批科", "有关科室和单位"]),
    ("由办公室", ["办公室"]),
    ("市交通运输局等市直执法部门", ["市交通运输局", "市直执法部门"]),
    ("县财政局等县级有关部门", ["县财政局", "县级有关部门"]),
    # an alias in brackets is part of the name, and the name still ends like a unit's
    ("厅办公室（厅政务公开办）和水利监督处", ["厅办公室（厅政务公开办）", "水利监督处"]),
    ("市委宣传部（市政府新闻办）及各县（市、区）人民政府", ["市委宣传部（市政府新闻办）", "各县（市、区）人民政府"]),
    # the 、 between two names lost or misread (a scan; a cell's line break): taken apart ...
    ("安监科基建科、道运科", ["安监科", "基建科", "道运科"]),
    ("办公室：机关党委", ["办公室", "机关党委"]),
    ("办公室各科室", ["办公室", "各科室"]),
    # ... but not one name that only looks so
    ("区政府各部门", ["区政府各部门"]),
    ("局机关各科室", ["局机关各科室"]),
    ("规划科研处", ["规划科研处"]),
    ("市公安局交警支队", ["市公安局交警支队"]),
    ("牵头单位：办公室", ["牵头单位：办公室"]),
])
def test_split_units(text, names):
    assert split_units(text) == names


@pytest.mark.parametrize("text, role, want", [
    ("办公室（牵头）、财务科", "cooperating", (["办公室"], [], ["财务科"])),
    ("办公室(牵头)、财务科、宣传科", "responsible", (["办公室"], ["财务科", "宣传科"], [])),
    ("各科室", "responsible", ([], ["各科室"], [])),
    ("法规科、审批科", "lead", (["法规科", "审批科"], [], [])),
    ("辦公室（牽頭）、財務科", "cooperating", (["辦公室"], [], ["財務科"])),
    # cells worded like a parenthetical are read by their verbs
    ("办公室牵头，各科室配合", "responsible", (["办公室"], [], ["各科室"])),
    ("市发改委牵头落实", "responsible", (["市发改委"], [], [])),
    ("市金融办、市财政局分别牵头落实", "responsible", (["市金融办", "市财政局"], [], [])),
    ("市编办牵头，市政府各部门负责", "responsible", (["市编办"], ["市政府各部门"], [])),
    ("各科室按职责分工负责", "lead", ([], ["各科室"], [])),
    ("法规科牵头，审批科", "cooperating", (["法规科"], [], ["审批科"])),
])
def test_parse_cell(text, role, want):
    assert roles(parse_cell(text, role)) == want


@pytest.mark.parametrize("content, role, names, when", [
    ("责任主体：区教育局；时间安排：2024年9月底前", "responsible", ["区教育局"], "2024-09-30"),
    ("主办单位：统计科；完成日期：2024年3月31日", "responsible", ["统计科"], "2024-03-31"),
    ("牵头股室：办公室；进度安排：2024年第二季度", "lead", ["办公室"], "2024-06-30"),
])
def test_label_variants(content, role, names, when):
    result = parse_parenthetical(content, YEAR)
    assert getattr(result, role) == names
    assert [d.date for d in result.deadlines] == [when]


@pytest.mark.parametrize("content, want", [
    ("各级政府及其部门", ([], ["各级政府及其部门"], [])),
    ("市委宣传部、市委网信办，各县区", ([], ["市委宣传部", "市委网信办", "各县区"], [])),
    ("市卫生健康委（牵头），市医保局", (["市卫生健康委"], ["市医保局"], [])),
])
def test_plain_lists_places_and_lead_marks(content, want):
    assert roles(parse_parenthetical(content, YEAR)) == want


@pytest.mark.parametrize("content, want", [
    ("责任领导：李明；牵头单位：区发改局；责任单位：各街道", (["区发改局"], ["各街道"], [])),
    ("牵头单位：区发改局；责任领导：李明", (["区发改局"], [], [])),
    ("牵头领导：王副区长；责任单位：区财政局", ([], ["区财政局"], [])),
])
def test_fields_naming_people_give_no_units(content, want):
    assert roles(parse_parenthetical(content, YEAR)) == want
