"""planparse.extract.sheets: Excel 台账 (.xlsx, .xls, WPS .et) read like a Word table plan.

Workbooks are built here with openpyxl; .xls and .et cases start from the seed files (no
library writes BIFF8 that we would want as a dependency) and patch their records in place.
"""

from __future__ import annotations

import datetime
import json
import random
import struct
from io import BytesIO
from pathlib import Path

import pytest

pytest.importorskip("python_calamine", reason="the sheets extra (python-calamine) is not installed")
olefile = pytest.importorskip("olefile", reason="the sheets extra (olefile) is not installed")
openpyxl = pytest.importorskip("openpyxl", reason="openpyxl (test extra) builds the workbooks")

from goldcheck import differences  # noqa: E402

from planparse import parse_bytes  # noqa: E402
from planparse.blocks import CENTER, Block  # noqa: E402
from planparse.errors import PlanparseError  # noqa: E402
from planparse.extract import (  # noqa: E402
    cfb,  # noqa: E402
    extract,
    registry,
    sniff,
)
from planparse.extract import sheets_guard as guard  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"
SEED = "004_32c4d7dc69d9d520"
HEADER = ["序号", "工作任务", "具体要求", "责任单位", "完成时限"]


def save(book) -> bytes:
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def plan_sheet(sheet, top: int = 1) -> None:
    """A plan table from row ``top``: a title merged across, the header, two groups whose
    任务 and 责任单位 cells are merged down, 序号 typed as numbers, a date typed as a date."""
    sheet.cell(top, 1, "某某局2023年政务公开工作任务分解表")
    sheet.merge_cells(start_row=top, start_column=1, end_row=top, end_column=5)
    for column, name in enumerate(HEADER, 1):
        sheet.cell(top + 1, column, name)
    rows = [
        (1.0, "一、加强政策解读", "1. 做好政策文件解读工作。", "办公室", datetime.date(2023, 6, 30)),
        (2.0, None, "2. 丰富解读形式。", None, "长期坚持"),
        (3.0, "二、优化平台建设", "3. 加强政府网站管理。", "信息中心", "2023年12月底前"),
    ]
    for offset, values in enumerate(rows, top + 2):
        for column, value in enumerate(values, 1):
            if value is not None:
                sheet.cell(offset, column, value)
    sheet.merge_cells(start_row=top + 2, start_column=2, end_row=top + 3, end_column=2)
    sheet.merge_cells(start_row=top + 2, start_column=4, end_row=top + 3, end_column=4)


def workbook(*, notice: bool = False, extra_sheet: bool = False) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    if notice:
        sheet.title = "通知"
        lines = ["某某局关于印发2023年政务公开工作任务分解表的通知", "各科室：",
                 "现将任务分解表印发给你们，请认真贯彻落实。", "某某局", "2023年3月1日"]
        for row, line in enumerate(lines, 1):
            sheet.cell(row, 1, line)
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        sheet = book.create_sheet("任务分解")
    plan_sheet(sheet)
    if extra_sheet:
        book.create_sheet("说明").cell(1, 1, "1. 本表由各科室每月填报。")
    return save(book)


def rows(blocks: list[Block]) -> list[tuple[str, ...]]:
    return [block.cells for block in blocks if block.cells is not None]


# ---------------------------------------------------------------------------- the blocks


def test_title_header_and_merged_rows_read_like_a_word_table():
    blocks = extract(workbook()).blocks
    assert blocks[0] == Block(text="某某局2023年政务公开工作任务分解表", hints=frozenset({CENTER}))
    assert rows(blocks) == [
        tuple(HEADER),
        ("1", "一、加强政策解读", "1. 做好政策文件解读工作。", "办公室", "2023年6月30日"),
        ("2", "", "2. 丰富解读形式。", "", "长期坚持"),  # covered by the merges above: ""
        ("3", "二、优化平台建设", "3. 加强政府网站管理。", "信息中心", "2023年12月底前"),
    ]
    assert [block.header for block in blocks[1:]] == [True, False, False, False]
    assert {block.table for block in blocks[1:]} == {0}


