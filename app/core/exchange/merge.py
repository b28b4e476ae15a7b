"""Merge: the office takes a team's hand-in into its own records.

The package is first copied into the archive folder (what is read is what is kept), verified from end
to end (app.core.exchange.package) and accepted (app.core.exchange.acceptance); only then is it read
again and applied, in one transaction:

- a record the office does not have is added;
- a record the team changed and the office did not (its hash still the one the office had after the
  last exchange) is updated to the team's;
- a record changed on both sides is listed as a conflict (app.core.exchange.conflicts) and left as
  the office has it: nothing is silently overwritten;
- the team's audit entries for its records are kept beside the office's trail (`exchange_audit`);
- the team workstation's audit head becomes the office's anchor for it (acceptance, next time).

Anything wrong (a row of another team's, a broken reference, a sealed record this account holds no
compartment key for) rolls the whole merge back and removes the archive copy: nothing changed.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from app.core.exchange import acceptance, package, register, reindex
from app.core.exchange import identity as ident
from app.core.exchange.errors import DAMAGED, ExchangeError
from app.core.exchange.package_format import OpenWith
from app.core.exchange.records import Openers, fetch, portable, row_hash
from app.core.exchange.row_writes import RowWriter, in_scope
from app.core.exchange.steps import Steps
from app.core.exchange.tables import BY_NAME, record_id
from app.core.security import audit as audit_trail
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.store.connection import IntegrityError

OUT_OF_SCOPE = "移交包中有不属于该巡察组的记录，已拒绝，未做任何更改。"
AUDIT_FIELDS = (
    "seq",
    "at",
    "username",
    "role",
    "action",
    "object_type",
    "object_id",
    "summary",
    "hash",
    "signer_key",
    "signature",
)


@dataclass
class MergeResult:
    register_id: str
    peer: str
    seq: int
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)  # conflict ids
    audit_entries: int = 0
    archive: Path | None = None

    def counts(self) -> dict:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "conflicts": len(self.conflicts),
            "audit": self.audit_entries,
        }


def _identity(session: Session) -> ident.Identity:
    me = ident.own(session.conn)
    if me is None or ident.role(session.conn) != ident.OFFICE:
        raise ExchangeError("本工作站还没有配置过巡察组（没有导出过配置包），不能合并移交包。")
    return me


def _sender_key(conn, manifest: dict) -> bytes | None:
    peer = ident.peer(conn, str(manifest.get("sender", "")))
    return bytes.fromhex(peer["sign_public"]) if peer is not None else None


def merge(
    session: Session, path: Path, *, medium_no: str, progress=None, cancel: threading.Event | None = None
) -> MergeResult:
    """Verify, accept and apply a hand-in package (the office; Cap.ORG_MANAGE).

    `progress(done, total)` follows both passes over the file; `cancel` stops it with nothing changed."""
    steps = Steps(progress, cancel)
    session.require(Cap.ORG_MANAGE)
    medium_no = register.medium(medium_no)
    key = OpenWith(_identity(session).seal)
    try:
        # The same bytes as a package merged before: refused at once (they were verified then).
        seen = register.already_imported(session, package.file_sha256(Path(path)))
        if seen is not None:
            raise ExchangeError(
                f"第 {seen.package_seq} 号移交包已经合并过，重复导入不做任何更改（已拒绝重放）。"
            )
        name = f"{uuid.uuid4()}.xpk"
        archived, sha = register.keep_copy(session, Path(path), name)
    except OSError as exc:
        raise ExchangeError(f"无法读取交换包：{exc.strerror or exc}") from exc
    try:
        size = archived.stat().st_size
        manifest = package.verify(
            archived, key, lambda m: _sender_key(session.conn, m), steps.offset(0, 2 * size)
        )
        peer = acceptance.check(session.conn, manifest, session.workstation_id, sha)
        with session.transaction() as conn:
            result = _apply(
                session,
                conn,
                archived,
                key,
                manifest,
                peer,
                sha,
                medium_no,
                name,
                steps.offset(size, 2 * size),
            )
        result.archive = archived
        return result
    except IntegrityError as exc:
        archived.unlink(missing_ok=True)
        raise ExchangeError(
            "移交包中的记录与本机记录的约束冲突（引用缺失或编号重复），已拒绝，未做任何更改。"
        ) from exc
    except BaseException:
        archived.unlink(missing_ok=True)
        raise


def _apply(session, conn, archived, key, manifest, peer, sha, medium_no, name, on_bytes) -> MergeResult:
    conn.execute("PRAGMA defer_foreign_keys = ON")
    ws, team_id, seq = peer["workstation_id"], peer["team_id"], int(manifest["seq"])
    reg_id = register.add(
        session,
        direction="import",
        kind="hand_in",
        medium_no=medium_no,
        peer=ws,
        seq=seq,
        sha256=sha,
        counts={},
        status="merged",
        archive_name=name,
    )
    result = MergeResult(reg_id, ws, seq)
    bases = {
        (r["table_name"], r["record_id"]): (r["team_hash"], r["office_hash"])
        for r in conn.execute("SELECT * FROM exchange_base WHERE peer_workstation_id = ?", (ws,))
    }
    openers, writer, touched = Openers(session), RowWriter(conn), reindex.Touched()
    new_bases = []
    for part, raw in package.rows(archived, key, on_bytes):
        if part == "audit":
            _keep_audit(conn, ws, reg_id, raw)
            result.audit_entries += 1
            continue
        spec = BY_NAME.get(part)
        if spec is None:
            raise ExchangeError(DAMAGED)
        row = writer.check(spec, raw)
        rid, team_hash = record_id(spec, row), row_hash(row)
        base = bases.get((spec.name, rid))
        local = fetch(conn, spec, row)
        if local is not None and not in_scope(conn, spec, row, team_id):
            raise ExchangeError(OUT_OF_SCOPE)  # a record of another team's, or the office's own
        if local is None:
            writer.insert(spec, row)
            result.added += 1
        else:
            office_now = row_hash(portable(spec, local, openers))
            if (base is not None and team_hash == base[0]) or office_now == team_hash:
                new_bases.append((spec.name, rid, team_hash, office_now))
                result.unchanged += 1
                continue
            if base is None or office_now != base[1]:
                result.conflicts.append(_conflict(session, conn, reg_id, ws, spec.name, rid, row, team_hash))
                continue
            writer.update(spec, row)
            result.updated += 1
        if not in_scope(conn, spec, row, team_id):
            raise ExchangeError(OUT_OF_SCOPE)
        touched.note(spec.name, row)
        new_bases.append((spec.name, rid, team_hash, team_hash))
    writer.seal_pending(openers)
    reindex.apply(conn, touched)
    # Checked here, table by table, rather than left to COMMIT: a deferred violation there would
    # leave the transaction open instead of rolling it back.
    for table in sorted({b[0] for b in new_bases}):
        if conn.execute(f"PRAGMA foreign_key_check({table})").fetchone() is not None:
            raise ExchangeError("移交包中的记录引用了本机没有的记录，已拒绝，未做任何更改。")
    conn.executemany(
        "INSERT INTO exchange_base (peer_workstation_id, table_name, record_id, team_hash, office_hash)"
        " VALUES (?,?,?,?,?) ON CONFLICT DO UPDATE SET team_hash = excluded.team_hash,"
        " office_hash = excluded.office_hash",
        [(ws, *b) for b in new_bases],
    )
    head = manifest["audit_head"]
    conn.execute(
        "UPDATE exchange_peers SET last_seq = ?, last_sha256 = ?, anchor_seq = ?, anchor_hash = ?, anchor_at = ?"
        " WHERE workstation_id = ?",
        (seq, sha, int(head["seq"]), str(head["hash"]), audit_trail.now_iso(), ws),
    )
    conn.execute(
        "UPDATE exchange_register SET counts = ? WHERE id = ?",
        (package.encode(result.counts()).decode(), reg_id),
    )
    session.audit(
        "exchange_merge",
        "exchange",
        reg_id,
        f"{peer['label']} 第 {seq} 号：新增 {result.added}，更新 {result.updated}，"
        f"冲突 {len(result.conflicts)}，介质 {medium_no}",
    )
    return result


def _keep_audit(conn, ws: str, reg_id: str, raw) -> None:
    if not isinstance(raw, dict) or not set(AUDIT_FIELDS) <= set(raw):
        raise ExchangeError(DAMAGED)
    conn.execute(
        f"INSERT OR IGNORE INTO exchange_audit (peer_workstation_id, register_id, {', '.join(AUDIT_FIELDS)})"
        f" VALUES (?, ?, {', '.join('?' for _ in AUDIT_FIELDS)})",
        (ws, reg_id, *(raw[f] for f in AUDIT_FIELDS)),
    )


def _conflict(session, conn, reg_id, ws, table, rid, row, team_hash) -> str:
    values = session.record_values()
    conn.execute(
        "INSERT INTO exchange_conflicts (id, created_at, updated_at, author_id, workstation_id, register_id,"
        " peer_workstation_id, table_name, record_id, team_row, team_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (*values.values(), reg_id, ws, table, rid, package.encode(row).decode(), team_hash),
    )
    return values["id"]
