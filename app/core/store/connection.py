"""Opening the SQLCipher database with the settings we rely on.

- journal_mode=WAL: readers do not block the writer, and a crash rolls back to the last commit.
- synchronous=FULL: a commit is on disk when it returns (NORMAL could lose the last commits in WAL).
- secure_delete=ON: deleted content is overwritten, not left in free pages.
- temp_store=MEMORY: sorts and temporary tables never spill to a plaintext temp file.
- foreign_keys=ON: the schema's references are enforced.
- cache_size=64 MiB: decrypted pages stay in memory, so repeated reads skip the AES and HMAC work.
- cipher_hmac_algorithm=HMAC_SHA256: every page is still authenticated (a flipped byte is reported,
  not read), with a 256-bit MAC; the CPUs these workstations use hash SHA-256 in hardware, so a
  commit costs about a quarter less than with SQLCipher 4's default SHA-512. Databases made before this
  choice (SHA-512) are still opened: see PAGE_FORMATS.
- cipher_memory_security stays OFF, deliberately. It makes every allocation SQLite makes an
  mlock/munlock system-call pair plus a wipe: measured here, commits 2x, lookups 5x and full-text
  searches 4.5x slower than plain SQLite. What it would protect is covered otherwise: the key and
  SQLCipher's own buffers live in SQLCipher's private locked, wiped heap whatever this setting says;
  crash output is shut off for the whole process (app.core.security.hardening), which also covers
  the record text held by Python and Qt, which this setting never touched; and mlock is capped at
  8 MiB per process by default, less than the page cache, so swap must be off or encrypted on the
  workstation anyway (README, deployment).
The key is the raw 256-bit database key, so no passphrase KDF runs on every open.
"""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from app.core.errors import StoreError
from app.core.store import sql_functions

DB_FILE = "workbench.db"

PRAGMAS: dict[str, str] = {
    "journal_mode": "WAL",
    "synchronous": "FULL",
    "secure_delete": "ON",
    "temp_store": "MEMORY",
    "foreign_keys": "ON",
    # 64 MiB of decrypted pages: every page read from disk costs an AES decrypt and an HMAC check,
    # so a cache that holds the working set keeps lookups and scans near plain-SQLite speed.
    "cache_size": "-65536",
}

Connection = sqlcipher3.Connection
DatabaseError = sqlcipher3.DatabaseError
IntegrityError = sqlcipher3.IntegrityError


# Page formats, newest first: a new database gets the first; an existing one opens with whichever
# authenticates its first page.
PAGE_HMAC = "HMAC_SHA256"
LEGACY_PAGE_HMAC = "HMAC_SHA512"  # databases created before 2026-11-23
PAGE_FORMATS = (PAGE_HMAC, LEGACY_PAGE_HMAC)


def key_pragma(db_key: bytes) -> str:
    return f"PRAGMA key = \"x'{db_key.hex()}'\""


def key_pragmas(db_key: bytes, page_hmac: str = PAGE_HMAC) -> list[str]:
    """What keys a connection: the raw key, then the page format (SQLCipher wants it in that order)."""
    return [key_pragma(db_key), f"PRAGMA cipher_hmac_algorithm = {page_hmac}"]


def page_format(path: Path, db_key: bytes) -> str:
    """The page HMAC an existing file was written with (PAGE_HMAC when none fits: new or damaged)."""
    for candidate in PAGE_FORMATS:
        conn = _keyed(path, db_key, candidate, readonly=False)
        try:
            conn.execute("PRAGMA user_version").fetchone()  # decrypts and authenticates page 1 only
            return candidate
        except sqlcipher3.DatabaseError:
            continue
        finally:
            conn.close()
    return PAGE_HMAC


def open_connection(path: Path, db_key: bytes, *, create: bool = False, readonly: bool = False) -> Connection:
    """Open (or create) the encrypted database; raises StoreError when the key or the file is wrong."""
    if not create and not path.exists():
        raise StoreError(f"找不到数据库文件：{path}")
    # SQLite takes an empty file for a new database and would build a fresh schema in it.
    if not create and path.stat().st_size == 0:
        raise StoreError(f"数据库文件是空的（0 字节），已损坏或被截断：{path}")
    formats = (PAGE_HMAC,) if create else PAGE_FORMATS
    for page_hmac in formats:
        conn = _keyed(path, db_key, page_hmac, readonly)
        try:
            # A wrong key (or format) fails here, at the first read, not at PRAGMA key.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            break
        except sqlcipher3.DatabaseError as exc:
            conn.close()
            if page_hmac == formats[-1]:
                raise StoreError(
                    "数据库无法用此密钥打开：密钥不符，或文件已损坏、不是本系统的数据库。"
                ) from exc
    try:
        for name, value in PRAGMAS.items():
            if readonly and name == "journal_mode":
                continue
            conn.execute(f"PRAGMA {name} = {value}")
        sql_functions.register(conn)  # before any write: triggers call them (m0009)
        # Rows are read by column name (row["status"]), so that adding a column cannot shift a record.
        conn.row_factory = sqlcipher3.Row
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise StoreError("数据库无法用此密钥打开：密钥不符，或文件已损坏、不是本系统的数据库。") from exc
    return conn


def _keyed(path: Path, db_key: bytes, page_hmac: str, readonly: bool) -> Connection:
    uri = f"file:{path}?mode=ro" if readonly else str(path)
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, so transactions are explicit.
    conn = sqlcipher3.connect(uri, uri=readonly, isolation_level=None, check_same_thread=True)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        for pragma in key_pragmas(db_key, page_hmac):
            conn.execute(pragma)
    except sqlcipher3.DatabaseError:
        conn.close()
        raise
    return conn


def current_settings(conn: Connection) -> dict[str, str]:
    """The settings as SQLCipher reports them, for tests and the verify command."""
    out = {}
    for name in [*PRAGMAS, "cipher_memory_security", "cipher_hmac_algorithm"]:
        row = conn.execute(f"PRAGMA {name}").fetchone()
        out[name] = str(row[name]).lower() if row else ""  # a PRAGMA's one column bears its name
    return out
