"""OFD extractor tests on small OFD packages built here, and on the seed renderings.

The packages are written the way OFD producers write them: a 公文 page of A4 in millimetres,
16pt (5.644mm) body text one TextCode per line with per-glyph DeltaX, tables ruled with
PathObjects, the 版头 filled red.
"""

from __future__ import annotations

import time
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planparse.blocks import CENTER, LARGE, RED, Block
from planparse.errors import PlanparseError
from planparse.extract import extract as extract_any
from planparse.extract import ofd, pdf, registry
from planparse.extract.ofd import MM, extract, read

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
NS = "http://www.ofdspec.org/2016"
EM = 5.644  # 16pt in mm
LEFT, WIDTH = 28.0, 156.0  # the text column of an A4 公文 page (27.6 ems)
PITCH = 10.0  # mm from baseline to baseline


# -- fixture builder -------------------------------------------------------------------


def text(x: float, y: float, chars: str, *, size: float = EM, delta: str | None = None,
         fill: str | None = None, ctm: str | None = None, attrs: str = "") -> str:
    """A TextObject whose first glyph's origin is at (x, y) on the page (y: the baseline)."""
    delta = delta if delta is not None else f"g {len(chars) - 1} {size}" if len(chars) > 1 else ""
    colour = f'<ofd:FillColor Value="{fill}"/>' if fill else ""
    attrs += f' CTM="{ctm}"' if ctm else ""
    return (f'<ofd:TextObject ID="1" Font="2" Size="{size}" Boundary="{x} {y - size} '
            f'{len(chars) * size} {size * 1.25}" {attrs}>{colour}<ofd:TextCode X="0"'
            f' Y="{size}" DeltaX="{delta}">{chars}</ofd:TextCode></ofd:TextObject>')


def line(x0: float, y0: float, x1: float, y1: float) -> str:
    """A stroked PathObject from (x0, y0) to (x1, y1)."""
    bx, by = min(x0, x1), min(y0, y1)
    return (f'<ofd:PathObject ID="3" LineWidth="0.25" Boundary="{bx} {by} {abs(x1 - x0) + 0.25}'
            f' {abs(y1 - y0) + 0.25}"><ofd:AbbreviatedData>M {x0 - bx} {y0 - by}'
            f" L {x1 - bx} {y1 - by}</ofd:AbbreviatedData></ofd:PathObject>")


def body(lines: list[str], top: float = 60.0, indent: bool = True) -> list[str]:
    """Text lines set one under the other; the first indented 2 ems, as paragraphs start."""
    return [text(LEFT + (2 * EM if indent and i == 0 else 0), top + i * PITCH, chars)
            for i, chars in enumerate(lines)]


def page_xml(objects: list[str], template: str | None = None, area: str | None = None) -> str:
    use = f'<ofd:Template TemplateID="{template}" ZOrder="Background"/>' if template else ""
    box = f"<ofd:Area><ofd:PhysicalBox>{area}</ofd:PhysicalBox></ofd:Area>" if area else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}">{box}{use}'
            f'<ofd:Content><ofd:Layer ID="9" Type="Body">{"".join(objects)}</ofd:Layer>'
            "</ofd:Content></ofd:Page>")


def package(pages: list[str], *, templates: dict[str, str] | None = None,
            res: str = "", entry: str | None = None, document: str | None = None,
            extra: dict[str, str | bytes] | None = None,
            stored: bool = False) -> bytes:
    """An OFD package of these page Content.xml texts (and templates by ID)."""
    templates = templates or {}
    page_list = "".join(f'<ofd:Page ID="{i + 10}" BaseLoc="Pages/Page_{i}/Content.xml"/>'
                        for i in range(len(pages)))
    template_list = "".join(f'<ofd:TemplatePage ID="{key}" BaseLoc="Tpls/Tpl_{key}/Content.xml"/>'
                            for key in templates)
    parts: dict[str, str | bytes] = {
        "OFD.xml": entry if entry is not None else (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0"'
            ' DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo>'
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"),
        "Doc_0/Document.xml": document if document is not None else (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}">'
            "<ofd:CommonData><ofd:MaxUnitID>99</ofd:MaxUnitID><ofd:PageArea>"
            "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
            f"<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{template_list}</ofd:CommonData>"
            f"<ofd:Pages>{page_list}</ofd:Pages></ofd:Document>"),
        "Doc_0/PublicRes.xml": (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}"'
                                f' BaseLoc="Res"><ofd:Fonts><ofd:Font ID="2" FontName="仿宋"/>'
                                f"</ofd:Fonts>{res}</ofd:Res>"),
    }
    parts.update({f"Doc_0/Pages/Page_{i}/Content.xml": xml for i, xml in enumerate(pages)})
    parts.update({f"Doc_0/Tpls/Tpl_{key}/Content.xml": xml for key, xml in templates.items()})
    parts.update(extra or {})
    out = BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def texts(blocks: list[Block]) -> list[str | tuple[str, ...]]:
    return [b.cells if b.cells is not None else b.text or "" for b in blocks]


