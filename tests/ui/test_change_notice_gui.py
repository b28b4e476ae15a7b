"""The change notice in the GUI: a talk signed in one open view shows as signed in another, with no
call to refresh; the worker announces once per job, after the job's own answer; a view that is gone
no longer listens."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import SIGNAL, QCoreApplication, QDate, QEvent
from PySide6.QtWidgets import QDialogButtonBox

from app.core.domain.talks import queries as talk_queries
from app.core.domain.talks import writes as talk_writes
from app.core.domain.talks.types import TalkStatus
from app.ui.db_worker import follow_changes
from app.ui.talks.dialogs import SignDialog
from app.ui.talks.panel import TalksPanel
from tests.ui.conftest import run_job
from tests.ui.talks_support import (  # noqa: F401 (fixtures)
    TIMEOUT,
    demo_folder_fixture,
    demo_sign_in_fixture,
    talks_demo_template_fixture,
)
from tests.ui.test_talks_gui import PNG, my_inspection, open_in_editor, open_panel

CHANGED = SIGNAL("changed(PyObject)")


def status_in(panel: TalksPanel, talk_id: str) -> TalkStatus | None:
    return next((r.status for r in panel.model.records if r.id == talk_id), None)


def test_a_talk_signed_in_one_view_shows_signed_in_another(
    qtbot, worker, demo_sign_in, tmp_path, monkeypatch
):
    demo_sign_in("leader1")
    inspection_id = my_inspection(qtbot, worker)
    first = open_panel(qtbot, worker, inspection_id)
    other = open_panel(qtbot, worker, inspection_id)
    recorded = next(r for r in other.model.records if r.status is TalkStatus.RECORDED)

    def no_refresh() -> None:
        raise AssertionError("the other view was told to refresh")

    monkeypatch.setattr(other, "refresh", no_refresh)
    monkeypatch.setattr(other, "reload", no_refresh)
    notices: list[frozenset] = []
    worker.changed.connect(notices.append)

    editor = open_in_editor(qtbot, first, recorded.id)
    editor.buttons["sign"].click()
    qtbot.waitUntil(
        lambda: isinstance(editor.dialog, SignDialog) and editor.dialog.isVisible(), timeout=TIMEOUT
    )
    dialog: SignDialog = editor.dialog
    scan = tmp_path / "signed.png"
    scan.write_bytes(PNG)
    dialog.set_scan_file(str(scan))
    dialog.date_edit.setDate(QDate.fromString(recorded.start_at[:10], "yyyy-MM-dd"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    qtbot.waitUntil(lambda: status_in(other, recorded.id) is TalkStatus.SIGNED, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: status_in(first, recorded.id) is TalkStatus.SIGNED, timeout=TIMEOUT)
    assert any("talk" in kinds for kinds in notices)
    # Opening and listing talks (audited views) announced nothing.
    assert all(kinds for kinds in notices)
    seen = len(notices)
    run_job(qtbot, worker, talk_queries.list_talks, inspection_id)
    assert len(notices) == seen
    worker.changed.disconnect(notices.append)


def test_the_notice_follows_the_job_answer_and_skips_what_a_view_does_not_show(qtbot, worker, demo_sign_in):
    demo_sign_in("leader1")
    inspection_id = my_inspection(qtbot, worker)
    order: list[str] = []
    host = TalksPanel(worker, inspection_id)
    qtbot.addWidget(host)
    follow_changes(host, worker, {"talk"}, lambda: order.append("talk view reloads"))
    follow_changes(host, worker, {"issue"}, lambda: order.append("issue view reloads"))
    draft = next(
        r
        for r in run_job(qtbot, worker, talk_queries.list_talks, inspection_id)
        if r.status is TalkStatus.DRAFT
    )
    worker.submit(talk_writes.mark_recorded, draft.id, on_done=lambda _t: order.append("answer"))
    qtbot.waitUntil(lambda: "talk view reloads" in order, timeout=TIMEOUT)
    assert order == ["answer", "talk view reloads"]


def test_a_hidden_tab_reloads_when_shown_and_a_destroyed_view_stops_listening(qtbot, worker):
    from PySide6.QtWidgets import QTabWidget, QWidget

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    front, back = QWidget(), QWidget()
    tabs.addTab(front, "front")
    tabs.addTab(back, "back")
    tabs.show()
    qtbot.waitExposed(tabs)
    calls: list[str] = []
    follow_changes(front, worker, {"talk"}, lambda: calls.append("front"))
    follow_changes(back, worker, {"talk"}, lambda: calls.append("back"))
    before = worker.receivers(CHANGED)
    worker.changed.emit(frozenset({"talk"}))
    worker.changed.emit(frozenset({"talk", "issue"}))
    assert calls == ["front", "front"]  # the tab behind waits
    tabs.setCurrentWidget(back)
    qtbot.waitUntil(lambda: "back" in calls, timeout=TIMEOUT)
    assert calls.count("back") == 1  # once, however many changes came
    back.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    assert worker.receivers(CHANGED) == before - 1
    worker.changed.emit(frozenset({"talk"}))
    assert calls.count("back") == 1


@pytest.fixture(autouse=True)
def _settle():
    yield
    gc.collect()
