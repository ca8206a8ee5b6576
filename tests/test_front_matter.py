"""Front and back matter (GB/T 9704-2012) of plans wrapped in a 通知, and of bare plans."""

from __future__ import annotations

import pytest

NOTICE = """某某省教育厅文件

某教办〔2024〕15号

某某省教育厅关于印发《某某省教育厅2024年

政务公开工作要点》的通知

各市（州）教育局，厅机关各处室、直属各单位：

现将《某某省教育厅2024年政务公开工作要点》印发给你们，请结合实际认真抓好落实。

附件：某某省教育厅2024年政务公开工作要点

                              某某省教育厅
                            二〇二四年三月五日

（此件公开发布）

附件

某某省教育厅2024年

政务公开工作要点

2024年是实施规划的关键一年。为做好全年政务公开工作，制定本要点。

一、加强政策发布解读

（一）做好重大政策发布。及时发布规范性文件。（办公厅牵头，政策法规处按职责分工负责）

抄送：教育部办公厅。
某某省教育厅办公室                  2024年3月6日印发
"""


def test_notice_wrapper_metadata(plan):
    meta = plan(NOTICE).metadata
    assert meta.issuer == "某某省教育厅"
    assert meta.doc_number == "某教办〔2024〕15号"
    assert meta.title == "某某省教育厅关于印发《某某省教育厅2024年政务公开工作要点》的通知"
    assert meta.plan_title == "某某省教育厅2024年政务公开工作要点"
    assert meta.recipients == ["各市（州）教育局", "厅机关各处室", "直属各单位"]
    assert meta.signed_date == "2024-03-05"
    assert meta.publicity == "公开发布"
    assert (meta.printed_by, meta.printed_date) == ("某某省教育厅办公室", "2024-03-06")
    assert meta.year == 2024


def test_preamble_and_body_after_the_wrapper(plan):
    document = plan(NOTICE)
    assert document.preamble == "2024年是实施规划的关键一年。为做好全年政务公开工作，制定本要点。"
    assert [t.text for t in document.tasks] == ["做好重大政策发布。及时发布规范性文件。"]
    assert document.tasks[0].units.lead == ["办公厅"]


@pytest.mark.parametrize(
    "number", ["某教办〔2024〕15号", "某教办[2024]15号", "某教办（2024）15号", "某教办［2024］15号"])
def test_doc_number_bracket_variants(plan, number):
    text = NOTICE.replace("某教办〔2024〕15号", number)
    assert plan(text).metadata.doc_number == number


@pytest.mark.parametrize(
    ("line", "value"),
    [("（此件主动公开）", "主动公开"), ("(此件依申请公开)", "依申请公开"),
     ("（此件不予公开）", "不予公开"), ("（此件主動公開）", "主动公开")],
)
def test_publicity_values(plan, line, value):
    assert plan(NOTICE.replace("（此件公开发布）", line)).metadata.publicity == value


def test_banner_without_wenjian_above_the_number(plan):
    text = NOTICE.replace("某某省教育厅文件", "某某省教育厅")
    assert plan(text).metadata.issuer == "某某省教育厅"


def test_issuer_from_signature_when_no_banner(plan):
    text = NOTICE.replace("某某省教育厅文件\n\n某教办〔2024〕15号\n\n", "").replace(
        "某某省教育厅关于印发", "关于印发")
    meta = plan(text).metadata
    assert meta.issuer == "某某省教育厅"
    assert meta.doc_number is None


def test_doc_number_printed_under_the_title(plan):
    """Web pages print the notice title first and the 发文字号 beneath it."""
    text = NOTICE.replace("某某省教育厅文件\n\n某教办〔2024〕15号\n\n", "").replace(
        "政务公开工作要点》的通知\n", "政务公开工作要点》的通知\n某教办〔2024〕15号\n")
    meta = plan(text).metadata
    assert meta.doc_number == "某教办〔2024〕15号"
    assert meta.title == "某某省教育厅关于印发《某某省教育厅2024年政务公开工作要点》的通知"
    assert meta.plan_title == "某某省教育厅2024年政务公开工作要点"
    assert meta.recipients == ["各市（州）教育局", "厅机关各处室", "直属各单位"]
    assert meta.signed_date == "2024-03-05"


