"""Need to know, for every role: list, open and search are filtered for team roles and refused for the
three administrators; the office sees everything. Invisible records are NotFound, never PermissionDenied,
so their existence is not revealed."""

from __future__ import annotations

import pytest

from app.core.domain.organisation import coverage, inspections, staff, teams, terms, units
from app.core.errors import NotFound, PermissionDenied
from app.core.security import visibility
from app.core.security.roles import Role
from app.demo.org import demo_account
from tests.core.org_support import ADMINS, world_fixture  # noqa: F401

# username -> which of the two inspections (A: team 1 at 市教育局, B: team 2 at 市财政局) it may see
SEES = {
    "office": {"A", "B"},
    "leader1": {"A"},  # leader of team 1
    "member1": {"A"},  # member of team 1
    "leader2": {"B"},  # leader of another team
    "member2": {"B"},  # member of another team
}


def _ids(world, letters):
    return {{"A": world.insp_a.id, "B": world.insp_b.id}[x] for x in letters}


@pytest.mark.parametrize("username", list(SEES))
def test_case_roles_see_only_what_they_need(world, username):
    s = world.login(username)
    sees = SEES[username]
    expected = _ids(world, sees)
    hidden = _ids(world, {"A", "B"} - sees)

    # list
    assert {i.id for i in inspections.list_inspections(s)} == expected
    assert {i.id for i in inspections.list_inspections(s, round_id=world.round.id)} == expected
    seen = visibility.visible_inspection_ids(s)
    assert seen is None if username == "office" else seen == expected

    # open
    for iid in expected:
        assert inspections.get_inspection(s, iid).id == iid
        visibility.require_inspection_visible(s, iid)
    for iid in hidden:
        with pytest.raises(NotFound):
            inspections.get_inspection(s, iid)
        with pytest.raises(NotFound):
            visibility.require_inspection_visible(s, iid)
        with pytest.raises(NotFound):
            inspections.phase_history(s, iid)

    # search: the other team's unit cannot be found by name
    assert {i.id for i in inspections.search_inspections(s, "教育局")} == _ids(world, sees & {"A"})
    assert {i.id for i in inspections.search_inspections(s, "财政局")} == _ids(world, sees & {"B"})
    assert {u.name for u in units.list_units(s, text="财政")} == ({"市财政局"} if "B" in sees else set())

    # the SQL helper later modules reuse
    where, params = visibility.inspection_filter_sql(s, "id")
    rows = s.conn.execute(f"SELECT id FROM inspections WHERE {where}", params).fetchall()
    assert {r[0] for r in rows} == expected

    # audited views
    views = [r for r in world.audit_rows("inspections_view") if r[0] == username]
    assert views and views[0][3] == f"{len(expected)} 项"
    assert any(r[0] == username for r in world.audit_rows("inspections_search"))
    assert any(r[0] == username and r[2] in expected for r in world.audit_rows("inspection_open"))


@pytest.mark.parametrize("username", ["leader1", "member1", "leader2", "member2"])
def test_team_roles_see_the_structure_around_their_own_team(world, username):
    s = world.login(username)
    own_team, own_unit, other_team, other_unit = (
        (world.team_a, world.unit_a, world.team_b, world.unit_b)
        if username.endswith("1")
        else (world.team_b, world.unit_b, world.team_a, world.unit_a)
    )
    assert [t.id for t in terms.list_terms(s)] == [world.term.id]
    assert [r.id for r in terms.list_rounds(s)] == [world.round.id]
    assert [b.id for b in terms.list_batches(s, world.round.id)] == [world.batch.id]
    assert [t.id for t in teams.list_teams(s)] == [own_team.id]
    assert {m.username for m in teams.list_members(s, own_team.id)} == {
        username,
        ("member" if username.startswith("leader") else "leader") + username[-1],
    }
    with pytest.raises(NotFound):
        teams.get_team(s, other_team.id)
    with pytest.raises(NotFound):
        teams.list_members(s, other_team.id)
    assert [u.id for u in units.list_units(s)] == [own_unit.id]
    assert units.get_unit(s, own_unit.id).id == own_unit.id
    assert len(units.list_leadership(s, own_unit.id)) >= 1
    for unit_id in (other_unit.id, world.township.id):  # other teams' units and uninspected ones
        with pytest.raises(NotFound):
            units.get_unit(s, unit_id)
        with pytest.raises(NotFound):
            units.list_leadership(s, unit_id)
    with pytest.raises(PermissionDenied):
        coverage.for_term(s, world.term.id)
    with pytest.raises(PermissionDenied):
        staff.list_staff(s)
    with pytest.raises(PermissionDenied):
        staff.list_recusals(s)


