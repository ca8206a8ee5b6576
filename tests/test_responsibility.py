"""Units and deadlines of tasks in whole plans: parentheticals, inheritance, warnings."""

from __future__ import annotations

INHERITED = """中华人民共和国某某部办公厅关于印发《某某部2024年政务公开工作要点》的通知
各省、自治区、直辖市某某厅（局），部机关各司局：
现将《某某部2024年政务公开工作要点》印发给你们，请认真贯彻落实。
某某部办公厅
2024年4月2日
（此件主动公开）
某某部2024年政务公开工作要点
一、推进重点领域信息公开
（一）做好规划信息公开（规划司牵头，政策法规司、办公厅按职责分工负责）
1.公开规划编制进展。及时发布规划编制和实施情况。
2.公开评估结果。2024年第三季度前公布中期评估结果。（人口和就业统计司负责，2024年底前完成）
（二）加强政策解读。对新出台政策同步解读。（新闻办、各司局等按职责分工负责；完成时限：持续推进）
二、提升政务服务水平
（三）优化依申请公开办理。收到申请之日起20个工作日内予以答复，确需延长的及时告知。（办公厅牵头，
有关司局配合）
"""


def test_section_parenthetical_is_inherited_unless_a_task_has_its_own(plan):
    tasks = {t.id: t for t in plan(INHERITED).tasks}
    first = tasks["1.1.1"]
    assert (first.units.lead, first.units.responsible) == (["规划司"], ["政策法规司", "办公厅"])
    assert first.units.inherited is True
    own = tasks["1.1.2"]
    assert own.units.responsible == ["人口和就业统计司"] and own.units.lead == []
    assert own.units.inherited is False
    assert [(d.kind, d.date) for d in own.deadlines] == [("date", "2024-09-30"), ("date", "2024-12-31")]


def test_section_title_leaves_out_its_parenthetical(plan):
    section = plan(INHERITED).sections[0].children[0]
    assert section.title == "做好规划信息公开"
    assert section.units is not None and section.units.lead == ["规划司"]


def test_etc_and_deadline_field(plan):
    task = {t.id: t for t in plan(INHERITED).tasks}["1.2"]
    assert task.units.responsible == ["新闻办", "各司局"]
    assert [(d.raw, d.kind) for d in task.deadlines] == [("持续推进", "ongoing")]


def test_bracket_opened_full_width_closed_half_width_across_a_break(plan):
    text = INHERITED.replace("有关司局配合）", "有关司局配合)")
    task = {t.id: t for t in plan(text).tasks}["2.1"]
    assert (task.units.lead, task.units.cooperating) == (["办公厅"], ["有关司局"])
    assert task.text == "优化依申请公开办理。收到申请之日起20个工作日内予以答复，确需延长的及时告知。"
    assert [(d.raw, d.kind) for d in task.deadlines] == [("收到申请之日起20个工作日内", "relative")]


def test_parentheses_that_are_not_responsibility_stay_in_the_text(plan):
    document = plan("某某市政府办公室工作要点\n一、重点工作\n（一）落实条例。贯彻《某某条例（试行）》"
                    "（以下简称《条例》），按照《通知》（某政办发〔2021〕12号）要求，指导各县（市、区）做好公开。\n")
    task = document.tasks[0]
    assert task.text.endswith("指导各县（市、区）做好公开。")
    assert "（试行）" in task.text and "（以下简称《条例》）" in task.text
    assert task.units.raw is None and not task.units.responsible
    assert "task_without_units" in {w.code for w in document.warnings}


def test_mid_sentence_parenthetical_naming_units_is_not_the_responsibility_one(plan):
    task = plan("某某市政府工作要点\n一、重点工作\n（一）加强协作。会同有关部门（市发展改革委、市财政局）"
                "制定实施细则。（市司法局负责）\n").tasks[0]
    assert task.units.responsible == ["市司法局"]
    assert "（市发展改革委、市财政局）" in task.text


def test_traditional_characters(plan):
    task = plan("某某市政府工作要點\n一、重點工作\n（一）貫徹落實條例。持續推進公開。（市政府辦公室牽頭，"
                "各區縣負責；完成時限：2024年6月底前）\n").tasks[0]
    assert (task.units.lead, task.units.responsible) == (["市政府辦公室"], ["各區縣"])
    assert [(d.raw, d.date) for d in task.deadlines] == [("2024年6月底前", "2024-06-30")]


def test_deadline_before_the_document_date_is_flagged(plan):
    text = INHERITED.replace("2024年第三季度前", "2024年1月底前")
    codes = [w.code for w in plan(text).warnings]
    assert "deadline_before_document" in codes


def test_unclosed_parenthetical_is_read_with_a_warning(plan):
    document = plan("某某局工作要点\n一、重点工作\n（一）公开年报。按时发布年报。（办公室牵头，各科室配合\n"
                    "（二）公开预算。及时公开。（财务科负责）\n")
    first = document.tasks[0]
    assert (first.units.lead, first.units.cooperating) == (["办公室"], ["各科室"])
    assert first.text == "公开年报。按时发布年报。"
    assert "unclosed_parenthetical" in {w.code for w in document.warnings}


def test_section_without_tasks_is_flagged(plan):
    document = plan("某某局工作要点\n一、重点工作\n（一）公开年报。按时发布。（办公室负责）\n"
                    "二、其他事项\n三、保障措施\n（一）加强领导。成立专班。（办公室负责）\n")
    assert [s.id for s in document.sections] == ["1", "2", "3"]
    assert [t.id for t in document.tasks] == ["1.1", "3.1"]
    assert "section_without_tasks" in {w.code for w in document.warnings}


def test_labelled_fields_without_brackets_close_an_item(plan):
    tasks = plan("某某区卫生健康局2024年政务公开工作要点\n一、重点工作\n（一）公开医疗机构信息。及时更新医疗机构名录。\n"
                 "责任单位：医政科\n完成时限：2024年6月底前\n（二）公开公共卫生信息。做好疫情信息发布。"
                 "牵头单位：疾控科；配合单位：办公室、宣传科。\n（三）加强解读。按照责任单位：要求推进。\n").tasks
    assert (tasks[0].text, tasks[0].units.responsible) == ("公开医疗机构信息。及时更新医疗机构名录。", ["医政科"])
    assert [(d.kind, d.date) for d in tasks[0].deadlines] == [("date", "2024-06-30")]
    assert (tasks[1].units.lead, tasks[1].units.cooperating) == (["疾控科"], ["办公室", "宣传科"])
    assert tasks[1].text == "公开公共卫生信息。做好疫情信息发布。"
    assert tasks[2].text == "加强解读。按照责任单位：要求推进。" and not tasks[2].units.responsible


def test_fields_glued_to_the_sentence_close_an_item(plan):
    task = plan("某某县2022年政务公开工作方案\n一、重点工作\n（一）公开财政信息。2022年9月30日前完成决算"
                "公开工作责任单位：县财政局、县审计局\n").tasks[0]
    assert task.text == "公开财政信息。2022年9月30日前完成决算公开工作"
    assert task.units.responsible == ["县财政局", "县审计局"]
