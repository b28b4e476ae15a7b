"""The record as question-and-answer blocks, typed with the keyboard alone.

Ctrl+Enter (or Ctrl+Return) adds a block after the current one and puts the cursor in its question;
Tab and Shift+Tab move between the question and answer fields (the text fields pass Tab on);
Ctrl+Shift+Backspace removes the current block when it is empty. `changed` fires on every edit.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.domain.talks.types import QA


class _GrowingEdit(QTextEdit):
    """A plain-text field that grows with its text (up to MAX_LINES), so a block reads like paper."""

    MAX_LINES = 20

    def __init__(self, min_lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._min_lines = min_lines
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        self.textChanged.connect(self._fit)
        self._fit()

    def toPlainText(self) -> str:  # noqa: N802 (Qt)
        return super().toPlainText()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        line = self.fontMetrics().lineSpacing()
        self.document().setTextWidth(self.viewport().width())
        content = self.document().size().height()
        height = max(self._min_lines * line + 8, min(content, self.MAX_LINES * line) + 4)
        height = int(height + 2 * self.frameWidth())
        if height != self.height():
            self.setFixedHeight(height)


class QABlock(QFrame):
    def __init__(self, number: int, block: QA, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qaBlock")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number_label = QLabel()
        self.number_label.setStyleSheet("font-weight: bold;")
        self.question = _GrowingEdit(1, self)
        self.question.setObjectName("questionEdit")
        self.question.setPlainText(block.question)
        self.answer = _GrowingEdit(2, self)
        self.answer.setObjectName("answerEdit")
        self.answer.setPlainText(block.answer)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setVerticalSpacing(2)
        self.q_label = QLabel(self.tr("Q:"))
        self.a_label = QLabel(self.tr("A:"))
        grid.addWidget(self.number_label, 0, 0, 1, 2)
        grid.addWidget(self.q_label, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.question, 1, 1)
        grid.addWidget(self.a_label, 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.answer, 2, 1)
        self.set_number(number)

    def set_number(self, number: int) -> None:
        self.number_label.setText(self.tr("Question %1").replace("%1", str(number)))

    def value(self) -> QA:
        return QA(self.question.toPlainText(), self.answer.toPlainText())

    def is_empty(self) -> bool:
        return not (self.question.toPlainText().strip() or self.answer.toPlainText().strip())

    def set_read_only(self, read_only: bool) -> None:
        self.question.setReadOnly(read_only)
        self.answer.setReadOnly(read_only)


class RecordEditor(QScrollArea):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordEditor")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field, not to the frame
        self.setWidgetResizable(True)
        self.body = QWidget()
        self.body.setObjectName("recordBody")
        self.layout_ = QVBoxLayout(self.body)
        self.layout_.setContentsMargins(4, 4, 4, 4)
        self.layout_.setSpacing(6)
        self.layout_.addStretch(1)
        self.setWidget(self.body)
        self.blocks: list[QABlock] = []
        self.read_only = False

    # ---- content -------------------------------------------------------------------------------
    def set_blocks(self, blocks: list[QA]) -> None:
        for block in self.blocks:
            block.setParent(None)
            block.deleteLater()
        self.blocks = []
        for qa in blocks or [QA("")]:
            self._insert(len(self.blocks), qa)

    def value(self) -> list[QA]:
        return [b.value() for b in self.blocks if not b.is_empty()]

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for block in self.blocks:
            block.set_read_only(read_only)

    def add_block(self, after: int | None = None, question: str = "") -> QABlock:
        """A new block after block `after` (default: at the end); the cursor goes to its question."""
        index = len(self.blocks) if after is None else after + 1
        block = self._insert(index, QA(question))
        block.question.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ensureWidgetVisible(block)
        self.changed.emit()
        return block

    def remove_block(self, index: int) -> None:
        if len(self.blocks) <= 1 or not 0 <= index < len(self.blocks):
            return
        block = self.blocks.pop(index)
        block.setParent(None)
        block.deleteLater()
        self._renumber()
        target = self.blocks[max(0, index - 1)]
        target.answer.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def current_index(self) -> int:
        focus = self.focusWidget() or self.window().focusWidget()
        for k, block in enumerate(self.blocks):
            if focus is not None and block.isAncestorOf(focus):
                return k
        return len(self.blocks) - 1

    def _insert(self, index: int, qa: QA) -> QABlock:
        block = QABlock(index + 1, qa, self.body)
        block.set_read_only(self.read_only)
        for edit in (block.question, block.answer):
            edit.textChanged.connect(self.changed)
            edit.installEventFilter(self)
        self.blocks.insert(index, block)
        self.layout_.insertWidget(index, block)
        block.show()  # now, not on the next event loop pass: Tab skips hidden fields
        self._renumber()
        return block

    def _renumber(self) -> None:
        for k, block in enumerate(self.blocks, start=1):
            block.set_number(k)
        # Tab follows the blocks as they read (a new block would otherwise come last in the window).
        fields = [edit for block in self.blocks for edit in (block.question, block.answer)]
        for before, after in zip(fields, fields[1:], strict=False):
            QWidget.setTabOrder(before, after)

    # ---- keyboard ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and not self.read_only:
            key, mods = event.key(), event.modifiers()
            ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
            shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
            if ctrl and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.add_block(self.current_index())
                return True
            if ctrl and shift and key == Qt.Key.Key_Backspace:
                index = self.current_index()
                if self.blocks[index].is_empty():
                    self.remove_block(index)
                return True
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            self.ensureWidgetVisible(watched, 10, 30)
        return super().eventFilter(watched, event)
