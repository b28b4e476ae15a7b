"""The working paper's sign-off chain (审签流程, issue 22).

- `paper_chains`: the chain a team uses, set by the office: with the deputy's review (副组长审核) or
  without it. A team with no row uses the three steps when it has a deputy, else two.
- `paper_steps`: every step of every paper, in order, append-only: who, when, what (submit, approve,
  return, sign, adopt, override) and the opinion or reason; for the adoption, the meeting's date and
  (when the meeting is recorded) its id.
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
                CHECK (action IN ('submit', 'approve', 'return', 'sign', 'adopt', 'override')),
            user_id TEXT NOT NULL REFERENCES users(id),
            opinion TEXT NOT NULL DEFAULT '',
            acted_on TEXT,  -- the date the step bears: the signature's, the meeting's
            meeting_id TEXT,
            UNIQUE (issue_id, ordinal)
        );
        CREATE INDEX paper_steps_issue ON paper_steps(issue_id, ordinal);

        CREATE TRIGGER paper_steps_no_update BEFORE UPDATE ON paper_steps
            BEGIN SELECT RAISE(ABORT, 'the sign-off trail is append-only'); END;
        CREATE TRIGGER paper_steps_no_delete BEFORE DELETE ON paper_steps
            BEGIN SELECT RAISE(ABORT, 'the sign-off trail is append-only'); END;
        """,
    )
