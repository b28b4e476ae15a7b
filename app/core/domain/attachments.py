"""Attachments: files kept inside the encrypted database, with their SHA-256, size and detected type.

Any module can keep files here (document review now; scanned signatures, evidence later): a row names its
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

from app.core.domain import _fields as f
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
        "a.id AS id, a.owner_type AS owner_type, a.owner_id AS owner_id, a.inspection_id AS inspection_id,"
        " a.filename AS filename, a.kind AS kind, a.media_type AS media_type, a.size AS size, a.sha256 AS sha256,"
        " a.details AS details, a.created_at AS created_at, a.author_id AS author_id,"
        " length(a.extracted_text) AS text_length"
    )

    @classmethod
    def from_row(cls, row) -> Attachment:
        return cls(
            id=row["id"],
            owner_type=row["owner_type"],
            owner_id=row["owner_id"],
            inspection_id=row["inspection_id"],
            filename=row["filename"],
            kind=FileKind(row["kind"]),
            media_type=row["media_type"],
            size=int(row["size"]),
            sha256=row["sha256"],
            details=json.loads(row["details"] or "{}"),
            created_at=row["created_at"],
            author_id=row["author_id"],
            text_length=int(row["text_length"] or 0),
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
        f.insert(
            conn,
            "attachments",
            {
                **values,
                "owner_type": owner_type,
                "owner_id": owner_id,
                "inspection_id": inspection_id,
                "filename": material.filename,
                "kind": material.kind.value,
                "media_type": material.media_type,
                "size": material.size,
                "sha256": material.sha256,
                "extracted_text": material.text,
                "details": json.dumps(material.details, ensure_ascii=False),
            },
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
    data = bytes(row["content"])
    if hashlib.sha256(data).hexdigest() != row["sha256"]:
        raise IntegrityFailure("该文件的内容与导入时的 SHA-256 校验值不符，可能已被篡改或损坏。")
    return data


def read_text(conn, attachment_id: str) -> str:
    row = conn.execute("SELECT extracted_text FROM attachments WHERE id = ?", (attachment_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该文件，或您不在其知悉范围内。")
    return row["extracted_text"]


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
