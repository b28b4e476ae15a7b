"""Leads (问题线索): a possible violation by one person, transferred to the competent body.

A lead names the person (name, post), says what is alleged, where it came from and when, and which
issues it relates to. It is transferred (移交) to the discipline commission, the organisation
department or another body, with sender, receiver, date and the transfer letter number; the body
reports back within 3 months (the due date is changeable; overdue stands out), with the disposal
(谈话函询, 初步核实, 暂存, 了结) and the outcomes (立案, 党纪政务处分, 组织处理).

Need to know, the strictest in the app: leads are seen only by the office and by the leader (组长)
of the inspection's own team — never by deputies, members or any administrator. That rule is
enforced here, on every read and write (Cap.LEADS_READ / Cap.LEADS_WRITE plus the leadership check);
a lead outside it is reported as not found. Every view is audited.

It also holds by cryptography: everything of a lead but its status and dates lives in the
inspection's `leads` compartment (app.core.security.compartments), whose key is sealed only to the
office and the team's leader. The rows hold it encrypted (`sealed`); reads decrypt in memory with the
session's copy of the key, and the text search of `list_leads` runs over those decrypted rows. An
entitled account whose copy is not sealed yet (after a password reset) sees the lead `locked`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum

from app.core.domain import _fields as f
from app.core.domain import deadlines
from app.core.domain.register.issue_reads import visible_issue
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.core.security import compartments, visibility
from app.core.security.compartment_keys import LEADS, SPECS
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.store.text_fold import fold


class LeadSource(StrEnum):
    PETITION = "petition"
    TALK = "talk"
    DOCUMENT = "document"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            LeadSource.PETITION: "信访举报",
            LeadSource.TALK: "个别谈话",
            LeadSource.DOCUMENT: "调阅资料",
            LeadSource.OTHER: "其他",
        }[self]


class LeadStatus(StrEnum):
    REGISTERED = "registered"
    TRANSFERRED = "transferred"
    REPORTED = "reported"

    @property
    def label(self) -> str:
        return {
            LeadStatus.REGISTERED: "已登记",
            LeadStatus.TRANSFERRED: "已移交",
            LeadStatus.REPORTED: "已反馈",
        }[self]


class TransferTarget(StrEnum):
    DISCIPLINE_COMMISSION = "discipline_commission"
    ORGANISATION_DEPT = "organisation_dept"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            TransferTarget.DISCIPLINE_COMMISSION: "纪委监委",
            TransferTarget.ORGANISATION_DEPT: "组织部",
            TransferTarget.OTHER: "其他单位",
        }[self]


class Disposal(StrEnum):
    NONE = ""
    TALK_INQUIRY = "talk_inquiry"
    PRELIMINARY_CHECK = "preliminary_check"
    HELD = "held"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {
            Disposal.NONE: "",
            Disposal.TALK_INQUIRY: "谈话函询",
            Disposal.PRELIMINARY_CHECK: "初步核实",
            Disposal.HELD: "暂存待查",
            Disposal.CLOSED: "予以了结",
        }[self]


@dataclass
class LeadDraft:
    person_name: str = ""
    person_post: str = ""
    summary: str = ""
    source: LeadSource | str = LeadSource.OTHER
    source_note: str = ""
    received_on: str = ""


@dataclass
class Lead:
    id: str
    inspection_id: str
    person_name: str
    person_post: str
    summary: str
    source: LeadSource
    source_note: str
    received_on: str
    status: LeadStatus
    transfer_to: TransferTarget | None
    transfer_body: str
    sender: str
    receiver: str
    transferred_on: str | None
    letter_no: str
    report_due: str | None
    reported_on: str | None
    disposal: Disposal
    case_opened: bool
    sanction: str
    org_handling: str
    outcome_note: str
    unit_name: str = ""
    team_name: str = ""
    issue_ids: list[str] | None = None
    overdue: bool = False
    locked: bool = False  # sealed, and this session holds no copy of the key yet

    COLUMNS = (
        "l.id, l.inspection_id, l.person_name, l.person_post, l.summary, l.source, l.source_note, l.received_on,"
        " l.status, l.transfer_to, l.transfer_body, l.sender, l.receiver, l.transferred_on, l.letter_no,"
        " l.report_due, l.reported_on, l.disposal, l.case_opened, l.sanction, l.org_handling, l.outcome_note,"
        " l.sealed, u.name AS unit_name, t.name AS team_name"
    )
    FROM = (
        "leads l JOIN inspections ins ON ins.id = l.inspection_id JOIN units u ON u.id = ins.unit_id"
        " JOIN teams t ON t.id = ins.team_id"
    )

    @classmethod
    def from_row(cls, row, today: str, keys: compartments.Keys | None = None) -> Lead:
        values = {name: row[name] for name in _LEAD_COLUMNS}
        locked = False
        if row["sealed"]:
            opened = keys.values(row["inspection_id"], row["id"], row["sealed"]) if keys else None
            locked = opened is None
            values.update(_LOCKED if locked else {n: opened.get(n, SPECS[LEADS].blank(n)) for n in _SEALED})
        values["source"] = LeadSource(values["source"])
        values["status"] = LeadStatus(values["status"])
        values["transfer_to"] = TransferTarget(values["transfer_to"]) if values["transfer_to"] else None
        values["disposal"] = Disposal(values["disposal"])
        values["case_opened"] = bool(values["case_opened"])
        lead = cls(**values)
        lead.overdue = is_overdue(lead.status, lead.report_due, today)
        lead.locked = locked
        return lead

    def sealed_values(self) -> dict:
        """The fields kept in the compartment, as stored."""
        return {
            "person_name": self.person_name,
            "person_post": self.person_post,
            "summary": self.summary,
            "source": self.source.value,
            "source_note": self.source_note,
            "transfer_to": self.transfer_to.value if self.transfer_to else "",
            "transfer_body": self.transfer_body,
            "sender": self.sender,
            "receiver": self.receiver,
            "letter_no": self.letter_no,
            "disposal": self.disposal.value,
            "case_opened": int(self.case_opened),
            "sanction": self.sanction,
            "org_handling": self.org_handling,
            "outcome_note": self.outcome_note,
        }

    def searchable_text(self) -> str:
        return "\n".join(
            (
                self.person_name,
                self.person_post,
                self.summary,
                self.source_note,
                self.transfer_body,
                self.letter_no,
                self.sanction,
                self.org_handling,
                self.outcome_note,
                self.unit_name,
            )
        )

    @property
    def transfer_label(self) -> str:
        if self.transfer_to is None:
            return ""
        if self.transfer_to == TransferTarget.OTHER:
            return self.transfer_body or TransferTarget.OTHER.label
        return self.transfer_to.label


_LEAD_COLUMNS = tuple(fl.name for fl in fields(Lead) if fl.name not in ("issue_ids", "overdue", "locked"))
_SEALED = SPECS[LEADS].fields
# What a locked lead shows in place of its sealed fields.
_LOCKED = {**SPECS[LEADS].blank_values(), "person_name": compartments.LOCKED, "summary": compartments.LOCKED}


def is_overdue(status: LeadStatus, report_due: str | None, today: str) -> bool:
    """Transferred, no report back yet, and the due date has passed."""
    return status == LeadStatus.TRANSFERRED and bool(report_due) and report_due < today


# ---- the need-to-know rule -----------------------------------------------------------------------


def _may_see_inspection(session: Session, inspection_id: str) -> bool:
    return session.can(Cap.CASE_READ_ALL) or visibility.is_leader_of_inspection(session, inspection_id)


def require_lead_access(session: Session, inspection_id: str, *, write: bool = False) -> None:
    """Leads of this inspection: the office, or the leader of the inspection's team. Else refused."""
    session.require(Cap.LEADS_WRITE if write else Cap.LEADS_READ)
    visibility.require_inspection_visible(session, inspection_id)
    if not _may_see_inspection(session, inspection_id):
        raise PermissionDenied("问题线索仅限本组组长和巡察办知悉。")


