"""Registers the 台账导出 (Excel ledgers) tab of the inspection view."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.db_worker import DbWorker
from app.ui.org.inspection_view import register_inspection_tab


def make_sheets_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.sheets.panel import SheetsPanel

    return SheetsPanel(worker, inspection_id, parent)


register_inspection_tab(
    "sheets",
    lambda: QCoreApplication.translate("Sheets", "Excel ledgers"),
    make_sheets_tab,
    order=80,
)
