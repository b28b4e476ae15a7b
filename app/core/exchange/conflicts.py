"""Conflicts of a merge: records changed on both sides since the last exchange, resolved one by one.

Each conflict keeps the team's row as it came; `list_open` shows it beside the office's (both with
their sealed fields opened, for an entitled account), and `resolve` either keeps the office's record
(the team's version counts as seen, so it is not raised again) or takes the team's, in one
transaction, audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.domain import _fields as f
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.exchange import package, reindex
from app.core.exchange.records import Openers, fetch, portable, row_hash
from app.core.exchange.row_writes import RowWriter, in_scope
from app.core.exchange.tables import BY_NAME
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.store.connection import IntegrityError

KEEP_OFFICE, TAKE_TEAM = "kept_office", "took_team"


@dataclass(frozen=True)
class ConflictView:
    id: str
    table: str
    record_id: str
    peer: str
    office: dict
    team: dict

    def differing(self) -> list[str]:
        return sorted(k for k in set(self.office) | set(self.team) if self.office.get(k) != self.team.get(k))


def list_open(session: Session) -> list[ConflictView]:
    session.require(Cap.ORG_MANAGE)
    openers = Openers(session)
    out = []
    for row in session.conn.execute(
        "SELECT * FROM exchange_conflicts WHERE status = 'open' ORDER BY created_at"
    ):
        spec = BY_NAME[row["table_name"]]
        team = package.decode(row["team_row"].encode())
        local = fetch(session.conn, spec, team)
        office = portable(spec, local, openers) if local is not None else {}
        out.append(
            ConflictView(
                row["id"], row["table_name"], row["record_id"], row["peer_workstation_id"], office, team
            )
        )
    session.audit("exchange_conflicts_view", "exchange", "", f"{len(out)} 条未处理")
    return out


def resolve(session: Session, conflict_id: str, choice: str) -> None:
    """Keep the office's record or take the team's (the office; Cap.ORG_MANAGE)."""
    session.require(Cap.ORG_MANAGE)
    if choice not in (KEEP_OFFICE, TAKE_TEAM):
        raise ValidationError("请选择保留巡察办的版本或采用巡察组的版本。", field="choice")
    f.must_exist(session.conn, "exchange_conflicts", conflict_id, "合并冲突", "conflict_id")
    with session.transaction() as conn:
        row = conn.execute("SELECT * FROM exchange_conflicts WHERE id = ?", (conflict_id,)).fetchone()
        if row is None:
            raise NotFound("找不到该合并冲突。")
        if row["status"] != "open":
            raise Conflict("该合并冲突已经处理过。")
        spec = BY_NAME[row["table_name"]]
        team = package.decode(row["team_row"].encode())
        openers = Openers(session)
        if choice == TAKE_TEAM:
            writer = RowWriter(conn)
            try:
                writer.update(spec, writer.check(spec, team))
            except IntegrityError as exc:
                raise Conflict("本机的该记录已锁定（例如已签字的谈话记录），不能采用巡察组的版本。") from exc
            writer.seal_pending(openers)
            peer = conn.execute(
                "SELECT team_id FROM exchange_peers WHERE workstation_id = ?", (row["peer_workstation_id"],)
            ).fetchone()
            if peer is None or not in_scope(conn, spec, team, peer["team_id"]):
                raise Conflict("巡察组的版本会把该记录移出该组的范围，不能采用。")
            touched = reindex.Touched()
            touched.note(spec.name, team)
            reindex.apply(conn, touched)
        local = fetch(conn, spec, team)
        office_hash = row_hash(portable(spec, local, openers)) if local is not None else ""
        conn.execute(
            "INSERT INTO exchange_base (peer_workstation_id, table_name, record_id, team_hash, office_hash)"
            " VALUES (?,?,?,?,?) ON CONFLICT DO UPDATE SET team_hash = excluded.team_hash,"
            " office_hash = excluded.office_hash",
            (row["peer_workstation_id"], spec.name, row["record_id"], row["team_hash"], office_hash),
        )
        now = f.now()
        conn.execute(
            "UPDATE exchange_conflicts SET status = ?, resolved_by = ?, resolved_at = ?, updated_at = ? WHERE id = ?",
            (choice, session.user.id, now, now, conflict_id),
        )
        session.audit(
            "exchange_conflict_resolve",
            "exchange",
            conflict_id,
            f"{spec.name} {row['record_id']}：{'保留巡察办版本' if choice == KEEP_OFFICE else '采用巡察组版本'}",
        )
