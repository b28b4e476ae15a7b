"""Reading meetings: one meeting by id (need to know first) and the list of an inspection.

Need to know, exactly as for talks: the meeting's inspection must be visible to the session
(security/visibility.py: the office sees all, a team its own inspections, administrators nothing)
and its classification within the user's clearance; otherwise NotFound, like a missing one.
Opening a meeting and listing them are audited, with numbers and counts only. `fetch_meeting` and
`writable_meeting` are the unaudited reads the other operations start from.
"""

from __future__ import annotations

import json

from app.core.domain import _fields as f
from app.core.domain.meetings.types import (
    Attendee,
    Meeting,
    MeetingAttachment,
    MeetingKind,
    MeetingSummary,
)
from app.core.errors import NotFound
from app.core.security import visibility
from app.core.session import Session

NOT_FOUND = "找不到该会议记录，或您不在其知悉范围内。"
OWNER_TYPE = "meeting"  # attachments.owner_type

_COLUMNS = (
    "m.id, m.inspection_id, m.number, m.kind, m.title, m.held_on, m.start_time, m.end_time, m.place,"
    " m.chair, m.recorder, m.agenda, m.minutes, m.classification, m.protection_years, m.created_at,"
    " m.updated_at, un.name AS unit_name, tm.name AS team_name"
)
_FROM = (
    " FROM meetings m JOIN inspections i ON i.id = m.inspection_id JOIN units un ON un.id = i.unit_id"
    " JOIN teams tm ON tm.id = i.team_id"
)


def visible_row(session: Session, meeting_id: str):
    where, params = visibility.inspection_filter_sql(session, "m.inspection_id")
    level, levels = visibility.clearance_filter_sql(session, "m.classification")
    row = session.conn.execute(
        f"SELECT {_COLUMNS}{_FROM} WHERE m.id = ? AND {where} AND {level}", (meeting_id, *params, *levels)
    ).fetchone()
    if row is None:
        raise NotFound(NOT_FOUND)
    return row


def load_meeting(conn, row) -> Meeting:
    meeting_id = row["id"]
    attendees = [
        Attendee(r["name"], r["position"], r["unit"], r["leadership_id"])
        for r in conn.execute(
            "SELECT name, position, unit, leadership_id FROM meeting_attendees WHERE meeting_id = ?"
            " ORDER BY sort_order",
            (meeting_id,),
        )
    ]
    files = [
        MeetingAttachment(r["id"], r["filename"], int(r["size"]), r["media_type"], r["created_at"])
        for r in conn.execute(
            "SELECT id, filename, size, media_type, created_at FROM attachments"
            " WHERE owner_type = ? AND owner_id = ? ORDER BY created_at, filename",
            (OWNER_TYPE, meeting_id),
        )
    ]
    return Meeting(
        id=meeting_id,
        inspection_id=row["inspection_id"],
        number=row["number"],
        kind=MeetingKind(row["kind"]),
        title=row["title"],
        held_on=row["held_on"],
        start_time=row["start_time"],
        end_time=row["end_time"],
        place=row["place"],
        chair=row["chair"],
        recorder=row["recorder"],
        agenda=json.loads(row["agenda"]),
        minutes=row["minutes"],
        attendees=attendees,
        classification=row["classification"],
        protection_years=row["protection_years"],
        attachments=files,
        unit_name=row["unit_name"],
        team_name=row["team_name"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def fetch_meeting(session: Session, meeting_id: str) -> Meeting:
    """The meeting if the session may know of it (NotFound otherwise); not audited."""
    return load_meeting(session.conn, visible_row(session, meeting_id))


def writable_meeting(session: Session, meeting_id: str) -> Meeting:
    meeting = fetch_meeting(session, meeting_id)
    visibility.require_inspection_writable(session, meeting.inspection_id)
    return meeting


def get_meeting(session: Session, meeting_id: str) -> Meeting:
    """Open a meeting record; the view is audited."""
    meeting = fetch_meeting(session, meeting_id)
    session.audit("meeting_view", "meeting", meeting_id, f"第{meeting.number}号")
    return meeting


def visible_meetings(
    session: Session, inspection_id: str | None = None, *, kind: MeetingKind | str | None = None
) -> list:
    """The rows of the visible meetings (one inspection or all), newest first; not audited."""
    where, params = visibility.inspection_filter_sql(session, "m.inspection_id")
    level, levels = visibility.clearance_filter_sql(session, "m.classification")
    sql, args = [where, level], [*params, *levels]
    if inspection_id:
        visibility.require_inspection_visible(session, inspection_id)
        sql.append("m.inspection_id = ?")
        args.append(inspection_id)
    if kind:
        sql.append("m.kind = ?")
        args.append(f.choice(MeetingKind, kind, "kind", "会议类型").value)
    return session.conn.execute(
        f"SELECT {_COLUMNS},"
        " (SELECT count(*) FROM meeting_attendees a WHERE a.meeting_id = m.id) AS attendee_count,"
        " (SELECT count(*) FROM attachments x WHERE x.owner_type = 'meeting' AND x.owner_id = m.id)"
        "   AS attachment_count"
        f"{_FROM} WHERE {' AND '.join(sql)} ORDER BY m.held_on DESC, m.start_time DESC, m.number DESC",
        args,
    ).fetchall()


def list_meetings(
    session: Session, inspection_id: str | None = None, *, kind: MeetingKind | str | None = None
) -> list[MeetingSummary]:
    """The meetings of one inspection (or every visible one), newest first; the listing is audited."""
    rows = visible_meetings(session, inspection_id, kind=kind)
    result = [
        MeetingSummary(
            id=r["id"],
            inspection_id=r["inspection_id"],
            number=r["number"],
            kind=MeetingKind(r["kind"]),
            title=r["title"],
            held_on=r["held_on"],
            start_time=r["start_time"],
            place=r["place"],
            chair=r["chair"],
            attendee_count=r["attendee_count"],
            attachment_count=r["attachment_count"],
            classification=r["classification"],
            unit_name=r["unit_name"],
        )
        for r in rows
    ]
    session.audit("meetings_list", "inspection", inspection_id or "", f"{len(result)} 条")
    return result


def unit_people(session: Session, inspection_id: str) -> list[Attendee]:
    """The inspected unit's leadership list, to pick attendees (and 必谈 people) from."""
    visibility.require_inspection_visible(session, inspection_id)
    rows = session.conn.execute(
        "SELECT l.id, l.name, l.position, u.name AS unit_name FROM inspections i"
        " JOIN leadership l ON l.unit_id = i.unit_id JOIN units u ON u.id = i.unit_id WHERE i.id = ?"
        " ORDER BY l.is_top_leader DESC, l.sort_order, l.name",
        (inspection_id,),
    ).fetchall()
    return [Attendee(r["name"], r["position"], r["unit_name"], r["id"]) for r in rows]
