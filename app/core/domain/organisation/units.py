"""Units (被巡察单位) and their leadership (领导班子): people with a position and a top-leader flag.

Writes need Cap.ORG_MANAGE. Reads: the office sees the whole directory; team leaders and members
see only the units their own inspections cover (which units a round looks at is itself sensitive);
administrators see nothing. Viewing the directory or a leadership list is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.core.domain import _fields as f
from app.core.errors import NotFound, ValidationError
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.store.rows import record


class UnitKind(StrEnum):
    DEPARTMENT = "department"
    ENTERPRISE = "enterprise"
    TOWNSHIP = "township"
    VILLAGE = "village"
    OTHER = "other"

    @property
    def label(self) -> str:
        return UNIT_KIND_LABELS[self]


UNIT_KIND_LABELS = {
    UnitKind.DEPARTMENT: "市直部门",
    UnitKind.ENTERPRISE: "国有企业",
    UnitKind.TOWNSHIP: "乡镇街道",
    UnitKind.VILLAGE: "村社区",
    UnitKind.OTHER: "其他",
}


@dataclass
class Unit:
    id: str
    name: str
    kind: UnitKind
    parent_id: str | None

    COLUMNS = "id, name, kind, parent_id"

    @classmethod
    def from_row(cls, row) -> Unit:
        return record(cls, row, kind=UnitKind)


@dataclass
class LeadershipPerson:
    id: str
    unit_id: str
    name: str
    position: str
    is_top_leader: bool
    sort_order: int

    COLUMNS = "id, unit_id, name, position, is_top_leader, sort_order"

    @classmethod
    def from_row(cls, row) -> LeadershipPerson:
        return record(cls, row, is_top_leader=bool, sort_order=int)


# ---- units ---------------------------------------------------------------------------------------


def _unit_input(conn, name, kind, parent_id, exclude_id=None) -> tuple:
    name = f.text(name, "name", "单位名称")
    kind = f.choice(UnitKind, kind, "kind", "单位类别")
    parent_id = parent_id or None
    if parent_id is not None:
        f.must_exist(conn, "units", parent_id, "上级单位", field="parent_id")
        # Walk up from the parent: reaching the unit itself would make a loop.
        current = parent_id
        while current is not None:
            if current == exclude_id:
                raise ValidationError("上级单位不能是本单位或其下级单位。", field="parent_id")
            current = conn.execute("SELECT parent_id FROM units WHERE id = ?", (current,)).fetchone()[0]
    clash = conn.execute("SELECT 1 FROM units WHERE name = ? AND id IS NOT ?", (name, exclude_id)).fetchone()
    if clash:
        raise ValidationError(f"已有名为“{name}”的单位。", field="name")
    return name, kind, parent_id


def create_unit(session: Session, name: str, kind: UnitKind | str, parent_id: str | None = None) -> Unit:
    session.require(Cap.ORG_MANAGE)
    name, kind, parent_id = _unit_input(session.conn, name, kind, parent_id)
    values = session.record_values()
    with session.transaction() as conn:
        f.insert(conn, "units", {**values, "name": name, "kind": kind.value, "parent_id": parent_id})
        session.audit("unit_create", "unit", values["id"], kind.value)
    return _unit(session.conn, values["id"])


def update_unit(
    session: Session, unit_id: str, name: str, kind: UnitKind | str, parent_id: str | None
) -> Unit:
    session.require(Cap.ORG_MANAGE)
    _unit(session.conn, unit_id)
    name, kind, parent_id = _unit_input(session.conn, name, kind, parent_id, exclude_id=unit_id)
    with session.transaction() as conn:
        f.update(conn, "units", unit_id, {"name": name, "kind": kind.value, "parent_id": parent_id})
        session.audit("unit_update", "unit", unit_id, kind.value)
    return _unit(session.conn, unit_id)


def delete_unit(session: Session, unit_id: str) -> None:
    """Refused while the unit has inspections, subordinate units or recusal declarations.

    Its leadership list goes with it.
    """
    session.require(Cap.ORG_MANAGE)
    _unit(session.conn, unit_id)
    with session.transaction() as conn:
        f.refuse_if(
            conn,
            "SELECT count(*) FROM inspections WHERE unit_id = ?",
            (unit_id,),
            "该单位已有 {n} 项巡察记录，不能删除。",
        )
        f.refuse_if(
            conn,
            "SELECT count(*) FROM units WHERE parent_id = ?",
            (unit_id,),
            "该单位下还有 {n} 个下级单位，请先删除或调整它们。",
        )
        f.refuse_if(
            conn,
            "SELECT count(*) FROM recusals WHERE unit_id = ?",
            (unit_id,),
            "有 {n} 条针对该单位的回避申报，不能删除。",
        )
        people = f.count(conn, "SELECT count(*) FROM leadership WHERE unit_id = ?", (unit_id,))
        conn.execute("DELETE FROM leadership WHERE unit_id = ?", (unit_id,))
        f.delete(conn, "units", unit_id, "单位")
        session.audit("unit_delete", "unit", unit_id, f"连同 {people} 名领导班子成员")


def _unit(conn, unit_id: str) -> Unit:
    row = conn.execute(f"SELECT {Unit.COLUMNS} FROM units WHERE id = ?", (unit_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该单位。")
    return Unit.from_row(row)


def list_units(
    session: Session,
    *,
    kind: UnitKind | str | None = None,
    parent_id: str | None = None,
    text: str | None = None,
) -> list[Unit]:
    """The unit directory (filtered by kind, parent, or a name fragment), by kind then name. Audited."""
    where, params = visibility.unit_filter_sql(session, "id")
    sql = f"SELECT {Unit.COLUMNS} FROM units WHERE {where}"
    if kind is not None:
        sql += " AND kind = ?"
        params = (*params, f.choice(UnitKind, kind, "kind", "单位类别").value)
    if parent_id is not None:
        sql += " AND parent_id = ?"
        params = (*params, parent_id)
    if text:
        sql += " AND instr(name, ?) > 0"
        params = (*params, text.strip())
    order = "CASE kind WHEN 'department' THEN 0 WHEN 'enterprise' THEN 1 WHEN 'township' THEN 2"
    order += " WHEN 'village' THEN 3 ELSE 4 END, name"
    rows = session.conn.execute(f"{sql} ORDER BY {order}", params).fetchall()
    session.audit("units_view", "unit", "", f"{len(rows)} 个单位" + ("（检索）" if text else ""))
    return [Unit.from_row(r) for r in rows]


def get_unit(session: Session, unit_id: str) -> Unit:
    """One unit, if visible (NotFound otherwise). Audited."""
    where, params = visibility.unit_filter_sql(session, "id")
    row = session.conn.execute(
        f"SELECT {Unit.COLUMNS} FROM units WHERE id = ? AND {where}", (unit_id, *params)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该单位。")
    session.audit("unit_open", "unit", unit_id)
    return Unit.from_row(row)


# ---- leadership ----------------------------------------------------------------------------------


def _person_input(conn, unit_id, name, position, is_top_leader, exclude_id=None) -> tuple:
    name = f.text(name, "name", "姓名", max_len=40)
    position = f.text(position, "position", "职务", max_len=60)
    if is_top_leader:
        row = conn.execute(
            "SELECT name FROM leadership WHERE unit_id = ? AND is_top_leader = 1 AND id IS NOT ?",
            (unit_id, exclude_id),
        ).fetchone()
        if row:
            raise ValidationError(
                f"该单位已有一把手（{row[0]}），每个单位只能有一名一把手。", field="is_top_leader"
            )
    return name, position


def _sort_order(value) -> int:
    return f.integer(value, "sort_order", "排列顺序", minimum=0, maximum=10_000)


def add_person(
    session: Session,
    unit_id: str,
    name: str,
    position: str,
    *,
    is_top_leader: bool = False,
    sort_order: int | None = None,
) -> LeadershipPerson:
    """Add a member of the unit's leadership; sort_order defaults to the end of the list."""
    session.require(Cap.ORG_MANAGE)
    f.must_exist(session.conn, "units", unit_id, "单位", field="unit_id")
    name, position = _person_input(session.conn, unit_id, name, position, is_top_leader)
    if sort_order is None:
        sort_order = f.count(
            session.conn,
            "SELECT coalesce(max(sort_order), 0) + 1 FROM leadership WHERE unit_id = ?",
            (unit_id,),
        )
    sort_order = _sort_order(sort_order)
    values = session.record_values()
    with session.transaction() as conn:
        f.insert(
            conn,
            "leadership",
            {
                **values,
                "unit_id": unit_id,
                "name": name,
                "position": position,
                "is_top_leader": int(bool(is_top_leader)),
                "sort_order": sort_order,
            },
        )
        session.audit("leadership_add", "unit", unit_id, f"person {values['id']}")
    return _person(session.conn, values["id"])


