"""The role × record × action matrix for the records of issue 20 (meetings, the talk plan, visits,
the spot checks of personal-matters reports, the fixes on the spot, briefings, the work plan, the
team log).

Each action on each record is tried as every role: the office and the inspection's own team act
(members print but do not export); another team's leader finds nothing (NotFound, or an empty list,
exactly as for a record that does not exist); the three administrators are refused outright. A
refused call changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.core.domain.briefings import printing as briefing_printing
from app.core.domain.briefings import queries as briefing_queries
from app.core.domain.briefings import search as briefing_search
from app.core.domain.briefings import writes as briefing_writes
from app.core.domain.briefings.types import ItemForm, RequestForm
from app.core.domain.meetings import printing as meeting_printing
from app.core.domain.meetings import queries as meeting_queries
from app.core.domain.meetings import search as meeting_search
from app.core.domain.meetings import writes as meeting_writes
from app.core.domain.meetings.types import MeetingForm
from app.core.domain.register import immediate_fix, issue_edits
from app.core.domain.spot_checks import records as spot_checks
from app.core.domain.talk_plan import printing as plan_printing
from app.core.domain.talk_plan import queries as plan_queries
from app.core.domain.talk_plan import writes as plan_writes
from app.core.domain.talk_plan.types import PlanLineForm
from app.core.domain.talks import writes as talk_writes
from app.core.domain.team_log import printing as log_printing
from app.core.domain.team_log import queries as log_queries
from app.core.domain.team_log import writes as log_writes
from app.core.domain.team_log.types import EntryForm
from app.core.domain.visits import printing as visit_printing
from app.core.domain.visits import records as visits
from app.core.domain.visits import search as visit_search
from app.core.domain.visits.types import VisitForm
from app.core.domain.work_plan import printing as plan_doc_printing
from app.core.domain.work_plan import queries as work_plan_queries
from app.core.domain.work_plan import writes as work_plan_writes
from app.core.domain.work_plan.types import PlanForm
from app.core.errors import NotFound, PermissionDenied
from app.core.sheets import exports
from tests.core.org_support import world_fixture  # noqa: F401

ROLES = ["office", "leader1", "member1", "leader2", "sysadmin", "secadmin", "auditor"]
OK, DENIED, HIDDEN = "ok", "denied", "hidden"


def _meeting_form() -> MeetingForm:
    return MeetingForm(
        kind="group", held_on="2026-03-05", title="干部职工座谈会", minutes="座谈了解选人用人情况。"
    )


def _visit_form() -> VisitForm:
    return VisitForm(
        kind="site",
        visited_on="2026-03-06",
        place="城东安置房项目工地",
        members=["周组员"],
        observations="查看选人用人公示栏。",
    )


def _spot_check_form() -> spot_checks.SpotCheckForm:
    return spot_checks.SpotCheckForm(
        "2026-03-15", "王建国", "2025年度个人有关事项报告", discrepancies="漏报房产一套"
    )


def _fixable_issue(world) -> str:
    from tests.core.issue_support import draft

    member = world.login("member1")
    issue = issue_edits.create_issue(
        member, world.insp_a.id, draft("消防通道堆放杂物", tags={"immediate_fix"})
    )
    immediate_fix.record_fix(member, issue.id, "2026-03-11", "当天清理")
    return issue.id


def _line_form(world) -> PlanLineForm:
    return PlanLineForm(
        name="陈小华",
        category="mid_level",
        interviewer_ids=[world.users["leader1"], world.users["member1"]],
        planned_at="2026-03-13 09:00",
    )


def _request(world) -> str:
    return briefing_writes.create_request(
        world.login("member1"), world.insp_a.id, RequestForm("audit", "2026-02-20")
    ).id


def _item(world, lead: bool = False) -> str:
    who = world.login("leader1" if lead else "member1")
    return briefing_writes.add_item(who, _request(world), ItemForm("审计发现的问题。", is_lead=lead)).id


def _plan_form() -> PlanForm:
    return PlanForm(aims="发现问题、形成震慑。", issued_on="2026-02-25", focus=["选人用人问题"])


def _item_request(s, rid):
    return briefing_queries.fetch_item(s, rid).request_id


# record -> (make the record as member1 in team A's inspection, {action: call(session, world, record_id)})
RECORDS: dict[str, tuple[Callable, dict[str, Callable]]] = {
    "meeting": (
        lambda world: (
            meeting_writes.create_meeting(world.login("member1"), world.insp_a.id, _meeting_form()).id
        ),
        {
            "create": lambda s, w, rid: meeting_writes.create_meeting(s, w.insp_a.id, _meeting_form()),
            "read": lambda s, w, rid: meeting_queries.get_meeting(s, rid),
            "list": lambda s, w, rid: [m.id for m in meeting_queries.list_meetings(s)],
            "search": lambda s, w, rid: [h.meeting_id for h in meeting_search.search_meetings(s, "选人用人")],
            "update": lambda s, w, rid: meeting_writes.update_meeting(s, rid, _meeting_form()),
            "attach": lambda s, w, rid: meeting_writes.add_attachment(s, rid, "议程.txt", "议程".encode()),
            "print": lambda s, w, rid: meeting_printing.print_copies(s, rid, meeting_printing.SIGN_IN, 1),
            "export": lambda s, w, rid: exports.export(s, "meetings", w.insp_a.id),
            "delete": lambda s, w, rid: meeting_writes.delete_meeting(s, rid),
        },
    ),
    "visit": (
        lambda world: visits.create_visit(world.login("member1"), world.insp_a.id, _visit_form()).id,
        {
            "create": lambda s, w, rid: visits.create_visit(s, w.insp_a.id, _visit_form()),
            "read": lambda s, w, rid: visits.get_visit(s, rid),
            "list": lambda s, w, rid: [v.id for v in visits.list_visits(s)],
            "search": lambda s, w, rid: [h.visit_id for h in visit_search.search_visits(s, "选人用人")],
            "update": lambda s, w, rid: visits.update_visit(s, rid, _visit_form()),
            "attach": lambda s, w, rid: visits.add_attachment(s, rid, "照片说明.txt", "工地".encode()),
            "print": lambda s, w, rid: visit_printing.print_copies(s, rid, 1),
            "export": lambda s, w, rid: exports.export(s, "visits", w.insp_a.id),
            "delete": lambda s, w, rid: visits.delete_visit(s, rid),
        },
    ),
    "immediate_fix": (
        _fixable_issue,
        {
            "record": lambda s, w, rid: immediate_fix.record_fix(s, rid, "2026-03-12", "已清理"),
            "read": lambda s, w, rid: immediate_fix.get_fix(s, rid),
            "list": lambda s, w, rid: [x.issue_id for x in immediate_fix.list_fixes(s, w.insp_a.id)],
            "attach": lambda s, w, rid: immediate_fix.add_proof(
                s, rid, "整改照片说明.txt", "已清空".encode()
            ),
        },
    ),
    "talk_plan_line": (
        lambda world: plan_writes.create_line(world.login("member1"), world.insp_a.id, _line_form(world)).id,
        {
            "create": lambda s, w, rid: plan_writes.create_line(s, w.insp_a.id, _line_form(w)),
            "propose": lambda s, w, rid: plan_writes.propose_must_talk(s, w.insp_a.id),
            "read": lambda s, w, rid: plan_queries.fetch_line(s, rid),
            "list": lambda s, w, rid: [x.id for x in plan_queries.list_plan(s, w.insp_a.id)],
            "update": lambda s, w, rid: plan_writes.update_line(s, rid, _line_form(w)),
            "talk": lambda s, w, rid: talk_writes.create_talk(
                s, w.insp_a.id, plan_writes.talk_form_for_line(s, rid)
            ),
            "print": lambda s, w, rid: plan_printing.print_plan(s, w.insp_a.id, 1),
            "notice": lambda s, w, rid: plan_printing.print_notices(s, [rid]),
            "export": lambda s, w, rid: exports.export(s, "talk_plan", w.insp_a.id),
            "delete": lambda s, w, rid: plan_writes.delete_line(s, rid),
        },
    ),
    "briefing_request": (
        _request,
        {
            "create": lambda s, w, rid: briefing_writes.create_request(
                s, w.insp_a.id, RequestForm("office", "2026-02-21")
            ),
            "read": lambda s, w, rid: briefing_queries.get_request(s, rid),
            "list": lambda s, w, rid: [r.id for r in briefing_queries.list_requests(s, w.insp_a.id)],
            "update": lambda s, w, rid: briefing_writes.update_request(
                s, rid, RequestForm("audit", "2026-02-22")
            ),
            "letter": lambda s, w, rid: briefing_printing.print_letter(s, rid, 1),
            "summary": lambda s, w, rid: briefing_printing.print_summary(s, w.insp_a.id, 1),
            "export": lambda s, w, rid: exports.export(s, "briefings", w.insp_a.id),
            "delete": lambda s, w, rid: briefing_writes.delete_request(s, rid),
        },
    ),
    "briefing_item": (
        _item,
        {
            "create": lambda s, w, rid: briefing_writes.add_item(
                s, _item_request(w.office, rid), ItemForm("组织部通报的情况。")
            ),
            "read": lambda s, w, rid: briefing_queries.get_item(s, rid),
            "list": lambda s, w, rid: [x.id for x in briefing_queries.citable_items(s, w.insp_a.id)],
            "search": lambda s, w, rid: [
                h.item_id for h in briefing_search.search_items(s, "审计", w.insp_a.id)
            ],
            "update": lambda s, w, rid: briefing_writes.update_item(s, rid, ItemForm("改后的内容。")),
            "attach": lambda s, w, rid: briefing_writes.add_attachment(s, rid, "复函.txt", "复函".encode()),
            "delete": lambda s, w, rid: briefing_writes.delete_item(s, rid),
        },
    ),
    # A lead-like item: visible as leads are (the office and the team's leader, not a member).
    "briefing_lead_item": (
        lambda world: _item(world, lead=True),
        {
            "create": lambda s, w, rid: briefing_writes.add_item(
                s, _item_request(w.office, rid), ItemForm("线索。", is_lead=True)
            ),
            "read": lambda s, w, rid: briefing_queries.get_item(s, rid),
            "list": lambda s, w, rid: [x.id for x in briefing_queries.citable_items(s, w.insp_a.id)],
            "search": lambda s, w, rid: [
                h.item_id for h in briefing_search.search_items(s, "审计", w.insp_a.id)
            ],
            "update": lambda s, w, rid: briefing_writes.update_item(
                s, rid, ItemForm("改后的线索。", is_lead=True)
            ),
            "attach": lambda s, w, rid: briefing_writes.add_attachment(s, rid, "线索.txt", "线索".encode()),
            "delete": lambda s, w, rid: briefing_writes.delete_item(s, rid),
            "delete_request": lambda s, w, rid: briefing_writes.delete_request(
                s, _item_request(w.office, rid)
            ),
        },
    ),
    # The work plan: the leader or the office writes it (a member reads and prints).
    "work_plan": (
        lambda world: work_plan_writes.save_plan(world.login("leader1"), world.insp_a.id, _plan_form()).id,
        {
            "save": lambda s, w, rid: work_plan_writes.save_plan(s, w.insp_a.id, _plan_form()),
            "read": lambda s, w, rid: work_plan_queries.get_version(s, rid),
            "list": lambda s, w, rid: [v.id for v in work_plan_queries.versions(s, w.insp_a.id)],
            "print": lambda s, w, rid: plan_doc_printing.print_copies(s, rid, 1),
        },
    ),
    "team_log_entry": (
        lambda world: (
            log_writes.add_entry(
                world.login("member1"), world.insp_a.id, EntryForm("2026-03-05", "走访。")
            ).id
        ),
        {
            "create": lambda s, w, rid: log_writes.add_entry(
                s, w.insp_a.id, EntryForm("2026-03-06", "谈话。")
            ),
            "list": lambda s, w, rid: [x.record_id for x in log_queries.read_log(s, w.insp_a.id)],
            "update": lambda s, w, rid: log_writes.update_entry(s, rid, EntryForm("2026-03-07", "改。")),
            "print": lambda s, w, rid: log_printing.print_week(s, w.insp_a.id, "2026-03-05"),
            "export": lambda s, w, rid: exports.export(s, "team_log", w.insp_a.id),
            "delete": lambda s, w, rid: log_writes.delete_entry(s, rid),
        },
    ),
}

# Where a record departs from the common rule: (record, role, action) -> outcome.
EXCEPTIONS: dict[tuple[str, str, str], str] = {
    **{
        ("briefing_lead_item", "member1", a): HIDDEN
        for a in ("read", "list", "search", "update", "attach", "delete")
    },
    ("briefing_lead_item", "member1", "create"): DENIED,
    ("briefing_lead_item", "member1", "delete_request"): DENIED,
    ("work_plan", "member1", "save"): DENIED,
}


def expected(role: str, action: str, record: str = "") -> str:
    if (record, role, action) in EXCEPTIONS:
        return EXCEPTIONS[record, role, action]
    if role in ("sysadmin", "secadmin", "auditor"):
        return DENIED
    if role == "leader2":  # another team: the record and its inspection do not exist for them
        return HIDDEN
    if role == "member1" and action == "export":
        return DENIED
    return OK


def _state(world) -> tuple:
    conn = world.office.conn
    return tuple(
        conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
        for t in (
            "meetings",
            "meeting_attendees",
            "talk_plan_lines",
            "talk_plan_interviewers",
            "visits",
            "spot_checks",
            "immediate_fixes",
            "briefing_requests",
            "briefing_items",
            "attachments",
            "work_plans",
            "team_log_entries",
            "print_register",
        )
    )


CASES = [(record, action) for record, (_, actions) in RECORDS.items() for action in actions]


@pytest.mark.parametrize(("record", "action"), CASES, ids=[f"{r}-{a}" for r, a in CASES])
def test_every_role_acts_on_the_record_exactly_as_the_matrix_says(world, record, action):
    make, actions = RECORDS[record]
    call = actions[action]
    for role in ROLES:
        record_id = make(world)
        session = world.login(role)
        want = expected(role, action, record)
        if want == OK:
            result = call(session, world, record_id)
            if action in ("list", "search"):
                assert record_id in result, (role, action)
            continue
        before = _state(world)
        if want == DENIED:
            with pytest.raises(PermissionDenied):
                call(session, world, record_id)
        elif action in ("list", "search"):
            try:
                assert record_id not in call(session, world, record_id), (role, action)
            except NotFound:
                pass  # listing another team's inspection: that inspection does not exist for them
        else:
            with pytest.raises(NotFound):
                call(session, world, record_id)
        assert _state(world) == before, f"{record}/{action} as {role}: a refused call changed something"


# ---- spot checks: known as leads are (the office and the inspection's own leader only) ----------------

SPOT_ACTIONS: dict[str, Callable] = {
    "create": lambda s, w, rid: spot_checks.create_spot_check(s, w.insp_a.id, _spot_check_form()),
    "read": lambda s, w, rid: spot_checks.get_spot_check(s, rid),
    "list": lambda s, w, rid: [c.id for c in spot_checks.list_spot_checks(s)],
    "update": lambda s, w, rid: spot_checks.update_spot_check(s, rid, _spot_check_form()),
    "delete": lambda s, w, rid: spot_checks.delete_spot_check(s, rid),
}


@pytest.mark.parametrize("action", list(SPOT_ACTIONS))
def test_spot_checks_follow_the_leads_rule(world, action):
    call = SPOT_ACTIONS[action]
    for role in ROLES:
        record_id = spot_checks.create_spot_check(
            world.login("leader1"), world.insp_a.id, _spot_check_form()
        ).id
        session = world.login(role)
        if role in ("office", "leader1"):
            result = call(session, world, record_id)
            if action == "list":
                assert record_id in result, role
            continue
        before = _state(world)
        if action == "list":
            try:
                assert record_id not in call(session, world, record_id), role
            except PermissionDenied:
                pass  # no leads capability at all
        else:
            with pytest.raises((NotFound, PermissionDenied)):
                call(session, world, record_id)
        assert _state(world) == before, f"spot_check/{action} as {role}: a refused call changed something"
