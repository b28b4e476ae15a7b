"""Individual talks (个别谈话): the talk record from outline to signature, its search, its print.

Rules kept here:
- Numbered per inspection (谈话记录 第N号), allocated inside the creating transaction.
- At least two interviewers, all from the inspection's team; the recorder is from the team too.
- Lifecycle draft → recorded → signed. Draft and recorded records can be edited; a signed record is
  locked (a trigger backs this up): corrections are appended as dated addenda, audited, never
  overwriting. The scan of the signed pages is kept as a BLOB in the encrypted database with its
  sha256, and checked against it when read back.
- Need to know: every operation checks the talk's inspection is visible to the session
  (visibility.py); a talk of another team is NotFound, exactly like a missing one. Viewing, listing,
  searching, previewing and printing are all audited (ids and counts only, never record text).
- Unsaved form input is autosaved through app.core.drafts (encrypted, in the database).

Search: terms of three or more characters use the trigram index (any substring), two-character
terms the bigram index (every adjacent pair of letters/digits), as in document_search.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime

from app.core import drafts
from app.core.domain import _fields as f
from app.core.domain.review.search import cut_snippet, find_spans, parse_terms
from app.core.domain.talks.types import (
    QA,
    Addendum,
    IntervieweeCategory,
    Person,
    Talk,
    TalkForm,
    TalkKind,
    TalkStatus,
)
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.printing.furniture import classification_mark
from app.core.printing.register import PrintAction, register_print
from app.core.security import visibility
from app.core.security.roles import CLEARANCES
from app.core.session import Session
from app.core.store.sql_functions import bigram_words  # one definition for every bigram index

DOCUMENT_KIND = "talk_record"
MAX_OUTLINE = 100
MAX_BLOCKS = 500
MAX_QUESTION = 1000
MAX_ANSWER = 20000
MAX_KEY_POINTS = 10000
MAX_ADDENDUM = 10000
MAX_SCAN_BYTES = 30 * 1024 * 1024
NOT_FOUND = "找不到该谈话记录，或您不在其知悉范围内。"

# Kinds of scan we accept, by their first bytes.
SCAN_TYPES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"II*\x00": "image/tiff",
    b"MM\x00*": "image/tiff",
}


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


@dataclass
class TalkHit:
    talk_id: str
    inspection_id: str
    number: int
    interviewee_name: str
    start_at: str
    status: TalkStatus
    snippet: str
    marks: list[tuple[int, int]] = field(default_factory=list)  # [start, end) in snippet, to highlight
    occurrences: int = 0

    def marked(self, before: str = "【", after: str = "】") -> str:
        """The snippet with each marked range wrapped, e.g. for a plain-text list or a test."""
        out, pos = [], 0
        for start, end in self.marks:
            out += [self.snippet[pos:start], before, self.snippet[start:end], after]
            pos = end
        out.append(self.snippet[pos:])
        return "".join(out)


@dataclass
class PrintJob:
    """Registered copies of a talk record: one PDF per copy, each with its own copy number."""

    talk_id: str
    action: PrintAction
    copy_numbers: list[int]
    pdfs: list[bytes]


# ---- validation ---------------------------------------------------------------------------------


def _datetime(value: str, field: str, label: str, *, required: bool) -> str:
    text = str(value or "").strip()
    if not text:
        if required:
            raise ValidationError(f"请填写{label}。", field=field)
        return ""
    try:
        parsed = datetime.fromisoformat(text.replace(" ", "T"))
    except ValueError:
        raise ValidationError(f"{label}须为有效的日期和时间（如 2026-03-15 09:00）。", field=field) from None
    return parsed.strftime("%Y-%m-%d %H:%M")


def _team(conn, inspection_id: str) -> dict[str, str]:
    """user id -> name of everyone on the team carrying out the inspection."""
    rows = conn.execute(
        "SELECT m.user_id, u.display_name FROM inspections i JOIN team_members m ON m.team_id = i.team_id"
        " JOIN users u ON u.id = m.user_id WHERE i.id = ?",
        (inspection_id,),
    ).fetchall()
    return {r[0]: r[1] for r in rows}


def _clean(conn, inspection_id: str, form: TalkForm) -> dict:
    """The validated columns of a talk, and its interviewer ids under '_interviewers'."""
    start_at = _datetime(form.start_at, "start_at", "谈话开始时间", required=True)
    end_at = _datetime(form.end_at, "end_at", "谈话结束时间", required=False)
    if end_at and end_at < start_at:
        raise ValidationError("谈话结束时间不能早于开始时间。", field="end_at")
    category = f.choice(IntervieweeCategory, form.interviewee_category, "interviewee_category", "人员类别")
    kind = f.choice(TalkKind, form.kind, "kind", "谈话类型")
    name = f.text(form.interviewee_name, "interviewee_name", "被谈话人姓名", max_len=50)
    unit = f.text(form.interviewee_unit, "interviewee_unit", "被谈话人单位", required=False, max_len=100)
    position = f.text(form.interviewee_position, "interviewee_position", "职务", required=False, max_len=100)
    leadership_id = form.leadership_id or None
    if leadership_id:
        row = conn.execute(
            "SELECT 1 FROM leadership l JOIN inspections i ON i.unit_id = l.unit_id WHERE l.id = ? AND i.id = ?",
            (leadership_id, inspection_id),
        ).fetchone()
        if row is None:
            raise ValidationError("所选班子成员不属于被巡察单位。", field="leadership_id")

    team = _team(conn, inspection_id)
    interviewers = list(dict.fromkeys(str(u) for u in form.interviewer_ids if u))
    if len(interviewers) < 2:
        raise ValidationError("谈话人至少须有两名巡察组成员。", field="interviewer_ids")
    strangers = [u for u in interviewers if u not in team]
    if strangers:
        raise ValidationError("谈话人须为本巡察组成员。", field="interviewer_ids")
    if not form.recorder_id:
        raise ValidationError("请选择记录人。", field="recorder_id")
    if form.recorder_id not in team:
        raise ValidationError("记录人须为本巡察组成员。", field="recorder_id")

    outline = [str(q).strip() for q in form.outline if str(q).strip()]
    if len(outline) > MAX_OUTLINE:
        raise ValidationError(f"谈话提纲最多 {MAX_OUTLINE} 个问题。", field="outline")
    for q in outline:
        if len(q) > MAX_QUESTION:
            raise ValidationError(f"提纲中的每个问题不能超过 {MAX_QUESTION} 字。", field="outline")
    record = [
        {"question": b.question.strip(), "answer": b.answer.strip()}
        for b in form.record
        if b.question.strip() or b.answer.strip()
    ]
    if len(record) > MAX_BLOCKS:
        raise ValidationError(f"谈话记录最多 {MAX_BLOCKS} 问。", field="record")
    for k, b in enumerate(record, start=1):
        if len(b["question"]) > MAX_QUESTION:
            raise ValidationError(f"第 {k} 问的提问不能超过 {MAX_QUESTION} 字。", field="record")
        if len(b["answer"]) > MAX_ANSWER:
            raise ValidationError(f"第 {k} 问的回答不能超过 {MAX_ANSWER} 字。", field="record")
    key_points = f.long_text(
        form.key_points, "key_points", "谈话要点", required=False, max_len=MAX_KEY_POINTS
    )
    if form.classification not in CLEARANCES:
        raise ValidationError(f"密级须为 {'、'.join(CLEARANCES)} 之一。", field="classification")
    years = form.protection_years
    if years is not None:
        years = f.positive_int(years, "protection_years", "保密期限", maximum=20)
        classification_mark(form.classification, years)  # checks the limit for the level
    return {
        "start_at": start_at,
        "end_at": end_at,
        "place": f.text(form.place, "place", "谈话地点", required=False, max_len=100),
        "interviewee_name": name,
        "interviewee_unit": unit,
        "interviewee_position": position,
        "interviewee_category": category.value,
        "leadership_id": leadership_id,
        "kind": kind.value,
        "recorder_id": form.recorder_id,
        "outline": json.dumps(outline, ensure_ascii=False),
        "record": json.dumps(record, ensure_ascii=False),
        "key_points": key_points,
        "raised_problems": int(bool(form.raised_problems)),
        "raised_leads": int(bool(form.raised_leads)),
        "classification": form.classification,
        "protection_years": years,
        "_interviewers": interviewers,
    }


# ---- loading ------------------------------------------------------------------------------------

_COLUMNS = (
    "t.id, t.inspection_id, t.number, t.start_at, t.end_at, t.place, t.interviewee_name, t.interviewee_unit,"
    " t.interviewee_position, t.interviewee_category, t.leadership_id, t.kind, t.recorder_id, ru.display_name,"
    " t.outline, t.record, t.key_points, t.raised_problems, t.raised_leads, t.status, t.signed_on,"
    " t.classification, t.protection_years, t.created_at, t.updated_at, un.name, tm.name, t.doc_no"
)
_FROM = (
    " FROM talks t JOIN users ru ON ru.id = t.recorder_id JOIN inspections i ON i.id = t.inspection_id"
    " JOIN units un ON un.id = i.unit_id JOIN teams tm ON tm.id = i.team_id"
)


def _visible_row(session: Session, talk_id: str):
    where, params = visibility.inspection_filter_sql(session, "t.inspection_id")
    row = session.conn.execute(
        f"SELECT {_COLUMNS}{_FROM} WHERE t.id = ? AND {where}", (talk_id, *params)
    ).fetchone()
    if row is None:
        raise NotFound(NOT_FOUND)
    return row


def _load(conn, row) -> Talk:
    talk_id = row[0]
    interviewers = [
        Person(r[0], r[1])
        for r in conn.execute(
            "SELECT ti.user_id, u.display_name FROM talk_interviewers ti JOIN users u ON u.id = ti.user_id"
            " WHERE ti.talk_id = ? ORDER BY ti.sort_order",
            (talk_id,),
        )
    ]
    addenda = [
        Addendum(r[0], r[1], r[2], r[3] or "", r[4])
        for r in conn.execute(
            "SELECT a.id, a.added_on, a.text, u.display_name, a.created_at FROM talk_addenda a"
            " LEFT JOIN users u ON u.id = a.author_id WHERE a.talk_id = ? ORDER BY a.created_at",
            (talk_id,),
        )
    ]
    has_scan = (
        conn.execute("SELECT 1 FROM talk_scans WHERE talk_id = ? LIMIT 1", (talk_id,)).fetchone() is not None
    )
    return Talk(
        id=talk_id,
        inspection_id=row[1],
        number=row[2],
        start_at=row[3],
        end_at=row[4],
        place=row[5],
        interviewee_name=row[6],
        interviewee_unit=row[7],
        interviewee_position=row[8],
        interviewee_category=IntervieweeCategory(row[9]),
        leadership_id=row[10],
        kind=TalkKind(row[11]),
        recorder=Person(row[12], row[13]),
        interviewers=interviewers,
        outline=json.loads(row[14]),
        record=[QA(b["question"], b["answer"]) for b in json.loads(row[15])],
        key_points=row[16],
        raised_problems=bool(row[17]),
        raised_leads=bool(row[18]),
        status=TalkStatus(row[19]),
        signed_on=row[20],
        classification=row[21],
        protection_years=row[22],
        addenda=addenda,
        has_scan=has_scan,
        unit_name=row[25],
        team_name=row[26],
        created_at=row[23],
        updated_at=row[24],
    )


def _talk(session: Session, talk_id: str) -> Talk:
    return _load(session.conn, _visible_row(session, talk_id))


# ---- the search index ---------------------------------------------------------------------------


def searchable_text(talk: Talk) -> str:
    """What the search sees of a talk: the interviewee, outline, record, key points and addenda."""
    return _body(
        [talk.interviewee_name, talk.interviewee_unit, talk.interviewee_position, talk.place],
        talk.outline,
        [(b.question, b.answer) for b in talk.record],
        talk.key_points,
        [a.text for a in talk.addenda],
    )


def _body(
    head: list[str], outline: list[str], record: list[tuple[str, str]], key_points: str, addenda: list[str]
) -> str:
    parts = [*head, *outline]
    for question, answer in record:
        parts += [question, answer]
    parts.append(key_points)
    parts += addenda
    return "\n".join(p for p in parts if p)


def _reindex(conn, talk_id: str) -> None:
    row = conn.execute(f"SELECT {_COLUMNS}{_FROM} WHERE t.id = ?", (talk_id,)).fetchone()
    doc_no = row[27]
    body = searchable_text(_load(conn, row))
    conn.execute("DELETE FROM talk_trigram WHERE rowid = ?", (doc_no,))
    conn.execute("DELETE FROM talk_bigram WHERE rowid = ?", (doc_no,))
    conn.execute("INSERT INTO talk_trigram (rowid, body) VALUES (?, ?)", (doc_no, body))
    conn.execute("INSERT INTO talk_bigram (rowid, body) VALUES (?, ?)", (doc_no, bigram_words(body)))


# ---- operations ---------------------------------------------------------------------------------


def team_candidates(session: Session, inspection_id: str) -> list[Person]:
    """The inspection's team, for the interviewer and recorder pickers."""
    visibility.require_inspection_visible(session, inspection_id)
    return [
        Person(uid, name)
        for uid, name in sorted(_team(session.conn, inspection_id).items(), key=lambda x: x[1])
    ]