def test_a_team_round_they_are_not_in_is_hidden(world):
    office = world.office
    other = terms.create_round(office, world.term.id, 2, "special")
    team = teams.create_team(office, other.id, "第一巡察组")
    teams.add_member(office, team.id, world.users["member2"], "member")
    s = world.login("member1")
    assert [r.id for r in terms.list_rounds(s)] == [world.round.id]
    with pytest.raises(NotFound):
        terms.get_round(s, other.id)
    assert terms.list_batches(s, other.id) == []


def test_a_team_account_on_no_team_sees_nothing(world):
    demo_account(world.login("sysadmin"), "member3", "孙丽华", Role.TEAM_MEMBER)
    s = world.login("member3")
    assert inspections.list_inspections(s) == []
    assert visibility.visible_inspection_ids(s) == set()
    assert terms.list_terms(s) == [] and terms.list_rounds(s) == []
    assert teams.list_teams(s) == [] and units.list_units(s) == []
    with pytest.raises(NotFound):
        terms.get_term(s, world.term.id)


def test_office_sees_everything(world):
    s = world.office
    assert {t.id for t in teams.list_teams(s)} == {world.team_a.id, world.team_b.id}
    assert len(units.list_units(s)) == 4
    assert {u.name for u in units.list_units(s, kind="village")} == {"青石镇石桥村"}
    assert {u.name for u in units.list_units(s, parent_id=world.township.id)} == {"青石镇石桥村"}
    assert units.get_unit(s, world.township.id).name == "青石镇"
    assert visibility.visible_team_ids(s) is None


@pytest.mark.parametrize("username", ADMINS)
def test_administrators_see_no_case_data(world, username):
    s = world.login(username)
    iid = world.insp_a.id
    refused = [
        lambda: inspections.list_inspections(s),
        lambda: inspections.search_inspections(s, "教育局"),
        lambda: inspections.get_inspection(s, iid),
        lambda: inspections.phase_history(s, iid),
        lambda: visibility.visible_inspection_ids(s),
        lambda: visibility.visible_team_ids(s),
        lambda: visibility.require_inspection_visible(s, iid),
        lambda: visibility.inspection_filter_sql(s),
        lambda: terms.list_terms(s),
        lambda: terms.get_term(s, world.term.id),
        lambda: terms.list_rounds(s),
        lambda: terms.list_batches(s, world.round.id),
        lambda: teams.list_teams(s),
        lambda: teams.list_members(s, world.team_a.id),
        lambda: units.list_units(s),
        lambda: units.list_units(s, text="教育"),
        lambda: units.get_unit(s, world.unit_a.id),
        lambda: units.list_leadership(s, world.unit_a.id),
        lambda: coverage.for_term(s, world.term.id),
        lambda: staff.list_staff(s),
        lambda: staff.list_recusals(s),
        lambda: inspections.set_liaison(s, iid, "某", ""),
        lambda: terms.create_term(s, "第十届", "2031-01-01"),
    ]
    for call in refused:
        with pytest.raises(PermissionDenied):
            call()
    # Nothing about the case reached the trail under their name either.
    views = s.conn.execute(
        "SELECT count(*) FROM audit WHERE username = ? AND action LIKE '%view%'", (username,)
    ).fetchone()[0]
    assert views == 0
