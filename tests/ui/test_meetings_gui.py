"""The 会议 and 谈话计划 tabs on the demo data: the list, the detail, the form with its errors beside
the fields, the search, and the screenshots meetings-window.png and talk-plan-window.png."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabWidget

from app.core.domain.meetings import queries as meeting_queries
from app.core.domain.talk_plan.types import LineState
from app.ui.main_window import MainWindow
from app.ui.meetings.dialogs import MeetingDialog
from app.ui.meetings.panel import MeetingsPanel
from app.ui.org.workspace import OrgWorkspace
from app.ui.talk_plan.dialogs import PlanLineDialog
from app.ui.talk_plan.panel import TalkPlanPanel
from tests.ui.conftest import grab, run_job
from tests.ui.talks_support import (
    TIMEOUT,
    audit_rows,
    demo_folder_fixture,
    demo_sign_in_fixture,
    talks_demo_template_fixture,
)
from tests.ui.test_talks_gui import inspection_path

__all__ = ["demo_folder_fixture", "demo_sign_in_fixture", "talks_demo_template_fixture"]


def _window(qtbot, worker, demo_folder, demo_sign_in, username="leader1") -> MainWindow:
    user = demo_sign_in(username)
    win = MainWindow(worker, demo_folder, user)
    qtbot.addWidget(win)
    win.resize(1440, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def _tab(qtbot, window: MainWindow, path: list[str], title: str):
    ws: OrgWorkspace = window.content
    qtbot.waitUntil(lambda: ws.model.root.state == "loaded", timeout=TIMEOUT)
    ws.select_path(path)
    view = ws.inspection_view
    qtbot.waitUntil(lambda: view.detail is not None and view.inspection_id == path[-1], timeout=TIMEOUT)
    tabs: QTabWidget = view.tabs
    qtbot.waitUntil(lambda: any(tabs.tabText(i) == title for i in range(tabs.count())), timeout=TIMEOUT)
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == title)
    tabs.setCurrentIndex(index)
    panel = tabs.widget(index)
    qtbot.waitUntil(lambda: panel.loaded and panel.isVisible(), timeout=TIMEOUT)
    return panel


def _meeting_inspection(qtbot, worker) -> str:
    rows = run_job(qtbot, worker, meeting_queries.list_meetings)
    counts: dict[str, int] = {}
    for m in rows:
        counts[m.inspection_id] = counts.get(m.inspection_id, 0) + 1
    return max(counts, key=counts.get)


def test_meetings_tab(qtbot, worker, demo_folder, demo_sign_in):
    window = _window(qtbot, worker, demo_folder, demo_sign_in)
    inspection_id = _meeting_inspection(qtbot, worker)
    panel = _tab(qtbot, window, inspection_path(demo_folder, inspection_id), "会议")
    assert isinstance(panel, MeetingsPanel)
    rows = panel.model.records
    assert len(rows) >= 3 and {m.kind.label for m in rows} >= {"动员会", "座谈会", "组务会"}
    assert panel.model.headerData(0, Qt.Orientation.Horizontal) == "编号"
    mobilisation = next(m for m in rows if m.kind.label == "动员会")
    panel.select(mobilisation.id)
    qtbot.waitUntil(
        lambda: panel.current is not None and panel.current.id == mobilisation.id, timeout=TIMEOUT
    )
    assert "民主测评" in panel.detail.text() and "动员会" in panel.detail.text()
    assert audit_rows(qtbot, worker, "meeting_view")
    grab(window, "meetings-window.png")

    # the form: an error shows beside its field; a good form saves and the list reloads
    panel.new_meeting()
    qtbot.waitUntil(
        lambda: isinstance(panel.dialog, MeetingDialog) and panel.dialog.isVisible(), timeout=TIMEOUT
    )
    dialog: MeetingDialog = panel.dialog
    dialog.start.setText("25:00")
    dialog.submit()
    qtbot.waitUntil(lambda: bool(dialog.error_text("start_time")), timeout=TIMEOUT)
    assert "开始时间" in dialog.error_text("start_time")
    dialog.start.setText("15:00")
    dialog.title.setText("退休老干部座谈会")
    dialog.kind.setCurrentIndex(dialog.kind.findData("group"))
    dialog.add_leadership()
    assert dialog.attendees.toPlainText().count("\n") + 1 == len(dialog.people) > 0
    dialog.attendees.appendPlainText("孙立新，原副局长（已退休）")
    dialog.minutes.setPlainText("老干部反映了办公用房超标的问题。")
    grab(dialog, "meeting-dialog.png")
    before = len(rows)
    dialog.submit()
    qtbot.waitUntil(lambda: len(panel.model.records) == before + 1, timeout=TIMEOUT)
    saved = max(panel.model.records, key=lambda m: m.number)
    assert saved.heading == "退休老干部座谈会" and saved.attendee_count == len(dialog.people) + 1

    # the full-text search narrows the list to the hits
    panel.search_edit.setText("办公用房超标")
    panel.search()
    qtbot.waitUntil(lambda: panel.hits is not None, timeout=TIMEOUT)
    assert panel.proxy.rowCount() == 1 and panel.hits == {saved.id}
    panel.search_edit.clear()
    assert panel.proxy.rowCount() == before + 1

    # the minutes in the shared preview: the core's unnumbered PDF, rendered
    panel.select(mobilisation.id)
    panel.print_minutes()
    qtbot.waitUntil(lambda: panel.preview_dialog.rendered_pages > 0, timeout=TIMEOUT)
    assert audit_rows(qtbot, worker, "meeting_preview")
    panel.preview_dialog.close()
    window.close()


def test_talk_plan_tab(qtbot, worker, demo_folder, demo_sign_in):
    window = _window(qtbot, worker, demo_folder, demo_sign_in)
    inspection_id = _meeting_inspection(qtbot, worker)
    panel = _tab(qtbot, window, inspection_path(demo_folder, inspection_id), "谈话计划")
    assert isinstance(panel, TalkPlanPanel)
    lines = panel.model.records
    assert lines and lines[0].must and any(not x.must for x in lines)
    assert {x.state for x in lines} & {LineState.DONE, LineState.MISSING}
    assert "人" in panel.summary.text() and "必谈" in panel.summary.text()
    done = next((x for x in lines if x.state is LineState.DONE), lines[0])
    panel.select(done.id)
    assert done.name in panel.detail.text()
    grab(window, "talk-plan-window.png")

    # add a 选谈 line through the form; a time without two interviewers is refused beside the field
    panel.new_line()
    qtbot.waitUntil(
        lambda: isinstance(panel.dialog, PlanLineDialog) and panel.dialog.isVisible(), timeout=TIMEOUT
    )
    dialog: PlanLineDialog = panel.dialog
    dialog.name.setText("钱文军")
    dialog.planned_at.setText("2026-12-20 09:00")
    dialog.submit()
    qtbot.waitUntil(lambda: bool(dialog.error_text("interviewer_ids")), timeout=TIMEOUT)
    for k in range(2):
        dialog.interviewers.item(k).setCheckState(Qt.CheckState.Checked)
    before = len(lines)
    dialog.submit()
    qtbot.waitUntil(lambda: len(panel.model.records) == before + 1, timeout=TIMEOUT)
    added = next(x for x in panel.model.records if x.name == "钱文军")
    assert added.state is LineState.PLANNED and not added.must

    # start its talk record: the talk carries the line, and the plan shows it done
    panel.select(added.id)
    panel.start_talk()
    qtbot.waitUntil(
        lambda: next(x for x in panel.model.records if x.id == added.id).state is LineState.DONE,
        timeout=TIMEOUT,
    )
    panel.print_day_notices()
    qtbot.waitUntil(lambda: panel.preview_dialog.rendered_pages > 0, timeout=TIMEOUT)
    assert audit_rows(qtbot, worker, "talk_plan_preview")
    panel.preview_dialog.close()
    QApplication.processEvents()
    window.close()
