"""Writing briefings: the requests, their answer items, and the items' attachments.

Each write checks the session may write in the inspection (Cap.CASE_WRITE and need to know) and that
the level is within the clearance, validates the form (naming the field) and writes its audit entry
in one transaction. A lead-like item may be written only by those who may know leads (the office and
the team's leader): a member cannot create what they could not read. An item cited as evidence by a
working paper cannot be deleted, nor its request.
"""

from __future__ import annotations

from pathlib import Path

from app.core import imports
from app.core.domain import _fields as f
from app.core.domain import attachments
from app.core.domain.briefings.queries import (
    OWNER_TYPE,
    fetch_item,
    fetch_request,
    writable_request,
)
from app.core.domain.briefings.types import (
    DEFAULT_MATTERS,
    BriefingItem,
    BriefingRequest,
    BriefingSource,
    ItemAttachment,
    ItemForm,
    RequestForm,
)
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.core.imports import refusal
from app.core.printing.furniture import classification_mark
from app.core.security import compartments, visibility
from app.core.security.compartment_keys import BRIEFING_LEADS, LEADS
from app.core.security.roles import CLEARANCES
from app.core.session import Session

MAX_ITEMS = 200
MAX_CONTENT = 5000
MAX_ATTACHMENTS = 20


def _level(value: str, field: str = "classification") -> str:
    if value not in CLEARANCES:
        raise ValidationError(f"密级须为 {'、'.join(CLEARANCES)} 之一。", field=field)
    return value


def clean_request(form: RequestForm) -> dict:
    source = f.choice(BriefingSource, form.source, "source", "通报单位类别")
    department = f.text(form.department, "department", "通报单位", required=False, max_len=50)
    department = department or source.default_department
    if not department:
        raise ValidationError("请填写通报单位。", field="department")
    requested = f.iso_date(form.requested_on, "requested_on", "发函日期")
    due = f.iso_date(form.due_on, "due_on", "复函期限", required=False)
    answered = f.iso_date(form.answered_on, "answered_on", "复函日期", required=False)
    for value, field, label in ((due, "due_on", "复函期限"), (answered, "answered_on", "复函日期")):
        if value and value < requested:
            raise ValidationError(f"{label}不能早于发函日期。", field=field)
    matters = f.long_text(form.matters, "matters", "商请提供的情况", required=False, max_len=2000)
    years = form.protection_years
    _level(form.classification)
    if years is not None:
        years = f.positive_int(years, "protection_years", "保密期限", maximum=20)
        classification_mark(form.classification, years)
    return {
        "source": source.value,
        "department": department,
        "requested_on": requested,
        "due_on": due,
        "answered_on": answered,
        "matters": matters or DEFAULT_MATTERS[source],
        "classification": form.classification,
        "protection_years": years,
    }


def create_request(session: Session, inspection_id: str, form: RequestForm) -> BriefingRequest:
    """A new request to one department, numbered next in the inspection; audited."""
    visibility.require_inspection_writable(session, inspection_id)
    visibility.require_clearance_writable(session, form.classification)
    cols = clean_request(form)
    values = session.record_values()
    with session.transaction() as conn:
        number = f.count(
            conn,
            "SELECT COALESCE(MAX(number), 0) + 1 FROM briefing_requests WHERE inspection_id = ?",
            (inspection_id,),
        )
        f.insert(
            conn, "briefing_requests", {**values, "inspection_id": inspection_id, "number": number, **cols}
        )
        session.audit("briefing_create", "briefing_request", values["id"], f"第{number}号，{cols['source']}")
    return fetch_request(session, values["id"])


def update_request(session: Session, request_id: str, form: RequestForm) -> BriefingRequest:
    request = writable_request(session, request_id)
    visibility.require_clearance_writable(session, form.classification)
    cols = clean_request(form)
    with session.transaction() as conn:
        f.update(conn, "briefing_requests", request_id, cols)
        session.audit("briefing_update", "briefing_request", request_id, f"第{request.number}号")
    return fetch_request(session, request_id)


