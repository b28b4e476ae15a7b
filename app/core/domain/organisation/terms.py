"""Terms (届), rounds (轮次) and batches (批次): the calendar of the committee's inspections.

Writes need Cap.ORG_MANAGE (the office). Reads: the office sees all; team leaders and members see
the terms and rounds that hold one of their teams (and those rounds' batches); administrators see
nothing. These calendar records carry no case content, so listing them is not audited; changes are.
Dates are ISO strings 'YYYY-MM-DD' (datetime.date accepted on input).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.core.domain import _fields as f
from app.core.errors import NotFound, ValidationError
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.store.rows import record


class RoundKind(StrEnum):
    REGULAR = "regular"
    SPECIAL = "special"
    AD_HOC = "ad_hoc"
    ELEVATED = "elevated"
    EXTENDED = "extended"
    LOOK_BACK = "look_back"

    @property
    def label(self) -> str:
        return ROUND_KIND_LABELS[self]


ROUND_KIND_LABELS = {
    RoundKind.REGULAR: "常规",
    RoundKind.SPECIAL: "专项",
    RoundKind.AD_HOC: "机动",
    RoundKind.ELEVATED: "提级",
    RoundKind.EXTENDED: "延伸",
    RoundKind.LOOK_BACK: "回头看",
}


class RoundStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    FINISHED = "finished"

    @property
    def label(self) -> str:
        return ROUND_STATUS_LABELS[self]


ROUND_STATUS_LABELS = {
    RoundStatus.PLANNED: "计划中",
    RoundStatus.IN_PROGRESS: "进行中",
    RoundStatus.FINISHED: "已结束",
}

CHINESE_DIGITS = "零一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 -> 一, 12 -> 十二, 25 -> 二十五 (up to 99), for names like 第三轮 and 第一巡察组."""
    if n <= 10:
        return CHINESE_DIGITS[n]
    if n < 20:
        return "十" + (CHINESE_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CHINESE_DIGITS[n // 10] + "十" + (CHINESE_DIGITS[n % 10] if n % 10 else "")
    return str(n)


@dataclass
class Term:
    id: str
    name: str
    starts_on: str
    ends_on: str | None

    COLUMNS = "id, name, starts_on, ends_on"

    @classmethod
    def from_row(cls, row) -> Term:
        return record(cls, row)


@dataclass
class Round:
    id: str
    term_id: str
    number: int
    kind: RoundKind
    status: RoundStatus
    starts_on: str | None
    ends_on: str | None

    COLUMNS = "id, term_id, number, kind, status, starts_on, ends_on"

    @classmethod
    def from_row(cls, row) -> Round:
        return record(cls, row, number=int, kind=RoundKind, status=RoundStatus)

    @property
    def label(self) -> str:
        """第三轮（常规）"""
        return f"第{chinese_number(self.number)}轮（{self.kind.label}）"


@dataclass
class Batch:
    id: str
    round_id: str
    number: int
    starts_on: str
    ends_on: str

    COLUMNS = "id, round_id, number, starts_on, ends_on"

    @classmethod
    def from_row(cls, row) -> Batch:
        return record(cls, row, number=int)

    @property
    def label(self) -> str:
        return f"第{chinese_number(self.number)}批"


# ---- terms ---------------------------------------------------------------------------------------


def _term_input(conn, name, starts_on, ends_on, exclude_id: str | None = None) -> tuple:
    name = f.text(name, "name", "届次名称")
    start = f.iso_date(starts_on, "starts_on", "开始日期")
    end = f.iso_date(ends_on, "ends_on", "结束日期", required=False)
    f.date_order(start, end, "ends_on", "结束日期")
    clash = conn.execute("SELECT 1 FROM terms WHERE name = ? AND id IS NOT ?", (name, exclude_id)).fetchone()
    if clash:
        raise ValidationError(f"已有名为“{name}”的届次。", field="name")
    return name, start, end


def create_term(session: Session, name: str, starts_on: str, ends_on: str | None = None) -> Term:
    """Create a term, e.g. create_term(s, '中共某市委第九届', '2022-01-01', '2026-12-31')."""
    session.require(Cap.ORG_MANAGE)
    name, start, end = _term_input(session.conn, name, starts_on, ends_on)
    values = session.record_values()
    with session.transaction() as conn:
        f.insert(conn, "terms", {**values, "name": name, "starts_on": start, "ends_on": end})
        session.audit("term_create", "term", values["id"])
    return _term(session.conn, values["id"])


def update_term(session: Session, term_id: str, name: str, starts_on: str, ends_on: str | None) -> Term:
    session.require(Cap.ORG_MANAGE)
    _term(session.conn, term_id)
    name, start, end = _term_input(session.conn, name, starts_on, ends_on, exclude_id=term_id)
    with session.transaction() as conn:
        f.update(conn, "terms", term_id, {"name": name, "starts_on": start, "ends_on": end})
        session.audit("term_update", "term", term_id)
    return _term(session.conn, term_id)


def delete_term(session: Session, term_id: str) -> None:
    """Refused (Conflict) while the term has rounds."""
    session.require(Cap.ORG_MANAGE)
    _term(session.conn, term_id)
    with session.transaction() as conn:
        f.refuse_if(
            conn,
            "SELECT count(*) FROM rounds WHERE term_id = ?",
            (term_id,),
            "该届次下还有 {n} 个轮次，请先删除轮次。",
        )
        f.delete(conn, "terms", term_id, "届次")
        session.audit("term_delete", "term", term_id)


def _term(conn, term_id: str) -> Term:
    row = conn.execute(f"SELECT {Term.COLUMNS} FROM terms WHERE id = ?", (term_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该届次。")
    return Term.from_row(row)


def list_terms(session: Session) -> list[Term]:
    """Terms, newest first; team roles see only terms holding one of their teams."""
    where, params = visibility.term_filter_sql(session, "id")
    rows = session.conn.execute(
        f"SELECT {Term.COLUMNS} FROM terms WHERE {where} ORDER BY starts_on DESC, name", params
    ).fetchall()
    return [Term.from_row(r) for r in rows]


def get_term(session: Session, term_id: str) -> Term:
    where, params = visibility.term_filter_sql(session, "id")
    row = session.conn.execute(
        f"SELECT {Term.COLUMNS} FROM terms WHERE id = ? AND {where}", (term_id, *params)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该届次。")
    return Term.from_row(row)


# ---- rounds --------------------------------------------------------------------------------------


def _round_input(conn, term_id, number, kind, status, starts_on, ends_on, exclude_id=None) -> tuple:
    f.must_exist(conn, "terms", term_id, "届次", field="term_id")
    number = f.positive_int(number, "number", "轮次序号")
    kind = f.choice(RoundKind, kind, "kind", "巡察类型")
    status = f.choice(RoundStatus, status, "status", "轮次状态")
    start = f.iso_date(starts_on, "starts_on", "开始日期", required=False)
    end = f.iso_date(ends_on, "ends_on", "结束日期", required=False)
    f.date_order(start, end, "ends_on", "结束日期")
    clash = conn.execute(
        "SELECT 1 FROM rounds WHERE term_id = ? AND number = ? AND id IS NOT ?", (term_id, number, exclude_id)
    ).fetchone()
    if clash:
        raise ValidationError(f"本届已有第{chinese_number(number)}轮。", field="number")
    return number, kind, status, start, end


def create_round(
    session: Session,
    term_id: str,
    number: int,
    kind: RoundKind | str = RoundKind.REGULAR,
    *,
    status: RoundStatus | str = RoundStatus.PLANNED,
    starts_on: str | None = None,
    ends_on: str | None = None,
) -> Round:
    session.require(Cap.ORG_MANAGE)
    number, kind, status, start, end = _round_input(
        session.conn, term_id, number, kind, status, starts_on, ends_on
    )
    values = session.record_values()
    with session.transaction() as conn:
        f.insert(
            conn,
            "rounds",
            {
                **values,
                "term_id": term_id,
                "number": number,
                "kind": kind.value,
                "status": status.value,
                "starts_on": start,
                "ends_on": end,
            },
        )
        session.audit("round_create", "round", values["id"], f"第{number}轮 {kind.value}")
    return _round(session.conn, values["id"])


def update_round(
    session: Session,
    round_id: str,
    number: int,
    kind: RoundKind | str,
    status: RoundStatus | str,
    starts_on: str | None,
    ends_on: str | None,
) -> Round:
    """Edit a round (its term does not change)."""
    session.require(Cap.ORG_MANAGE)
    current = _round(session.conn, round_id)
    number, kind, status, start, end = _round_input(
        session.conn, current.term_id, number, kind, status, starts_on, ends_on, exclude_id=round_id
    )
    with session.transaction() as conn:
        f.update(
            conn,
            "rounds",
            round_id,
            {
                "number": number,
                "kind": kind.value,
                "status": status.value,
                "starts_on": start,
                "ends_on": end,
            },
        )
        session.audit("round_update", "round", round_id, f"第{number}轮 {kind.value} {status.value}")
    return _round(session.conn, round_id)


def delete_round(session: Session, round_id: str) -> None:
    """Refused while the round has teams or inspections; its batches go with it."""
    session.require(Cap.ORG_MANAGE)
    _round(session.conn, round_id)
    with session.transaction() as conn:
        f.refuse_if(
            conn,
            "SELECT count(*) FROM inspections WHERE round_id = ?",
            (round_id,),
            "该轮次已安排 {n} 项巡察，不能删除。",
        )
        f.refuse_if(
            conn,
            "SELECT count(*) FROM teams WHERE round_id = ?",
            (round_id,),
            "该轮次下还有 {n} 个巡察组，请先删除巡察组。",
        )
        batches = f.count(conn, "SELECT count(*) FROM batches WHERE round_id = ?", (round_id,))
        conn.execute("DELETE FROM batches WHERE round_id = ?", (round_id,))
        f.delete(conn, "rounds", round_id, "轮次")
        session.audit("round_delete", "round", round_id, f"连同 {batches} 个批次")


def _round(conn, round_id: str) -> Round:
    row = conn.execute(f"SELECT {Round.COLUMNS} FROM rounds WHERE id = ?", (round_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该轮次。")
    return Round.from_row(row)


def list_rounds(session: Session, term_id: str | None = None) -> list[Round]:
    """Rounds (of one term, or all), by number; team roles see only rounds holding one of their teams."""
    where, params = visibility.round_filter_sql(session, "id")
    sql = f"SELECT {Round.COLUMNS} FROM rounds WHERE {where}"
    if term_id is not None:
        sql += " AND term_id = ?"
        params = (*params, term_id)
    rows = session.conn.execute(sql + " ORDER BY term_id, number", params).fetchall()
    return [Round.from_row(r) for r in rows]


def get_round(session: Session, round_id: str) -> Round:
    where, params = visibility.round_filter_sql(session, "id")
    row = session.conn.execute(
        f"SELECT {Round.COLUMNS} FROM rounds WHERE id = ? AND {where}", (round_id, *params)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该轮次。")
    return Round.from_row(row)


# ---- batches -------------------------------------------------------------------------------------


def _batch_input(conn, round_id, number, starts_on, ends_on, exclude_id=None) -> tuple:
    number = f.positive_int(number, "number", "批次序号")
    start = f.iso_date(starts_on, "starts_on", "开始日期")
    end = f.iso_date(ends_on, "ends_on", "结束日期")
    f.date_order(start, end, "ends_on", "结束日期")
    clash = conn.execute(
        "SELECT 1 FROM batches WHERE round_id = ? AND number = ? AND id IS NOT ?",
        (round_id, number, exclude_id),
    ).fetchone()
    if clash:
        raise ValidationError(f"本轮已有第{chinese_number(number)}批。", field="number")
    return number, start, end


def create_batch(session: Session, round_id: str, number: int, starts_on: str, ends_on: str) -> Batch:
    session.require(Cap.ORG_MANAGE)
    f.must_exist(session.conn, "rounds", round_id, "轮次", field="round_id")
    number, start, end = _batch_input(session.conn, round_id, number, starts_on, ends_on)
    values = session.record_values()
    with session.transaction() as conn:
        f.insert(
            conn,
            "batches",
            {**values, "round_id": round_id, "number": number, "starts_on": start, "ends_on": end},
        )
        session.audit("batch_create", "batch", values["id"], f"round {round_id} 第{number}批")
    return _batch(session.conn, values["id"])


def update_batch(session: Session, batch_id: str, number: int, starts_on: str, ends_on: str) -> Batch:
    session.require(Cap.ORG_MANAGE)
    current = _batch(session.conn, batch_id)
    number, start, end = _batch_input(session.conn, current.round_id, number, starts_on, ends_on, batch_id)
    with session.transaction() as conn:
        f.update(conn, "batches", batch_id, {"number": number, "starts_on": start, "ends_on": end})
        session.audit("batch_update", "batch", batch_id)
    return _batch(session.conn, batch_id)


def delete_batch(session: Session, batch_id: str) -> None:
    """Refused while inspections are scheduled in the batch."""
    session.require(Cap.ORG_MANAGE)
    _batch(session.conn, batch_id)
    with session.transaction() as conn:
        f.refuse_if(
            conn,
            "SELECT count(*) FROM inspections WHERE batch_id = ?",
            (batch_id,),
            "该批次已安排 {n} 项巡察，不能删除。",
        )
        f.delete(conn, "batches", batch_id, "批次")
        session.audit("batch_delete", "batch", batch_id)


def _batch(conn, batch_id: str) -> Batch:
    row = conn.execute(f"SELECT {Batch.COLUMNS} FROM batches WHERE id = ?", (batch_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该批次。")
    return Batch.from_row(row)


def list_batches(session: Session, round_id: str) -> list[Batch]:
    where, params = visibility.round_filter_sql(session, "round_id")
    rows = session.conn.execute(
        f"SELECT {Batch.COLUMNS} FROM batches WHERE round_id = ? AND {where} ORDER BY number",
        (round_id, *params),
    ).fetchall()
    return [Batch.from_row(r) for r in rows]