def create_talk(session: Session, inspection_id: str, form: TalkForm) -> Talk:
    visibility.require_inspection_writable(session, inspection_id)
    values = session.record_values()
    with session.transaction() as conn:
        cols = _clean(conn, inspection_id, form)
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
        _reindex(conn, values["id"])
        session.audit("talk_create", "talk", values["id"], f"第{number}号，谈话人 {len(interviewers)} 名")
    return _talk(session, values["id"])


def _set_interviewers(conn, talk_id: str, user_ids: list[str]) -> None:
    conn.execute("DELETE FROM talk_interviewers WHERE talk_id = ?", (talk_id,))
    conn.executemany(
        "INSERT INTO talk_interviewers (talk_id, user_id, sort_order) VALUES (?, ?, ?)",
        [(talk_id, uid, k) for k, uid in enumerate(user_ids)],
    )


def _writable(session: Session, talk_id: str) -> Talk:
    talk = _talk(session, talk_id)
    visibility.require_inspection_writable(session, talk.inspection_id)
    return talk


def _refuse_signed(talk: Talk) -> None:
    if talk.status is TalkStatus.SIGNED:
        raise Conflict("该谈话记录已签字确认，不能再修改；如需更正，请添加补充说明。")


def update_talk(session: Session, talk_id: str, form: TalkForm) -> Talk:
    """Save the form over a draft or recorded talk; a signed one is refused (use add_addendum)."""
    talk = _writable(session, talk_id)
    _refuse_signed(talk)
    with session.transaction() as conn:
        cols = _clean(conn, talk.inspection_id, form)
        interviewers = cols.pop("_interviewers")
        f.update(conn, "talks", talk_id, cols)
        _set_interviewers(conn, talk_id, interviewers)
        _reindex(conn, talk_id)
        session.audit("talk_update", "talk", talk_id, f"第{talk.number}号")
    return _talk(session, talk_id)


