"""Validation of every organisation record: bad input names the field, and nothing is written."""

from __future__ import annotations

import pytest

from app.core.domain.organisation import inspections, staff, teams, terms, units
from app.core.errors import PermissionDenied, ValidationError
from tests.core.org_support import world_fixture  # noqa: F401


def field_of(excinfo) -> str | None:
    return excinfo.value.field


def _count(world, table: str) -> int:
    return world.office.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"name": " ", "starts_on": "2026-01-01"}, "name"),
        ({"name": "中共某市委第九届", "starts_on": "2026-01-01"}, "name"),  # duplicate
        ({"name": "第十届", "starts_on": "2026-13-01"}, "starts_on"),
        ({"name": "第十届", "starts_on": ""}, "starts_on"),
        ({"name": "第十届", "starts_on": "2026-01-01", "ends_on": "2025-12-31"}, "ends_on"),
        ({"name": "x" * 101, "starts_on": "2026-01-01"}, "name"),
    ],
)
def test_term_validation(world, kwargs, field):
    before = _count(world, "terms")
    with pytest.raises(ValidationError) as exc:
        terms.create_term(world.office, **kwargs)
    assert field_of(exc) == field
    assert exc.value.message  # a Chinese sentence for the form
    assert _count(world, "terms") == before


def test_term_edit_keeps_its_own_name(world):
    term = terms.update_term(world.office, world.term.id, world.term.name, "2026-01-01", "2031-01-01")
    assert term.ends_on == "2031-01-01"


@pytest.mark.parametrize(
    ("args", "kwargs", "field"),
    [
        ((1, "regular"), {}, "number"),  # round 1 exists
        ((0, "regular"), {}, "number"),
        (("二", "regular"), {}, "number"),
        ((2, "routine"), {}, "kind"),
        ((2, "regular"), {"status": "done"}, "status"),
        ((2, "regular"), {"starts_on": "2026-05-01", "ends_on": "2026-04-01"}, "ends_on"),
    ],
)
def test_round_validation(world, args, kwargs, field):
    with pytest.raises(ValidationError) as exc:
        terms.create_round(world.office, world.term.id, *args, **kwargs)
    assert field_of(exc) == field


def test_round_needs_a_term(world):
    with pytest.raises(ValidationError) as exc:
        terms.create_round(world.office, "no-such-term", 1, "regular")
    assert field_of(exc) == "term_id"


def test_round_kinds_and_labels(world):
    labels = {k.value: k.label for k in terms.RoundKind}
    assert labels == {
        "regular": "常规",
        "special": "专项",
        "ad_hoc": "机动",
        "elevated": "提级",
        "extended": "延伸",
        "look_back": "回头看",
    }
    r = terms.create_round(world.office, world.term.id, 2, terms.RoundKind.LOOK_BACK)
    assert r.label == "第二轮（回头看）" and r.status is terms.RoundStatus.PLANNED


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((1, "2026-05-01", "2026-05-30"), "number"),  # batch 1 exists
        ((2, "", "2026-05-30"), "starts_on"),
        ((2, "2026-05-01", None), "ends_on"),
        ((2, "2026-05-01", "2026-04-30"), "ends_on"),
    ],
)
def test_batch_validation(world, args, field):
    with pytest.raises(ValidationError) as exc:
        terms.create_batch(world.office, world.round.id, *args)
    assert field_of(exc) == field


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("", "department"), "name"),
        (("市教育局", "department"), "name"),  # duplicate
        (("市审计局", "bureau"), "kind"),
        (("某村", "village", "missing-parent"), "parent_id"),
    ],
)
def test_unit_validation(world, args, field):
    with pytest.raises(ValidationError) as exc:
        units.create_unit(world.office, *args)
    assert field_of(exc) == field


def test_unit_parent_cannot_loop(world):
    with pytest.raises(ValidationError) as exc:
        units.update_unit(world.office, world.township.id, "青石镇", "township", world.village.id)
    assert field_of(exc) == "parent_id"
    with pytest.raises(ValidationError):
        units.update_unit(world.office, world.township.id, "青石镇", "township", world.township.id)


def test_leadership_validation_and_one_top_leader(world):
    with pytest.raises(ValidationError) as exc:
        units.add_person(world.office, world.unit_a.id, "", "副局长")
    assert field_of(exc) == "name"
    with pytest.raises(ValidationError) as exc:
        units.add_person(world.office, world.unit_a.id, "赵六", " ")
    assert field_of(exc) == "position"
    with pytest.raises(ValidationError) as exc:
        units.add_person(world.office, world.unit_a.id, "赵六", "党组书记", is_top_leader=True)
    assert field_of(exc) == "is_top_leader" and "一把手" in exc.value.message
    people = units.list_leadership(world.office, world.unit_a.id)
    assert [p.is_top_leader for p in people] == [True, False]
    # Moving the flag: clear it on the old top leader first, then set it on the new one.
    top, deputy = people
    units.update_person(world.office, top.id, top.name, top.position, False, top.sort_order)
    units.update_person(world.office, deputy.id, deputy.name, "党组书记、局长", True, 0)
    assert units.list_leadership(world.office, world.unit_a.id)[0].id == deputy.id


def test_staff_validation(world):
    office = world.office
    with pytest.raises(ValidationError) as exc:
        staff.add_staff(office, world.users["leader1"])  # already in the pool
    assert field_of(exc) == "user_id"
    for admin in ("sysadmin", "office"):
        with pytest.raises(ValidationError) as exc:
            staff.add_staff(office, world.users[admin])
        assert field_of(exc) == "user_id"
    with pytest.raises(ValidationError) as exc:
        staff.add_staff(office, "nobody")
    assert field_of(exc) == "user_id"
    entry = staff.list_staff(office)[0]
    with pytest.raises(ValidationError) as exc:
        staff.update_staff(office, entry.id, "x" * 61, "")
    assert field_of(exc) == "post"


