"""The 立卷归档 (Archive) tab of the inspection view: its title and factory (app.ui.areas lists the tab).

Only the office and team leaders file; for other roles the tab is not shown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.core.security.roles import Cap, allowed
from app.ui.db_worker import DbWorker


def archive_title() -> str:
    return QCoreApplication.translate("ArchivePanel", "Archive")


def make_archive_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget | None:
    user = worker.user
    if user is None or not (allowed(user.role, Cap.ORG_MANAGE) or allowed(user.role, Cap.ISSUE_SIGN)):
        return None
    from app.ui.archive.panel import ArchivePanel

    return ArchivePanel(worker, inspection_id, parent)
