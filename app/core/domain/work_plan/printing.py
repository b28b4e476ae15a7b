"""Printing glue for the work plan: a preview (unnumbered, audited) and numbered copies of a version
in the GB/T 9704 layout (saved as work-plan.pdf by the tests)."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.domain.official_copies import print_official
from app.core.domain.work_plan.queries import fetch_version
from app.core.official import issuers
from app.core.printing import register
from app.core.printing.register import PrintAction
from app.core.security.visibility import printed_mark
from app.core.session import Session

WORK_PLAN = "work_plan"
register.DOCUMENT_KINDS.setdefault(WORK_PLAN, "巡察工作方案")


@dataclass
class PrintJob:
    plan_id: str
    version: int
    copy_numbers: list[int]
    pdfs: list[bytes]


def team_issuer(session: Session, team_name: str) -> str:
    settings = issuers.issuing_settings(session)
    for body in settings.teams:
        if body.team == team_name:
            return body.name
    return team_name


def _text(session: Session, plan, classification: str | None):
    from app.core.printing.work_plan import plan_text

    mark = printed_mark(plan.classification, plan.protection_years, classification)
    return plan_text(plan, team_issuer(session, plan.team_name), mark)


def preview(session: Session, plan_id: str) -> bytes:
    from app.core.printing import gbt9704

    plan = fetch_version(session, plan_id)
    data = gbt9704.render(_text(session, plan, None), title="巡察工作方案")
    session.audit("work_plan_preview", "work_plan", plan_id, f"第{plan.version}版")
    return data


def print_copies(
    session: Session,
    plan_id: str,
    copies: int = 1,
    *,
    action: PrintAction | str = PrintAction.PRINT,
    classification: str | None = None,
) -> PrintJob:
    plan = fetch_version(session, plan_id)
    numbers, pdfs = print_official(
        session,
        WORK_PLAN,
        plan_id,
        _text(session, plan, classification),
        copies,
        action,
        inspection_id=plan.inspection_id,
        version=plan.version,
        title="巡察工作方案",
    )
    return PrintJob(plan_id, plan.version, numbers, pdfs)
