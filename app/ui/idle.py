"""Idle detection: an application-wide event filter notes the last user input; a timer compares."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleWatcher(QObject):
    """Emits `idle` once after `timeout_ms` without input; `start()` re-arms it."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None, *, check_ms: int = 1000) -> None:
        super().__init__(parent)
        self.timeout_ms = timeout_ms
        self._last = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setInterval(min(check_ms, max(50, timeout_ms // 4)))
        self._timer.timeout.connect(self._check)
        QApplication.instance().installEventFilter(self)

    def start(self) -> None:
        self._last = time.monotonic()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def set_timeout(self, timeout_ms: int) -> None:
        self.timeout_ms = timeout_ms
        self._timer.setInterval(min(self._timer.interval(), max(50, timeout_ms // 4)))

    def uninstall(self) -> None:
        self.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self._last = time.monotonic()
        return False

    def _check(self) -> None:
        if (time.monotonic() - self._last) * 1000 >= self.timeout_ms:
            self._timer.stop()
            self.idle.emit()
