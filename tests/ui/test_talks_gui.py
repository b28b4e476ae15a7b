"""The talks tab driven like a user: the form's two-interviewer rule, Q&A typed with the keyboard,
autosave across a lock, signing (read-only afterwards) and addenda, 2-character search, need to know,
print preview registering copies, and a screenshot of the tab on demo data."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QTabWidget

from app.core.domain.talks import drafts as talk_drafts
from app.core.domain.talks import printing as talk_printing
from app.core.domain.talks import queries as talk_queries
from app.core.domain.talks.types import TalkStatus
from app.core.errors import NotFound
from app.core.printing.register import list_prints
from app.core.workstation import Workstation
from app.ui.main_window import MainWindow
from app.ui.org.workspace import OrgWorkspace
from app.ui.printing import PrintPreviewDialog, preview, render
from app.ui.printing.printer import make_printer
from app.ui.talks import ops
from app.ui.talks.dialogs import AddendumDialog, SignDialog
from app.ui.talks.editor import TalkEditor
from app.ui.talks.panel import TalksPanel
from tests.conftest import DEMO_PASSWORD
from tests.ui.conftest import grab, run_job, settle
from tests.ui.talks_support import (  # noqa: F401 (fixtures)
    TIMEOUT,
    audit_rows,
    demo_folder_fixture,
    demo_sign_in_fixture,
    message_boxes,
    talks_demo_template_fixture,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64  # a scan's first bytes are what the core checks


@pytest.fixture(autouse=True)
def _settle():
    yield
    render.wait_idle()
    for box in message_boxes():
        box.close()
    gc.collect()


def my_inspection(qtbot, worker) -> str:
    """An inspection of the signed-in user's team that has talks in every status (the demo's)."""
    rows = run_job(qtbot, worker, talk_queries.list_talks)
    by_inspection: dict[str, set] = {}
    for row in rows:
        by_inspection.setdefault(row.inspection_id, set()).add(row.status)
    return max(by_inspection, key=lambda i: len(by_inspection[i]))


def open_panel(qtbot, worker, inspection_id: str) -> TalksPanel:
    panel = TalksPanel(worker, inspection_id)
    qtbot.addWidget(panel)
    panel.resize(1280, 700)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()  # keyboard focus moves only inside the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: panel.data is not None or bool(panel.refused), timeout=TIMEOUT)
    return panel


def open_in_editor(qtbot, panel: TalksPanel, talk_id: str | None) -> TalkEditor:
    panel.open_talk(talk_id)
    qtbot.waitUntil(
        lambda: (
            panel.editor is not None
            and (panel.editor.talk.id if panel.editor.talk else None) == talk_id
            and panel.editor.draft_key != "-"
        ),
        timeout=TIMEOUT,
    )
    return panel.editor


def new_talk(qtbot, panel: TalksPanel) -> TalkEditor:
    panel.table.setFocus()
    QTest.keyClick(panel.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.editor is not None and panel.editor.talk is None, timeout=TIMEOUT)
    return panel.editor


def tick_interviewers(editor: TalkEditor, names: list[str]) -> None:
    for row in range(editor.interviewers.count()):
        item = editor.interviewers.item(row)
        item.setCheckState(Qt.CheckState.Checked if item.text() in names else Qt.CheckState.Unchecked)


def type_text(widget, text: str) -> None:
    """Chinese arrives from the input method as a commit string (QTest.keyClicks is ASCII only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_qa(qtbot, editor: TalkEditor, pairs: list[tuple[str, str]]) -> None:
    """Keyboard only: type a question, Tab to the answer, type it, Ctrl+Enter for the next block."""
    editor.tabs.setCurrentIndex(2)
    window = editor.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=TIMEOUT)
    last = editor.record.blocks[-1]
    start = last.question if last.is_empty() else last.answer
    start.setFocus()
    qtbot.waitUntil(start.hasFocus, timeout=TIMEOUT)
    for k, (question, answer) in enumerate(pairs):
        if k or not last.is_empty():
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        type_text(QApplication.focusWidget(), question)
        block = next(b for b in editor.record.blocks if b.question.hasFocus())
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        qtbot.waitUntil(block.answer.hasFocus, timeout=TIMEOUT)
        type_text(QApplication.focusWidget(), answer)


