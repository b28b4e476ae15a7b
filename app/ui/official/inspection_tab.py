"""Registers the 公文 (official documents) tab of the inspection view."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.db_worker import DbWorker
from app.ui.org.inspection_view import register_inspection_tab


def make_official_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.official.panel import OfficialPanel

    return OfficialPanel(worker, inspection_id=inspection_id, parent=parent)


register_inspection_tab(
    "official",
    lambda: QCoreApplication.translate("Official", "Official documents"),
    make_official_tab,
    order=60,
)
