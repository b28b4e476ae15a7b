"""The crash-safe swap that puts a restored database in place of the data folder's files.

A restore prepares the new files (database, key slots, audit head) complete in a staging folder
inside the data folder, then swaps them in. A journal (`swap.journal`, written atomically) names
the staging folder and the folder the replaced files go to from the moment the staging folder is
made; before the first file moves, it is rewritten to name the files on each side as well. Every move is one rename, so each file is at every instant either
where it was or where it is going, and the journal says which is which. The journal's removal is
the commit: while it exists the swap is unfinished, and `settle` (run by every open and sign-in
before the folder is read) undoes it, putting the replaced files back and discarding the staged
ones. So the folder always holds either the old complete state or the new one, never a mixture
and never nothing. The journal holds file names only, no case data.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path

from app.core.errors import StoreError
from app.core.store.fileio import atomic_write, fsync_dir

JOURNAL = "swap.journal"


def _step(fn, *args):
    """Every change the swap makes to the folder goes through here (a test injects faults here)."""
    return fn(*args)


def _unlink_journal(folder: Path) -> None:
    (folder / JOURNAL).unlink()


def _mkdir(path: Path) -> None:
    path.mkdir(mode=0o700, exist_ok=True)


def _rmdir_if_empty(path: Path) -> None:
    try:
        path.rmdir()
    except FileNotFoundError:
        pass


def _plain_name(name: object) -> bool:
    return isinstance(name, str) and name not in ("", ".", "..") and not ({"/", "\\", "\0"} & set(name))


def _write_journal(folder: Path, staging: Path, previous: Path, old: list[str], new: list[str]) -> None:
    journal = {"version": 1, "staging": staging.name, "previous": previous.name, "old": old, "new": new}
    _step(atomic_write, folder / JOURNAL, json.dumps(journal).encode("utf-8"))


def begin(folder: Path, staging: Path, previous: Path) -> None:
    """Record that a restore is preparing `staging`, then make it: a crash from here on is undone."""
    _write_journal(folder, staging, previous, [], [])
    _step(_mkdir, staging)


def swap_in(folder: Path, staging: Path, previous: Path, names: tuple[str, ...]) -> bool:
    """Move the files `names` of `folder` into `previous` and those of `staging` into `folder`.

    Returns whether anything was replaced (`previous` holds it then; it is made only then). On an
    error the swap is undone before the error is passed on; if even that fails, the journal stays
    and the next open finishes undoing it.
    """
    old = [n for n in names if (folder / n).exists()]
    new = [n for n in names if (staging / n).exists()]
    _write_journal(folder, staging, previous, old, new)
    try:
        if old:
            _step(_mkdir, previous)
        # Every old file goes out before any new one comes in: an old WAL must never meet the new db.
        for name in old:
            _step(os.replace, folder / name, previous / name)
        for name in new:
            _step(os.replace, staging / name, folder / name)
        _step(fsync_dir, folder)
        _step(shutil.rmtree, staging)  # empty of what matters now; gone before the commit, so nothing is left
        _step(_unlink_journal, folder)  # the commit point
    except Exception as exc:
        try:
            settle(folder)
        except Exception as again:
            raise StoreError(
                "恢复备份时写入失败，且未能复原原数据库；下次打开本程序时将自动复原。"
            ) from again
        raise StoreError(f"恢复备份时写入失败，原数据库未改动：{exc}") from exc
    with contextlib.suppress(OSError):  # committed: the restore is done either way
        _step(fsync_dir, folder)
    return bool(old)


def settle(folder: Path) -> None:
    """Undo a swap that a crash or an I/O error interrupted; nothing to do without a journal."""
    path = Path(folder) / JOURNAL
    if not path.exists():
        return
    folder = path.parent
    try:
        journal = json.loads(path.read_bytes().decode("utf-8"))
        staging, previous = folder / journal["staging"], folder / journal["previous"]
        old, new = list(journal["old"]), list(journal["new"])
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise StoreError("上次恢复备份未完成，且其记录已损坏；请联系系统管理员。") from exc
    if not all(_plain_name(n) for n in (journal["staging"], journal["previous"], *old, *new)):
        raise StoreError("上次恢复备份未完成，且其记录已损坏；请联系系统管理员。")
    # A staged file missing from staging was moved in: move it back out.
    _step(_mkdir, staging)
    for name in new:
        if not (staging / name).exists() and (folder / name).exists():
            _step(os.replace, folder / name, staging / name)
    # A replaced file present in `previous` was moved out: move it back in.
    for name in old:
        if (previous / name).exists():
            _step(os.replace, previous / name, folder / name)
    # The old state is whole again. Say so before the staged files go: once staging is emptied,
    # "missing from staging" no longer means "moved in".
    if old or new:
        _write_journal(folder, staging, previous, [], [])
    _step(shutil.rmtree, staging)
    _step(_rmdir_if_empty, previous)
    _step(_unlink_journal, folder)
    with contextlib.suppress(OSError):
        _step(fsync_dir, folder)
