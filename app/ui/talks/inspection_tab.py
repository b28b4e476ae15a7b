"""The 谈话 (Talks) tab of the inspection view: its title and factory (app.ui.areas lists the tab)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.db_worker import DbWorker


def talks_title() -> str:
    return QCoreApplication.translate("Talks", "Talks")


def make_talks_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.talks.panel import TalksPanel

    return TalksPanel(worker, inspection_id, parent)
