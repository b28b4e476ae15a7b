"""Document review: the request list, custody rules, the phase gate, reading notes and excerpts."""

from __future__ import annotations

import pytest

from app.core.domain import phase_moves
from app.core.domain.organisation import inspections
from app.core.domain.organisation.inspections import Phase
from app.core.domain.review import access, custody_gate, listing, reading, writes
from app.core.domain.review.custody import CustodyState
from app.core.domain.review.request_item import Category
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from tests.core.org_support import world_fixture  # noqa: F401


def _item(session, inspection_id, title="2025年党委会议记录", **kw):
    kw.setdefault("category", Category.PARTY_MINUTES)
    kw.setdefault("requested_on", "2026-03-05")
    return writes.add_item(session, inspection_id, title=title, **kw)


def _to_on_site(world, inspection_id):
    leader = world.login("leader1")
    phase_moves.advance_phase(leader, inspection_id, on="2026-03-03")
    phase_moves.advance_phase(leader, inspection_id, on="2026-03-04")
    return leader


# ---- the request list and custody ----------------------------------------------------------------


def test_request_list_numbers_items_and_audits_each_change(world):
    member = world.login("member1")
    a = _item(member, world.insp_a.id, period_start="2025-01-01", period_end="2025-12-31")
    b = _item(member, world.insp_a.id, "2025年记账凭证", category="vouchers")
    assert (a.number, b.number) == (1, 2)
    assert a.state is CustodyState.REQUESTED and a.outstanding and a.stands_out
    assert a.period_text == "2025-01-01 至 2025-12-31"
    assert b.category.label == "财务凭证"
    rows = world.audit_rows("document_request_create")
    assert [r[2] for r in rows] == [a.id, b.id]
    assert all("党委" not in r[3] and "凭证" not in r[3] for r in rows)  # no record text in the trail
    listed = listing.list_items(member, world.insp_a.id)
    assert [i.id for i in listed] == [a.id, b.id]
    assert world.audit_rows("document_requests_view")


def test_request_validation_names_the_field(world):
    member = world.login("member1")
    cases = [
        ({"category": "novel"}, "category"),
        ({"title": "  "}, "title"),
        ({"requested_on": "2026-02-30"}, "requested_on"),
        ({"period_start": "2025-12-01", "period_end": "2025-01-01"}, "period_end"),
        ({"planned_return_on": "2026-03-01"}, "planned_return_on"),
    ]
    for change, field in cases:
        kw = {"category": "contracts", "title": "采购合同", "requested_on": "2026-03-05", **change}
        with pytest.raises(ValidationError) as err:
            writes.add_item(member, world.insp_a.id, **kw)
        assert err.value.field == field, change


def test_custody_states_follow_the_dates(world):
    member = world.login("member1")
    uid = world.users
    item = _item(member, world.insp_a.id)
    item = writes.receive_item(
        member, item.id, received_on="2026-03-06", volumes=3, pages=412, planned_return_on="2026-03-20"
    )
    assert item.volumes == 3 and item.pages == 412
    assert listing.get_item(member, item.id, today="2026-03-06").state is CustodyState.RECEIVED
    item = writes.hand_over(member, item.id, uid["member1"], on="2026-03-06")
    assert item.holder_name == "周组员"
    assert [name for _, name in access.team_people(member, world.insp_a.id)] == ["刘组长", "周组员"]
    assert listing.get_item(member, item.id, today="2026-03-06").state is CustodyState.HELD
    assert listing.get_item(member, item.id, today="2026-03-21").state is CustodyState.OVERDUE
    assert listing.get_item(member, item.id, today="2026-03-20").state is CustodyState.HELD
    item = writes.record_copies(member, item.id, 2, on="2026-03-07")
    item = writes.record_copies(member, item.id, 1, on="2026-03-08")
    assert item.copies == 3
    item = writes.set_planned_return(member, item.id, "2026-03-25")
    assert listing.get_item(member, item.id, today="2026-03-21").state is CustodyState.HELD
    item = writes.return_item(member, item.id, returned_on="2026-03-24", returned_to="办公室 李明")
    assert (
        item.state is CustodyState.RETURNED and item.holder_id is None and item.returned_to == "办公室 李明"
    )
    assert not item.outstanding
    events = [e.event.value for e in listing.custody_history(member, item.id)]
    assert events == ["received", "handed_over", "copied", "copied", "return_planned", "returned"]
    for action in (
        "document_receive",
        "document_hand_over",
        "document_copies",
        "document_return_plan",
        "document_return",
    ):
        assert world.audit_rows(action), action


