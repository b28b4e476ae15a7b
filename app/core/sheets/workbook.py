"""A formatted, streamed workbook built entirely in memory.

Every sheet is written in openpyxl's write-only mode (rows are serialised as they are appended and
kept only as sheet XML, so 50k rows cost little memory; the data rows are written as XML directly
by `rowxml`, openpyxl's per-cell writer being the slow part of a large export), laid out as an office would: a merged title row, a subtitle, a bold
frozen header that repeats on every printed page, thin borders, wrapped text, set column widths,
real dates, drop-down lists on status columns, A4 landscape fitted to the page width, and the
classification mark in the page header and footer.

openpyxl normally spools each sheet through a temporary file; record text must never reach the disk
in plaintext unasked, so `_MemoryWriter` keeps each sheet's XML in a BytesIO (the data rows
spliced in before `</sheetData>`) and the workbook is returned as bytes. Text a spreadsheet would run as a formula (= + - @, tab, CR first) is written as
an explicit string cell with Excel's quote prefix, so it stays text even when the cell is edited.
"""

from __future__ import annotations

import io
import secrets
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from app.core.sheets.rowxml import FORMULA_STARTS, RowWriter

MAX_CELL_CHARS = 32_767  # Excel's limit for one cell
FONT_NAME = "宋体"

FIRST_DATA_ROW = 4  # 1: title, 2: subtitle, 3: header

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class Col:
    """One column of a ledger sheet."""

    header: str
    width: float  # in characters (a CJK character counts about 2)
    kind: str = "wrap"  # wrap | center | date | number | percent
    choices: tuple[str, ...] = ()  # a drop-down list on the data cells
    editable: bool = False  # unlocked for the unit to fill in (the sheet is protected)
    hidden: bool = False  # the row key column


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def clean_text(value: str) -> str:
    """Characters XML cannot hold are dropped; overlong text is cut at Excel's cell limit."""
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    return text[:MAX_CELL_CHARS]


class _Styles:
    """Template cells per (column, variant); their StyleArray is shared by every data cell."""

    def __init__(self, ws, columns: Sequence[Col]) -> None:
        self.ws = ws
        base = Font(name=FONT_NAME, size=10.5)
        alert = Font(name=FONT_NAME, size=10.5, color="C00000")
        fill_edit = PatternFill("solid", fgColor="FFF8DC")
        fill_alert = PatternFill("solid", fgColor="FCE4E4")
        self.plain: list = []
        self.alert: list = []
        self.text: list = []  # formula-like text: quote prefix
        for col in columns:
            align = {
                "wrap": Alignment(horizontal="left", vertical="top", wrap_text=True),
                "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
            }.get(col.kind, Alignment(horizontal="center", vertical="center"))
            number_format = {"date": "yyyy-mm-dd", "number": "0", "percent": "0.0%"}.get(col.kind, "General")
            for target, font, fill in (
                (self.plain, base, fill_edit if col.editable else None),
                (self.alert, alert, fill_alert),
            ):
                target.append(self._template(font, align, number_format, fill, col.editable, False))
            self.text.append(
                self._template(base, align, "@", fill_edit if col.editable else None, col.editable, True)
            )
        self.title = self._template(
            Font(name="黑体", size=16, bold=True),
            Alignment(horizontal="center", vertical="center"),
            "General",
        )
        self.subtitle = self._template(
            Font(name=FONT_NAME, size=10.5), Alignment(horizontal="left", vertical="center"), "General"
        )
        self.header = self._template(
            Font(name="黑体", size=11, bold=True),
            Alignment(horizontal="center", vertical="center", wrap_text=True),
            "General",
            PatternFill("solid", fgColor="D9D9D9"),
            border=True,
        )

    def _template(
        self, font, align, number_format, fill=None, editable=False, quote=False, *, border=True
    ) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws)
        cell.font = font
        cell.alignment = align
        cell.number_format = number_format
        if border:
            cell.border = _BORDER
        if fill is not None:
            cell.fill = fill
        cell.protection = Protection(locked=not editable)
        if quote:
            cell.quotePrefix = True
        return cell


