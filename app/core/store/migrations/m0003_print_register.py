"""The print register: every printed or exported copy with its copy number (issue 5).

- print_sequences: per document (kind + record id) the last copy number handed out; allocation reads
  and bumps it inside one write transaction, so copy numbers never repeat or skip.
- print_register: one row per print or export action (who, when, what, how many, which numbers).
- print_copies: one row per copy, with its status (issued → returned / destroyed); the unique key
  makes a duplicate copy number impossible even if the sequence were bypassed.
"""

from app.core.store.migrations.common import RECORD_COLUMNS, run_script

VERSION = 3


def upgrade(conn) -> None:
    run_script(
        conn,
        f"""
        CREATE TABLE print_sequences (
            document_kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            last_copy INTEGER NOT NULL CHECK (last_copy >= 0),
            PRIMARY KEY (document_kind, record_id)
        );

        CREATE TABLE print_register (
            {RECORD_COLUMNS},
            user_id TEXT NOT NULL REFERENCES users(id),
            username TEXT NOT NULL,
            document_kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            inspection_id TEXT,
            action TEXT NOT NULL CHECK (action IN ('print', 'export')),
            copies INTEGER NOT NULL CHECK (copies >= 1),
            first_copy INTEGER NOT NULL,
            last_copy INTEGER NOT NULL,
            classification TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX print_register_record ON print_register(document_kind, record_id);
        CREATE INDEX print_register_at ON print_register(created_at);

        CREATE TABLE print_copies (
            {RECORD_COLUMNS},
            register_id TEXT NOT NULL REFERENCES print_register(id),
            document_kind TEXT NOT NULL,
            record_id TEXT NOT NULL,
            copy_number INTEGER NOT NULL CHECK (copy_number >= 1),
            status TEXT NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'returned', 'destroyed')),
            status_at TEXT,
            status_by TEXT REFERENCES users(id),
            UNIQUE (document_kind, record_id, copy_number)
        );
        CREATE INDEX print_copies_register ON print_copies(register_id);

        -- The register is a ledger: entries are never edited or removed, only copies change status.
        CREATE TRIGGER print_register_no_update BEFORE UPDATE ON print_register
            BEGIN SELECT RAISE(ABORT, 'the print register is append-only'); END;
        CREATE TRIGGER print_register_no_delete BEFORE DELETE ON print_register
            BEGIN SELECT RAISE(ABORT, 'the print register is append-only'); END;
        CREATE TRIGGER print_copies_no_delete BEFORE DELETE ON print_copies
            BEGIN SELECT RAISE(ABORT, 'the print register is append-only'); END;
        CREATE TRIGGER print_copies_fixed BEFORE UPDATE OF register_id, document_kind, record_id, copy_number
            ON print_copies
            BEGIN SELECT RAISE(ABORT, 'a registered copy keeps its number'); END;
        CREATE TRIGGER print_copies_forward BEFORE UPDATE OF status ON print_copies
            WHEN OLD.status = 'destroyed' OR NEW.status = 'issued'
            BEGIN SELECT RAISE(ABORT, 'a copy''s status only moves forward'); END;
        """,
    )
