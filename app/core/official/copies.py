"""Printing official documents copy by copy, and the register of every copy (发文登记).

`print_copies` registers N copies of one version in one write transaction (copy numbers come from
the document's sequence in the print register, so they have no gaps and no duplicates even when two
workstations' processes print at once), records each copy's recipient, version and authentication
code (核验码), and — when the office applies the seal, always the issuer's own (the office's on what
the office issues, a team's on what the team issues) — a line in the seal register. Only then are the PDFs
made, one per copy, in memory: the copy number on page 1, and on every page a faint watermark naming
the printing user, the time and the copy number, plus the authentication code and its QR code; the code also carries the
audit sequence at print time, so every copy is an anchor against a rolled-back folder.

The layout is composed once per print job and drawn per copy. If drawing failed after the copies
were registered, they stay in the register (as issued) and can be marked destroyed.

The register (`list_copies`): every copy, to whom, when, by whom, returned or destroyed and when;
outstanding copies (issued, not yet back); `recall` asks for every outstanding copy of a document.
Seeing it needs Cap.PRINT_AUTHENTICATE (a team leader sees only their own inspections' copies, and
titles only where they may read the document).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from app.core.domain import _fields as f
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.core.official import documents as docs
from app.core.official import issuers, seals
from app.core.official.kinds import DocKind, kind_of_register
from app.core.printing import gbt9704, register
from app.core.printing.authentication import PURPOSE, anchor_tag, keyed_hash, qr_payload, short_code
from app.core.printing.furniture import classification_mark
from app.core.printing.register import CopyStatus
from app.core.security import compartments, visibility
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.store.keyslots import subkey
from app.core.store.rows import record


@dataclass
class PrintedCopy:
    copy_number: int
    recipient: str
    code: str
    qr_payload: str
    pdf: bytes


@dataclass
class PrintJob:
    document_id: str
    serial: int
    version: int
    register_id: str
    sealed: bool
    printed_at: str  # local time, as on the watermark
    copies: list[PrintedCopy]

    @property
    def numbers(self) -> list[int]:
        return [c.copy_number for c in self.copies]


def authentication_key(session: Session) -> bytes:
    return subkey(session.root_key, PURPOSE)


def local_time(iso_utc: str) -> str:
    """'2026-05-20T02:31:00.123+00:00' -> '2026-05-20 10:31' in the workstation's time zone."""
    try:
        return datetime.fromisoformat(iso_utc).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso_utc[:16]


def _recipients(recipients, count: int) -> list[str]:
    items = list(recipients or [])
    if len(items) > count:
        raise ValidationError("接收人数多于打印份数。", field="recipients")
    items += [""] * (count - len(items))
    return [f.text(r, "recipients", "接收人", required=False, max_len=60) for r in items]


def official_text(session: Session, doc: docs.OfficialDocument, ver: docs.Version) -> gbt9704.OfficialText:
    """A version's text with the head and imprint its kind has (from the issuing bodies' settings)."""
    head = issuers.head_for(
        session,
        doc.kind,
        ver.issuer,
        ver.issued_on,
        doc.number_in_sequence,
        doc.inspection_id,
        year=doc.seq_year,
    )
    return replace(ver.text(), head=head)


def preview_pdf(session: Session, document_id: str, version: int | None = None) -> bytes:
    """An unnumbered, unsealed preview of a saved version (the view is audited)."""
    ver = docs.get_version(session, document_id, version)
    doc = docs.visible_document(session, document_id)
    return gbt9704.render(official_text(session, doc, ver), title=doc.kind.label)


def preview_draft(session: Session, draft: docs.DocumentDraft) -> bytes:
    """A preview of unsaved text from the editor (no record is read, nothing is kept)."""
    visibility.require_case_read(session)
    values = docs._values(session, draft)
    text = gbt9704.OfficialText(
        title=values["title"],
        body=values["body"],
        issuer=values["issuer"],
        issued_on=values["issued_on"],
        addressee=values["addressee"],
        classification=classification_mark(values["classification"], values["protection_years"]),
    )
    return gbt9704.render(text, title="公文样稿")


def _issuer_seal(session: Session, issuer: str) -> tuple[str, bytes]:
    """(seal id, PNG) of the seal of the document's issuer: the office's or the issuing team's."""
    owner = issuers.seal_owner(session, issuer)
    try:
        return seals.image_for_use(session, owner)
    except NotFound:
        if not owner:
            raise
        office = issuers.issuing_settings(session).office.name
        raise ValidationError(
            f"该公文的发文机关是“{issuer.strip()}”，安全保密管理员尚未保存{owner}的印章，不能用印；"
            f"巡察办的印章只能加盖在以“{office}”名义发出的公文上。",
            field="seal",
        ) from None


