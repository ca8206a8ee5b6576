"""Outline: markers of every style, levels from the order styles appear, ids, false markers."""

from __future__ import annotations

FIVE_LEVELS = """某某县2023年政务公开工作任务分工
第一部分 重点任务
一、深化重点领域公开
(一)推进财政信息公开。
1.做好预决算公开。全面公开部门预决算。(县财政局牵头,各部门配合)
(1)细化公开内容。按经济分类公开基本支出。
(2)规范公开时间。批复后20日内公开。
2.做好政府采购公开。(县财政局负责)
（三）推进项目信息公开。(县发展改革局、县住建局负责)
1.公开项目审批信息。
1.公开项目建设进度。
二、加强平台建设
①完善网站功能。(县政务服务中心负责)
②优化新媒体矩阵。(县委网信办负责)
第二部分 保障措施
一、加强组织领导。各单位要高度重视。(县政府办公室负责)
"""


def _sections(document):
    def walk(sections):
        for s in sections:
            yield s
            yield from walk(s.children)

    return {s.id: (s.marker, s.title, s.level) for s in walk(document.sections)}


def test_five_levels_and_ordinal_ids(plan):
    document = plan(FIVE_LEVELS)
    sections = _sections(document)
    assert sections["1"] == ("第一部分", "重点任务", 1)
    assert sections["1.1"] == ("一、", "深化重点领域公开", 2)
    assert sections["1.1.1"] == ("(一)", "推进财政信息公开", 3)
    assert sections["1.1.1.1"] == ("1.", "做好预决算公开", 4)
    assert sections["1.1.2"] == ("（三）", "推进项目信息公开", 3)
    tasks = {t.id: t for t in document.tasks}
    assert tasks["1.1.1.1.1"].marker == "(1)"
    assert tasks["1.1.1.1.2"].number == 2
    assert tasks["1.1.1.2"].text == "做好政府采购公开。"
    assert tasks["1.2.1"].marker == "①"
    assert tasks["2.1"].text == "加强组织领导。各单位要高度重视。"
    assert [t.id for t in document.tasks] == sorted(tasks, key=lambda i: tasks[i].span.start)


def test_skipped_and_repeated_numbers_are_kept_with_warnings(plan):
    document = plan(FIVE_LEVELS)
    codes = [(w.code, w.message) for w in document.warnings]
    assert any(c == "numbering_gap" and "（三）" in m for c, m in codes)
    assert any(c == "numbering_repeat" and "1." in m for c, m in codes)
    assert {t.id for t in document.tasks} >= {"1.1.2.1", "1.1.2.2"}
    assert document.confidence < 1.0


def test_levels_follow_first_appearance_not_a_fixed_table(plan):
    document = plan("某某局工作方案\n1.加强领导\n（1）成立专班。明确分工。（办公室负责）\n"
                    "（2）建立台账。逐项推进。（办公室负责）\n2.强化保障\n（1）保障经费。按需安排。（财务科负责）\n")
    assert _sections(document) == {"1": ("1.", "加强领导", 1), "2": ("2.", "强化保障", 1)}
    assert [t.id for t in document.tasks] == ["1.1", "1.2", "2.1"]


def test_numbering_restarts_under_each_parent_without_warning(plan):
    document = plan("某某局工作要点\n一、甲项工作\n（一）第一项。内容。（甲科负责）\n（二）第二项。内容。（甲科负责）\n"
                    "二、乙项工作\n（一）第一项。内容。（乙科负责）\n")
    assert [t.id for t in document.tasks] == ["1.1", "1.2", "2.1"]
    assert not [w for w in document.warnings if w.code.startswith("numbering")]


def test_continued_numbering_across_parents_is_not_a_gap(plan):
    document = plan("某某局工作要点\n一、甲项工作\n1.第一项。内容。（甲科负责）\n2.第二项。内容。（甲科负责）\n"
                    "二、乙项工作\n3.第三项。内容。（乙科负责）\n")
    assert [(t.id, t.number) for t in document.tasks] == [("1.1", 1), ("1.2", 2), ("2.1", 3)]
    assert not [w for w in document.warnings if w.code.startswith("numbering")]


