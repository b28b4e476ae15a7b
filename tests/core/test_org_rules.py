"""The organisation's rules: recusal and its override, deletes refused with dependants, phase moves,
coverage gaps, and changes landing together with their audit entry."""

from __future__ import annotations

import pytest

from app.core.domain import phase_moves
from app.core.domain.organisation import coverage, inspections, staff, teams, terms, units
from app.core.domain.organisation.inspections import Phase
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from tests.core.org_support import world_fixture  # noqa: F401


def _staff_id(world, username: str) -> str:
    return next(s.id for s in staff.list_staff(world.office) if s.username == username)


# ---- recusal -------------------------------------------------------------------------------------


def test_joining_a_team_that_inspects_a_declared_unit_is_refused(world):
    office = world.office
    team_c = teams.create_team(office, world.round.id, "第三巡察组")
    inspections.create_inspection(office, team_c.id, world.township.id)
    # member2 leaves team B, declares a tie to 青石镇, then tries to join team C, which inspects it.
    member = next(m for m in teams.list_members(office, world.team_b.id) if m.username == "member2")
    teams.remove_member(office, member.id)
    staff.declare_recusal(office, _staff_id(world, "member2"), world.township.id, "父亲在青石镇任职")
    with pytest.raises(Conflict) as exc:
        teams.add_member(office, team_c.id, world.users["member2"], "member")
    assert "回避" in exc.value.message and "member2" in exc.value.message
    assert [m.username for m in teams.list_members(office, team_c.id)] == []
    assert world.audit_rows("recusal_override") == []


def test_assigning_a_unit_a_member_declared_is_refused_then_overridden(world):
    office = world.office
    staff.declare_recusal(office, _staff_id(world, "member1"), world.township.id, "配偶在该镇任职")
    with pytest.raises(Conflict) as exc:
        inspections.create_inspection(office, world.team_a.id, world.township.id)
    assert "回避" in exc.value.message
    with pytest.raises(ValidationError) as exc:  # an empty reason is not a reason
        inspections.create_inspection(office, world.team_a.id, world.township.id, override_reason=" ")
    assert exc.value.field == "override_reason"
    assert world.audit_rows("recusal_override") == []

    item = inspections.create_inspection(
        office, world.team_a.id, world.township.id, override_reason="仅负责资料整理，经巡察办主任批准"
    )
    rows = world.audit_rows("recusal_override")
    assert len(rows) == 1
    username, object_type, object_id, summary = rows[0]
    assert (username, object_type, object_id) == ("office", "team", world.team_a.id)
    assert "member1" in summary and "资料整理" not in summary
    assert staff.recusal_conflicts(office, world.team_a.id) == []
    assert item.unit_id == world.township.id


def test_team_roles_cannot_override(world):
    # Only the office has ORG_MANAGE at all; the override capability is checked on top of it.
    leader = world.login("leader1")
    with pytest.raises(PermissionDenied):
        teams.add_member(leader, world.team_a.id, world.users["member2"], override_reason="理由")


def test_late_declaration_shows_up_as_a_conflict(world):
    office = world.office
    staff.declare_recusal(office, _staff_id(world, "member1"), world.unit_a.id, "曾在该局任职")
    clashes = staff.recusal_conflicts(office, world.team_a.id)
    assert [(c.username, c.unit_id) for c in clashes] == [("member1", world.unit_a.id)]


def test_recusal_withdraw_and_list(world):
    office = world.office
    r = staff.declare_recusal(office, _staff_id(world, "member1"), world.township.id, "亲属任职")
    assert [x.id for x in staff.list_recusals(office, unit_id=world.township.id)] == [r.id]
    staff.update_recusal(office, r.id, "近亲属在该镇任职")
    staff.withdraw_recusal(office, r.id)
    assert staff.list_recusals(office) == []
    assert world.audit_rows("recusal_withdraw")[0][2] == r.id


# ---- deletes -------------------------------------------------------------------------------------


