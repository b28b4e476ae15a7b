"""What an older backup still opens with, after password changes, a team change and a key rotation.

A backup (app.core.store.backup) is the database page for page, still encrypted under the database
key of its day, with a copy of that day's slot file. So, and the manual says so
(docs/manual-notes/security.md, README "Roles and their powers"):

- it opens with the passwords (and the recovery code) that were valid when it was made, and with no
  password set after; a key rotation does not reach it, and its key opens nothing of the live database;
- inside it, a compartment opens for the accounts entitled to it that day, with that day's password,
  even after they left the team and the live compartment was rotated; never for anyone else;
- a backup made before the compartments existed (schema 11 or older) holds the leads and the
  petitioners' names in plaintext inside its database: any password valid that day reads them.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from pathlib import Path

import pytest
import sqlcipher3

from app.core.domain.organisation import teams
from app.core.domain.register import leads
from app.core.security import accounts
from app.core.security import compartment_keys as ck
from app.core.store import backup, rekey
from app.core.store.connection import DB_FILE
from app.core.store.keyslots import KdfParams, KeySlots
from app.core.workstation import Workstation
from app.demo.accounts import DEMO_PASSWORD, create_demo
from tests.security.test_compartments import _raw_connection, _secrets, _unmigrate

LATER = "Later-Pass-2026!x"


@pytest.fixture
def demo(tmp_path: Path) -> Workstation:
    return create_demo(tmp_path / "ws", kdf=KdfParams.fast_for_tests())


def _backup(ws: Workstation, dest: Path) -> Path:
    session = ws.unlock("sysadmin", DEMO_PASSWORD)
    try:
        return backup.create_backup(session, dest).path
    finally:
        session.close()


def _open_backup(path: Path, username: str, password: str, workdir: Path):
    """The adversary's way into a backup file: its slot copy, its database extracted, opened raw."""
    header, offset = backup.read_header(path)
    slots = KeySlots.parse(workdir / "slots.json", json.dumps(header["slots"]).encode("utf-8"))
    db_key = slots.try_unwrap(username, password)
    if db_key is None:
        return None, None, None
    target = workdir / f"{username}-{os.urandom(4).hex()}.db"
    backup._extract(path, offset, header, target, None, None)
    conn = _raw_connection(target, db_key)
    conn.row_factory = sqlcipher3.Row
    return conn, db_key, slots.keys_for(username)


def _leads_opened(conn, pair) -> list[str]:
    """Every lead summary the pair's copies of the compartment keys open in that database."""
    out = []
    for c in conn.execute("SELECT id, inspection_id, kind FROM compartments WHERE kind = 'leads'").fetchall():
        compartment = {"id": c["id"], "inspection_id": c["inspection_id"], "kind": c["kind"]}
        key = ck.open_seal(conn, compartment, pair.key_id, pair.seal)
        if key is None:
            continue
        for row in conn.execute(
            "SELECT id, sealed FROM leads WHERE inspection_id = ?", (c["inspection_id"],)
        ):
            values = ck.decrypt_values(key, "leads", row["id"], row["sealed"])
            if values:
                out.append(values["summary"])
    return out


