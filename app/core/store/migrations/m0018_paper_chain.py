"""The working paper's sign-off chain (审签流程, issue 22).

- `paper_chains`: the chain a team uses, set by the office: with the deputy's review (副组长审核) or
  without it. A team with no row uses the three steps when it has a deputy, else two.
- `paper_steps`: every step of every paper, in order, append-only: who, when, what (submit, approve,
  return, sign, adopt, override) and the opinion or reason; for the adoption, the meeting's date and
  (when the meeting is recorded) its id.
- `fact_sheets` / `fact_items`: the unit's fact confirmation (事实确认单): a sheet per sending, its
  items the facts of adopted papers as they were sent; the unit's answer per item (confirmed, or
  disputed with its explanation; proof as attachments owned by the item) and the team's decision.
- `fact_overrides`: the leader's reason for letting the report be sealed with facts unanswered.
- `unit_reports` / `unit_report_measures`: what the unit hands in after the feedback by the rules'
  deadlines (整改方案, 专题民主生活会, 整改情况报告, the principal leader's report, the 3-month report):
  when received, its summary, its document (an attachment), the measures it reports on.
"""

from app.core.store.migrations.common import RECORD_COLUMNS, run_script

VERSION = 18


def upgrade(conn) -> None:
    run_script(
        conn,
        f"""
        CREATE TABLE paper_chains (
            {RECORD_COLUMNS},
            team_id TEXT NOT NULL UNIQUE REFERENCES teams(id),
            with_deputy INTEGER NOT NULL CHECK (with_deputy IN (0, 1))
        );

        CREATE TABLE paper_steps (
            {RECORD_COLUMNS},
            issue_id TEXT NOT NULL REFERENCES issues(id),
            ordinal INTEGER NOT NULL,
            action TEXT NOT NULL
                CHECK (action IN ('submit', 'approve', 'return', 'sign', 'adopt', 'override', 'reopen')),
            user_id TEXT NOT NULL REFERENCES users(id),
            opinion TEXT NOT NULL DEFAULT '',
            acted_on TEXT,  -- the date the step bears: the signature's, the meeting's
            meeting_id TEXT,
            UNIQUE (issue_id, ordinal)
        );
        CREATE INDEX paper_steps_issue ON paper_steps(issue_id, ordinal);

        CREATE TABLE fact_sheets (
            {RECORD_COLUMNS},
            inspection_id TEXT NOT NULL REFERENCES inspections(id),
            serial INTEGER NOT NULL,
            sent_on TEXT,
            sent_to TEXT NOT NULL DEFAULT '',
            UNIQUE (inspection_id, serial)
        );

        CREATE TABLE fact_items (
            {RECORD_COLUMNS},
            sheet_id TEXT NOT NULL REFERENCES fact_sheets(id),
            issue_id TEXT NOT NULL REFERENCES issues(id),
            ordinal INTEGER NOT NULL,
            title TEXT NOT NULL,
            facts TEXT NOT NULL,
            answer TEXT NOT NULL DEFAULT 'pending' CHECK (answer IN ('pending', 'confirmed', 'disputed')),
            explanation TEXT NOT NULL DEFAULT '',
            answered_on TEXT,
            decision TEXT NOT NULL DEFAULT '' CHECK (decision IN ('', 'maintained', 'revised', 'withdrawn')),
            decision_note TEXT NOT NULL DEFAULT '',
            decided_on TEXT,
            UNIQUE (sheet_id, ordinal)
        );
        CREATE INDEX fact_items_issue ON fact_items(issue_id);

        CREATE TABLE fact_overrides (
            {RECORD_COLUMNS},
            inspection_id TEXT NOT NULL REFERENCES inspections(id),
            user_id TEXT NOT NULL REFERENCES users(id),
            reason TEXT NOT NULL
        );

        CREATE TABLE unit_reports (
            {RECORD_COLUMNS},
            inspection_id TEXT NOT NULL REFERENCES inspections(id),
            kind TEXT NOT NULL,
            received_on TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            UNIQUE (inspection_id, kind)
        );

        CREATE TABLE unit_report_measures (
            report_id TEXT NOT NULL REFERENCES unit_reports(id),
            measure_id TEXT NOT NULL REFERENCES rectification_measures(id),
            PRIMARY KEY (report_id, measure_id)
        );

        CREATE TRIGGER paper_steps_no_update BEFORE UPDATE ON paper_steps
            BEGIN SELECT RAISE(ABORT, 'the sign-off trail is append-only'); END;
        CREATE TRIGGER paper_steps_no_delete BEFORE DELETE ON paper_steps
            BEGIN SELECT RAISE(ABORT, 'the sign-off trail is append-only'); END;
        """,
    )