def test_deletes_refused_while_records_depend(world):
    office = world.office
    with pytest.raises(Conflict):
        terms.delete_term(office, world.term.id)  # has a round
    with pytest.raises(Conflict):
        terms.delete_round(office, world.round.id)  # has teams and inspections
    with pytest.raises(Conflict):
        terms.delete_batch(office, world.batch.id)  # inspections scheduled in it
    with pytest.raises(Conflict):
        units.delete_unit(office, world.unit_a.id)  # inspected
    with pytest.raises(Conflict):
        units.delete_unit(office, world.township.id)  # has a village under it
    with pytest.raises(Conflict):
        teams.delete_team(office, world.team_a.id)  # has an inspection
    with pytest.raises(Conflict):
        staff.remove_staff(office, _staff_id(world, "member1"))  # on a team
    staff.declare_recusal(office, _staff_id(world, "member1"), world.village.id, "户籍在该村")
    with pytest.raises(Conflict):
        units.delete_unit(office, world.village.id)  # a recusal points at it
    assert world.audit_rows("unit_delete") == [] and world.audit_rows("term_delete") == []


def test_deletes_in_dependency_order_succeed_and_are_audited(world):
    office = world.office
    phase_moves.move_phase(office, world.insp_a.id, Phase.ENTRY, on="2026-03-09")
    with pytest.raises(Conflict):
        inspections.delete_inspection(office, world.insp_a.id)  # the team has entered
    phase_moves.revert_phase(office, world.insp_a.id, "进驻日期推迟")
    with pytest.raises(Conflict):  # the move history is a dependant
        inspections.delete_inspection(office, world.insp_a.id)
    inspections.delete_inspection(office, world.insp_b.id)
    teams.delete_team(office, world.team_b.id)  # its members go with it
    assert (
        office.conn.execute(
            "SELECT count(*) FROM team_members WHERE team_id = ?", (world.team_b.id,)
        ).fetchone()[0]
        == 0
    )
    units.delete_unit(office, world.unit_b.id)  # its leadership goes with it
    assert (
        office.conn.execute(
            "SELECT count(*) FROM leadership WHERE unit_id = ?", (world.unit_b.id,)
        ).fetchone()[0]
        == 0
    )
    units.delete_unit(office, world.village.id)
    units.delete_unit(office, world.township.id)
    staff.remove_staff(office, _staff_id(world, "member2"))
    for action, object_id in [
        ("inspection_delete", world.insp_b.id),
        ("team_delete", world.team_b.id),
        ("unit_delete", world.unit_b.id),
    ]:
        assert object_id in [r[2] for r in world.audit_rows(action)]
    with pytest.raises(NotFound):
        units.get_unit(office, world.unit_b.id)


def test_empty_round_deletes_with_its_batches(world):
    office = world.office
    r = terms.create_round(office, world.term.id, 2, "ad_hoc")
    terms.create_batch(office, r.id, 1, "2026-10-01", "2026-10-20")
    terms.delete_round(office, r.id)
    assert terms.list_rounds(office, world.term.id) == [terms.get_round(office, world.round.id)]


# ---- phases --------------------------------------------------------------------------------------


def test_phase_moves_forward_one_step_at_a_time(world):
    leader = world.login("leader1")
    iid = world.insp_a.id
    with pytest.raises(ValidationError) as exc:
        phase_moves.move_phase(leader, iid, Phase.ON_SITE)  # skipping 进驻
    assert exc.value.field == "phase"
    with pytest.raises(ValidationError) as exc:
        phase_moves.move_phase(leader, iid, Phase.ENTRY, on="2026-03-01")  # before preparation began
    assert exc.value.field == "on"
    item = phase_moves.move_phase(leader, iid, Phase.ENTRY, on="2026-03-09")
    item = phase_moves.advance_phase(leader, iid, on="2026-03-10")
    assert item.phase is Phase.ON_SITE and item.phase.label == "了解情况"
    assert item.phase_dates == {
        Phase.PREPARATION: "2026-03-02",
        Phase.ENTRY: "2026-03-09",
        Phase.ON_SITE: "2026-03-10",
    }
    advances = world.audit_rows("phase_advance")
    assert [(r[0], r[2], r[3]) for r in advances] == [
        ("leader1", iid, "preparation -> entry"),
        ("leader1", iid, "entry -> on_site"),
    ]


