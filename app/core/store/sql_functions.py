"""SQL functions every connection registers, for triggers that keep derived indexes in step.

A trigger calling one of these needs the function on whatever connection writes the table; all
connections come from open_connection, which registers them. Both fold the text first
(app.core.store.text_fold), as every search index and every search term is folded.
"""

from __future__ import annotations

from app.core.store.text_fold import fold


def bigram_words(text: str | None) -> str:
    """Every adjacent pair of letters or digits of the folded text, space-separated.

    Chinese has no spaces: as words for FTS5's unicode61 tokenizer these make a two-character term
    ("津贴") an index lookup, which the trigram tokenizer (three or more characters) cannot do.
    Each distinct pair once: the indexes are contentless (deleted by rowid), so repeats only cost space.
    """
    low = fold(text)
    pairs = (low[i : i + 2] for i in range(len(low) - 1) if low[i].isalnum() and low[i + 1].isalnum())
    return " ".join(dict.fromkeys(pairs))


def search_fold(text: str | None) -> str:
    """fold() for SQL: what the trigram indexes hold of a text."""
    return fold(text)


def register(conn) -> None:
    conn.create_function("bigram_words", 1, bigram_words, deterministic=True)
    conn.create_function("search_fold", 1, search_fold, deterministic=True)
