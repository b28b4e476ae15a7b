"""The foundation: workstation metadata, accounts, policy, the audit trail, encrypted drafts."""

from app.core.store.migrations.common import RECORD_COLUMNS, run_script

VERSION = 1


def upgrade(conn) -> None:
    run_script(
        conn,
        f"""
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        CREATE TABLE users (
            {RECORD_COLUMNS},
            username TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL,
            clearance TEXT NOT NULL DEFAULT '秘密',
            post TEXT NOT NULL DEFAULT '',
            disabled INTEGER NOT NULL DEFAULT 0,
            must_change_password INTEGER NOT NULL DEFAULT 1,
            password_changed_at TEXT,
            last_login_at TEXT
        );

        CREATE TABLE policy (
            key TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        );

        -- Append-only: the triggers refuse any change, and the hash chain shows one made around them.
        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user_id TEXT,
            username TEXT NOT NULL,
            role TEXT NOT NULL,
            action TEXT NOT NULL,
            object_type TEXT NOT NULL DEFAULT '',
            object_id TEXT NOT NULL DEFAULT '',
            summary TEXT NOT NULL DEFAULT '',
            workstation_id TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX audit_at ON audit(at);
        CREATE INDEX audit_user ON audit(username);
        CREATE INDEX audit_action ON audit(action);
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;

        -- Unsaved form input, kept across a lock or a crash; lives only inside the encrypted database.
        CREATE TABLE drafts (
            {RECORD_COLUMNS},
            user_id TEXT NOT NULL REFERENCES users(id),
            form_key TEXT NOT NULL,
            payload TEXT NOT NULL,
            UNIQUE (user_id, form_key)
        );
        """,
    )
