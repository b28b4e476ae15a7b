"""Wrong passwords, lockout, and damaged files: nothing is changed, everything is said in Chinese.

- A wrong password never touches the database (byte-for-byte), and counts toward the lockout.
- A flipped byte in any page is named by the verifier and never read back as wrong data.
- A flipped byte in the key slot file or the audit head file is caught.
- A truncated, empty or foreign file gives a StoreError with a message, never a raw traceback.

DAMAGE_ALL_PAGES=1 flips every page and every byte of the slot file (CI samples them).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
from datetime import UTC, datetime, timedelta

import pytest

from app.core.errors import (
    AccountLocked,
    AuthenticationError,
    IntegrityFailure,
    StoreError,
    UserError,
)
from app.core.security import audit as audit_trail
from app.core.security import policy_admin
from app.core.store.connection import DatabaseError
from app.core.store.keyslots import subkey
from app.core.store.verify import verify_folder, verify_store
from app.core.workstation import Workstation
from tests.conftest import DEMO_PASSWORD
from tests.security.conftest import (
    PAGE_SIZE,
    db_key_of,
    fill_drafts,
    flip_byte,
    raw_connection,
    sha256_files,
)

CJK = re.compile(r"[\u4e00-\u9fff]")
ALL_DB_FILES = ("workbench.db", "workbench.db-wal", "workbench.db-shm")


def _chinese(exc: BaseException) -> str:
    text = str(exc)
    assert CJK.search(text), f"message is not in Chinese: {text!r}"
    return text


# ---- wrong passwords ---------------------------------------------------------------------------


def test_wrong_password_leaves_database_byte_for_byte_unchanged(workstation):
    before = sha256_files(workstation.folder, ALL_DB_FILES)
    with pytest.raises(AuthenticationError) as info:
        workstation.unlock("office", "Wrong-Pass-2026!")
    assert not isinstance(info.value, AccountLocked)
    assert _chinese(info.value) == "用户名或密码错误。"
    assert sha256_files(workstation.folder, ALL_DB_FILES) == before


def test_wrong_password_leaves_a_live_wal_unchanged(workstation):
    """With another session's commits still in the WAL, a failed sign-in touches neither file."""
    session = workstation.unlock("office", DEMO_PASSWORD)
    try:
        fill_drafts(session, 20)
        assert (workstation.folder / "workbench.db-wal").stat().st_size > 0
        before = sha256_files(workstation.folder, ALL_DB_FILES)
        for attempt in range(3):
            with pytest.raises(AuthenticationError):
                workstation.unlock("auditor", f"Wrong-Pass-{attempt}!")
        assert sha256_files(workstation.folder, ALL_DB_FILES) == before
    finally:
        session.close()


def test_unknown_user_gets_the_same_message_as_a_wrong_password(workstation):
    with pytest.raises(AuthenticationError) as unknown:
        workstation.unlock("nobody", DEMO_PASSWORD)
    with pytest.raises(AuthenticationError) as wrong:
        workstation.unlock("office", "Wrong-Pass-2026!")
    assert str(unknown.value) == str(wrong.value)


def _audit_actions(session, username: str) -> list[str]:
    rows = session.conn.execute("SELECT action FROM audit WHERE username = ? ORDER BY seq", (username,))
    return [r[0] for r in rows]


