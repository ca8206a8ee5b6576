"""Time limits: inline bounds in a task's text and 完成时限 values (GOLD.md "Deadlines")."""

from __future__ import annotations

import pytest

from planparse.grammar.deadlines import find_inline, parse_field

YEAR = 2024


def kd(found):
    return [(d.kind, d.date) for d in found]


# inline bounds: (task text, [(raw, kind, date)])
INLINE = [
    ("在2024年6月底前完成门户网站集约化改造。", [("2024年6月底前", "date", "2024-06-30")]),
    ("3月底前完成主动公开目录梳理。", [("3月底前", "date", "2024-03-31")]),
    ("于2024年9月30日前上线依申请公开系统。", [("2024年9月30日前", "date", "2024-09-30")]),
    ("年底前完成规范性文件清理。", [("年底前", "date", "2024-12-31")]),
    ("年内完成政策解读专栏改版。", [("年内", "date", "2024-12-31")]),
    ("2021年底前建成统一的政策文件库。", [("2021年底前", "date", "2021-12-31")]),
    ("2024年第三季度前公布中期评估结果。", [("2024年第三季度前", "date", "2024-09-30")]),
    ("一季度前完成年报编制。", [("一季度前", "date", "2024-03-31")]),
    ("十二月底前报送年度工作总结。", [("十二月底前", "date", "2024-12-31")]),
    ("十一月底前完成专项检查。", [("十一月底前", "date", "2024-11-30")]),
    ("5月上旬前完成培训。", [("5月上旬前", "date", "2024-05-10")]),
    ("5月中旬前完成培训。", [("5月中旬前", "date", "2024-05-20")]),
    ("4月下旬前完成培训。", [("4月下旬前", "date", "2024-04-30")]),
    ("每年3月31日前向社会公开上一年度工作报告。", [("每年3月31日前", "recurring", "--03-31")]),
    ("每年的1月31日前报送年度报告。", [("每年的1月31日前", "recurring", "--01-31")]),
    ("每年6月底前更新一次办事指南。", [("每年6月底前", "recurring", "--06-30")]),
    ("确保政策文件印发后30个工作日内完成解读。", [("政策文件印发后30个工作日内", "relative", None)]),
    ("自收到申请之日起20个工作日内予以答复。", [("收到申请之日起20个工作日内", "relative", None)]),
    ("于信息形成之日起20个工作日内予以公开。", [("信息形成之日起20个工作日内", "relative", None)]),
    ("在24小时内发布权威信息。", [("24小时内", "relative", None)]),
    ("三个工作日内办结群众留言。", [("三个工作日内", "relative", None)]),
    ("年内至少组织政府开放日活动1次。", [("年内", "date", "2024-12-31")]),
    # a point in every month or quarter: recurring, with no --MM-DD to give
    ("每月10日前报送上月进展。", [("每月10日前", "recurring", None)]),
    ("每季度末汇总隐患整改情况。", [("每季度末", "recurring", None)]),
    ("每月底前更新台账。", [("每月底前", "recurring", None)]),
    # a quarter or half-year named as when the task is done
    ("2024年三季度组织开展评价。", [("2024年三季度", "date", "2024-09-30")]),
    ("上半年召开一次专题会议。", [("上半年", "date", "2024-06-30")]),
    ("下半年至少开展2次宣讲活动。", [("下半年", "date", "2024-12-31")]),
    ("10月份组织开展一次回头看。", [("10月份", "date", "2024-10-31")]),
    ("预警信息在30分钟内响应。", [("30分钟内", "relative", None)]),
    ("每年年底前公布水位变化情况。", [("每年年底前", "recurring", "--12-31")]),
    # a span ends at its second value
    ("即日起至2024年12月31日每月更新一次。", [("即日起至2024年12月31日", "date", "2024-12-31")]),
    ("即日起至2024年底开展专项整治。", [("即日起至2024年底", "date", "2024-12-31")]),
    ("2024年6月至12月按月公开项目进展。", [("2024年6月至12月", "date", "2024-12-31")]),
    ("2024年3—5月开展集中宣传。", [("2024年3—5月", "date", "2024-05-31")]),
    ("2024年11月1日—12月15日开展检查验收。", [("2024年11月1日—12月15日", "date", "2024-12-15")]),
    # a plan by month opens each item with its month
    ("1月：召开全市民政工作会议。", [("1月", "date", "2024-01-31")]),
    ("2月份：公开春节期间困难群众救助情况。", [("2月份", "date", "2024-02-29")]),
    ("4月—5月：开展养老机构检查。", [("4月—5月", "date", "2024-05-31")]),
]


