"""The audit trail: append-only, hash-chained, signed, its head kept outside the database as well.

Each entry's hash is an HMAC (keyed from the database key) over the previous entry's hash, the
entry's own fields and its signature, so changing, deleting or reordering any entry breaks the chain
from that point for anyone who holds the key. Anyone who holds a password holds that key, so each
entry is also signed (Ed25519) by the key pair of the account that acted, the signature covering the
entry and the previous entry's hash: rewriting an entry means forging the signature of everyone who
acted after it (`verify_signatures`, with the keys from app.core.security.account_keys). Entries
written before signing existed have no signature; the upgrade entry that follows them covers them.
Cutting entries off the end leaves a consistent chain, so the latest (seq, hash) is also written to
`audit.head` beside the database after every commit; verification checks the database reaches it,
and the printed anchors (app.core.security.anchors) catch the whole folder rolled back.

Summaries name actions, ids and counts; they never contain record text.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.core.errors import IntegrityFailure, StoreError
from app.core.store.keyslots import AccountKeyPair
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
    signer_key: str = ""
    signature: str = ""


UPGRADE_ACTION = "audit_signing_upgrade"


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    first_bad_seq: int | None
    message: str


def _payload(values: dict) -> str:
    return json.dumps([values[f] for f in FIELDS], ensure_ascii=False, separators=(",", ":"))


def entry_hash(
    key: bytes, prev_hash: str, values: dict, signer_key: str = "", signature: str = "", *, payload: str = ""
) -> str:
    text = prev_hash + "\x1f" + (payload or _payload(values))
    if signature:  # an unsigned entry (from before signing) keeps the hash it was written with
        text += "\x1f" + signer_key + "\x1f" + signature
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def signed_message(prev_hash: str, values: dict, signer_key: str, *, payload: str = "") -> bytes:
    """What an entry's signature covers: the previous entry's hash, the entry, the signing key's id."""
    text = payload or _payload(values)
    return ("xuncha-audit/1\x1f" + prev_hash + "\x1f" + text + "\x1f" + signer_key).encode("utf-8")


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
    signer: AccountKeyPair | None = None,
) -> tuple[int, str]:
    """Add one entry inside the caller's transaction, signed by `signer`; returns its (seq, hash)."""
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
    signer_key = signature = ""
    payload = _payload(values)  # once: the signature and the hash both cover it
    if signer is not None:
        signer_key = signer.key_id
        message = signed_message(prev, values, signer_key, payload=payload)
        signature = base64.b64encode(signer.sign.sign(message)).decode("ascii")
    digest = entry_hash(key, prev, values, signer_key, signature, payload=payload)
    conn.execute(
        "INSERT INTO audit (seq, at, user_id, username, role, action, object_type, object_id, summary,"
        " workstation_id, prev_hash, hash, signer_key, signature) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (*[values[f] for f in FIELDS], prev, digest, signer_key, signature),
    )
    return seq, digest


def rows_to_entries(rows: Iterable) -> list[AuditEntry]:
    return [record(AuditEntry, row) for row in rows]


SELECT_ALL = (
    "SELECT seq, at, user_id, username, role, action, object_type, object_id, summary, workstation_id,"
    " prev_hash, hash, signer_key, signature FROM audit"
)
SELECT_UNSIGNED = SELECT_ALL.replace(", signer_key, signature", "")


