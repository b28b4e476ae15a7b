"""Signed audit entries and the accounts' public keys (issue 15).

- `audit` gains `signer_key` and `signature`: each entry from now on is signed (Ed25519) by the key of
  the account that acted, over the entry and the previous entry's hash. Entries written before this
  migration keep both empty; the first sign-in afterwards writes an `audit_signing_upgrade` entry,
  signed by the user who signs in, that covers them (its signature covers the last unsigned hash).
- `account_keys` holds every public key an account has had (one row per key pair, never deleted, so
  old entries stay checkable after a password change). A key is trusted when it is the one sealed in
  its owner's slot now, or endorsed by the key that replaced it, or certified by a security officer.
- Same append-only triggers as the audit table: a key is never changed or deleted in place.
"""

from app.core.store.migrations.common import run_script

VERSION = 10

SCRIPT = """
ALTER TABLE audit ADD COLUMN signer_key TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN signature TEXT NOT NULL DEFAULT '';

CREATE TABLE account_keys (
    id TEXT PRIMARY KEY,
    slot_name TEXT NOT NULL,
    user_id TEXT,
    sign_public TEXT NOT NULL,
    seal_public TEXT NOT NULL,
    created_at TEXT NOT NULL,
    endorses TEXT,
    endorsement TEXT
);
CREATE INDEX account_keys_slot ON account_keys(slot_name);

CREATE TABLE key_certificates (
    key_id TEXT NOT NULL REFERENCES account_keys(id),
    certifier_key TEXT NOT NULL REFERENCES account_keys(id),
    certified_at TEXT NOT NULL,
    signature TEXT NOT NULL,
    PRIMARY KEY (key_id, certifier_key)
);

CREATE TRIGGER account_keys_no_update BEFORE UPDATE ON account_keys
    BEGIN SELECT RAISE(ABORT, 'account keys are append-only'); END;
CREATE TRIGGER account_keys_no_delete BEFORE DELETE ON account_keys
    BEGIN SELECT RAISE(ABORT, 'account keys are append-only'); END;
CREATE TRIGGER key_certificates_no_update BEFORE UPDATE ON key_certificates
    BEGIN SELECT RAISE(ABORT, 'key certificates are append-only'); END;
CREATE TRIGGER key_certificates_no_delete BEFORE DELETE ON key_certificates
    BEGIN SELECT RAISE(ABORT, 'key certificates are append-only'); END;
"""


def upgrade(conn) -> None:
    run_script(conn, SCRIPT)