def mark_recorded(session: Session, talk_id: str) -> Talk:
    """draft → recorded: the record is complete and goes to the interviewee to read and sign."""
    talk = _writable(session, talk_id)
    if talk.status is not TalkStatus.DRAFT:
        raise Conflict(f"该谈话记录当前为“{talk.status.label}”，不能再标记为已记录。")
    if not any(b.answer.strip() for b in talk.record):
        raise ValidationError("谈话记录还没有内容，不能标记为已记录。", field="record")
    with session.transaction() as conn:
        f.update(conn, "talks", talk_id, {"status": TalkStatus.RECORDED.value, "recorded_at": f.now()})
        session.audit("talk_recorded", "talk", talk_id, f"第{talk.number}号")
    return _talk(session, talk_id)


def reopen_talk(session: Session, talk_id: str) -> Talk:
    """recorded → draft, e.g. when the interviewee asks for more to be written before signing."""
    talk = _writable(session, talk_id)
    if talk.status is not TalkStatus.RECORDED:
        raise Conflict(f"只有“已记录”的谈话记录可以退回草稿，当前为“{talk.status.label}”。")
    with session.transaction() as conn:
        f.update(conn, "talks", talk_id, {"status": TalkStatus.DRAFT.value, "recorded_at": None})
        session.audit("talk_reopened", "talk", talk_id, f"第{talk.number}号")
    return _talk(session, talk_id)


