"""Individual talks: talk records, interviewers, addenda, signed scans, search index (issue 5).

- talks: one record per talk, numbered per inspection (谈话记录 第N号). `doc_no` is the search
  indexes' row id: a talk's uuid primary key leaves SQLite's implicit rowid free to change on VACUUM,
  so the indexes key on this explicit, stable number instead.
- A signed talk is locked: the trigger refuses any change to it (corrections go to talk_addenda,
  which are append-only), as a second line of defence behind the domain code.
- talk_scans: the scan of the signed pages, kept as a BLOB inside the encrypted database with its
  sha256, never as a file.
- talk_trigram / talk_bigram: contentless FTS5 indexes over outline, record, key points, addenda and
  the interviewee's name (3+ character substrings; 2-character pairs), like the document search.
"""

from app.core.store.migrations.common import RECORD_COLUMNS, run_script

VERSION = 4


def upgrade(conn) -> None:
    run_script(
        conn,
        f"""
        CREATE TABLE talks (
            {RECORD_COLUMNS},
            doc_no INTEGER NOT NULL UNIQUE,
            inspection_id TEXT NOT NULL REFERENCES inspections(id),
            number INTEGER NOT NULL CHECK (number >= 1),
            start_at TEXT NOT NULL,
            end_at TEXT NOT NULL DEFAULT '',
            place TEXT NOT NULL DEFAULT '',
            interviewee_name TEXT NOT NULL,
            interviewee_unit TEXT NOT NULL DEFAULT '',
            interviewee_position TEXT NOT NULL DEFAULT '',
            interviewee_category TEXT NOT NULL,
            leadership_id TEXT,                           -- soft link: a leadership entry may go later
            kind TEXT NOT NULL,
            recorder_id TEXT NOT NULL REFERENCES users(id),
            outline TEXT NOT NULL DEFAULT '[]',           -- JSON list of questions
            record TEXT NOT NULL DEFAULT '[]',            -- JSON list of {{question, answer}}
            key_points TEXT NOT NULL DEFAULT '',
            raised_problems INTEGER NOT NULL DEFAULT 0,
            raised_leads INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'recorded', 'signed')),
            recorded_at TEXT,
            signed_on TEXT,
            signed_confirmed_by TEXT REFERENCES users(id),
            classification TEXT NOT NULL DEFAULT '秘密',
            protection_years INTEGER,
            UNIQUE (inspection_id, number)
        );
        CREATE INDEX talks_inspection ON talks(inspection_id, start_at);
        CREATE INDEX talks_status ON talks(status);
        -- Covers the search's filter and order (index row id -> date, number, inspection) without
        -- touching the records' long text.
        CREATE INDEX talks_search_order ON talks(doc_no, start_at, number, inspection_id, id);

        CREATE TABLE talk_interviewers (
            talk_id TEXT NOT NULL REFERENCES talks(id),
            user_id TEXT NOT NULL REFERENCES users(id),
            sort_order INTEGER NOT NULL,
            PRIMARY KEY (talk_id, user_id)
        );
        CREATE INDEX talk_interviewers_user ON talk_interviewers(user_id);

        CREATE TABLE talk_addenda (
            {RECORD_COLUMNS},
            talk_id TEXT NOT NULL REFERENCES talks(id),
            added_on TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX talk_addenda_talk ON talk_addenda(talk_id);

        CREATE TABLE talk_scans (
            {RECORD_COLUMNS},
            talk_id TEXT NOT NULL REFERENCES talks(id),
            mime TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            data BLOB NOT NULL
        );
        CREATE INDEX talk_scans_talk ON talk_scans(talk_id);

        -- Signed records are locked; addenda and scans are never edited or removed.
        CREATE TRIGGER talks_signed_locked BEFORE UPDATE ON talks WHEN OLD.status = 'signed'
            BEGIN SELECT RAISE(ABORT, 'a signed talk record is locked'); END;
        CREATE TRIGGER talks_signed_kept BEFORE DELETE ON talks WHEN OLD.status = 'signed'
            BEGIN SELECT RAISE(ABORT, 'a signed talk record is locked'); END;
        CREATE TRIGGER talk_addenda_no_update BEFORE UPDATE ON talk_addenda
            BEGIN SELECT RAISE(ABORT, 'addenda are append-only'); END;
        CREATE TRIGGER talk_addenda_no_delete BEFORE DELETE ON talk_addenda
            BEGIN SELECT RAISE(ABORT, 'addenda are append-only'); END;
        CREATE TRIGGER talk_scans_no_update BEFORE UPDATE ON talk_scans
            BEGIN SELECT RAISE(ABORT, 'scans are append-only'); END;
        CREATE TRIGGER talk_scans_no_delete BEFORE DELETE ON talk_scans
            BEGIN SELECT RAISE(ABORT, 'scans are append-only'); END;

        CREATE VIRTUAL TABLE talk_trigram USING fts5(
            body, content='', contentless_delete=1, tokenize='trigram'
        );
        CREATE VIRTUAL TABLE talk_bigram USING fts5(
            body, content='', contentless_delete=1, tokenize='unicode61'
        );
        """,
    )
