"""Need to know (知悉范围), enforced in the core queries.

- The office (Cap.CASE_READ_ALL) sees every inspection.
- A team leader or member (Cap.CASE_READ_TEAM) sees only the inspections of teams they are on
  (as leader, deputy or member), and the structure around them: the terms and rounds holding those
  teams, those teams, and the units those inspections cover.
- The three administrators hold neither capability: every case query raises PermissionDenied.

An inspection the session may not see is reported as NotFound, exactly like a missing one, so that
its existence is not revealed. Later modules (talks, documents, issues, leads) filter their queries
with `inspection_filter_sql` and check single records with `require_inspection_visible`.
Classified records (talks, official documents) are also limited to the user's clearance (below).
"""

from __future__ import annotations

from app.core.errors import NotFound, PermissionDenied, ValidationError
from app.core.security.roles import CLEARANCES, Cap, clearance_rank
from app.core.session import Session

# The teams the signed-in user is on; one parameter: the user id.
MY_TEAMS_SQL = "SELECT team_id FROM team_members WHERE user_id = ?"
MY_INSPECTIONS_SQL = f"SELECT id FROM inspections WHERE team_id IN ({MY_TEAMS_SQL})"
MY_ROUNDS_SQL = f"SELECT round_id FROM teams WHERE id IN ({MY_TEAMS_SQL})"


def require_case_read(session: Session) -> bool:
    """Check the session may read case data at all; True when it sees everything (the office)."""
    if session.can(Cap.CASE_READ_ALL):
        session.require(Cap.CASE_READ_ALL)
        return True
    session.require(Cap.CASE_READ_TEAM)  # administrators: PermissionDenied here
    return False


def visible_inspection_ids(session: Session) -> set[str] | None:
    """The ids of the inspections this session may see; None means all of them."""
    if require_case_read(session):
        return None
    rows = session.conn.execute(MY_INSPECTIONS_SQL, (session.user.id,)).fetchall()
    return {r[0] for r in rows}


def visible_team_ids(session: Session) -> set[str] | None:
    """The teams this session may see (its own); None means all of them."""
    if require_case_read(session):
        return None
    return {r[0] for r in session.conn.execute(MY_TEAMS_SQL, (session.user.id,)).fetchall()}


def _filter(session: Session, column: str, subquery: str) -> tuple[str, tuple]:
    if require_case_read(session):
        return "1 = 1", ()
    return f"{column} IN ({subquery})", (session.user.id,)


def inspection_filter_sql(session: Session, column: str = "inspection_id") -> tuple[str, tuple]:
    """A WHERE fragment and its parameters limiting `column` (an inspection id) to visible inspections.

    Usage: `where, params = inspection_filter_sql(session, "t.inspection_id")`, then
    `conn.execute(f"SELECT ... FROM talks t WHERE {where} AND ...", (*params, ...))`.
    Raises PermissionDenied for sessions that may read no case data.
    """
    return _filter(session, column, MY_INSPECTIONS_SQL)


def team_filter_sql(session: Session, column: str = "team_id") -> tuple[str, tuple]:
    """Like inspection_filter_sql, for a column holding a team id."""
    return _filter(session, column, MY_TEAMS_SQL)


def round_filter_sql(session: Session, column: str = "round_id") -> tuple[str, tuple]:
    """Like inspection_filter_sql, for a column holding a round id (rounds with one of my teams)."""
    return _filter(session, column, MY_ROUNDS_SQL)


def term_filter_sql(session: Session, column: str = "term_id") -> tuple[str, tuple]:
    """Like inspection_filter_sql, for a column holding a term id (terms with one of my rounds)."""
    return _filter(session, column, f"SELECT term_id FROM rounds WHERE id IN ({MY_ROUNDS_SQL})")


def unit_filter_sql(session: Session, column: str = "unit_id") -> tuple[str, tuple]:
    """Like inspection_filter_sql, for a column holding a unit id (units my inspections cover)."""
    return _filter(session, column, f"SELECT unit_id FROM inspections WHERE id IN ({MY_INSPECTIONS_SQL})")