def _scan_type(data: bytes) -> str:
    if not isinstance(data, bytes | bytearray) or not data:
        raise ValidationError("签字页扫描件为空。", field="scan")
    if len(data) > MAX_SCAN_BYTES:
        raise ValidationError(f"签字页扫描件不能超过 {MAX_SCAN_BYTES // (1024 * 1024)} MB。", field="scan")
    for magic, mime in SCAN_TYPES.items():
        if bytes(data[: len(magic)]) == magic:
            return mime
    raise ValidationError("签字页扫描件须为 PDF、PNG、JPEG 或 TIFF 文件。", field="scan")


def _store_scan(session: Session, conn, talk_id: str, data: bytes) -> str:
    mime = _scan_type(data)
    digest = hashlib.sha256(data).hexdigest()
    f.insert(
        conn,
        "talk_scans",
        {
            **session.record_values(),
            "talk_id": talk_id,
            "mime": mime,
            "size": len(data),
            "sha256": digest,
            "data": bytes(data),
        },
    )
    return digest


def sign_talk(session: Session, talk_id: str, signed_on: str | date, *, scan: bytes | None = None) -> Talk:
    """recorded → signed: the interviewee has read and signed every page on `signed_on`. Locks the record."""
    talk = _writable(session, talk_id)
    if talk.status is not TalkStatus.RECORDED:
        raise Conflict(f"只有“已记录”的谈话记录可以签字确认，当前为“{talk.status.label}”。")
    day = f.iso_date(signed_on, "signed_on", "签字日期")
    if day < talk.start_at[:10]:
        raise ValidationError("签字日期不能早于谈话日期。", field="signed_on")
    if day > date.today().isoformat():
        raise ValidationError("签字日期不能晚于今天。", field="signed_on")
    with session.transaction() as conn:
        if scan is not None:
            _store_scan(session, conn, talk_id, scan)
        f.update(
            conn,
            "talks",
            talk_id,
            {"status": TalkStatus.SIGNED.value, "signed_on": day, "signed_confirmed_by": session.user.id},
        )
        session.audit(
            "talk_signed", "talk", talk_id, f"第{talk.number}号，签字日期 {day}{'，附扫描件' if scan else ''}"
        )
    return _talk(session, talk_id)