def test_a_notice_sheet_reads_as_paragraphs_before_the_plan_sheet():
    blocks = extract(workbook(notice=True, extra_sheet=True)).blocks
    paragraphs = [block.text for block in blocks if block.cells is None]
    assert paragraphs == ["某某局关于印发2023年政务公开工作任务分解表的通知", "各科室：",
                          "现将任务分解表印发给你们，请认真贯彻落实。", "某某局", "2023年3月1日",
                          "某某局2023年政务公开工作任务分解表"]
    assert len(rows(blocks)) == 4  # the 说明 sheet after the plan is not the plan's text


def test_the_plan_is_found_below_a_notice_on_its_own_sheet_and_parsed():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.cell(1, 1, "各科室：")
    sheet.cell(2, 1, "现将任务分解表印发给你们。")
    plan_sheet(sheet, top=4)
    result = parse_bytes(save(book), "plan.xlsx")
    assert result.source.format == "xlsx"
    tasks = {task.text: task for task in result.tasks}
    assert set(tasks) == {"做好政策文件解读工作。", "丰富解读形式。", "加强政府网站管理。"}
    merged = tasks["丰富解读形式。"]  # its 责任单位 is the merged cell of the row above
    assert merged.units is not None and merged.units.responsible == ["办公室"]
    assert [d.kind for d in merged.deadlines] == ["ongoing"]
    assert [d.date for d in tasks["做好政策文件解读工作。"].deadlines] == ["2023-06-30"]


def test_a_notice_two_header_rows_and_the_imprint_on_one_sheet():
    book = openpyxl.Workbook()
    sheet = book.active
    lines = ["某某县人民政府办公室关于印发2023年政务公开工作要点任务分解的通知",
             "各乡镇人民政府，县政府各部门：", "现将任务分解印发给你们，请认真抓好落实。",
             "某某县人民政府办公室", datetime.date(2023, 4, 10), "（此件公开发布）",
             "某某县2023年政务公开工作要点任务分解"]
    for row, line in enumerate(lines, 1):
        sheet.cell(row, 1, line)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
    sheet.append(["序号", "工作任务", "具体措施", "责任单位", None, "完成时限"])
    sheet.append([None, None, None, "牵头单位", "配合单位", None])
    for column in "ABCF":
        sheet.merge_cells(f"{column}8:{column}9")
    sheet.merge_cells("D8:E8")
    sheet.append([1, "一、深化政策解读", "1. 做好重要政策解读。", "县政府办", "县直各部门", "长期坚持"])
    sheet.append([2, None, "2. 加强政策问答。", "县政务服务中心", "各乡镇", "2023年6月底前"])
    sheet.merge_cells("B10:B11")
    sheet["A14"] = "某某县人民政府办公室 2023年4月10日印发"
    sheet.merge_cells("A14:F14")
    result = parse_bytes(save(book), "plan.xlsx")
    meta = result.metadata
    assert meta.title == lines[0] and meta.plan_title == lines[-1]
    assert meta.recipients == ["各乡镇人民政府", "县政府各部门"]
    assert (meta.signed_date, meta.publicity) == ("2023-04-10", "公开发布")
    assert (meta.printed_by, meta.printed_date) == ("某某县人民政府办公室", "2023-04-10")
    units = [(t.units.lead, t.units.cooperating) for t in result.tasks if t.units]
    assert units == [(["县政府办"], ["县直各部门"]), (["县政务服务中心"], ["各乡镇"])]
    assert [section.title for section in result.sections] == ["深化政策解读"]


def test_a_row_merged_across_the_table_is_a_section_row():
    book = openpyxl.Workbook()
    sheet = book.active
    for column, name in enumerate(["序号", "工作任务", "责任单位"], 1):
        sheet.cell(1, column, name)
    sheet.cell(2, 1, "一、公开重点")
    sheet.merge_cells("A2:C2")
    sheet.append([1, "做好财政信息公开。", "财政局"])
    sheet.append([2, "做好教育信息公开。", "教育局"])
    assert rows(extract(save(book)).blocks)[1] == ("一、公开重点", "", "")
    result = parse_bytes(save(book), "plan.xlsx")
    assert [section.title for section in result.sections] == ["公开重点"]
    assert [task.units.responsible for task in result.tasks if task.units] == [["财政局"],
                                                                              ["教育局"]]