def test_doc_number_under_a_bare_plan_title_keeps_the_preamble(plan):
    document = plan("某某县2024年政务公开工作方案\n某政办〔2024〕3号\n为做好政务公开工作，制定本方案。\n"
                    "一、推进信息公开\n（一）公开规划信息。及时公开规划。（县自然资源局负责）\n")
    assert document.metadata.doc_number == "某政办〔2024〕3号"
    assert document.metadata.plan_title == "某某县2024年政务公开工作方案"
    assert document.preamble == "为做好政务公开工作，制定本方案。"


def test_bare_plan_title_names_the_issuer_and_year(plan):
    document = plan("某某市自然资源局2023年政务公开工作要点\n为做好政务公开工作，制定本要点。\n"
                    "一、推进信息公开\n（一）公开规划信息。及时公开国土空间规划。（规划科负责）\n")
    meta = document.metadata
    assert meta.title == meta.plan_title == "某某市自然资源局2023年政务公开工作要点"
    assert meta.issuer == "某某市自然资源局"
    assert meta.year == 2023
    assert meta.doc_number is None and meta.signed_date is None
    assert document.preamble == "为做好政务公开工作，制定本要点。"


def test_plan_without_title_takes_the_year_from_its_opening(plan):
    document = plan("2023年全县政务公开工作要以公开促落实，现提出如下要点。\n"
                    "一、推进信息公开\n（一）公开规划信息。及时公开规划。\n")
    assert document.metadata.title is None and document.metadata.issuer is None
    assert document.metadata.year == 2023


def test_signature_and_date_after_a_bare_plan(plan):
    document = plan("某某县卫生健康局2024年政务公开工作要点\n一、推进信息公开\n"
                    "（一）公开医疗信息。及时公开。（医政股负责）\n某某县卫生健康局\n2024年2月1日\n")
    assert document.metadata.signed_date == "2024-02-01"
    assert len(document.tasks) == 1
    assert document.tasks[0].text == "公开医疗信息。及时公开。"


def test_recipients_without_colon_and_a_date_without_day(plan):
    text = NOTICE.replace("各市（州）教育局，厅机关各处室、直属各单位：", "各市（州）教育局，厅机关各处室，直属各单位").replace(
        "二〇二四年三月五日", "二〇二四年三月")
    meta = plan(text).metadata
    assert meta.recipients == ["各市（州）教育局", "厅机关各处室", "直属各单位"]
    assert (meta.issuer, meta.signed_date, meta.publicity) == ("某某省教育厅", None, "公开发布")
    assert meta.plan_title == "某某省教育厅2024年政务公开工作要点"


def test_contact_annotation_under_the_date_is_no_title(plan):
    text = NOTICE.replace("（此件公开发布）", "（此件公开发布）\n\n（联系人：厅办公室李明；联系电话：0871-1234567）")
    assert plan(text).metadata.plan_title == "某某省教育厅2024年政务公开工作要点"


def test_long_notice_title_is_not_joined_to_colonless_recipients(plan):
    text = NOTICE.replace("某某省教育厅关于印发《某某省教育厅2024年\n\n政务公开工作要点》的通知",
                          "某某省人力资源和社会保障厅关于印发《某某省人力资源和\n社会保障厅2024年政务公开工作实施方案》的通知").replace(
        "各市（州）教育局，厅机关各处室、直属各单位：", "各市（州）人力资源和社会保障局，厅机关各处室、直属各单位")
    meta = plan(text).metadata
    assert meta.title == "某某省人力资源和社会保障厅关于印发《某某省人力资源和社会保障厅2024年政务公开工作实施方案》的通知"
    assert meta.recipients == ["各市（州）人力资源和社会保障局", "厅机关各处室", "直属各单位"]


def test_attached_table_label_is_no_title(plan):
    meta = plan(NOTICE.replace("\n附件\n", "\n附表1\n")).metadata
    assert meta.plan_title == "某某省教育厅2024年政务公开工作要点"


