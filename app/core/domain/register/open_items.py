"""The term-wide list of open rectification items (整改事项清单): every measure not yet done.

Across a term, or narrower (round, unit, responsible person), limited to the inspections the session
may see; only measures not done on rectifications not closed. Ordered by deadline, unit or
responsible person; overdue ones are flagged (or alone, with overdue_only). Audited as a view.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.core.domain import _fields as f
from app.core.domain import deadlines
from app.core.domain.register.rectification_record import Completion
from app.core.security import visibility
from app.core.session import Session


@dataclass
class OpenItem:
    """One open measure in the term-wide list of open items."""

    measure_id: str
    issue_id: str
    issue_number: str | None
    issue_title: str
    unit_name: str
    team_name: str
    round_number: int
    ordinal: int
    description: str
    responsible_leader: str
    responsible_dept: str
    responsible_person: str
    deadline: str
    immediate: bool
    ongoing: bool
    completion: Completion
    overdue: bool


class OpenItemsOrder(StrEnum):
    DEADLINE = "deadline"
    UNIT = "unit"
    PERSON = "person"


_OPEN_ORDER = {
    OpenItemsOrder.DEADLINE: "m.deadline, u.name, m.ordinal",
    OpenItemsOrder.UNIT: "u.name, m.deadline, m.ordinal",
    OpenItemsOrder.PERSON: "m.responsible_person = '', m.responsible_person, m.deadline, m.ordinal",
}


def open_items(
    session: Session,
    *,
    term_id: str | None = None,
    round_id: str | None = None,
    unit_id: str | None = None,
    responsible_person: str | None = None,
    order: OpenItemsOrder | str = OpenItemsOrder.DEADLINE,
    overdue_only: bool = False,
    today: str | None = None,
) -> list[OpenItem]:
    """Every measure not yet done on an item not yet closed, across a term (or narrower), ordered by
    deadline, unit or responsible person; overdue ones are flagged. Audited as a view."""
    vis, vis_params = visibility.inspection_filter_sql(session, "i.inspection_id")
    order = f.choice(OpenItemsOrder, order, "order", "排序方式")
    on = today or deadlines.today()
    clauses = [vis, "r.state != 'closed'", "m.completion != 'done'"]
    params: list = list(vis_params)
    for value, clause in (
        (term_id, "rd.term_id = ?"),
        (round_id, "ins.round_id = ?"),
        (unit_id, "ins.unit_id = ?"),
        (responsible_person, "m.responsible_person = ?"),
    ):
        if value:
            clauses.append(clause)
            params.append(value)
    if overdue_only:
        clauses.append("m.deadline < ?")
        params.append(on)
    rows = session.conn.execute(
        "SELECT m.id AS measure_id, i.id AS issue_id, i.number AS issue_number, i.title AS issue_title,"
        " u.name AS unit_name, t.name AS team_name, rd.number AS round_number, m.ordinal, m.description,"
        " m.responsible_leader, m.responsible_dept, m.responsible_person, m.deadline, m.immediate, m.ongoing,"
        " m.completion"
        " FROM rectification_measures m JOIN rectifications r ON r.id = m.rectification_id"
        " JOIN issues i ON i.id = r.issue_id JOIN inspections ins ON ins.id = i.inspection_id"
        " JOIN units u ON u.id = ins.unit_id JOIN teams t ON t.id = ins.team_id"
        " JOIN rounds rd ON rd.id = ins.round_id"
        f" WHERE {' AND '.join(clauses)} ORDER BY {_OPEN_ORDER[order]}, m.id",
        params,
    ).fetchall()
    session.audit("rectification_open_items", "term", term_id or "", f"{len(rows)} 条")
    return [
        OpenItem(
            measure_id=r["measure_id"],
            issue_id=r["issue_id"],
            issue_number=r["issue_number"],
            issue_title=r["issue_title"],
            unit_name=r["unit_name"],
            team_name=r["team_name"],
            round_number=int(r["round_number"]),
            ordinal=int(r["ordinal"]),
            description=r["description"],
            responsible_leader=r["responsible_leader"],
            responsible_dept=r["responsible_dept"],
            responsible_person=r["responsible_person"],
            deadline=r["deadline"],
            immediate=bool(r["immediate"]),
            ongoing=bool(r["ongoing"]),
            completion=Completion(r["completion"]),
            overdue=r["deadline"] < on,
        )
        for r in rows
    ]