def test_prose_after_the_table_is_a_paragraph_and_empty_rows_and_columns_are_dropped():
    book = openpyxl.Workbook()
    sheet = book.active
    for column, name in enumerate(["序号", "工作任务", "责任单位"], 2):  # from column B
        sheet.cell(3, column, name)
    sheet.cell(4, 2, 1)
    sheet.cell(4, 3, "做好财政信息公开。")
    sheet.cell(4, 4, "财政局")
    sheet.cell(8, 2, "某某局办公室 2023年3月1日印发")
    sheet.merge_cells("B8:D8")
    sheet.cell(20, 9).value = "   "  # spaces only: no text
    blocks = extract(save(book)).blocks
    assert rows(blocks) == [("序号", "工作任务", "责任单位"), ("1", "做好财政信息公开。", "财政局")]
    assert blocks[-1].cells is None and blocks[-1].text == "某某局办公室 2023年3月1日印发"


def test_a_second_table_on_the_sheet_is_a_table_of_its_own_with_prose_before_it():
    # an attached table (附件2 and its title) below the plan table, on the same sheet
    book = openpyxl.Workbook()
    sheet = book.active
    plan_sheet(sheet)
    sheet.cell(7, 1, "附件2")
    sheet.cell(8, 1, "政务公开专栏栏目设置表")
    sheet.merge_cells("A8:E8")
    for column, name in enumerate(["序号", "一级栏目", "二级栏目", "更新频率", "责任单位"], 1):
        sheet.cell(9, column, name)
    for column, value in enumerate([1, "机构信息", "机构职能", "即时更新", "办公室"], 1):
        sheet.cell(10, column, value)
    blocks = extract(save(book)).blocks
    assert [(b.text, b.table) if b.cells is None else (b.cells[1], b.table) for b in blocks[5:]] == [
        ("附件2", None), ("政务公开专栏栏目设置表", None), ("一级栏目", 1), ("机构信息", 1)]
    assert [b.header for b in blocks if b.table == 1] == [True, False]


def test_values_print_as_the_sheet_shows_them():
    from planparse.extract.sheets import _text

    assert _text(1.0) == "1" and _text(2.5) == "2.5" and _text(0.1 + 0.2) == "0.3"
    assert _text(datetime.datetime(2022, 6, 30)) == "2022年6月30日"
    assert _text(datetime.datetime(2022, 6, 30, 9, 5)) == "2022年6月30日 09:05"
    assert _text(True) == "TRUE"


# ---------------------------------------------------------------------------- seeds


def seed(suffix: str) -> Path:
    path = SEEDS / f"{SEED}{suffix}"
    if not path.exists():
        pytest.skip(f"seed {path.name} not found")
    return path


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".et"])
def test_seed_workbooks_read_as_the_word_document_does(suffix):
    ours = extract(seed(suffix).read_bytes())
    word = extract(seed(".docx").read_bytes())
    assert rows(ours.blocks) == rows(word.blocks)
    assert [b.text for b in ours.blocks if b.cells is None] == [
        b.text for b in word.blocks if b.cells is None]
    gold = json.loads((GOLD / f"{SEED}.gold.json").read_text(encoding="utf-8"))
    result = parse_bytes(seed(suffix).read_bytes(), f"plan{suffix}").model_dump(mode="json")
    assert differences(gold, result) == []


def test_sniffing_tells_workbooks_from_word_files():
    assert sniff(workbook()) == "xlsx"
    assert sniff(seed(".xls").read_bytes()) == "xls"
    assert sniff(seed(".et").read_bytes()) == "xls"
    doc = SEEDS / "003_820f42fe4d9a515f.doc"
    if doc.exists():  # a Word binary is "doc" (or refused as one), whatever else it embeds
        probe = registry.Probe(doc.read_bytes())
        decided = next(fmt for fmt in registry.FORMATS if fmt.sniff(probe))
        assert decided.name == "doc"
    assert registry.by_extension("plan.et") is registry.get("xls")
    assert registry.by_extension("plan.xlsm") is registry.get("xlsx")


