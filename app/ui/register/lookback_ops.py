"""Worker jobs of the 回头看 page: the office's proposals with their inspections in words, the earlier
inspection as a look-back sees it, and the look-back's findings with how each relates to it."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.domain.organisation import inspections, terms
from app.core.domain.organisation.terms import RoundKind
from app.core.domain.register import assessment, issue_reads
from app.core.domain.register.assessment import EarlierView, Lookback, Relation
from app.core.domain.register.issue_record import IssueStatus
from app.core.session import Session


@dataclass(frozen=True)
class LookbackRow:
    lookback: Lookback
    earlier: str  # 第N轮 · 组 (the earlier inspection in words)
    scheduled: str  # the look-back inspection in words, "" while not scheduled
    candidates: tuple[tuple[str, str], ...]  # (label, inspection id): same unit, a look-back round

    @property
    def id(self) -> str:
        return self.lookback.id


def _label(ins) -> str:
    return f"第{ins.round_number}轮 · {ins.team_name} · {ins.unit_name}"


def load_lookbacks(session: Session) -> list[LookbackRow]:
    proposals = assessment.lookbacks(session)
    every = {i.id: i for i in inspections.list_inspections(session)}
    look_back_rounds = {r.id for r in terms.list_rounds(session) if r.kind == RoundKind.LOOK_BACK}
    rows = []
    for lb in proposals:
        earlier = every.get(lb.earlier_inspection_id)
        scheduled = every.get(lb.inspection_id) if lb.inspection_id else None
        candidates = tuple(
            (_label(i), i.id)
            for i in every.values()
            if i.unit_id == lb.unit_id and i.round_id in look_back_rounds and i.id != lb.earlier_inspection_id
        )
        rows.append(
            LookbackRow(
                lb, _label(earlier) if earlier else "", _label(scheduled) if scheduled else "", candidates
            )
        )
    return rows


@dataclass(frozen=True)
class Finding:
    id: str
    number: str | None
    title: str
    relation: Relation | None


@dataclass
class LookbackView:
    inspection_id: str
    earlier: EarlierView
    findings: list[Finding] = field(default_factory=list)


def load_view(session: Session, inspection_id: str) -> LookbackView:
    earlier = assessment.earlier_view(session, inspection_id)
    by = assessment.findings_by_relation(session, inspection_id)
    relation_of = {issue_id: rel for rel, ids in by.items() for issue_id in ids}
    findings = [
        Finding(i.id, i.number, i.title, relation_of.get(i.id))
        for i in issue_reads.list_issues(session, inspection_id)
        if i.status != IssueStatus.DISMISSED
    ]
    return LookbackView(inspection_id, earlier, findings)


def schedule(session: Session, lookback_id: str, inspection_id: str) -> list[LookbackRow]:
    assessment.schedule_lookback(session, lookback_id, inspection_id)
    return load_lookbacks(session)


def link(session: Session, inspection_id: str, issue_id: str, choice) -> LookbackView:
    relation, earlier_issue_id = choice if choice else (None, None)
    assessment.link_finding(session, issue_id, relation or "", earlier_issue_id)
    return load_view(session, inspection_id)


def template_text(session: Session) -> str:
    """The office's template (the stored built-in one, or the built-in text when none is stored)."""
    found = assessment.stored_templates(session)
    return found[0][1] if found else assessment.builtin_template_text()
