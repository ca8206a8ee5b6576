"""Hostile text: long runs of broken lines cost linear time, odd characters a clear reason."""

from __future__ import annotations

import pytest

from planparse import PlanparseError, normalise, parse_text
from planparse.blocks import Block


def _lines(n: int) -> list[Block]:
    return [Block(text=f"第{i}项工作安排部署落实推进情况", line=i + 1) for i in range(n)]


def test_joining_unpunctuated_lines_reads_each_character_a_bounded_number_of_times(monkeypatch):
    # 3,000 such lines took 67 s: each join re-measured the whole paragraph joined so far
    seen = {"chars": 0}
    real = normalise.width

    def counting(text: str) -> int:
        seen["chars"] += len(text)
        return real(text)

    monkeypatch.setattr(normalise, "width", counting)
    blocks = _lines(3000)
    document = normalise.normalise(blocks)
    total = sum(len(b.text) for b in blocks)
    assert seen["chars"] <= 3 * total
    assert len(document.paras) == 1 and len(document.paras[0].breaks) == 2999
    assert document.paras[0].text == "".join(b.text for b in blocks)


def test_lone_surrogates_are_refused_with_a_reason():
    with pytest.raises(PlanparseError, match="surrogate"):
        parse_text("一、工作要点\ud800")


def test_a_plan_repeated_in_one_file_warns_that_the_copies_were_not_read():
    from conftest import SAMPLES

    plan = (SAMPLES / "003_820f42fe4d9a515f.txt").read_text(encoding="utf-8")
    document = parse_text((plan + "\n") * 3)
    assert len(document.tasks) == 14  # the first copy, as before, but no longer silently
    unread = [w for w in document.warnings if w.code == "unread_text"]
    assert len(unread) == 1 and unread[0].span.start > len(plan) - 200
    assert [w.code for w in parse_text(plan).warnings].count("unread_text") == 0
