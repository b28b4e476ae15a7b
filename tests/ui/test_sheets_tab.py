"""The 台账导出 tab driven like a user: export with a confirmation naming the classification and a
progress dialog, the import wizard (mapping remembered, preview with refusals, apply), screenshots."""

from __future__ import annotations

import gc
import io

import openpyxl
import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QProgressDialog

from app.core.sheets import ledger
from app.ui.sheets.import_dialog import ImportDialog
from app.ui.sheets.panel import SheetsPanel
from tests.core.issue_support import reg_fixture  # noqa: F401
from tests.core.org_support import world_fixture  # noqa: F401
from tests.core.test_sheets_helpers import ledger_world_fixture  # noqa: F401
from tests.ui.conftest import grab

TIMEOUT = 15000


@pytest.fixture(autouse=True)
def _collect_garbage():
    yield
    gc.collect()


def _confirm_box() -> QMessageBox | None:
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox) and w.objectName() == "confirmBox" and w.isVisible():
            return w
    return None


def _info_box(text: str) -> QMessageBox | None:
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox) and w.isVisible() and text in w.text():
            return w
    return None


@pytest.fixture
def panel(qtbot, worker, workstation, lw):
    def _open(username: str) -> SheetsPanel:
        results: list = []
        worker.sign_in(
            workstation.folder, username, "Demo-2026!", on_done=results.append, on_error=results.append
        )
        qtbot.waitUntil(lambda: bool(results), timeout=TIMEOUT)
        widget = SheetsPanel(worker, lw.insp_a.id)
        qtbot.addWidget(widget)
        widget.resize(900, 430)
        widget.show()
        qtbot.waitUntil(lambda: widget.context is not None, timeout=TIMEOUT)
        return widget

    return _open


def test_export_confirmed_with_classification_and_progress(qtbot, panel, lw, tmp_path):
    p = panel("office")
    labels = [p.exports.item(i).text() for i in range(p.exports.count())]
    assert labels == [
        "问题清单",
        "整改台账",
        "问题线索台账",
        "谈话索引",
        "调阅资料清单",
        "统计数据",
        "会议记录清单",
        "谈话计划",
        "走访记录清单",
        "巡前情况通报清单",
        "巡察日志",
        "归档文件目录",  # the office files (立卷归档)
    ]
    assert p.classification.currentText() == "秘密"
    grab(p, "sheets-tab.png")
    p.exports.setCurrentRow(1)
    p.years.setValue(5)
    path = tmp_path / "整改台账.xlsx"
    p.confirm_export("rectification_ledger", str(path))
    qtbot.waitUntil(lambda: _confirm_box() is not None, timeout=TIMEOUT)
    box = _confirm_box()
    assert "秘密★5年" in box.text() and "不加密" in box.text() and "秘密★5年" in box.windowTitle()
    grab(box, "sheets-export-confirm.png")
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: p.last_result is not None, timeout=TIMEOUT)
    assert path.exists() and p.last_result.copy_number == 1
    ws = openpyxl.load_workbook(path)[ledger.SHEET_NAME]
    assert "秘密★5年" in ws.oddHeader.left.text
    assert _info_box("份号 000001") is not None


def test_member_sees_no_lead_register_and_cannot_export(qtbot, panel):
    p = panel("member1")
    kinds = [p.exports.item(i).data(0x0100) for i in range(p.exports.count())]
    assert kinds == [] and not p.export_button.isEnabled()  # members may print, not export
    # The empty list and the greyed-out button say why.
    assert p.export_empty.isVisible() and "不能导出" in p.export_empty.text()
    assert "不能导出" in p.export_button.toolTip()
    assert "巡察办" in p.import_units.toolTip()
    assert p.import_ledger.isEnabled() and not p.import_units.isEnabled()


def test_leader_export_shows_progress_dialog(qtbot, panel, lw, tmp_path):
    p = panel("leader1")
    assert "lead_register" in [p.exports.item(i).data(0x0100) for i in range(p.exports.count())]
    p.run_export("issue_list", str(tmp_path / "a.xlsx"))
    assert isinstance(p.progress, QProgressDialog)
    qtbot.waitUntil(lambda: p.last_result is not None, timeout=TIMEOUT)


def test_ledger_import_wizard_preview_and_apply(qtbot, panel, lw, tmp_path):
    from app.core.sheets import exports

    data = exports.export(lw.office, "rectification_ledger", lw.insp_a.id).data
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[ledger.SHEET_NAME]
    ws["J5"] = "已完成"
    ws["K4"] = "是"  # close-out attempted through the sheet
    path = tmp_path / "回填.xlsx"
    wb.save(path)
    p = panel("member1")
    dialog: ImportDialog = p.open_import("rectification_ledger", str(path))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=TIMEOUT)
    assert dialog.model.rowCount() == 2 and dialog.apply_button.isEnabled()
    dialog.resize(1100, 420)
    grab(dialog, "sheets-import-preview.png")
    reasons = [dialog.model.record(r).reason for r in range(2)]
    assert any("销号" in r for r in reasons)
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: _info_box("已保存 1 项更改") is not None, timeout=TIMEOUT)
    measure = lw.office.conn.execute(
        "SELECT completion FROM rectification_measures WHERE id = ?", (lw.m2.id,)
    ).fetchone()
    assert measure["completion"] == "done"


def test_ledger_import_with_nothing_changed_shows_no_empty_table(qtbot, panel, lw, tmp_path):
    from app.core.sheets import exports

    path = tmp_path / "原样.xlsx"
    path.write_bytes(exports.export(lw.office, "rectification_ledger", lw.insp_a.id).data)
    p = panel("member1")
    dialog: ImportDialog = p.open_import("rectification_ledger", str(path))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=TIMEOUT)
    assert dialog.model.rowCount() == 0
    assert not dialog.table.isVisible() and dialog.summary.isVisible()  # the summary alone, no empty grid
    assert "0 " in dialog.summary.text() or "0项" in dialog.summary.text() or "0 项" in dialog.summary.text()
    dialog.resize(1280, 800)
    grab(dialog, "sheets-import-preview-nothing-changed.png")
    dialog.close()


def test_unit_list_wizard_mapping_remembered(qtbot, panel, lw, tmp_path):
    wb = openpyxl.Workbook()
    for row in (["单位", "领导姓名", "职务", "类型"], ["市审计局", "陈一", "党组书记、局长", "市直部门"]):
        wb.active.append(row)
    path = tmp_path / "单位.xlsx"
    wb.save(path)
    p = panel("office")
    dialog = p.open_import("unit_list", str(path))
    qtbot.waitUntil(lambda: dialog.layout_info is not None, timeout=TIMEOUT)
    combo = dialog.findChild(QComboBox, "map_position")
    assert combo.currentData() == 2
    dialog.findChild(QComboBox, "map_kind").setCurrentIndex(4)  # column D 类型
    dialog.resize(900, 480)
    grab(dialog, "sheets-import-mapping.png")
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=TIMEOUT)
    assert [f.action for f in dialog.preview.changes] == ["新增单位", "新增领导班子成员"]
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: _info_box("已保存 2 项更改") is not None, timeout=TIMEOUT)
    again = p.open_import("unit_list", str(path))
    qtbot.waitUntil(lambda: again.layout_info is not None, timeout=TIMEOUT)
    assert again.layout_info.remembered and again.findChild(QComboBox, "map_kind").currentData() == 3
