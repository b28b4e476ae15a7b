"""Worker-side helpers: several core calls run as one job (the GUI thread never touches the session).

Each is `fn(session, ...)` built only from core operations, so every rule, need-to-know filter and
audit entry of the core applies; nothing here reads or writes SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.domain.organisation import inspections, staff, teams, terms, units
from app.core.domain.organisation.inspections import Inspection, PhaseMove
from app.core.domain.organisation.terms import Batch, Round, Term
from app.core.errors import UserError
from app.core.security.roles import Cap
from app.core.session import Session


@dataclass
class InspectionDetail:
    inspection: Inspection
    round: Round
    term: Term
    batch: Batch | None
    leader_name: str | None
    history: list[PhaseMove]
    can_steer: bool  # the office or this team's leader may move the phase and set the liaison


def load_inspection(session: Session, inspection_id: str) -> InspectionDetail:
    item = inspections.get_inspection(session, inspection_id)
    rnd = terms.get_round(session, item.round_id)
    term = terms.get_term(session, rnd.term_id)
    batch = next((b for b in terms.list_batches(session, rnd.id) if b.id == item.batch_id), None)
    team = teams.get_team(session, item.team_id)
    history = inspections.phase_history(session, inspection_id)
    steer = session.can(Cap.ORG_MANAGE) or (session.can(Cap.CASE_WRITE) and team.leader_id == session.user.id)
    return InspectionDetail(item, rnd, term, batch, team.leader_name, history, steer)


@dataclass
class RoundSaved:
    round: Round
    batch_error: UserError | None = None  # the round was saved, a batch was not
    batch_number: int | None = None  # the batch at fault
    batches: list[Batch] = field(default_factory=list)  # the round's batches as saved


def save_round(
    session: Session,
    term_id: str,
    round_id: str | None,
    number: int,
    kind: str,
    status: str,
    starts_on: str,
    ends_on: str,
    batches: list[tuple[str | None, int, str, str]],
) -> RoundSaved:
    """Create or update a round, then bring its batches in line with `batches` (id or None, number, dates).

    The round is checked and saved first (its errors name its fields); a batch error after that is
    returned with the saved round so the dialog can keep editing it.
    """
    if round_id is None:
        rnd = terms.create_round(
            session, term_id, number, kind, status=status, starts_on=starts_on, ends_on=ends_on
        )
    else:
        rnd = terms.update_round(session, round_id, number, kind, status, starts_on, ends_on)
    keep = {b_id for b_id, *_ in batches if b_id}
    at: int | None = None
    try:
        for old in terms.list_batches(session, rnd.id):
            if old.id not in keep:
                at = old.number
                terms.delete_batch(session, old.id)
        for b_id, b_number, b_start, b_end in batches:
            at = b_number
            if b_id:
                terms.update_batch(session, b_id, b_number, b_start, b_end)
            else:
                terms.create_batch(session, rnd.id, b_number, b_start, b_end)
    except UserError as error:
        return RoundSaved(rnd, error, at, terms.list_batches(session, rnd.id))
    return RoundSaved(rnd, batches=terms.list_batches(session, rnd.id))


def round_with_batches(session: Session, round_id: str) -> tuple[Round, list[Batch], Term]:
    rnd = terms.get_round(session, round_id)
    return rnd, terms.list_batches(session, round_id), terms.get_term(session, rnd.term_id)


@dataclass
class TeamDetail:
    team: teams.Team
    round: Round
    members: list[teams.TeamMember]
    conflicts: list[staff.RecusalConflict] = field(default_factory=list)
    pool: list[staff.StaffEntry] = field(default_factory=list)  # for the office's picker
    unit_names: dict[str, str] = field(default_factory=dict)


def load_team(session: Session, team_id: str) -> TeamDetail:
    team = teams.get_team(session, team_id)
    rnd = terms.get_round(session, team.round_id)
    members = teams.list_members(session, team_id)
    detail = TeamDetail(team, rnd, members)
    if session.can(Cap.ORG_MANAGE):
        detail.conflicts = staff.recusal_conflicts(session, team_id)
        detail.pool = staff.list_staff(session)
        if detail.conflicts:
            detail.unit_names = {u.id: u.name for u in units.list_units(session)}
    return detail


@dataclass
class InspectionChoices:
    round: Round
    teams: list[teams.Team]
    units: list[units.Unit]
    batches: list[Batch]


def inspection_choices(session: Session, round_id: str) -> InspectionChoices:
    return InspectionChoices(
        terms.get_round(session, round_id),
        teams.list_teams(session, round_id),
        units.list_units(session),
        terms.list_batches(session, round_id),
    )
