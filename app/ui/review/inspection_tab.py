"""Registers the 调阅资料 (document review) tab of the inspection view."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.db_worker import DbWorker
from app.ui.org.inspection_view import register_inspection_tab


def make_review_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.review.panel import ReviewPanel

    return ReviewPanel(worker, inspection_id, parent)


register_inspection_tab(
    "documents",
    lambda: QCoreApplication.translate("Review", "Document review"),
    make_review_tab,
    order=20,
)
