"""What the unit owes after the feedback, by the rules' deadlines (整改时限), and what it handed in.

Counted from the day the inspection entered its feedback phase (反馈), with the working-day
calendar (app.core.domain.deadlines):

- 整改方案 (the rectification plan): within 15 working days;
- 专题民主生活会 (the special democratic life meeting on the feedback): within one month;
- 整改情况报告 and the principal leader's report on organising the rectification: within two months;
- the report on progress three months on.

A received report is a record (when, a summary typed or taken from the document, the document itself
as an attachment, the measures it reports on). What is due and not received is overdue past its
date; the 整改督办 view lists the overdue ones of every visible inspection and the sign-in reminds of
those overdue or due within five working days. Recording needs case-write on the inspection
(the team, or the office); reading follows need-to-know. Audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.core.domain import _fields as f
from app.core.domain import attachments, deadlines
from app.core.domain.organisation.inspections import Phase
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.imports import Material
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session

ATTACHMENT_OWNER = "unit_report"
MAX_SUMMARY = 4000
SOON_WORKING_DAYS = 5  # the sign-in reminds of what falls due within this many working days


class ReportKind(StrEnum):
    PLAN = "plan"
    LIFE_MEETING = "life_meeting"
    SITUATION = "situation"
    LEADER = "leader"
    THREE_MONTHS = "three_months"

    @property
    def label(self) -> str:
        return KIND_RULES[self][0]


# label, and the deadline: ("working_days", n) or ("months", n) after the feedback
KIND_RULES: dict[ReportKind, tuple[str, tuple[str, int]]] = {
    ReportKind.PLAN: ("整改方案", ("working_days", deadlines.PLAN_WORKING_DAYS)),
    ReportKind.LIFE_MEETING: ("专题民主生活会情况报告", ("months", 1)),
    ReportKind.SITUATION: ("整改情况报告", ("months", 2)),
    ReportKind.LEADER: ("主要负责人组织落实整改情况报告", ("months", 2)),
    ReportKind.THREE_MONTHS: ("整改进展情况报告（三个月）", ("months", 3)),
}


@dataclass(frozen=True)
class UnitDeadline:
    inspection_id: str
    unit_name: str
    kind: ReportKind
    due: str
    estimated: bool  # counted past the holiday schedule's years
    received_on: str | None
    report_id: str | None
    overdue: bool
    soon: bool  # not received, due within SOON_WORKING_DAYS working days

    @property
    def label(self) -> str:
        return self.kind.label


@dataclass(frozen=True)
class UnitReport:
    id: str
    inspection_id: str
    kind: ReportKind
    received_on: str
    summary: str
    measure_ids: tuple[str, ...]
    attachment_ids: tuple[str, ...]


def due_dates(fed_back_on: str) -> dict[ReportKind, deadlines.Deadline]:
    """Every deadline from the feedback date."""
    out = {}
    for kind, (_label, (unit, n)) in KIND_RULES.items():
        if unit == "working_days":
            out[kind] = deadlines.working_deadline(fed_back_on, n)
        else:
            due = deadlines.add_months(fed_back_on, n)
            out[kind] = deadlines.Deadline(due, not deadlines.calendar_knows(due))
    return out


def _feedback_of(conn, inspection_id: str) -> tuple[str | None, str]:
    row = conn.execute(
        "SELECT i.id, u.name AS unit_name FROM inspections i JOIN units u ON u.id = i.unit_id WHERE i.id = ?",
        (inspection_id,),
    ).fetchone()
    if row is None:
        raise NotFound("找不到该巡察，或您不在其知悉范围内。")
    began = conn.execute(
        "SELECT began_on FROM inspection_phases WHERE inspection_id = ? AND phase = ?",
        (inspection_id, Phase.FEEDBACK.value),
    ).fetchone()
    return (began["began_on"] if began else None), row["unit_name"]


def _deadlines(conn, inspection_id: str, on: str) -> list[UnitDeadline]:
    fed_back_on, unit_name = _feedback_of(conn, inspection_id)
    if fed_back_on is None:
        return []
    received = {
        r["kind"]: r
        for r in conn.execute(
            "SELECT id, kind, received_on FROM unit_reports WHERE inspection_id = ?", (inspection_id,)
        )
    }
    out = []
    for kind, deadline in due_dates(fed_back_on).items():
        got = received.get(kind.value)
        waiting = got is None
        soon = (
            waiting
            and deadline.due >= on
            and deadlines.working_days_between(on, deadline.due) <= SOON_WORKING_DAYS
        )
        out.append(
            UnitDeadline(
                inspection_id=inspection_id,
                unit_name=unit_name,
                kind=kind,
                due=deadline.due,
                estimated=deadline.estimated,
                received_on=got["received_on"] if got else None,
                report_id=got["id"] if got else None,
                overdue=waiting and deadline.due < on,
                soon=soon,
            )
        )
    return out


def deadlines_for(session: Session, inspection_id: str, *, today: str | None = None) -> list[UnitDeadline]:
    """The inspection's deadlines after the feedback (none before it), with what was received."""
    visibility.require_case_read(session)
    visibility.require_inspection_visible(session, inspection_id)
    result = _deadlines(session.conn, inspection_id, today or deadlines.today())
    session.audit("unit_deadlines_view", "inspection", inspection_id, f"{len(result)} 项")
    return result


