"""Document review: request lists, custody, reading notes, excerpts, imported material (issue 6).

- `attachments` is generic (owner_type/owner_id) so later modules can keep files too; the bytes live in
  `attachment_blobs`, apart from the row, so listing files never reads them. Both are inside the
  encrypted database, like everything else; nothing is kept as a file.
- `request_items` are the lines of an inspection's request list (调阅清单); their custody state is
  derived from the dates, and `custody_events` keeps the chain of who had what when.
- Search: `search_entries` maps a row id to what it indexes (an attachment's text, a reading's notes,
  an excerpt's passage); two contentless FTS5 indexes share that row id: `search_trigram` (trigram
  tokenizer, any substring of 3+ characters) and `search_bigram` (every 2-character pair of letters
  or digits as a word, for 2-character terms, which trigram cannot find without a full scan). The
  text itself stays in its own table; the indexes hold no copy of it.
"""

from app.core.store.migrations.common import RECORD_COLUMNS, run_script

VERSION = 5


def upgrade(conn) -> None:
    run_script(
        conn,
        f"""
        CREATE TABLE attachments (
            {RECORD_COLUMNS},
            owner_type TEXT NOT NULL,
            owner_id TEXT NOT NULL,
            inspection_id TEXT REFERENCES inspections(id),
            filename TEXT NOT NULL,
            kind TEXT NOT NULL,
            media_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            extracted_text TEXT NOT NULL DEFAULT '',
            details TEXT NOT NULL DEFAULT '{{}}'
        );
        CREATE INDEX attachments_owner ON attachments(owner_type, owner_id);
        CREATE INDEX attachments_inspection ON attachments(inspection_id);

        CREATE TABLE attachment_blobs (
            attachment_id TEXT PRIMARY KEY REFERENCES attachments(id),
            content BLOB NOT NULL
        );

        -- 调阅清单: one line per item asked of the unit.
        CREATE TABLE request_items (
            {RECORD_COLUMNS},
            inspection_id TEXT NOT NULL REFERENCES inspections(id),
            number INTEGER NOT NULL CHECK (number >= 1),
            category TEXT NOT NULL,
            title TEXT NOT NULL,
            period_start TEXT,
            period_end TEXT,
            requested_on TEXT NOT NULL,
            received_on TEXT,
            volumes INTEGER,
            pages INTEGER,
            holder_id TEXT REFERENCES users(id),
            copies INTEGER NOT NULL DEFAULT 0 CHECK (copies >= 0),
            planned_return_on TEXT,
            returned_on TEXT,
            returned_to TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (inspection_id, number)
        );
        CREATE INDEX request_items_holder ON request_items(holder_id);

        -- The custody chain: received, handed over, copied, return date changed, returned.
        CREATE TABLE custody_events (
            {RECORD_COLUMNS},
            item_id TEXT NOT NULL REFERENCES request_items(id),
            event TEXT NOT NULL,
            on_date TEXT NOT NULL,
            holder_id TEXT REFERENCES users(id),
            counterpart TEXT NOT NULL DEFAULT '',
            quantity INTEGER,
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX custody_events_item ON custody_events(item_id);

        -- The leader's approval to leave the on-site phase with items unreturned; used by one move.
        CREATE TABLE custody_overrides (
            {RECORD_COLUMNS},
            inspection_id TEXT NOT NULL REFERENCES inspections(id),
            reason TEXT NOT NULL,
            unreturned INTEGER NOT NULL,
            used_at TEXT
        );
        CREATE INDEX custody_overrides_inspection ON custody_overrides(inspection_id);

        -- Reading: who read an item, when, and what they noted.
        CREATE TABLE readings (
            {RECORD_COLUMNS},
            item_id TEXT NOT NULL REFERENCES request_items(id),
            reviewer_id TEXT NOT NULL REFERENCES users(id),
            read_on TEXT NOT NULL,
            notes TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX readings_item ON readings(item_id);

        -- Excerpts: a passage and where it is; later cited as evidence by issues (stable id, number).
        CREATE TABLE excerpts (
            {RECORD_COLUMNS},
            inspection_id TEXT NOT NULL REFERENCES inspections(id),
            item_id TEXT NOT NULL REFERENCES request_items(id),
            reading_id TEXT REFERENCES readings(id),
            attachment_id TEXT REFERENCES attachments(id),
            number INTEGER NOT NULL CHECK (number >= 1),
            passage TEXT NOT NULL,
            location TEXT NOT NULL DEFAULT '',
            UNIQUE (inspection_id, number)
        );
        CREATE INDEX excerpts_item ON excerpts(item_id);

        -- The last excerpt number given per inspection: a deleted excerpt's number is never reused.
        CREATE TABLE excerpt_numbers (
            inspection_id TEXT PRIMARY KEY REFERENCES inspections(id),
            last_number INTEGER NOT NULL
        );

        CREATE TABLE search_entries (
            rowid INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            ref_id TEXT NOT NULL UNIQUE,
            inspection_id TEXT NOT NULL,
            item_id TEXT NOT NULL
        );
        CREATE INDEX search_entries_inspection ON search_entries(inspection_id);
        CREATE VIRTUAL TABLE search_trigram USING fts5(
            body, content='', contentless_delete=1, tokenize='trigram'
        );
        CREATE VIRTUAL TABLE search_bigram USING fts5(
            body, content='', contentless_delete=1, tokenize='unicode61'
        );
        """,
    )
