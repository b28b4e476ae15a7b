"""Hand in: the team leader exports what the team recorded since the office last acknowledged.

The package is sealed to the office's X25519 key and signed with the team workstation's key (both
from the setup package). It carries the changed records (app.core.exchange.review), the team's
audit entries for its records written since the acknowledged package, and the audit head with the
hash the chain has now at the head of every earlier hand-in (so the office, which kept that head,
sees a team workstation rolled back or rewritten). Everything happens in one transaction: the
records read, the hashes kept as pending until the office's receipt, the register row and the
audit entry; a failure leaves no file.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path

from app.core.exchange import identity as ident
from app.core.exchange import register, review
from app.core.exchange import tables as tbl
from app.core.exchange.errors import ExchangeError
from app.core.exchange.package import PackageBuilder
from app.core.exchange.package_format import SealedTo
from app.core.exchange.steps import Steps
from app.core.security import audit as audit_trail
from app.core.security.roles import Cap
from app.core.session import Session

AUDIT_COLUMNS = (
    "seq, at, username, role, action, object_type, object_id, summary, hash, signer_key, signature"
)


@dataclass(frozen=True)
class HandIn:
    path: Path
    seq: int
    sha256: str
    rows: int
    audit_entries: int
    register_id: str


def _heads(conn) -> list[dict]:
    """Every earlier hand-in's audit head, with the hash the chain holds at that entry now."""
    out = []
    for row in conn.execute(
        "SELECT package_seq, counts FROM exchange_register WHERE direction = 'export' AND kind = 'hand_in'"
        " ORDER BY package_seq"
    ):
        head_seq = int(json.loads(row["counts"]).get("_head_seq", 0))
        now = conn.execute("SELECT hash FROM audit WHERE seq = ?", (head_seq,)).fetchone()
        out.append({"package": int(row["package_seq"]), "seq": head_seq, "hash": now[0] if now else ""})
    return out


def hand_in(
    session: Session,
    out: Path,
    *,
    medium_no: str,
    confirm: str,
    progress=None,
    cancel: threading.Event | None = None,
) -> HandIn:
    """Write the hand-in package to `out` (the team leader; `confirm` is the reviewed summary's token).

    `progress(done, total)` counts the records written; `cancel` stops it with nothing changed."""
    steps = Steps(progress, cancel)
    session.require(Cap.ISSUE_SIGN)
    medium_no = register.medium(medium_no)
    conn = session.conn
    ident.team_settings(conn)  # refused on a workstation that is no team's
    with session.transaction():  # the numbers are read under the write lock: two hand-ins cannot share one
        values = ident.team_settings(conn)
        team_id, office_ws = values["team_id"], values["office_workstation_id"]
        me = ident.own(conn)
        seq = int(values.get("next_seq", "1"))
        acked_audit = int(values.get("acked_audit_seq", "0"))
        summary = review.summarise(session, team_id, office_ws)
        if not confirm or confirm != summary.token:
            raise ExchangeError("移交内容与审核时不一致（或尚未审核确认），请重新审核后再移交。")
        session.audit("exchange_hand_in", "exchange", "", f"第 {seq} 号移交包，介质 {medium_no}")
        head = conn.execute(
            "SELECT seq, hash, at, signer_key, signature FROM audit ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        builder = PackageBuilder(Path(out), SealedTo(bytes.fromhex(values["office_seal_public"])), me.sign)
        try:
            ids: set[str] = set()
            pending = []
            total = sum(summary.tables.values()) + 1
            for spec, record, digest in review.changed_rows(session, team_id, office_ws):
                builder.row(spec.name, record)
                pending.append((seq, spec.name, tbl.record_id(spec, record), digest))
                steps(len(pending), total)
            for spec in tbl.HAND_IN:
                ids.update(
                    str(r["k"])
                    for r in conn.execute(
                        f"SELECT {spec.key[0]} AS k FROM {spec.name} WHERE {spec.where()}", {"team": team_id}
                    )
                )
            entries = 0
            for row in conn.execute(
                f"SELECT {AUDIT_COLUMNS} FROM audit WHERE seq > ? AND object_id != '' ORDER BY seq",
                (acked_audit,),
            ):
                if row["object_id"] in ids:
                    builder.row("audit", dict(row))
                    entries += 1
            manifest = builder.finish(
                {
                    "kind": "hand_in",
                    "sender": session.workstation_id,
                    "recipient": office_ws,
                    "created_at": audit_trail.now_iso(),
                    "seq": seq,
                    "team_id": team_id,
                    "leader": session.user.username,
                    "audit_head": dict(head),
                    "earlier_heads": _heads(conn),
                    "counts": summary.leaving,
                    "medium_no": medium_no,
                }
            )
        except BaseException:
            builder.abort()
            raise
        try:
            conn.executemany(
                "INSERT OR REPLACE INTO exchange_pending (package_seq, table_name, record_id, row_hash)"
                " VALUES (?,?,?,?)",
                pending,
            )
            counts = {**summary.tables, "_head_seq": int(head["seq"]), "_audit": entries}
            reg_id = register.add(
                session,
                direction="export",
                kind="hand_in",
                medium_no=medium_no,
                peer=office_ws,
                seq=seq,
                sha256=manifest["sha256"],
                counts=counts,
                status="sent",
            )
            ident.put_settings(conn, {"next_seq": str(seq + 1)})
        except BaseException:
            Path(out).unlink(missing_ok=True)
            raise
    return HandIn(Path(out), seq, manifest["sha256"], len(pending), entries, reg_id)
