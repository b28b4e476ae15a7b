"""Rotating the database key: afterwards no older copy of the key slots opens the database.

The adversary keeps a copy of the slot file (from a backup, or from before a password change, or of
a removed account's slot) and its old password. After the security officer rotates the key, that
copy unwraps the old key, which opens nothing. Every account and the recovery code carry on, the
records, the audit chain and the printed copies' codes stay valid. A rotation killed at any point
leaves the old state or the new one, whole; Cancel leaves the old one; `python -m app rotate-key`
does the same from the command line and is audited.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app.core import drafts
from app.core.errors import AuthenticationError, Cancelled, Conflict, PermissionDenied, StoreError
from app.core.security import accounts, audit_view
from app.core.store import rekey, rotation_files
from app.core.store.connection import DB_FILE, open_connection
from app.core.store.keyslots import RECOVERY_SLOT, KdfParams, KeySlots
from app.core.store.verify import verify_folder
from app.core.workstation import Workstation
from tests.conftest import DEMO_PASSWORD
from tests.security.conftest import db_key_of

ROOT = Path(__file__).resolve().parents[2]
NEW_PASSWORD = "Changed-2026!x"


def rotate(workstation: Workstation, **kwargs) -> rekey.RotationInfo:
    session = workstation.unlock("secadmin", DEMO_PASSWORD)
    try:
        return rekey.rotate_key(session, **kwargs)
    finally:
        if not session.closed:
            session.close()


def opens(folder: Path, db_key: bytes) -> bool:
    try:
        open_connection(folder / DB_FILE, db_key).close()
    except StoreError:
        return False
    return True


def test_old_slot_file_opens_nothing_after_rotation(workstation: Workstation, login):
    session = workstation.unlock("office", DEMO_PASSWORD)
    drafts.save_draft(session, "kept", {"text": "谈话要点"})
    session.close()
    old_key = db_key_of(workstation)
    old_slots = workstation.slots_path.read_bytes()

    info = rotate(workstation)
    assert info.slots == 7 and info.pages > 0
    assert not (workstation.folder / rotation_files.STAGING_DIR).exists()
    assert not opens(workstation.folder, old_key), "the old key still opens the database"
    new_key = db_key_of(workstation)
    assert new_key != old_key and opens(workstation.folder, new_key)

    # Every account carries on; the records, the chain (kept root) and the head are intact.
    for name in ("sysadmin", "secadmin", "auditor", "office", "leader1", "member1"):
        workstation.unlock(name, DEMO_PASSWORD).close()
    office = login("office")
    assert drafts.load_draft(office, "kept") == {"text": "谈话要点"}
    assert verify_folder(workstation.folder, "auditor", DEMO_PASSWORD).ok
    auditor = login("auditor")
    assert audit_view.verify(auditor).ok
    entry = next(e for e in audit_view.list_entries(auditor) if e.action == "key_rotate")
    assert entry.username == "secadmin"

    # The adversary puts the old slot file back: the old password unwraps the old key, which opens nothing.
    old = KeySlots.parse(workstation.slots_path, old_slots)
    assert bytes(old.try_unwrap("office", DEMO_PASSWORD)) == old_key
    workstation.slots_path.write_bytes(old_slots)
    with pytest.raises(StoreError, match="无法用此密钥打开"):
        workstation.unlock("office", DEMO_PASSWORD)


def test_password_change_reaches_old_slot_copies_only_through_rotation(workstation: Workstation):
    before_change = workstation.slots_path.read_bytes()
    session = workstation.unlock("member1", DEMO_PASSWORD)
    accounts.change_own_password(session, DEMO_PASSWORD, NEW_PASSWORD)
    session.close()
    stolen = KeySlots.parse(workstation.slots_path, before_change).try_unwrap("member1", DEMO_PASSWORD)
    # Without a rotation the old password in the old copy still opens the database (README says so).
    assert opens(workstation.folder, bytes(stolen))
    rotate(workstation)
    assert not opens(workstation.folder, bytes(stolen))
    workstation.unlock("member1", NEW_PASSWORD).close()
    with pytest.raises(AuthenticationError):
        workstation.unlock("member1", DEMO_PASSWORD)


def test_recovery_code_survives_rotation(tmp_path):
    from tests.conftest import standard_accounts

    ws = Workstation(tmp_path / "ws")
    code = ws.create("某单位", standard_accounts(), kdf=KdfParams.fast_for_tests()).recovery_code
    rotate(ws)
    ws.recover(code, "member1", NEW_PASSWORD)
    ws.unlock("member1", NEW_PASSWORD).close()


def test_only_the_security_officer_rotates_and_legacy_slots_block_it(workstation: Workstation):
    for name in ("sysadmin", "auditor", "office"):
        session = workstation.unlock(name, DEMO_PASSWORD)
        with pytest.raises(PermissionDenied):
            rekey.rotate_key(session)
        session.close()
    # A slot written before key pairs (the database key wrapped directly) cannot be resealed.
    slots = KeySlots.load(workstation.folder)
    key = db_key_of(workstation)
    slot = next(s for s in slots.data["slots"] if s["username"] == RECOVERY_SLOT)
    for field in ("pub", "sealed"):
        slot.pop(field)
    slots.save(key)
    session = workstation.unlock("secadmin", DEMO_PASSWORD)
    with pytest.raises(Conflict, match="恢复码"):
        rekey.rotate_key(session)
    session.close()
    assert opens(workstation.folder, key)


def test_a_legacy_slot_is_upgraded_at_sign_in(workstation: Workstation):
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from app.core.store.keyslots import _b64, _unb64, derive_key

    key = db_key_of(workstation)
    slots = KeySlots.load(workstation.folder)
    slot = next(s for s in slots.data["slots"] if s["username"] == "office")
    for field in ("pub", "sealed"):
        slot.pop(field)
    params = KdfParams.from_json(slot["kdf"])
    wrapped = AESGCM(derive_key(DEMO_PASSWORD, _unb64(slot["kdf"]["salt"]), params)).encrypt(
        _unb64(slot["nonce"]), key, slots._aad(slot)
    )
    slot["wrapped"] = _b64(wrapped)
    slots.save(key)
    assert KeySlots.load(workstation.folder).is_legacy("office")
    workstation.unlock("office", DEMO_PASSWORD).close()
    assert not KeySlots.load(workstation.folder).is_legacy("office")
    rotate(workstation)
    workstation.unlock("office", DEMO_PASSWORD).close()


def test_cancel_leaves_the_old_key(workstation: Workstation):
    old_key = db_key_of(workstation)
    session = workstation.unlock("secadmin", DEMO_PASSWORD)
    cancel = threading.Event()

    def progress(done, total):
        if done >= 10:
            cancel.set()

    with pytest.raises(Cancelled):
        rekey.rotate_key(session, progress=progress, cancel=cancel)
    assert not session.locked and session.conn is not None  # the officer carries on
    session.audit("after_cancel")
    session.close()
    assert opens(workstation.folder, old_key)
    assert not (workstation.folder / rotation_files.STAGING_DIR).exists()


# ---- killed mid-rotation --------------------------------------------------------------------------

CHILD = """
import os, signal, sys
from pathlib import Path
from app.core.store import rekey
from app.core.workstation import Workstation
stop = int(sys.argv[2])
def progress(done, total):
    if done >= stop:
        os.kill(os.getpid(), signal.SIGKILL)
