"""Properties over arbitrary text: never raises, ids consistent with the tree, text traceable."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planparse import PlanparseError, parse_text
from planparse.normalise import normalise
from planparse.extract.text import blocks_of

# Pieces of the genre, so that random text still exercises markers, brackets and tables.
PIECES = st.sampled_from([
    "一、", "（一）", "(二)", "1.", "2、", "（1）", "①", "第一部分", "十一、", "（", "）", "(", ")",
    "《", "》", "。", "，", "；", "：", "、", "\n", "\n\n", "\t", " ", "\u3000", "牵头", "负责", "配合",
    "牵头单位：", "完成时限：", "2024年6月底前", "长期坚持", "年内", "30个工作日内", "每年3月31日前",
    "办公室", "财务科", "各相关单位", "等", "和", "（此件主动公开）", "抄送：", "2024年3月1日",
    "某某市教育局文件", "某教〔2024〕1号", "工作要求\t工作任务\t具体要求\t科室", "— 3 —", "加强公开",
    "1.5亿元", "3.2%", "一是", "政务公开工作要点",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parse(text: str):
    try:
        return parse_text(text)
    except PlanparseError:
        return None


def _walk(sections):
    for section in sections:
        yield section
        yield from _walk(section.children)


@SETTINGS
@given(TEXT)
def test_arbitrary_text_never_raises_and_serialises(text):
    document = _parse(text)
    if document is not None:
        json.loads(document.model_dump_json())


@SETTINGS
@given(TEXT)
def test_ids_are_unique_and_consistent_with_the_tree(text):
    document = _parse(text)
    if document is None:
        return
    sections = list(_walk(document.sections))
    ids = [s.id for s in sections] + [t.id for t in document.tasks]
    assert len(ids) == len(set(ids))
    for section in sections:
        for child in section.children:
            assert child.id.rsplit(".", 1)[0] == section.id
            assert child.level == section.level + 1
        for task_id in section.task_ids:
            assert task_id.rsplit(".", 1)[0] == section.id
    by_id = {s.id: s for s in sections}
    for task in document.tasks:
        if task.section_id is None:
            assert "." not in task.id
        else:
            assert task.id in by_id[task.section_id].task_ids


@SETTINGS
@given(TEXT)
def test_task_text_is_found_in_the_normalised_input_and_spans_lie_inside(text):
    document = _parse(text)
    if document is None:
        return
    normalised = normalise(blocks_of(text)).text
    for task in document.tasks:
        assert 0 <= task.span.start <= task.span.end <= len(normalised)
        assert normalised[task.span.start:task.span.end] == task.text
    for section in _walk(document.sections):
        assert 0 <= section.span.start <= section.span.end <= len(normalised)


@SETTINGS
@given(TEXT)
def test_every_paragraph_sits_where_the_layout_says(text):
    document = normalise(blocks_of(text))
    for para in document.paras:
        assert document.text[para.start:para.end] == para.text
