"""Document review (调阅资料): the request list, the custody of each item, and the phase gate.

An inspection's request list (调阅清单) names what the team asked of the unit: category, title,
period covered, date requested. Custody follows each item: received (date, volumes, pages), who on
the team holds it now, copies made, planned return date, returned (date, to whom). The custody state
is derived, never stored:

    requested (待提供) → received (已接收, not yet with a reader) / held (在阅, with a team member)
                       → overdue (逾期未还: past the planned return date) → returned (已归还)

Every change is one operation: capability and need-to-know first (case write within a visible
inspection), validation with Chinese messages, then the write, a custody_events row (the chain) and
the audit entry in one transaction. Lists and opening an item are audited as views.

The phase gate: an inspection cannot leave 了解情况 (the on-site phase) while received items are not
returned, unless the team's leader approves an exception with a reason (Cap.PHASE_OVERRIDE; audited);
an approval serves one move. The gate is registered in inspections.PHASE_GATES when this module loads
(app.core.domain imports it, so the gate is always in place).

Reading notes, excerpts and imported material live in document_reading; search in document_search.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.core.domain import _fields as f
from app.core.domain.organisation import inspections
from app.core.domain.organisation.inspections import Inspection, Phase
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session


class Category(StrEnum):
    PARTY_MINUTES = "party_minutes"
    STUDY_RECORDS = "study_records"
    CADRE_SELECTION = "cadre_selection"
    VOUCHERS = "vouchers"
    CONTRACTS = "contracts"
    OTHER = "other"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


CATEGORY_LABELS = {
    Category.PARTY_MINUTES: "党委会议记录",
    Category.STUDY_RECORDS: "理论学习记录",
    Category.CADRE_SELECTION: "干部选拔任用材料",
    Category.VOUCHERS: "财务凭证",
    Category.CONTRACTS: "合同",
    Category.OTHER: "其他",
}


class CustodyState(StrEnum):
    REQUESTED = "requested"
    RECEIVED = "received"
    HELD = "held"
    OVERDUE = "overdue"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]

    @property
    def in_custody(self) -> bool:
        """The team has it and must give it back."""
        return self in (CustodyState.RECEIVED, CustodyState.HELD, CustodyState.OVERDUE)


STATE_LABELS = {
    CustodyState.REQUESTED: "待提供",
    CustodyState.RECEIVED: "已接收",
    CustodyState.HELD: "在阅",
    CustodyState.OVERDUE: "逾期未还",
    CustodyState.RETURNED: "已归还",
}


class CustodyEvent(StrEnum):
    RECEIVED = "received"
    HANDED_OVER = "handed_over"
    COPIED = "copied"
    RETURN_PLANNED = "return_planned"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        return EVENT_LABELS[self]


EVENT_LABELS = {
    CustodyEvent.RECEIVED: "接收",
    CustodyEvent.HANDED_OVER: "转交",
    CustodyEvent.COPIED: "复印",
    CustodyEvent.RETURN_PLANNED: "约定归还日期",
    CustodyEvent.RETURNED: "归还",
}


def custody_state(
    received_on: str | None,
    holder_id: str | None,
    planned_return_on: str | None,
    returned_on: str | None,
    today: str,
) -> CustodyState:
    """The state the dates say (ISO dates compare as strings)."""
    if returned_on:
        return CustodyState.RETURNED
    if not received_on:
        return CustodyState.REQUESTED
    if planned_return_on and planned_return_on < today:
        return CustodyState.OVERDUE
    return CustodyState.HELD if holder_id else CustodyState.RECEIVED


@dataclass
class RequestItem:
    id: str
    inspection_id: str
    number: int  # its line in the request list, from 1
    category: Category
    title: str
    period_start: str | None
    period_end: str | None
    requested_on: str
    received_on: str | None
    volumes: int | None
    pages: int | None
    holder_id: str | None
    holder_name: str | None
    copies: int
    planned_return_on: str | None
    returned_on: str | None
    returned_to: str
    note: str
    state: CustodyState
    material_count: int = 0
    reading_count: int = 0
    excerpt_count: int = 0

    COLUMNS = (
        "r.id, r.inspection_id, r.number, r.category, r.title, r.period_start, r.period_end, r.requested_on,"
        " r.received_on, r.volumes, r.pages, r.holder_id, u.display_name, r.copies, r.planned_return_on,"
        " r.returned_on, r.returned_to, r.note,"
        " (SELECT count(*) FROM attachments a WHERE a.owner_type = 'request_item' AND a.owner_id = r.id),"
        " (SELECT count(*) FROM readings g WHERE g.item_id = r.id),"
        " (SELECT count(*) FROM excerpts x WHERE x.item_id = r.id)"
    )
    FROM = "request_items r LEFT JOIN users u ON u.id = r.holder_id"

    @classmethod
    def from_row(cls, row, today: str) -> RequestItem:
        return cls(
            id=row[0],
            inspection_id=row[1],
            number=int(row[2]),
            category=Category(row[3]),
            title=row[4],
            period_start=row[5],
            period_end=row[6],
            requested_on=row[7],
            received_on=row[8],
            volumes=row[9],
            pages=row[10],
            holder_id=row[11],
            holder_name=row[12],
            copies=int(row[13]),
            planned_return_on=row[14],
            returned_on=row[15],
            returned_to=row[16],
            note=row[17],
            state=custody_state(row[8], row[11], row[14], row[15], today),
            material_count=int(row[18]),
            reading_count=int(row[19]),
            excerpt_count=int(row[20]),
        )

    @property
    def outstanding(self) -> bool:
        """Not yet back with the unit: still to be provided, or in the team's custody."""
        return self.state is not CustodyState.RETURNED

    @property
    def stands_out(self) -> bool:
        """Shown highlighted in the list: overdue, or asked for and still not provided."""
        return self.state in (CustodyState.OVERDUE, CustodyState.REQUESTED)

    @property
    def period_text(self) -> str:
        if self.period_start and self.period_end:
            return f"{self.period_start} 至 {self.period_end}"
        if self.period_start:
            return f"{self.period_start} 起"
        if self.period_end:
            return f"至 {self.period_end}"
        return ""


