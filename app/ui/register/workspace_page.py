"""The register's top-level pages of the case workspace (app.ui.areas lists them):
整改督办 (open rectification items across the term), 底稿审签 (every team's working papers by
their sign-off state), 回头看 (look-backs, their scheduling and the earlier issues; the assessment
template) and 统计 (figures with charts)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.core.security.roles import Cap, allowed
from app.ui.db_worker import DbWorker


def make_pages(worker: DbWorker, user) -> list[tuple[str, QWidget]]:
    """Term-wide supervision is the office's work; a leader also sees figures (the core limits them
    to what the leader may see); members work inside their own inspection only."""
    if user is None:
        return []
    from app.ui.register.figures_page import FiguresPage
    from app.ui.register.lookback_page import LookbackPage
    from app.ui.register.open_items_page import OpenItemsPage
    from app.ui.register.papers_page import PapersPage

    pages: list[tuple[str, QWidget]] = []
    if allowed(user.role, Cap.CASE_READ_ALL):
        pages.append(
            (QCoreApplication.translate("Register", "Rectification supervision"), OpenItemsPage(worker))
        )
        pages.append((QCoreApplication.translate("Register", "Paper sign-off"), PapersPage(worker)))
    if allowed(user.role, Cap.CASE_READ_ALL) and allowed(user.role, Cap.ORG_MANAGE):
        pages.append((QCoreApplication.translate("Register", "Look-back"), LookbackPage(worker)))
    if allowed(user.role, Cap.CASE_READ_ALL) or allowed(user.role, Cap.ISSUE_SIGN):
        pages.append((QCoreApplication.translate("Register", "Figures"), FiguresPage(worker)))
    return pages