def test_custody_rules_refuse_out_of_order_changes(world):
    member = world.login("member1")
    uid = world.users
    item = _item(member, world.insp_a.id)
    with pytest.raises(Conflict):
        writes.return_item(member, item.id, returned_on="2026-03-10", returned_to="李明")
    with pytest.raises(Conflict):
        writes.hand_over(member, item.id, uid["member1"])
    with pytest.raises(ValidationError) as err:
        writes.receive_item(member, item.id, received_on="2026-03-01")  # before it was asked for
    assert err.value.field == "received_on"
    with pytest.raises(ValidationError) as err:  # the holder must be on the inspecting team
        writes.receive_item(member, item.id, received_on="2026-03-06", holder_id=uid["member2"])
    assert err.value.field == "holder_id"
    with pytest.raises(ValidationError) as err:
        writes.receive_item(member, item.id, received_on="2026-03-06", pages=0)
    assert err.value.field == "pages"
    writes.receive_item(member, item.id, received_on="2026-03-06", holder_id=uid["leader1"])
    with pytest.raises(Conflict):
        writes.receive_item(member, item.id, received_on="2026-03-07")
    with pytest.raises(Conflict):
        writes.delete_item(member, item.id)  # its custody record stays
    with pytest.raises(ValidationError) as err:
        writes.return_item(member, item.id, returned_on="2026-03-05", returned_to="李明")
    assert err.value.field == "returned_on"
    with pytest.raises(ValidationError) as err:
        writes.return_item(member, item.id, returned_on="2026-03-08", returned_to="")
    assert err.value.field == "returned_to"
    writes.return_item(member, item.id, returned_on="2026-03-08", returned_to="李明")
    with pytest.raises(Conflict):
        writes.record_copies(member, item.id, 1)
    with pytest.raises(Conflict):
        writes.set_planned_return(member, item.id, "2026-04-01")
    # a line never received can be deleted; the lines before it keep their numbers
    spare = _item(member, world.insp_a.id, "多余的一项")
    writes.delete_item(member, spare.id)
    assert [i.number for i in listing.list_items(member, world.insp_a.id)] == [1]
    assert _item(member, world.insp_a.id, "下一项").number == 2


def test_refused_change_writes_nothing(world):
    member = world.login("member1")
    item = _item(member, world.insp_a.id)
    before = member.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    with pytest.raises(ValidationError):
        writes.receive_item(member, item.id, received_on="2026-03-06", volumes="三")
    assert member.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == before
    assert listing.get_item(member, item.id).received_on is None
    assert member.conn.execute("SELECT count(*) FROM custody_events").fetchone()[0] == 0


def test_custody_summary_counts_every_state(world):
    member = world.login("member1")
    uid = world.users
    ids = [_item(member, world.insp_a.id, f"事项{i}").id for i in range(5)]
    writes.receive_item(member, ids[1], received_on="2026-03-06")
    writes.receive_item(member, ids[2], received_on="2026-03-06", holder_id=uid["member1"])
    writes.receive_item(member, ids[3], received_on="2026-03-06", planned_return_on="2026-03-10")
    writes.receive_item(member, ids[4], received_on="2026-03-06")
    writes.return_item(member, ids[4], returned_on="2026-03-09", returned_to="李明")
    summary = listing.custody_summary(member, world.insp_a.id, today="2026-03-15")
    assert summary.total == 5 and summary.unreturned == 3 and summary.overdue == 1
    assert {s.value: n for s, n in summary.by_state.items()} == {
        "requested": 1,
        "received": 1,
        "held": 1,
        "overdue": 1,
        "returned": 1,
    }
    overdue = listing.list_items(member, world.insp_a.id, today="2026-03-15", state="overdue")
    assert [i.id for i in overdue] == [ids[3]] and overdue[0].stands_out


# ---- the phase gate ------------------------------------------------------------------------------


