"""The directly written data rows (sheets.rowxml) are the XML openpyxl's own cell writer makes."""

from __future__ import annotations

import io
from contextlib import contextmanager
from datetime import UTC, date, datetime
from enum import Enum, IntEnum
from xml.etree.ElementTree import canonicalize

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.xml.functions import xmlfile

from app.core.sheets import ledger
from app.core.sheets.workbook import FORMULA_STARTS, Book, Col, clean_text


class _Str(str, Enum):  # noqa: UP042 (deliberately the mixin: its str() is not its value)
    A = "甲"


class _Int(IntEnum):
    X = 3


TRICKY = [
    "", None, "a&b<c>d", "  lead", "trail ", "   ", "=1+1", "+x", "-3", "@a", "\tq", "\rr", "line1\nline2",
    "cr\r\nx", "\"quoted\" 's'", "#N/A", "#DIV/0!", "x\x00\x07y", "😀中文", "a" * 40_000, "]]>", "\u2028",
    0, -5, 3.25, 1e20, 12345678901234567890, float("nan"), float("inf"), True, False,
    date(2026, 5, 10), date(1900, 2, 1), datetime(2026, 5, 10, 13, 30),
    datetime(2026, 5, 10, 13, 30, tzinfo=UTC), _Str.A, _Int.X,
]  # fmt: skip

COLUMNS = [*ledger.COLUMNS, Col("数", 8, "number"), Col("比例", 8, "percent")]


@contextmanager
def _sheet():
    book = Book(classification="秘密", copy_number=1, title="t")
    sheet = book.sheet("整改台账", "标题", "副标题", COLUMNS, protect=True)
    sheet.append([None] * len(COLUMNS))  # starts the sheet (title and header rows)
    yield sheet
    assert book.to_bytes()  # saving closes openpyxl's streams cleanly


def _reference(sheet, row_idx: int, values, alert: bool) -> str:
    """The row as openpyxl's write-only writer writes the same styled cells."""
    st_ = sheet._styles
    styles = st_.alert if alert else st_.plain
    cells = []
    for k, value in enumerate(values):
        if isinstance(value, str):
            value = clean_text(value) if value else None
        if isinstance(value, datetime):
            value = value.replace(tzinfo=None)
        if isinstance(value, str) and value in ERROR_CODES:
            # record text that looks like an Excel error ("#N/A") is written as text, not an error cell
            cell = WriteOnlyCell(sheet.ws)
            cell._value, cell.data_type = value, "s"
            cell._style = styles[k]._style
        elif isinstance(value, str) and value.startswith(FORMULA_STARTS):
            cell = WriteOnlyCell(sheet.ws)
            cell._value, cell.data_type = value, "s"
            cell._style = st_.text[k]._style
        else:
            cell = WriteOnlyCell(sheet.ws, value)
            cell._style = styles[k]._style
        cell.row, cell.column = row_idx, k + 1
        cells.append(cell)
    out = io.BytesIO()
    writer = WorksheetWriter(sheet.ws, out=io.BytesIO())
    try:
        with xmlfile(out) as xf:
            writer.write_row(xf, cells, row_idx)
    finally:
        writer.close()
    return out.getvalue().decode("utf-8")


def _same(sheet, row_idx: int, values, alert: bool) -> None:
    ours = sheet._row_xml.row(row_idx, values, alert)
    assert canonicalize(ours) == canonicalize(_reference(sheet, row_idx, values, alert))


def test_tricky_values_in_every_column_match_openpyxl():
    n = len(COLUMNS)
    row = 10
    with _sheet() as sheet:
        for alert in (False, True):
            for value in TRICKY:
                _same(sheet, row, [value] * n, alert)
                row += 1
            for start in range(0, len(TRICKY), 5):
                _same(sheet, row, [TRICKY[(start + j) % len(TRICKY)] for j in range(n)], alert)
                row += 1


_values = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.sampled_from(["=SUM(A1)", "+1", "-", "@x", "\tx", "#N/A", " x ", "&<>"]),
    st.integers(min_value=-(10**18), max_value=10**18),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=date(1900, 1, 1)),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(_values, min_size=len(COLUMNS), max_size=len(COLUMNS)), st.booleans(), st.integers(4, 1_048_576)
)
def test_random_rows_match_openpyxl(values, alert, row_idx):
    with _sheet() as sheet:
        _same(sheet, row_idx, values, alert)


def test_error_code_text_stays_text():
    with _sheet() as sheet:
        xml = sheet._row_xml.row(5, ["#N/A"] + [None] * (len(COLUMNS) - 1), False)
    assert 't="inlineStr"' in xml and 't="e"' not in xml
