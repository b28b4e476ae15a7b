"""Reviewing unclear answers of scanned forms (识读复核): the cropped boxes next to their choices.

The queue lists every item a scan could not settle (a faint mark, a box between a mark and a fill,
two marks where one is allowed). For the current item each box is shown as scanned, enlarged, beside
its option, what the reader saw (and how much of the box is dark), and a tick box: the reviewer ticks
what the respondent chose (digits toggle) and confirms (Enter). No tick means no valid answer. The
sheet counts once its last unclear item is decided.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from app.core.domain.evaluation import scans
from app.core.errors import UserError
from app.ui.db_worker import DbWorker
from app.ui.forms import child, load_into
from app.ui.messages import show_error

CROP_SIZE = 96  # pixels the cropped box is shown at


class EvaluationReviewDialog(QDialog):
    def __init__(self, worker: DbWorker, round_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_into("evaluation_review.ui", self)
        self.worker, self.round_id = worker, round_id
        self.queue: list[scans.ReviewItem] = []
        self.checks: list[QCheckBox] = []
        self.decided = 0
        self.list = child(self, QListWidget, "queueList")
        self.list.setMaximumWidth(280)
        self.item_label = child(self, QLabel, "itemLabel")
        self.reason = child(self, QLabel, "reasonLabel")
        self.grid = self.findChild(QGridLayout, "boxGrid")
        self.confirm_button = child(self, QPushButton, "confirmButton")
        child(self, QPushButton, "closeButton").clicked.connect(self.close)
        self.confirm_button.clicked.connect(self.confirm)
        for button in self.findChildren(QPushButton):  # Enter belongs to the keys, never a default button
            button.setAutoDefault(False)
            button.setDefault(False)
        self.list.currentRowChanged.connect(self._show)
        for key in ("Return", "Enter"):
            QShortcut(QKeySequence(key), self, activated=self.confirm)
        for k in range(1, 10):
            QShortcut(QKeySequence(str(k)), self, activated=lambda k=k: self.toggle(k))
        self.reload()

    def reload(self) -> None:
        self.worker.submit(scans.review_queue, self.round_id, on_done=self._loaded, on_error=self._error)

    def _error(self, error: UserError) -> None:
        show_error(self, error)

    def _loaded(self, queue: list[scans.ReviewItem]) -> None:
        self.queue = queue
        self.list.clear()
        for item in queue:
            row = QListWidgetItem(f"{item.serial:06d}  {item.label[:24]}")
            row.setToolTip(item.reason)
            self.list.addItem(row)
        self.setWindowTitle(self.tr("Review unclear answers (%1 left)").replace("%1", str(len(queue))))
        if queue:
            self.list.setCurrentRow(0)
        else:
            self._show(-1)

    def _clear_grid(self) -> None:
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.checks = []

    def _show(self, row: int) -> None:
        self._clear_grid()
        if not 0 <= row < len(self.queue):
            self.item_label.setText(self.tr("Nothing waits for review."))
            self.reason.setText("")
            self.confirm_button.setEnabled(False)
            return
        item = self.queue[row]
        self.confirm_button.setEnabled(True)
        kind = self.tr("single choice") if item.kind == "single" else self.tr("multiple choice")
        sheet = self.tr("Sheet %1").replace("%1", f"{item.serial:06d}")
        self.item_label.setText(f"{sheet} · {item.label}（{kind}）")
        self.reason.setText(self.tr("Why: %1").replace("%1", item.reason))
        states = {
            "marked": self.tr("marked"),
            "empty": self.tr("empty"),
            "unclear": self.tr("unclear"),
            "cancelled": self.tr("filled in (withdrawn)"),
        }
        for k, box in enumerate(item.boxes):
            crop = QLabel()
            pixmap = QPixmap()
            pixmap.loadFromData(box.crop)
            if not pixmap.isNull():
                crop.setPixmap(pixmap.scaled(CROP_SIZE, CROP_SIZE, Qt.AspectRatioMode.KeepAspectRatio))
            crop.setFrameShape(QLabel.Shape.Box)
            crop.setFixedSize(CROP_SIZE + 4, CROP_SIZE + 4)
            crop.setAlignment(Qt.AlignmentFlag.AlignCenter)
            check = QCheckBox(f"{k + 1}  {box.label}")
            check.setChecked(box.state == "marked" and item.kind == "multiple")
            dark = self.tr("%1 dark").replace("%1", f"{box.fill:.0%}")
            seen = QLabel(f"{states.get(box.state, box.state)}，{dark}")
            self.grid.addWidget(crop, k, 0)
            self.grid.addWidget(check, k, 1)
            self.grid.addWidget(seen, k, 2)
            self.checks.append(check)
            for widget in (crop, check, seen):
                widget.show()  # added to a shown dialog: else they appear only on the next event round

    def toggle(self, number: int) -> None:
        if 1 <= number <= len(self.checks):
            check = self.checks[number - 1]
            check.setChecked(not check.isChecked())

    def confirm(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.queue):
            return
        item = self.queue[row]
        chosen = [b.option_key for b, c in zip(item.boxes, self.checks, strict=True) if c.isChecked()]
        self.worker.submit(
            scans.decide,
            item.sheet_id,
            item.item_key,
            ",".join(chosen),
            on_done=self._decided,
            on_error=self._error,
        )

    def _decided(self, counted: bool) -> None:
        self.decided += 1
        self.reload()
