"""Reading a spreadsheet someone else filled in, without trusting it.

In order, before openpyxl parses anything: the size of the file; its first bytes (a zip, not an
old .xls or something renamed); the zip directory — member count, each member's and the total
uncompressed size, compression ratios, encryption (app.core.imports.zipsafe); the parts a workbook
must have; any DTD or entity declaration in any XML part (XXE, billion laughs). Then openpyxl reads
in read-only mode — parsing with defusedxml (asserted when app.core.sheets loads) — with the sheet
dimensions distrusted, at most MAX_COLS columns and MAX_ROWS rows per sheet; a large sheet (its XML
over STREAM_ABOVE_BYTES) is read by app.core.sheets.sheet_stream instead, which gives the same rows
several times faster. Any failure inside openpyxl is a refusal with a plain message, never a traceback.

Formulas are read as their text (data_only=False): nothing in the file is ever evaluated.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from openpyxl.worksheet._read_only import ReadOnlyWorksheet

import app.core.sheets  # noqa: F401  (the defusedxml check)
from app.core.imports import zipsafe
from app.core.imports.limits import MB, ImportLimits, ImportRefused, human_size
from app.core.sheets import sheet_stream

LABEL = "Excel 工作簿"
MAX_ROWS = 100_000
MAX_COLS = 60
STREAM_ABOVE_BYTES = 1_000_000  # a sheet's XML at least this large is read by sheet_stream
LIMITS = ImportLimits(
    max_bytes=40 * MB,
    max_zip_members=300,
    max_member_bytes=120 * MB,
    max_unzipped_bytes=200 * MB,
    max_zip_ratio=150,
)
_REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")


@dataclass
class SheetRows:
    name: str
    rows: list[tuple]  # rows[i] is spreadsheet row i + 1; each at most MAX_COLS values


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_container(data: bytes, limits: ImportLimits = LIMITS) -> None:
    """Everything that can be refused before openpyxl sees the bytes."""
    if not isinstance(data, bytes | bytearray) or not data:
        raise ImportRefused("文件为空，不是 Excel 工作簿。")
    if len(data) > limits.max_bytes:
        raise ImportRefused(
            f"文件大小 {human_size(len(data))}，超过 {human_size(limits.max_bytes)} 的上限，已拒绝导入。"
        )
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportRefused("这是旧版 .xls 文件或加密的工作簿，请在 Excel/WPS 中另存为 .xlsx 后再导入。")
    if data[:4] != b"PK\x03\x04":
        raise ImportRefused("该文件不是 Excel 工作簿（.xlsx），已拒绝导入。")
    try:
        zf = zipsafe.open_checked(bytes(data), limits, LABEL)
        names = set(zf.namelist())
        for part in _REQUIRED_PARTS:
            if part not in names:
                raise ImportRefused("该文件不是 Excel 工作簿（.xlsx）：缺少工作簿部件，已拒绝导入。")
        if any(n.lower().endswith(".bin") and "vba" in n.lower() for n in names):
            raise ImportRefused("该工作簿含有宏（VBA），已拒绝导入。请另存为不含宏的 .xlsx。")
        zipsafe.refuse_doctypes(zf, LABEL)
    except ImportRefused:
        raise
    except Exception:  # zlib.error and friends from a damaged deflate stream
        raise ImportRefused("该 Excel 工作簿已损坏，无法读取，已拒绝导入。") from None


def read_sheets(
    data: bytes,
    wanted: Sequence[str] | None = None,
    *,
    first_only: bool = False,
    max_rows: int = MAX_ROWS,
    max_cols: int = MAX_COLS,
) -> dict[str, SheetRows]:
    """The values of the wanted sheets (all, or the first visible one), after every check above.

    Sheets named in `wanted` that the file lacks are simply absent from the result.
    """
    check_container(data)
    with warnings.catch_warnings():
        # openpyxl warns about extensions it ignores and cells it cannot read; we refuse or ignore them
        warnings.simplefilter("ignore")
        return _read(data, wanted, first_only, max_rows, max_cols)


def _read(data: bytes, wanted, first_only: bool, max_rows: int, max_cols: int) -> dict[str, SheetRows]:
    try:
        book = _open_book(data)
    except Exception:  # openpyxl raises many kinds on a damaged workbook; none of them is ours
        raise ImportRefused("该 Excel 工作簿已损坏或格式不受支持，无法解析，已拒绝导入。") from None
    out: dict[str, SheetRows] = {}
    try:
        sheets = [
            (sheet, rel)
            for sheet, rel in book.parser.find_sheets()
            if rel.target in book.valid_files and "chartsheet" not in rel.Type
        ]
        names = [sheet.name for sheet, _rel in sheets]
        if first_only:
            visible = [sheet.name for sheet, _rel in sheets if (sheet.state or "visible") == "visible"]
            names = visible[:1] or names[:1]
        elif wanted is not None:
            names = [n for n in names if n in wanted]
        for sheet, rel in sheets:
            if sheet.name in names and sheet.name not in out:
                out[sheet.name] = SheetRows(
                    sheet.name, _sheet(book, sheet.name, rel.target, max_rows, max_cols)
                )
    except ImportRefused:
        raise
    except Exception:
        raise ImportRefused(
            "该 Excel 工作簿的内容已损坏（如无效的日期或数字），无法解析，已拒绝导入。"
        ) from None
    finally:
        book.archive.close()
    return out


def _open_book(data: bytes):
    """openpyxl's reader with everything but the worksheets read: its read-only worksheet parses a
    whole sheet once just to size it, so sheets are opened one by one in _sheet instead."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    book = ExcelReader(io.BytesIO(data), read_only=True, keep_vba=False, data_only=False, keep_links=False)
    book.read_manifest()
    book.read_strings()
    book.read_workbook()
    book.read_properties()
    book.read_custom()
    book.read_theme()
    apply_stylesheet(book.archive, book.wb)
    return book