session = Workstation(Path(sys.argv[1])).unlock("secadmin", sys.argv[3])
rekey.rotate_key(session, progress=progress)
"""

# Mid page copy, after the copy, after the re-encryption and its check, with the slots staged, right
# after the commit, and after each file moved in.
KILL_POINTS = (
    5,
    rekey.COPY_STEPS,
    rekey.REKEYED,
    rekey.CHECKED,
    rekey.STAGED,
    rekey.COMMITTED,
    *range(rekey.COMMITTED + 1, rekey.STEPS),
)


@pytest.mark.timeout(240)
def test_killed_at_any_point_of_a_rotation_leaves_old_or_new_whole(filled_workstation: Workstation, tmp_path):
    ws = filled_workstation
    key = db_key_of(ws)
    session = ws.unlock("office", DEMO_PASSWORD)
    expected = {k: drafts.load_draft(session, k) for k, _ in drafts.list_drafts(session)}
    session.close()
    assert len(expected) == 300
    for stop in KILL_POINTS:
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, str(ws.folder), str(stop), DEMO_PASSWORD],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            timeout=120,
        )
        assert proc.returncode == -signal.SIGKILL, proc.stderr.decode(errors="replace")[-2000:]
        session = ws.unlock("office", DEMO_PASSWORD)  # finishes a committed rotation first
        new_key = bytes(session.db_key)
        got = {k: drafts.load_draft(session, k) for k, _ in drafts.list_drafts(session)}
        session.close()
        assert got == expected, f"records lost after a kill at step {stop}"
        rotated = stop >= rekey.COMMITTED
        assert (new_key != key) is rotated, f"kill at step {stop}: rotated={new_key != key}"
        assert opens(ws.folder, new_key) and (not rotated or not opens(ws.folder, key))
        assert not (ws.folder / rotation_files.STAGING_DIR / rotation_files.COMMIT_FILE).exists()
        report = verify_folder(ws.folder, "auditor", DEMO_PASSWORD)
        assert report.ok, f"kill at step {stop}: {report.text()}"
        key = new_key
    # A rotation after all those crashes runs to the end (and sweeps the stale staging away).
    rotate(ws)
    assert not opens(ws.folder, key)


# ---- the command line -----------------------------------------------------------------------------


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_rotate_key_command(workstation: Workstation, login):
    old_key = db_key_of(workstation)
    folder = str(workstation.folder)
    refused = run_cli("rotate-key", "--data-dir", folder, "--user", "office", stdin=DEMO_PASSWORD + "\n")
    assert refused.returncode == 3 and "无权" in refused.stderr
    assert opens(workstation.folder, old_key)

    result = run_cli("rotate-key", "--data-dir", folder, "--user", "secadmin", stdin=DEMO_PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    assert "数据库密钥已更换" in result.stdout
    assert not opens(workstation.folder, old_key)
    auditor = login("auditor")
    actions = [(e.action, e.username) for e in audit_view.list_entries(auditor, newest_first=False)]
    assert ("key_rotate", "secadmin") in actions
    assert actions[-1] == ("login", "auditor") and ("logout", "secadmin") in actions


def test_backups_before_and_after_a_rotation_restore_with_their_own_keys(workstation: Workstation, tmp_path):
    from app.core.store.backup import create_backup, restore_backup

    def backup(name: str) -> Path:
        session = workstation.unlock("sysadmin", DEMO_PASSWORD)
        try:
            return create_backup(session, tmp_path / name).path
        finally:
            session.close()

    before = backup("before.xcbak")
    old_key = db_key_of(workstation)
    rotate(workstation)
    new_key = db_key_of(workstation)
    after = backup("after.xcbak")

    restore_backup(workstation.folder, before, "sysadmin", DEMO_PASSWORD)
    assert db_key_of(workstation) == old_key  # an older backup brings back the key of its day
    assert verify_folder(workstation.folder, "auditor", DEMO_PASSWORD).ok
    restore_backup(workstation.folder, after, "sysadmin", DEMO_PASSWORD)
    assert db_key_of(workstation) == new_key
    assert verify_folder(workstation.folder, "auditor", DEMO_PASSWORD).ok


def test_a_disabled_accounts_slot_opens_nothing_after_rotation(workstation: Workstation):
    """A removed (disabled) account keeps its slot; after a rotation its password opens nothing."""
    from app.core.security import dual_control

    sysadmin = workstation.unlock("sysadmin", DEMO_PASSWORD)
    try:
        member_id = accounts.user_by_name(sysadmin, "member1").id
        accounts.set_disabled(sysadmin, member_id, True)
    finally:
        sysadmin.close()
    rotate(workstation)
    # The adversary: the disabled member's own password on the current slot file.
    stolen = KeySlots.load(workstation.folder).try_unwrap("member1", DEMO_PASSWORD)
    assert stolen is not None and not opens(workstation.folder, bytes(stolen))
    assert opens(workstation.folder, db_key_of(workstation, "office"))
    # Enabled again by both administrators: the slot opens the current key again.
    sysadmin = workstation.unlock("sysadmin", DEMO_PASSWORD)
    try:
        change = dual_control.propose_enable(sysadmin, member_id)
        dual_control.confirm(sysadmin, change, "secadmin", DEMO_PASSWORD)
    finally:
        sysadmin.close()
    workstation.unlock("member1", DEMO_PASSWORD).close()
    assert verify_folder(workstation.folder, "auditor", DEMO_PASSWORD).ok
