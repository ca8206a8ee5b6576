"""planparse.extract.doc: .doc/.wps through LibreOffice, the piece-table reader, bad files.

Word binaries are built here (tests/ole_build.py) or converted from the samples' .docx by
LibreOffice; the seeds are read from the shared corpus when it is there.  Tests that need
LibreOffice are skipped when it is not installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import GOLD, SAMPLES, load_json
from goldcheck import differences
from ole_build import (
    HEADER_ROW,
    IN_TABLE,
    ROW_END,
    Para,
    Style,
    WordList,
    aligned,
    columns,
    compound_file,
    in_list,
    word_binary,
)

import planparse
from planparse.blocks import CENTER, RIGHT
from planparse.errors import PlanparseError
from planparse.extract import doc, extract, libreoffice, registry
from planparse.rules.warnings import WarningCode as W

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.doc")) + sorted(SEEDS.glob("*.wps")) if SEEDS.is_dir() else []
SOFFICE = libreoffice.program()
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

PLAN = [
    Para("关于印发工作要点的通知\r"),
    Para("一、加强政策解读\x13 PAGE \x14（第\x13 NUMPAGES \x143\x15页）\x15\r"),
    Para("序号\x07", IN_TABLE), Para("工作任务\x07", IN_TABLE), Para("责任单位\x07", IN_TABLE),
    Para("\x07", IN_TABLE + ROW_END + HEADER_ROW + columns(0, 800, 5000, 8000)),
    Para("1\x07", IN_TABLE),
    Para("发布图解材料。\r", IN_TABLE), Para("及时回应关切。\x07", IN_TABLE),  # two lines
    Para("\x07", IN_TABLE), Para("\x07", IN_TABLE + ROW_END + columns(0, 800, 5000, 8000)),
    Para("二、保障措施\x07", IN_TABLE),
    Para("\x07", IN_TABLE + ROW_END + columns(0, 8010)),
    Para("各单位\t要高度重视。\x0b抓好落实\x01\x1e推进。\r"),
]


@pytest.fixture
def no_soffice(monkeypatch):
    """The piece-table reader, even where LibreOffice is installed."""
    monkeypatch.setenv("PLANPARSE_SOFFICE", libreoffice.OFF)


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """A temporary directory of the test's own, to see what a conversion leaves behind."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    return scratch


# ---------------------------------------------------------------------------- the seeds


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("through", ["libreoffice", "piece-table"])
def test_seed_matches_gold(path, through, monkeypatch):
    if through == "libreoffice" and SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    if through == "piece-table":
        monkeypatch.setenv("PLANPARSE_SOFFICE", libreoffice.OFF)
    result = planparse.parse(path).model_dump(mode="json")
    assert differences(load_json(GOLD / f"{path.name.split('.')[0]}.gold.json"), result) == []
    assert result["source"]["format"] == "doc"
    codes = {warning["code"] for warning in result["warnings"]}
    assert ("doc_no_list_numbers" in codes) == (through == "piece-table")


def test_seeds_are_there_when_the_corpus_is():
    if not SEEDS.is_dir():
        pytest.skip("the shared corpus is not beside this checkout")
    assert {p.suffix for p in SEED_FILES} == {".doc", ".wps"}


# ---------------------------------------------------------------------------- piece table


def test_piece_table_paragraphs_fields_and_special_characters(no_soffice):
    data = word_binary(PLAN, after="— \x13 PAGE \x141\x15 —\r",
                       compressed="“Quoted” café\r".encode("cp1252"))
    extracted = extract(data, "plan.doc")
    texts = [b.text for b in extracted.blocks if not b.is_row]
    assert texts == [
        "关于印发工作要点的通知",
        "一、加强政策解读（第3页）",  # field results kept, field codes dropped
        "各单位 要高度重视。\n抓好落实-推进。",  # a tab is a space, as in a .docx
        "“Quoted” café",  # an 8-bit piece; the footer story after the main text is not read
    ]
    assert extracted.format == "doc"
    assert extracted.warnings == [(W.DOC_NO_LIST_NUMBERS, W.DOC_NO_LIST_NUMBERS.wording)]


