"""The 走访, 个人事项抽查 and 立行立改 tabs on the demo data: the list, the detail, the form with its
errors beside the fields, the search, importing a photo, the print preview, and the screenshots
visits-window.png, spot-checks-window.png and immediate-fix-window.png."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.domain.visits import records as visit_records
from app.ui.register.immediate_fix_panel import ImmediateFixDialog, ImmediateFixPanel
from app.ui.spot_checks.dialogs import SpotCheckDialog
from app.ui.spot_checks.panel import SpotChecksPanel
from app.ui.visits.dialogs import VisitDialog
from app.ui.visits.panel import VisitsPanel
from tests.ui.conftest import grab, run_job
from tests.ui.talks_support import (
    TIMEOUT,
    audit_rows,
    demo_folder_fixture,
    demo_sign_in_fixture,
    talks_demo_template_fixture,
)
from tests.ui.test_meetings_gui import _tab, _window
from tests.ui.test_talks_gui import inspection_path

__all__ = ["demo_folder_fixture", "demo_sign_in_fixture", "talks_demo_template_fixture"]


def _visit_inspection(qtbot, worker) -> str:
    rows = run_job(qtbot, worker, visit_records.list_visits)
    return rows[0].inspection_id


def test_visits_tab(qtbot, worker, demo_folder, demo_sign_in, tmp_path):
    window = _window(qtbot, worker, demo_folder, demo_sign_in)
    inspection_id = _visit_inspection(qtbot, worker)
    panel = _tab(qtbot, window, inspection_path(demo_folder, inspection_id), "走访")
    assert isinstance(panel, VisitsPanel)
    rows = panel.model.records
    assert len(rows) >= 2 and {v.kind.label for v in rows} >= {"下属单位", "走访群众"}
    assert panel.model.headerData(0, Qt.Orientation.Horizontal) == "编号"
    assert "走访" in panel.summary.text() and "附件" in panel.summary.text()
    sub = next(v for v in rows if v.kind.label == "下属单位")
    panel.select(sub.id)
    assert "后勤仓库外景.png" in panel.detail.text() and "采购" in panel.detail.text()
    grab(window, "visits-window.png")

    # the form: a missing place is refused beside its field; a good form saves and the list reloads
    panel.new_visit()
    qtbot.waitUntil(
        lambda: isinstance(panel.dialog, VisitDialog) and panel.dialog.isVisible(), timeout=TIMEOUT
    )
    dialog: VisitDialog = panel.dialog
    assert dialog.windowTitle() == "新建走访记录"
    dialog.members.setText("刘组长、周组员")
    dialog.submit()
    qtbot.waitUntil(lambda: bool(dialog.error_text("place")), timeout=TIMEOUT)
    assert "走访地点" in dialog.error_text("place")
    dialog.place.setText("城东安置房项目工地")
    dialog.kind.setCurrentIndex(dialog.kind.findData("site"))
    dialog.met.setPlainText("项目经理\n监理工程师")
    dialog.observations.setPlainText("工地未公示项目资金来源，监理日志缺失三个月。")
    grab(dialog, "visit-dialog.png")
    before = len(rows)
    dialog.submit()
    qtbot.waitUntil(lambda: len(panel.model.records) == before + 1, timeout=TIMEOUT)
    saved = max(panel.model.records, key=lambda v: v.number)
    assert saved.members == ["刘组长", "周组员"] and saved.met == ["项目经理", "监理工程师"]

    # the search narrows the list; a photo is imported from a chosen file
    panel.search_edit.setText("监理日志")
    panel.search()
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 1, timeout=TIMEOUT)
    panel.search_edit.clear()
    assert panel.proxy.rowCount() == before + 1
    from app.demo.visits import demo_photo

    photo = tmp_path / "工地照片.png"
    photo.write_bytes(demo_photo())
    panel.select(saved.id)
    panel.choose_file = lambda: str(photo)
    panel.attach_file()
    qtbot.waitUntil(
        lambda: any(len(v.attachments) == 1 and v.id == saved.id for v in panel.model.records),
        timeout=TIMEOUT,
    )
    assert audit_rows(qtbot, worker, "visit_attachment_add")

    # the visit record in the shared preview
    panel.select(sub.id)
    panel.print_record()
    qtbot.waitUntil(lambda: panel.preview_dialog.rendered_pages > 0, timeout=TIMEOUT)
    assert audit_rows(qtbot, worker, "visit_preview")
    panel.preview_dialog.close()
    window.close()


def test_spot_checks_tab_for_the_leader(qtbot, worker, demo_folder, demo_sign_in):
    window = _window(qtbot, worker, demo_folder, demo_sign_in)
    inspection_id = _visit_inspection(qtbot, worker)
    panel = _tab(qtbot, window, inspection_path(demo_folder, inspection_id), "个人事项抽查")
    assert isinstance(panel, SpotChecksPanel)
    rows = panel.model.records
    assert rows and rows[0].person_name and not rows[0].locked
    panel.select(rows[0].id)
    assert rows[0].report in panel.detail.text()
    assert "抽查" in panel.summary.text()
    grab(window, "spot-checks-window.png")
    panel.new_check()
    qtbot.waitUntil(
        lambda: isinstance(panel.dialog, SpotCheckDialog) and panel.dialog.isVisible(), timeout=TIMEOUT
    )
    dialog: SpotCheckDialog = panel.dialog
    dialog.report.setText("2025年度个人有关事项报告")
    dialog.submit()
    qtbot.waitUntil(lambda: bool(dialog.error_text("person_name")), timeout=TIMEOUT)
    assert "被抽查人姓名" in dialog.error_text("person_name")
    dialog.person_name.setText("李红梅")
    dialog.discrepancies.setPlainText("未报告本人持有的股票")
    dialog.submit()
    qtbot.waitUntil(lambda: len(panel.model.records) == len(rows) + 1, timeout=TIMEOUT)
    assert any(c.person_name == "李红梅" and c.found for c in panel.model.records)
    window.close()


def test_no_spot_checks_tab_for_a_member(qtbot, worker, demo_folder, demo_sign_in):
    window = _window(qtbot, worker, demo_folder, demo_sign_in, "member1")
    inspection_id = _visit_inspection(qtbot, worker)
    panel = _tab(qtbot, window, inspection_path(demo_folder, inspection_id), "走访")
    tabs = window.content.inspection_view.tabs
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert "个人事项抽查" not in titles and "立行立改" in titles and panel.loaded
    window.close()


def test_immediate_fix_tab(qtbot, worker, demo_folder, demo_sign_in):
    window = _window(qtbot, worker, demo_folder, demo_sign_in)
    inspection_id = _visit_inspection(qtbot, worker)
    panel = _tab(qtbot, window, inspection_path(demo_folder, inspection_id), "立行立改")
    assert isinstance(panel, ImmediateFixPanel)
    rows = panel.model.records
    fixed = next(t for t in rows if t.fix is not None)
    panel.select(fixed.id)
    assert "清理" in panel.detail.text() and "清理后的消防通道.png" in panel.detail.text()
    assert "立行立改问题" in panel.summary.text()
    grab(window, "immediate-fix-window.png")
    panel.record_fix()
    qtbot.waitUntil(
        lambda: isinstance(panel.dialog, ImmediateFixDialog) and panel.dialog.isVisible(), timeout=TIMEOUT
    )
    dialog: ImmediateFixDialog = panel.dialog
    dialog.action.setPlainText("")
    dialog.submit()
    qtbot.waitUntil(lambda: bool(dialog.error_text("action")), timeout=TIMEOUT)
    assert "整改措施及结果" in dialog.error_text("action")
    dialog.action.setPlainText("清理杂物，建立每周巡查制度，已整改到位。")
    dialog.submit()
    qtbot.waitUntil(
        lambda: any(t.fix and t.fix.action.startswith("清理杂物") for t in panel.model.records),
        timeout=TIMEOUT,
    )
    window.close()
