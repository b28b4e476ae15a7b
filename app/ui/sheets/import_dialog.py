"""The import wizard: (column mapping for unit/team lists, remembered) → preview of every change
and refusal with sheet, row and column → apply all or cancel. The file was chosen by the tab."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.core.errors import UserError
from app.core.sheets import lists_import, session_ops
from app.core.sheets.plan import Finding, ImportPreview
from app.ui.db_worker import DbWorker
from app.ui.forms import child, load_into
from app.ui.messages import show_info
from app.ui.org.common import Column, FilterProxy, RecordTableModel, make_table


class ImportDialog(QDialog):
    def __init__(
        self,
        worker: DbWorker,
        kind: str,
        path: str,
        *,
        inspection_id: str | None = None,
        round_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        load_into("sheets_import.ui", self)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.worker, self.kind, self.path = worker, kind, path
        self.inspection_id, self.round_id = inspection_id, round_id
        self.preview: ImportPreview | None = None
        self.layout_info: lists_import.SheetLayout | None = None
        self.data: bytes = b""
        self.file_name = ""
        self.combos: dict[str, QComboBox] = {}
        self.pages = child(self, QStackedWidget, "pages")
        self.error = child(self, QLabel, "generalError")
        self.summary = child(self, QLabel, "summaryLabel")
        self.preview_button = child(self, QPushButton, "previewButton")
        self.apply_button = child(self, QPushButton, "applyButton")
        child(self, QPushButton, "cancelButton").clicked.connect(self.reject)
        self.preview_button.clicked.connect(self.make_preview)
        self.apply_button.clicked.connect(self.apply)
        self.apply_button.setEnabled(False)
        self.preview_button.setVisible(kind != "rectification_ledger")
        self._build_preview_table()
        child(self, QLabel, "fileLabel").setText(self.tr("File: {name}").format(name=path))
        self.setWindowTitle(self._title())
        self.busy = True
        if kind == "rectification_ledger":
            self.pages.setCurrentIndex(1)
            self.summary.setText(self.tr("Reading and checking the ledger…"))
            worker.submit(
                session_ops.preview_ledger_file,
                inspection_id,
                path,
                on_done=self._previewed,
                on_error=self._failed,
            )
        else:
            self.pages.setCurrentIndex(0)
            child(self, QLabel, "mappingHint").setText(self.tr("Reading the sheet…"))
            worker.submit(
                session_ops.inspect_list_file, kind, path, on_done=self._inspected, on_error=self._failed
            )

    def _title(self) -> str:
        return {
            "rectification_ledger": self.tr("Import a filled-in rectification ledger"),
            "unit_list": self.tr("Import a unit list"),
            "team_list": self.tr("Import a team member list"),
        }[self.kind]

    # ---- mapping ---------------------------------------------------------------------------------
    def _inspected(self, result) -> None:
        self.busy = False
        layout, self.data, self.file_name = result
        self.layout_info = layout
        hint = child(self, QLabel, "mappingHint")
        if layout.remembered:
            hint.setText(
                self.tr(
                    "This layout was mapped before; the remembered columns are filled in. Check them and preview."
                )
            )
        else:
            hint.setText(
                self.tr(
                    "Say once which column holds what (header row {row}); the mapping is remembered for sheets laid out the same way."
                ).format(row=layout.header_row)
            )
        form = self.findChild(QFormLayout, "mappingForm")
        options = [(self.tr("(not in this sheet)"), None)] + [
            (f"{chr(65 + k) if k < 26 else k + 1} {h}", k) for k, h in enumerate(layout.headers)
        ]
        for fld in layout.fields:
            combo = QComboBox()
            combo.setObjectName(f"map_{fld.key}")
            for text, data in options:
                combo.addItem(text, data)
            current = layout.mapping.get(fld.key)
            combo.setCurrentIndex(combo.findData(current) if current is not None else 0)
            label = fld.label + (self.tr(" (required)") if fld.required else "")
            form.addRow(label, combo)
            self.combos[fld.key] = combo
        table = child(self, QTableWidget, "sampleTable")
        table.setColumnCount(len(layout.headers))
        table.setHorizontalHeaderLabels(layout.headers)
        table.setRowCount(len(layout.sample))
        for r, row in enumerate(layout.sample):
            for c, value in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(value))
        table.resizeColumnsToContents()

    def mapping(self) -> dict:
        return {key: combo.currentData() for key, combo in self.combos.items()}

    def make_preview(self) -> None:
        if self.layout_info is None:
            return
        self.error.setVisible(False)
        self.busy = True
        self.worker.submit(
            session_ops.preview_list_data,
            self.kind,
            self.data,
            self.mapping(),
            self.round_id if self.kind == lists_import.TEAM_LIST else None,
            self.file_name,
            on_done=self._previewed,
            on_error=self._failed,
        )

    # ---- preview ---------------------------------------------------------------------------------
    def _build_preview_table(self) -> None:
        old = child(self, QTableView, "previewTable")
        self.model = RecordTableModel(
            [
                Column(self.tr("Kind"), lambda f: f.action),
                Column(self.tr("Sheet"), lambda f: f.sheet),
                Column(self.tr("Row"), lambda f: str(f.row), lambda f: f.row),
                Column(self.tr("Column"), lambda f: f.column),
                Column(self.tr("Concerns"), lambda f: f.target),
                Column(self.tr("Before"), lambda f: f.old),
                Column(self.tr("After / in the file"), lambda f: f.new),
                Column(self.tr("Why not accepted"), lambda f: f.reason),
            ],
            decorate=self._decorate,
        )
        proxy = FilterProxy(self.model)
        proxy.setSourceModel(self.model)
        self.table = make_table("previewTable", proxy)
        self.model.setParent(self.table)  # Qt owns the model through its view
        old.parentWidget().layout().replaceWidget(old, self.table)
        old.deleteLater()

    @staticmethod
    def _decorate(record: Finding, role: int, column: int):
        if role == Qt.ItemDataRole.BackgroundRole and record.reason:
            return QColor("#fce4e4")
        return None

    def _previewed(self, preview: ImportPreview) -> None:
        self.busy = False
        self.preview = preview
        self.pages.setCurrentIndex(1)
        self.preview_button.setVisible(False)
        records = [*preview.changes, *preview.refusals]
        self.model.set_records(records)
        self.table.setVisible(bool(records))  # no empty grid over the summary when nothing differs
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.table.resizeColumnsToContents()
        self.summary.setText(
            self.tr(
                "{rows} rows read: {changes} changes will be applied together; {refused} rows or cells are not accepted (shaded)."
            ).format(rows=preview.rows_read, changes=len(preview.ops), refused=len(preview.refusals))
        )
        self.apply_button.setEnabled(
            bool(preview.ops) or (preview.mapping is not None and not preview.refusals)
        )

    def _failed(self, error: UserError) -> None:
        self.busy = False
        self.error.setText(str(error))
        self.error.setVisible(True)
        self.apply_button.setEnabled(False)

    # ---- apply -----------------------------------------------------------------------------------
    def apply(self) -> None:
        if self.preview is None:
            return
        self.apply_button.setEnabled(False)
        self.busy = True
        self.worker.submit(
            session_ops.apply_preview, self.preview, on_done=self._applied, on_error=self._failed
        )

    def _applied(self, result) -> None:
        self.busy = False
        show_info(
            self.parentWidget(),
            self.tr("Imported: {changes} changes saved; {refused} not accepted.").format(
                changes=result.changes, refused=result.refusals
            ),
        )
        self.accept()
