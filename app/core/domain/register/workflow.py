"""The issue workflow: the legal status moves, and the steps that move an issue between them.

Status: found → verified (核实, `substantiate`) → fed_back → in_rectification → closed_out, or
dismissed (with a reason) from found or verified. Feeding an issue back to the unit opens its
rectification with the customary deadlines (plan within 15 working days, report within 3 months);
a transferred issue (to the discipline commission, the organisation department or another body) is
closed by the office without a rectification plan. The office closes out a rectification once the
unit's completion allows it (销号, which closes the issue) and may reopen a closed one. Every move is
kept in issue_events and audited.

This module spans the issue and its rectification: it imports the issue modules (issue_record,
issue_reads) and the rectification's record and store; none of those imports it. The rectification
plan (rectification_plan.record_plan, fed_back → in_rectification) makes its move through `move`.
"""

from __future__ import annotations

from app.core.domain import _fields as f
from app.core.domain import deadlines
from app.core.domain.register.issue_reads import (
    load_issue,
    require_leader_or_office,
    visible_issue,
    writable_issue,
)
from app.core.domain.register.issue_record import Disposition, Issue, IssueStatus
from app.core.domain.register.rectification_record import Completion, EventAction, Rectification, RectState
from app.core.domain.register.rectification_store import load, record_event, refresh_due
from app.core.errors import Conflict, ValidationError
from app.core.security.roles import Cap
from app.core.session import Session

# The only legal moves. closed_out goes back to in_rectification (reopened rectification) or to
# fed_back (a reopened transferred issue).
TRANSITIONS: dict[IssueStatus, frozenset[IssueStatus]] = {
    IssueStatus.FOUND: frozenset({IssueStatus.SUBSTANTIATED, IssueStatus.DISMISSED}),
    IssueStatus.SUBSTANTIATED: frozenset({IssueStatus.FED_BACK, IssueStatus.DISMISSED}),
    IssueStatus.FED_BACK: frozenset({IssueStatus.IN_RECTIFICATION, IssueStatus.CLOSED_OUT}),
    IssueStatus.IN_RECTIFICATION: frozenset({IssueStatus.CLOSED_OUT}),
    IssueStatus.CLOSED_OUT: frozenset({IssueStatus.IN_RECTIFICATION, IssueStatus.FED_BACK}),
    IssueStatus.DISMISSED: frozenset(),
}


def check_move(current: IssueStatus, target: IssueStatus) -> None:
    """Raise Conflict unless current → target is a legal move."""
    if target not in TRANSITIONS[current]:
        raise Conflict(f"问题不能从“{current.label}”改为“{target.label}”。")


def move(
    session: Session, conn, issue: Issue, target: IssueStatus, on: str, reason: str = "", **extra
) -> None:
    """Apply a legal move inside the caller's transaction: the status, its event and the audit row."""
    check_move(issue.status, target)
    if on < issue.status_on:
        raise ValidationError(f"日期不能早于上一状态的日期（{issue.status_on}）。", field="on")
    f.update(conn, "issues", issue.id, {"status": target.value, "status_on": on, **extra})
    f.insert(
        conn,
        "issue_events",
        {
            **session.record_values(),
            "issue_id": issue.id,
            "from_status": issue.status.value,
            "to_status": target.value,
            "moved_on": on,
            "reason": reason,
        },
    )
    session.audit("issue_status", "issue", issue.id, f"{issue.status.value} -> {target.value}")


# ---- the issue's own moves -----------------------------------------------------------------------


def substantiate(session: Session, issue_id: str, on: str | None = None) -> Issue:
    """found → verified (核实: the issue is found to be true)."""
    issue = writable_issue(session, issue_id)
    on = f.iso_date(on or deadlines.today(), "on", "核实日期")
    with session.transaction() as conn:
        move(session, conn, issue, IssueStatus.SUBSTANTIATED, on)
    return load_issue(session.conn, issue_id)


def dismiss(session: Session, issue_id: str, reason: str, on: str | None = None) -> Issue:
    """found/verified → dismissed, with the reason (leader or office)."""
    issue = writable_issue(session, issue_id)
    require_leader_or_office(session, issue, "排除问题")
    reason = f.long_text(reason, "reason", "排除理由", max_len=1000)
    on = f.iso_date(on or deadlines.today(), "on", "排除日期")
    with session.transaction() as conn:
        move(session, conn, issue, IssueStatus.DISMISSED, on, reason, dismissed_reason=reason)
    return load_issue(session.conn, issue_id)


def feed_back(
    session: Session,
    issue_id: str,
    fed_back_on: str,
    disposition: Disposition | str = Disposition.UNIT,
    disposition_body: str = "",
) -> Issue:
    """verified → fed_back: fed back to the unit, or transferred to another body (leader or office).

    The paper must be signed. Feeding back to the unit opens its rectification with the customary
    deadlines (plan within 15 working days, report within 3 months), which can be changed.
    """
    issue = writable_issue(session, issue_id)
    require_leader_or_office(session, issue, "反馈或移交问题")
    disposition = f.choice(Disposition, disposition, "disposition", "处置方式")
    if disposition == Disposition.NONE:
        raise ValidationError("请选择处置方式。", field="disposition")
    body = f.text(disposition_body, "disposition_body", "移交单位", required=disposition == Disposition.OTHER)
    fed_back_on = f.iso_date(fed_back_on, "fed_back_on", "反馈（移交）日期")
    check_move(issue.status, IssueStatus.FED_BACK)
    if not issue.signed:
        raise Conflict("问题底稿尚未签批编号，不能反馈或移交。")
    with session.transaction() as conn:
        move(
            session,
            conn,
            issue,
            IssueStatus.FED_BACK,
            fed_back_on,
            disposition=disposition.value,
            disposition_body=body,
            fed_back_on=fed_back_on,
        )
        if disposition == Disposition.UNIT:
            open_rectification(session, conn, issue_id, fed_back_on)
    return load_issue(session.conn, issue_id)


