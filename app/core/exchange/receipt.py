"""The office's receipt for a merged hand-in, and the team workstation taking it in.

A receipt is a small package sealed to the team workstation and signed by the office: which package
(number and file hash) the office merged, when. On the team workstation, `acknowledge` checks it
and moves that package's record hashes from pending to acknowledged, so the next hand-in carries
only what changed after it; the wipe waits for the receipt of the last hand-in.
"""

from __future__ import annotations

import json
from pathlib import Path

from app.core.exchange import identity as ident
from app.core.exchange import package, register
from app.core.exchange.errors import ExchangeError
from app.core.exchange.package_format import OpenWith, SealedTo
from app.core.security import audit as audit_trail
from app.core.security.roles import Cap
from app.core.session import Session


def write_receipt(session: Session, register_id: str, out: Path, *, medium_no: str) -> Path:
    """The receipt of one merged package (the office; Cap.ORG_MANAGE), registered and audited."""
    session.require(Cap.ORG_MANAGE)
    medium_no = register.medium(medium_no)
    conn = session.conn
    row = conn.execute(
        "SELECT * FROM exchange_register WHERE id = ? AND direction = 'import' AND kind = 'hand_in'",
        (register_id,),
    ).fetchone()
    if row is None:
        raise ExchangeError("找不到该移交包的合并登记。")
    peer = ident.peer(conn, row["peer_workstation_id"])
    me = ident.own(conn)
    builder = package.PackageBuilder(Path(out), SealedTo(bytes.fromhex(peer["seal_public"])), me.sign)
    manifest = builder.finish(
        {
            "kind": "receipt",
            "sender": session.workstation_id,
            "recipient": peer["workstation_id"],
            "created_at": audit_trail.now_iso(),
            "seq": int(row["package_seq"]),
            "package_sha256": row["package_sha256"],
            "merged_at": row["created_at"],
            "counts": json.loads(row["counts"]),
        }
    )
    with session.transaction():
        reg_id = register.add(
            session,
            direction="export",
            kind="receipt",
            medium_no=medium_no,
            peer=peer["workstation_id"],
            seq=int(row["package_seq"]),
            sha256=manifest["sha256"],
            counts={},
            status="sent",
        )
        session.audit("exchange_receipt_export", "exchange", reg_id, f"第 {row['package_seq']} 号的回执")
    return Path(out)


def acknowledge(session: Session, path: Path, *, medium_no: str) -> int:
    """Take in the office's receipt on the team workstation (the leader); the package number it confirms."""
    session.require(Cap.ISSUE_SIGN)
    medium_no = register.medium(medium_no)
    conn = session.conn
    values = ident.team_settings(conn)
    office_key = bytes.fromhex(values["office_sign_public"])
    manifest = package.verify(
        Path(path),
        OpenWith(ident.own(conn).seal),
        lambda m: office_key if m.get("sender") == values["office_workstation_id"] else None,
    )
    if manifest.get("kind") != "receipt" or manifest.get("recipient") != session.workstation_id:
        raise ExchangeError("这不是巡察办给本工作站的合并回执。")
    seq = int(manifest["seq"])
    sent = conn.execute(
        "SELECT * FROM exchange_register WHERE direction = 'export' AND kind = 'hand_in' AND package_seq = ?"
        " AND package_sha256 = ?",
        (seq, manifest.get("package_sha256")),
    ).fetchone()
    if sent is None:
        raise ExchangeError("回执所确认的移交包不是本工作站导出的（编号或校验值不符）。")
    if sent["status"] == "acknowledged":
        raise ExchangeError(f"第 {seq} 号移交包的回执已经导入过。")
    office_ws = values["office_workstation_id"]
    with session.transaction():
        conn.execute(
            "INSERT INTO exchange_base (peer_workstation_id, table_name, record_id, team_hash, office_hash)"
            " SELECT ?, table_name, record_id, row_hash, row_hash FROM exchange_pending WHERE package_seq <= ?"
            " ORDER BY package_seq"
            " ON CONFLICT DO UPDATE SET team_hash = excluded.team_hash, office_hash = excluded.office_hash",
            (office_ws, seq),
        )
        conn.execute("DELETE FROM exchange_pending WHERE package_seq <= ?", (seq,))
        conn.execute(
            "UPDATE exchange_register SET status = 'acknowledged' WHERE direction = 'export' AND kind = 'hand_in'"
            " AND package_seq <= ?",
            (seq,),
        )
        head_seq = int(json.loads(sent["counts"]).get("_head_seq", 0))
        ident.put_settings(conn, {"acked_seq": str(seq), "acked_audit_seq": str(head_seq)})
        reg_id = register.add(
            session,
            direction="import",
            kind="receipt",
            medium_no=medium_no,
            peer=office_ws,
            seq=seq,
            sha256=package.file_sha256(Path(path)),
            counts={},
            status="acknowledged",
        )
        session.audit("exchange_receipt_import", "exchange", reg_id, f"第 {seq} 号移交包已由巡察办合并")
    return seq
