"""Text input: the encoding is detected, not assumed; bad bytes get a clear error."""

from __future__ import annotations

import codecs

import pytest

from planparse import PlanparseError, parse_bytes
from planparse.extract.text import decode

PLAN = (
    "某某县水利局2024年政务公开工作要点\r\n"
    "一、推进水利工程信息公开\r\n"
    "（一）公开工程建设进度。每月更新在建工程进展。（工程建设股负责）\r\n"
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (PLAN.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + PLAN.encode("utf-8"), "utf-8-sig"),
        (PLAN.encode("gb18030"), "gb18030"),
        (PLAN.encode("gbk"), "gb18030"),
        (PLAN.encode("utf-16"), "utf-16"),
        (PLAN.encode("utf-16-le"), "utf-16-le"),
        (PLAN.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_encodings_are_detected(data, encoding):
    text, found = decode(data)
    assert found == encoding
    assert text.replace("\ufeff", "") == PLAN


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_every_newline_convention_gives_the_same_plan(newline):
    document = parse_bytes(PLAN.replace("\r\n", newline).encode("utf-8"))
    assert [t.text for t in document.tasks] == ["公开工程建设进度。每月更新在建工程进展。"]
    assert document.tasks[0].units.responsible == ["工程建设股"]
    assert document.tasks[0].span.line == 3


def test_gbk_plan_reports_its_encoding():
    document = parse_bytes(PLAN.encode("gbk"))
    assert document.source.encoding == "gb18030"
    assert document.metadata.title == "某某县水利局2024年政务公开工作要点"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \r\n\t\n", "no text"),
        (bytes(range(256)) * 4, "binary"),
        (b"\x81\x30\xff\xfe\xfd" * 20, "undecodable"),
    ],
)
def test_bad_text_is_refused(data, message):
    with pytest.raises(PlanparseError, match=message):
        parse_bytes(data)
