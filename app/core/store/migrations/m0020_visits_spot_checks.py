"""Visits, spot checks of personal-matters reports, fixes on the spot, and the per-kind numbering of
the reports made during an inspection (issue 20).

- visits: 下沉了解 / 走访 — to a subordinate unit, a site or a household, numbered per inspection
  (走访 第N号): when, where, whom (the visited party), who went and whom they met (JSON lists of
  names), what they saw; classified like talks. Photos and documents live in `attachments`
  (owner_type 'visit').
- spot_checks: 个人有关事项抽查 — numbered per inspection; the person, the report, what was compared
  and the discrepancies are sealed in the inspection's leads compartment (`sealed`, their plaintext
  columns blank), like the leads themselves; the date and the classification stay in the clear.
- immediate_fixes: 立行立改 — what the unit did about an issue tagged as fixed on the spot, when, and
  the proof (attachments, owner_type 'immediate_fix'); one row per issue.
- official_documents.seq_year / seq_number: the 专题报告, 重要情况报告 and 抄告单 are numbered per kind
  per year (their 发文字号), apart from the documents' global serial.
"""

from app.core.store.migrations.common import RECORD_COLUMNS, run_script

VERSION = 20

SCRIPT = f"""
CREATE TABLE IF NOT EXISTS visits (
    {RECORD_COLUMNS},
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    number INTEGER NOT NULL CHECK (number >= 1),
    kind TEXT NOT NULL,
    visited_on TEXT NOT NULL,                    -- YYYY-MM-DD
    place TEXT NOT NULL,
    visited TEXT NOT NULL DEFAULT '',            -- the unit, site or household visited
    members TEXT NOT NULL DEFAULT '[]',          -- JSON list: who went
    met TEXT NOT NULL DEFAULT '[]',              -- JSON list: whom they met
    observations TEXT NOT NULL DEFAULT '',
    classification TEXT NOT NULL DEFAULT '秘密',
    protection_years INTEGER,
    UNIQUE (inspection_id, number)
);
CREATE INDEX IF NOT EXISTS visits_inspection ON visits(inspection_id, visited_on);

CREATE TABLE IF NOT EXISTS spot_checks (
    {RECORD_COLUMNS},
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    number INTEGER NOT NULL CHECK (number >= 1),
    checked_on TEXT NOT NULL,                    -- YYYY-MM-DD
    person_name TEXT NOT NULL DEFAULT '',        -- sealed
    person_post TEXT NOT NULL DEFAULT '',        -- sealed
    report TEXT NOT NULL DEFAULT '',             -- sealed: which report (year, kind)
    compared TEXT NOT NULL DEFAULT '',           -- sealed: what it was compared with
    discrepancies TEXT NOT NULL DEFAULT '',      -- sealed: what did not match
    classification TEXT NOT NULL DEFAULT '秘密',
    sealed TEXT NOT NULL DEFAULT '',
    UNIQUE (inspection_id, number)
);

CREATE TABLE IF NOT EXISTS immediate_fixes (
    {RECORD_COLUMNS},
    issue_id TEXT NOT NULL UNIQUE REFERENCES issues(id),
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    fixed_on TEXT NOT NULL,                      -- YYYY-MM-DD
    action TEXT NOT NULL                         -- what the unit did
);
"""


def upgrade(conn) -> None:
    run_script(conn, SCRIPT)
    columns = {r["name"] for r in conn.execute("PRAGMA table_info(official_documents)")}
    for name in ("seq_year", "seq_number"):
        if name not in columns:
            conn.execute(f"ALTER TABLE official_documents ADD COLUMN {name} INTEGER")
    conn.execute(
        "CREATE UNIQUE INDEX IF NOT EXISTS official_documents_sequence"
        " ON official_documents(kind, seq_year, seq_number) WHERE seq_number IS NOT NULL"
    )
