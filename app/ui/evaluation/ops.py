"""What the evaluation tab shows, gathered on the database worker (core calls only, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.domain.evaluation import entry, library, surveys
from app.core.domain.evaluation.model import Form
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session


@dataclass
class RoundRow:
    id: str
    survey_id: str
    label: str
    printed: int
    returned: int
    counted: int
    waiting: int  # sheets not yet counted (second entry, review, missing page)


@dataclass
class SurveyRow:
    id: str
    name: str
    code: int
    min_forms: int
    double_entry: bool
    rounds: list[RoundRow] = field(default_factory=list)


@dataclass
class PanelState:
    templates: list[tuple[str, str]]  # (id, name)
    surveys: list[SurveyRow]
    can_export: bool
    can_steer: bool  # the leader or the office: the minimum of forms, the blind re-entry
    can_edit_templates: bool  # the office


def panel_state(session: Session, inspection_id: str) -> PanelState:
    templates = [(t.id, t.name) for t in library.list_templates(session)]
    rows = []
    for s in surveys.list_surveys(session, inspection_id):
        row = SurveyRow(s.id, s.name, s.code, s.min_forms, s.double_entry)
        for r in surveys.list_rounds(session, s.id):
            sheets = entry.list_sheets(session, r.id)
            counted = sum(x.status == "counted" for x in sheets)
            label = f"第{r.number}轮" + (f"（{r.purpose}）" if r.purpose else "")
            row.rounds.append(
                RoundRow(r.id, s.id, label, r.printed, r.returned, counted, len(sheets) - counted)
            )
        rows.append(row)
    steer = session.can(Cap.ORG_MANAGE) or visibility.is_leader_of_inspection(session, inspection_id)
    if session.can(Cap.ORG_MANAGE) and not templates:
        library.install_builtins(session)  # the office's first visit fills the library
        templates = [(t.id, t.name) for t in library.list_templates(session)]
    return PanelState(templates, rows, session.can(Cap.EXPORT), steer, session.can(Cap.ORG_MANAGE))


def round_form(session: Session, round_id: str) -> tuple[Form, bool]:
    """The round's form and whether its survey asks for a blind second entry."""
    rnd = surveys.get_round(session, round_id)
    survey = surveys.get_survey(session, rnd.survey_id)
    return survey.form, survey.double_entry
