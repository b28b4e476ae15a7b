"""The 巡察工作方案 (Work plan) tab of the inspection view: its title and factory (app.ui.areas lists it)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.db_worker import DbWorker


def work_plan_title() -> str:
    return QCoreApplication.translate("WorkPlanPanel", "Work plan")


def make_work_plan_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.work_plan.panel import WorkPlanPanel

    return WorkPlanPanel(worker, inspection_id, parent)
