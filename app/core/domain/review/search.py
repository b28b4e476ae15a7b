"""Full-text search over an inspection's imported material, reading notes and excerpts.

Chinese has no spaces, so words cannot be tokens. Two contentless FTS5 indexes share one row id per
indexed text (see m0005): `search_trigram` finds any substring of three or more characters;
`search_bigram` indexes every pair of adjacent letters/digits as a word, so a two-character term
("巡察", "公车") is an index lookup too instead of a scan. Neither index keeps a copy of the text:
snippets are cut from the source row, and each hit carries the marked ranges to highlight.
Both indexes and every term hold folded text (app.core.store.text_fold: simplified, lower case,
pinyin glosses dropped), so 問題 finds 问题 and the reverse; the ranges marked are the original's.

Need to know: only entries of inspections the session may see are searched, and a search is audited
(with the number of hits, never the terms).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from app.core.errors import ValidationError
from app.core.imports.pdf import PAGE_BREAK
from app.core.security import visibility
from app.core.session import Session
from app.core.store.sql_functions import bigram_words  # one definition for every bigram index
from app.core.store.text_fold import CONTROL, fold, fold_with_offsets, original_spans


class HitKind(StrEnum):
    MATERIAL = "material"  # text extracted from an imported file
    READING = "reading"  # a reviewer's reading notes
    EXCERPT = "excerpt"  # an excerpt's passage

    @property
    def label(self) -> str:
        return {"material": "电子材料", "reading": "阅读笔记", "excerpt": "摘录"}[self.value]


MAX_TERMS = 8
MAX_TERM_CHARS = 100
SNIPPET_BEFORE = 30
SNIPPET_AFTER = 70


@dataclass
class SearchHit:
    kind: HitKind
    ref_id: str  # attachment, reading or excerpt id
    inspection_id: str
    item_id: str
    item_number: int
    item_title: str
    label: str  # file name, reviewer and date, or excerpt number
    snippet: str  # a single line of context
    marks: list[tuple[int, int]] = field(default_factory=list)  # [start, end) in snippet, to highlight
    occurrences: int = 0  # how often the terms occur in the whole text
    location: str = ""  # where the first hit is: "第 3 页", "第 12 行"

    def marked(self, before: str = "【", after: str = "】") -> str:
        """The snippet with each marked range wrapped, e.g. for a plain-text list or a test."""
        out, pos = [], 0
        for start, end in self.marks:
            out += [self.snippet[pos:start], before, self.snippet[start:end], after]
            pos = end
        out.append(self.snippet[pos:])
        return "".join(out)


# ---- the index (called inside the owning operation's transaction) ---------------------------------


def index_text(conn, kind: HitKind, ref_id: str, inspection_id: str, item_id: str, body: str) -> None:
    """(Re)index one text under its owner's id."""
    unindex(conn, ref_id)
    cur = conn.execute(
        "INSERT INTO search_entries (kind, ref_id, inspection_id, item_id) VALUES (?, ?, ?, ?)",
        (kind.value, ref_id, inspection_id, item_id),
    )
    rowid = cur.lastrowid
    if body.strip():
        conn.execute("INSERT INTO search_trigram (rowid, body) VALUES (?, ?)", (rowid, fold(body)))
        conn.execute("INSERT INTO search_bigram (rowid, body) VALUES (?, ?)", (rowid, bigram_words(body)))


def rebuild(conn) -> None:
    """Index every entry again from its source text (after the folding changed: m0011)."""
    conn.execute("DELETE FROM search_trigram")
    conn.execute("DELETE FROM search_bigram")
    entries = conn.execute("SELECT rowid, kind, ref_id FROM search_entries").fetchall()
    bodies = _sources(conn, entries)
    for entry in entries:
        body = bodies.get(entry["ref_id"], ("", ""))[0] or ""
        if body.strip():
            conn.execute(
                "INSERT INTO search_trigram (rowid, body) VALUES (?, ?)", (entry["rowid"], fold(body))
            )
            conn.execute(
                "INSERT INTO search_bigram (rowid, body) VALUES (?, ?)", (entry["rowid"], bigram_words(body))
            )


