"""The whole cycle across three data folders: the office, team A and team B (issue 19, done when).

Configure both teams from the office; each works on its own workstation (talks, a working paper
taken into rectification, leads); both hand in; the office merges, then a conflict (a talk edited on
both sides) and replayed packages; receipts; both team workstations wiped. Checked: the merged
records, the compartments, the audit trail on both sides, the wiped folders.
"""

from __future__ import annotations

import pytest

from app.core.domain.register import leads, rectification_store
from app.core.domain.register.issue_record import IssueStatus
from app.core.domain.talks import writes as talk_writes
from app.core.errors import UserError
from app.core.exchange import conflicts, hand_in, merge, receipt, review, wipe
from app.core.exchange.errors import ExchangeError
from app.core.security import audit as audit_trail
from tests.core.issue_support import advance, reg_fixture, signed_issue  # noqa: F401
from tests.core.org_support import world_fixture  # noqa: F401
from tests.exchange.support import configure, signed_talk, talk_form


def _hand_in(session, path, medium):
    return hand_in.hand_in(session, path, medium_no=medium, confirm=review.review(session).token)


def _round_trip(world, team_leader, path, medium, tmp_path):
    pkg = _hand_in(team_leader, path, medium)
    result = merge.merge(world.office, pkg.path, medium_no=medium)
    out = tmp_path / f"receipt-{pkg.seq}-{team_leader.workstation_id[:8]}.xpk"
    receipt.write_receipt(world.office, result.register_id, out, medium_no=medium)
    receipt.acknowledge(team_leader, out, medium_no=medium)
    return pkg, result


def _count(conn, table, where="1", args=()):
    return conn.execute(f"SELECT count(*) FROM {table} WHERE {where}", args).fetchone()[0]


