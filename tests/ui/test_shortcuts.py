"""A shortcut belongs to the area that has the focus: Ctrl+N, Ctrl+F and F5 act in every tab of an
inspection, exactly once, with no "Ambiguous shortcut overload"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QLineEdit, QTabWidget, QWidget

from app.ui.main_window import MainWindow
from app.ui.org.workspace import OrgWorkspace
from app.ui.shortcuts import claimed_inside
from tests.ui.conftest import settle
from tests.ui.talks_support import (
    TIMEOUT,
    demo_folder_fixture,
    demo_sign_in_fixture,
    talks_demo_template_fixture,
)
from tests.ui.test_talks_gui import inspection_path, my_inspection

__all__ = ["demo_folder_fixture", "demo_sign_in_fixture", "talks_demo_template_fixture"]

KEYS = {
    "Ctrl+N": (Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier),
    "Ctrl+F": (Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier),
    "F5": (Qt.Key.Key_F5, Qt.KeyboardModifier.NoModifier),
}


def _focus_target(tab: QWidget) -> QWidget:
    """Where a user's click in the tab leaves the focus: its first visible list, else a field."""
    for cls in (QAbstractItemView, QLineEdit):
        for widget in tab.findChildren(cls):
            if widget.isVisible() and widget.isEnabled():
                return widget
    return tab


def _fired_by(window: QWidget, key: str) -> list[str]:
    """Connect a recorder to every action and shortcut in the window that binds `key`."""
    fired: list[str] = []
    for action in window.findChildren(QAction):
        if any(k.toString() == key for k in action.shortcuts()):
            name = action.objectName() or action.text()
            action.triggered.connect(lambda *_a, n=name: fired.append(n))
    for shortcut in window.findChildren(QShortcut):
        if any(k.toString() == key for k in shortcut.keys()):
            name = f"{type(shortcut.parent()).__name__}:{key}"
            shortcut.activated.connect(lambda n=name: fired.append(n))
    return fired


@pytest.fixture
def warnings():
    seen: list[str] = []

    def handler(kind, _context, message):
        if kind != QtMsgType.QtDebugMsg:
            seen.append(message)

    previous = qInstallMessageHandler(handler)
    yield seen
    qInstallMessageHandler(previous)


@pytest.mark.parametrize("username", ["leader1", "office"])
def test_every_shortcut_acts_in_every_inspection_tab(
    qtbot, worker, demo_folder, demo_sign_in, monkeypatch, warnings, username
):
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    user = demo_sign_in(username)
    window = MainWindow(worker, demo_folder, user)
    qtbot.addWidget(window)
    window.resize(1440, 900)
    window.show()
    qtbot.waitExposed(window)
    inspection_id = my_inspection(qtbot, worker)  # office: the same query, over every team
    ws: OrgWorkspace = window.content
    qtbot.waitUntil(lambda: ws.model.root.state == "loaded", timeout=TIMEOUT)
    ws.select_path(inspection_path(demo_folder, inspection_id))
    view = ws.inspection_view
    qtbot.waitUntil(lambda: view.detail is not None and view.inspection_id == inspection_id, timeout=TIMEOUT)
    tabs: QTabWidget = view.tabs
    qtbot.waitUntil(lambda: tabs.count() >= 4, timeout=TIMEOUT)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=TIMEOUT)

    checked: dict[str, set[str]] = {}
    for index in range(tabs.count()):
        title = tabs.tabText(index)
        tabs.setCurrentIndex(index)
        tab = tabs.widget(index)
        qtbot.waitUntil(tab.isVisible, timeout=TIMEOUT)
        settle(qtbot, window, worker)  # the tab's list loaded through the worker, its layout at rest
        for key, (qt_key, modifiers) in KEYS.items():
            target = _focus_target(tab)

            def focused(t=target) -> bool:
                if QApplication.activeWindow() is not window:
                    window.activateWindow()
                t.setFocus()
                return QApplication.focusWidget() is t

            qtbot.waitUntil(focused, timeout=TIMEOUT)
            inner = key in claimed_inside(target, ws)
            outer = any(
                a.isVisible() and any(k.toString() == key for k in a.shortcuts()) for a in ws.actions()
            )
            if not inner and not outer:
                continue  # nothing offers this key here (e.g. 整改's Ctrl+N with no rectification chosen)
            fired = _fired_by(window, key)
            qtbot.keyClick(target, qt_key, modifiers)
            # A shortcut acts while its key is handled; wait for it, not for a delay (a miss fails below).
            try:
                qtbot.waitUntil(lambda f=fired: bool(f), timeout=2000)
            except qtbot.TimeoutError:
                pass
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, QDialog) and widget.isVisible():
                    widget.close()
            window.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=TIMEOUT)
            assert len(fired) == 1, (title, key, fired)
            checked.setdefault(title, set()).add(key)
            if inner:  # the tab's own binding acted, not the workspace's
                assert not fired[0].startswith("action") or fired[0] not in {
                    "actionNew",
                    "actionFind",
                    "actionRefresh",
                }, (title, key, fired)
    for title in ("谈话", "问题"):  # their placeholders advertise Ctrl+N and Ctrl+F
        assert {"Ctrl+N", "Ctrl+F", "F5"} <= checked[title], (title, checked.get(title))
    ambiguous = [w for w in warnings if "Ambiguous" in w]
    assert ambiguous == []
    window.close()


@pytest.mark.qt_warnings_expected
def test_a_qt_warning_is_caught(qtlog):
    from PySide6.QtCore import qWarning

    from tests.ui.conftest import qt_warnings

    qWarning("QAction::event: Ambiguous shortcut overload: Ctrl+N")
    qWarning("This plugin does not support propagateSizeHints()")
    assert qt_warnings(qtlog.records) == ["QAction::event: Ambiguous shortcut overload: Ctrl+N"]
