"""Compartment keys are sealed only to keys the security officer certified (issue 15, gap a).

The adversary is a team member with their own password and write access to the data folder. They
hold the database key, so they can rewrite the slot file (its MAC is keyed from that key) and the
database: they replace the team leader's slot with one of their own making (their password, their key
pair), under the leader's name, and register that key in `account_keys` as the leader's. The next
time the office uses the leads, the compartment key must not be sealed to the swapped key: the
refusal is audited, and the adversary's slot opens no copy of it. Editing the users table to make
themselves a security officer and certifying the fake key with their own (certified) key does not
help either: only the security officer's keys certify, and which keys those are is rooted in the
setup's signed entry, not in the users table.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from app.core.domain.register import leads
from app.core.security import account_keys, key_trust
from app.core.security import compartment_keys as ck
from app.core.store.connection import DB_FILE
from app.core.store.keyslots import KdfParams, KeySlots
from app.core.workstation import Workstation
from app.demo.accounts import DEMO_PASSWORD, create_demo
from tests.security.test_compartments import _raw_connection

INSIDER_PASSWORD = "Insider-Pass-2026!"


@pytest.fixture
def demo(tmp_path: Path) -> Workstation:
    return create_demo(tmp_path / "ws", kdf=KdfParams.fast_for_tests())


def _leader_of_a_lead(ws: Workstation) -> tuple[str, str, str]:
    office = ws.unlock("office", DEMO_PASSWORD)
    try:
        row = office.conn.execute(
            "SELECT l.inspection_id, u.id AS user_id, u.username FROM leads l"
            " JOIN inspections i ON i.id = l.inspection_id"
            " JOIN team_members m ON m.team_id = i.team_id AND m.position = 'leader'"
            " JOIN users u ON u.id = m.user_id ORDER BY l.created_at LIMIT 1"
        ).fetchone()
        return row["inspection_id"], row["user_id"], row["username"]
    finally:
        office.close()


def _swap_slot(ws: Workstation, victim: str, victim_id: str, *, register: bool = True):
    """The insider (member1) replaces `victim`'s slot with one they know the password of."""
    slots = KeySlots.load(ws.folder)
    db_key = slots.try_unwrap("member1", DEMO_PASSWORD)
    insider = slots.keys_for("member1")
    slots.put_slot(victim, INSIDER_PASSWORD, db_key, KdfParams.fast_for_tests())
    fake = slots.keys_for(victim)
    slots.save(db_key)
    if register:
        conn = _raw_connection(ws.folder / DB_FILE, db_key)
        conn.row_factory = sqlcipher3.Row
        try:
            conn.execute("BEGIN")
            account_keys.insert_key(conn, fake, victim, victim_id, "2026-01-01T00:00:00+00:00")
            conn.execute("COMMIT")
        finally:
            conn.close()
    return db_key, insider, fake


def _sealed_to(ws: Workstation, db_key: bytes, key_id: str) -> int:
    conn = _raw_connection(ws.folder / DB_FILE, db_key)
    try:
        return conn.execute("SELECT count(*) FROM compartment_seals WHERE key_id = ?", (key_id,)).fetchone()[
            0
        ]
    finally:
        conn.close()


def _office_reads(ws: Workstation, inspection_id: str) -> list:
    office = ws.unlock("office", DEMO_PASSWORD)
    try:
        found = leads.list_leads(office, inspection_id=inspection_id)
        assert found and not any(x.locked for x in found)
        return [
            tuple(r)
            for r in office.conn.execute(
                "SELECT action, object_id, summary FROM audit WHERE action = 'compartment_seal_refused'"
            )
        ]
    finally:
        office.close()


def _opens_nothing(ws: Workstation, db_key: bytes, inspection_id: str, fake) -> None:
    conn = _raw_connection(ws.folder / DB_FILE, db_key)
    conn.row_factory = sqlcipher3.Row
    try:
        compartment = ck.compartment_row(conn, inspection_id, ck.LEADS)
        assert ck.open_seal(conn, compartment, fake.key_id, fake.seal) is None
        for seal in conn.execute(
            "SELECT key_id, sealed FROM compartment_seals WHERE compartment_id = ?", (compartment["id"],)
        ):
            aad = ck._seal_aad(compartment["id"], inspection_id, ck.LEADS, seal["key_id"])
            assert ck.open_key(fake.seal, seal["sealed"], aad) is None
    finally:
        conn.close()


def test_a_swapped_slot_key_gets_no_compartment_key(demo):
    inspection_id, leader_id, leader = _leader_of_a_lead(demo)
    db_key, _insider, fake = _swap_slot(demo, leader, leader_id)
    refusals = _office_reads(demo, inspection_id)
    assert _sealed_to(demo, db_key, fake.key_id) == 0
    assert [r for r in refusals if r[1] == fake.key_id], refusals
    assert any(leader in r[2] for r in refusals)
    _opens_nothing(demo, db_key, inspection_id, fake)
    # Refused once, not at every use.
    again = _office_reads(demo, inspection_id)
    assert len([r for r in again if r[1] == fake.key_id]) == 1