def overdue(session: Session, *, today: str | None = None, include_soon: bool = False) -> list[UnitDeadline]:
    """Every visible inspection's overdue deadlines (and, with include_soon, those due soon), for 整改督办."""
    visibility.require_case_read(session)
    on = today or deadlines.today()
    where, params = visibility.inspection_filter_sql(session, "p.inspection_id")
    ids = [
        r["inspection_id"]
        for r in session.conn.execute(
            f"SELECT DISTINCT p.inspection_id FROM inspection_phases p WHERE p.phase = 'feedback' AND {where}",
            params,
        )
    ]
    out = [d for i in ids for d in _deadlines(session.conn, i, on) if d.overdue or (include_soon and d.soon)]
    out.sort(key=lambda d: (d.due, d.unit_name))
    session.audit("unit_deadlines_overdue_view", "inspection", "", f"{len(out)} 项")
    return out


def reminders(session: Session, *, today: str | None = None) -> list[str]:
    """What the sign-in tells a case worker: overdue reports and those due within five working days."""
    if not (session.can(Cap.CASE_READ_ALL) or session.can(Cap.CASE_READ_TEAM)):
        return []  # the administrators: no case data, no reminder
    lines = []
    for d in overdue(session, today=today, include_soon=True):
        when = "已逾期" if d.overdue else "即将到期"
        lines.append(f"{d.unit_name}：{d.label}应于 {d.due} 前报送，{when}。")
    return lines


REMINDERS_SHOWN = 5  # the sign-in names this many; the rest as a count


def reminder_text(session: Session, *, today: str | None = None) -> str:
    """The sign-in's paragraph of reminders ('' when nothing is overdue or due soon)."""
    due = reminders(session, today=today)
    if not due:
        return ""
    lines = due[:REMINDERS_SHOWN]
    if len(due) > REMINDERS_SHOWN:
        lines.append(f"另有 {len(due) - REMINDERS_SHOWN} 项，见“整改时限与评估”及“整改督办”。")
    return "整改报送提醒：\n" + "\n".join(lines)


