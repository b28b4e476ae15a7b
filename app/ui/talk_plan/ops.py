"""What the talk plan GUI asks of the worker (core calls only; no SQL, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.domain.talk_plan import queries, writes
from app.core.domain.talk_plan.types import PlanLine
from app.core.domain.talks import queries as talk_queries
from app.core.domain.talks import writes as talk_writes
from app.core.domain.talks.types import Person, Talk
from app.core.session import Session


@dataclass
class PlanData:
    lines: list[PlanLine]
    team: list[Person]


def load_plan(session: Session, inspection_id: str) -> PlanData:
    return PlanData(
        queries.list_plan(session, inspection_id), talk_queries.team_candidates(session, inspection_id)
    )


def start_talk(session: Session, line_id: str) -> Talk:
    """A draft talk record for the line, filled from it and carrying it (then written in the 谈话 tab)."""
    line = queries.fetch_line(session, line_id)
    return talk_writes.create_talk(session, line.inspection_id, writes.talk_form_for_line(session, line_id))