def saved(qtbot, editor: TalkEditor, click=True) -> None:
    if click:
        editor.buttons["save"].click()
    qtbot.waitUntil(lambda: not editor.busy, timeout=TIMEOUT)


# ---- the form ------------------------------------------------------------------------------------


def test_create_talk_refused_with_one_interviewer_accepted_with_two(qtbot, worker, demo_sign_in):
    demo_sign_in("leader1")
    inspection_id = my_inspection(qtbot, worker)
    panel = open_panel(qtbot, worker, inspection_id)
    before = panel.model.rowCount()
    editor = new_talk(qtbot, panel)
    assert editor.title.text() == "新谈话（保存后编号）"
    team = [editor.interviewers.item(r).text() for r in range(editor.interviewers.count())]
    assert len(team) >= 2
    editor.interviewee_combo.setEditText("王某某")
    editor.place_edit.setText("谈话室")
    tick_interviewers(editor, team[:1])
    editor.recorder_combo.setCurrentIndex(0)
    saved(qtbot, editor)
    assert editor.error_text("interviewer_ids") == "谈话人至少须有两名巡察组成员。"
    assert editor.tabs.currentIndex() == 0  # the message is shown beside the field
    assert editor.talk is None
    tick_interviewers(editor, team[:2])
    saved(qtbot, editor)
    assert editor.talk is not None and editor.error_text("interviewer_ids") == ""
    assert editor.title.text() == f"谈话记录 第{editor.talk.number}号"
    qtbot.waitUntil(lambda: panel.model.rowCount() == before + 1, timeout=TIMEOUT)
    assert any(r[2] == editor.talk.id for r in audit_rows(qtbot, worker, "talk_create"))


