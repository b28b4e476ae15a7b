"""Every earlier schema version upgrades to the latest, keeping its data (later issues add migrations)."""

from __future__ import annotations

import os

import pytest

from app.core.store.connection import open_connection
from app.core.store.migrations import latest_version, migrate, schema_version

LATEST = latest_version()


def _user_row(user_id: str) -> tuple:
    return (
        user_id,
        "2026-01-01T00:00:00+00:00",
        "2026-01-01T00:00:00+00:00",
        None,
        "ws-1",
        "old_" + user_id[:4],
        "旧账号",
        "office",
    )


@pytest.mark.parametrize("start", range(1, LATEST))
def test_upgrade_from_every_earlier_version(tmp_path, start):
    conn = open_connection(tmp_path / "old.db", os.urandom(32), create=True)
    try:
        assert migrate(conn, target=start) == list(range(1, start + 1))
        assert schema_version(conn) == start
        conn.execute(
            "INSERT INTO users (id, created_at, updated_at, author_id, workstation_id, username, display_name, role)"
            " VALUES (?,?,?,?,?,?,?,?)",
            _user_row("u-0001"),
        )
        assert migrate(conn) == list(range(start + 1, LATEST + 1))
        assert schema_version(conn) == LATEST
        assert [tuple(r) for r in conn.execute("SELECT username, display_name FROM users")] == [
            ("old_u-00", "旧账号")
        ]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert migrate(conn) == []  # idempotent
    finally:
        conn.close()


def test_upgrade_from_version_1_adds_the_organisation(tmp_path):
    conn = open_connection(tmp_path / "v1.db", os.urandom(32), create=True)
    try:
        migrate(conn, target=1)
        migrate(conn)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"terms", "rounds", "batches", "units", "leadership", "staff", "recusals", "teams"} <= tables
        assert {
            "team_members",
            "recusal_overrides",
            "inspections",
            "inspection_phases",
            "phase_moves",
        } <= tables
    finally:
        conn.close()


def test_seals_stored_before_owners_are_the_offices_and_each_owner_has_one_active(tmp_path):
    """m0013 (issue 16): a seal per issuing body; the seal stored before is the office's."""
    import sqlcipher3

    from app.core.store.migrations import m0013_seal_owners

    conn = open_connection(tmp_path / "seals.db", os.urandom(32), create=True)
    row = "INSERT INTO seals (id, created_at, updated_at, workstation_id, name, nonce, image, width_px, height_px, sha256{}) VALUES (?, '2026-01-01', '2026-01-01', 'ws-1', ?, x'00', x'00', 64, 64, ''{})"
    try:
        migrate(conn, target=m0013_seal_owners.VERSION - 1)
        conn.execute(row.format("", ""), ("s-old", "巡察办公章"))
        migrate(conn, target=m0013_seal_owners.VERSION)
        assert conn.execute("SELECT owner, active FROM seals").fetchone()["owner"] == ""
        conn.execute(row.format(", owner", ", ?"), ("s-team", "组章", "第一巡察组"))  # beside the office's
        with pytest.raises(sqlcipher3.IntegrityError):
            conn.execute(row.format(", owner", ", ?"), ("s-two", "又一枚", "第一巡察组"))
        assert conn.execute("SELECT count(*) FROM seals WHERE active = 1").fetchone()[0] == 2
    finally:
        conn.close()
