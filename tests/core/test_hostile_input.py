"""Hostile input at every create and update function of the core (issue 16), as a property test.

Hypothesis throws hostile text (NUL, control characters, bidirectional overrides, unpaired
surrogates, huge strings, whitespace only) and hostile numbers (NaN, infinity, huge, negative,
fractions for whole numbers, booleans, text for numbers) into one argument of one function at a
time, called as the role allowed to call it. The only acceptable outcomes are success or one of the
app's own UserError subclasses; and when the call is refused, nothing changed (a cheap fingerprint
of every table but the audit trail is compared). One world per test function, derandomized.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.domain.organisation import inspections, staff, teams, terms, units
from app.core.domain.register import classification, evidence, issue_edits, leads, petitions, sign_off
from app.core.domain.register.issue_record import IssueDraft
from app.core.domain.register.leads import LeadDraft
from app.core.domain.register.petitions import PetitionDraft
from app.core.domain.review import reading
from app.core.domain.review import writes as review_writes
from app.core.domain.talks import writes as talk_writes
from app.core.domain.talks.types import QA
from app.core.errors import UserError
from app.core.official import copies, documents, seals
from app.core.official.documents import DocumentDraft
from app.core.official.kinds import DocKind
from app.core.printing.register import register_print
from app.core.security import accounts, dual_control, policy_admin
from app.core.security.roles import Role
from tests.core.issue_support import draft as issue_draft
from tests.core.issue_support import reg_fixture, world_fixture  # noqa: F401
from tests.core.official_support import demo_seal_png
from tests.core.test_talks import form as talk_form

CHECKS = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=80,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# ---- hostile values ------------------------------------------------------------------------------

NASTY_TEXT = [
    "\x00",
    "王建\x00国",
    "名称\x1b[2J",
    "\x07\x08\x0b\x0c",
    "名\x85称",
    "\x9b31m",
    "\u202e局长\u202c",
    "\u2066王\u2069",
    "\u200f\u200e\u061c",
    "\ud800",
    "名\udfff称",
    "行一\u2028行二",
    "第一行\n第二行",
    "\r\n",
    "   ",
    "\t \u3000 ",
    "",
    "字" * 100_001,
    "a" * 1_000_000,
    "正常的名称",
]
NASTY_NUMBERS = [
    math.nan,
    math.inf,
    -math.inf,
    1e308,
    -1,
    0,
    1,
    2.5,
    -0.0,
    True,
    False,
    10**20,
    2**63,
    -(2**63) - 1,
    "NaN",
    "Infinity",
    "1e400",
    "-0",
    "2.5",
    " 3 ",
    "三",
    None,
    [],
    {},
]
# Characters a broken paste or a hostile file can bring: controls, format characters (bidi),
# surrogates, separators, and some ordinary Chinese.
_CHARS = st.characters(
    codec=None,
    categories=["Cc", "Cf", "Cs", "Zl", "Zp", "Zs", "Lo"],
    max_codepoint=0xFFFF,
)
HOSTILE = st.one_of(
    st.sampled_from(NASTY_TEXT),
    st.sampled_from(NASTY_NUMBERS),
    st.text(_CHARS, max_size=40),
    st.integers(min_value=-(10**25), max_value=10**25),
    st.floats(allow_nan=True, allow_infinity=True),
)


# ---- the targets -----------------------------------------------------------------------------------


@dataclass
class Target:
    """One core function: who calls it, its valid arguments, and the slots hostile values go into."""

    name: str
    user: str
    call: Callable[[Any, dict], object]  # (session, arguments) -> result
    base: dict
    slots: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        self.slots = self.slots or tuple(self.base)


def fingerprint(conn) -> tuple:
    """Rows and total text length of every table but the audit trail (which may record refusals)."""
    parts = []
    for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT IN ('audit') ORDER BY name"
    ).fetchall():
        table = row["name"]
        columns = [c["name"] for c in conn.execute(f"PRAGMA table_info('{table}')").fetchall()]
        lengths = " + ".join(f'total(length("{c}"))' for c in columns) or "0"
        parts.append(f"SELECT '{table}', count(*), {lengths} FROM \"{table}\"")
    return tuple(tuple(r) for r in conn.execute(" UNION ALL ".join(parts)).fetchall())


def run(world, targets: list[Target], data) -> None:
    """Draw a target, a slot and a hostile value; call; accept success or a UserError that changed nothing."""
    sessions: dict[str, Any] = world.__dict__.setdefault("_hostile_sessions", {})
    target = data.draw(st.sampled_from(targets), label="target")
    slot = data.draw(st.sampled_from(target.slots), label="slot")
    value = data.draw(HOSTILE, label="value")
    session = sessions.get(target.user)
    if session is None:
        session = sessions[target.user] = (
            world.office if target.user == "office" else world.login(target.user)
        )
    before = fingerprint(world.office.conn)
    try:
        target.call(session, {**target.base, slot: value})
    except UserError as refused:
        assert refused.message, f"{target.name}({slot}={value!r}) refused without a message"
        assert fingerprint(world.office.conn) == before, (
            f"{target.name}({slot}={value!r}) refused but changed data"
        )


# ---- organisation ----------------------------------------------------------------------------------


def organisation_targets(w) -> list[Target]:
    office = w.office
    lead_staff = staff.staff_for_user(office, w.users["leader1"])
    recusal = staff.declare_recusal(office, lead_staff.id, w.township.id, "配偶在该镇任职")
    person = units.list_leadership(office, w.unit_a.id)[0]
    member = teams.list_members(office, w.team_a.id)[1]
    return [
        Target(
            "create_term",
            "office",
            lambda s, a: terms.create_term(s, **a),
            {"name": "第十届", "starts_on": "2031-01-01", "ends_on": None},
        ),
        Target(
            "update_term",
            "office",
            lambda s, a: terms.update_term(s, w.term.id, **a),
            {"name": "第九届", "starts_on": "2026-01-01", "ends_on": "2030-12-31"},
        ),
        Target(
            "create_round",
            "office",
            lambda s, a: terms.create_round(s, w.term.id, **a),
            {"number": 5, "kind": "regular", "status": "planned", "starts_on": None, "ends_on": None},
        ),
        Target(
            "update_round",
            "office",
            lambda s, a: terms.update_round(s, w.round.id, **a),
            {
                "number": 1,
                "kind": "regular",
                "status": "in_progress",
                "starts_on": "2026-03-02",
                "ends_on": None,
            },
        ),
        Target(
            "create_batch",
            "office",
            lambda s, a: terms.create_batch(s, w.round.id, **a),
            {"number": 7, "starts_on": "2026-05-01", "ends_on": "2026-06-30"},
        ),
        Target(
            "update_batch",
            "office",
            lambda s, a: terms.update_batch(s, w.batch.id, **a),
            {"number": 1, "starts_on": "2026-03-02", "ends_on": "2026-04-30"},
        ),
        Target(
            "create_unit",
            "office",
            lambda s, a: units.create_unit(s, **a),
            {"name": "市审计局", "kind": "department", "parent_id": None},
        ),
        Target(
            "update_unit",
            "office",
            lambda s, a: units.update_unit(s, w.village.id, **a),
            {"name": "石桥村", "kind": "village", "parent_id": w.township.id},
        ),
        Target(
            "add_person",
            "office",
            lambda s, a: units.add_person(s, w.unit_b.id, **a),
            {"name": "刘某", "position": "副局长", "is_top_leader": False, "sort_order": None},
        ),
        Target(
            "update_person",
            "office",
            lambda s, a: units.update_person(s, person.id, **a),
            {"name": person.name, "position": person.position, "is_top_leader": True, "sort_order": 1},
        ),
        Target(
            "update_staff",
            "office",
            lambda s, a: staff.update_staff(s, lead_staff.id, **a),
            {"post": "巡察干部", "expertise": "财务审计"},
        ),
        Target(
            "declare_recusal",
            "office",
            lambda s, a: staff.declare_recusal(s, lead_staff.id, w.village.id, **a),
            {"reason": "亲属在该村任职"},
        ),
        Target(
            "update_recusal",
            "office",
            lambda s, a: staff.update_recusal(s, recusal.id, **a),
            {"reason": "配偶在该镇任职"},
        ),
        Target(
            "create_team",
            "office",
            lambda s, a: teams.create_team(s, w.round.id, **a),
            {"name": "第三巡察组"},
        ),
        Target(
            "update_team",
            "office",
            lambda s, a: teams.update_team(s, w.team_b.id, **a),
            {"name": "第二巡察组"},
        ),
        Target(
            "set_member_position",
            "office",
            lambda s, a: teams.set_member_position(s, member.id, **a),
            {"position": "member"},
        ),
        Target(
            "set_liaison",
            "office",
            lambda s, a: inspections.set_liaison(s, w.insp_a.id, **a),
            {"name": "陈联络", "phone": "0571-88886666"},
        ),
        Target(
            "set_phase_date",
            "office",
            lambda s, a: inspections.set_phase_date(s, w.insp_a.id, "preparation", **a),
            {"on": "2026-03-02"},
        ),
    ]


@CHECKS
@given(data=st.data())
def test_organisation_writes_survive_hostile_input(world, data):
    targets = world.__dict__.setdefault("_targets", None) or organisation_targets(world)
    world.__dict__["_targets"] = targets
    run(world, targets, data)


# ---- accounts and policy ---------------------------------------------------------------------------


def account_targets(w) -> list[Target]:
    member = w.users["member2"]
    return [
        Target(
            "create_account",
            "sysadmin",
            lambda s, a: accounts.create_account(s, **a),
            {
                "username": "newbie",
                "display_name": "新同志",
                "temporary_password": "Temp-Pass-2026!",
                "post": "科员",
            },
        ),
        Target(
            "reset_password",
            "sysadmin",
            lambda s, a: dual_control.propose_password_reset(s, member, **a),
            {"temporary_password": "Other-Pass-2026!"},
        ),
        Target(
            "propose_role",
            "secadmin",
            lambda s, a: dual_control.propose_role(s, member, Role.TEAM_MEMBER, **a),
            {"clearance": "秘密"},
        ),
        Target(
            "set_policy",
            "secadmin",
            lambda s, a: policy_admin.set_policy(s, **a),
            {"min_length": 8, "max_failures": 5, "idle_lock_minutes": 10, "max_age_days": 30},
        ),
    ]


@CHECKS
@given(data=st.data())
def test_account_and_policy_writes_survive_hostile_input(world, data):
    targets = world.__dict__.get("_targets") or account_targets(world)
    world.__dict__["_targets"] = targets
    run(world, targets, data)


# ---- talks -----------------------------------------------------------------------------------------


def _talk(w, a: dict):
    values = dict(a)
    outline_item, question, answer = values.pop("outline_item"), values.pop("question"), values.pop("answer")
    return talk_form(w, outline=[outline_item], record=[QA(question, answer)], **values)


def talk_targets(w) -> list[Target]:
    member = w.login("member1")
    talk = talk_writes.create_talk(member, w.insp_a.id, talk_form(w))
    signed = talk_writes.create_talk(member, w.insp_a.id, talk_form(w))
    talk_writes.mark_recorded(member, signed.id)
    talk_writes.sign_talk(member, signed.id, "2026-03-11")
    fields = {
        "start_at": "2026-03-10 09:00",
        "end_at": "2026-03-10 10:30",
        "place": "会议室",
        "interviewee_name": "李红梅",
        "interviewee_unit": "市教育局",
        "interviewee_position": "副局长",
        "interviewee_category": "leadership",
        "kind": "individual",
        "outline_item": "请谈谈情况。",
        "question": "班子议事决策是否规范？",
        "answer": "总体规范。",
        "key_points": "要点。",
        "classification": "秘密",
        "protection_years": 5,
    }
    return [
        Target(
            "create_talk",
            "member1",
            lambda s, a: talk_writes.create_talk(s, w.insp_a.id, _talk(w, a)),
            fields,
        ),
        Target(
            "update_talk", "member1", lambda s, a: talk_writes.update_talk(s, talk.id, _talk(w, a)), fields
        ),
        Target(
            "add_addendum",
            "member1",
            lambda s, a: talk_writes.add_addendum(s, signed.id, **a),
            {"text": "更正：时间为九点十分。", "added_on": "2026-03-12"},
        ),
        Target(
            "print_register",
            "member1",
            lambda s, a: register_print(s, "talk_record", talk.id, **a),
            {"copies": 1},
        ),
    ]


@CHECKS
@given(data=st.data())
def test_talk_writes_survive_hostile_input(world, data):
    targets = world.__dict__.get("_targets") or talk_targets(world)
    world.__dict__["_targets"] = targets
    run(world, targets, data)


# ---- review (调阅资料) --------------------------------------------------------------------------------


def review_targets(w) -> list[Target]:
    member = w.login("member1")
    item_args = {
        "category": "party_minutes",
        "title": "2025年党组会议记录",
        "requested_on": "2026-03-05",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "note": "",
    }
    item = review_writes.add_item(member, w.insp_a.id, **item_args)
    review_writes.receive_item(
        member, item.id, received_on="2026-03-06", volumes=2, pages=100, counterpart="办公室主任"
    )
    read = reading.add_reading(member, item.id, read_on="2026-03-07", notes="已阅。")
    excerpt = reading.add_excerpt(member, item.id, passage="会议研究了接待事项。", location="第3页")
    fresh = review_writes.add_item(member, w.insp_a.id, **item_args)
    return [
        Target(
            "add_item",
            "member1",
            lambda s, a: review_writes.add_item(s, w.insp_a.id, **a),
            {**item_args, "planned_return_on": "2026-04-01"},
        ),
        Target("update_item", "member1", lambda s, a: review_writes.update_item(s, item.id, **a), item_args),
        Target(
            "receive_item",
            "member1",
            lambda s, a: review_writes.receive_item(s, fresh.id, **a),
            {
                "received_on": "2026-03-06",
                "volumes": 1,
                "pages": 20,
                "planned_return_on": "2026-04-01",
                "counterpart": "档案员",
                "note": "",
            },
        ),
        Target(
            "record_copies",
            "member1",
            lambda s, a: review_writes.record_copies(s, item.id, **a),
            {"count": 2, "on": "2026-03-08", "note": "复印两份"},
        ),
        Target(
            "set_planned_return",
            "member1",
            lambda s, a: review_writes.set_planned_return(s, item.id, **a),
            {"planned_return_on": "2026-04-10", "note": ""},
        ),
        Target(
            "add_reading",
            "member1",
            lambda s, a: reading.add_reading(s, item.id, **a),
            {"read_on": "2026-03-08", "notes": "阅读笔记。"},
        ),
        Target(
            "update_reading",
            "member1",
            lambda s, a: reading.update_reading(s, read.id, **a),
            {"read_on": "2026-03-07", "notes": "已阅。"},
        ),
        Target(
            "add_excerpt",
            "member1",
            lambda s, a: reading.add_excerpt(s, item.id, **a),
            {"passage": "摘录。", "location": "第5页"},
        ),
        Target(
            "update_excerpt",
            "member1",
            lambda s, a: reading.update_excerpt(s, excerpt.id, **a),
            {"passage": "会议研究了接待事项。", "location": "第3页"},
        ),
    ]


@CHECKS
@given(data=st.data())
def test_review_writes_survive_hostile_input(world, data):
    targets = world.__dict__.get("_targets") or review_targets(world)
    world.__dict__["_targets"] = targets
    run(world, targets, data)


# ---- issue register ----------------------------------------------------------------------------------

_ISSUE_FIELDS = (
    "title",
    "found_on",
    "level",
    "facts",
    "legal_basis",
    "responsibility",
    "resp_principal",
    "found_by",
    "written_by",
    "written_on",
    "people_involved",
    "people_count",
    "amount_yuan",
    "seriousness",
)


def register_targets(w) -> list[Target]:
    member = w.login("member1")
    issue = issue_edits.create_issue(member, w.insp_a.id, issue_draft())
    lead = leads.create_lead(
        w.login("leader1"),
        w.insp_a.id,
        LeadDraft("王某", "科长", "反映其违规收受礼金。", "other", "", "2026-03-09"),
    )
    petition = petitions.create_petition(
        member, w.insp_a.id, PetitionDraft("letter", "2026-03-09", "反映公务接待超标。")
    )
    base_issue = {k: getattr(issue_draft(), k) for k in _ISSUE_FIELDS}
    lead_args = {
        "person_name": "王某",
        "person_post": "科长",
        "summary": "反映其违规收受礼金。",
        "source": "other",
        "source_note": "",
        "received_on": "2026-03-09",
    }
    petition_args = {
        "channel": "letter",
        "received_on": "2026-03-09",
        "summary": "反映公务接待超标。",
        "petitioner": "",
        "contact": "",
        "concerns_name": "",
        "concerns_post": "",
    }
    scheme = classification.list_schemes(w.office)[0]
    return [
        Target(
            "create_issue",
            "member1",
            lambda s, a: issue_edits.create_issue(s, w.insp_a.id, issue_draft(**a)),
            base_issue,
        ),
        Target(
            "update_issue",
            "member1",
            lambda s, a: issue_edits.update_issue(s, issue.id, IssueDraft(**a)),
            base_issue,
        ),
        Target(
            "add_evidence",
            "member1",
            lambda s, a: evidence.add_evidence(s, issue.id, "other", **a),
            {"locator": "第2页", "description": "财务凭证"},
        ),
        Target(
            "record_review",
            "member1",
            lambda s, a: sign_off.record_review(s, issue.id, **a),
            {"opinion": "事实清楚。", "reviewed_on": "2026-03-12"},
        ),
        Target(
            "create_lead",
            "leader1",
            lambda s, a: leads.create_lead(s, w.insp_a.id, LeadDraft(**a)),
            lead_args,
        ),
        Target(
            "update_lead", "leader1", lambda s, a: leads.update_lead(s, lead.id, LeadDraft(**a)), lead_args
        ),
        Target(
            "create_petition",
            "member1",
            lambda s, a: petitions.create_petition(s, w.insp_a.id, PetitionDraft(**a)),
            petition_args,
        ),
        Target(
            "update_petition",
            "member1",
            lambda s, a: petitions.update_petition(s, petition.id, PetitionDraft(**a)),
            petition_args,
        ),
        Target(
            "add_node",
            "office",
            lambda s, a: classification.add_node(s, scheme.id, **a),
            {"name": "新的分类"},
        ),
    ]


@CHECKS
@given(data=st.data())
def test_register_writes_survive_hostile_input(reg, data):
    targets = reg.__dict__.get("_targets") or register_targets(reg)
    reg.__dict__["_targets"] = targets
    run(reg, targets, data)


# ---- official documents --------------------------------------------------------------------------------


def official_targets(w) -> list[Target]:
    member = w.login("member1")
    doc_args = {
        "title": "关于巡察市教育局党组的情况报告",
        "body": "正文第一段。\n正文第二段。",
        "issuer": "第一巡察组",
        "issued_on": "2026-04-20",
        "addressee": "",
        "classification": "秘密",
        "protection_years": 5,
        "note": "",
    }
    doc = documents.create_document(
        member, DocKind.INSPECTION_REPORT, DocumentDraft(**doc_args), inspection_id=w.insp_a.id
    )
    seal_png = demo_seal_png(size=200)

    def save(s, a):
        based_on = a.pop("based_on")
        current = documents.get_document(s, doc.id).current_version
        return documents.save_version(
            s, doc.id, DocumentDraft(**a), based_on=current if based_on == "current" else based_on
        )

    return [
        Target(
            "create_document",
            "member1",
            lambda s, a: documents.create_document(
                s, DocKind.INSPECTION_REPORT, DocumentDraft(**a), inspection_id=w.insp_a.id
            ),
            doc_args,
        ),
        Target("save_version", "member1", save, {**doc_args, "based_on": "current"}),
        Target("recall", "office", lambda s, a: copies.recall(s, doc.id, **a), {"reason": "内容有误"}),
        Target(
            "store_seal",
            "secadmin",
            lambda s, a: seals.store_seal(s, png=seal_png, **a),
            {"name": "巡察办公章"},
        ),
    ]


@CHECKS
@given(data=st.data())
def test_official_writes_survive_hostile_input(world, data):
    targets = world.__dict__.get("_targets") or official_targets(world)
    world.__dict__["_targets"] = targets
    run(world, targets, data)


# ---- meetings and the talk plan (issue 20) ------------------------------------------------------------


def _meeting(w, a: dict):
    from app.core.domain.meetings.types import Attendee, MeetingForm

    values = dict(a)
    agenda_item, name, position, leadership_id = (
        values.pop("agenda_item"),
        values.pop("attendee_name"),
        values.pop("attendee_position"),
        values.pop("leadership_id"),
    )
    return MeetingForm(
        agenda=[agenda_item], attendees=[Attendee(name, position, "市教育局", leadership_id)], **values
    )


def _plan_line(w, a: dict):
    from app.core.domain.talk_plan.types import PlanLineForm

    values = dict(a)
    first = values.pop("interviewer")
    return PlanLineForm(interviewer_ids=[first, w.users["member1"]], **values)


def meeting_targets(w) -> list[Target]:
    from app.core.domain.meetings import writes as meeting_writes
    from app.core.domain.talk_plan import writes as plan_writes

    member = w.login("member1")
    fields = {
        "kind": "group",
        "held_on": "2026-03-05",
        "start_time": "09:00",
        "end_time": "10:00",
        "title": "座谈会",
        "place": "会议室",
        "chair": "刘组长",
        "recorder": "周组员",
        "agenda_item": "座谈",
        "minutes": "纪要。",
        "attendee_name": "王建国",
        "attendee_position": "局长",
        "leadership_id": None,
        "classification": "秘密",
        "protection_years": 5,
    }
    meeting = meeting_writes.create_meeting(member, w.insp_a.id, _meeting(w, fields))
    line_fields = {
        "name": "陈小华",
        "position": "办公室主任",
        "unit": "市教育局",
        "category": "mid_level",
        "must": False,
        "leadership_id": None,
        "interviewer": w.users["leader1"],
        "planned_at": "2026-03-13 09:00",
        "place": "谈话室",
        "note": "",
    }
    line = plan_writes.create_line(member, w.insp_a.id, _plan_line(w, line_fields))
    return [
        Target(
            "create_meeting",
            "member1",
            lambda s, a: meeting_writes.create_meeting(s, w.insp_a.id, _meeting(w, a)),
            fields,
        ),
        Target(
            "update_meeting",
            "member1",
            lambda s, a: meeting_writes.update_meeting(s, meeting.id, _meeting(w, a)),
            fields,
        ),
        Target(
            "add_attachment",
            "member1",
            lambda s, a: meeting_writes.add_attachment(s, meeting.id, **a),
            {"filename": "议程.txt", "data": "一、座谈".encode()},
            ("filename",),
        ),
        Target(
            "create_line",
            "member1",
            lambda s, a: plan_writes.create_line(s, w.insp_a.id, _plan_line(w, a)),
            line_fields,
        ),
        Target(
            "update_line",
            "member1",
            lambda s, a: plan_writes.update_line(s, line.id, _plan_line(w, a)),
            line_fields,
        ),
        Target(
            "talk_from_line",
            "member1",
            lambda s, a: talk_writes.create_talk(s, w.insp_a.id, talk_form(w, **a)),
            {"plan_line_id": line.id},
        ),
    ]


@CHECKS
@given(data=st.data())
def test_meeting_and_plan_writes_survive_hostile_input(world, data):
    targets = world.__dict__.get("_targets") or meeting_targets(world)
    world.__dict__["_targets"] = targets
    run(world, targets, data)


# ---- briefings, the work plan, the team log (issue 20) ---------------------------------------------


def _plan_form(a: dict):
    from app.core.domain.work_plan.types import Group, GroupMember, Phase, PlanForm

    v = dict(a)
    phase = Phase(v.pop("phase_name"), v.pop("phase_start"), v.pop("phase_end"), v.pop("phase_tasks"))
    group = Group(
        v.pop("group_name"), v.pop("group_duties"), [GroupMember(v.pop("member_name"), v.pop("member_id"))]
    )
    return PlanForm(focus=[v.pop("focus_item")], schedule=[phase], groups=[group], **v)


def before_entry_targets(w) -> list[Target]:
    from app.core.domain.briefings import writes as briefing_writes
    from app.core.domain.briefings.types import ItemForm, RequestForm
    from app.core.domain.team_log import writes as log_writes
    from app.core.domain.team_log.types import EntryForm
    from app.core.domain.work_plan import writes as plan_writes

    leader = w.login("leader1")
    request_fields = {
        "source": "audit",
        "requested_on": "2026-02-20",
        "department": "市审计局",
        "due_on": "2026-02-27",
        "answered_on": "",
        "matters": "审计情况",
        "classification": "秘密",
        "protection_years": 5,
    }
    request = briefing_writes.create_request(leader, w.insp_a.id, RequestForm(**request_fields))
    item_fields = {
        "content": "审计发现的问题。",
        "source": "市审计局",
        "category": "选人用人",
        "category_id": None,
        "is_lead": False,
        "classification": "秘密",
    }
    item = briefing_writes.add_item(leader, request.id, ItemForm(**item_fields))
    plan_fields = {
        "aims": "发现问题。",
        "issued_on": "2026-02-25",
        "title": "",
        "focus_item": "选人用人问题",
        "phase_name": "进驻",
        "phase_start": "2026-03-01",
        "phase_end": "2026-03-02",
        "phase_tasks": "动员会",
        "group_name": "谈话组",
        "group_duties": "个别谈话",
        "member_name": "外聘专家",
        "member_id": None,
        "issuer": "",
        "note": "",
        "classification": "秘密",
        "protection_years": 5,
    }
    entry_fields = {"entry_on": "2026-03-05", "content": "走访。", "entry_time": "09:00", "by_name": "刘组长"}
    entry = log_writes.add_entry(leader, w.insp_a.id, EntryForm(**entry_fields))
    return [
        Target(
            "create_request",
            "leader1",
            lambda s, a: briefing_writes.create_request(s, w.insp_a.id, RequestForm(**a)),
            request_fields,
        ),
        Target(
            "update_request",
            "leader1",
            lambda s, a: briefing_writes.update_request(s, request.id, RequestForm(**a)),
            request_fields,
        ),
        Target(
            "add_item",
            "leader1",
            lambda s, a: briefing_writes.add_item(s, request.id, ItemForm(**a)),
            item_fields,
        ),
        Target(
            "update_item",
            "leader1",
            lambda s, a: briefing_writes.update_item(s, item.id, ItemForm(**a)),
            item_fields,
        ),
        Target(
            "save_plan",
            "leader1",
            lambda s, a: plan_writes.save_plan(s, w.insp_a.id, _plan_form(a)),
            plan_fields,
        ),
        Target(
            "add_entry",
            "member1",
            lambda s, a: log_writes.add_entry(s, w.insp_a.id, EntryForm(**a)),
            entry_fields,
        ),
        Target(
            "update_entry",
            "leader1",
            lambda s, a: log_writes.update_entry(s, entry.id, EntryForm(**a)),
            entry_fields,
        ),
    ]


@CHECKS
@given(data=st.data())
def test_briefing_plan_and_log_writes_survive_hostile_input(world, data):
    targets = world.__dict__.get("_targets") or before_entry_targets(world)
    world.__dict__["_targets"] = targets
    run(world, targets, data)
