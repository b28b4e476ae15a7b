"""Reading talks: one talk by id (need to know first), the filtered list, the team for the pickers.

Need to know: every read checks the talk's inspection is visible to the session
(security/visibility.py) and that its classification is within the user's clearance; a talk of
another team, or above the clearance, is NotFound, exactly like a missing one. Opening a
talk (`get_talk`) and listing talks are audited, with ids and counts only, never record text.
`fetch_talk` and `writable_talk` are the unaudited reads the other talk operations start from.
Rows become records by column name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from app.core.domain import _fields as f
from app.core.domain.talks.rules import team_of
from app.core.domain.talks.types import (
    QA,
    Addendum,
    IntervieweeCategory,
    Person,
    Talk,
    TalkKind,
    TalkStatus,
)
from app.core.errors import NotFound
from app.core.security import visibility
from app.core.session import Session

NOT_FOUND = "找不到该谈话记录，或您不在其知悉范围内。"

_COLUMNS = (
    "t.id, t.inspection_id, t.number, t.start_at, t.end_at, t.place, t.interviewee_name, t.interviewee_unit,"
    " t.interviewee_position, t.interviewee_category, t.leadership_id, t.kind, t.recorder_id,"
    " ru.display_name AS recorder_name, t.outline, t.record, t.key_points, t.raised_problems, t.raised_leads,"
    " t.status, t.signed_on, t.classification, t.protection_years, t.created_at, t.updated_at,"
    " un.name AS unit_name, tm.name AS team_name, t.doc_no, t.plan_line_id"
)
_FROM = (
    " FROM talks t JOIN users ru ON ru.id = t.recorder_id JOIN inspections i ON i.id = t.inspection_id"
    " JOIN units un ON un.id = i.unit_id JOIN teams tm ON tm.id = i.team_id"
)


@dataclass
class TalkSummary:
    """One row of the talk list."""

    id: str
    inspection_id: str
    number: int
    start_at: str
    interviewee_name: str
    interviewee_position: str
    interviewee_category: IntervieweeCategory
    kind: TalkKind
    status: TalkStatus
    interviewers: list[str]
    raised_problems: bool
    raised_leads: bool
    unit_name: str


def talk_row(conn, talk_id: str):
    """The talk's row (the columns `load_talk` reads, and doc_no), without any visibility check."""
    return conn.execute(f"SELECT {_COLUMNS}{_FROM} WHERE t.id = ?", (talk_id,)).fetchone()


def visible_row(session: Session, talk_id: str):
    """The talk's row if the session may know of it; NotFound otherwise (as for a missing talk)."""
    where, params = visibility.inspection_filter_sql(session, "t.inspection_id")
    level, levels = visibility.clearance_filter_sql(session, "t.classification")
    row = session.conn.execute(
        f"SELECT {_COLUMNS}{_FROM} WHERE t.id = ? AND {where} AND {level}", (talk_id, *params, *levels)
    ).fetchone()
    if row is None:
        raise NotFound(NOT_FOUND)
    return row