def test_phase_moves_back_one_step_with_a_reason(world):
    office = world.office
    iid = world.insp_a.id
    phase_moves.move_phase(office, iid, Phase.ENTRY, on="2026-03-09")
    phase_moves.move_phase(office, iid, Phase.ON_SITE, on="2026-03-10")
    with pytest.raises(ValidationError) as exc:
        phase_moves.move_phase(office, iid, Phase.ENTRY)
    assert exc.value.field == "reason"
    with pytest.raises(ValidationError):
        phase_moves.move_phase(office, iid, Phase.PREPARATION, reason="两步退回")
    item = phase_moves.revert_phase(office, iid, "动员会改期，重新进驻")
    assert item.phase is Phase.ENTRY and Phase.ON_SITE not in item.phase_dates
    history = inspections.phase_history(office, iid)
    assert [(h.from_phase, h.to_phase, h.forward) for h in history] == [
        (Phase.PREPARATION, Phase.ENTRY, True),
        (Phase.ENTRY, Phase.ON_SITE, True),
        (Phase.ON_SITE, Phase.ENTRY, False),
    ]
    assert history[-1].reason == "动员会改期，重新进驻"
    (row,) = world.audit_rows("phase_revert")
    assert row[3] == "on_site -> entry" and "动员会" not in row[3]


def test_phase_ends(world):
    office = world.office
    with pytest.raises(Conflict):
        phase_moves.revert_phase(office, world.insp_a.id, "无")
    day = 2
    for _ in range(len(inspections.PHASES) - 1):
        day += 1
        phase_moves.advance_phase(office, world.insp_a.id, on=f"2026-03-{day:02d}")
    assert inspections.get_inspection(office, world.insp_a.id).phase.label == "立卷归档"
    with pytest.raises(Conflict):
        phase_moves.advance_phase(office, world.insp_a.id)


def test_only_the_office_or_the_teams_leader_steers(world):
    member = world.login("member1")
    with pytest.raises(PermissionDenied):
        phase_moves.advance_phase(member, world.insp_a.id)
    with pytest.raises(PermissionDenied):
        inspections.set_liaison(member, world.insp_a.id, "孙联络", "0571-88886666")
    other_leader = world.login("leader2")
    with pytest.raises(NotFound):  # not theirs: it does not exist for them
        phase_moves.advance_phase(other_leader, world.insp_a.id)
    with pytest.raises(NotFound):
        inspections.set_liaison(other_leader, world.insp_a.id, "孙联络", "")
    for admin in ("sysadmin", "secadmin", "auditor"):
        with pytest.raises(PermissionDenied):
            phase_moves.advance_phase(world.login(admin), world.insp_a.id)
    leader = world.login("leader1")
    item = inspections.set_liaison(leader, world.insp_a.id, "孙联络", "0571-88886666")
    assert (item.liaison_name, item.liaison_phone) == ("孙联络", "0571-88886666")
    with pytest.raises(ValidationError) as exc:
        inspections.set_liaison(leader, world.insp_a.id, "孙联络", "电话")
    assert exc.value.field == "liaison_phone"
    assert world.audit_rows("inspection_liaison")[0][:3] == ("leader1", "inspection", world.insp_a.id)