def test_five_wrong_passwords_lock_for_the_policy_minutes_and_are_audited(workstation):
    t0 = datetime.now(UTC)
    for i in range(4):
        with pytest.raises(AuthenticationError) as info:
            workstation.unlock("member1", "Wrong-Pass-2026!", now=t0 + timedelta(seconds=i))
        assert not isinstance(info.value, AccountLocked)
    with pytest.raises(AccountLocked) as info:
        workstation.unlock("member1", "Wrong-Pass-2026!", now=t0 + timedelta(seconds=4))
    assert "10" in _chinese(info.value)

    # Locked: even the right password is refused, and nothing in the database changes.
    before = sha256_files(workstation.folder, ALL_DB_FILES)
    for minutes in (1, 9):
        with pytest.raises(AccountLocked) as info:
            workstation.unlock("member1", DEMO_PASSWORD, now=t0 + timedelta(minutes=minutes))
        _chinese(info.value)
    assert sha256_files(workstation.folder, ALL_DB_FILES) == before
    # Other accounts are not locked.
    workstation.unlock("leader1", DEMO_PASSWORD, now=t0).close()

    # The lock runs out after the policy's 10 minutes.
    session = workstation.unlock("member1", DEMO_PASSWORD, now=t0 + timedelta(minutes=10, seconds=5))
    try:
        actions = _audit_actions(session, "member1")
        assert actions == [
            "login_failed",
            "login_failed",
            "login_failed",
            "login_failed",
            "account_locked",
            "login_refused_locked",
            "login_refused_locked",
            "login",
        ]
        head = audit_trail.read_head(workstation.folder, subkey(session.db_key, "audit-head"))
        assert audit_trail.verify_chain(session.conn, session.audit_key, head).ok
    finally:
        session.close()
    # A successful sign-in resets the count: one more wrong password does not lock again.
    with pytest.raises(AuthenticationError) as info:
        workstation.unlock("member1", "Wrong-Pass-2026!", now=t0 + timedelta(minutes=11))
    assert not isinstance(info.value, AccountLocked)


def test_failed_attempts_on_one_account_reach_the_audit_at_anyones_next_sign_in(workstation):
    for _ in range(2):
        with pytest.raises(AuthenticationError):
            workstation.unlock("leader1", "Wrong-Pass-2026!")
    session = workstation.unlock("auditor", DEMO_PASSWORD)
    try:
        assert _audit_actions(session, "leader1") == ["login_failed", "login_failed"]
    finally:
        session.close()


def test_lockout_follows_the_policy_set_by_the_security_officer(workstation):
    session = workstation.unlock("secadmin", DEMO_PASSWORD)
    policy_admin.set_policy(session, max_failures=3, lockout_minutes=30)
    session.close()
    t0 = datetime.now(UTC)
    for i in range(2):
        with pytest.raises(AuthenticationError) as info:
            workstation.unlock("member1", "Wrong-Pass-2026!", now=t0 + timedelta(seconds=i))
        assert not isinstance(info.value, AccountLocked)
    with pytest.raises(AccountLocked) as info:
        workstation.unlock("member1", "Wrong-Pass-2026!", now=t0 + timedelta(seconds=2))
    assert "30" in str(info.value)
    with pytest.raises(AccountLocked):
        workstation.unlock("member1", DEMO_PASSWORD, now=t0 + timedelta(minutes=20))
    workstation.unlock("member1", DEMO_PASSWORD, now=t0 + timedelta(minutes=30, seconds=5)).close()


# ---- damaged pages -----------------------------------------------------------------------------


def _snapshot(conn) -> dict[str, list[tuple]]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: _rows(conn, t) for t in tables}


def _rows(conn, table: str) -> list[tuple]:
    # Some tables are WITHOUT ROWID: order in Python.
    return sorted((tuple(r) for r in conn.execute(f'SELECT * FROM "{table}"')), key=repr)