@pytest.mark.parametrize("text, want", INLINE)
def test_inline_bounds(text, want):
    found = find_inline(text, YEAR)
    assert [(d.raw, d.kind, d.date) for d in found] == want
    assert all(text[d.start:d.end] == d.raw for d in found)


@pytest.mark.parametrize("text, want", [
    ("上半年完成网站栏目优化。", [("date", "2024-06-30")]),
    ("下半年完成第三方评估。", [("date", "2024-12-31")]),
    ("第二季度末前完成数据归集。", [("date", "2024-06-30")]),
    ("二〇二四年底前完成档案移交。", [("date", "2024-12-31")]),
    ("2024年度内完成系统迁移。", [("date", "2024-12-31")]),
    ("2020年年底前建成事项目录体系。", [("date", "2020-12-31")]),
    ("2023年年内完成系统迁移。", [("date", "2023-12-31")]),
    ("今年年底前完成系统迁移。", [("date", "2024-12-31")]),
    ("明年年底前完成系统迁移。", [("date", "2025-12-31")]),
])
def test_inline_period_dates(text, want):
    assert kd(find_inline(text, YEAR)) == want


@pytest.mark.parametrize("text", [
    "每年至少开展一次政务公开业务培训。",
    "每季度更新一次财政资金直达信息。",
    "按月报送政务新媒体运维情况。",
    "每年至少听取1次政务公开工作汇报。",
    "上半年的工作情况好于预期。",
    "一季度以来办件量增长。",
    "决策前广泛听取利益相关方意见。",
    "发布前审查信息内容，防止泄密。",
    "过渡期内保留原有栏目入口。",
    "某某区教育局2024年政务公开工作要点",
    "公开上一年度政府信息公开工作报告。",
    "围绕三年行动做好信息发布。",
    "2021—2025年规划的实施情况要及时公开。",
    # ongoing words count only in a field, never in running text
    "实现随机抽查结果公开的全覆盖与常态化。",
    "持续推进基层政务公开标准化建设。",
    "长期坚持开展政策进社区活动。",
    "即时发布突发事件处置信息。",
])
def test_not_inline_deadlines(text):
    assert find_inline(text, YEAR) == []


def test_several_bounds_in_order():
    text = "2024年6月底前完成初稿，年底前印发实施，此后每年3月31日前报告进展，收到意见后10个工作日内反馈。"
    found = find_inline(text, YEAR)
    assert [(d.raw, d.kind, d.date) for d in found] == [
        ("2024年6月底前", "date", "2024-06-30"),
        ("年底前", "date", "2024-12-31"),
        ("每年3月31日前", "recurring", "--03-31"),
        ("收到意见后10个工作日内", "relative", None),
    ]
    assert [d.start for d in found] == sorted(d.start for d in found)


@pytest.mark.parametrize("text, year, date", [
    ("2024年2月底前完成。", None, "2024-02-29"),
    ("2023年2月底前完成。", None, "2023-02-28"),
    ("2月底前完成。", 2024, "2024-02-29"),
    ("2月底前完成。", 2100, "2100-02-28"),
    ("2月下旬前完成。", 2024, "2024-02-29"),
    ("2月29日前完成。", 2024, "2024-02-29"),
])
def test_leap_years(text, year, date):
    assert kd(find_inline(text, year)) == [("date", date)]


@pytest.mark.parametrize("text", [
    "2024年2月30日前完成。",
    "2023年2月29日前完成。",
    "2024年4月31日前完成。",
    "13月底前完成。",
])
def test_invalid_dates_give_no_date(text):
    assert all(d.date is None for d in find_inline(text, YEAR))


