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
- `assessment_templates`, `assessments`, `assessment_scores`: 整改成效评估 — scored items (points out of
  100, a veto item), the grade thresholds; an assessment per inspection with a deduction and its
  evidence per item, its total and grade.
- `lookbacks`: a unit proposed for a 回头看 (from a grade or the office's choice) and, once scheduled,
  the look-back inspection; `lookback_links`: a look-back finding tied to the earlier issue
  (反弹, 未整改到位) or marked new.
"""

from app.core.store.migrations.common import RECORD_COLUMNS, run_script

# Every statement may run again: tests turn a database back to an older version by dropping only
# what that version added, then let the later migrations run over what is left.

VERSION = 18


def upgrade(conn) -> None:
    run_script(
        conn,
        f"""
        CREATE TABLE IF NOT EXISTS paper_chains (
            {RECORD_COLUMNS},
            team_id TEXT NOT NULL UNIQUE REFERENCES teams(id),
            with_deputy INTEGER NOT NULL CHECK (with_deputy IN (0, 1))
        );

        CREATE TABLE IF NOT EXISTS paper_steps (
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
        CREATE INDEX IF NOT EXISTS paper_steps_issue ON paper_steps(issue_id, ordinal);

        CREATE TABLE IF NOT EXISTS fact_sheets (
            {RECORD_COLUMNS},
            inspection_id TEXT NOT NULL REFERENCES inspections(id),
            serial INTEGER NOT NULL,
            sent_on TEXT,
            sent_to TEXT NOT NULL DEFAULT '',
            UNIQUE (inspection_id, serial)
        );

        CREATE TABLE IF NOT EXISTS fact_items (
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
        CREATE INDEX IF NOT EXISTS fact_items_issue ON fact_items(issue_id);

        CREATE TABLE IF NOT EXISTS fact_overrides (
            {RECORD_COLUMNS},
            inspection_id TEXT NOT NULL REFERENCES inspections(id),
            user_id TEXT NOT NULL REFERENCES users(id),
            reason TEXT NOT NULL
        );

        CREATE TABLE IF NOT EXISTS unit_reports (
            {RECORD_COLUMNS},
            inspection_id TEXT NOT NULL REFERENCES inspections(id),
            kind TEXT NOT NULL,
            received_on TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            UNIQUE (inspection_id, kind)
        );

        CREATE TABLE IF NOT EXISTS unit_report_measures (
            report_id TEXT NOT NULL REFERENCES unit_reports(id),
            measure_id TEXT NOT NULL REFERENCES rectification_measures(id),
            PRIMARY KEY (report_id, measure_id)
        );

        CREATE TABLE IF NOT EXISTS assessment_templates (
            {RECORD_COLUMNS},
            name TEXT NOT NULL UNIQUE,
            body TEXT NOT NULL  -- JSON: items (key, label, points, veto), thresholds
        );

        CREATE TABLE IF NOT EXISTS assessments (
            {RECORD_COLUMNS},
            inspection_id TEXT NOT NULL UNIQUE REFERENCES inspections(id),
            template_id TEXT NOT NULL REFERENCES assessment_templates(id),
            template_body TEXT NOT NULL,  -- the template as it was when the assessment began
            assessed_on TEXT,
            total REAL,
            grade TEXT NOT NULL DEFAULT '',
            conclusion TEXT NOT NULL DEFAULT ''
        );

        CREATE TABLE IF NOT EXISTS assessment_scores (
            {RECORD_COLUMNS},
            assessment_id TEXT NOT NULL REFERENCES assessments(id),
            item_key TEXT NOT NULL,
            deduction REAL NOT NULL DEFAULT 0,
            vetoed INTEGER NOT NULL DEFAULT 0 CHECK (vetoed IN (0, 1)),
            evidence TEXT NOT NULL DEFAULT '',
            UNIQUE (assessment_id, item_key)
        );

        CREATE TABLE IF NOT EXISTS lookbacks (
            {RECORD_COLUMNS},
            unit_id TEXT NOT NULL REFERENCES units(id),
            earlier_inspection_id TEXT NOT NULL UNIQUE REFERENCES inspections(id),
            reason TEXT NOT NULL,
            inspection_id TEXT UNIQUE REFERENCES inspections(id)  -- the look-back, once scheduled
        );

        CREATE TABLE IF NOT EXISTS lookback_links (
            {RECORD_COLUMNS},
            issue_id TEXT NOT NULL UNIQUE REFERENCES issues(id),
            earlier_issue_id TEXT REFERENCES issues(id),
            relation TEXT NOT NULL CHECK (relation IN ('rebound', 'incomplete', 'new'))
        );

        CREATE TRIGGER IF NOT EXISTS paper_steps_no_update BEFORE UPDATE ON paper_steps
            BEGIN SELECT RAISE(ABORT, 'the sign-off trail is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS paper_steps_no_delete BEFORE DELETE ON paper_steps
            BEGIN SELECT RAISE(ABORT, 'the sign-off trail is append-only'); END;
        """,
    )
