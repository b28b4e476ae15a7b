"""The official seal (印章): its image, kept by the security officer, applied only by the office.

The security officer stores the seal image (Cap.SEAL_STORE): a PNG with transparency, so that it
can lie over the date as a stamp does. It is kept in the database (itself encrypted) and in addition
sealed with AES-256-GCM under a key derived from the database key, so it is never plaintext even in
a decrypted copy of a table.

Each issuing body has its own seal: a seal's `owner` is '' for the office (巡察办) or a team's name
("第一巡察组", teams.name: the same body in every round). One seal is active per owner; storing a new
one retires that owner's old one. `seal_owners` lists who may have one.

Only the office applies a seal (Cap.SEAL_APPLY), when printing copies (app.core.official.copies), and
always the seal of the document's issuer (app.core.official.issuers.seal_owner); every use goes into
the seal register (seal_uses, append-only). Seeing the register needs one of SEAL_STORE, SEAL_APPLY
or AUDIT_READ.
"""

from __future__ import annotations

import hashlib
import io
import os
import warnings
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.core.domain import _fields as f
from app.core.errors import NotFound, PermissionDenied, ValidationError
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.store.keyslots import subkey
from app.core.store.rows import record

MAX_SEAL_BYTES = 4 * 1024 * 1024
MIN_SIDE, MAX_SIDE = 64, 4000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
OFFICE = ""  # the owner of the office's seal
OFFICE_LABEL = "巡察办"


@dataclass
class SealInfo:
    id: str
    name: str
    width_px: int
    height_px: int
    sha256: str
    created_at: str
    stored_by: str
    active: bool
    retired_at: str | None
    owner: str = OFFICE

    @property
    def owner_label(self) -> str:
        return self.owner or OFFICE_LABEL


@dataclass
class SealUse:
    id: str
    at: str
    username: str
    document_id: str
    serial: int
    kind: str
    version: int
    first_copy: int
    last_copy: int
    copies: int
    seal_name: str
    seal_owner: str = OFFICE


def _key(session: Session) -> bytes:
    return subkey(session.root_key, "seal-image")