def record_report(
    session: Session,
    inspection_id: str,
    kind: ReportKind | str,
    received_on: str,
    summary: str = "",
    *,
    document: Material | None = None,
    measure_ids: list[str] | None = None,
) -> UnitReport:
    """Register a report the unit handed in: typed (summary) or imported (document), or both."""
    visibility.require_inspection_writable(session, inspection_id)
    kind = f.choice(ReportKind, kind, "kind", "报告类别")
    fed_back_on, _unit = _feedback_of(session.conn, inspection_id)
    if fed_back_on is None:
        raise Conflict("该巡察尚未反馈，还没有整改报告要报送。")
    received_on = f.iso_date(received_on, "received_on", "报送日期")
    if received_on < fed_back_on:
        raise ValidationError("报送日期不能早于反馈日期。", field="received_on")
    summary = f.long_text(summary, "summary", "内容摘要", required=document is None, max_len=MAX_SUMMARY)
    if not summary and document is not None:
        summary = (document.text or "").strip()[:MAX_SUMMARY]
    ids = list(dict.fromkeys(str(m) for m in measure_ids or []))
    for measure_id in ids:
        row = session.conn.execute(
            "SELECT 1 FROM rectification_measures m JOIN rectifications r ON r.id = m.rectification_id"
            " JOIN issues i ON i.id = r.issue_id WHERE m.id = ? AND i.inspection_id = ?",
            (measure_id, inspection_id),
        ).fetchone()
        if row is None:
            raise ValidationError("所选整改措施不属于本巡察。", field="measure_ids")
    if session.conn.execute(
        "SELECT 1 FROM unit_reports WHERE inspection_id = ? AND kind = ?", (inspection_id, kind.value)
    ).fetchone():
        raise Conflict(f"{kind.label}已登记。")
    values = session.record_values()
    with session.transaction() as conn:
        f.insert(
            conn,
            "unit_reports",
            {
                **values,
                "inspection_id": inspection_id,
                "kind": kind.value,
                "received_on": received_on,
                "summary": summary,
            },
        )
        for measure_id in ids:
            conn.execute(
                "INSERT INTO unit_report_measures (report_id, measure_id) VALUES (?, ?)",
                (values["id"], measure_id),
            )
        if document is not None:
            attachments.store(
                session,
                document,
                owner_type=ATTACHMENT_OWNER,
                owner_id=values["id"],
                inspection_id=inspection_id,
            )
        session.audit("unit_report_record", "inspection", inspection_id, f"{kind.label} {received_on}")
    return get_report(session, values["id"])


def reportable_measures(session: Session, inspection_id: str) -> list[tuple[str, str]]:
    """(measure id, how to name it) for every rectification measure of the inspection, for linking a
    received report to what it reports on."""
    visibility.require_case_read(session)
    visibility.require_inspection_visible(session, inspection_id)
    rows = session.conn.execute(
        "SELECT m.id, coalesce(i.number, i.title) AS issue, m.ordinal, m.description FROM rectification_measures m"
        " JOIN rectifications r ON r.id = m.rectification_id JOIN issues i ON i.id = r.issue_id"
        " WHERE i.inspection_id = ? ORDER BY i.number_sort, m.ordinal",
        (inspection_id,),
    ).fetchall()
    return [(r["id"], f"{r['issue']} 措施{r['ordinal']}：{r['description']}") for r in rows]


def get_report(session: Session, report_id: str) -> UnitReport:
    visibility.require_case_read(session)
    row = session.conn.execute(
        "SELECT id, inspection_id, kind, received_on, summary FROM unit_reports WHERE id = ?", (report_id,)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该整改报告，或您不在其知悉范围内。")
    visibility.require_inspection_visible(session, row["inspection_id"])
    measures = tuple(
        r["measure_id"]
        for r in session.conn.execute(
            "SELECT measure_id FROM unit_report_measures WHERE report_id = ? ORDER BY measure_id",
            (report_id,),
        )
    )
    files = tuple(a.id for a in attachments.list_for(session.conn, ATTACHMENT_OWNER, report_id))
    return UnitReport(
        id=row["id"],
        inspection_id=row["inspection_id"],
        kind=ReportKind(row["kind"]),
        received_on=row["received_on"],
        summary=row["summary"],
        measure_ids=measures,
        attachment_ids=files,
    )
