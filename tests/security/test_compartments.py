"""The adversary's test of the compartments (issue 15, need-to-know by cryptography).

A team member who has their own password and a copy of the data folder unwraps their own key slot
(KeySlots.try_unwrap), opens the database directly with sqlcipher3 and looks everywhere: every cell of
every table (the full-text indexes' shadow tables included) and every page of the file and of its
write-ahead log, decrypted with the database key (free pages too). None of the leads' summaries and
none of the petitioners' names and numbers of the demo data is there, while the office and the team
leader still see and search them through the core. A leader removed from the team cannot open the
compartment's new key; after a password reset the account reads its compartments again once a holder
(the office) has used them, never through an administrator, and the recovery code opens none.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from app.core.domain.organisation import teams
from app.core.domain.register import figures, leads, petitions
from app.core.security import accounts, compartments, dual_control
from app.core.security import compartment_keys as ck
from app.core.store.connection import DB_FILE, LEGACY_PAGE_HMAC, key_pragmas, page_format
from app.core.store.keyslots import RECOVERY_SLOT, KdfParams, KeySlots, key_id_of, new_recovery_code
from app.core.workstation import Workstation
from app.demo.accounts import DEMO_PASSWORD, create_demo
from tests.security.conftest import PAGE_SIZE

TEMP = "Temp-Pass-2026!"
NEW = "Neu-Pass-2026!x"


@pytest.fixture
def demo(tmp_path: Path) -> Workstation:
    return create_demo(tmp_path / "ws", kdf=KdfParams.fast_for_tests())


def _secrets(ws: Workstation) -> tuple[list[str], list[str]]:
    """What the compartments hold in the demo, read through the core by the office."""
    office = ws.unlock("office", DEMO_PASSWORD)
    try:
        found = leads.list_leads(office)
        summaries = sorted({x.summary for x in found})
        ids = [r["id"] for r in office.conn.execute("SELECT id FROM inspections")]
        named = [p for i in ids for p in petitions.list_petitions(office, i) if p.petitioner]
    finally:
        office.close()
    assert found and summaries and named, "the demo has leads and named petitioners"
    assert not any(x.locked for x in found)
    informants = sorted({p.petitioner for p in named} | {p.contact for p in named if p.contact})
    return summaries, informants


def _raw_connection(path: Path, db_key: bytes) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    for pragma in key_pragmas(db_key, page_format(path, db_key)):
        conn.execute(pragma)
    return conn


def _cells(conn: sqlcipher3.Connection) -> list[str]:
    out = []
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert "leads" in tables and "compartment_seals" in tables
    for table in tables:
        for row in conn.execute(f'SELECT * FROM "{table}"'):
            for value in row:
                if isinstance(value, bytes):
                    value = value.decode("utf-8", "ignore")
                if isinstance(value, str):
                    out.append(value)
    return out


def _decrypted_pages(folder: Path, db_key: bytes) -> bytes:
    """Every page of the database file and of its WAL, decrypted (AES-256-CBC, SQLCipher 4 layout)."""
    reserve = 16 + (64 if page_format(folder / DB_FILE, db_key) == LEGACY_PAGE_HMAC else 32)

    def page(data: bytes, first: bool) -> bytes:
        iv = data[PAGE_SIZE - reserve : PAGE_SIZE - reserve + 16]
        body = data[16 if first else 0 : PAGE_SIZE - reserve]
        decryptor = Cipher(algorithms.AES(bytes(db_key)), modes.CBC(iv)).decryptor()
        return decryptor.update(body) + decryptor.finalize()

    raw = (folder / DB_FILE).read_bytes()
    pages = [page(raw[i : i + PAGE_SIZE], i == 0) for i in range(0, len(raw), PAGE_SIZE)]
    wal = folder / f"{DB_FILE}-wal"
    if wal.exists():
        data = wal.read_bytes()
        for at in range(32, len(data) - PAGE_SIZE + 1, 24 + PAGE_SIZE):
            number = int.from_bytes(data[at : at + 4], "big")
            pages.append(page(data[at + 24 : at + 24 + PAGE_SIZE], number == 1))
    assert pages[0][:2] == PAGE_SIZE.to_bytes(2, "big"), "page 1 decrypts to the SQLite header"
    return b"".join(pages)


def test_member_with_password_and_files_finds_no_compartment_text(demo):
    summaries, informants = _secrets(demo)
    # The adversary: member1's own password, the folder, nothing else.
    slots = KeySlots.load(demo.folder)
    db_key = slots.try_unwrap("member1", DEMO_PASSWORD)
    assert db_key is not None
    conn = _raw_connection(demo.folder / DB_FILE, db_key)
    try:
        cells = _cells(conn)
    finally:
        conn.close()
    blob = "\n".join(cells)
    pages = _decrypted_pages(demo.folder, db_key)
    # The scan sees plaintext where there is some: the petitions' own summaries stay in the clear.
    assert "反映单位食堂承包经营不规范" in blob
    assert "反映单位食堂承包经营不规范".encode() in pages
    for secret in summaries + informants:
        assert secret not in blob, secret
        for encoding in ("utf-8", "utf-16-le", "utf-16-be", "gb18030"):
            assert secret.encode(encoding) not in pages, (secret, encoding)
    # Its own copies of the informants' keys are in the database, sealed to its slot's pair: none of
    # the leads' compartments is sealed to member1.
    member_id = demo_user_id(demo, "member1")
    kinds = {r[0] for r in _kinds_sealed_to(demo, db_key, member_id)}
    assert kinds <= {ck.INFORMANTS}


def demo_user_id(ws: Workstation, username: str) -> str:
    office = ws.unlock("office", DEMO_PASSWORD)
    try:
        return office.conn.execute("SELECT id FROM users WHERE username = ?", (username,)).fetchone()[0]
    finally:
        office.close()


def _kinds_sealed_to(ws: Workstation, db_key: bytes, user_id: str) -> list:
    conn = _raw_connection(ws.folder / DB_FILE, db_key)
    try:
        return conn.execute(
            "SELECT DISTINCT c.kind FROM compartment_seals s JOIN compartments c ON c.id = s.compartment_id"
            " WHERE s.user_id = ?",
            (user_id,),
        ).fetchall()
    finally:
        conn.close()


def test_leader_and_office_still_see_and_search(demo):
    summaries, informants = _secrets(demo)
    office = demo.unlock("office", DEMO_PASSWORD)
    try:
        hits = leads.list_leads(office, text="购物卡")
        assert hits and all("购物卡" in x.summary for x in hits)
        assert leads.list_leads(office, text="不在任何线索中的词") == []
        fig = figures.compute(office)
        assert fig.leads.total == len(leads.list_leads(office))
        assert fig.leads.cases_opened >= 1 and fig.leads.sanctions >= 1
        leader_name = office.conn.execute(
            "SELECT u.username FROM leads l JOIN inspections i ON i.id = l.inspection_id"
            " JOIN team_members m ON m.team_id = i.team_id AND m.position = 'leader'"
            " JOIN users u ON u.id = m.user_id LIMIT 1"
        ).fetchone()[0]
    finally:
        office.close()
    leader = demo.unlock(leader_name, DEMO_PASSWORD)
    try:
        own = leads.list_leads(leader)
        assert own and not any(x.locked for x in own)
        assert {x.summary for x in own} <= set(summaries)
        word = own[0].summary[2:6]
        assert own[0].id in {x.id for x in leads.list_leads(leader, text=word)}
    finally:
        leader.close()
    # A member of a team reads its own petitioners through the core (the team is entitled to them).
    member = demo.unlock("member1", DEMO_PASSWORD)
    try:
        visible = [
            r["id"]
            for r in member.conn.execute(
                "SELECT i.id FROM inspections i JOIN team_members m ON m.team_id = i.team_id"
                " JOIN users u ON u.id = m.user_id WHERE u.username = 'member1'"
            )
        ]
        seen = [p for i in visible for p in petitions.list_petitions(member, i)]
        assert seen and not any(p.locked for p in seen)
        assert {p.petitioner for p in seen if p.petitioner} <= set(informants)
    finally:
        member.close()


def _leader_and_inspection(session) -> tuple[str, str, str]:
    row = session.conn.execute(
        "SELECT l.inspection_id, m.id AS member_id, u.username FROM leads l"
        " JOIN inspections i ON i.id = l.inspection_id"
        " JOIN team_members m ON m.team_id = i.team_id AND m.position = 'leader'"
        " JOIN users u ON u.id = m.user_id ORDER BY l.created_at LIMIT 1"
    ).fetchone()
    return row["inspection_id"], row["member_id"], row["username"]


def test_removed_leader_cannot_open_the_new_key(demo):
    office = demo.unlock("office", DEMO_PASSWORD)
    inspection_id, member_id, leader_name = _leader_and_inspection(office)
    office.close()
    # What the leader holds before: their pair, straight from their slot, and the compartment key.
    slots = KeySlots.load(demo.folder)
    db_key = slots.try_unwrap(leader_name, DEMO_PASSWORD)
    pair = slots.keys_for(leader_name)
    conn = _raw_connection(demo.folder / DB_FILE, db_key)
    conn.row_factory = sqlcipher3.Row
    before = ck.compartment_row(conn, inspection_id, ck.LEADS)
    old_key = ck.open_seal(conn, before, pair.key_id, pair.seal)
    conn.close()
    assert old_key is not None, "the leader held the key"

    office = demo.unlock("office", DEMO_PASSWORD)
    try:
        teams.remove_member(office, member_id)  # the office holds the key: it rotates at once
        after = ck.compartment_row(office.conn, inspection_id, ck.LEADS)
        assert after["id"] != before["id"]
        assert (
            office.conn.execute(
                "SELECT count(*) FROM audit WHERE action = 'compartment_rotate' AND object_id = ?",
                (after["id"],),
            ).fetchone()[0]
            == 1
        )
        still = leads.list_leads(office, inspection_id=inspection_id)
        assert still and not any(x.locked for x in still)
    finally:
        office.close()

    conn = _raw_connection(demo.folder / DB_FILE, db_key)
    conn.row_factory = sqlcipher3.Row
    try:
        assert ck.open_seal(conn, after, pair.key_id, pair.seal) is None
        for seal in conn.execute(
            "SELECT key_id, sealed FROM compartment_seals WHERE compartment_id = ?", (after["id"],)
        ):
            assert seal["key_id"] != pair.key_id
            aad = ck._seal_aad(after["id"], inspection_id, ck.LEADS, seal["key_id"])
            assert ck.open_key(pair.seal, seal["sealed"], aad) is None
        assert (
            conn.execute("SELECT count(*) FROM compartments WHERE id = ?", (before["id"],)).fetchone()[0] == 0
        )
        rows = conn.execute(
            "SELECT id, sealed FROM leads WHERE inspection_id = ?", (inspection_id,)
        ).fetchall()
        assert rows
        for row in rows:
            assert ck.compartment_of(row["sealed"]) == after["id"]
            assert (
                ck.decrypt_values(old_key, "leads", row["id"], row["sealed"]) is None
            )  # the old key opens nothing
    finally:
        conn.close()


def _locked_then_resealed(ws: Workstation, username: str, inspection_id: str, password: str) -> None:
    session = ws.unlock(username, password)
    accounts.change_own_password(session, password, NEW)
    try:
        mine = leads.list_leads(session, inspection_id=inspection_id)
        assert mine and all(x.locked and x.summary == compartments.LOCKED for x in mine)
        with pytest.raises(Exception, match="密钥尚未交付"):
            leads.update_lead(
                session, mine[0].id, leads.LeadDraft("某", "", "改", "other", "", mine[0].received_on)
            )
    finally:
        session.close()
    # An administrator holds no compartment key and cannot hand one over.
    sysadmin = ws.unlock("sysadmin", DEMO_PASSWORD)
    try:
        assert compartments.open_key(sysadmin, inspection_id, ck.LEADS) is None
    finally:
        sysadmin.close()
    session = ws.unlock(username, NEW)
    try:
        assert all(x.locked for x in leads.list_leads(session, inspection_id=inspection_id))
    finally:
        session.close()
    office = ws.unlock("office", DEMO_PASSWORD)  # the office's next use seals to the new key
    try:
        leads.list_leads(office, inspection_id=inspection_id)
        office_key = office.signer.key_id
    finally:
        office.close()
    session = ws.unlock(username, NEW)
    try:
        again = leads.list_leads(session, inspection_id=inspection_id)
        assert again and not any(x.locked for x in again)
        sealed_by = session.conn.execute(
            "SELECT s.sealed_by FROM compartment_seals s JOIN compartments c ON c.id = s.compartment_id"
            " WHERE c.inspection_id = ? AND c.kind = 'leads' AND s.key_id = ?",
            (inspection_id, session.signer.key_id),
        ).fetchone()[0]
        assert sealed_by == office_key
    finally:
        session.close()


def test_password_reset_gets_its_compartments_from_the_office(demo):
    office = demo.unlock("office", DEMO_PASSWORD)
    inspection_id, _member_id, leader_name = _leader_and_inspection(office)
    office.close()
    sysadmin = demo.unlock("sysadmin", DEMO_PASSWORD)
    try:
        user_id = sysadmin.conn.execute("SELECT id FROM users WHERE username = ?", (leader_name,)).fetchone()[
            0
        ]
        change = dual_control.propose_password_reset(sysadmin, user_id, TEMP)
        dual_control.confirm(sysadmin, change, "secadmin", DEMO_PASSWORD)
    finally:
        sysadmin.close()
    _locked_then_resealed(demo, leader_name, inspection_id, TEMP)


def test_recovery_code_opens_the_database_never_a_compartment(demo):
    office = demo.unlock("office", DEMO_PASSWORD)
    try:
        inspection_id, _member_id, leader_name = _leader_and_inspection(office)
        # The demo does not keep its recovery code: give the recovery slot one this test knows.
        code = new_recovery_code()
        slots = KeySlots.load(demo.folder)
        slots.put_slot(RECOVERY_SLOT, code, office.db_key, KdfParams.fast_for_tests(), kind="recovery")
        slots.save(office.db_key)
    finally:
        office.close()
    demo.recover(code, leader_name, TEMP)
    recovery_key = KeySlots.load(demo.folder).public_keys(RECOVERY_SLOT)
    session = demo.unlock(leader_name, TEMP)
    try:
        accounts.change_own_password(session, TEMP, NEW)
        leader_id = session.user.id
    finally:
        session.close()
    office = demo.unlock("office", DEMO_PASSWORD)
    try:
        assert (
            office.conn.execute(
                "SELECT count(*) FROM compartment_seals WHERE key_id = ?", (key_id_of(recovery_key[0]),)
            ).fetchone()[0]
            == 0
        )
        # The recovered password's key (and the one that replaced it) was certified by nobody: the
        # office's use seals nothing to it, and says so in the audit trail.
        leads.list_leads(office, inspection_id=inspection_id)
        current = key_id_of(KeySlots.load(demo.folder).public_keys(leader_name)[0])
        assert (
            office.conn.execute(
                "SELECT count(*) FROM compartment_seals WHERE key_id = ?", (current,)
            ).fetchone()[0]
            == 0
        )
        assert (
            office.conn.execute(
                "SELECT count(*) FROM audit WHERE action = 'compartment_seal_refused' AND object_id = ?",
                (current,),
            ).fetchone()[0]
            == 1
        )
    finally:
        office.close()
    session = demo.unlock(leader_name, NEW)
    try:
        assert all(x.locked for x in leads.list_leads(session, inspection_id=inspection_id))
    finally:
        session.close()
    # Both administrators grant the account again: the security officer certifies its key then.
    sysadmin = demo.unlock("sysadmin", DEMO_PASSWORD)
    try:
        target = accounts.get_user(sysadmin, leader_id)
        change = dual_control.propose_role(sysadmin, leader_id, target.role, target.clearance)
        dual_control.confirm(sysadmin, change, "secadmin", DEMO_PASSWORD)
    finally:
        sysadmin.close()
    office = demo.unlock("office", DEMO_PASSWORD)
    try:
        leads.list_leads(office, inspection_id=inspection_id)
    finally:
        office.close()
    session = demo.unlock(leader_name, NEW)
    try:
        again = leads.list_leads(session, inspection_id=inspection_id)
        assert again and not any(x.locked for x in again)
    finally:
        session.close()


def test_recovery_never_enables_a_disabled_account(demo):
    office = demo.unlock("office", DEMO_PASSWORD)
    try:
        code = new_recovery_code()
        slots = KeySlots.load(demo.folder)
        slots.put_slot(RECOVERY_SLOT, code, office.db_key, KdfParams.fast_for_tests(), kind="recovery")
        slots.save(office.db_key)
    finally:
        office.close()
    sysadmin = demo.unlock("sysadmin", DEMO_PASSWORD)
    try:
        member_id = accounts.user_by_name(sysadmin, "member1").id
        accounts.set_disabled(sysadmin, member_id, True)
    finally:
        sysadmin.close()
    with pytest.raises(Exception, match="停用"):
        demo.recover(code, "member1", TEMP)
    sysadmin = demo.unlock("sysadmin", DEMO_PASSWORD)
    try:
        assert accounts.get_user(sysadmin, member_id).disabled
    finally:
        sysadmin.close()
    with pytest.raises(Exception, match="用户名或密码错误|停用"):
        demo.unlock("member1", TEMP)
    # The code was not used up by the refusal: it still recovers an enabled account.
    demo.recover(code, "leader1", TEMP)


def test_own_password_change_keeps_the_keys(demo):
    office = demo.unlock("office", DEMO_PASSWORD)
    inspection_id, _member_id, leader_name = _leader_and_inspection(office)
    office.close()
    session = demo.unlock(leader_name, DEMO_PASSWORD)
    try:
        accounts.change_own_password(session, DEMO_PASSWORD, NEW)
        mine = leads.list_leads(session, inspection_id=inspection_id)  # the old pair handed its copies over
        assert mine and not any(x.locked for x in mine)
    finally:
        session.close()
    session = demo.unlock(leader_name, NEW)
    try:
        assert not any(x.locked for x in leads.list_leads(session, inspection_id=inspection_id))
    finally:
        session.close()


def test_locking_drops_the_compartment_keys(demo):
    office = demo.unlock("office", DEMO_PASSWORD)
    try:
        leads.list_leads(office)
        held = list(office.compartment_keys.values())
        assert held
        office.suspend()
        assert office.compartment_keys == {}
        assert all(not any(k) for k in held)  # wiped in place
    finally:
        office.closed = True  # locked: nothing left to close


def _unmigrate(ws: Workstation) -> dict[str, dict]:
    """Turn the demo back into a version-11 database: sealed fields in the clear, no compartments."""
    slots = KeySlots.load(ws.folder)
    db_key = slots.try_unwrap("office", DEMO_PASSWORD)
    pair = slots.keys_for("office")
    conn = _raw_connection(ws.folder / DB_FILE, db_key)
    conn.row_factory = sqlcipher3.Row
    conn.execute("PRAGMA secure_delete = ON")  # as the app's connections run (app.core.store.connection)
    plain: dict[str, dict] = {}
    try:
        conn.execute("BEGIN")
        for kind in ck.KINDS:
            spec = ck.SPECS[kind]
            for c in conn.execute(
                "SELECT id, inspection_id, kind FROM compartments WHERE kind = ?", (kind,)
            ).fetchall():
                compartment = {"id": c["id"], "inspection_id": c["inspection_id"], "kind": c["kind"]}
                key = ck.open_seal(conn, compartment, pair.key_id, pair.seal)
                rows = conn.execute(
                    f"SELECT id, sealed FROM {spec.table} WHERE inspection_id = ?", (c["inspection_id"],)
                ).fetchall()
                for row in rows:
                    values = ck.decrypt_values(key, spec.table, row["id"], row["sealed"])
                    plain[row["id"]] = values
                    sets = ", ".join(f"{n} = ?" for n in spec.fields)
                    conn.execute(
                        f"UPDATE {spec.table} SET {sets} WHERE id = ?",
                        (*(values[n] for n in spec.fields), row["id"]),
                    )
        conn.execute("DROP TABLE compartment_seals")
        conn.execute("DROP TABLE compartments")
        conn.execute("ALTER TABLE leads DROP COLUMN sealed")
        conn.execute("ALTER TABLE petitions DROP COLUMN sealed")
        conn.execute("PRAGMA user_version = 11")
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return plain


def test_migration_seals_the_rows_already_there(demo):
    summaries, informants = _secrets(demo)
    plain = _unmigrate(demo)
    assert any(v.get("summary") in summaries for v in plain.values())
    office = demo.unlock("office", DEMO_PASSWORD)  # runs m0012
    try:
        assert office.conn.execute("SELECT count(*) FROM leads WHERE sealed = ''").fetchone()[0] == 0
        assert office.conn.execute("SELECT count(*) FROM petitions WHERE sealed = ''").fetchone()[0] == 0
        again = {x.id: x for x in leads.list_leads(office)}
        for lead_id, lead in again.items():
            assert not lead.locked
            assert lead.sealed_values() == {
                **plain[lead_id],
                "case_opened": int(plain[lead_id]["case_opened"]),
            }
    finally:
        office.close()
    slots = KeySlots.load(demo.folder)
    db_key = slots.try_unwrap("member1", DEMO_PASSWORD)
    conn = _raw_connection(demo.folder / DB_FILE, db_key)
    try:
        blob = "\n".join(_cells(conn))
    finally:
        conn.close()
    pages = _decrypted_pages(demo.folder, db_key)
    for secret in summaries + informants:
        assert secret not in blob and secret.encode() not in pages, secret


def _member_inspection(session, username: str) -> str:
    return session.conn.execute(
        "SELECT p.inspection_id FROM petitions p JOIN inspections i ON i.id = p.inspection_id"
        " JOIN team_members m ON m.team_id = i.team_id JOIN users u ON u.id = m.user_id"
        " WHERE u.username = ? LIMIT 1",
        (username,),
    ).fetchone()[0]


def test_a_disabled_member_loses_the_informants_key_at_the_next_holders_use(demo):
    office = demo.unlock("office", DEMO_PASSWORD)
    inspection_id = _member_inspection(office, "member1")
    member_id = office.conn.execute("SELECT id FROM users WHERE username = 'member1'").fetchone()[0]
    before = ck.compartment_row(office.conn, inspection_id, ck.INFORMANTS)
    office.close()
    sysadmin = demo.unlock("sysadmin", DEMO_PASSWORD)
    try:
        accounts.set_disabled(sysadmin, member_id, True)  # an administrator: holds no key, rotates nothing
        assert ck.compartment_row(sysadmin.conn, inspection_id, ck.INFORMANTS)["id"] == before["id"]
    finally:
        sysadmin.close()
    office = demo.unlock("office", DEMO_PASSWORD)
    try:
        seen = petitions.list_petitions(office, inspection_id)
        assert seen and not any(p.locked for p in seen)
        after = ck.compartment_row(office.conn, inspection_id, ck.INFORMANTS)
        assert after["id"] != before["id"]
        holders = {
            r[0]
            for r in office.conn.execute(
                "SELECT user_id FROM compartment_seals WHERE compartment_id = ?", (after["id"],)
            )
        }
        assert member_id not in holders and office.user.id in holders
    finally:
        office.close()


def test_a_database_key_rotation_has_the_next_holder_rotate_the_compartments(demo):
    from app.core.store import rekey

    office = demo.unlock("office", DEMO_PASSWORD)
    inspection_id, _member_id, _leader = _leader_and_inspection(office)
    before = ck.compartment_row(office.conn, inspection_id, ck.LEADS)
    count = office.conn.execute("SELECT count(*) FROM compartments").fetchone()[0]
    office.close()
    secadmin = demo.unlock("secadmin", DEMO_PASSWORD)
    try:
        rekey.rotate_key(secadmin)
        assert (
            secadmin.conn.execute("SELECT count(*) FROM compartments WHERE rotate_due = 1").fetchone()[0]
            == count
        )
        assert compartments.open_key(secadmin, inspection_id, ck.LEADS) is None
    finally:
        secadmin.close()
    office = demo.unlock("office", DEMO_PASSWORD)
    try:
        assert not any(x.locked for x in leads.list_leads(office, inspection_id=inspection_id))
        after = ck.compartment_row(office.conn, inspection_id, ck.LEADS)
        assert after["id"] != before["id"] and not after["rotate_due"]
    finally:
        office.close()
