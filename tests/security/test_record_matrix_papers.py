"""The role × record × action matrix: every account tries every action on every kind of record.

The world (tests/core/org_support.py, issue_support.py): 第一巡察组 (leader1, deputy1, member1)
inspecting unit A, 第二巡察组 (leader2, member2) inspecting unit B, the office and the three
administrators. The records all belong to 第一巡察组's inspection. For each (record, action) the
table names who may do it; everyone else must be refused with PermissionDenied or NotFound (the
out-of-scope refusal that reveals nothing), and a refused write must change nothing. A new kind of
record joins by adding its rows to ACTIONS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from app.core.domain import phase_moves
from app.core.domain.archive import filing as archive_filing
from app.core.domain.archive import prints as archive_prints
from app.core.domain.archive import proposal as archive_proposal
from app.core.domain.briefings import queries as briefing_queries
from app.core.domain.briefings import writes as briefing_writes
from app.core.domain.briefings.types import ItemForm, RequestForm
from app.core.domain.register import (
    assessment,
    evidence,
    fact_confirmation,
    issue_edits,
    issue_reads,
    paper_chain,
    unit_reports,
)
from app.core.domain.talks import queries as talk_queries
from app.core.domain.talks import writes as talk_writes
from app.core.domain.talks.types import TalkForm
from app.core.domain.team_log import queries as log_queries
from app.core.domain.team_log import writes as log_writes
from app.core.domain.team_log.types import EntryForm
from app.core.domain.work_plan import queries as plan_queries
from app.core.domain.work_plan import writes as plan_writes
from app.core.domain.work_plan.types import PlanForm
from app.core.errors import NotFound, PermissionDenied
from tests.core.issue_support import draft, reg_fixture  # noqa: F401
from tests.core.org_support import world_fixture  # noqa: F401

EVERYONE = (
    "sysadmin",
    "secadmin",
    "auditor",
    "office",
    "leader1",
    "deputy1",
    "member1",
    "leader2",
    "member2",
)
TEAM_A = {"leader1", "deputy1", "member1"}
READERS_A = TEAM_A | {"office"}


@dataclass
class Records:
    issue_id: str
    talk_id: str
    inspection_id: str
    adopted_id: str = ""  # a paper through the whole chain, ready for the unit's fact confirmation
    request_id: str = ""  # a briefing (巡前情况通报) with a plain item and a lead-like one
    item_id: str = ""
    lead_item_id: str = ""
    archive_id: str = ""  # the inspection's archive, opened by the office (not closed)


@dataclass(frozen=True)
class Action:
    record: str
    action: str
    allowed: frozenset[str]
    run: Callable  # (session, records) -> None
    state: Callable | None = None  # (office session, records) -> something a refused write must not change


def _talk_form(reg) -> TalkForm:
    return TalkForm(
        start_at="2026-03-11 09:00",
        interviewee_name="李某",
        interviewer_ids=[reg.users["leader1"], reg.users["member1"]],
        recorder_id=reg.users["member1"],
        classification="内部",
    )


def _paper_steps(office, r: Records):
    return len(paper_chain.get_chain(office, r.issue_id).steps)


def _issue_title(office, r: Records):
    return issue_reads.visible_issue(office, r.issue_id).title


def _talk_place(office, r: Records):
    return talk_queries.fetch_talk(office, r.talk_id).place


def _edit_issue(session, r: Records) -> None:
    changed = issue_reads.visible_issue(session, r.issue_id).draft()
    changed.title = changed.title + "（改）"
    issue_edits.update_issue(session, r.issue_id, changed)


def _edit_talk(session, r: Records) -> None:
    form = talk_queries.fetch_talk(session, r.talk_id)
    talk_writes.update_talk(
        session,
        r.talk_id,
        TalkForm(
            start_at=form.start_at,
            interviewee_name=form.interviewee_name,
            interviewer_ids=[p.user_id for p in form.interviewers],
            recorder_id=form.recorder.user_id,
            place="第二谈话室",
            classification=form.classification,
        ),
    )


def _items(office, r: Records):
    return office.conn.execute(
        "SELECT count(*) FROM briefing_items WHERE request_id = ?", (r.request_id,)
    ).fetchone()[0]


def _lead_content(office, r: Records):
    return briefing_queries.fetch_item(office, r.lead_item_id).content


def _evidence_count(office, r: Records):
    return len(evidence.list_evidence(office, r.issue_id))


PLAN = PlanForm(aims="发现问题、形成震慑。", issued_on="2026-02-25", focus=["选人用人问题"])

ACTIONS = [
    # 巡前情况通报: a lead-like item is for those who may know leads (the office and the team's leader)
    Action(
        "briefing item (lead-like)",
        "read",
        frozenset({"office", "leader1"}),
        lambda s, r: briefing_queries.get_item(s, r.lead_item_id),
    ),
    Action(
        "briefing item (lead-like)",
        "write",
        frozenset({"office", "leader1"}),
        lambda s, r: briefing_writes.update_item(s, r.lead_item_id, ItemForm("线索（改）", is_lead=True)),
        _lead_content,
    ),
    Action(
        "briefing item (lead-like)",
        "record",
        frozenset({"office", "leader1"}),
        lambda s, r: briefing_writes.add_item(s, r.request_id, ItemForm("新线索", is_lead=True)),
        _items,
    ),
    Action(
        "briefing item",
        "record",
        frozenset(READERS_A),
        lambda s, r: briefing_writes.add_item(s, r.request_id, ItemForm("一般情况")),
        _items,
    ),
    Action(
        "issue",
        "cite a briefing item",
        frozenset(READERS_A),
        lambda s, r: evidence.add_evidence(s, r.issue_id, "briefing", r.item_id),
        _evidence_count,
    ),
    # 巡察工作方案: the leader or the office saves a version; the team reads it
    Action(
        "work plan",
        "save",
        frozenset({"office", "leader1"}),
        lambda s, r: plan_writes.save_plan(s, r.inspection_id, PLAN),
        lambda o, r: len(plan_queries.versions(o, r.inspection_id)),
    ),
    Action("work plan", "read", frozenset(READERS_A), lambda s, r: plan_queries.versions(s, r.inspection_id)),
    # 巡察日志: the whole team writes it
    Action(
        "team log",
        "write",
        frozenset(READERS_A),
        lambda s, r: log_writes.add_entry(s, r.inspection_id, EntryForm("2026-03-12", "走访。")),
        lambda o, r: len(log_queries.list_entries(o, r.inspection_id)),
    ),
    Action("team log", "read", frozenset(READERS_A), lambda s, r: log_queries.read_log(s, r.inspection_id)),
    Action("issue", "read", frozenset(READERS_A), lambda s, r: issue_reads.get_issue(s, r.issue_id)),
    Action("issue", "write", frozenset(READERS_A), _edit_issue, _issue_title),
    Action(
        "issue",
        "cite evidence",
        frozenset(READERS_A),
        lambda s, r: evidence.add_evidence(s, r.issue_id, "other", description="补充材料"),
        lambda o, r: len(evidence.list_evidence(o, r.issue_id)),
    ),
    Action("paper chain", "read", frozenset(READERS_A), lambda s, r: paper_chain.get_chain(s, r.issue_id)),
    Action(
        "paper chain",
        "submit",
        frozenset(TEAM_A),  # the office writes papers but is no member of the team: it submits none
        lambda s, r: paper_chain.submit(s, r.issue_id),
        _paper_steps,
    ),
    Action(
        "paper chain",
        "set the team's chain",
        frozenset({"office"}),
        lambda s, r: paper_chain.set_team_chain(s, _team_of(s, r), with_deputy=False),
    ),
    Action("paper chain", "list by state", frozenset(READERS_A), lambda s, r: _listed(s, r)),
    Action(
        "paper chain",
        "read the team's chain",
        frozenset({"office"}),
        lambda s, r: paper_chain.team_chain(s, _team_of(s, r)),
    ),
    Action(
        "fact sheet",
        "make",
        frozenset({"leader1", "deputy1"}),  # they answer to the unit for the facts
        lambda s, r: fact_confirmation.make_sheet(s, r.inspection_id),
        lambda o, r: len(fact_confirmation.list_sheets(o, r.inspection_id)),
    ),
    Action(
        "fact sheet",
        "read",
        frozenset(READERS_A),
        lambda s, r: fact_confirmation.list_sheets(s, r.inspection_id),
    ),
    Action(
        "unit report",
        "read the deadlines",
        frozenset(READERS_A),
        lambda s, r: unit_reports.deadlines_for(s, r.inspection_id),
    ),
    Action(
        "unit report",
        "record",
        frozenset(READERS_A),
        lambda s, r: unit_reports.record_report(
            s, r.inspection_id, _next_kind(s, r), "2026-10-01", "已报送。"
        ),
        lambda o, r: len(
            o.conn.execute(
                "SELECT id FROM unit_reports WHERE inspection_id = ?", (r.inspection_id,)
            ).fetchall()
        ),
    ),
    Action(
        "assessment",
        "begin",
        frozenset({"office"}),
        lambda s, r: assessment.begin(s, r.inspection_id),
        lambda o, r: assessment.assessment_of(o, r.inspection_id) is not None,
    ),
    Action(
        "assessment", "read", frozenset(READERS_A), lambda s, r: assessment.assessment_of(s, r.inspection_id)
    ),
    Action("assessment template", "read", frozenset({"office"}), lambda s, r: assessment.stored_templates(s)),
    Action(
        "assessment template",
        "save",
        frozenset({"office"}),
        lambda s, r: assessment.save_template(s, _renamed_template(r)),
        lambda o, r: [name for name, _ in assessment.stored_templates(o)],
    ),
    Action("talk", "read", frozenset(READERS_A), lambda s, r: talk_queries.get_talk(s, r.talk_id)),
    Action("talk", "write", frozenset(READERS_A), _edit_talk, _talk_place),
    # 立卷归档: the office or the team's leader files; the team may read the numbered items
    Action(
        "archive",
        "propose",
        frozenset({"office", "leader1"}),
        lambda s, r: archive_proposal.propose(s, r.inspection_id),
    ),
    Action(
        "archive",
        "renumber",
        frozenset({"office", "leader1"}),
        lambda s, r: archive_filing.renumber(s, r.archive_id),
        lambda o, r: len(archive_filing.list_items(o, r.archive_id)),
    ),
    Action(
        "archive", "read items", frozenset(READERS_A), lambda s, r: archive_filing.list_items(s, r.archive_id)
    ),
    Action(
        "archive",
        "print the catalogue",
        frozenset({"office", "leader1"}),
        lambda s, r: archive_prints.catalogue_pdf(s, r.archive_id),
    ),
]


def _next_kind(session, r: Records) -> str:
    """A report kind not yet recorded (each allowed account records its own)."""
    done = {
        row["kind"]
        for row in session.conn.execute(
            "SELECT kind FROM unit_reports WHERE inspection_id = ?", (r.inspection_id,)
        )
    }
    return next(k.value for k in unit_reports.ReportKind if k.value not in done)


def _renamed_template(r: Records) -> str:
    """The built-in template under a name of these records' own (each save adds one)."""
    import json

    body = json.loads(assessment.builtin_template_text())
    body["name"] = f"评估模板 {r.issue_id[:8]}"
    return json.dumps(body, ensure_ascii=False)


