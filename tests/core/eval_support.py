"""Shared set-up for the evaluation tests: the org world, the library installed, a survey per kind."""

from __future__ import annotations

import pytest

from app.core.domain.evaluation import library, surveys
from tests.core.org_support import world_fixture  # noqa: F401


def template_id(session, builtin: str) -> str:
    return next(t.id for t in library.list_templates(session) if t.builtin == builtin)


def issue(session, round_id: str, count: int) -> list[int]:
    """Serials for a round without printing (the printing tests print them for real)."""
    with session.transaction() as conn:
        serials = surveys.issue_serials(session, conn, round_id, count)
        session.audit("eval_forms_print", "eval_round", round_id, f"{count} 份")
    return serials


@pytest.fixture(name="evaluation")
def evaluation_fixture(world):
    office = world.office
    library.install_builtins(office)
    leader = world.login("leader1")
    survey = surveys.take_copy(leader, world.insp_a.id, template_id(leader, "leadership_people"))
    rnd = surveys.add_round(leader, survey.id, "动员会", "2026-03-03")
    return world, leader, survey, rnd
