"""Whether the office accepts a verified hand-in: addressed here, from a known team, in order, not
replayed, from a team workstation whose audit trail still holds the head the office kept.

The office keeps, per team workstation, the number and file hash of the last package merged and the
team's audit head it carried (`exchange_peers`). A package numbered at or below that one is the same
package again (a replay: refused, nothing changes) or another with a number already used (the team
workstation was rolled back or copied); one numbered beyond the next is out of order. The package
must show the hash the team's chain holds now at the head the office kept: a team workstation put
back to an older copy, or with its trail rewritten after a hand-in, shows another hash or none.
"""

from __future__ import annotations

from app.core.exchange.errors import ExchangeError


def check(conn, manifest: dict, office_ws: str, sha256: str):
    """The peer row of a hand-in the office may merge now; ExchangeError naming why not."""
    if manifest.get("kind") != "hand_in":
        raise ExchangeError("这不是巡察组的移交包，不能合并。")
    if manifest.get("recipient") != office_ws:
        raise ExchangeError("交换包是发给其他工作站的（其他巡察办），已拒绝，未做任何更改。")
    peer = conn.execute(
        "SELECT * FROM exchange_peers WHERE workstation_id = ?", (manifest.get("sender"),)
    ).fetchone()
    if peer is None:
        raise ExchangeError("交换包来自未登记的工作站（不是本巡察办配置的工作站），已拒绝，未做任何更改。")
    if manifest.get("team_id") != peer["team_id"]:
        raise ExchangeError("交换包所属的巡察组与登记不符，已拒绝，未做任何更改。")
    try:
        seq = int(manifest["seq"])
        head_seq = int(manifest["audit_head"]["seq"])
        heads = {int(h["seq"]): str(h["hash"]) for h in manifest.get("earlier_heads", [])}
    except (KeyError, TypeError, ValueError) as exc:
        raise ExchangeError("交换包的清单不完整，已拒绝，未做任何更改。") from exc
    last = int(peer["last_seq"])
    if seq <= last:
        same = conn.execute(
            "SELECT 1 FROM exchange_register WHERE direction = 'import' AND peer_workstation_id = ?"
            " AND package_sha256 = ?",
            (peer["workstation_id"], sha256),
        ).fetchone()
        if same is not None:
            raise ExchangeError(f"第 {seq} 号移交包已经合并过，重复导入不做任何更改（已拒绝重放）。")
        raise ExchangeError(
            f"第 {seq} 号移交包已合并过另一份内容：巡察组工作站可能被回滚或复制，已拒绝，未做任何更改。"
        )
    if seq != last + 1:
        raise ExchangeError(f"移交包顺序不对：应先合并第 {last + 1} 号，收到的是第 {seq} 号。未做任何更改。")
    anchor = int(peer["anchor_seq"])
    if anchor and (head_seq < anchor or heads.get(anchor) != peer["anchor_hash"]):
        raise ExchangeError(
            f"巡察组工作站的审计日志与上次移交时本机保存的链头（第 {anchor} 条）不符："
            "该工作站可能被回滚到旧副本或日志被改动，已拒绝，未做任何更改。"
        )
    return peer