@pytest.mark.parametrize("text, want", [
    ("3月底前完成。", [("date", None)]),
    ("年底前完成。", [("date", None)]),
    ("年内完成。", [("date", None)]),
    ("2024年6月底前完成。", [("date", "2024-06-30")]),
    ("2021年底前完成。", [("date", "2021-12-31")]),
    ("每年3月31日前公开。", [("recurring", "--03-31")]),
    ("20个工作日内答复。", [("relative", None)]),
])
def test_without_document_year(text, want):
    assert kd(find_inline(text, None)) == want


@pytest.mark.parametrize("value, want", [
    ("长期坚持", [("ongoing", None)]),
    ("持续推进", [("ongoing", None)]),
    ("即时", [("ongoing", None)]),
    ("常态化", [("ongoing", None)]),
    ("長期堅持", [("ongoing", None)]),
    ("2024年6月底前", [("date", "2024-06-30")]),
    ("2024年底前完成。", [("date", "2024-12-31")]),
    ("上半年", [("date", "2024-06-30")]),
    ("下半年", [("date", "2024-12-31")]),
    ("2023年下半年", [("date", "2023-12-31")]),
    ("2024年第三季度", [("date", "2024-09-30")]),
    ("2024年第三季度完成", [("date", "2024-09-30")]),
    ("三季度", [("date", "2024-09-30")]),
    ("一季度", [("date", "2024-03-31")]),
    ("第四季度", [("date", "2024-12-31")]),
    ("年底前", [("date", "2024-12-31")]),
    ("年内", [("date", "2024-12-31")]),
    ("2024年3月中旬", [("date", "2024-03-20")]),
    ("9月30日", [("date", "2024-09-30")]),
    ("十二月底前", [("date", "2024-12-31")]),
    ("每年3月31日前", [("recurring", "--03-31")]),
    ("政策文件印发后15个工作日内", [("relative", None)]),
    ("24小时内", [("relative", None)]),
    ("2024年6月底前完成初稿，12月底前印发", [("date", "2024-06-30"), ("date", "2024-12-31")]),
    ("2024年12月底前，并长期坚持", [("date", "2024-12-31"), ("ongoing", None)]),
    ("全年", [("date", "2024-12-31")]),
    # a range ends at its second value
    ("2024年6月—12月", [("date", "2024-12-31")]),
    ("2024年3月至6月", [("date", "2024-06-30")]),
    ("2024年12月至2025年3月", [("date", "2025-03-31")]),
    ("6月-9月", [("date", "2024-09-30")]),
    ("2024-2026年", [("date", "2026-12-31")]),
    # numeric dates in a time column
    ("2024.12", [("date", "2024-12-31")]),
    ("2024.6.15", [("date", "2024-06-15")]),
    ("2024/6", [("date", "2024-06-30")]),
    ("2024-06-30", [("date", "2024-06-30")]),
])
def test_field_values(value, want):
    assert kd(parse_field(value, YEAR)) == want


@pytest.mark.parametrize("value", ["每年至少一次", "每季度", "按月", "每年至少听取1次", "决策前", "过渡期内",
                                   "发布前审查", "加强政策解读", ""])
def test_field_values_that_are_not_deadlines(value):
    assert parse_field(value, YEAR) == []


def test_field_without_document_year():
    assert kd(parse_field("上半年", None)) == [("date", None)]
    assert kd(parse_field("2024年第三季度", None)) == [("date", "2024-09-30")]


def test_field_with_ongoing_and_date():
    found = parse_field("持续推进，2024年底前完成阶段性任务", YEAR)
    assert [(d.raw, d.kind, d.date) for d in found] == [
        ("持续推进", "ongoing", None), ("2024年底前", "date", "2024-12-31")]


def test_half_a_year_is_relative():
    assert kd(find_inline("半年内完成问题整改。", YEAR)) == [("relative", None)]


def test_every_year_with_du_is_recurring():
    assert kd(find_inline("每年度3月底前公开上一年度报告。", YEAR)) == [("recurring", "--03-31")]


def test_next_year():
    assert kd(find_inline("次年3月底前报送评估结果。", YEAR)) == [("date", "2025-03-31")]
