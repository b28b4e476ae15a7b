"""Returned forms (回收的测评表) and their keyboard entry (录入), with a blind second entry.

A sheet is known by its serial only (the random number printed on it; nothing links it to a person).
The serial must be one the round printed, and each serial counts once: a second form with the same
serial is refused (de-duplication). Its answers are counted (`status = 'counted'`) only when they are
settled: typed once when the survey asks no second entry; typed twice, blind, and equal when it
does (a difference puts the sheet under review, to be settled by `settle_entry`); read from a scan
with every unclear box decided (scans.py).

Every write is one audited transaction; the audit names the round and the serial, never an answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from app.core.domain import _fields as f
from app.core.domain.evaluation.model import check_answers
from app.core.domain.evaluation.surveys import Round, Survey, get_round, get_survey, is_issued, writable_round
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.session import Session


@dataclass
class Sheet:
    id: str
    round_id: str
    serial: int
    source: str
    status: str

    COLUMNS = "id, round_id, serial, source, status"

    @classmethod
    def from_row(cls, row) -> Sheet:
        return cls(row["id"], row["round_id"], int(row["serial"]), row["source"], row["status"])


def check_serial(conn, rnd: Round, serial) -> int:
    serial = f.integer(serial, "serial", "表格编号", minimum=100_000, maximum=999_999)
    if not is_issued(conn, rnd.id, serial):
        raise ValidationError(f"编号 {serial} 不是本轮印发的测评表编号，请核对。", field="serial")
    return serial


def find_sheet(conn, round_id: str, serial: int) -> Sheet | None:
    row = conn.execute(
        f"SELECT {Sheet.COLUMNS} FROM eval_sheets WHERE round_id = ? AND serial = ?", (round_id, serial)
    ).fetchone()
    return Sheet.from_row(row) if row else None


def new_sheet(session: Session, conn, rnd: Round, serial: int, source: str, status: str) -> Sheet:
    values = session.record_values()
    f.insert(
        conn,
        "eval_sheets",
        {**values, "round_id": rnd.id, "inspection_id": rnd.inspection_id, "serial": serial, "source": source,
         "status": status},
    )  # fmt: skip
    return Sheet(values["id"], rnd.id, serial, source, status)


def count_sheet(conn, sheet_id: str, answers: dict[str, str]) -> None:
    """Settle a sheet: its answers replace any before, and it counts."""
    conn.execute("DELETE FROM eval_answers WHERE sheet_id = ?", (sheet_id,))
    conn.executemany(
        "INSERT INTO eval_answers (sheet_id, item_key, value) VALUES (?, ?, ?)",
        [(sheet_id, k, v) for k, v in sorted(answers.items()) if v != ""],
    )
    conn.execute(
        "UPDATE eval_sheets SET status = 'counted', updated_at = ? WHERE id = ?", (f.now(), sheet_id)
    )


def enter_sheet(session: Session, round_id: str, serial, answers: dict, *, second: bool = False) -> Sheet:
    """Type one returned form: its serial, then its answers. `second`: the blind re-entry."""
    rnd, survey = writable_round(session, round_id)
    clean = check_answers(survey.form, answers)
    with session.transaction() as conn:
        serial = check_serial(conn, rnd, serial)
        sheet = find_sheet(conn, round_id, serial)
        pass_no = 2 if second else 1
        if sheet is None:
            if second:
                raise Conflict(f"编号 {serial} 还没有第一遍录入，不能核对录入。")
            sheet = new_sheet(session, conn, rnd, serial, "keyboard", "pending")
        elif (
            sheet.source != "keyboard"
            or conn.execute(
                "SELECT 1 FROM eval_entries WHERE sheet_id = ? AND pass_no = ?", (sheet.id, pass_no)
            ).fetchone()
        ):
            raise Conflict(f"编号 {serial} 的测评表已经录入过（同一编号只计一次）。")
        if second and session.user.id == _first_author(conn, sheet.id):
            raise Conflict("核对录入须由另一人完成。")
        f.insert(
            conn,
            "eval_entries",
            {**session.record_values(), "sheet_id": sheet.id, "pass_no": pass_no,
             "answers": json.dumps(clean, ensure_ascii=False, sort_keys=True)},
        )  # fmt: skip
        status = _settle_after_entry(conn, survey, sheet.id, clean, second)
        session.audit(
            "eval_sheet_second_entry" if second else "eval_sheet_entry",
            "eval_round",
            round_id,
            f"编号 {serial}，{ {'counted': '已计入', 'pending': '待核对录入', 'review': '两遍录入不一致，待复核'}[status] }",
        )
    return Sheet(sheet.id, round_id, serial, "keyboard", status)


def _first_author(conn, sheet_id: str) -> str | None:
    row = conn.execute(
        "SELECT author_id FROM eval_entries WHERE sheet_id = ? AND pass_no = 1", (sheet_id,)
    ).fetchone()
    return row[0] if row else None


def _settle_after_entry(conn, survey: Survey, sheet_id: str, answers: dict, second: bool) -> str:
    if not survey.double_entry and not second:
        count_sheet(conn, sheet_id, answers)
        return "counted"
    if not second:
        return "pending"
    (first,) = conn.execute(
        "SELECT answers FROM eval_entries WHERE sheet_id = ? AND pass_no = 1", (sheet_id,)
    ).fetchone()
    if json.loads(first) == answers:
        count_sheet(conn, sheet_id, answers)
        return "counted"
    conn.execute("UPDATE eval_sheets SET status = 'review', updated_at = ? WHERE id = ?", (f.now(), sheet_id))
    return "review"


def entry_differences(session: Session, sheet_id: str) -> list[tuple[str, str, str]]:
    """(item key, first entry, second entry) where the two keyboard entries of a sheet differ."""
    sheet = _visible_sheet(session, sheet_id)
    rows = {
        r["pass_no"]: json.loads(r["answers"])
        for r in session.conn.execute(
            "SELECT pass_no, answers FROM eval_entries WHERE sheet_id = ?", (sheet.id,)
        )
    }
    a, b = rows.get(1, {}), rows.get(2, {})
    return [(k, a.get(k, ""), b.get(k, "")) for k in sorted(set(a) | set(b)) if a.get(k, "") != b.get(k, "")]


def settle_entry(session: Session, sheet_id: str, answers: dict) -> Sheet:
    """Settle a sheet whose two entries differ, with the answers read again from the paper form."""
    sheet = _visible_sheet(session, sheet_id)
    rnd, survey = writable_round(session, sheet.round_id)
    if sheet.status != "review" or sheet.source != "keyboard":
        raise Conflict("只有两遍录入不一致的测评表需要复核。")
    clean = check_answers(survey.form, answers)
    with session.transaction() as conn:
        count_sheet(conn, sheet.id, clean)
        session.audit("eval_sheet_settled", "eval_round", rnd.id, f"编号 {sheet.serial}")
    return Sheet(sheet.id, sheet.round_id, sheet.serial, sheet.source, "counted")


def _visible_sheet(session: Session, sheet_id: str) -> Sheet:
    row = session.conn.execute(
        f"SELECT {Sheet.COLUMNS} FROM eval_sheets WHERE id = ?", (sheet_id,)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该测评表。")
    get_round(session, row["round_id"])  # NotFound outside the need to know
    return Sheet.from_row(row)


def list_sheets(session: Session, round_id: str, status: str | None = None) -> list[Sheet]:
    get_round(session, round_id)
    sql = f"SELECT {Sheet.COLUMNS} FROM eval_sheets WHERE round_id = ?"
    params: tuple = (round_id,)
    if status:
        sql += " AND status = ?"
        params += (status,)
    return [Sheet.from_row(r) for r in session.conn.execute(sql + " ORDER BY serial", params)]


def survey_of_sheet(session: Session, sheet: Sheet) -> Survey:
    return get_survey(session, get_round(session, sheet.round_id).survey_id)
