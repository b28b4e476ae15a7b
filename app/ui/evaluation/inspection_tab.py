"""The 民主测评 (evaluation and questionnaires) tab of the inspection view: its title and factory
(app.ui.areas lists the tab)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.db_worker import DbWorker


def evaluation_title() -> str:
    return QCoreApplication.translate("EvaluationPanel", "Evaluation")


def make_evaluation_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.evaluation.panel import EvaluationPanel

    return EvaluationPanel(worker, inspection_id, parent)
