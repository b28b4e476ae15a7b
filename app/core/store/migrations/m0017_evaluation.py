"""Democratic evaluation and questionnaires (民主测评、问卷调查, issue 21).

- eval_templates: the office's library of forms (JSON bodies, app.core.domain.evaluation.model).
- eval_surveys: an inspection's copy of a template, its people filled in from the unit's leadership
  list; `code` is the form code printed on every page (12 bits), `min_forms` the fewest returned
  forms for which a group's results are shown.
- eval_rounds: a collection (动员会, 整改评估 …) of a survey, numbered per survey, with the number of
  forms printed and returned.
- eval_serials: the random serials printed on a round's forms (for de-duplication only; nothing links
  a serial to a person). eval_sheets: one returned form, known by its serial only; its answers in
  eval_answers; keyboard entries (first and blind second) in eval_entries.
- eval_scans: imported scans (BLOBs inside the encrypted database, with their sha256); eval_pages the
  pages read from them; eval_marks what each box read; eval_reviews the items a person must decide
  before the sheet counts.
"""

from app.core.store.migrations.common import RECORD_COLUMNS, run_script

VERSION = 17


def upgrade(conn) -> None:
    run_script(
        conn,
        f"""
        CREATE TABLE IF NOT EXISTS eval_templates (
            {RECORD_COLUMNS},
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('evaluation', 'questionnaire')),
            body TEXT NOT NULL,
            builtin TEXT NOT NULL DEFAULT '',
            archived INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE IF NOT EXISTS eval_surveys (
            {RECORD_COLUMNS},
            inspection_id TEXT NOT NULL REFERENCES inspections(id),
            template_id TEXT,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('evaluation', 'questionnaire')),
            body TEXT NOT NULL,
            code INTEGER NOT NULL UNIQUE CHECK (code BETWEEN 1 AND 4095),
            min_forms INTEGER NOT NULL DEFAULT 5 CHECK (min_forms >= 1),
            double_entry INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS eval_surveys_inspection ON eval_surveys(inspection_id);

        CREATE TABLE IF NOT EXISTS eval_rounds (
            {RECORD_COLUMNS},
            survey_id TEXT NOT NULL REFERENCES eval_surveys(id),
            inspection_id TEXT NOT NULL REFERENCES inspections(id),
            number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 63),
            purpose TEXT NOT NULL DEFAULT '',
            held_on TEXT,
            printed INTEGER NOT NULL DEFAULT 0 CHECK (printed >= 0),
            returned INTEGER NOT NULL DEFAULT 0 CHECK (returned >= 0),
            UNIQUE (survey_id, number)
        );
        CREATE INDEX IF NOT EXISTS eval_rounds_inspection ON eval_rounds(inspection_id);

        CREATE TABLE IF NOT EXISTS eval_serials (
            round_id TEXT NOT NULL REFERENCES eval_rounds(id),
            serial INTEGER NOT NULL CHECK (serial BETWEEN 100000 AND 999999),
            PRIMARY KEY (round_id, serial)
        );

        CREATE TABLE IF NOT EXISTS eval_sheets (
            {RECORD_COLUMNS},
            round_id TEXT NOT NULL REFERENCES eval_rounds(id),
            inspection_id TEXT NOT NULL REFERENCES inspections(id),
            serial INTEGER NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('keyboard', 'scan')),
            status TEXT NOT NULL CHECK (status IN ('pending', 'review', 'counted')),
            UNIQUE (round_id, serial)
        );
        CREATE INDEX IF NOT EXISTS eval_sheets_round ON eval_sheets(round_id, status);

        CREATE TABLE IF NOT EXISTS eval_answers (
            sheet_id TEXT NOT NULL REFERENCES eval_sheets(id),
            item_key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (sheet_id, item_key)
        );

        CREATE TABLE IF NOT EXISTS eval_entries (
            {RECORD_COLUMNS},
            sheet_id TEXT NOT NULL REFERENCES eval_sheets(id),
            pass_no INTEGER NOT NULL CHECK (pass_no IN (1, 2)),
            answers TEXT NOT NULL,
            UNIQUE (sheet_id, pass_no)
        );

        CREATE TABLE IF NOT EXISTS eval_scans (
            {RECORD_COLUMNS},
            round_id TEXT NOT NULL REFERENCES eval_rounds(id),
            inspection_id TEXT NOT NULL REFERENCES inspections(id),
            mime TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            data BLOB NOT NULL
        );
        CREATE INDEX IF NOT EXISTS eval_scans_round ON eval_scans(round_id);

        CREATE TABLE IF NOT EXISTS eval_pages (
            {RECORD_COLUMNS},
            scan_id TEXT NOT NULL REFERENCES eval_scans(id),
            round_id TEXT NOT NULL REFERENCES eval_rounds(id),
            page_index INTEGER NOT NULL,
            sheet_id TEXT REFERENCES eval_sheets(id),
            page_no INTEGER,
            status TEXT NOT NULL CHECK (status IN ('read', 'unreadable')),
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX IF NOT EXISTS eval_pages_sheet ON eval_pages(sheet_id);

        CREATE TABLE IF NOT EXISTS eval_marks (
            sheet_id TEXT NOT NULL REFERENCES eval_sheets(id),
            item_key TEXT NOT NULL,
            option_key TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('marked', 'empty', 'unclear', 'cancelled')),
            fill REAL NOT NULL,
            crop BLOB,
            PRIMARY KEY (sheet_id, item_key, option_key)
        );

        CREATE TABLE IF NOT EXISTS eval_reviews (
            sheet_id TEXT NOT NULL REFERENCES eval_sheets(id),
            item_key TEXT NOT NULL,
            reason TEXT NOT NULL,
            value TEXT,
            reviewed_by TEXT REFERENCES users(id),
            reviewed_at TEXT,
            PRIMARY KEY (sheet_id, item_key)
        );

        CREATE TRIGGER IF NOT EXISTS eval_scans_no_update BEFORE UPDATE ON eval_scans
            BEGIN SELECT RAISE(ABORT, 'scans are append-only'); END;
        """,
    )