def attach_scan(session: Session, talk_id: str, data: bytes) -> str:
    """Keep (another) scan of the signed pages; returns its sha256. Earlier scans are kept too."""
    talk = _writable(session, talk_id)
    if talk.status is not TalkStatus.SIGNED:
        raise Conflict("只有已签字的谈话记录可以附签字页扫描件。")
    with session.transaction() as conn:
        digest = _store_scan(session, conn, talk_id, data)
        session.audit("talk_scan_attached", "talk", talk_id, f"第{talk.number}号，{len(data)} 字节")
    return digest


def get_scan(session: Session, talk_id: str) -> tuple[str, bytes]:
    """(mime, bytes) of the latest scan, checked against its sha256. Viewing it is audited."""
    talk = _talk(session, talk_id)
    row = session.conn.execute(
        "SELECT mime, sha256, data FROM talk_scans WHERE talk_id = ? ORDER BY created_at DESC LIMIT 1",
        (talk_id,),
    ).fetchone()
    if row is None:
        raise NotFound("该谈话记录没有签字页扫描件。")
    data = bytes(row[2])
    if hashlib.sha256(data).hexdigest() != row[1]:
        from app.core.errors import IntegrityFailure

        raise IntegrityFailure("签字页扫描件与其校验值不符，可能已被改动。")
    session.audit("talk_scan_view", "talk", talk_id, f"第{talk.number}号")
    return row[0], data


def add_addendum(session: Session, talk_id: str, text: str, added_on: str | date | None = None) -> Addendum:
    """Append a dated correction to a signed record; the record itself stays as signed."""
    talk = _writable(session, talk_id)
    if talk.status is not TalkStatus.SIGNED:
        raise Conflict("尚未签字的谈话记录请直接修改；补充说明只用于已签字的记录。")
    body = f.long_text(text, "text", "补充说明", max_len=MAX_ADDENDUM)
    day = f.iso_date(added_on or date.today(), "added_on", "补充日期")
    if talk.signed_on and day < talk.signed_on:
        raise ValidationError("补充日期不能早于签字日期。", field="added_on")
    values = session.record_values()
    with session.transaction() as conn:
        f.insert(conn, "talk_addenda", {**values, "talk_id": talk_id, "added_on": day, "text": body})
        _reindex(conn, talk_id)
        session.audit("talk_addendum", "talk", talk_id, f"第{talk.number}号，补充日期 {day}")
    return Addendum(values["id"], day, body, session.user.display_name, values["created_at"])


