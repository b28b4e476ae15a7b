"""Reading the request list: the list of an inspection, one item, its custody chain, the counts by state.

Lists and opening an item are audited as views; the counts (for the list's header and the phase
gate's message) are not, since they show no record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.core.domain import _fields as f
from app.core.domain.review.access import readable_item
from app.core.domain.review.custody import CustodyRecord, CustodyState, state_of_row
from app.core.domain.review.request_item import RequestItem
from app.core.security import visibility
from app.core.session import Session


def as_of(today: str | date | None) -> str:
    """The day a state is computed for: `today` checked as an ISO date, or the real today."""
    if today is None:
        return date.today().isoformat()
    return f.iso_date(today, "today", "日期") or date.today().isoformat()


def list_items(
    session: Session,
    inspection_id: str,
    *,
    today: str | date | None = None,
    state: CustodyState | str | None = None,
) -> list[RequestItem]:
    """The request list of a visible inspection in order, with each item's state as of `today`. Audited."""
    visibility.require_inspection_visible(session, inspection_id)
    day = as_of(today)
    rows = session.conn.execute(
        f"SELECT {RequestItem.COLUMNS} FROM {RequestItem.FROM} WHERE r.inspection_id = ? ORDER BY r.number",
        (inspection_id,),
    ).fetchall()
    items = [RequestItem.from_row(r, day) for r in rows]
    if state is not None:
        wanted = f.choice(CustodyState, state, "state", "保管状态")
        items = [i for i in items if i.state is wanted]
    session.audit("document_requests_view", "inspection", inspection_id, f"{len(items)} 项")
    return items


def get_item(session: Session, item_id: str, *, today: str | date | None = None) -> RequestItem:
    """Open one item; NotFound when missing or outside need-to-know. Audited."""
    item = readable_item(session, item_id, as_of(today))
    session.audit("document_request_open", "request_item", item_id)
    return item


def custody_history(session: Session, item_id: str) -> list[CustodyRecord]:
    """The item's custody chain, oldest first."""
    readable_item(session, item_id)
    rows = session.conn.execute(
        f"SELECT {CustodyRecord.COLUMNS} FROM {CustodyRecord.FROM} WHERE e.item_id = ? ORDER BY e.created_at, e.rowid",
        (item_id,),
    ).fetchall()
    return [CustodyRecord.from_row(r) for r in rows]


@dataclass
class CustodySummary:
    total: int
    by_state: dict[CustodyState, int]
    unreturned: int  # in the team's custody now
    overdue: int


def custody_summary(
    session: Session, inspection_id: str, *, today: str | date | None = None
) -> CustodySummary:
    """Counts for the list's header and the phase gate's message (not audited: counts only)."""
    visibility.require_inspection_visible(session, inspection_id)
    day = as_of(today)
    rows = session.conn.execute(
        "SELECT received_on, holder_id, planned_return_on, returned_on FROM request_items WHERE inspection_id = ?",
        (inspection_id,),
    ).fetchall()
    by_state = dict.fromkeys(CustodyState, 0)
    for row in rows:
        by_state[state_of_row(row, day)] += 1
    unreturned = sum(n for s, n in by_state.items() if s.in_custody)
    return CustodySummary(len(rows), by_state, unreturned, by_state[CustodyState.OVERDUE])
