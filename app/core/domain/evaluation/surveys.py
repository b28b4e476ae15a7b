"""An inspection's evaluations and questionnaires (测评、问卷) and their rounds of collection.

An inspection takes a copy of a library template (`take_copy`): the grids "for the people" are filled
from the unit's leadership list (top leader first), and the copy gets a form code (1–4095) printed on
every page. Each round (`add_round`: the 动员会, the 整改满意度 assessment …) counts the forms
printed and returned. `issue_serials` draws a round's random serials (six digits, unrelated to any
person or to the order of printing) for de-duplication only.

Need to know: the inspection's own team and the office (visibility.require_inspection_*); another
team's surveys answer NotFound. Every write is one audited transaction.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

from app.core.domain import _fields as f
from app.core.domain.evaluation.library import get_template
from app.core.domain.evaluation.model import Form, FormKind, Subject, form_to_body, parse_body, with_subjects
from app.core.domain.organisation import units
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session

MAX_SERIALS = 2000
NOT_FOUND = "找不到该测评，或您不在其知悉范围内。"


@dataclass
class Survey:
    id: str
    inspection_id: str
    name: str
    kind: FormKind
    code: int
    min_forms: int
    double_entry: bool
    form: Form

    COLUMNS = "id, inspection_id, name, kind, code, min_forms, double_entry, body"

    @classmethod
    def from_row(cls, row) -> Survey:
        return cls(
            row["id"],
            row["inspection_id"],
            row["name"],
            FormKind(row["kind"]),
            int(row["code"]),
            int(row["min_forms"]),
            bool(row["double_entry"]),
            parse_body(row["body"]),
        )


@dataclass
class Round:
    id: str
    survey_id: str
    inspection_id: str
    number: int
    purpose: str
    held_on: str | None
    printed: int
    returned: int

    COLUMNS = "id, survey_id, inspection_id, number, purpose, held_on, printed, returned"

    @classmethod
    def from_row(cls, row) -> Round:
        return cls(
            row["id"], row["survey_id"], row["inspection_id"], int(row["number"]), row["purpose"],
            row["held_on"], int(row["printed"]), int(row["returned"]),
        )  # fmt: skip


def _free_code(conn) -> int:
    used = {r[0] for r in conn.execute("SELECT code FROM eval_surveys")}
    for _ in range(200):
        code = secrets.randbelow(4095) + 1
        if code not in used:
            return code
    free = sorted(set(range(1, 4096)) - used)
    if not free:
        raise Conflict("测评表编码已用完。")
    return free[0]


def take_copy(session: Session, inspection_id: str, template_id: str) -> Survey:
    """The inspection's own copy of a template, its people grids filled from the leadership list."""
    visibility.require_inspection_writable(session, inspection_id)
    template = get_template(session, template_id)
    unit_id = session.conn.execute(
        "SELECT unit_id FROM inspections WHERE id = ?", (inspection_id,)
    ).fetchone()[0]
    people = [Subject(p.name, p.position) for p in units.list_leadership(session, unit_id)]
    form = with_subjects(template.form, people)
    values = session.record_values()
    with session.transaction() as conn:
        f.insert(
            conn,
            "eval_surveys",
            {
                **values,
                "inspection_id": inspection_id,
                "template_id": template_id,
                "name": form.name,
                "kind": form.kind.value,
                "body": json.dumps(form_to_body(form), ensure_ascii=False),
                "code": _free_code(conn),
            },
        )
        session.audit(
            "eval_survey_create", "eval_survey", values["id"], f"{form.name}，{len(people)} 名领导干部"
        )
    return get_survey(session, values["id"])


def update_survey(
    session: Session,
    survey_id: str,
    *,
    body: str | dict | None = None,
    min_forms: int | None = None,
    double_entry: bool | None = None,
) -> Survey:
    """Edit the copy (before any form is printed), the fewest forms shown, the blind re-entry.

    The fewest forms shown and the blind re-entry are the leader's call (or the office's).
    """
    survey = get_survey(session, survey_id)
    visibility.require_inspection_writable(session, survey.inspection_id)
    if (min_forms is not None or double_entry is not None) and not (
        session.can(Cap.ORG_MANAGE) or visibility.is_leader_of_inspection(session, survey.inspection_id)
    ):
        raise PermissionDenied("只有本组组长或巡察办可以设置显示结果的最少份数和核对录入。")
    changes: dict = {}
    if body is not None:
        printed = f.count(
            session.conn, "SELECT count(*) FROM eval_rounds WHERE survey_id = ? AND printed > 0", (survey_id,)
        )
        if printed:
            raise Conflict("测评表已经印发，不能再修改内容；请另建一份。")
        form = parse_body(body)
        changes.update(
            name=form.name, kind=form.kind.value, body=json.dumps(form_to_body(form), ensure_ascii=False)
        )
    if min_forms is not None:
        changes["min_forms"] = f.integer(
            min_forms, "min_forms", "显示结果的最少份数", minimum=1, maximum=1000
        )
    if double_entry is not None:
        changes["double_entry"] = 1 if double_entry else 0
    if changes:
        with session.transaction() as conn:
            f.update(conn, "eval_surveys", survey_id, changes)
            session.audit("eval_survey_update", "eval_survey", survey_id, "、".join(sorted(changes)))
    return get_survey(session, survey_id)


