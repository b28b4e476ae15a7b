"""The unit's fact confirmation (事实确认单): the facts of the adopted papers, sent, answered, decided.

The team makes a sheet from the inspection's adopted papers (every one not yet on a sheet, or whose
last answer was disputed and the paper since adopted again): each item keeps the paper's title and
facts as they were sent. The sheet is registered as sent (date, to whom). The unit answers item by
item — confirmed, or disputed with its explanation (and proof, kept as attachments of the item) —
and a disputed fact reopens its paper (paper_chain.reopen: back to the drafter, to go through the
chain again). The team then records its decision on the dispute: the fact maintained, revised (the
paper was changed) or withdrawn. While a sent fact is unanswered or a dispute undecided, the
inspection report cannot be sealed, unless the team's leader lets it with a reason (`override`).

Writes are the team's leader's or deputy's (they answer for the facts to the unit); reading follows
the inspection's need-to-know. Every step is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.core.domain import _fields as f
from app.core.domain import attachments
from app.core.domain.register import paper_chain
from app.core.domain.register.issue_reads import visible_issue
from app.core.domain.register.issue_record import IssueStatus
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.core.imports import Material
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session

ATTACHMENT_OWNER = "fact_item"
MAX_TEXT = 4000


class Answer(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"

    @property
    def label(self) -> str:
        return {"pending": "待答复", "confirmed": "无异议", "disputed": "有异议"}[self.value]


class Decision(StrEnum):
    NONE = ""
    MAINTAINED = "maintained"
    REVISED = "revised"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {"": "", "maintained": "维持原认定", "revised": "已修改底稿", "withdrawn": "撤销该问题"}[
            self.value
        ]


@dataclass(frozen=True)
class FactItem:
    id: str
    sheet_id: str
    issue_id: str
    ordinal: int
    title: str
    facts: str
    answer: Answer
    explanation: str
    answered_on: str | None
    decision: Decision
    decision_note: str
    decided_on: str | None
    issue_number: str | None = None

    @property
    def open(self) -> bool:
        """Still holding up the report: unanswered, or disputed without the team's decision."""
        return self.answer == Answer.PENDING or (self.answer == Answer.DISPUTED and not self.decision)


@dataclass(frozen=True)
class FactSheet:
    id: str
    inspection_id: str
    serial: int
    sent_on: str | None
    sent_to: str
    unit_name: str
    team_name: str
    items: tuple[FactItem, ...]

    @property
    def label(self) -> str:
        return f"事实确认单（第{self.serial}份）"


# ---- reading -------------------------------------------------------------------------------------

_ITEM_COLUMNS = (
    "fi.id, fi.sheet_id, fi.issue_id, fi.ordinal, fi.title, fi.facts, fi.answer, fi.explanation,"
    " fi.answered_on, fi.decision, fi.decision_note, fi.decided_on, i.number AS issue_number"
)


def _item(row) -> FactItem:
    return FactItem(
        id=row["id"],
        sheet_id=row["sheet_id"],
        issue_id=row["issue_id"],
        ordinal=int(row["ordinal"]),
        title=row["title"],
        facts=row["facts"],
        answer=Answer(row["answer"]),
        explanation=row["explanation"],
        answered_on=row["answered_on"],
        decision=Decision(row["decision"]),
        decision_note=row["decision_note"],
        decided_on=row["decided_on"],
        issue_number=row["issue_number"],
    )


def _sheet(conn, sheet_id: str) -> FactSheet:
    row = conn.execute(
        "SELECT s.id, s.inspection_id, s.serial, s.sent_on, s.sent_to, u.name AS unit_name,"
        " t.name AS team_name FROM fact_sheets s"
        " JOIN inspections x ON x.id = s.inspection_id JOIN units u ON u.id = x.unit_id"
        " JOIN teams t ON t.id = x.team_id WHERE s.id = ?",
        (sheet_id,),
    ).fetchone()
    if row is None:
        raise NotFound("找不到该事实确认单，或您不在其知悉范围内。")
    items = conn.execute(
        f"SELECT {_ITEM_COLUMNS} FROM fact_items fi JOIN issues i ON i.id = fi.issue_id"
        " WHERE fi.sheet_id = ? ORDER BY fi.ordinal",
        (sheet_id,),
    ).fetchall()
    return FactSheet(
        id=row["id"],
        inspection_id=row["inspection_id"],
        serial=int(row["serial"]),
        sent_on=row["sent_on"],
        sent_to=row["sent_to"],
        unit_name=row["unit_name"],
        team_name=row["team_name"],
        items=tuple(map(_item, items)),
    )


