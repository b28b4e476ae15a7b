"""The 调阅资料 (document review) tab of the inspection view: its title and factory (app.ui.areas
lists the tab)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.db_worker import DbWorker


def review_title() -> str:
    return QCoreApplication.translate("Review", "Document review")


def make_review_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.review.panel import ReviewPanel

    return ReviewPanel(worker, inspection_id, parent)