def unindex(conn, ref_id: str) -> None:
    row = conn.execute("SELECT rowid FROM search_entries WHERE ref_id = ?", (ref_id,)).fetchone()
    if row is None:
        return
    conn.execute("DELETE FROM search_trigram WHERE rowid = ?", (row[0],))
    conn.execute("DELETE FROM search_bigram WHERE rowid = ?", (row[0],))
    conn.execute("DELETE FROM search_entries WHERE rowid = ?", (row[0],))


# ---- searching ------------------------------------------------------------------------------------


def parse_terms(query: str) -> list[str]:
    """Whitespace-separated terms, each at least two characters, folded; all must occur (AND).

    Control characters (NUL among them) separate terms like spaces; quotes, *, ^, NEAR and brackets
    are searched as text (each term is one quoted FTS5 phrase)."""
    terms: list[str] = []
    for raw in CONTROL.sub(" ", str(query or "")).split():
        term = fold(raw.strip())
        if term and term not in terms:
            terms.append(term)
    if not terms:
        raise ValidationError("请输入要搜索的内容。", field="query")
    if len(terms) > MAX_TERMS:
        raise ValidationError(f"搜索词最多 {MAX_TERMS} 个。", field="query")
    for term in terms:
        if len(term) < 2:
            raise ValidationError(f"搜索词“{term}”太短：每个搜索词至少两个字。", field="query")
        if len(term) > MAX_TERM_CHARS:
            raise ValidationError(f"每个搜索词不能超过 {MAX_TERM_CHARS} 个字。", field="query")
        if len(term) == 2 and not (term[0].isalnum() and term[1].isalnum()):
            raise ValidationError(f"两个字的搜索词“{term}”须由文字、字母或数字组成。", field="query")
    return terms


def phrase(term: str) -> str:
    """An FTS5 phrase: the term searched as text, whatever characters it holds."""
    return '"' + term.replace('"', '""') + '"'


def index_clauses(
    rowid: str, trigram: str, bigram: str, terms: list[str], long_query=phrase
) -> tuple[str, list[str]]:
    """The SQL narrowing `rowid` to the rows whose text holds every term: terms of three or more
    characters through the trigram index (each written by `long_query`), two-character ones through
    the bigram index. Returns the clauses (each starting " AND ") and their parameters."""
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) == 2]
    sql, args = "", []
    if long_terms:
        sql += f" AND {rowid} IN (SELECT rowid FROM {trigram} WHERE {trigram} MATCH ?)"
        args.append(" AND ".join(long_query(t) for t in long_terms))
    if short_terms:
        sql += f" AND {rowid} IN (SELECT rowid FROM {bigram} WHERE {bigram} MATCH ?)"
        args.append(" AND ".join(phrase(t) for t in short_terms))
    return sql, args


def search(
    session: Session, query: str, *, inspection_id: str | None = None, limit: int = 50
) -> list[SearchHit]:
    """Material, notes and excerpts containing every term, in the visible inspections (or one of them).

    Terms of two characters use the bigram index, longer ones the trigram index. Hits come ordered by
    request item, then excerpts, notes and material. Audited with the hit count only.
    """
    terms = parse_terms(query)
    if inspection_id is not None:
        visibility.require_inspection_visible(session, inspection_id)
    where, params = visibility.inspection_filter_sql(session, "e.inspection_id")
    sql = (
        "SELECT e.kind AS kind, e.ref_id AS ref_id, e.inspection_id AS inspection_id, e.item_id AS item_id,"
        " r.number AS item_number, r.title AS item_title FROM search_entries e"
        f" JOIN request_items r ON r.id = e.item_id WHERE {where}"
    )
    args: list = [*params]
    if inspection_id is not None:
        sql += " AND e.inspection_id = ?"
        args.append(inspection_id)
    clauses, clause_args = index_clauses("e.rowid", "search_trigram", "search_bigram", terms)
    sql += clauses
    args += clause_args
    sql += " ORDER BY r.number, CASE e.kind WHEN 'excerpt' THEN 0 WHEN 'reading' THEN 1 ELSE 2 END, e.rowid LIMIT ?"
    args.append(max(1, min(int(limit), 1000)))
    rows = session.conn.execute(sql, args).fetchall()
    sources = _sources(session.conn, rows)
    found = (_hit(terms, row, *sources.get(row["ref_id"], ("", ""))) for row in rows)
    hits = [h for h in found if h is not None]
    session.audit("documents_search", "inspection", inspection_id or "", f"命中 {len(hits)} 条")
    return hits


