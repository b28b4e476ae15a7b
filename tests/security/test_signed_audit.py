"""The adversary's tests of the signed audit trail (issue 15): one insider, their password, the files.

Before signing, whoever held any password held the database key and so the HMAC chain's key: they
could rewrite the trail and its head consistently and `verify` passed. Now each entry is signed by
the acting account's Ed25519 key, sealed in that account's key slot. The insider here is the office
account: it opens its own slot, drops the append-only triggers, rewrites, deletes or reorders an
entry another account wrote, recomputes the whole HMAC chain and the head, re-signs every entry its
own key signed, and `verify` (run by the auditor) still names the entry.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from app.core.errors import IntegrityFailure
from app.core.security import account_keys, accounts, dual_control
from app.core.security import audit as audit_trail
from app.core.store.connection import Connection
from app.core.store.keyslots import RECOVERY_SLOT, AccountKeyPair, KdfParams, KeySlots, subkey
from app.core.store.verify import verify_folder
from app.core.workstation import Workstation
from tests.conftest import DEMO_PASSWORD, standard_accounts
from tests.security.conftest import raw_connection


def _activity(ws: Workstation) -> None:
    """A trail where several accounts act in turn."""
    for username in ("office", "auditor", "office", "secadmin", "leader1", "office"):
        session = ws.unlock(username, DEMO_PASSWORD)
        if username == "secadmin":
            accounts.list_accounts(session)
        session.close()


def _insider(ws: Workstation, username: str = "office") -> tuple[bytes, AccountKeyPair]:
    """What the insider gets from their own slot: the database key and their private keys."""
    slots = KeySlots.load(ws.folder)
    db_key = slots.try_unwrap(username, DEMO_PASSWORD)
    assert db_key is not None
    return db_key, slots.keys_for(username)


@contextmanager
def tampering(ws: Workstation, db_key: bytes) -> Iterator[Connection]:
    """A raw connection with every append-only trigger dropped; the changes are committed."""
    with raw_connection(ws, db_key) as conn:
        conn.execute("BEGIN IMMEDIATE")
        for trigger in (
            "audit_no_update",
            "audit_no_delete",
            "account_keys_no_update",
            "account_keys_no_delete",
            "key_certificates_no_delete",
        ):
            conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        yield conn
        conn.execute("COMMIT")


def _rechain(conn, ws: Workstation, db_key: bytes, insider: AccountKeyPair) -> None:
    """Renumber from 1, recompute every hash, re-sign what the insider's key signed, rewrite the head."""
    chain_key = subkey(db_key, "audit-chain")
    rows = [audit_trail.AuditEntry(*r) for r in conn.execute(audit_trail.SELECT_ALL + " ORDER BY seq")]
    conn.execute("DELETE FROM audit")
    prev = audit_trail.GENESIS
    for seq, entry in enumerate(rows, start=1):
        values = {f: getattr(entry, f) for f in audit_trail.FIELDS} | {"seq": seq}
        signature = entry.signature
        if entry.signer_key == insider.key_id:
            message = audit_trail.signed_message(prev, values, insider.key_id)
            signature = base64.b64encode(insider.sign.sign(message)).decode("ascii")
        digest = audit_trail.entry_hash(chain_key, prev, values, entry.signer_key, signature)
        conn.execute(
            "INSERT INTO audit (seq, at, user_id, username, role, action, object_type, object_id, summary,"
            " workstation_id, prev_hash, hash, signer_key, signature) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (*[values[f] for f in audit_trail.FIELDS], prev, digest, entry.signer_key, signature),
        )
        prev = digest
    _write_head(ws, db_key, len(rows), prev)


def _write_head(ws: Workstation, db_key: bytes, seq: int, digest: str) -> None:
    """The insider rewrites the head too (write_head alone never moves it backwards)."""
    (ws.folder / audit_trail.HEAD_FILE).unlink()
    audit_trail.write_head(ws.folder, subkey(db_key, "audit-head"), seq, digest)
    assert audit_trail.read_head(ws.folder, subkey(db_key, "audit-head")) == (seq, digest)


