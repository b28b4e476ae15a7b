"""Helpers for the security tests: raw access to a workstation's files and database."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.core import drafts
from app.core.security import audit as audit_trail
from app.core.session import Session
from app.core.store.connection import DB_FILE, Connection, open_connection
from app.core.store.keyslots import subkey
from app.core.workstation import Workstation
from tests.conftest import DEMO_PASSWORD

PAGE_SIZE = 4096  # SQLCipher 4 default; test_store_settings checks it


def sha256_files(folder: Path, names: tuple[str, ...] = (DB_FILE, f"{DB_FILE}-wal")) -> dict[str, str | None]:
    """Hash of each named file (None when absent), to prove a file was not touched."""
    out: dict[str, str | None] = {}
    for name in names:
        path = folder / name
        out[name] = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
    return out


def db_key_of(workstation: Workstation, username: str = "office") -> bytes:
    """The raw database key, taken from a real session (which is then closed)."""
    session = workstation.unlock(username, DEMO_PASSWORD)
    key = bytes(session.db_key)
    session.close()
    return key


@contextmanager
def raw_connection(workstation: Workstation, db_key: bytes) -> Iterator[Connection]:
    conn = open_connection(workstation.db_path, db_key)
    try:
        yield conn
    finally:
        conn.close()


def chain_head(workstation: Workstation, db_key: bytes) -> tuple[int, str] | None:
    return audit_trail.read_head(workstation.folder, subkey(db_key, "audit-head"))


def fill_drafts(session: Session, count: int, size: int = 1500, prefix: str = "fill") -> None:
    """Enough rows to spread the database over many pages."""
    for i in range(count):
        drafts.save_draft(session, f"{prefix}-{i}", {"n": i, "text": f"{i:06d}" * (size // 6)})


def flip_byte(path: Path, offset: int, mask: int = 0x01) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= mask
    path.write_bytes(bytes(data))


@pytest.fixture
def filled_workstation(workstation: Workstation) -> Workstation:
    """A workstation whose database spans well over a hundred pages, checkpointed and closed."""
    session = workstation.unlock("office", DEMO_PASSWORD)
    fill_drafts(session, 300)
    session.close()
    return workstation