# -- text ------------------------------------------------------------------------------


def test_textcode_with_deltax_is_one_run_placed_by_boundary_x_y() -> None:
    # 政务2021年: wide glyphs 1 em apart, digits half an em ("g N d" repeats d N times)
    data = package([page_xml([text(30.0, 50.0, "政务2021年", delta="g 2 5.644 g 4 2.822")])])
    (run,) = read(data).pages[0].runs
    assert run.text == "政务2021年"
    assert run.left == pytest.approx(30.0 * MM)
    assert run.base == pytest.approx(50.0 * MM)
    assert run.size == pytest.approx(EM * MM)
    # the last glyph's origin (2 wide + 4 narrow advances on) plus its own em
    assert run.right == pytest.approx((30.0 + 2 * EM + 4 * EM / 2 + EM) * MM)


def test_short_deltax_goes_on_with_its_last_value_and_x_y_carry_over() -> None:
    code = (f'<ofd:TextObject ID="1" Size="{EM}" Boundary="20 40 150 20">'
            f'<ofd:TextCode X="0" Y="{EM}" DeltaX="{EM}">一二三四</ofd:TextCode>'
            '<ofd:TextCode DeltaX="6">五六</ofd:TextCode></ofd:TextObject>')
    first, second = read(package([page_xml([code])])).pages[0].runs
    assert first.right == pytest.approx((20 + 4 * EM) * MM)
    # no X or Y: the second code starts where the first one did
    assert (second.left, second.base) == (first.left, first.base)
    assert second.right == pytest.approx((20 + 6 + EM) * MM)


def test_a_jump_inside_a_textcode_parts_the_text_like_separate_objects() -> None:
    # 抄送 ... 印发 set at both ends of one line by one TextCode
    jump = text(LEFT, 100.0, "抄送：甲乙单位印发", delta=f"g 4 {EM} 100 g 3 {EM}")
    data = package([page_xml([jump])])
    assert [r.text for r in read(data).pages[0].runs] == ["抄送：甲乙", "单位印发"]
    assert texts(extract(data).blocks) == ["抄送：甲乙 单位印发"]


def test_template_page_text_is_read_with_the_page() -> None:
    template = page_xml([text(LEFT, 40.0, "模板中的文字")])
    data = package([page_xml(body(["页面正文内容"], top=60.0), template="100")],
                   templates={"100": template})
    assert texts(extract(data).blocks) == ["模板中的文字", "页面正文内容"]


def test_red_header_and_ctm_scaled_title() -> None:
    objects = [
        text(52.0, 50.0, "某某市人民政府文件", size=12.0, fill="255 0 0"),
        text(60.0, 80.0, "关于印发方案的通知", ctm="1.4 0 0 1.4 0 0"),
        *body(["各区人民政府，市政府各部门："], top=100.0, indent=False),
    ]
    blocks = extract(package([page_xml(objects)])).blocks
    assert texts(blocks)[:2] == ["某某市人民政府文件", "关于印发方案的通知"]
    assert RED in blocks[0].hints and LARGE in blocks[0].hints
    assert RED not in blocks[1].hints and LARGE in blocks[1].hints
    assert RED not in blocks[2].hints


@pytest.mark.parametrize("colour, red", [
    ("255 0 0", True), ("#FF #00 #00", True), ("0 255 255 0", True),  # RGB, hex, CMYK
    ("200 40 40", True), ("0 0 0", False), ("128", False), ("160 120 120", False),
])
def test_fill_colours(colour: str, red: bool) -> None:
    (run,) = read(package([page_xml([text(30, 50, "红头", fill=colour)])])).pages[0].runs
    assert run.red is red


