"""Signing a talk record (date, optional scan of the signed pages) and adding a dated addendum."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QPlainTextEdit, QPushButton, QWidget

from app.core.domain.talks.scans import MAX_SCAN_BYTES
from app.core.domain.talks.types import Talk
from app.core.errors import ValidationError
from app.ui.date_field import DateField
from app.ui.db_worker import DbWorker
from app.ui.org.common import FormDialog
from app.ui.talks import ops


class SignDialog(FormDialog):
    """recorded → signed. The scan is read into memory here and stored encrypted by the core."""

    def __init__(self, worker: DbWorker, talk: Talk, parent: QWidget | None = None) -> None:
        super().__init__(worker, "talks_sign.ui", parent)
        self.talk = talk
        self.scan: bytes | None = None
        self.date_edit: DateField = self.field(DateField, "signedOnEdit")
        self.date_edit.set_range((talk.start_at or "")[:10] or None, date.today())
        self.date_edit.set_today()
        self.file_label: QLabel = self.field(QLabel, "scanFileLabel")
        self.field(QPushButton, "chooseScanButton").clicked.connect(self.choose_scan)
        self.setWindowTitle(self.tr("Signed: %1").replace("%1", talk.title))

    def choose_scan(self) -> None:
        dialog = QFileDialog(self, self.tr("Scan of the signed pages"))
        dialog.setObjectName("scanFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setNameFilter(self.tr("Scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.set_scan_file)
        dialog.open()

    def set_scan_file(self, path: str) -> None:
        """Read the chosen file (reading only: the bytes go to the core, which stores them encrypted)."""
        file = Path(path)
        try:
            if file.stat().st_size > MAX_SCAN_BYTES:
                raise ValidationError(
                    self.tr("The scan is larger than %1 MB.").replace("%1", str(MAX_SCAN_BYTES >> 20)),
                    field="scan",
                )
            self.scan = file.read_bytes()
        except OSError as exc:
            self.show_error(ValidationError(exc.strerror or str(exc), field="scan"))
            return
        except ValidationError as exc:
            self.show_error(exc)
            return
        self.file_label.setText(f"{file.name}（{len(self.scan) // 1024} KB）")

    def operation(self) -> tuple[Any, tuple]:
        day = self.date_edit.iso()
        return ops.sign, (self.talk.id, day, self.scan)


class AddendumDialog(FormDialog):
    def __init__(self, worker: DbWorker, talk: Talk, parent: QWidget | None = None) -> None:
        super().__init__(worker, "talks_addendum.ui", parent)
        self.talk = talk
        self.date_edit: DateField = self.field(DateField, "addedOnEdit")
        self.date_edit.set_today()
        self.text_edit: QPlainTextEdit = self.field(QPlainTextEdit, "addendumEdit")
        self.setWindowTitle(self.tr("Addendum to %1").replace("%1", talk.title))
        self.text_edit.setFocus()

    def operation(self) -> tuple[Any, tuple]:
        return ops.add_addendum, (
            self.talk.id,
            self.text_edit.toPlainText(),
            self.date_edit.iso(),
        )