def test_piece_table_rebuilds_table_rows_on_one_grid(no_soffice):
    rows = [b for b in extract(word_binary(PLAN), "plan.doc").blocks if b.is_row]
    assert [(b.cells, b.header, b.table) for b in rows] == [
        (("序号", "工作任务", "责任单位"), True, 0),
        (("1", "发布图解材料。\n及时回应关切。", ""), False, 0),  # an empty last cell
        (("二、保障措施", "", ""), False, 0),  # one cell across the grid
    ]


def test_tables_apart_are_numbered_apart(no_soffice):
    row = [Para("甲\x07", IN_TABLE), Para("\x07", IN_TABLE + ROW_END)]
    blocks = extract(word_binary([*row, Para("之间\r"), *row]), "t.doc").blocks
    assert [(b.cells, b.table) for b in blocks if b.is_row] == [(("甲",), 0), (("甲",), 1)]
    assert [b.text for b in blocks if not b.is_row] == ["之间"]


def test_piece_table_numbers_word_lists(no_soffice):
    """Labels from the list definitions: lists of one abstract list count on together,
    an instance with a start override restarts."""
    paragraphs = [Para("总体要求\r", in_list(1)), Para("任务一\r", in_list(2)),
                  Para("任务二\r", in_list(2)), Para("保障措施\r", in_list(1)),
                  Para("任务三\r", in_list(3)), Para("任务四\r", in_list(2)),
                  Para("不在列表中\r", in_list(9))]
    lists = (WordList(37, "\x00、"), WordList(0, "\x00."))  # chineseCounting, decimal
    data = word_binary(paragraphs, lists=lists, instances=((1, None), (2, None), (2, 1)))
    assert [b.text for b in extract(data, "lists.doc").blocks] == [
        "一、总体要求", "1.任务一", "2.任务二", "二、保障措施", "1.任务三", "2.任务四",
        "不在列表中"]


def test_piece_table_reads_styles_for_lists_and_alignment(no_soffice):
    """A heading style (based on another) numbers and centres its paragraphs; direct
    formatting wins over the style's."""
    styles = (Style(None, b""), Style(0, aligned(1)), Style(1, in_list(1)))
    paragraphs = [Para("通知\r", style=1), Para("总体要求\r", style=2),
                  Para("保障措施\r", aligned(2), style=2), Para("正文\r")]
    data = word_binary(paragraphs, lists=(WordList(37, "\x00、"),), instances=((1, None),),
                       styles=styles)
    blocks = extract(data, "styles.doc").blocks
    assert [(b.text, b.hints) for b in blocks] == [
        ("通知", {CENTER}), ("一、总体要求", {CENTER}), ("二、保障措施", {RIGHT}),
        ("正文", frozenset())]


def test_piece_table_drops_tracked_deletions(no_soffice):
    paragraphs = [Para("修订于9月1728日\r"), Para("整段删除\r"), Para("保留\r")]
    data = word_binary(paragraphs, deleted=((5, 7), (10, 15)))  # "17"; a paragraph and its mark
    assert [b.text for b in extract(data, "revised.doc").blocks] == ["修订于9月28日", "保留"]


def test_cells_with_no_row_mark_are_paragraphs(no_soffice):
    """A damaged table whose rows lost their marks is not one endless row."""
    damaged = [Para("参数\x07", IN_TABLE), Para("条件\x07"), Para("\x07"), Para("之后\r")]
    blocks = extract(word_binary(damaged), "t.doc").blocks
    assert [(b.text, b.cells) for b in blocks] == [("参数", None), ("条件", None), ("之后", None)]


@needs_soffice
def test_piece_table_reads_what_libreoffice_writes(tmp_path, monkeypatch):
    """A .doc written by LibreOffice from a sample .docx with a table: the piece-table
    reader gives the .docx reader's rows and paragraphs, and the plan's gold answer."""
    sample = SAMPLES / "004_32c4d7dc69d9d520.docx"
    word = libreoffice.convert(SOFFICE, sample.read_bytes(), ".docx", "doc")
    monkeypatch.setenv("PLANPARSE_SOFFICE", libreoffice.OFF)
    from_doc = [(b.text, b.cells) for b in extract(word, "plan.doc").blocks]
    assert from_doc == [(b.text, b.cells) for b in extract(sample.read_bytes()).blocks]
    path = tmp_path / "plan.doc"
    path.write_bytes(word)
    gold = load_json(GOLD / "004_32c4d7dc69d9d520.gold.json")
    assert differences(gold, planparse.parse(path).model_dump(mode="json")) == []