def test_phase_gate_refuses_then_the_leader_overrides_with_audit(world):
    leader = _to_on_site(world, world.insp_a.id)
    member = world.login("member1")
    item = _item(member, world.insp_a.id)
    asked_only = _item(member, world.insp_a.id, "从未提供的一项")  # never received: nothing to give back
    writes.receive_item(member, item.id, received_on="2026-03-06")
    with pytest.raises(Conflict) as err:
        phase_moves.advance_phase(leader, world.insp_a.id, on="2026-03-20")
    assert "1 件" in err.value.message
    assert inspections.get_inspection(leader, world.insp_a.id).phase is Phase.ON_SITE
    # members and the office may not approve; a leader of another team may not see it at all
    with pytest.raises(PermissionDenied):
        custody_gate.approve_override(member, world.insp_a.id, "对方单位同意延后归还")
    with pytest.raises(PermissionDenied):
        custody_gate.approve_override(world.office, world.insp_a.id, "对方单位同意延后归还")
    with pytest.raises(NotFound):
        custody_gate.approve_override(world.login("leader2"), world.insp_a.id, "对方单位同意延后归还")
    with pytest.raises(ValidationError) as verr:
        phase_moves.advance_with_override(leader, world.insp_a.id, "  ")
    assert verr.value.field == "reason"
    moved = phase_moves.advance_with_override(
        leader, world.insp_a.id, "对方单位同意报告阶段结束前归还", on="2026-03-20"
    )
    assert moved.phase is Phase.REPORT
    approve = world.audit_rows("custody_override_approve")
    used = world.audit_rows("custody_override_used")
    assert len(approve) == 1 and approve[0][0] == "leader1" and "1 件未归还" in approve[0][3]
    assert len(used) == 1 and used[0][2] == world.insp_a.id
    reason = leader.conn.execute("SELECT reason, used_at FROM custody_overrides").fetchone()
    assert reason[0] == "对方单位同意报告阶段结束前归还" and reason[1]
    # an approval serves one move: back to on-site, and leaving again is refused anew
    phase_moves.revert_phase(leader, world.insp_a.id, "补充谈话")
    with pytest.raises(Conflict):
        phase_moves.advance_phase(leader, world.insp_a.id, on="2026-03-21")
    writes.return_item(member, item.id, returned_on="2026-03-21", returned_to="李明")
    assert phase_moves.advance_phase(leader, world.insp_a.id, on="2026-03-21").phase is Phase.REPORT
    assert asked_only  # requested but never received does not block


def test_override_and_move_land_together_or_not_at_all(world):
    leader = _to_on_site(world, world.insp_a.id)
    item = _item(leader, world.insp_a.id)
    writes.receive_item(leader, item.id, received_on="2026-03-06")
    with pytest.raises(ValidationError):  # the move itself fails (a date before the phase began)
        phase_moves.advance_with_override(leader, world.insp_a.id, "理由", on="2026-03-01")
    assert leader.conn.execute("SELECT count(*) FROM custody_overrides").fetchone()[0] == 0
    assert not world.audit_rows("custody_override_approve")


def test_gate_does_not_hinder_earlier_phases_or_a_clean_inspection(world):
    leader = world.login("leader1")
    item = _item(leader, world.insp_a.id)
    writes.receive_item(leader, item.id, received_on="2026-03-06")
    phase_moves.advance_phase(leader, world.insp_a.id, on="2026-03-03")  # preparation -> entry
    phase_moves.advance_phase(leader, world.insp_a.id, on="2026-03-04")  # entry -> on-site
    # the other team's inspection has no items: it leaves on-site freely
    leader2 = world.login("leader2")
    for day in ("2026-03-03", "2026-03-04", "2026-03-20"):
        phase_moves.advance_phase(leader2, world.insp_b.id, on=day)
    assert inspections.get_inspection(leader2, world.insp_b.id).phase is Phase.REPORT
    with pytest.raises(Conflict):
        custody_gate.approve_override(leader2, world.insp_b.id, "无需")  # nothing unreturned


# ---- reading notes and excerpts --------------------------------------------------------------------