def _cited(conn, item_ids: list[str]) -> bool:
    if not item_ids:
        return False
    marks = ",".join("?" for _ in item_ids)
    return (
        conn.execute(
            f"SELECT 1 FROM issue_evidence WHERE kind = 'briefing' AND ref_id IN ({marks}) LIMIT 1", item_ids
        ).fetchone()
        is not None
    )


def delete_request(session: Session, request_id: str) -> None:
    """Delete a request and its items (all of them, also those the session does not see: so only the
    office or the leader may delete a request that holds lead-like items)."""
    request = writable_request(session, request_id)
    conn = session.conn
    all_items = conn.execute(
        "SELECT id, is_lead FROM briefing_items WHERE request_id = ?", (request_id,)
    ).fetchall()
    if any(r["is_lead"] for r in all_items) and not visibility.may_know_leads(session, request.inspection_id):
        raise PermissionDenied("该情况通报含线索类内容，只有本组组长或巡察办可以删除。")
    if _cited(conn, [r["id"] for r in all_items]):
        raise Conflict("该情况通报的内容已作为问题底稿的证据引用，不能删除。")
    with session.transaction() as conn:
        for r in all_items:
            for a in conn.execute(
                "SELECT id FROM attachments WHERE owner_type = ? AND owner_id = ?", (OWNER_TYPE, r["id"])
            ).fetchall():
                attachments.delete(conn, a["id"])
        conn.execute("DELETE FROM briefing_items WHERE request_id = ?", (request_id,))
        conn.execute("DELETE FROM briefing_requests WHERE id = ?", (request_id,))
        session.audit("briefing_delete", "briefing_request", request_id, f"第{request.number}号")


def _clean_item(session: Session, request: BriefingRequest, form: ItemForm) -> dict:
    content = f.long_text(form.content, "content", "通报内容", max_len=MAX_CONTENT)
    category_id = f.chosen_id(form.category_id or None, "category", "问题分类")
    category = f.text(form.category, "category", "问题分类", required=False, max_len=120)
    if category_id:
        from app.core.domain.register.classification import path_text

        f.must_exist(session.conn, "classification_nodes", category_id, "问题分类", "category")
        category = category or path_text(session.conn, category_id)
    level = _level(form.classification)
    visibility.require_clearance_writable(session, level)
    is_lead = bool(form.is_lead)
    if is_lead and not visibility.may_know_leads(session, request.inspection_id):
        raise PermissionDenied("线索类内容只有本组组长或巡察办可以登记。")
    return {
        "source": f.text(form.source, "source", "来源单位", required=False, max_len=50) or request.department,
        "content": content,
        "category": category,
        "category_id": category_id,
        "is_lead": int(is_lead),
        "classification": level,
    }


def _sealed_columns(session: Session, inspection_id: str, item_id: str, cols: dict) -> dict:
    """A lead-like item keeps its source, content and category only sealed in the inspection's leads
    compartment (refused, Conflict, while this session holds no copy of the key); others in the clear."""
    if not cols["is_lead"]:
        return {**cols, "sealed": ""}
    spec = BRIEFING_LEADS
    sealed = compartments.keys_for(session, LEADS).encrypt(
        inspection_id, spec.table, item_id, {name: cols[name] for name in spec.fields}
    )
    return {**cols, **spec.blank_values(), "sealed": sealed}


def add_item(session: Session, request_id: str, form: ItemForm) -> BriefingItem:
    """Record one item of the answer (the next ordinal of the request); audited."""
    request = writable_request(session, request_id)
    cols = _clean_item(session, request, form)
    values = session.record_values()
    with session.transaction() as conn:
        total = f.count(conn, "SELECT count(*) FROM briefing_items WHERE request_id = ?", (request_id,))
        if total >= MAX_ITEMS:
            raise ValidationError(f"每份情况通报最多登记 {MAX_ITEMS} 项内容。", field="content")
        ordinal = f.count(
            conn,
            "SELECT COALESCE(MAX(ordinal), 0) + 1 FROM briefing_items WHERE request_id = ?",
            (request_id,),
        )
        f.insert(
            conn,
            "briefing_items",
            {
                **values,
                "inspection_id": request.inspection_id,
                "request_id": request_id,
                "ordinal": ordinal,
                **_sealed_columns(session, request.inspection_id, values["id"], cols),
            },
        )
        lead = "，线索类" if cols["is_lead"] else ""
        session.audit(
            "briefing_item_add", "briefing_item", values["id"], f"第{request.number}号第{ordinal}项{lead}"
        )
    return fetch_item(session, values["id"])


