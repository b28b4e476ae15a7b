"""The 台账导出 tab of an inspection: Excel exports (confirmed, with progress and cancel) and imports."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.core.errors import Cancelled, UserError
from app.core.printing.furniture import MAX_PROTECTION_YEARS, classification_mark
from app.core.sheets import exports, session_ops
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.forms import child, load_into
from app.ui.messages import show_error, show_info
from app.ui.org.common import ask
from app.ui.progress import run_with_progress
from app.ui.settings import remember_folder, remembered_folder


def _export_job(session, kind, inspection_id, level, years, path, *, progress=None, cancel=None):
    return exports.export(
        session,
        kind,
        inspection_id,
        classification=level,
        protection_years=years,
        path=path,
        progress=progress,
        cancel=cancel,
    )


class SheetsPanel(QWidget):
    def __init__(self, worker: DbWorker, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_into("sheets_tab.ui", self)
        self.worker, self.inspection_id = worker, inspection_id
        self.context: session_ops.TabContext | None = None
        self.dialog = None
        self.last_result: exports.ExportResult | None = None
        self.exports = child(self, QListWidget, "exportList")
        self.classification = child(self, QComboBox, "classificationCombo")
        self.years = child(self, QSpinBox, "yearsSpin")
        self.export_button = child(self, QPushButton, "exportButton")
        self.export_empty = QLabel()
        self.export_empty.setObjectName("exportEmptyLabel")
        self.export_empty.setWordWrap(True)
        self.export_empty.setStyleSheet("color: #777;")
        self.export_empty.hide()
        list_layout = self.exports.parentWidget().layout()
        list_layout.insertWidget(list_layout.indexOf(self.exports), self.export_empty)
        self.import_ledger = child(self, QPushButton, "importLedgerButton")
        self.import_units = child(self, QPushButton, "importUnitsButton")
        self.import_team = child(self, QPushButton, "importTeamButton")
        self.export_button.clicked.connect(self.choose_export_path)
        self.exports.itemDoubleClicked.connect(lambda _: self.choose_export_path())
        self.import_ledger.clicked.connect(lambda: self.choose_import("rectification_ledger"))
        self.import_units.clicked.connect(lambda: self.choose_import("unit_list"))
        self.import_team.clicked.connect(lambda: self.choose_import("team_list"))
        self.classification.currentTextChanged.connect(self._classification_changed)
        for w in (self.export_button, self.import_ledger, self.import_units, self.import_team):
            w.setEnabled(False)
        # What may be exported depends on the records there are (an import changes them too).
        follow_changes(self, worker, {"inspection", "issue", "lead", "talk", "request_item"}, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.worker.submit(
            session_ops.tab_context, self.inspection_id, on_done=self._loaded, on_error=lambda e: None
        )

    def _loaded(self, context: session_ops.TabContext) -> None:
        self.context = context
        current = self.kind()
        self.exports.clear()
        for kind, label in context.kinds:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, kind)
            self.exports.addItem(item)
        for row in range(self.exports.count()):
            if self.exports.item(row).data(Qt.ItemDataRole.UserRole) == current:
                self.exports.setCurrentRow(row)
        if self.exports.currentRow() < 0 and self.exports.count():
            self.exports.setCurrentRow(0)
        self.classification.blockSignals(True)
        self.classification.clear()
        self.classification.addItems(context.clearances)
        self.classification.setCurrentText(context.default_classification)
        self.classification.blockSignals(False)
        self._classification_changed(self.classification.currentText())
        self.export_button.setEnabled(bool(context.kinds))
        self.import_ledger.setEnabled(context.can_import_ledger)
        self.import_units.setEnabled(context.can_import_lists)
        self.import_team.setEnabled(context.can_import_lists)
        # What cannot be done says why: an empty export list, a greyed-out button.
        no_export = self.tr(
            "Your role may print but not export: the office and the team leaders export ledgers."
        )
        self.export_empty.setText(no_export)
        self.export_empty.setVisible(not context.kinds)
        self.export_button.setToolTip("" if context.kinds else no_export)
        no_lists = self.tr("Only the office imports unit and team lists.")
        for button in (self.import_units, self.import_team):
            button.setToolTip("" if context.can_import_lists else no_lists)
        self.import_ledger.setToolTip(
            "" if context.can_import_ledger else self.tr("Your role may not record rectification progress.")
        )

    def _classification_changed(self, level: str) -> None:
        limit = MAX_PROTECTION_YEARS.get(level)
        self.years.setEnabled(limit is not None)
        if limit:
            self.years.setMaximum(limit)

    def kind(self) -> str | None:
        item = self.exports.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def mark(self) -> str:
        level = self.classification.currentText()
        return classification_mark(level, self.years.value() if level in MAX_PROTECTION_YEARS else None)

    # ---- export ----------------------------------------------------------------------------------
    def choose_export_path(self) -> None:
        kind = self.kind()
        if kind is None or self.context is None:
            return
        folder = remembered_folder("sheets/export")
        name = f"{self.context.unit_name}-{exports.KINDS[kind]}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to Excel"), str(Path(folder) / name), self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            remember_folder("sheets/export", path)
            self.confirm_export(kind, path)

    def confirm_export(self, kind: str, path: str):
        """The confirmation names the classification; Yes starts the export."""
        try:
            mark = self.mark()
        except UserError as exc:
            show_error(self, exc)
            return None
        text = self.tr(
            "Export “{label}” to\n{path}\n\nThe Excel file is NOT encrypted. It will be marked {mark} in its page "
            "header and footer, get a copy number in the print register, and the export is recorded in the "
            "audit trail. Keep and hand it over as a {level} document.\n\nExport now?"
        ).format(label=exports.KINDS[kind], path=path, mark=mark, level=self.classification.currentText())
        return ask(
            self,
            text,
            lambda: self.run_export(kind, path),
            self.tr("Confirm export ({mark})").format(mark=mark),
        )

    def run_export(self, kind: str, path: str) -> None:
        level = self.classification.currentText()
        years = self.years.value() if level in MAX_PROTECTION_YEARS else None
        label = self.tr("Exporting “{label}”…").format(label=exports.KINDS[kind])
        self.job, self.progress = run_with_progress(
            self.worker,
            self,
            label,
            _export_job,
            kind,
            self.inspection_id,
            level,
            years,
            path,
            on_done=self._exported,
            on_error=self._export_failed,
        )

    def _exported(self, result: exports.ExportResult) -> None:
        self.last_result = result
        show_info(
            self,
            self.tr("Exported {rows} rows of “{label}” as copy {copy:06d} ({mark}).").format(
                rows=result.rows, label=result.label, copy=result.copy_number, mark=result.classification
            ),
        )

    def _export_failed(self, error: UserError) -> None:
        if isinstance(error, Cancelled):
            show_info(self, str(error))
        else:
            show_error(self, error)

    # ---- import ----------------------------------------------------------------------------------
    def choose_import(self, kind: str) -> None:
        folder = remembered_folder("sheets/import")
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import from Excel"), folder, self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            remember_folder("sheets/import", path)
            self.open_import(kind, path)

    def open_import(self, kind: str, path: str):
        from app.ui.sheets.import_dialog import ImportDialog

        round_id = self.context.round_id if self.context else None
        self.dialog = ImportDialog(
            self.worker, kind, path, inspection_id=self.inspection_id, round_id=round_id, parent=self
        )
        self.dialog.open()
        return self.dialog
