"""补录文字意见: typing the handwriting of scanned sheets' text items (the reader reads boxes, not
writing). The list holds every text item of the round's scanned sheets by serial, those still empty
marked; the typist types the text beside it and saves (Ctrl+Enter), which moves to the next empty
one. The scanned page that holds the item is shown above the text box (scans.written_page), so the
handwriting is read from the screen. Each save is one core call (scans.add_written_text), which
checks the sheet and the item."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.domain.evaluation import scans
from app.core.errors import UserError
from app.ui.db_worker import DbWorker


class WrittenTextDialog(QDialog):
    def __init__(self, worker: DbWorker, round_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("writtenTextDialog")
        self.worker, self.round_id = worker, round_id
        self.items: list[scans.WrittenItem] | None = None
        self.busy = True
        self.saved = 0
        self.list = QListWidget()
        self.list.setObjectName("writtenList")
        self.list.setMinimumWidth(300)
        self.summary = QLabel()
        self.summary.setObjectName("writtenSummary")
        self.item_label = QLabel()
        self.item_label.setObjectName("writtenItemLabel")
        self.item_label.setWordWrap(True)
        self.page = QLabel()
        self.page.setObjectName("writtenPage")
        self.page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.page)
        self.scroll.setWidgetResizable(False)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.page_shown: str | None = None  # the sheet and item whose page is asked for
        self.page_loaded: str | None = None  # … and whose page is on screen
        self.text = QPlainTextEdit()
        self.text.setObjectName("writtenEdit")
        self.text.setPlaceholderText(self.tr("Type what the respondent wrote, as written."))
        self.error = QLabel()
        self.error.setObjectName("writtenError")
        self.error.setStyleSheet("color: #b00000;")
        self.error.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save and next (Ctrl+Enter)"))
        self.save_button.setObjectName("writtenSaveButton")
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        for button in (self.save_button, close):
            button.setAutoDefault(False)
        left = QVBoxLayout()
        left.addWidget(self.summary)
        left.addWidget(self.list, 1)
        right = QVBoxLayout()
        right.addWidget(self.item_label)
        right.addWidget(self.scroll, 3)
        right.addWidget(self.text, 1)
        right.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(close)
        right.addLayout(row)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(right, 1)
        self.setWindowTitle(self.tr("Type the written answers of scanned sheets"))
        self.resize(1200, 760)
        self.save_button.clicked.connect(self.save)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, activated=self.save)
        self.list.currentRowChanged.connect(self._show)
        self.reload()

    def reload(self, keep: tuple[str, str] | None = None) -> None:
        self.busy = True
        self.worker.submit(
            scans.written_items,
            self.round_id,
            on_done=lambda items: self._loaded(items, keep),
            on_error=self._error,
        )

    def _error(self, error: UserError) -> None:
        self.busy = False
        self.error.setText(str(error))

    def _loaded(self, items: list[scans.WrittenItem], after: tuple[str, str] | None) -> None:
        self.items = items
        self.list.blockSignals(True)
        self.list.clear()
        for item in items:
            mark = "✓" if item.text else "○"
            row = QListWidgetItem(f"{mark} {item.serial:06d}  {item.label[:20]}")
            row.setToolTip(item.text or self.tr("Not typed yet"))
            self.list.addItem(row)
        self.list.blockSignals(False)
        empty = sum(1 for i in items if not i.text)
        self.summary.setText(
            self.tr("{n} written answers on scanned sheets, {e} not typed yet").format(n=len(items), e=empty)
        )
        self.busy = False
        if not items:
            self.item_label.setText(self.tr("No scanned sheet of this round has a text question."))
            self.text.setEnabled(False)
            self.save_button.setEnabled(False)
            return
        start = 0
        if after is not None:
            keys = [(i.sheet_id, i.item_key) for i in items]
            at = keys.index(after) if after in keys else 0
            later = [n for n in range(at + 1, len(items)) if not items[n].text]
            start = later[0] if later else at
        else:
            start = next((n for n, i in enumerate(items) if not i.text), 0)
        self.list.setCurrentRow(start)
        self._show(start)

    def current(self) -> scans.WrittenItem | None:
        row = self.list.currentRow()
        return self.items[row] if self.items and 0 <= row < len(self.items) else None

    def _show(self, row: int) -> None:
        item = self.current()
        self.error.clear()
        if item is None:
            return
        self.item_label.setText(
            self.tr("Sheet {serial} · {label}").format(serial=f"{item.serial:06d}", label=item.label)
        )
        self.text.setPlainText(item.text)
        self.text.setEnabled(True)
        self.save_button.setEnabled(True)
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)
        key = f"{item.sheet_id}:{item.item_key}"
        if key != self.page_shown:
            self.page_shown = key
            self.page_loaded = None
            self.page.setPixmap(QPixmap())
            self.page.setText(self.tr("Loading the scanned page…"))
            self.page.adjustSize()
            self.worker.submit(
                scans.written_page,
                item.sheet_id,
                item.item_key,
                on_done=lambda page, key=key: self._page(key, page),
                on_error=self._error,
            )

    def _page(self, key: str, page: scans.WrittenPage) -> None:
        if key != self.page_shown:
            return  # the typist moved on meanwhile
        pixmap = QPixmap()
        self.page_loaded = key
        if page.png and pixmap.loadFromData(page.png):
            self.page.setPixmap(pixmap)
        else:
            self.page.setText(self.tr("The scanned page is not among the imported ones."))
        self.page.adjustSize()
        # the question and the lines written under it, at the top of the view
        self.scroll.verticalScrollBar().setValue(round(page.top * self.page.height()))

    def save(self) -> None:
        item = self.current()
        if item is None or self.busy:
            return
        self.busy = True
        self.error.clear()
        key = (item.sheet_id, item.item_key)

        def done(_result) -> None:
            self.saved += 1
            self.reload(key)

        self.worker.submit(
            scans.add_written_text,
            item.sheet_id,
            item.item_key,
            self.text.toPlainText().strip(),
            on_done=done,
            on_error=self._error,
        )
