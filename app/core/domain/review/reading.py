"""Reading the borrowed material: reading notes, excerpts, and electronic material imported as files.

- A reading (阅读记录) is one reviewer's session with an item: who (a member of the team), when, notes.
- An excerpt (摘录) is a passage with its page or location, taken from an item (optionally from one
  reading or one imported file). Excerpts keep a stable id (uuid) and a number per inspection
  ("摘录007") so that issues can cite them as evidence.
- Electronic material: a file is read and checked in memory (app.core.imports), then its bytes, SHA-256
  and extracted text are stored in one transaction with the search index entry and the audit entry;
  a refused file leaves nothing behind. Opening a file or its text is audited; the GUI shows both
  inside the app (nothing is written out or opened with another program).

Permissions: writing needs Cap.CASE_WRITE within a visible inspection; reading needs need-to-know.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.core import imports
from app.core.domain import _fields as f
from app.core.domain import attachments
from app.core.domain.attachments import Attachment
from app.core.domain.review import search as search_index
from app.core.domain.review.access import readable_item, team_member_of, writable_item
from app.core.domain.review.search import HitKind, excerpt_label
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.imports import ImportLimits, Material, refusal
from app.core.security import visibility
from app.core.session import Session

OWNER_TYPE = "request_item"  # attachments.owner_type for material of a request item
MAX_NOTES = 20_000
MAX_PASSAGE = 5_000


@dataclass
class Reading:
    id: str
    item_id: str
    reviewer_id: str
    reviewer_name: str
    read_on: str
    notes: str
    excerpt_count: int

    COLUMNS = (
        "g.id AS id, g.item_id AS item_id, g.reviewer_id AS reviewer_id, u.display_name AS reviewer_name,"
        " g.read_on AS read_on, g.notes AS notes,"
        " (SELECT count(*) FROM excerpts x WHERE x.reading_id = g.id) AS excerpt_count"
    )
    FROM = "readings g JOIN users u ON u.id = g.reviewer_id"

    @classmethod
    def from_row(cls, row) -> Reading:
        return cls(
            id=row["id"],
            item_id=row["item_id"],
            reviewer_id=row["reviewer_id"],
            reviewer_name=row["reviewer_name"],
            read_on=row["read_on"],
            notes=row["notes"],
            excerpt_count=int(row["excerpt_count"]),
        )


@dataclass
class Excerpt:
    id: str  # stable: issues cite this
    inspection_id: str
    item_id: str
    reading_id: str | None
    attachment_id: str | None
    number: int  # per inspection, from 1
    passage: str
    location: str  # page or place in the item, e.g. "第3册 第12页"
    item_number: int
    item_title: str
    author_id: str | None
    created_at: str

    COLUMNS = (
        "x.id AS id, x.inspection_id AS inspection_id, x.item_id AS item_id, x.reading_id AS reading_id,"
        " x.attachment_id AS attachment_id, x.number AS number, x.passage AS passage, x.location AS location,"
        " r.number AS item_number, r.title AS item_title, x.author_id AS author_id, x.created_at AS created_at"
    )
    FROM = "excerpts x JOIN request_items r ON r.id = x.item_id"

    @classmethod
    def from_row(cls, row) -> Excerpt:
        return cls(
            id=row["id"],
            inspection_id=row["inspection_id"],
            item_id=row["item_id"],
            reading_id=row["reading_id"],
            attachment_id=row["attachment_id"],
            number=int(row["number"]),
            passage=row["passage"],
            location=row["location"],
            item_number=int(row["item_number"]),
            item_title=row["item_title"],
            author_id=row["author_id"],
            created_at=row["created_at"],
        )

    @property
    def label(self) -> str:
        """How an issue's evidence list names it: 摘录007."""
        return excerpt_label(self.number)


# ---- readings -------------------------------------------------------------------------------------


def _reading_fields(session, item, reviewer_id, read_on, notes) -> tuple[str, str, str]:
    reviewer = team_member_of(
        session.conn, item.inspection_id, reviewer_id or session.user.id, "reviewer_id", "查阅人"
    )
    when = str(f.iso_date(read_on or date.today(), "read_on", "查阅日期"))
    if item.received_on and when < item.received_on:
        raise ValidationError("查阅日期不能早于资料接收日期。", field="read_on")
    if not item.received_on and item.material_count == 0:
        raise Conflict("该资料尚未接收，也没有电子材料，不能登记查阅。")
    text = f.long_text(notes, "notes", "阅读笔记", required=False, max_len=MAX_NOTES)
    return reviewer, when, text


