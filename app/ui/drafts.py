"""Unsaved form input that must survive a lock: a mixin for forms and helpers for the main window.

A form opts in by inheriting DraftForm and giving each instance a stable `draft_key` (e.g.
"talk-record:<talk id>"). When the screen locks, every DraftForm's input is saved as an encrypted
draft (app.core.drafts) before the form is destroyed; after unlock the rebuilt form gets it back.
The default payload covers the named input widgets; override draft_payload/restore_draft for more.
When the form saves its record it calls `discard_draft(worker)`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

from app.core import drafts as core_drafts
from app.ui.db_worker import DbWorker


def _named(root: QWidget, cls: type) -> list:
    return [w for w in root.findChildren(cls) if w.objectName() and not w.objectName().startswith("qt_")]


class DraftForm:
    """Mixin for a QWidget form. Set `draft_key` (str) before the form can be locked."""

    draft_key: str = ""

    def draft_payload(self) -> dict[str, Any]:
        root: QWidget = self  # type: ignore[assignment]
        out: dict[str, Any] = {}
        for edit in _named(root, QLineEdit):
            if edit.echoMode() == QLineEdit.EchoMode.Normal and not isinstance(
                edit.parent(), QAbstractSpinBox
            ):
                out[edit.objectName()] = edit.text()
        for edit in _named(root, QPlainTextEdit):
            out[edit.objectName()] = edit.toPlainText()
        for edit in _named(root, QTextEdit):
            out[edit.objectName()] = edit.toHtml()
        for box in _named(root, QComboBox):
            out[box.objectName()] = box.currentText() if box.isEditable() else box.currentIndex()
        for spin in _named(root, QSpinBox) + _named(root, QDoubleSpinBox):
            out[spin.objectName()] = spin.value()
        for check in _named(root, QCheckBox):
            out[check.objectName()] = check.isChecked()
        return out

    def restore_draft(self, payload: dict[str, Any]) -> None:
        root: QWidget = self  # type: ignore[assignment]
        for name, value in payload.items():
            widget = root.findChild(QWidget, name)
            if isinstance(widget, QLineEdit):
                widget.setText(str(value))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(str(value))
            elif isinstance(widget, QTextEdit):
                widget.setHtml(str(value))
            elif isinstance(widget, QComboBox):
                if widget.isEditable():
                    widget.setCurrentText(str(value))
                else:
                    widget.setCurrentIndex(int(value))
            elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
                widget.setValue(value)
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))

    def discard_draft(self, worker: DbWorker) -> None:
        if self.draft_key:
            worker.submit(core_drafts.discard_draft, self.draft_key)


def draft_forms(root: QWidget) -> list[DraftForm]:
    found = [w for w in root.findChildren(QWidget) if isinstance(w, DraftForm)]
    if isinstance(root, DraftForm):
        found.insert(0, root)
    return [form for form in found if form.draft_key]


def collect_drafts(roots: list[QWidget]) -> dict[str, dict[str, Any]]:
    """The unsaved input of every DraftForm under the given widgets, by draft key."""
    out: dict[str, dict[str, Any]] = {}
    for root in roots:
        for form in draft_forms(root):
            out[form.draft_key] = form.draft_payload()
    return out


def restore_drafts(root: QWidget, payloads: dict[str, dict[str, Any]]) -> int:
    restored = 0
    for form in draft_forms(root):
        if form.draft_key in payloads:
            form.restore_draft(payloads[form.draft_key])
            restored += 1
    return restored