def update_person(
    session: Session, person_id: str, name: str, position: str, is_top_leader: bool, sort_order: int
) -> LeadershipPerson:
    session.require(Cap.ORG_MANAGE)
    current = _person(session.conn, person_id)
    name, position = _person_input(session.conn, current.unit_id, name, position, is_top_leader, person_id)
    sort_order = _sort_order(sort_order)
    with session.transaction() as conn:
        f.update(
            conn,
            "leadership",
            person_id,
            {
                "name": name,
                "position": position,
                "is_top_leader": int(bool(is_top_leader)),
                "sort_order": sort_order,
            },
        )
        session.audit("leadership_update", "unit", current.unit_id, f"person {person_id}")
    return _person(session.conn, person_id)


def delete_person(session: Session, person_id: str) -> None:
    session.require(Cap.ORG_MANAGE)
    current = _person(session.conn, person_id)
    with session.transaction() as conn:
        f.delete(conn, "leadership", person_id, "领导班子成员")
        session.audit("leadership_delete", "unit", current.unit_id, f"person {person_id}")


def _person(conn, person_id: str) -> LeadershipPerson:
    row = conn.execute(
        f"SELECT {LeadershipPerson.COLUMNS} FROM leadership WHERE id = ?", (person_id,)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该领导班子成员。")
    return LeadershipPerson.from_row(row)


def list_leadership(session: Session, unit_id: str) -> list[LeadershipPerson]:
    """The unit's leadership, top leader first, then by sort order. Audited; NotFound if not visible."""
    where, params = visibility.unit_filter_sql(session, "id")
    visible = session.conn.execute(f"SELECT 1 FROM units WHERE id = ? AND {where}", (unit_id, *params))
    if visible.fetchone() is None:
        raise NotFound("找不到该单位。")
    rows = session.conn.execute(
        f"SELECT {LeadershipPerson.COLUMNS} FROM leadership WHERE unit_id = ?"
        " ORDER BY is_top_leader DESC, sort_order, name",
        (unit_id,),
    ).fetchall()
    session.audit("leadership_view", "unit", unit_id, f"{len(rows)} 人")
    return [LeadershipPerson.from_row(r) for r in rows]
