"""Meetings and the talk plan (issue 20, first slice).

- meetings: the inspection's meetings (动员会, 座谈会, 列席会议, 反馈会, 组务会), numbered per
  inspection (会议 第N号), with date, time, place, chair, agenda and the minutes typed from the
  keyboard; classified like talks. Attachments live in `attachments` (owner_type 'meeting').
- meeting_attendees: who attended, in order: a member of the unit's leadership (leadership_id, a
  soft link) or a typed name, with position and unit.
- talk_plan_lines: the talk plan (谈话计划), one line per person to talk to, numbered per
  inspection: 必谈 (must) or 选谈, the person (from the leadership list or typed), the planned
  time and place; `first_planned_at` keeps the time first planned, so a line whose time changed
  reads as moved (改期).
- talk_plan_interviewers: the line's interviewers (team members), in order.
- talks.plan_line_id: the plan line a talk was held for (a soft link, like leadership_id).
"""

from app.core.store.migrations.common import RECORD_COLUMNS, run_script

VERSION = 16

SCRIPT = f"""
CREATE TABLE IF NOT EXISTS meetings (
    {RECORD_COLUMNS},
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    number INTEGER NOT NULL CHECK (number >= 1),
    kind TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    held_on TEXT NOT NULL,                       -- YYYY-MM-DD
    start_time TEXT NOT NULL DEFAULT '',         -- HH:MM
    end_time TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    chair TEXT NOT NULL DEFAULT '',
    recorder TEXT NOT NULL DEFAULT '',
    agenda TEXT NOT NULL DEFAULT '[]',           -- JSON list of agenda items
    minutes TEXT NOT NULL DEFAULT '',
    classification TEXT NOT NULL DEFAULT '秘密',
    protection_years INTEGER,
    UNIQUE (inspection_id, number)
);
CREATE INDEX IF NOT EXISTS meetings_inspection ON meetings(inspection_id, held_on);

CREATE TABLE IF NOT EXISTS meeting_attendees (
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    sort_order INTEGER NOT NULL,
    name TEXT NOT NULL,
    position TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    leadership_id TEXT,
    PRIMARY KEY (meeting_id, sort_order)
);

CREATE TABLE IF NOT EXISTS talk_plan_lines (
    {RECORD_COLUMNS},
    inspection_id TEXT NOT NULL REFERENCES inspections(id),
    number INTEGER NOT NULL CHECK (number >= 1),
    must INTEGER NOT NULL DEFAULT 0,             -- 1: 必谈, 0: 选谈
    name TEXT NOT NULL,
    position TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL,
    leadership_id TEXT,
    planned_at TEXT NOT NULL DEFAULT '',         -- YYYY-MM-DD HH:MM, or '' while not scheduled
    first_planned_at TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (inspection_id, number)
);
CREATE INDEX IF NOT EXISTS talk_plan_inspection ON talk_plan_lines(inspection_id, planned_at);

CREATE TABLE IF NOT EXISTS talk_plan_interviewers (
    line_id TEXT NOT NULL REFERENCES talk_plan_lines(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    sort_order INTEGER NOT NULL,
    PRIMARY KEY (line_id, user_id)
);
"""


def upgrade(conn) -> None:
    run_script(conn, SCRIPT)
    columns = {r["name"] for r in conn.execute("PRAGMA table_info(talks)")}
    if "plan_line_id" not in columns:
        conn.execute("ALTER TABLE talks ADD COLUMN plan_line_id TEXT")
    conn.execute("CREATE INDEX IF NOT EXISTS talks_plan_line ON talks(plan_line_id)")
