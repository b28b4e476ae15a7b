"""The 个人事项抽查 tab: its title and factory; like the leads tab, only for accounts that may know of
leads (the core decides per inspection: the office and the team's leader)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.core.security.roles import Cap, allowed
from app.ui.db_worker import DbWorker


def spot_checks_title() -> str:
    return QCoreApplication.translate("SpotChecksPanel", "Personal-matters checks")


def make_spot_checks_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget | None:
    user = worker.user
    if user is None or not allowed(user.role, Cap.LEADS_READ):
        return None
    from app.ui.spot_checks.panel import SpotChecksPanel

    return SpotChecksPanel(worker, inspection_id, parent)
