"""Searching meetings: every term must occur in the title, place, chair, attendees, agenda or minutes.

An inspection holds tens of meetings, not thousands, so the search reads the visible meetings and
matches in memory (folded like the indexed searches: 問題 finds 问题), with the review search's term
parsing and snippets. Need to know applies; the search is audited with the number of hits only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from app.core.domain.meetings.queries import visible_meetings
from app.core.domain.meetings.types import MeetingKind
from app.core.domain.review.search import cut_snippet, find_spans, parse_terms
from app.core.session import Session
from app.core.store.text_fold import fold


@dataclass
class MeetingHit:
    meeting_id: str
    inspection_id: str
    number: int
    kind: MeetingKind
    held_on: str
    snippet: str
    marks: list[tuple[int, int]] = field(default_factory=list)

    def marked(self, before: str = "【", after: str = "】") -> str:
        out, pos = [], 0
        for start, end in self.marks:
            out += [self.snippet[pos:start], before, self.snippet[start:end], after]
            pos = end
        out.append(self.snippet[pos:])
        return "".join(out)


def searchable_text(row, attendees: list[str]) -> str:
    parts = [row["title"], MeetingKind(row["kind"]).label, row["place"], row["chair"], row["recorder"]]
    parts += attendees
    parts += json.loads(row["agenda"])
    parts.append(row["minutes"])
    return "\n".join(p for p in parts if p)


def search_meetings(
    session: Session, query: str, *, inspection_id: str | None = None, limit: int = 50
) -> list[MeetingHit]:
    """Visible meetings containing every term, newest first, at most `limit`; audited (hits only)."""
    terms = parse_terms(query)
    rows = visible_meetings(session, inspection_id)
    names: dict[str, list[str]] = {}
    if rows:
        marks = ",".join("?" for _ in rows)
        for r in session.conn.execute(
            f"SELECT meeting_id, name, position FROM meeting_attendees WHERE meeting_id IN ({marks})"
            " ORDER BY sort_order",
            [r["id"] for r in rows],
        ):
            names.setdefault(r["meeting_id"], []).append(f"{r['name']} {r['position']}".strip())
    hits: list[MeetingHit] = []
    for r in rows:
        body = searchable_text(r, names.get(r["id"], []))
        folded = fold(body)
        if not all(t in folded for t in terms):
            continue
        spans = find_spans(body, terms)
        snippet, spots = cut_snippet(body, spans)
        hits.append(
            MeetingHit(
                r["id"], r["inspection_id"], r["number"], MeetingKind(r["kind"]), r["held_on"], snippet, spots
            )
        )
        if len(hits) >= max(1, min(int(limit), 1000)):
            break
    session.audit("meetings_search", "inspection", inspection_id or "", f"命中 {len(hits)} 条")
    return hits