def test_recusal_validation(world):
    office = world.office
    entry = next(s for s in staff.list_staff(office) if s.username == "member1")
    with pytest.raises(ValidationError) as exc:
        staff.declare_recusal(office, entry.id, world.township.id, "  ")
    assert field_of(exc) == "reason"
    with pytest.raises(ValidationError) as exc:
        staff.declare_recusal(office, entry.id, "no-unit", "亲属任职")
    assert field_of(exc) == "unit_id"
    staff.declare_recusal(office, entry.id, world.township.id, "亲属在该镇任职")
    with pytest.raises(ValidationError) as exc:
        staff.declare_recusal(office, entry.id, world.township.id, "再次申报")
    assert field_of(exc) == "unit_id"


def test_team_validation(world):
    office = world.office
    with pytest.raises(ValidationError) as exc:
        teams.create_team(office, world.round.id, "第一巡察组")
    assert field_of(exc) == "name"
    with pytest.raises(ValidationError) as exc:
        teams.create_team(office, world.round.id, "")
    assert field_of(exc) == "name"
    with pytest.raises(ValidationError) as exc:
        teams.create_team(office, "no-round", "第三巡察组")
    assert field_of(exc) == "round_id"
    assert teams.suggested_name(office, world.round.id) == "第三巡察组"


def test_team_member_validation(world):
    office = world.office
    team_c = teams.create_team(office, world.round.id, "第三巡察组")
    with pytest.raises(ValidationError) as exc:
        teams.add_member(office, team_c.id, world.users["member1"], "captain")
    assert field_of(exc) == "position"
    with pytest.raises(ValidationError) as exc:  # a member-role account cannot lead
        teams.add_member(office, world.team_a.id, world.users["member2"], "leader")
    assert field_of(exc) == "position"
    with pytest.raises(ValidationError) as exc:  # team A already has leader1
        teams.add_member(office, world.team_a.id, world.users["leader2"], "leader")
    assert field_of(exc) == "position"
    with pytest.raises(ValidationError) as exc:
        teams.add_member(office, world.team_a.id, world.users["member1"], "member")
    assert field_of(exc) == "user_id"
    with pytest.raises(ValidationError) as exc:  # not in the staff pool
        teams.add_member(office, team_c.id, world.users["office"], "member")
    assert field_of(exc) == "user_id"


def test_one_team_per_round(world):
    from app.core.errors import Conflict

    team_c = teams.create_team(world.office, world.round.id, "第三巡察组")
    with pytest.raises(Conflict) as exc:
        teams.add_member(world.office, team_c.id, world.users["member1"], "member")
    assert "第一巡察组" in exc.value.message


def test_inspection_validation(world):
    office = world.office
    with pytest.raises(ValidationError) as exc:
        inspections.create_inspection(
            office, world.team_a.id, world.unit_b.id
        )  # unit_b is team B's this round
    assert field_of(exc) == "unit_id"
    with pytest.raises(ValidationError) as exc:
        inspections.create_inspection(office, "no-team", world.township.id)
    assert field_of(exc) == "team_id"
    with pytest.raises(ValidationError) as exc:
        inspections.create_inspection(office, world.team_a.id, "no-unit")
    assert field_of(exc) == "unit_id"
    other_round = terms.create_round(office, world.term.id, 2, "special")
    other_batch = terms.create_batch(office, other_round.id, 1, "2026-09-01", "2026-09-30")
    with pytest.raises(ValidationError) as exc:
        inspections.create_inspection(office, world.team_a.id, world.township.id, batch_id=other_batch.id)
    assert field_of(exc) == "batch_id"
    with pytest.raises(ValidationError) as exc:
        inspections.create_inspection(office, world.team_a.id, world.township.id, liaison_phone="call me")
    assert field_of(exc) == "liaison_phone"
    with pytest.raises(ValidationError) as exc:
        inspections.create_inspection(office, world.team_a.id, world.township.id, began_on="2026-02-30")
    assert field_of(exc) == "began_on"
    other_team = teams.create_team(office, other_round.id, "第一巡察组")
    with pytest.raises(ValidationError) as exc:  # re-pointing across rounds
        inspections.update_inspection(office, world.insp_a.id, other_team.id, world.unit_a.id, None)
    assert field_of(exc) == "team_id"


def test_team_roles_cannot_write_organisation(world):
    for username in ("leader1", "member1"):
        s = world.login(username)
        with pytest.raises(PermissionDenied):
            terms.create_term(s, "第十届", "2031-01-01")
        with pytest.raises(PermissionDenied):
            units.create_unit(s, "市审计局", "department")
        with pytest.raises(PermissionDenied):
            teams.create_team(s, world.round.id, "第九巡察组")
        with pytest.raises(PermissionDenied):
            inspections.create_inspection(s, world.team_a.id, world.township.id)
        with pytest.raises(PermissionDenied):
            staff.list_staff(s)


def test_edits_are_audited(world):
    office = world.office
    terms.update_round(office, world.round.id, 1, "special", "finished", "2026-03-02", "2026-06-30")
    units.update_unit(office, world.unit_a.id, "市教育局（市语委）", "department", None)
    teams.update_team(office, world.team_a.id, "第一巡察组")
    assert world.audit_rows("round_update")[-1][2] == world.round.id
    assert world.audit_rows("unit_update")[-1][2] == world.unit_a.id
    assert world.audit_rows("team_update")[-1][2] == world.team_a.id
    # Summaries carry no record text (the unit's new name is not in the trail).
    assert all("市语委" not in row[3] for row in world.audit_rows("unit_update"))
