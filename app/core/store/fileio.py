"""Crash-safe small-file writes: write beside, fsync, rename, fsync the folder."""

from __future__ import annotations

import os
import threading
import uuid
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> None:
    # A name of its own per writer: two sessions (GUI and command line, or two threads) may write the
    # same small file at once, and a shared temporary name would let one rename the other's file away.
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.{uuid.uuid4().hex[:8]}.new")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open folders; rename is durable enough there
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
