"""The 巡察日志 (Team log) tab of the inspection view: its title and factory (app.ui.areas lists it)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.db_worker import DbWorker


def team_log_title() -> str:
    return QCoreApplication.translate("TeamLogPanel", "Team log")


def make_team_log_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.team_log.panel import TeamLogPanel

    return TeamLogPanel(worker, inspection_id, parent)