def get_talk(session: Session, talk_id: str) -> Talk:
    """Open a talk record; the view is audited."""
    talk = _talk(session, talk_id)
    session.audit("talk_view", "talk", talk_id, f"第{talk.number}号")
    return talk


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
    sql = [where]
    args: list = [*params]
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
        " t.interviewee_category, t.kind, t.status, t.raised_problems, t.raised_leads, un.name,"
        " (SELECT group_concat(name, '、') FROM (SELECT u.display_name AS name FROM talk_interviewers x"
        "   JOIN users u ON u.id = x.user_id WHERE x.talk_id = t.id ORDER BY x.sort_order))"
        " FROM talks t JOIN inspections i ON i.id = t.inspection_id JOIN units un ON un.id = i.unit_id"
        f" WHERE {' AND '.join(sql)} ORDER BY t.start_at DESC, t.number DESC",
        args,
    ).fetchall()
    result = [
        TalkSummary(
            id=r[0],
            inspection_id=r[1],
            number=r[2],
            start_at=r[3],
            interviewee_name=r[4],
            interviewee_position=r[5],
            interviewee_category=IntervieweeCategory(r[6]),
            kind=TalkKind(r[7]),
            status=TalkStatus(r[8]),
            raised_problems=bool(r[9]),
            raised_leads=bool(r[10]),
            unit_name=r[11],
            interviewers=(r[12] or "").split("、") if r[12] else [],
        )
        for r in rows
    ]
    session.audit("talks_list", "inspection", inspection_id or "", f"{len(result)} 条")
    return result


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


TRIGRAM_PHRASE_MAX = 5  # up to this length a term is one exact phrase of its (at most 3) trigrams
OVERFETCH = 20


def _trigram_query(term: str) -> str:
    """The trigram MATCH for one term.

    A phrase of n characters is n-2 trigrams whose positions FTS5 must line up; for long phrases
    that dominates the search. Trigrams at 0, 3, 6, … and the last one already cover every
    character, so longer terms ask for those (AND, no positions), and search_talks keeps only the
    talks whose text really contains the term: the rare talk that has the pieces apart is dropped.
    """
    if len(term) <= TRIGRAM_PHRASE_MAX:
        return _phrase(term)
    starts = sorted({*range(0, len(term) - 2, 3), len(term) - 3})
    return "(" + " AND ".join(_phrase(term[k : k + 3]) for k in starts) + ")"


