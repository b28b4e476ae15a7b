"""The issue list (问题清单): a landscape A4 table of an inspection's findings.

One row per issue not dismissed, in number order: number, classification, the problem (title), the
people and money involved, seriousness, status, disposition. The header row repeats on every page;
every page carries the copy number, classification mark and "第 X 页 共 Y 页".
"""

from __future__ import annotations

from reportlab.platypus import Spacer

from app.core.domain.register import issue_reads, issue_record
from app.core.domain.register.issue_record import Issue, IssueStatus
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

KIND = "issue_list"
register.DOCUMENT_KINDS.setdefault(KIND, "问题清单")

COLUMNS = [
    Column("序号", 0.45, center=True),
    Column("问题编号", 1.6, center=True),
    Column("问题类别", 2.6),
    Column("问题表述", 3.6),
    Column("涉及人员/金额", 1.2),
    Column("严重程度", 0.8, center=True),
    Column("状态", 0.8, center=True),
    Column("处置方式", 1.2, center=True),
]


def classification_cell(issue: Issue) -> str:
    """'类别（子类）' — the printed fonts lack '›', and the parenthesis reads naturally."""
    if not issue.category_name:
        return "未分类"
    return issue.category_name + (f"（{issue.subcategory_name}）" if issue.subcategory_name else "")


def money_text(fen: int) -> str:
    """12600000 fen -> '12.6万元'; small sums in 元."""
    if not fen:
        return ""
    yuan = fen / 100
    if yuan >= 10_000:
        return f"{yuan / 10_000:,.2f}".rstrip("0").rstrip(".") + "万元"
    return f"{yuan:,.2f}".rstrip("0").rstrip(".") + "元"


def involved_text(issue: Issue) -> str:
    parts = []
    if issue.people_count:
        parts.append(f"{issue.people_count}人")
    if issue.amount_fen:
        parts.append(money_text(issue.amount_fen))
    return "，".join(parts)


def issue_row(k: int, issue: Issue) -> list[str]:
    tags = "、".join(t.label for t in issue_record.IssueTag if t in issue.tags)
    title = issue.title + (f"（{tags}）" if tags else "")
    return [
        str(k),
        issue.number or "（未编号）",
        classification_cell(issue),
        title,
        involved_text(issue),
        issue.seriousness.label,
        issue.status.label,
        issue.disposition.label,
    ]


def render_issue_list(
    rows: list[Issue],
    *,
    heading: str,
    classification: str,
    copy_number: int | None = None,
    fonts: FontSet | None = None,
) -> bytes:
    """PDF bytes of the issue list; `heading` names the inspection (e.g. '第一巡察组巡察市教育局党组')."""
    fonts = fonts or default_fonts()
    furniture = LandscapeFurniture(
        fonts=fonts, classification=classification, copy_number=copy_number, header="问题清单"
    )
    st = LedgerStyles(fonts)
    width = body_width(furniture)
    story = [
        CJKParagraph("问题清单", st.title),
        CJKParagraph(heading, st.subtitle),
        ledger_table(COLUMNS, [issue_row(k, i) for k, i in enumerate(rows, start=1)], st, width),
        Spacer(1, 4),
        CJKParagraph(f"共 {len(rows)} 个问题。", st.note),
    ]
    return build_landscape_pdf(story, furniture, title="问题清单")


def issue_list_pdf(
    session: Session, inspection_id: str, *, classification: str, copy_number: int | None = None
) -> bytes:
    """The issue list of one inspection (Cap.PRINT; reading the issues is audited).

    The caller registers the copy first (printing.register.register_print with kind 'issue_list'
    and the inspection id) and passes its copy number; None renders an unnumbered preview.
    """
    session.require(Cap.PRINT)
    rows = [i for i in issue_reads.list_issues(session, inspection_id) if i.status != IssueStatus.DISMISSED]
    heading = f"{rows[0].team_name}巡察{rows[0].unit_name}" if rows else _heading(session, inspection_id)
    return render_issue_list(rows, heading=heading, classification=classification, copy_number=copy_number)


def _heading(session: Session, inspection_id: str) -> str:
    row = session.conn.execute(
        "SELECT t.name AS team_name, u.name AS unit_name FROM inspections x JOIN teams t ON t.id = x.team_id"
        " JOIN units u ON u.id = x.unit_id"
        " WHERE x.id = ?",
        (inspection_id,),
    ).fetchone()
    return f"{row['team_name']}巡察{row['unit_name']}" if row else ""