class LedgerSheet:
    """One sheet of a ledger: configure, then `append` rows, then the book closes it."""

    def __init__(
        self,
        book: Book,
        name: str,
        title: str,
        subtitle: str,
        columns: Sequence[Col],
        *,
        protect: bool = False,
    ) -> None:
        self.book = book
        self.columns = list(columns)
        self.ws = book.wb.create_sheet(name)
        self.rows = 0
        self._styles = _Styles(self.ws, self.columns)
        self._started = False
        self._title, self._subtitle = title, subtitle
        self._protect = protect
        self._configure()

    # ---- layout, before the first row is written -------------------------------------------------
    def _configure(self) -> None:
        ws, n = self.ws, len(self.columns)
        for k, col in enumerate(self.columns, start=1):
            dim = ws.column_dimensions[get_column_letter(k)]
            dim.width = col.width
            if col.hidden:
                dim.hidden = True
        ws.freeze_panes = f"A{FIRST_DATA_ROW}"
        ws.print_title_rows = f"{FIRST_DATA_ROW - 1}:{FIRST_DATA_ROW - 1}"
        visible = sum(1 for c in self.columns if not c.hidden)
        merge(ws, f"A1:{get_column_letter(visible)}1")
        merge(ws, f"A2:{get_column_letter(visible)}2")
        ws.row_dimensions[1].height = 30
        ws.row_dimensions[FIRST_DATA_ROW - 1].height = 32
        setup = ws.page_setup
        setup.orientation = "landscape"
        setup.paperSize = 9  # A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = ws.page_margins.bottom = 0.8
        ws.page_margins.header = ws.page_margins.footer = 0.3
        mark, copy_text = self.book.classification, self.book.copy_text
        for header in (ws.oddHeader, ws.evenHeader, ws.firstHeader):
            header.left.text = mark
            header.left.font = "黑体,Bold"
            header.center.text = self._title
            header.right.text = copy_text
        for footer in (ws.oddFooter, ws.evenFooter, ws.firstFooter):
            footer.left.text = mark
            footer.center.text = "第 &P 页 共 &N 页"
        if self._protect:
            ws.protection.sheet = True
            ws.protection.password = secrets.token_hex(8)  # nobody needs it: the app re-exports
            ws.protection.formatColumns = False
            ws.protection.formatRows = False
            ws.protection.formatCells = False
        if n == 0:
            raise ValueError("a ledger needs columns")

    def _start(self) -> None:
        if self._started:
            return
        self._started = True
        ws = self.ws
        # The sheet's XML goes to memory, never to openpyxl's temporary file.
        ws._writer = WorksheetWriter(ws, out=io.BytesIO())
        ws._writer.write_top()
        ws._rows = _row_stream(ws)
        next(ws._rows)
        self._next_row = 1
        st = self._styles
        self._write([self._cell(self._title, st.title, 0)])
        self._write([self._cell(self._subtitle, st.subtitle, 0)])
        self._write([self._cell(c.header, st.header, k) for k, c in enumerate(self.columns)])
        # The data rows are written as XML directly (rowxml) and spliced in when the book is saved.
        self._row_xml = RowWriter(ws, st.plain, st.alert, st.text, clean_text)
        ws._data_rows = []

    def _cell(self, value, template, index: int) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws, value)
        cell._style = template._style
        cell.column = index + 1
        return cell

    def _write(self, cells: list) -> None:
        row = self._next_row
        for cell in cells:
            cell.row = row
        self.ws._rows.send(cells)
        self._next_row += 1

    # ---- rows ------------------------------------------------------------------------------------
    def append(self, values: Sequence, *, alert: bool = False) -> None:
        """One data row; str, int, float, date and None cells. `alert` shades the row (overdue)."""
        if not self._started:
            self._start()
        self.ws._data_rows.append(self._row_xml.row(self._next_row, values, alert))
        self._next_row += 1
        self.rows += 1

    def add_choices(self, index: int, choices: Sequence[str]) -> None:
        """A drop-down list on column `index` (0-based) over the data rows written."""
        if not self.rows:
            return
        letter = get_column_letter(index + 1)
        formula = '"' + ",".join(choices) + '"'
        dv = DataValidation(type="list", formula1=formula, allow_blank=True, showDropDown=False)
        dv.error = "请从下拉列表中选择。"
        dv.errorTitle = "输入无效"
        dv.showErrorMessage = True
        dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}{FIRST_DATA_ROW + self.rows - 1}")
        self.ws.data_validations.append(dv)

    def finish(self) -> None:
        if not self._started:
            self._start()
        for k, col in enumerate(self.columns):
            if col.choices:
                self.add_choices(k, col.choices)
        if self.rows:
            last = FIRST_DATA_ROW + self.rows - 1
            self.ws.print_area = f"A1:{get_column_letter(len(self.columns))}{last}"


