"""The 巡前情况通报 (Briefings) tab of the inspection view: its title and factory (app.ui.areas lists the tab)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.db_worker import DbWorker


def briefings_title() -> str:
    return QCoreApplication.translate("BriefingsPanel", "Briefings")


def make_briefings_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.briefings.panel import BriefingsPanel

    return BriefingsPanel(worker, inspection_id, parent)
