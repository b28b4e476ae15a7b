"""Teams (巡察组): formed anew for each round, with a leader (组长), deputies (副组长) and members (组员).

Members are user accounts from the staff pool; a leader must hold the team-leader role; a person
serves on at most one team per round. Joining a team that inspects a unit the person declared a tie
to is refused unless the office approves an exception (see staff.enforce_recusals).

Writes need Cap.ORG_MANAGE. Reads: the office sees all teams; team leaders and members see only
the teams they are on (and those teams' members); administrators see nothing. Views are audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.core.domain import _fields as f
from app.core.domain.organisation import staff
from app.core.domain.organisation.terms import chinese_number
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.security import compartments, visibility
from app.core.security.roles import Cap, Role
from app.core.session import Session
from app.core.store.rows import record


class TeamPosition(StrEnum):
    LEADER = "leader"
    DEPUTY = "deputy"
    MEMBER = "member"

    @property
    def label(self) -> str:
        return POSITION_LABELS[self]


POSITION_LABELS = {TeamPosition.LEADER: "组长", TeamPosition.DEPUTY: "副组长", TeamPosition.MEMBER: "组员"}


@dataclass
class Team:
    id: str
    round_id: str
    name: str
    leader_id: str | None  # users.id of the leader, if one is set
    leader_name: str | None
    member_count: int  # everyone on the team, leader included

    COLUMNS = (
        "t.id, t.round_id, t.name, l.user_id AS leader_id, lu.display_name AS leader_name,"
        " (SELECT count(*) FROM team_members c WHERE c.team_id = t.id) AS member_count"
    )
    FROM = (
        "teams t LEFT JOIN team_members l ON l.team_id = t.id AND l.position = 'leader'"
        " LEFT JOIN users lu ON lu.id = l.user_id"
    )

    @classmethod
    def from_row(cls, row) -> Team:
        return record(cls, row, member_count=int)


@dataclass
class TeamMember:
    id: str
    team_id: str
    user_id: str
    username: str
    display_name: str
    position: TeamPosition

    COLUMNS = "m.id, m.team_id, m.user_id, u.username, u.display_name, m.position"
    FROM = "team_members m JOIN users u ON u.id = m.user_id"

    @classmethod
    def from_row(cls, row) -> TeamMember:
        return record(cls, row, position=TeamPosition)


POSITION_ORDER = "CASE m.position WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END"


# ---- teams ---------------------------------------------------------------------------------------


def suggested_name(session: Session, round_id: str) -> str:
    """The next customary name in a round: 第一巡察组, 第二巡察组, …"""
    session.require(Cap.ORG_MANAGE)
    names = {r[0] for r in session.conn.execute("SELECT name FROM teams WHERE round_id = ?", (round_id,))}
    n = 1
    while f"第{chinese_number(n)}巡察组" in names:
        n += 1
    return f"第{chinese_number(n)}巡察组"


def _name_input(conn, round_id: str, name, exclude_id=None) -> str:
    name = f.text(name, "name", "巡察组名称", max_len=40)
    clash = conn.execute(
        "SELECT 1 FROM teams WHERE round_id = ? AND name = ? AND id IS NOT ?", (round_id, name, exclude_id)
    ).fetchone()
    if clash:
        raise ValidationError(f"本轮已有“{name}”。", field="name")
    return name


def create_team(session: Session, round_id: str, name: str) -> Team:
    session.require(Cap.ORG_MANAGE)
    f.must_exist(session.conn, "rounds", round_id, "轮次", field="round_id")
    name = _name_input(session.conn, round_id, name)
    values = session.record_values()
    with session.transaction() as conn:
        f.insert(conn, "teams", {**values, "round_id": round_id, "name": name})
        session.audit("team_create", "team", values["id"], f"round {round_id}")
    return _team(session.conn, values["id"])


def update_team(session: Session, team_id: str, name: str) -> Team:
    """Rename a team (a team stays in its round)."""
    session.require(Cap.ORG_MANAGE)
    current = _team(session.conn, team_id)
    name = _name_input(session.conn, current.round_id, name, exclude_id=team_id)
    with session.transaction() as conn:
        f.update(conn, "teams", team_id, {"name": name})
        session.audit("team_update", "team", team_id)
    return _team(session.conn, team_id)


def delete_team(session: Session, team_id: str) -> None:
    """Refused while the team has inspections; its member list and exceptions go with it."""
    session.require(Cap.ORG_MANAGE)
    _team(session.conn, team_id)
    with session.transaction() as conn:
        f.refuse_if(
            conn,
            "SELECT count(*) FROM inspections WHERE team_id = ?",
            (team_id,),
            "该巡察组已承担 {n} 项巡察，不能删除。",
        )
        members = f.count(conn, "SELECT count(*) FROM team_members WHERE team_id = ?", (team_id,))
        conn.execute("DELETE FROM recusal_overrides WHERE team_id = ?", (team_id,))
        conn.execute("DELETE FROM team_members WHERE team_id = ?", (team_id,))
        f.delete(conn, "teams", team_id, "巡察组")
        session.audit("team_delete", "team", team_id, f"连同 {members} 名成员")


def _team(conn, team_id: str) -> Team:
    row = conn.execute(f"SELECT {Team.COLUMNS} FROM {Team.FROM} WHERE t.id = ?", (team_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该巡察组。")
    return Team.from_row(row)


def list_teams(session: Session, round_id: str | None = None) -> list[Team]:
    """Teams (of one round, or all visible), in order of creation. Audited."""
    where, params = visibility.team_filter_sql(session, "t.id")
    sql = f"SELECT {Team.COLUMNS} FROM {Team.FROM} WHERE {where}"
    if round_id is not None:
        sql += " AND t.round_id = ?"
        params = (*params, round_id)
    rows = session.conn.execute(sql + " ORDER BY t.round_id, t.created_at, t.name", params).fetchall()
    session.audit("teams_view", "team", "", f"{len(rows)} 个巡察组")
    return [Team.from_row(r) for r in rows]


def get_team(session: Session, team_id: str) -> Team:
    """One team, if visible (NotFound otherwise)."""
    where, params = visibility.team_filter_sql(session, "t.id")
    row = session.conn.execute(
        f"SELECT {Team.COLUMNS} FROM {Team.FROM} WHERE t.id = ? AND {where}", (team_id, *params)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该巡察组。")
    return Team.from_row(row)


# ---- members -------------------------------------------------------------------------------------


def list_members(session: Session, team_id: str) -> list[TeamMember]:
    """Leader, deputies, then members. Audited; NotFound for a team not visible."""
    get_team(session, team_id)
    rows = session.conn.execute(
        f"SELECT {TeamMember.COLUMNS} FROM {TeamMember.FROM} WHERE m.team_id = ?"
        f" ORDER BY {POSITION_ORDER}, u.display_name",
        (team_id,),
    ).fetchall()
    session.audit("team_members_view", "team", team_id, f"{len(rows)} 人")
    return [TeamMember.from_row(r) for r in rows]


def _check_position(conn, team_id: str, user_role: Role, position: TeamPosition, exclude_id=None) -> None:
    if position is TeamPosition.LEADER:
        if user_role is not Role.TEAM_LEADER:
            raise ValidationError("组长须由“巡察组组长”角色的账号担任。", field="position")
        if conn.execute(
            "SELECT 1 FROM team_members WHERE team_id = ? AND position = 'leader' AND id IS NOT ?",
            (team_id, exclude_id),
        ).fetchone():
            raise ValidationError("本组已有组长，请先调整原组长。", field="position")


def add_member(
    session: Session,
    team_id: str,
    user_id: str,
    position: TeamPosition | str = TeamPosition.MEMBER,
    *,
    override_reason: str | None = None,
) -> TeamMember:
    """Put a staff-pool account on the team.

    Refused (Conflict) if the person declared a tie to a unit this team inspects, unless
    `override_reason` is given by a session holding Cap.RECUSAL_OVERRIDE (audited "recusal_override").
    """
    session.require(Cap.ORG_MANAGE)
    conn = session.conn
    team = _team(conn, team_id)
    position = f.choice(TeamPosition, position, "position", "组内职务")
    row = conn.execute("SELECT role, disabled, username FROM users WHERE id = ?", (user_id or "",)).fetchone()
    if row is None:
        raise ValidationError("请选择有效的账号。", field="user_id")
    if row["disabled"]:
        raise ValidationError("该账号已停用。", field="user_id")
    if conn.execute("SELECT 1 FROM staff WHERE user_id = ?", (user_id,)).fetchone() is None:
        raise ValidationError("该账号尚未加入人员库，请先在人员库中登记。", field="user_id")
    if conn.execute(
        "SELECT 1 FROM team_members WHERE team_id = ? AND user_id = ?", (team_id, user_id)
    ).fetchone():
        raise ValidationError("此人已在本组中。", field="user_id")
    _check_position(conn, team_id, Role(row["role"]), position)
    other = conn.execute(
        "SELECT t.name FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.user_id = ? AND t.round_id = ?",
        (user_id, team.round_id),
    ).fetchone()
    if other:
        raise Conflict(f"此人本轮已在{other[0]}，一人一轮只能参加一个巡察组。", field="user_id")
    units = [r[0] for r in conn.execute("SELECT unit_id FROM inspections WHERE team_id = ?", (team_id,))]
    values = session.record_values()
    with session.transaction():
        staff.enforce_recusals(session, team_id, [user_id], units, override_reason)
        f.insert(
            conn,
            "team_members",
            {**values, "team_id": team_id, "user_id": user_id, "position": position.value},
        )
        session.audit("team_member_add", "team", team_id, f"{row['username']} / {position.value}")
        compartments.follow_team(session, team_id)  # who holds the team's keys follows
    return _member(conn, values["id"])


def set_member_position(session: Session, member_id: str, position: TeamPosition | str) -> TeamMember:
    session.require(Cap.ORG_MANAGE)
    member = _member(session.conn, member_id)
    position = f.choice(TeamPosition, position, "position", "组内职务")
    role = Role(session.conn.execute("SELECT role FROM users WHERE id = ?", (member.user_id,)).fetchone()[0])
    _check_position(session.conn, member.team_id, role, position, exclude_id=member_id)
    with session.transaction() as conn:
        f.update(conn, "team_members", member_id, {"position": position.value})
        session.audit("team_member_update", "team", member.team_id, f"{member.username} / {position.value}")
        compartments.follow_team(session, member.team_id)  # who holds the team's keys follows
    return _member(session.conn, member_id)


def remove_member(session: Session, member_id: str) -> None:
    session.require(Cap.ORG_MANAGE)
    member = _member(session.conn, member_id)
    with session.transaction() as conn:
        conn.execute(
            "DELETE FROM recusal_overrides WHERE team_id = ? AND user_id = ?",
            (member.team_id, member.user_id),
        )
        f.delete(conn, "team_members", member_id, "组员")
        session.audit("team_member_remove", "team", member.team_id, member.username)
        compartments.follow_team(session, member.team_id)  # who holds the team's keys follows


def _member(conn, member_id: str) -> TeamMember:
    row = conn.execute(
        f"SELECT {TeamMember.COLUMNS} FROM {TeamMember.FROM} WHERE m.id = ?", (member_id,)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该组员。")
    return TeamMember.from_row(row)