# ---------------------------------------------------------------------------- bad files


def refused(data: bytes) -> str:
    with pytest.raises(PlanparseError) as caught:
        extract(data)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_an_empty_workbook_and_one_without_a_table_are_refused():
    assert "empty" in refused(save(openpyxl.Workbook()))
    book = openpyxl.Workbook()
    book.active.cell(1, 1, "会议纪要")
    book.active.cell(2, 2, "请各单位参加。")
    assert "no sheet of the workbook holds a plan table" in refused(save(book))


def test_a_truncated_workbook_is_refused():
    data = workbook()
    assert "corrupt" in refused(data[: len(data) // 2])
    xls = seed(".xls").read_bytes()
    refused(xls[:9000])


def test_a_sparse_cell_bomb_is_refused_before_calamine_lays_it_out():
    book = openpyxl.Workbook()
    book.active["A1"] = "序号"
    book.active["XFD1048576"] = "x"  # 17 billion cells between them
    assert "would lay out" in refused(save(book))


def test_cells_without_references_are_followed_one_by_one():
    row = "<row>" + "<c/>" * 2000 + "</row>"
    xml = f"<worksheet><sheetData>{row}{'<row><c/></row>' * 1000}</sheetData></worksheet>".encode()
    assert guard._xml_extent(xml) == 1001 * 2000
    assert guard._xml_extent(b'<sheetData><row r="2"><c r="C2"/></row></sheetData>') == 26 * 99
    assert guard._xml_extent(b'<x:sheetData><x:row r="3"><x:c r="AB7"/></x:row>') == 7 * 28
    assert guard._xml_extent(b'<sst><si><t>no cells</t></si></sst>') == 0
    far = b'<sheetData><row r="1"><c r="A1"/><c\tr="XFD1048576"/></row></sheetData>'
    assert guard._xml_extent(far) > guard.MAX_CELLS  # any whitespace before r= is followed


def test_the_strict_container_reader_agrees_with_olefile_or_gives_up():
    data = seed(".xls").read_bytes()
    name, stream = cfb.read_stream(data, ("Workbook", "Book"))
    with olefile.OleFileIO(BytesIO(data)) as container:
        assert (name, stream) == ("Workbook", container.openstream("Workbook").read())
    assert cfb.read_stream(guard._container("Book", stream), ("Workbook", "Book")) == (
        "Book", stream)
    looped = bytearray(data)
    fat = 512 * (1 + struct.unpack_from("<I", data, 76)[0])  # the first FAT sector
    first = struct.unpack_from("<I", data, 48)[0]  # the directory's first sector
    struct.pack_into("<I", looped, fat + 4 * first, first)  # its chain points to itself
    assert cfb.read_stream(bytes(looped), ("Workbook",)) is None
    small = bytearray(guard._container("Workbook", stream))
    entry = small.find("Workbook".encode("utf-16-le"))
    struct.pack_into("<Q", small, entry + 120, 100)  # a stream the mini stream would hold
    assert cfb.read_stream(bytes(small), ("Workbook",)) is None
    assert guard._ole_stream(bytes(small)) == ("Workbook", b"")  # olefile: no mini stream
    refused(bytes(small))


def test_a_zip_bomb_is_refused_by_its_declared_sizes():
    data = bytearray(workbook())
    name = b"xl/worksheets/sheet1.xml"
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        if data[central + 46 : central + 46 + len(name)] == name:
            struct.pack_into("<I", data, central + 24, 1 << 30)  # uncompressed size: 1 GB
        central = data.find(b"PK\x01\x02", central + 4)
    assert "inflate" in refused(bytes(data))


def test_a_member_whose_header_lies_outside_the_zip_is_refused_in_one_line():
    data = bytearray(workbook())
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 42, len(data) - 4)  # its local header: past the end
    assert "corrupt workbook" in refused(bytes(data))


def patched_xls(kind: int, body: bytes) -> bytes:
    """The seed .xls with the first record of type ``kind`` given a new body (same length)."""
    data = bytearray(seed(".xls").read_bytes())
    at = data.find(struct.pack("<HH", kind, len(body)))
    assert at > 0
    data[at + 4 : at + 4 + len(body)] = body
    return bytes(data)


def test_a_sparse_xls_and_one_declaring_endless_rows_are_refused():
    label = patched_xls(0x00FD, struct.pack("<HHHI", 65535, 65535, 0, 0))  # LABELSST far out
    assert "would lay out" in refused(label)
    dimensions = patched_xls(0x0200, struct.pack("<IIHHH", 0x5A000000, 34, 0, 4, 0))
    assert "would lay out" in refused(dimensions)


def test_a_sheet_hidden_inside_another_record_is_walked_where_calamine_reads_it():
    """calamine reads a sheet from where its BOUNDSHEET record says: there, inside a record
    the walk in order steps over whole, lies a sheet with a cell far out."""
    stream = cfb.read_stream(seed(".xls").read_bytes(), ("Workbook",))[1]
    boundsheet = 0
    while struct.unpack_from("<H", stream, boundsheet)[0] != 0x0085:  # record by record
        boundsheet += 4 + struct.unpack_from("<H", stream, boundsheet + 2)[0]
    sheet = stream[struct.unpack_from("<I", stream, boundsheet + 4)[0] :]
    bof = 4 + struct.unpack_from("<H", sheet, 2)[0]
    far = struct.pack("<HHHHHI", 0x00FD, 10, 60000, 200, 0, 0)  # LABELSST at row 60000
    hidden = sheet[:bof] + far + sheet[bof:]
    moved = bytearray(stream + struct.pack("<HH", 0x1234, len(hidden)) + hidden)
    struct.pack_into("<I", moved, boundsheet + 4, len(stream) + 4)
    assert guard._biff_extent(stream) < guard.MAX_CELLS < guard._biff_extent(bytes(moved))
    assert "would lay out" in refused(guard._container("Workbook", bytes(moved)))


def test_a_cell_record_cut_short_at_the_stream_end_is_counted_not_a_crash():
    # a LABELSST header, then one byte of its row: the walk reads zeros past the stream
    assert guard._biff_extent(struct.pack("<HH", 0x0809, 0) + b"\xfd\x00\x0a\x00\x01") == 2


def test_an_encrypted_xls_and_xlsx_are_refused():
    data = bytearray(seed(".xls").read_bytes())
    interface = data.find(b"\xe1\x00\x02\x00")  # the record after BOF: make it a FILEPASS
    data[interface : interface + 2] = b"\x2f\x00"
    assert refused(bytes(data)) == registry.ENCRYPTED
    encrypted_package = guard._container("EncryptedPackage", b"\x00" * 5000)
    assert refused(encrypted_package) == registry.ENCRYPTED


def test_damaged_workbooks_give_one_line_errors(capfd):
    """Bytes flipped, zeroed or cut: read, or refused in one line (calamine's own panics
    included, with nothing of theirs on stderr)."""
    rng = random.Random(7)
    for base in (seed(".xls").read_bytes(), seed(".et").read_bytes(), workbook()):
        for _ in range(40):
            data = bytearray(base)
            at = rng.randrange(len(data))
            data[at : at + rng.randrange(1, 600)] = bytes(rng.randrange(256) for _ in range(8))
            try:
                extract(bytes(data))
            except PlanparseError as error:
                assert "\n" not in str(error)
    assert "panicked" not in capfd.readouterr().err


def test_without_the_extra_the_error_names_it(monkeypatch):
    real = registry.importlib.util.find_spec
    monkeypatch.setattr(registry.importlib.util, "find_spec",
                        lambda name, *args: None if name == "python_calamine" else real(name))
    message = refused(workbook())
    assert "pip install 'planparse[sheets]'" in message
    assert not registry.get("xls").available