def add_reading(
    session: Session,
    item_id: str,
    *,
    read_on: str | date | None = None,
    notes: str = "",
    reviewer_id: str | None = None,
) -> Reading:
    """Record a reading of the item: by `reviewer_id` (default: the signed-in user), on a date, with notes."""
    item = writable_item(session, item_id)
    reviewer, when, text = _reading_fields(session, item, reviewer_id, read_on, notes)
    values = session.record_values()
    with session.transaction() as conn:
        f.insert(
            conn,
            "readings",
            {**values, "item_id": item_id, "reviewer_id": reviewer, "read_on": when, "notes": text},
        )
        search_index.index_text(conn, HitKind.READING, values["id"], item.inspection_id, item_id, text)
        session.audit("reading_create", "reading", values["id"], f"item {item_id}")
    return _reading(session.conn, values["id"])


def update_reading(
    session: Session,
    reading_id: str,
    *,
    read_on: str | date,
    notes: str,
    reviewer_id: str | None = None,
) -> Reading:
    current = _visible_reading(session, reading_id)
    item = writable_item(session, current.item_id)
    reviewer, when, text = _reading_fields(session, item, reviewer_id or current.reviewer_id, read_on, notes)
    with session.transaction() as conn:
        f.update(conn, "readings", reading_id, {"reviewer_id": reviewer, "read_on": when, "notes": text})
        search_index.index_text(conn, HitKind.READING, reading_id, item.inspection_id, item.id, text)
        session.audit("reading_update", "reading", reading_id)
    return _reading(session.conn, reading_id)


def delete_reading(session: Session, reading_id: str) -> None:
    """Refused while excerpts point to it (they may be evidence)."""
    current = _visible_reading(session, reading_id)
    writable_item(session, current.item_id)
    if current.excerpt_count:
        raise Conflict(f"该阅读记录有 {current.excerpt_count} 条摘录，不能删除。")
    with session.transaction() as conn:
        search_index.unindex(conn, reading_id)
        f.delete(conn, "readings", reading_id, "阅读记录")
        session.audit("reading_delete", "reading", reading_id)


def list_readings(session: Session, item_id: str) -> list[Reading]:
    """An item's readings, oldest first. Audited."""
    readable_item(session, item_id)
    rows = session.conn.execute(
        f"SELECT {Reading.COLUMNS} FROM {Reading.FROM} WHERE g.item_id = ? ORDER BY g.read_on, g.created_at",
        (item_id,),
    ).fetchall()
    session.audit("readings_view", "request_item", item_id, f"{len(rows)} 条")
    return [Reading.from_row(r) for r in rows]


