"""Need to know (知悉范围), enforced in the core queries.

- The office (Cap.CASE_READ_ALL) sees every inspection.
- A team leader or member (Cap.CASE_READ_TEAM) sees only the inspections of teams they are on
  (as leader, deputy or member), and the structure around them: the terms and rounds holding those
  teams, those teams, and the units those inspections cover.
- The three administrators hold neither capability: every case query raises PermissionDenied.

An inspection the session may not see is reported as NotFound, exactly like a missing one, so that
its existence is not revealed. Later modules (talks, documents, issues, leads) filter their queries
with `inspection_filter_sql` and check single records with `require_inspection_visible`.
"""

from __future__ import annotations

from app.core.errors import NotFound, PermissionDenied
from app.core.security.roles import Cap
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


def is_leader_of_inspection(session: Session, inspection_id: str) -> bool:
    """Whether the signed-in user is the leader (组长) of the team carrying out this inspection."""
    row = session.conn.execute(
        "SELECT 1 FROM inspections i JOIN team_members m ON m.team_id = i.team_id"
        " WHERE i.id = ? AND m.user_id = ? AND m.position = 'leader'",
        (inspection_id, session.user.id),
    ).fetchone()
    return row is not None


def require_leader_or_office(session: Session, inspection_id: str) -> None:
    """For steering an inspection (phase, liaison): the office, or the leader of its own team.

    Members and deputies may write case records but not steer the inspection.
    """
    require_inspection_writable(session, inspection_id)
    if session.can(Cap.ORG_MANAGE) or is_leader_of_inspection(session, inspection_id):
        return
    raise PermissionDenied("只有本组组长或巡察办可以调整巡察阶段和联络员。")
