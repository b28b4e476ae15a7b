"""Excel .xlsx: every sheet's cell values, read with openpyxl in read-only mode after the zip checks.

openpyxl parses with defusedxml when it is installed (it is a dependency); we also refuse any DTD
ourselves before openpyxl sees the file.
"""

from __future__ import annotations

import io
import warnings
from datetime import date, datetime, time

from app.core.imports import zipsafe
from app.core.imports.limits import ImportLimits, ImportRefused

LABEL = "Excel 工作簿"


def read_xlsx(data: bytes, limits: ImportLimits) -> tuple[str, dict]:
    zf = zipsafe.open_checked(data, limits, LABEL)
    zipsafe.refuse_doctypes(zf, LABEL)
    import openpyxl
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:  # never parse a hostile workbook with the plain XML parser
        raise ImportRefused("缺少安全的 XML 解析组件（defusedxml），无法导入 Excel 工作簿。")
    lines: list[str] = []
    cells = 0
    chars = 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        try:
            sheets = wb.sheetnames
            for ws in wb.worksheets:
                lines.append(f"【{ws.title}】")
                for row in ws.iter_rows(values_only=True):
                    values = [_cell(v) for v in row]
                    cells += len(values)
                    if cells > limits.max_sheet_cells:
                        raise ImportRefused(f"该{LABEL}超过 {limits.max_sheet_cells} 个单元格的上限。")
                    while values and values[-1] == "":
                        values.pop()
                    if values:
                        line = "\t".join(values)
                        chars += len(line) + 1
                        if chars > limits.max_text_chars:
                            raise ImportRefused(f"该{LABEL}的文字超过 {limits.max_text_chars} 个字符的上限。")
                        lines.append(line)
        finally:
            wb.close()
    except ImportRefused:
        raise
    except Exception:  # openpyxl raises many kinds on a damaged workbook; none of them is ours
        raise ImportRefused(f"该{LABEL}已损坏或格式不受支持，无法解析。") from None
    return "\n".join(lines), {"sheets": len(sheets), "cells": cells}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.strftime("%Y-%m-%d %H:%M") if (value.hour or value.minute) else value.strftime("%Y-%m-%d")
        )
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\n", " ")
