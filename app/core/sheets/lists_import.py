"""Importing unit lists (with their leadership) and team member lists from sheets laid out freely.

The first visible sheet is read. Its header row is found (the first of the top rows with at least
two texts — title rows above it are skipped) and the user maps its columns to our fields once: the
mapping is remembered in the database under the fingerprint of the header row, so the next file
with the same header comes in without asking. Until then, columns are suggested from their names.

Unit list: one row per leadership member (a unit with nobody listed may have a row of its own). An
empty unit cell repeats the unit above (merged cells read that way). New units are created, a
unit's category may change; people are matched by unit and name — new ones are added, a changed
post or top-leader flag is updated. Team list: teams of one round matched by name (new ones are
created); people must already be accounts in the staff pool, matched by display name or user name;
new members are added, a changed position is updated. Every rule of the domain (one top leader,
recusals, one team per round, leader role) is checked in the trial run and shown as a refusal.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from app.core.domain.organisation import teams, units
from app.core.domain.organisation.teams import TeamPosition
from app.core.domain.organisation.units import UnitKind
from app.core.errors import ValidationError
from app.core.imports.limits import ImportRefused
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.sheets import reader
from app.core.sheets.plan import Finding, ImportPreview, ImportResult, Op, apply, trial_run

UNIT_LIST = "unit_list"
TEAM_LIST = "team_list"


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    required: bool
    synonyms: tuple[str, ...]


FIELDS: dict[str, list[Field]] = {
    UNIT_LIST: [
        Field("unit", "单位名称", True, ("单位名称", "单位", "被巡察单位", "单位全称", "部门")),
        Field("kind", "单位类别", False, ("单位类别", "类别", "单位类型", "类型")),
        Field("parent", "上级单位", False, ("上级单位", "所属单位", "隶属", "上级")),
        Field("name", "姓名", False, ("姓名", "领导姓名", "班子成员", "人员")),
        Field("position", "职务", False, ("职务", "现任职务", "职位", "党内职务")),
        Field("top", "是否一把手", False, ("是否一把手", "一把手", "主要负责人", "是否主要负责人")),
    ],
    TEAM_LIST: [
        Field("team", "巡察组", True, ("巡察组", "组别", "所在组", "组名")),
        Field("name", "姓名", True, ("姓名", "人员", "组员姓名", "账号")),
        Field("position", "组内职务", False, ("组内职务", "职务", "组内分工", "分工", "角色")),
    ],
}
KIND_LABELS = {UNIT_LIST: "单位名单", TEAM_LIST: "巡察组人员名单"}

_UNIT_KINDS = (
    {k.label: k for k in UnitKind}
    | {
        "部门": UnitKind.DEPARTMENT,
        "市直单位": UnitKind.DEPARTMENT,
        "国企": UnitKind.ENTERPRISE,
        "企业": UnitKind.ENTERPRISE,
        "乡镇": UnitKind.TOWNSHIP,
        "街道": UnitKind.TOWNSHIP,
        "村": UnitKind.VILLAGE,
        "社区": UnitKind.VILLAGE,
        "村（社区）": UnitKind.VILLAGE,
    }
    | {k.value: k for k in UnitKind}
)
_POSITIONS = (
    {p.label: p for p in TeamPosition} | {p.value: p for p in TeamPosition} | {"成员": TeamPosition.MEMBER}
)
_YES = {"是", "√", "✓", "Y", "y", "YES", "yes", "1", "TRUE", "true", "一把手", "主要负责人"}
_NO = {"", "否", "×", "N", "n", "NO", "no", "0", "FALSE", "false"}


@dataclass
class SheetLayout:
    """What the mapping page shows: the header row, suggested or remembered columns, a sample."""

    kind: str
    sheet: str
    header_row: int  # 1-based
    headers: list[str]
    signature: str
    mapping: dict[str, int | None]  # field key -> 0-based column, or None
    remembered: bool
    sample: list[list[str]]
    fields: list[Field]


def _require(session: Session, kind: str) -> None:
    if kind not in FIELDS:
        raise ValidationError("不支持该名单类型。", field="kind")
    session.require(Cap.ORG_MANAGE)


def _sheet(data: bytes) -> reader.SheetRows:
    sheets = reader.read_sheets(data, first_only=True)
    if not sheets:
        raise ImportRefused("该工作簿中没有可读取的工作表。")
    return next(iter(sheets.values()))


def _header_index(rows: list[tuple]) -> int:
    for k, row in enumerate(rows[:10]):
        if sum(1 for v in row if isinstance(v, str) and v.strip()) >= 2:
            return k
    raise ImportRefused("没有找到表头行（前 10 行中应有一行写明各列的名称）。")


def _signature(kind: str, headers: list[str]) -> str:
    return hashlib.sha256(json.dumps([kind, headers], ensure_ascii=False).encode()).hexdigest()


def _suggest(fields: list[Field], headers: list[str]) -> dict[str, int | None]:
    mapping: dict[str, int | None] = {}
    taken: set[int] = set()
    for fld in fields:
        mapping[fld.key] = None
        for syn in fld.synonyms:
            for k, h in enumerate(headers):
                if k not in taken and h.replace(" ", "") == syn:
                    mapping[fld.key] = k
                    taken.add(k)
                    break
            if mapping[fld.key] is not None:
                break
    return mapping


def inspect_sheet(session: Session, kind: str, data: bytes) -> SheetLayout:
    """The layout of a list file: header, the remembered (or suggested) mapping and a sample."""
    _require(session, kind)
    sheet = _sheet(data)
    at = _header_index(sheet.rows)
    headers = [reader.text(v) for v in sheet.rows[at]]
    while headers and not headers[-1]:
        headers.pop()
    signature = _signature(kind, headers)
    row = session.conn.execute(
        "SELECT mapping FROM sheet_mappings WHERE kind = ? AND signature = ?", (kind, signature)
    ).fetchone()
    fields = FIELDS[kind]
    if row:
        stored = json.loads(row[0])
        mapping = {f.key: stored.get(f.key) for f in fields}
    else:
        mapping = _suggest(fields, headers)
    sample = [[reader.text(v) for v in r[: len(headers)]] for r in sheet.rows[at + 1 : at + 6]]
    return SheetLayout(kind, sheet.name, at + 1, headers, signature, mapping, bool(row), sample, fields)


def _check_mapping(kind: str, headers: list[str], mapping: dict) -> dict[str, int | None]:
    clean: dict[str, int | None] = {}
    used: dict[int, str] = {}
    for fld in FIELDS[kind]:
        value = mapping.get(fld.key)
        if value is None or value == "":
            if fld.required:
                raise ValidationError(f"请指定“{fld.label}”在哪一列。", field=f"map_{fld.key}")
            clean[fld.key] = None
            continue
        if not isinstance(value, int) or not 0 <= value < len(headers):
            raise ValidationError(f"“{fld.label}”对应的列不存在。", field=f"map_{fld.key}")
        if value in used:
            raise ValidationError(f"“{fld.label}”和“{used[value]}”不能对应同一列。", field=f"map_{fld.key}")
        used[value] = fld.label
        clean[fld.key] = value
    return clean


def preview_list(
    session: Session,
    kind: str,
    data: bytes,
    mapping: dict | None = None,
    *,
    round_id: str | None = None,
    file_name: str = "",
) -> ImportPreview:
    """Every change a unit list or team list would make, and every row refused; changes nothing."""
    _require(session, kind)
    if kind == TEAM_LIST:
        if (
            not round_id
            or session.conn.execute("SELECT 1 FROM rounds WHERE id = ?", (round_id,)).fetchone() is None
        ):
            raise ValidationError("请选择巡察组所属的轮次。", field="round_id")
    layout = inspect_sheet(session, kind, data)
    if mapping is None:
        if not layout.remembered:
            raise ValidationError("请先指定各列对应的内容（列对应关系只需指定一次）。", field="mapping")
        mapping = layout.mapping
    mapping = _check_mapping(kind, layout.headers, mapping)
    sheet = _sheet(data)
    preview = ImportPreview(kind, reader.sha256(data), file_name, 0, round_id=round_id)
    preview.mapping = mapping
    preview.mapping_key = (kind, layout.signature, json.dumps(layout.headers, ensure_ascii=False))
    body = [(layout.header_row + 1 + k, row) for k, row in enumerate(sheet.rows[layout.header_row :])]
    if kind == UNIT_LIST:
        _plan_units(session, preview, sheet.name, body, mapping, layout.headers)
    else:
        _plan_team(session, preview, sheet.name, body, mapping, layout.headers, round_id)
    trial_run(session, preview)
    session.audit("sheet_import_preview", kind, "", preview.summary())
    return preview


def apply_list(session: Session, preview: ImportPreview) -> ImportResult:
    if preview.kind not in FIELDS:
        raise ValidationError("这不是名单的导入预览。", field="preview")
    kind = preview.kind
    return apply(session, preview, lambda s: _require(s, kind))


def _col(headers: list[str], index: int | None) -> str:
    if index is None:
        return ""
    name = headers[index] if index < len(headers) else ""
    return f"{reader.column_letter(index)}（{name}）"


# ---- unit lists ----------------------------------------------------------------------------------


def _plan_units(session, preview, sheet, body, mp, headers) -> None:
    conn = session.conn
    existing = {
        r["name"]: (r["id"], UnitKind(r["kind"])) for r in conn.execute("SELECT id, name, kind FROM units")
    }
    people: dict[tuple[str, str], tuple[str, str, bool]] = {}
    for p in conn.execute("SELECT id, unit_id, name, position, is_top_leader FROM leadership"):
        people[(p["unit_id"], p["name"])] = (p["id"], p["position"], bool(p["is_top_leader"]))
    new_units: dict[str, Finding] = {}
    tops: dict[str, str] = {}  # unit name -> the top leader's name, as the file would leave it
    for (unit_id, name), (_, _, top) in people.items():
        if top:
            tops.setdefault(next((n for n, (i, _) in existing.items() if i == unit_id), ""), name)
    seen_people: set[tuple[str, str]] = set()
    last_unit = ""
    for row_no, row in body:
        values = {k: reader.text(reader.cell(row, i)) for k, i in mp.items()}
        if not any(values.values()):
            continue
        preview.rows_read += 1
        unit_name = values["unit"] or (last_unit if values.get("name") else "")
        if not unit_name:
            preview.refuse(sheet, row_no, _col(headers, mp["unit"]), "", "单位名称为空。")
            continue
        last_unit = unit_name
        if len(unit_name) > 100:
            preview.refuse(
                sheet, row_no, _col(headers, mp["unit"]), unit_name[:20], "单位名称超过 100 个字。"
            )
            continue
        kind_text = values.get("kind", "")
        kind = _UNIT_KINDS.get(kind_text.replace(" ", "")) if kind_text else None
        if kind_text and kind is None:
            preview.refuse(
                sheet, row_no, _col(headers, mp["kind"]), unit_name,
                f"单位类别“{kind_text[:20]}”无法识别，须为 {'、'.join(UnitKind(k).label for k in UnitKind)} 之一。",
            )  # fmt: skip
            continue
        if unit_name not in existing and unit_name not in new_units:
            parent = values.get("parent", "")
            if parent and parent not in existing and parent not in new_units:
                preview.refuse(
                    sheet,
                    row_no,
                    _col(headers, mp["parent"]),
                    unit_name,
                    f"上级单位“{parent[:30]}”不存在（须先列出）。",
                )
                continue
            finding = Finding(sheet, row_no, _col(headers, mp["unit"]), unit_name, "新增单位", "", unit_name)
            new_units[unit_name] = finding
            preview.ops.append(
                Op(finding, "unit", _create_unit(unit_name, kind or UnitKind.OTHER, parent or None))
            )
        elif unit_name in existing and kind is not None and existing[unit_name][1] is not kind:
            uid, old_kind = existing[unit_name]
            finding = Finding(
                sheet, row_no, _col(headers, mp["kind"]), unit_name, "单位类别", old_kind.label, kind.label
            )
            preview.ops.append(Op(finding, "unit", _update_unit_kind(uid, kind)))
            existing[unit_name] = (uid, kind)
        name = values.get("name", "")
        if not name:
            continue
        position = values.get("position", "")
        top_text = values.get("top", "")
        if top_text not in _YES and top_text not in _NO:
            preview.refuse(
                sheet,
                row_no,
                _col(headers, mp["top"]),
                f"{unit_name} {name}",
                "是否一把手须填“是”或“否”。",
                top_text,
            )
            continue
        top = top_text in _YES
        if (unit_name, name) in seen_people:
            preview.refuse(
                sheet,
                row_no,
                _col(headers, mp["name"]),
                f"{unit_name} {name}",
                "同一单位的同一人重复列出，未导入这一行。",
            )
            continue
        seen_people.add((unit_name, name))
        if top and tops.get(unit_name) not in (None, name):
            preview.refuse(
                sheet, row_no, _col(headers, mp["top"]), f"{unit_name} {name}",
                f"该单位已有一把手（{tops[unit_name]}），每个单位只能有一名一把手。",
            )  # fmt: skip
            continue
        if top:
            tops[unit_name] = name
        target = f"{unit_name} {name}"
        uid = existing.get(unit_name, (None,))[0]
        current = people.get((uid, name)) if uid else None
        if current is None:
            if not position:
                preview.refuse(sheet, row_no, _col(headers, mp["position"]), target, "请填写职务。")
                continue
            finding = Finding(
                sheet,
                row_no,
                _col(headers, mp["name"]),
                target,
                "新增领导班子成员",
                "",
                f"{position}{'（一把手）' if top else ''}",
            )
            preview.ops.append(Op(finding, "person", _add_person(unit_name, name, position, top)))
        else:
            pid, old_position, old_top = current
            new_position = position or old_position
            if new_position != old_position or top != old_top:
                finding = Finding(
                    sheet, row_no, _col(headers, mp["position"]), target, "职务变更",
                    f"{old_position}{'（一把手）' if old_top else ''}", f"{new_position}{'（一把手）' if top else ''}",
                )  # fmt: skip
                preview.ops.append(Op(finding, "person", _update_person(pid, name, new_position, top)))


def _unit_id(session: Session, ctx: dict, name: str) -> str:
    if name in ctx.setdefault("units", {}):
        return ctx["units"][name]
    row = session.conn.execute("SELECT id FROM units WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise ValidationError(f"单位“{name}”不存在。", field="unit")
    return row[0]


def _create_unit(name: str, kind: UnitKind, parent: str | None):
    def run(session, ctx):
        parent_id = _unit_id(session, ctx, parent) if parent else None
        unit = units.create_unit(session, name, kind, parent_id)
        ctx.setdefault("units", {})[name] = unit.id
        return "unit", unit.id

    return run


def _update_unit_kind(unit_id: str, kind: UnitKind):
    def run(session, ctx):
        current = units._unit(session.conn, unit_id)
        units.update_unit(session, unit_id, current.name, kind, current.parent_id)
        return "unit", unit_id

    return run


def _add_person(unit_name: str, name: str, position: str, top: bool):
    def run(session, ctx):
        person = units.add_person(
            session, _unit_id(session, ctx, unit_name), name, position, is_top_leader=top
        )
        return "leadership", person.id

    return run


def _update_person(person_id: str, name: str, position: str, top: bool):
    def run(session, ctx):
        current = units._person(session.conn, person_id)
        units.update_person(session, person_id, name, position, top, current.sort_order)
        return "leadership", person_id

    return run


# ---- team lists ----------------------------------------------------------------------------------


def _plan_team(session, preview, sheet, body, mp, headers, round_id) -> None:
    conn = session.conn
    team_ids = {
        r["name"]: r["id"] for r in conn.execute("SELECT id, name FROM teams WHERE round_id = ?", (round_id,))
    }
    pool = conn.execute(
        "SELECT u.id, u.username, u.display_name FROM staff s JOIN users u ON u.id = s.user_id WHERE u.disabled = 0"
    ).fetchall()
    by_username = {r["username"]: r["id"] for r in pool}
    by_name: dict[str, list[str]] = {}
    for r in pool:
        by_name.setdefault(r["display_name"], []).append(r["id"])
    members = {
        (r["team_id"], r["user_id"]): (r["id"], TeamPosition(r["position"]))
        for r in conn.execute(
            "SELECT m.team_id, m.user_id, m.id, m.position FROM team_members m JOIN teams t ON t.id = m.team_id"
            " WHERE t.round_id = ?",
            (round_id,),
        )
    }
    new_teams: set[str] = set()
    seen: set[str] = set()
    last_team = ""
    for row_no, row in body:
        values = {k: reader.text(reader.cell(row, i)) for k, i in mp.items()}
        if not any(values.values()):
            continue
        preview.rows_read += 1
        team = values["team"] or last_team
        if not team:
            preview.refuse(sheet, row_no, _col(headers, mp["team"]), "", "巡察组为空。")
            continue
        last_team = team
        person = values["name"]
        target = f"{team} {person}"
        if not person:
            preview.refuse(sheet, row_no, _col(headers, mp["name"]), team, "姓名为空。")
            continue
        ids = [by_username[person]] if person in by_username else by_name.get(person, [])
        if not ids:
            preview.refuse(
                sheet,
                row_no,
                _col(headers, mp["name"]),
                target,
                "人员库中没有此人：请先建立账号并加入人员库。",
            )
            continue
        if len(ids) > 1:
            preview.refuse(
                sheet, row_no, _col(headers, mp["name"]), target, "人员库中有多名同名人员，请改填账号名。"
            )
            continue
        user_id = ids[0]
        pos_text = values.get("position", "")
        position = _POSITIONS.get(pos_text.replace(" ", "")) if pos_text else TeamPosition.MEMBER
        if position is None:
            preview.refuse(
                sheet,
                row_no,
                _col(headers, mp["position"]),
                target,
                "组内职务须为 组长、副组长、组员 之一。",
                pos_text,
            )
            continue
        if user_id in seen:
            preview.refuse(
                sheet, row_no, _col(headers, mp["name"]), target, "此人在名单中重复出现，未导入这一行。"
            )
            continue
        seen.add(user_id)
        if team not in team_ids and team not in new_teams:  # a team is created for its first member
            finding = Finding(sheet, row_no, _col(headers, mp["team"]), team, "新建巡察组", "", team)
            preview.ops.append(Op(finding, "team", _create_team(round_id, team)))
            new_teams.add(team)
        team_id = team_ids.get(team)
        current = members.get((team_id, user_id)) if team_id else None
        if current is None:
            finding = Finding(
                sheet, row_no, _col(headers, mp["name"]), target, "新增组员", "", position.label
            )
            preview.ops.append(Op(finding, "member", _add_member(round_id, team, user_id, position)))
        elif current[1] is not position:
            finding = Finding(
                sheet,
                row_no,
                _col(headers, mp["position"]),
                target,
                "组内职务变更",
                current[1].label,
                position.label,
            )
            preview.ops.append(Op(finding, "member", _set_position(current[0], position)))


def _team_id(session: Session, ctx: dict, round_id: str, name: str) -> str:
    if name in ctx.setdefault("teams", {}):
        return ctx["teams"][name]
    row = session.conn.execute(
        "SELECT id FROM teams WHERE round_id = ? AND name = ?", (round_id, name)
    ).fetchone()
    if row is None:
        raise ValidationError(f"巡察组“{name}”未能建立。", field="team")
    return row[0]


def _create_team(round_id: str, name: str):
    def run(session, ctx):
        team = teams.create_team(session, round_id, name)
        ctx.setdefault("teams", {})[name] = team.id
        return "team", team.id

    return run


def _add_member(round_id: str, team: str, user_id: str, position: TeamPosition):
    def run(session, ctx):
        member = teams.add_member(session, _team_id(session, ctx, round_id, team), user_id, position)
        return "team_member", member.id

    return run


def _set_position(member_id: str, position: TeamPosition):
    def run(session, ctx):
        teams.set_member_position(session, member_id, position)
        return "team_member", member_id

    return run
