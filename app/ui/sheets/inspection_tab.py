"""The 台账导出 (Excel ledgers) tab of the inspection view: its title and factory (app.ui.areas lists
the tab)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.db_worker import DbWorker


def sheets_title() -> str:
    return QCoreApplication.translate("Sheets", "Excel ledgers")


def make_sheets_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.sheets.panel import SheetsPanel

    return SheetsPanel(worker, inspection_id, parent)
