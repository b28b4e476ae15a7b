"""Official documents: versioned texts, seal image and seal register, per-copy print register (issue 8).

- official_documents: one document (report, feedback letter, transfer letter, rectification notice,
  statistics report) of an inspection or a round, with a short serial number for verification codes.
- official_versions: every saved text, append-only; `content_hash` is what printed codes are keyed on.
- seals / seal_uses: the seal image (AES-GCM under a key derived from the database key, on top of the
  database's own encryption) and the register of every use, append-only.
- print_copies gains the recipient, the version printed, the verification code and the recall mark
  (columns added here, m0003 is not edited); document_recalls records each recall of a document.
"""

from app.core.store.migrations.common import RECORD_COLUMNS, run_script

VERSION = 7


def upgrade(conn) -> None:
    run_script(
        conn,
        f"""
        CREATE TABLE official_documents (
            {RECORD_COLUMNS},
            serial INTEGER NOT NULL UNIQUE CHECK (serial >= 1),
            kind TEXT NOT NULL,
            inspection_id TEXT REFERENCES inspections(id),
            round_id TEXT REFERENCES rounds(id),
            target TEXT NOT NULL DEFAULT '',          -- transfer letters: the receiving body
            current_version INTEGER NOT NULL DEFAULT 1,
            CHECK (inspection_id IS NOT NULL OR round_id IS NOT NULL)
        );
        CREATE INDEX official_documents_inspection ON official_documents(inspection_id, kind);
        CREATE INDEX official_documents_round ON official_documents(round_id, kind);

        CREATE TABLE official_versions (
            {RECORD_COLUMNS},
            document_id TEXT NOT NULL REFERENCES official_documents(id),
            version INTEGER NOT NULL CHECK (version >= 1),
            title TEXT NOT NULL,
            addressee TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL,
            issuer TEXT NOT NULL,
            issued_on TEXT NOT NULL,
            classification TEXT NOT NULL,
            protection_years INTEGER,
            content_hash TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (document_id, version)
        );
        CREATE TRIGGER official_versions_no_update BEFORE UPDATE ON official_versions
            BEGIN SELECT RAISE(ABORT, 'a saved version is never changed'); END;
        CREATE TRIGGER official_versions_no_delete BEFORE DELETE ON official_versions
            BEGIN SELECT RAISE(ABORT, 'a saved version is never removed'); END;

        CREATE TABLE seals (
            {RECORD_COLUMNS},
            name TEXT NOT NULL,
            nonce BLOB NOT NULL,
            image BLOB NOT NULL,                      -- AES-GCM(PNG), key from the database key
            width_px INTEGER NOT NULL,
            height_px INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            retired_at TEXT
        );
        CREATE UNIQUE INDEX seals_one_active ON seals(active) WHERE active = 1;

        CREATE TABLE seal_uses (
            {RECORD_COLUMNS},
            seal_id TEXT NOT NULL REFERENCES seals(id),
            document_id TEXT NOT NULL REFERENCES official_documents(id),
            version INTEGER NOT NULL,
            register_id TEXT NOT NULL REFERENCES print_register(id),
            first_copy INTEGER NOT NULL,
            last_copy INTEGER NOT NULL,
            copies INTEGER NOT NULL CHECK (copies >= 1),
            user_id TEXT NOT NULL REFERENCES users(id),
            username TEXT NOT NULL
        );
        CREATE INDEX seal_uses_document ON seal_uses(document_id);
        CREATE TRIGGER seal_uses_no_update BEFORE UPDATE ON seal_uses
            BEGIN SELECT RAISE(ABORT, 'the seal register is append-only'); END;
        CREATE TRIGGER seal_uses_no_delete BEFORE DELETE ON seal_uses
            BEGIN SELECT RAISE(ABORT, 'the seal register is append-only'); END;

        ALTER TABLE print_copies ADD COLUMN recipient TEXT NOT NULL DEFAULT '';
        ALTER TABLE print_copies ADD COLUMN version INTEGER;
        ALTER TABLE print_copies ADD COLUMN verification TEXT;
        ALTER TABLE print_copies ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE print_copies ADD COLUMN recalled_at TEXT;
        CREATE INDEX print_copies_status ON print_copies(status, document_kind, record_id);

        CREATE TABLE document_recalls (
            {RECORD_COLUMNS},
            document_id TEXT NOT NULL REFERENCES official_documents(id),
            recalled_on TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            copies INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX document_recalls_document ON document_recalls(document_id);
        """,
    )
