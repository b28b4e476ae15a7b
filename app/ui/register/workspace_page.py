"""Top-level pages of the case workspace (found by app.ui.org.workspace.workspace_pages):
整改督办 (open rectification items across the term) and 统计 (figures with charts)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.core.security.roles import Cap, allowed
from app.ui.db_worker import DbWorker


def make_pages(worker: DbWorker, user) -> list[tuple[str, QWidget]]:
    if user is None or not (allowed(user.role, Cap.CASE_READ_ALL) or allowed(user.role, Cap.CASE_READ_TEAM)):
        return []
    from app.ui.register.figures_page import FiguresPage
    from app.ui.register.open_items_page import OpenItemsPage

    return [
        (QCoreApplication.translate("Register", "Rectification supervision"), OpenItemsPage(worker)),
        (QCoreApplication.translate("Register", "Figures"), FiguresPage(worker)),
    ]