def _reading(conn, reading_id: str) -> Reading:
    row = conn.execute(
        f"SELECT {Reading.COLUMNS} FROM {Reading.FROM} WHERE g.id = ?", (reading_id,)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该阅读记录，或您不在其知悉范围内。")
    return Reading.from_row(row)


def _visible_reading(session: Session, reading_id: str) -> Reading:
    where, params = visibility.inspection_filter_sql(session, "r.inspection_id")
    row = session.conn.execute(
        f"SELECT 1 FROM readings g JOIN request_items r ON r.id = g.item_id WHERE g.id = ? AND {where}",
        (str(reading_id or ""), *params),
    ).fetchone()
    if row is None:
        raise NotFound("找不到该阅读记录，或您不在其知悉范围内。")
    return _reading(session.conn, reading_id)


# ---- excerpts -------------------------------------------------------------------------------------


def _excerpt_refs(session, item, reading_id, attachment_id) -> tuple[str | None, str | None]:
    conn = session.conn
    if reading_id:
        row = conn.execute("SELECT item_id FROM readings WHERE id = ?", (reading_id,)).fetchone()
        if row is None or row["item_id"] != item.id:
            raise ValidationError("所选阅读记录不属于该调阅事项。", field="reading_id")
    if attachment_id:
        row = conn.execute(
            "SELECT owner_id FROM attachments WHERE id = ? AND owner_type = ?", (attachment_id, OWNER_TYPE)
        ).fetchone()
        if row is None or row["owner_id"] != item.id:
            raise ValidationError("所选电子材料不属于该调阅事项。", field="attachment_id")
    return reading_id or None, attachment_id or None


def add_excerpt(
    session: Session,
    item_id: str,
    *,
    passage: str,
    location: str = "",
    reading_id: str | None = None,
    attachment_id: str | None = None,
) -> Excerpt:
    """Take a passage from the item, with its page or location; numbered per inspection (摘录001...)."""
    item = writable_item(session, item_id)
    text = f.long_text(passage, "passage", "摘录内容", max_len=MAX_PASSAGE)
    where = f.text(location, "location", "页码或位置", required=False, max_len=100)
    reading_id, attachment_id = _excerpt_refs(session, item, reading_id, attachment_id)
    values = session.record_values()
    with session.transaction() as conn:
        number = _next_excerpt_number(conn, item.inspection_id) - 1
        f.insert(
            conn,
            "excerpts",
            {
                **values,
                "inspection_id": item.inspection_id,
                "item_id": item_id,
                "reading_id": reading_id,
                "attachment_id": attachment_id,
                "number": number + 1,
                "passage": text,
                "location": where,
            },
        )
        search_index.index_text(conn, HitKind.EXCERPT, values["id"], item.inspection_id, item_id, text)
        session.audit("excerpt_create", "excerpt", values["id"], f"item {item_id} #{number + 1}")
    return _excerpt(session.conn, values["id"])


def _next_excerpt_number(conn, inspection_id: str) -> int:
    conn.execute(
        "INSERT INTO excerpt_numbers (inspection_id, last_number) VALUES (?, 1)"
        " ON CONFLICT (inspection_id) DO UPDATE SET last_number = last_number + 1",
        (inspection_id,),
    )
    return f.count(conn, "SELECT last_number FROM excerpt_numbers WHERE inspection_id = ?", (inspection_id,))


def update_excerpt(session: Session, excerpt_id: str, *, passage: str, location: str = "") -> Excerpt:
    """Correct the passage or its location; the id and number stay."""
    current = get_excerpt(session, excerpt_id, audit=False)
    item = writable_item(session, current.item_id)
    text = f.long_text(passage, "passage", "摘录内容", max_len=MAX_PASSAGE)
    where = f.text(location, "location", "页码或位置", required=False, max_len=100)
    with session.transaction() as conn:
        f.update(conn, "excerpts", excerpt_id, {"passage": text, "location": where})
        search_index.index_text(conn, HitKind.EXCERPT, excerpt_id, item.inspection_id, item.id, text)
        session.audit("excerpt_update", "excerpt", excerpt_id)
    return _excerpt(session.conn, excerpt_id)


def delete_excerpt(session: Session, excerpt_id: str) -> None:
    """Remove an excerpt; its number is not reused. (Issues citing it will refuse this by reference.)"""
    current = get_excerpt(session, excerpt_id, audit=False)
    writable_item(session, current.item_id)
    with session.transaction() as conn:
        search_index.unindex(conn, excerpt_id)
        f.delete(conn, "excerpts", excerpt_id, "摘录")
        session.audit("excerpt_delete", "excerpt", excerpt_id)


def list_excerpts(
    session: Session, inspection_id: str | None = None, *, item_id: str | None = None
) -> list[Excerpt]:
    """Excerpts of an inspection (or of one item), by number. Audited."""
    if item_id is not None:
        item = readable_item(session, item_id)
        inspection_id = item.inspection_id
    if inspection_id is None:
        raise ValidationError("请选择巡察或调阅事项。", field="inspection_id")
    visibility.require_inspection_visible(session, inspection_id)
    sql = f"SELECT {Excerpt.COLUMNS} FROM {Excerpt.FROM} WHERE x.inspection_id = ?"
    args: list = [inspection_id]
    if item_id is not None:
        sql += " AND x.item_id = ?"
        args.append(item_id)
    rows = session.conn.execute(sql + " ORDER BY x.number", args).fetchall()
    session.audit("excerpts_view", "inspection", inspection_id, f"{len(rows)} 条")
    return [Excerpt.from_row(r) for r in rows]


def get_excerpt(session: Session, excerpt_id: str, *, audit: bool = True) -> Excerpt:
    """One excerpt by its stable id (for issues' evidence); NotFound outside need-to-know."""
    where, params = visibility.inspection_filter_sql(session, "x.inspection_id")
    row = session.conn.execute(
        f"SELECT {Excerpt.COLUMNS} FROM {Excerpt.FROM} WHERE x.id = ? AND {where}",
        (str(excerpt_id or ""), *params),
    ).fetchone()
    if row is None:
        raise NotFound("找不到该摘录，或您不在其知悉范围内。")
    if audit:
        session.audit("excerpt_open", "excerpt", excerpt_id)
    return Excerpt.from_row(row)


def _excerpt(conn, excerpt_id: str) -> Excerpt:
    row = conn.execute(
        f"SELECT {Excerpt.COLUMNS} FROM {Excerpt.FROM} WHERE x.id = ?", (excerpt_id,)
    ).fetchone()
    return Excerpt.from_row(row)


# ---- electronic material ----------------------------------------------------------------------------


def import_material(
    session: Session, item_id: str, filename: str, data: bytes, *, limits: ImportLimits | None = None
) -> Attachment:
    """Import a file given as bytes into the item: checked, stored encrypted with its SHA-256, indexed.

    Raises ImportRefused (a ValidationError, field "file") with the reason when the file is too large,
    damaged, hostile or not what its name says (the refusal is audited, by category); Conflict when the item already holds the same file.
    Either everything is stored or nothing is.
    """
    item = writable_item(session, item_id)
    with refusal.audited(session, "request_item", item.id, "调阅资料", size=len(data)):
        material = imports.read_material(filename, data, limits or imports.DEFAULT_LIMITS)
    return _store(session, item.id, item.inspection_id, material)


def import_file(
    session: Session, item_id: str, path: Path | str, *, limits: ImportLimits | None = None
) -> Attachment:
    """Import a file the user chose on disk (read once, bounded by the size limit; the file is not changed)."""
    item = writable_item(session, item_id)
    with refusal.audited(session, "request_item", item.id, "调阅资料"):
        material = imports.read_file(path, limits or imports.DEFAULT_LIMITS)
    return _store(session, item.id, item.inspection_id, material)


def _store(session: Session, item_id: str, inspection_id: str, material: Material) -> Attachment:
    with session.transaction() as conn:
        same = attachments.find_by_hash(conn, OWNER_TYPE, item_id, material.sha256)
        if same is not None:
            raise Conflict(f"该调阅事项已导入过相同的文件（{same.filename}）。")
        stored = attachments.store(
            session, material, owner_type=OWNER_TYPE, owner_id=item_id, inspection_id=inspection_id
        )
        search_index.index_text(conn, HitKind.MATERIAL, stored.id, inspection_id, item_id, material.text)
        session.audit(
            "material_import",
            "attachment",
            stored.id,
            f"item {item_id} {material.kind.value} {material.size} 字节",
        )
    return stored


def list_material(session: Session, item_id: str) -> list[Attachment]:
    """The files imported into an item (without their bytes). Audited."""
    readable_item(session, item_id)
    found = attachments.list_for(session.conn, OWNER_TYPE, item_id)
    session.audit("material_view", "request_item", item_id, f"{len(found)} 个文件")
    return found


def _visible_attachment(session: Session, attachment_id: str) -> Attachment:
    where, params = visibility.inspection_filter_sql(session, "inspection_id")
    row = session.conn.execute(
        f"SELECT 1 FROM attachments WHERE id = ? AND owner_type = ? AND {where}",
        (str(attachment_id or ""), OWNER_TYPE, *params),
    ).fetchone()
    if row is None:
        raise NotFound("找不到该文件，或您不在其知悉范围内。")
    return attachments.get(session.conn, attachment_id)


def get_material(session: Session, attachment_id: str) -> Attachment:
    """One file's description (name, type, size, SHA-256, pages...). Not audited: no content."""
    return _visible_attachment(session, attachment_id)


def material_text(session: Session, attachment_id: str) -> str:
    """The text extracted at import (empty for images and scans), for the in-app viewer. Audited."""
    _visible_attachment(session, attachment_id)
    text = attachments.read_text(session.conn, attachment_id)
    session.audit("material_open_text", "attachment", attachment_id)
    return text


def material_bytes(session: Session, attachment_id: str) -> bytes:
    """The original bytes, checked against their SHA-256 (IntegrityFailure if not), for the in-app viewer.

    Audited. The caller keeps them in memory: they are never written to a file or handed to a program.
    """
    _visible_attachment(session, attachment_id)
    data = attachments.read_bytes(session.conn, attachment_id)
    session.audit("material_open", "attachment", attachment_id, f"{len(data)} 字节")
    return data


def delete_material(session: Session, attachment_id: str) -> None:
    """Remove an imported file, its text and index entry; refused while excerpts cite it."""
    current = _visible_attachment(session, attachment_id)
    writable_item(session, current.owner_id)
    with session.transaction() as conn:
        f.refuse_if(
            conn,
            "SELECT count(*) FROM excerpts WHERE attachment_id = ?",
            (attachment_id,),
            "该文件有 {n} 条摘录引用，不能删除。",
        )
        search_index.unindex(conn, attachment_id)
        attachments.delete(conn, attachment_id)
        session.audit("material_delete", "attachment", attachment_id, f"item {current.owner_id}")
