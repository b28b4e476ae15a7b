"""The derivation root: the key every purpose key (audit chain, printed copies, seals, sheets) comes from.

Until the database key is first rotated, the root is the database key itself. A rotation keeps the
root and stores it inside the re-encrypted database (meta `key_root`), so that the audit chain,
the verification codes on printed copies, the seal images and exported sheets stay valid, while the
database file and the key slots move to the new key: the root is only reachable by opening the
database. What is bound to the files outside it (the key slots' MAC, the audit head, backups) keys
from the database key of the day.
"""

from __future__ import annotations

from app.core.store.connection import Connection
from app.core.store.key_buffer import keep

ROOT_META = "key_root"


def derivation_root(conn: Connection, db_key: bytes | bytearray) -> bytearray:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (ROOT_META,)).fetchone()
    return keep(bytes.fromhex(row["value"])) if row is not None else keep(db_key)


def store_root(conn: Connection, root: bytes | bytearray) -> None:
    """Inside the caller's transaction: keep `root` in the database (only when none is kept yet)."""
    conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (ROOT_META, bytes(root).hex()))
