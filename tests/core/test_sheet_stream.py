"""The streaming sheet reader (large sheets) gives exactly the rows openpyxl's read-only worksheet gives,
falls back to openpyxl outside its subset, and refuses what openpyxl refuses (issue 16)."""

from __future__ import annotations

import io
import random
import re
import zipfile
from datetime import date, datetime, time, timedelta

import openpyxl
import pytest

from app.core.imports.limits import ImportRefused
from app.core.sheets import exports, reader, sheet_stream
from tests.core.issue_support import reg_fixture  # noqa: F401
from tests.core.org_support import world_fixture  # noqa: F401
from tests.core.test_sheets_helpers import TODAY, ledger_world_fixture  # noqa: F401

SEED = 20261207


def _read(data: bytes, *, stream: bool, monkeypatch, **kw):
    monkeypatch.setattr(reader, "STREAM_ABOVE_BYTES", 0 if stream else 10**12)
    try:
        return reader.read_sheets(data, **kw)
    except ImportRefused as e:
        return ("refused", str(e))


def _both(data: bytes, monkeypatch, **kw):
    ours = _read(data, stream=True, monkeypatch=monkeypatch, **kw)
    theirs = _read(data, stream=False, monkeypatch=monkeypatch, **kw)
    assert ours == theirs
    return ours


def _varied_workbook(epoch_1904: bool = False) -> bytes:
    wb = openpyxl.Workbook()
    if epoch_1904:
        wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    hidden = wb.active
    hidden.title = "隐藏"
    hidden.sheet_state = "hidden"
    hidden.append(["不该先读到"])
    ws = wb.create_sheet("数据")
    ws.append(["文本", "整数", "小数", "日期", "时间", "是否", "空", "大数"])
    ws.append(["a&b<c>\"d\" 'e'", 42, 1.5, date(2026, 3, 10), time(9, 30), True, None, 1e20])
    ws.append(
        ["  前后空格  ", -7, 0.1, datetime(2026, 3, 10, 14, 5), timedelta(hours=30), False, "", 12345678901]
    )
    ws.append(["多行\r\n文本\n第三行", 0, -2.25e-5, "2026-03-10", "#N/A", "=不是公式", None, 3])
    ws["B4"].number_format = "yyyy年m月d日"
    ws["E3"].number_format = "[h]:mm:ss"
    ws.cell(row=8, column=3, value="隔了几行")
    ws.cell(row=9, column=70, value="第70列，超出上限")
    ws.cell(row=9, column=60, value="第60列")
    ws.cell(row=10, column=2, value="#DIV/0!").data_type = "e"
    wb.create_chartsheet("图表")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in parts.items():
            zf.writestr(name, body)
    return out.getvalue()


def _sheet_part(parts: dict[str, bytes], index: int = 2) -> str:
    return f"xl/worksheets/sheet{index}.xml"


@pytest.mark.parametrize("epoch_1904", [False, True])
def test_same_rows_as_openpyxl_for_every_kind_of_value(monkeypatch, epoch_1904):
    data = _varied_workbook(epoch_1904)
    for kw in ({}, {"first_only": True}, {"wanted": ["数据", "图表", "没有"]}, {"max_cols": 3}):
        _both(data, monkeypatch, **kw)
    rows = _both(data, monkeypatch, wanted=["数据"])["数据"].rows
    assert rows[1][:6] == ("a&b<c>\"d\" 'e'", 42, 1.5, datetime(2026, 3, 10), time(9, 30), True)
    assert rows[3][0] == "多行\n文本\n第三行" and len(rows) == 10 and len(rows[0]) == reader.MAX_COLS
    assert rows[8][59] == "第60列" and rows[4] == (None,) * reader.MAX_COLS
    assert list(_both(data, monkeypatch, first_only=True)) == ["数据"]


