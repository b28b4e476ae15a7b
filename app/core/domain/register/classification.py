"""Classification frameworks for findings (四个聚焦, 四个落实, 三大问题, ...): data the office edits.

A scheme is the heading of a two-level tree: categories (parent None) and their sub-categories. The
frameworks ship as JSON presets in resources/presets/classification/ and are imported into the
database, where the office may rename, add, reorder and retire nodes (Cap.ORG_MANAGE). A node that
an issue uses is retired rather than deleted, so old ledgers keep their wording.

Reads need any case-reading capability (the tree holds no case data, so reading is not audited);
administrators read nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from app.core.domain import _fields as f
from app.core.errors import Conflict, NotFound, ValidationError
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session
from app.paths import resource


class SchemeRole(StrEnum):
    PRIMARY = "primary"  # the category comes from one of these
    SECONDARY = "secondary"  # an optional secondary tag (六项纪律)

    @property
    def label(self) -> str:
        return {SchemeRole.PRIMARY: "主分类", SchemeRole.SECONDARY: "辅助标签"}[self]


@dataclass
class Node:
    id: str
    scheme_id: str
    parent_id: str | None
    name: str
    retired: bool
    sort_order: int
    children: list[Node] = field(default_factory=list)

    COLUMNS = "id, scheme_id, parent_id, name, retired, sort_order"

    @classmethod
    def from_row(cls, row) -> Node:
        return cls(
            id=row["id"],
            scheme_id=row["scheme_id"],
            parent_id=row["parent_id"],
            name=row["name"],
            retired=bool(row["retired"]),
            sort_order=int(row["sort_order"]),
        )


@dataclass
class Scheme:
    id: str
    key: str
    name: str
    description: str
    role: SchemeRole
    active: bool
    sort_order: int
    categories: list[Node] = field(default_factory=list)  # filled by get_tree / list_schemes(tree=True)

    COLUMNS = "id, key, name, description, role, active, sort_order"

    @classmethod
    def from_row(cls, row) -> Scheme:
        return cls(
            id=row["id"],
            key=row["key"],
            name=row["name"],
            description=row["description"],
            role=SchemeRole(row["role"]),
            active=bool(row["active"]),
            sort_order=int(row["sort_order"]),
        )


def presets_dir() -> Path:
    return resource("presets", "classification")


# ---- reading -------------------------------------------------------------------------------------


def list_schemes(session: Session, *, tree: bool = False, include_inactive: bool = True) -> list[Scheme]:
    """All schemes in display order; with tree=True each carries its categories and sub-categories."""
    visibility.require_case_read(session)
    sql = f"SELECT {Scheme.COLUMNS} FROM classification_schemes"
    if not include_inactive:
        sql += " WHERE active = 1"
    schemes = [Scheme.from_row(r) for r in session.conn.execute(sql + " ORDER BY sort_order, name")]
    if tree:
        for scheme in schemes:
            scheme.categories = _tree(session.conn, scheme.id)
    return schemes


def get_tree(session: Session, scheme_id: str) -> Scheme:
    visibility.require_case_read(session)
    scheme = _scheme(session.conn, scheme_id)
    scheme.categories = _tree(session.conn, scheme_id)
    return scheme


def get_node(session: Session, node_id: str) -> Node:
    visibility.require_case_read(session)
    return _node(session.conn, node_id)


def node_path(session: Session, node_id: str) -> str:
    """'四个聚焦 › 聚焦基层党组织建设 › 选人用人问题' for display."""
    visibility.require_case_read(session)
    return path_text(session.conn, node_id)


def path_text(conn, node_id: str | None) -> str:
    if not node_id:
        return ""
    names: list[str] = []
    row = conn.execute(
        "SELECT scheme_id, parent_id, name FROM classification_nodes WHERE id = ?", (node_id,)
    ).fetchone()
    scheme_id = row["scheme_id"] if row else None
    while row is not None:
        names.insert(0, row["name"])
        row = (
            conn.execute(
                "SELECT scheme_id, parent_id, name FROM classification_nodes WHERE id = ?",
                (row["parent_id"],),
            ).fetchone()
            if row["parent_id"]
            else None
        )
    scheme = conn.execute("SELECT name FROM classification_schemes WHERE id = ?", (scheme_id,)).fetchone()
    return " › ".join(([scheme["name"]] if scheme else []) + names)


def _tree(conn, scheme_id: str) -> list[Node]:
    rows = conn.execute(
        f"SELECT {Node.COLUMNS} FROM classification_nodes WHERE scheme_id = ? ORDER BY sort_order, name",
        (scheme_id,),
    ).fetchall()
    nodes = [Node.from_row(r) for r in rows]
    by_id = {n.id: n for n in nodes}
    top: list[Node] = []
    for node in nodes:
        if node.parent_id is None:
            top.append(node)
        elif node.parent_id in by_id:
            by_id[node.parent_id].children.append(node)
    return top


def _scheme(conn, scheme_id: str) -> Scheme:
    row = conn.execute(
        f"SELECT {Scheme.COLUMNS} FROM classification_schemes WHERE id = ?", (scheme_id,)
    ).fetchone()
    if row is None:
        raise NotFound("找不到该分类框架。")
    return Scheme.from_row(row)


def _node(conn, node_id: str) -> Node:
    row = conn.execute(f"SELECT {Node.COLUMNS} FROM classification_nodes WHERE id = ?", (node_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该分类。")
    return Node.from_row(row)


# ---- presets -------------------------------------------------------------------------------------


def available_presets() -> list[dict]:
    """The shipped presets (parsed JSON), ordered as they should appear."""
    presets = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(presets_dir().glob("*.json"))]
    return sorted(presets, key=lambda p: (p.get("sort_order", 0), p["key"]))


def install_presets(session: Session) -> list[Scheme]:
    """Import every shipped preset whose key is not in the database yet; returns those imported.

    Idempotent: an edited tree is never overwritten by a later call.
    """
    session.require(Cap.ORG_MANAGE)
    imported = []
    for preset in available_presets():
        exists = session.conn.execute(
            "SELECT 1 FROM classification_schemes WHERE key = ?", (preset["key"],)
        ).fetchone()
        if not exists:
            imported.append(import_preset(session, preset))
    return imported


def import_preset(session: Session, preset: dict) -> Scheme:
    """Import one preset tree: {key, name, description, role, sort_order, categories: [{name, children}]}.

    A child is a name or {"name": ...}. Refused (Conflict) when the key is already present.
    """
    session.require(Cap.ORG_MANAGE)
    key = f.text(preset.get("key"), "key", "分类框架代码", max_len=60)
    name = f.text(preset.get("name"), "name", "分类框架名称", max_len=60)
    role = f.choice(SchemeRole, preset.get("role", "primary"), "role", "分类框架用途")
    categories = preset.get("categories") or []
    if not isinstance(categories, list):
        raise ValidationError("分类框架的类别须为列表。", field="categories")
    if session.conn.execute("SELECT 1 FROM classification_schemes WHERE key = ?", (key,)).fetchone():
        raise Conflict(f"分类框架“{name}”已导入。")
    scheme_values = session.record_values()
    count = 0
    with session.transaction() as conn:
        f.insert(
            conn,
            "classification_schemes",
            {
                **scheme_values,
                "key": key,
                "name": name,
                "description": f.long_text(preset.get("description"), "description", "说明", required=False),
                "role": role.value,
                "active": 1,
                "sort_order": f.integer(
                    preset.get("sort_order", 0), "sort_order", "排序", minimum=-(10**6), maximum=10**6
                ),
            },
        )
        for i, category in enumerate(categories):
            cat_id = _insert_node(session, conn, scheme_values["id"], None, _child_name(category), i)
            count += 1
            for j, child in enumerate(category.get("children", []) if isinstance(category, dict) else []):
                _insert_node(session, conn, scheme_values["id"], cat_id, _child_name(child), j)
                count += 1
        session.audit(
            "classification_import", "classification_scheme", scheme_values["id"], f"{count} 个分类"
        )
    return get_tree(session, scheme_values["id"])


def _child_name(item) -> str:
    raw = item.get("name") if isinstance(item, dict) else item
    return f.text(raw, "name", "分类名称", max_len=80)


def _insert_node(session: Session, conn, scheme_id: str, parent_id: str | None, name: str, order: int) -> str:
    values = session.record_values()
    f.insert(
        conn,
        "classification_nodes",
        {
            **values,
            "scheme_id": scheme_id,
            "parent_id": parent_id,
            "name": name,
            "retired": 0,
            "sort_order": order,
        },
    )
    return values["id"]


# ---- editing the tree (the office) ---------------------------------------------------------------


def update_scheme(
    session: Session, scheme_id: str, *, name: str, description: str = "", active: bool = True
) -> Scheme:
    session.require(Cap.ORG_MANAGE)
    _scheme(session.conn, scheme_id)
    name = f.text(name, "name", "分类框架名称", max_len=60)
    description = f.long_text(description, "description", "说明", required=False)
    with session.transaction() as conn:
        f.update(
            conn,
            "classification_schemes",
            scheme_id,
            {"name": name, "description": description, "active": int(active)},
        )
        session.audit("classification_update", "classification_scheme", scheme_id)
    return get_tree(session, scheme_id)


def add_node(session: Session, scheme_id: str, name: str, parent_id: str | None = None) -> Node:
    """Add a category (parent_id None) or a sub-category under a category, at the end."""
    session.require(Cap.ORG_MANAGE)
    _scheme(session.conn, scheme_id)
    name = f.text(name, "name", "分类名称", max_len=80)
    if parent_id:
        parent = _node(session.conn, parent_id)
        if parent.scheme_id != scheme_id:
            raise ValidationError("上级分类不属于该分类框架。", field="parent_id")
        if parent.parent_id is not None:
            raise ValidationError("分类只有两级：子类下不能再分。", field="parent_id")
    _refuse_sibling_name(session.conn, scheme_id, parent_id or None, name)
    order = f.count(
        session.conn,
        "SELECT coalesce(max(sort_order) + 1, 0) FROM classification_nodes WHERE scheme_id = ? AND parent_id IS ?",
        (scheme_id, parent_id or None),
    )
    with session.transaction() as conn:
        node_id = _insert_node(session, conn, scheme_id, parent_id or None, name, order)
        session.audit("classification_node_add", "classification_node", node_id)
    return _node(session.conn, node_id)


def rename_node(session: Session, node_id: str, name: str) -> Node:
    session.require(Cap.ORG_MANAGE)
    node = _node(session.conn, node_id)
    name = f.text(name, "name", "分类名称", max_len=80)
    _refuse_sibling_name(session.conn, node.scheme_id, node.parent_id, name, exclude_id=node_id)
    with session.transaction() as conn:
        f.update(conn, "classification_nodes", node_id, {"name": name})
        session.audit("classification_node_rename", "classification_node", node_id)
    return _node(session.conn, node_id)


def move_node(session: Session, node_id: str, position: int) -> Node:
    """Move a node to `position` (0-based) among its siblings."""
    session.require(Cap.ORG_MANAGE)
    node = _node(session.conn, node_id)
    position = f.integer(position, "position", "位置", minimum=-(10**6), maximum=10**6)
    siblings = [
        r["id"]
        for r in session.conn.execute(
            "SELECT id FROM classification_nodes WHERE scheme_id = ? AND parent_id IS ? ORDER BY sort_order, name",
            (node.scheme_id, node.parent_id),
        )
    ]
    siblings.remove(node_id)
    siblings.insert(max(0, min(position, len(siblings))), node_id)
    with session.transaction() as conn:
        for i, sid in enumerate(siblings):
            conn.execute("UPDATE classification_nodes SET sort_order = ? WHERE id = ?", (i, sid))
        session.audit("classification_node_move", "classification_node", node_id, f"位置 {position}")
    return _node(session.conn, node_id)


def set_retired(session: Session, node_id: str, retired: bool = True) -> Node:
    """Retire (hide from new issues) or restore a node; issues keep showing it."""
    session.require(Cap.ORG_MANAGE)
    _node(session.conn, node_id)
    with session.transaction() as conn:
        f.update(conn, "classification_nodes", node_id, {"retired": int(retired)})
        session.audit(
            "classification_node_retire" if retired else "classification_node_restore",
            "classification_node",
            node_id,
        )
    return _node(session.conn, node_id)


def delete_node(session: Session, node_id: str) -> None:
    """Delete an unused node (and its unused sub-categories); a node in use must be retired instead."""
    session.require(Cap.ORG_MANAGE)
    _node(session.conn, node_id)
    ids = [node_id] + [
        r["id"]
        for r in session.conn.execute("SELECT id FROM classification_nodes WHERE parent_id = ?", (node_id,))
    ]
    marks = ",".join("?" for _ in ids)
    used = f.count(
        session.conn,
        f"SELECT count(*) FROM issues WHERE category_id IN ({marks}) OR subcategory_id IN ({marks})"
        f" OR secondary_id IN ({marks})",
        tuple(ids) * 3,
    )
    if used:
        raise Conflict(f"该分类已被 {used} 个问题使用，不能删除；可以停用。")
    with session.transaction() as conn:
        conn.execute(f"DELETE FROM classification_nodes WHERE id IN ({marks}) AND id != ?", (*ids, node_id))
        conn.execute("DELETE FROM classification_nodes WHERE id = ?", (node_id,))
        session.audit("classification_node_delete", "classification_node", node_id, f"{len(ids)} 个分类")


def _refuse_sibling_name(
    conn, scheme_id: str, parent_id: str | None, name: str, exclude_id: str | None = None
) -> None:
    clash = conn.execute(
        "SELECT 1 FROM classification_nodes WHERE scheme_id = ? AND parent_id IS ? AND name = ? AND id IS NOT ?",
        (scheme_id, parent_id, name, exclude_id),
    ).fetchone()
    if clash:
        raise ValidationError(f"同一级下已有“{name}”。", field="name")


def check_placement(
    conn, category_id: str | None, subcategory_id: str | None, secondary_id: str | None
) -> None:
    """Validate an issue's classification: a live primary category, its own sub-category, a secondary tag."""
    if subcategory_id and not category_id:
        raise ValidationError("选择子类前请先选择类别。", field="category_id")
    if category_id:
        row = conn.execute(
            "SELECT n.parent_id, n.retired, s.role FROM classification_nodes n"
            " JOIN classification_schemes s ON s.id = n.scheme_id WHERE n.id = ?",
            (category_id,),
        ).fetchone()
        if row is None or row["parent_id"] is not None:
            raise ValidationError("请选择有效的问题类别。", field="category_id")
        if row["role"] != SchemeRole.PRIMARY:
            raise ValidationError("问题类别须取自主分类框架。", field="category_id")
    if subcategory_id:
        row = conn.execute(
            "SELECT parent_id FROM classification_nodes WHERE id = ?", (subcategory_id,)
        ).fetchone()
        if row is None or row["parent_id"] != category_id:
            raise ValidationError("子类须属于所选类别。", field="subcategory_id")
    if secondary_id:
        row = conn.execute(
            "SELECT s.role FROM classification_nodes n JOIN classification_schemes s ON s.id = n.scheme_id"
            " WHERE n.id = ?",
            (secondary_id,),
        ).fetchone()
        if row is None:
            raise ValidationError("请选择有效的辅助标签。", field="secondary_id")
