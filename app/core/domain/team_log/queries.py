"""Reading the team log: the free entries, and the log of a period assembled from the team's records.

The log reads only what the session may know: the inspection visible, talks and meetings within the
clearance (a talk still a draft is not yet held), and never petitions or leads. Reading the log of a
period is audited with the count of lines only.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.core.domain.register.issue_record import IssueTag
from app.core.domain.team_log.types import LogEntry, LogLine, LogSource
from app.core.errors import NotFound
from app.core.security import visibility
from app.core.session import Session

NOT_FOUND = "找不到该日志记录，或您不在其知悉范围内。"
_KIND = {
    "mobilisation": "动员会",
    "group": "座谈会",
    "attended": "列席会议",
    "feedback": "反馈会",
    "team": "组务会",
}


def _entry(row) -> LogEntry:
    return LogEntry(
        row["id"],
        row["inspection_id"],
        row["entry_on"],
        row["entry_time"],
        row["by_name"],
        row["content"],
        row["author_id"],
    )


def fetch_entry(session: Session, entry_id: str) -> LogEntry:
    where, params = visibility.inspection_filter_sql(session, "inspection_id")
    row = session.conn.execute(
        "SELECT id, inspection_id, entry_on, entry_time, by_name, content, author_id FROM team_log_entries"
        f" WHERE id = ? AND {where}",
        (entry_id, *params),
    ).fetchone()
    if row is None:
        raise NotFound(NOT_FOUND)
    return _entry(row)


def list_entries(session: Session, inspection_id: str) -> list[LogEntry]:
    """The typed entries of the inspection, oldest first; not audited."""
    visibility.require_inspection_visible(session, inspection_id)
    rows = session.conn.execute(
        "SELECT id, inspection_id, entry_on, entry_time, by_name, content, author_id FROM team_log_entries"
        " WHERE inspection_id = ? ORDER BY entry_on, entry_time, created_at",
        (inspection_id,),
    ).fetchall()
    return [_entry(r) for r in rows]


def _names(conn, table: str, key: str, ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if not ids:
        return out
    marks = ",".join("?" for _ in ids)
    for r in conn.execute(
        f"SELECT x.{key} AS owner, u.display_name FROM {table} x JOIN users u ON u.id = x.user_id"
        f" WHERE x.{key} IN ({marks}) ORDER BY x.sort_order",
        ids,
    ):
        out.setdefault(r["owner"], []).append(r["display_name"])
    return out


def _between(value: str | None, start: str | None, end: str | None) -> bool:
    if not value:
        return False
    day = value[:10]
    return (not start or day >= start) and (not end or day <= end)


def log_lines(
    session: Session, inspection_id: str, start: str | None = None, end: str | None = None
) -> list[LogLine]:
    """The log of the inspection between two dates (inclusive; None: open), in date and time order."""
    visibility.require_inspection_visible(session, inspection_id)
    conn = session.conn
    level, levels = visibility.clearance_filter_sql(session, "classification")
    lines: list[LogLine] = []
    talks = conn.execute(
        "SELECT id, number, start_at, interviewee_name, interviewee_position FROM talks"
        f" WHERE inspection_id = ? AND status != 'draft' AND {level}",
        (inspection_id, *levels),
    ).fetchall()
    talks = [t for t in talks if _between(t["start_at"], start, end)]
    who = _names(conn, "talk_interviewers", "talk_id", [t["id"] for t in talks])
    for t in talks:
        person = t["interviewee_name"] + (
            f"（{t['interviewee_position']}）" if t["interviewee_position"] else ""
        )
        lines.append(
            LogLine(
                t["start_at"][:10],
                t["start_at"][11:16],
                LogSource.TALK,
                f"个别谈话：与{person}谈话（谈话记录 第{t['number']}号）",
                "、".join(who.get(t["id"], [])),
                t["id"],
            )
        )
    for r in conn.execute(
        "SELECT i.id, i.number, i.title, i.received_on, coalesce(u.display_name, '') AS holder FROM request_items i"
        " LEFT JOIN users u ON u.id = i.holder_id WHERE i.inspection_id = ? AND i.received_on IS NOT NULL",
        (inspection_id,),
    ):
        if _between(r["received_on"], start, end):
            lines.append(
                LogLine(
                    r["received_on"],
                    "",
                    LogSource.DOCUMENT,
                    f"收到调阅资料 第{r['number']}项：{r['title']}",
                    r["holder"],
                    r["id"],
                )
            )
    mlevel, mlevels = visibility.clearance_filter_sql(session, "classification")
    for m in conn.execute(
        "SELECT id, number, kind, title, held_on, start_time, chair FROM meetings"
        f" WHERE inspection_id = ? AND {mlevel}",
        (inspection_id, *mlevels),
    ):
        if _between(m["held_on"], start, end):
            kind = _KIND.get(m["kind"], m["kind"])
            lines.append(
                LogLine(
                    m["held_on"],
                    m["start_time"],
                    LogSource.MEETING,
                    f"{kind}：{m['title'] or kind}（会议 第{m['number']}号）",
                    m["chair"],
                    m["id"],
                )
            )
    bit = IssueTag.IMMEDIATE_FIX.bit
    for r in conn.execute(
        "SELECT id, title, found_on, found_by FROM issues WHERE inspection_id = ? AND (tags & ?) != 0",
        (inspection_id, bit),
    ):
        if _between(r["found_on"], start, end):
            lines.append(
                LogLine(
                    r["found_on"],
                    "",
                    LogSource.IMMEDIATE_FIX,
                    f"立行立改：{r['title']}",
                    r["found_by"],
                    r["id"],
                )
            )
    for r in conn.execute(
        "SELECT m.id, m.description, m.completed_on, m.responsible_dept, i.title FROM rectification_measures m"
        " JOIN rectifications x ON x.id = m.rectification_id JOIN issues i ON i.id = x.issue_id"
        " WHERE i.inspection_id = ? AND m.immediate = 1 AND m.completion = 'done' AND m.completed_on IS NOT NULL",
        (inspection_id,),
    ):
        if _between(r["completed_on"], start, end):
            lines.append(
                LogLine(
                    r["completed_on"],
                    "",
                    LogSource.IMMEDIATE_FIX,
                    f"立行立改完成：{r['description']}（{r['title']}）",
                    r["responsible_dept"],
                    r["id"],
                )
            )
    for e in list_entries(session, inspection_id):
        if _between(e.entry_on, start, end):
            lines.append(LogLine(e.entry_on, e.entry_time, LogSource.ENTRY, e.content, e.by_name, e.id))
    lines.sort(key=lambda x: (x.on, x.time or "99:99", list(LogSource).index(x.source)))
    return lines


def read_log(
    session: Session, inspection_id: str, start: str | None = None, end: str | None = None
) -> list[LogLine]:
    """The log of a period, audited with its count of lines."""
    lines = log_lines(session, inspection_id, start, end)
    session.audit("team_log_view", "inspection", inspection_id, f"{start or ''}—{end or ''}，{len(lines)} 条")
    return lines


def week_of(day: str) -> tuple[str, str]:
    """The Monday and the Sunday of the week holding `day` (YYYY-MM-DD)."""
    d = date.fromisoformat(day)
    monday = d - timedelta(days=d.weekday())
    return monday.isoformat(), (monday + timedelta(days=6)).isoformat()


def log_weeks(session: Session, inspection_id: str) -> list[str]:
    """The Mondays of the weeks the log has lines in, oldest first."""
    return sorted({week_of(line.on)[0] for line in log_lines(session, inspection_id)})
