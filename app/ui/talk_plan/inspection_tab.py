"""The 谈话计划 (Talk plan) tab of the inspection view: its title and factory (app.ui.areas lists it)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.ui.db_worker import DbWorker


def talk_plan_title() -> str:
    return QCoreApplication.translate("TalkPlanPanel", "Talk plan")


def make_talk_plan_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.talk_plan.panel import TalkPlanPanel

    return TalkPlanPanel(worker, inspection_id, parent)
