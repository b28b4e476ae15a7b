"""Re-importing a filled-in rectification ledger, and unit / team lists with remembered mappings."""

from __future__ import annotations

import io

import openpyxl
import pytest

from app.core.domain.organisation import terms
from app.core.domain.register import rectification_store
from app.core.errors import Conflict, PermissionDenied, ValidationError
from app.core.imports.limits import ImportRefused
from app.core.sheets import exports, ledger, ledger_import, lists_import
from tests.core.issue_support import reg_fixture  # noqa: F401
from tests.core.org_support import world_fixture  # noqa: F401
from tests.core.test_sheets_helpers import TODAY, db_state, ledger_world_fixture  # noqa: F401


def _export(lw) -> bytes:
    return exports.export(lw.office, "rectification_ledger", lw.insp_a.id, today=TODAY).data


def _fill(
    data: bytes, edits: dict[str, object], extra_rows: list[list] | None = None, sheet=ledger.SHEET_NAME
) -> bytes:
    """Change cells as a unit would in Excel: open, type, save."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[sheet]
    for ref, value in edits.items():
        ws[ref] = value
    for row in extra_rows or []:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _row_of(data: bytes, key_prefix: str) -> int:
    ws = openpyxl.load_workbook(io.BytesIO(data))[ledger.SHEET_NAME]
    for r in range(4, ws.max_row + 1):
        if str(ws.cell(r, 13).value or "").startswith(key_prefix):
            return r
    raise AssertionError(key_prefix)


def test_round_trip_changes_exactly_what_the_unit_filled_in(lw):
    data = _export(lw)
    r1, r2 = _row_of(data, "m" + lw.m1.id), _row_of(data, "m" + lw.m2.id)
    rect_b = rectification_store.load(lw.office.conn, lw.issue_b.id)
    rb = _row_of(data, "r" + rect_b.id)
    filled = _fill(
        data,
        {
            f"I{r1}": "2026-05-20 已清退3人共4.2万元。\n2026年6月1日：再清退2人，共2.1万元，全部清退到位。",
            f"J{r2}": "已完成",
            f"L{r2}": "=制度已印发",
            f"I{rb}": "已召开专题民主生活会研究整改",
        },
    )
    before = db_state(lw.office.conn)
    preview = ledger_import.preview_ledger(
        lw.member, lw.insp_a.id, filled, file_name="回填.xlsx", today=TODAY
    )
    assert db_state(lw.office.conn) == before  # a preview changes nothing
    assert preview.refusals == []
    got = {(c.row, c.column[0], c.action, c.new) for c in preview.changes}
    assert got == {
        (r1, "I", "新增进展", "2026-06-01 再清退2人，共2.1万元，全部清退到位。"),
        (r2, "J", "完成情况", "已完成"),
        (r2, "L", "备注", "=制度已印发"),
        (rb, "I", "新增进展", f"{TODAY} 已召开专题民主生活会研究整改"),
    }
    result = ledger_import.apply_ledger(lw.member, preview)
    assert result.changes == 4 and result.refusals == 0
    after = db_state(lw.office.conn)
    new_progress = set(after["progress"]) - set(before["progress"])
    assert {(p[2], p[3], p[4]) for p in new_progress} == {
        (lw.m1.id, "2026-06-01", "再清退2人，共2.1万元，全部清退到位。"),
        (None, TODAY, "已召开专题民主生活会研究整改"),
    }
    assert set(before["progress"]) <= set(after["progress"])
    changed_measures = set(after["measures"]) - set(before["measures"])
    assert changed_measures == {(lw.m2.id, "修订津贴补贴发放管理办法", "张主任", "2026-05-31", "done", TODAY)}
    assert after["remarks"] == [("m" + lw.m2.id, "=制度已印发")]
    for key in ("rects", "issues", "units", "leadership", "teams", "members"):
        assert after[key] == before[key], key
    assert after["imports"] == [(1,)]
    items = lw.office.conn.execute(
        "SELECT action, row_number FROM sheet_import_items ORDER BY row_number"
    ).fetchall()
    assert sorted(map(tuple, items)) == sorted(
        [("progress", r1), ("completion", r2), ("remark", r2), ("progress", rb)]
    )
    assert lw.audit_rows("sheet_import")[-1][0] == "member1"
    # re-exported, the ledger shows the new state; importing it again changes nothing
    again = ledger_import.preview_ledger(lw.member, lw.insp_a.id, _export(lw), today=TODAY)
    assert again.changes == [] and again.refusals == []
    with pytest.raises(Conflict):
        ledger_import.apply_ledger(lw.member, preview)  # the same preview twice


def test_refusals_listed_with_place_and_nothing_else_changes(lw):
    data = _export(lw)
    r1, r2 = _row_of(data, "m" + lw.m1.id), _row_of(data, "m" + lw.m2.id)
    rc = _row_of(data, "m")  # first measure row
    closed_row = max(r for r in range(4, 8) if r not in (r1, r2) and r != _row_of(data, "r"))
    filled = _fill(
        data,
        {
            f"K{r1}": "是",  # close-out through a sheet
            f"H{r2}": "2026-12-31",  # the deadline is the office's
            f"G{r2}": "别人",
            f"I{r2}": "2026-02-30 已起草制度",  # not a date
            f"J{r1}": "差不多完成了",
            f"I{closed_row}": "补充说明：车辆已全部入库",
        },
        extra_rows=[
            [9, "新增问题", "表格里新加的问题", "新措施", "", "", "", None, "进展", "未完成", "否", "", ""]
        ],
    )
    before = db_state(lw.office.conn)
    preview = ledger_import.preview_ledger(lw.member, lw.insp_a.id, filled, today=TODAY)
    refused = {(f.row, f.column[0]) for f in preview.refusals}
    assert (r1, "K") in refused and (r2, "H") in refused and (r2, "G") in refused
    assert (r2, "I") in refused and (r1, "J") in refused and (closed_row, "I") in refused
    assert (8, "M") in refused  # the row typed in by the unit
    reasons = " ".join(f.reason for f in preview.refusals)
    assert "销号须经巡察办核验" in reasons and "不是有效日期" in reasons and "无法对应" in reasons
    assert all(f.sheet == ledger.SHEET_NAME for f in preview.refusals)
    assert preview.changes == [] and rc
    with pytest.raises(Conflict):
        ledger_import.apply_ledger(lw.member, preview)
    assert db_state(lw.office.conn) == before
    assert rectification_store.load(lw.office.conn, lw.issue_a.id).state.value == "open"


def test_foreign_tampered_and_reshaped_ledgers_are_refused(lw):
    data = _export(lw)
    with pytest.raises(ImportRefused, match="另一项巡察"):
        ledger_import.preview_ledger(lw.office, lw.insp_b.id, data)
    tampered = _fill(data, {"B2": "x"}, sheet=ledger.META_SHEET)
    with pytest.raises(ImportRefused, match="来源"):
        ledger_import.preview_ledger(lw.member, lw.insp_a.id, tampered)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    wb[ledger.SHEET_NAME].delete_cols(5)
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(ImportRefused, match="列被移动"):
        ledger_import.preview_ledger(lw.member, lw.insp_a.id, out.getvalue())
    r1 = _row_of(data, "m" + lw.m1.id)
    forged = _fill(data, {f"M{r1}": "m" + lw.m1.id + ".0000000000000000", f"I{r1}": "2026-06-01 伪造"})
    preview = ledger_import.preview_ledger(lw.member, lw.insp_a.id, forged, today=TODAY)
    assert preview.changes == [] and [f.row for f in preview.refusals] == [r1]
    with pytest.raises(PermissionDenied):
        ledger_import.preview_ledger(lw.login("auditor"), lw.insp_a.id, data)


def test_a_refused_file_is_audited_by_category_without_its_name(lw, tmp_path):
    from app.core.sheets import session_ops

    def refusals():
        rows = lw.member.conn.execute(
            "SELECT object_type, object_id, summary FROM audit WHERE action = 'import_refused' ORDER BY seq"
        )
        return [(r["object_type"], r["object_id"], r["summary"]) for r in rows]

    foreign = tmp_path / "举报材料-外来台账.xlsx"
    foreign.write_bytes(_export(lw))
    with pytest.raises(ImportRefused, match="另一项巡察"):
        session_ops.preview_ledger_file(lw.office, lw.insp_b.id, foreign)
    junk = tmp_path / "举报材料-乱码.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(ImportRefused):
        session_ops.inspect_list_file(lw.office, lists_import.UNIT_LIST, junk)
    found = refusals()
    assert [(t, i) for t, i, _ in found] == [
        (ledger_import.KIND, lw.insp_b.id),
        (lists_import.UNIT_LIST, ""),
    ]
    assert found[0][2] == "整改台账：来源无法确认" and found[1][2] == "名单：已损坏"
    assert not any("举报材料" in summary for _, _, summary in found)


def _book(rows: list[list]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名单"
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


UNIT_ROWS = [
    ["2026年度被巡察单位及领导班子名单"],
    ["序号", "单位名称", "类别", "姓名", "现任职务", "一把手"],
    [1, "市卫生健康委员会", "市直部门", "孙立华", "党组书记、主任", "是"],
    [2, None, None, "钱晓东", "党组成员、副主任", "否"],
    [3, "市教育局", "市直部门", "李红梅", "党组副书记、副局长", "否"],
    [4, "市城投集团", "国企", "周海", "党委书记、董事长", "是"],
    [5, "青石镇", "乡镇", "吴敏", "党委书记", "是"],
    [6, "市城投集团", "国企", "郑重", "总经理", "是"],
    [7, "某某单位", "外星机构", "", "", ""],
]


def test_unit_list_mapped_once_then_remembered(lw):
    data = _book(UNIT_ROWS)
    layout = lists_import.inspect_sheet(lw.office, "unit_list", data)
    assert layout.header_row == 2 and not layout.remembered
    assert layout.mapping == {"unit": 1, "kind": 2, "parent": None, "name": 3, "position": 4, "top": 5}
    with pytest.raises(ValidationError):
        lists_import.preview_list(lw.office, "unit_list", data)  # not mapped yet
    before = db_state(lw.office.conn)
    preview = lists_import.preview_list(lw.office, "unit_list", data, layout.mapping, file_name="名单.xlsx")
    assert db_state(lw.office.conn) == before
    actions = sorted((f.row, f.action) for f in preview.changes)
    assert actions == [
        (3, "新增单位"),
        (3, "新增领导班子成员"),
        (4, "新增领导班子成员"),
        (5, "职务变更"),
        (6, "新增单位"),
        (6, "新增领导班子成员"),
        (7, "新增领导班子成员"),
    ]
    refused = {f.row: f.reason for f in preview.refusals}
    assert "一把手" in refused[8] and "无法识别" in refused[9]
    lists_import.apply_list(lw.office, preview)
    conn = lw.office.conn
    unit = conn.execute("SELECT id, kind FROM units WHERE name = '市卫生健康委员会'").fetchone()
    assert unit[1] == "department"
    people = conn.execute(
        "SELECT name, is_top_leader FROM leadership WHERE unit_id = ? ORDER BY name", (unit[0],)
    )
    assert [tuple(r) for r in people] == [("孙立华", 1), ("钱晓东", 0)]
    position = conn.execute("SELECT position FROM leadership WHERE name = '李红梅'").fetchone()
    assert position["position"] == "党组副书记、副局长"
    # the same layout next time: remembered, no mapping needed, nothing left to change but the refusals
    again = lists_import.inspect_sheet(lw.office, "unit_list", data)
    assert again.remembered and again.mapping == layout.mapping
    second = lists_import.preview_list(lw.office, "unit_list", data)
    assert second.changes == [] and len(second.refusals) == 2
    with pytest.raises(PermissionDenied):
        lists_import.inspect_sheet(lw.member, "unit_list", data)


def test_team_list_into_a_new_round(lw):
    office = lw.office
    rnd = terms.create_round(office, lw.term.id, 2, "regular", starts_on="2026-09-01")
    data = _book(
        [
            ["组别", "姓名", "组内分工"],
            ["第一巡察组", "刘组长", "组长"],
            ["", "周组员", "组员"],
            ["第二巡察组", "leader2", "组长"],
            ["第二巡察组", "赵明辉", "副组长"],
            ["第二巡察组", "查无此人", "组员"],
            ["第二巡察组", "周组员", "组员"],
            ["第三巡察组", "孙副组", "主任"],
        ]
    )
    layout = lists_import.inspect_sheet(office, "team_list", data)
    assert layout.mapping == {"team": 0, "name": 1, "position": 2}
    with pytest.raises(ValidationError):
        lists_import.preview_list(office, "team_list", data, layout.mapping)  # no round chosen
    preview = lists_import.preview_list(office, "team_list", data, layout.mapping, round_id=rnd.id)
    actions = sorted((f.row, f.action) for f in preview.changes)
    assert actions == [
        (2, "新增组员"),
        (2, "新建巡察组"),
        (3, "新增组员"),
        (4, "新增组员"),
        (4, "新建巡察组"),
        (5, "新增组员"),
    ]
    refused = {f.row: f.reason for f in preview.refusals}
    assert set(refused) == {6, 7, 8} and "人员库中没有此人" in refused[6] and "重复" in refused[7]
    lists_import.apply_list(office, preview)
    rows = office.conn.execute(
        "SELECT t.name, u.username, m.position FROM team_members m JOIN teams t ON t.id = m.team_id"
        " JOIN users u ON u.id = m.user_id WHERE t.round_id = ? ORDER BY t.name, u.username",
        (rnd.id,),
    ).fetchall()
    assert [tuple(r) for r in rows] == [
        ("第一巡察组", "leader1", "leader"),
        ("第一巡察组", "member1", "member"),
        ("第二巡察组", "leader2", "leader"),
        ("第二巡察组", "member2", "deputy"),
    ]
