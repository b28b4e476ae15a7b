"""Numbering of signed working papers (问题底稿编号): `[2026]3巡-2组-07号` and its sort key.

The sequence runs per team per round and is allocated by sign_off.sign inside the signing
transaction; this module only says what a team's number is and how a number and its sort key are
written. Unsigned issues sort after every number: their number_sort starts with
UNSIGNED_SORT_PREFIX ('~' follows the digits) until they are signed.
"""

from __future__ import annotations

import re

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}

# Unsigned issues sort after every number ('~' follows the digits).
UNSIGNED_SORT_PREFIX = "~"


def parse_team_number(name: str) -> int | None:
    """第二巡察组 -> 2, 第12组 -> 12, 第十一巡察组 -> 11; None when the name carries no number."""
    m = re.search(r"第\s*([0-9]+|[零一二三四五六七八九十]+)\s*(?:巡察)?组", name) or re.match(
        r"^\s*([0-9]+|[零一二三四五六七八九十]+)\s*组", name
    )
    if not m:
        return None
    token = m.group(1)
    if token.isdigit():
        return int(token)
    if "十" in token:
        tens, _, ones = token.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(token)


def team_number(conn, team_id: str) -> int:
    """The team's number within its round: from its name, else its place in the order of creation."""
    team = conn.execute("SELECT name, round_id FROM teams WHERE id = ?", (team_id,)).fetchone()
    parsed = parse_team_number(team["name"])
    if parsed:
        return parsed
    ids = [
        r["id"]
        for r in conn.execute(
            "SELECT id FROM teams WHERE round_id = ? ORDER BY created_at, id", (team["round_id"],)
        )
    ]
    return ids.index(team_id) + 1


def format_number(year: int, round_number: int, team_no: int, seq: int) -> str:
    """`[2026]3巡-2组-07号`"""
    return f"[{year}]{round_number}巡-{team_no}组-{seq:02d}号"


def number_sort(year: int, round_number: int, team_no: int, seq: int) -> str:
    """The sort key of a signed number: year, round, team and sequence, zero-padded."""
    return f"{year:04d}{round_number:04d}{team_no:04d}{seq:06d}"
