"""Before and during the inspection (issue 20, second slice): briefings, the work plan, the team log.

- briefing_requests: the office's request (巡前情况通报) to one department (纪委监委, 组织部, 审计,
  信访, 巡察办 or another), numbered per inspection, with the date asked, the date due and the date
  answered; `matters` is what the letter asks for. The letter prints per request.
- briefing_items: the answer item by item: the source department, the content, the category (a
  classification path from the presets or free text), the classification level, and `is_lead`: a
  lead-like item is visible as leads are (the office and the team's leader), and its source, content
  and category are kept only sealed in the inspection's leads compartment (`sealed`, the plaintext
  columns blank; app.core.security.compartment_keys.BRIEFING_LEADS). Attachments live in
  `attachments` (owner_type 'briefing_item').
- work_plans: the work plan (巡察工作方案), one row per version (a new version on every save; the old
  ones are kept): aims, focus (JSON list), schedule by phase (JSON list of {phase, start, end, tasks})
  and the groups of the team (JSON list of {name, duties, members: [{user_id, name}]}).
- team_log_entries: the free entries of the team log (巡察日志): a date, a time, who, what. The log
  itself reads the team's own records (talks, documents received, meetings, 立行立改) beside them.
"""

from app.core.store.migrations.common import RECORD_COLUMNS, run_script

VERSION = 19

SCRIPT = f"""
CREATE TABLE IF NOT EXISTS briefing_requests (
    {RECORD_COLUMNS},
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    number INTEGER NOT NULL CHECK (number >= 1),
    source TEXT NOT NULL,                        -- discipline | organisation | audit | petition | office | other
    department TEXT NOT NULL,
    requested_on TEXT NOT NULL,
    due_on TEXT,
    answered_on TEXT,
    matters TEXT NOT NULL DEFAULT '',
    classification TEXT NOT NULL DEFAULT '秘密',
    protection_years INTEGER,
    UNIQUE (inspection_id, number)
);
CREATE INDEX IF NOT EXISTS briefing_requests_inspection ON briefing_requests(inspection_id, number);

CREATE TABLE IF NOT EXISTS briefing_items (
    {RECORD_COLUMNS},
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    request_id TEXT NOT NULL REFERENCES briefing_requests(id),
    ordinal INTEGER NOT NULL CHECK (ordinal >= 1),
    source TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT '',
    category_id TEXT,                            -- soft link to classification_nodes
    is_lead INTEGER NOT NULL DEFAULT 0,
    classification TEXT NOT NULL DEFAULT '秘密',
    sealed TEXT NOT NULL DEFAULT '',             -- a lead-like item: source, content, category sealed
    UNIQUE (request_id, ordinal)
);
CREATE INDEX IF NOT EXISTS briefing_items_inspection ON briefing_items(inspection_id, is_lead);

CREATE TABLE IF NOT EXISTS work_plans (
    {RECORD_COLUMNS},
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    version INTEGER NOT NULL CHECK (version >= 1),
    title TEXT NOT NULL DEFAULT '',
    aims TEXT NOT NULL DEFAULT '',
    focus TEXT NOT NULL DEFAULT '[]',
    schedule TEXT NOT NULL DEFAULT '[]',
    groups_json TEXT NOT NULL DEFAULT '[]',
    issuer TEXT NOT NULL DEFAULT '',
    issued_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    classification TEXT NOT NULL DEFAULT '秘密',
    protection_years INTEGER,
    UNIQUE (inspection_id, version)
);

CREATE TABLE IF NOT EXISTS team_log_entries (
    {RECORD_COLUMNS},
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    entry_on TEXT NOT NULL,                      -- YYYY-MM-DD
    entry_time TEXT NOT NULL DEFAULT '',         -- HH:MM
    by_name TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS team_log_inspection ON team_log_entries(inspection_id, entry_on);
"""


def upgrade(conn) -> None:
    run_script(conn, SCRIPT)
