"""The 公文 (official documents) tab of the inspection view: its title and factory (app.ui.areas
lists the tab)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.db_worker import DbWorker


def official_title() -> str:
    return QCoreApplication.translate("Official", "Official documents")


def make_official_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.official.panel import OfficialPanel

    return OfficialPanel(worker, inspection_id=inspection_id, parent=parent)
