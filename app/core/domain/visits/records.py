"""Reading and writing visits (走访): one by id, the list of an inspection, create, update, delete
and the attachments (photos, documents handed over on the spot).

Need to know, exactly as for meetings: the visit's inspection must be visible to the session and its
classification within the user's clearance, otherwise NotFound, like a missing one. Writes need the
inspection writable (Cap.CASE_WRITE and need to know), validate the form (field-named Chinese
messages), number the visit per inspection (走访 第N号) and audit, in one transaction. A visit cited
as evidence by a working paper cannot be deleted. Attachments are checked by app.core.imports.
"""

from __future__ import annotations

import json
from pathlib import Path

from app.core import imports
from app.core.domain import _fields as f
from app.core.domain import attachments
from app.core.domain.visits.types import Visit, VisitAttachment, VisitForm, VisitKind
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.imports import refusal
from app.core.printing.furniture import classification_mark
from app.core.security import visibility
from app.core.security.roles import CLEARANCES
from app.core.session import Session

NOT_FOUND = "找不到该走访记录，或您不在其知悉范围内。"
OWNER_TYPE = "visit"
MAX_PEOPLE = 100
MAX_OBSERVATIONS = 50000
MAX_ATTACHMENTS = 100

_COLUMNS = (
    "v.id, v.inspection_id, v.number, v.kind, v.visited_on, v.place, v.visited, v.members, v.met,"
    " v.observations, v.classification, v.protection_years, v.created_at, v.updated_at,"
    " un.name AS unit_name, tm.name AS team_name"
)
_FROM = (
    " FROM visits v JOIN inspections i ON i.id = v.inspection_id JOIN units un ON un.id = i.unit_id"
    " JOIN teams tm ON tm.id = i.team_id"
)


# ---- reads -----------------------------------------------------------------------------------------


def _visible_row(session: Session, visit_id: str):
    where, params = visibility.inspection_filter_sql(session, "v.inspection_id")
    level, levels = visibility.clearance_filter_sql(session, "v.classification")
    row = session.conn.execute(
        f"SELECT {_COLUMNS}{_FROM} WHERE v.id = ? AND {where} AND {level}", (visit_id, *params, *levels)
    ).fetchone()
    if row is None:
        raise NotFound(NOT_FOUND)
    return row


