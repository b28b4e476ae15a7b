"""Writing the team log's free entries: any member of the team (Cap.CASE_WRITE, need to know); an entry
reads who wrote it, or the name typed. Each write and its audit entry are one transaction. An entry
cited as evidence by a working paper cannot be deleted."""

from __future__ import annotations

from app.core.domain import _fields as f
from app.core.domain.meetings.rules import clock
from app.core.domain.team_log.queries import fetch_entry
from app.core.domain.team_log.types import EntryForm, LogEntry
from app.core.errors import Conflict
from app.core.security import visibility
from app.core.session import Session

MAX_CONTENT = 3000


def _clean(session: Session, form: EntryForm) -> dict:
    return {
        "entry_on": f.iso_date(form.entry_on, "entry_on", "日期"),
        "entry_time": clock(form.entry_time, "entry_time", "时间"),
        "content": f.long_text(form.content, "content", "工作内容", max_len=MAX_CONTENT),
        "by_name": f.text(form.by_name, "by_name", "记录人", required=False, max_len=50)
        or session.user.display_name,
    }


def add_entry(session: Session, inspection_id: str, form: EntryForm) -> LogEntry:
    visibility.require_inspection_writable(session, inspection_id)
    cols = _clean(session, form)
    values = session.record_values()
    with session.transaction() as conn:
        f.insert(conn, "team_log_entries", {**values, "inspection_id": inspection_id, **cols})
        session.audit("team_log_add", "team_log_entry", values["id"], cols["entry_on"])
    return fetch_entry(session, values["id"])


def _writable(session: Session, entry_id: str) -> LogEntry:
    entry = fetch_entry(session, entry_id)
    visibility.require_inspection_writable(session, entry.inspection_id)
    return entry


def update_entry(session: Session, entry_id: str, form: EntryForm) -> LogEntry:
    _writable(session, entry_id)
    cols = _clean(session, form)
    with session.transaction() as conn:
        f.update(conn, "team_log_entries", entry_id, cols)
        session.audit("team_log_update", "team_log_entry", entry_id, cols["entry_on"])
    return fetch_entry(session, entry_id)


def delete_entry(session: Session, entry_id: str) -> None:
    entry = _writable(session, entry_id)
    cited = session.conn.execute(
        "SELECT 1 FROM issue_evidence WHERE kind = 'team_log' AND ref_id = ? LIMIT 1", (entry_id,)
    ).fetchone()
    if cited is not None:
        raise Conflict("该日志记录已作为问题底稿的证据引用，不能删除。")
    with session.transaction() as conn:
        conn.execute("DELETE FROM team_log_entries WHERE id = ?", (entry_id,))
        session.audit("team_log_delete", "team_log_entry", entry_id, entry.entry_on)
