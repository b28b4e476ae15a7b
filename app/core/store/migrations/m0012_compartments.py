"""Compartments (issue 15): leads' content and petitioners' identity encrypted under compartment keys.

- `compartments`: one current key per inspection and kind (`leads`, `informants`); the key itself is
  never stored, only `compartment_seals`: one copy per entitled account key, sealed to its X25519
  public key (app.core.security.compartment_keys).
- `leads.sealed` and `petitions.sealed` hold the records' sealed fields (AES-GCM under the compartment
  key, bound to the record's id and the column); their plaintext columns are blanked.
- `compartments.rotate_due`: a database key rotation (app.core.store.rekey) marks every compartment;
  the next entitled session that uses one gives it a new key (the security officer holds none).
- Rows already in the database are sealed here, for every inspection where at least one entitled
  account has a registered key (the office always has one from the setup): the compartment is sealed
  to each entitled account's newest registered key. Rows of an inspection with no such account stay
  as they are until the first entitled account uses them (app.core.security.compartments seals them
  then). The connection runs with secure_delete, so the blanked text is overwritten, not left in free
  pages, and the database is rebuilt (VACUUM) after this migration, so that no copy of it stays in
  the unused space of a page that the longer rows made split. Leads and petitions never had a full-text index, so no index of their text is to be dropped;
  their search is done in memory over the decrypted rows.
"""

from app.core.security import audit as audit_trail
from app.core.security import compartment_keys as ck
from app.core.store.migrations.common import run_script

VERSION = 12
VACUUM_AFTER = True  # the blanked text may linger in the unused space of pages the new rows split

SCRIPT = """
CREATE TABLE IF NOT EXISTS compartments (
    id TEXT PRIMARY KEY,
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    kind TEXT NOT NULL,                 -- leads | informants
    created_at TEXT NOT NULL,
    created_by TEXT,                    -- the user whose session made the key (NULL: this migration)
    rotate_due INTEGER NOT NULL DEFAULT 0,  -- set by a database key rotation: the next holder rotates
    UNIQUE (inspection_id, kind)
);
CREATE TABLE IF NOT EXISTS compartment_seals (
    compartment_id TEXT NOT NULL REFERENCES compartments(id),
    key_id TEXT NOT NULL,               -- the recipient's key (account_keys.id, the slot's key)
    user_id TEXT NOT NULL REFERENCES users(id),
    sealed TEXT NOT NULL,               -- the compartment key sealed to that key's X25519 public key
    sealed_by TEXT NOT NULL,            -- the key id of the session that sealed it ('' for this migration)
    sealed_at TEXT NOT NULL,
    PRIMARY KEY (compartment_id, key_id)
);
CREATE INDEX IF NOT EXISTS compartment_seals_key ON compartment_seals(key_id);
"""


def upgrade(conn) -> None:
    # Written so that it can run again over its own result (a test rewinds user_version only).
    run_script(conn, SCRIPT)
    for table in ("leads", "petitions"):
        if "sealed" not in {r["name"] for r in conn.execute(f"PRAGMA table_info({table})")}:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN sealed TEXT NOT NULL DEFAULT ''")
    now = audit_trail.now_iso()
    for kind in ck.KINDS:
        table = ck.SPECS[kind].table
        inspections = [
            r["inspection_id"]
            for r in conn.execute(f"SELECT DISTINCT inspection_id FROM {table} WHERE sealed = ''")
            if ck.compartment_row(conn, r["inspection_id"], kind) is None
        ]
        for inspection_id in inspections:
            recipients = ck.registered_recipients(conn, ck.entitled_users(conn, inspection_id, kind))
            if not recipients:
                continue  # sealed at the first use by an entitled account
            compartment, key = ck.new_compartment(conn, inspection_id, kind, None, now)
            for recipient in recipients:
                ck.insert_seal(conn, compartment, recipient, key, "", now)
            ck.seal_plain_rows(conn, kind, compartment, key)
