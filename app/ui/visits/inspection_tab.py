"""The 走访 (Visits) tab of the inspection view: its title and factory (app.ui.areas lists the tab)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.db_worker import DbWorker


def visits_title() -> str:
    return QCoreApplication.translate("VisitsPanel", "Visits")


def make_visits_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.visits.panel import VisitsPanel

    return VisitsPanel(worker, inspection_id, parent)