def test_phase_gates_can_refuse_a_move(world, monkeypatch):
    seen = []

    def no_report_without_papers(session, inspection, new_phase):
        seen.append((inspection.id, inspection.phase, new_phase))
        if new_phase is Phase.REPORT:
            raise Conflict("还有未归还的调阅资料。")

    monkeypatch.setattr(phase_moves, "PHASE_GATES", (no_report_without_papers,))
    office = world.office
    iid = world.insp_a.id
    phase_moves.advance_phase(office, iid, on="2026-03-09")
    phase_moves.advance_phase(office, iid, on="2026-03-10")
    before = len(world.audit_rows("phase_advance"))
    with pytest.raises(Conflict, match="调阅资料"):
        phase_moves.advance_phase(office, iid, on="2026-04-10")
    assert inspections.get_inspection(office, iid).phase is Phase.ON_SITE
    assert len(world.audit_rows("phase_advance")) == before  # refused: nothing written, nothing audited
    assert seen[-1] == (iid, Phase.ON_SITE, Phase.REPORT)


def test_phase_date_correction_keeps_order(world):
    office = world.office
    iid = world.insp_a.id
    phase_moves.advance_phase(office, iid, on="2026-03-09")
    phase_moves.advance_phase(office, iid, on="2026-03-12")
    with pytest.raises(ValidationError):
        inspections.set_phase_date(office, iid, Phase.ENTRY, "2026-03-13")
    with pytest.raises(ValidationError):
        inspections.set_phase_date(office, iid, Phase.REPORT, "2026-03-13")
    item = inspections.set_phase_date(office, iid, Phase.ENTRY, "2026-03-10")
    assert item.phase_dates[Phase.ENTRY] == "2026-03-10"


# ---- coverage ------------------------------------------------------------------------------------


def test_coverage_flags_uncovered_units(world):
    office = world.office
    rows = coverage.for_term(office, world.term.id)
    assert [r.unit_name for r in rows if not r.covered] == ["青石镇", "青石镇石桥村"]
    assert not rows[0].covered  # gaps come first so they stand out
    covered = {r.unit_name: r for r in rows if r.covered}
    assert set(covered) == {"市教育局", "市财政局"}
    hit = covered["市教育局"].hits[0]
    assert (hit.round_number, hit.team_name, hit.phase) == (1, "第一巡察组", Phase.PREPARATION)
    summary = coverage.summarise(rows)
    assert (summary.total, summary.covered, summary.uncovered) == (4, 2, 2)
    assert world.audit_rows("coverage_view")[-1][3] == "2/4 个单位已覆盖"


def test_a_look_back_alone_does_not_cover(world):
    office = world.office
    r2 = terms.create_round(office, world.term.id, 2, "look_back")
    t = teams.create_team(office, r2.id, "第一巡察组")
    inspections.create_inspection(office, t.id, world.township.id)
    inspections.create_inspection(office, t.id, world.unit_a.id)
    rows = {r.unit_name: r for r in coverage.for_term(office, world.term.id)}
    assert not rows["青石镇"].covered and rows["青石镇"].looked_back
    assert rows["市教育局"].covered and rows["市教育局"].looked_back
    assert [h.round_number for h in rows["市教育局"].hits] == [1, 2]


def test_coverage_is_for_the_office(world):
    for username in ("leader1", "member1", "sysadmin", "secadmin", "auditor"):
        with pytest.raises(PermissionDenied):
            coverage.for_term(world.login(username), world.term.id)
    with pytest.raises(NotFound):
        coverage.for_term(world.office, "no-such-term")


# ---- transactions --------------------------------------------------------------------------------


def test_change_and_audit_land_together(world):
    office = world.office
    seq = office.conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
    with pytest.raises(RuntimeError):
        with office.transaction():
            units.create_unit(office, "市审计局", "department")
            raise RuntimeError("crash after the write")
    assert office.conn.execute("SELECT count(*) FROM units WHERE name = '市审计局'").fetchone()[0] == 0
    assert office.conn.execute("SELECT max(seq) FROM audit").fetchone()[0] == seq
    unit = units.create_unit(office, "市审计局", "department")
    assert world.audit_rows("unit_create")[-1][2] == unit.id