def check_png(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG with an alpha channel (or a transparent colour); ValidationError else."""
    if not isinstance(data, bytes | bytearray) or not data:
        raise ValidationError("请选择印章图像文件。", field="image")
    if len(data) > MAX_SEAL_BYTES:
        raise ValidationError("印章图像不能超过 4 MB。", field="image")
    if not data.startswith(PNG_SIGNATURE):
        raise ValidationError("印章图像须为 PNG 格式（带透明背景）。", field="image")
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=["PNG"]) as img:
                width, height = img.size
                if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
                    raise ValidationError(
                        f"印章图像的边长须在 {MIN_SIDE} 至 {MAX_SIDE} 像素之间（当前 {width}×{height}）。",
                        field="image",
                    )
                transparent = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
                img.load()
                if transparent and img.mode != "RGBA":
                    img = img.convert("RGBA")
                if not transparent or img.getextrema()[3][0] == 255:
                    raise ValidationError("印章图像须带透明背景（PNG 的透明通道）。", field="image")
    except ValidationError:
        raise
    except Exception:
        raise ValidationError("印章图像已损坏，无法读取。", field="image") from None
    return width, height


def seal_owners(session: Session) -> list[tuple[str, str]]:
    """(owner, label) of every body that may have a seal: the office first, then each team by name."""
    _require_any(session, Cap.SEAL_STORE, Cap.SEAL_APPLY)
    names = sorted({r["name"] for r in session.conn.execute("SELECT DISTINCT name FROM teams")})
    return [(OFFICE, OFFICE_LABEL), *((n, n) for n in names)]


def _owner(session: Session, owner: str) -> str:
    if not isinstance(owner, str):
        raise ValidationError("请选择印章所属的机关。", field="owner")
    owner = owner.strip()
    if owner not in {o for o, _ in seal_owners(session)}:
        raise ValidationError(f"没有名为“{owner[:60]}”的巡察组，不能为其保存印章。", field="owner")
    return owner


def _label(owner: str) -> str:
    return owner or OFFICE_LABEL


def store_seal(session: Session, name: str, png: bytes, owner: str = OFFICE) -> SealInfo:
    """Store a new seal image of `owner` (the security officer); that owner's previous seal is retired.

    Audited."""
    session.require(Cap.SEAL_STORE)
    name = f.text(name, "name", "印章名称", max_len=60)
    owner = _owner(session, owner)
    width, height = check_png(bytes(png))
    meta = session.record_values()
    nonce = os.urandom(12)
    sealed = AESGCM(_key(session)).encrypt(nonce, bytes(png), meta["id"].encode())
    digest = hashlib.sha256(png).hexdigest()
    with session.transaction() as conn:
        retired = conn.execute(
            "UPDATE seals SET active = 0, retired_at = ?, updated_at = ? WHERE active = 1 AND owner = ?"
            " RETURNING id",
            (meta["created_at"], meta["created_at"], owner),
        ).fetchall()
        f.insert(
            conn,
            "seals",
            {
                **meta,
                "name": name,
                "nonce": nonce,
                "image": sealed,
                "width_px": width,
                "height_px": height,
                "sha256": digest,
                "active": 1,
                "owner": owner,
            },
        )
        session.audit(
            "seal_store",
            "seal",
            meta["id"],
            f"{_label(owner)}，{width}×{height}" + (f"，替换 {len(retired)} 枚" if retired else ""),
        )
    return _info(session.conn, meta["id"])


def retire_seal(session: Session, owner: str = OFFICE) -> None:
    """Withdraw `owner`'s active seal (nothing of theirs can be sealed until a new one is stored).

    Audited."""
    session.require(Cap.SEAL_STORE)
    owner = _owner(session, owner)
    now = f.now()
    with session.transaction() as conn:
        rows = conn.execute(
            "UPDATE seals SET active = 0, retired_at = ?, updated_at = ? WHERE active = 1 AND owner = ?"
            " RETURNING id",
            (now, now, owner),
        ).fetchall()
        if not rows:
            raise NotFound(f"{_label(owner)}当前没有启用的印章。")
        session.audit("seal_retire", "seal", rows[0]["id"], _label(owner))


_INFO = (
    "SELECT s.id, s.name, s.width_px, s.height_px, s.sha256, s.created_at, coalesce(u.username, '') AS stored_by,"
    " s.active, s.retired_at, s.owner FROM seals s LEFT JOIN users u ON u.id = s.author_id"
)


def _info(conn, seal_id: str) -> SealInfo:
    row = conn.execute(f"{_INFO} WHERE s.id = ?", (seal_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该印章。")
    return record(SealInfo, row, active=bool)


def _require_any(session: Session, *caps: Cap) -> None:
    for cap in caps:
        if session.can(cap):
            session.require(cap)
            return
    session.require(caps[0])  # raises with the first capability's message


def active_seal(session: Session, owner: str = OFFICE) -> SealInfo | None:
    """What seal of `owner` is in use (no image): for the security officer and the office."""
    _require_any(session, Cap.SEAL_STORE, Cap.SEAL_APPLY)
    row = session.conn.execute(f"{_INFO} WHERE s.active = 1 AND s.owner = ?", (owner,)).fetchone()
    return record(SealInfo, row, active=bool) if row else None


def active_seals(session: Session) -> dict[str, SealInfo]:
    """Every owner's seal in use, by owner (no image)."""
    _require_any(session, Cap.SEAL_STORE, Cap.SEAL_APPLY)
    rows = session.conn.execute(f"{_INFO} WHERE s.active = 1 ORDER BY s.owner").fetchall()
    return {r["owner"]: record(SealInfo, r, active=bool) for r in rows}


def list_seals(session: Session) -> list[SealInfo]:
    session.require(Cap.SEAL_STORE)
    rows = session.conn.execute(f"{_INFO} ORDER BY s.created_at DESC").fetchall()
    return [record(SealInfo, r, active=bool) for r in rows]


def _decrypt(session: Session, seal_id: str) -> bytes:
    row = session.conn.execute("SELECT nonce, image, sha256 FROM seals WHERE id = ?", (seal_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该印章。")
    png = AESGCM(_key(session)).decrypt(bytes(row["nonce"]), bytes(row["image"]), seal_id.encode())
    if hashlib.sha256(png).hexdigest() != row["sha256"]:
        raise NotFound("印章图像校验失败。")
    return png


def seal_image(session: Session, seal_id: str | None = None, *, owner: str = OFFICE) -> bytes:
    """The image for the security officer to check what was stored (default: `owner`'s active one).

    Audited."""
    session.require(Cap.SEAL_STORE)
    if seal_id is None:
        info = active_seal(session, owner)
        if info is None:
            raise NotFound(f"{_label(owner)}当前没有启用的印章。")
        seal_id = info.id
    png = _decrypt(session, seal_id)
    session.audit("seal_view", "seal", seal_id)
    return png


def image_for_use(session: Session, owner: str = OFFICE) -> tuple[str, bytes]:
    """(seal id, PNG) of `owner`'s active seal, for sealing inside a registered print (Cap.SEAL_APPLY)."""
    session.require(Cap.SEAL_APPLY)
    info = session.conn.execute("SELECT id FROM seals WHERE active = 1 AND owner = ?", (owner,)).fetchone()
    if info is None:
        raise NotFound(f"安全保密管理员尚未保存印章图像（{_label(owner)}），不能用印。")
    return info["id"], _decrypt(session, info["id"])


def record_use(
    session: Session, conn, seal_id: str, document_id: str, version: int, register_id: str, numbers: list[int]
) -> None:
    """One line in the seal register; the caller holds the transaction and has checked SEAL_APPLY."""
    if not session.can(Cap.SEAL_APPLY):
        raise PermissionDenied("只有巡察办可以用印。")
    f.insert(
        conn,
        "seal_uses",
        {
            **session.record_values(),
            "seal_id": seal_id,
            "document_id": document_id,
            "version": int(version),
            "register_id": register_id,
            "first_copy": numbers[0],
            "last_copy": numbers[-1],
            "copies": len(numbers),
            "user_id": session.user.id,
            "username": session.user.username,
        },
    )
    session.audit("seal_apply", "official_document", document_id, f"版本 {version}，共 {len(numbers)} 份")


def seal_register(session: Session, *, document_id: str | None = None, limit: int = 1000) -> list[SealUse]:
    """Every use of the seal, newest first (ids and numbers only, no document text). Audited."""
    _require_any(session, Cap.SEAL_STORE, Cap.SEAL_APPLY, Cap.AUDIT_READ)
    sql = (
        "SELECT su.id, su.created_at AS at, su.username, su.document_id, d.serial, d.kind, su.version,"
        " su.first_copy, su.last_copy, su.copies, s.name AS seal_name,"
        " s.owner AS seal_owner FROM seal_uses su JOIN official_documents d ON d.id = su.document_id"
        " JOIN seals s ON s.id = su.seal_id"
    )
    params: tuple = ()
    if document_id:
        sql += " WHERE su.document_id = ?"
        params = (document_id,)
    rows = session.conn.execute(
        sql + " ORDER BY su.created_at DESC, su.rowid DESC LIMIT ?", (*params, limit)
    ).fetchall()
    session.audit("seal_register_view", "seal_register", document_id or "", f"{len(rows)} 条")
    return [record(SealUse, r) for r in rows]
