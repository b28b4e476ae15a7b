"""The talks' search index: what search sees of a talk, and keeping the two FTS5 tables up to date.

Each talk is one row (rowid = talks.doc_no) in talk_trigram (any substring of three or more
characters) and talk_bigram (every adjacent pair of letters/digits, for two-character terms), as in
the review search, holding the folded text (app.core.store.text_fold). `reindex` runs inside the
transaction of each write that changes the text; `rebuild` indexes every talk again (m0011).
"""

from __future__ import annotations

from app.core.domain.talks.queries import load_talk, talk_row
from app.core.domain.talks.types import Talk
from app.core.store.sql_functions import bigram_words  # one definition for every bigram index
from app.core.store.text_fold import fold


def search_body(
    head: list[str], outline: list[str], record: list[tuple[str, str]], key_points: str, addenda: list[str]
) -> str:
    """The indexed text: the head (interviewee, unit, position, place), outline, record, key points, addenda."""
    parts = [*head, *outline]
    for question, answer in record:
        parts += [question, answer]
    parts.append(key_points)
    parts += addenda
    return "\n".join(p for p in parts if p)


def searchable_text(talk: Talk) -> str:
    """What the search sees of a talk: the interviewee, outline, record, key points and addenda."""
    return search_body(
        [talk.interviewee_name, talk.interviewee_unit, talk.interviewee_position, talk.place],
        talk.outline,
        [(b.question, b.answer) for b in talk.record],
        talk.key_points,
        [a.text for a in talk.addenda],
    )


def reindex(conn, talk_id: str) -> None:
    """Replace the talk's entries in both indexes with its current text."""
    row = talk_row(conn, talk_id)
    doc_no = row["doc_no"]
    body = searchable_text(load_talk(conn, row))
    conn.execute("DELETE FROM talk_trigram WHERE rowid = ?", (doc_no,))
    conn.execute("DELETE FROM talk_bigram WHERE rowid = ?", (doc_no,))
    _insert(conn, doc_no, body)


def _insert(conn, doc_no: int, body: str) -> None:
    conn.execute("INSERT INTO talk_trigram (rowid, body) VALUES (?, ?)", (doc_no, fold(body)))
    conn.execute("INSERT INTO talk_bigram (rowid, body) VALUES (?, ?)", (doc_no, bigram_words(body)))


def rebuild(conn) -> None:
    """Index every talk again from its current text (after the folding changed: m0011)."""
    conn.execute("DELETE FROM talk_trigram")
    conn.execute("DELETE FROM talk_bigram")
    for row in conn.execute("SELECT id FROM talks").fetchall():
        talk = talk_row(conn, row["id"])
        _insert(conn, talk["doc_no"], searchable_text(load_talk(conn, talk)))
