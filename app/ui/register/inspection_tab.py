"""The 问题, 线索, 信访 and 整改 tabs of the inspection view: their titles and factories (app.ui.areas
lists the tabs).

The leads tab is not built at all for roles that may not read leads (members, administrators);
for the others the core still decides, per inspection (only the office and this team's leader).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.core.security.roles import Cap, allowed
from app.ui.db_worker import DbWorker


def make_issues_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.register.issues_panel import IssuesPanel

    return IssuesPanel(worker, inspection_id, parent)


def make_leads_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget | None:
    user = worker.user
    if user is None or not allowed(user.role, Cap.LEADS_READ):
        return None
    from app.ui.register.leads_panel import LeadsPanel

    return LeadsPanel(worker, inspection_id, parent)


def make_petitions_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.register.petitions_panel import PetitionsPanel

    return PetitionsPanel(worker, inspection_id, parent)


def make_rectification_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.register.rectification_panel import RectificationPanel

    return RectificationPanel(worker, inspection_id, parent)


def make_after_feedback_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.register.after_feedback_panel import AfterFeedbackPanel

    return AfterFeedbackPanel(worker, inspection_id, parent)


def after_feedback_title() -> str:
    return QCoreApplication.translate("Register", "Deadlines and assessment")


def issues_title() -> str:
    return QCoreApplication.translate("Register", "Issues")


def leads_title() -> str:
    return QCoreApplication.translate("Register", "Leads")


def petitions_title() -> str:
    return QCoreApplication.translate("Register", "Petitions")


def rectification_title() -> str:
    return QCoreApplication.translate("Register", "Rectification")


def make_lookback_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget | None:
    """Only for an inspection of a look-back round: the earlier inspection's issues, measures and
    assessment, and the look-back's findings linked to them (the core decides who may see them)."""
    from app.core.domain.organisation.terms import RoundKind

    detail = getattr(parent, "detail", None)
    if detail is None or detail.round.kind != RoundKind.LOOK_BACK:
        return None
    from app.ui.register.lookback_page import EarlierPanel

    return EarlierPanel(worker, inspection_id, parent)


def lookback_title() -> str:
    return QCoreApplication.translate("Register", "Look-back")


def immediate_fix_title() -> str:
    return QCoreApplication.translate("ImmediateFixPanel", "Fixed on the spot")


def make_immediate_fix_tab(worker: DbWorker, inspection_id: str, parent: QWidget) -> QWidget:
    from app.ui.register.immediate_fix_panel import ImmediateFixPanel

    return ImmediateFixPanel(worker, inspection_id, parent)