@dataclass
class CustodyRecord:
    id: str
    item_id: str
    event: CustodyEvent
    on_date: str
    holder_id: str | None
    holder_name: str | None
    counterpart: str  # to whom it was returned, from whom received
    quantity: int | None  # copies made
    note: str
    author_id: str | None
    author_name: str | None
    created_at: str

    COLUMNS = (
        "e.id, e.item_id, e.event, e.on_date, e.holder_id, h.display_name, e.counterpart, e.quantity, e.note,"
        " e.author_id, a.display_name, e.created_at"
    )
    FROM = "custody_events e LEFT JOIN users h ON h.id = e.holder_id LEFT JOIN users a ON a.id = e.author_id"

    @classmethod
    def from_row(cls, row) -> CustodyRecord:
        return cls(row[0], row[1], CustodyEvent(row[2]), *row[3:])


# ---- helpers --------------------------------------------------------------------------------------


def _today(today: str | date | None) -> str:
    if today is None:
        return date.today().isoformat()
    return f.iso_date(today, "today", "日期") or date.today().isoformat()


def _load(conn, item_id: str, today: str | None = None) -> RequestItem:
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
    return _load(session.conn, item_id, today)


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
        "SELECT u.id, u.display_name FROM inspections i JOIN team_members m ON m.team_id = i.team_id"
        " JOIN users u ON u.id = m.user_id WHERE i.id = ?"
        " ORDER BY CASE m.position WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, u.display_name",
        (inspection_id,),
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


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
    return _load(session.conn, values["id"])


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
    return _load(session.conn, item_id)


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


