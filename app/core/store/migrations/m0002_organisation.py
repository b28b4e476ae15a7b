"""Terms, rounds, batches, units and their leadership, teams, inspections, staff pool, recusals (issue 4).

References use the default NO ACTION, so a parent with dependants cannot be deleted behind the
domain code's back; the domain removes a record's own parts (a unit's leadership, a team's members)
explicitly and refuses the rest with a readable Conflict.
"""

from app.core.store.migrations.common import RECORD_COLUMNS, run_script

VERSION = 2


def upgrade(conn) -> None:
    run_script(
        conn,
        f"""
        -- 届: the committee's term.
        CREATE TABLE terms (
            {RECORD_COLUMNS},
            name TEXT NOT NULL UNIQUE,
            starts_on TEXT NOT NULL,
            ends_on TEXT
        );

        -- 轮次: a numbered round within a term.
        CREATE TABLE rounds (
            {RECORD_COLUMNS},
            term_id TEXT NOT NULL REFERENCES terms(id),
            number INTEGER NOT NULL CHECK (number >= 1),
            kind TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'planned',
            starts_on TEXT,
            ends_on TEXT,
            UNIQUE (term_id, number)
        );
        CREATE INDEX rounds_term ON rounds(term_id);

        -- 批次: a batch of a round, with its dates.
        CREATE TABLE batches (
            {RECORD_COLUMNS},
            round_id TEXT NOT NULL REFERENCES rounds(id),
            number INTEGER NOT NULL CHECK (number >= 1),
            starts_on TEXT NOT NULL,
            ends_on TEXT NOT NULL,
            UNIQUE (round_id, number)
        );

        -- 被巡察单位, with an optional parent (a village under its township).
        CREATE TABLE units (
            {RECORD_COLUMNS},
            name TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            parent_id TEXT REFERENCES units(id)
        );
        CREATE INDEX units_parent ON units(parent_id);

        -- 领导班子: the people the inspection looks at; at most one top leader (一把手) per unit.
        CREATE TABLE leadership (
            {RECORD_COLUMNS},
            unit_id TEXT NOT NULL REFERENCES units(id),
            name TEXT NOT NULL,
            position TEXT NOT NULL,
            is_top_leader INTEGER NOT NULL DEFAULT 0,
            sort_order INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX leadership_unit ON leadership(unit_id);
        CREATE UNIQUE INDEX leadership_one_top ON leadership(unit_id) WHERE is_top_leader = 1;

        -- 人员库: accounts that can serve on teams.
        CREATE TABLE staff (
            {RECORD_COLUMNS},
            user_id TEXT NOT NULL UNIQUE REFERENCES users(id),
            post TEXT NOT NULL DEFAULT '',
            expertise TEXT NOT NULL DEFAULT ''
        );

        -- 回避: a staff member's declared tie to a unit.
        CREATE TABLE recusals (
            {RECORD_COLUMNS},
            staff_id TEXT NOT NULL REFERENCES staff(id),
            unit_id TEXT NOT NULL REFERENCES units(id),
            reason TEXT NOT NULL,
            UNIQUE (staff_id, unit_id)
        );
        CREATE INDEX recusals_unit ON recusals(unit_id);

        -- 巡察组: formed anew for each round.
        CREATE TABLE teams (
            {RECORD_COLUMNS},
            round_id TEXT NOT NULL REFERENCES rounds(id),
            name TEXT NOT NULL,
            UNIQUE (round_id, name)
        );

        -- Leader (组长), deputies (副组长) and members (组员): user accounts.
        CREATE TABLE team_members (
            {RECORD_COLUMNS},
            team_id TEXT NOT NULL REFERENCES teams(id),
            user_id TEXT NOT NULL REFERENCES users(id),
            position TEXT NOT NULL,
            UNIQUE (team_id, user_id)
        );
        CREATE INDEX team_members_user ON team_members(user_id);
        CREATE UNIQUE INDEX team_members_one_leader ON team_members(team_id) WHERE position = 'leader';

        -- The office's approved exceptions to a recusal: this person may inspect this unit on this team.
        CREATE TABLE recusal_overrides (
            {RECORD_COLUMNS},
            team_id TEXT NOT NULL REFERENCES teams(id),
            user_id TEXT NOT NULL REFERENCES users(id),
            unit_id TEXT NOT NULL REFERENCES units(id),
            reason TEXT NOT NULL,
            UNIQUE (team_id, user_id, unit_id)
        );

        -- 巡察: one team at one unit in one round (round_id repeats the team's, for the unique rule).
        CREATE TABLE inspections (
            {RECORD_COLUMNS},
            round_id TEXT NOT NULL REFERENCES rounds(id),
            team_id TEXT NOT NULL REFERENCES teams(id),
            unit_id TEXT NOT NULL REFERENCES units(id),
            batch_id TEXT REFERENCES batches(id),
            phase TEXT NOT NULL DEFAULT 'preparation',
            liaison_name TEXT NOT NULL DEFAULT '',
            liaison_phone TEXT NOT NULL DEFAULT '',
            UNIQUE (round_id, unit_id)
        );
        CREATE INDEX inspections_team ON inspections(team_id);
        CREATE INDEX inspections_unit ON inspections(unit_id);

        -- The date each phase began (the current path only; moving back removes the abandoned phase).
        CREATE TABLE inspection_phases (
            {RECORD_COLUMNS},
            inspection_id TEXT NOT NULL REFERENCES inspections(id),
            phase TEXT NOT NULL,
            began_on TEXT NOT NULL,
            UNIQUE (inspection_id, phase)
        );

        -- Every phase move, forward or back, with the reason given for going back.
        CREATE TABLE phase_moves (
            {RECORD_COLUMNS},
            inspection_id TEXT NOT NULL REFERENCES inspections(id),
            from_phase TEXT NOT NULL,
            to_phase TEXT NOT NULL,
            moved_on TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX phase_moves_inspection ON phase_moves(inspection_id);
        """,
    )
