"""Hand in and merge: new records added, deltas only after a receipt, conflicts listed, replays refused."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.core.domain.register import leads
from app.core.domain.talks import queries as talk_queries
from app.core.domain.talks import search as talk_search
from app.core.domain.talks import writes as talk_writes
from app.core.exchange import conflicts, hand_in, merge, receipt, register, review
from app.core.exchange.errors import ExchangeError
from tests.core.org_support import world_fixture  # noqa: F401
from tests.exchange.support import configure, signed_talk, talk_form


def _hand_in(team_session, path, medium="U盘-2026-101"):
    summary = review.review(team_session)
    return hand_in.hand_in(team_session, path, medium_no=medium, confirm=summary.token)


def _office_talks(world):
    return {r["id"]: r for r in world.office.conn.execute("SELECT * FROM talks")}


def test_a_hand_in_merges_new_records_and_a_replay_changes_nothing(world, tmp_path):
    team = configure(world, world.team_a, tmp_path / "team_a", tmp_path)
    member, leader = team.login("member1"), team.login("leader1")
    talk = signed_talk(world, member, world.insp_a.id)
    draft = talk_writes.create_talk(member, world.insp_a.id, talk_form(world, interviewee_name="草稿中的人"))
    summary = review.review(leader)
    assert summary.leaving["谈话记录"] == 1 and summary.draft_talks == 1
    with pytest.raises(ExchangeError, match="重新审核"):
        hand_in.hand_in(leader, tmp_path / "x.xpk", medium_no="U盘-1", confirm="wrong")
    assert not (tmp_path / "x.xpk").exists()
    pkg = hand_in.hand_in(leader, tmp_path / "h1.xpk", medium_no="U盘-2026-101", confirm=summary.token)
    assert pkg.seq == 1 and pkg.rows >= 3 and pkg.audit_entries > 0

    result = merge.merge(world.office, pkg.path, medium_no="U盘-2026-101")
    assert result.added >= 3 and result.conflicts == []
    merged = _office_talks(world)
    assert talk.id in merged and draft.id not in merged  # unsigned drafts never leave
    assert merged[talk.id]["workstation_id"] == team.export.team_workstation_id
    # The merged talk is searchable at the office and its team's audit entries are kept.
    hits = talk_search.search_talks(world.office, "超标准")
    assert [h.talk_id for h in hits] == [talk.id]
    kept = world.office.conn.execute(
        "SELECT count(*) FROM exchange_audit WHERE object_id = ?", (talk.id,)
    ).fetchone()[0]
    assert kept >= 2
    assert [e.medium_no for e in register.entries(world.office) if e.direction == "import"] == [
        "U盘-2026-101"
    ]
    archive = register.archive(world.office)
    assert len(archive) == 1 and archive[0][1].read_bytes() == pkg.path.read_bytes()
    manifest, counts = register.archive_contents(world.office, archive[0][0].id)
    assert manifest["seq"] == 1 and counts["talks"] == 1 and counts["audit"] == pkg.audit_entries

    before = world.office.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    snapshot = {k: dict(v) for k, v in _office_talks(world).items()}
    with pytest.raises(ExchangeError, match="已经合并过"):
        merge.merge(world.office, pkg.path, medium_no="U盘-2026-101")
    assert {k: dict(v) for k, v in _office_talks(world).items()} == snapshot
    assert world.office.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == before
    assert len(register.archive(world.office)) == 1


def test_after_the_receipt_only_changes_leave_and_conflicts_are_listed(world, tmp_path):
    team = configure(world, world.team_a, tmp_path / "team_a", tmp_path)
    member, leader = team.login("member1"), team.login("leader1")
    signed_talk(world, member, world.insp_a.id)
    open_talk = talk_writes.create_talk(member, world.insp_a.id, talk_form(world, interviewee_name="王建国"))
    talk_writes.mark_recorded(member, open_talk.id)
    first = _hand_in(leader, tmp_path / "h1.xpk")
    result = merge.merge(world.office, first.path, medium_no="U盘-2026-101")
    receipt.write_receipt(world.office, result.register_id, tmp_path / "r1.xpk", medium_no="U盘-2026-101")
    assert receipt.acknowledge(leader, tmp_path / "r1.xpk", medium_no="U盘-2026-101") == 1

    assert sum(review.review(leader).tables.values()) == 0  # nothing changed since the receipt
    # Both sides edit the recorded talk; the team also adds a new signed talk.
    current = talk_queries.load_talk(member.conn, talk_queries.talk_row(member.conn, open_talk.id))
    assert current.status.value == "recorded"
    talk_writes.update_talk(
        member, open_talk.id, talk_form(world, interviewee_name="王建国", key_points="组里改的")
    )
    talk_writes.update_talk(
        world.office, open_talk.id, talk_form(world, interviewee_name="王建国", key_points="巡察办改的")
    )
    second_talk = signed_talk(world, member, world.insp_a.id, interviewee_name="李红梅二")
    second = _hand_in(leader, tmp_path / "h2.xpk")
    assert second.seq == 2
    tables = review.review(leader).tables
    assert tables.get("talks") == 2  # the edited one and the new one; the first signed talk stays home

    result = merge.merge(world.office, second.path, medium_no="U盘-2026-102")
    assert len(result.conflicts) == 1 and result.added >= 1
    row = world.office.conn.execute("SELECT key_points FROM talks WHERE id = ?", (open_talk.id,)).fetchone()
    assert row[0] == "巡察办改的"  # nothing silently overwritten
    assert second_talk.id in _office_talks(world)
    [view] = conflicts.list_open(world.office)
    assert view.record_id == open_talk.id and "key_points" in view.differing()
    assert (view.office["key_points"], view.team["key_points"]) == ("巡察办改的", "组里改的")
    conflicts.resolve(world.office, view.id, conflicts.TAKE_TEAM)
    row = world.office.conn.execute("SELECT key_points FROM talks WHERE id = ?", (open_talk.id,)).fetchone()
    assert row[0] == "组里改的"
    assert conflicts.list_open(world.office) == []
    assert world.audit_rows("exchange_conflict_resolve")


def test_out_of_order_and_foreign_packages_are_refused(world, tmp_path):
    team = configure(world, world.team_a, tmp_path / "team_a", tmp_path)
    member, leader = team.login("member1"), team.login("leader1")
    signed_talk(world, member, world.insp_a.id)
    first = _hand_in(leader, tmp_path / "h1.xpk")
    signed_talk(world, member, world.insp_a.id, interviewee_name="第二位")
    second = _hand_in(leader, tmp_path / "h2.xpk")
    with pytest.raises(ExchangeError, match="顺序不对"):
        merge.merge(world.office, second.path, medium_no="U盘-2026-102")
    assert world.office.conn.execute("SELECT count(*) FROM talks").fetchone()[0] == 0
    merge.merge(world.office, first.path, medium_no="U盘-2026-101")
    merge.merge(world.office, second.path, medium_no="U盘-2026-102")
    assert world.office.conn.execute("SELECT count(*) FROM talks").fetchone()[0] == 2


def test_a_lead_stays_in_the_compartment_at_the_office(world, tmp_path):
    team = configure(world, world.team_a, tmp_path / "team_a", tmp_path)
    leader = team.login("leader1")
    draft = leads.LeadDraft(
        person_name="张某某", person_post="副局长", summary="涉嫌违规收受礼金", received_on="2026-03-12"
    )
    lead = leads.create_lead(leader, world.insp_a.id, draft)
    sealed = leader.conn.execute("SELECT person_name, sealed FROM leads WHERE id = ?", (lead.id,)).fetchone()
    assert sealed["person_name"] == "" and sealed["sealed"]
    pkg = _hand_in(leader, tmp_path / "h1.xpk")
    assert "张某某".encode() not in pkg.path.read_bytes()
    merge.merge(world.office, pkg.path, medium_no="U盘-2026-101")
    row = world.office.conn.execute(
        "SELECT person_name, summary, sealed FROM leads WHERE id = ?", (lead.id,)
    ).fetchone()
    assert row["person_name"] == "" and row["summary"] == "" and row["sealed"].startswith("c1.")
    assert leads.get_lead(world.office, lead.id).person_name == "张某某"  # the office is entitled
    office_leader = world.login("leader1")  # the same account at the office opens it (its team's lead)
    assert leads.get_lead(office_leader, lead.id).summary == "涉嫌违规收受礼金"
    other = world.login("leader2")  # another team's leader is not entitled
    with pytest.raises(Exception):  # noqa: B017 - NotFound or PermissionDenied, whichever the register uses
        leads.get_lead(other, lead.id)
    member = world.login("member1")
    with pytest.raises(Exception):  # noqa: B017
        leads.get_lead(member, lead.id)
    # A second lead edit at the team goes through as an update.
    leads.update_lead(leader, lead.id, replace(draft, summary="涉嫌违规收受礼金（补充）"))
    receipt_free = _hand_in(leader, tmp_path / "h2.xpk")
    merge.merge(world.office, receipt_free.path, medium_no="U盘-2026-102")
    assert leads.get_lead(world.office, lead.id).summary == "涉嫌违规收受礼金（补充）"


def test_cancelled_hand_in_and_merge_change_nothing(world, tmp_path):
    import threading

    from app.core.errors import Cancelled

    team = configure(world, world.team_a, tmp_path / "team_a", tmp_path)
    member, leader = team.login("member1"), team.login("leader1")
    for k in range(3):
        signed_talk(world, member, world.insp_a.id, interviewee_name=f"谈话对象{k}")
    stop = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done, total):
        seen.append((done, total))
        if len(seen) == 2:
            stop.set()

    token = review.review(leader).token
    with pytest.raises(Cancelled):
        hand_in.hand_in(
            leader, tmp_path / "h.xpk", medium_no="U盘-1", confirm=token, progress=progress, cancel=stop
        )
    assert not (tmp_path / "h.xpk").exists() and not list(tmp_path.glob(".h.xpk*"))
    assert (
        leader.conn.execute("SELECT count(*) FROM exchange_register WHERE kind = 'hand_in'").fetchone()[0]
        == 0
    )
    seen.clear()
    pkg = hand_in.hand_in(leader, tmp_path / "h.xpk", medium_no="U盘-1", confirm=token, progress=progress)
    assert pkg.seq == 1 and seen[-1][0] <= seen[-1][1]

    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        merge.merge(world.office, pkg.path, medium_no="U盘-1", cancel=stop)
    assert world.office.conn.execute("SELECT count(*) FROM talks").fetchone()[0] == 0
    assert not (world.office.folder / "exchange-archive").exists() or not list(
        (world.office.folder / "exchange-archive").iterdir()
    )
    marks: list[tuple[int, int]] = []
    merge.merge(world.office, pkg.path, medium_no="U盘-1", progress=lambda d, t: marks.append((d, t)))
    assert marks and marks[-1][0] == marks[-1][1]  # both passes, to the end


def test_a_conflict_on_a_record_locked_here_cannot_take_the_team_version(world, tmp_path):
    from app.core.errors import Conflict

    team = configure(world, world.team_a, tmp_path / "team_a", tmp_path)
    member, leader = team.login("member1"), team.login("leader1")
    open_talk = talk_writes.create_talk(member, world.insp_a.id, talk_form(world, interviewee_name="王建国"))
    talk_writes.mark_recorded(member, open_talk.id)
    merge.merge(world.office, _hand_in(leader, tmp_path / "h1.xpk").path, medium_no="U盘-1")
    talk_writes.sign_talk(world.office, open_talk.id, "2026-03-12")  # signed at the office: locked here
    talk_writes.update_talk(
        member, open_talk.id, talk_form(world, interviewee_name="王建国", key_points="组里补充")
    )
    result = merge.merge(world.office, _hand_in(leader, tmp_path / "h2.xpk").path, medium_no="U盘-2")
    [conflict_id] = result.conflicts
    with pytest.raises(Conflict, match="已锁定"):
        conflicts.resolve(world.office, conflict_id, conflicts.TAKE_TEAM)
    conflicts.resolve(world.office, conflict_id, conflicts.KEEP_OFFICE)
    assert conflicts.list_open(world.office) == []


def test_the_audit_trail_names_the_packages(world, tmp_path):
    from app.core.security import audit as audit_trail
    from app.core.security.audit_labels import ACTION_LABELS
    from app.core.security.audit_names import object_names

    team = configure(world, world.team_a, tmp_path / "team_a", tmp_path, medium="U盘-2026-077")
    signed_talk(world, team.login("member1"), world.insp_a.id)
    merge.merge(
        world.office, _hand_in(team.login("leader1"), tmp_path / "h1.xpk").path, medium_no="U盘-2026-078"
    )
    rows = world.office.conn.execute(
        audit_trail.SELECT_ALL + " WHERE action IN ('exchange_setup_export', 'exchange_merge') ORDER BY seq"
    ).fetchall()
    entries = audit_trail.rows_to_entries(rows)
    names = object_names(world.office.conn, entries)
    assert [names[e.object_id] for e in entries] == [
        "配置包（第0号，介质 U盘-2026-077）",
        "移交包（第1号，介质 U盘-2026-078）",
    ]
    assert ACTION_LABELS["exchange_merge"] == "合并移交包"


def test_receipts_are_checked_on_the_team_workstation(world, tmp_path):
    team = configure(world, world.team_a, tmp_path / "team_a", tmp_path)
    member, leader = team.login("member1"), team.login("leader1")
    signed_talk(world, member, world.insp_a.id)
    pkg = _hand_in(leader, tmp_path / "h1.xpk")
    with pytest.raises(ExchangeError, match="不是发给本工作站"):  # a hand-in is not a receipt
        receipt.acknowledge(leader, pkg.path, medium_no="U盘-1")
    result = merge.merge(world.office, pkg.path, medium_no="U盘-1")
    out = receipt.write_receipt(world.office, result.register_id, tmp_path / "r1.xpk", medium_no="U盘-1")
    flipped = tmp_path / "r1-bad.xpk"
    raw = bytearray(out.read_bytes())
    raw[-20] ^= 1
    flipped.write_bytes(bytes(raw))
    with pytest.raises(ExchangeError, match="损坏"):
        receipt.acknowledge(leader, flipped, medium_no="U盘-1")
    assert receipt.acknowledge(leader, out, medium_no="U盘-1") == 1
    with pytest.raises(ExchangeError, match="已经导入过"):
        receipt.acknowledge(leader, out, medium_no="U盘-1")
    acked = leader.conn.execute(
        "SELECT status FROM exchange_register WHERE direction = 'export' AND kind = 'hand_in'"
    ).fetchone()[0]
    assert acked == "acknowledged"


def test_meetings_and_the_sign_off_trail_travel_with_the_hand_in(world, tmp_path):
    from app.core.domain.meetings import writes as meeting_writes
    from app.core.domain.register import evidence, issue_edits, paper_chain
    from tests.core.issue_support import draft
    from tests.core.test_meetings import form as meeting_form

    team = configure(world, world.team_a, tmp_path / "team_a", tmp_path)
    member, leader = team.login("member1"), team.login("leader1")
    meeting = meeting_writes.create_meeting(leader, world.insp_a.id, meeting_form(world))
    issue = issue_edits.create_issue(member, world.insp_a.id, draft())
    evidence.add_evidence(member, issue.id, "meeting", meeting.id, description="动员会上的表态")
    paper_chain.submit(member, issue.id, "请审签。")
    pkg = _hand_in(leader, tmp_path / "h1.xpk")
    merge.merge(world.office, pkg.path, medium_no="U盘-2026-101")
    office = world.office
    row = office.conn.execute("SELECT title FROM meetings WHERE id = ?", (meeting.id,)).fetchone()
    assert row is not None and row["title"] == meeting_form(world).title
    attendees = office.conn.execute(
        "SELECT count(*) FROM meeting_attendees WHERE meeting_id = ?", (meeting.id,)
    ).fetchone()[0]
    assert attendees == len(meeting_form(world).attendees)
    chain = paper_chain.get_chain(office, issue.id)
    assert chain.state == paper_chain.PaperState.SUBMITTED and chain.steps[0].opinion == "请审签。"
    (item,) = evidence.list_evidence(office, issue.id)
    assert item.source.startswith("会议 第1号")


def test_briefings_the_work_plan_and_the_log_travel_and_lead_items_stay_sealed(world, tmp_path):
    from app.core.domain.briefings import queries as briefing_queries
    from app.core.domain.briefings import writes as briefing_writes
    from app.core.domain.briefings.types import ItemForm, RequestForm
    from app.core.domain.team_log import writes as log_writes
    from app.core.domain.team_log.types import EntryForm
    from app.core.domain.work_plan import writes as plan_writes
    from app.core.domain.work_plan.types import PlanForm

    team = configure(world, world.team_a, tmp_path / "team_a", tmp_path)
    leader = team.login("leader1")
    request = briefing_writes.create_request(leader, world.insp_a.id, RequestForm("discipline", "2026-02-20"))
    plain = briefing_writes.add_item(leader, request.id, ItemForm("近三年收到信访举报4件。"))
    lead = briefing_writes.add_item(
        leader, request.id, ItemForm("反映一名班子成员为亲属承揽工程提供便利。", is_lead=True)
    )
    plan = plan_writes.save_plan(
        leader, world.insp_a.id, PlanForm("全面了解市教育局党组落实主体责任情况。", "2026-02-25")
    )
    entry = log_writes.add_entry(leader, world.insp_a.id, EntryForm("2026-03-03", "召开巡察动员会。"))
    merge.merge(world.office, _hand_in(leader, tmp_path / "h1.xpk").path, medium_no="U盘-2026-101")

    office = world.office
    (got,) = briefing_queries.list_requests(office, world.insp_a.id)
    items = {i.id: i for i in briefing_queries.items_of(office, got)}
    assert items[plain.id].content == "近三年收到信访举报4件。"
    assert items[lead.id].content.startswith("反映一名班子成员")  # opened from the office's compartment
    raw = office.conn.execute(
        "SELECT content, sealed FROM briefing_items WHERE id = ?", (lead.id,)
    ).fetchone()
    assert raw["content"] == "" and raw["sealed"]  # sealed again on arrival, the plaintext blank
    raw_plain = office.conn.execute("SELECT sealed FROM briefing_items WHERE id = ?", (plain.id,)).fetchone()
    assert raw_plain["sealed"] == ""
    assert office.conn.execute("SELECT 1 FROM work_plans WHERE id = ?", (plan.id,)).fetchone() is not None
    assert (
        office.conn.execute("SELECT 1 FROM team_log_entries WHERE id = ?", (entry.id,)).fetchone() is not None
    )
