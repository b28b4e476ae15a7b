"""The figures the office reports (统计), always computed from the records, never typed in.

For any scope — a term, a round, a team, a unit or one inspection — and limited to what the session
may see: problems found (by category), dismissed, fed back and transferred; leads transferred, cases
opened, sanctions and organisational handling (only for sessions allowed to know of leads: the office
and, for their own teams, leaders); rectification items done / open / overdue and the close-out rate;
units covered (and, for the office, all units in the directory).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.domain import deadlines
from app.core.domain.register.issue_record import IssueTag
from app.core.domain.register.leads import Lead, LeadStatus, TransferTarget, lead_filter_sql
from app.core.security import compartments, visibility
from app.core.security.compartment_keys import LEADS
from app.core.security.roles import Cap
from app.core.session import Session


@dataclass(frozen=True)
class Scope:
    """Narrow the figures; all None means everything the session may see."""

    term_id: str | None = None
    round_id: str | None = None
    team_id: str | None = None
    unit_id: str | None = None
    inspection_id: str | None = None


@dataclass
class CategoryCount:
    scheme_name: str
    category_id: str | None  # None: not yet classified
    category_name: str
    count: int


@dataclass
class LeadFigures:
    total: int = 0
    transferred: int = 0
    to_discipline_commission: int = 0
    to_organisation_dept: int = 0
    to_other: int = 0
    reported: int = 0
    overdue: int = 0
    cases_opened: int = 0
    sanctions: int = 0
    organisational_handling: int = 0


@dataclass
class Figures:
    scope: Scope
    today: str
    inspections: int = 0
    units_covered: int = 0
    units_total: int | None = None  # the whole directory; None for sessions that may not see it
    issues_found: int = 0  # every issue not dismissed
    issues_dismissed: int = 0
    issues_fed_back: int = 0  # fed back to the unit
    issues_transferred: int = 0  # transferred to another body
    issues_closed_out: int = 0
    immediate_fixes: int = 0  # issues tagged 立行立改 (not dismissed), counted apart
    immediate_fixes_done: int = 0  # of those, the ones whose fix (what, when, proof) is recorded
    by_status: dict[str, int] = field(default_factory=dict)
    by_category: list[CategoryCount] = field(default_factory=list)
    leads: LeadFigures | None = None  # None: this session may not know of leads
    rectification_items: int = 0
    rectification_done: int = 0  # closed out (销号)
    rectification_open: int = 0
    rectification_overdue: int = 0
    measures_total: int = 0
    measures_done: int = 0
    measures_overdue: int = 0
    rectification_reopened: int = 0  # items reopened after a close-out (or a 回头看's rebound)
    grades: dict[str, int] = field(default_factory=dict)  # concluded 整改成效评估 by grade (好/较好/一般/差)

    @property
    def close_out_rate(self) -> float:
        """Closed-out rectification items over all items (0.0 when there are none)."""
        return self.rectification_done / self.rectification_items if self.rectification_items else 0.0

    @property
    def coverage_rate(self) -> float | None:
        if not self.units_total:
            return None
        return self.units_covered / self.units_total


def _scope_sql(session: Session, scope: Scope) -> tuple[str, list]:
    """A subquery of the inspection ids in scope and visible to the session."""
    vis, vis_params = visibility.inspection_filter_sql(session, "x.id")
    clauses, params = [vis], list(vis_params)
    for value, clause in (
        (scope.term_id, "x.round_id IN (SELECT id FROM rounds WHERE term_id = ?)"),
        (scope.round_id, "x.round_id = ?"),
        (scope.team_id, "x.team_id = ?"),
        (scope.unit_id, "x.unit_id = ?"),
        (scope.inspection_id, "x.id = ?"),
    ):
        if value:
            clauses.append(clause)
            params.append(value)
    return f"SELECT x.id FROM inspections x WHERE {' AND '.join(clauses)}", params


def compute(session: Session, scope: Scope | None = None, *, today: str | None = None) -> Figures:
    """The figures for `scope` as of `today` (default: the current date). Audited as a view."""
    scope = scope or Scope()
    on = today or deadlines.today()
    sub, params = _scope_sql(session, scope)
    conn = session.conn
    fig = Figures(scope=scope, today=on)

    def one(sql: str, extra: list | tuple = ()) -> int:
        return int(conn.execute(sql, [*params, *extra]).fetchone()[0] or 0)

    fig.inspections = one(f"SELECT count(*) FROM ({sub})")
    fig.units_covered = one(f"SELECT count(DISTINCT unit_id) FROM inspections WHERE id IN ({sub})")
    if session.can(Cap.CASE_READ_ALL):
        fig.units_total = int(conn.execute("SELECT count(*) FROM units").fetchone()[0])

    for r in conn.execute(
        f"SELECT status, count(*) AS n FROM issues WHERE inspection_id IN ({sub}) GROUP BY status", params
    ):
        fig.by_status[r["status"]] = int(r["n"])
    fig.issues_dismissed = fig.by_status.get("dismissed", 0)
    fig.issues_found = sum(fig.by_status.values()) - fig.issues_dismissed
    fig.issues_closed_out = fig.by_status.get("closed_out", 0)
    fig.issues_fed_back = one(
        f"SELECT count(*) FROM issues WHERE inspection_id IN ({sub}) AND disposition = 'unit' AND status != 'dismissed'"
    )
    fig.issues_transferred = one(
        f"SELECT count(*) FROM issues WHERE inspection_id IN ({sub})"
        " AND disposition IN ('discipline_commission', 'organisation_dept', 'other') AND status != 'dismissed'"
    )
    immediate = (
        f"SELECT id FROM issues WHERE inspection_id IN ({sub}) AND status != 'dismissed' AND (tags & ?) != 0"
    )
    fig.immediate_fixes = one(f"SELECT count(*) FROM ({immediate})", [IssueTag.IMMEDIATE_FIX.bit])
    fig.immediate_fixes_done = one(
        f"SELECT count(*) FROM immediate_fixes WHERE issue_id IN ({immediate})", [IssueTag.IMMEDIATE_FIX.bit]
    )
    rows = conn.execute(
        "SELECT coalesce(s.name, '') AS scheme_name, i.category_id, coalesce(c.name, '') AS category_name,"
        " count(*) AS n"
        " FROM issues i LEFT JOIN classification_nodes c ON c.id = i.category_id"
        " LEFT JOIN classification_schemes s ON s.id = c.scheme_id"
        f" WHERE i.inspection_id IN ({sub}) AND i.status != 'dismissed'"
        " GROUP BY i.category_id ORDER BY s.sort_order, c.sort_order",
        params,
    ).fetchall()
    fig.by_category = [
        CategoryCount(
            scheme_name=r["scheme_name"],
            category_id=r["category_id"],
            category_name=r["category_name"] or "未分类",
            count=int(r["n"]),
        )
        for r in rows
    ]

    if session.can(Cap.LEADS_READ):
        fig.leads = _lead_figures(session, sub, params, on)

    rect = f"SELECT r.id FROM rectifications r JOIN issues i ON i.id = r.issue_id WHERE i.inspection_id IN ({sub})"
    fig.rectification_items = one(f"SELECT count(*) FROM ({rect})")
    fig.rectification_done = one(
        f"SELECT count(*) FROM rectifications WHERE id IN ({rect}) AND state = 'closed'"
    )
    fig.rectification_open = fig.rectification_items - fig.rectification_done
    fig.rectification_overdue = one(
        f"SELECT count(*) FROM issues WHERE inspection_id IN ({sub}) AND rect_due < ?", [on]
    )
    fig.measures_total = one(
        f"SELECT count(*) FROM rectification_measures WHERE rectification_id IN ({rect})"
    )
    fig.measures_done = one(
        f"SELECT count(*) FROM rectification_measures WHERE rectification_id IN ({rect}) AND completion = 'done'"
    )
    fig.measures_overdue = one(
        "SELECT count(*) FROM rectification_measures m JOIN rectifications r ON r.id = m.rectification_id"
        f" WHERE r.id IN ({rect}) AND r.state != 'closed' AND m.completion != 'done' AND m.deadline < ?",
        [on],
    )
    fig.rectification_reopened = one(
        f"SELECT count(DISTINCT rectification_id) FROM rectification_events WHERE rectification_id IN ({rect})"
        " AND action = 'reopened'"
    )
    for r in conn.execute(
        f"SELECT grade, count(*) AS n FROM assessments WHERE inspection_id IN ({sub}) AND assessed_on IS NOT NULL"
        " GROUP BY grade",
        params,
    ):
        fig.grades[r["grade"]] = int(r["n"])
    session.audit("figures_view", "figures", "", _scope_summary(scope))
    return fig


def _lead_figures(session: Session, sub: str, params: list, on: str) -> LeadFigures:
    """Counted in memory over the decrypted leads: what they were transferred to and what came of
    them is sealed in the leads' compartments (app.core.security.compartments)."""
    where, lead_params = lead_filter_sql(session)
    rows = session.conn.execute(
        f"SELECT {Lead.COLUMNS} FROM {Lead.FROM} WHERE l.inspection_id IN ({sub}) AND {where}",
        [*params, *lead_params],
    ).fetchall()
    keys = compartments.keys_for(session, LEADS)
    found = [Lead.from_row(r, on, keys) for r in rows]
    reg = LeadStatus.REGISTERED
    return LeadFigures(
        total=len(found),
        transferred=sum(x.status != reg for x in found),
        to_discipline_commission=sum(x.transfer_to == TransferTarget.DISCIPLINE_COMMISSION for x in found),
        to_organisation_dept=sum(x.transfer_to == TransferTarget.ORGANISATION_DEPT for x in found),
        to_other=sum(x.transfer_to == TransferTarget.OTHER for x in found),
        reported=sum(x.status == LeadStatus.REPORTED for x in found),
        overdue=sum(
            x.status == LeadStatus.TRANSFERRED and bool(x.report_due) and x.report_due < on for x in found
        ),
        cases_opened=sum(x.case_opened for x in found),
        sanctions=sum(x.sanction != "" for x in found),
        organisational_handling=sum(x.org_handling != "" for x in found),
    )


def _scope_summary(scope: Scope) -> str:
    parts = [f"{k} {v}" for k, v in scope.__dict__.items() if v]
    return ", ".join(parts) or "all"