def test_fill_from_a_draw_parameter_and_its_relative() -> None:
    res = ('<ofd:DrawParams><ofd:DrawParam ID="7"><ofd:FillColor Value="230 0 0"/></ofd:DrawParam>'
           '<ofd:DrawParam ID="8" Relative="7" LineWidth="1"/></ofd:DrawParams>')
    objects = [text(30, 50, "红色", attrs='DrawParam="8"'), text(30, 70, "黑色")]
    runs = read(package([page_xml(objects)], res=res)).pages[0].runs
    assert [(r.text, r.red) for r in runs] == [("红色", True), ("黑色", False)]


def test_a_layer_draw_parameter_colours_its_objects_unless_they_say_otherwise() -> None:
    res = ('<ofd:DrawParams><ofd:DrawParam ID="7"><ofd:FillColor Value="230 0 0"/>'
           "</ofd:DrawParam></ofd:DrawParams>")
    objects = [text(30, 50, "红色"), text(30, 70, "黑色", fill="0 0 0")]
    page = page_xml(objects).replace('<ofd:Layer ID="9"', '<ofd:Layer ID="9" DrawParam="7"')
    runs = read(package([page], res=res)).pages[0].runs
    assert [(r.text, r.red) for r in runs] == [("红色", True), ("黑色", False)]


def test_turned_and_vertical_text_is_skipped() -> None:
    objects = [
        text(100, 100, "旋转的印章文字", ctm="0 1 -1 0 0 0"),
        text(20, 150, "竖排文字", delta="0 0 0").replace('DeltaX="0 0 0"', f'DeltaY="g 3 {EM}"'),
        text(30, 200, "正文"),
    ]
    assert [r.text for r in read(package([page_xml(objects)])).pages[0].runs] == ["正文"]


def test_composite_object_draws_its_unit_placed_by_its_ctm_and_boundary() -> None:
    # the unit is drawn in points (CTM 0.3528: pt -> mm) from the composite's corner at (20, 30)
    unit = (f'<ofd:CompositeGraphicUnits><ofd:CompositeGraphicUnit ID="50" Width="400" Height="100">'
            f'<ofd:Content>{text(10, 40, "组合对象中的文字", size=16)}</ofd:Content>'
            "</ofd:CompositeGraphicUnit></ofd:CompositeGraphicUnits>")
    composite = ('<ofd:CompositeObject ID="51" ResourceID="50" CTM="0.3528 0 0 0.3528 0 0"'
                 ' Boundary="20 30 141 35"/>')
    (run,) = read(package([page_xml([composite])], res=unit)).pages[0].runs
    assert run.text == "组合对象中的文字"
    assert (run.left, run.base) == pytest.approx(((20 + 10 * 0.3528) * MM, (30 + 40 * 0.3528) * MM))
    assert run.size == pytest.approx(16 * 0.3528 * MM)


def test_page_area_overrides_the_document_box() -> None:
    data = package([page_xml([text(30, 50, "横向")], area="0 0 297 210")])
    page = read(data).pages[0]
    assert (page.width, page.height) == pytest.approx((297 * MM, 210 * MM))


# -- tables ----------------------------------------------------------------------------


def grid(xs: list[float], ys: list[float]) -> list[str]:
    return [line(xs[0], y, xs[-1], y) for y in ys] + [line(x, ys[0], x, ys[-1]) for x in xs]


def test_ruled_table_becomes_rows_of_cells() -> None:
    xs, ys = [28.0, 50.0, 120.0, 184.0], [60.0, 72.0, 84.0, 96.0]
    cells = [["序号", "工作任务", "责任单位"], ["1", "推进政务公开", "办公室"], ["2", "完善平台", "各科室"]]
    objects = grid(xs, ys) + [
        text(x + 2, y + 8, value, delta=None if value[0] > "9" else "")
        for row, y in zip(cells, ys, strict=False) for value, x in zip(row, xs, strict=False)
    ]
    blocks = extract(package([page_xml(objects)])).blocks
    assert texts(blocks) == [tuple(row) for row in cells]
    assert {b.table for b in blocks} == {1}


def test_a_stroked_rectangle_gives_its_four_edges() -> None:
    outline = ('<ofd:PathObject ID="4" Boundary="28 60 156 40"><ofd:AbbreviatedData>'
               "M 0 0 L 156 0 L 156 40 L 0 40 C M 78 0 L 78 40 M 0 20 L 156 20"
               "</ofd:AbbreviatedData></ofd:PathObject>")
    rules = read(package([page_xml([outline, text(30, 70, "甲")])])).pages[0].rules
    horizontal = {round(r.pos / MM) for r in rules if r.horizontal}
    vertical = {round(r.pos / MM) for r in rules if not r.horizontal}
    assert (horizontal, vertical) == ({60, 80, 100}, {28, 106, 184})


