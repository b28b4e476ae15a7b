"""Registers the 调阅资料 (document review) tab of the inspection view."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.db_worker import DbWorker
from app.ui.org.inspection_view import register_inspection_tab


def make_documents_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.review.panel import DocumentsPanel

    return DocumentsPanel(worker, inspection_id, parent)


register_inspection_tab(
    "documents",
    lambda: QCoreApplication.translate("Documents", "Document review"),
    make_documents_tab,
    order=20,
)
