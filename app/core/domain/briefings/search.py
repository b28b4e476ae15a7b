"""Searching briefings: every term must occur in an item's content, source or category (or in its
request's department and matters). An inspection holds tens of items, so the search reads the visible
ones and matches in memory, folded like the indexed searches; a lead-like item is found only by those
who may know leads. Audited with the number of hits only."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.domain.briefings.queries import visible_requests
from app.core.domain.review.search import cut_snippet, find_spans, parse_terms
from app.core.session import Session
from app.core.store.text_fold import fold


@dataclass
class BriefingHit:
    item_id: str
    request_id: str
    reference: str
    snippet: str
    marks: list[tuple[int, int]] = field(default_factory=list)


def search_items(session: Session, query: str, inspection_id: str, *, limit: int = 50) -> list[BriefingHit]:
    terms = parse_terms(query)
    hits: list[BriefingHit] = []
    for request in visible_requests(session, inspection_id):
        for item in request.items:
            body = "\n".join(p for p in (item.content, item.source, item.category, request.department) if p)
            if not all(t in fold(body) for t in terms):
                continue
            snippet, spots = cut_snippet(body, find_spans(body, terms))
            hits.append(BriefingHit(item.id, request.id, item.reference, snippet, spots))
            if len(hits) >= max(1, min(int(limit), 1000)):
                break
    session.audit("briefings_search", "inspection", inspection_id, f"命中 {len(hits)} 条")
    return hits