def test_readings_and_excerpts_with_stable_numbers(world):
    member = world.login("member1")
    uid = world.users
    item = _item(member, world.insp_a.id)
    with pytest.raises(Conflict):  # nothing to read yet
        reading.add_reading(member, item.id, read_on="2026-03-06", notes="x")
    writes.receive_item(member, item.id, received_on="2026-03-06")
    r1 = reading.add_reading(member, item.id, read_on="2026-03-07", notes="三重一大事项未经集体研究。")
    assert r1.reviewer_id == uid["member1"] and r1.reviewer_name
    with pytest.raises(ValidationError) as err:
        reading.add_reading(member, item.id, read_on="2026-03-07", notes="x", reviewer_id=uid["member2"])
    assert err.value.field == "reviewer_id"
    r2 = reading.add_reading(member, item.id, read_on="2026-03-08", notes="", reviewer_id=uid["leader1"])
    x1 = reading.add_excerpt(
        member, item.id, passage="经研究，同意采购办公设备。", location="第2册 第15页", reading_id=r1.id
    )
    x2 = reading.add_excerpt(member, item.id, passage="会议未记录表决情况。", location="第3册 第4页")
    assert (x1.number, x2.number, x1.label) == (1, 2, "摘录001")
    other = _item(member, world.insp_a.id, "2024年记账凭证", category="vouchers")
    with pytest.raises(ValidationError) as err:
        reading.add_excerpt(member, other.id, passage="x", reading_id=r1.id)
    assert err.value.field == "reading_id"
    fixed = reading.update_excerpt(
        member, x1.id, passage="经研究，同意采购办公设备一批。", location="第2册 第16页"
    )
    assert fixed.id == x1.id and fixed.number == 1 and fixed.location == "第2册 第16页"
    reading.delete_excerpt(member, x2.id)
    x3 = reading.add_excerpt(member, item.id, passage="又一处。", location="第1页")
    assert x3.number == 3  # numbers are not reused
    assert [x.id for x in reading.list_excerpts(member, world.insp_a.id)] == [x1.id, x3.id]
    assert reading.get_excerpt(member, x1.id).passage.endswith("一批。")
    with pytest.raises(Conflict):
        reading.delete_reading(member, r1.id)  # an excerpt points to it
    reading.delete_reading(member, r2.id)
    readings = reading.list_readings(member, item.id)
    assert [r.id for r in readings] == [r1.id] and readings[0].excerpt_count == 1
    for action in ("reading_create", "reading_delete", "excerpt_create", "excerpt_update", "excerpt_delete"):
        assert world.audit_rows(action), action


# ---- need to know -------------------------------------------------------------------------------------


def test_another_team_and_the_administrators_see_nothing(world):
    member = world.login("member1")
    item = _item(member, world.insp_a.id)
    writes.receive_item(member, item.id, received_on="2026-03-06")
    r = reading.add_reading(member, item.id, read_on="2026-03-07", notes="笔记")
    x = reading.add_excerpt(member, item.id, passage="摘录内容", location="第1页")
    outsider = world.login("member2")
    for call in (
        lambda: listing.list_items(outsider, world.insp_a.id),
        lambda: listing.get_item(outsider, item.id),
        lambda: listing.custody_history(outsider, item.id),
        lambda: writes.add_item(
            outsider, world.insp_a.id, category="other", title="x", requested_on="2026-03-05"
        ),
        lambda: writes.return_item(outsider, item.id, returned_on="2026-03-08", returned_to="李明"),
        lambda: reading.list_readings(outsider, item.id),
        lambda: reading.update_reading(outsider, r.id, read_on="2026-03-07", notes="改"),
        lambda: reading.get_excerpt(outsider, x.id),
        lambda: reading.list_excerpts(outsider, world.insp_a.id),
    ):
        with pytest.raises(NotFound):
            call()
    for admin in ("sysadmin", "secadmin", "auditor"):
        with pytest.raises(PermissionDenied):
            listing.list_items(world.login(admin), world.insp_a.id)
    # the office sees every inspection's list
    assert [i.id for i in listing.list_items(world.office, world.insp_a.id)] == [item.id]


def test_the_custody_gate_is_named_where_phases_move():
    """The gate is in the one list of phase gates (nothing registers itself on import), and the
    organisation's own move cannot be called without saying which gates apply."""
    assert custody_gate.custody_gate in phase_moves.PHASE_GATES
    with pytest.raises(TypeError, match="gates"):
        inspections.advance_phase(None, "any")
