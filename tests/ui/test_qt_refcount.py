"""The Qt bindings must not leak references to None/True/False.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every call that returns nothing and on
every model data() that returns None; after a few thousand calls the process aborts (none_dealloc).
pyproject.toml keeps us below it; this test fails if a version with that bug comes back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

CALLS = 3000


class _NoneModel(QAbstractTableModel):
    def rowCount(self, parent=None) -> int:  # noqa: N802 (Qt's name)
        return 10

    def columnCount(self, parent=None) -> int:  # noqa: N802
        return 3

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None


class _Emitter(QObject):
    fired = Signal(object)


def _delta(obj, fn) -> int:
    before = sys.getrefcount(obj)
    for _ in range(CALLS):
        fn()
    return sys.getrefcount(obj) - before


def test_void_calls_and_none_model_data_keep_none_alive(qapp: QApplication):
    widget, font, model = QWidget(), QFont(), _NoneModel()
    index = model.index(1, 1)
    assert _delta(None, lambda: widget.setObjectName("x")) >= 0
    assert _delta(None, widget.update) >= 0
    assert _delta(True, lambda: font.setBold(True)) >= 0
    assert _delta(None, lambda: index.data(Qt.ItemDataRole.DisplayRole)) >= 0


def test_signal_emit_keeps_true_alive(qapp: QApplication):
    emitter = _Emitter()
    emitter.fired.connect(lambda value: None)
    assert _delta(True, lambda: emitter.fired.emit(1)) >= 0
