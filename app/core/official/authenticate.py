"""Authenticating a printed copy by its code (核验): is it one of ours, which copy, where is it now.

`authenticate_code` takes the short code typed from the page or the QR payload scanned from it. It finds
the document and version, recomputes the keyed hash over the version's content hash and compares it
in constant time; a code with any part changed (copy number, version, document) fails. A genuine
code is then looked up in the print register: which copy, printed when and by whom, to whom it was
issued, and whether it has been returned, destroyed or recalled.

Needs Cap.PRINT_AUTHENTICATE; the document's title is shown only to a session that may read it (the
security officer and the auditor see numbers and dates, not content). Every check is audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.errors import ValidationError
from app.core.official.copies import _may_read, authentication_key, local_time
from app.core.official.kinds import DocKind
from app.core.printing.authentication import keyed_hash, parse_code
from app.core.printing.register import CopyStatus
from app.core.security.roles import Cap
from app.core.session import Session


@dataclass
class AuthenticationResult:
    genuine: bool
    message: str
    document_id: str = ""
    serial: int = 0
    kind: DocKind | None = None
    version: int = 0
    copy_number: int = 0
    status: CopyStatus | None = None
    status_at: str | None = None
    recipient: str = ""
    printed_at: str = ""
    printed_by: str = ""
    sealed: bool = False
    recalled_at: str | None = None
    title: str = ""

    @property
    def outstanding(self) -> bool:
        return self.genuine and self.status == CopyStatus.ISSUED


def _refused(session: Session, message: str, detail: str) -> AuthenticationResult:
    session.audit("print_verify", "print_register", "", f"不符：{detail}")
    return AuthenticationResult(False, message)


def authenticate_code(session: Session, code: str) -> AuthenticationResult:
    """Check a verification code or QR payload against the register. Audited either way."""
    session.require(Cap.PRINT_AUTHENTICATE)
    if not (code or "").strip():
        raise ValidationError("请输入核验码。", field="code")
    parsed = parse_code(code)
    conn = session.conn
    if parsed.form == "short":
        row = conn.execute(
            "SELECT id, serial, kind FROM official_documents WHERE serial = ?", (parsed.serial,)
        ).fetchone()
    else:
        row = conn.execute(
            "SELECT id, serial, kind FROM official_documents WHERE id = ?", (parsed.document_id,)
        ).fetchone()
    if row is None:
        return _refused(session, "核验未通过：本机登记簿中没有与此核验码对应的公文。", "no document")
    document_id, serial, kind = row["id"], int(row["serial"]), DocKind(row["kind"])
    version = conn.execute(
        "SELECT content_hash FROM official_versions WHERE document_id = ? AND version = ?",
        (document_id, parsed.version),
    ).fetchone()
    mac = keyed_hash(
        authentication_key(session),
        document_id,
        parsed.version,
        parsed.copy_number,
        version["content_hash"] if version else "",
    )
    if version is None or not parsed.matches(mac):
        return _refused(
            session,
            "核验未通过：核验码与登记不符，可能被改动、抄错，或不是本机打印的。",
            f"document {document_id} mac",
        )
    copy = conn.execute(
        "SELECT c.status, c.status_at, c.recipient, c.created_at, r.username, u.display_name, c.sealed,"
        " c.recalled_at, c.version"
        " FROM print_copies c JOIN print_register r ON r.id = c.register_id LEFT JOIN users u ON u.id = r.user_id"
        " WHERE c.document_kind = ? AND c.record_id = ? AND c.copy_number = ?",
        (kind.register_kind, document_id, parsed.copy_number),
    ).fetchone()
    if copy is None or copy["version"] != parsed.version:
        return _refused(
            session, "核验未通过：该份号没有登记为此版本的打印件。", f"document {document_id} copy"
        )
    status = CopyStatus(copy["status"])
    result = AuthenticationResult(
        True,
        "",
        document_id,
        serial,
        kind,
        parsed.version,
        parsed.copy_number,
        status,
        status_at=copy["status_at"],
        recipient=copy["recipient"],
        printed_at=local_time(copy["created_at"]),
        printed_by=f"{copy['display_name']}（{copy['username']}）"
        if copy["display_name"]
        else copy["username"],
        sealed=bool(copy["sealed"]),
        recalled_at=copy["recalled_at"],
    )
    if _may_read(session, document_id):
        result.title = conn.execute(
            "SELECT title FROM official_versions WHERE document_id = ? AND version = ?",
            (document_id, parsed.version),
        ).fetchone()[0]
    result.message = describe(result)
    session.audit(
        "print_verify",
        "official_document",
        document_id,
        f"相符：版本 {parsed.version}，份号 {parsed.copy_number:06d}，{status.label}",
    )
    return result


def describe(result: AuthenticationResult) -> str:
    """One paragraph for the window and the command line."""
    if not result.genuine:
        return result.message
    parts = [
        f"核验通过：{result.kind.label if result.kind else '公文'} 第{result.serial}号"
        + (f"《{result.title}》" if result.title else "")
        + f"，第 {result.version} 版，份号 {result.copy_number:06d}。",
        f"{result.printed_at} 由 {result.printed_by} 打印" + ("并加盖印章" if result.sealed else "") + "。",
    ]
    if result.recipient:
        parts.append(f"发给：{result.recipient}。")
    status = result.status.label if result.status else ""
    when = f"（{local_time(result.status_at)}）" if result.status_at else ""
    parts.append(f"状态：{status}{when}。")
    if result.recalled_at and result.status == CopyStatus.ISSUED:
        parts.append(f"该文已于 {local_time(result.recalled_at)} 通知收回，此份尚未交回。")
    return "".join(parts)
