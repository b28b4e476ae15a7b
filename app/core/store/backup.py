"""Encrypted, verified backups and a restore that refuses damaged or foreign files.

A backup is one file:

    MAGIC | 4-byte header length | header (JSON) | database bytes

The database bytes are a page-for-page SQLCipher copy made with SQLite's online backup API, so they
stay encrypted under the database key. The header carries a copy of the key slots (so the backup can
be opened with any account's password or the recovery code), the schema version, the payload's
SHA-256 and length, and an HMAC over all of it keyed from the database key. A backup is reported done
only after the written file has been re-read, its HMAC and hash checked, and its database reopened
and checked page by page.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import struct
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.core.errors import AccountLocked, Cancelled, IntegrityFailure, PermissionDenied, StoreError
from app.core.security import audit as audit_trail
from app.core.security.roles import Cap, Role, allowed
from app.core.session import Session
from app.core.store import migrations, swap
from app.core.store.connection import DB_FILE, DatabaseError, open_connection
from app.core.store.fileio import fsync_dir
from app.core.store.keyslots import SLOTS_FILE, KeySlots, subkey, unlock_error
from app.core.store.verify import run_checks

MAGIC = b"XCBAK\x00\x01\n"
MAX_HEADER = 4 * 1024 * 1024
CHUNK = 1024 * 1024
Progress = Callable[[int, int], None]
# What a restore replaces: the database with its WAL, the audit head, the key slots.
SWAPPED_FILES = (DB_FILE, DB_FILE + "-wal", DB_FILE + "-shm", audit_trail.HEAD_FILE, SLOTS_FILE)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    sha256: str
    created_at: str
    schema_version: int
    db_uuid: str


@dataclass(frozen=True)
class RestoreInfo:
    created_at: str
    schema_version: int
    previous_copy: Path | None


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled()


def _header_mac(db_key: bytes, header: dict) -> str:
    body = json.dumps({k: v for k, v in header.items() if k != "mac"}, sort_keys=True, ensure_ascii=False)
    return hmac.new(subkey(db_key, "backup-header"), body.encode("utf-8"), hashlib.sha256).hexdigest()


def create_backup(
    session: Session, dest: Path, progress: Progress | None = None, cancel: threading.Event | None = None
) -> BackupInfo:
    session.require(Cap.BACKUP_CREATE)
    dest = Path(dest)
    if dest.resolve().parent == session.folder.resolve():
        raise StoreError("备份文件不能放在数据目录中，请选择移动介质或其他文件夹。")
    staging_db = dest.with_name(f".{dest.name}.{uuid.uuid4().hex}.db")
    partial = dest.with_name(f".{dest.name}.{uuid.uuid4().hex}.partial")
    try:
        # 1. Page copy, in steps so that progress shows and Cancel is honoured between steps.
        target = open_connection(staging_db, session.db_key, create=True)
        try:
            remaining = {"total": 1, "left": 1}

            def on_step(status: int, left: int, total: int) -> None:
                remaining.update(total=total, left=left)
                if progress:
                    progress(total - left, total * 2)  # the copy is the first half of the work
                if cancel is not None and cancel.is_set():
                    raise Cancelled()

            session.conn.backup(target, pages=64, progress=on_step)
            target.execute("PRAGMA journal_mode = DELETE")
            schema = migrations.schema_version(target)
        finally:
            target.close()
        _check_cancel(cancel)

        # 2. Hash the copy and write the container.
        digest, size = hashlib.sha256(), staging_db.stat().st_size
        slots = KeySlots.load(session.folder)
        meta = {r["key"]: r["value"] for r in session.conn.execute("SELECT key, value FROM meta")}
        with staging_db.open("rb") as f:
            for chunk in iter(lambda: f.read(CHUNK), b""):
                digest.update(chunk)
        header = {
            "format": "xuncha-backup/1",
            "created_at": datetime.now(UTC).isoformat(),
            "created_by": session.user.username,
            "db_uuid": meta["db_uuid"],
            "workstation_id": meta["workstation_id"],
            "schema_version": schema,
            "db_size": size,
            "db_sha256": digest.hexdigest(),
            "slots": slots.data,
        }
        header["mac"] = _header_mac(session.db_key, header)
        head_bytes = json.dumps(header, ensure_ascii=False).encode("utf-8")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out, staging_db.open("rb") as src:
            out.write(MAGIC + struct.pack(">I", len(head_bytes)) + head_bytes)
            done = 0
            for chunk in iter(lambda: src.read(CHUNK), b""):
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(size + done // 2, size * 2)
                _check_cancel(cancel)
            out.flush()
            os.fsync(out.fileno())

        # 3. Verify what was written before calling it done.
        _verify_container(partial, session.db_key, workdir=dest.parent)
        os.replace(partial, dest)
        fsync_dir(dest.parent)
        if progress:
            progress(size * 2, size * 2)
    finally:
        for leftover in (staging_db, partial, staging_db.with_name(staging_db.name + "-journal")):
            leftover.unlink(missing_ok=True)
    session.audit("backup_create", "backup", header["db_sha256"][:16], f"{dest.name}，{size} 字节")
    return BackupInfo(
        dest, dest.stat().st_size, header["db_sha256"], header["created_at"], schema, meta["db_uuid"]
    )


# ---- reading a container ------------------------------------------------------------------------


def read_header(path: Path) -> tuple[dict, int]:
    """The header and the offset of the database bytes; StoreError for anything not a backup of ours."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"找不到备份文件：{path}")
    with path.open("rb") as f:
        if f.read(len(MAGIC)) != MAGIC:
            raise StoreError("该文件不是巡察工作台的备份文件。")
        raw_len = f.read(4)
        if len(raw_len) != 4:
            raise StoreError("备份文件不完整（文件头被截断）。")
        (length,) = struct.unpack(">I", raw_len)
        if not 0 < length <= MAX_HEADER:
            raise StoreError("备份文件已损坏（文件头长度异常）。")
        raw = f.read(length)
    if len(raw) != length:
        raise StoreError("备份文件不完整（文件头被截断）。")
    try:
        header = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError("备份文件已损坏（文件头无法解析）。") from exc
    required = {"format", "db_uuid", "db_size", "db_sha256", "slots", "mac", "schema_version", "created_at"}
    if (
        not isinstance(header, dict)
        or header.get("format") != "xuncha-backup/1"
        or not required <= header.keys()
    ):
        raise StoreError("备份文件格式不正确。")
    return header, len(MAGIC) + 4 + length


