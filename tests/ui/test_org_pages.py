"""The coverage view, the unit directory and the staff pool, driven through the window on demo data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from app.core.domain.organisation import staff, units
from app.ui.org.coverage_view import UNCOVERED_BACKGROUND
from app.ui.org.dialogs import PersonDialog, RecusalDialog, StaffDialog, UnitDialog
from app.ui.org.workspace import OrgWorkspace
from tests.ui.conftest import grab, run_job
from tests.ui.test_org_workspace import (  # noqa: F401  (fixtures)
    TIMEOUT,
    _collect_garbage,
    choose,
    click_and_close,
    click_and_fail,
    demo_folder,
    demo_template,
    open_window,
    type_text,
    wait_dialog,
)


def test_coverage_view_marks_uncovered_units(qtbot, open_window):  # noqa: F811 (a fixture)
    window = open_window("office")
    ws: OrgWorkspace = window.content
    ws.pages.setCurrentWidget(ws.coverage)
    view = ws.coverage
    qtbot.waitUntil(lambda: view.model.rowCount() == 30, timeout=TIMEOUT)
    assert view.term_combo.currentText() == "中共某市委第九届"
    assert view.summary.text() == "覆盖 28/30 个单位（93%） —— 2 个单位尚未覆盖"
    uncovered = [r for r in view.model.records if not r.covered]
    assert {r.unit_name for r in uncovered} == {"市医疗保障局", "桃源镇桃花村"}
    for row, record in enumerate(view.model.records):
        index = view.model.index(row, 3)
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if record.covered:
            assert background is None
            assert index.data() in ("已覆盖", "已覆盖，已回头看")
        else:
            assert background.color() == UNCOVERED_BACKGROUND
            assert index.data() == "未覆盖"
            assert index.data(Qt.ItemDataRole.DecorationRole) is not None  # the warning icon
            assert view.model.index(row, 0).data(Qt.ItemDataRole.FontRole).bold()
    # Uncovered units come first in the core's order, and a check box shows only them.
    assert not view.model.records[0].covered
    assert "第二轮" in view.model.index(view.model.rowCount() - 1, 4).data() or view.model.records[-1].hits
    view.uncovered_only.click()
    assert view.proxy.rowCount() == 2
    assert {view.proxy.index(r, 0).data() for r in range(2)} == {"市医疗保障局", "桃源镇桃花村"}
    view.uncovered_only.click()
    assert view.proxy.rowCount() == 30
    # Ctrl+F finds a unit.
    ws.find()
    assert view.search.hasFocus() or QApplication.focusWidget() is view.search
    type_text(qtbot, view.search, "医疗")
    assert view.proxy.rowCount() == 1
    view.search.clear()
    QApplication.processEvents()
    grab(window, "coverage-window.png")
    window.close()


def test_unit_directory_shows_leadership_and_edits_units(qtbot, worker, open_window):  # noqa: F811
    window = open_window("office")
    ws: OrgWorkspace = window.content
    page = ws.directory
    ws.pages.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.units_model.rowCount() == 30, timeout=TIMEOUT)
    row = next(i for i, u in enumerate(page.units_model.records) if u.name == "桃源镇桃花村")
    assert page.units_model.index(row, 2).data() == "桃源镇"  # the parent unit
    page.units_table.selectRow(page.units_proxy.mapFromSource(page.units_model.index(row, 0)).row())
    qtbot.waitUntil(lambda: page.people_model.rowCount() > 0, timeout=TIMEOUT)
    top = [p for p in page.people_model.records if p.is_top_leader]
    assert len(top) == 1 and page.people_model.records[0] is top[0]
    assert page.people_model.index(0, 2).data() == "★ 一把手"

    # A second top leader is refused next to the check box.
    qtbot.mouseClick(page.buttons["newPerson"], Qt.MouseButton.LeftButton)
    dialog: PersonDialog = wait_dialog(qtbot, page, PersonDialog)
    type_text(qtbot, dialog.name, "吴新人")
    type_text(qtbot, dialog.position, "村党支部书记")
    dialog.top_leader.setChecked(True)
    assert "只能有一名一把手" in click_and_fail(qtbot, dialog, "is_top_leader")
    dialog.top_leader.setChecked(False)
    count = page.people_model.rowCount()
    click_and_close(qtbot, dialog)
    qtbot.waitUntil(lambda: page.people_model.rowCount() == count + 1, timeout=TIMEOUT)

    # A new unit under a township; a unit with inspections cannot be deleted.
    page.new_item()
    unit_dialog: UnitDialog = wait_dialog(qtbot, page, UnitDialog)
    assert "请填写单位名称" in click_and_fail(qtbot, unit_dialog, "name")
    type_text(qtbot, unit_dialog.name, "桃源镇梨园村")
    choose(unit_dialog.kind, "村社区")
    choose(unit_dialog.parent_combo, "桃源镇（")
    click_and_close(qtbot, unit_dialog)
    qtbot.waitUntil(lambda: page.units_model.rowCount() == 31, timeout=TIMEOUT)
    created = next(u for u in run_job(qtbot, worker, units.list_units) if u.name == "桃源镇梨园村")
    assert created.kind.value == "village" and page.names[created.parent_id] == "桃源镇"

    row = next(i for i, u in enumerate(page.units_model.records) if u.name == "市财政局")
    page.units_table.selectRow(page.units_proxy.mapFromSource(page.units_model.index(row, 0)).row())
    page.units_table.setFocus()
    page.delete_item()
    box = next(b for b in page.findChildren(QMessageBox, "confirmBox") if b.isVisible())
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(
            b.isVisible() and "巡察记录" in b.text() for b in page.findChildren(QMessageBox, "messageBox")
        ),
        timeout=TIMEOUT,
    )
    window.close()


def test_staff_pool_and_recusal(qtbot, worker, open_window):  # noqa: F811
    window = open_window("office")
    ws: OrgWorkspace = window.content
    page = ws.staff
    ws.pages.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.staff_model.rowCount() > 0, timeout=TIMEOUT)
    row = next(i for i, s in enumerate(page.staff_model.records) if s.username == "member6")
    page.staff_table.selectRow(page.staff_proxy.mapFromSource(page.staff_model.index(row, 0)).row())
    qtbot.waitUntil(lambda: page.recusal_model.rowCount() == 1, timeout=TIMEOUT)
    assert page.recusal_model.records[0].unit_name == "桃源镇"

    qtbot.mouseClick(page.findChild(QPushButton, "declareRecusalButton"), Qt.MouseButton.LeftButton)
    dialog: RecusalDialog = wait_dialog(qtbot, page, RecusalDialog)
    choose(dialog.unit, "桃源镇（")
    type_text(qtbot, dialog.reason, "重复申报")
    assert "已对该单位申报回避" in click_and_fail(qtbot, dialog, "unit_id")
    choose(dialog.unit, "市教育局")
    click_and_close(qtbot, dialog)
    qtbot.waitUntil(lambda: page.recusal_model.rowCount() == 2, timeout=TIMEOUT)
    entry = page.staff_model.records[row]
    declared = run_job(qtbot, worker, lambda s, i: staff.list_recusals(s, staff_id=i), entry.id)
    assert {r.unit_name for r in declared} == {"桃源镇", "市教育局"}

    page.add_staff()
    qtbot.waitUntil(lambda: isinstance(page.dialog, StaffDialog) and page.dialog.ready, timeout=TIMEOUT)
    add: StaffDialog = page.dialog
    assert "所有巡察组账号都已在人员库中" in add.error_text("user_id")
    add.reject()
    window.close()
