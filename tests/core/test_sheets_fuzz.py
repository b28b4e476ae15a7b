"""Hundreds of mutated and hostile files fed to the importers (seeded, fast): no crash — only the
UserError family — and no partial change: a refused file leaves the database exactly as it was."""

from __future__ import annotations

import io
import random
import time
import zipfile

import pytest

from app.core.errors import UserError
from app.core.imports.limits import ImportRefused
from app.core.sheets import exports, ledger_import, lists_import
from tests.core.issue_support import reg_fixture  # noqa: F401
from tests.core.org_support import world_fixture  # noqa: F401
from tests.core.test_sheets_helpers import TODAY, db_state, ledger_world_fixture  # noqa: F401

SEED = 20260609
SHEET = "xl/worksheets/sheet1.xml"


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _zip(parts: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as zf:
        for name, body in parts.items():
            zf.writestr(name, body)
    return out.getvalue()


def _with(parts: dict[str, bytes], name: str, body: bytes) -> bytes:
    return _zip({**parts, name: body})


_BOMBS: dict[str, bytes] = {}


def _bombs() -> dict[str, bytes]:
    """The zip bombs, built once (compressing 150 MB takes a moment); the size checks come first."""
    if not _BOMBS:
        _BOMBS["zip bomb"] = _zip({"xl/media/zeros.bin": b"\0" * (130 * 1024 * 1024)})
        _BOMBS["ratio bomb"] = _zip({"xl/bomb.xml": b" " * (20 * 1024 * 1024)})
    return _BOMBS


def hostile(base: bytes, *, heavy: bool = False) -> list[tuple[str, bytes]]:
    parts = _parts(base)
    sheet = parts[SHEET]
    entity = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
    lol = (
        b'<!DOCTYPE l [<!ENTITY l0 "ha">'
        + b"".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">'.encode() for i in range(1, 10))
        + b"]>"
    )
    cases = [
        ("empty", b""),
        ("text", "这不是表格".encode()),
        ("xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        ("pdf", b"%PDF-1.7\n" + b"0" * 100),
        ("truncated", base[: len(base) // 2]),
        ("zip without workbook", _zip({"a.txt": b"hello"})),
        *_bombs().items(),
        ("many members", _zip({**parts, **{f"xl/x/{i}.xml": b"<a/>" for i in range(400)}})),
        ("xxe", _with(parts, SHEET, entity.replace(b'"aaaaaaaaaa"', b'SYSTEM "file:///etc/passwd"') + sheet)),
        ("entity", _with(parts, SHEET, entity + sheet)),
        (
            "billion laughs",
            _with(parts, "xl/sharedStrings.xml", b'<?xml version="1.0"?>' + lol + b"<sst>&l9;</sst>"),
        ),
        (
            "utf16 doctype",
            _with(parts, SHEET, ("<!DOCTYPE x [<!ENTITY a 'b'>]>").encode("utf-16-le") + sheet),
        ),
        (
            "million rows",
            _with(
                parts,
                SHEET,
                sheet.replace(
                    b"</sheetData>",
                    b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
                ),
            ),
        ),
        (
            "declared huge",
            _with(
                parts,
                SHEET,
                sheet.replace(b"<sheetFormatPr", b'<dimension ref="A1:XFD1048576"/><sheetFormatPr', 1),
            ),
        ),
        (
            "no sheetData",
            _with(
                parts,
                SHEET,
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
            ),
        ),
        ("garbage xml", _with(parts, SHEET, b"<worksheet><row><c>")),
        ("bad date", _with(parts, SHEET, sheet.replace(b"<v>46203</v>", b"<v>99999999999</v>", 1))),
        ("bad number", _with(parts, SHEET, sheet.replace(b"<v>46203</v>", b"<v>NaN-x</v>", 1))),
        ("no workbook rels", _zip({k: v for k, v in parts.items() if k != "xl/_rels/workbook.xml.rels"})),
        ("macro", _zip({**parts, "xl/vbaProject.bin": b"\0" * 100})),
        ("stored", _zip(parts, zipfile.ZIP_STORED)),
    ]
    if heavy:  # a real sheet of 120k rows: refused once counted past the limit
        rows = b"".join(
            f'<row r="{r}"><c r="A{r}" t="n"><v>{r}</v></c></row>'.encode() for r in range(1, 120_001)
        )
        cases.append(
            ("120k rows", _with(parts, SHEET, sheet.replace(b"</sheetData>", rows + b"</sheetData>")))
        )
    return cases


def mutations(base: bytes, rng: random.Random, n: int) -> list[tuple[str, bytes]]:
    parts = _parts(base)
    sheet = parts[SHEET].decode("utf-8")
    out = []
    for k in range(n):
        choice = rng.randrange(6)
        if (choice == 2 and "<t>" not in sheet) or (choice == 3 and "<v>" not in sheet):
            choice = 0  # nothing of that kind to mutate in this sheet
        if choice == 0:  # flip bytes of the zip
            raw = bytearray(base)
            for _ in range(rng.randint(1, 8)):
                raw[rng.randrange(len(raw))] = rng.randrange(256)
            out.append((f"flip{k}", bytes(raw)))
        elif choice == 1:  # cut the sheet XML somewhere
            cut = rng.randrange(len(sheet))
            out.append((f"cut{k}", _with(parts, SHEET, sheet[:cut].encode())))
        elif choice == 2:  # replace a text run with something odd
            texts = [i for i in range(len(sheet)) if sheet.startswith("<t>", i)]
            i = rng.choice(texts) + 3
            j = sheet.index("</t>", i)
            odd = rng.choice(
                [
                    '=HYPERLINK("http://x")',
                    "2026-13-45 进展",
                    "是",
                    "已完成",
                    "\t",
                    "x" * 6000,
                    "",
                    "&amp;lt;",
                    "1e309",
                ]
            )
            out.append((f"text{k}", _with(parts, SHEET, (sheet[:i] + odd + sheet[j:]).encode())))
        elif choice == 3:  # change a number or a date serial
            vals = [i for i in range(len(sheet)) if sheet.startswith("<v>", i)]
            i = vals[rng.randrange(len(vals))] + 3
            j = sheet.index("</v>", i)
            odd = rng.choice(["-1", "1e308", "abc", "0", "2958466", "46203.5", ""])
            out.append((f"value{k}", _with(parts, SHEET, (sheet[:i] + odd + sheet[j:]).encode())))
        elif choice == 4:  # drop or swap a part
            names = list(parts)
            victim = rng.choice(names)
            if rng.random() < 0.5:
                out.append((f"drop{k}", _zip({n: b for n, b in parts.items() if n != victim})))
            else:
                other = rng.choice(names)
                out.append((f"swap{k}", _zip({**parts, victim: parts[other], other: parts[victim]})))
        else:  # shuffle cell references / delete the key cells
            text = sheet
            if rng.random() < 0.5:
                text = text.replace('r="M', 'r="Z')
            else:
                text = text.replace('r="J4"', 'r="XFD4"')
            out.append((f"refs{k}", _with(parts, SHEET, text.encode())))
    return out


@pytest.mark.timeout(300)
def test_fuzz_ledger_import(lw):
    base = exports.export(lw.office, "rectification_ledger", lw.insp_a.id, today=TODAY).data
    rng = random.Random(SEED)
    bad = hostile(base)
    cases = bad + mutations(base, rng, 260)
    conn = lw.office.conn
    started = time.monotonic()
    outcomes = {"refused": 0, "previewed": 0, "applied": 0}
    hostile_names = {name for name, _ in bad} - {"stored", "no workbook rels"}
    for name, data in cases:
        before = db_state(conn)
        try:
            preview = ledger_import.preview_ledger(lw.member, lw.insp_a.id, data, today=TODAY)
        except UserError:
            outcomes["refused"] += 1
            assert db_state(conn) == before, name
            continue
        assert name not in hostile_names or name in ("bad date", "bad number"), f"{name} was not refused"
        assert db_state(conn) == before, name  # a preview never writes
        outcomes["previewed"] += 1
        if preview.ops:
            try:
                ledger_import.apply_ledger(lw.member, preview)
                outcomes["applied"] += 1
            except UserError:
                assert db_state(conn) == before, name
    assert outcomes["refused"] >= len(hostile_names) - 2
    assert sum(outcomes.values()) >= len(cases)
    assert time.monotonic() - started < 120


def test_hostile_files_named_in_the_message(lw):
    base = exports.export(lw.office, "rectification_ledger", lw.insp_a.id, today=TODAY).data
    messages = {}
    for name, data in hostile(base, heavy=True):
        try:
            ledger_import.preview_ledger(lw.member, lw.insp_a.id, data)
        except ImportRefused as exc:
            messages[name] = exc.message
    assert "不是 Excel" in messages["text"] and ".xls" in messages["xls"]
    assert "压缩炸弹" in messages["zip bomb"] and "压缩" in messages["ratio bomb"]
    assert "部件" in messages["many members"]
    for name in ("xxe", "entity", "billion laughs"):
        assert "实体" in messages[name], name
    assert "行的上限" in messages["million rows"] and "行的上限" in messages["declared huge"]
    assert "行的上限" in messages["120k rows"]
    assert "宏" in messages["macro"]


def test_fuzz_list_import(lw):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (
        ["单位名称", "姓名", "职务", "是否一把手"],
        ["市审计局", "陈一", "局长", "是"],
        ["", "陈二", "副局长", ""],
    ):
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    base = buffer.getvalue()
    mapping = {"unit": 0, "name": 1, "position": 2, "top": 3}
    rng = random.Random(SEED + 1)
    conn = lw.office.conn
    for name, data in hostile(exports.export(lw.office, "issue_list", lw.insp_a.id).data) + mutations(
        base, rng, 120
    ):
        before = db_state(conn)
        try:
            preview = lists_import.preview_list(lw.office, "unit_list", data, mapping)
        except UserError:
            assert db_state(conn) == before, name
            continue
        assert db_state(conn) == before, name
        try:
            lists_import.apply_list(lw.office, preview)
        except UserError:
            assert db_state(conn) == before, name