def _extract(path: Path, offset: int, header: dict, dest_db: Path, progress: Progress | None, cancel) -> None:
    size = int(header["db_size"])
    if path.stat().st_size != offset + size:
        raise IntegrityFailure("备份文件长度不符：文件被截断或被追加了内容。")
    digest = hashlib.sha256()
    fd = os.open(dest_db, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with path.open("rb") as src, os.fdopen(fd, "wb") as out:
        src.seek(offset)
        done = 0
        for chunk in iter(lambda: src.read(CHUNK), b""):
            digest.update(chunk)
            out.write(chunk)
            done += len(chunk)
            if progress:
                progress(done, size * 2)
            _check_cancel(cancel)
        out.flush()
        os.fsync(out.fileno())
    if not hmac.compare_digest(digest.hexdigest(), str(header["db_sha256"])):
        raise IntegrityFailure("备份文件中的数据库内容已损坏（SHA-256 不符）。")


def _verify_container(path: Path, db_key: bytes, workdir: Path) -> dict:
    header, offset = read_header(path)
    if not hmac.compare_digest(str(header["mac"]), _header_mac(db_key, header)):
        raise IntegrityFailure("备份文件头校验失败：文件已被改动，或不属于本数据库。")
    probe = workdir / f".verify-{uuid.uuid4().hex}.db"
    try:
        _extract(path, offset, header, probe, None, None)
        conn = open_connection(probe, db_key)
        try:
            report = run_checks(conn, workdir, db_key)
        finally:
            conn.close()
        page_problems = [p for p in report.checks if p[0] != "审计日志" and not p[1]]
        if page_problems:
            raise IntegrityFailure("备份校验失败：" + "；".join(f"{n}：{d}" for n, _, d in page_problems))
    finally:
        for leftover in (probe, probe.with_name(probe.name + "-wal"), probe.with_name(probe.name + "-shm")):
            leftover.unlink(missing_ok=True)
    return header


# ---- restore ------------------------------------------------------------------------------------


def _unwrap_counted(
    current: KeySlots | None, slots: KeySlots, username: str, password: str
) -> bytearray | bytes:
    """The backup's database key for `username`, with wrong passwords counted as at sign-in.

    The counters are the workstation's own (`current`, the folder's slot file): a restore is refused
    while the account is locked, and each wrong password counts toward its lockout. Restoring into a
    folder with no slot file has nothing to count in; whoever holds the backup file could as well
    copy it anywhere, so what bounds guessing there is the Argon2id cost of each try.
    """
    if current is not None:
        try:
            current.check_not_locked(username)
        except AccountLocked:
            current.record_refused(username, "restore_refused_locked")
            raise
    db_key = slots.try_unwrap(username, password)
    if db_key is None:
        if current is not None and current.record_failure(username, "restore_wrong_password"):
            minutes = int(current.policy.get("lockout_minutes", 10))
            raise AccountLocked(f"密码连续错误次数过多，账号已锁定 {minutes} 分钟。")
        raise unlock_error()
    return db_key


def restore_backup(
    folder: Path,
    source: Path,
    username: str,
    password: str,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> RestoreInfo:
    """Replace the workstation's database with a verified backup of it (sysadmin's password).

    Refuses a file that is not a backup, is damaged, or belongs to another workstation's database.
    The replaced database is kept, still encrypted, in a `replaced-…` folder beside it. The files
    are swapped in under a journal (app.core.store.swap): a crash or an I/O error at any point
    leaves the folder with either the old complete state or the restored one.
    """
    folder, source = Path(folder), Path(source)
    header, offset = read_header(source)
    swap.settle(folder)  # an earlier restore that did not finish is undone first
    current = KeySlots.load(folder) if (folder / SLOTS_FILE).exists() else None
    if current is not None and current.db_uuid != header["db_uuid"]:
        raise StoreError("该备份属于另一个数据库（另一台工作站），不能恢复到这里。")
    slots = KeySlots.parse(folder / SLOTS_FILE, json.dumps(header["slots"]).encode("utf-8"))
    username = username.strip().lower()
    db_key = _unwrap_counted(current, slots, username, password)
    if not hmac.compare_digest(str(header["mac"]), _header_mac(db_key, header)):
        raise IntegrityFailure("备份文件头校验失败：文件已被改动。")
    slots.verify_mac(db_key)
    if current is not None:
        # The restored folder keeps this workstation's failure counters, not the backup's older ones:
        # a restore must not reset a lockout. Checked first against their snapshot where the key fits
        # (a key rotation since the backup leaves only the counters' own MAC, checked at load).
        with contextlib.suppress(IntegrityFailure):
            current.verify_mac(db_key)
        slots.data["failures"] = current.data["failures"]
    if int(header["schema_version"]) > migrations.latest_version():
        raise StoreError("该备份来自更新版本的程序，请先升级本程序。")

    folder.mkdir(parents=True, exist_ok=True)
    staging = folder / f".restore-{uuid.uuid4().hex}"
    previous = folder / f"replaced-{datetime.now().strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
    try:
        swap.begin(folder, staging, previous)
        _extract(source, offset, header, staging / DB_FILE, progress, cancel)
        conn = open_connection(staging / DB_FILE, db_key)
        try:
            report = run_checks(conn, staging, db_key)
            bad = [p for p in report.checks if p[0] != "审计日志" and not p[1]]
            if bad:
                raise IntegrityFailure("备份中的数据库已损坏：" + "；".join(d for _, _, d in bad))
            row = conn.execute("SELECT role, disabled FROM users WHERE username = ?", (username,)).fetchone()
            if row is None or not allowed(Role(row["role"]), Cap.BACKUP_RESTORE) or row["disabled"]:
                raise PermissionDenied("只有系统管理员可以恢复备份。")
            migrations.migrate(conn)
            last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        _check_cancel(cancel)
        audit_trail.write_head(staging, subkey(db_key, "audit-head"), int(last["seq"]), str(last["hash"]))
        slots.path = staging / SLOTS_FILE
        slots.save(db_key)

        # The restore is recorded in the restored database, by the account that did it, before the
        # swap: once the files are in place the restore is complete, audit entry included.
        from app.core.workstation import Workstation

        session = Workstation(staging).unlock(username, password)
        try:
            session.audit(
                "backup_restore", "backup", str(header["db_sha256"])[:16], f"备份时间 {header['created_at']}"
            )
        finally:
            session.close()
        _check_cancel(cancel)

        # Swap: the replaced files are kept (encrypted) in a replaced-… folder; see swap.py.
        kept = swap.swap_in(folder, staging, previous, SWAPPED_FILES)
    except OSError as exc:  # the disk failed before the swap began: nothing was replaced
        raise StoreError(f"恢复备份时写入失败，原数据库未改动：{exc}") from exc
    finally:
        # Whatever stopped the restore, the staging folder and the journal go; if the disk fails
        # even now, the next open does this.
        with contextlib.suppress(OSError, StoreError):
            swap.settle(folder)
    previous = previous if kept else None
    if progress:
        progress(1, 1)
    return RestoreInfo(str(header["created_at"]), int(header["schema_version"]), previous)


__all__ = ["create_backup", "restore_backup", "read_header", "BackupInfo", "RestoreInfo", "DatabaseError"]
