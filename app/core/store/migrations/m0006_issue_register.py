"""The issue register: classification tree, issues, working papers, petitions, leads, rectification (issue 7).

Enumerations are stored as their code names (see the domain modules for the labels); sets of flags
(issue tags, measure types) as bit masks; money as whole fen (分). The register view filters and
sorts on issues at the scale of 100k rows, so every column it orders by carries an index ending in
`id` (the tie-breaker that makes paging stable).
"""

from app.core.store.migrations.common import RECORD_COLUMNS, run_script

VERSION = 6


def upgrade(conn) -> None:
    run_script(
        conn,
        f"""
        -- A classification framework (四个聚焦, 六项纪律, ...): the heading of the tree.
        CREATE TABLE classification_schemes (
            {RECORD_COLUMNS},
            key TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT 'primary',   -- primary | secondary (a tag, like 六项纪律)
            active INTEGER NOT NULL DEFAULT 1,
            sort_order INTEGER NOT NULL DEFAULT 0
        );

        -- Category (parent_id NULL) and sub-category (parent_id = a category) of a scheme.
        CREATE TABLE classification_nodes (
            {RECORD_COLUMNS},
            scheme_id TEXT NOT NULL REFERENCES classification_schemes(id),
            parent_id TEXT REFERENCES classification_nodes(id),
            name TEXT NOT NULL,
            retired INTEGER NOT NULL DEFAULT 0,
            sort_order INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX classification_nodes_scheme ON classification_nodes(scheme_id, parent_id, sort_order);

        -- 问题 and its working paper (问题底稿).
        CREATE TABLE issues (
            {RECORD_COLUMNS},
            inspection_id TEXT NOT NULL REFERENCES inspections(id),
            category_id TEXT REFERENCES classification_nodes(id),
            subcategory_id TEXT REFERENCES classification_nodes(id),
            secondary_id TEXT REFERENCES classification_nodes(id),
            tags INTEGER NOT NULL DEFAULT 0,
            level TEXT NOT NULL DEFAULT '',            -- leadership | department | ''
            title TEXT NOT NULL,
            found_by TEXT NOT NULL DEFAULT '',
            found_on TEXT NOT NULL,
            written_by TEXT NOT NULL DEFAULT '',
            written_on TEXT,
            people_count INTEGER NOT NULL DEFAULT 0,
            amount_fen INTEGER NOT NULL DEFAULT 0,
            seriousness TEXT NOT NULL DEFAULT 'general',
            reviewed_on TEXT,
            signed_by TEXT REFERENCES users(id),
            signed_on TEXT,
            number_team_id TEXT REFERENCES teams(id),
            number_seq INTEGER,
            number TEXT,                               -- [2026]3巡-2组-07号
            number_sort TEXT,                          -- year, round, team, sequence, zero-padded
            status TEXT NOT NULL DEFAULT 'found',
            status_on TEXT NOT NULL,
            dismissed_reason TEXT NOT NULL DEFAULT '',
            disposition TEXT NOT NULL DEFAULT '',      -- unit | discipline_commission | organisation_dept | other
            disposition_body TEXT NOT NULL DEFAULT '',
            fed_back_on TEXT,
            -- The earliest pending rectification deadline (plan, report, open measures); NULL when
            -- none or closed. Kept by the rectification module; overdue means rect_due < today.
            rect_due TEXT
        );
        -- Each sortable column leads an index ending in the number order and id; the grouped sorts
        -- (status, seriousness, category, unit) page through one group at a time in number order.
        CREATE INDEX issues_inspection ON issues(inspection_id, number_sort, id);
        CREATE INDEX issues_status ON issues(status, number_sort, id);
        CREATE INDEX issues_category ON issues(category_id, number_sort, id);
        CREATE INDEX issues_subcategory ON issues(subcategory_id);
        CREATE INDEX issues_seriousness ON issues(seriousness, number_sort, id);
        CREATE INDEX issues_found_on ON issues(found_on, id);
        CREATE INDEX issues_title ON issues(title, id);
        CREATE INDEX issues_number_sort ON issues(number_sort, id);
        CREATE INDEX issues_updated ON issues(updated_at, id);
        CREATE INDEX issues_rect_due ON issues(rect_due) WHERE rect_due IS NOT NULL;
        CREATE UNIQUE INDEX issues_number_unique ON issues(number_team_id, number_seq)
            WHERE number_seq IS NOT NULL;

        -- The working paper's text, one row per issue (same id), kept apart so that the register's
        -- rows stay narrow: scanning and sorting 100k issues never reads pages of prose.
        CREATE TABLE issue_papers (
            {RECORD_COLUMNS},
            facts TEXT NOT NULL DEFAULT '',
            legal_basis TEXT NOT NULL DEFAULT '',
            responsibility TEXT NOT NULL DEFAULT '',
            resp_principal TEXT NOT NULL DEFAULT '',   -- 主体责任
            resp_first TEXT NOT NULL DEFAULT '',       -- 第一责任人
            resp_leading TEXT NOT NULL DEFAULT '',     -- 主要领导责任
            resp_supervisory TEXT NOT NULL DEFAULT '', -- 监督责任
            people_involved TEXT NOT NULL DEFAULT '',
            review_opinion TEXT NOT NULL DEFAULT ''    -- 组务会审核意见
        );

        -- The numbered evidence list: links to talk records, document excerpts, petitions, ...
        CREATE TABLE issue_evidence (
            {RECORD_COLUMNS},
            issue_id TEXT NOT NULL REFERENCES issues(id),
            ordinal INTEGER NOT NULL CHECK (ordinal >= 1),
            kind TEXT NOT NULL,                        -- talk | excerpt | document | petition | other
            ref_id TEXT,
            locator TEXT NOT NULL DEFAULT '',          -- e.g. 第3页
            description TEXT NOT NULL DEFAULT '',
            UNIQUE (issue_id, ordinal)
        );
        CREATE INDEX issue_evidence_ref ON issue_evidence(kind, ref_id);

        -- Every status move, with the reason given (dismissal, reopening).
        CREATE TABLE issue_events (
            {RECORD_COLUMNS},
            issue_id TEXT NOT NULL REFERENCES issues(id),
            from_status TEXT NOT NULL,
            to_status TEXT NOT NULL,
            moved_on TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX issue_events_issue ON issue_events(issue_id);

        -- 信访: letters, calls and visits received by a team.
        CREATE TABLE petitions (
            {RECORD_COLUMNS},
            inspection_id TEXT NOT NULL REFERENCES inspections(id),
            channel TEXT NOT NULL,                     -- letter | call | visit
            received_on TEXT NOT NULL,
            petitioner TEXT NOT NULL DEFAULT '',       -- empty: anonymous
            contact TEXT NOT NULL DEFAULT '',
            concerns_name TEXT NOT NULL DEFAULT '',
            concerns_post TEXT NOT NULL DEFAULT '',
            summary TEXT NOT NULL,
            handling TEXT NOT NULL DEFAULT 'pending',  -- pending | kept | passed_on | taken_up
            handled_on TEXT,
            passed_to TEXT NOT NULL DEFAULT '',
            handling_note TEXT NOT NULL DEFAULT '',
            issue_id TEXT REFERENCES issues(id)
        );
        CREATE INDEX petitions_inspection ON petitions(inspection_id, received_on);
        CREATE INDEX petitions_issue ON petitions(issue_id);

        -- 问题线索: a possible violation by one person; leader and office only.
        CREATE TABLE leads (
            {RECORD_COLUMNS},
            inspection_id TEXT NOT NULL REFERENCES inspections(id),
            person_name TEXT NOT NULL,
            person_post TEXT NOT NULL DEFAULT '',
            summary TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT 'other',      -- petition | talk | document | other
            source_note TEXT NOT NULL DEFAULT '',
            received_on TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'registered', -- registered | transferred | reported
            transfer_to TEXT NOT NULL DEFAULT '',      -- discipline_commission | organisation_dept | other
            transfer_body TEXT NOT NULL DEFAULT '',
            sender TEXT NOT NULL DEFAULT '',
            receiver TEXT NOT NULL DEFAULT '',
            transferred_on TEXT,
            letter_no TEXT NOT NULL DEFAULT '',
            report_due TEXT,
            reported_on TEXT,
            disposal TEXT NOT NULL DEFAULT '',         -- talk_inquiry | preliminary_check | held | closed
            case_opened INTEGER NOT NULL DEFAULT 0,
            sanction TEXT NOT NULL DEFAULT '',         -- 党纪政务处分, described
            org_handling TEXT NOT NULL DEFAULT '',     -- 组织处理, described
            outcome_note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX leads_inspection ON leads(inspection_id, received_on);
        CREATE INDEX leads_report_due ON leads(report_due);

        CREATE TABLE lead_issues (
            {RECORD_COLUMNS},
            lead_id TEXT NOT NULL REFERENCES leads(id),
            issue_id TEXT NOT NULL REFERENCES issues(id),
            UNIQUE (lead_id, issue_id)
        );
        CREATE INDEX lead_issues_issue ON lead_issues(issue_id);

        -- 整改: one per issue fed back, with its deadlines, completion and the two-step close-out.
        CREATE TABLE rectifications (
            {RECORD_COLUMNS},
            issue_id TEXT NOT NULL UNIQUE REFERENCES issues(id),
            goal TEXT NOT NULL DEFAULT '',
            plan_due TEXT NOT NULL,
            plan_submitted_on TEXT,
            report_due TEXT NOT NULL,
            completion TEXT NOT NULL DEFAULT 'not_done',  -- not_done | mostly_done | done
            completion_summary TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT 'open',           -- open | unit_completed | closed
            unit_completed_on TEXT,
            closed_by TEXT REFERENCES users(id),
            closed_on TEXT,
            close_opinion TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX rectifications_state ON rectifications(state, report_due);
        CREATE INDEX rectifications_plan ON rectifications(plan_due) WHERE plan_submitted_on IS NULL;

        CREATE TABLE rectification_measures (
            {RECORD_COLUMNS},
            rectification_id TEXT NOT NULL REFERENCES rectifications(id),
            ordinal INTEGER NOT NULL CHECK (ordinal >= 1),
            description TEXT NOT NULL,
            types INTEGER NOT NULL DEFAULT 0,
            other_type TEXT NOT NULL DEFAULT '',
            responsible_leader TEXT NOT NULL DEFAULT '',
            responsible_dept TEXT NOT NULL DEFAULT '',
            responsible_person TEXT NOT NULL DEFAULT '',
            deadline TEXT NOT NULL,
            immediate INTEGER NOT NULL DEFAULT 0,         -- 立行立改
            ongoing INTEGER NOT NULL DEFAULT 0,           -- 常态化坚持
            completion TEXT NOT NULL DEFAULT 'not_done',
            completed_on TEXT,
            UNIQUE (rectification_id, ordinal)
        );
        CREATE INDEX rectification_measures_deadline ON rectification_measures(deadline)
            WHERE completion != 'done';
        CREATE INDEX rectification_measures_person ON rectification_measures(responsible_person);

        CREATE TABLE rectification_progress (
            {RECORD_COLUMNS},
            rectification_id TEXT NOT NULL REFERENCES rectifications(id),
            measure_id TEXT REFERENCES rectification_measures(id),
            entry_on TEXT NOT NULL,
            note TEXT NOT NULL
        );
        CREATE INDEX rectification_progress_rect ON rectification_progress(rectification_id, entry_on);
        -- Evidence files of a progress entry live in m0005's attachments (owner_type 'rectification_progress').

        -- Unit completion, office close-out and reopening: the trail of the 销号 decision.
        CREATE TABLE rectification_events (
            {RECORD_COLUMNS},
            rectification_id TEXT NOT NULL REFERENCES rectifications(id),
            action TEXT NOT NULL,                         -- unit_completed | closed | reopened
            acted_on TEXT NOT NULL,
            by_user TEXT REFERENCES users(id),
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX rectification_events_rect ON rectification_events(rectification_id);
        """,
    )
