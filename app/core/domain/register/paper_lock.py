"""Whether a working paper waits for a review in its sign-off chain (paper_chain), read from its
steps alone. Its own module, below evidence and the issue form, which both refuse changes then."""

from __future__ import annotations

# The steps that move the paper; an override only accompanies a signature.
_MOVES = "('submit', 'approve', 'return', 'sign', 'adopt', 'reopen')"


def under_review(conn, issue_id: str) -> bool:
    """True while the paper is submitted or approved, i.e. until it is returned or signed."""
    row = conn.execute(
        f"SELECT action FROM paper_steps WHERE issue_id = ? AND action IN {_MOVES}"
        " ORDER BY ordinal DESC LIMIT 1",
        (issue_id,),
    ).fetchone()
    return row is not None and row["action"] in ("submit", "approve")


def reopened(conn, issue_id: str) -> bool:
    """True when a signed paper was reopened (a fact the unit disputed) and not signed again since:
    its content may change again, under its old number, until the chain signs it anew."""
    row = conn.execute(
        "SELECT max(CASE WHEN action = 'reopen' THEN ordinal END) AS reopened,"
        " max(CASE WHEN action = 'sign' THEN ordinal END) AS signed FROM paper_steps WHERE issue_id = ?",
        (issue_id,),
    ).fetchone()
    return row["reopened"] is not None and (row["signed"] is None or row["reopened"] > row["signed"])
