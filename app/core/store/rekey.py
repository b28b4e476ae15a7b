"""Rotating the database key: re-encrypt the database and reseal every key slot, crash-safe.

The security officer's session copies the database page by page (SQLite's backup API, so progress
shows and Cancel is honoured between steps) into `.rotation/` beside it, re-encrypts the copy in
place under a new random key (SQLCipher's PRAGMA rekey), stores the derivation root in it (the audit
chain, printed copies' codes, seals and exported sheets stay valid: app.core.store.key_root) and
records the rotation in the copy's audit trail. The slot file is resealed to the new key (every
slot holds a public key, so no password is needed) and the audit head rewritten under it, both
staged too. Writing `.rotation/COMMIT` is the commit point; the staged files then replace the live
ones (app.core.store.rotation_files, which any later open repeats), and the session reopens on the
new key. A crash before COMMIT leaves the old database and slots untouched; after it, the next open
finishes the move: old or new, never a mix.

Afterwards no copy of the slot file made before (an old password, a removed account's slot, a
backup's slots) opens the database, nor does a disabled account's slot: it is not resealed (it gets
the current key back when both administrators enable the account again, app.core.security.accounts). Backups made before keep their own key: they open with the
passwords and the recovery code that were valid when they were made (README, 密钥更换).
Other sessions on the same folder (another window, the command line) must be signed out first.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass

from app.core.errors import Cancelled, Conflict, StoreError
from app.core.security import audit as audit_trail
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.store import rotation_files
from app.core.store.connection import DB_FILE, DatabaseError, open_connection
from app.core.store.fileio import atomic_write, fsync_dir
from app.core.store.key_buffer import keep, wipe
from app.core.store.key_root import store_root
from app.core.store.keyslots import RECOVERY_SLOT, SLOTS_FILE, KeySlots, subkey

Progress = Callable[[int, int], None]
# Progress runs over STEPS: the page copy takes the first COPY_STEPS, then one step each for the
# re-encryption, the check of the copy, the staged slots and head, the commit, and each moved file.
COPY_STEPS = 60
REKEYED, CHECKED, STAGED, COMMITTED = 70, 80, 85, 90
STEPS = COMMITTED + len(rotation_files.MOVED) + 1


@dataclass(frozen=True)
class RotationInfo:
    slots: int  # slots resealed (the enabled accounts' and the recovery code's)
    pages: int


def rotate_key(
    session: Session, progress: Progress | None = None, cancel: threading.Event | None = None
) -> RotationInfo:
    """Give the database a new key; every key slot opens the new key, no older copy of them does."""
    session.require(Cap.KEY_ROTATE)
    report = progress or (lambda done, total: None)
    folder = session.folder
    slots = KeySlots.load(folder)
    slots.verify_mac(session.db_key)
    legacy = slots.legacy_slots()
    if legacy:
        names = "、".join("恢复码" if n == RECOVERY_SLOT else n for n in legacy)
        raise Conflict(
            f"以下密钥槽仍为旧格式，须先用其密码登录一次（恢复码须使用一次）才能更换数据库密钥：{names}。"
        )
    rotation_files.discard_uncommitted(folder)
    stage = rotation_files.staging(folder)
    stage.mkdir(mode=0o700)
    new_key = keep(os.urandom(32))
    old_key = keep(session.db_key)  # to reopen on, should anything fail before the commit
    committed = False
    try:
        pages = _stage_database(session, stage, new_key, report, cancel)
        # A disabled account's slot keeps the old key: its password opens nothing from now on.
        disabled = frozenset(
            r["username"] for r in session.conn.execute("SELECT username FROM users WHERE disabled = 1")
        )
        resealed = slots.reseal(new_key, skip=disabled)
        slots.path = stage / SLOTS_FILE
        slots.save(new_key)
        report(STAGED, STEPS)
        _check_cancel(cancel)
        signer, slot_name = session.signer, session.signer_slot
        session.suspend()  # the live database is closed from here on
        session.set_signer(signer, slot_name)  # not a lock: the signer stays for the reopened session
        atomic_write(stage / rotation_files.COMMIT_FILE, b"xuncha-rotation/1\n")
        committed = True
        report(COMMITTED, STEPS)
        moved = iter(range(COMMITTED + 1, STEPS))
        rotation_files.settle_rotation(folder, moved=lambda name: report(next(moved), STEPS))
        _reopen(session, new_key)
        report(STEPS, STEPS)
        return RotationInfo(resealed, pages)
    except BaseException:
        if not committed:
            shutil.rmtree(stage, ignore_errors=True)
            if session.locked:  # failed between closing and the commit: carry on with the old key
                _reopen(session, old_key)
        else:
            session.closed = True  # the folder moves on without this session; sign in again
        raise
    finally:
        wipe(new_key, old_key)


def _stage_database(
    session: Session, stage, new_key: bytearray, report: Progress, cancel: threading.Event | None
) -> int:
    """The re-encrypted copy in `stage`, with the root and this rotation's audit entry; its pages."""
    target_path = stage / DB_FILE
    target = open_connection(target_path, session.db_key, create=True)
    try:

        def on_step(status: int, left: int, total: int) -> None:
            report((total - left) * COPY_STEPS // max(total, 1), STEPS)
            _check_cancel(cancel)

        session.conn.backup(target, pages=64, progress=on_step)
        pages = int(target.execute("PRAGMA page_count").fetchone()[0])
        # Cancel also reaches inside the re-encryption: the handler aborts it (it is rolled back).
        target.set_progress_handler(lambda: int(cancel is not None and cancel.is_set()), 20000)
        try:
            target.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
        except DatabaseError as exc:
            _check_cancel(cancel)
            raise StoreError("数据库副本无法用新密钥重新加密，密钥未更换。") from exc
        target.set_progress_handler(None, 0)
        report(REKEYED, STEPS)
        target.execute("BEGIN IMMEDIATE")
        store_root(target, session.root_key)
        # The compartment keys are sealed to accounts, not to the database key, and the security
        # officer holds none: each is rotated by the next entitled account that uses it.
        due = target.execute("UPDATE compartments SET rotate_due = 1").rowcount
        seq, digest = audit_trail.append(
            target,
            session.audit_key,
            user_id=session.user.id,
            username=session.user.username,
            role=session.user.role.value,
            action="key_rotate",
            object_type="store",
            workstation_id=session.workstation_id,
            summary=f"更换数据库密钥，{pages} 页重新加密；{due} 个知悉范围密钥待持有人下次使用时更换",
            signer=session.signer,
        )
        target.execute("COMMIT")
        target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        target.execute("PRAGMA journal_mode = DELETE")  # one file to move; WAL again when opened
    finally:
        target.close()
    _check_copy(target_path, new_key)
    audit_trail.write_head(stage, subkey(new_key, "audit-head"), seq, digest)
    fsync_dir(stage)
    report(CHECKED, STEPS)
    return pages


def _check_copy(path, new_key: bytearray) -> None:
    conn = open_connection(path, new_key)
    try:
        bad = [r[0] for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
        structure = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()
    if bad or structure != ["ok"]:
        raise StoreError("重新加密的数据库副本未通过校验，密钥未更换。")
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _reopen(session: Session, db_key: bytearray) -> None:
    """Give the suspended session its connection back, on `db_key`."""
    slots = KeySlots.load(session.folder)
    conn = open_connection(session.folder / DB_FILE, db_key)
    signer, slot_name = session.signer, session.signer_slot
    session.resume(conn, db_key, session.user, slots)
    if session.signer is None and signer is not None:  # the new slots object has not opened it
        session.set_signer(signer, slot_name)


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled()
