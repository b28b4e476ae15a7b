"""Custody of a borrowed item (调阅资料的保管): its states, the events of its chain, and the rule between them.

The state is derived from the item's dates, never stored:

    requested (待提供) → received (已接收, not yet with a reader) / held (在阅, with a team member)
                       → overdue (逾期未还: past the planned return date) → returned (已归还)

Each change of custody is a row in custody_events (CustodyRecord), written by the operations in
app.core.domain.review.writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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


def state_of_row(row, today: str) -> CustodyState:
    """The state of a request_items row that has the columns received_on, holder_id, planned_return_on, returned_on."""
    return custody_state(
        row["received_on"], row["holder_id"], row["planned_return_on"], row["returned_on"], today
    )


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
        "e.id AS id, e.item_id AS item_id, e.event AS event, e.on_date AS on_date, e.holder_id AS holder_id,"
        " h.display_name AS holder_name, e.counterpart AS counterpart, e.quantity AS quantity, e.note AS note,"
        " e.author_id AS author_id, a.display_name AS author_name, e.created_at AS created_at"
    )
    FROM = "custody_events e LEFT JOIN users h ON h.id = e.holder_id LEFT JOIN users a ON a.id = e.author_id"

    @classmethod
    def from_row(cls, row) -> CustodyRecord:
        return cls(
            id=row["id"],
            item_id=row["item_id"],
            event=CustodyEvent(row["event"]),
            on_date=row["on_date"],
            holder_id=row["holder_id"],
            holder_name=row["holder_name"],
            counterpart=row["counterpart"],
            quantity=row["quantity"],
            note=row["note"],
            author_id=row["author_id"],
            author_name=row["author_name"],
            created_at=row["created_at"],
        )
