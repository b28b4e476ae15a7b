"""The adversary's view of the lockout: restore guesses count, and editing the counters does not reset them.

Restore: someone with a backup file at the workstation tries the system administrator's password on
`restore` again and again. Editing: someone who can write the data folder resets the failure
counters in `keyslots.json` between guesses, by hand, or with the counters' own MAC recomputed (it
is keyed without a secret, so reading the code is enough), after a successful sign-in wrote the
snapshot that the database key covers.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.core.errors import AccountLocked, AuthenticationError
from app.core.store.backup import create_backup, restore_backup
from app.core.store.keyslots import SLOTS_FILE, KeySlots
from app.core.workstation import Workstation
from tests.conftest import DEMO_PASSWORD

WRONG = "Guess-0000!"


@pytest.fixture
def backup_file(workstation: Workstation, tmp_path: Path) -> Path:
    path = tmp_path / "media" / "ws.xcbak"
    path.parent.mkdir()
    session = workstation.unlock("sysadmin", DEMO_PASSWORD)
    try:
        create_backup(session, path)
    finally:
        session.close()
    return path


def _slots_json(ws: Workstation) -> dict:
    return json.loads((ws.folder / SLOTS_FILE).read_text("utf-8"))


def _write_slots_json(ws: Workstation, data: dict) -> None:
    (ws.folder / SLOTS_FILE).write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def _actions(ws: Workstation) -> list[str]:
    later = datetime.now(UTC) + timedelta(minutes=30)  # after any lock the tests set
    session = ws.unlock("auditor", DEMO_PASSWORD, now=later)
    try:
        return [r["action"] for r in session.conn.execute("SELECT action FROM audit ORDER BY seq")]
    finally:
        session.close()


# ---- restore ---------------------------------------------------------------------------------------


def test_guessing_the_restore_password_locks_the_account(workstation, backup_file):
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            restore_backup(workstation.folder, backup_file, "sysadmin", WRONG)
    with pytest.raises(AccountLocked):
        restore_backup(workstation.folder, backup_file, "sysadmin", WRONG)
    with pytest.raises(AccountLocked):  # even the right password, while locked
        restore_backup(workstation.folder, backup_file, "sysadmin", DEMO_PASSWORD)
    with pytest.raises(AccountLocked):  # one counter: sign-in is locked too
        workstation.unlock("sysadmin", DEMO_PASSWORD)


def test_restore_guesses_are_audited_and_a_restore_does_not_reset_the_counter(workstation, backup_file):
    for _ in range(3):
        with pytest.raises(AuthenticationError):
            restore_backup(workstation.folder, backup_file, "office", WRONG)  # office's slot, counted
    restore_backup(workstation.folder, backup_file, "sysadmin", DEMO_PASSWORD)
    assert KeySlots.load(workstation.folder).data["failures"]["office"]["count"] == 3
    for _ in range(1):
        with pytest.raises(AuthenticationError):
            workstation.unlock("office", WRONG)
    with pytest.raises(AccountLocked):  # 3 before the restore + 2 after
        workstation.unlock("office", WRONG)
    assert _actions(workstation).count("restore_failed") == 3


# ---- edited counters -------------------------------------------------------------------------------


def test_counters_reset_by_hand_lock_every_account(workstation):
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            workstation.unlock("office", WRONG)
    data = _slots_json(workstation)
    data["failures"]["office"]["count"] = 0  # what an editor does
    _write_slots_json(workstation, data)
    with pytest.raises(AccountLocked):
        workstation.unlock("office", DEMO_PASSWORD)
    with pytest.raises(AccountLocked):  # fail closed: nobody's counters can be trusted now
        workstation.unlock("leader1", DEMO_PASSWORD)
    actions = _actions(workstation)
    assert "lockout_counters_tampered" in actions
    assert actions.count("login_failed") == 4  # the attempts the edit left are audited too


def test_counters_removed_by_hand_lock_every_account(workstation):
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            workstation.unlock("office", WRONG)
    data = _slots_json(workstation)
    del data["failures"]  # removing the counters altogether is no better
    _write_slots_json(workstation, data)
    with pytest.raises(AccountLocked):
        workstation.unlock("office", DEMO_PASSWORD)
    assert "lockout_counters_tampered" in _actions(workstation)


def test_counters_reset_with_a_recomputed_mac_are_caught_at_the_next_sign_in(workstation):
    for _ in range(4):
        with pytest.raises(AuthenticationError):
            workstation.unlock("office", WRONG)
    workstation.unlock("member1", DEMO_PASSWORD).close()  # a save with the key: the snapshot holds 4
    slots = KeySlots.load(workstation.folder)
    slots.data["failures"]["office"].update(count=0, total=0, attempts=[])
    slots._save_counters_only()  # the adversary reads the code and recomputes the counters' MAC
    assert KeySlots.load(workstation.folder).data["failures"]["office"]["count"] == 0  # not seen at load
    with pytest.raises(AccountLocked):  # the right password: refused, the edit is found
        workstation.unlock("office", DEMO_PASSWORD)
    with pytest.raises(AccountLocked):
        workstation.unlock("office", DEMO_PASSWORD)
    assert "lockout_counters_tampered" in _actions(workstation)
    later = datetime.now(UTC) + timedelta(minutes=30)
    workstation.unlock("office", DEMO_PASSWORD, now=later).close()  # after the lock, a normal sign-in


def test_a_lock_cleared_with_a_recomputed_mac_is_caught(workstation):
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            workstation.unlock("office", WRONG)
    workstation.unlock("member1", DEMO_PASSWORD).close()  # the snapshot holds the lock
    slots = KeySlots.load(workstation.folder)
    slots.data["failures"]["office"]["locked_until"] = None
    slots._save_counters_only()
    with pytest.raises(AccountLocked):
        workstation.unlock("office", DEMO_PASSWORD)


def test_untouched_counters_raise_no_alarm(workstation):
    for _ in range(3):
        with pytest.raises(AuthenticationError):
            workstation.unlock("office", WRONG)
    workstation.unlock("member1", DEMO_PASSWORD).close()
    with pytest.raises(AuthenticationError):
        workstation.unlock("office", WRONG)
    workstation.unlock("office", DEMO_PASSWORD).close()
    assert "lockout_counters_tampered" not in _actions(workstation)
