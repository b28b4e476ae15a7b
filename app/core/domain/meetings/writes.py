"""Writing meetings: create, update, delete, and the attachments (agenda papers, photos, scans).

- Numbered per inspection (会议 第N号), allocated inside the creating transaction.
- Each write checks the session may write in the meeting's inspection (Cap.CASE_WRITE and need to
  know), that the classification is within the user's clearance, validates the form
  (rules.clean_form) and writes its audit entry, in one transaction.
- A meeting cited as evidence by a working paper cannot be deleted.
- Attachments are checked by app.core.imports (size, type, content) and kept inside the database.
"""

from __future__ import annotations

from pathlib import Path

from app.core import imports
from app.core.domain import _fields as f
from app.core.domain import attachments
from app.core.domain.meetings.queries import OWNER_TYPE, fetch_meeting, writable_meeting
from app.core.domain.meetings.rules import clean_form
from app.core.domain.meetings.types import Meeting, MeetingAttachment, MeetingForm
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.imports import refusal
from app.core.security import visibility
from app.core.session import Session

MAX_ATTACHMENTS = 50


def _set_attendees(conn, meeting_id: str, people: list[dict]) -> None:
    conn.execute("DELETE FROM meeting_attendees WHERE meeting_id = ?", (meeting_id,))
    conn.executemany(
        "INSERT INTO meeting_attendees (meeting_id, sort_order, name, position, unit, leadership_id)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (meeting_id, k, p["name"], p["position"], p["unit"], p["leadership_id"])
            for k, p in enumerate(people)
        ],
    )


def create_meeting(session: Session, inspection_id: str, form: MeetingForm) -> Meeting:
    """A new meeting record of the inspection, numbered next; audited."""
    visibility.require_inspection_writable(session, inspection_id)
    visibility.require_clearance_writable(session, form.classification)
    values = session.record_values()
    with session.transaction() as conn:
        cols = clean_form(conn, inspection_id, form)
        people = cols.pop("_attendees")
        number = f.count(
            conn,
            "SELECT COALESCE(MAX(number), 0) + 1 FROM meetings WHERE inspection_id = ?",
            (inspection_id,),
        )
        f.insert(conn, "meetings", {**values, "inspection_id": inspection_id, "number": number, **cols})
        _set_attendees(conn, values["id"], people)
        session.audit(
            "meeting_create", "meeting", values["id"], f"第{number}号，{cols['kind']}，{len(people)} 人"
        )
    return fetch_meeting(session, values["id"])


def update_meeting(session: Session, meeting_id: str, form: MeetingForm) -> Meeting:
    meeting = writable_meeting(session, meeting_id)
    visibility.require_clearance_writable(session, form.classification)
    with session.transaction() as conn:
        cols = clean_form(conn, meeting.inspection_id, form)
        people = cols.pop("_attendees")
        f.update(conn, "meetings", meeting_id, cols)
        _set_attendees(conn, meeting_id, people)
        session.audit("meeting_update", "meeting", meeting_id, f"第{meeting.number}号，{len(people)} 人")
    return fetch_meeting(session, meeting_id)


def delete_meeting(session: Session, meeting_id: str) -> None:
    """Delete a meeting no working paper cites; its attendees and attachments go with it."""
    meeting = writable_meeting(session, meeting_id)
    cited = session.conn.execute(
        "SELECT 1 FROM issue_evidence WHERE kind = 'meeting' AND ref_id = ? LIMIT 1", (meeting_id,)
    ).fetchone()
    if cited is not None:
        raise Conflict("该会议记录已作为问题底稿的证据引用，不能删除。")
    with session.transaction() as conn:
        for a in meeting.attachments:
            attachments.delete(conn, a.id)
        conn.execute("DELETE FROM meeting_attendees WHERE meeting_id = ?", (meeting_id,))
        conn.execute("DELETE FROM meetings WHERE id = ?", (meeting_id,))
        session.audit("meeting_delete", "meeting", meeting_id, f"第{meeting.number}号")


def add_attachment(session: Session, meeting_id: str, filename: str, data: bytes) -> MeetingAttachment:
    """Keep a file given as bytes with the meeting (checked by app.core.imports); audited with its size."""
    meeting = writable_meeting(session, meeting_id)
    with refusal.audited(session, "meeting", meeting_id, "会议附件", size=len(data)):
        material = imports.read_material(filename, data)
    return _keep(session, meeting, material)


def attach_file(session: Session, meeting_id: str, path: Path | str) -> MeetingAttachment:
    """Keep a file the user chose on disk (read once, bounded by the size limit)."""
    meeting = writable_meeting(session, meeting_id)
    with refusal.audited(session, "meeting", meeting_id, "会议附件"):
        material = imports.read_file(path)
    return _keep(session, meeting, material)


def _keep(session: Session, meeting: Meeting, material) -> MeetingAttachment:
    if len(meeting.attachments) >= MAX_ATTACHMENTS:
        raise ValidationError(f"每次会议最多附 {MAX_ATTACHMENTS} 个文件。", field="attachment")
    if attachments.find_by_hash(session.conn, OWNER_TYPE, meeting.id, material.sha256):
        raise Conflict("该文件已附在本次会议记录中。")
    with session.transaction():
        kept = attachments.store(
            session, material, owner_type=OWNER_TYPE, owner_id=meeting.id, inspection_id=meeting.inspection_id
        )
        session.audit(
            "meeting_attachment_add", "meeting", meeting.id, f"第{meeting.number}号，{kept.size} 字节"
        )
    return MeetingAttachment(kept.id, kept.filename, kept.size, kept.media_type, kept.created_at)


def _own_attachment(session: Session, meeting: Meeting, attachment_id: str) -> None:
    if attachment_id not in {a.id for a in meeting.attachments}:
        raise NotFound("找不到该文件，或您不在其知悉范围内。")


def read_attachment(session: Session, meeting_id: str, attachment_id: str) -> bytes:
    """The bytes of one of the meeting's files (checked against its SHA-256); the view is audited."""
    meeting = fetch_meeting(session, meeting_id)
    _own_attachment(session, meeting, attachment_id)
    data = attachments.read_bytes(session.conn, attachment_id)
    session.audit("meeting_attachment_view", "meeting", meeting_id, f"第{meeting.number}号")
    return data


def remove_attachment(session: Session, meeting_id: str, attachment_id: str) -> None:
    meeting = writable_meeting(session, meeting_id)
    _own_attachment(session, meeting, attachment_id)
    with session.transaction() as conn:
        attachments.delete(conn, attachment_id)
        session.audit("meeting_attachment_remove", "meeting", meeting_id, f"第{meeting.number}号")