_SOURCES = {
    HitKind.MATERIAL: (
        "SELECT id AS ref_id, extracted_text AS body, filename AS label FROM attachments WHERE id IN ({marks})"
    ),
    HitKind.READING: (
        "SELECT g.id AS ref_id, g.notes AS body, u.display_name || ' ' || g.read_on AS label FROM readings g"
        " JOIN users u ON u.id = g.reviewer_id WHERE g.id IN ({marks})"
    ),
    HitKind.EXCERPT: "SELECT id AS ref_id, passage AS body, number AS label FROM excerpts WHERE id IN ({marks})",
}


def _sources(conn, rows) -> dict[str, tuple[str, str]]:
    """ref id -> (text, label) of the indexed rows, one query per kind (the texts are the bulk)."""
    out: dict[str, tuple[str, str]] = {}
    for kind, sql in _SOURCES.items():
        ids = [row["ref_id"] for row in rows if row["kind"] == kind.value]
        if not ids:
            continue
        for source in conn.execute(sql.format(marks=",".join("?" * len(ids))), ids):
            label = source["label"]
            shown = excerpt_label(int(label)) if kind is HitKind.EXCERPT else str(label)
            out[source["ref_id"]] = (source["body"], shown)
    return out


def excerpt_label(number: int) -> str:
    return f"摘录{number:03d}"


def _hit(terms: list[str], row, body: str, label: str) -> SearchHit | None:
    kind = HitKind(row["kind"])
    spans = find_spans(body, terms)
    if not spans:  # the index and the text disagree only if a row changed mid-search
        return None
    snippet, marks = cut_snippet(body, spans)
    first = spans[0][0]
    if PAGE_BREAK in body:
        location = f"第 {body.count(PAGE_BREAK, 0, first) + 1} 页"
    else:
        location = f"第 {body.count(chr(10), 0, first) + 1} 行"
    return SearchHit(
        kind=kind,
        ref_id=row["ref_id"],
        inspection_id=row["inspection_id"],
        item_id=row["item_id"],
        item_number=int(row["item_number"]),
        item_title=row["item_title"],
        label=str(label),
        snippet=snippet,
        marks=marks,
        occurrences=len(spans),
        location=location,
    )


def find_spans(body: str, terms: list[str], *, cap: int = 1000) -> list[tuple[int, int]]:
    """Every occurrence of any (folded) term in the folded body, as sorted non-overlapping
    [start, end) of the original body: a hit on 問題 for 问题 marks 問題."""
    low, offsets = fold_with_offsets(body)
    spans: list[tuple[int, int]] = []
    for term in terms:
        pos = low.find(term)
        while pos != -1 and len(spans) < cap:
            spans.append((pos, pos + len(term)))
            pos = low.find(term, pos + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return original_spans(merged, offsets)


_ONE_LINE = str.maketrans("\n\r\t\f\v", "     ")


def cut_snippet(body: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """One line of context around the first occurrence, with the ranges to mark inside it."""
    first_start, first_end = spans[0]
    start = max(0, first_start - SNIPPET_BEFORE)
    end = min(len(body), max(first_end, first_start + SNIPPET_AFTER))
    piece = body[start:end].translate(_ONE_LINE)
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(body) else ""
    shift = len(lead) - start
    marks = [(max(s, start) + shift, min(e, end) + shift) for s, e in spans if s < end and e > start]
    return lead + piece + tail, marks
