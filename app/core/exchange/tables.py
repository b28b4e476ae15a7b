"""Which tables a hand-in carries, in the order they are written (parents first), and their scope.

Each table is named with its key columns (the record's UUID `id` for most; two link tables have a
composite key), the rows of one team it holds (`scope`: SQL over the team's id, `:team`), the
columns that stay local to each workstation (a talk's search-index number, a sealed column: the
sealed fields travel opened, inside the encrypted package, and are sealed again on arrival in the
receiver's own compartment) and which kind of record it counts as in the review.

Unsigned drafts never leave: a talk still a draft is not in scope, nor anything hanging off it, nor
the form drafts (which are no record table at all).
"""

from __future__ import annotations

from dataclasses import dataclass

INS = "inspection_id IN (SELECT id FROM inspections WHERE team_id = :team)"
TALKS = f"SELECT id FROM talks WHERE {INS} AND status != 'draft'"
ITEMS = f"SELECT id FROM request_items WHERE {INS}"
ISSUES = f"SELECT id FROM issues WHERE {INS}"
RECTS = f"SELECT id FROM rectifications WHERE issue_id IN ({ISSUES})"
LEADS = f"SELECT id FROM leads WHERE {INS}"
MEETINGS = f"SELECT id FROM meetings WHERE {INS}"
PLAN_LINES = f"SELECT id FROM talk_plan_lines WHERE {INS}"
EVAL_ROUNDS = f"SELECT id FROM eval_rounds WHERE {INS}"
EVAL_SHEETS = f"SELECT id FROM eval_sheets WHERE {INS}"
EVAL_SCANS = f"SELECT id FROM eval_scans WHERE {INS}"
FACT_SHEETS = f"SELECT id FROM fact_sheets WHERE {INS}"
UNIT_REPORTS = f"SELECT id FROM unit_reports WHERE {INS}"
BRIEFING_REQUESTS = f"SELECT id FROM briefing_requests WHERE {INS}"


@dataclass(frozen=True)
class TableSpec:
    name: str
    scope: str
    kind: str  # the review's kind: talk, document, issue, lead, rectification, attachment, other
    key: tuple[str, ...] = ("id",)
    local: tuple[str, ...] = ()
    sealed: str = ""  # the compartment kind whose fields this table seals ('' for none)
    sealed_if: str = ""  # a column that must be true for a row to be sealed ('' for every row)

    def where(self) -> str:
        return self.scope