def open_rectification(session: Session, conn, issue_id: str, fed_back_on: str) -> str:
    """Create the rectification of an issue just fed back to the unit (inside feed_back's transaction)."""
    existing = conn.execute("SELECT id FROM rectifications WHERE issue_id = ?", (issue_id,)).fetchone()
    if existing:
        return existing["id"]
    values = session.record_values()
    f.insert(
        conn,
        "rectifications",
        {
            **values,
            "issue_id": issue_id,
            "plan_due": deadlines.plan_due(fed_back_on),
            "report_due": deadlines.report_due(fed_back_on),
        },
    )
    refresh_due(conn, issue_id)
    session.audit("rectification_open", "issue", issue_id)
    return values["id"]


def close_transferred(session: Session, issue_id: str, closed_on: str, note: str) -> Issue:
    """fed_back → closed_out for a transferred issue, once the receiving body has dealt with it.

    Cap.CLOSE_OUT (the office only). Issues fed back to the unit close through close_out.
    """
    session.require(Cap.CLOSE_OUT)
    issue = visible_issue(session, issue_id)
    if not issue.disposition.is_transfer:
        raise Conflict("反馈被巡察单位的问题须经整改销号，不能直接办结。")
    note = f.long_text(note, "note", "办结情况", max_len=2000)
    closed_on = f.iso_date(closed_on, "closed_on", "办结日期")
    with session.transaction() as conn:
        move(session, conn, issue, IssueStatus.CLOSED_OUT, closed_on, note)
    return load_issue(session.conn, issue_id)


def reopen_transferred(session: Session, issue_id: str, reason: str, on: str | None = None) -> Issue:
    """closed_out → fed_back for a transferred issue (office only; audited, reason kept)."""
    session.require(Cap.CLOSE_OUT)
    issue = visible_issue(session, issue_id)
    if not issue.disposition.is_transfer:
        raise Conflict("反馈被巡察单位的问题请在整改中重新打开。")
    reason = f.long_text(reason, "reason", "重新打开的理由", max_len=1000)
    on = f.iso_date(on or deadlines.today(), "on", "重新打开日期")
    with session.transaction() as conn:
        move(session, conn, issue, IssueStatus.FED_BACK, on, reason)
    return load_issue(session.conn, issue_id)


# ---- close-out of a rectification and its reopening ----------------------------------------------


def close_out(session: Session, issue_id: str, closed_on: str, opinion: str) -> Rectification:
    """Step 2 of close-out: the office verifies the unit's completion and closes the item out (销号),
    which closes the issue. Cap.CLOSE_OUT. (Step 1 is rectification_plan.record_completion.)"""
    session.require(Cap.CLOSE_OUT)
    issue = visible_issue(session, issue_id)
    rect = load(session.conn, issue_id)
    if rect.state == RectState.CLOSED:
        raise Conflict("该整改事项已销号。")
    if rect.state != RectState.UNIT_COMPLETED:
        raise Conflict("被巡察单位尚未报告整改完成，不能销号。")
    opinion = f.long_text(opinion, "opinion", "核验意见", max_len=2000)
    closed_on = f.iso_date(closed_on, "closed_on", "销号日期")
    if rect.unit_completed_on and closed_on < rect.unit_completed_on:
        raise ValidationError("销号日期不能早于单位报告完成的日期。", field="closed_on")
    with session.transaction() as conn:
        f.update(
            conn,
            "rectifications",
            rect.id,
            {
                "state": RectState.CLOSED.value,
                "closed_by": session.user.id,
                "closed_on": closed_on,
                "close_opinion": opinion,
            },
        )
        move(session, conn, issue, IssueStatus.CLOSED_OUT, closed_on, opinion)
        record_event(session, conn, rect.id, EventAction.CLOSED, closed_on, opinion)
        refresh_due(conn, issue_id)
        session.audit("rectification_close_out", "issue", issue_id)
    return load(session.conn, issue_id)


def reopen(session: Session, issue_id: str, reason: str, on: str | None = None) -> Rectification:
    """The office reopens a closed rectification (e.g. the look-back finds it was not really fixed);
    the issue goes back to in_rectification. Audited."""
    session.require(Cap.CLOSE_OUT)
    issue = visible_issue(session, issue_id)
    rect = load(session.conn, issue_id)
    if rect.state != RectState.CLOSED:
        raise Conflict("只有已销号的整改事项才能重新打开。")
    reason = f.long_text(reason, "reason", "重新打开的理由", max_len=2000)
    on = f.iso_date(on or deadlines.today(), "on", "重新打开日期")
    with session.transaction() as conn:
        f.update(
            conn,
            "rectifications",
            rect.id,
            {
                "state": RectState.OPEN.value,
                "completion": Completion.NOT_DONE.value,
                "unit_completed_on": None,
                "closed_by": None,
                "closed_on": None,
                "close_opinion": "",
            },
        )
        move(session, conn, issue, IssueStatus.IN_RECTIFICATION, on, reason)
        record_event(session, conn, rect.id, EventAction.REOPENED, on, reason)
        refresh_due(conn, issue_id)
        session.audit("rectification_reopen", "issue", issue_id)
    return load(session.conn, issue_id)