def _kind(session: Session, document_id: str) -> str:
    row = session.conn.execute("SELECT kind FROM official_documents WHERE id = ?", (document_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该公文。")
    return row[0]


def print_copies(
    session: Session,
    document_id: str,
    count: int,
    *,
    recipients: list[str] | None = None,
    seal: bool = False,
    version: int | None = None,
    action: str = "print",
) -> PrintJob:
    """Register and render `count` copies of a version (default: the current one).

    Cap.PRINT (Cap.EXPORT for action="export"); sealing needs Cap.SEAL_APPLY — the office only.
    """
    session.require(Cap.PRINT if action == "print" else Cap.EXPORT)
    if seal:
        session.require(Cap.SEAL_APPLY)
    doc = docs.visible_document(session, document_id)
    if version is not None:
        version = f.positive_int(version, "version", "版本", maximum=1_000_000)
    ver = docs.open_version(session, doc, doc.current_version if version is None else version)
    if ver.locked:
        raise Conflict(compartments.NOT_YET)
    names = _recipients(recipients, register._check_copies(count))
    if seal and doc.kind == DocKind.INSPECTION_REPORT and doc.inspection_id:
        from app.core.domain.register.fact_confirmation import require_facts_settled

        require_facts_settled(session.conn, doc.inspection_id)  # the unit has answered every fact
    seal_id, seal_png = _issuer_seal(session, ver.issuer) if seal else (None, None)
    key = authentication_key(session)
    with session.transaction() as conn:
        numbers = register.register_print(
            session,
            doc.kind.register_kind,
            doc.id,
            len(names),
            action,
            inspection_id=doc.inspection_id,
            classification=ver.mark,
        )
        first = conn.execute(
            "SELECT c.register_id, r.created_at FROM print_copies c JOIN print_register r ON r.id = c.register_id"
            " WHERE c.document_kind = ? AND c.record_id = ? AND c.copy_number = ?",
            (doc.kind.register_kind, doc.id, numbers[0]),
        ).fetchone()
        register_id, created_at = first["register_id"], first["created_at"]
        marks = []
        # The audit sequence at print time goes into every code: the copy anchors the trail.
        last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        for number, name in zip(numbers, names, strict=True):
            mac = keyed_hash(key, doc.id, ver.version, number, ver.content_hash)
            anchor = anchor_tag(key, doc.id, ver.version, number, last["seq"], last["hash"])
            code = short_code(doc.serial, ver.version, number, mac, last["seq"], anchor)
            conn.execute(
                "UPDATE print_copies SET recipient = ?, version = ?, verification = ?, sealed = ?"
                " WHERE document_kind = ? AND record_id = ? AND copy_number = ?",
                (name, ver.version, code, int(seal), doc.kind.register_kind, doc.id, number),
            )
            payload = qr_payload(doc.id, ver.version, number, mac, last["seq"], anchor)
            marks.append((number, name, code, payload))
        if seal:
            seals.record_use(session, conn, seal_id, doc.id, ver.version, register_id, numbers)
        session.audit(
            "official_print",
            "official_document",
            doc.id,
            f"版本 {ver.version}，份号 {register.format_range(numbers)}" + ("，加盖印章" if seal else ""),
        )
    printed_at = local_time(created_at)
    layout = gbt9704.compose(official_text(session, doc, ver))
    who = f"{session.user.display_name}（{session.user.username}）"
    out = []
    for number, name, code, payload in marks:
        copy_marks = gbt9704.CopyMarks(number, f"{who} {printed_at} 份号 {number:06d}", code, payload)
        pdf = gbt9704.draw(layout, marks=copy_marks, seal_png=seal_png, title=doc.kind.label)
        out.append(PrintedCopy(number, name, code, payload, pdf))
    return PrintJob(doc.id, doc.serial, ver.version, register_id, seal, printed_at, out)


# ---- the register of copies ------------------------------------------------------------------------


@dataclass
class CopyRow:
    document_id: str
    serial: int
    kind: DocKind
    version: int | None
    copy_number: int
    recipient: str
    status: CopyStatus
    issued_at: str
    issued_by: str
    status_at: str | None
    status_by: str
    sealed: bool
    recalled_at: str | None
    code: str
    action: str
    title: str = ""  # only where the session may read the document

    @property
    def outstanding(self) -> bool:
        return self.status == CopyStatus.ISSUED


def _require_register(session: Session) -> None:
    session.require(Cap.PRINT_AUTHENTICATE)


def list_copies(
    session: Session, *, document_id: str | None = None, outstanding_only: bool = False, limit: int = 5000
) -> list[CopyRow]:
    """Copies of official documents, newest first. Audited."""
    _require_register(session)
    where = ["c.document_kind LIKE 'official\\_%' ESCAPE '\\'"]
    params: list = []
    if session.can(Cap.CASE_READ_TEAM) and not session.can(Cap.CASE_READ_ALL):
        vis, vis_params = visibility.inspection_filter_sql(session, "d.inspection_id")
        where.append(vis)
        params += vis_params
    if document_id:
        where.append("c.record_id = ?")
        params.append(document_id)
    if outstanding_only:
        where.append("c.status = 'issued'")
    rows = session.conn.execute(
        "SELECT c.record_id AS document_id, d.serial, c.document_kind AS kind, c.version, c.copy_number, c.recipient,"
        " c.status, c.created_at AS issued_at, r.username AS issued_by, c.status_at,"
        " coalesce(u.username, '') AS status_by, c.sealed, c.recalled_at, coalesce(c.verification, '') AS code,"
        " r.action, v.title"
        " FROM print_copies c JOIN print_register r ON r.id = c.register_id"
        " JOIN official_documents d ON d.id = c.record_id"
        " JOIN official_versions v ON v.document_id = d.id AND v.version = coalesce(c.version, d.current_version)"
        " LEFT JOIN users u ON u.id = c.status_by"
        f" WHERE {' AND '.join(where)} ORDER BY c.created_at DESC, c.copy_number DESC LIMIT ?",
        (*params, int(limit)),
    ).fetchall()
    readable: dict[str, bool] = {}
    out = []
    for r in rows:
        if kind_of_register(r["kind"]) is None:
            continue
        copy = record(
            CopyRow, r, serial=int, kind=kind_of_register, copy_number=int, status=CopyStatus, sealed=bool
        )
        if copy.document_id not in readable:
            readable[copy.document_id] = _may_read(session, copy.document_id)
        if not readable[copy.document_id]:
            copy.title = ""
        out.append(copy)
    session.audit("official_copies_view", "print_register", document_id or "", f"{len(out)} 份")
    return out


def _may_read(session: Session, document_id: str) -> bool:
    if not (session.can(Cap.CASE_READ_ALL) or session.can(Cap.CASE_READ_TEAM)):
        return False
    try:
        docs.visible_document(session, document_id)
    except (NotFound, PermissionDenied):
        return False
    return True


def outstanding(session: Session) -> list[CopyRow]:
    """Copies issued and not yet returned or destroyed."""
    return list_copies(session, outstanding_only=True)


def set_status(session: Session, document_id: str, copy_number: int, status: CopyStatus | str) -> None:
    """Mark a copy returned (收回) or destroyed (销毁), dated now; a status only moves forward."""
    _require_register(session)
    kind = _kind(session, document_id)
    register.set_copy_status(session, DocKind(kind).register_kind, document_id, copy_number, status)


def recall(session: Session, document_id: str, reason: str = "") -> int:
    """Recall every outstanding copy of a document (the office, or the inspection's leader). Audited.

    Returns how many copies are now awaiting return. Each is then marked returned or destroyed.
    """
    _require_register(session)
    doc = docs.visible_document(session, document_id)
    if not (
        session.can(Cap.CASE_READ_ALL)
        or (doc.inspection_id and visibility.is_leader_of_inspection(session, doc.inspection_id))
    ):
        raise PermissionDenied("只有巡察办或本组组长可以收回公文。")
    reason = f.text(reason, "reason", "收回原因", required=False, max_len=200)
    values = session.record_values()
    with session.transaction() as conn:
        rows = conn.execute(
            "UPDATE print_copies SET recalled_at = ?, updated_at = ? WHERE document_kind = ? AND record_id = ?"
            " AND status = 'issued' RETURNING copy_number",
            (values["created_at"], values["created_at"], doc.kind.register_kind, doc.id),
        ).fetchall()
        f.insert(
            conn,
            "document_recalls",
            {
                **values,
                "document_id": doc.id,
                "recalled_on": values["created_at"][:10],
                "reason": reason,
                "copies": len(rows),
            },
        )
        session.audit("official_recall", "official_document", doc.id, f"{len(rows)} 份待收回")
    return len(rows)