HAND_IN: tuple[TableSpec, ...] = (
    TableSpec("inspections", "team_id = :team", "other"),
    TableSpec("inspection_phases", INS, "other"),
    TableSpec("phase_moves", INS, "other"),
    TableSpec("talk_plan_lines", INS, "other"),  # before the talks held from them (talks.plan_line_id)
    TableSpec("talk_plan_interviewers", f"line_id IN ({PLAN_LINES})", "other", key=("line_id", "user_id")),
    TableSpec("talks", f"{INS} AND status != 'draft'", "talk", local=("doc_no",)),
    TableSpec("talk_interviewers", f"talk_id IN ({TALKS})", "talk", key=("talk_id", "user_id")),
    TableSpec("talk_addenda", f"talk_id IN ({TALKS})", "talk"),
    TableSpec("talk_scans", f"talk_id IN ({TALKS})", "talk"),
    TableSpec("request_items", INS, "document"),
    TableSpec("custody_events", f"item_id IN ({ITEMS})", "document"),
    TableSpec("readings", f"item_id IN ({ITEMS})", "document"),
    TableSpec("attachments", INS, "attachment"),
    TableSpec(
        "attachment_blobs",
        f"attachment_id IN (SELECT id FROM attachments WHERE {INS})",
        "attachment",
        key=("attachment_id",),
    ),
    TableSpec("excerpts", INS, "document"),
    TableSpec("petitions", INS, "other", local=("sealed",), sealed="informants"),
    TableSpec("issues", INS, "issue"),
    TableSpec("issue_papers", f"id IN ({ISSUES})", "issue"),
    TableSpec("issue_evidence", f"issue_id IN ({ISSUES})", "issue"),
    TableSpec("issue_events", f"issue_id IN ({ISSUES})", "issue"),
    TableSpec("leads", INS, "lead", local=("sealed",), sealed="leads"),
    TableSpec("lead_issues", f"lead_id IN ({LEADS})", "lead"),
    TableSpec("rectifications", f"issue_id IN ({ISSUES})", "rectification"),
    TableSpec("rectification_measures", f"rectification_id IN ({RECTS})", "rectification"),
    TableSpec("rectification_progress", f"rectification_id IN ({RECTS})", "rectification"),
    TableSpec("rectification_events", f"rectification_id IN ({RECTS})", "rectification"),
    # The sign-off trail and the unit's fact confirmation (issue 22); the unit's reports by the deadlines.
    TableSpec("paper_steps", f"issue_id IN ({ISSUES})", "issue"),
    TableSpec("fact_sheets", INS, "issue"),
    TableSpec("fact_items", f"sheet_id IN ({FACT_SHEETS})", "issue"),
    TableSpec("unit_reports", INS, "rectification"),
    TableSpec(
        "unit_report_measures",
        f"report_id IN ({UNIT_REPORTS})",
        "rectification",
        key=("report_id", "measure_id"),
    ),
    # Meetings (issue 20) and the democratic evaluation's rounds, forms and scans (issue 21).
    TableSpec("meetings", INS, "other"),
    TableSpec("meeting_attendees", f"meeting_id IN ({MEETINGS})", "other", key=("meeting_id", "sort_order")),
    TableSpec("eval_surveys", INS, "other"),
    TableSpec("eval_rounds", INS, "other"),
    TableSpec("eval_serials", f"round_id IN ({EVAL_ROUNDS})", "other", key=("round_id", "serial")),
    TableSpec("eval_sheets", INS, "other"),
    TableSpec("eval_answers", f"sheet_id IN ({EVAL_SHEETS})", "other", key=("sheet_id", "item_key")),
    TableSpec("eval_entries", f"sheet_id IN ({EVAL_SHEETS})", "other"),
    TableSpec("eval_scans", INS, "attachment"),
    TableSpec("eval_pages", f"scan_id IN ({EVAL_SCANS})", "attachment"),
    TableSpec(
        "eval_marks", f"sheet_id IN ({EVAL_SHEETS})", "other", key=("sheet_id", "item_key", "option_key")
    ),
    TableSpec("eval_reviews", f"sheet_id IN ({EVAL_SHEETS})", "other", key=("sheet_id", "item_key")),
    # issue 20: the briefings before entry (their lead-like items sealed with the leads), the work
    # plan's versions, the team log's free entries.
    TableSpec("briefing_requests", INS, "other"),
    TableSpec(
        "briefing_items",
        f"request_id IN ({BRIEFING_REQUESTS})",
        "other",
        local=("sealed",),
        sealed="leads",
        sealed_if="is_lead",
    ),
    TableSpec("work_plans", INS, "other"),
    TableSpec("team_log_entries", INS, "other"),
    # issue 20: visits and the fixes on the spot (their files travel with `attachments` above).
    TableSpec("visits", INS, "other"),
    TableSpec("spot_checks", INS, "lead", local=("sealed",), sealed="leads"),
    TableSpec("immediate_fixes", f"issue_id IN ({ISSUES})", "rectification"),
)
BY_NAME: dict[str, TableSpec] = {t.name: t for t in HAND_IN}

# Tables with an inspection's rows that stay on the office's workstation: the office's own acts on
# the unit (the assessment, the look-back), its official documents and print register, and the
# indexes and counters each workstation keeps for itself.
OFFICE_ONLY = frozenset(
    {
        "assessments",
        "assessment_scores",
        "lookbacks",
        "lookback_links",
        "fact_overrides",
        "official_documents",
        "official_versions",
        "print_register",
        "print_copies",
        "seal_uses",
        "sheet_exports",
        "compartments",
        "recusal_overrides",
        "custody_overrides",
        "sheet_imports",  # the office's register of Excel imports
        "excerpt_numbers",  # each workstation's own counter
        "search_entries",  # the search index, rebuilt on arrival
        "archives",  # 立卷归档 is the office's, after the team has handed in
    }
)
KIND_LABELS = {
    "talk": "谈话记录",
    "document": "调阅资料",
    "issue": "问题底稿",
    "lead": "问题线索",
    "rectification": "整改",
    "attachment": "附件",
    "other": "其他",
}


def record_id(spec: TableSpec, row: dict) -> str:
    return "|".join(str(row[k]) for k in spec.key)


def key_clause(spec: TableSpec) -> str:
    return " AND ".join(f"{k} = ?" for k in spec.key)


def key_values(spec: TableSpec, row: dict) -> tuple:
    return tuple(row[k] for k in spec.key)


def columns(conn, table: str) -> list[str]:
    return [r["name"] for r in conn.execute(f"PRAGMA table_info({table})")]