def test_outline_from_template_and_qa_typed_with_the_keyboard(qtbot, worker, demo_sign_in):
    demo_sign_in("leader1")
    panel = open_panel(qtbot, worker, my_inspection(qtbot, worker))
    editor = new_talk(qtbot, panel)
    editor.category_combo.setCurrentIndex(editor.category_combo.findData("leadership"))
    qtbot.waitUntil(lambda: editor.template_combo.count() > 0, timeout=TIMEOUT)
    editor.apply_template_button.click()
    outline = editor.outline_edit.toPlainText().splitlines()
    assert len(outline) >= 3
    type_qa(qtbot, editor, [("请谈谈班子议事决策情况", "总体规范"), ("公务接待情况如何", "有超标准问题")])
    assert [(b.question, b.answer) for b in editor.record.value()] == [
        ("请谈谈班子议事决策情况", "总体规范"),
        ("公务接待情况如何", "有超标准问题"),
    ]
    assert editor.record.blocks[1].number_label.text() == "第 2 问"
    # Ctrl+Shift+Backspace drops an empty block; a block with text stays.
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(editor.record.blocks) == 3
    QTest.keyClick(
        QApplication.focusWidget(),
        Qt.Key.Key_Backspace,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(editor.record.blocks) == 2
    # The outline's questions can start the record.
    editor.outline_to_record()
    assert len(editor.record.value()) == 2 + len(outline)
    assert editor.dirty


def test_autosave_keeps_input_as_an_encrypted_draft(qtbot, worker, demo_sign_in):
    demo_sign_in("leader1")
    inspection_id = my_inspection(qtbot, worker)
    panel = open_panel(qtbot, worker, inspection_id)
    draft = next(r for r in panel.model.records if r.status is TalkStatus.DRAFT)
    editor = open_in_editor(qtbot, panel, draft.id)
    type_qa(qtbot, editor, [("补问一个问题", "回答的内容")])
    editor.autosave()  # what the timer does every few seconds
    key = talk_drafts.draft_key(inspection_id, draft.id)
    qtbot.waitUntil(lambda: run_job(qtbot, worker, talk_drafts.restore, key) is not None, timeout=TIMEOUT)
    kept = run_job(qtbot, worker, talk_drafts.restore, key)
    assert ("补问一个问题", "回答的内容") in [(b.question, b.answer) for b in kept.record]
    # As after a crash: a fresh tab offers the draft, and opening the talk brings the input back.
    panel.close()
    again = open_panel(qtbot, worker, inspection_id)
    assert again.drafts_label.isVisible() and f"第{draft.number}号" in again.drafts_label.text()
    again._open_draft_link(key)
    qtbot.waitUntil(lambda: again.editor is not None and again.editor.talk is not None, timeout=TIMEOUT)
    assert ("补问一个问题", "回答的内容") in [(b.question, b.answer) for b in again.editor.record.value()]
    assert not again.editor.notice.isHidden() and again.editor.dirty
    # Saving makes it part of the talk and the draft goes.
    saved(qtbot, again.editor)
    assert run_job(qtbot, worker, talk_drafts.restore, key) is None


def test_sign_makes_the_record_read_only_then_addendum(qtbot, worker, demo_sign_in, tmp_path):
    demo_sign_in("leader1")
    panel = open_panel(qtbot, worker, my_inspection(qtbot, worker))
    recorded = next(r for r in panel.model.records if r.status is TalkStatus.RECORDED)
    editor = open_in_editor(qtbot, panel, recorded.id)
    assert any(r[2] == recorded.id for r in audit_rows(qtbot, worker, "talk_view"))  # opening is audited
    assert editor.buttons["sign"].isVisible() and not editor.record.read_only
    editor.buttons["sign"].click()
    qtbot.waitUntil(
        lambda: isinstance(editor.dialog, SignDialog) and editor.dialog.isVisible(), timeout=TIMEOUT
    )
    dialog: SignDialog = editor.dialog
    scan = tmp_path / "signed-pages.png"
    scan.write_bytes(PNG)
    dialog.set_scan_file(str(scan))
    dialog.date_edit.setDate(QDate.fromString(recorded.start_at[:10], "yyyy-MM-dd"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: editor.talk.status is TalkStatus.SIGNED, timeout=TIMEOUT)
    assert editor.talk.has_scan and editor.talk.signed_on == recorded.start_at[:10]
    assert editor.status.text() == "已签字" and editor.draft_key == ""
    assert editor.record.read_only and editor.key_points_edit.isReadOnly()
    assert not editor.buttons["save"].isVisible() and editor.buttons["addendum"].isVisible()
    assert "已签字" in editor.notice.text() or "锁定" in editor.notice.text()
    # Keys do nothing to a signed record.
    editor.record.blocks[0].answer.setFocus()
    before = editor.record.value()
    QTest.keyClicks(editor.record.blocks[0].answer, "x")
    QTest.keyClick(editor.record.blocks[0].answer, Qt.Key.Key_Backspace)
    # and no input method is offered to it
    assert not editor.record.blocks[0].answer.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    assert editor.record.value() == before
    # An addendum is appended, dated, and shown.
    editor.buttons["addendum"].click()
    qtbot.waitUntil(
        lambda: isinstance(editor.dialog, AddendumDialog) and editor.dialog.isVisible(), timeout=TIMEOUT
    )
    addendum: AddendumDialog = editor.dialog
    addendum.text_edit.setFocus()
    type_text(addendum.text_edit, "第2问回答中“三次”应为“两次”。")
    addendum.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: len(editor.talk.addenda) == 1, timeout=TIMEOUT)
    assert "应为“两次”" in editor.addenda_view.toPlainText()
    assert editor.talk.status is TalkStatus.SIGNED and editor.record.value() == before
    assert any(r[2] == recorded.id for r in audit_rows(qtbot, worker, "talk_addendum"))


def test_search_with_two_characters_shows_hits(qtbot, worker, demo_sign_in):
    demo_sign_in("leader1")
    inspection_id = my_inspection(qtbot, worker)
    panel = open_panel(qtbot, worker, inspection_id)
    talk = run_job(qtbot, worker, talk_queries.get_talk, panel.model.records[0].id)
    text = "".join(b.answer for b in talk.record)
    term = next(text[k : k + 2] for k in range(len(text) - 1) if text[k].isalnum() and text[k + 1].isalnum())
    panel.search_edit.setFocus()
    type_text(panel.search_edit, term)
    QTest.keyClick(panel.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.stack.currentIndex() == 1, timeout=TIMEOUT)
    hits = panel.hits_model.records
    assert talk.id in [h.talk_id for h in hits]
    assert all(f"【{term}】" in h.marked() for h in hits)
    # Opening a hit opens the talk.
    row = [h.talk_id for h in panel.hits_model.records].index(talk.id)
    panel.hits_table.selectRow(panel.hits_proxy.mapFromSource(panel.hits_model.index(row, 0)).row())
    panel.open_selected(panel.hits_table)
    qtbot.waitUntil(lambda: panel.editor is not None and panel.editor.talk is not None, timeout=TIMEOUT)
    assert panel.editor.talk.id == talk.id
    # One character is too short: the core's message under the box.
    panel.search_edit.setText(term[0])
    panel.search()
    qtbot.waitUntil(panel.query_error.isVisible, timeout=TIMEOUT)
    assert "太短" in panel.query_error.text()
    # Clearing the box brings the list back.
    panel.search_edit.clear()
    assert panel.stack.currentIndex() == 0


def test_a_member_of_another_team_sees_nothing(qtbot, worker, demo_sign_in, demo_folder: Path):
    office = Workstation(demo_folder).unlock("office", DEMO_PASSWORD)
    try:
        all_rows = talk_queries.list_talks(office)
    finally:
        office.close()
    everything = {r.inspection_id for r in all_rows}
    demo_sign_in("member1")
    mine = {r.inspection_id for r in run_job(qtbot, worker, talk_queries.list_talks)}
    other = sorted(everything - mine)[0]
    panel = open_panel(qtbot, worker, other)
    assert panel.refused and "找不到" in panel.refused
    assert panel.model.rowCount() == 0 and not panel.new_button.isEnabled()
    assert panel.count_label.text() == panel.refused
    # Nor can one of its talks be opened, searched or printed: the core answers as if it did not exist.
    foreign = next(r for r in all_rows if r.inspection_id == other)
    for fn, args in (
        (ops.open_talk, (other, foreign.id)),
        (ops.search, (other, foreign.interviewee_name)),
        (talk_printing.preview_talk, (foreign.id,)),
        (talk_printing.print_talk, (foreign.id, 1)),
    ):
        assert isinstance(run_job(qtbot, worker, fn, *args), NotFound), fn


def test_print_preview_from_the_form_registers_copies(qtbot, worker, demo_sign_in, monkeypatch):
    demo_sign_in("leader1")
    panel = open_panel(qtbot, worker, my_inspection(qtbot, worker))
    signed = next(r for r in panel.model.records if r.status is TalkStatus.SIGNED)
    editor = open_in_editor(qtbot, panel, signed.id)
    editor.record.blocks[0].answer.setFocus()
    QTest.keyClick(editor.record.blocks[0].answer, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: isinstance(editor.dialog, PrintPreviewDialog) and editor.dialog.page_count() > 0,
        timeout=TIMEOUT,
    )
    dialog: PrintPreviewDialog = editor.dialog
    sent: list = []
    monkeypatch.setattr(preview, "printer_problem", lambda printer: None)
    monkeypatch.setattr(dialog, "_send_copies", lambda printer, numbers, pdfs: sent.append((numbers, pdfs)))
    printer = make_printer()
    printer.setCopyCount(2)
    dialog.printer_chosen(printer)
    qtbot.waitUntil(lambda: bool(sent), timeout=TIMEOUT)
    numbers, pdfs = sent[0]
    assert len(numbers) == 2 and len(pdfs) == 2
    entries = run_job(qtbot, worker, lambda s: list_prints(s, record_id=signed.id))
    assert entries[0].copy_numbers == numbers and entries[0].document_kind == "talk_record"
    dialog.close()


# ---- in the main window: the lock, and the screenshot --------------------------------------------


def inspection_path(folder: Path, inspection_id: str) -> list[str]:
    office = Workstation(folder).unlock("office", DEMO_PASSWORD)
    try:
        row = office.conn.execute(
            "SELECT r.term_id, i.round_id, i.team_id, i.id FROM inspections i JOIN rounds r ON r.id = i.round_id"
            " WHERE i.id = ?",
            (inspection_id,),
        ).fetchone()
    finally:
        office.close()
    return list(row)


def talks_tab(qtbot, window: MainWindow, path: list[str]) -> TalksPanel:
    ws: OrgWorkspace = window.content
    qtbot.waitUntil(lambda: ws.model.root.state == "loaded", timeout=TIMEOUT)
    ws.select_path(path)
    view = ws.inspection_view
    qtbot.waitUntil(lambda: view.detail is not None and view.inspection_id == path[-1], timeout=TIMEOUT)
    tabs: QTabWidget = view.tabs
    qtbot.waitUntil(lambda: any(tabs.tabText(i) == "谈话" for i in range(tabs.count())), timeout=TIMEOUT)
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == "谈话")
    tabs.setCurrentIndex(index)
    panel = tabs.widget(index)
    assert isinstance(panel, TalksPanel)
    qtbot.waitUntil(lambda: panel.data is not None and panel.isVisible(), timeout=TIMEOUT)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=TIMEOUT)
    return panel