def _seq_of(conn, username: str, nth: int = 0) -> int:
    """The seq of an entry `username` wrote (by its own key), after the setup's entries."""
    rows = conn.execute(
        "SELECT a.seq FROM audit a JOIN account_keys k ON k.id = a.signer_key"
        " WHERE a.username = ? AND k.slot_name = ? AND a.action != 'setup' ORDER BY a.seq",
        (username, username),
    ).fetchall()
    return rows[nth]["seq"]


def _verify(ws: Workstation):
    report = verify_folder(ws.folder, "auditor", DEMO_PASSWORD)
    db_key, _ = _insider(ws)
    with raw_connection(
        ws, db_key
    ) as conn:  # the insider's chain and head are consistent: only signatures tell
        head = audit_trail.read_head(ws.folder, subkey(db_key, "audit-head"))
        signed = (
            conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'account_keys'").fetchone() is not None
        )
        assert audit_trail.verify_chain(conn, subkey(db_key, "audit-chain"), head, signed=signed).ok
    return report


@pytest.fixture
def trail(workstation: Workstation):
    _activity(workstation)
    report = _verify(workstation)
    assert report.ok, report.text()
    return workstation


# ---- the key pairs ---------------------------------------------------------------------------------


def test_each_account_has_its_own_key_pair_sealed_in_its_slot_and_certified(workstation):
    slots = KeySlots.load(workstation.folder)
    raw = slots.path.read_bytes()
    publics = {name: slots.public_keys(name) for name in slots.slot_names()}
    assert all(p is not None for p in publics.values())
    assert len({p[0] for p in publics.values()}) == len(publics)  # nobody shares a key
    key = slots.try_unwrap("member1", DEMO_PASSWORD)
    pair = slots.keys_for("member1")
    assert (pair.sign_public, pair.seal_public) == publics["member1"]
    assert base64.b64encode(pair.private_bytes()[:32]) not in raw and pair.private_bytes()[:32] not in raw
    with raw_connection(workstation, key) as conn:
        rows = {r["slot_name"]: r for r in conn.execute("SELECT * FROM account_keys")}
        assert set(rows) == set(slots.slot_names())
        for name, row in rows.items():
            assert base64.b64decode(row["sign_public"]) == publics[name][0]
        officer = rows["secadmin"]["id"]
        certified = {
            r["key_id"]
            for r in conn.execute("SELECT key_id FROM key_certificates WHERE certifier_key = ?", (officer,))
        }
        assert certified == {r["id"] for r in rows.values()}
        assert conn.execute("SELECT count(*) FROM audit WHERE signature = ''").fetchone()[0] == 0


def test_the_recovery_slot_gives_its_own_key_never_an_accounts(tmp_path):
    ws = Workstation(tmp_path / "ws")
    result = ws.create("单位", standard_accounts(), kdf=KdfParams.fast_for_tests())
    slots = KeySlots.load(ws.folder)
    from app.core.store.keyslots import normalise_recovery_code

    assert slots.try_unwrap(RECOVERY_SLOT, normalise_recovery_code(result.recovery_code)) is not None
    recovery = slots.keys_for(RECOVERY_SLOT)
    assert [name for name in slots.slot_names() if slots.keys_for(name) is not None] == [RECOVERY_SLOT]
    assert recovery.sign_public not in {slots.public_keys(n)[0] for n in slots.usernames()}
    # A recovery session signs with the recovery key; the trail still verifies.
    ws.recover(result.recovery_code, "member1", "Neu-Pass-2026!")
    report = verify_folder(ws.folder, "auditor", DEMO_PASSWORD)
    assert report.ok, report.text()