def search_talks(
    session: Session, query: str, *, inspection_id: str | None = None, limit: int = 50
) -> list[TalkHit]:
    """Talks whose outline, record, key points, addenda or interviewee contain every term.

    Newest first, at most `limit`; each hit has a snippet with the ranges to mark. Audited with the
    number of hits only (the terms may be names).
    """
    terms = parse_terms(query)
    where, params = visibility.inspection_filter_sql(session, "t.inspection_id")
    # First the page of ids (the covering index talks_search_order: no long text is read), then
    # the page's text in one query, its addenda in another.
    sql = f"SELECT t.id FROM talks t INDEXED BY talks_search_order WHERE {where}"
    args: list = [*params]
    if inspection_id:
        visibility.require_inspection_visible(session, inspection_id)
        sql += " AND t.inspection_id = ?"
        args.append(inspection_id)
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) == 2]
    if long_terms:
        sql += " AND t.doc_no IN (SELECT rowid FROM talk_trigram WHERE talk_trigram MATCH ?)"
        args.append(" AND ".join(_trigram_query(t) for t in long_terms))
    if short_terms:
        sql += " AND t.doc_no IN (SELECT rowid FROM talk_bigram WHERE talk_bigram MATCH ?)"
        args.append(" AND ".join(_phrase(t) for t in short_terms))
    sql += " ORDER BY t.start_at DESC, t.number DESC LIMIT ?"
    limit = max(1, min(int(limit), 1000))
    # Long terms are matched loosely (see _trigram_query) and checked exactly below: fetch a few extra.
    args.append(limit + (OVERFETCH if any(len(t) > TRIGRAM_PHRASE_MAX for t in long_terms) else 0))
    ids = [r[0] for r in session.conn.execute(sql, args).fetchall()]
    hits: list[TalkHit] = []
    if ids:
        marks = ",".join("?" for _ in ids)
        rows = {
            r[0]: r
            for r in session.conn.execute(
                "SELECT id, inspection_id, number, interviewee_name, start_at, status, interviewee_unit,"
                f" interviewee_position, place, outline, record, key_points FROM talks WHERE id IN ({marks})",
                ids,
            )
        }
        addenda: dict[str, list[str]] = {}
        for talk_id, text in session.conn.execute(
            f"SELECT talk_id, text FROM talk_addenda WHERE talk_id IN ({marks}) ORDER BY created_at", ids
        ):
            addenda.setdefault(talk_id, []).append(text)
        for talk_id in ids:
            r = rows[talk_id]
            record = [(b["question"], b["answer"]) for b in json.loads(r[10])]
            body = _body([r[3], r[6], r[7], r[8]], json.loads(r[9]), record, r[11], addenda.get(talk_id, []))
            spans = find_spans(body, terms)
            if not spans:  # the index and the text disagree only if a row changed mid-search
                continue
            snippet, spots = cut_snippet(body, spans)
            hits.append(
                TalkHit(talk_id, r[1], r[2], r[3], r[4], TalkStatus(r[5]), snippet, spots, len(spans))
            )
            if len(hits) == limit:
                break
    session.audit("talks_search", "inspection", inspection_id or "", f"命中 {len(hits)} 条")
    return hits


# ---- printing -----------------------------------------------------------------------------------


def _mark(talk: Talk, classification: str | None) -> str:
    return classification or classification_mark(talk.classification, talk.protection_years)


def preview_talk(session: Session, talk_id: str) -> bytes:
    """The record as an unnumbered PDF for the preview; built in memory, the view audited."""
    from app.core.printing.talk_record import render_talk_record

    talk = _talk(session, talk_id)
    data = render_talk_record(talk, copy_number=None, classification=_mark(talk, None))
    session.audit("talk_preview", "talk", talk_id, f"第{talk.number}号")
    return data


def print_talk(
    session: Session,
    talk_id: str,
    copies: int = 1,
    *,
    action: PrintAction | str = PrintAction.PRINT,
    classification: str | None = None,
) -> PrintJob:
    """Register `copies` copies (print, or an export the user confirmed) and render one PDF for each.

    The copies are registered and rendered in one transaction: if rendering fails, no number is spent.
    """
    from app.core.printing.talk_record import render_talk_record

    talk = _talk(session, talk_id)
    mark = _mark(talk, classification)
    with session.transaction():
        numbers = register_print(
            session,
            DOCUMENT_KIND,
            talk_id,
            copies,
            action,
            inspection_id=talk.inspection_id,
            classification=mark,
        )
        pdfs = [render_talk_record(talk, copy_number=n, classification=mark) for n in numbers]
    return PrintJob(talk_id, PrintAction(action), numbers, pdfs)


# ---- autosave -----------------------------------------------------------------------------------


def draft_key(inspection_id: str, talk_id: str | None = None) -> str:
    """The drafts key of a talk form: a new talk of an inspection, or an existing talk."""
    return f"talk:{talk_id}" if talk_id else f"talk:new:{inspection_id}"


def autosave(session: Session, key: str, form: TalkForm) -> None:
    """Keep the form's unsaved input (encrypted, in the database); called every few seconds."""
    if not key.startswith("talk:"):
        raise ValidationError("无效的草稿键。", field="key")
    drafts.save_draft(session, key, form.to_dict())


def restore(session: Session, key: str) -> TalkForm | None:
    data = drafts.load_draft(session, key)
    return TalkForm.from_dict(data) if data is not None else None


def discard(session: Session, key: str) -> None:
    drafts.discard_draft(session, key)
