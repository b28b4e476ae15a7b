"""SQL functions every connection registers, for triggers that keep derived indexes in step.

A trigger calling one of these needs the function on whatever connection writes the table; all
connections come from open_connection, which registers them.
"""

from __future__ import annotations


def bigram_words(text: str | None) -> str:
    """Every adjacent pair of letters or digits, lower-cased and space-separated.

    Chinese has no spaces: as words for FTS5's unicode61 tokenizer these make a two-character term
    ("津贴") an index lookup, which the trigram tokenizer (three or more characters) cannot do.
    Each distinct pair once: the indexes are contentless (deleted by rowid), so repeats only cost space.
    """
    low = (text or "").lower()
    pairs = (low[i : i + 2] for i in range(len(low) - 1) if low[i].isalnum() and low[i + 1].isalnum())
    return " ".join(dict.fromkeys(pairs))


def register(conn) -> None:
    conn.create_function("bigram_words", 1, bigram_words, deterministic=True)
