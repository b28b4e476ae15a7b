"""Writing talks: create and update the record, its lifecycle draft → recorded → signed, and addenda.

- Numbered per inspection (谈话记录 第N号), allocated inside the creating transaction.
- Draft and recorded records can be edited; a signed record is locked (a trigger backs this up):
  corrections are appended as dated addenda, audited, never overwriting.
- Each write checks the session may write in the talk's inspection, validates the form
  (rules.clean_form), updates the search index (index.reindex) and writes its audit entry, all in
  one transaction.
"""

from __future__ import annotations

from datetime import date

from app.core.domain import _fields as f
from app.core.domain.talks.index import reindex
from app.core.domain.talks.queries import fetch_talk, writable_talk
from app.core.domain.talks.rules import MAX_ADDENDUM, clean_form
from app.core.domain.talks.scans import store_scan
from app.core.domain.talks.types import Addendum, Talk, TalkForm, TalkStatus
from app.core.errors import Conflict, ValidationError
from app.core.security import visibility
from app.core.session import Session


def _set_interviewers(conn, talk_id: str, user_ids: list[str]) -> None:
    conn.execute("DELETE FROM talk_interviewers WHERE talk_id = ?", (talk_id,))
    conn.executemany(
        "INSERT INTO talk_interviewers (talk_id, user_id, sort_order) VALUES (?, ?, ?)",
        [(talk_id, uid, k) for k, uid in enumerate(user_ids)],
    )


def _refuse_signed(talk: Talk) -> None:
    if talk.status is TalkStatus.SIGNED:
        raise Conflict("该谈话记录已签字确认，不能再修改；如需更正，请添加补充说明。")


def create_talk(session: Session, inspection_id: str, form: TalkForm) -> Talk:
    """A new draft talk of the inspection, numbered next; the creation is audited."""
    visibility.require_inspection_writable(session, inspection_id)
    visibility.require_clearance_writable(session, form.classification)
    values = session.record_values()
    with session.transaction() as conn:
        cols = clean_form(conn, inspection_id, form)
        interviewers = cols.pop("_interviewers")
        (number,) = conn.execute(
            "SELECT COALESCE(MAX(number), 0) + 1 FROM talks WHERE inspection_id = ?", (inspection_id,)
        ).fetchone()
        (doc_no,) = conn.execute("SELECT COALESCE(MAX(doc_no), 0) + 1 FROM talks").fetchone()
        f.insert(
            conn,
            "talks",
            {**values, "doc_no": doc_no, "inspection_id": inspection_id, "number": number, **cols},
        )
        _set_interviewers(conn, values["id"], interviewers)
        reindex(conn, values["id"])
        session.audit("talk_create", "talk", values["id"], f"第{number}号，谈话人 {len(interviewers)} 名")
    return fetch_talk(session, values["id"])


def update_talk(session: Session, talk_id: str, form: TalkForm) -> Talk:
    """Save the form over a draft or recorded talk; a signed one is refused (use add_addendum)."""
    talk = writable_talk(session, talk_id)
    _refuse_signed(talk)
    visibility.require_clearance_writable(session, form.classification)
    with session.transaction() as conn:
        cols = clean_form(conn, talk.inspection_id, form)
        interviewers = cols.pop("_interviewers")
        f.update(conn, "talks", talk_id, cols)
        _set_interviewers(conn, talk_id, interviewers)
        reindex(conn, talk_id)
        session.audit("talk_update", "talk", talk_id, f"第{talk.number}号")
    return fetch_talk(session, talk_id)


def mark_recorded(session: Session, talk_id: str) -> Talk:
    """draft → recorded: the record is complete and goes to the interviewee to read and sign."""
    talk = writable_talk(session, talk_id)
    if talk.status is not TalkStatus.DRAFT:
        raise Conflict(f"该谈话记录当前为“{talk.status.label}”，不能再标记为已记录。")
    if not any(b.answer.strip() for b in talk.record):
        raise ValidationError("谈话记录还没有内容，不能标记为已记录。", field="record")
    with session.transaction() as conn:
        f.update(conn, "talks", talk_id, {"status": TalkStatus.RECORDED.value, "recorded_at": f.now()})
        session.audit("talk_recorded", "talk", talk_id, f"第{talk.number}号")
    return fetch_talk(session, talk_id)


def reopen_talk(session: Session, talk_id: str) -> Talk:
    """recorded → draft, e.g. when the interviewee asks for more to be written before signing."""
    talk = writable_talk(session, talk_id)
    if talk.status is not TalkStatus.RECORDED:
        raise Conflict(f"只有“已记录”的谈话记录可以退回草稿，当前为“{talk.status.label}”。")
    with session.transaction() as conn:
        f.update(conn, "talks", talk_id, {"status": TalkStatus.DRAFT.value, "recorded_at": None})
        session.audit("talk_reopened", "talk", talk_id, f"第{talk.number}号")
    return fetch_talk(session, talk_id)


def sign_talk(session: Session, talk_id: str, signed_on: str | date, *, scan: bytes | None = None) -> Talk:
    """recorded → signed: the interviewee has read and signed every page on `signed_on`. Locks the record."""
    talk = writable_talk(session, talk_id)
    if talk.status is not TalkStatus.RECORDED:
        raise Conflict(f"只有“已记录”的谈话记录可以签字确认，当前为“{talk.status.label}”。")
    day = f.iso_date(signed_on, "signed_on", "签字日期")
    if day < talk.start_at[:10]:
        raise ValidationError("签字日期不能早于谈话日期。", field="signed_on")
    if day > date.today().isoformat():
        raise ValidationError("签字日期不能晚于今天。", field="signed_on")
    with session.transaction() as conn:
        if scan is not None:
            store_scan(session, conn, talk_id, scan)
        f.update(
            conn,
            "talks",
            talk_id,
            {"status": TalkStatus.SIGNED.value, "signed_on": day, "signed_confirmed_by": session.user.id},
        )
        session.audit(
            "talk_signed", "talk", talk_id, f"第{talk.number}号，签字日期 {day}{'，附扫描件' if scan else ''}"
        )
    return fetch_talk(session, talk_id)


def add_addendum(session: Session, talk_id: str, text: str, added_on: str | date | None = None) -> Addendum:
    """Append a dated correction to a signed record; the record itself stays as signed."""
    talk = writable_talk(session, talk_id)
    if talk.status is not TalkStatus.SIGNED:
        raise Conflict("尚未签字的谈话记录请直接修改；补充说明只用于已签字的记录。")
    body = f.long_text(text, "text", "补充说明", max_len=MAX_ADDENDUM)
    day = f.iso_date(added_on or date.today(), "added_on", "补充日期")
    if talk.signed_on and day < talk.signed_on:
        raise ValidationError("补充日期不能早于签字日期。", field="added_on")
    values = session.record_values()
    with session.transaction() as conn:
        f.insert(conn, "talk_addenda", {**values, "talk_id": talk_id, "added_on": day, "text": body})
        reindex(conn, talk_id)
        session.audit("talk_addendum", "talk", talk_id, f"第{talk.number}号，补充日期 {day}")
    return Addendum(values["id"], day, body, session.user.display_name, values["created_at"])