def test_inline_and_rich_strings_formulas_and_odd_xml(monkeypatch):
    parts = _parts(_varied_workbook())
    name = _sheet_part(parts)
    xml = parts[name].decode("utf-8")
    head, rest = xml.split("<sheetData>", 1)
    variants = {
        "inline": '<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve"> 内联 &amp; 文本 </t></is></c>'
        '<c r="B1" t="inlineStr"><is><r><rPr><b/><sz val="11"/></rPr><t>富</t></r><r><t>文本</t></r>'
        '<rPh sb="0" eb="1"><t>ふ</t></rPh></is></c><c r="C1" t="str"><v>字符串</v></c>'
        '<c r="D1" s="0" t="n"><v>7</v></c><c t="b"><v>1</v></c><c><v>2.5E3</v></c></row>',
        "references": '<row r="2"><c r="C2" t="str"><v>&#20013;&#x6587;</v></c></row><row r="1"><c r="A1"><v>1</v></c></row>'
        '<row><c r="A3"><v>3</v></c></row><row r="5" spans="1:3" customHeight="1" ht="20"/>',
        "formula": '<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><f t="shared" ref="B1:B2" si="0">A1*2</f>'
        '<v>4</v></c></row><row r="2"><c r="B2"><f t="shared" si="0"/><v>4</v></c></row>',
        "comment": '<row r="1"><!-- 注释 <c r="A1"><v>9</v></c> --><c r="B1"><v>1</v></c></row>',
        "attributes": "<row r='1'><c t='str' r='A1' s='1'><v>0</v></c><c r=\"B1\" cm=\"1\"><v>5</v></c></row>",
        "cdata": '<row r="1"><c r="A1" t="str"><v><![CDATA[<原样>]]></v></c></row>',
        "malformed": '<row r="1"><c r="A1"><v>1</v></c></rox>',
        "unknown entity": '<row r="1"><c r="A1" t="str"><v>&nbsp;</v></c></row>',
        "bad shared index": '<row r="1"><c r="A1" t="s"><v>99999</v></c></row>',
        "empty": "",
    }
    for label, rows in variants.items():
        body = f"{head}<sheetData>{rows}</sheetData>{rest.split('</sheetData>', 1)[1]}"
        data = _zip({**parts, name: body.encode("utf-8")})
        result = _both(data, monkeypatch, wanted=["数据"])
        if label in ("malformed", "unknown entity", "bad shared index"):
            assert result[0] == "refused", label
        else:
            assert isinstance(result, dict), label
    assert sheet_stream.sheet_rows(b"<x:worksheet/>", [], set(), set(), None, 3, 10) is None


def test_a_lying_or_huge_dimension_and_too_many_rows(monkeypatch):
    parts = _parts(_varied_workbook())
    name = _sheet_part(parts)
    xml = parts[name].decode("utf-8")
    declared = re.sub(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:C999999"/>', xml)
    assert declared != xml
    assert "声明有 999999 行" in _both(_zip({**parts, name: declared.encode()}), monkeypatch)[1]
    lying = re.sub(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:A1"/>', xml)
    assert len(_both(_zip({**parts, name: lying.encode()}), monkeypatch, wanted=["数据"])["数据"].rows) == 10
    many = xml.replace(
        "</sheetData>",
        "".join(f'<row r="{k}"><c r="A{k}"><v>{k}</v></c></row>' for k in range(11, 40)) + "</sheetData>",
    )
    data = _zip({**parts, name: many.encode()})
    monkeypatch.setattr(reader, "MAX_ROWS", 15)
    ours = _read(data, stream=True, monkeypatch=monkeypatch, wanted=["数据"], max_rows=15)
    assert ours == _read(data, stream=False, monkeypatch=monkeypatch, wanted=["数据"], max_rows=15)
    assert ours[0] == "refused" and "超过 15 行" in ours[1]


def test_the_ledger_export_and_its_mutations_read_alike(lw, monkeypatch):
    data = exports.export(lw.office, "rectification_ledger", lw.insp_a.id, today=TODAY).data
    assert _both(data, monkeypatch)  # the real thing, unchanged
    parts = _parts(data)
    name = "xl/worksheets/sheet1.xml"
    xml = parts[name]
    rng = random.Random(SEED)
    # inside the cell data: outside it, the streaming reader asks only for well-formed XML, where
    # openpyxl also checks the sheet's settings (data validations, margins), which the import ignores
    start, end = xml.find(b"<sheetData"), xml.find(b"</sheetData>") + len(b"</sheetData>")
    for _ in range(80):
        body = bytearray(xml)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(start, end)
            body[at] = rng.choice(b'<>&"/= 0123456789trscv;#x')
        _both(_zip({**parts, name: bytes(body)}), monkeypatch)


def test_a_large_canonical_sheet_is_not_parsed_by_openpyxl(lw, monkeypatch):
    """The export's sheet is in the canonical form: the streaming reader reads it, openpyxl's
    per-cell parser is never started (it made a 100k-row preview take 15 s)."""
    from openpyxl.worksheet import _reader

    data = exports.export(lw.office, "rectification_ledger", lw.insp_a.id, today=TODAY).data
    expected = _read(data, stream=False, monkeypatch=monkeypatch)

    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl parsed a worksheet")

    monkeypatch.setattr(_reader.WorkSheetParser, "parse", refuse)
    monkeypatch.setattr(_reader.WorkSheetParser, "parse_dimensions", refuse)
    assert _read(data, stream=True, monkeypatch=monkeypatch) == expected
    assert len(expected["整改台账"].rows) > 3
