"""A restore's final swap is crash-safe: a fault at any step leaves the old state or the new one.

The swap's steps all go through `app.core.store.swap._step`; the tests count them on a clean
restore, then, for every step k, (a) raise an I/O error at step k, (b) raise at step k and keep
failing afterwards (the disk stays broken, so the in-process undo fails too), (c) "kill" the process
just before step k: a copy of the folder taken at that instant is what the next start finds, and
that next start may itself be killed at any step of its own repair. Each time the folder must then
open, with the old data or the restored data (database, key slots and audit head agreeing), never
neither, and with no journal, staging folder or empty replaced-… folder left behind.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.core import drafts
from app.core.errors import StoreError
from app.core.store import swap
from app.core.store.backup import create_backup, restore_backup
from app.core.workstation import Workstation
from tests.conftest import DEMO_PASSWORD

MARK = "after-backup"  # a draft saved after the backup: present in the old state only


class Killed(BaseException):
    """The process stops here: nothing after this step runs, not even `finally` clean-ups that matter."""


@pytest.fixture
def prepared(workstation: Workstation, tmp_path: Path) -> tuple[Path, Path]:
    """A pristine folder whose database has a draft the backup lacks, and the backup file."""
    backup = tmp_path / "media" / "ws.xcbak"
    backup.parent.mkdir()
    session = workstation.unlock("sysadmin", DEMO_PASSWORD)
    try:
        create_backup(session, backup)
    finally:
        session.close()
    session = workstation.unlock("office", DEMO_PASSWORD)
    try:
        drafts.save_draft(session, MARK, {"text": "备份之后"})
    finally:
        session.close()
    return workstation.folder, backup


def _copy(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest)
    return dest


def _count_steps(monkeypatch, folder: Path, backup: Path) -> int:
    calls: list[str] = []
    real = swap._step

    def counting(fn, *args):
        calls.append(getattr(fn, "__name__", str(fn)))
        return real(fn, *args)

    monkeypatch.setattr(swap, "_step", counting)
    restore_backup(folder, backup, "sysadmin", DEMO_PASSWORD)
    monkeypatch.setattr(swap, "_step", real)
    return len(calls)


def _state_of(folder: Path) -> str:
    """'old' or 'new'; fails when the folder does not open, or opens inconsistent or with leftovers."""
    ws = Workstation(folder)
    assert ws.exists(), "the folder would get the setup wizard"
    session = ws.unlock("office", DEMO_PASSWORD)
    try:
        assert session.head_alarm is None, session.head_alarm  # the audit head belongs to this database
        has_mark = drafts.load_draft(session, MARK) is not None
        restores = session.conn.execute(
            "SELECT COUNT(*) FROM audit WHERE action = 'backup_restore'"
        ).fetchone()[0]
    finally:
        session.close()
    assert not (folder / swap.JOURNAL).exists()
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith(".") or p.name.endswith(".new")]
    assert leftovers == [], leftovers
    replaced = [p for p in folder.iterdir() if p.name.startswith("replaced-")]
    if has_mark:  # the old state: no restore happened, nothing set aside
        assert restores == 0 and replaced == []
        return "old"
    # The new state: the restore is audited, the replaced database is kept, whole.
    assert restores == 1
    assert len(replaced) == 1 and (replaced[0] / "workbench.db").exists()
    assert (replaced[0] / "keyslots.json").exists() and (replaced[0] / "audit.head").exists()
    return "new"


def test_a_clean_restore_swaps_in_the_new_state(prepared, tmp_path, monkeypatch):
    folder, backup = prepared
    work = _copy(folder, tmp_path / "clean")
    assert _count_steps(monkeypatch, work, backup) >= 8
    assert _state_of(work) == "new"


def test_an_io_error_at_any_step_leaves_the_old_state_or_the_new(prepared, tmp_path, monkeypatch):
    folder, backup = prepared
    steps = _count_steps(monkeypatch, _copy(folder, tmp_path / "count"), backup)
    real = swap._step
    for k in range(steps):
        for persistent in (False, True):
            work = _copy(folder, tmp_path / f"io-{k}-{persistent}")
            seen = [0]

            def faulty(fn, *args, k=k, persistent=persistent, seen=seen):
                seen[0] += 1
                if seen[0] - 1 == k or (persistent and seen[0] - 1 > k):
                    raise OSError(5, "Input/output error")
                return real(fn, *args)

            monkeypatch.setattr(swap, "_step", faulty)
            try:
                restore_backup(work, backup, "sysadmin", DEMO_PASSWORD)
                outcome = "done"
            except StoreError as exc:
                outcome = "refused"
                assert "恢复备份时写入失败" in exc.message
            finally:
                monkeypatch.setattr(swap, "_step", real)
            state = _state_of(work)
            # Reported done means restored; reported failed means the old data, as the message says.
            assert state == ("new" if outcome == "done" else "old"), (k, persistent, outcome)


def test_a_kill_at_any_step_and_again_during_the_repair_opens_whole(prepared, tmp_path, monkeypatch):
    folder, backup = prepared
    steps = _count_steps(monkeypatch, _copy(folder, tmp_path / "count"), backup)
    real = swap._step
    states = set()
    for k in range(steps + 1):
        work = _copy(folder, tmp_path / f"run-{k}")
        image = tmp_path / f"crash-{k}"
        seen = [0]

        def killing(fn, *args, k=k, work=work, image=image, seen=seen):
            if seen[0] == k:
                shutil.copytree(work, image)  # the disk as the next start finds it
                raise Killed()
            seen[0] += 1
            return real(fn, *args)

        monkeypatch.setattr(swap, "_step", killing)
        try:
            restore_backup(work, backup, "sysadmin", DEMO_PASSWORD)
        except Killed:
            pass
        finally:
            monkeypatch.setattr(swap, "_step", real)
        if not image.exists():  # k == steps: the swap ran to its end
            assert k == steps
            states.add(_state_of(work))
            continue
        # The next start is killed too, at each step of its repair, then started once more.
        repair_steps = 0
        while True:
            again = _copy(image, tmp_path / f"crash-{k}-{repair_steps}")
            done = [0]

            def killing_repair(fn, *args, limit=repair_steps, done=done):
                if done[0] == limit:
                    raise Killed()
                done[0] += 1
                return real(fn, *args)

            monkeypatch.setattr(swap, "_step", killing_repair)
            try:
                Workstation(again).exists()
                finished = True
            except Killed:
                finished = False
            finally:
                monkeypatch.setattr(swap, "_step", real)
            states.add(_state_of(again))
            if finished:
                break
            repair_steps += 1
        states.add(_state_of(image))
    assert states == {"old", "new"}


def test_a_broken_journal_is_reported_not_taken_for_an_empty_folder(prepared, tmp_path):
    folder, _ = prepared
    (folder / swap.JOURNAL).write_bytes(b"{not json")
    ws = Workstation(folder)
    assert ws.exists()  # never the setup wizard
    with pytest.raises(StoreError, match="恢复备份未完成"):
        ws.unlock("office", DEMO_PASSWORD)
    (folder / swap.JOURNAL).write_text('{"staging": "../x", "previous": "p", "old": [], "new": []}')
    with pytest.raises(StoreError, match="恢复备份未完成"):
        ws.unlock("office", DEMO_PASSWORD)
