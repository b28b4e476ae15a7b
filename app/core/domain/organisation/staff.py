"""The staff pool (人员库) and recusal declarations (回避).

The pool holds the accounts that can serve on teams (team-leader and team-member roles), with their
post and expertise. A recusal declaration records a staff member's tie to a unit; putting that person
on a team that inspects the unit is refused with a Conflict, unless the office approves an exception
with a reason (Cap.RECUSAL_OVERRIDE, audited as "recusal_override"). The check runs wherever the
pairing can arise: adding a team member (teams.add_member) and creating or re-pointing an inspection
(inspections.create_inspection / update_inspection).

Everything here is the office's business (Cap.ORG_MANAGE): declarations are personal and are
recorded by the office; team roles and administrators cannot list the pool or the declarations.
A declaration made after someone is already on such a team is accepted (it is a fact) and shows up
in `recusal_conflicts`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.core.domain import _fields as f
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.security.roles import Cap, Role
from app.core.session import USER_COLUMNS, Session, User
from app.core.store.rows import record

TEAM_ROLES = (Role.TEAM_LEADER, Role.TEAM_MEMBER)


@dataclass
class StaffEntry:
    id: str
    user_id: str
    username: str
    display_name: str
    role: Role
    post: str
    expertise: str
    disabled: bool

    COLUMNS = "s.id, s.user_id, u.username, u.display_name, u.role, s.post, s.expertise, u.disabled"
    FROM = "staff s JOIN users u ON u.id = s.user_id"

    @classmethod
    def from_row(cls, row) -> StaffEntry:
        return record(cls, row, role=Role, disabled=bool)


@dataclass
class Recusal:
    id: str
    staff_id: str
    user_id: str
    username: str
    unit_id: str
    unit_name: str
    reason: str
    declared_at: str

    COLUMNS = (
        "r.id, r.staff_id, s.user_id, u.username, r.unit_id, n.name AS unit_name, r.reason,"
        " r.created_at AS declared_at"
    )
    FROM = (
        "recusals r JOIN staff s ON s.id = r.staff_id JOIN users u ON u.id = s.user_id"
        " JOIN units n ON n.id = r.unit_id"
    )

    @classmethod
    def from_row(cls, row) -> Recusal:
        return record(cls, row)


@dataclass(frozen=True)
class RecusalConflict:
    """A person on (or joining) a team whose inspections include a unit they declared a tie to."""

    user_id: str
    username: str
    unit_id: str


# ---- the pool ------------------------------------------------------------------------------------


def eligible_accounts(session: Session) -> list[User]:
    """Enabled team-role accounts not yet in the pool (for the office's "add to pool" picker)."""
    session.require(Cap.ORG_MANAGE)
    rows = session.conn.execute(
        f"SELECT {USER_COLUMNS} FROM users WHERE role IN (?, ?) AND disabled = 0"
        " AND id NOT IN (SELECT user_id FROM staff) ORDER BY username",
        tuple(r.value for r in TEAM_ROLES),
    ).fetchall()
    return [User.from_row(r) for r in rows]


def add_staff(session: Session, user_id: str, post: str = "", expertise: str = "") -> StaffEntry:
    """Put a team-role account into the pool with its post (职务) and expertise (专长)."""
    session.require(Cap.ORG_MANAGE)
    row = session.conn.execute("SELECT role, disabled FROM users WHERE id = ?", (user_id or "",)).fetchone()
    if row is None:
        raise ValidationError("请选择有效的账号。", field="user_id")
    if Role(row["role"]) not in TEAM_ROLES:
        raise ValidationError("只有巡察组组长或组员角色的账号可以加入人员库。", field="user_id")
    if row["disabled"]:
        raise ValidationError("该账号已停用，不能加入人员库。", field="user_id")
    if session.conn.execute("SELECT 1 FROM staff WHERE user_id = ?", (user_id,)).fetchone():
        raise ValidationError("该账号已在人员库中。", field="user_id")
    post = f.text(post, "post", "职务", required=False, max_len=60)
    expertise = f.text(expertise, "expertise", "专长", required=False, max_len=200)
    values = session.record_values()
    with session.transaction() as conn:
        f.insert(conn, "staff", {**values, "user_id": user_id, "post": post, "expertise": expertise})
        session.audit("staff_add", "staff", values["id"], f"user {user_id}")
    return _staff(session.conn, values["id"])


def update_staff(session: Session, staff_id: str, post: str, expertise: str) -> StaffEntry:
    session.require(Cap.ORG_MANAGE)
    _staff(session.conn, staff_id)
    post = f.text(post, "post", "职务", required=False, max_len=60)
    expertise = f.text(expertise, "expertise", "专长", required=False, max_len=200)
    with session.transaction() as conn:
        f.update(conn, "staff", staff_id, {"post": post, "expertise": expertise})
        session.audit("staff_update", "staff", staff_id)
    return _staff(session.conn, staff_id)


def remove_staff(session: Session, staff_id: str) -> None:
    """Refused while the person is on a team or has recusal declarations."""
    session.require(Cap.ORG_MANAGE)
    entry = _staff(session.conn, staff_id)
    with session.transaction() as conn:
        f.refuse_if(
            conn,
            "SELECT count(*) FROM team_members WHERE user_id = ?",
            (entry.user_id,),
            "此人已在 {n} 个巡察组中，不能移出人员库。",
        )
        f.refuse_if(
            conn,
            "SELECT count(*) FROM recusals WHERE staff_id = ?",
            (staff_id,),
            "此人有 {n} 条回避申报，不能移出人员库。",
        )
        f.delete(conn, "staff", staff_id, "人员")
        session.audit("staff_remove", "staff", staff_id, f"user {entry.user_id}")


def _staff(conn, staff_id: str) -> StaffEntry:
    row = conn.execute(
        f"SELECT {StaffEntry.COLUMNS} FROM {StaffEntry.FROM} WHERE s.id = ?", (staff_id,)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该人员。")
    return StaffEntry.from_row(row)


def get_staff(session: Session, staff_id: str) -> StaffEntry:
    session.require(Cap.ORG_MANAGE)
    return _staff(session.conn, staff_id)


def staff_for_user(session: Session, user_id: str) -> StaffEntry | None:
    session.require(Cap.ORG_MANAGE)
    row = session.conn.execute(
        f"SELECT {StaffEntry.COLUMNS} FROM {StaffEntry.FROM} WHERE s.user_id = ?", (user_id,)
    ).fetchone()
    return StaffEntry.from_row(row) if row else None


def list_staff(session: Session, *, text: str | None = None) -> list[StaffEntry]:
    """The pool, by name; `text` matches name, username, post or expertise. Audited."""
    session.require(Cap.ORG_MANAGE)
    sql, params = f"SELECT {StaffEntry.COLUMNS} FROM {StaffEntry.FROM}", ()
    if text:
        sql += (
            " WHERE instr(u.display_name, ?) > 0 OR instr(u.username, ?) > 0"
            " OR instr(s.post, ?) > 0 OR instr(s.expertise, ?) > 0"
        )
        params = (text.strip(),) * 4
    rows = session.conn.execute(sql + " ORDER BY u.display_name, u.username", params).fetchall()
    session.audit("staff_view", "staff", "", f"{len(rows)} 人")
    return [StaffEntry.from_row(r) for r in rows]


# ---- recusal declarations ------------------------------------------------------------------------


def declare_recusal(session: Session, staff_id: str, unit_id: str, reason: str) -> Recusal:
    """Record that a staff member has a tie to a unit (e.g. 曾在该单位任职, 近亲属在该单位任职)."""
    session.require(Cap.ORG_MANAGE)
    f.must_exist(session.conn, "staff", staff_id, "人员", field="staff_id")
    f.must_exist(session.conn, "units", unit_id, "单位", field="unit_id")
    reason = f.long_text(reason, "reason", "回避事由", max_len=500)
    if session.conn.execute(
        "SELECT 1 FROM recusals WHERE staff_id = ? AND unit_id = ?", (staff_id, unit_id)
    ).fetchone():
        raise ValidationError("此人已对该单位申报回避。", field="unit_id")
    values = session.record_values()
    with session.transaction() as conn:
        f.insert(conn, "recusals", {**values, "staff_id": staff_id, "unit_id": unit_id, "reason": reason})
        session.audit("recusal_declare", "recusal", values["id"], f"staff {staff_id} unit {unit_id}")
    return _recusal(session.conn, values["id"])


def update_recusal(session: Session, recusal_id: str, reason: str) -> Recusal:
    session.require(Cap.ORG_MANAGE)
    _recusal(session.conn, recusal_id)
    reason = f.long_text(reason, "reason", "回避事由", max_len=500)
    with session.transaction() as conn:
        f.update(conn, "recusals", recusal_id, {"reason": reason})
        session.audit("recusal_update", "recusal", recusal_id)
    return _recusal(session.conn, recusal_id)


def withdraw_recusal(session: Session, recusal_id: str) -> None:
    """Delete a declaration (entered in error, or the tie has ended). Audited."""
    session.require(Cap.ORG_MANAGE)
    current = _recusal(session.conn, recusal_id)
    with session.transaction() as conn:
        f.delete(conn, "recusals", recusal_id, "回避申报")
        session.audit(
            "recusal_withdraw", "recusal", recusal_id, f"staff {current.staff_id} unit {current.unit_id}"
        )


def _recusal(conn, recusal_id: str) -> Recusal:
    row = conn.execute(
        f"SELECT {Recusal.COLUMNS} FROM {Recusal.FROM} WHERE r.id = ?", (recusal_id,)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该回避申报。")
    return Recusal.from_row(row)


def list_recusals(
    session: Session, *, staff_id: str | None = None, unit_id: str | None = None
) -> list[Recusal]:
    """Declarations, filtered by person or unit. Audited."""
    session.require(Cap.ORG_MANAGE)
    sql, params = f"SELECT {Recusal.COLUMNS} FROM {Recusal.FROM} WHERE 1 = 1", ()
    if staff_id is not None:
        sql += " AND r.staff_id = ?"
        params = (*params, staff_id)
    if unit_id is not None:
        sql += " AND r.unit_id = ?"
        params = (*params, unit_id)
    rows = session.conn.execute(sql + " ORDER BY u.username, n.name", params).fetchall()
    session.audit("recusals_view", "recusal", "", f"{len(rows)} 条")
    return [Recusal.from_row(r) for r in rows]


# ---- the rule ------------------------------------------------------------------------------------


def _conflicts(conn, team_id: str, user_ids: Iterable[str], unit_ids: Iterable[str]) -> list[RecusalConflict]:
    users, units = list(dict.fromkeys(user_ids)), list(dict.fromkeys(unit_ids))
    if not users or not units:
        return []
    u_marks, n_marks = ",".join("?" * len(users)), ",".join("?" * len(units))
    rows = conn.execute(
        "SELECT s.user_id, u.username, r.unit_id FROM recusals r JOIN staff s ON s.id = r.staff_id"
        f" JOIN users u ON u.id = s.user_id WHERE s.user_id IN ({u_marks}) AND r.unit_id IN ({n_marks})"
        " AND NOT EXISTS (SELECT 1 FROM recusal_overrides o WHERE o.team_id = ? AND o.user_id = s.user_id"
        " AND o.unit_id = r.unit_id) ORDER BY u.username",
        (*users, *units, team_id),
    ).fetchall()
    return [record(RecusalConflict, r) for r in rows]


def recusal_conflicts(session: Session, team_id: str) -> list[RecusalConflict]:
    """Current clashes on a team without an approved exception (e.g. after a late declaration)."""
    session.require(Cap.ORG_MANAGE)
    conn = session.conn
    users = [r[0] for r in conn.execute("SELECT user_id FROM team_members WHERE team_id = ?", (team_id,))]
    units = [r[0] for r in conn.execute("SELECT unit_id FROM inspections WHERE team_id = ?", (team_id,))]
    return _conflicts(conn, team_id, users, units)


def enforce_recusals(
    session: Session,
    team_id: str,
    user_ids: Iterable[str],
    unit_ids: Iterable[str],
    override_reason: str | None,
) -> int:
    """Refuse the pairing of these people with these units on this team, or record the office's exception.

    Call inside the caller's transaction, before its write. Returns how many exceptions were recorded.
    """
    conflicts = _conflicts(session.conn, team_id, user_ids, unit_ids)
    if not conflicts:
        return 0
    names = "、".join(dict.fromkeys(c.username for c in conflicts))
    if override_reason is None:
        raise Conflict(
            f"账号 {names} 已申报对该被巡察单位回避，不能安排其参加对该单位的巡察。"
            "如确需安排，须由巡察办说明理由、批准回避例外。",
            field="user_id",
        )
    session.require(Cap.RECUSAL_OVERRIDE)
    reason = f.long_text(override_reason, "override_reason", "回避例外的理由", max_len=500)
    for c in conflicts:
        values = session.record_values()
        f.insert(
            session.conn,
            "recusal_overrides",
            {**values, "team_id": team_id, "user_id": c.user_id, "unit_id": c.unit_id, "reason": reason},
        )
        session.audit("recusal_override", "team", team_id, f"{c.username} unit {c.unit_id}")
    return len(conflicts)
