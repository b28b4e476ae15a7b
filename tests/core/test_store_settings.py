"""The connection settings the store relies on, as SQLCipher itself reports them."""

from __future__ import annotations

import os

import pytest
import sqlcipher3

from app.core.errors import StoreError
from app.core.store.connection import (
    LEGACY_PAGE_HMAC,
    PAGE_HMAC,
    current_settings,
    open_connection,
    page_format,
)
from tests.conftest import DEMO_PASSWORD

EXPECTED = {
    "journal_mode": "wal",
    "synchronous": "2",  # FULL
    "secure_delete": "1",
    "temp_store": "2",  # MEMORY
    "foreign_keys": "1",
    # Off by choice: the reasons and what covers it instead are in app/core/store/connection.py.
    "cipher_memory_security": "0",
    "cipher_hmac_algorithm": "hmac_sha256",
    "cache_size": "-65536",  # 64 MiB of decrypted pages
}


def test_session_connection_has_the_documented_settings(login):
    session = login("office")
    assert current_settings(session.conn) == EXPECTED


def test_raw_connection_has_the_same_settings(workstation):
    session = workstation.unlock("office", DEMO_PASSWORD)
    key = bytes(session.db_key)  # the session wipes its key buffer when it closes
    session.close()
    conn = open_connection(workstation.db_path, key)
    try:
        assert current_settings(conn) == EXPECTED
        # SQLCipher 4 defaults we count on elsewhere (page HMACs, 4 KiB pages).
        assert conn.execute("PRAGMA cipher_page_size").fetchone()[0] == "4096"
        assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
    finally:
        conn.close()


def test_key_is_raw_not_a_passphrase(workstation):
    session = workstation.unlock("office", DEMO_PASSWORD)
    key = bytes(session.db_key)  # the session wipes its key buffer when it closes
    session.close()
    # The same hex used as a passphrase (PBKDF2-derived key) must not open the database.
    conn = sqlcipher3.connect(str(workstation.db_path))
    try:
        conn.execute(f"PRAGMA key = '{key.hex()}'")
        with pytest.raises(sqlcipher3.DatabaseError):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()
    # ... while the raw form does.
    conn = sqlcipher3.connect(str(workstation.db_path))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA cipher_hmac_algorithm = HMAC_SHA256")
        assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == 6
    finally:
        conn.close()


def test_wrong_raw_key_is_a_store_error(workstation):
    with pytest.raises(StoreError):
        open_connection(workstation.db_path, os.urandom(32))


def test_no_key_cannot_read(workstation):
    conn = sqlcipher3.connect(str(workstation.db_path))
    try:
        with pytest.raises(sqlcipher3.DatabaseError):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def test_file_header_is_not_plain_sqlite(workstation):
    head = workstation.db_path.read_bytes()[:100]
    assert not head.startswith(b"SQLite format 3")
    assert b"SQLite" not in head


def test_pages_are_authenticated_with_sha256_and_sqlcipher_defaults_cannot_read_them(workstation):
    session = workstation.unlock("office", DEMO_PASSWORD)
    key = bytes(session.db_key)  # the session wipes its key buffer when it closes
    session.close()
    assert page_format(workstation.db_path, key) == PAGE_HMAC
    # SQLCipher's default page format (HMAC-SHA512) with the right key does not authenticate a page.
    conn = sqlcipher3.connect(str(workstation.db_path))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        with pytest.raises(sqlcipher3.DatabaseError):
            conn.execute("SELECT count(*) FROM users").fetchone()
    finally:
        conn.close()


def test_a_database_from_before_the_sha256_choice_still_opens(tmp_path):
    key = os.urandom(32)
    path = tmp_path / "legacy.db"
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute(f"PRAGMA cipher_hmac_algorithm = {LEGACY_PAGE_HMAC}")
    conn.execute("CREATE TABLE kept (x TEXT)")
    conn.execute("INSERT INTO kept VALUES ('旧库记录')")
    conn.commit()
    conn.close()
    assert page_format(path, key) == LEGACY_PAGE_HMAC
    conn = open_connection(path, key)
    try:
        assert conn.execute("SELECT x FROM kept").fetchone()[0] == "旧库记录"
        assert current_settings(conn)["cipher_hmac_algorithm"] == LEGACY_PAGE_HMAC.lower()
        conn.execute("INSERT INTO kept VALUES ('新记录')")  # and it keeps writing in its own format
    finally:
        conn.close()
    assert page_format(path, key) == LEGACY_PAGE_HMAC
    with pytest.raises(StoreError):
        open_connection(path, os.urandom(32))