def test_a_filled_shape_is_no_border() -> None:
    logo = ('<ofd:PathObject ID="4" Fill="true" Stroke="false" Boundary="28 60 40 40">'
            "<ofd:AbbreviatedData>M 0 0 L 40 0 L 40 40 L 0 40 C</ofd:AbbreviatedData>"
            "</ofd:PathObject>")
    assert read(package([page_xml([logo, text(30, 120, "甲")])])).pages[0].rules == []


# -- the registry ----------------------------------------------------------------------


def test_registered_and_sniffed_from_content() -> None:
    data = package([page_xml(body(["正文"]))])
    assert registry.sniff(data).name == "ofd" and registry.by_extension("a.OFD") is registry.get("ofd")
    assert extract_any(data, "plan.ofd").format == "ofd"
    with pytest.raises(PlanparseError, match="named .docx"):
        extract_any(data, "plan.docx")


def test_ofd_xml_is_found_whatever_its_case() -> None:
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(package([page_xml(body(["正文"]))]))) as source, zipfile.ZipFile(
            out, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename.replace("OFD.xml", "ofd.XML"), source.read(info))
    assert registry.sniff(out.getvalue()).name == "ofd"
    assert texts(extract(out.getvalue()).blocks) == ["正文"]


def test_absolute_and_backslashed_locations() -> None:
    entry = (f'<ofd:OFD xmlns:ofd="{NS}"><ofd:DocBody><ofd:DocRoot>/Doc_0\\Document.xml'
             "</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
    assert texts(extract(package([page_xml(body(["正文"]))], entry=entry)).blocks) == ["正文"]


# -- bad packages ----------------------------------------------------------------------


GOOD = package([page_xml(body(["第一段正文文字", "第二行"]))])
EMPTY_PAGES = (f'<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData/><ofd:Pages/></ofd:Document>')
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
          + f']><ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer>'
          + text(30, 50, "&i;") + "</ofd:Layer></ofd:Content></ofd:Page>")
XXE = ('<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
       f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer>'
       + text(30, 50, "正文&x;") + "</ofd:Layer></ofd:Content></ofd:Page>")