def test_an_unregistered_swapped_key_gets_nothing_either(demo):
    inspection_id, leader_id, leader = _leader_of_a_lead(demo)
    db_key, _insider, fake = _swap_slot(demo, leader, leader_id, register=False)
    refusals = _office_reads(demo, inspection_id)
    assert _sealed_to(demo, db_key, fake.key_id) == 0
    assert [r for r in refusals if r[1] == fake.key_id]
    _opens_nothing(demo, db_key, inspection_id, fake)


def test_an_insider_who_makes_themselves_officer_cannot_certify(demo):
    inspection_id, leader_id, leader = _leader_of_a_lead(demo)
    db_key, insider, fake = _swap_slot(demo, leader, leader_id)
    conn = _raw_connection(demo.folder / DB_FILE, db_key)
    conn.row_factory = sqlcipher3.Row
    try:
        conn.execute("BEGIN")
        conn.execute("UPDATE users SET role = 'security_officer' WHERE username = 'member1'")
        # As the "officer" now, the insider certifies the fake key for the leader's role.
        account_keys.certify_row(conn, fake.key_id, insider, "2026-01-02T00:00:00+00:00", role="team_leader")
        # The fake key also certifies itself, as the setup's officer key did.
        account_keys.certify_row(
            conn, fake.key_id, fake, "2026-01-02T00:00:00+00:00", role="security_officer"
        )
        conn.execute("COMMIT")
        assert fake.key_id not in key_trust.sealable_keys(conn)
        assert insider.key_id in key_trust.sealable_keys(conn)  # the insider's own key stays certified
        conn.execute("BEGIN")
        conn.execute("UPDATE users SET role = 'team_member' WHERE username = 'member1'")
        conn.execute("COMMIT")
    finally:
        conn.close()
    _office_reads(demo, inspection_id)
    assert _sealed_to(demo, db_key, fake.key_id) == 0
    _opens_nothing(demo, db_key, inspection_id, fake)


def test_a_session_with_an_uncertified_key_creates_no_compartment(demo):
    """The insider signs in as the leader with the swapped slot: no new compartment comes from them."""
    office = demo.unlock("office", DEMO_PASSWORD)
    try:
        row = office.conn.execute(
            "SELECT i.id AS inspection_id, u.id AS user_id, u.username FROM inspections i"
            " JOIN team_members m ON m.team_id = i.team_id AND m.position = 'leader'"
            " JOIN users u ON u.id = m.user_id"
            " WHERE NOT EXISTS (SELECT 1 FROM compartments c WHERE c.inspection_id = i.id AND c.kind = 'leads')"
            " LIMIT 1"
        ).fetchone()
    finally:
        office.close()
    assert row is not None, "the demo has an inspection without leads"
    _swap_slot(demo, row["username"], row["user_id"])
    session = demo.unlock(row["username"], INSIDER_PASSWORD)
    try:
        from app.core.security import compartments

        with pytest.raises(Exception, match="密钥"):
            compartments.require_key(session, row["inspection_id"], ck.LEADS)
        assert ck.compartment_row(session.conn, row["inspection_id"], ck.LEADS) is None
    finally:
        session.close()


def test_an_account_made_office_by_a_database_edit_gets_no_compartment(demo, monkeypatch):
    """The system administrator alone: a new account, given the office role by editing the database."""
    from app.core.security import accounts
    from app.core.store import keyslots

    monkeypatch.setattr(keyslots, "_calibrated", KdfParams.fast_for_tests())
    sysadmin = demo.unlock("sysadmin", DEMO_PASSWORD)
    try:
        mole = accounts.create_account(sysadmin, "mole", "某某", INSIDER_PASSWORD)
        db_key = bytes(sysadmin.db_key)
    finally:
        sysadmin.close()
    conn = _raw_connection(demo.folder / DB_FILE, db_key)
    try:
        conn.execute("BEGIN")
        conn.execute(
            "UPDATE users SET role = 'office', clearance = '机密', must_change_password = 0 WHERE id = ?",
            (mole.id,),
        )
        conn.execute("COMMIT")
    finally:
        conn.close()
    session = demo.unlock("mole", INSIDER_PASSWORD)
    try:
        found = leads.list_leads(session)
        assert found and all(x.locked for x in found)
    finally:
        session.close()
    inspection_id, _leader_id, _leader = _leader_of_a_lead(demo)
    refusals = _office_reads(demo, inspection_id)
    assert any("mole" in r[2] for r in refusals)
    session = demo.unlock("mole", INSIDER_PASSWORD)
    try:
        assert all(x.locked for x in leads.list_leads(session))
        assert (
            session.conn.execute(
                "SELECT count(*) FROM compartment_seals WHERE user_id = ?", (mole.id,)
            ).fetchone()[0]
            == 0
        )
    finally:
        session.close()