def _team_of(session, r: Records) -> str:
    return session.conn.execute(
        "SELECT team_id FROM inspections WHERE id = ?", (r.inspection_id,)
    ).fetchone()[0]


def _listed(session, r: Records) -> None:
    """Listing papers by state shows another team's paper to nobody: raise as a refusal would."""
    if r.issue_id not in [p.issue_id for p in paper_chain.papers_by_state(session)]:
        raise NotFound("not listed")


@pytest.fixture
def make_records(reg) -> Callable[[], Records]:
    """Fresh records of 第一巡察组's inspection: each allowed account acts on its own set."""

    office = reg.login("office")
    for phase, day in (("entry", "2026-03-09"), ("on_site", "2026-03-10"), ("report", "2026-06-01")):
        phase_moves.move_phase(office, reg.insp_a.id, phase, on=day)
    phase_moves.move_phase(office, reg.insp_a.id, "feedback", on="2026-09-24")

    def make() -> Records:
        member = reg.login("member1")
        issue = issue_edits.create_issue(member, reg.insp_a.id, draft())
        evidence.add_evidence(member, issue.id, "other", description="财务凭证复印件")
        talk = talk_writes.create_talk(member, reg.insp_a.id, _talk_form(reg))
        adopted = issue_edits.create_issue(member, reg.insp_a.id, draft("已审定的问题"))
        evidence.add_evidence(member, adopted.id, "other", description="会议纪要")
        paper_chain.submit(member, adopted.id)
        paper_chain.approve(reg.login("deputy1"), adopted.id, "同意。")
        paper_chain.sign(reg.login("leader1"), adopted.id, "2026-06-02", override="来源已写明。")
        paper_chain.adopt(reg.login("leader1"), adopted.id, "2026-06-03", "同意。")
        request = briefing_writes.create_request(
            office, reg.insp_a.id, RequestForm("discipline", "2026-02-20")
        )
        item = briefing_writes.add_item(office, request.id, ItemForm("一般情况"))
        lead = briefing_writes.add_item(office, request.id, ItemForm("线索", is_lead=True))
        archive = archive_filing.find_archive(office, reg.insp_a.id) or archive_filing.open_archive(
            office, reg.insp_a.id, fonds_no="X001", org_code="XCB", filer="巡察办"
        )
        return Records(
            issue.id,
            talk.id,
            reg.insp_a.id,
            adopted.id,
            request_id=request.id,
            item_id=item.id,
            lead_item_id=lead.id,
            archive_id=archive.id,
        )

    return make


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: f"{a.record}:{a.action}")
def test_every_account_against_every_record_and_action(reg, make_records, action):
    office = reg.login("office")
    records = make_records()
    for username in EVERYONE:
        if username in action.allowed:
            continue
        session = reg.login(username)
        before = action.state(office, records) if action.state else None
        with pytest.raises((PermissionDenied, NotFound)):
            action.run(session, records)
        if action.state:
            assert action.state(office, records) == before, (username, action.record, action.action)
    for username in sorted(action.allowed):
        session = reg.login(username)
        mine = make_records()
        before = action.state(office, mine) if action.state else None
        action.run(session, mine)
        if action.state:
            assert action.state(office, mine) != before, (username, action.record, action.action)


def test_the_table_names_only_real_accounts():
    for action in ACTIONS:
        assert action.allowed <= set(EVERYONE), action
