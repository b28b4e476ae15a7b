"""Certified recipients and sealed transfer letters (issue 15).

- `key_certificates.role`: the role a key was certified for (certificate message version 2); the
  certificates from before carry '' (version 1). Compartment keys are sealed only to certified keys
  (app.core.security.key_trust).
- `official_versions.sealed`: a lead transfer letter's versions keep their addressee and body in the
  inspection's leads compartment (AES-GCM under its key, bound to the version's id), their plaintext
  columns blank. The append-only trigger gives way to one that still refuses every change but two:
  sealing a version held in plaintext (its text columns blanked in the same update) and
  re-encrypting a sealed one when its compartment's key is rotated. Versions saved before this
  migration stay as they were until the next entitled session that opens the compartment seals them
  (this migration holds no compartment key: they are sealed only to accounts).
"""

from app.core.store.migrations.common import run_script

VERSION = 14

UNCHANGED = " AND ".join(
    f"new.{c} IS old.{c}"
    for c in (
        "id",
        "created_at",
        "updated_at",
        "author_id",
        "workstation_id",
        "document_id",
        "version",
        "title",
        "issuer",
        "issued_on",
        "classification",
        "protection_years",
        "content_hash",
        "note",
    )
)

TRIGGER = f"""
DROP TRIGGER IF EXISTS official_versions_no_update;
CREATE TRIGGER official_versions_no_update BEFORE UPDATE ON official_versions
    WHEN NOT ({UNCHANGED} AND new.sealed != '' AND (
        (old.sealed = '' AND new.addressee = '' AND new.body = '')
        OR (old.sealed != '' AND new.addressee IS old.addressee AND new.body IS old.body)))
    BEGIN SELECT RAISE(ABORT, 'a saved version is never changed'); END;
"""


def upgrade(conn) -> None:
    # Idempotent, as the migrations before it.
    if "role" not in {r["name"] for r in conn.execute("PRAGMA table_info(key_certificates)")}:
        conn.execute("ALTER TABLE key_certificates ADD COLUMN role TEXT NOT NULL DEFAULT ''")
    if "sealed" not in {r["name"] for r in conn.execute("PRAGMA table_info(official_versions)")}:
        conn.execute("ALTER TABLE official_versions ADD COLUMN sealed TEXT NOT NULL DEFAULT ''")
    run_script(conn, TRIGGER)
