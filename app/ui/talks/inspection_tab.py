"""Registers the 谈话 (Talks) tab of the inspection view (imported automatically by the view)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.db_worker import DbWorker
from app.ui.org.inspection_view import register_inspection_tab


def make_talks_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.talks.panel import TalksPanel

    return TalksPanel(worker, inspection_id, parent)


register_inspection_tab(
    "talks", lambda: QCoreApplication.translate("Talks", "Talks"), make_talks_tab, order=10
)