def _visible_sheet(session: Session, sheet_id: str) -> FactSheet:
    visibility.require_case_read(session)
    row = session.conn.execute("SELECT inspection_id FROM fact_sheets WHERE id = ?", (sheet_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该事实确认单，或您不在其知悉范围内。")
    try:
        visibility.require_inspection_visible(session, row["inspection_id"])
    except (NotFound, PermissionDenied) as exc:
        raise NotFound("找不到该事实确认单，或您不在其知悉范围内。") from exc
    return _sheet(session.conn, sheet_id)


def get_sheet(session: Session, sheet_id: str) -> FactSheet:
    """A sheet with its items (audited)."""
    sheet = _visible_sheet(session, sheet_id)
    session.audit("fact_sheet_view", "fact_sheet", sheet_id, sheet.label)
    return sheet


def list_sheets(session: Session, inspection_id: str) -> list[FactSheet]:
    """The inspection's sheets, oldest first (audited)."""
    visibility.require_case_read(session)
    visibility.require_inspection_visible(session, inspection_id)
    ids = [
        r["id"]
        for r in session.conn.execute(
            "SELECT id FROM fact_sheets WHERE inspection_id = ? ORDER BY serial", (inspection_id,)
        )
    ]
    session.audit("fact_sheets_view", "inspection", inspection_id, f"{len(ids)} 份")
    return [_sheet(session.conn, i) for i in ids]


def open_items(session: Session, inspection_id: str) -> list[FactItem]:
    """The facts that hold up the report: sent and unanswered, or disputed and undecided."""
    visibility.require_case_read(session)
    visibility.require_inspection_visible(session, inspection_id)
    return _open_items(session.conn, inspection_id)


def _open_items(conn, inspection_id: str) -> list[FactItem]:
    rows = conn.execute(
        f"SELECT {_ITEM_COLUMNS} FROM fact_items fi JOIN fact_sheets s ON s.id = fi.sheet_id"
        " JOIN issues i ON i.id = fi.issue_id WHERE s.inspection_id = ? AND s.sent_on IS NOT NULL"
        " ORDER BY s.serial, fi.ordinal",
        (inspection_id,),
    ).fetchall()
    return [item for item in map(_item, rows) if item.open]


# ---- writing -------------------------------------------------------------------------------------


def _require_team_lead(session: Session, inspection_id: str) -> None:
    """The leader or a deputy of the inspection's team (they answer to the unit for the facts)."""
    visibility.require_inspection_writable(session, inspection_id)
    row = session.conn.execute(
        "SELECT m.position FROM inspections x JOIN team_members m ON m.team_id = x.team_id"
        " WHERE x.id = ? AND m.user_id = ?",
        (inspection_id, session.user.id),
    ).fetchone()
    if row is None or row["position"] not in ("leader", "deputy"):
        raise PermissionDenied("事实确认由本组组长或副组长办理。")


def _candidates(conn, inspection_id: str) -> list:
    """Adopted papers not on a sheet yet, or disputed on their last sheet and adopted again since."""
    rows = conn.execute(
        "SELECT i.id, i.title, p.facts FROM issues i JOIN issue_papers p ON p.id = i.id"
        " WHERE i.inspection_id = ? AND i.number IS NOT NULL AND i.status != 'dismissed'"
        " ORDER BY i.number_sort",
        (inspection_id,),
    ).fetchall()
    out = []
    for r in rows:
        last = conn.execute(
            "SELECT fi.answer, fi.decision FROM fact_items fi JOIN fact_sheets s ON s.id = fi.sheet_id"
            " WHERE fi.issue_id = ? ORDER BY s.serial DESC LIMIT 1",
            (r["id"],),
        ).fetchone()
        if last is not None and not (last["answer"] == "disputed" and last["decision"] == "revised"):
            continue  # already put to the unit (and not revised since)
        steps = paper_chain._steps(conn, r["id"])
        if paper_chain.state_of(steps, signed=True, with_deputy=True) != paper_chain.PaperState.ADOPTED:
            continue
        out.append(r)
    return out


def make_sheet(session: Session, inspection_id: str) -> FactSheet:
    """A new sheet of the facts of every adopted paper not yet put to the unit."""
    _require_team_lead(session, inspection_id)
    rows = _candidates(session.conn, inspection_id)
    if not rows:
        raise Conflict("没有需要送被巡察单位确认的事实：底稿须经组务会审定，且尚未送过确认。")
    values = session.record_values()
    with session.transaction() as conn:
        serial = conn.execute(
            "SELECT coalesce(max(serial), 0) + 1 FROM fact_sheets WHERE inspection_id = ?", (inspection_id,)
        ).fetchone()[0]
        f.insert(conn, "fact_sheets", {**values, "inspection_id": inspection_id, "serial": serial})
        for k, r in enumerate(rows, start=1):
            f.insert(
                conn,
                "fact_items",
                {
                    **session.record_values(),
                    "sheet_id": values["id"],
                    "issue_id": r["id"],
                    "ordinal": k,
                    "title": r["title"],
                    "facts": r["facts"],
                },
            )
        session.audit("fact_sheet_create", "fact_sheet", values["id"], f"第{serial}份，{len(rows)} 项事实")
    return _sheet(session.conn, values["id"])


def mark_sent(session: Session, sheet_id: str, sent_on: str, sent_to: str) -> FactSheet:
    """Register the sheet as sent to the unit (date, to whom)."""
    sheet = _visible_sheet(session, sheet_id)
    _require_team_lead(session, sheet.inspection_id)
    if sheet.sent_on:
        raise Conflict(f"该事实确认单已于 {sheet.sent_on} 送出。")
    sent_on = f.iso_date(sent_on, "sent_on", "送达日期")
    sent_to = f.text(sent_to, "sent_to", "送达对象", max_len=100)
    with session.transaction() as conn:
        conn.execute(
            "UPDATE fact_sheets SET sent_on = ?, sent_to = ? WHERE id = ?", (sent_on, sent_to, sheet_id)
        )
        session.audit("fact_sheet_send", "fact_sheet", sheet_id, f"{sent_on} 送 {sent_to}")
    return _sheet(session.conn, sheet_id)


def _open_item(session: Session, item_id: str) -> tuple[FactSheet, FactItem]:
    row = session.conn.execute("SELECT sheet_id FROM fact_items WHERE id = ?", (item_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该事实确认项，或您不在其知悉范围内。")
    sheet = _visible_sheet(session, row["sheet_id"])
    _require_team_lead(session, sheet.inspection_id)
    item = next(i for i in sheet.items if i.id == item_id)
    return sheet, item


def record_answer(
    session: Session,
    item_id: str,
    answer: Answer | str,
    answered_on: str,
    explanation: str = "",
    proof: list[Material] | None = None,
) -> FactItem:
    """The unit's answer to one fact; a dispute (with its explanation) reopens the paper."""
    sheet, item = _open_item(session, item_id)
    if not sheet.sent_on:
        raise Conflict("事实确认单尚未登记送出，不能登记答复。")
    if item.answer != Answer.PENDING:
        raise Conflict(f"该项已登记答复（{item.answer.label}）。")
    answer = f.choice(Answer, answer, "answer", "答复")
    if answer == Answer.PENDING:
        raise ValidationError("请选择“无异议”或“有异议”。", field="answer")
    answered_on = f.iso_date(answered_on, "answered_on", "答复日期")
    if answered_on < sheet.sent_on:
        raise ValidationError("答复日期不能早于送达日期。", field="answered_on")
    explanation = f.long_text(
        explanation, "explanation", "单位说明", required=answer == Answer.DISPUTED, max_len=MAX_TEXT
    )
    issue = visible_issue(session, item.issue_id)
    with session.transaction() as conn:
        conn.execute(
            "UPDATE fact_items SET answer = ?, answered_on = ?, explanation = ?, updated_at = ? WHERE id = ?",
            (answer.value, answered_on, explanation, f.now(), item_id),
        )
        for material in proof or []:
            attachments.store(
                session,
                material,
                owner_type=ATTACHMENT_OWNER,
                owner_id=item_id,
                inspection_id=sheet.inspection_id,
            )
        if answer == Answer.DISPUTED:
            paper_chain.reopen(session, conn, issue, f"被巡察单位对事实有异议：{explanation[:200]}")
        session.audit("fact_answer", "fact_sheet", sheet.id, f"第{item.ordinal}项 {answer.label}")
    return next(i for i in _sheet(session.conn, sheet.id).items if i.id == item_id)


def decide(session: Session, item_id: str, decision: Decision | str, decided_on: str, note: str) -> FactItem:
    """The team's decision on a disputed fact: maintained, revised (the paper was changed and adopted
    again), or withdrawn (the issue is dismissed when its status still allows)."""
    from app.core.domain.register import workflow

    sheet, item = _open_item(session, item_id)
    if item.answer != Answer.DISPUTED:
        raise Conflict("只有被巡察单位有异议的事实需要作出处理决定。")
    if item.decision:
        raise Conflict(f"该项已作出处理决定（{item.decision.label}）。")
    decision = f.choice(Decision, decision, "decision", "处理决定")
    if decision == Decision.NONE:
        raise ValidationError("请选择处理决定。", field="decision")
    decided_on = f.iso_date(decided_on, "decided_on", "决定日期")
    if item.answered_on and decided_on < item.answered_on:
        raise ValidationError("决定日期不能早于答复日期。", field="decided_on")
    note = f.long_text(note, "decision_note", "决定说明", max_len=MAX_TEXT)
    issue = visible_issue(session, item.issue_id)
    chain = paper_chain.get_chain(session, item.issue_id)
    if decision == Decision.REVISED and chain.state != paper_chain.PaperState.ADOPTED:
        raise Conflict("底稿修改后须重新经组务会审定，才能作出“已修改底稿”的决定。")
    with session.transaction() as conn:
        conn.execute(
            "UPDATE fact_items SET decision = ?, decided_on = ?, decision_note = ?, updated_at = ? WHERE id = ?",
            (decision.value, decided_on, note, f.now(), item_id),
        )
        if decision == Decision.WITHDRAWN and issue.status in (IssueStatus.FOUND, IssueStatus.SUBSTANTIATED):
            workflow.dismiss(session, issue.id, f"被巡察单位提出异议，经研究撤销：{note[:200]}", decided_on)
        session.audit("fact_decide", "fact_sheet", sheet.id, f"第{item.ordinal}项 {decision.label}")
    return next(i for i in _sheet(session.conn, sheet.id).items if i.id == item_id)


def override(session: Session, inspection_id: str, reason: str) -> None:
    """The team's leader lets the report be sealed with facts still open, giving the reason."""
    session.require(Cap.ISSUE_SIGN)
    visibility.require_inspection_writable(session, inspection_id)
    if not visibility.is_leader_of_inspection(session, inspection_id):
        raise PermissionDenied("只有本组组长可以决定在事实未确认时用印。")
    reason = f.long_text(reason, "reason", "理由", max_len=1000)
    open_now = _open_items(session.conn, inspection_id)
    if not open_now:
        raise Conflict("没有待确认的事实，无需作此决定。")
    with session.transaction() as conn:
        f.insert(
            conn,
            "fact_overrides",
            {
                **session.record_values(),
                "inspection_id": inspection_id,
                "user_id": session.user.id,
                "reason": reason,
            },
        )
        session.audit(
            "fact_override", "inspection", inspection_id, f"{len(open_now)} 项未确认：{reason[:60]}"
        )


def require_facts_settled(conn, inspection_id: str) -> None:
    """Raise unless every sent fact is answered and every dispute decided, or the leader overrode it
    after the last open item appeared (an override does not cover a fact sent after it)."""
    open_now = _open_items(conn, inspection_id)
    if not open_now:
        return
    overridden = conn.execute(
        "SELECT max(created_at) FROM fact_overrides WHERE inspection_id = ?", (inspection_id,)
    ).fetchone()[0]
    latest = conn.execute(
        "SELECT max(fi.updated_at) FROM fact_items fi JOIN fact_sheets s ON s.id = fi.sheet_id"
        " WHERE s.inspection_id = ?",
        (inspection_id,),
    ).fetchone()[0]
    if overridden and latest and overridden >= latest:
        return
    raise Conflict(
        f"尚有 {len(open_now)} 项事实未经被巡察单位确认或异议未处理，巡察报告暂不能用印；"
        "如确需用印，须由组长说明理由。"
    )


def proof_of(session: Session, item_id: str) -> list[attachments.Attachment]:
    """The unit's proof attached to a disputed fact (listing only; reading is the viewer's)."""
    row = session.conn.execute("SELECT sheet_id FROM fact_items WHERE id = ?", (item_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该事实确认项，或您不在其知悉范围内。")
    _visible_sheet(session, row["sheet_id"])
    return attachments.list_for(session.conn, ATTACHMENT_OWNER, item_id)
