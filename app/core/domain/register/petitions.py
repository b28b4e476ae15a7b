"""Petitions (信访): letters, calls and visits a team receives during an inspection.

Each petition records its channel, when it came, who sent it (may be anonymous), whom it concerns,
a summary, and how it was handled: kept on file (留存), passed on (转交, to whom), or taken up as an
issue (转为问题), which links it to that issue and puts it on the issue's evidence list.

Need to know: a team sees its own inspections' petitions, the office all; administrators none.
Petitions name people, so every view is audited.

Who sent a petition (name and contact) is kept by cryptography too: it lives in the inspection's
`informants` compartment (app.core.security.compartments), whose key is sealed only to the office and
the inspection's team; the row holds it encrypted (`sealed`) and reads decrypt it in memory. An
entitled account whose copy is not sealed yet (after a password reset) sees the petition `locked`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum

from app.core.domain import _fields as f
from app.core.domain.register.evidence import EvidenceKind, add_evidence
from app.core.domain.register.issue_edits import create_issue
from app.core.domain.register.issue_reads import load_issue, visible_issue, writable_issue
from app.core.domain.register.issue_record import Issue, IssueDraft
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.security import compartments, visibility
from app.core.security.compartment_keys import INFORMANTS, SPECS
from app.core.session import Session


class Channel(StrEnum):
    LETTER = "letter"
    CALL = "call"
    VISIT = "visit"

    @property
    def label(self) -> str:
        return {Channel.LETTER: "来信", Channel.CALL: "来电", Channel.VISIT: "来访"}[self]


class Handling(StrEnum):
    PENDING = "pending"
    KEPT = "kept"
    PASSED_ON = "passed_on"
    TAKEN_UP = "taken_up"

    @property
    def label(self) -> str:
        return {
            Handling.PENDING: "待处理",
            Handling.KEPT: "留存备查",
            Handling.PASSED_ON: "转交办理",
            Handling.TAKEN_UP: "转为问题",
        }[self]


@dataclass
class PetitionDraft:
    channel: Channel | str = Channel.LETTER
    received_on: str = ""
    summary: str = ""
    petitioner: str = ""  # empty: anonymous (匿名)
    contact: str = ""
    concerns_name: str = ""
    concerns_post: str = ""


@dataclass
class Petition:
    id: str
    inspection_id: str
    channel: Channel
    received_on: str
    petitioner: str
    contact: str
    concerns_name: str
    concerns_post: str
    summary: str
    handling: Handling
    handled_on: str | None
    passed_to: str
    handling_note: str
    issue_id: str | None
    issue_number: str | None = None
    issue_title: str | None = None
    locked: bool = False  # the petitioner is sealed and this session holds no copy of the key yet

    COLUMNS = (
        "p.id, p.inspection_id, p.channel, p.received_on, p.petitioner, p.contact, p.concerns_name,"
        " p.concerns_post, p.summary, p.handling, p.handled_on, p.passed_to, p.handling_note, p.issue_id,"
        " p.sealed, i.number AS issue_number, i.title AS issue_title"
    )
    FROM = "petitions p LEFT JOIN issues i ON i.id = p.issue_id"

    @classmethod
    def from_row(cls, row, keys: compartments.Keys | None = None) -> Petition:
        values = {name: row[name] for name in _PETITION_COLUMNS}
        values["channel"] = Channel(values["channel"])
        values["handling"] = Handling(values["handling"])
        locked = False
        if row["sealed"]:
            opened = keys.values(row["inspection_id"], row["id"], row["sealed"]) if keys else None
            locked = opened is None
            if locked:
                values.update(petitioner=compartments.LOCKED, contact="")
            else:
                values.update({n: str(opened.get(n, "")) for n in SPECS[INFORMANTS].fields})
        return cls(**values, locked=locked)

    @property
    def anonymous(self) -> bool:
        return not self.petitioner

    @property
    def concerns(self) -> str:
        return " ".join(x for x in (self.concerns_post, self.concerns_name) if x)


_PETITION_COLUMNS = tuple(fl.name for fl in fields(Petition) if fl.name != "locked")
_SEALED = SPECS[INFORMANTS].fields


def _values(draft: PetitionDraft) -> dict:
    return {
        "channel": f.choice(Channel, draft.channel, "channel", "信访方式").value,
        "received_on": f.iso_date(draft.received_on, "received_on", "收到日期"),
        "summary": f.long_text(draft.summary, "summary", "主要内容", max_len=5000),
        "petitioner": f.text(draft.petitioner, "petitioner", "信访人", required=False, max_len=40),
        "contact": f.text(draft.contact, "contact", "联系方式", required=False, max_len=60),
        "concerns_name": f.text(draft.concerns_name, "concerns_name", "被反映人", required=False, max_len=40),
        "concerns_post": f.text(
            draft.concerns_post, "concerns_post", "被反映人职务", required=False, max_len=60
        ),
    }


def _petition(session: Session, petition_id: str) -> Petition:
    row = session.conn.execute(
        f"SELECT {Petition.COLUMNS} FROM {Petition.FROM} WHERE p.id = ?", (petition_id,)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该信访件，或您不在其知悉范围内。")
    return Petition.from_row(row, compartments.keys_for(session, INFORMANTS))


def _write_identity(
    session: Session, petition: Petition | None, inspection_id: str, record_id: str, values: dict
):
    """Seal the petitioner's name and contact (inside the caller's transaction)."""
    if petition is not None and petition.locked:
        raise Conflict(compartments.NOT_YET)
    keys = compartments.keys_for(session, INFORMANTS)
    keys.seal(inspection_id, record_id, {n: values[n] for n in _SEALED})


def _visible(session: Session, petition_id: str) -> Petition:
    visibility.require_case_read(session)
    row = session.conn.execute("SELECT inspection_id FROM petitions WHERE id = ?", (petition_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该信访件，或您不在其知悉范围内。")
    visibility.require_inspection_visible(session, row["inspection_id"])
    return _petition(session, petition_id)


def _writable(session: Session, petition_id: str) -> Petition:
    petition = _visible(session, petition_id)
    visibility.require_inspection_writable(session, petition.inspection_id)
    return petition


def create_petition(session: Session, inspection_id: str, draft: PetitionDraft) -> Petition:
    visibility.require_inspection_writable(session, inspection_id)
    values = _values(draft)
    record = session.record_values()
    with session.transaction() as conn:
        plain = {k: v for k, v in values.items() if k not in _SEALED}
        f.insert(conn, "petitions", {**record, **plain, "inspection_id": inspection_id})
        _write_identity(session, None, inspection_id, record["id"], values)
        session.audit("petition_create", "petition", record["id"], f"inspection {inspection_id}")
    return _petition(session, record["id"])


def update_petition(session: Session, petition_id: str, draft: PetitionDraft) -> Petition:
    petition = _writable(session, petition_id)
    values = _values(draft)
    with session.transaction() as conn:
        f.update(conn, "petitions", petition_id, {k: v for k, v in values.items() if k not in _SEALED})
        _write_identity(session, petition, petition.inspection_id, petition_id, values)
        session.audit("petition_update", "petition", petition_id)
    return _petition(session, petition_id)


def delete_petition(session: Session, petition_id: str) -> None:
    """Only a petition not yet handled and not cited as evidence may be deleted."""
    petition = _writable(session, petition_id)
    if petition.handling != Handling.PENDING:
        raise Conflict("已处理的信访件不能删除。")
    with session.transaction() as conn:
        f.refuse_if(
            conn,
            "SELECT count(*) FROM issue_evidence WHERE kind = 'petition' AND ref_id = ?",
            (petition_id,),
            "该信访件已作为 {n} 项证据被引用，不能删除。",
        )
        f.delete(conn, "petitions", petition_id, "信访件")
        session.audit("petition_delete", "petition", petition_id)


def get_petition(session: Session, petition_id: str) -> Petition:
    petition = _visible(session, petition_id)
    session.audit("petition_view", "petition", petition_id)
    return petition


def list_petitions(
    session: Session, inspection_id: str, *, handling: Handling | str | None = None
) -> list[Petition]:
    """An inspection's petitions by date received (audited)."""
    visibility.require_inspection_visible(session, inspection_id)
    sql = f"SELECT {Petition.COLUMNS} FROM {Petition.FROM} WHERE p.inspection_id = ?"
    params: list = [inspection_id]
    if handling:
        sql += " AND p.handling = ?"
        params.append(f.choice(Handling, handling, "handling", "处理方式").value)
    rows = session.conn.execute(sql + " ORDER BY p.received_on, p.created_at", params).fetchall()
    session.audit("petition_list", "inspection", inspection_id, f"{len(rows)} 件")
    keys = compartments.keys_for(session, INFORMANTS)
    return [Petition.from_row(r, keys) for r in rows]