def list_items(
    session: Session,
    inspection_id: str,
    *,
    today: str | date | None = None,
    state: CustodyState | str | None = None,
) -> list[RequestItem]:
    """The request list of a visible inspection in order, with each item's state as of `today`. Audited."""
    visibility.require_inspection_visible(session, inspection_id)
    day = _today(today)
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
    item = readable_item(session, item_id, _today(today))
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
    day = _today(today)
    rows = session.conn.execute(
        "SELECT received_on, holder_id, planned_return_on, returned_on FROM request_items WHERE inspection_id = ?",
        (inspection_id,),
    ).fetchall()
    by_state = dict.fromkeys(CustodyState, 0)
    for row in rows:
        by_state[custody_state(*row, day)] += 1
    unreturned = sum(n for s, n in by_state.items() if s.in_custody)
    return CustodySummary(len(rows), by_state, unreturned, by_state[CustodyState.OVERDUE])


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
    return _load(session.conn, item_id)


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
    return _load(session.conn, item_id)


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
    return _load(session.conn, item_id)


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
    return _load(session.conn, item_id)


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
    return _load(session.conn, item_id)


# ---- the phase gate ---------------------------------------------------------------------------------


def unreturned_count(conn, inspection_id: str) -> int:
    return f.count(
        conn,
        "SELECT count(*) FROM request_items WHERE inspection_id = ? AND received_on IS NOT NULL AND returned_on IS NULL",
        (inspection_id,),
    )


def _leaves_on_site(inspection: Inspection, new_phase: Phase) -> bool:
    return inspection.phase is Phase.ON_SITE and new_phase.index > Phase.ON_SITE.index


def custody_gate(session: Session, inspection: Inspection, new_phase: Phase) -> None:
    """PHASE_GATES entry: no leaving 了解情况 with items unreturned, unless the leader approved it."""
    if not _leaves_on_site(inspection, new_phase):
        return
    conn = session.conn
    n = unreturned_count(conn, inspection.id)
    if not n:
        return
    row = conn.execute(
        "SELECT id FROM custody_overrides WHERE inspection_id = ? AND used_at IS NULL ORDER BY created_at DESC LIMIT 1",
        (inspection.id,),
    ).fetchone()
    if row is None:
        raise Conflict(
            f"尚有 {n} 件调阅资料未归还，不能结束“了解情况”阶段。请先办理归还，或由组长批准例外并说明理由。"
        )
    f.update(conn, "custody_overrides", row[0], {"used_at": f.now()})
    session.audit("custody_override_used", "inspection", inspection.id, f"override {row[0]}, {n} 件未归还")


def approve_override(session: Session, inspection_id: str, reason: str) -> str:
    """The team's leader lets the inspection leave 了解情况 with items unreturned, once. Returns its id."""
    session.require(Cap.PHASE_OVERRIDE)
    visibility.require_inspection_visible(session, inspection_id)
    if not visibility.is_leader_of_inspection(session, inspection_id):
        raise PermissionDenied("只有本组组长可以批准带未归还资料推进阶段。")
    text = f.long_text(reason, "reason", "批准理由", max_len=500)
    conn = session.conn
    n = unreturned_count(conn, inspection_id)
    if not n:
        raise Conflict("调阅资料已全部归还，无需批准例外。")
    values = session.record_values()
    with session.transaction():
        f.insert(
            conn,
            "custody_overrides",
            {**values, "inspection_id": inspection_id, "reason": text, "unreturned": n},
        )
        session.audit(
            "custody_override_approve", "inspection", inspection_id, f"override {values['id']}, {n} 件未归还"
        )
    return values["id"]


def advance_with_override(
    session: Session, inspection_id: str, reason: str, *, on: str | date | None = None
) -> Inspection:
    """The leader's one step: approve the exception and move to the next phase, together or not at all."""
    with session.transaction():
        approve_override(session, inspection_id, reason)
        return inspections.advance_phase(session, inspection_id, on=on)