def _bomb() -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(GOOD)) as source, zipfile.ZipFile(
            out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("Page_0/Content.xml"):
                data = data.replace(b"<ofd:Content>", b"<ofd:Content>" + b" " * (8 << 20))
            target.writestr(info.filename, data)
    return out.getvalue()


def _password_flagged() -> bytes:
    """GOOD with every member marked encrypted in the zip's central directory (zipfile
    cannot write encrypted members)."""
    data = bytearray(GOOD)
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        data[at + 8] |= 0x1
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


BAD = {
    "not a zip": (b"PK\x03\x04 this is no zip", "corrupt or truncated"),
    "truncated": (GOOD[: len(GOOD) // 2], "corrupt or truncated"),
    "no OFD.xml": (package([], entry="").replace(b"OFD.xml", b"XYZ.xml"), "no OFD.xml"),
    "no DocRoot": (package([page_xml([])], entry=f'<ofd:OFD xmlns:ofd="{NS}"/>'), "no DocRoot"),
    "no Document.xml": (package([page_xml([])], entry=(
        f'<ofd:OFD xmlns:ofd="{NS}"><ofd:DocBody><ofd:DocRoot>Doc_9/Document.xml</ofd:DocRoot>'
        "</ofd:DocBody></ofd:OFD>")), "Doc_9/Document.xml is missing"),
    "encrypted": (package([page_xml([])], extra={"Encryptions.xml": b"<Encryptions/>"}),
                  "encrypted"),
    "password zip": (_password_flagged(), "password-protected"),
    "no pages": (package([], document=EMPTY_PAGES), "no pages"),
    "only drawings": (package([page_xml(grid([30, 90], [50, 70]))]), "contains no text"),
    "only an image": (package([page_xml(['<ofd:ImageObject ID="5" ResourceID="6"'
                                         ' Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/>'])]),
                      "scanned OFD"),
    "broken page XML": (package(["<ofd:Page><ofd:Content>"]), "corrupt OFD part"),
    "billion laughs": (package([LAUGHS]), "corrupt OFD part"),
    "zip bomb": (_bomb(), "zip bomb"),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_packages_get_a_one_line_reason_fast(name: str) -> None:
    data, reason = BAD[name]
    start = time.perf_counter()
    with pytest.raises(PlanparseError, match=reason) as caught:
        extract(data)
    assert "\n" not in str(caught.value)
    assert time.perf_counter() - start < 5


def test_external_entities_are_not_fetched() -> None:
    assert texts(extract(package([XXE])).blocks) == ["正文"]


def test_a_missing_page_is_a_warning() -> None:
    data = package([page_xml(body(["第一页正文"])), page_xml(body(["第二页正文"]))])
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if "Page_1" not in info.filename:
                target.writestr(info, source.read(info))
    result = extract(out.getvalue())
    assert texts(result.blocks) == ["第一页正文"]
    assert [code for code, _ in result.warnings] == ["ofd_page_missing"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_packages_raise_only_planparse_errors(data: st.DataObject) -> None:
    # stored, not deflated: damage lands in the XML, not only in the compressed stream
    good = package([page_xml(body(["第一段正文文字", "第二行"]) + grid([28, 90, 184], [40, 50]))],
                   stored=True)
    damaged = bytearray(good)
    for _ in range(data.draw(st.integers(1, 8))):
        damaged[data.draw(st.integers(0, len(good) - 1))] = data.draw(st.sampled_from(
            list(b'0-9. <>"/&gXYLMZ\x00\xff')))
    try:
        extract(bytes(damaged))
    except PlanparseError as error:
        assert "\n" not in str(error)


# -- the seeds -------------------------------------------------------------------------


SEED_OFDS = sorted(SEEDS.glob("*.ofd")) if SEEDS.is_dir() else []


@pytest.mark.skipif(not SEED_OFDS, reason="seed corpus not available")
@pytest.mark.parametrize("path", SEED_OFDS, ids=lambda p: p.name)
def test_seed_reads_exactly_as_its_pdf_rendering(path: Path) -> None:
    """An OFD made from a PDF gives the very blocks of that PDF: one layout for both."""
    twin = path.with_suffix(".pdf")
    if not twin.exists():
        pytest.skip(f"no PDF rendering of {path.name}")
    ours, theirs = extract(path.read_bytes()), pdf.extract(twin.read_bytes())
    assert ours.pages == theirs.pages and ours.warnings == []
    assert ours.blocks == theirs.blocks
    assert any(RED in b.hints for b in ours.blocks) == any(RED in b.hints for b in theirs.blocks)


@pytest.mark.skipif(not SEED_OFDS, reason="seed corpus not available")
def test_seed_header_is_red_and_centred() -> None:
    blocks = extract((SEEDS / "001_f2853fce34e0c0fb.ofd").read_bytes()).blocks
    assert blocks[0].text == "甘肃省交通运输厅文件"
    assert {RED, CENTER, LARGE} <= blocks[0].hints
    assert ofd.FORMAT == "ofd"


@pytest.mark.parametrize("boundary, delta, read_as", [
    ("nan 40 50 8", "g 2 5.644", []),  # no place on the page: skipped
    ("1e999 40 50 8", "g 2 5.644", []),
    ("30 40 50 8", "g 99999999999999 1", ["正文字"]),  # a repeat beyond any count
    ("30 40 50 8", "g 2", ["正文字"]),  # malformed offsets: glyphs advance by their width
    ("30 40 50 8", "1..2 3", ["正文字"]),
])
def test_malformed_numbers(boundary: str, delta: str, read_as: list[str]) -> None:
    code = (f'<ofd:TextObject ID="1" Size="{EM}" Boundary="{boundary}"><ofd:TextCode X="0"'
            f' Y="{EM}" DeltaX="{delta}">正文字</ofd:TextCode></ofd:TextObject>')
    runs = read(package([page_xml([code])])).pages[0].runs
    assert [r.text for r in runs] == read_as
    # offsets that cannot be read leave the glyphs to advance by their own width
    assert all(r.right - r.left == pytest.approx(3 * EM * MM) for r in runs)


def test_one_object_per_glyph_reads_as_one_line() -> None:
    """Some producers place every glyph by an object of its own."""
    chars, x, objects = "按照2021年工作要点，推进公开。", LEFT + 2 * EM, []
    for char in chars:
        objects.append(text(x, 60.0, char))
        x += EM if char > "\u2000" else EM / 2
    assert texts(extract(package([page_xml(objects)])).blocks) == [chars]


def test_too_many_text_objects_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ofd, "MAX_TEXTS", 3)
    data = package([page_xml(body(["一", "二", "三"])), page_xml(body(["四"]))])
    with pytest.raises(PlanparseError, match="more than 3 text objects"):
        extract(data)
