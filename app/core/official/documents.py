"""Official documents and their versions: every save is a new version, none is ever changed.

A document belongs to an inspection (report, feedback letter, transfer letter, rectification notice)
or to a round (the statistics report). Its text is assembled from the records (app.core.official.
assemble), edited by the user and saved; each save adds a version (official_versions is append-only
by trigger) and is audited. Saving names the version it was based on, so two people editing at once
cannot silently overwrite each other (Conflict).

Who may see a document: the inspection's need-to-know (the office, the inspection's team); transfer
letters only the office and the team's leader (they name leads); round-level reports the office.
A document classified above the user's clearance is neither written nor shown to them.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.domain import _fields as f
from app.core.domain.register import leads
from app.core.errors import Conflict, NotFound, PasswordChangeRequired, PermissionDenied, ValidationError
from app.core.official import sealed_text
from app.core.official.kinds import DocKind
from app.core.printing.authentication import content_hash
from app.core.printing.furniture import classification_mark
from app.core.printing.gbt9704 import OfficialText
from app.core.security import visibility
from app.core.security.roles import CLEARANCES, Cap, clearance_rank
from app.core.session import Session
from app.core.store.rows import record

MAX_BODY = 200_000


@dataclass
class DocumentDraft:
    """The editable text of a document, as the editor fills it in."""

    title: str = ""
    body: str = ""
    issuer: str = ""
    issued_on: str = ""
    addressee: str = ""
    classification: str = "秘密"
    protection_years: int | None = 1
    note: str = ""  # what changed, for the version list


@dataclass
class Version:
    document_id: str
    version: int
    title: str
    addressee: str
    body: str
    issuer: str
    issued_on: str
    classification: str
    protection_years: int | None
    content_hash: str
    note: str
    created_at: str
    author_name: str
    version_id: str = ""
    sealed: str = ""  # a transfer letter's addressee and body, in the leads compartment (sealed_text)
    locked: bool = False  # sealed, and this session holds no copy of the compartment key yet

    COLUMNS = (
        "v.document_id, v.version, v.title, v.addressee, v.body, v.issuer, v.issued_on, v.classification,"
        " v.protection_years, v.content_hash, v.note, v.created_at, coalesce(u.display_name, '') AS author_name,"
        " v.id AS version_id, v.sealed"
    )

    @property
    def mark(self) -> str:
        return classification_mark(self.classification, self.protection_years)

    def text(self) -> OfficialText:
        return OfficialText(
            title=self.title,
            body=self.body,
            issuer=self.issuer,
            issued_on=self.issued_on,
            addressee=self.addressee,
            classification=self.mark,
        )

    def draft(self) -> DocumentDraft:
        return DocumentDraft(
            self.title,
            self.body,
            self.issuer,
            self.issued_on,
            self.addressee,
            self.classification,
            self.protection_years,
        )


@dataclass
class OfficialDocument:
    id: str
    serial: int
    kind: DocKind
    inspection_id: str | None
    round_id: str | None
    target: str
    current_version: int
    created_at: str
    updated_at: str
    title: str
    classification: str
    scope_label: str  # the unit (or the round) it concerns
    seq_year: int | None = None  # the kinds numbered per kind per year (kinds.DocKind.own_sequence)
    seq_number: int | None = None

    COLUMNS = (
        "d.id, d.serial, d.kind, d.inspection_id, d.round_id, d.target, d.current_version, d.created_at,"
        " d.updated_at, v.title, v.classification, d.seq_year, d.seq_number,"
        " coalesce(un.name, '第' || coalesce(r.number, rr.number) || '轮') AS scope_label"
    )
    FROM = (
        "official_documents d JOIN official_versions v ON v.document_id = d.id AND v.version = d.current_version"
        " LEFT JOIN inspections x ON x.id = d.inspection_id LEFT JOIN units un ON un.id = x.unit_id"
        " LEFT JOIN rounds r ON r.id = x.round_id LEFT JOIN rounds rr ON rr.id = d.round_id"
    )

    @classmethod
    def from_row(cls, row) -> OfficialDocument:
        return record(cls, row, kind=DocKind)

    @property
    def kind_label(self) -> str:
        return self.kind.label

    @property
    def number_in_sequence(self) -> int:
        """The number its 发文字号 carries: its kind's in the year, or the global serial."""
        return self.seq_number or self.serial


