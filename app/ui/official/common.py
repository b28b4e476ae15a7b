"""Small shared pieces: a form's per-field error labels and a table model owned by its view."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QWidget

from app.core.errors import UserError

ROOT = QModelIndex()


def tr(text: str) -> str:
    return QCoreApplication.translate("Official", text)


def clear_errors(root: QWidget) -> None:
    for label in root.findChildren(QLabel):
        if label.objectName().endswith("Error"):
            label.clear()
            label.setVisible(False)


def show_error(root: QWidget, error: UserError) -> None:
    """The message beside the field it names, or in the form's general error line."""
    clear_errors(root)
    label = root.findChild(QLabel, f"{error.field}Error") if error.field else None
    label = label or root.findChild(QLabel, "generalError")
    if label is None:
        from app.ui.messages import show_error as box

        box(root, error)
        return
    label.setText(error.message)
    label.setVisible(True)


class RecordsModel(QAbstractTableModel):
    """Read-only rows of text with the record behind each row kept in Python (not in QVariants)."""

    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence], records: Sequence, parent) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.rows = [[str(v) for v in row] for row in rows]
        self.records = list(records)

    def rowCount(self, parent=ROOT) -> int:  # noqa: N802 (Qt)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=ROOT) -> int:  # noqa: N802 (Qt)
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 (Qt)
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def record(self, row: int):
        return self.records[row] if 0 <= row < len(self.records) else None


def table_model(
    view: QAbstractItemView, headers: Sequence[str], rows: Sequence[Sequence], records=()
) -> RecordsModel:
    """Fill `view` with a fresh model parented to the view (Qt owns it; the replaced one is freed later)."""
    old = view.model()
    model = RecordsModel(headers, rows, records, view)
    view.setModel(model)
    if old is not None and old.parent() is view:
        old.deleteLater()
    header = getattr(view, "horizontalHeader", None)
    if header is not None:
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
    return model


def selected_record(view: QAbstractItemView):
    index = view.currentIndex()
    model = view.model()
    if not index.isValid() or not isinstance(model, RecordsModel):
        return None
    return model.record(index.row())
