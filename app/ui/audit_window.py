"""The auditor's window: the trail, filtered and paged; export to xlsx; chain verification; the
audit checkpoint printed through the print preview (paper kept outside the data folder)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserError
from app.core.printing.audit_checkpoint import print_checkpoint
from app.core.security import audit_labels, audit_view
from app.core.security.audit import ChainReport
from app.ui.audit_model import AuditModel
from app.ui.date_field import DateField
from app.ui.db_worker import DbWorker
from app.ui.empty_state import EmptyState
from app.ui.forms import child, load_form
from app.ui.messages import confirm, show_error, show_info
from app.ui.printing import PrintPreviewDialog


class AuditWindow(QWidget):
    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditWindow")
        self.worker = worker
        self.form = load_form("audit_window.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 0)
        layout.addWidget(self.form)
        self.setWindowTitle(self.form.windowTitle())
        self.user_combo: QComboBox = child(self.form, QComboBox, "userCombo")
        self.action_combo: QComboBox = child(self.form, QComboBox, "actionCombo")
        self.text_edit: QLineEdit = child(self.form, QLineEdit, "textEdit")
        self.since_edit: DateField = child(self.form, DateField, "sinceEdit")
        self.until_edit: DateField = child(self.form, DateField, "untilEdit")
        self.table: QTableView = child(self.form, QTableView, "table")
        self.count_label: QLabel = child(self.form, QLabel, "countLabel")
        self.verify_label: QLabel = child(self.form, QLabel, "verifyLabel")
        self.export_button: QPushButton = child(self.form, QPushButton, "exportButton")
        self.verify_button: QPushButton = child(self.form, QPushButton, "verifyButton")
        for edit in (self.since_edit, self.until_edit):
            edit.setPlaceholderText(self.tr("any"))
            edit.returnPressed.connect(self.apply_filters)
        self.user_combo.addItem(self.tr("(all users)"), None)
        self.action_combo.addItem(self.tr("(all actions)"), None)

        self.model = AuditModel(worker, self)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        for column, width in enumerate((60, 150, 90, 110, 130, 90, 190)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)
        self.empty = EmptyState(self.table, "auditEmpty")
        self.empty.follow(self.model, self._why_empty)
        self.model.shown.connect(self._shown)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(lambda error: show_error(self, error))

        child(self.form, QPushButton, "filterButton").clicked.connect(self.apply_filters)
        child(self.form, QPushButton, "resetButton").clicked.connect(self.clear_filters)
        self.text_edit.returnPressed.connect(self.apply_filters)
        self.export_button.clicked.connect(self.export)
        self.verify_button.clicked.connect(self.verify)
        self.checkpoint_button = QPushButton(self.tr("Print checkpoint…"), self.form)
        self.checkpoint_button.setObjectName("checkpointButton")
        self.checkpoint_button.setToolTip(
            self.tr("Print the audit trail's current sequence and hash, to keep outside the data folder")
        )
        row = next(lay for lay in self.form.findChildren(QBoxLayout) if lay.indexOf(self.verify_button) >= 0)
        row.insertWidget(row.indexOf(self.verify_button) + 1, self.checkpoint_button)
        self.checkpoint_button.clicked.connect(self.print_checkpoint)
        self.checkpoint_dialog: PrintPreviewDialog | None = None

        self.worker.submit(_choices, on_done=self._choices_loaded, on_error=lambda e: show_error(self, e))
        self.apply_filters()

    # ---- filters ---------------------------------------------------------------------------------
    def _choices_loaded(self, choices: tuple[list[str], list[str]]) -> None:
        users, actions = choices
        for name in users:  # the program's own entries (start-up checks, migrations) are the system's
            self.user_combo.addItem(self.tr("System") if name == "system" else name, name)
        for action in actions:
            self.action_combo.addItem(audit_labels.action_label(action), action)

    def filters(self) -> dict[str, str | None]:
        return {
            "username": self.user_combo.currentData(),
            "action": self.action_combo.currentData(),
            "since": self.since_edit.iso(),
            "until": self.until_edit.iso(),
            "text": self.text_edit.text().strip() or None,
        }

    def apply_filters(self) -> None:
        try:
            filters = self.filters()
        except UserError as error:  # a date typed that is no date: said where the count stands
            self.count_label.setText(str(error))
            return
        self.count_label.setText(self.tr("Loading…"))
        self.model.set_filters(**filters)

    def clear_filters(self) -> None:
        self.user_combo.setCurrentIndex(0)
        self.action_combo.setCurrentIndex(0)
        self.text_edit.clear()
        self.since_edit.clear()
        self.until_edit.clear()
        self.apply_filters()

    def _why_empty(self) -> tuple[str, str] | None:
        if self.model.filters and not self.model._fetching:
            return self.tr("No entry matches these conditions."), self.tr(
                "Press Clear to see the whole trail, or widen the dates."
            )
        return None  # loading (the whole trail always holds at least this look)

    def _shown(self, _rows: int) -> None:
        self.empty.update()
        if self.model.counting:  # the rows are there; their count follows
            self.count_label.setText(self.tr("Counting the entries…"))

    def _loaded(self, total: int) -> None:
        self.count_label.setText(self.tr("{count} entries").format(count=total))

    # ---- export and verify -----------------------------------------------------------------------
    def export(self) -> None:
        suggested = str(Path.home() / f"audit-{date.today():%Y%m%d}.xlsx")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the audit trail"), suggested, self.tr("Excel workbook (*.xlsx)")
        )
        if not path:
            return
        dest = Path(path)
        if dest.suffix.lower() != ".xlsx":
            dest = dest.with_suffix(".xlsx")
        question = self.tr(
            "The exported file is not encrypted. Keep it only on registered removable media. "
            "The export is recorded in the audit trail. Export {count} entries to {name}?"
        ).format(count=self.model.total, name=dest.name)
        if not confirm(self, question):
            return
        self.export_button.setEnabled(False)
        self.worker.submit(
            _export, dest, self.filters(), on_done=self._exported, on_error=self._export_failed
        )

    def _exported(self, count: int) -> None:
        self.export_button.setEnabled(True)
        show_info(self, self.tr("{count} entries exported.").format(count=count))

    def _export_failed(self, error: UserError) -> None:
        self.export_button.setEnabled(True)
        show_error(self, error)

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.verify_label.setText(self.tr("Verifying…"))
        self.worker.submit(audit_view.verify, on_done=self._verified, on_error=self._verify_failed)

    def _verified(self, report: ChainReport) -> None:
        self.verify_button.setEnabled(True)
        self.verify_label.setText(report.message)
        self.verify_label.setStyleSheet(
            "color: #0a7a0a;" if report.ok else "color: #b00000; font-weight: bold;"
        )
        icon = QMessageBox.Icon.Information if report.ok else QMessageBox.Icon.Critical
        # Not exec(): the report must not block the worker's other results from arriving.
        self.report_box = QMessageBox(icon, self.tr("Audit chain"), report.message, parent=self)
        self.report_box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.report_box.open()

    def print_checkpoint(self) -> None:
        """Preview the checkpoint (written once, when the preview is made), then print it."""
        made: list[bytes] = []

        def preview(session) -> bytes:
            if not made:
                made.append(print_checkpoint(session)[1])
            return made[0]

        def copies(session, count: int, action) -> tuple[list[int], list[bytes]]:
            return list(range(1, count + 1)), [preview(session)] * count

        self.checkpoint_dialog = PrintPreviewDialog.show_for(
            self.worker,
            self,
            title=self.tr("Audit checkpoint"),
            preview=preview,
            copies=copies,
            file_name="audit-checkpoint.pdf",
        )

    def _verify_failed(self, error: UserError) -> None:
        self.verify_button.setEnabled(True)
        self.verify_label.setText("")
        show_error(self, error)


def _choices(session) -> tuple[list[str], list[str]]:
    return audit_view.distinct_users(session), audit_view.distinct_actions(session)


def _export(session, dest: Path, filters: dict) -> int:
    return audit_view.export_entries(session, dest, **{k: v for k, v in filters.items() if v})
