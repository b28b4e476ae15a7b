"""The data rows of a ledger sheet as sheetData XML, written directly.

openpyxl's write-only writer builds an element per cell and serialises it in pure Python; a ledger
writes every cell (empty ones too: they carry borders and the unlocked flag), so that writer
dominated a large export. Here each row is one string, built from per-column templates. The XML is
the same as openpyxl's cell writer makes for the same cells (a test compares them): the same
style ids, inline strings with xml:space="preserve" where openpyxl sets it, numbers and dates
formatted by openpyxl's own helpers. Anything unusual (datetimes, booleans, non-finite numbers,
dates outside a date column) goes through openpyxl's cell writer itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date, datetime

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell._writer import etree_write_cell
from openpyxl.compat import safe_string
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.xml.functions import tostring

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _escape(text: str) -> str:
    # what ElementTree escapes in text content
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


class _Collect:
    """Stands in for openpyxl's xmlfile when one odd cell goes through its own writer."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, element) -> None:
        out = tostring(element)
        self.parts.append(out.decode("utf-8") if isinstance(out, bytes) else out)


class RowWriter:
    """Turns value rows into `<row>` XML for one sheet, given each column's style templates.

    `plain`, `alert` and `text` are the template cells per column (see workbook._Styles); `clean`
    makes a str cell-safe (illegal characters dropped, cut at Excel's limit).
    """

    def __init__(
        self, ws, plain: Sequence, alert: Sequence, text: Sequence, clean: Callable[[str], str]
    ) -> None:
        self.ws = ws
        self.templates = {False: list(plain), True: list(alert)}
        self.text_templates = list(text)
        self.clean = clean
        self.letters = [get_column_letter(k + 1) for k in range(len(plain))]
        self.date_columns = [is_date_format(t.number_format) for t in plain]
        # style ids are looked up on first use, so the workbook registers styles in the order
        # openpyxl's writer would (the styles part stays the same)
        self._ids: dict[tuple[str, int], str] = {}
        wb = ws.parent
        self.epoch = wb.epoch
        self.iso_dates = wb.iso_dates

    def _sid(self, variant: str, template, k: int) -> str:
        key = (variant, k)
        sid = self._ids.get(key)
        if sid is None:
            sid = self._ids[key] = str(template.style_id)
        return sid

    def row(self, row_idx: int, values: Sequence, alert: bool = False) -> str:
        templates = self.templates[alert]
        variant = "a" if alert else "p"
        letters, clean, r = self.letters, self.clean, str(row_idx)
        parts = [f'<row r="{r}">']
        add = parts.append
        for k, value in enumerate(values):
            ref = letters[k] + r
            kind = type(value)
            if kind is str or isinstance(value, str):
                value = clean(value) if value else None
                if value is None:
                    add(f'<c r="{ref}" s="{self._sid(variant, templates[k], k)}" t="n" />')
                    continue
                if not value:  # only characters XML cannot hold: an empty text cell, as openpyxl writes it
                    add(f'<c r="{ref}" s="{self._sid(variant, templates[k], k)}" t="inlineStr" />')
                    continue
                if value.startswith(FORMULA_STARTS):
                    sid = self._sid("t", self.text_templates[k], k)
                else:  # record text stays text, even "#N/A" (openpyxl would type it as an error)
                    sid = self._sid(variant, templates[k], k)
                stripped = value.strip()
                space = ' xml:space="preserve"' if stripped and stripped != value else ""
                add(f'<c r="{ref}" s="{sid}" t="inlineStr"><is><t{space}>{_escape(value)}</t></is></c>')
            elif value is None:
                add(f'<c r="{ref}" s="{self._sid(variant, templates[k], k)}" t="n" />')
            elif (kind is int or kind is float) and math.isfinite(value):
                sid = self._sid(variant, templates[k], k)
                add(f'<c r="{ref}" s="{sid}" t="n"><v>{safe_string(value)}</v></c>')
            elif kind is date and self.date_columns[k] and not self.iso_dates:
                sid = self._sid(variant, templates[k], k)
                add(f'<c r="{ref}" s="{sid}" t="n"><v>{safe_string(to_excel(value, self.epoch))}</v></c>')
            else:
                add(self._odd_cell(row_idx, k, value, templates[k]))
        parts.append("</row>")
        return "".join(parts)

    def _odd_cell(self, row_idx: int, k: int, value, template) -> str:
        """One cell through openpyxl's own cell writer, styled as the column is."""
        if isinstance(value, datetime):
            value = value.replace(tzinfo=None)
        cell = WriteOnlyCell(self.ws, value)
        cell._style = template._style  # the column's style, whatever openpyxl chose for the value
        cell.row, cell.column = row_idx, k + 1
        out = _Collect()
        etree_write_cell(out, self.ws, cell, cell.has_style)
        return "".join(out.parts)
