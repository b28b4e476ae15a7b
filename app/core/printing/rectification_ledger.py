"""The rectification ledger (整改台账): a landscape A4 table, one row per measure.

Grouped by issue in number order: the issue's number and problem on its first measure's row, then
each measure with its types, responsible leader / department / person, deadline, immediate-fix and
ongoing flags, completion, and the close-out state. Overdue rows are shaded and marked "逾期" so they
stand out in colour and in grey print alike.
"""

from __future__ import annotations

from reportlab.platypus import Spacer

from app.core.domain.register import rectification_reads
from app.core.domain.register.issue_record import Issue
from app.core.domain.register.rectification_record import Rectification, RectState
from app.core.printing import register
from app.core.printing.fonts import FontSet, default_fonts
from app.core.printing.landscape import (
    Column,
    LandscapeFurniture,
    LedgerStyles,
    body_width,
    build_landscape_pdf,
    ledger_table,
)
from app.core.printing.text import CJKParagraph
from app.core.security.roles import Cap
from app.core.session import Session

KIND = "rectification_ledger"
register.DOCUMENT_KINDS.setdefault(KIND, "整改台账")

COLUMNS = [
    Column("序号", 0.45, center=True),
    Column("问题编号", 1.75, center=True),
    Column("问题", 2.1),
    Column("整改措施", 3.0),
    Column("措施类型", 0.95, center=True),
    Column("责任领导", 0.8, center=True),
    Column("责任部门", 0.85, center=True),
    Column("责任人", 0.7, center=True),
    Column("完成时限", 1.05, center=True),
    Column("完成情况", 0.8, center=True),
    Column("销号", 1.0, center=True),
]


def _state_text(rect: Rectification) -> str:
    if rect.state == RectState.CLOSED:
        return f"已销号\n{rect.closed_on}"
    return rect.state.label


def ledger_rows(items: list[tuple[Issue, Rectification]]) -> tuple[list[list[str]], set[int]]:
    rows: list[list[str]] = []
    alerts: set[int] = set()
    for k, (issue, rect) in enumerate(items, start=1):
        measures = rect.measures or [None]
        for j, m in enumerate(measures):
            first = j == 0
            if m is None:
                cells = [
                    "（整改方案未报送）" if not rect.plan_submitted_on else "（未列措施）",
                    "",
                    "",
                    "",
                    "",
                    f"方案 {rect.plan_due_text(issue.fed_back_on)}"
                    + ("（逾期）" if rect.plan_overdue else ""),
                    rect.completion.label,
                ]
                overdue = rect.overdue
            else:
                flags = [x for x, on in (("立行立改", m.immediate), ("常态化坚持", m.ongoing)) if on]
                deadline = m.deadline + ("（逾期）" if m.overdue and rect.state != RectState.CLOSED else "")
                cells = [
                    f"{m.ordinal}. {m.description}" + (f"〔{'、'.join(flags)}〕" if flags else ""),
                    m.types_text,
                    m.responsible_leader,
                    m.responsible_dept,
                    m.responsible_person,
                    deadline,
                    m.completion.label,
                ]
                overdue = m.overdue and rect.state != RectState.CLOSED
            rows.append(
                [
                    str(k) if first else "",
                    (issue.number or "") if first else "",
                    issue.title if first else "",
                    *cells,
                    _state_text(rect) if first else "",
                ]
            )
            if overdue:
                alerts.add(len(rows) - 1)
    return rows, alerts


def render_rectification_ledger(
    items: list[tuple[Issue, Rectification]],
    *,
    heading: str,
    classification: str,
    copy_number: int | None = None,
    fonts: FontSet | None = None,
) -> bytes:
    fonts = fonts or default_fonts()
    furniture = LandscapeFurniture(
        fonts=fonts, classification=classification, copy_number=copy_number, header="整改台账"
    )
    st = LedgerStyles(fonts)
    rows, alerts = ledger_rows(items)
    closed = sum(1 for _, r in items if r.state == RectState.CLOSED)
    overdue = sum(1 for _, r in items if r.overdue)
    story = [
        CJKParagraph("整改台账", st.title),
        CJKParagraph(heading, st.subtitle),
        ledger_table(COLUMNS, rows, st, body_width(furniture), alert_rows=alerts),
        Spacer(1, 4),
        CJKParagraph(
            f"共 {len(items)} 个问题，已销号 {closed} 个，未销号 {len(items) - closed} 个，其中逾期 {overdue} 个。"
            "底色标示的为逾期未完成的措施。",
            st.note,
        ),
    ]
    return build_landscape_pdf(story, furniture, title="整改台账")


def rectification_ledger_pdf(
    session: Session,
    inspection_id: str,
    *,
    classification: str,
    copy_number: int | None = None,
    today: str | None = None,
) -> bytes:
    """The rectification ledger of one inspection (Cap.PRINT; the read is audited)."""
    session.require(Cap.PRINT)
    items = rectification_reads.list_for_inspection(session, inspection_id, today=today)
    row = session.conn.execute(
        "SELECT t.name AS team_name, u.name AS unit_name FROM inspections x JOIN teams t ON t.id = x.team_id"
        " JOIN units u ON u.id = x.unit_id"
        " WHERE x.id = ?",
        (inspection_id,),
    ).fetchone()
    heading = f"{row['unit_name']}巡察反馈问题整改台账（{row['team_name']}）"
    return render_rectification_ledger(
        items, heading=heading, classification=classification, copy_number=copy_number
    )
