"""Reading briefings: the requests of an inspection with the answer items the session may know.

Need to know as for talks (the inspection visible, the level within the clearance), and one more
rule: a lead-like item (is_lead) is visible as leads are (visibility.may_know_leads: the office and
the team's leader); to anyone else it does not exist (NotFound, left out of lists and the summary).
"""

from __future__ import annotations

from app.core.domain.briefings.types import BriefingItem, BriefingRequest, BriefingSource, ItemAttachment
from app.core.errors import NotFound
from app.core.security import compartments, visibility
from app.core.security.compartment_keys import BRIEFING_LEADS, LEADS
from app.core.session import Session

NOT_FOUND = "找不到该情况通报，或您不在其知悉范围内。"
ITEM_NOT_FOUND = "找不到该通报内容，或您不在其知悉范围内。"
OWNER_TYPE = "briefing_item"  # attachments.owner_type

_REQUEST = (
    "SELECT r.id, r.inspection_id, r.number, r.source, r.department, r.requested_on, r.due_on,"
    " r.answered_on, r.matters, r.classification, r.protection_years, un.name AS unit_name,"
    " tm.name AS team_name FROM briefing_requests r JOIN inspections i ON i.id = r.inspection_id"
    " JOIN units un ON un.id = i.unit_id JOIN teams tm ON tm.id = i.team_id"
)
_ITEM = (
    "SELECT x.id, x.inspection_id, x.request_id, r.number AS request_number, x.ordinal, x.source,"
    " x.content, x.category, x.category_id, x.is_lead, x.classification, x.sealed"
    " FROM briefing_items x JOIN briefing_requests r ON r.id = x.request_id"
)


def _request(row) -> BriefingRequest:
    return BriefingRequest(
        id=row["id"],
        inspection_id=row["inspection_id"],
        number=row["number"],
        source=BriefingSource(row["source"]),
        department=row["department"],
        requested_on=row["requested_on"],
        due_on=row["due_on"] or "",
        answered_on=row["answered_on"] or "",
        matters=row["matters"],
        classification=row["classification"],
        protection_years=row["protection_years"],
        unit_name=row["unit_name"],
        team_name=row["team_name"],
    )


def _opened(session: Session, row, keys: compartments.Keys | None = None) -> dict:
    """The item's source, content and category: a lead-like item's opened from the leads compartment
    (marked locked while this session holds no copy of the key)."""
    plain = {"source": row["source"], "content": row["content"], "category": row["category"]}
    if not row["sealed"]:
        return plain
    keys = keys or compartments.keys_for(session, LEADS)
    values = keys.values(row["inspection_id"], row["id"], row["sealed"], BRIEFING_LEADS.table)
    if values is None:
        return {"source": "", "content": compartments.LOCKED, "category": "", "locked": True}
    return {name: str(values.get(name, "")) for name in BRIEFING_LEADS.fields}


def _item(session: Session, row, keys: compartments.Keys | None = None) -> BriefingItem:
    conn = session.conn
    opened = _opened(session, row, keys)
    files = [
        ItemAttachment(r["id"], r["filename"], int(r["size"]), r["media_type"], r["created_at"])
        for r in conn.execute(
            "SELECT id, filename, size, media_type, created_at FROM attachments"
            " WHERE owner_type = ? AND owner_id = ? ORDER BY created_at, filename",
            (OWNER_TYPE, row["id"]),
        )
    ]
    return BriefingItem(
        id=row["id"],
        inspection_id=row["inspection_id"],
        request_id=row["request_id"],
        request_number=row["request_number"],
        ordinal=row["ordinal"],
        source=opened["source"],
        content=opened["content"],
        category=opened["category"],
        category_id=row["category_id"],
        is_lead=bool(row["is_lead"]),
        classification=row["classification"],
        attachments=files,
        locked=bool(opened.get("locked")),
    )


