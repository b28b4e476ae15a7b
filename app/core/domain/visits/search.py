"""Searching visits: every term must occur in the place, the visited party, the people or the
observations (folded like the indexed searches), with snippets; need to know applies and the search
is audited with the number of hits only."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.domain.review.search import cut_snippet, find_spans, parse_terms
from app.core.domain.visits.records import visible_visits
from app.core.domain.visits.types import Visit
from app.core.session import Session
from app.core.store.text_fold import fold


@dataclass
class VisitHit:
    visit_id: str
    inspection_id: str
    number: int
    visited_on: str
    snippet: str
    marks: list[tuple[int, int]] = field(default_factory=list)


def searchable_text(visit: Visit) -> str:
    parts = [visit.kind.label, visit.place, visit.visited, *visit.members, *visit.met, visit.observations]
    return "\n".join(p for p in parts if p)


def search_visits(
    session: Session, query: str, *, inspection_id: str | None = None, limit: int = 50
) -> list[VisitHit]:
    """Visible visits containing every term, newest first, at most `limit`; audited (hits only)."""
    terms = parse_terms(query)
    hits: list[VisitHit] = []
    for v in visible_visits(session, inspection_id):
        body = searchable_text(v)
        if not all(t in fold(body) for t in terms):
            continue
        snippet, spots = cut_snippet(body, find_spans(body, terms))
        hits.append(VisitHit(v.id, v.inspection_id, v.number, v.visited_on, snippet, spots))
        if len(hits) >= max(1, min(int(limit), 1000)):
            break
    session.audit("visits_search", "inspection", inspection_id or "", f"命中 {len(hits)} 条")
    return hits
