"""The request item (调阅事项): one line of an inspection's request list (调阅清单), and its category.

A line names what the team asked of the unit (category, title, period covered, date requested) and
carries its custody (received: date, volumes, pages; who on the team holds it; copies made; planned
return; returned: date, to whom). Its custody state is derived as of a day (see custody.py). The
record also counts the material, reading notes and excerpts hanging from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.core.domain.review.custody import CustodyState, state_of_row


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
        "r.id AS id, r.inspection_id AS inspection_id, r.number AS number, r.category AS category,"
        " r.title AS title, r.period_start AS period_start, r.period_end AS period_end,"
        " r.requested_on AS requested_on, r.received_on AS received_on, r.volumes AS volumes,"
        " r.pages AS pages, r.holder_id AS holder_id, u.display_name AS holder_name, r.copies AS copies,"
        " r.planned_return_on AS planned_return_on, r.returned_on AS returned_on,"
        " r.returned_to AS returned_to, r.note AS note,"
        " (SELECT count(*) FROM attachments a WHERE a.owner_type = 'request_item' AND a.owner_id = r.id)"
        " AS material_count,"
        " (SELECT count(*) FROM readings g WHERE g.item_id = r.id) AS reading_count,"
        " (SELECT count(*) FROM excerpts x WHERE x.item_id = r.id) AS excerpt_count"
    )
    FROM = "request_items r LEFT JOIN users u ON u.id = r.holder_id"

    @classmethod
    def from_row(cls, row, today: str) -> RequestItem:
        return cls(
            id=row["id"],
            inspection_id=row["inspection_id"],
            number=int(row["number"]),
            category=Category(row["category"]),
            title=row["title"],
            period_start=row["period_start"],
            period_end=row["period_end"],
            requested_on=row["requested_on"],
            received_on=row["received_on"],
            volumes=row["volumes"],
            pages=row["pages"],
            holder_id=row["holder_id"],
            holder_name=row["holder_name"],
            copies=int(row["copies"]),
            planned_return_on=row["planned_return_on"],
            returned_on=row["returned_on"],
            returned_to=row["returned_to"],
            note=row["note"],
            state=state_of_row(row, today),
            material_count=int(row["material_count"]),
            reading_count=int(row["reading_count"]),
            excerpt_count=int(row["excerpt_count"]),
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