@needs_soffice
@pytest.mark.parametrize("through", ["libreoffice", "piece-table"])
def test_word_list_numbers_survive_both_readers(through, tmp_path, monkeypatch):
    """A plan numbered by Word's list feature only, as a .doc LibreOffice wrote."""
    sample = SAMPLES / "003_820f42fe4d9a515f-autonum.docx"
    path = tmp_path / "autonum.doc"
    path.write_bytes(libreoffice.convert(SOFFICE, sample.read_bytes(), ".docx", "doc"))
    if through == "piece-table":
        monkeypatch.setenv("PLANPARSE_SOFFICE", libreoffice.OFF)
    gold = load_json(GOLD / "003_820f42fe4d9a515f.gold.json")
    result = planparse.parse(path).model_dump(mode="json")
    # LibreOffice's own .doc export drops the sample's restart-at overrides, so a list
    # running on from the previous section restarts: the markers differ, nothing else
    assert [d for d in differences(gold, result) if ": marker want" not in d] == []


# ---------------------------------------------------------------------------- LibreOffice


def fake_soffice(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\necho $$ >> {tmp_path / 'pids'}\n{body}\n")
    script.chmod(0o755)
    return script


def alive(pid: int) -> bool:
    """Whether a process runs (a zombie waiting for init to reap it does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")


def pids(tmp_path: Path) -> list[int]:
    path = tmp_path / "pids"
    return [int(line) for line in path.read_text().split()] if path.exists() else []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_hanging_libreoffice_is_killed_with_its_children(tmp_path, private_tmp, monkeypatch):
    """The whole process group goes, the temporary directory too, and the file is read
    from its piece table, saying why."""
    script = fake_soffice(tmp_path, f"sleep 60 & echo $! >> {tmp_path / 'pids'}\nsleep 60")
    monkeypatch.setenv("PLANPARSE_SOFFICE", str(script))
    monkeypatch.setenv("PLANPARSE_SOFFICE_TIMEOUT", "1")
    started = time.monotonic()
    extracted = extract(word_binary(PLAN), "plan.doc")
    assert time.monotonic() - started < 5
    assert len(pids(tmp_path)) == 2 and not any(alive(pid) for pid in pids(tmp_path))
    assert list(private_tmp.iterdir()) == []
    codes = [code for code, _ in extracted.warnings]
    assert codes == ["doc_no_list_numbers", "doc_conversion_failed"]
    assert "took longer than 1 s" in extracted.warnings[1][1]
    assert extracted.blocks[0].text == "关于印发工作要点的通知"


def test_a_hanging_libreoffice_on_an_unreadable_file_is_one_error(tmp_path, monkeypatch):
    script = fake_soffice(tmp_path, "sleep 60")
    monkeypatch.setenv("PLANPARSE_SOFFICE", str(script))
    monkeypatch.setenv("PLANPARSE_SOFFICE_TIMEOUT", "0.5")
    word = bytearray(word_binary(PLAN))
    fib = word.index(b"\xec\xa5\xc1\x00")
    word[fib + 418 : fib + 426] = bytes(8)  # no piece table
    started = time.monotonic()
    with pytest.raises(PlanparseError, match="no piece table .and LibreOffice took longer"):
        extract(bytes(word), "plan.doc")
    assert time.monotonic() - started < 5


def test_a_failed_conversion_falls_back_to_the_piece_table(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANPARSE_SOFFICE", str(fake_soffice(tmp_path, "echo broken; exit 1")))
    extracted = extract(word_binary(PLAN), "plan.doc")
    codes = [code for code, _ in extracted.warnings]
    assert codes == ["doc_no_list_numbers", "doc_conversion_failed"]
    assert "broken" in extracted.warnings[1][1]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux's")
def test_libreoffice_dies_with_a_killed_parent(tmp_path):
    """A batch worker killed on its timeout takes the conversion with it."""
    script = fake_soffice(tmp_path, "exec sleep 60")
    (tmp_path / "plan.doc").write_bytes(word_binary(PLAN))
    env = {**os.environ, "PLANPARSE_SOFFICE": str(script), "PLANPARSE_SOFFICE_TIMEOUT": "60",
           "TMPDIR": str(tmp_path)}  # its temporary directory dies with it, uncleaned
    code = ("import sys; from planparse.extract import extract;"
            " extract(open(sys.argv[1], 'rb').read())")
    parent = subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "plan.doc")], env=env)
    deadline = time.monotonic() + 20
    while not pids(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.05)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in pids(tmp_path)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pids(tmp_path) and not any(alive(pid) for pid in pids(tmp_path))


def test_a_conversion_removes_what_killed_ones_left(tmp_path, private_tmp, monkeypatch):
    dead = subprocess.Popen(["true"])
    dead.wait()
    left = private_tmp / f"planparse-soffice-{dead.pid}-abc"
    mine = private_tmp / f"planparse-soffice-{os.getpid()}-def"
    for folder in (left, mine):
        folder.mkdir()
        (folder / "input.doc").write_bytes(b"x")
    monkeypatch.setenv("PLANPARSE_SOFFICE", str(fake_soffice(tmp_path, "exit 1")))
    extract(word_binary(PLAN), "plan.doc")
    assert list(private_tmp.iterdir()) == [mine]


def test_the_timeout_grows_modestly_with_size(monkeypatch):
    monkeypatch.delenv("PLANPARSE_SOFFICE_TIMEOUT", raising=False)
    assert libreoffice.timeout(0) == libreoffice.BASE_TIMEOUT
    assert libreoffice.BASE_TIMEOUT < libreoffice.timeout(10 << 20) <= libreoffice.MAX_TIMEOUT
    assert libreoffice.timeout(10 << 30) == libreoffice.MAX_TIMEOUT
    monkeypatch.setenv("PLANPARSE_SOFFICE_TIMEOUT", "2.5")
    assert libreoffice.timeout(10 << 20) == 2.5


def test_off_and_missing_programs_mean_no_libreoffice(monkeypatch):
    monkeypatch.setenv("PLANPARSE_SOFFICE", "off")
    assert libreoffice.program() is None
    monkeypatch.setenv("PLANPARSE_SOFFICE", "/nonexistent/soffice")
    assert libreoffice.program() is None


# ---------------------------------------------------------------------------- bad files


def encrypted_doc() -> bytes:
    return word_binary(PLAN, flags=0x0300)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "OLE container"),
        (compound_file({"Contents": b"x" * 5000}), "neither a Word/WPS document"),
        (encrypted_doc(), "encrypted"),
        (word_binary([Para("\r")]), "no text"),
        (word_binary(PLAN)[:3000], "corrupt"),  # truncated inside the directory
    ],
    ids=["empty-file", "garbage-ole", "no-word-stream", "encrypted", "no-text", "truncated"],
)
def test_bad_files_get_one_line_errors(data, reason, no_soffice):
    with pytest.raises(PlanparseError, match=reason) as caught:
        extract(data, "bad.doc")
    assert "\n" not in str(caught.value)


def test_the_sniffer_reads_the_encryption_flag_of_the_fib():
    assert registry.sniff(word_binary(PLAN)).name == "doc"
    with pytest.raises(PlanparseError, match="encrypted"):
        registry.sniff(encrypted_doc())


def test_the_reader_refuses_what_the_sniffer_let_through():
    with pytest.raises(PlanparseError, match="without a WordDocument stream"):
        doc.extract(compound_file({"Contents": b"x" * 5000}))
    with pytest.raises(PlanparseError, match="encrypted"):
        doc.extract(encrypted_doc())


def test_every_truncation_is_an_error_or_a_reading(no_soffice):
    data = word_binary(PLAN)
    for size in range(0, len(data), 97):
        try:
            extract(data[:size], "cut.doc")
        except PlanparseError as exc:
            assert "\n" not in str(exc)


def test_every_corrupted_byte_of_the_tables_is_an_error_or_a_reading(no_soffice):
    data = word_binary(PLAN)
    table = data.index(b"\xec\xa5\xc1\x00") + 0x6200  # the 1Table stream follows WordDocument
    for at in range(table, table + 120):
        for value in (0x00, 0x7F, 0xFF):
            broken = data[:at] + bytes([value]) + data[at + 1 :]
            try:
                extract(broken, "broken.doc")
            except PlanparseError as exc:
                assert "\n" not in str(exc)