def test_joint_signature_of_two_organisations(plan):
    text = NOTICE.replace("                              某某省教育厅\n", "某某省教育厅\n某某省财政厅\n")
    meta = plan(text).metadata
    assert (meta.issuer, meta.signed_date) == ("某某省教育厅", "2024-03-05")
    assert meta.plan_title == "某某省教育厅2024年政务公开工作要点"


def test_red_banner_without_number_names_the_issuer():
    from planparse.blocks import RED, Block
    from planparse.pipeline import run_pipeline
    from planparse.extract import Extracted

    blocks = [Block("某某市林业局", hints=frozenset({RED})), Block("某某市林业局2024年政务公开工作方案"),
              Block("一、重点工作"), Block("（一）公开林地信息。及时公开。（资源科负责）")]
    document = run_pipeline(Extracted(format="docx", blocks=blocks), "-", "0")
    assert document.metadata.issuer == "某某市林业局"
    assert document.metadata.title == "某某市林业局2024年政务公开工作方案"


def test_text_without_any_plan_says_so(plan):
    document = plan("这是一段普通的文字，没有任何编号的工作任务。\n第二段文字也一样。\n")
    assert document.tasks == []
    assert [w.code for w in document.warnings] == ["no_tasks"]
    assert document.confidence == 0.0


NOTICE_WITH_POINTS = """某某市农业农村局文件
某农发〔2024〕6号
某某市农业农村局关于印发2024年政务公开工作要点的通知
各县（市、区）农业农村局，局机关各科室：
现将《某某市农业农村局2024年政务公开工作要点》印发给你们，并就有关事项通知如下：
一、提高思想认识
各单位要充分认识做好政务公开工作的重要意义。
二、抓好贯彻落实
各单位要对照要点明确责任分工，确保各项任务落到实处。
某某市农业农村局
2024年3月8日
（此件主动公开）
某某市农业农村局2024年政务公开工作要点
一、推进重点领域信息公开
（一）公开惠农补贴信息。及时公开补贴政策和发放结果。（计财科负责）
二、加强政策解读
（二）做好政策解读。同步发布解读材料。（办公室牵头，各科室配合）
"""


def test_a_notice_numbering_points_of_its_own_is_passed_over(plan):
    document = plan(NOTICE_WITH_POINTS)
    assert document.metadata.plan_title == "某某市农业农村局2024年政务公开工作要点"
    assert document.metadata.recipients == ["各县（市、区）农业农村局", "局机关各科室"]
    assert document.metadata.signed_date == "2024-03-08"
    assert [s.title for s in document.sections] == ["推进重点领域信息公开", "加强政策解读"]
    assert [t.units.responsible or t.units.lead for t in document.tasks] == [["计财科"], ["办公室"]]


NOTICE_WITH_TWO_ATTACHMENTS = """某某市水利局关于做好2025年政务公开工作的通知
局机关各科室，局属各单位：
现将有关事项通知如下。
一、压实工作责任。各科室要对照任务分解表抓好落实。
二、规范栏目维护。各栏目责任单位要及时更新。
附件：1．某某市水利局2025年政务公开工作任务分解表
　　　2．某某市水利局政务公开专栏栏目设置表
某某市水利局
2025年2月18日
附件1
某某市水利局2025年政务公开工作任务分解表
一、水旱灾害防御信息公开
（一）公开防御工作方案。及时公开。（水旱灾害防御科负责）
附件2
某某市水利局政务公开专栏栏目设置表
序号\t一级栏目\t二级栏目\t责任单位
1\t机构信息\t机构职能\t办公室
"""


def test_plan_attached_after_a_notice_with_points_and_an_attachment_list(plan):
    document = plan(NOTICE_WITH_TWO_ATTACHMENTS)
    assert document.metadata.plan_title == "某某市水利局2025年政务公开工作任务分解表"
    assert [t.text for t in document.tasks] == ["公开防御工作方案。及时公开。"]


def test_the_plan_after_a_closed_notice_is_kept_before_a_second_attachment(plan):
    text = NOTICE_WITH_TWO_ATTACHMENTS.replace("一、压实工作责任。各科室要对照任务分解表抓好落实。\n", "").replace(
        "二、规范栏目维护。各栏目责任单位要及时更新。\n", "")
    assert [t.units.responsible for t in plan(text).tasks] == [["水旱灾害防御科"]]
