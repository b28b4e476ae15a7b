"""The scan of a talk's signed pages (签字页扫描件), kept encrypted in the database.

A scan is PDF, PNG, JPEG or TIFF (known by its first bytes), at most MAX_SCAN_BYTES; it is stored
as a BLOB in talk_scans with its sha256 and checked against it when read back (IntegrityFailure if
it no longer matches). A scan may come with the signature (writes.sign_talk) or be attached later
to a signed record; earlier scans are kept. Viewing a scan is audited.
"""

from __future__ import annotations

import hashlib

from app.core.domain import _fields as f
from app.core.domain.talks.queries import fetch_talk, writable_talk
from app.core.domain.talks.types import TalkStatus
from app.core.errors import Conflict, IntegrityFailure, NotFound, ValidationError
from app.core.session import Session

MAX_SCAN_BYTES = 30 * 1024 * 1024

# Kinds of scan we accept, by their first bytes.
SCAN_TYPES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"II*\x00": "image/tiff",
    b"MM\x00*": "image/tiff",
}


def scan_type(data: bytes) -> str:
    """The scan's MIME type; ValidationError if it is empty, too large or of a kind we do not keep."""
    if not isinstance(data, bytes | bytearray) or not data:
        raise ValidationError("签字页扫描件为空。", field="scan")
    if len(data) > MAX_SCAN_BYTES:
        raise ValidationError(f"签字页扫描件不能超过 {MAX_SCAN_BYTES // (1024 * 1024)} MB。", field="scan")
    for magic, mime in SCAN_TYPES.items():
        if bytes(data[: len(magic)]) == magic:
            return mime
    raise ValidationError("签字页扫描件须为 PDF、PNG、JPEG 或 TIFF 文件。", field="scan")


def store_scan(session: Session, conn, talk_id: str, data: bytes) -> str:
    """Insert the scan inside the caller's transaction; returns its sha256."""
    mime = scan_type(data)
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


def attach_scan(session: Session, talk_id: str, data: bytes) -> str:
    """Keep (another) scan of the signed pages; returns its sha256. Earlier scans are kept too."""
    talk = writable_talk(session, talk_id)
    if talk.status is not TalkStatus.SIGNED:
        raise Conflict("只有已签字的谈话记录可以附签字页扫描件。")
    with session.transaction() as conn:
        digest = store_scan(session, conn, talk_id, data)
        session.audit("talk_scan_attached", "talk", talk_id, f"第{talk.number}号，{len(data)} 字节")
    return digest


def get_scan(session: Session, talk_id: str) -> tuple[str, bytes]:
    """(mime, bytes) of the latest scan, checked against its sha256. Viewing it is audited."""
    talk = fetch_talk(session, talk_id)
    row = session.conn.execute(
        "SELECT mime, sha256, data FROM talk_scans WHERE talk_id = ? ORDER BY created_at DESC LIMIT 1",
        (talk_id,),
    ).fetchone()
    if row is None:
        raise NotFound("该谈话记录没有签字页扫描件。")
    data = bytes(row["data"])
    if hashlib.sha256(data).hexdigest() != row["sha256"]:
        raise IntegrityFailure("签字页扫描件与其校验值不符，可能已被改动。")
    session.audit("talk_scan_view", "talk", talk_id, f"第{talk.number}号")
    return row["mime"], data