def verify_chain(
    conn, key: bytes, head: tuple[int, str] | None = None, *, signed: bool = True
) -> ChainReport:
    """Walk the whole chain; name the first entry that does not hold.

    `signed=False` reads a trail from before signing (schema version 9 or older), which has no
    signature columns."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    last_hash = GENESIS
    for row in conn.execute((SELECT_ALL if signed else SELECT_UNSIGNED) + " ORDER BY seq"):
        entry = record(AuditEntry, row)
        count += 1
        values = {f: getattr(entry, f) for f in FIELDS}
        if entry.seq != expected_seq:
            # The first bad one is the seq that is missing here, as the message says.
            return ChainReport(False, count, expected_seq, f"审计日志第 {expected_seq} 条缺失或顺序被改动。")
        if (
            entry.prev_hash != prev
            or entry_hash(key, prev, values, entry.signer_key, entry.signature) != entry.hash
        ):
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


@dataclass(frozen=True)
class SignerKey:
    """A public key as verification needs it: whose it is, and whether it is trusted."""

    key_id: str
    slot_name: str
    user_id: str | None
    public: Ed25519PublicKey
    trusted: bool
    recovery: bool = False


def verify_signatures(conn, keys: dict[str, SignerKey]) -> ChainReport:
    """Check every entry's signature (the chain's HMACs are verify_chain's job); name the first bad one.

    Entries without a signature are allowed only before the one upgrade entry, which must be signed
    and is the first signed entry; after it every entry is signed by a trusted key of the account
    that acted (or, for an entry naming no account, of the account that wrote it; a recovery
    session signs with the recovery slot's own key).
    """
    prev = GENESIS
    count = 0
    unsigned: int | None = None  # the first unsigned entry not yet covered by an upgrade entry
    signed_seen = False
    for row in conn.execute(SELECT_ALL + " ORDER BY seq"):
        entry = record(AuditEntry, row)
        count += 1
        values = {f: getattr(entry, f) for f in FIELDS}
        if not entry.signature:
            if signed_seen:
                return ChainReport(
                    False, count, entry.seq, f"审计日志第 {entry.seq} 条没有签名（签名启用后不应出现）。"
                )
            unsigned = unsigned or entry.seq
            prev = entry.hash
            continue
        bad = _signature_problem(entry, prev, values, keys)
        if bad:
            return ChainReport(False, count, entry.seq, f"审计日志第 {entry.seq} 条{bad}")
        if unsigned is not None and entry.action != UPGRADE_ACTION:
            return ChainReport(
                False, count, unsigned, f"审计日志第 {unsigned} 条起没有签名，也没有签名启用条目为其确认。"
            )
        if entry.action == UPGRADE_ACTION and (signed_seen or unsigned is None):
            return ChainReport(False, count, entry.seq, f"审计日志第 {entry.seq} 条是多余的签名启用条目。")
        unsigned = None
        signed_seen = True
        prev = entry.hash
    if unsigned is not None:
        return ChainReport(False, count, unsigned, f"审计日志第 {unsigned} 条起没有签名。")
    return ChainReport(True, count, None, f"审计日志的 {count} 条签名全部有效。")


def _signature_problem(entry: AuditEntry, prev: str, values: dict, keys: dict[str, SignerKey]) -> str:
    key = keys.get(entry.signer_key)
    if key is None:
        return "的签名密钥不在账号公钥表中。"
    try:
        key.public.verify(base64.b64decode(entry.signature), signed_message(prev, values, entry.signer_key))
    except (InvalidSignature, ValueError):
        return "的签名无效：条目或其前一条已被改动。"
    if entry.user_id is not None and key.user_id != entry.user_id and not key.recovery:
        return "的签名密钥不属于该条目记载的账号。"
    if not key.trusted:
        return "的签名密钥不可信（不是账号密钥槽中的公钥，也没有经过认证）。"
    return ""


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


def write_head(
    folder: Path, key: bytes, seq: int, digest: str, known: tuple[bytes, int] | None = None
) -> tuple[bytes, int]:
    """Record the newest (seq, hash); never move the head backwards (another writer may be ahead).

    Runs after every commit, so it is one open, one read and one write of the same descriptor.
    `known` is what this writer found or wrote last time (the record's bytes and its seq, as
    returned): when the file still holds exactly those bytes, they are not parsed and checked again
    (a session's own previous head: what `HeadWriter` passes). Returns the record now in the file
    and its seq.
    """
    fd = os.open(folder / HEAD_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        raw = os.pread(fd, HEAD_RECORD + 1, 0)
        if raw:
            if known is not None and raw == known[0]:
                current: tuple[int, str] | None = (known[1], "")
            else:
                try:
                    current = _parse_head(raw, key)
                except StoreError:
                    current = None  # spoilt: the commit that called us is genuine, so rewrite it
            if current is not None and current[0] >= seq:
                return raw, current[0]
        record = _head_record(key, seq, digest)
        os.pwrite(fd, record, 0)
        if len(raw) > HEAD_RECORD:
            os.ftruncate(fd, HEAD_RECORD)
        return record, seq
    finally:
        os.close(fd)


class HeadWriter:
    """A session's writer of the head: write_head, remembering the record it last found or wrote."""

    def __init__(self, folder: Path, key: bytes | bytearray) -> None:
        self.folder, self.key = folder, key
        self._known: tuple[bytes, int] | None = None

    def write(self, seq: int, digest: str) -> None:
        self._known = write_head(self.folder, bytes(self.key), seq, digest, self._known)


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