def set_handling(
    session: Session,
    petition_id: str,
    handling: Handling | str,
    handled_on: str,
    *,
    passed_to: str = "",
    note: str = "",
) -> Petition:
    """Kept or passed on (with to whom). Taking one up as an issue goes through take_up / link_issue."""
    petition = _writable(session, petition_id)
    handling = f.choice(Handling, handling, "handling", "处理方式")
    if handling == Handling.TAKEN_UP:
        raise ValidationError("转为问题请使用“转为问题”或“关联问题”。", field="handling")
    if petition.handling == Handling.TAKEN_UP:
        raise Conflict("该信访件已转为问题，不能再改为其他处理方式。")
    passed_to = f.text(
        passed_to, "passed_to", "转交单位", required=handling == Handling.PASSED_ON, max_len=60
    )
    on = f.iso_date(handled_on, "handled_on", "处理日期", required=handling != Handling.PENDING)
    if on and on < petition.received_on:
        raise ValidationError("处理日期不能早于收到日期。", field="handled_on")
    note = f.long_text(note, "note", "处理说明", required=False, max_len=2000)
    with session.transaction() as conn:
        f.update(
            conn,
            "petitions",
            petition_id,
            {"handling": handling.value, "handled_on": on, "passed_to": passed_to, "handling_note": note},
        )
        session.audit("petition_handling", "petition", petition_id, handling.value)
    return _petition(session, petition_id)


