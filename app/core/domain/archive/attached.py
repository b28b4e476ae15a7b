"""The files that go with an item (附件): what the record's owner kept as attachments.

A meeting's materials, a unit's report documents, the rectification's evidence (with the ledger), the request list's material (each request item's
files), the unit's proof on the fact confirmation items, the signed scan of a talk record. They travel
inside the item's folder of the electronic package, under `附件/`, each checked against the SHA-256
recorded when it was imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OWNER_SQL = {
    "meeting": "SELECT id FROM attachments WHERE owner_type = 'meeting' AND owner_id = ?",
    "unit_report": "SELECT id FROM attachments WHERE owner_type = 'unit_report' AND owner_id = ?",
    "request_list": "SELECT id FROM attachments WHERE owner_type = 'request_item'"
    " AND owner_id IN (SELECT id FROM request_items WHERE inspection_id = ?)",
    "rectification_ledger": "SELECT id FROM attachments WHERE owner_type = 'rectification_progress'"
    " AND owner_id IN (SELECT p.id FROM rectification_progress p JOIN rectifications r ON r.id = p.rectification_id"
    " JOIN issues i ON i.id = r.issue_id WHERE i.inspection_id = ?)",
    "fact_sheet": "SELECT id FROM attachments WHERE owner_type = 'fact_item'"
    " AND owner_id IN (SELECT id FROM fact_items WHERE sheet_id = ?)",
}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


@dataclass(frozen=True)
class Attached:
    name: str  # the file's name inside 附件/
    sha256: str
    size: int


def safe_name(k: int, filename: str) -> str:
    base = _UNSAFE.sub("_", filename).strip(". ") or "file"
    return f"{k:02d}-{base[:80]}"


def files_of(conn, record_type: str, record_id: str) -> list[tuple[Attached, bytes]]:
    """Every attached file of the item's record, in a stable order, with its checked bytes."""
    from app.core.domain import attachments

    out: list[tuple[Attached, bytes]] = []
    sql = _OWNER_SQL.get(record_type)
    if sql is not None:
        ids = [r["id"] for r in conn.execute(sql + " ORDER BY created_at, filename", (record_id,))]
        for k, attachment_id in enumerate(ids, start=1):
            meta = attachments.get(conn, attachment_id)
            data = attachments.read_bytes(conn, attachment_id)
            out.append((Attached(safe_name(k, meta.filename), meta.sha256, meta.size), data))
    elif record_type == "talk":
        import hashlib

        from app.core.errors import IntegrityFailure

        rows = conn.execute(
            "SELECT mime, sha256, data FROM talk_scans WHERE talk_id = ? ORDER BY created_at", (record_id,)
        ).fetchall()
        for k, r in enumerate(rows, start=1):
            data = bytes(r["data"])
            if hashlib.sha256(data).hexdigest() != r["sha256"]:
                raise IntegrityFailure("谈话记录签字扫描件与登记的校验值不符，可能已被篡改或损坏。")
            ext = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(r["mime"], "bin")
            out.append((Attached(f"{k:02d}-签字扫描件.{ext}", r["sha256"], len(data)), data))
    return out
