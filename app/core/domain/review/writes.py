"""Writing the request list and the custody of its items: every change is one operation.

The list: add a line (numbered after the last), correct it, delete a line never received. Custody:
receive from the unit, hand over within the team, record copies, agree the return date, return to
the unit. Each operation checks capability and need-to-know first (case write within a visible
inspection), validates with Chinese messages, then writes the item, a custody_events row (the chain)
and the audit entry in one transaction, and returns the item as it now stands.
"""

from __future__ import annotations

from datetime import date

from app.core.domain import _fields as f
from app.core.domain.review.access import load, team_member_of, writable_item
from app.core.domain.review.custody import CustodyEvent, CustodyState
from app.core.domain.review.request_item import Category, RequestItem
from app.core.errors import Conflict, ValidationError
from app.core.security import visibility
from app.core.session import Session


def _count(value, field: str, label: str, maximum: int) -> int | None:
    if value is None or value == "":
        return None
    return f.positive_int(value, field, label, maximum=maximum)


def _event(
    session: Session,
    item_id: str,
    event: CustodyEvent,
    on_date: str,
    *,
    holder_id: str | None = None,
    counterpart: str = "",
    quantity: int | None = None,
    note: str = "",
) -> None:
    f.insert(
        session.conn,
        "custody_events",
        {
            **session.record_values(),
            "item_id": item_id,
            "event": event.value,
            "on_date": on_date,
            "holder_id": holder_id,
            "counterpart": counterpart,
            "quantity": quantity,
            "note": note,
        },
    )


# ---- the request list -----------------------------------------------------------------------------


def _request_fields(
    category, title, requested_on, period_start, period_end, note
) -> tuple[Category, str, str, str | None, str | None, str]:
    cat = f.choice(Category, category, "category", "资料类别")
    title = f.text(title, "title", "资料名称", max_len=100)
    requested = f.iso_date(requested_on, "requested_on", "调阅日期")
    start = f.iso_date(period_start, "period_start", "起始日期", required=False)
    end = f.iso_date(period_end, "period_end", "截止日期", required=False)
    f.date_order(start, end, "period_end", "资料所属期间的截止日期")
    note = f.long_text(note, "note", "备注", required=False, max_len=500)
    return cat, title, str(requested), start, end, note


def add_item(
    session: Session,
    inspection_id: str,
    *,
    category: Category | str,
    title: str,
    requested_on: str | date,
    period_start: str | date | None = None,
    period_end: str | date | None = None,
    planned_return_on: str | date | None = None,
    note: str = "",
) -> RequestItem:
    """Add a line to the inspection's request list; it is numbered after the last one."""
    visibility.require_inspection_writable(session, inspection_id)
    cat, title, requested, start, end, note = _request_fields(
        category, title, requested_on, period_start, period_end, note
    )
    planned = f.iso_date(planned_return_on, "planned_return_on", "约定归还日期", required=False)
    if planned and planned < requested:
        raise ValidationError("约定归还日期不能早于调阅日期。", field="planned_return_on")
    values = session.record_values()
    with session.transaction() as conn:
        number = f.count(
            conn,
            "SELECT coalesce(max(number), 0) FROM request_items WHERE inspection_id = ?",
            (inspection_id,),
        )
        f.insert(
            conn,
            "request_items",
            {
                **values,
                "inspection_id": inspection_id,
                "number": number + 1,
                "category": cat.value,
                "title": title,
                "period_start": start,
                "period_end": end,
                "requested_on": requested,
                "planned_return_on": planned,
                "note": note,
            },
        )
        session.audit(
            "document_request_create",
            "request_item",
            values["id"],
            f"inspection {inspection_id} #{number + 1}",
        )
    return load(session.conn, values["id"])


