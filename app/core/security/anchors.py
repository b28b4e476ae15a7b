"""External anchors of the audit trail: checkpoints on paper and printed copies' codes.

A data folder copied back from an older copy (database, head and slots together) is consistent in
itself; only something kept outside it can show it is older. Two things are:

- an audit checkpoint (`make_checkpoint`): the auditor prints it (sequence, hash, time, QR) or takes
  its code from `python -m app audit-checkpoint`; its code is `XCA-<seq>-<100 bits of the chain's
  hash at seq, base32 in groups of five>`, its QR `XCA1|<seq>|<hash>|<time>`. The checkpoint is the
  (seq, hash) of its own audit entry;
- every printed copy's authentication code, which carries the audit sequence at print time and a tag
  over the copy and the chain's hash there (app.core.printing.authentication).

`check_anchor(conn, db_key, code)` fails when the database has fewer entries than the anchor (older
than the paper), or its chain at that entry is another one (rolled back, then written on).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.errors import ValidationError
from app.core.printing.authentication import ALPHABET, PURPOSE, anchor_tag, parse_code
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.store.key_root import derivation_root
from app.core.store.keyslots import subkey

CHECKPOINT_PREFIX = "XCA"
QR_PREFIX = "XCA1"
TAG_CHARS = 20  # 100 bits of the chain's hash
_CODE = re.compile(r"^XCA-(\d{1,12})-((?:[A-Z2-9]{5}-?){4})$")


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: str  # the entry's time, UTC ISO
    code: str
    qr: str


@dataclass(frozen=True)
class AnchorResult:
    ok: bool
    message: str


def hash_tag(digest: str) -> str:
    """100 bits of a chain hash (hex) in the look-alike-free alphabet, in groups of five."""
    value = int(digest[:25], 16)  # 100 bits
    chars = "".join(ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(TAG_CHARS)))
    return "-".join(chars[i : i + 5] for i in range(0, TAG_CHARS, 5))


def checkpoint_code(seq: int, digest: str) -> str:
    return f"{CHECKPOINT_PREFIX}-{int(seq)}-{hash_tag(digest)}"


def make_checkpoint(session: Session) -> Checkpoint:
    """Write the checkpoint's own audit entry and return it (the auditor; Cap.AUDIT_READ)."""
    session.require(Cap.AUDIT_READ)
    with session.transaction() as conn:
        session.audit("audit_checkpoint", "audit", "", "打印审计检查点")
        row = conn.execute("SELECT seq, hash, at FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, digest, at = int(row["seq"]), str(row["hash"]), str(row["at"])
    return Checkpoint(seq, digest, at, checkpoint_code(seq, digest), f"{QR_PREFIX}|{seq}|{digest}|{at}")


def _last_seq(conn) -> int:
    return int(conn.execute("SELECT coalesce(max(seq), 0) FROM audit").fetchone()[0])


def _hash_at(conn, seq: int) -> str | None:
    row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
    return None if row is None else str(row[0])


def _older(seq: int, last: int, what: str) -> AnchorResult:
    return AnchorResult(
        False,
        f"数据库比{what}旧：{what}记载审计日志已到第 {seq} 条，数据库只有 {last} 条。"
        "数据目录可能被整体回滚到较早的副本。",
    )


def check_anchor(conn, db_key: bytes, code: str) -> AnchorResult:
    """Is the database at least as new as the anchor, with the same chain at the anchor's entry?"""
    text = (code or "").strip()
    if not text:
        raise ValidationError("请输入检查点代码或打印件核验码。", field="anchor")
    upper = re.sub(r"\s+", "", text).upper()
    last = _last_seq(conn)
    if upper.startswith(QR_PREFIX + "|"):
        parts = text.split("|")
        if len(parts) < 3 or not parts[1].isdigit() or not re.fullmatch(r"[0-9a-f]{64}", parts[2].lower()):
            raise ValidationError("检查点二维码内容格式不正确。", field="anchor")
        return _check_checkpoint(conn, int(parts[1]), hash_tag(parts[2].lower()), last)
    if upper.startswith(CHECKPOINT_PREFIX + "-"):
        match = _CODE.match(upper)
        if not match:
            raise ValidationError(
                "检查点代码格式不正确（应形如 XCA-4711-XXXXX-XXXXX-XXXXX-XXXXX）。", field="anchor"
            )
        tag = match.group(2).replace("-", "")
        return _check_checkpoint(
            conn, int(match.group(1)), "-".join(tag[i : i + 5] for i in range(0, 20, 5)), last
        )
    return _check_copy(conn, db_key, text, last)


def _check_checkpoint(conn, seq: int, tag: str, last: int) -> AnchorResult:
    if seq > last:
        return _older(seq, last, "检查点")
    digest = _hash_at(conn, seq)
    if digest is None or hash_tag(digest) != tag:
        return AnchorResult(
            False, f"审计日志第 {seq} 条与检查点不符：数据库不是打印检查点时的那一个，或已被改写。"
        )
    return AnchorResult(True, f"数据库不早于检查点（第 {seq} 条相符，现有 {last} 条）。")


def _check_copy(conn, db_key: bytes, text: str, last: int) -> AnchorResult:
    parsed = parse_code(text)
    if parsed.audit_seq is None:
        raise ValidationError("该核验码印制于审计锚点启用之前，不含审计序号，不能用作锚点。", field="anchor")
    seq = parsed.audit_seq
    if seq > last:
        return _older(seq, last, "打印件")
    if parsed.form == "short":
        row = conn.execute("SELECT id FROM official_documents WHERE serial = ?", (parsed.serial,)).fetchone()
    else:
        row = conn.execute("SELECT id FROM official_documents WHERE id = ?", (parsed.document_id,)).fetchone()
    digest = _hash_at(conn, seq)
    if row is None or digest is None:
        return AnchorResult(
            False, f"数据库中没有打印件所属的公文，与打印时（审计日志第 {seq} 条）的数据库不符。"
        )
    key = subkey(derivation_root(conn, db_key), PURPOSE)  # copies are keyed from the root (rotation)
    if anchor_tag(key, row["id"], parsed.version, parsed.copy_number, seq, digest) != parsed.anchor:
        return AnchorResult(
            False,
            f"审计日志第 {seq} 条与打印件记载的不符：数据库不是打印时的那一个，或已被改写（或核验码抄错）。",
        )
    return AnchorResult(True, f"数据库不早于该打印件（第 {seq} 条相符，现有 {last} 条）。")


__all__ = ["Checkpoint", "AnchorResult", "make_checkpoint", "check_anchor", "checkpoint_code"]
