"""Small hostile files that unfold into huge work are refused in one line, in seconds."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import SAMPLES
from hostile import docx_bomb, many_text_objects, nested_forms

from planparse import PlanparseError, parse_bytes


def _refused(data: bytes, name: str) -> PlanparseError:
    with pytest.raises(PlanparseError) as caught:
        parse_bytes(data, name)
    return caught.value


def test_docx_parts_inflating_past_the_limits_are_refused_before_inflating():
    big_part = _refused(docx_bomb(part_mb=60, parts=1), "bomb.docx")
    assert big_part.code == "TooLarge" and "would inflate" in big_part.reason
    assert len(docx_bomb(part_mb=60, parts=1)) < 200_000  # small on disk


def test_docx_parts_inflating_past_the_package_budget_are_refused(monkeypatch):
    from planparse.extract import limits

    monkeypatch.setattr(limits, "MAX_RATIO", 10 ** 9)  # let the budget, not the ratio, decide
    error = _refused(docx_bomb(part_mb=30, parts=3), "bomb.docx")
    assert error.code == "TooLarge" and "more than 64 MB" in error.reason


def test_a_docx_part_deflated_a_thousandfold_is_a_zip_bomb():
    error = _refused(docx_bomb(part_mb=30, parts=1), "bomb.docx")
    assert error.code == "TooLarge" and "a zip bomb" in error.reason


@pytest.mark.parametrize("data", [
    pytest.param(nested_forms(depth=13, fanout=1), id="forms-13-deep"),
    pytest.param(many_text_objects(200_000), id="200k-text-objects"),
])
def test_pdf_pages_too_complex_are_refused(data):
    pytest.importorskip("pypdfium2")
    assert len(data) < 20_000
    error = _refused(data, "hostile.pdf")
    assert error.code == "TooLarge" and "too large or too complex: page 1" in error.reason


@pytest.mark.parametrize("data", [
    pytest.param(nested_forms(depth=7, fanout=10), id="ten-million-drawings"),
    pytest.param(nested_forms(depth=6, fanout=10, packed=True), id="resources-in-an-object-stream"),
    pytest.param(nested_forms(depth=3, fanout=40, page_draws=200), id="the-page-drawing-a-large-form-often"),
])
def test_forms_unfolding_past_the_limit_are_refused_before_pdfium_loads_the_page(data, monkeypatch):
    pdfium = pytest.importorskip("pypdfium2")
    # PDFium would spend seconds and gigabytes unfolding them: it must never be asked to
    monkeypatch.setattr(pdfium.PdfDocument, "__getitem__", _never_loaded)
    error = _refused(data, "forms.pdf")
    assert error.code == "TooLarge" and "unfold into more than 100,000 drawings" in error.reason


def _never_loaded(self, index):
    raise AssertionError("a page was loaded")


def test_forms_within_the_limit_are_read(tmp_path):
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "forms.pdf"
    page = canvas.Canvas(str(path))
    page.beginForm("mark")  # a small drawing used all over the page, as a logo or a seal is
    page.rect(0, 0, 4, 4)
    page.endForm()
    for i in range(300):
        page.doForm("mark")
        page.translate(1, 0)
    page.setFont("STSong-Light", 14)
    page.drawString(72, 760, "关于印发工作要点的通知")
    page.save()
    document = parse_bytes(path.read_bytes(), "forms.pdf")
    assert document.metadata.title == "关于印发工作要点的通知"


@pytest.mark.parametrize("ceiling", [40, 60, 80, 100, 120, 150])
def test_a_memory_ceiling_ends_a_parse_in_one_line(tmp_path, ceiling):
    # the ceiling is hit at a different point for each (loading a library, reading, building
    # the tree, writing JSON): each is still the one line, never Python's own report
    plan = (SAMPLES / "003_820f42fe4d9a515f.txt").read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text((plan + "\n") * 2400, encoding="utf-8")  # 19 MB
    result = subprocess.run([sys.executable, "-m", "planparse", "extract", str(big), "--memory",
                             str(ceiling)], capture_output=True, timeout=120)
    assert result.returncode == 1 and result.stdout == b""
    assert result.stderr.decode() == (f"planparse: {big}: too large or too complex to read within"
                                      " the memory limit\n")


def test_a_library_message_with_a_traceback_in_it_is_reported_in_one_line():
    from planparse.errors import one_line

    message = ('Traceback (most recent call last):\n  File "main.py", line 98, in __call__\n'
               '    return self.session.run(names, feed)[0]\n'
               'RuntimeException: [ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : std::bad_alloc\n')
    assert one_line(RuntimeError(message)) == (
        "RuntimeException: [ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : std::bad_alloc")
    assert one_line(ValueError("bad\n  value")) == "bad value"
    assert one_line(KeyError()) == "KeyError"


def test_a_native_allocation_failing_under_the_ceiling_is_the_ceiling(monkeypatch):
    from planparse import ceiling

    failure = RuntimeError("RUNTIME_EXCEPTION : Non-zero status code ... std::bad_alloc")
    monkeypatch.setattr(ceiling, "_limit", 1 << 40)
    assert ceiling.exhausted(failure) and ceiling.exhausted(MemoryError())
    assert not ceiling.exhausted(RuntimeError("a bug"))
    monkeypatch.setattr(ceiling, "_limit", None)  # without a ceiling it is a real failure
    assert not ceiling.exhausted(failure)


def test_any_failure_close_to_the_ceiling_is_the_ceiling(monkeypatch):
    # near the ceiling a codec that cannot be loaded is "unknown" and a C function can return
    # without its MemoryError: both were seen in place of the one line
    from planparse import ceiling

    failures = [LookupError("unknown encoding: gb2312"),
                SystemError("error return without exception set")]
    monkeypatch.setattr(ceiling, "_limit", 150 << 20)
    monkeypatch.setattr(ceiling, "peak_address_space", lambda: 140 << 20)
    assert all(ceiling.exhausted(failure) for failure in failures)
    monkeypatch.setattr(ceiling, "peak_address_space", lambda: 60 << 20)  # far below it: a bug
    assert not any(ceiling.exhausted(failure) for failure in failures)
    monkeypatch.setattr(ceiling, "peak_address_space", lambda: None)
    assert not any(ceiling.exhausted(failure) for failure in failures)


def test_the_peak_address_space_is_read_and_grows_with_an_allocation():
    from planparse.ceiling import peak_address_space

    before = peak_address_space()
    assert before is not None and before > 1 << 20
    block = bytearray(256 << 20)  # more than any earlier peak of a test run could hide
    after = peak_address_space()
    assert after is not None and after >= len(block)
    del block