def test_big_chinese_numerals(plan):
    items = "".join(f"（{n}）第{n}项工作。内容。（办公室负责）\n" for n in
                    ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"])
    document = plan("某某局工作要点\n一、重点工作\n" + items)
    assert [t.number for t in document.tasks] == list(range(1, 13))
    assert not [w for w in document.warnings if w.code.startswith("numbering")]


def test_false_markers_stay_inside_the_item(plan):
    document = plan(
        "某某局工作要点\n一、加强财政公开\n（一）公开预算执行情况。全年安排资金\n"
        "1.5亿元用于项目建设，完成率达到\n3.2%以上。预计到\n2024年底全面完成。一是做好公开；二是做好解读。"
        "对照《某某行动方案（2021—2025年）》推进落实。（财务科负责）\n")
    assert len(document.tasks) == 1
    text = document.tasks[0].text
    assert "全年安排资金1.5亿元用于项目建设，完成率达到3.2%以上。预计到2024年底全面完成。" in text
    assert text.endswith("对照《某某行动方案（2021—2025年）》推进落实。")
    assert document.tasks[0].units.responsible == ["财务科"]


def test_section_intro_paragraph_is_not_a_task(plan):
    document = plan("某某局工作要点\n一、深化公共资源配置公开\n按照有关要求，做好公共资源配置领域信息公开。\n"
                    "（一）公开项目审批结果。及时公开。（审批科负责）\n")
    assert [t.id for t in document.tasks] == ["1.1"]
    assert document.sections[0].text == "按照有关要求，做好公共资源配置领域信息公开。"


def test_unnumbered_paragraph_with_its_own_parenthetical_is_a_task(plan):
    document = plan("某某局工作要点\n一、推进重点领域公开\n（一）公开权力清单。动态更新。（牵头单位：办公室）\n"
                    "深入推进预决算公开。继续做好预决算公开。（牵头单位：财务科）\n二、加强解读\n"
                    "（一）做好解读。及时解读。（牵头单位：办公室）\n")
    tasks = {t.id: t for t in document.tasks}
    assert tasks["1.2"].marker is None and tasks["1.2"].number is None
    assert tasks["1.2"].title == "深入推进预决算公开"
    assert tasks["1.2"].units.lead == ["财务科"]
    assert tasks["2.1"].units.lead == ["办公室"]


def test_task_title_is_a_short_first_sentence(plan):
    document = plan("某某局工作要点\n一、重点工作\n（一）优化营商环境。全面公开涉企政策。（办公室负责）\n"
                    "（二）按照省政府办公厅工作安排，各部门原则上每年开展一次政策评价，并及时公开评价结果。"
                    "（办公室负责）\n（三）加强培训。（办公室负责）\n")
    assert [t.title for t in document.tasks] == ["优化营商环境", None, None]


def test_unnumbered_headings_over_numbered_items_are_a_level(plan):
    document = plan("某某县教育局2023年政务公开实施方案\n一、推进重点信息公开\n招生入学信息公开\n"
                    "1.公开招生政策。（基础教育股负责）\n2.公开录取结果。（基础教育股负责）\n"
                    "校园安全信息公开（安全股牵头）\n3.公开校园安全责任体系。\n"
                    "二、加强组织保障\n1.明确专人负责。（办公室负责）\n")
    sections = document.sections[0].children
    assert [(s.id, s.marker, s.title) for s in sections] == [
        ("1.1", None, "招生入学信息公开"), ("1.2", None, "校园安全信息公开")]
    assert [t.id for t in document.tasks] == ["1.1.1", "1.1.2", "1.2.1", "2.1"]
    assert document.tasks[2].units.lead == ["安全股"] and document.tasks[2].units.inherited


def test_a_short_line_not_over_numbered_items_is_no_heading(plan):
    document = plan("某某县教育局2023年政务公开实施方案\n一、推进重点信息公开\n"
                    "1.公开招生政策。（基础教育股负责）\n此项工作常态推进\n二、加强组织保障\n1.明确专人负责。（办公室负责）\n")
    assert [t.id for t in document.tasks] == ["1.1", "2.1"]


def test_a_heading_parenthetical_on_the_line_below_is_the_headings(plan):
    document = plan("某某市生态环境局2023年政务公开工作方案\n一、重点领域公开\n（一）环境质量信息公开\n"
                    "（责任单位：监测站；配合单位：大气科；完成时限：长期坚持）\n1.公开空气质量。\n2.公开水质。\n")
    section = document.sections[0].children[0]
    assert section.title == "环境质量信息公开"
    assert [(t.units.responsible, t.units.cooperating, t.units.inherited) for t in document.tasks] == [
        (["监测站"], ["大气科"], True)] * 2


def test_a_phase_heading_with_its_dates_heads_its_paragraphs(plan):
    document = plan("某某县教育局2023年政务公开实施方案\n一、工作步骤\n（一）动员部署阶段（2023年3月—4月）\n"
                    "召开部署会，印发本方案。\n各学校制定工作计划。\n（二）总结验收阶段（2023年12月）\n开展年度检查验收。\n")
    first = document.tasks[0]
    assert first.title == "动员部署阶段"
    assert "召开部署会" in first.text and "各学校制定工作计划" in first.text
    assert [d.date for d in first.deadlines] == ["2023-04-30"]


def test_a_line_after_a_one_sentence_item_continues_it(plan):
    document = plan("某某县教育局2023年政务公开实施方案\n一、重点任务\n1.做好招生入学信息公开。\n"
                    "2023年，全县共有学校47所，各学校要及时公开招生计划。（基础教育股负责）\n"
                    "2.做好学生资助信息公开。（资助中心负责）\n")
    assert [(t.id, t.units.responsible) for t in document.tasks] == [("1.1", ["基础教育股"]), ("1.2", ["资助中心"])]
    assert document.tasks[0].text.startswith("做好招生入学信息公开。")


def test_a_titled_paragraph_with_its_own_parenthetical_after_a_whole_item_is_a_task(plan):
    document = plan("某某市城管局2023年政务公开任务分解\n一、工作保障（局办公室负责）\n"
                    "（一）抓好任务落实。建立任务台账，年底前开展评估。\n"
                    "加强业务培训。组织开展专题培训。（人事科牵头，局属各单位配合）\n")
    assert [(t.id, t.marker, t.title) for t in document.tasks] == [
        ("1.1", "（一）", "抓好任务落实"), ("1.2", None, "加强业务培训")]
    assert document.tasks[1].units.lead == ["人事科"]


def test_a_list_or_a_wrapped_sentence_after_an_item_goes_on_with_it(plan):
    document = plan("某某县教育局2023年政务公开实施方案\n一、重点任务\n"
                    "1.做好学生资助信息公开。按照有关要求，重点做好：\n一是公开资助政策；\n"
                    "二是公开资金发放情况。（资助中心负责）\n"
                    "2.提升解读质量。坚持解读材料与政策文件同步发布。\n"
                    "运用图表图解、视频动漫等方式，增强解读的针对性。（办公室负责）\n")
    assert [(t.id, t.units.responsible) for t in document.tasks] == [("1.1", ["资助中心"]), ("1.2", ["办公室"])]