def _item_filter(session: Session, inspection_id: str) -> tuple[str, tuple]:
    level, levels = visibility.clearance_filter_sql(session, "x.classification")
    if not visibility.may_know_leads(session, inspection_id):
        level += " AND x.is_lead = 0"
    return level, levels


def items_of(session: Session, request: BriefingRequest) -> list[BriefingItem]:
    level, levels = _item_filter(session, request.inspection_id)
    rows = session.conn.execute(
        f"{_ITEM} WHERE x.request_id = ? AND {level} ORDER BY x.ordinal", (request.id, *levels)
    ).fetchall()
    keys = compartments.keys_for(session, LEADS) if any(r["sealed"] for r in rows) else None
    return [_item(session, r, keys) for r in rows]


def fetch_request(session: Session, request_id: str) -> BriefingRequest:
    """The request with the items the session may know (NotFound otherwise); not audited."""
    where, params = visibility.inspection_filter_sql(session, "r.inspection_id")
    level, levels = visibility.clearance_filter_sql(session, "r.classification")
    row = session.conn.execute(
        f"{_REQUEST} WHERE r.id = ? AND {where} AND {level}", (request_id, *params, *levels)
    ).fetchone()
    if row is None:
        raise NotFound(NOT_FOUND)
    request = _request(row)
    request.items = items_of(session, request)
    return request


def writable_request(session: Session, request_id: str) -> BriefingRequest:
    request = fetch_request(session, request_id)
    visibility.require_inspection_writable(session, request.inspection_id)
    return request


def get_request(session: Session, request_id: str) -> BriefingRequest:
    request = fetch_request(session, request_id)
    session.audit("briefing_view", "briefing_request", request_id, f"第{request.number}号")
    return request


def visible_requests(session: Session, inspection_id: str) -> list[BriefingRequest]:
    """The requests of the inspection, in number order, each with its visible items; not audited."""
    visibility.require_inspection_visible(session, inspection_id)
    level, levels = visibility.clearance_filter_sql(session, "r.classification")
    rows = session.conn.execute(
        f"{_REQUEST} WHERE r.inspection_id = ? AND {level} ORDER BY r.number", (inspection_id, *levels)
    ).fetchall()
    out = []
    for row in rows:
        request = _request(row)
        request.items = items_of(session, request)
        out.append(request)
    return out


def list_requests(session: Session, inspection_id: str) -> list[BriefingRequest]:
    """The requests of the inspection (audited, with the count only)."""
    result = visible_requests(session, inspection_id)
    session.audit("briefings_list", "inspection", inspection_id, f"{len(result)} 份")
    return result


def fetch_item(session: Session, item_id: str) -> BriefingItem:
    """One answer item if the session may know it (a lead-like one: as leads); not audited."""
    row = session.conn.execute("SELECT inspection_id FROM briefing_items WHERE id = ?", (item_id,)).fetchone()
    if row is None:
        raise NotFound(ITEM_NOT_FOUND)
    inspection_id = row["inspection_id"]
    where, params = visibility.inspection_filter_sql(session, "x.inspection_id")
    level, levels = _item_filter(session, inspection_id)
    rlevel, rlevels = visibility.clearance_filter_sql(session, "r.classification")
    found = session.conn.execute(
        f"{_ITEM} WHERE x.id = ? AND {where} AND {level} AND {rlevel}", (item_id, *params, *levels, *rlevels)
    ).fetchone()
    if found is None:
        raise NotFound(ITEM_NOT_FOUND)
    return _item(session, found)


def get_item(session: Session, item_id: str) -> BriefingItem:
    item = fetch_item(session, item_id)
    session.audit("briefing_item_view", "briefing_item", item_id, item.reference)
    return item


def citable_items(session: Session, inspection_id: str) -> list[BriefingItem]:
    """Every item of the inspection the session may know, to cite as evidence."""
    return [item for r in visible_requests(session, inspection_id) for item in r.items]
