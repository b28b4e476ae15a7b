"""The files of a database key rotation, and finishing one that a crash interrupted.

A rotation (app.core.store.rekey) builds the re-encrypted database, the resealed key slots and the
audit head under the new key in `.rotation/` inside the data folder, while the live files stay as
they are. Writing `.rotation/COMMIT` is the one commit point: before it, the folder is in the old
state (the staging folder is only garbage, removed by the next rotation); after it, the staged files
replace the live ones, the database first (its old WAL and SHM go, since the copy already holds
everything they held), then the head, then the slots. `settle_rotation()` repeats those moves for
whatever is still staged and is called before anything opens the folder (KeySlots.load), so a crash
at any instant leaves the old state or the new one, never a mix. It needs no key.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from app.core.store.connection import DB_FILE
from app.core.store.fileio import fsync_dir

STAGING_DIR = ".rotation"
COMMIT_FILE = "COMMIT"
# In the order they are moved in; the database must not meet its predecessor's WAL.
MOVED = (DB_FILE, "audit.head", "keyslots.json")  # audit.HEAD_FILE and keyslots.SLOTS_FILE


def staging(folder: Path) -> Path:
    return Path(folder) / STAGING_DIR


def committed(folder: Path) -> bool:
    return (staging(folder) / COMMIT_FILE).exists()


def settle_rotation(folder: Path, moved: Callable[[str], None] | None = None) -> bool:
    """Finish a committed rotation (True when there was one to finish); leave an uncommitted one.

    `moved(name)` is called after each file is in place (the rotation's progress)."""
    folder = Path(folder)
    stage = staging(folder)
    if not (stage / COMMIT_FILE).exists():
        return False
    for name in MOVED:
        staged = stage / name
        if not staged.exists():
            continue  # moved in before the crash
        if name == DB_FILE:
            for leftover in (f"{DB_FILE}-wal", f"{DB_FILE}-shm"):
                try:
                    os.unlink(folder / leftover)
                except FileNotFoundError:
                    pass
        try:
            os.replace(staged, folder / name)
        except FileNotFoundError:  # another process finishing the same rotation got there first
            pass
        if moved is not None:
            moved(name)
    fsync_dir(folder)
    try:
        os.unlink(stage / COMMIT_FILE)
    except FileNotFoundError:
        pass
    shutil.rmtree(stage, ignore_errors=True)
    fsync_dir(folder)
    return True


def discard_uncommitted(folder: Path) -> None:
    """Remove what an interrupted, uncommitted rotation left behind (never a committed one)."""
    stage = staging(folder)
    if stage.exists() and not (stage / COMMIT_FILE).exists():
        shutil.rmtree(stage, ignore_errors=True)
