"""Outline markers at the start of a paragraph, and look-alikes that are not markers."""

from __future__ import annotations

import pytest

from planparse.grammar.markers import match_marker


@pytest.mark.parametrize("text, marker, number", [
    ("一、强化组织保障", "一、", 1),
    ("（一）健全工作机制", "（一）", 1),
    ("(二)健全工作机制", "(二)", 2),
    ("（三)健全工作机制", "（三)", 3),
    ("(四）健全工作机制", "(四）", 4),
    ("（十二）规范年报编制", "（十二）", 12),
    ("1.做好政策解读", "1.", 1),
    ("2、做好政策解读", "2、", 2),
    ("3．做好政策解读", "3．", 3),
    ("12.做好政策解读", "12.", 12),
    ("（1）做好政策解读", "（1）", 1),
    ("(5)做好政策解读", "(5)", 5),
    ("①梳理公开事项", "①", 1),
    ("⑪梳理公开事项", "⑪", 11),
    ("第一部分 总体要求", "第一部分", 1),
    ("第三部分重点任务", "第三部分", 3),
    ("第二章 保障措施", "第二章", 2),
    ("十、加强监督考核", "十、", 10),
    ("十一、深化决策公开", "十一、", 11),
    ("二十三、优化政务服务", "二十三、", 23),
    ("一百零二、附则", "一百零二、", 102),
])
def test_markers(text, marker, number):
    m = match_marker(text)
    assert m is not None
    assert (m.text, m.number) == (marker, number)
    assert text[m.end:] == text[len(marker):].lstrip()


@pytest.mark.parametrize("text, marker, rest", [
    ("  二、 推进公开", "二、", "推进公开"),
    ("\u3000（二）\u3000推进公开", "（二）", "推进公开"),
    ("（ 三 ）推进公开", "（ 三 ）", "推进公开"),
])
def test_markers_with_spaces(text, marker, rest):
    m = match_marker(text)
    assert m is not None and m.text == marker and text[m.end:] == rest


@pytest.mark.parametrize("variants", [
    ["（一）甲", "(一)甲", "（一)甲", "(一）甲"],
    ["（1）甲", "(1)甲", "（1)甲"],
    ["1.甲", "1．甲"],
])
def test_bracket_and_dot_widths_share_a_style(variants):
    styles = {match_marker(v).style for v in variants}
    assert len(styles) == 1


def test_styles_are_distinct():
    samples = ["一、甲", "（一）甲", "1.甲", "（1）甲", "1）甲", "①甲", "第一部分 甲", "第一章 甲"]
    styles = [match_marker(s).style for s in samples]
    assert len(set(styles)) == len(samples)


def test_arabic_with_dot_or_comma_is_one_style():
    """Plans mix 1. and 1、 at one level (a typist's slip), and never use them for two."""
    assert match_marker("1、甲").style == match_marker("2.乙").style == match_marker("3．丙").style


def test_mixed_arabic_markers_stay_at_one_level(plan):
    document = plan("某某镇2023年政务公开工作要点\n一、推进信息公开\n1、公开财政信息。（财政所负责）\n"
                    "2.公开惠农补贴。（农业服务中心负责）\n3、公开低保信息。（社会事务办负责）\n")
    assert [(t.id, t.marker) for t in document.tasks] == [("1.1", "1、"), ("1.2", "2."), ("1.3", "3、")]


@pytest.mark.parametrize("text", [
    "2024年全市政务公开工作要点",
    "2024年，全区政务公开工作取得新成效。",
    "1.5亿元专项资金使用情况要及时公开。",
    "3.2%的增幅高于全省平均水平。",
    "0.5个百分点的差距。",
    "2.0版本上线运行。",
    "2024.6月起施行新的目录。",
    "一是加强组织领导，二是健全制度。",
    "《政府信息公开条例》明确规定。",
    "二〇二四年工作安排",
    "十二月底前完成报送。",
    "一、二级政务服务事项同步公开。",
    "1、2月份的数据一并发布。",
    "(2023)12号文件已废止。",
    "一、",
    "（一）",
    "（一）  ",
    "二、\u3000",
    "1.",
    "①",
    "第一部分",
    "",
])
def test_not_markers(text):
    assert match_marker(text) is None


def test_parenthesised_ideograph_markers():
    marker = match_marker("㈢做好褒扬纪念信息公开")
    assert (marker.style, marker.number, marker.text) == (match_marker("（三）甲").style, 3, "㈢")