def get_survey(session: Session, survey_id: str) -> Survey:
    where, params = visibility.inspection_filter_sql(session)
    row = session.conn.execute(
        f"SELECT {Survey.COLUMNS} FROM eval_surveys WHERE id = ? AND {where}", (survey_id, *params)
    ).fetchone()
    if row is None:
        raise NotFound(NOT_FOUND)
    return Survey.from_row(row)


def list_surveys(session: Session, inspection_id: str) -> list[Survey]:
    visibility.require_inspection_visible(session, inspection_id)
    rows = session.conn.execute(
        f"SELECT {Survey.COLUMNS} FROM eval_surveys WHERE inspection_id = ? ORDER BY created_at",
        (inspection_id,),
    ).fetchall()
    return [Survey.from_row(r) for r in rows]


def add_round(session: Session, survey_id: str, purpose: str = "", held_on: str | None = None) -> Round:
    """A new round of collection (numbered 1, 2, … per survey)."""
    survey = get_survey(session, survey_id)
    visibility.require_inspection_writable(session, survey.inspection_id)
    purpose = f.text(purpose, "purpose", "测评场次", required=False, max_len=40)
    held_on = f.iso_date(held_on, "held_on", "测评日期", required=False)
    values = session.record_values()
    with session.transaction() as conn:
        number = f.count(
            conn, "SELECT coalesce(max(number), 0) + 1 FROM eval_rounds WHERE survey_id = ?", (survey_id,)
        )
        if number > 63:
            raise Conflict("一份测评至多 63 轮。")
        f.insert(
            conn,
            "eval_rounds",
            {**values, "survey_id": survey_id, "inspection_id": survey.inspection_id, "number": number,
             "purpose": purpose, "held_on": held_on},
        )  # fmt: skip
        session.audit("eval_round_create", "eval_round", values["id"], f"{survey.name} 第{number}轮")
    return get_round(session, values["id"])


def get_round(session: Session, round_id: str) -> Round:
    where, params = visibility.inspection_filter_sql(session)
    row = session.conn.execute(
        f"SELECT {Round.COLUMNS} FROM eval_rounds WHERE id = ? AND {where}", (round_id, *params)
    ).fetchone()
    if row is None:
        raise NotFound(NOT_FOUND)
    return Round.from_row(row)


def list_rounds(session: Session, survey_id: str) -> list[Round]:
    get_survey(session, survey_id)
    rows = session.conn.execute(
        f"SELECT {Round.COLUMNS} FROM eval_rounds WHERE survey_id = ? ORDER BY number", (survey_id,)
    ).fetchall()
    return [Round.from_row(r) for r in rows]


def writable_round(session: Session, round_id: str) -> tuple[Round, Survey]:
    rnd = get_round(session, round_id)
    visibility.require_inspection_writable(session, rnd.inspection_id)
    return rnd, get_survey(session, rnd.survey_id)


def set_returned(session: Session, round_id: str, returned: int) -> Round:
    """Register how many forms came back (回收份数)."""
    rnd, _ = writable_round(session, round_id)
    returned = f.integer(returned, "returned", "回收份数", minimum=0, maximum=100_000)
    if rnd.printed and returned > rnd.printed:
        raise ValidationError(f"回收份数（{returned}）不能多于印发份数（{rnd.printed}）。", field="returned")
    with session.transaction() as conn:
        f.update(conn, "eval_rounds", round_id, {"returned": returned})
        session.audit("eval_round_returned", "eval_round", round_id, f"回收 {returned} 份")
    return get_round(session, round_id)


def issue_serials(session: Session, conn, round_id: str, count: int) -> list[int]:
    """Draw `count` new random serials for the round inside the caller's transaction; adds to printed."""
    count = f.positive_int(count, "count", "印制份数", maximum=MAX_SERIALS)
    used = {r[0] for r in conn.execute("SELECT serial FROM eval_serials WHERE round_id = ?", (round_id,))}
    if len(used) + count > 900_000 // 2:
        raise Conflict("本轮编号已用得太多。")
    serials: list[int] = []
    while len(serials) < count:
        s = 100_000 + secrets.randbelow(900_000)
        if s not in used:
            used.add(s)
            serials.append(s)
    conn.executemany(
        "INSERT INTO eval_serials (round_id, serial) VALUES (?, ?)", [(round_id, s) for s in serials]
    )
    conn.execute(
        "UPDATE eval_rounds SET printed = printed + ?, updated_at = ? WHERE id = ?",
        (count, f.now(), round_id),
    )
    return serials


def is_issued(conn, round_id: str, serial: int) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM eval_serials WHERE round_id = ? AND serial = ?", (round_id, serial)
        ).fetchone()
        is not None
    )