def _sheet(book, name: str, target: str, max_rows: int, max_cols: int) -> list[tuple]:
    """A large sheet through sheet_stream (the same rows, several times faster), a small one or one
    outside sheet_stream's subset through openpyxl's read-only worksheet."""
    wb = book.wb
    if book.archive.getinfo(target).file_size >= STREAM_ABOVE_BYTES:
        xml = book.archive.read(target)
        declared = sheet_stream.declared_rows(xml)
        _refuse_declared(name, declared, max_rows)
        rows = sheet_stream.sheet_rows(
            xml,
            book.shared_strings,
            wb._date_formats,
            wb._timedelta_formats,
            wb.epoch,
            max_cols,
            max_rows + 10,
        )
        if rows is not None:
            return _checked(rows, name, max_rows)
    ws = ReadOnlyWorksheet(wb, name, target, book.shared_strings)
    wb._sheets.append(ws)
    _refuse_declared(name, ws.max_row, max_rows)
    ws.reset_dimensions()  # a lying dimension must not hide rows
    rows: list[tuple] = []
    for row in ws.iter_rows(max_col=max_cols, values_only=True):
        rows.append(row)
        if len(rows) > max_rows + 10:
            break
    return _checked(rows, name, max_rows)


def _refuse_declared(name: str, declared: int | None, max_rows: int) -> None:
    if declared is not None and declared > max_rows + 10:
        raise ImportRefused(f"工作表“{name}”声明有 {declared} 行，超过 {max_rows} 行的上限，已拒绝导入。")


def _checked(rows: list[tuple], name: str, max_rows: int) -> list[tuple]:
    if len(rows) > max_rows + 10:
        raise ImportRefused(f"工作表“{name}”超过 {max_rows} 行的上限，已拒绝导入。")
    while rows and not any(v not in (None, "") for v in rows[-1]):
        rows.pop()
    return rows


# ---- cell values -----------------------------------------------------------------------------------


def text(value) -> str:
    """A cell as trimmed text: numbers without '.0', dates as YYYY-MM-DD, line ends as \\n."""
    if type(value) is str:  # most cells: the last line below, without the type tests before it
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        if value.hour or value.minute or value.second:
            return value.strftime("%Y-%m-%d %H:%M")
        return value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def cell(row: tuple, index: int | None):
    if index is None or index >= len(row):
        return None
    return row[index]


def column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