def _writable_item(session: Session, item_id: str) -> tuple[BriefingItem, BriefingRequest]:
    item = fetch_item(session, item_id)
    return item, writable_request(session, item.request_id)


def update_item(session: Session, item_id: str, form: ItemForm) -> BriefingItem:
    item, request = _writable_item(session, item_id)
    cols = _clean_item(session, request, form)
    with session.transaction() as conn:
        f.update(conn, "briefing_items", item_id, _sealed_columns(session, item.inspection_id, item_id, cols))
        session.audit("briefing_item_update", "briefing_item", item_id, item.reference)
    return fetch_item(session, item_id)


def delete_item(session: Session, item_id: str) -> None:
    item, _ = _writable_item(session, item_id)
    if _cited(session.conn, [item_id]):
        raise Conflict("该通报内容已作为问题底稿的证据引用，不能删除。")
    with session.transaction() as conn:
        for a in item.attachments:
            attachments.delete(conn, a.id)
        conn.execute("DELETE FROM briefing_items WHERE id = ?", (item_id,))
        session.audit("briefing_item_delete", "briefing_item", item_id, item.reference)


def add_attachment(session: Session, item_id: str, filename: str, data: bytes) -> ItemAttachment:
    item, _ = _writable_item(session, item_id)
    with refusal.audited(session, "briefing_item", item_id, "通报附件", size=len(data)):
        material = imports.read_material(filename, data)
    return _keep(session, item, material)


def attach_file(session: Session, item_id: str, path: Path | str) -> ItemAttachment:
    item, _ = _writable_item(session, item_id)
    with refusal.audited(session, "briefing_item", item_id, "通报附件"):
        material = imports.read_file(path)
    return _keep(session, item, material)


def _keep(session: Session, item: BriefingItem, material) -> ItemAttachment:
    if len(item.attachments) >= MAX_ATTACHMENTS:
        raise ValidationError(f"每项通报内容最多附 {MAX_ATTACHMENTS} 个文件。", field="attachment")
    if attachments.find_by_hash(session.conn, OWNER_TYPE, item.id, material.sha256):
        raise Conflict("该文件已附在这项通报内容中。")
    with session.transaction():
        kept = attachments.store(
            session, material, owner_type=OWNER_TYPE, owner_id=item.id, inspection_id=item.inspection_id
        )
        session.audit(
            "briefing_attachment_add", "briefing_item", item.id, f"{item.reference}，{kept.size} 字节"
        )
    return ItemAttachment(kept.id, kept.filename, kept.size, kept.media_type, kept.created_at)


def read_attachment(session: Session, item_id: str, attachment_id: str) -> bytes:
    item = fetch_item(session, item_id)
    if attachment_id not in {a.id for a in item.attachments}:
        raise NotFound("找不到该文件，或您不在其知悉范围内。")
    data = attachments.read_bytes(session.conn, attachment_id)
    session.audit("briefing_attachment_view", "briefing_item", item_id, item.reference)
    return data


def remove_attachment(session: Session, item_id: str, attachment_id: str) -> None:
    item, _ = _writable_item(session, item_id)
    if attachment_id not in {a.id for a in item.attachments}:
        raise NotFound("找不到该文件，或您不在其知悉范围内。")
    with session.transaction() as conn:
        attachments.delete(conn, attachment_id)
        session.audit("briefing_attachment_remove", "briefing_item", item_id, item.reference)
