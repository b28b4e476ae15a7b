"""Layout and state (issue 17): the window fits 1280×800 with a talk open (a foldable inspection
header, the record given the room, full-window writing), the workspace comes back after unlock,
selection and editor agree and survive reloads, greyed-out actions and empty lists say why."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QHeaderView,
    QLineEdit,
    QTabBar,
    QToolButton,
    QWidget,
)

from app.core.domain.talks.types import TalkStatus
from app.ui.main_window import MainWindow
from app.ui.org.inspection_view import HEADER_COLLAPSED_KEY
from app.ui.printing import render
from app.ui.settings import app_settings
from tests.ui.conftest import grab, settle
from tests.ui.talks_support import (  # noqa: F401 (fixtures)
    TIMEOUT,
    demo_folder_fixture,
    demo_sign_in_fixture,
    message_boxes,
    talks_demo_template_fixture,
)
from tests.ui.test_talks_gui import inspection_path, my_inspection, open_in_editor, talks_tab


@pytest.fixture(autouse=True)
def _settle():
    app_settings().remove(HEADER_COLLAPSED_KEY)
    yield
    render.wait_idle()
    for box in message_boxes():
        box.close()
    app_settings().remove(HEADER_COLLAPSED_KEY)
    gc.collect()


@pytest.fixture
def small_window(qtbot, worker, demo_folder, demo_sign_in):
    """leader1's main window at 1280×800, a common laptop screen."""
    user = demo_sign_in("leader1")
    win = MainWindow(worker, demo_folder, user)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def squeezed(root: QWidget) -> list[str]:
    """Visible widgets given less room than they need (their text is cut): each one named."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.isWindow() and widget is not root:
            continue
        if isinstance(widget, QHeaderView) or isinstance(widget.parentWidget(), QAbstractSpinBox):
            continue  # Qt's own parts: a header's hint is its scroll area's, a spin box sizes its line
        if isinstance(widget, QToolButton) and isinstance(widget.parentWidget(), QLineEdit):
            continue  # a line edit's action button (the date field's calendar): Qt sizes it to its icon
        if isinstance(widget, QToolButton) and isinstance(widget.parentWidget(), QTabBar):
            continue  # a tab bar's scroll arrows: Qt gives them the bar's height, whatever their hint
        if any(
            isinstance(a, QAbstractScrollArea) and a.viewport().isAncestorOf(widget)
            for a in _ancestors(widget)
        ):
            continue  # inside a scroll area: it scrolls, nothing is cut
        need = widget.minimumSizeHint()
        if need.isValid() and (widget.height() < need.height() or widget.width() < need.width()):
            found.append(
                f"{type(widget).__name__} {widget.objectName()!r} {widget.size().toTuple()} < {need.toTuple()}"
            )
    return found


def _ancestors(widget: QWidget):
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


def talk_open(qtbot, worker, win, demo_folder, status=TalkStatus.DRAFT):
    inspection_id = my_inspection(qtbot, worker)
    panel = talks_tab(qtbot, win, inspection_path(demo_folder, inspection_id))
    talk = next(r for r in panel.model.records if r.status is status)
    editor = open_in_editor(qtbot, panel, talk.id)
    editor.tabs.setCurrentIndex(2)
    QApplication.processEvents()
    return inspection_id, panel, editor


# ---- 1. the window fits 1280×800 ----------------------------------------------------------------


def test_talk_editor_fits_1280x800_header_folds_and_full_window_writing(
    qtbot, worker, small_window, demo_folder
):
    win = small_window
    _, panel, editor = talk_open(qtbot, worker, win, demo_folder)
    view = win.content.inspection_view
    settle(qtbot, win, worker)
    assert win.size().toTuple() == (1280, 800)  # not grown past the screen
    assert win.minimumSizeHint().height() <= 800
    assert squeezed(win) == []
    # The record has the room: it is the tallest thing in the tab, and taller with the header folded.
    assert editor.record.height() >= 200
    assert editor.record.height() > editor.form.findChild(QWidget, "recordExtras").height() * 1.5
    before = editor.record.height()
    QTest.mouseClick(view.header_toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.record.height() > before + 100, timeout=TIMEOUT)
    assert not view.header_details.isVisible() and view.compact_phase.isVisible()
    assert "（" in view.compact_phase.text() or "(" in view.compact_phase.text()  # the phase and its date
    assert app_settings().value(HEADER_COLLAPSED_KEY, type=bool) is True  # layout only, remembered
    assert squeezed(win) == []
    grab(win, "talk-editor-1280x800.png")

    # Full-window writing: F11 in the record, only the blocks (and the banner) stay; Esc leaves.
    block = editor.record.blocks[0]
    block.answer.setFocus()
    qtbot.waitUntil(block.answer.hasFocus, timeout=TIMEOUT)
    QTest.keyClick(block.answer, Qt.Key.Key_F11)
    assert editor.writing_mode()
    assert not panel.table.isVisible() and not view.header.isVisible() and not win.content.tree.isVisible()
    assert not editor.tabs.tabBar().isVisible() and not editor.buttons["save"].isVisible()
    assert win.findChild(QWidget, "bannerLabel").isVisible()  # the classification is always shown
    qtbot.waitUntil(lambda: editor.record.height() >= 600 and editor.record.width() >= 1200, timeout=TIMEOUT)
    assert block.answer.hasFocus()  # writing goes on where it was
    grab(win, "talk-writing-1280x800.png")
    QTest.keyClick(block.answer, Qt.Key.Key_Escape)
    assert not editor.writing_mode()
    assert panel.table.isVisible() and view.header.isVisible() and editor.tabs.tabBar().isVisible()
    assert not view.header_details.isVisible()  # still folded: the mode restores what it hid only
    QTest.mouseClick(editor.writing_button, Qt.MouseButton.LeftButton)
    assert editor.writing_mode()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F11)
    assert not editor.writing_mode()
    win.close()


def test_the_header_stays_folded_in_a_new_window(qtbot, worker, demo_folder, demo_sign_in):
    app_settings().setValue(HEADER_COLLAPSED_KEY, True)
    win = MainWindow(worker, demo_folder, demo_sign_in("leader1"))
    qtbot.addWidget(win)
    win.show()
    view = win.content.inspection_view
    assert view.header_collapsed() and view.header_details.isHidden()
    view.set_header_collapsed(False)
    assert app_settings().value(HEADER_COLLAPSED_KEY, type=bool) is False
    win.close()


def test_a_new_talk_editor_fits_the_room_before_its_talk_loads(qtbot, worker, small_window, demo_folder):
    """The editor is shown before its talk arrives: even then it asks for no more width than the tab
    gives it (a window grows to the widest minimum it has ever been asked for, even for an instant)."""
    from app.ui.talks.editor import TalkEditor

    _, panel, _ = talk_open(qtbot, worker, small_window, demo_folder)
    settle(qtbot, small_window, worker)
    fresh = TalkEditor(worker, panel.data)
    qtbot.addWidget(fresh)
    room = (
        panel.splitter.width()
        - panel.splitter.widget(0).minimumSizeHint().width()
        - panel.splitter.handleWidth()
    )
    assert fresh.minimumSizeHint().width() <= room
    assert [key for key, button in fresh.buttons.items() if not button.isHidden()] == ["save", "print"]
    small_window.close()


def test_main_views_at_1280x800_cut_no_text(qtbot, worker, small_window, demo_folder):
    """Every tab of the inspection and every page of the workspace fits 1280×800."""
    win = small_window
    talk_open(qtbot, worker, win, demo_folder)
    tabs = win.content.inspection_view.tabs
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
        settle(qtbot, win, worker)
        assert win.size().toTuple() == (1280, 800), tabs.tabText(i)
        assert squeezed(win) == [], tabs.tabText(i)
    pages = win.content.pages
    for i in range(pages.count()):
        pages.setCurrentIndex(i)
        settle(qtbot, win, worker)
        assert win.size().toTuple() == (1280, 800), pages.tabText(i)
        assert squeezed(win) == [], pages.tabText(i)
    win.close()


# ---- 2. after unlock: the same place ------------------------------------------------------------


def test_after_unlock_the_same_inspection_tab_talk_cursor_and_draft(qtbot, worker, small_window, demo_folder):
    from tests.conftest import DEMO_PASSWORD
    from tests.ui.test_talks_gui import type_qa

    win = small_window
    inspection_id, panel, editor = talk_open(qtbot, worker, win, demo_folder)
    talk_id = editor.talk.id
    type_qa(qtbot, editor, [("锁屏前的问题", "锁屏前的回答，写到一半")])
    answer = editor.record.blocks[-1].answer
    cursor = answer.textCursor()
    cursor.setPosition(3)
    answer.setTextCursor(cursor)
    qtbot.waitUntil(answer.hasFocus, timeout=TIMEOUT)
    blocks = len(editor.record.blocks)
    win.lock()
    qtbot.waitUntil(lambda: win.content is None, timeout=TIMEOUT)
    win._try_unlock(DEMO_PASSWORD)
    qtbot.waitUntil(
        lambda: (
            win.content is not None
            and win.content.inspection_view.inspection_id == inspection_id
            and isinstance(win.content.inspection_view.tabs.currentWidget(), type(panel))
        ),
        timeout=TIMEOUT,
    )
    panel = win.content.inspection_view.tabs.currentWidget()
    qtbot.waitUntil(lambda: panel.editor is not None and panel.editor_talk_id() == talk_id, timeout=TIMEOUT)
    editor = panel.editor
    assert win.content.current_node().id == inspection_id
    assert editor.tabs.currentIndex() == 2 and len(editor.record.blocks) == blocks
    assert ("锁屏前的问题", "锁屏前的回答，写到一半") in [
        (b.question, b.answer) for b in editor.record.value()
    ]
    answer = editor.record.blocks[-1].answer
    assert answer.textCursor().position() == 3
    win.activateWindow()
    qtbot.waitUntil(answer.hasFocus, timeout=TIMEOUT)
    assert editor.dirty  # the autosaved draft, not yet saved
    assert [r.id for r in (r.data(0x0102) for r in panel.table.selectionModel().selectedRows())] == [talk_id]
    settle(qtbot, win, worker)
    grab(win, "after-unlock.png")
    win.close()


def test_the_place_is_kept_in_memory_only(qtbot, worker, small_window, demo_folder):
    """Nothing of the place (ids, cursor) is written to the settings file."""
    win = small_window
    talk_open(qtbot, worker, win, demo_folder)
    win.lock()
    qtbot.waitUntil(lambda: win.content is None, timeout=TIMEOUT)
    settings = app_settings()
    settings.sync()
    text = open(settings.fileName(), encoding="utf-8").read() if settings.fileName() else ""
    assert win._view_state is not None
    inspection = win._view_state["inspection"]
    assert inspection["inspection"] not in text and inspection["inner"]["talk"] not in text
    win.close()


# ---- 3. selection and editor agree --------------------------------------------------------------


def test_a_click_on_a_talk_row_opens_it_and_the_draft_is_kept(qtbot, worker, small_window, demo_folder):
    from app.core.domain.talks import drafts as talk_drafts
    from tests.ui.conftest import run_job
    from tests.ui.test_talks_gui import type_qa

    win = small_window
    inspection_id, panel, editor = talk_open(qtbot, worker, win, demo_folder)
    first = editor.talk.id
    type_qa(qtbot, editor, [("换行之前输入的", "未保存")])
    other = next(r for r in panel.model.records if r.id != first)
    row = next(
        r for r in range(panel.proxy.rowCount()) if panel.proxy.index(r, 0).data(0x0102).id == other.id
    )
    rect = panel.table.visualRect(panel.proxy.index(row, 1))
    QTest.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: panel.editor_talk_id() == other.id, timeout=TIMEOUT)
    selected = [i.data(0x0102).id for i in panel.table.selectionModel().selectedRows()]
    assert selected == [other.id]
    # The unsaved input of the first talk was kept as a draft before the switch.
    draft = run_job(qtbot, worker, talk_drafts.restore, talk_drafts.draft_key(inspection_id, first))
    assert draft is not None and ("换行之前输入的", "未保存") in [
        (b.question, b.answer) for b in draft.record
    ]
    # Keyboard: Down moves the selection and, once it rests, the editor follows.
    panel.table.setFocus()
    QTest.keyClick(panel.table, Qt.Key.Key_Down if row == 0 else Qt.Key.Key_Up)
    moved = panel.table.selectionModel().selectedRows()[0].data(0x0102).id
    qtbot.waitUntil(lambda: panel.editor_talk_id() == moved, timeout=TIMEOUT)
    # Ctrl+N: a new talk, and no row selected.
    QTest.keyClick(panel.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.editor is not None and panel.editor.talk is None, timeout=TIMEOUT)
    assert panel.table.selectionModel().selectedRows() == []
    win.close()


def test_selection_survives_a_reload_in_a_list(qtbot, worker, small_window, demo_folder):
    """A change notice reloads the list: the selected row (by id) stays selected, its actions enabled."""
    from app.ui.org.common import Column, FilterProxy, RecordTableModel, make_table, selected_record

    class R:
        def __init__(self, id_):
            self.id = id_

    model = RecordTableModel([Column("x", lambda r: r.id)])
    proxy = FilterProxy(model)
    proxy.setSourceModel(model)
    table = make_table("t", proxy)
    model.setParent(table)
    qtbot.addWidget(table)
    model.set_records([R("a"), R("b"), R("c")])
    table.selectRow(1)
    model.set_records([R("z"), R("a"), R("b"), R("c")])  # a new row came first
    assert selected_record(table).id == "b"
    model.set_records([R("a"), R("c")])  # gone: nothing selected
    assert selected_record(table) is None
    small_window.close()


# ---- 5. the small ones --------------------------------------------------------------------------


def test_action_labels_have_one_ellipsis():
    """“导出(&E)……” read as a doubled ellipsis: an action's label ends with one “…”."""
    import re
    from pathlib import Path

    doubled = []
    for ts in Path(__file__).resolve().parents[2].glob("resources/translations/*_zh_CN.ts"):
        for source, translation in re.findall(
            r"<source>(.*?)</source>\s*<translation>(.*?)</translation>", ts.read_text("utf-8")
        ):
            if source.endswith("…") and "&amp;" in source and translation.endswith("……"):
                doubled.append(translation)
    assert doubled == []


def test_the_talk_list_shows_its_columns_whole_at_1920(qtbot, worker, demo_folder, demo_sign_in):
    win = MainWindow(worker, demo_folder, demo_sign_in("leader1"))
    qtbot.addWidget(win)
    win.resize(1920, 1080)
    win.show()
    qtbot.waitExposed(win)
    _, panel, _ = talk_open(qtbot, worker, win, demo_folder)
    settle(qtbot, win, worker)
    table = panel.table
    header = table.horizontalHeader()
    for column in range(panel.model.columnCount()):
        need = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
        assert header.sectionSize(column) >= min(need, 240), panel.model.headerData(
            column, Qt.Orientation.Horizontal
        )
    assert not table.horizontalScrollBar().isVisible()
    assert panel.editor.width() >= 600  # the editor keeps its room
    win.close()
