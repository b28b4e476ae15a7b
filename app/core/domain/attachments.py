"""Attachments: files kept inside the encrypted database, with their SHA-256, size and detected type.

Any module can keep files here (documents now; scanned signatures, evidence later): a row names its
owner (`owner_type`, `owner_id`) and, for need-to-know, the inspection it belongs to. The bytes sit
in their own table so listing never reads them, and they are checked against the SHA-256 every time
they are read back. Nothing is ever written out as a file.

These are building blocks called inside the owning module's operation: they neither check
capabilities nor audit, because the owner's operation does both (in the same transaction).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from app.core.errors import IntegrityFailure, NotFound
from app.core.imports import FileKind, Material
from app.core.session import Session


@dataclass
class Attachment:
    id: str
    owner_type: str
    owner_id: str
    inspection_id: str | None
    filename: str
    kind: FileKind
    media_type: str
    size: int
    sha256: str
    details: dict = field(default_factory=dict)  # pages, sheets, width/height, encoding, no_text_layer
    created_at: str = ""
    author_id: str | None = None
    text_length: int = 0

    COLUMNS = (
        "a.id, a.owner_type, a.owner_id, a.inspection_id, a.filename, a.kind, a.media_type, a.size, a.sha256,"
        " a.details, a.created_at, a.author_id, length(a.extracted_text)"
    )

    @classmethod
    def from_row(cls, row) -> Attachment:
        return cls(
            id=row[0],
            owner_type=row[1],
            owner_id=row[2],
            inspection_id=row[3],
            filename=row[4],
            kind=FileKind(row[5]),
            media_type=row[6],
            size=int(row[7]),
            sha256=row[8],
            details=json.loads(row[9] or "{}"),
            created_at=row[10],
            author_id=row[11],
            text_length=int(row[12] or 0),
        )

    @property
    def is_image(self) -> bool:
        return self.kind.is_image


def store(
    session: Session, material: Material, *, owner_type: str, owner_id: str, inspection_id: str | None
) -> Attachment:
    """Keep a checked file (see app.core.imports.read_material); joins the caller's transaction."""
    values = session.record_values()
    with session.transaction() as conn:
        conn.execute(
            "INSERT INTO attachments (id, created_at, updated_at, author_id, workstation_id, owner_type, owner_id,"
            " inspection_id, filename, kind, media_type, size, sha256, extracted_text, details)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                *values.values(),
                owner_type,
                owner_id,
                inspection_id,
                material.filename,
                material.kind.value,
                material.media_type,
                material.size,
                material.sha256,
                material.text,
                json.dumps(material.details, ensure_ascii=False),
            ),
        )
        conn.execute(
            "INSERT INTO attachment_blobs (attachment_id, content) VALUES (?, ?)",
            (values["id"], material.data),
        )
    return get(session.conn, values["id"])


def get(conn, attachment_id: str) -> Attachment:
    row = conn.execute(
        f"SELECT {Attachment.COLUMNS} FROM attachments a WHERE a.id = ?", (attachment_id,)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该文件，或您不在其知悉范围内。")
    return Attachment.from_row(row)


def list_for(conn, owner_type: str, owner_id: str) -> list[Attachment]:
    rows = conn.execute(
        f"SELECT {Attachment.COLUMNS} FROM attachments a WHERE a.owner_type = ? AND a.owner_id = ?"
        " ORDER BY a.created_at, a.filename",
        (owner_type, owner_id),
    ).fetchall()
    return [Attachment.from_row(r) for r in rows]


def read_bytes(conn, attachment_id: str) -> bytes:
    """The original bytes, checked against the SHA-256 recorded at import."""
    row = conn.execute(
        "SELECT a.sha256, b.content FROM attachments a JOIN attachment_blobs b ON b.attachment_id = a.id"
        " WHERE a.id = ?",
        (attachment_id,),
    ).fetchone()
    if row is None:
        raise NotFound("找不到该文件，或您不在其知悉范围内。")
    data = bytes(row[1])
    if hashlib.sha256(data).hexdigest() != row[0]:
        raise IntegrityFailure("该文件的内容与导入时的 SHA-256 校验值不符，可能已被篡改或损坏。")
    return data


def read_text(conn, attachment_id: str) -> str:
    row = conn.execute("SELECT extracted_text FROM attachments WHERE id = ?", (attachment_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该文件，或您不在其知悉范围内。")
    return row[0]


def find_by_hash(conn, owner_type: str, owner_id: str, sha256: str) -> Attachment | None:
    """The same file already kept for this owner, if any (to refuse a duplicate import)."""
    row = conn.execute(
        f"SELECT {Attachment.COLUMNS} FROM attachments a WHERE a.owner_type = ? AND a.owner_id = ? AND a.sha256 = ?",
        (owner_type, owner_id, sha256),
    ).fetchone()
    return Attachment.from_row(row) if row else None


def delete(conn, attachment_id: str) -> None:
    """Remove the file and its bytes (secure_delete overwrites the freed pages)."""
    conn.execute("DELETE FROM attachment_blobs WHERE attachment_id = ?", (attachment_id,))
    conn.execute("DELETE FROM attachments WHERE id = ?", (attachment_id,))