def link_issue(
    session: Session, petition_id: str, issue_id: str, handled_on: str, note: str = ""
) -> Petition:
    """Mark the petition taken up by an existing issue of the same inspection and cite it as evidence
    (when the issue's paper is still open)."""
    petition = _writable(session, petition_id)
    issue = writable_issue(session, issue_id)
    if issue.inspection_id != petition.inspection_id:
        raise ValidationError("只能关联本次巡察的问题。", field="issue_id")
    if petition.issue_id:
        raise Conflict("该信访件已关联问题。")
    on = f.iso_date(handled_on, "handled_on", "处理日期")
    note = f.long_text(note, "note", "处理说明", required=False, max_len=2000)
    with session.transaction() as conn:
        f.update(
            conn,
            "petitions",
            petition_id,
            {
                "handling": Handling.TAKEN_UP.value,
                "handled_on": on,
                "issue_id": issue_id,
                "handling_note": note,
            },
        )
        if not issue.signed:
            add_evidence(session, issue_id, EvidenceKind.PETITION, petition_id, description="信访件")
        session.audit("petition_link_issue", "petition", petition_id, f"issue {issue_id}")
    return _petition(session, petition_id)


def take_up(session: Session, petition_id: str, draft: IssueDraft, handled_on: str) -> tuple[Petition, Issue]:
    """Open a new issue from the petition (same inspection), cite the petition as its first evidence."""
    petition = _writable(session, petition_id)
    if petition.issue_id:
        raise Conflict("该信访件已关联问题。")
    with session.transaction():
        issue = create_issue(session, petition.inspection_id, draft)
        link_issue(session, petition_id, issue.id, handled_on)
    return _petition(session, petition_id), load_issue(session.conn, issue.id)


def petitions_for_issue(session: Session, issue_id: str) -> list[Petition]:
    visible_issue(session, issue_id)
    rows = session.conn.execute(
        f"SELECT {Petition.COLUMNS} FROM {Petition.FROM} WHERE p.issue_id = ? ORDER BY p.received_on",
        (issue_id,),
    ).fetchall()
    keys = compartments.keys_for(session, INFORMANTS)
    return [Petition.from_row(r, keys) for r in rows]
