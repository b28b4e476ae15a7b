"""Worker jobs for the after-feedback page: the unit's deadlines, the fact confirmation, the assessment.

Each job runs one or more core calls and returns the page's whole state (AfterFeedback), so the page
redraws from one answer. Refusals come back as UserError and the page shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.domain.register import assessment, fact_confirmation, unit_reports
from app.core.errors import ValidationError
from app.core.imports import read_file
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session


@dataclass
class FactRow:
    sheet: fact_confirmation.FactSheet
    item: fact_confirmation.FactItem


@dataclass
class AfterFeedback:
    inspection_id: str
    deadlines: list[unit_reports.UnitDeadline]
    facts: list[FactRow]
    sheets: list[fact_confirmation.FactSheet]
    assessment: assessment.Assessment | None
    can_write: bool
    is_office: bool
    team_lead: bool  # the team's leader or a deputy: they handle the fact confirmation
    measures: list[tuple[str, str]] = field(default_factory=list)  # (id, label): what a report may cover
    notes: list[str] = field(default_factory=list)  # refusals met while loading (e.g. no feedback yet)


def _team_lead(session: Session, inspection_id: str) -> bool:
    row = session.conn.execute(
        "SELECT m.position FROM inspections x JOIN team_members m ON m.team_id = x.team_id"
        " WHERE x.id = ? AND m.user_id = ?",
        (inspection_id, session.user.id),
    ).fetchone()
    return row is not None and row["position"] in ("leader", "deputy")


def load(session: Session, inspection_id: str) -> AfterFeedback:
    visibility.require_inspection_visible(session, inspection_id)
    sheets = fact_confirmation.list_sheets(session, inspection_id)
    return AfterFeedback(
        inspection_id=inspection_id,
        deadlines=unit_reports.deadlines_for(session, inspection_id),
        facts=[FactRow(s, i) for s in sheets for i in s.items],
        sheets=sheets,
        assessment=assessment.assessment_of(session, inspection_id),
        can_write=session.can(Cap.CASE_WRITE),
        is_office=session.can(Cap.ORG_MANAGE),
        team_lead=_team_lead(session, inspection_id),
        measures=unit_reports.reportable_measures(session, inspection_id),
    )


def then_load(fn):
    """A core step on the inspection's after-feedback records, then the page's state."""

    def run(session: Session, inspection_id: str, *args, **kwargs) -> AfterFeedback:
        fn(session, *args, **kwargs)
        return load(session, inspection_id)

    return run


def record_report(
    session: Session, inspection_id: str, kind: str, on: str, summary: str, path: str, measure_ids=()
) -> AfterFeedback:
    document = read_file(path) if path else None
    unit_reports.record_report(
        session, inspection_id, kind, on, summary, document=document, measure_ids=list(measure_ids)
    )
    return load(session, inspection_id)


def make_sheet(session: Session, inspection_id: str) -> AfterFeedback:
    fact_confirmation.make_sheet(session, inspection_id)
    return load(session, inspection_id)


def begin_assessment(session: Session, inspection_id: str) -> AfterFeedback:
    assessment.begin(session, inspection_id)
    return load(session, inspection_id)


def score(
    session: Session, inspection_id: str, key: str, deduction: str, evidence: str, veto: bool
) -> AfterFeedback:
    try:
        value = float(deduction or 0)
    except ValueError:
        raise ValidationError("扣分须为数字。", field="deduction") from None
    assessment.score(session, inspection_id, key, deduction=value, vetoed=veto, evidence=evidence)
    return load(session, inspection_id)


def fill_from_survey(session: Session, inspection_id: str) -> AfterFeedback:
    assessment.fill_from_survey(session, inspection_id)
    return load(session, inspection_id)


def conclude(session: Session, inspection_id: str, on: str, text: str) -> AfterFeedback:
    assessment.conclude(session, inspection_id, on, text)
    return load(session, inspection_id)
