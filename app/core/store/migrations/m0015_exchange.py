"""Exchange between workstations (issue 19): identity, peers, the register, bases, conflicts.

- `exchange_settings`: this workstation's exchange identity (its Ed25519 and X25519 private keys,
  inside the encrypted database), whether it is an office or a team workstation, and on a team
  workstation the office's public keys, the team and the next package number.
- `exchange_peers`: the workstations the office configured, with their public keys, the last
  package merged (number and file hash) and the team's audit head at that merge (the external
  anchor: a team workstation rolled back is caught at the next exchange).
- `exchange_register`: every package exported or imported: direction, kind, the medium's register
  number, peer, number, file hash, who and when (the record columns), counts, the archive copy.
  Never deleted; only its status moves on (sent → acknowledged, merged).
- `exchange_base`: per record and peer, the hash of the row as the team last handed it in and as the
  office holds it since (what "changed on both sides since the last exchange" compares with);
  `exchange_pending`: on a team workstation, the hashes sent in a package not yet acknowledged.
- `exchange_conflicts`: records changed on both sides, the team's row kept until resolved.
- `exchange_audit`: the sender's audit entries for the records it handed in.
"""

from app.core.store.migrations.common import RECORD_COLUMNS, run_script

VERSION = 15

SCRIPT = f"""
CREATE TABLE IF NOT EXISTS exchange_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS exchange_peers (
    workstation_id TEXT PRIMARY KEY,
    team_id TEXT REFERENCES teams(id),
    label TEXT NOT NULL,
    sign_public TEXT NOT NULL,
    seal_public TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seq INTEGER NOT NULL DEFAULT 0,
    last_sha256 TEXT NOT NULL DEFAULT '',
    anchor_seq INTEGER NOT NULL DEFAULT 0,
    anchor_hash TEXT NOT NULL DEFAULT '',
    anchor_at TEXT
);
CREATE TABLE IF NOT EXISTS exchange_register (
    {RECORD_COLUMNS},
    direction TEXT NOT NULL CHECK (direction IN ('export', 'import')),
    kind TEXT NOT NULL,                 -- setup | hand_in | receipt
    medium_no TEXT NOT NULL,
    peer_workstation_id TEXT NOT NULL,
    package_seq INTEGER NOT NULL,
    package_sha256 TEXT NOT NULL,
    username TEXT NOT NULL,
    counts TEXT NOT NULL DEFAULT '{{}}',
    archive_name TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL                -- sent | acknowledged | merged | installed
);
CREATE INDEX IF NOT EXISTS exchange_register_peer ON exchange_register(peer_workstation_id, package_seq);
CREATE TRIGGER IF NOT EXISTS exchange_register_no_delete BEFORE DELETE ON exchange_register
    BEGIN SELECT RAISE(ABORT, 'the exchange register is never deleted'); END;
CREATE TRIGGER IF NOT EXISTS exchange_register_fixed BEFORE UPDATE ON exchange_register
    WHEN NOT (new.id IS old.id AND new.direction IS old.direction AND new.kind IS old.kind
        AND new.medium_no IS old.medium_no AND new.peer_workstation_id IS old.peer_workstation_id
        AND new.package_seq IS old.package_seq AND new.package_sha256 IS old.package_sha256
        AND new.username IS old.username AND new.created_at IS old.created_at)
    BEGIN SELECT RAISE(ABORT, 'a registered package only changes its status'); END;
CREATE TABLE IF NOT EXISTS exchange_base (
    peer_workstation_id TEXT NOT NULL,
    table_name TEXT NOT NULL,
    record_id TEXT NOT NULL,
    team_hash TEXT NOT NULL,
    office_hash TEXT NOT NULL,
    PRIMARY KEY (peer_workstation_id, table_name, record_id)
);
CREATE TABLE IF NOT EXISTS exchange_pending (
    package_seq INTEGER NOT NULL,
    table_name TEXT NOT NULL,
    record_id TEXT NOT NULL,
    row_hash TEXT NOT NULL,
    PRIMARY KEY (package_seq, table_name, record_id)
);
CREATE TABLE IF NOT EXISTS exchange_conflicts (
    {RECORD_COLUMNS},
    register_id TEXT NOT NULL REFERENCES exchange_register(id),
    peer_workstation_id TEXT NOT NULL,
    table_name TEXT NOT NULL,
    record_id TEXT NOT NULL,
    team_row TEXT NOT NULL,
    team_hash TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept_office', 'took_team')),
    resolved_by TEXT REFERENCES users(id),
    resolved_at TEXT
);
CREATE INDEX IF NOT EXISTS exchange_conflicts_open ON exchange_conflicts(status, table_name, record_id);
CREATE TABLE IF NOT EXISTS exchange_audit (
    peer_workstation_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    username TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    summary TEXT NOT NULL,
    hash TEXT NOT NULL,
    signer_key TEXT NOT NULL,
    signature TEXT NOT NULL,
    register_id TEXT NOT NULL REFERENCES exchange_register(id),
    PRIMARY KEY (peer_workstation_id, seq)
);
CREATE INDEX IF NOT EXISTS exchange_audit_object ON exchange_audit(object_id);
"""


def upgrade(conn) -> None:
    run_script(conn, SCRIPT)