def update_item(
    session: Session,
    item_id: str,
    *,
    category: Category | str,
    title: str,
    requested_on: str | date,
    period_start: str | date | None = None,
    period_end: str | date | None = None,
    note: str = "",
) -> RequestItem:
    """Correct what was asked for (custody is changed by its own operations)."""
    item = writable_item(session, item_id)
    cat, title, requested, start, end, note = _request_fields(
        category, title, requested_on, period_start, period_end, note
    )
    if item.received_on and requested > item.received_on:
        raise ValidationError("调阅日期不能晚于接收日期。", field="requested_on")
    with session.transaction() as conn:
        f.update(
            conn,
            "request_items",
            item_id,
            {
                "category": cat.value,
                "title": title,
                "period_start": start,
                "period_end": end,
                "requested_on": requested,
                "note": note,
            },
        )
        session.audit("document_request_update", "request_item", item_id)
    return load(session.conn, item_id)


def delete_item(session: Session, item_id: str) -> None:
    """Only a line never received and without notes, excerpts or material; the numbers after it stay."""
    item = writable_item(session, item_id)
    if item.received_on:
        raise Conflict("该资料已经接收，其保管记录须保留，不能删除。")
    if item.material_count or item.reading_count or item.excerpt_count:
        raise Conflict("该调阅事项已有电子材料、阅读笔记或摘录，不能删除。")
    with session.transaction() as conn:
        f.delete(conn, "request_items", item_id, "调阅事项")
        session.audit("document_request_delete", "request_item", item_id, f"inspection {item.inspection_id}")


# ---- custody ----------------------------------------------------------------------------------------


def receive_item(
    session: Session,
    item_id: str,
    *,
    received_on: str | date,
    volumes: int | None = None,
    pages: int | None = None,
    holder_id: str | None = None,
    planned_return_on: str | date | None = None,
    counterpart: str = "",
    note: str = "",
) -> RequestItem:
    """The unit handed the item over: date, volumes and pages, optionally who on the team takes it."""
    item = writable_item(session, item_id)
    if item.state is not CustodyState.REQUESTED:
        raise Conflict(f"该资料当前状态为“{item.state.label}”，不能再次接收。")
    received = str(f.iso_date(received_on, "received_on", "接收日期"))
    if received < item.requested_on:
        raise ValidationError("接收日期不能早于调阅日期。", field="received_on")
    vols = _count(volumes, "volumes", "册数", 9999)
    pgs = _count(pages, "pages", "页数", 999_999)
    if holder_id:
        team_member_of(session.conn, item.inspection_id, holder_id, "holder_id", "保管人")
    planned = (
        f.iso_date(planned_return_on, "planned_return_on", "约定归还日期", required=False)
        or item.planned_return_on
    )
    if planned and planned < received:
        raise ValidationError("约定归还日期不能早于接收日期。", field="planned_return_on")
    counterpart = f.text(counterpart, "counterpart", "移交人", required=False, max_len=40)
    note = f.long_text(note, "note", "备注", required=False, max_len=500)
    with session.transaction() as conn:
        f.update(
            conn,
            "request_items",
            item_id,
            {
                "received_on": received,
                "volumes": vols,
                "pages": pgs,
                "holder_id": holder_id or None,
                "planned_return_on": planned,
            },
        )
        _event(
            session,
            item_id,
            CustodyEvent.RECEIVED,
            received,
            holder_id=holder_id or None,
            counterpart=counterpart,
            note=note,
        )
        session.audit("document_receive", "request_item", item_id, f"册 {vols or 0} 页 {pgs or 0}")
    return load(session.conn, item_id)


def _in_custody(item: RequestItem, action: str) -> None:
    if not item.state.in_custody:
        raise Conflict(f"该资料当前状态为“{item.state.label}”，不能{action}。")


