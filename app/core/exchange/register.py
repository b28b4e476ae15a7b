"""The exchange register: every package exported or imported, on which medium, by whom, when, what.

The medium's register number is what the office's removable-media register gives the USB stick or
disc (e.g. `U盘-2026-017`); the user types it, and it is checked as any other field. Received
packages are kept as they arrived (still encrypted) under `exchange-archive/` in the data folder,
named in their register row; `archive` lists them with their medium.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from app.core.domain import _fields as f
from app.core.exchange import identity as ident
from app.core.exchange import package
from app.core.exchange.errors import ExchangeError
from app.core.exchange.package_format import OpenWith
from app.core.security.roles import Cap
from app.core.session import Session

ARCHIVE_DIR = "exchange-archive"


@dataclass(frozen=True)
class RegisterEntry:
    id: str
    created_at: str
    direction: str
    kind: str
    medium_no: str
    peer_workstation_id: str
    package_seq: int
    package_sha256: str
    username: str
    counts: dict
    archive_name: str
    status: str


def medium(value) -> str:
    return f.text(value, "medium_no", "存储介质登记编号", max_len=40)


def add(
    session: Session,
    *,
    direction: str,
    kind: str,
    medium_no: str,
    peer: str,
    seq: int,
    sha256: str,
    counts: dict,
    status: str,
    archive_name: str = "",
) -> str:
    """Write one register row inside the caller's transaction; its id."""
    values = session.record_values()
    session.conn.execute(
        "INSERT INTO exchange_register (id, created_at, updated_at, author_id, workstation_id, direction, kind,"
        " medium_no, peer_workstation_id, package_seq, package_sha256, username, counts, archive_name, status)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            values["id"],
            values["created_at"],
            values["updated_at"],
            values["author_id"],
            values["workstation_id"],
            direction,
            kind,
            medium_no,
            peer,
            int(seq),
            sha256,
            session.user.username,
            json.dumps(counts, ensure_ascii=False, sort_keys=True),
            archive_name,
            status,
        ),
    )
    return values["id"]


def _entry(row) -> RegisterEntry:
    return RegisterEntry(
        row["id"],
        row["created_at"],
        row["direction"],
        row["kind"],
        row["medium_no"],
        row["peer_workstation_id"],
        int(row["package_seq"]),
        row["package_sha256"],
        row["username"],
        json.loads(row["counts"] or "{}"),
        row["archive_name"],
        row["status"],
    )


def entries(session: Session) -> list[RegisterEntry]:
    """The whole register, oldest first (Cap.EXPORT: the office and the leaders who exchange)."""
    session.require(Cap.EXPORT)
    rows = session.conn.execute("SELECT * FROM exchange_register ORDER BY created_at, package_seq").fetchall()
    session.audit("exchange_register_view", "exchange", "", f"{len(rows)} 条")
    return [_entry(r) for r in rows]


def archive(session: Session) -> list[tuple[RegisterEntry, Path]]:
    """The received packages kept as encrypted archive copies, each with its register row (medium)."""
    folder = session.folder / ARCHIVE_DIR
    return [(e, folder / e.archive_name) for e in entries(session) if e.archive_name]


def keep_copy(session: Session, source: Path, name: str) -> tuple[Path, str]:
    """Copy a received package into the archive folder (before it is read: what is used is what is
    kept); the copy's path and the SHA-256 of what was copied."""
    folder = session.folder / ARCHIVE_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / name
    digest = hashlib.sha256()
    with open(source, "rb") as src, open(target, "wb") as dst:
        os.chmod(target, 0o600)
        for block in iter(lambda: src.read(1 << 20), b""):
            digest.update(block)
            dst.write(block)
        dst.flush()
        os.fsync(dst.fileno())
    return target, digest.hexdigest()


def already_imported(session: Session, sha256: str) -> RegisterEntry | None:
    """The register row of a package with these exact bytes imported before, if any."""
    row = session.conn.execute(
        "SELECT * FROM exchange_register WHERE direction = 'import' AND package_sha256 = ?", (sha256,)
    ).fetchone()
    return None if row is None else _entry(row)


def archive_contents(session: Session, register_id: str) -> tuple[dict, dict[str, int]]:
    """What a kept package held (its manifest and rows per table), read from the archive copy in
    memory (nothing is written out): what a team handed in on a given day (the office)."""
    session.require(Cap.ORG_MANAGE)
    entry = next((e for e in entries(session) if e.id == register_id and e.archive_name), None)
    me = ident.own(session.conn)
    if entry is None or me is None:
        raise ExchangeError("找不到该交换包的存档副本。")
    path = session.folder / ARCHIVE_DIR / entry.archive_name
    peer = ident.peer(session.conn, entry.peer_workstation_id)
    manifest = package.verify(
        path, OpenWith(me.seal), lambda m: bytes.fromhex(peer["sign_public"]) if peer else None
    )
    counts = {name: int(part["count"]) for name, part in manifest["parts"].items()}
    session.audit(
        "exchange_archive_view",
        "exchange",
        register_id,
        f"第 {entry.package_seq} 号，{sum(counts.values())} 行",
    )
    return manifest, counts
