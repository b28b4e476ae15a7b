"""Layout and state (issue 17): the window fits 1280×800 with a talk open (a foldable inspection
header, the record given the room, full-window writing), the workspace comes back after unlock,
selection and editor agree and survive reloads, greyed-out actions and empty lists say why."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QHeaderView, QWidget

from app.core.domain.talks.types import TalkStatus
from app.ui.main_window import MainWindow
from app.ui.org.inspection_view import HEADER_COLLAPSED_KEY
from app.ui.printing import render
from app.ui.settings import app_settings
from tests.ui.conftest import grab
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
    qtbot.wait(100)
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


def test_main_views_at_1280x800_cut_no_text(qtbot, worker, small_window, demo_folder):
    """Every tab of the inspection and every page of the workspace fits 1280×800."""
    win = small_window
    talk_open(qtbot, worker, win, demo_folder)
    tabs = win.content.inspection_view.tabs
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
        qtbot.wait(150)
        assert win.size().toTuple() == (1280, 800), tabs.tabText(i)
        assert squeezed(win) == [], tabs.tabText(i)
    pages = win.content.pages
    for i in range(pages.count()):
        pages.setCurrentIndex(i)
        qtbot.wait(150)
        assert win.size().toTuple() == (1280, 800), pages.tabText(i)
        assert squeezed(win) == [], pages.tabText(i)
    win.close()
