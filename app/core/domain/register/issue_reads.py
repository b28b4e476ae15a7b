"""Reading issues under need to know: one issue, an inspection's list, an issue's status history.

A team sees its own inspections' issues, the office sees all, administrators none; an issue out of
reach is reported exactly like a missing one. `visible_issue` and `writable_issue` are the checks
every other register module starts from; `require_leader_or_office` guards the steering decisions
(dismiss, feed back). Opening an issue and listing an inspection's issues are audited.
"""

from __future__ import annotations

from app.core.domain.register.issue_record import Issue, IssueEvent, IssueStatus
from app.core.errors import NotFound, PermissionDenied
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session


def load_issue(conn, issue_id: str) -> Issue:
    """The issue with its paper and display context; no checks (callers have made them)."""
    row = conn.execute(f"SELECT {Issue.COLUMNS} FROM {Issue.FROM} WHERE i.id = ?", (issue_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该问题，或您不在其知悉范围内。")
    return Issue.from_row(row)


def visible_issue(session: Session, issue_id: str) -> Issue:
    """The issue, if this session may see it (NotFound otherwise, as for a missing one). Not audited."""
    visibility.require_case_read(session)
    row = session.conn.execute("SELECT inspection_id FROM issues WHERE id = ?", (issue_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该问题，或您不在其知悉范围内。")
    visibility.require_inspection_visible(session, row["inspection_id"])
    return load_issue(session.conn, issue_id)


def writable_issue(session: Session, issue_id: str) -> Issue:
    """The issue, if this session may write case records of its inspection."""
    session.require(Cap.CASE_WRITE)
    return visible_issue(session, issue_id)


def require_leader_or_office(session: Session, issue: Issue, what: str) -> None:
    """Steering decisions on an issue (dismiss, feed back): the leader of its team or the office."""
    if session.can(Cap.CASE_READ_ALL) or visibility.is_leader_of_inspection(session, issue.inspection_id):
        return
    raise PermissionDenied(f"只有本组组长或巡察办可以{what}。")


def get_issue(session: Session, issue_id: str) -> Issue:
    """Open an issue and its working paper (audited)."""
    issue = visible_issue(session, issue_id)
    session.audit("issue_view", "issue", issue_id)
    return issue


def list_issues(session: Session, inspection_id: str) -> list[Issue]:
    """An inspection's issues, signed ones by number first (audited as one view)."""
    visibility.require_inspection_visible(session, inspection_id)
    rows = session.conn.execute(
        f"SELECT {Issue.COLUMNS} FROM {Issue.FROM} WHERE i.inspection_id = ? ORDER BY i.number_sort, i.id",
        (inspection_id,),
    ).fetchall()
    session.audit("issue_list", "inspection", inspection_id, f"{len(rows)} 条")
    return [Issue.from_row(r) for r in rows]


def history(session: Session, issue_id: str) -> list[IssueEvent]:
    """The issue's status moves, oldest first."""
    visible_issue(session, issue_id)
    rows = session.conn.execute(
        "SELECT e.id, e.issue_id, e.from_status, e.to_status, e.moved_on, e.reason,"
        " coalesce(u.display_name, '') AS author_name, e.created_at"
        " FROM issue_events e LEFT JOIN users u ON u.id = e.author_id"
        " WHERE e.issue_id = ? ORDER BY e.created_at, e.rowid",
        (issue_id,),
    ).fetchall()
    return [
        IssueEvent(
            id=r["id"],
            issue_id=r["issue_id"],
            from_status=IssueStatus(r["from_status"]),
            to_status=IssueStatus(r["to_status"]),
            moved_on=r["moved_on"],
            reason=r["reason"],
            author_name=r["author_name"],
            created_at=r["created_at"],
        )
        for r in rows
    ]
