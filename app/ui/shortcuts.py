"""A shortcut belongs to the area that has the focus: outer actions yield their key to inner areas.

Qt does not prefer the innermost of two enabled shortcuts with one key: with the organisation
workspace's Ctrl+N (on the whole workspace) and the talks tab's Ctrl+N (on the tab) both enabled,
Ctrl+N in the talks tab did nothing ("QAction::event: Ambiguous shortcut overload"). `yield_to_inner`
keeps an outer widget's actions enabled only while no area between the focus and the outer widget
binds the same key itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

_AREA = (Qt.ShortcutContext.WidgetWithChildrenShortcut, Qt.ShortcutContext.WidgetShortcut)


def bindings(widget: QWidget) -> list[tuple[QKeySequence, QObject]]:
    """The keys the widget itself binds (its enabled actions and QShortcuts), with what binds them."""
    found: list[tuple[QKeySequence, QObject]] = []
    for action in widget.actions():
        if action.isEnabled() and action.isVisible() and action.shortcutContext() in _AREA:
            found += [(key, action) for key in action.shortcuts() if not key.isEmpty()]
    for shortcut in widget.findChildren(QShortcut, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if shortcut.isEnabled() and shortcut.context() in _AREA:
            found += [(key, shortcut) for key in shortcut.keys() if not key.isEmpty()]
    return found


def claimed_inside(focus: QWidget, outer: QWidget) -> set[str]:
    """The keys bound by `focus` or its ancestors below `outer` (as portable text)."""
    keys: set[str] = set()
    widget: QWidget | None = focus
    while widget is not None and widget is not outer:
        keys |= {key.toString() for key, _ in bindings(widget)}
        widget = widget.parentWidget()
    return keys


class _Gate(QObject):
    def __init__(self, outer: QWidget, actions: Sequence[QAction]) -> None:
        super().__init__(outer)
        self.outer = outer
        self.actions = list(actions)
        app = QApplication.instance()
        app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self.outer.isAncestorOf(new):
            return
        taken = claimed_inside(new, self.outer)
        for action in self.actions:
            action.setEnabled(not any(key.toString() in taken for key in action.shortcuts()))


def yield_to_inner(outer: QWidget, actions: Sequence[QAction]) -> None:
    """Disable each of `actions` (bound on `outer`) while the focus is in an area that binds its key."""
    _Gate(outer, actions)
