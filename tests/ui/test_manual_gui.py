"""帮助 → 使用手册 (F1) opens the manual in the app's own preview, with its pages, from the main window
and from the unlock window; it is for reading only (nothing registered, nothing written)."""

from __future__ import annotations

import gc

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from app.ui.main_window import MainWindow
from app.ui.manual_viewer import ManualPreviewDialog
from app.ui.printing import render
from app.ui.unlock_window import UnlockWindow
from tests.ui.conftest import grab
from tests.ui.test_lock import RecordsWorkspace

TIMEOUT = 60000
MIN_PAGES = 4


@pytest.fixture(autouse=True)
def _settle():
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ManualPreviewDialog) and shiboken6.isValid(widget):
            widget.close()
    render.wait_idle()
    gc.collect()


def open_dialog(qtbot) -> ManualPreviewDialog:
    found: list[ManualPreviewDialog] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, ManualPreviewDialog)]
        return bool(found) and found[0].isVisible()

    qtbot.waitUntil(shown, timeout=5000)
    dialog = found[0]
    qtbot.waitUntil(
        lambda: dialog.page_count() > 0 and dialog.rendered_pages == dialog.page_count(), timeout=TIMEOUT
    )
    return dialog


def press_f1(qtbot, window) -> None:
    # The first key after a window shows goes nowhere until Qt has given a widget the focus.
    window.activateWindow()
    qtbot.waitUntil(
        lambda: QApplication.focusWidget() is not None and QApplication.focusWidget().window() is window
    )
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_F1)


def test_f1_in_the_main_window_opens_the_manual_in_the_preview(qtbot, worker, workstation, sign_in):
    user = sign_in("member1")
    window = MainWindow(worker, workstation.folder, user, workspace_factory=RecordsWorkspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    action = window.findChild(QAction, "actionManual")
    help_menu = window.findChild(QMenu, "menuHelp")
    assert action in help_menu.actions()
    assert action.text() == "使用手册(&M)" and help_menu.title() == "帮助(&H)"
    assert action.shortcut().toString() == "F1"

    press_f1(qtbot, window)
    dialog = open_dialog(qtbot)
    assert dialog.windowTitle() == "使用手册"
    assert dialog.page_count() >= MIN_PAGES  # cover, contents and every chapter
    assert dialog.parent() is window
    # Reading only: no print, no export, and Ctrl+P does nothing.
    assert not dialog.print_button.isVisible() and not dialog.export_button.isVisible()
    assert not dialog.print_button.isEnabled() and not dialog.export_button.isEnabled()
    QTest.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.busy
    dialog.go_to_page(3)
    assert dialog.page_spin.value() == 3
    grab(dialog, "manual-preview.png")


def test_the_help_menu_action_opens_it_too_and_closing_it_leaves_the_window(
    qtbot, worker, workstation, sign_in
):
    user = sign_in("auditor")  # an administrator's page: the Help menu is the same
    window = MainWindow(worker, workstation.folder, user)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.findChild(QAction, "actionManual").trigger()
    dialog = open_dialog(qtbot)
    dialog.close_button.click()
    qtbot.waitUntil(
        lambda: not any(isinstance(w, ManualPreviewDialog) for w in QApplication.topLevelWidgets())
    )
    assert window.isVisible()


def test_the_unlock_window_opens_the_manual_before_anyone_signs_in(qtbot, worker, workstation):
    window = UnlockWindow(worker, workstation.folder)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert worker.user is None
    assert window.manual_button.text() == "使用手册（F1）"
    window.manual_button.click()
    dialog = open_dialog(qtbot)
    assert dialog.page_count() >= MIN_PAGES
    dialog.close()
    press_f1(qtbot, window)
    assert open_dialog(qtbot).page_count() >= MIN_PAGES
