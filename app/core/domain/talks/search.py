"""Searching talks: every term must occur in the interviewee, outline, record, key points or addenda.

Terms of three or more characters use the trigram index (any substring), two-character terms the
bigram index (every adjacent pair of letters/digits), as in the review search (review/search.py,
whose term parsing, folding and snippets are shared: 問題 finds 问题, NUL and quotes are harmless).
Need to know applies; the search is audited with the number of hits only (the terms may be names).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from app.core.domain.review.search import cut_snippet, find_spans, index_clauses, parse_terms, phrase
from app.core.domain.talks.index import search_body
from app.core.domain.talks.types import TalkStatus
from app.core.security import visibility
from app.core.session import Session

TRIGRAM_PHRASE_MAX = 5  # up to this length a term is one exact phrase of its (at most 3) trigrams
OVERFETCH = 20


@dataclass
class TalkHit:
    talk_id: str
    inspection_id: str
    number: int
    interviewee_name: str
    start_at: str
    status: TalkStatus
    snippet: str
    marks: list[tuple[int, int]] = field(default_factory=list)  # [start, end) in snippet, to highlight
    occurrences: int = 0

    def marked(self, before: str = "【", after: str = "】") -> str:
        """The snippet with each marked range wrapped, e.g. for a plain-text list or a test."""
        out, pos = [], 0
        for start, end in self.marks:
            out += [self.snippet[pos:start], before, self.snippet[start:end], after]
            pos = end
        out.append(self.snippet[pos:])
        return "".join(out)


def _trigram_query(term: str) -> str:
    """The trigram MATCH for one term.

    A phrase of n characters is n-2 trigrams whose positions FTS5 must line up; for long phrases
    that dominates the search. Trigrams at 0, 3, 6, … and the last one already cover every
    character, so longer terms ask for those (AND, no positions), and search_talks keeps only the
    talks whose text really contains the term: the rare talk that has the pieces apart is dropped.
    """
    if len(term) <= TRIGRAM_PHRASE_MAX:
        return phrase(term)
    starts = sorted({*range(0, len(term) - 2, 3), len(term) - 3})
    return "(" + " AND ".join(phrase(term[k : k + 3]) for k in starts) + ")"


def search_talks(
    session: Session, query: str, *, inspection_id: str | None = None, limit: int = 50
) -> list[TalkHit]:
    """Talks whose outline, record, key points, addenda or interviewee contain every term.

    Newest first, at most `limit`; each hit has a snippet with the ranges to mark. Audited with the
    number of hits only (the terms may be names).
    """
    terms = parse_terms(query)
    where, params = visibility.inspection_filter_sql(session, "t.inspection_id")
    level, levels = visibility.clearance_filter_sql(session, "t.classification")
    where, params = f"{where} AND {level}", (*params, *levels)
    # First the page of ids (the covering index talks_search_order: no long text is read), then
    # the page's text in one query, its addenda in another.
    sql = f"SELECT t.id FROM talks t INDEXED BY talks_search_order WHERE {where}"
    args: list = [*params]
    if inspection_id:
        visibility.require_inspection_visible(session, inspection_id)
        sql += " AND t.inspection_id = ?"
        args.append(inspection_id)
    long_terms = [t for t in terms if len(t) >= 3]
    clauses, clause_args = index_clauses("t.doc_no", "talk_trigram", "talk_bigram", terms, _trigram_query)
    sql += clauses
    args += clause_args
    sql += " ORDER BY t.start_at DESC, t.number DESC LIMIT ?"
    limit = max(1, min(int(limit), 1000))
    # Long terms are matched loosely (see _trigram_query) and checked exactly below: fetch a few extra.
    args.append(limit + (OVERFETCH if any(len(t) > TRIGRAM_PHRASE_MAX for t in long_terms) else 0))
    ids = [r["id"] for r in session.conn.execute(sql, args).fetchall()]
    hits: list[TalkHit] = []
    if ids:
        marks = ",".join("?" for _ in ids)
        rows = {
            r["id"]: r
            for r in session.conn.execute(
                "SELECT id, inspection_id, number, interviewee_name, start_at, status, interviewee_unit,"
                f" interviewee_position, place, outline, record, key_points FROM talks WHERE id IN ({marks})",
                ids,
            )
        }
        addenda: dict[str, list[str]] = {}
        for a in session.conn.execute(
            f"SELECT talk_id, text FROM talk_addenda WHERE talk_id IN ({marks}) ORDER BY created_at", ids
        ):
            addenda.setdefault(a["talk_id"], []).append(a["text"])
        for talk_id in ids:
            r = rows[talk_id]
            record = [(b["question"], b["answer"]) for b in json.loads(r["record"])]
            body = search_body(
                [r["interviewee_name"], r["interviewee_unit"], r["interviewee_position"], r["place"]],
                json.loads(r["outline"]),
                record,
                r["key_points"],
                addenda.get(talk_id, []),
            )
            spans = find_spans(body, terms)
            if not spans:  # the index and the text disagree only if a row changed mid-search
                continue
            snippet, spots = cut_snippet(body, spans)
            hits.append(
                TalkHit(
                    talk_id=talk_id,
                    inspection_id=r["inspection_id"],
                    number=r["number"],
                    interviewee_name=r["interviewee_name"],
                    start_at=r["start_at"],
                    status=TalkStatus(r["status"]),
                    snippet=snippet,
                    marks=spots,
                    occurrences=len(spans),
                )
            )
            if len(hits) == limit:
                break
    session.audit("talks_search", "inspection", inspection_id or "", f"命中 {len(hits)} 条")
    return hits
