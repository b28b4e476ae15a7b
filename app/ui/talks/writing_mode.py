"""Full-window writing for the talk record, as Word's full-screen reading and writing: a mode that
hides everything in the main window's content but the record's blocks (and the classification banner).

`WritingMode(keep)` hides, on `enter()`, every visible widget beside the kept widgets and beside each of
their ancestors up to the main window's central widget; `leave()` shows exactly those again. Nothing
outside the workspace is touched (the menu bar, the status bar and the banner stay), so a lock, which
destroys the workspace, leaves nothing hidden behind.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow, QSplitterHandle, QWidget

KEEP_VISIBLE = ("bannerLabel",)  # the classification banner is never hidden
_DIRECT = Qt.FindChildOption.FindDirectChildrenOnly


class WritingMode(QObject):
    toggled = Signal(bool)

    def __init__(self, keep: Sequence[QWidget], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.keep = list(keep)
        self.hidden: list[QWidget] = []
        self.active = False

    def _kept(self, widget: QWidget) -> bool:
        return widget.objectName() in KEEP_VISIBLE or any(
            widget is k or widget.isAncestorOf(k) for k in self.keep
        )

    def enter(self) -> None:
        if self.active:
            return
        self.hidden = []
        seen: set[int] = set()
        for kept in self.keep:
            widget: QWidget = kept
            while (parent := widget.parentWidget()) is not None and not isinstance(parent, QMainWindow):
                if id(parent) not in seen:
                    seen.add(id(parent))
                    for sibling in parent.findChildren(QWidget, options=_DIRECT):
                        if sibling.isWindow() or sibling.isHidden() or isinstance(sibling, QSplitterHandle):
                            continue  # a splitter hides the handle of a hidden pane itself
                        if not self._kept(sibling):
                            sibling.hide()
                            self.hidden.append(sibling)
                widget = parent
        self.active = True
        self.toggled.emit(True)

    def leave(self) -> None:
        if not self.active:
            return
        for widget in reversed(self.hidden):
            widget.show()
        self.hidden = []
        self.active = False
        self.toggled.emit(False)

    def toggle(self) -> None:
        self.leave() if self.active else self.enter()
