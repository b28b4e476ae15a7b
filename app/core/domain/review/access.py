"""Reaching a request item: loading it, need-to-know and the write capability, and the team's people.

Every operation on an item or on its reading goes through readable_item (the inspection is visible)
or writable_item (Cap.CASE_WRITE as well); an item outside need-to-know is NotFound, as if it did not
exist. The holder of an item and the reviewer of a reading must be on the inspecting team.
"""

from __future__ import annotations

from datetime import date

from app.core.domain.review.request_item import RequestItem
from app.core.errors import NotFound, ValidationError
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session


def load(conn, item_id: str, today: str | None = None) -> RequestItem:
    """The item with its state as of `today` (default: today), without any check."""
    row = conn.execute(
        f"SELECT {RequestItem.COLUMNS} FROM {RequestItem.FROM} WHERE r.id = ?", (item_id,)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该调阅事项，或您不在其知悉范围内。")
    return RequestItem.from_row(row, today or date.today().isoformat())


def _visible_item(session: Session, item_id: str, today: str | None = None) -> RequestItem:
    """The item if its inspection is visible; NotFound otherwise (as if it did not exist)."""
    where, params = visibility.inspection_filter_sql(session, "inspection_id")
    row = session.conn.execute(
        f"SELECT 1 FROM request_items WHERE id = ? AND {where}", (str(item_id or ""), *params)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该调阅事项，或您不在其知悉范围内。")
    return load(session.conn, item_id, today)


def writable_item(session: Session, item_id: str, today: str | None = None) -> RequestItem:
    """For writes on an item or its reading: Cap.CASE_WRITE and the inspection visible."""
    session.require(Cap.CASE_WRITE)
    return _visible_item(session, item_id, today)


def readable_item(session: Session, item_id: str, today: str | None = None) -> RequestItem:
    return _visible_item(session, item_id, today)


def team_member_of(conn, inspection_id: str, user_id: str | None, field: str, label: str) -> str:
    """Check that the user is on the team carrying out the inspection (holder, reviewer)."""
    row = conn.execute(
        "SELECT 1 FROM inspections i JOIN team_members m ON m.team_id = i.team_id WHERE i.id = ? AND m.user_id = ?",
        (inspection_id, user_id or ""),
    ).fetchone()
    if row is None:
        raise ValidationError(f"{label}须为本巡察组的成员。", field=field)
    return str(user_id)


def team_people(session: Session, inspection_id: str) -> list[tuple[str, str]]:
    """(user id, name) of the inspecting team, leader first: the choices for holder and reviewer."""
    visibility.require_inspection_visible(session, inspection_id)
    rows = session.conn.execute(
        "SELECT u.id AS id, u.display_name AS name FROM inspections i JOIN team_members m ON m.team_id = i.team_id"
        " JOIN users u ON u.id = m.user_id WHERE i.id = ?"
        " ORDER BY CASE m.position WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, u.display_name",
        (inspection_id,),
    ).fetchall()
    return [(r["id"], r["name"]) for r in rows]
