"""What the unit reports on a rectification: its deadlines, the plan, the goal and the completion.

Feeding an issue back to the unit (workflow.feed_back) opens its rectification with the customary
deadlines, which set_deadlines may change. The plan is recorded once (its date is what the
15-working-day deadline is judged by) and moves the issue fed_back → in_rectification. The unit's
completion (未完成 / 基本完成 / 已完成 with a summary) is step 1 of close-out: 已完成 — or 基本完成
with every unfinished measure ongoing — makes the item ready for the office (workflow.close_out).
Recording needs Cap.CASE_WRITE on the issue's inspection; every step is audited.
"""

from __future__ import annotations

from app.core.domain import _fields as f
from app.core.domain.register.issue_record import IssueStatus
from app.core.domain.register.rectification_record import (
    Completion,
    EventAction,
    Rectification,
    RectState,
    ready_to_close,
)
from app.core.domain.register.rectification_store import (
    load,
    record_event,
    refresh_due,
    writable_rectification,
)
from app.core.domain.register.workflow import move
from app.core.errors import Conflict, ValidationError
from app.core.session import Session


def set_deadlines(session: Session, issue_id: str, plan_due: str, report_due: str) -> Rectification:
    """Change the plan and report due dates (the defaults follow custom)."""
    issue, rect = writable_rectification(session, issue_id)
    plan_due = f.iso_date(plan_due, "plan_due", "整改方案报送期限")
    report_due = f.iso_date(report_due, "report_due", "整改报告报送期限")
    if issue.fed_back_on and plan_due < issue.fed_back_on:
        raise ValidationError("整改方案报送期限不能早于反馈日期。", field="plan_due")
    if report_due < plan_due:
        raise ValidationError("整改报告报送期限不能早于整改方案报送期限。", field="report_due")
    with session.transaction() as conn:
        f.update(conn, "rectifications", rect.id, {"plan_due": plan_due, "report_due": report_due})
        refresh_due(conn, issue_id)
        session.audit("rectification_deadlines", "issue", issue_id)
    return load(session.conn, issue_id)


def record_plan(session: Session, issue_id: str, goal: str, submitted_on: str) -> Rectification:
    """The unit's plan is in: its goal and the date; the issue moves fed_back → in_rectification."""
    issue, rect = writable_rectification(session, issue_id)
    if issue.status != IssueStatus.FED_BACK:
        # The plan date is what the 15-working-day deadline is judged by: it is recorded once, never moved.
        raise Conflict("整改方案只能在问题反馈后、整改开始前登记一次；此问题的整改方案已经登记。")
    goal = f.long_text(goal, "goal", "整改目标", max_len=2000)
    submitted_on = f.iso_date(submitted_on, "submitted_on", "方案报送日期")
    if issue.fed_back_on and submitted_on < issue.fed_back_on:
        raise ValidationError("方案报送日期不能早于反馈日期。", field="submitted_on")
    with session.transaction() as conn:
        f.update(conn, "rectifications", rect.id, {"goal": goal, "plan_submitted_on": submitted_on})
        move(session, conn, issue, IssueStatus.IN_RECTIFICATION, submitted_on)
        record_event(session, conn, rect.id, EventAction.PLAN, submitted_on, "")
        refresh_due(conn, issue_id)
        session.audit("rectification_plan", "issue", issue_id)
    return load(session.conn, issue_id)


def update_goal(session: Session, issue_id: str, goal: str) -> Rectification:
    _, rect = writable_rectification(session, issue_id)
    goal = f.long_text(goal, "goal", "整改目标", max_len=2000)
    with session.transaction() as conn:
        f.update(conn, "rectifications", rect.id, {"goal": goal})
        session.audit("rectification_goal", "issue", issue_id)
    return load(session.conn, issue_id)


def record_completion(
    session: Session, issue_id: str, completion: Completion | str, summary: str, reported_on: str
) -> Rectification:
    """Step 1: the unit's completion and summary. 已完成 (or 基本完成 with every unfinished measure
    ongoing) marks the item ready for the office to verify; anything less keeps it open."""
    issue, rect = writable_rectification(session, issue_id)
    if issue.status != IssueStatus.IN_RECTIFICATION:
        raise Conflict("请先登记整改方案，再报告完成情况。")
    completion = f.choice(Completion, completion, "completion", "完成情况")
    summary = f.long_text(summary, "summary", "完成情况说明", max_len=5000)
    reported_on = f.iso_date(reported_on, "reported_on", "报告日期")
    if rect.plan_submitted_on and reported_on < rect.plan_submitted_on:
        raise ValidationError("报告日期不能早于方案报送日期。", field="reported_on")
    done = ready_to_close(completion, rect.measures)
    if completion != Completion.NOT_DONE and not done:
        raise ValidationError("报“基本完成”时，尚未完成的措施须为常态化坚持事项。", field="completion")
    with session.transaction() as conn:
        f.update(
            conn,
            "rectifications",
            rect.id,
            {
                "completion": completion.value,
                "completion_summary": summary,
                "state": (RectState.UNIT_COMPLETED if done else RectState.OPEN).value,
                "unit_completed_on": reported_on if done else None,
            },
        )
        if done:
            record_event(session, conn, rect.id, EventAction.UNIT_COMPLETED, reported_on, completion.label)
        refresh_due(conn, issue_id)
        session.audit("rectification_completion", "issue", issue_id, completion.value)
    return load(session.conn, issue_id)
