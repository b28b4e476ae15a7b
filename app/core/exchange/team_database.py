"""Build a team workstation's database at the office, in a staging folder, from the office's records.

What the team gets: its round (with the term and batches), the team and its members' accounts (same
ids as at the office, so their records join the office's on the way back), the staff entries and
recusals, the units it inspects with their leadership, its inspections and their phases so far, and
the whole taxonomy. Its key slots hold the team's accounts only, each under the initial password
the office set (to be changed at the first sign-in), plus a recovery slot.

The team leader's key pair signs the setup entry, so on the team workstation it is the root of key
trust (app.core.security.key_trust), and it certifies every member's key: the team's compartments
(leads, informants) are sealed only to the team's accounts.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from app.core.exchange import identity as ident
from app.core.exchange import tables
from app.core.exchange.errors import ExchangeError
from app.core.exchange.records import Openers, portable, row_hash, scoped_rows
from app.core.security import account_keys
from app.core.security import audit as audit_trail
from app.core.security.policy import Policy, check_password
from app.core.security.roles import Role
from app.core.session import Session
from app.core.store import migrations
from app.core.store.connection import DB_FILE, open_connection
from app.core.store.keyslots import RECOVERY_SLOT, KdfParams, KeySlots, new_recovery_code, subkey

TEAM = "team_id = :team"
ROUND = "(SELECT round_id FROM teams WHERE id = :team)"
USERS = "SELECT user_id FROM team_members WHERE team_id = :team"
UNITS = "SELECT unit_id FROM inspections WHERE team_id = :team"
# (table, which rows), parents first.
COPIED: tuple[tuple[str, str], ...] = (
    ("users", f"id IN ({USERS})"),
    ("terms", f"id IN (SELECT term_id FROM rounds WHERE id = {ROUND})"),
    ("rounds", f"id = {ROUND}"),
    ("batches", f"round_id = {ROUND}"),
    ("teams", "id = :team"),
    ("team_members", TEAM),
    ("staff", f"user_id IN ({USERS})"),
    ("units", f"id IN ({UNITS}) OR id IN (SELECT parent_id FROM units WHERE id IN ({UNITS}))"),
    ("leadership", f"unit_id IN ({UNITS})"),
    ("recusals", f"staff_id IN (SELECT id FROM staff WHERE user_id IN ({USERS}))"),
    ("recusal_overrides", TEAM),
    ("classification_schemes", "1"),
    ("classification_nodes", "1"),
    ("inspections", TEAM),
    ("inspection_phases", tables.INS),
)


def team_accounts(conn, team_id: str) -> list:
    rows = conn.execute(
        "SELECT u.* FROM users u JOIN team_members m ON m.user_id = u.id WHERE m.team_id = ? ORDER BY u.username",
        (team_id,),
    ).fetchall()
    if not any(r["role"] == Role.TEAM_LEADER.value for r in rows):
        raise ExchangeError("该巡察组还没有组长账号，不能导出配置包。")
    return rows


def build(
    office: Session,
    staging: Path,
    team_id: str,
    passwords: dict[str, str],
    kdf: KdfParams,
    team_identity: ident.Identity,
    office_identity: ident.Identity,
    medium_no: str,
) -> dict:
    """Write workbench.db, keyslots.json and audit.head of the team workstation into `staging`."""
    src = office.conn
    accounts = team_accounts(src, team_id)
    missing = [r["username"] for r in accounts if not passwords.get(r["username"])]
    if missing:
        raise ExchangeError(f"请为这些账号设置初始密码：{'、'.join(missing)}。", field="passwords")
    policy = {r["key"]: r["value"] for r in src.execute("SELECT key, value FROM policy")}
    rules = Policy.from_rows(policy)
    for row in accounts:  # the initial passwords follow this office's policy, for each clearance
        check_password(passwords[row["username"]], rules, row["clearance"], row["username"])
    db_key, db_uuid, ws_id = os.urandom(32), str(uuid.uuid4()), str(uuid.uuid4())
    slots = KeySlots.create(staging, db_uuid, ws_id, policy)
    for row in accounts:
        slots.put_slot(row["username"], passwords[row["username"]], db_key, kdf)
    recovery = new_recovery_code()
    slots.put_slot(RECOVERY_SLOT, recovery, db_key, kdf, kind="recovery")
    leader = next(r for r in accounts if r["role"] == Role.TEAM_LEADER.value)
    signer = slots.keys_for(leader["username"])
    meta = {r["key"]: r["value"] for r in src.execute("SELECT key, value FROM meta")}
    now = audit_trail.now_iso()
    conn = open_connection(staging / DB_FILE, db_key, create=True)
    os.chmod(staging / DB_FILE, 0o600)
    base: list[tuple] = []
    try:
        migrations.migrate(conn)
        audit_key = subkey(db_key, "audit-chain")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("PRAGMA defer_foreign_keys = ON")
        new_meta = {
            "org_name": meta.get("org_name", ""),
            "db_uuid": db_uuid,
            "workstation_id": ws_id,
            "created_at": now,
            "demo": "0",
            "office_workstation_id": meta["workstation_id"],
        }
        conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", new_meta.items())
        conn.executemany("INSERT INTO policy (key, value) VALUES (?, ?)", policy.items())

        system = {
            "user_id": None,
            "username": "system",
            "role": "system",
            "workstation_id": ws_id,
            "signer": signer,
        }
        audit_trail.append(
            conn,
            audit_key,
            action="setup",
            summary=f"由巡察办配置包建立巡察组工作站，{len(accounts)} 个账号",
            **system,
        )
        counts = {}
        for table, where in COPIED:
            rows = src.execute(f"SELECT * FROM {table} WHERE {where}", {"team": team_id}).fetchall()
            counts[table] = len(rows)
            for row in rows:
                values = dict(row)
                if table == "users":
                    values |= {
                        "must_change_password": 1,
                        "password_changed_at": now,
                        "last_login_at": None,
                        "disabled": 0,
                    }
                names = list(values)
                conn.execute(
                    f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})",
                    [values[n] for n in names],
                )
        for row in accounts:
            keys = slots.keys_for(row["username"])
            account_keys.insert_key(conn, keys, row["username"], row["id"], now)
        account_keys.insert_key(conn, slots.keys_for(RECOVERY_SLOT), RECOVERY_SLOT, None, now)
        for row in accounts:
            account_keys.certify_row(
                conn, slots.keys_for(row["username"]).key_id, signer, now, role=row["role"]
            )
        # What both sides hold now of the records a hand-in may bring back changed (the inspections).
        openers = Openers(office)
        copied = {name for name, _ in COPIED}
        for spec in (s for s in tables.HAND_IN if s.name in copied):
            for row in scoped_rows(src, spec, team_id):
                digest = row_hash(portable(spec, row, openers))
                base.append((spec.name, tables.record_id(spec, dict(row)), digest))
        conn.executemany(
            "INSERT INTO exchange_base (peer_workstation_id, table_name, record_id, team_hash, office_hash)"
            " VALUES (?,?,?,?,?)",
            [(meta["workstation_id"], t, r, h, h) for t, r, h in base],
        )
        ident.put_settings(
            conn,
            {
                "role": ident.TEAM,
                **team_identity.private_hex(),
                "team_id": team_id,
                "office_workstation_id": meta["workstation_id"],
                "office_sign_public": office_identity.sign_public.hex(),
                "office_seal_public": office_identity.seal_public.hex(),
                "next_seq": "1",
            },
        )
        reg_id = str(uuid.uuid4())
        conn.execute(
            "INSERT INTO exchange_register (id, created_at, updated_at, author_id, workstation_id, direction, kind,"
            " medium_no, peer_workstation_id, package_seq, package_sha256, username, counts, status)"
            " VALUES (?,?,?,NULL,?,'import','setup',?,?,0,'',?,'{}','installed')",
            (reg_id, now, now, ws_id, medium_no, meta["workstation_id"], office.user.username),
        )
        head = audit_trail.append(
            conn,
            audit_key,
            action="exchange_setup_import",
            object_type="exchange",
            object_id=reg_id,
            summary=f"配置包：{sum(counts.values())} 条记录，介质 {medium_no}",
            **system,
        )
        if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise ExchangeError("配置包中的记录引用不完整，未能建立巡察组数据库。")
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    audit_trail.write_head(staging, subkey(db_key, "audit-head"), *head)
    slots.save(db_key)
    return {
        "workstation_id": ws_id,
        "db_uuid": db_uuid,
        "recovery_code": recovery,
        "counts": counts,
        "base": base,
        "accounts": [r["username"] for r in accounts],
    }