def test_office_and_two_teams_through_the_whole_cycle(reg, tmp_path):
    world = reg
    a = configure(world, world.team_a, tmp_path / "team_a", tmp_path, medium="U盘-2026-001")
    b = configure(world, world.team_b, tmp_path / "team_b", tmp_path, medium="U盘-2026-002")
    a_member, a_leader = a.login("member1"), a.login("leader1")
    b_member, b_leader = b.login("member2"), b.login("leader2")

    # ---- the teams work on site ----------------------------------------------------------------------
    talk_a = signed_talk(world, a_member, world.insp_a.id)
    shared = talk_writes.create_talk(a_member, world.insp_a.id, talk_form(world, interviewee_name="王建国"))
    talk_writes.mark_recorded(a_member, shared.id)
    issue = signed_issue(a_member, a_leader, world.insp_a.id)
    issue = advance(
        world, issue.id, IssueStatus.IN_RECTIFICATION, member=a_member, leader=a_leader, office=None
    )
    lead_a = leads.create_lead(
        a_leader,
        world.insp_a.id,
        leads.LeadDraft(person_name="张某某", summary="涉嫌违规收受礼金", received_on="2026-03-12"),
    )
    from app.core.domain.spot_checks import records as spot_checks
    from app.core.domain.visits import records as visits
    from app.core.domain.visits.types import VisitForm

    visit_a = visits.create_visit(
        a_member,
        world.insp_a.id,
        VisitForm("site", "2026-03-12", "城东项目工地", members=["周组员"], observations="监理日志缺失。"),
    )
    visits.add_attachment(a_member, visit_a.id, "工地.txt", "工地照片说明".encode())
    check_a = spot_checks.create_spot_check(
        a_leader,
        world.insp_a.id,
        spot_checks.SpotCheckForm(
            "2026-03-13", "王建国", "2025年度个人有关事项报告", discrepancies="漏报房产"
        ),
    )
    talk_b = signed_talk(
        world, b_member, world.insp_b.id, leader="leader2", member="member2", interviewee_unit="市财政局"
    )
    lead_b = leads.create_lead(
        b_leader,
        world.insp_b.id,
        leads.LeadDraft(person_name="李某某", summary="涉嫌插手工程项目", received_on="2026-03-13"),
    )
    # On the team workstation a member's slot opens no more than before: no lead.
    with pytest.raises(UserError):
        leads.get_lead(a_member, lead_a.id)

    # ---- hand in and merge ---------------------------------------------------------------------------
    a1, merged_a1 = _round_trip(world, a_leader, tmp_path / "a1.xpk", "U盘-2026-011", tmp_path)
    b1, merged_b1 = _round_trip(world, b_leader, tmp_path / "b1.xpk", "U盘-2026-012", tmp_path)
    office = world.office
    assert merged_a1.conflicts == [] and merged_b1.conflicts == []
    assert {talk_a.id, shared.id, talk_b.id} <= {r[0] for r in office.conn.execute("SELECT id FROM talks")}
    assert _count(office.conn, "issues", "id = ?", (issue.id,)) == 1
    assert rectification_store.load(office.conn, issue.id) is not None  # the rectification came too
    doc_nos = [r[0] for r in office.conn.execute("SELECT doc_no FROM talks ORDER BY doc_no")]
    assert doc_nos == list(range(1, len(doc_nos) + 1))  # both teams' talk No. 1 got office numbers

    # Compartments survived the trip: sealed at the office, readable by the entitled only.
    assert office.conn.execute("SELECT person_name FROM leads WHERE id = ?", (lead_a.id,)).fetchone()[0] == ""
    assert leads.get_lead(office, lead_a.id).person_name == "张某某"
    assert leads.get_lead(office, lead_b.id).person_name == "李某某"
    # Visits and spot checks came too; a spot check sealed again in the office's leads compartment.
    assert visits.get_visit(office, visit_a.id).observations == "监理日志缺失。"
    assert [a.filename for a in visits.fetch_visit(office, visit_a.id).attachments] == ["工地.txt"]
    assert (
        office.conn.execute("SELECT person_name FROM spot_checks WHERE id = ?", (check_a.id,)).fetchone()[0]
        == ""
    )
    assert spot_checks.get_spot_check(office, check_a.id).discrepancies == "漏报房产"
    assert leads.get_lead(world.login("leader1"), lead_a.id).summary == "涉嫌违规收受礼金"
    with pytest.raises(UserError):
        leads.get_lead(world.login("leader2"), lead_a.id)
    with pytest.raises(UserError):
        leads.get_lead(world.login("member2"), lead_b.id)

    # ---- a conflict, and replays ---------------------------------------------------------------------
    talk_writes.update_talk(
        office, shared.id, talk_form(world, interviewee_name="王建国", key_points="办里核实")
    )
    talk_writes.update_talk(
        a_member, shared.id, talk_form(world, interviewee_name="王建国", key_points="组里补充")
    )
    a2 = _hand_in(a_leader, tmp_path / "a2.xpk", "U盘-2026-021")
    merged_a2 = merge.merge(office, a2.path, medium_no="U盘-2026-021")
    assert len(merged_a2.conflicts) == 1
    before = _count(office.conn, "audit")
    for pkg in (a1, b1, a2):
        with pytest.raises(ExchangeError, match="已经合并过"):
            merge.merge(office, pkg.path, medium_no="U盘-2026-099")
    assert _count(office.conn, "audit") == before  # a refused replay leaves no trace but the refusal message
    [view] = conflicts.list_open(office)
    assert (view.office["key_points"], view.team["key_points"]) == ("办里核实", "组里补充")
    conflicts.resolve(office, view.id, conflicts.KEEP_OFFICE)
    assert (
        office.conn.execute("SELECT key_points FROM talks WHERE id = ?", (shared.id,)).fetchone()[0]
        == "办里核实"
    )
    out = tmp_path / "receipt-a2.xpk"
    receipt.write_receipt(office, merged_a2.register_id, out, medium_no="U盘-2026-021")
    receipt.acknowledge(a_leader, out, medium_no="U盘-2026-021")

    # ---- the audit trail ---------------------------------------------------------------------------------
    for session in (office, a_leader, b_leader):
        report = audit_trail.verify_chain(session.conn, bytes(session.audit_key))
        assert report.ok, report.message
    merges = office.conn.execute("SELECT object_id FROM audit WHERE action = 'exchange_merge'").fetchall()
    assert len(merges) == 3
    peers = dict(office.conn.execute("SELECT workstation_id, anchor_seq FROM exchange_peers").fetchall())
    assert set(peers) == {a.export.team_workstation_id, b.export.team_workstation_id} and all(peers.values())
    # Where each record came from: the team's own entries for it, kept beside the office's trail.
    origin = office.conn.execute(
        "SELECT peer_workstation_id, action FROM exchange_audit WHERE object_id = ? ORDER BY seq",
        (talk_a.id,),
    ).fetchall()
    assert {r[0] for r in origin} == {a.export.team_workstation_id} and "talk_signed" in {
        r[1] for r in origin
    }
    assert _count(office.conn, "exchange_audit", "object_id = ?", (lead_b.id,)) >= 1
    registered = office.conn.execute(
        "SELECT direction, kind, medium_no FROM exchange_register ORDER BY created_at"
    ).fetchall()
    assert [tuple(r) for r in registered if r[1] == "hand_in"] == [
        ("import", "hand_in", "U盘-2026-011"),
        ("import", "hand_in", "U盘-2026-012"),
        ("import", "hand_in", "U盘-2026-021"),
    ]

    # ---- wipe both team workstations ----------------------------------------------------------------
    for team, member, leader in ((a, a_member, a_leader), (b, b_member, b_leader)):
        member.close()
        cert = wipe.wipe(leader)
        assert list(team.folder.iterdir()) == []
        assert cert.files[0].name == "keyslots.json"
    # The office keeps everything it merged, and the archive copies of what it received.
    assert _count(office.conn, "talks") == 3 and _count(office.conn, "leads") == 2
    assert len(list((office.folder / "exchange-archive").iterdir())) == 3
