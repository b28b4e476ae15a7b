"""Tampering with the audit trail, behind the app's back, with the database key in hand.

The triggers refuse UPDATE and DELETE; an attacker who drops them can change, delete or reorder
entries, and the HMAC chain (with its head kept outside the database) must name the first bad entry.
Each case runs inside a transaction on a raw connection and is rolled back afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from app.core.security import accounts
from app.core.security import audit as audit_trail
from app.core.security.audit import verify_chain
from app.core.store.connection import Connection, DatabaseError
from app.core.store.keyslots import subkey
from app.core.store.verify import verify_store
from tests.conftest import DEMO_PASSWORD
from tests.security.conftest import chain_head, db_key_of, raw_connection


@pytest.fixture
def trail(workstation):
    """A workstation with a trail of a few dozen entries; yields (workstation, db_key, head)."""
    for username in ("sysadmin", "secadmin", "auditor", "office"):
        session = workstation.unlock(username, DEMO_PASSWORD)
        if username in ("sysadmin", "secadmin"):
            for _ in range(3):
                accounts.list_accounts(session)
        session.close()
    key = db_key_of(workstation)
    head = chain_head(workstation, key)
    assert head is not None and head[0] >= 20
    return workstation, key, head


@contextmanager
def tampering(workstation, key) -> Iterator[Connection]:
    """A raw connection with the append-only triggers dropped, all undone on exit."""
    with raw_connection(workstation, key) as conn:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DROP TRIGGER audit_no_update")
        conn.execute("DROP TRIGGER audit_no_delete")
        try:
            yield conn
        finally:
            conn.execute("ROLLBACK")


def _check(conn, key, head):
    return verify_chain(conn, subkey(key, "audit-chain"), head)


def test_untouched_trail_verifies(trail):
    ws, key, head = trail
    with raw_connection(ws, key) as conn:
        report = _check(conn, key, head)
    assert report.ok and report.first_bad_seq is None
    assert report.entries == head[0]


def test_triggers_refuse_update_and_delete(login):
    session = login("office")
    for sql in (
        "UPDATE audit SET summary = 'x' WHERE seq = 1",
        "DELETE FROM audit WHERE seq = 1",
        "DELETE FROM audit",
    ):
        with pytest.raises(DatabaseError, match="append-only"):
            session.conn.execute(sql)
    assert session.conn.execute("SELECT count(*) FROM audit WHERE seq = 1").fetchone()[0] == 1


@pytest.mark.parametrize("field", [*audit_trail.FIELDS[1:], "prev_hash", "hash"])
def test_changing_any_field_of_one_entry_is_detected(trail, field):
    ws, key, head = trail
    target = head[0] // 2
    with tampering(ws, key) as conn:
        old = conn.execute(f"SELECT {field} FROM audit WHERE seq = ?", (target,)).fetchone()[0]
        new = "0" * 64 if field in ("prev_hash", "hash") and old != "0" * 64 else f"{old or ''}x"
        conn.execute(f"UPDATE audit SET {field} = ? WHERE seq = ?", (new, target))
        report = _check(conn, key, head)
    assert not report.ok
    assert report.first_bad_seq == target, report


def test_changed_summary_with_a_recomputed_hash_is_still_detected(trail):
    """Without the audit key an attacker cannot forge the HMAC, even knowing the format."""
    ws, key, head = trail
    target = 5
    with tampering(ws, key) as conn:
        row = conn.execute(audit_trail.SELECT_ALL + " WHERE seq = ?", (target,)).fetchone()
        entry = audit_trail.AuditEntry(*row)
        values = {f: getattr(entry, f) for f in audit_trail.FIELDS} | {"summary": "无异常"}
        forged = audit_trail.entry_hash(b"\0" * 32, entry.prev_hash, values)
        conn.execute("UPDATE audit SET summary = ?, hash = ? WHERE seq = ?", ("无异常", forged, target))
        report = _check(conn, key, head)
    assert not report.ok and report.first_bad_seq == target


def test_deleting_an_entry_in_the_middle_names_it(trail):
    ws, key, head = trail
    target = head[0] // 2
    with tampering(ws, key) as conn:
        conn.execute("DELETE FROM audit WHERE seq = ?", (target,))
        report = _check(conn, key, head)
    assert not report.ok
    assert report.first_bad_seq == target, report
    assert str(target) in report.message


def test_deleting_the_first_entry_is_detected(trail):
    ws, key, head = trail
    with tampering(ws, key) as conn:
        conn.execute("DELETE FROM audit WHERE seq = 1")
        report = _check(conn, key, head)
    assert not report.ok and report.first_bad_seq == 1


def test_deleting_and_renumbering_is_detected(trail):
    """Close the gap by shifting the later entries down: the chain still breaks at the gap."""
    ws, key, head = trail
    target = head[0] // 2
    with tampering(ws, key) as conn:
        conn.execute("DELETE FROM audit WHERE seq = ?", (target,))
        conn.execute("UPDATE audit SET seq = seq - 1 WHERE seq > ?", (target,))
        report = _check(conn, key, head)
    assert not report.ok and report.first_bad_seq == target


@pytest.mark.parametrize("count", [1, 3])
def test_deleting_the_last_entries_is_caught_by_the_head_file(trail, count):
    ws, key, head = trail
    last = head[0]
    with tampering(ws, key) as conn:
        conn.execute("DELETE FROM audit WHERE seq > ?", (last - count,))
        # The chain that is left is consistent in itself ...
        assert _check(conn, key, None).ok
        # ... but it does not reach the head kept outside the database.
        report = _check(conn, key, head)
    assert not report.ok
    assert report.first_bad_seq == last - count + 1


def test_emptying_the_trail_is_caught_by_the_head_file(trail):
    ws, key, head = trail
    with tampering(ws, key) as conn:
        conn.execute("DELETE FROM audit")
        report = _check(conn, key, head)
    assert not report.ok and report.first_bad_seq == 1


def test_swapping_two_entries_is_detected(trail):
    ws, key, head = trail
    a, b = 4, head[0] - 3
    with tampering(ws, key) as conn:
        conn.execute("UPDATE audit SET seq = -1 WHERE seq = ?", (a,))
        conn.execute("UPDATE audit SET seq = ? WHERE seq = ?", (a, b))
        conn.execute("UPDATE audit SET seq = ? WHERE seq = -1", (b,))
        report = _check(conn, key, head)
    assert not report.ok and report.first_bad_seq == a


def test_swapping_neighbours_is_detected(trail):
    ws, key, head = trail
    a = head[0] // 2
    with tampering(ws, key) as conn:
        conn.execute("UPDATE audit SET seq = -1 WHERE seq = ?", (a,))
        conn.execute("UPDATE audit SET seq = ? WHERE seq = ?", (a, a + 1))
        conn.execute("UPDATE audit SET seq = ? WHERE seq = -1", (a + 1,))
        report = _check(conn, key, head)
    assert not report.ok and report.first_bad_seq == a


def test_inserting_a_forged_entry_is_detected(trail):
    ws, key, head = trail
    target = head[0] // 2
    with tampering(ws, key) as conn:
        conn.execute("UPDATE audit SET seq = seq + 1000 WHERE seq >= ?", (target,))
        conn.execute("UPDATE audit SET seq = seq - 999 WHERE seq >= 1000")
        row = conn.execute(audit_trail.SELECT_ALL + " WHERE seq = ?", (target - 1,)).fetchone()
        prev = audit_trail.AuditEntry(*row)
        conn.execute(
            "INSERT INTO audit (seq, at, user_id, username, role, action, object_type, object_id, summary,"
            " workstation_id, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                target,
                prev.at,
                None,
                "office",
                "office",
                "login",
                "",
                "",
                "",
                prev.workstation_id,
                prev.hash,
                "0" * 64,
            ),
        )
        report = _check(conn, key, (head[0] + 1, head[1]))
    assert not report.ok and report.first_bad_seq == target


def test_verify_store_names_the_first_bad_entry(trail):
    ws, key, head = trail
    target = 7
    session = ws.unlock("auditor", DEMO_PASSWORD)
    try:
        with raw_connection(ws, key) as conn:
            conn.execute("DROP TRIGGER audit_no_update")
            conn.execute("UPDATE audit SET summary = '已篡改' WHERE seq = ?", (target,))
        report = verify_store(session)
    finally:
        session.close()
    assert not report.ok
    assert report.first_bad_entry == target
    assert any(p.startswith("审计日志") and str(target) in p for p in report.problems)


def test_truncation_stays_visible_after_the_next_sign_in(trail):
    ws, key, head = trail
    with raw_connection(ws, key) as conn:
        conn.execute("DROP TRIGGER audit_no_delete")
        conn.execute("DELETE FROM audit WHERE seq > ?", (head[0] - 3,))
    try:
        session = ws.unlock("auditor", DEMO_PASSWORD)
    except Exception:  # noqa: BLE001 - refusing to open a truncated trail would also be a detection
        return
    try:
        report = verify_store(session)
    finally:
        session.close()
    assert not report.ok, "three audit entries were deleted and nobody can tell"
