"""What the talks GUI asks of the worker: core calls bundled so one job fills one screen.

Every function here runs on the database worker with the session first and only calls core
operations (which check capabilities and need-to-know, and audit); no SQL, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core import drafts
from app.core.domain.organisation import inspections, units
from app.core.domain.organisation.units import LeadershipPerson
from app.core.domain.talks import drafts as talk_drafts
from app.core.domain.talks import outlines as talk_outlines
from app.core.domain.talks import queries as talk_queries
from app.core.domain.talks import search as talk_search
from app.core.domain.talks import writes as talk_writes
from app.core.domain.talks.types import Person, Talk, TalkForm
from app.core.security.roles import Cap
from app.core.session import Session


@dataclass
class Filters:
    interviewee: str = ""
    category: str | None = None
    interviewer_id: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    status: str | None = None


@dataclass
class PanelData:
    inspection_id: str
    unit_name: str
    team: list[Person]
    leadership: list[LeadershipPerson]
    can_write: bool
    rows: list[talk_queries.TalkSummary] = field(default_factory=list)
    drafts: list[tuple[str, str]] = field(default_factory=list)  # (draft key, talk number or "")


def load_panel(session: Session, inspection_id: str, filters: Filters) -> PanelData:
    inspection = inspections.get_inspection(session, inspection_id)  # NotFound outside need-to-know
    data = PanelData(
        inspection_id=inspection_id,
        unit_name=inspection.unit_name,
        team=talk_queries.team_candidates(session, inspection_id),
        leadership=units.list_leadership(session, inspection.unit_id),
        can_write=session.can(Cap.CASE_WRITE),
    )
    data.rows = list_rows(session, inspection_id, filters)
    data.drafts = unsaved_drafts(session, inspection_id, data.rows)
    return data


def list_rows(session: Session, inspection_id: str, filters: Filters) -> list[talk_queries.TalkSummary]:
    return talk_queries.list_talks(
        session,
        inspection_id,
        interviewee=filters.interviewee or None,
        category=filters.category,
        interviewer_id=filters.interviewer_id,
        date_from=filters.date_from,
        date_to=filters.date_to,
        status=filters.status,
    )


def unsaved_drafts(
    session: Session, inspection_id: str, rows: list[talk_queries.TalkSummary] | None = None
) -> list[tuple[str, str]]:
    """The signed-in user's autosaved talk forms in this inspection: (key, 'N' or '' for a new talk)."""
    if rows is None:
        rows = talk_queries.list_talks(session, inspection_id)
    numbers = {talk_drafts.draft_key(inspection_id, r.id): str(r.number) for r in rows}
    new_key = talk_drafts.draft_key(inspection_id)
    found = []
    for key, _updated in drafts.list_drafts(session):
        if key == new_key:
            found.append((key, ""))
        elif key in numbers:
            found.append((key, numbers[key]))
    return found


@dataclass
class Opened:
    talk: Talk | None  # None: a new talk
    draft: TalkForm | None  # unsaved input found for it


def open_talk(session: Session, inspection_id: str, talk_id: str | None) -> Opened:
    """Open a talk (the view is audited by the core) with any unsaved input of this user."""
    talk = talk_queries.get_talk(session, talk_id) if talk_id else None
    draft = talk_drafts.restore(session, talk_drafts.draft_key(inspection_id, talk_id))
    return Opened(talk, draft)


def save(session: Session, inspection_id: str, talk_id: str | None, form: TalkForm) -> Talk:
    """Create or update; the autosaved draft goes once the talk is saved."""
    if talk_id:
        talk = talk_writes.update_talk(session, talk_id, form)
    else:
        talk = talk_writes.create_talk(session, inspection_id, form)
    talk_drafts.discard(session, talk_drafts.draft_key(inspection_id, talk_id))
    return talk


def save_and_mark_recorded(session: Session, inspection_id: str, talk_id: str | None, form: TalkForm) -> Talk:
    talk = save(session, inspection_id, talk_id, form)
    return talk_writes.mark_recorded(session, talk.id)


def add_addendum(session: Session, talk_id: str, text: str, added_on: str) -> Talk:
    """Append the addendum and hand back the talk as it now reads (opened again: audited)."""
    talk_writes.add_addendum(session, talk_id, text, added_on)
    return talk_queries.get_talk(session, talk_id)


def sign(session: Session, talk_id: str, signed_on: str, scan: bytes | None) -> Talk:
    return talk_writes.sign_talk(session, talk_id, signed_on, scan=scan)


def templates(category: str, kind: str) -> list[tuple[str, list[str]]]:
    """(name, questions) of the outline templates for this interviewee and kind (no session)."""
    return [(t.name, list(t.questions)) for t in talk_outlines.templates_for(category, kind)]


def search(session: Session, inspection_id: str, query: str) -> list[talk_search.TalkHit]:
    """Full-text search in this inspection's talks (terms of two characters or more; audited)."""
    return talk_search.search_talks(session, query, inspection_id=inspection_id)