def load_visit(conn, row) -> Visit:
    files = [
        VisitAttachment(r["id"], r["filename"], int(r["size"]), r["media_type"], r["created_at"])
        for r in conn.execute(
            "SELECT id, filename, size, media_type, created_at FROM attachments"
            " WHERE owner_type = ? AND owner_id = ? ORDER BY created_at, filename",
            (OWNER_TYPE, row["id"]),
        )
    ]
    return Visit(
        id=row["id"],
        inspection_id=row["inspection_id"],
        number=row["number"],
        kind=VisitKind(row["kind"]),
        visited_on=row["visited_on"],
        place=row["place"],
        visited=row["visited"],
        members=json.loads(row["members"]),
        met=json.loads(row["met"]),
        observations=row["observations"],
        classification=row["classification"],
        protection_years=row["protection_years"],
        attachments=files,
        unit_name=row["unit_name"],
        team_name=row["team_name"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def fetch_visit(session: Session, visit_id: str) -> Visit:
    """The visit if the session may know of it (NotFound otherwise); not audited."""
    return load_visit(session.conn, _visible_row(session, visit_id))


def writable_visit(session: Session, visit_id: str) -> Visit:
    visit = fetch_visit(session, visit_id)
    visibility.require_inspection_writable(session, visit.inspection_id)
    return visit


def get_visit(session: Session, visit_id: str) -> Visit:
    """Open a visit record; the view is audited."""
    visit = fetch_visit(session, visit_id)
    session.audit("visit_view", "visit", visit_id, f"第{visit.number}号")
    return visit


def visible_visits(session: Session, inspection_id: str | None = None) -> list[Visit]:
    """The visible visits (one inspection or all), newest first; not audited."""
    where, params = visibility.inspection_filter_sql(session, "v.inspection_id")
    level, levels = visibility.clearance_filter_sql(session, "v.classification")
    sql, args = [where, level], [*params, *levels]
    if inspection_id:
        visibility.require_inspection_visible(session, inspection_id)
        sql.append("v.inspection_id = ?")
        args.append(inspection_id)
    rows = session.conn.execute(
        f"SELECT {_COLUMNS}{_FROM} WHERE {' AND '.join(sql)} ORDER BY v.visited_on DESC, v.number DESC",
        args,
    ).fetchall()
    return [load_visit(session.conn, r) for r in rows]


def list_visits(session: Session, inspection_id: str | None = None) -> list[Visit]:
    """The visits of one inspection (or every visible one), newest first; the listing is audited."""
    result = visible_visits(session, inspection_id)
    session.audit("visits_list", "inspection", inspection_id or "", f"{len(result)} 条")
    return result


# ---- the form's rules --------------------------------------------------------------------------------


def _names(values: list, field: str, label: str) -> list[str]:
    names = []
    for k, value in enumerate(values or [], start=1):
        name = f.text(value, field, f"第 {k} 位{label}", required=False, max_len=60)
        if name and name not in names:
            names.append(name)
    if len(names) > MAX_PEOPLE:
        raise ValidationError(f"{label}最多 {MAX_PEOPLE} 名。", field=field)
    return names


def clean_form(form: VisitForm) -> dict:
    """The validated columns of a visit; ValidationError names the field."""
    kind = f.choice(VisitKind, form.kind, "kind", "走访类型")
    members = _names(form.members, "members", "走访人员")
    if not members:
        raise ValidationError("请填写走访人员。", field="members")
    if form.classification not in CLEARANCES:
        raise ValidationError(f"密级须为 {'、'.join(CLEARANCES)} 之一。", field="classification")
    years = form.protection_years
    if years is not None:
        years = f.positive_int(years, "protection_years", "保密期限", maximum=20)
        classification_mark(form.classification, years)
    return {
        "kind": kind.value,
        "visited_on": f.iso_date(form.visited_on, "visited_on", "走访日期"),
        "place": f.text(form.place, "place", "走访地点", max_len=100),
        "visited": f.text(form.visited, "visited", "走访对象", required=False, max_len=100),
        "members": json.dumps(members, ensure_ascii=False),
        "met": json.dumps(_names(form.met, "met", "接触人员"), ensure_ascii=False),
        "observations": f.long_text(
            form.observations, "observations", "了解情况", required=False, max_len=MAX_OBSERVATIONS
        ),
        "classification": form.classification,
        "protection_years": years,
    }


# ---- writes ------------------------------------------------------------------------------------------


def create_visit(session: Session, inspection_id: str, form: VisitForm) -> Visit:
    """A new visit record of the inspection, numbered next; audited."""
    visibility.require_inspection_writable(session, inspection_id)
    visibility.require_clearance_writable(session, form.classification)
    cols = clean_form(form)
    values = session.record_values()
    with session.transaction() as conn:
        number = f.count(
            conn, "SELECT COALESCE(MAX(number), 0) + 1 FROM visits WHERE inspection_id = ?", (inspection_id,)
        )
        f.insert(conn, "visits", {**values, "inspection_id": inspection_id, "number": number, **cols})
        session.audit("visit_create", "visit", values["id"], f"第{number}号，{cols['kind']}")
    return fetch_visit(session, values["id"])


def update_visit(session: Session, visit_id: str, form: VisitForm) -> Visit:
    visit = writable_visit(session, visit_id)
    visibility.require_clearance_writable(session, form.classification)
    cols = clean_form(form)
    with session.transaction() as conn:
        f.update(conn, "visits", visit_id, cols)
        session.audit("visit_update", "visit", visit_id, f"第{visit.number}号")
    return fetch_visit(session, visit_id)


def delete_visit(session: Session, visit_id: str) -> None:
    """Delete a visit no working paper cites; its attachments go with it."""
    visit = writable_visit(session, visit_id)
    cited = session.conn.execute(
        "SELECT 1 FROM issue_evidence WHERE kind = 'visit' AND ref_id = ? LIMIT 1", (visit_id,)
    ).fetchone()
    if cited is not None:
        raise Conflict("该走访记录已作为问题底稿的证据引用，不能删除。")
    with session.transaction() as conn:
        for a in visit.attachments:
            attachments.delete(conn, a.id)
        conn.execute("DELETE FROM visits WHERE id = ?", (visit_id,))
        session.audit("visit_delete", "visit", visit_id, f"第{visit.number}号")


def add_attachment(session: Session, visit_id: str, filename: str, data: bytes) -> VisitAttachment:
    """Keep a photo or document given as bytes (checked by app.core.imports); audited with its size."""
    visit = writable_visit(session, visit_id)
    with refusal.audited(session, "visit", visit_id, "走访材料", size=len(data)):
        material = imports.read_material(filename, data)
    return _keep(session, visit, material)


def attach_file(session: Session, visit_id: str, path: Path | str) -> VisitAttachment:
    """Import a file the user chose on disk (read once, bounded by the size limit)."""
    visit = writable_visit(session, visit_id)
    with refusal.audited(session, "visit", visit_id, "走访材料"):
        material = imports.read_file(path)
    return _keep(session, visit, material)


def _keep(session: Session, visit: Visit, material) -> VisitAttachment:
    if len(visit.attachments) >= MAX_ATTACHMENTS:
        raise ValidationError(f"每次走访最多附 {MAX_ATTACHMENTS} 个文件。", field="attachment")
    if attachments.find_by_hash(session.conn, OWNER_TYPE, visit.id, material.sha256):
        raise Conflict("该文件已附在本次走访记录中。")
    with session.transaction():
        kept = attachments.store(
            session, material, owner_type=OWNER_TYPE, owner_id=visit.id, inspection_id=visit.inspection_id
        )
        session.audit("visit_attachment_add", "visit", visit.id, f"第{visit.number}号，{kept.size} 字节")
    return VisitAttachment(kept.id, kept.filename, kept.size, kept.media_type, kept.created_at)


def _own_attachment(visit: Visit, attachment_id: str) -> None:
    if attachment_id not in {a.id for a in visit.attachments}:
        raise NotFound("找不到该文件，或您不在其知悉范围内。")


def read_attachment(session: Session, visit_id: str, attachment_id: str) -> bytes:
    """The bytes of one of the visit's files (checked against its SHA-256); the view is audited."""
    visit = fetch_visit(session, visit_id)
    _own_attachment(visit, attachment_id)
    data = attachments.read_bytes(session.conn, attachment_id)
    session.audit("visit_attachment_view", "visit", visit_id, f"第{visit.number}号")
    return data


def remove_attachment(session: Session, visit_id: str, attachment_id: str) -> None:
    visit = writable_visit(session, visit_id)
    _own_attachment(visit, attachment_id)
    with session.transaction() as conn:
        attachments.delete(conn, attachment_id)
        session.audit("visit_attachment_remove", "visit", visit_id, f"第{visit.number}号")
