"""The demo organisation: a realistic term that shows coverage gaps and need-to-know at a glance."""

from __future__ import annotations

import pytest

from app.core.domain.organisation import coverage, inspections, teams, terms, units
from app.core.domain.organisation.inspections import Phase
from app.core.errors import Conflict
from app.core.store import keyslots
from app.core.store.keyslots import KdfParams
from app.demo import org as demo_org


@pytest.fixture
def demo(login, monkeypatch):
    monkeypatch.setattr(keyslots, "_calibrated", KdfParams.fast_for_tests())
    office = login("office")
    return office, demo_org.populate_organisation(office, login("sysadmin"))


def test_demo_holds_a_realistic_term(demo):
    office, org = demo
    assert [t.name for t in terms.list_terms(office)] == ["中共某市委第九届"]
    rounds = terms.list_rounds(office, org.term_id)
    assert [(r.number, r.status.label) for r in rounds] == [(1, "已结束"), (2, "进行中")]
    assert len(teams.list_teams(office)) == 5
    all_units = units.list_units(office)
    assert len(all_units) == 30
    assert {u.kind.label for u in all_units} == {"市直部门", "国有企业", "乡镇街道", "村社区"}
    for unit in all_units:
        people = units.list_leadership(office, unit.id)
        assert 3 <= len(people) <= 6
        assert sum(p.is_top_leader for p in people) == 1 and people[0].is_top_leader
    rows = coverage.for_term(office, org.term_id)
    gaps = [r.unit_name for r in rows if not r.covered]
    assert 1 <= len(gaps) <= 2 and set(org.uncovered_unit_ids) == {r.unit_id for r in rows if not r.covered}
    phases = {i.phase for i in inspections.list_inspections(office)}
    assert {Phase.PREPARATION, Phase.ON_SITE, Phase.RECTIFICATION, Phase.FILED} <= phases
    assert len(office.conn.execute("SELECT * FROM audit WHERE action = 'recusal_override'").fetchall()) == 1


def test_demo_team_accounts_show_need_to_know(demo, login):
    office, org = demo
    team_id = org.team_ids[(2, "第一巡察组")]
    members = {m.username: m.position.label for m in teams.list_members(office, team_id)}
    assert members["leader1"] == "组长" and members["member1"] == "组员"
    expected = {i.id for i in inspections.list_inspections(office, team_id=team_id)}
    assert len(expected) >= 3
    for username in ("leader1", "member1"):
        s = login(username)
        assert not s.user.must_change_password
        assert {i.id for i in inspections.list_inspections(s)} == expected
        assert [t.name for t in teams.list_teams(s)] == ["第一巡察组"]
        assert [r.number for r in terms.list_rounds(s)] == [2]
    other = login("leader4")  # a demo account made by populate_organisation, ready to sign in
    assert not other.user.must_change_password
    assert not {i.id for i in inspections.list_inspections(other)} & expected


def test_demo_is_not_built_twice(demo, login):
    office, _ = demo
    with pytest.raises(Conflict):
        demo_org.populate_organisation(office, login("sysadmin"))
