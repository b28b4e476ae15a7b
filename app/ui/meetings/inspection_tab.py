"""The 会议 (Meetings) tab of the inspection view: its title and factory (app.ui.areas lists the tab)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.db_worker import DbWorker


def meetings_title() -> str:
    return QCoreApplication.translate("MeetingsPanel", "Meetings")


def make_meetings_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.meetings.panel import MeetingsPanel

    return MeetingsPanel(worker, inspection_id, parent)
