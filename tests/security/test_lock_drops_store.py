"""A locked session holds nothing of the store: no open file on the database, no key, no job runs.

Checked on the process's own open files (/proc/self/fd): while locked no descriptor points at the
database, its WAL or its shared-memory file; the key buffers the session held are overwritten with
zeros; a job submitted to the worker is refused with 已锁定 and never runs; the password opens
everything again and the wrong one, which cannot be written into a closed database, is audited at
the unlock.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.core import drafts
from app.core.errors import AuthenticationError
from app.core.security import audit_view
from app.core.security import lock as lock_ops
from app.core.store.connection import DB_FILE
from app.core.store.key_buffer import is_wiped
from app.ui.db_worker import DbWorker, ScreenLocked
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc (Linux)")


def open_store_files(folder: Path) -> list[str]:
    """What this process has open among the database, its WAL and its SHM file."""
    names = {str(folder / n) for n in (DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", f"{DB_FILE}-journal")}
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue  # the descriptor listdir itself used, already closed
        if target.removesuffix(" (deleted)") in names:
            found.append(target)
    return found


def test_locked_session_holds_no_descriptor_and_no_key(workstation, login):
    session = workstation.unlock("office", DEMO_PASSWORD)
    drafts.save_draft(session, "before-lock", {"text": "谈话要点"})
    assert open_store_files(workstation.folder), "the check must see the open database at all"
    held = [session.db_key, session.audit_key, session._head_key]
    assert all(isinstance(k, bytearray) and len(k) == 32 and not is_wiped(k) for k in held)

    lock_ops.lock(session, "manual", {"form:1": {"text": "未保存"}})
    assert session.locked and session.conn is None
    assert open_store_files(workstation.folder) == []
    assert all(is_wiped(k) for k in held), "a key buffer survived the lock"
    assert not any(session.db_key) and not any(session.audit_key)

    with pytest.raises(AuthenticationError, match="密码错误"):
        lock_ops.unlock(session, "Wrong-2026!")
    assert session.locked and open_store_files(workstation.folder) == []

    lock_ops.unlock(session, DEMO_PASSWORD)
    assert not session.locked and open_store_files(workstation.folder)
    assert drafts.load_draft(session, "before-lock") == {"text": "谈话要点"}
    assert lock_ops.load_drafts(session, ["form:1"]) == {"form:1": {"text": "未保存"}}
    session.close()
    assert open_store_files(workstation.folder) == []

    auditor = login("auditor")
    actions = [e.action for e in audit_view.list_entries(auditor, username="office", newest_first=False)]
    # The wrong password, typed while no key was at hand, is written with the unlock, before it.
    assert actions[-4:] == ["lock", "unlock_failed", "unlock", "logout"]


def test_sign_out_while_locked_is_audited_at_the_next_sign_in(workstation, login):
    session = workstation.unlock("office", DEMO_PASSWORD)
    lock_ops.lock(session, "idle", {})
    session.close()
    assert session.closed and open_store_files(workstation.folder) == []
    auditor = login("auditor")
    actions = [e.action for e in audit_view.list_entries(auditor, username="office")]
    assert "logout" in actions


def test_worker_refuses_every_job_while_locked(qtbot, workstation):
    worker = DbWorker()
    worker.start()
    ran: list[str] = []

    def probe(session):
        ran.append("ran")
        return drafts.list_drafts(session)

    def run(fn, *args):
        results: list = []
        worker.submit(fn, *args, on_done=results.append, on_error=results.append)
        qtbot.waitUntil(lambda: bool(results), timeout=10000)
        return results[0]

    try:
        results: list = []
        worker.sign_in(workstation.folder, "office", DEMO_PASSWORD, on_done=results.append)
        qtbot.waitUntil(lambda: bool(results), timeout=10000)
        assert run(probe) == [] and ran == ["ran"]

        assert run(lock_ops.lock, "manual", {}) is None
        assert open_store_files(workstation.folder) == []
        refused = run(probe)
        assert isinstance(refused, ScreenLocked) and "已锁定" in refused.message
        assert isinstance(run(lock_ops.save_drafts, {"x": {"a": 1}}), ScreenLocked)
        assert ran == ["ran"], "a job ran on the store while the screen was locked"
        assert open_store_files(workstation.folder) == []

        assert isinstance(run(lock_ops.unlock, "Wrong-2026!"), AuthenticationError)
        assert run(lock_ops.unlock, DEMO_PASSWORD) is None
        assert run(probe) == [] and ran == ["ran", "ran"]
    finally:
        worker.stop()
    assert open_store_files(workstation.folder) == []
