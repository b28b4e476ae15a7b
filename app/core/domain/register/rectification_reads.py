"""Reading rectifications under the issue's need to know: one issue's, its events, an inspection's.

get_rectification opens an issue's rectification and measures (audited); find_rectification is the
same but None for an issue that has none; events lists the steps kept in rectification_events;
list_for_inspection gives an inspection's issues under rectification with their items, by issue
number, for the rectification ledger (audited as one view).
"""

from __future__ import annotations

from app.core.domain.register.issue_reads import load_issue, visible_issue
from app.core.domain.register.issue_record import Issue
from app.core.domain.register.rectification_record import Event, EventAction, Rectification
from app.core.domain.register.rectification_store import has_rectification, load, rect_row
from app.core.security import visibility
from app.core.session import Session


def get_rectification(session: Session, issue_id: str, *, today: str | None = None) -> Rectification:
    """An issue's rectification and measures (audited view)."""
    visible_issue(session, issue_id)
    rect = load(session.conn, issue_id, today)
    session.audit("rectification_view", "issue", issue_id)
    return rect


def find_rectification(session: Session, issue_id: str, *, today: str | None = None) -> Rectification | None:
    """Like get_rectification, but None for an issue that has none."""
    visible_issue(session, issue_id)
    if not has_rectification(session.conn, issue_id):
        return None
    return get_rectification(session, issue_id, today=today)


def events(session: Session, issue_id: str) -> list[Event]:
    """The rectification's steps (plan, unit completed, closed, reopened), oldest first."""
    visible_issue(session, issue_id)
    rect = rect_row(session.conn, issue_id)
    rows = session.conn.execute(
        "SELECT e.id, e.action, e.acted_on, coalesce(u.display_name, '') AS by_name, e.note, e.created_at"
        " FROM rectification_events e LEFT JOIN users u ON u.id = e.by_user"
        " WHERE e.rectification_id = ? ORDER BY e.created_at, e.rowid",
        (rect.id,),
    ).fetchall()
    return [
        Event(
            id=r["id"],
            action=EventAction(r["action"]),
            acted_on=r["acted_on"],
            by_name=r["by_name"],
            note=r["note"],
            created_at=r["created_at"],
        )
        for r in rows
    ]


def list_for_inspection(
    session: Session, inspection_id: str, *, today: str | None = None
) -> list[tuple[Issue, Rectification]]:
    """The inspection's issues under rectification with their items, by issue number (for the ledger)."""
    visibility.require_inspection_visible(session, inspection_id)
    ids = [
        r["id"]
        for r in session.conn.execute(
            "SELECT i.id FROM issues i JOIN rectifications r ON r.issue_id = i.id WHERE i.inspection_id = ?"
            " ORDER BY i.number_sort, i.id",
            (inspection_id,),
        )
    ]
    session.audit("rectification_list", "inspection", inspection_id, f"{len(ids)} 条")
    return [(load_issue(session.conn, i), load(session.conn, i, today)) for i in ids]
