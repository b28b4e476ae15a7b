"""Progress of a rectification (整改进展): dated entries, optionally for one measure, with evidence.

Each entry carries a note and up to 20 evidence files, kept encrypted in the attachments table
under the owner type ATTACHMENT_OWNER. Adding needs the rectification writable; listing and opening
a file follow the issue's need to know, and opening a file is audited (its bytes are checked
against their SHA-256 by the attachments module).
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.domain import _fields as f
from app.core.domain import attachments
from app.core.domain.register.issue_reads import visible_issue
from app.core.domain.register.measures import issue_of_measure
from app.core.domain.register.rectification_record import ATTACHMENT_OWNER, ProgressEntry
from app.core.domain.register.rectification_store import rect_row, writable_rectification
from app.core.errors import NotFound, ValidationError
from app.core.imports import Material
from app.core.session import Session


def add_progress(
    session: Session,
    issue_id: str,
    entry_on: str,
    note: str,
    *,
    measure_id: str | None = None,
    files: Sequence[Material] = (),
) -> ProgressEntry:
    """A dated progress entry, optionally for one measure, with evidence files (read_material/read_file)."""
    issue, rect = writable_rectification(session, issue_id)
    entry_on = f.iso_date(entry_on, "entry_on", "进展日期")
    note = f.long_text(note, "note", "进展情况", max_len=5000)
    if measure_id and issue_of_measure(session.conn, measure_id) != issue_id:
        raise ValidationError("该措施不属于本问题的整改。", field="measure_id")
    if len(files) > 20:
        raise ValidationError("每条进展最多附 20 个证明材料。", field="files")
    values = session.record_values()
    with session.transaction() as conn:
        f.insert(
            conn,
            "rectification_progress",
            {
                **values,
                "rectification_id": rect.id,
                "measure_id": measure_id or None,
                "entry_on": entry_on,
                "note": note,
            },
        )
        for material in files:
            attachments.store(
                session,
                material,
                owner_type=ATTACHMENT_OWNER,
                owner_id=values["id"],
                inspection_id=issue.inspection_id,
            )
        session.audit("rectification_progress_add", "issue", issue_id, f"{len(files)} 个附件")
    return _progress(session.conn, values["id"])


def list_progress(session: Session, issue_id: str) -> list[ProgressEntry]:
    visible_issue(session, issue_id)
    rect = rect_row(session.conn, issue_id)
    ids = [
        r["id"]
        for r in session.conn.execute(
            "SELECT id FROM rectification_progress WHERE rectification_id = ? ORDER BY entry_on, created_at",
            (rect.id,),
        )
    ]
    return [_progress(session.conn, pid) for pid in ids]


def _progress(conn, progress_id: str) -> ProgressEntry:
    row = conn.execute(
        "SELECT p.id, p.rectification_id, p.measure_id, p.entry_on, p.note,"
        " coalesce(u.display_name, '') AS author_name"
        " FROM rectification_progress p LEFT JOIN users u ON u.id = p.author_id WHERE p.id = ?",
        (progress_id,),
    ).fetchone()
    if row is None:
        raise NotFound("找不到该进展记录。")
    return ProgressEntry(
        id=row["id"],
        rectification_id=row["rectification_id"],
        measure_id=row["measure_id"],
        entry_on=row["entry_on"],
        note=row["note"],
        author_name=row["author_name"],
        evidence=attachments.list_for(conn, ATTACHMENT_OWNER, progress_id),
    )


def read_evidence(session: Session, attachment_id: str) -> tuple[attachments.Attachment, bytes]:
    """Open an evidence file of a progress entry (audited); bytes checked against their SHA-256."""
    att = attachments.get(session.conn, attachment_id)
    if att.owner_type != ATTACHMENT_OWNER:
        raise NotFound("找不到该文件，或您不在其知悉范围内。")
    row = session.conn.execute(
        "SELECT r.issue_id FROM rectification_progress p JOIN rectifications r ON r.id = p.rectification_id"
        " WHERE p.id = ?",
        (att.owner_id,),
    ).fetchone()
    if row is None:
        raise NotFound("找不到该文件，或您不在其知悉范围内。")
    visible_issue(session, row["issue_id"])
    data = attachments.read_bytes(session.conn, attachment_id)
    session.audit("rectification_evidence_view", "attachment", attachment_id)
    return att, data