def hand_over(
    session: Session, item_id: str, holder_id: str | None, *, on: str | date | None = None, note: str = ""
) -> RequestItem:
    """Pass the item to another team member, or (holder_id None) back to the team's file store."""
    item = writable_item(session, item_id)
    _in_custody(item, "转交")
    when = str(f.iso_date(on or date.today(), "on", "转交日期"))
    if item.received_on and when < item.received_on:
        raise ValidationError("转交日期不能早于接收日期。", field="on")
    if holder_id:
        team_member_of(session.conn, item.inspection_id, holder_id, "holder_id", "保管人")
    if (holder_id or None) == item.holder_id:
        message = "该资料已由此人保管。" if holder_id else "该资料已在组内存放，没有个人保管。"
        raise ValidationError(message, field="holder_id")
    note = f.long_text(note, "note", "备注", required=False, max_len=500)
    with session.transaction() as conn:
        f.update(conn, "request_items", item_id, {"holder_id": holder_id or None})
        _event(session, item_id, CustodyEvent.HANDED_OVER, when, holder_id=holder_id or None, note=note)
        session.audit("document_hand_over", "request_item", item_id, f"holder {holder_id or '-'}")
    return load(session.conn, item_id)


def record_copies(
    session: Session, item_id: str, count: int, *, on: str | date | None = None, note: str = ""
) -> RequestItem:
    """Copies made of the item (复印): added to its running total."""
    item = writable_item(session, item_id)
    _in_custody(item, "登记复印")
    number = f.positive_int(count, "count", "复印份数", maximum=999)
    when = str(f.iso_date(on or date.today(), "on", "复印日期"))
    if item.received_on and when < item.received_on:
        raise ValidationError("复印日期不能早于接收日期。", field="on")
    note = f.long_text(note, "note", "备注", required=False, max_len=500)
    with session.transaction() as conn:
        f.update(conn, "request_items", item_id, {"copies": item.copies + number})
        _event(
            session, item_id, CustodyEvent.COPIED, when, holder_id=item.holder_id, quantity=number, note=note
        )
        session.audit("document_copies", "request_item", item_id, f"+{number}")
    return load(session.conn, item_id)


def set_planned_return(
    session: Session, item_id: str, planned_return_on: str | date | None, *, note: str = ""
) -> RequestItem:
    """Agree (or change) the date the item goes back; None clears it. Not once returned."""
    item = writable_item(session, item_id)
    if item.state is CustodyState.RETURNED:
        raise Conflict("该资料已经归还，不能再修改约定归还日期。")
    planned = f.iso_date(planned_return_on, "planned_return_on", "约定归还日期", required=False)
    floor = item.received_on or item.requested_on
    if planned and planned < floor:
        raise ValidationError("约定归还日期不能早于接收（或调阅）日期。", field="planned_return_on")
    note = f.long_text(note, "note", "备注", required=False, max_len=500)
    with session.transaction() as conn:
        f.update(conn, "request_items", item_id, {"planned_return_on": planned})
        if item.received_on:
            _event(
                session, item_id, CustodyEvent.RETURN_PLANNED, planned or date.today().isoformat(), note=note
            )
        session.audit("document_return_plan", "request_item", item_id)
    return load(session.conn, item_id)


def return_item(
    session: Session, item_id: str, *, returned_on: str | date, returned_to: str, note: str = ""
) -> RequestItem:
    """Give the item back to the unit: the date and the person who took it (归还, 接收人)."""
    item = writable_item(session, item_id)
    _in_custody(item, "归还")
    when = str(f.iso_date(returned_on, "returned_on", "归还日期"))
    if item.received_on and when < item.received_on:
        raise ValidationError("归还日期不能早于接收日期。", field="returned_on")
    to = f.text(returned_to, "returned_to", "归还接收人", max_len=40)
    note = f.long_text(note, "note", "备注", required=False, max_len=500)
    with session.transaction() as conn:
        f.update(conn, "request_items", item_id, {"returned_on": when, "returned_to": to, "holder_id": None})
        _event(session, item_id, CustodyEvent.RETURNED, when, counterpart=to, note=note)
        session.audit("document_return", "request_item", item_id)
    return load(session.conn, item_id)
