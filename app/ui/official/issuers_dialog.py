"""The office's settings of the issuing bodies (发文机关): for the office and each inspection team its
signature, 发文机关标志, 机关代字, 印发机关 and 签发人, and per kind of document its 抄送机关. Loaded
from and saved through app.core.official.issuers (the office only, audited); a refusal shows in the
dialog's error line and nothing is kept."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.core.errors import UserError
from app.core.official import issuers
from app.core.official.kinds import DocKind
from app.ui.db_worker import DbWorker
from app.ui.forms import child, load_into
from app.ui.official.common import clear_errors, show_error

FIELDS = ("name", "mark", "code", "printer", "signer")  # the columns of the bodies' table


class IssuersDialog(QDialog):
    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_into("official_issuers.ui", self)
        self.worker = worker
        self.settings: issuers.IssuingSettings | None = None
        self.bodies = child(self, QTableWidget, "bodiesTable")
        self.cc = child(self, QTableWidget, "ccTable")
        self.bodies.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.bodies.horizontalHeader().setStretchLastSection(True)
        self.cc.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.buttons = child(self, QDialogButtonBox, "buttonBox")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)  # until loaded
        clear_errors(self)
        worker.submit(issuers.issuing_settings, on_done=self._fill, on_error=self._failed)

    def _fill(self, settings: issuers.IssuingSettings) -> None:
        self.settings = settings
        rows = (settings.office, *settings.teams)
        self.bodies.setRowCount(len(rows))
        labels = [QCoreApplication.translate("Official", "Inspection office")]
        labels += [t.team or t.name for t in settings.teams]
        self.bodies.setVerticalHeaderLabels(labels)
        for r, body in enumerate(rows):
            for c, name in enumerate(FIELDS):
                self.bodies.setItem(r, c, QTableWidgetItem(getattr(body, name)))
        kinds = list(DocKind)
        self.cc.setRowCount(len(kinds))
        self.cc.setVerticalHeaderLabels([k.label for k in kinds])
        for r, kind in enumerate(kinds):
            item = QTableWidgetItem(settings.cc.get(kind.value, ""))
            item.setData(Qt.ItemDataRole.UserRole, kind.value)
            self.cc.setItem(r, 0, item)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)

    def _text(self, table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text().strip() if item is not None else ""

    def edited(self) -> issuers.IssuingSettings:
        """The settings as the tables now read (the team each row stands for is kept)."""
        assert self.settings is not None
        rows = (self.settings.office, *self.settings.teams)
        bodies = [
            replace(body, **{name: self._text(self.bodies, r, c) for c, name in enumerate(FIELDS)})
            for r, body in enumerate(rows)
        ]
        cc = {
            self.cc.item(r, 0).data(Qt.ItemDataRole.UserRole): self._text(self.cc, r, 0)
            for r in range(self.cc.rowCount())
        }
        return issuers.IssuingSettings(bodies[0], tuple(bodies[1:]), cc)

    def save(self) -> None:
        if self.settings is None:
            return
        clear_errors(self)
        settings = self.edited()
        self.buttons.setEnabled(False)
        self.worker.submit(
            lambda s: issuers.set_issuing_settings(s, settings), on_done=self._saved, on_error=self._failed
        )

    def _saved(self, settings: issuers.IssuingSettings) -> None:
        self.settings = settings
        self.buttons.setEnabled(True)
        self.accept()

    def _failed(self, error: UserError) -> None:
        self.buttons.setEnabled(True)
        show_error(self, error)
