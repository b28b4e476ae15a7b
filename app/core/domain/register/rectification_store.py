"""What every rectification step shares: loading a rectification, the write guard, the bookkeeping.

`load` reads a rectification with its measures (no checks: for the register's own modules, figures
and printing); `writable_rectification` is the guard of every change by the team (the issue
writable, a rectification present and not closed). After any change `refresh_due` recomputes
issues.rect_due, the earliest pending deadline the register's overdue filter reads, and
`record_event` keeps a step in rectification_events. Nothing here is audited: the steps are.
"""

from __future__ import annotations

from app.core.domain import _fields as f
from app.core.domain import deadlines
from app.core.domain.register.issue_reads import writable_issue
from app.core.domain.register.issue_record import Issue
from app.core.domain.register.rectification_record import EventAction, Measure, Rectification, RectState
from app.core.errors import Conflict, NotFound
from app.core.session import Session

_NEVER = "9999-12-31"


def rect_row(conn, issue_id: str) -> Rectification:
    """The issue's rectification without its measures."""
    row = conn.execute(
        f"SELECT {Rectification.COLUMNS} FROM rectifications WHERE issue_id = ?", (issue_id,)
    ).fetchone()
    if row is None:
        raise NotFound("该问题尚无整改记录（只有反馈被巡察单位的问题才需整改）。")
    return Rectification.from_row(row)


def has_rectification(conn, issue_id: str) -> bool:
    return conn.execute("SELECT 1 FROM rectifications WHERE issue_id = ?", (issue_id,)).fetchone() is not None


def load(conn, issue_id: str, today: str | None = None) -> Rectification:
    """The rectification with its measures; no checks (for the register, figures and printing)."""
    rect = rect_row(conn, issue_id)
    rect.today = today or deadlines.today()
    rows = conn.execute(
        f"SELECT {Measure.COLUMNS} FROM rectification_measures WHERE rectification_id = ? ORDER BY ordinal",
        (rect.id,),
    ).fetchall()
    rect.measures = [Measure.from_row(r, rect.today) for r in rows]
    return rect


def writable_rectification(session: Session, issue_id: str) -> tuple[Issue, Rectification]:
    """The issue and its open rectification, if this session may write them."""
    issue = writable_issue(session, issue_id)
    if not has_rectification(session.conn, issue_id):
        raise Conflict("该问题尚未反馈被巡察单位，没有整改事项。")
    rect = load(session.conn, issue_id)
    if rect.state == RectState.CLOSED:
        raise Conflict("该整改事项已销号；如需修改，请巡察办先重新打开。")
    return issue, rect


def refresh_due(conn, issue_id: str) -> None:
    """Recompute issues.rect_due, the earliest pending deadline, after any rectification change."""
    conn.execute(
        "UPDATE issues SET rect_due = (SELECT CASE WHEN r.state = 'closed' THEN NULL ELSE nullif(min("
        f" coalesce(CASE WHEN r.plan_submitted_on IS NULL THEN r.plan_due END, '{_NEVER}'),"
        f" coalesce(CASE WHEN r.unit_completed_on IS NULL THEN r.report_due END, '{_NEVER}'),"
        " coalesce((SELECT min(m.deadline) FROM rectification_measures m WHERE m.rectification_id = r.id"
        f"   AND m.completion != 'done'), '{_NEVER}')), '{_NEVER}') END"
        " FROM rectifications r WHERE r.issue_id = issues.id) WHERE id = ?",
        (issue_id,),
    )


def record_event(session: Session, conn, rect_id: str, action: EventAction, on: str, note: str) -> None:
    """Keep one step of the rectification in rectification_events (inside the caller's transaction)."""
    f.insert(
        conn,
        "rectification_events",
        {
            **session.record_values(),
            "rectification_id": rect_id,
            "action": action.value,
            "acted_on": on,
            "by_user": session.user.id,
            "note": note,
        },
    )
