"""The 调阅资料 (document review) tab of the inspection view: its title and factory (app.ui.areas
lists the tab)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.db_worker import DbWorker


def documents_title() -> str:
    return QCoreApplication.translate("Documents", "Document review")


def make_documents_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.review.panel import DocumentsPanel

    return DocumentsPanel(worker, inspection_id, parent)
