"""Numbered schema migrations.

Each module `mNNNN_name.py` here defines `VERSION = NNNN` and `def upgrade(conn) -> None`. They run
in order inside one transaction each, and PRAGMA user_version records the last one applied. A
database newer than this program is refused rather than touched.

Every record table carries the same provenance columns (see RECORD_COLUMNS) so that records can later
move between workstations without collisions.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import sqlcipher3

from app.core.errors import StoreError

RECORD_COLUMNS = """
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author_id TEXT,
    workstation_id TEXT NOT NULL
"""


def run_script(conn, script: str) -> None:
    """Run several statements inside the caller's transaction (executescript would commit first)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlcipher3.complete_statement(buffer):
            if buffer.strip():
                conn.execute(buffer)
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement in migration: {buffer[:80]!r}")


def all_migrations() -> list[ModuleType]:
    mods = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("m") and info.name[1:5].isdigit():
            mods.append(importlib.import_module(f"{__name__}.{info.name}"))
    mods.sort(key=lambda m: m.VERSION)
    versions = [m.VERSION for m in mods]
    if versions != list(range(1, len(mods) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, got {versions}")
    return mods


def latest_version() -> int:
    return len(all_migrations())


def schema_version(conn) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn, target: int | None = None) -> list[int]:
    """Bring the schema up to `target` (default: latest). Returns the versions applied."""
    mods = all_migrations()
    target = len(mods) if target is None else target
    current = schema_version(conn)
    if current > len(mods):
        raise StoreError(f"数据库版本（{current}）比本程序支持的版本（{len(mods)}）新，请升级程序。")
    applied = []
    for mod in mods[current:target]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            mod.upgrade(conn)
            conn.execute(f"PRAGMA user_version = {int(mod.VERSION)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(mod.VERSION)
    return applied