# ---- access ----------------------------------------------------------------------------------------


def require_scope(
    session: Session, kind: DocKind, inspection_id: str | None, round_id: str | None, *, write: bool
) -> None:
    """Raise unless the session may read (or write) documents of this kind for this inspection/round."""
    if kind.round_level:
        session.require(Cap.CASE_READ_ALL)
        if write:
            session.require(Cap.CASE_WRITE)
        if (
            not round_id
            or session.conn.execute("SELECT 1 FROM rounds WHERE id = ?", (round_id,)).fetchone() is None
        ):
            raise NotFound("找不到该轮次。")
        return
    if not inspection_id:
        raise ValidationError("请选择巡察。", field="inspection_id")
    if write:
        visibility.require_inspection_writable(session, inspection_id)
    else:
        visibility.require_case_read(session)
        visibility.require_inspection_visible(session, inspection_id)
    if kind.needs_leads:
        leads.require_lead_access(session, inspection_id, write=write)


def _require_clearance(session: Session, level: str) -> None:
    # Above the clearance: "not found", as for any record out of scope (the level is not named).
    visibility.require_clearance_readable(session, level, "找不到该公文，或您不在其知悉范围内。")


def _document(conn, document_id: str) -> OfficialDocument:
    row = conn.execute(
        f"SELECT {OfficialDocument.COLUMNS} FROM {OfficialDocument.FROM} WHERE d.id = ?", (document_id,)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该公文，或您不在其知悉范围内。")
    return OfficialDocument.from_row(row)


def visible_document(session: Session, document_id: str, *, write: bool = False) -> OfficialDocument:
    """The document if this session may see (or edit) it; NotFound as for a missing one. Not audited."""
    visibility.require_case_read(session)  # administrators: PermissionDenied
    doc = _document(session.conn, document_id)
    if _safe_read(session, doc) is not None:
        raise NotFound("找不到该公文，或您不在其知悉范围内。")
    if write:
        require_scope(session, doc.kind, doc.inspection_id, doc.round_id, write=True)
    _require_clearance(session, doc.classification)
    return doc


def _safe_read(session: Session, doc: OfficialDocument) -> Exception | None:
    try:
        require_scope(session, doc.kind, doc.inspection_id, doc.round_id, write=False)
    except (PermissionDenied, NotFound) as exc:
        return exc
    return None


# ---- validation ------------------------------------------------------------------------------------


def _values(session: Session, draft: DocumentDraft) -> dict:
    level = draft.classification if draft.classification in CLEARANCES else None
    if level is None:
        raise ValidationError(f"密级须为 {'、'.join(CLEARANCES)} 之一。", field="classification")
    years = None if level == "内部" else draft.protection_years
    if level != "内部":
        if years is not None:
            years = f.positive_int(years, "protection_years", "保密期限（年）", maximum=30)
        if years is None:
            raise ValidationError("请填写保密期限。", field="protection_years")
    classification_mark(level, years)  # checks the period against the level's maximum
    visibility.require_clearance_writable(session, level)
    values = {
        "title": f.text(draft.title, "title", "标题", max_len=120),
        "addressee": f.text(draft.addressee, "addressee", "主送机关", required=False, max_len=120),
        "body": f.long_text(draft.body, "body", "正文", max_len=MAX_BODY),
        "issuer": f.text(draft.issuer, "issuer", "发文机关署名", max_len=60),
        "issued_on": f.iso_date(draft.issued_on, "issued_on", "成文日期"),
        "classification": level,
        "protection_years": years,
    }
    values["content_hash"] = content_hash(values)
    values["note"] = f.text(draft.note, "note", "修改说明", required=False, max_len=200)
    return values


def _version_row(session: Session, kind: DocKind, inspection_id: str | None, values: dict) -> dict:
    """A new version's row; a transfer letter's addressee and body sealed in the leads compartment."""
    row = {**session.record_values(), **values}
    if kind.needs_leads and inspection_id:
        row.update(sealed_text.seal(session, inspection_id, row["id"], values))
    return row


def _insert_version(conn, document_id: str, version: int, row: dict) -> None:
    f.insert(conn, "official_versions", {**row, "document_id": document_id, "version": version})


# ---- operations ------------------------------------------------------------------------------------


def create_document(
    session: Session,
    kind: DocKind | str,
    draft: DocumentDraft,
    *,
    inspection_id: str | None = None,
    round_id: str | None = None,
    target: str = "",
) -> OfficialDocument:
    """Keep a new document with its first version (usually the assembled text, perhaps edited)."""
    kind = f.choice(DocKind, kind, "kind", "公文种类")
    session.require(Cap.CASE_WRITE)
    require_scope(session, kind, inspection_id, round_id, write=True)
    values = _values(session, draft)
    meta = session.record_values()
    row = _version_row(session, kind, None if kind.round_level else inspection_id, values)
    with session.transaction() as conn:
        serial = int(
            conn.execute("SELECT coalesce(max(serial), 0) + 1 FROM official_documents").fetchone()[0]
        )
        sequence = {}
        if kind.own_sequence:
            year = int(values["issued_on"][:4])
            sequence = {
                "seq_year": year,
                "seq_number": f.count(
                    conn,
                    "SELECT coalesce(max(seq_number), 0) + 1 FROM official_documents WHERE kind = ? AND seq_year = ?",
                    (kind.value, year),
                ),
            }
        f.insert(
            conn,
            "official_documents",
            {
                **meta,
                "serial": serial,
                "kind": kind.value,
                "inspection_id": None if kind.round_level else inspection_id,
                "round_id": round_id if kind.round_level else None,
                "target": f.text(target, "target", "接收单位", required=False, max_len=60),
                "current_version": 1,
                **sequence,
            },
        )
        _insert_version(conn, meta["id"], 1, row)
        session.audit("official_create", "official_document", meta["id"], f"{kind.value} 第{serial}号 版本 1")
    return _document(session.conn, meta["id"])


def save_version(session: Session, document_id: str, draft: DocumentDraft, *, based_on: int) -> Version:
    """Save the edited text as a new version; Conflict when someone saved after `based_on`."""
    doc = visible_document(session, document_id, write=True)
    values = _values(session, draft)
    based_on = f.positive_int(based_on, "based_on", "所据版本", maximum=1_000_000)
    row = _version_row(session, doc.kind, doc.inspection_id, values)
    with session.transaction() as conn:
        current = int(
            conn.execute(
                "SELECT current_version FROM official_documents WHERE id = ?", (document_id,)
            ).fetchone()[0]
        )
        if current != based_on:
            raise Conflict(f"该公文已有更新的版本（第 {current} 版），请先打开最新版本再修改。")
        version = current + 1
        _insert_version(conn, document_id, version, row)
        conn.execute(
            "UPDATE official_documents SET current_version = ?, updated_at = ? WHERE id = ?",
            (version, f.now(), document_id),
        )
        session.audit("official_save", "official_document", document_id, f"{doc.kind.value} 版本 {version}")
    return open_version(session, doc, version)


def _version(conn, document_id: str, version: int) -> Version:
    row = conn.execute(
        f"SELECT {Version.COLUMNS} FROM official_versions v LEFT JOIN users u ON u.id = v.author_id"
        " WHERE v.document_id = ? AND v.version = ?",
        (document_id, int(version)),
    ).fetchone()
    if row is None:
        raise NotFound(f"该公文没有第 {int(version)} 版。")
    return record(Version, row)


def open_version(session: Session, doc: OfficialDocument, version: int) -> Version:
    """One version with its sealed text opened for this session (not audited; the caller checks access)."""
    return sealed_text.opened(session, doc.inspection_id, _version(session.conn, doc.id, version))


def get_document(session: Session, document_id: str) -> OfficialDocument:
    doc = visible_document(session, document_id)
    session.audit("official_open", "official_document", document_id)
    return doc


def get_version(session: Session, document_id: str, version: int | None = None) -> Version:
    """Open one version's text (default: the current one). Audited."""
    doc = visible_document(session, document_id)
    number = doc.current_version if version is None else int(version)
    result = open_version(session, doc, number)
    _require_clearance(session, result.classification)
    session.audit("official_view", "official_document", document_id, f"版本 {number}")
    return result


@dataclass
class VersionInfo:
    version: int
    created_at: str
    author_name: str
    note: str
    content_hash: str
    classification: str


def list_versions(session: Session, document_id: str) -> list[VersionInfo]:
    """Every saved version, newest first (no text; open one with get_version)."""
    visible_document(session, document_id)
    rows = session.conn.execute(
        "SELECT v.version, v.created_at, coalesce(u.display_name, '') AS author_name, v.note, v.content_hash,"
        " v.classification"
        " FROM official_versions v LEFT JOIN users u ON u.id = v.author_id WHERE v.document_id = ?"
        " ORDER BY v.version DESC",
        (document_id,),
    ).fetchall()
    session.audit("official_versions", "official_document", document_id, f"{len(rows)} 版")
    return [record(VersionInfo, r, version=int) for r in rows]


def list_documents(
    session: Session, *, inspection_id: str | None = None, round_id: str | None = None
) -> list[OfficialDocument]:
    """The documents of an inspection (or of a round's statistics) this session may see. Audited."""
    return document_list(session, inspection_id=inspection_id, round_id=round_id).documents


@dataclass(frozen=True)
class DocumentList:
    """What the 公文 list shows, and what its empty state needs to say why it is empty."""

    documents: list[OfficialDocument]
    hidden: int  # documents of the scope above this session's clearance or outside its need to know
    may_draft: bool  # the session may assemble a new document here


def document_list(
    session: Session, *, inspection_id: str | None = None, round_id: str | None = None
) -> DocumentList:
    """list_documents with the count it left out and whether the session may draft here. Audited."""
    if inspection_id:
        visibility.require_inspection_visible(session, inspection_id)
        rows = session.conn.execute(
            f"SELECT {OfficialDocument.COLUMNS} FROM {OfficialDocument.FROM} WHERE d.inspection_id = ?"
            " ORDER BY d.serial",
            (inspection_id,),
        ).fetchall()
    elif round_id:
        session.require(Cap.CASE_READ_ALL)
        rows = session.conn.execute(
            f"SELECT {OfficialDocument.COLUMNS} FROM {OfficialDocument.FROM} WHERE d.round_id = ? ORDER BY d.serial",
            (round_id,),
        ).fetchall()
    else:
        raise ValidationError("请选择巡察或轮次。", field="inspection_id")
    docs = [OfficialDocument.from_row(r) for r in rows]
    mine = session.user.clearance or CLEARANCES[0]
    out = []
    for doc in docs:
        if clearance_rank(doc.classification) > clearance_rank(mine):
            continue
        if doc.kind.needs_leads and _safe_read(session, doc) is not None:
            continue
        out.append(doc)
    session.audit(
        "official_list",
        "inspection" if inspection_id else "round",
        inspection_id or round_id or "",
        f"{len(out)} 件",
    )
    kind = DocKind.STATISTICS_REPORT if round_id and not inspection_id else None
    try:
        if kind is not None:
            require_scope(session, kind, None, round_id, write=True)
        else:
            visibility.require_inspection_writable(session, inspection_id)
        may_draft = True
    except (PermissionDenied, NotFound, PasswordChangeRequired):
        may_draft = False
    return DocumentList(out, len(docs) - len(out), may_draft)