def test_flipped_byte_in_a_middle_page_is_reported_and_never_read_as_wrong_data(filled_workstation):
    ws = filled_workstation
    key = db_key_of(ws)
    with raw_connection(ws, key) as conn:
        before = _snapshot(conn)
    pages = ws.db_path.stat().st_size // PAGE_SIZE
    assert pages > 100
    original = ws.db_path.read_bytes()
    # A page of the drafts table, from the middle of the file on (not page 1, not an index page
    # that a table scan would never read): the first one whose damage a scan of drafts meets.
    bad_page = None
    for candidate in range(pages // 2 + 1, pages + 1):
        flip_byte(ws.db_path, (candidate - 1) * PAGE_SIZE + 1234)
        try:
            with raw_connection(ws, key) as conn:
                try:
                    conn.execute("SELECT * FROM drafts").fetchall()
                except DatabaseError:
                    bad_page = candidate
        except StoreError:
            pass  # a schema page: the database does not even open; not the case this test is about
        if bad_page:
            break
        ws.db_path.write_bytes(original)
    assert bad_page is not None, "no drafts page in the second half of the file"
    damaged = ws.db_path.read_bytes()

    # Reading: every table either reads back exactly as before or raises; at least one raises.
    raised = []
    with raw_connection(ws, key) as conn:
        for table, rows in before.items():
            try:
                now = _rows(conn, table)
            except DatabaseError:
                raised.append(table)
                continue
            assert now == rows, f"table {table} silently returned different data"
    assert "drafts" in raised, "reading the damaged page did not raise"
    ws.db_path.write_bytes(damaged)  # the reads above may not repair or touch it

    # The verifier (signed in as the auditor) names exactly that page.
    session = ws.unlock("auditor", DEMO_PASSWORD)
    try:
        report = verify_store(session)
    finally:
        _close_after_damage(session)
    assert not report.ok
    assert report.first_bad_page == bad_page
    assert any(f"第 {bad_page} 页" in p for p in report.problems), report.problems


def _close_after_damage(session) -> None:
    # SQLCipher turns a connection read-only once it has read a page whose HMAC fails, so the
    # logout audit entry cannot be written; test_closing_a_session_after_damage_raises_a_store_error
    # holds the core to a StoreError there. Here only the connection must end up closed.
    try:
        session.close()
    except (DatabaseError, StoreError):
        pass
    assert session.closed


def test_closing_a_session_after_damage_raises_a_store_error(filled_workstation):
    ws = filled_workstation
    pages = ws.db_path.stat().st_size // PAGE_SIZE
    with raw_connection(ws, db_key_of(ws)) as conn:
        last_root = conn.execute("SELECT max(rootpage) FROM sqlite_master").fetchone()[0]
    # A page in the middle of the data, past every table's and index's root page (which sign-in
    # needs: a damaged root of the audit's index refuses the sign-in, a different test's case).
    middle = last_root + (pages - last_root) // 2
    flip_byte(ws.db_path, middle * PAGE_SIZE + 1234)
    session = ws.unlock("auditor", DEMO_PASSWORD)
    assert not verify_store(session).ok
    try:
        session.close()
    except StoreError as exc:
        _chinese(exc)
    except DatabaseError as exc:
        pytest.fail(f"raw {type(exc).__name__} escaped Session.close: {exc}")
    finally:
        session.conn.close()


def test_every_damaged_page_is_named_and_sign_in_never_crashes(workstation, tmp_path):
    """Flip one byte in each page in turn: verify names that page; unlock works or says StoreError."""
    session = workstation.unlock("office", DEMO_PASSWORD)
    fill_drafts(session, 60)
    session.close()
    original = workstation.db_path.read_bytes()
    pages = len(original) // PAGE_SIZE
    assert pages > 30
    rng = random.Random(1)
    work = tmp_path / "work"
    # Every page when DAMAGE_ALL_PAGES=1; by default the first pages (schema, accounts, settings:
    # what sign-in reads) and a random sample of the rest, to keep CI fast.
    if os.environ.get("DAMAGE_ALL_PAGES") == "1":
        chosen = list(range(1, pages + 1))
    else:
        head = list(range(1, min(pages, 30) + 1))
        chosen = head + sorted(random.Random().sample(range(31, pages + 1), min(30, max(0, pages - 30))))
    print(f"checking pages {chosen}")
    for page in chosen:
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(workstation.folder, work)
        data = bytearray(original)
        data[(page - 1) * PAGE_SIZE + rng.randrange(PAGE_SIZE)] ^= 1 << rng.randrange(8)
        (work / "workbench.db").write_bytes(bytes(data))

        # Signing in either works (the page is not needed) or fails with a StoreError.
        try:
            Workstation(work).unlock("auditor", DEMO_PASSWORD).close()
        except StoreError as exc:
            _chinese(exc)
        except Exception as exc:  # noqa: BLE001 - the point is that nothing else escapes
            pytest.fail(f"page {page}: sign-in raised {type(exc).__name__}: {exc}")

        # The command-line verifier, on the damaged file as it was, names the page.
        (work / "workbench.db").write_bytes(bytes(data))
        for extra in ("workbench.db-wal", "workbench.db-shm"):
            (work / extra).unlink(missing_ok=True)
        report = verify_folder(work, "auditor", DEMO_PASSWORD)
        assert not report.ok, f"page {page}: damage not reported"
        assert report.first_bad_page == page, f"page {page}: reported page {report.first_bad_page}"


# ---- damaged companion files -------------------------------------------------------------------


def _slot_positions(raw: bytes, rng: random.Random) -> list[int]:
    """Every structural byte of the slot file, and a sample of the bytes inside long values."""
    blobs = [range(m.start(1), m.end(1)) for m in re.finditer(rb'"([A-Za-z0-9+/=-]{20,})"', raw)]
    inside = {i for r in blobs for i in r}
    if os.environ.get("DAMAGE_ALL_PAGES") == "1":
        return list(range(len(raw)))
    # The structure repeats once per slot, so a third of it (a different third each run) still
    # reaches every field name over a few runs.
    positions = [i for i in range(len(raw)) if i not in inside and rng.random() < 0.35]
    positions += [i for i in sorted(inside) if rng.random() < 0.03]
    return positions


def test_flipped_byte_anywhere_in_the_key_slot_file_never_opens_and_never_crashes(workstation):
    raw = workstation.slots_path.read_bytes()
    before = sha256_files(workstation.folder, ALL_DB_FILES)
    outcomes: dict[str, int] = {}
    seed = random.randrange(1 << 30)
    print(f"slot flip seed {seed}")
    for pos in _slot_positions(raw, random.Random(seed)):
        data = bytearray(raw)
        data[pos] ^= 0x01
        workstation.slots_path.write_bytes(bytes(data))
        try:
            session = workstation.unlock("office", DEMO_PASSWORD)
        except (StoreError, AuthenticationError) as exc:
            outcomes[type(exc).__name__] = outcomes.get(type(exc).__name__, 0) + 1
            _chinese(exc)
            continue
        except Exception as exc:  # noqa: BLE001
            context = raw[max(0, pos - 20) : pos + 5]
            pytest.fail(f"byte {pos} ({context!r}): unlock raised {type(exc).__name__}: {exc}")
        session.close()
        pytest.fail(
            f"byte {pos} flipped in keyslots.json went unnoticed: {raw[max(0, pos - 20) : pos + 5]!r}"
        )
    workstation.slots_path.write_bytes(raw)
    assert outcomes.get("IntegrityFailure", 0) > 0
    assert sha256_files(workstation.folder, ALL_DB_FILES) == before
    workstation.unlock("office", DEMO_PASSWORD).close()


def test_changed_slot_file_is_reported_by_verify_store(workstation):
    session = workstation.unlock("auditor", DEMO_PASSWORD)
    try:
        data = json.loads(workstation.slots_path.read_text("utf-8"))
        data["policy"]["max_failures"] = 99  # an attacker loosening the lockout behind the app's back
        workstation.slots_path.write_text(json.dumps(data), "utf-8")
        report = verify_store(session)
    finally:
        session.close()
    assert not report.ok
    assert any(p.startswith("密钥槽文件") for p in report.problems)
    with pytest.raises(IntegrityFailure):
        workstation.unlock("office", DEMO_PASSWORD)


def test_flipped_byte_anywhere_in_the_audit_head_is_caught(workstation):
    key = db_key_of(workstation)
    head_path = workstation.folder / audit_trail.HEAD_FILE
    raw = head_path.read_bytes()
    assert audit_trail.read_head(workstation.folder, subkey(key, "audit-head")) is not None
    for pos in range(len(raw)):
        data = bytearray(raw)
        data[pos] ^= 0x01
        head_path.write_bytes(bytes(data))
        with pytest.raises(StoreError) as info:
            audit_trail.read_head(workstation.folder, subkey(key, "audit-head"))
        _chinese(info.value)
    # And the verifier reports it as an audit problem. (Tampered after sign-in: every commit
    # rewrites the head file.)
    head_path.write_bytes(raw)
    session = workstation.unlock("auditor", DEMO_PASSWORD)
    try:
        good = head_path.read_bytes()
        data = bytearray(good)
        data[good.index(b'"seq"') + 8] ^= 0x01
        head_path.write_bytes(bytes(data))
        report = verify_store(session)
    finally:
        session.close()
    assert not report.ok
    assert any(p.startswith("审计日志") for p in report.problems)


def test_missing_audit_head_is_reported(workstation):
    session = workstation.unlock("auditor", DEMO_PASSWORD)
    try:
        (workstation.folder / audit_trail.HEAD_FILE).unlink()
        report = verify_store(session)
    finally:
        session.close()
    assert not report.ok
    assert any(p.startswith("审计日志") for p in report.problems)


@pytest.mark.parametrize(
    "damage",
    ["empty", "100 bytes", "one page", "half", "text file", "random bytes", "plain sqlite"],
)
def test_truncated_or_foreign_database_is_a_store_error_and_left_as_it_is(workstation, tmp_path, damage):
    original = workstation.db_path.read_bytes()
    if damage == "plain sqlite":
        import sqlite3

        other = tmp_path / "plain.db"
        plain = sqlite3.connect(other)
        plain.execute("CREATE TABLE t (x)")
        plain.commit()
        plain.close()
        content = other.read_bytes()
    else:
        content = {
            "empty": b"",
            "100 bytes": original[:100],
            "one page": original[:PAGE_SIZE],
            "half": original[: len(original) // 2],
            "text file": "这不是数据库文件。\n".encode() * 300,
            "random bytes": random.Random(5).randbytes(8 * PAGE_SIZE),
        }[damage]
    workstation.db_path.write_bytes(content)
    for extra in ("workbench.db-wal", "workbench.db-shm"):
        (workstation.folder / extra).unlink(missing_ok=True)

    with pytest.raises(StoreError) as info:
        workstation.unlock("office", DEMO_PASSWORD)
    _chinese(info.value)
    assert workstation.db_path.read_bytes() == content, "a damaged database file was modified"

    report = verify_folder(workstation.folder, "auditor", DEMO_PASSWORD)
    assert not report.ok
    assert report.problems
    assert workstation.db_path.read_bytes() == content


def test_missing_or_garbled_slot_file_is_a_store_error(workstation):
    raw = workstation.slots_path.read_bytes()
    for content in (b"", b"{", b"[]", "密钥".encode("gb18030"), raw[: len(raw) // 2]):
        workstation.slots_path.write_bytes(content)
        with pytest.raises(StoreError) as info:
            workstation.unlock("office", DEMO_PASSWORD)
        _chinese(info.value)
    workstation.slots_path.unlink()
    with pytest.raises(StoreError):
        workstation.unlock("office", DEMO_PASSWORD)


def test_user_errors_never_carry_a_traceback_type_name(workstation):
    # The messages are for people: no exception class names or SQL in them.
    workstation.db_path.write_bytes(b"garbage" * 1000)
    with pytest.raises(UserError) as info:
        workstation.unlock("office", DEMO_PASSWORD)
    assert "Error" not in str(info.value) and "sqlite" not in str(info.value).lower()