def lead_filter_sql(session: Session, column: str = "l.inspection_id") -> tuple[str, tuple]:
    """WHERE fragment limiting leads to those the session may know of (office: all; leader: own teams)."""
    session.require(Cap.LEADS_READ)
    if session.can(Cap.CASE_READ_ALL):
        return "1 = 1", ()
    return (
        f"{column} IN (SELECT x.id FROM inspections x JOIN team_members m ON m.team_id = x.team_id"
        " WHERE m.user_id = ? AND m.position = 'leader')",
        (session.user.id,),
    )


def _visible(session: Session, lead_id: str, *, write: bool = False, today: str | None = None) -> Lead:
    session.require(Cap.LEADS_WRITE if write else Cap.LEADS_READ)
    row = session.conn.execute("SELECT inspection_id FROM leads WHERE id = ?", (lead_id,)).fetchone()
    if row is None or not _may_see_inspection(session, row["inspection_id"]):
        raise NotFound("找不到该问题线索，或您不在其知悉范围内。")
    visibility.require_inspection_visible(session, row["inspection_id"])
    return _lead(session, lead_id, today)


def _lead(
    session: Session, lead_id: str, today: str | None = None, keys: compartments.Keys | None = None
) -> Lead:
    conn = session.conn
    row = conn.execute(f"SELECT {Lead.COLUMNS} FROM {Lead.FROM} WHERE l.id = ?", (lead_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该问题线索，或您不在其知悉范围内。")
    lead = Lead.from_row(row, today or deadlines.today(), keys or compartments.keys_for(session, LEADS))
    lead.issue_ids = [
        r["issue_id"] for r in conn.execute("SELECT issue_id FROM lead_issues WHERE lead_id = ?", (lead_id,))
    ]
    return lead


def _write(session: Session, lead: Lead, changes: dict) -> None:
    """Update a lead (inside the caller's transaction): its plain columns, and its sealed fields re-sealed."""
    sealed = {k: v for k, v in changes.items() if k in _SEALED}
    plain = {k: v for k, v in changes.items() if k not in _SEALED}
    if sealed and lead.locked:
        raise Conflict(compartments.NOT_YET)
    if plain or sealed:
        f.update(session.conn, "leads", lead.id, plain)
    if sealed:
        keys = compartments.keys_for(session, LEADS)
        keys.seal(lead.inspection_id, lead.id, {**lead.sealed_values(), **sealed})


# ---- operations ----------------------------------------------------------------------------------


def _values(draft: LeadDraft) -> dict:  # every one is sealed
    return {
        "person_name": f.text(draft.person_name, "person_name", "被反映人姓名", max_len=40),
        "person_post": f.text(draft.person_post, "person_post", "被反映人职务", required=False, max_len=80),
        "summary": f.long_text(draft.summary, "summary", "线索内容", max_len=5000),
        "source": f.choice(LeadSource, draft.source, "source", "线索来源").value,
        "source_note": f.text(draft.source_note, "source_note", "来源说明", required=False, max_len=200),
        "received_on": f.iso_date(draft.received_on, "received_on", "受理日期"),
    }


def create_lead(session: Session, inspection_id: str, draft: LeadDraft) -> Lead:
    require_lead_access(session, inspection_id, write=True)
    values = _values(draft)
    record = session.record_values()
    keys = compartments.keys_for(session, LEADS)
    with session.transaction() as conn:
        plain = {"received_on": values["received_on"]}
        f.insert(
            conn, "leads", {**record, **SPECS[LEADS].blank_values(), **plain, "inspection_id": inspection_id}
        )
        keys.seal(inspection_id, record["id"], {k: v for k, v in values.items() if k in _SEALED})
        session.audit("lead_create", "lead", record["id"], f"inspection {inspection_id}")
    return _lead(session, record["id"], keys=keys)


def update_lead(session: Session, lead_id: str, draft: LeadDraft) -> Lead:
    lead = _visible(session, lead_id, write=True)
    values = _values(draft)
    with session.transaction():
        _write(session, lead, values)
        session.audit("lead_update", "lead", lead_id)
    return _lead(session, lead_id)


def delete_lead(session: Session, lead_id: str) -> None:
    """Only a lead not yet transferred may be deleted (entered by mistake)."""
    lead = _visible(session, lead_id, write=True)
    if lead.status != LeadStatus.REGISTERED:
        raise Conflict("已移交的问题线索不能删除。")
    with session.transaction() as conn:
        conn.execute("DELETE FROM lead_issues WHERE lead_id = ?", (lead_id,))
        f.delete(conn, "leads", lead_id, "问题线索")
        session.audit("lead_delete", "lead", lead_id)


def get_lead(session: Session, lead_id: str, *, today: str | None = None) -> Lead:
    lead = _visible(session, lead_id, today=today)
    session.audit("lead_view", "lead", lead_id)
    return lead


def list_leads(
    session: Session,
    *,
    inspection_id: str | None = None,
    term_id: str | None = None,
    round_id: str | None = None,
    overdue_only: bool = False,
    text: str = "",
    today: str | None = None,
) -> list[Lead]:
    """The leads this session may know of, newest first, narrowed as asked (audited).

    `text` keeps the leads whose decrypted text contains it (folded as every search is, app.core.store
    .text_fold): the search runs in memory, since no index of the sealed text may exist."""
    if inspection_id:
        require_lead_access(session, inspection_id)
    where, params = lead_filter_sql(session)
    clauses, args = [where], list(params)
    on = today or deadlines.today()
    if inspection_id:
        clauses.append("l.inspection_id = ?")
        args.append(inspection_id)
    if round_id:
        clauses.append("ins.round_id = ?")
        args.append(round_id)
    if term_id:
        clauses.append("ins.round_id IN (SELECT id FROM rounds WHERE term_id = ?)")
        args.append(term_id)
    if overdue_only:
        clauses.append("l.status = 'transferred' AND l.report_due < ?")
        args.append(on)
    ids = [
        r["id"]
        for r in session.conn.execute(
            f"SELECT l.id FROM {Lead.FROM} WHERE {' AND '.join(clauses)} ORDER BY l.received_on DESC, l.id",
            args,
        )
    ]
    keys = compartments.keys_for(session, LEADS)
    found = [_lead(session, i, on, keys) for i in ids]
    needle = fold(text.strip())
    if needle:
        found = [x for x in found if not x.locked and needle in fold(x.searchable_text())]
    session.audit(
        "lead_list", "inspection", inspection_id or "", f"{len(found)} 条" + ("，含检索" if needle else "")
    )
    return found


def link_issue(session: Session, lead_id: str, issue_id: str) -> Lead:
    lead = _visible(session, lead_id, write=True)
    issue = visible_issue(session, issue_id)
    if issue.inspection_id != lead.inspection_id:
        raise ValidationError("只能关联本次巡察的问题。", field="issue_id")
    if issue_id in (lead.issue_ids or []):
        return lead
    with session.transaction() as conn:
        f.insert(conn, "lead_issues", {**session.record_values(), "lead_id": lead_id, "issue_id": issue_id})
        session.audit("lead_link_issue", "lead", lead_id, f"issue {issue_id}")
    return _lead(session, lead_id)


def unlink_issue(session: Session, lead_id: str, issue_id: str) -> Lead:
    _visible(session, lead_id, write=True)
    with session.transaction() as conn:
        conn.execute("DELETE FROM lead_issues WHERE lead_id = ? AND issue_id = ?", (lead_id, issue_id))
        session.audit("lead_unlink_issue", "lead", lead_id, f"issue {issue_id}")
    return _lead(session, lead_id)


def leads_for_issue(session: Session, issue_id: str) -> list[Lead]:
    """The leads related to an issue that this session may know of (none for members)."""
    issue = visible_issue(session, issue_id)
    if not session.can(Cap.LEADS_READ) or not _may_see_inspection(session, issue.inspection_id):
        return []
    ids = [
        r["lead_id"]
        for r in session.conn.execute("SELECT lead_id FROM lead_issues WHERE issue_id = ?", (issue_id,))
    ]
    keys = compartments.keys_for(session, LEADS)
    return [_lead(session, i, keys=keys) for i in ids]


def transfer(
    session: Session,
    lead_id: str,
    to: TransferTarget | str,
    transferred_on: str,
    *,
    sender: str,
    receiver: str,
    letter_no: str,
    body: str = "",
    report_due: str | None = None,
) -> Lead:
    """registered → transferred. The report back is due 3 months later unless another date is given."""
    lead = _visible(session, lead_id, write=True)
    if lead.status != LeadStatus.REGISTERED:
        raise Conflict(f"该线索已{lead.status.label}，不能再次移交。")
    to = f.choice(TransferTarget, to, "to", "移交对象")
    body = f.text(body, "body", "接收单位", required=to == TransferTarget.OTHER, max_len=60)
    on = f.iso_date(transferred_on, "transferred_on", "移交日期")
    if on < lead.received_on:
        raise ValidationError("移交日期不能早于受理日期。", field="transferred_on")
    due = f.iso_date(report_due, "report_due", "反馈期限", required=False) or deadlines.lead_report_due(on)
    if due < on:
        raise ValidationError("反馈期限不能早于移交日期。", field="report_due")
    values = {
        "status": LeadStatus.TRANSFERRED.value,
        "transfer_to": to.value,
        "transfer_body": body,
        "sender": f.text(sender, "sender", "移交人", max_len=40),
        "receiver": f.text(receiver, "receiver", "接收人", max_len=40),
        "transferred_on": on,
        "letter_no": f.text(letter_no, "letter_no", "移交函文号", max_len=60),
        "report_due": due,
    }
    with session.transaction():
        _write(session, lead, values)
        session.audit("lead_transfer", "lead", lead_id, to.value)
    return _lead(session, lead_id)


def set_report_due(session: Session, lead_id: str, report_due: str) -> Lead:
    lead = _visible(session, lead_id, write=True)
    if lead.status != LeadStatus.TRANSFERRED:
        raise Conflict("只有已移交、尚未反馈的线索才能调整反馈期限。")
    due = f.iso_date(report_due, "report_due", "反馈期限")
    if lead.transferred_on and due < lead.transferred_on:
        raise ValidationError("反馈期限不能早于移交日期。", field="report_due")
    with session.transaction() as conn:
        f.update(conn, "leads", lead_id, {"report_due": due})
        session.audit("lead_report_due", "lead", lead_id)
    return _lead(session, lead_id)


def record_report(
    session: Session,
    lead_id: str,
    reported_on: str,
    disposal: Disposal | str,
    *,
    case_opened: bool = False,
    sanction: str = "",
    org_handling: str = "",
    note: str = "",
) -> Lead:
    """transferred → reported: the receiving body's report back and the outcomes.

    May be recorded again (corrected, or a later outcome such as a sanction added) while reported.
    """
    lead = _visible(session, lead_id, write=True)
    if lead.status == LeadStatus.REGISTERED:
        raise Conflict("该线索尚未移交，不能登记办理结果。")
    disposal = f.choice(Disposal, disposal, "disposal", "处置方式")
    if disposal == Disposal.NONE:
        raise ValidationError("请选择处置方式。", field="disposal")
    on = f.iso_date(reported_on, "reported_on", "反馈日期")
    if lead.transferred_on and on < lead.transferred_on:
        raise ValidationError("反馈日期不能早于移交日期。", field="reported_on")
    values = {
        "status": LeadStatus.REPORTED.value,
        "reported_on": on,
        "disposal": disposal.value,
        "case_opened": int(bool(case_opened)),
        "sanction": f.text(sanction, "sanction", "党纪政务处分", required=False, max_len=200),
        "org_handling": f.text(org_handling, "org_handling", "组织处理", required=False, max_len=200),
        "outcome_note": f.long_text(note, "note", "办理情况", required=False, max_len=5000),
    }
    with session.transaction():
        _write(session, lead, values)
        session.audit("lead_report", "lead", lead_id, disposal.value)
    return _lead(session, lead_id)