def test_a_changed_public_key_in_a_slot_stops_its_owner_signing_in(workstation):
    db_key, _ = _insider(workstation)
    slots = KeySlots.load(workstation.folder)
    slot = next(s for s in slots.data["slots"] if s["username"] == "member1")
    slot["sign_public"] = base64.b64encode(AccountKeyPair.generate().sign_public).decode("ascii")
    slots.save(db_key)  # the insider can recompute the file's MAC, but not the seal's
    with pytest.raises(IntegrityFailure, match="账号密钥已被改动"):
        workstation.unlock("member1", DEMO_PASSWORD)


def test_every_entry_is_signed_by_the_acting_accounts_key(trail):
    db_key, _ = _insider(trail)
    with raw_connection(trail, db_key) as conn:
        rows = conn.execute(
            "SELECT a.username, a.user_id, a.action, k.slot_name, k.user_id AS key_user FROM audit a"
            " JOIN account_keys k ON k.id = a.signer_key"
        ).fetchall()
        total = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    assert len(rows) == total
    for row in rows:
        if row["user_id"] is not None:
            assert row["key_user"] == row["user_id"], dict(row)
        else:  # the setup's entries: signed by the setup's security officer
            assert row["slot_name"] == "secadmin", dict(row)


def test_password_change_and_reset_give_new_key_pairs_and_the_trail_still_verifies(workstation, login):
    before = KeySlots.load(workstation.folder).public_keys("member1")
    member = workstation.unlock("member1", DEMO_PASSWORD)
    accounts.change_own_password(member, DEMO_PASSWORD, "Neu-Pass-2026!")
    accounts.list_accounts  # noqa: B018 - the member's next entry signs with the new key
    member.close()
    after = KeySlots.load(workstation.folder).public_keys("member1")
    assert after != before
    assert _verify(workstation).ok, _verify(workstation).text()
    sysadmin = login("sysadmin")
    user = accounts.user_by_name(sysadmin, "leader1")
    leader = workstation.unlock("leader1", DEMO_PASSWORD)
    leader.close()
    change = dual_control.propose_password_reset(sysadmin, user.id, "Reset-Pass-2026!")
    dual_control.confirm(sysadmin, change, "secadmin", DEMO_PASSWORD)  # the two-person step
    sysadmin.close()
    report = _verify(workstation)
    assert report.ok, report.text()


# ---- the insider rewriting the trail ---------------------------------------------------------------


def test_untouched_trail_verifies_with_every_signature(trail):
    report = _verify(trail)
    assert report.ok
    assert "有效签名" in report.text()


def test_rewriting_another_accounts_entry_is_caught(trail):
    db_key, insider = _insider(trail)
    with tampering(trail, db_key) as conn:
        target = _seq_of(conn, "auditor")
        conn.execute("UPDATE audit SET summary = '无异常' WHERE seq = ?", (target,))
        _rechain(conn, trail, db_key, insider)
    report = _verify(trail)
    assert not report.ok
    assert report.first_bad_entry == target, report.text()
    assert f"第 {target} 条" in report.text()


def test_rewriting_the_insiders_own_entry_is_caught_by_the_next_accounts_signature(trail):
    db_key, insider = _insider(trail)
    with tampering(trail, db_key) as conn:
        target = _seq_of(conn, "office")  # followed by other accounts' entries
        conn.execute("UPDATE audit SET action = 'lock' WHERE seq = ?", (target,))
        _rechain(conn, trail, db_key, insider)
        next_other = conn.execute(
            "SELECT min(a.seq) FROM audit a JOIN account_keys k ON k.id = a.signer_key"
            " WHERE a.seq > ? AND k.id != ?",
            (target, insider.key_id),
        ).fetchone()[0]
    report = _verify(trail)
    assert not report.ok
    assert report.first_bad_entry == next_other, report.text()


