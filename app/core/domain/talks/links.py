"""The issues a talk gave rise to (由本次谈话形成的问题): issues whose evidence list cites the talk.

Need to know: the talk must be visible (NotFound otherwise, exactly like a missing one), and only
issues of the talk's own inspection that the session may see are listed — a stray link from an
issue elsewhere (another inspection, another team) never reveals that issue. The look-up is audited
as a view, with ids and counts only.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.domain.register.evidence import EvidenceKind
from app.core.domain.register.issue_record import IssueStatus
from app.core.domain.talks.queries import visible_row
from app.core.security import visibility
from app.core.session import Session

UNNUMBERED = "未编号"


@dataclass(frozen=True)
class LinkedIssue:
    id: str
    number: str  # the signed number, or 未编号
    title: str
    status: IssueStatus
    evidence: str  # where the talk is cited: "证据2" (several: "证据1、3")

    @property
    def status_label(self) -> str:
        return self.status.label


def issues_from_talk(session: Session, talk_id: str) -> list[LinkedIssue]:
    """The visible issues of the talk's inspection whose evidence cites this talk, by number."""
    inspection_id = visible_row(session, talk_id)["inspection_id"]  # NotFound for a talk out of reach
    where, params = visibility.inspection_filter_sql(session, "i.inspection_id")
    rows = session.conn.execute(
        "SELECT i.id, i.number, i.title, i.status,"
        " (SELECT group_concat(ordinal, '、') FROM (SELECT e2.ordinal FROM issue_evidence e2"
        "   WHERE e2.issue_id = i.id AND e2.kind = ? AND e2.ref_id = ? ORDER BY e2.ordinal)) AS ordinals"
        " FROM issues i"
        " WHERE i.inspection_id = ? AND " + where + " AND EXISTS (SELECT 1 FROM issue_evidence e"
        "   WHERE e.issue_id = i.id AND e.kind = ? AND e.ref_id = ?)"
        " ORDER BY i.number_sort, i.id",
        (EvidenceKind.TALK.value, talk_id, inspection_id, *params, EvidenceKind.TALK.value, talk_id),
    ).fetchall()
    result = [
        LinkedIssue(
            id=r["id"],
            number=r["number"] or UNNUMBERED,
            title=r["title"],
            status=IssueStatus(r["status"]),
            evidence=f"证据{r['ordinals']}",
        )
        for r in rows
    ]
    session.audit("talk_issues_view", "talk", talk_id, f"{len(result)} 个问题")
    return result
