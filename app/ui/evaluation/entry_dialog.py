"""Keyboard entry of returned forms (测评表录入): one sheet at a time, one key per answer.

The serial first (six digits, then Enter), then the answers down the table: the digit of an option
(1 = the first) sets a single choice and moves on; a multiple choice takes several digits (each toggles)
and Enter moves on; 0 or space leaves the item blank; Backspace clears and goes back; a text item
takes typing (F2 or any letter opens it). Ctrl+Enter (or Save) stores the sheet through the core and
starts the next one. "Second entry" is the blind re-entry by another person: nothing of the first
entry is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.core.domain.evaluation import entry
from app.core.domain.evaluation.model import Form, Item
from app.core.errors import UserError
from app.ui.db_worker import DbWorker
from app.ui.evaluation import ops
from app.ui.forms import child, load_into


class EvaluationEntryDialog(QDialog):
    def __init__(self, worker: DbWorker, round_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_into("evaluation_entry.ui", self)
        self.worker, self.round_id = worker, round_id
        self.form: Form | None = None
        self.items: list[Item] = []
        self.answers: dict[str, str] = {}
        self.saved = 0
        self.serial = child(self, QLineEdit, "serialEdit")
        self.second = child(self, QCheckBox, "secondCheck")
        self.table = child(self, QTableWidget, "answerTable")
        self.status = child(self, QLabel, "statusLabel")
        self.save_button = child(self, QPushButton, "saveButton")
        child(self, QPushButton, "closeButton").clicked.connect(self.close)
        self.save_button.clicked.connect(self.save)
        for button in self.findChildren(QPushButton):  # Enter belongs to the keys, never a default button
            button.setAutoDefault(False)
            button.setDefault(False)
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Options"), self.tr("Answer")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, True)
        self.table.installEventFilter(self)
        self.serial.returnPressed.connect(self._to_answers)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.save)
        self.worker.submit(ops.round_form, round_id, on_done=self._loaded, on_error=self._error)

    def _loaded(self, result: tuple[Form, bool]) -> None:
        self.form, double = result
        self.items = self.form.items()
        self.second.setEnabled(double)
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            options = "  ".join(f"{k + 1} {o.label}" for k, o in enumerate(item.options)) or self.tr("(text)")
            for col, text in enumerate((item.label, options, "")):
                cell = QTableWidgetItem(text)
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, col, cell)
        self.table.resizeColumnToContents(1)
        self.new_sheet()

    def _error(self, error: UserError) -> None:
        self.status.setText(str(error))

    # ---- one sheet ------------------------------------------------------------------------------
    def new_sheet(self) -> None:
        self.answers = {}
        for row in range(self.table.rowCount()):
            self.table.item(row, 2).setText("")
        self.serial.clear()
        self.serial.setFocus()

    def _to_answers(self) -> None:
        if self.items:
            self.table.setCurrentCell(0, 2)
            self.table.setFocus()

    def _show(self, row: int) -> None:
        item = self.items[row]
        value = self.answers.get(item.key, "")
        if item.kind != "text":
            labels = {o.key: o.label for o in item.options}
            value = "、".join(labels[k] for k in value.split(",") if k)
        self.table.item(row, 2).setText(value)

    def _move(self, step: int) -> None:
        row = max(0, min(self.table.rowCount() - 1, self.table.currentRow() + step))
        self.table.setCurrentCell(row, 2)

    def key(self, key: int, text: str) -> bool:
        """One key on the answer table; True when it was an answer key (tests call it directly)."""
        row = self.table.currentRow()
        if row < 0 or not self.items:
            return False
        item = self.items[row]
        if item.kind == "text":
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._move(1)
                return True
            if key == Qt.Key.Key_Backspace:
                self.answers.pop(item.key, None)
                self._show(row)
                self._move(-1)
                return True
            if text and text.isprintable():
                self.answers[item.key] = self.answers.get(item.key, "") + text
                self._show(row)
                return True
            return False
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down):
            self._move(1)
            return True
        if key == Qt.Key.Key_Up:
            self._move(-1)
            return True
        if key == Qt.Key.Key_Backspace:
            self.answers.pop(item.key, None)
            self._show(row)
            self._move(-1)
            return True
        if text in ("0", " "):
            self.answers.pop(item.key, None)
            self._show(row)
            self._move(1)
            return True
        if text.isdigit() and 1 <= int(text) <= len(item.options):
            option = item.options[int(text) - 1].key
            if item.kind == "multiple":
                chosen = set(filter(None, self.answers.get(item.key, "").split(",")))
                chosen ^= {option}
                self.answers[item.key] = ",".join(o.key for o in item.options if o.key in chosen)
                self._show(row)
            else:
                self.answers[item.key] = option
                self._show(row)
                self._move(1)
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.table and event.type() == QEvent.Type.InputMethod:
            # Chinese typed through an input method arrives as its committed text, not as keys.
            for ch in event.commitString():
                self.key(0, ch)
            return True
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                return False
            if self.key(event.key(), event.text()):
                return True
        return super().eventFilter(watched, event)

    def save(self) -> None:
        serial = self.serial.text().strip()
        answers = {k: v for k, v in self.answers.items() if v}
        second, round_id = self.second.isChecked(), self.round_id
        self.worker.submit(
            lambda s: entry.enter_sheet(s, round_id, serial, answers, second=second),
            on_done=self._saved,
            on_error=self._error,
        )

    def _saved(self, sheet: entry.Sheet) -> None:
        self.saved += 1
        states = {
            "counted": self.tr("counted"),
            "pending": self.tr("waits for the second entry"),
            "review": self.tr("differs from the first entry: to be settled"),
        }
        text = self.tr("Sheet %1 saved (%2). Sheets this session: %3.")
        self.status.setText(
            text.replace("%1", f"{sheet.serial:06d}")
            .replace("%2", states[sheet.status])
            .replace("%3", str(self.saved))
        )
        self.new_sheet()
