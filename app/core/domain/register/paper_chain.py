"""The working paper's sign-off chain (审签流程): 承办人 submits → 副组长 reviews → 组长 signs → 组务会 adopts.

Each step is a row of `paper_steps` (append-only) with who, when and an opinion; the paper's state is
worked out from its steps alone, so the trail and the state can never disagree:

    draft ──submit──▶ submitted ──approve (副组长)──▶ reviewed ──sign (组长)──▶ signed ──adopt──▶ adopted
      ▲                  │                              │
      └────return (with the reason)─────────────────────┘

The deputy's review is a step only in the three-step chain (the office sets each team's chain; a team
without a setting uses three steps when it has a deputy, else two: then the leader signs straight
after the submission). A review step may send the paper back with its reason; it then returns to the
drafter, who edits it and submits again. While a paper waits for a review its content is frozen (the
issue form refuses changes to it). Signing allocates the paper's number (sign_off.sign_reviewed);
the team meeting (组务会) adopts the signed paper, recorded with its date, its opinion and, when the
meeting is recorded, its id; an adopted paper is final and goes to the office.

Before the leader signs, `completeness` lists what the paper lacks (no evidence, an evidence talk not
yet signed, no source, no category, no rule cited); facts, the rule and one evidence item are
required by the signature itself, the rest the leader may sign over with a reason (an `override`
step, audited).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.core.domain import _fields as f
from app.core.domain.register.issue_reads import visible_issue, writable_issue
from app.core.domain.register.issue_record import Issue, IssueStatus
from app.core.domain.register.paper_lock import under_review  # noqa: F401 - part of this module's API
from app.core.domain.register.sign_off import sign_reviewed
from app.core.errors import Conflict, PermissionDenied, ValidationError
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session


class PaperState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    REVIEWED = "reviewed"
    SIGNED = "signed"
    ADOPTED = "adopted"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    PaperState.DRAFT: "起草中",
    PaperState.SUBMITTED: "待审核",
    PaperState.REVIEWED: "待组长审签",
    PaperState.SIGNED: "待组务会审定",
    PaperState.ADOPTED: "已审定",
}


class StepAction(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"
    SIGN = "sign"
    ADOPT = "adopt"
    OVERRIDE = "override"
    REOPEN = "reopen"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    StepAction.SUBMIT: "承办人提交",
    StepAction.APPROVE: "副组长审核通过",
    StepAction.RETURN: "退回修改",
    StepAction.SIGN: "组长审签",
    StepAction.ADOPT: "组务会审定",
    StepAction.OVERRIDE: "组长确认签批（完整性提示）",
    StepAction.REOPEN: "因事实异议重新打开",
}

MAX_OPINION = 2000


@dataclass(frozen=True)
class Step:
    ordinal: int
    action: StepAction
    user_id: str
    user_name: str
    at: str  # when it was recorded (ISO time)
    opinion: str
    acted_on: str | None  # the date it bears (the signature's, the meeting's); else `at`
    meeting_id: str | None


@dataclass(frozen=True)
class Gap:
    """Something the paper lacks; `required` ones stop the signature, the others need a reason."""

    code: str
    text: str
    required: bool


@dataclass(frozen=True)
class Chain:
    issue_id: str
    with_deputy: bool
    state: PaperState
    steps: tuple[Step, ...]

    @property
    def waiting_for(self) -> str:
        """Who acts next, in words."""
        return {
            PaperState.DRAFT: "承办人修改、提交",
            PaperState.SUBMITTED: "副组长审核" if self.with_deputy else "组长审签",
            PaperState.REVIEWED: "组长审签",
            PaperState.SIGNED: "组务会审定",
            PaperState.ADOPTED: "",
        }[self.state]


# ---- reading -------------------------------------------------------------------------------------


def team_uses_deputy(conn, team_id: str) -> bool:
    row = conn.execute("SELECT with_deputy FROM paper_chains WHERE team_id = ?", (team_id,)).fetchone()
    if row is not None:
        return bool(row["with_deputy"])
    return (
        conn.execute(
            "SELECT 1 FROM team_members WHERE team_id = ? AND position = 'deputy' LIMIT 1", (team_id,)
        ).fetchone()
        is not None
    )


def _steps(conn, issue_id: str) -> tuple[Step, ...]:
    rows = conn.execute(
        "SELECT s.ordinal, s.action, s.user_id, coalesce(u.display_name, '') AS user_name, s.created_at,"
        " s.opinion, s.acted_on, s.meeting_id FROM paper_steps s LEFT JOIN users u ON u.id = s.user_id"
        " WHERE s.issue_id = ? ORDER BY s.ordinal",
        (issue_id,),
    ).fetchall()
    return tuple(
        Step(
            ordinal=int(r["ordinal"]),
            action=StepAction(r["action"]),
            user_id=r["user_id"],
            user_name=r["user_name"],
            at=r["created_at"],
            opinion=r["opinion"],
            acted_on=r["acted_on"],
            meeting_id=r["meeting_id"],
        )
        for r in rows
    )


def state_of(steps: tuple[Step, ...], *, signed: bool, with_deputy: bool) -> PaperState:
    """The state the steps lead to. A paper signed outside the chain (before it existed: the team
    meeting's review, then the signature) counts as adopted."""
    state = PaperState.DRAFT
    for step in steps:
        if step.action == StepAction.SUBMIT:
            state = PaperState.SUBMITTED
        elif step.action == StepAction.APPROVE:
            state = PaperState.REVIEWED
        elif step.action in (StepAction.RETURN, StepAction.REOPEN):
            state = PaperState.DRAFT
        elif step.action == StepAction.SIGN:
            state = PaperState.SIGNED
        elif step.action == StepAction.ADOPT:
            state = PaperState.ADOPTED
    if signed and not steps:
        return PaperState.ADOPTED
    return state


def _chain(conn, issue: Issue) -> Chain:
    steps = _steps(conn, issue.id)
    with_deputy = team_uses_deputy(conn, issue.team_id)
    return Chain(issue.id, with_deputy, state_of(steps, signed=issue.signed, with_deputy=with_deputy), steps)


def get_chain(session: Session, issue_id: str) -> Chain:
    """The paper's chain: its state and every step. Not audited (opening the issue is)."""
    return _chain(session.conn, visible_issue(session, issue_id))


def completeness(session: Session, issue_id: str) -> list[Gap]:
    """What the paper lacks before it is signed."""
    issue = visible_issue(session, issue_id)
    return _gaps(session.conn, issue)


def _gaps(conn, issue: Issue) -> list[Gap]:
    gaps: list[Gap] = []
    if not issue.facts.strip():
        gaps.append(Gap("facts", "未填写问题事实", True))
    if not issue.legal_basis.strip():
        gaps.append(Gap("rule", "未引用定性依据（违反的规定）", True))
    evidence = conn.execute(
        "SELECT kind, ref_id, ordinal FROM issue_evidence WHERE issue_id = ? ORDER BY ordinal", (issue.id,)
    ).fetchall()
    if not evidence:
        gaps.append(Gap("evidence", "尚无证据", True))
    for e in evidence:
        if e["kind"] == "talk" and e["ref_id"]:
            row = conn.execute("SELECT status, number FROM talks WHERE id = ?", (e["ref_id"],)).fetchone()
            if row is not None and row["status"] != "signed":
                gaps.append(
                    Gap("unsigned", f"证据{e['ordinal']}（第{row['number']}号谈话记录）尚未签字确认", False)
                )
    if not issue.found_by.strip():
        gaps.append(Gap("source", "未填写问题来源（发现人或发现途径）", False))
    if not issue.category_id:
        gaps.append(Gap("category", "未选择问题类别", False))
    return gaps


# ---- the chain's settings --------------------------------------------------------------------------


def team_chain(session: Session, team_id: str) -> tuple[bool, bool]:
    """(with_deputy, set_by_the_office) for a team: the office's setting, else the default by its members."""
    session.require(Cap.ORG_MANAGE)
    row = session.conn.execute(
        "SELECT with_deputy FROM paper_chains WHERE team_id = ?", (team_id,)
    ).fetchone()
    return team_uses_deputy(session.conn, team_id), row is not None


def set_team_chain(session: Session, team_id: str, *, with_deputy: bool) -> None:
    """The office sets whether a team's papers pass the deputy's review (three steps) or not (two)."""
    session.require(Cap.ORG_MANAGE)
    if session.conn.execute("SELECT 1 FROM teams WHERE id = ?", (team_id,)).fetchone() is None:
        raise ValidationError("找不到该巡察组。", field="team_id")
    values = session.record_values()
    with session.transaction() as conn:
        conn.execute(
            "INSERT INTO paper_chains (id, created_at, updated_at, author_id, workstation_id, team_id,"
            " with_deputy) VALUES (?,?,?,?,?,?,?) ON CONFLICT (team_id) DO UPDATE SET"
            " with_deputy = excluded.with_deputy, updated_at = excluded.updated_at",
            (*values.values(), team_id, int(with_deputy)),
        )
        session.audit("paper_chain_set", "team", team_id, "三步（含副组长审核）" if with_deputy else "两步")


# ---- the steps -----------------------------------------------------------------------------------


def _position(conn, issue: Issue, user_id: str) -> str | None:
    row = conn.execute(
        "SELECT position FROM team_members WHERE team_id = ? AND user_id = ?", (issue.team_id, user_id)
    ).fetchone()
    return row["position"] if row else None


def _append(session: Session, conn, issue: Issue, action: StepAction, opinion: str = "", **extra) -> None:
    ordinal = conn.execute(
        "SELECT coalesce(max(ordinal), 0) + 1 FROM paper_steps WHERE issue_id = ?", (issue.id,)
    ).fetchone()[0]
    f.insert(
        conn,
        "paper_steps",
        {
            **session.record_values(),
            "issue_id": issue.id,
            "ordinal": ordinal,
            "action": action.value,
            "user_id": session.user.id,
            "opinion": opinion,
            **extra,
        },
    )
    session.audit(f"paper_{action.value}", "issue", issue.id, opinion[:60])


def _opinion(text: str, label: str, *, required: bool) -> str:
    return f.long_text(text, "opinion", label, required=required, max_len=MAX_OPINION)


def _open_paper(session: Session, issue_id: str) -> tuple[Issue, Chain]:
    issue = writable_issue(session, issue_id)
    if issue.status == IssueStatus.DISMISSED:
        raise Conflict("该问题已排除，底稿不再审签。")
    return issue, _chain(session.conn, issue)


def submit(session: Session, issue_id: str, note: str = "") -> Chain:
    """The drafter (any member of the team) submits the paper for review."""
    session.require(Cap.CASE_WRITE)
    issue, chain = _open_paper(session, issue_id)
    if chain.state != PaperState.DRAFT:
        raise Conflict(f"底稿当前为“{chain.state.label}”，不能再次提交。")
    if _position(session.conn, issue, session.user.id) is None:
        raise PermissionDenied("只有本巡察组成员可以提交底稿审核。")
    gaps = [g for g in _gaps(session.conn, issue) if g.required]
    if gaps:
        raise ValidationError(f"底稿尚缺：{'；'.join(g.text for g in gaps)}，不能提交审核。", field="opinion")
    note = _opinion(note, "提交说明", required=False)
    with session.transaction() as conn:
        _append(session, conn, issue, StepAction.SUBMIT, note)
    return get_chain(session, issue_id)


def approve(session: Session, issue_id: str, opinion: str) -> Chain:
    """The deputy (副组长) passes the paper on to the leader, with the review opinion."""
    session.require(Cap.CASE_WRITE)
    issue, chain = _open_paper(session, issue_id)
    if not chain.with_deputy:
        raise Conflict("本组的审签流程没有副组长审核这一步。")
    if chain.state != PaperState.SUBMITTED:
        raise Conflict(f"底稿当前为“{chain.state.label}”，不在副组长审核这一步。")
    if _position(session.conn, issue, session.user.id) != "deputy":
        raise PermissionDenied("只有本组副组长可以审核底稿。")
    opinion = _opinion(opinion, "审核意见", required=True)
    with session.transaction() as conn:
        _append(session, conn, issue, StepAction.APPROVE, opinion)
    return get_chain(session, issue_id)


def send_back(session: Session, issue_id: str, reason: str) -> Chain:
    """A reviewer returns the paper to the drafter with the reason: the deputy while it waits for
    them, the leader while it waits for either review."""
    session.require(Cap.CASE_WRITE)
    issue, chain = _open_paper(session, issue_id)
    position = _position(session.conn, issue, session.user.id)
    allowed = (chain.state == PaperState.SUBMITTED and position in ("deputy", "leader")) or (
        chain.state == PaperState.REVIEWED and position == "leader"
    )
    if chain.state not in (PaperState.SUBMITTED, PaperState.REVIEWED):
        raise Conflict(f"底稿当前为“{chain.state.label}”，不能退回。")
    if not allowed:
        raise PermissionDenied("只有当前这一步的审核人可以退回底稿。")
    reason = _opinion(reason, "退回理由", required=True)
    with session.transaction() as conn:
        _append(session, conn, issue, StepAction.RETURN, reason)
    return get_chain(session, issue_id)


def sign(session: Session, issue_id: str, signed_on: str, opinion: str = "", override: str = "") -> Chain:
    """The leader signs (allocating the number). Gaps that are not required need `override`, the
    leader's reason for signing over them, kept as its own step."""
    session.require(Cap.ISSUE_SIGN)
    issue, chain = _open_paper(session, issue_id)
    ready = PaperState.REVIEWED if chain.with_deputy else PaperState.SUBMITTED
    if chain.state != ready:
        raise Conflict(f"底稿当前为“{chain.state.label}”，尚未到组长审签这一步。")
    if not visibility.is_leader_of_inspection(session, issue.inspection_id):
        raise PermissionDenied("只有本组组长可以签批问题底稿。")
    opinion = _opinion(opinion, "签批意见", required=False)
    warnings = [g for g in _gaps(session.conn, issue) if not g.required]
    reason = _opinion(override, "确认签批的理由", required=False)
    if warnings and not reason:
        raise ValidationError(
            f"底稿存在以下提示：{'；'.join(g.text for g in warnings)}。如仍签批，请填写理由。",
            field="override",
        )
    with session.transaction() as conn:
        if warnings:
            _append(
                session,
                conn,
                issue,
                StepAction.OVERRIDE,
                f"{reason}（{'；'.join(g.text for g in warnings)}）",
            )
        if issue.signed:  # reopened after a disputed fact: signed again under its number
            signed_on = f.iso_date(signed_on, "signed_on", "签批日期")
            conn.execute(
                "UPDATE issues SET signed_on = ?, signed_by = ? WHERE id = ?",
                (signed_on, session.user.id, issue.id),
            )
        else:
            signed_on = sign_reviewed(session, issue, signed_on, need_review=False).signed_on
        _append(session, conn, issue, StepAction.SIGN, opinion, acted_on=signed_on)
    return get_chain(session, issue_id)


def adopt(
    session: Session, issue_id: str, meeting_on: str, opinion: str, *, meeting_id: str | None = None
) -> Chain:
    """The team meeting (组务会) adopts the signed paper; recorded by the leader or a deputy. The
    meeting's opinion and date also become the paper's 组务会审核意见 (what it prints)."""
    session.require(Cap.CASE_WRITE)
    issue, chain = _open_paper(session, issue_id)
    if chain.state != PaperState.SIGNED:
        raise Conflict(f"底稿当前为“{chain.state.label}”，组务会只能审定已签批的底稿。")
    if _position(session.conn, issue, session.user.id) not in ("leader", "deputy"):
        raise PermissionDenied("组务会审定由组长或副组长登记。")
    meeting_on = f.iso_date(meeting_on, "meeting_on", "组务会日期")
    if issue.signed_on and meeting_on < issue.signed_on:
        raise ValidationError("组务会日期不能早于签批日期。", field="meeting_on")
    opinion = _opinion(opinion, "组务会意见", required=True)
    meeting_id = f.text(meeting_id or "", "meeting_id", "会议", required=False, max_len=40) or None
    with session.transaction() as conn:
        _append(session, conn, issue, StepAction.ADOPT, opinion, acted_on=meeting_on, meeting_id=meeting_id)
        conn.execute("UPDATE issue_papers SET review_opinion = ? WHERE id = ?", (opinion, issue.id))
        conn.execute("UPDATE issues SET reviewed_on = ? WHERE id = ?", (meeting_on, issue.id))
    return get_chain(session, issue_id)


# ---- the office's view -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PaperRow:
    issue_id: str
    title: str
    team_name: str
    unit_name: str
    number: str | None
    state: PaperState
    round_number: int = 0  # the team's round (team names repeat from round to round)


def papers_by_state(session: Session, inspection_id: str | None = None) -> list[PaperRow]:
    """Every visible paper with its state (the office sees each team's; a team its own). Audited."""
    visibility.require_case_read(session)
    where, params = visibility.inspection_filter_sql(session, "i.inspection_id")
    sql = (
        "SELECT i.id, i.title, t.name AS team_name, u.name AS unit_name, i.number, ins.team_id,"
        " r.number AS round_number FROM issues i"
        " JOIN inspections ins ON ins.id = i.inspection_id JOIN teams t ON t.id = ins.team_id"
        " JOIN rounds r ON r.id = ins.round_id"
        f" JOIN units u ON u.id = ins.unit_id WHERE {where} AND i.status != 'dismissed'"
    )
    if inspection_id:
        sql += " AND i.inspection_id = ?"
        params = (*params, inspection_id)
    rows = session.conn.execute(sql + " ORDER BY r.number, t.name, i.number_sort", params).fetchall()
    out = []
    deputy: dict[str, bool] = {}
    for r in rows:
        team = r["team_id"]
        if team not in deputy:
            deputy[team] = team_uses_deputy(session.conn, team)
        steps = _steps(session.conn, r["id"])
        state = state_of(steps, signed=r["number"] is not None, with_deputy=deputy[team])
        out.append(
            PaperRow(
                r["id"],
                r["title"],
                r["team_name"],
                r["unit_name"],
                r["number"],
                state,
                int(r["round_number"]),
            )
        )
    session.audit("paper_states_view", "issue", inspection_id or "", f"{len(out)} 份")
    return out


def allowed_actions(session: Session, issue_id: str) -> frozenset[str]:
    """The chain's steps this session may take now (the GUI enables those; each step checks again)."""
    if not session.can(Cap.CASE_WRITE):
        return frozenset()
    issue = visible_issue(session, issue_id)
    if issue.status == IssueStatus.DISMISSED:
        return frozenset()
    chain = _chain(session.conn, issue)
    position = _position(session.conn, issue, session.user.id)
    leader = position == "leader"
    out: set[str] = set()
    if chain.state == PaperState.DRAFT and position is not None:
        out.add("submit")
    if chain.state == PaperState.SUBMITTED:
        if chain.with_deputy and position == "deputy":
            out |= {"approve", "return"}
        if leader:
            out.add("return")
            if not chain.with_deputy and session.can(Cap.ISSUE_SIGN):
                out.add("sign")
    if chain.state == PaperState.REVIEWED and leader:
        out.add("return")
        if session.can(Cap.ISSUE_SIGN):
            out.add("sign")
    if chain.state == PaperState.SIGNED and position in ("leader", "deputy"):
        out.add("adopt")
    return frozenset(out)


def reopen(session: Session, conn, issue: Issue, reason: str) -> None:
    """Put an adopted paper back to its drafter (a fact the unit disputed), inside the caller's
    transaction (fact_confirmation records the answer in the same one)."""
    chain = _chain(conn, issue)
    if chain.state != PaperState.ADOPTED:
        return  # not yet adopted: the dispute waits in the fact sheet, nothing to reopen
    if issue.status not in (IssueStatus.FOUND, IssueStatus.SUBSTANTIATED):
        return  # fed back already: the finding stands; the team's decision on the dispute is recorded
    _append(session, conn, issue, StepAction.REOPEN, reason)
