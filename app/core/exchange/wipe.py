"""Wipe: after the office confirmed the merge, the team workstation destroys its data and says so.

Refused until the office's receipt for the last hand-in is in and nothing changed since (so nothing
is lost). Then every file is hashed, and destroyed in this order: the key slots first (the only
wrapped copies of SQLCipher's database key: once they are gone the database opens for nobody), the
audit head, the database and its WAL, then the archive and staging leftovers, the backups named
by the user, and the drafts with the database they live in. Each file is overwritten with random
bytes, flushed to disk, truncated and removed. The result is a wipe certificate (what was
destroyed, its hashes, when, by whom) to print (app.core.printing.wipe_certificate).

Overwriting cannot reach copies a flash medium's controller keeps on its own; that is why the key
goes first: what may survive is ciphertext under a key that no longer exists anywhere.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from app.core.exchange import identity as ident
from app.core.exchange import review
from app.core.exchange.errors import ExchangeError
from app.core.security import audit as audit_trail
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.store.connection import DB_FILE
from app.core.store.keyslots import SLOTS_FILE

FIRST = (SLOTS_FILE, audit_trail.HEAD_FILE, DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm")


@dataclass(frozen=True)
class WipedFile:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class WipeCertificate:
    id: str
    org_name: str
    workstation_id: str
    db_uuid: str
    team: str
    operator: str
    started_at: str
    finished_at: str
    acknowledged_seq: int
    drafts: int
    records: int
    files: list[WipedFile] = field(default_factory=list)

    @property
    def digest(self) -> str:
        text = "|".join(
            [
                self.id,
                self.workstation_id,
                self.db_uuid,
                self.finished_at,
                *(f"{f.name}:{f.size}:{f.sha256}" for f in self.files),
            ]
        )
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def shred(path: Path) -> None:
    """Overwrite a file with random bytes, flush it to disk, truncate it and remove it."""
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        left = size
        while left > 0:
            n = min(left, 1 << 20)
            handle.write(os.urandom(n))
            left -= n
        handle.flush()
        os.fsync(handle.fileno())
        handle.truncate(0)
        os.fsync(handle.fileno())
    path.unlink()


def _ordered(folder: Path, backups: list[Path]) -> list[tuple[str, Path]]:
    first = [(name, folder / name) for name in FIRST if (folder / name).is_file()]
    rest = sorted(p for p in folder.rglob("*") if p.is_file())
    seen = {p for _, p in first}
    out = first + [(str(p.relative_to(folder)), p) for p in rest if p not in seen]
    out += [(f"备份：{p.name}", p) for p in backups]
    return out


def check_ready(session: Session) -> dict:
    """What the wipe needs: a team workstation whose last hand-in the office acknowledged, nothing since."""
    session.require(Cap.ISSUE_SIGN)
    conn = session.conn
    values = ident.team_settings(conn)
    sent = conn.execute(
        "SELECT package_seq, status FROM exchange_register WHERE direction = 'export' AND kind = 'hand_in'"
        " ORDER BY package_seq DESC LIMIT 1"
    ).fetchone()
    if sent is None or sent["status"] != "acknowledged":
        raise ExchangeError("巡察办尚未确认合并最后一次移交（未导入合并回执），不能清理本工作站。")
    summary = review.summarise(session, values["team_id"], values["office_workstation_id"])
    waiting = sum(summary.tables.values())
    if waiting:
        raise ExchangeError(f"还有 {waiting} 条记录在最后一次移交之后有改动、尚未移交，不能清理本工作站。")
    return values | {"acknowledged_seq": str(sent["package_seq"])}


def wipe(session: Session, *, backups: list[Path] | None = None) -> WipeCertificate:
    """Destroy the team workstation's data folder (and the named backups); the certificate."""
    backups = [Path(p) for p in backups or []]
    for path in backups:
        if not path.is_file():
            raise ExchangeError(f"找不到要清理的备份文件：{path}")
    values = check_ready(session)
    conn = session.conn
    meta = {r["key"]: r["value"] for r in conn.execute("SELECT key, value FROM meta")}
    team = conn.execute("SELECT name FROM teams WHERE id = ?", (values["team_id"],)).fetchone()
    drafts = int(conn.execute("SELECT count(*) FROM drafts").fetchone()[0])
    records = int(conn.execute("SELECT count(*) FROM talks").fetchone()[0]) + int(
        conn.execute("SELECT count(*) FROM issues").fetchone()[0]
    )
    started = audit_trail.now_iso()
    operator = f"{session.user.display_name}（{session.user.username}）"
    folder = session.folder
    session.audit("exchange_wipe", "exchange", "", f"清理工作站，备份 {len(backups)} 份")
    session.close(reason="logout")  # the connection closed, every key in memory wiped
    files = _ordered(folder, backups)
    listed = [WipedFile(name, path.stat().st_size, _hash(path)) for name, path in files]
    for _, path in files:
        shred(path)
    for sub in sorted((p for p in folder.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        sub.rmdir()
    return WipeCertificate(
        str(uuid.uuid4()),
        meta.get("org_name", ""),
        meta.get("workstation_id", ""),
        meta.get("db_uuid", ""),
        team[0] if team else "",
        operator,
        started,
        audit_trail.now_iso(),
        int(values["acknowledged_seq"]),
        drafts,
        records,
        listed,
    )
