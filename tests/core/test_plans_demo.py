"""The demo talk plans and meetings: a plan per inspection with done, missing and moved lines (the
demo talks held for the 必谈 lines), and the meetings of every inspection on site or later."""

from __future__ import annotations

from app.core.domain.meetings import queries as meeting_queries
from app.core.domain.meetings import search as meeting_search
from app.core.domain.meetings.types import MeetingKind
from app.core.domain.talk_plan import queries as plan_queries
from app.core.domain.talk_plan.types import LineState
from app.core.store import keyslots
from app.core.store.keyslots import KdfParams
from app.demo import org as demo_org
from app.demo.plans import populate_meetings, populate_talk_plans
from app.demo.talks import populate_talks


def test_demo_plans_and_meetings(login, monkeypatch):
    monkeypatch.setattr(keyslots, "_calibrated", KdfParams.fast_for_tests())
    office = login("office")
    org = demo_org.populate_organisation(office, login("sysadmin"))
    plans = populate_talk_plans(login, org)
    populate_talks(login, org)
    made = populate_meetings(login, org)
    assert set(plans.plan_lines) == set(org.inspection_ids.values())  # a plan per inspection
    states: set[LineState] = set()
    for inspection_id in org.inspection_ids.values():
        lines = plan_queries.plan_lines(office, inspection_id)
        assert lines and any(x.must for x in lines) and any(not x.must for x in lines)
        states |= {x.state for x in lines}
    assert {LineState.DONE, LineState.MISSING, LineState.UNSCHEDULED} <= states
    assert LineState.MOVED in states or LineState.PLANNED in states
    meetings = meeting_queries.list_meetings(office)
    assert len(meetings) == len(made.meeting_ids) >= 10
    assert {m.kind for m in meetings} >= {
        MeetingKind.MOBILISATION,
        MeetingKind.GROUP,
        MeetingKind.TEAM,
        MeetingKind.FEEDBACK,
    }
    assert meeting_search.search_meetings(office, "民主测评")
    mine = meeting_queries.list_meetings(login("leader1"))
    assert mine and {m.inspection_id for m in mine} <= {
        org.inspection_ids[key] for key in org.inspection_ids if key[0] == 2
    }
