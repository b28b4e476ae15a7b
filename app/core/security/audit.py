"""The audit trail: append-only, hash-chained, its head kept outside the database as well.

Each entry's hash is an HMAC (keyed from the database key) over the previous entry's hash and the
entry's own fields, so changing, deleting or reordering any entry breaks the chain from that point.
Cutting entries off the end leaves a consistent chain, so the latest (seq, hash) is also written to
`audit.head` beside the database after every commit; verification checks the database reaches it.

Summaries name actions, ids and counts; they never contain record text.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.core.errors import IntegrityFailure, StoreError
from app.core.store.rows import record

GENESIS = "0" * 64
HEAD_FILE = "audit.head"
FIELDS = (
    "seq",
    "at",
    "user_id",
    "username",
    "role",
    "action",
    "object_type",
    "object_id",
    "summary",
    "workstation_id",
)


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    user_id: str | None
    username: str
    role: str
    action: str
    object_type: str
    object_id: str
    summary: str
    workstation_id: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    first_bad_seq: int | None
    message: str


def entry_hash(key: bytes, prev_hash: str, values: dict) -> str:
    payload = json.dumps([values[f] for f in FIELDS], ensure_ascii=False, separators=(",", ":"))
    return hmac.new(key, (prev_hash + "\x1f" + payload).encode("utf-8"), hashlib.sha256).hexdigest()


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def append(
    conn,
    key: bytes,
    *,
    user_id: str | None,
    username: str,
    role: str,
    action: str,
    workstation_id: str,
    object_type: str = "",
    object_id: str = "",
    summary: str = "",
    at: str | None = None,
) -> tuple[int, str]:
    """Add one entry inside the caller's transaction; returns its (seq, hash)."""
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (last["seq"] + 1, last["hash"]) if last else (1, GENESIS)
    values = {
        "seq": seq,
        "at": at or now_iso(),
        "user_id": user_id,
        "username": username,
        "role": role,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "summary": summary[:500],
        "workstation_id": workstation_id,
    }
    digest = entry_hash(key, prev, values)
    conn.execute(
        "INSERT INTO audit (seq, at, user_id, username, role, action, object_type, object_id, summary,"
        " workstation_id, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (*[values[f] for f in FIELDS], prev, digest),
    )
    return seq, digest


def rows_to_entries(rows: Iterable) -> list[AuditEntry]:
    return [record(AuditEntry, row) for row in rows]


SELECT_ALL = (
    "SELECT seq, at, user_id, username, role, action, object_type, object_id, summary, workstation_id,"
    " prev_hash, hash FROM audit"
)


def verify_chain(conn, key: bytes, head: tuple[int, str] | None = None) -> ChainReport:
    """Walk the whole chain; name the first entry that does not hold."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    last_hash = GENESIS
    for row in conn.execute(SELECT_ALL + " ORDER BY seq"):
        entry = record(AuditEntry, row)
        count += 1
        values = {f: getattr(entry, f) for f in FIELDS}
        if entry.seq != expected_seq:
            # The first bad one is the seq that is missing here, as the message says.
            return ChainReport(False, count, expected_seq, f"审计日志第 {expected_seq} 条缺失或顺序被改动。")
        if entry.prev_hash != prev or entry_hash(key, prev, values) != entry.hash:
            return ChainReport(False, count, entry.seq, f"审计日志第 {entry.seq} 条已被改动，哈希链断裂。")
        prev = last_hash = entry.hash
        expected_seq += 1
    last_seq = expected_seq - 1
    if head is not None:
        head_seq, head_hash = head
        if head_seq > last_seq:
            return ChainReport(
                False,
                count,
                last_seq + 1,
                f"审计日志被截断：应至少有 {head_seq} 条，实际只有 {last_seq} 条。",
            )
        if head_seq > 0:
            row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (head_seq,)).fetchone()
            if row is None or row[0] != head_hash:
                return ChainReport(False, count, head_seq, f"审计日志第 {head_seq} 条与库外保存的链头不符。")
    del last_hash
    return ChainReport(True, count, None, f"审计日志完整，共 {count} 条。")


# ---- the head outside the database -------------------------------------------------------------


def _head_mac(key: bytes, seq: int, digest: str) -> str:
    return hmac.new(key, f"{seq}:{digest}".encode("ascii"), hashlib.sha256).hexdigest()


# The head is one fixed 512-byte record overwritten in place, without fsync: it fits in one disk
# sector, which is written whole or not at all, so a crash leaves either the new head or the previous
# one, and a head that lags the database is allowed (verification only needs the database to reach
# it). That keeps the head off the commit's critical path: the WAL's fsync is the only one per commit.
HEAD_RECORD = 512


def _head_record(key: bytes, seq: int, digest: str) -> bytes:
    body = json.dumps({"seq": seq, "hash": digest, "mac": _head_mac(key, seq, digest)}).encode("ascii")
    return body.ljust(HEAD_RECORD - 1, b" ") + b"\n"


def write_head(folder: Path, key: bytes, seq: int, digest: str) -> None:
    """Record the newest (seq, hash); never move the head backwards (another writer may be ahead).

    Runs after every commit, so it is one open, one read and one write of the same descriptor.
    """
    fd = os.open(folder / HEAD_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        raw = os.pread(fd, HEAD_RECORD + 1, 0)
        if raw:
            try:
                current = _parse_head(raw, key)
            except StoreError:
                current = None  # spoilt: the commit that called us is genuine, so rewrite it
            if current is not None and current[0] >= seq:
                return
        os.pwrite(fd, _head_record(key, seq, digest), 0)
        if len(raw) > HEAD_RECORD:
            os.ftruncate(fd, HEAD_RECORD)
    finally:
        os.close(fd)


def read_head(folder: Path, key: bytes) -> tuple[int, str] | None:
    """The head, or None when there is no head file; StoreError/IntegrityFailure when it is spoilt."""
    try:
        raw = (folder / HEAD_FILE).read_bytes()
    except FileNotFoundError:
        return None
    return _parse_head(raw, key)


def _parse_head(raw: bytes, key: bytes) -> tuple[int, str]:
    try:
        if len(raw) != HEAD_RECORD or not raw.endswith(b"\n"):
            raise ValueError("length")
        text = raw.decode("ascii")
        body = json.loads(text)
        if text.rstrip(" \n") != json.dumps(body):
            raise ValueError("padding")
        seq, digest, mac = int(body["seq"]), str(body["hash"]), str(body["mac"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise StoreError("审计链头文件已损坏。") from exc
    if not hmac.compare_digest(mac, _head_mac(key, seq, digest)):
        raise IntegrityFailure("审计链头文件已被改动（校验码不符）。")
    return seq, digest
