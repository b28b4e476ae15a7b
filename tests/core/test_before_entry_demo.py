"""The demo briefings, work plans and team logs: requests to the five departments for every inspection
(a lead-like item visible as leads are), a work plan per inspection (two versions once on site), and
typed team log entries for the inspections on site or later."""

from __future__ import annotations

from app.core.domain.briefings import queries as briefing_queries
from app.core.domain.team_log import queries as log_queries
from app.core.domain.work_plan import queries as plan_queries
from app.core.errors import NotFound
from app.core.store import keyslots
from app.core.store.keyslots import KdfParams
from app.demo import org as demo_org
from app.demo.before_entry import populate_briefings, populate_team_logs, populate_work_plans
from app.demo.plans import populate_meetings


def test_demo_briefings_work_plans_and_logs(login, monkeypatch):
    monkeypatch.setattr(keyslots, "_calibrated", KdfParams.fast_for_tests())
    office = login("office")
    org = demo_org.populate_organisation(office, login("sysadmin"))
    populate_meetings(login, org)
    made = populate_work_plans(login, org, populate_briefings(login, org))
    populate_team_logs(login, org, made)
    inspections = list(org.inspection_ids.values())
    assert set(made.plan_ids) == set(inspections)
    assert any(len(v) == 2 for v in made.plan_ids.values()) and any(
        len(v) == 1 for v in made.plan_ids.values()
    )
    leads = 0
    for inspection_id in inspections:
        requests = briefing_queries.list_requests(office, inspection_id)
        assert [r.department for r in requests][:2] == ["市纪委监委", "市委组织部"]
        leads += sum(x.is_lead for r in requests for x in r.items)
        assert plan_queries.current_plan(office, inspection_id).groups[0].name == "谈话组"
    assert leads >= 1
    member = login("member1")
    mine = [i for i in inspections if i in {x.inspection_id for x in _visible(member, inspections)}]
    assert mine and all(
        not x.is_lead for i in mine for r in briefing_queries.list_requests(member, i) for x in r.items
    )
    assert made.log_entry_ids
    assert any(
        any(x.source.value == "meeting" for x in log_queries.log_lines(office, i))
        and any(x.source.value == "entry" for x in log_queries.log_lines(office, i))
        for i in inspections
    )


def _visible(session, inspections):
    out = []
    for i in inspections:
        try:
            out += [x for r in briefing_queries.list_requests(session, i) for x in r.items]
        except NotFound:  # another team's inspection
            continue
    return out
