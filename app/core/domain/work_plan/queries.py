"""Reading the work plan: its versions (newest first), one version, the current one, and what the form
offers (the focus presets from the classification schemes, the team's members, the usual groups).

Need to know as for talks; opening a version is audited with its number only.
"""

from __future__ import annotations

import json

from app.core.domain.work_plan.types import Group, GroupMember, Phase, WorkPlan
from app.core.errors import NotFound
from app.core.security import visibility
from app.core.session import Session

NOT_FOUND = "找不到该巡察工作方案，或您不在其知悉范围内。"

_SELECT = (
    "SELECT p.id, p.inspection_id, p.version, p.title, p.aims, p.focus, p.schedule, p.groups_json, p.issuer,"
    " p.issued_on, p.note, p.classification, p.protection_years, p.created_at,"
    " coalesce(us.display_name, '') AS author, un.name AS unit_name, tm.name AS team_name"
    " FROM work_plans p JOIN inspections i ON i.id = p.inspection_id JOIN units un ON un.id = i.unit_id"
    " JOIN teams tm ON tm.id = i.team_id LEFT JOIN users us ON us.id = p.author_id"
)


def _plan(row) -> WorkPlan:
    groups = [
        Group(
            g["name"],
            g.get("duties", ""),
            [GroupMember(m["name"], m.get("user_id")) for m in g.get("members", [])],
        )
        for g in json.loads(row["groups_json"])
    ]
    return WorkPlan(
        id=row["id"],
        inspection_id=row["inspection_id"],
        version=row["version"],
        title=row["title"],
        aims=row["aims"],
        focus=json.loads(row["focus"]),
        schedule=[
            Phase(p["name"], p["start"], p["end"], p.get("tasks", "")) for p in json.loads(row["schedule"])
        ],
        groups=groups,
        issuer=row["issuer"],
        issued_on=row["issued_on"],
        note=row["note"],
        classification=row["classification"],
        protection_years=row["protection_years"],
        author=row["author"],
        created_at=row["created_at"],
        unit_name=row["unit_name"],
        team_name=row["team_name"],
    )


def fetch_version(session: Session, plan_id: str) -> WorkPlan:
    """One version if the session may know it (NotFound otherwise); not audited."""
    where, params = visibility.inspection_filter_sql(session, "p.inspection_id")
    level, levels = visibility.clearance_filter_sql(session, "p.classification")
    row = session.conn.execute(
        f"{_SELECT} WHERE p.id = ? AND {where} AND {level}", (plan_id, *params, *levels)
    ).fetchone()
    if row is None:
        raise NotFound(NOT_FOUND)
    return _plan(row)


def get_version(session: Session, plan_id: str) -> WorkPlan:
    plan = fetch_version(session, plan_id)
    session.audit("work_plan_view", "work_plan", plan_id, f"第{plan.version}版")
    return plan


def versions(session: Session, inspection_id: str) -> list[WorkPlan]:
    """Every version of the inspection's plan the session may read, newest first; not audited."""
    visibility.require_inspection_visible(session, inspection_id)
    level, levels = visibility.clearance_filter_sql(session, "p.classification")
    rows = session.conn.execute(
        f"{_SELECT} WHERE p.inspection_id = ? AND {level} ORDER BY p.version DESC", (inspection_id, *levels)
    ).fetchall()
    return [_plan(r) for r in rows]


def current_plan(session: Session, inspection_id: str) -> WorkPlan | None:
    """The latest version, or None while there is none."""
    found = versions(session, inspection_id)
    return found[0] if found else None


def team_people(session: Session, inspection_id: str) -> list[GroupMember]:
    """The members of the inspection's team (leader first), to put into groups."""
    visibility.require_inspection_visible(session, inspection_id)
    rows = session.conn.execute(
        "SELECT u.id, u.display_name FROM inspections i JOIN team_members m ON m.team_id = i.team_id"
        " JOIN users u ON u.id = m.user_id WHERE i.id = ?"
        " ORDER BY CASE m.position WHEN 'leader' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, u.display_name",
        (inspection_id,),
    ).fetchall()
    return [GroupMember(r["display_name"], r["id"]) for r in rows]


def focus_presets(session: Session) -> list[str]:
    """The headings and categories of the active primary classification schemes ('四个聚焦 › …')."""
    visibility.require_case_read(session)
    out: list[str] = []
    schemes = session.conn.execute(
        "SELECT id, name FROM classification_schemes WHERE active = 1 AND role = 'primary' ORDER BY sort_order, name"
    ).fetchall()
    for scheme in schemes:
        for node in session.conn.execute(
            "SELECT name FROM classification_nodes WHERE scheme_id = ? AND parent_id IS NULL AND retired = 0"
            " ORDER BY sort_order, name",
            (scheme["id"],),
        ):
            out.append(node["name"])
    return out