def test_taking_an_entry_over_with_the_insiders_signature_is_caught(trail):
    """Sign the auditor's entry with the office key: the key is not the account's the entry names."""
    db_key, insider = _insider(trail)
    with tampering(trail, db_key) as conn:
        target = _seq_of(conn, "auditor")
        conn.execute("UPDATE audit SET signer_key = ? WHERE seq = ?", (insider.key_id, target))
        _rechain(conn, trail, db_key, insider)
    report = _verify(trail)
    assert not report.ok and report.first_bad_entry == target, report.text()


@pytest.mark.parametrize("whose", ["auditor", "office"])
def test_deleting_an_entry_is_caught(trail, whose):
    db_key, insider = _insider(trail)
    with tampering(trail, db_key) as conn:
        target = _seq_of(conn, whose)
        conn.execute("DELETE FROM audit WHERE seq = ?", (target,))
        _rechain(conn, trail, db_key, insider)
    report = _verify(trail)
    assert not report.ok
    assert report.first_bad_entry is not None and report.first_bad_entry <= target + 2, report.text()


def test_reordering_entries_is_caught(trail):
    db_key, insider = _insider(trail)
    with tampering(trail, db_key) as conn:
        a, b = _seq_of(conn, "office"), _seq_of(conn, "auditor")
        conn.execute("UPDATE audit SET seq = -1 WHERE seq = ?", (a,))
        conn.execute("UPDATE audit SET seq = ? WHERE seq = ?", (a, b))
        conn.execute("UPDATE audit SET seq = ? WHERE seq = -1", (b,))
        _rechain(conn, trail, db_key, insider)
    report = _verify(trail)
    assert not report.ok and report.first_bad_entry == min(a, b), report.text()


def test_substituting_another_accounts_public_key_is_caught(trail):
    """Replace the auditor's key with one the insider made, and re-sign everything with the fakes."""
    db_key, insider = _insider(trail)
    fakes: dict[str, AccountKeyPair] = {}
    with tampering(trail, db_key) as conn:
        target = _seq_of(conn, "auditor")
        conn.execute("UPDATE audit SET summary = '无异常' WHERE seq = ?", (target,))
        for row in conn.execute("SELECT id, slot_name, user_id, created_at FROM account_keys").fetchall():
            if row["slot_name"] == "office":
                continue
            fake = fakes[row["id"]] = AccountKeyPair.generate()
            conn.execute(
                "DELETE FROM key_certificates WHERE key_id = ? OR certifier_key = ?", (row["id"], row["id"])
            )
            conn.execute("DELETE FROM account_keys WHERE id = ?", (row["id"],))
            account_keys.insert_key(conn, fake, row["slot_name"], row["user_id"], row["created_at"])
            conn.execute("UPDATE audit SET signer_key = ? WHERE signer_key = ?", (fake.key_id, row["id"]))
        chain_key = subkey(db_key, "audit-chain")
        rows = [audit_trail.AuditEntry(*r) for r in conn.execute(audit_trail.SELECT_ALL + " ORDER BY seq")]
        conn.execute("DELETE FROM audit")
        prev = audit_trail.GENESIS
        by_id = {k.key_id: k for k in [*fakes.values(), insider]}
        for entry in rows:
            values = {f: getattr(entry, f) for f in audit_trail.FIELDS}
            signer = by_id[entry.signer_key]
            message = audit_trail.signed_message(prev, values, signer.key_id)
            signature = base64.b64encode(signer.sign.sign(message)).decode("ascii")
            digest = audit_trail.entry_hash(chain_key, prev, values, signer.key_id, signature)
            conn.execute(
                "INSERT INTO audit (seq, at, user_id, username, role, action, object_type, object_id, summary,"
                " workstation_id, prev_hash, hash, signer_key, signature) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (*[values[f] for f in audit_trail.FIELDS], prev, digest, signer.key_id, signature),
            )
            prev = digest
        _write_head(trail, db_key, len(rows), prev)
    report = _verify(trail)
    assert not report.ok
    assert "不可信" in report.text(), report.text()


