"""What every migration shares: the provenance columns of a record table and a script runner.

Every record table carries the same provenance columns (RECORD_COLUMNS) so that records can later move
between workstations without collisions. `run_script` runs a migration's statements inside the
caller's transaction. This module imports no migration, so the migrations and the package that lists
them do not import each other.
"""

from __future__ import annotations

import sqlcipher3

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