def load_talk(conn, row) -> Talk:
    """The Talk of a row of `talk_row` / `visible_row`, with its interviewers and addenda."""
    talk_id = row["id"]
    interviewers = [
        Person(r["user_id"], r["display_name"])
        for r in conn.execute(
            "SELECT ti.user_id, u.display_name FROM talk_interviewers ti JOIN users u ON u.id = ti.user_id"
            " WHERE ti.talk_id = ? ORDER BY ti.sort_order",
            (talk_id,),
        )
    ]
    addenda = [
        Addendum(
            id=r["id"],
            added_on=r["added_on"],
            text=r["text"],
            author_name=r["author_name"] or "",
            created_at=r["created_at"],
        )
        for r in conn.execute(
            "SELECT a.id, a.added_on, a.text, u.display_name AS author_name, a.created_at FROM talk_addenda a"
            " LEFT JOIN users u ON u.id = a.author_id WHERE a.talk_id = ? ORDER BY a.created_at",
            (talk_id,),
        )
    ]
    has_scan = (
        conn.execute("SELECT 1 FROM talk_scans WHERE talk_id = ? LIMIT 1", (talk_id,)).fetchone() is not None
    )
    return Talk(
        id=talk_id,
        inspection_id=row["inspection_id"],
        number=row["number"],
        start_at=row["start_at"],
        end_at=row["end_at"],
        place=row["place"],
        interviewee_name=row["interviewee_name"],
        interviewee_unit=row["interviewee_unit"],
        interviewee_position=row["interviewee_position"],
        interviewee_category=IntervieweeCategory(row["interviewee_category"]),
        leadership_id=row["leadership_id"],
        kind=TalkKind(row["kind"]),
        recorder=Person(row["recorder_id"], row["recorder_name"]),
        interviewers=interviewers,
        outline=json.loads(row["outline"]),
        record=[QA(b["question"], b["answer"]) for b in json.loads(row["record"])],
        key_points=row["key_points"],
        raised_problems=bool(row["raised_problems"]),
        raised_leads=bool(row["raised_leads"]),
        status=TalkStatus(row["status"]),
        signed_on=row["signed_on"],
        classification=row["classification"],
        protection_years=row["protection_years"],
        addenda=addenda,
        has_scan=has_scan,
        plan_line_id=row["plan_line_id"],
        unit_name=row["unit_name"],
        team_name=row["team_name"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def fetch_talk(session: Session, talk_id: str) -> Talk:
    """The talk if the session may know of it (NotFound otherwise); not audited."""
    return load_talk(session.conn, visible_row(session, talk_id))


def writable_talk(session: Session, talk_id: str) -> Talk:
    """The talk if the session may also write in its inspection."""
    talk = fetch_talk(session, talk_id)
    visibility.require_inspection_writable(session, talk.inspection_id)
    return talk


def get_talk(session: Session, talk_id: str) -> Talk:
    """Open a talk record; the view is audited."""
    talk = fetch_talk(session, talk_id)
    session.audit("talk_view", "talk", talk_id, f"第{talk.number}号")
    return talk


def team_candidates(session: Session, inspection_id: str) -> list[Person]:
    """The inspection's team, for the interviewer and recorder pickers."""
    visibility.require_inspection_visible(session, inspection_id)
    return [
        Person(uid, name)
        for uid, name in sorted(team_of(session.conn, inspection_id).items(), key=lambda x: x[1])
    ]


# Stored value -> member, for building thousands of list rows (an Enum call per field costs more).
_CATEGORIES = {c.value: c for c in IntervieweeCategory}
_KINDS = {k.value: k for k in TalkKind}
_STATUSES = {t.value: t for t in TalkStatus}


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_talks(
    session: Session,
    inspection_id: str | None = None,
    *,
    interviewee: str | None = None,
    category: IntervieweeCategory | str | None = None,
    interviewer_id: str | None = None,
    date_from: str | date | None = None,
    date_to: str | date | None = None,
    status: TalkStatus | str | None = None,
) -> list[TalkSummary]:
    """The talks of one inspection (or every visible one), filtered; the listing is audited."""
    where, params = visibility.inspection_filter_sql(session, "t.inspection_id")
    level, levels = visibility.clearance_filter_sql(session, "t.classification")
    sql = [where, level]
    args: list = [*params, *levels]
    if inspection_id:
        visibility.require_inspection_visible(session, inspection_id)
        sql.append("t.inspection_id = ?")
        args.append(inspection_id)
    if interviewee and interviewee.strip():
        sql.append("t.interviewee_name LIKE ? ESCAPE '\\'")
        args.append("%" + _like(interviewee.strip()) + "%")
    if category:
        sql.append("t.interviewee_category = ?")
        args.append(f.choice(IntervieweeCategory, category, "category", "人员类别").value)
    if interviewer_id:
        sql.append("EXISTS (SELECT 1 FROM talk_interviewers x WHERE x.talk_id = t.id AND x.user_id = ?)")
        args.append(interviewer_id)
    if date_from:
        sql.append("substr(t.start_at, 1, 10) >= ?")
        args.append(f.iso_date(date_from, "date_from", "起始日期"))
    if date_to:
        sql.append("substr(t.start_at, 1, 10) <= ?")
        args.append(f.iso_date(date_to, "date_to", "截止日期"))
    if status:
        sql.append("t.status = ?")
        args.append(f.choice(TalkStatus, status, "status", "状态").value)
    rows = session.conn.execute(
        "SELECT t.id, t.inspection_id, t.number, t.start_at, t.interviewee_name, t.interviewee_position,"
        " t.interviewee_category, t.kind, t.status, t.raised_problems, t.raised_leads, un.name AS unit_name,"
        " (SELECT group_concat(name, '、') FROM (SELECT u.display_name AS name FROM talk_interviewers x"
        "   JOIN users u ON u.id = x.user_id WHERE x.talk_id = t.id ORDER BY x.sort_order)) AS interviewers"
        " FROM talks t JOIN inspections i ON i.id = t.inspection_id JOIN units un ON un.id = i.unit_id"
        f" WHERE {' AND '.join(sql)} ORDER BY t.start_at DESC, t.number DESC",
        args,
    ).fetchall()
    result = [
        TalkSummary(
            id=r["id"],
            inspection_id=r["inspection_id"],
            number=r["number"],
            start_at=r["start_at"],
            interviewee_name=r["interviewee_name"],
            interviewee_position=r["interviewee_position"],
            interviewee_category=_CATEGORIES[r["interviewee_category"]],
            kind=_KINDS[r["kind"]],
            status=_STATUSES[r["status"]],
            raised_problems=bool(r["raised_problems"]),
            raised_leads=bool(r["raised_leads"]),
            unit_name=r["unit_name"],
            interviewers=r["interviewers"].split("、") if r["interviewers"] else [],
        )
        for r in rows
    ]
    session.audit("talks_list", "inspection", inspection_id or "", f"{len(result)} 条")
    return result
