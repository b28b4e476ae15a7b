"""The measures of a rectification plan (整改措施): add, change, remove, and each one's completion.

A measure has its types, who is responsible (leader, department, person: at least one when added),
a deadline (by default the rectification's report due date) and the flags immediate fix (立行立改)
and ongoing (常态化坚持). Measures are numbered 1..n; removing one renumbers the rest, and one with
progress entries cannot be removed. Every change refreshes the issue's earliest pending deadline.
"""

from __future__ import annotations

from app.core.domain import _fields as f
from app.core.domain import deadlines
from app.core.domain.register.rectification_record import (
    Completion,
    Measure,
    MeasureDraft,
    MeasureType,
    Rectification,
    types_to_mask,
)
from app.core.domain.register.rectification_store import refresh_due, writable_rectification
from app.core.errors import NotFound, ValidationError
from app.core.session import Session


def _measure_values(draft: MeasureDraft, rect: Rectification) -> dict:
    types = types_to_mask(draft.types)
    if not types:
        raise ValidationError("请至少选择一种措施类型。", field="types")
    other = f.text(
        draft.other_type,
        "other_type",
        "其他措施类型",
        required=bool(types & MeasureType.OTHER.bit),
        max_len=40,
    )
    deadline = f.iso_date(draft.deadline, "deadline", "完成时限", required=False) or rect.report_due
    return {
        "description": f.long_text(draft.description, "description", "整改措施", max_len=2000),
        "types": types,
        "other_type": other,
        "responsible_leader": f.text(
            draft.responsible_leader, "responsible_leader", "责任领导", required=False, max_len=60
        ),
        "responsible_dept": f.text(
            draft.responsible_dept, "responsible_dept", "责任部门", required=False, max_len=60
        ),
        "responsible_person": f.text(
            draft.responsible_person, "responsible_person", "责任人", required=False, max_len=60
        ),
        "deadline": deadline,
        "immediate": int(bool(draft.immediate)),
        "ongoing": int(bool(draft.ongoing)),
    }


def add_measure(session: Session, issue_id: str, draft: MeasureDraft) -> Measure:
    """Append a measure (the next ordinal); its deadline defaults to the report due date."""
    _, rect = writable_rectification(session, issue_id)
    values = _measure_values(draft, rect)
    if not (values["responsible_leader"] or values["responsible_dept"] or values["responsible_person"]):
        raise ValidationError("请填写责任领导、责任部门或责任人。", field="responsible_person")
    record = session.record_values()
    with session.transaction() as conn:
        ordinal = f.count(
            conn,
            "SELECT coalesce(max(ordinal), 0) + 1 FROM rectification_measures WHERE rectification_id = ?",
            (rect.id,),
        )
        f.insert(
            conn,
            "rectification_measures",
            {**record, **values, "rectification_id": rect.id, "ordinal": ordinal},
        )
        refresh_due(conn, issue_id)
        session.audit("rectification_measure_add", "issue", issue_id, f"#{ordinal}")
    return _measure(session.conn, record["id"])


def _measure(conn, measure_id: str, today: str | None = None) -> Measure:
    row = conn.execute(
        f"SELECT {Measure.COLUMNS} FROM rectification_measures WHERE id = ?", (measure_id,)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该整改措施。")
    return Measure.from_row(row, today or deadlines.today())


def issue_of_measure(conn, measure_id: str) -> str:
    """The id of the issue whose rectification holds the measure."""
    row = conn.execute(
        "SELECT r.issue_id FROM rectification_measures m JOIN rectifications r ON r.id = m.rectification_id"
        " WHERE m.id = ?",
        (measure_id,),
    ).fetchone()
    if row is None:
        raise NotFound("找不到该整改措施。")
    return row["issue_id"]


def update_measure(session: Session, measure_id: str, draft: MeasureDraft) -> Measure:
    issue_id = issue_of_measure(session.conn, measure_id)
    _, rect = writable_rectification(session, issue_id)
    values = _measure_values(draft, rect)
    with session.transaction() as conn:
        f.update(conn, "rectification_measures", measure_id, values)
        refresh_due(conn, issue_id)
        session.audit("rectification_measure_update", "issue", issue_id)
    return _measure(session.conn, measure_id)


def remove_measure(session: Session, measure_id: str) -> None:
    issue_id = issue_of_measure(session.conn, measure_id)
    _, rect = writable_rectification(session, issue_id)
    with session.transaction() as conn:
        f.refuse_if(
            conn,
            "SELECT count(*) FROM rectification_progress WHERE measure_id = ?",
            (measure_id,),
            "该措施已有 {n} 条进展记录，不能删除。",
        )
        conn.execute("DELETE FROM rectification_measures WHERE id = ?", (measure_id,))
        ids = [
            r["id"]
            for r in conn.execute(
                "SELECT id FROM rectification_measures WHERE rectification_id = ? ORDER BY ordinal",
                (rect.id,),
            )
        ]
        for i, mid in enumerate(ids, start=1):
            conn.execute("UPDATE rectification_measures SET ordinal = ? WHERE id = ?", (1_000_000 + i, mid))
        conn.execute(
            "UPDATE rectification_measures SET ordinal = ordinal - 1000000 WHERE rectification_id = ?",
            (rect.id,),
        )
        refresh_due(conn, issue_id)
        session.audit("rectification_measure_remove", "issue", issue_id)


def set_measure_completion(
    session: Session, measure_id: str, completion: Completion | str, completed_on: str | None = None
) -> Measure:
    """A measure's own completion; completed_on is required for 已完成."""
    issue_id = issue_of_measure(session.conn, measure_id)
    writable_rectification(session, issue_id)
    completion = f.choice(Completion, completion, "completion", "完成情况")
    on = f.iso_date(completed_on, "completed_on", "完成日期", required=completion == Completion.DONE)
    with session.transaction() as conn:
        f.update(
            conn,
            "rectification_measures",
            measure_id,
            {"completion": completion.value, "completed_on": on if completion == Completion.DONE else None},
        )
        refresh_due(conn, issue_id)
        session.audit("rectification_measure_completion", "issue", issue_id, completion.value)
    return _measure(session.conn, measure_id)