@pytest.fixture
def window(qtbot, worker, demo_folder, demo_sign_in):
    user = demo_sign_in("leader1")
    win = MainWindow(worker, demo_folder, user)
    qtbot.addWidget(win)
    win.resize(1440, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_unsaved_input_survives_a_lock(qtbot, worker, window, demo_folder):
    inspection_id = my_inspection(qtbot, worker)
    path = inspection_path(demo_folder, inspection_id)
    panel = talks_tab(qtbot, window, path)
    draft = next(r for r in panel.model.records if r.status is TalkStatus.DRAFT)
    editor = open_in_editor(qtbot, panel, draft.id)
    type_qa(qtbot, editor, [("锁屏前输入的问题", "锁屏前输入的回答")])
    window.lock()  # no autosave tick in between: the lock itself keeps the input
    qtbot.waitUntil(lambda: window.content is None, timeout=TIMEOUT)
    window._try_unlock(DEMO_PASSWORD)
    qtbot.waitUntil(lambda: isinstance(window.content, OrgWorkspace), timeout=TIMEOUT)
    panel = talks_tab(qtbot, window, path)
    qtbot.waitUntil(panel.drafts_label.isVisible, timeout=TIMEOUT)
    panel._open_draft_link(talk_drafts.draft_key(inspection_id, draft.id))
    qtbot.waitUntil(lambda: panel.editor is not None and panel.editor.talk is not None, timeout=TIMEOUT)
    assert ("锁屏前输入的问题", "锁屏前输入的回答") in [
        (b.question, b.answer) for b in panel.editor.record.value()
    ]
    window.close()


def test_talks_window_screenshot(qtbot, worker, window, demo_folder):
    inspection_id = my_inspection(qtbot, worker)
    panel = talks_tab(qtbot, window, inspection_path(demo_folder, inspection_id))
    signed = (
        next(r for r in panel.model.records if r.status is TalkStatus.SIGNED and r.raised_problems)
        if any(r.status is TalkStatus.SIGNED and r.raised_problems for r in panel.model.records)
        else next(r for r in panel.model.records if r.status is TalkStatus.SIGNED)
    )
    editor = open_in_editor(qtbot, panel, signed.id)
    editor.tabs.setCurrentIndex(2)
    settle(qtbot, window, worker)
    grab(window, "talks-window.png")
    window.close()