def test_an_older_backup_opens_with_that_days_passwords_only(demo, tmp_path):
    summaries, _informants = _secrets(demo)
    office = demo.unlock("office", DEMO_PASSWORD)
    try:
        row = office.conn.execute(
            "SELECT m.id AS member_id, u.username, i.id AS inspection_id FROM leads l"
            " JOIN inspections i ON i.id = l.inspection_id"
            " JOIN team_members m ON m.team_id = i.team_id AND m.position = 'leader'"
            " JOIN users u ON u.id = m.user_id ORDER BY l.created_at LIMIT 1"
        ).fetchone()
    finally:
        office.close()
    leader, inspection_id = row["username"], row["inspection_id"]
    old = _backup(demo, tmp_path / "old.xcbak")

    # Afterwards: the leader leaves the team (the office rotates the compartment at once), member1
    # changes their password, and the security officer rotates the database key.
    office = demo.unlock("office", DEMO_PASSWORD)
    try:
        teams.remove_member(office, row["member_id"])
    finally:
        office.close()
    member = demo.unlock("member1", DEMO_PASSWORD)
    try:
        accounts.change_own_password(member, DEMO_PASSWORD, LATER)
    finally:
        member.close()
    secadmin = demo.unlock("secadmin", DEMO_PASSWORD)
    try:
        rekey.rotate_key(secadmin)
    finally:
        secadmin.close()
    live_key = KeySlots.load(demo.folder).try_unwrap("office", DEMO_PASSWORD)

    work = tmp_path / "adversary"
    work.mkdir()
    # The leader's password of that day opens the old backup, and in it the compartment of that day.
    conn, old_key, pair = _open_backup(old, leader, DEMO_PASSWORD, work)
    try:
        opened = _leads_opened(conn, pair)
        assert opened and set(opened) <= set(summaries)
        mine = {
            r["id"] for r in conn.execute("SELECT id FROM leads WHERE inspection_id = ?", (inspection_id,))
        }
        assert mine
    finally:
        conn.close()
    assert bytes(old_key) != bytes(live_key)
    # The old key opens nothing of the live database.
    with pytest.raises(sqlcipher3.DatabaseError):
        probe = _raw_connection(demo.folder / DB_FILE, old_key)
        try:
            probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            probe.close()
    # The live database no longer gives the removed leader that inspection's leads.
    session = demo.unlock(leader, DEMO_PASSWORD)
    try:
        assert not [x for x in leads.list_leads(session) if x.inspection_id == inspection_id]
    finally:
        session.close()
    # member1's password of that day opens the backup, but no lead; the later one opens nothing.
    conn, _key, pair = _open_backup(old, "member1", DEMO_PASSWORD, work)
    try:
        assert _leads_opened(conn, pair) == []
    finally:
        conn.close()
    assert _open_backup(old, "member1", LATER, work)[0] is None
    # A backup made now opens with the later password and the live key.
    new = _backup(demo, tmp_path / "new.xcbak")
    conn, key, _pair = _open_backup(new, "member1", LATER, work)
    try:
        assert bytes(key) == bytes(live_key)
    finally:
        conn.close()
    assert _open_backup(new, "member1", DEMO_PASSWORD, work)[0] is None


def _write_container(folder: Path, dest: Path, db_key: bytes, schema: int) -> Path:
    """A backup file of the folder as it is, in the container format (as create_backup writes it)."""
    data = (folder / DB_FILE).read_bytes()
    slots = json.loads((folder / "keyslots.json").read_bytes())
    header = {
        "format": "xuncha-backup/1",
        "created_at": "2026-03-01T00:00:00+00:00",
        "created_by": "sysadmin",
        "db_uuid": slots["db_uuid"],
        "workstation_id": slots["workstation_id"],
        "schema_version": schema,
        "db_size": len(data),
        "db_sha256": hashlib.sha256(data).hexdigest(),
        "slots": slots,
    }
    header["mac"] = backup._header_mac(db_key, header)
    raw = json.dumps(header, ensure_ascii=False).encode("utf-8")
    dest.write_bytes(backup.MAGIC + struct.pack(">I", len(raw)) + raw + data)
    return dest


def test_a_backup_from_before_the_compartments_holds_the_leads_in_plaintext(demo, tmp_path):
    summaries, informants = _secrets(demo)
    _unmigrate(demo)  # the folder as version 11 left it: leads and petitioners in the clear
    db_key = KeySlots.load(demo.folder).try_unwrap("office", DEMO_PASSWORD)
    old = _write_container(demo.folder, tmp_path / "v11.xcbak", bytes(db_key), 11)
    work = tmp_path / "adversary"
    work.mkdir()
    conn, _key, _pair = _open_backup(old, "member1", DEMO_PASSWORD, work)
    try:
        found = {r["summary"] for r in conn.execute("SELECT summary FROM leads")}
        named = {r["petitioner"] for r in conn.execute("SELECT petitioner FROM petitions")}
    finally:
        conn.close()
    assert set(summaries) <= found  # what the manual warns of: such a backup is to be destroyed
    assert set(informants) & named
