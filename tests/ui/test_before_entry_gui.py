"""The 巡前情况通报, 巡察工作方案 and 巡察日志 tabs on the demo data: the lists, the details, the forms with
their errors beside the fields, the prints in the shared preview, and the screenshots
briefings-window.png, work-plan-window.png and team-log-window.png."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.domain.meetings import queries as meeting_queries
from app.ui.briefings.dialogs import BriefingItemDialog, BriefingRequestDialog
from app.ui.briefings.panel import BriefingsPanel
from app.ui.team_log.dialogs import LogEntryDialog
from app.ui.team_log.panel import TeamLogPanel
from app.ui.work_plan.dialogs import WorkPlanDialog
from app.ui.work_plan.panel import WorkPlanPanel
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


def _on_site_inspection(qtbot, worker) -> str:
    rows = run_job(qtbot, worker, meeting_queries.list_meetings)
    counts: dict[str, int] = {}
    for m in rows:
        counts[m.inspection_id] = counts.get(m.inspection_id, 0) + 1
    return max(counts, key=counts.get)


def _wait_dialog(qtbot, panel, cls):
    qtbot.waitUntil(lambda: isinstance(panel.dialog, cls) and panel.dialog.isVisible(), timeout=TIMEOUT)
    return panel.dialog


def test_briefings_tab(qtbot, worker, demo_folder, demo_sign_in):
    window = _window(qtbot, worker, demo_folder, demo_sign_in)
    inspection_id = _on_site_inspection(qtbot, worker)
    panel = _tab(qtbot, window, inspection_path(demo_folder, inspection_id), "巡前情况通报")
    assert isinstance(panel, BriefingsPanel)
    rows = panel.model.records
    assert [r.department for r in rows][:5] == [
        "市纪委监委",
        "市委组织部",
        "市审计局",
        "市信访局",
        "市委巡察办",
    ]
    assert panel.model.headerData(1, Qt.Orientation.Horizontal) == "通报单位"
    assert "份商请函" in panel.summary.text()
    panel.select(rows[0].id)
    assert panel.items_model.records and any(
        x.is_lead for x in panel.items_model.records
    )  # the leader sees leads
    assert "市纪委监委" in panel.request_label.text()
    assert audit_rows(qtbot, worker, "briefings_list")
    grab(window, "briefings-window.png")

    # a request: a due date before the letter is refused beside its field
    panel.new_request()
    dialog: BriefingRequestDialog = _wait_dialog(qtbot, panel, BriefingRequestDialog)
    dialog.source.setCurrentIndex(dialog.source.findData("other"))
    dialog.department.setText("市委政法委")
    dialog.requested_on.set_iso("2026-03-01")
    dialog.due_on.set_iso("2026-02-01")
    dialog.submit()
    qtbot.waitUntil(lambda: bool(dialog.error_text("due_on")), timeout=TIMEOUT)
    assert "复函期限" in dialog.error_text("due_on")
    dialog.due_on.set_iso("2026-03-08")
    grab(dialog, "briefing-request-dialog.png")
    before = len(rows)
    dialog.submit()
    qtbot.waitUntil(lambda: len(panel.model.records) == before + 1, timeout=TIMEOUT)
    new = max(panel.model.records, key=lambda r: r.number)
    assert new.department == "市委政法委" and new.state_text == "待复函"

    # an item of the new request; an empty content is refused beside the field
    panel.select(new.id)
    panel.new_item()
    item_dialog: BriefingItemDialog = _wait_dialog(qtbot, panel, BriefingItemDialog)
    assert item_dialog.lead.isEnabled() and item_dialog.category.count() > 1
    item_dialog.submit()
    qtbot.waitUntil(lambda: bool(item_dialog.error_text("content")), timeout=TIMEOUT)
    item_dialog.content.setPlainText("该局近年有一起涉法涉诉信访案件，已依法处理。")
    item_dialog.category.setCurrentIndex(1)
    item_dialog.submit()
    qtbot.waitUntil(
        lambda: any(len(r.items) == 1 for r in panel.model.records if r.id == new.id), timeout=TIMEOUT
    )

    # the search narrows the requests and their items to the hits
    panel.search_edit.setText("涉法涉诉")
    panel.search()
    qtbot.waitUntil(lambda: panel.hits is not None, timeout=TIMEOUT)
    assert panel.proxy.rowCount() == 1 and len(panel.hits) == 1
    panel.search_edit.clear()
    assert panel.proxy.rowCount() == before + 1

    panel.print_summary()
    qtbot.waitUntil(lambda: panel.preview_dialog.rendered_pages > 0, timeout=TIMEOUT)
    assert audit_rows(qtbot, worker, "briefing_summary_preview")
    panel.preview_dialog.close()
    window.close()


def test_briefings_tab_hides_lead_like_items_from_a_member(qtbot, worker, demo_folder, demo_sign_in):
    window = _window(qtbot, worker, demo_folder, demo_sign_in, "member1")
    inspection_id = _on_site_inspection(qtbot, worker)
    panel = _tab(qtbot, window, inspection_path(demo_folder, inspection_id), "巡前情况通报")
    panel.select(panel.model.records[0].id)
    assert panel.items_model.records and not any(x.is_lead for x in panel.items_model.records)
    window.close()


def test_work_plan_tab(qtbot, worker, demo_folder, demo_sign_in):
    window = _window(qtbot, worker, demo_folder, demo_sign_in)
    inspection_id = _on_site_inspection(qtbot, worker)
    panel = _tab(qtbot, window, inspection_path(demo_folder, inspection_id), "巡察工作方案")
    assert isinstance(panel, WorkPlanPanel)
    versions = panel.model.records
    assert [v.version for v in versions] == [2, 1] and "最新为第2版" in panel.summary.text()
    qtbot.waitUntil(lambda: panel.current is not None and panel.current.version == 2, timeout=TIMEOUT)
    assert "谈话组" in panel.detail.text() and "选人用人问题" in panel.detail.text()
    grab(window, "work-plan-window.png")

    panel.new_version()
    dialog: WorkPlanDialog = _wait_dialog(qtbot, panel, WorkPlanDialog)
    assert "谈话组" in dialog.groups.toPlainText()
    dialog.schedule.setPlainText("进驻动员，2026-03-05，2026-03-01")
    dialog.submit()
    qtbot.waitUntil(lambda: bool(dialog.error_text("schedule")), timeout=TIMEOUT)
    assert "结束日期" in dialog.error_text("schedule")
    dialog.schedule.setPlainText(
        "进驻动员，2026-03-01，2026-03-02，召开动员会\n了解情况，2026-03-03，2026-04-10"
    )
    dialog.presets.setCurrentIndex(1)
    dialog.add_preset()
    grab(dialog, "work-plan-dialog.png")
    dialog.submit()
    qtbot.waitUntil(lambda: len(panel.model.records) == 3, timeout=TIMEOUT)
    assert panel.model.records[0].version == 3 and len(panel.model.records[0].schedule) == 2

    panel.select(panel.model.records[0].id)
    panel.print_plan()
    qtbot.waitUntil(lambda: panel.preview_dialog.rendered_pages > 0, timeout=TIMEOUT)
    assert audit_rows(qtbot, worker, "work_plan_preview")
    panel.preview_dialog.close()
    window.close()


def test_team_log_tab(qtbot, worker, demo_folder, demo_sign_in):
    window = _window(qtbot, worker, demo_folder, demo_sign_in)
    inspection_id = _on_site_inspection(qtbot, worker)
    panel = _tab(qtbot, window, inspection_path(demo_folder, inspection_id), "巡察日志")
    assert isinstance(panel, TeamLogPanel)
    lines = panel.model.records
    kinds = {x.source.label for x in lines}
    assert {"个别谈话", "会议", "工作记录"} <= kinds, kinds
    assert panel.week.count() > 2
    panel.week.setCurrentIndex(1)
    panel.refresh()
    qtbot.waitUntil(lambda: len(panel.model.records) < len(lines), timeout=TIMEOUT)
    grab(window, "team-log-window.png")

    panel.new_entry()
    dialog: LogEntryDialog = _wait_dialog(qtbot, panel, LogEntryDialog)
    dialog.entry_time.setText("25:61")
    dialog.content.setPlainText("组长带队走访两所学校。")
    dialog.submit()
    qtbot.waitUntil(lambda: bool(dialog.error_text("entry_time")), timeout=TIMEOUT)
    monday = panel.week.currentData()
    dialog.entry_on.set_iso(monday)
    dialog.entry_time.setText("16:00")
    before = len(panel.model.records)
    dialog.submit()
    qtbot.waitUntil(lambda: len(panel.model.records) == before + 1, timeout=TIMEOUT)
    assert any(x.text == "组长带队走访两所学校。" and x.editable for x in panel.model.records)

    panel.print_week()
    qtbot.waitUntil(lambda: panel.preview_dialog.rendered_pages > 0, timeout=TIMEOUT)
    assert audit_rows(qtbot, worker, "team_log_preview")
    panel.preview_dialog.close()
    window.close()