def require_inspection_visible(session: Session, inspection_id: str) -> None:
    """Raise NotFound unless the inspection exists and this session may see it."""
    where, params = inspection_filter_sql(session, "id")
    row = session.conn.execute(
        f"SELECT 1 FROM inspections WHERE id = ? AND {where}", (inspection_id, *params)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该巡察，或您不在其知悉范围内。")


def require_inspection_writable(session: Session, inspection_id: str) -> None:
    """Case writes (talks, documents, issues): Cap.CASE_WRITE and the inspection visible."""
    session.require(Cap.CASE_WRITE)
    require_inspection_visible(session, inspection_id)
    if session.conn.execute(
        "SELECT 1 FROM archives WHERE inspection_id = ? AND status = 'closed'", (inspection_id,)
    ).fetchone():
        raise PermissionDenied(ARCHIVED_REFUSAL)


# Once the inspection's archive is closed (立卷归档, 封存) its records are read-only.
ARCHIVED_REFUSAL = "该巡察已立卷归档（档案已封存），其记录为只读，不能更改。"


def is_leader_of_inspection(session: Session, inspection_id: str) -> bool:
    """Whether the signed-in user is the leader (组长) of the team carrying out this inspection."""
    row = session.conn.execute(
        "SELECT 1 FROM inspections i JOIN team_members m ON m.team_id = i.team_id"
        " WHERE i.id = ? AND m.user_id = ? AND m.position = 'leader'",
        (inspection_id, session.user.id),
    ).fetchone()
    return row is not None


# The refusal a user gets when a record they may delete is linked to something they may not know of.
LINKED_REFUSAL = "该记录已有关联的其他记录，不能删除。"


def may_know_leads(session: Session, inspection_id: str) -> bool:
    """Whether the session may know of the inspection's leads and petitions: the office, or its leader."""
    if not session.can(Cap.LEADS_READ):
        return False
    return session.can(Cap.CASE_READ_ALL) or is_leader_of_inspection(session, inspection_id)


def require_leader_or_office(session: Session, inspection_id: str) -> None:
    """For steering an inspection (phase, liaison): the office, or the leader of its own team.

    Members and deputies may write case records but not steer the inspection.
    """
    require_inspection_writable(session, inspection_id)
    if session.can(Cap.ORG_MANAGE) or is_leader_of_inspection(session, inspection_id):
        return
    raise PermissionDenied("只有本组组长或巡察办可以调整巡察阶段和联络员。")


# ---- clearance (涉密等级) --------------------------------------------------------------------------
# A record classified above the user's clearance is out of scope like a record of another team:
# reading it answers NotFound (its existence is not revealed), listing and search leave it out,
# writing at that level is refused, and printing marks it at its own level or higher, never lower.


def readable_levels(session: Session) -> tuple[str, ...]:
    """The classification levels this session's user may read: their clearance and those below."""
    return tuple(
        level for level in CLEARANCES if clearance_rank(level) <= clearance_rank(session.user.clearance)
    )


def clearance_filter_sql(session: Session, column: str = "classification") -> tuple[str, tuple]:
    """A WHERE fragment limiting `column` (a classification level) to the levels the user may read."""
    levels = readable_levels(session)
    if not levels:
        return "0 = 1", ()
    return f"{column} IN ({','.join('?' * len(levels))})", levels


def require_clearance_readable(session: Session, level: str, not_found: str) -> None:
    """NotFound (with the record's own not-found message) when the record is above the clearance."""
    if level not in readable_levels(session):
        raise NotFound(not_found)


def require_clearance_writable(session: Session, level: str) -> None:
    """Refuse writing a record at a level above the user's clearance (the level is their own input)."""
    if level in CLEARANCES and level not in readable_levels(session):
        raise PermissionDenied(f"您的涉密等级为{session.user.clearance or '无'}，不能录入{level}级资料。")


def printed_mark(level: str, years: int | None, requested: str | None) -> str:
    """The marking printed on a record of `level`: the record's own mark, or a requested one that is a
    proper mark (a level of the fixed list, with a valid period) no lower than the record's level."""
    from app.core.printing.furniture import classification_mark

    own = classification_mark(level, years)
    if not requested:
        return own
    requested_level = requested.split("★", 1)[0]
    if requested_level not in CLEARANCES:
        raise ValidationError(f"密级标志须为 {'、'.join(CLEARANCES)} 之一。", field="classification")
    if clearance_rank(requested_level) < clearance_rank(level):
        raise ValidationError(f"密级标志不能低于资料本身的密级（{level}）。", field="classification")
    if requested == requested_level:
        return requested if requested_level != level else own
    years_text = requested.split("★", 1)[1]
    if not (years_text.endswith("年") and years_text[:-1].isdigit()):
        raise ValidationError("密级标志的格式应为“秘密★1年”。", field="classification")
    return classification_mark(requested_level, int(years_text[:-1]))