class Book:
    """A workbook of ledger sheets; `to_bytes()` gives the .xlsx."""

    def __init__(self, *, classification: str, copy_number: int | None = None, title: str = "") -> None:
        self.wb = Workbook(write_only=True)
        self.classification = classification
        self.copy_text = f"份号 {copy_number:06d}" if copy_number else ""
        self.sheets: list[LedgerSheet] = []
        self.wb.properties.creator = "巡察工作台"
        self.wb.properties.title = title
        self.wb.properties.keywords = classification
        self._hidden: list = []

    def sheet(
        self, name: str, title: str, subtitle: str, columns: Sequence[Col], *, protect=False
    ) -> LedgerSheet:
        sheet = LedgerSheet(self, name, title, subtitle, columns, protect=protect)
        self.sheets.append(sheet)
        return sheet

    def hidden_sheet(self, name: str, rows: Sequence[Sequence[str]]) -> None:
        """A very hidden, protected sheet (not listed by Excel's Unhide) holding export metadata."""
        ws = self.wb.create_sheet(name)
        ws.sheet_state = "veryHidden"
        ws.protection.sheet = True
        ws.protection.password = secrets.token_hex(8)
        ws._writer = WorksheetWriter(ws, out=io.BytesIO())
        ws._writer.write_top()
        for row in rows:
            ws.append([_string_cell(ws, v) for v in row])
        self._hidden.append(ws)

    def discard(self) -> None:
        """Close the row streams of an abandoned book (cancelled or failed) quietly."""
        for ws in self.wb.worksheets:
            rows = getattr(ws, "_rows", None)
            if rows is not None:
                try:
                    rows.close()
                except Exception:  # the stream is being thrown away; nothing to keep
                    pass
                ws._rows = None

    def to_bytes(self, *, lock_structure: bool = False) -> bytes:
        for sheet in self.sheets:
            sheet.finish()
        if lock_structure:
            # Hidden sheets cannot be shown, renamed or removed without unprotecting the book.
            self.wb.security = WorkbookProtection(lockStructure=True)
            self.wb.security.workbookPassword = secrets.token_hex(8)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            _MemoryWriter(self.wb, archive).write_data()
        return buffer.getvalue()


def _row_stream(ws):
    """openpyxl's write-only row loop, fed ready-made cells (its own tries each value as a plain
    value first and raises per cell when given a Cell, which dominates a large export)."""
    writer = ws._writer
    xf = writer.xf.send(True)
    with xf.element("sheetData"):
        try:
            while True:
                cells = yield
                writer.write_row(xf, cells, cells[0].row if cells else 0)
        except GeneratorExit:
            pass
    writer.xf.send(None)


def merge(ws, ref: str) -> None:
    """Add a merged range without openpyxl's overlap scan (quadratic in the number of merges);
    our merges never overlap."""
    ws.merged_cells.ranges.add(CellRange(ref))


def _string_cell(ws, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws)
    cell._value = clean_text(str(value))
    cell.data_type = "s"
    return cell


_ROWS_PER_CHUNK = 2000


class _MemoryWriter(ExcelWriter):
    """openpyxl's writer with each worksheet's XML taken from memory instead of a temporary file."""

    def write_worksheet(self, ws) -> None:
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        if ws._writer is None:
            ws._writer = WorksheetWriter(ws, out=io.BytesIO())
            ws._writer.write_top()
        if not ws.closed:
            ws.close()
        writer = ws._writer
        ws._rels = writer._rels
        xml = writer.out.getvalue()
        rows = getattr(ws, "_data_rows", None)
        with self._archive.open(ws.path[1:], "w", force_zip64=True) as part:
            if rows:
                # the directly written data rows go after the title and header rows
                end = xml.index(b"</sheetData>")
                part.write(xml[:end])
                for k in range(0, len(rows), _ROWS_PER_CHUNK):
                    part.write("".join(rows[k : k + _ROWS_PER_CHUNK]).encode("utf-8"))
                part.write(xml[end:])
            else:
                part.write(xml)
        self.manifest.append(ws)


def as_date(value: str | date | None) -> date | None:
    """An ISO date string as a date cell (a timestamp keeps its calendar day); '' → None."""
    if not value:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def memory_sheet(wb: Workbook, name: str):
    """A write-only sheet of `wb` whose XML is kept in memory, for a plain table without the
    ledger layout (the audit export); `memory_bytes(wb)` then gives the .xlsx."""
    ws = wb.create_sheet(name)
    ws._writer = WorksheetWriter(ws, out=io.BytesIO())
    ws._writer.write_top()
    return ws


def memory_bytes(wb: Workbook) -> bytes:
    """The .xlsx of a write-only workbook whose sheets are all `memory_sheet`s, built in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        _MemoryWriter(wb, archive).write_data()
    return buffer.getvalue()