def test_stripping_the_signatures_is_caught(trail):
    db_key, insider = _insider(trail)
    with tampering(trail, db_key) as conn:
        target = _seq_of(conn, "auditor")
        conn.execute("UPDATE audit SET signature = '', signer_key = '' WHERE seq >= ?", (target,))
        _rechain(conn, trail, db_key, insider)
    report = _verify(trail)
    assert not report.ok and report.first_bad_entry == target, report.text()


# ---- upgrading a trail written before signing ----------------------------------------------------


def _downgrade(ws: Workstation) -> None:
    """Make the folder what version 9 wrote: no signatures, no key tables, slots without key pairs."""
    db_key, _ = _insider(ws)
    with tampering(ws, db_key) as conn:
        conn.execute("DROP TABLE key_certificates")
        conn.execute("DROP TABLE account_keys")
        chain_key = subkey(db_key, "audit-chain")
        rows = [audit_trail.AuditEntry(*r) for r in conn.execute(audit_trail.SELECT_ALL + " ORDER BY seq")]
        conn.execute("DELETE FROM audit")
        conn.execute("ALTER TABLE audit DROP COLUMN signer_key")
        conn.execute("ALTER TABLE audit DROP COLUMN signature")
        prev = audit_trail.GENESIS
        for entry in rows:
            values = {f: getattr(entry, f) for f in audit_trail.FIELDS}
            digest = audit_trail.entry_hash(chain_key, prev, values)
            conn.execute(
                "INSERT INTO audit (seq, at, user_id, username, role, action, object_type, object_id, summary,"
                " workstation_id, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (*[values[f] for f in audit_trail.FIELDS], prev, digest),
            )
            prev = digest
        conn.execute("PRAGMA user_version = 9")
    _write_head(ws, db_key, len(rows), prev)
    slots = KeySlots.load(ws.folder)
    for slot in slots.data["slots"]:
        for field in ("sign_public", "seal_public", "keys_nonce", "keys_sealed"):
            slot.pop(field)
    slots.save(db_key)


def test_first_sign_in_after_the_upgrade_makes_the_key_pair_and_covers_older_entries(trail):
    _downgrade(trail)
    unsigned = _verify(trail)
    assert unsigned.ok and "尚未升级" in unsigned.text()
    session = trail.unlock("office", DEMO_PASSWORD)
    rows = session.conn.execute("SELECT seq, action, username, signature FROM audit ORDER BY seq").fetchall()
    session.close()
    first_signed = next(r for r in rows if r["signature"])
    assert first_signed["action"] == audit_trail.UPGRADE_ACTION and first_signed["username"] == "office"
    assert all(not r["signature"] for r in rows if r["seq"] < first_signed["seq"])
    assert KeySlots.load(trail.folder).public_keys("office") is not None
    assert KeySlots.load(trail.folder).public_keys("auditor") is None  # made at its own first sign-in
    report = _verify(trail)
    assert report.ok, report.text()
    assert KeySlots.load(trail.folder).public_keys("auditor") is not None


def test_an_unsigned_entry_after_the_upgrade_is_caught(trail):
    _downgrade(trail)
    trail.unlock("office", DEMO_PASSWORD).close()
    db_key, insider = _insider(trail)
    with tampering(trail, db_key) as conn:
        last = conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
        conn.execute("UPDATE audit SET signature = '', signer_key = '' WHERE seq = ?", (last,))
        _rechain(conn, trail, db_key, insider)
    report = _verify(trail)
    assert not report.ok and report.first_bad_entry == last, report.text()


def test_slot_file_format_is_json_with_public_keys_only(workstation):
    data = json.loads((workstation.folder / "keyslots.json").read_text("utf-8"))
    for slot in data["slots"]:
        assert set(slot) >= {"sign_public", "seal_public", "keys_nonce", "keys_sealed"}
        assert len(base64.b64decode(slot["sign_public"])) == 32
