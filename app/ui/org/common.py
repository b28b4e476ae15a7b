"""Shared pieces of the organisation GUI: form dialogs with per-field errors, table models, questions.

Dialogs here never block in exec(): they open() and report by signal, so a lock, the idle timer and
the worker's results keep flowing (and tests can drive them like a user).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserError
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.forms import child, load_form
from app.ui.messages import show_error
from app.ui.settings import app_settings

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the value a column sorts by (numbers, dates)
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2  # the record object behind a row
MEASURED_ROWS = 200  # rows beyond those on screen that fitting a column to its contents reads


def tr(text: str) -> str:
    """Shared strings of this package (context "Org")."""
    return QCoreApplication.translate("Org", text)


# ---- questions -----------------------------------------------------------------------------------


def ask(parent: QWidget, text: str, on_yes: Callable[[], None], title: str | None = None) -> QMessageBox:
    """A Yes/No question that does not block (open(), not exec()); `on_yes` runs on Yes."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title or QCoreApplication.translate("Org", "Please confirm"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setObjectName("confirmBox")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered(button) -> None:
        if box.standardButton(button) == QMessageBox.StandardButton.Yes:
            on_yes()

    box.buttonClicked.connect(answered)
    box.open()
    return box


# ---- form dialogs --------------------------------------------------------------------------------


class FormDialog(QDialog):
    """A dialog around forms/<form_name>: error labels named `<field>Error` sit under the fields.

    Subclasses implement `operation()` returning (fn, args) to run on the worker; on success the
    dialog emits `saved(result)` and closes; a UserError is shown next to the field it names
    (`error.field`), or at the bottom when it names none.
    """

    saved = Signal(object)

    def __init__(self, worker: DbWorker, form_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.form = load_form(form_name, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.setWindowTitle(self.form.windowTitle())
        self.setObjectName(self.form.objectName().replace("Form", "Dialog"))
        self.general_error: QLabel = child(self.form, QLabel, "generalError")
        self.buttons: QDialogButtonBox | None = self.form.findChild(QDialogButtonBox, "buttonBox")
        if self.buttons is not None:
            self.buttons.accepted.connect(self.submit)
            self.buttons.rejected.connect(self.reject)
        self.busy = False
        self.setMinimumWidth(self.form.width())
        self._clear_errors_on_edit()

    def _clear_errors_on_edit(self) -> None:
        """Each field's message goes away as soon as the user edits that field (the row above it)."""
        for layout in self.form.findChildren(QFormLayout):
            for row in range(1, layout.rowCount()):
                item = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
                label = item.widget() if item else None
                if not isinstance(label, QLabel) or not label.objectName().endswith("Error"):
                    continue
                above = layout.itemAt(row - 1, QFormLayout.ItemRole.FieldRole)
                widget = above.widget() if above else None
                signal = None
                if isinstance(widget, QLineEdit):
                    signal = widget.textEdited
                elif isinstance(widget, QPlainTextEdit):
                    signal = widget.textChanged
                elif isinstance(widget, QComboBox):
                    signal = widget.activated
                elif isinstance(widget, QCheckBox):
                    signal = widget.toggled
                elif isinstance(widget, QSpinBox):
                    signal = widget.valueChanged
                if signal is not None:
                    signal.connect(lambda *_, lab=label: lab.hide())

    def field(self, cls: type, name: str):
        return child(self.form, cls, name)

    # ---- errors ----
    def clear_errors(self) -> None:
        for label in self.form.findChildren(QLabel):
            if label.objectName().endswith("Error"):
                label.clear()
                label.hide()

    def show_error(self, error: UserError | str) -> QLabel:
        """Show the message under the field at fault (or at the bottom) and return that label."""
        text = str(error)
        name = getattr(error, "field", None)
        label = self.form.findChild(QLabel, f"{name}Error") if name else None
        if label is None:
            label = self.general_error
        label.setText(text)
        label.show()
        return label

    def error_text(self, field: str | None = None) -> str:
        label = self.form.findChild(QLabel, f"{field}Error") if field else self.general_error
        return label.text() if label is not None and label.isVisible() else ""

    # ---- saving ----
    def operation(self) -> tuple[Callable[..., Any], tuple] | None:
        raise NotImplementedError

    def submit(self) -> None:
        if self.busy:
            return
        self.clear_errors()
        try:
            op = self.operation()
        except UserError as error:  # checks the dialog makes itself (e.g. a missing choice)
            self.show_error(error)
            return
        if op is None:
            return
        fn, args = op
        self._set_busy(True)
        self.worker.submit(fn, *args, on_done=self._done, on_error=self._failed)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        if self.buttons is not None:
            self.buttons.setEnabled(not busy)

    def _done(self, result: Any) -> None:
        self._set_busy(False)
        self.saved.emit(result)
        self.accept()

    def _failed(self, error: UserError) -> None:
        self._set_busy(False)
        self.show_error(error)
        self.on_failed(error)

    def on_failed(self, error: UserError) -> None:
        """Hook: e.g. reveal the override field when a recusal refused the pairing."""


def fill_combo(combo: QComboBox, items: Sequence[tuple[str, Any]], current: Any = None) -> None:
    """(text, data) pairs into a combo box, selecting the item whose data is `current`."""
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    if current is not None:
        found = combo.findData(current)
        if found >= 0:
            combo.setCurrentIndex(found)


# ---- tables --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None  # defaults to the text


# Roles as plain ints, and the ones RecordTableModel answers: a view asks ~10 roles of every cell it
# paints or measures (size hint, alignment, check state…), and each question is a call into Python.
_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole.value), int(Qt.ItemDataRole.ToolTipRole.value)
_SORT, _RECORD = int(SORT_ROLE), int(RECORD_ROLE)
_DECORATED = frozenset(
    int(r.value)
    for r in (
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
    )
)
_SERVED = _DECORATED | {_DISPLAY, _SORT, _RECORD}


class RecordTableModel(QAbstractTableModel):
    """Rows of records shown through Column getters; extra roles come from `decorate(record, role)`.

    A row's texts are worked out once, the first time the row is shown or measured (every column at
    once), and a column's sort keys the first time it is sorted by: painting, fitting the columns and
    sorting then read lists instead of calling the getters per cell and role. set_records and
    dataChanged forget them."""

    def __init__(self, columns: list[Column], parent=None, decorate: Callable | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.records: list[Any] = []
        self.decorate = decorate
        self._texts: list[tuple[str, ...] | None] = []
        self._sort_keys: dict[int, list[Any]] = {}
        self.dataChanged.connect(self._forget)

    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self._texts = [None] * len(self.records)
        self._sort_keys = {}
        self.endResetModel()

    def _forget(self, first: QModelIndex, last: QModelIndex, _roles=()) -> None:
        for row in range(max(0, first.row()), min(last.row() + 1, len(self._texts))):
            self._texts[row] = None
        self._sort_keys = {}

    def record(self, row: int) -> Any:
        return self.records[row] if 0 <= row < len(self.records) else None

    def texts(self, row: int) -> tuple[str, ...]:
        """The row's text in every column (worked out once)."""
        texts = self._texts[row]
        if texts is None:
            record = self.records[row]
            self._texts[row] = texts = tuple(c.text(record) for c in self.columns)
        return texts

    def sort_key(self, row: int, column: int) -> Any:
        keys = self._sort_keys.get(column)
        if keys is None:
            sort = self.columns[column].sort
            keys = (
                [sort(r) for r in self.records]
                if sort is not None
                else [self.texts(n)[column] for n in range(len(self.records))]
            )
            self._sort_keys[column] = keys
        return keys[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _SERVED or not index.isValid():
            return None
        row = index.row()
        if role == _DISPLAY:
            return self.texts(row)[index.column()]
        if role == _SORT:
            return self.sort_key(row, index.column())
        if role == _RECORD:
            return self.records[row]
        decorated = (
            self.decorate(self.records[row], role, index.column()) if self.decorate is not None else None
        )
        if role == _TOOLTIP and decorated is None:
            return self.texts(row)[index.column()] or None  # the whole text of a cell cut by its width
        return decorated


class FilterProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE and matches the filter text in any column; `row_filter` can hide rows too."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.row_filter: Callable[[Any], bool] | None = None

    def set_row_filter(self, row_filter: Callable[[Any], bool] | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            self.row_filter = row_filter
            self.endFilterChange()
        else:
            self.row_filter = row_filter
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        if self.row_filter is not None:
            record = self.sourceModel().index(row, 0, parent).data(RECORD_ROLE)
            if record is not None and not self.row_filter(record):
                return False
        return super().filterAcceptsRow(row, parent)


def make_table(name: str, proxy: QSortFilterProxyModel) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(proxy)
    # No sort column at first: rows keep the core's order until the user clicks a header.
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    # Fitting a column to its contents measures the rows on screen and this many more (Qt's default
    # is 1,000 per column, every role of every cell): a long list's columns fit in milliseconds.
    table.verticalHeader().setResizeContentsPrecision(MEASURED_ROWS)
    table.horizontalHeader().setResizeContentsPrecision(MEASURED_ROWS)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    keep_selection(table)
    return table


FIT_ROWS = 500  # rows whose texts fit_columns reads (every row of a shorter list)


def fit_columns(table: QTableView, maximum: int | None = None, columns: Sequence[int] | None = None) -> None:
    """Each column as wide as its widest text (and its title), up to `maximum`: as resizeColumnsToContents,
    but measured with the font's metrics over the distinct texts of the first FIT_ROWS rows, which the
    model keeps (bold, so a bold row fits too), instead of laying out every cell through the delegate
    and asking its model ten roles a cell: a 2,000-row list fits in a few milliseconds, not 80."""
    model = table.model()
    source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model
    header = table.horizontalHeader()
    if not isinstance(source, RecordTableModel):
        for column in columns if columns is not None else range(header.count()):
            table.resizeColumnToContents(column)
            if maximum is not None and header.sectionSize(column) > maximum:
                header.resizeSection(column, maximum)
        return
    font = QFont(table.font())
    font.setBold(True)
    metrics = QFontMetrics(font)
    style = table.style()
    # The delegate's own padding: a focus-frame margin and a pixel each side, and the grid line.
    margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1) + 1 + 4
    icon = (table.iconSize().width() if table.iconSize().isValid() else 0) or style.pixelMetric(
        QStyle.PixelMetric.PM_SmallIconSize, None, table
    )
    rows = min(source.rowCount(), FIT_ROWS)
    decoration = Qt.ItemDataRole.DecorationRole
    for column in columns if columns is not None else range(source.columnCount()):
        texts = {source.texts(row)[column] for row in range(rows)}
        width = max(
            (max(metrics.horizontalAdvance(line) for line in t.split("\n")) for t in texts), default=0
        )
        width += margin
        if rows and source.data(source.index(0, column), decoration) is not None:
            width += icon + 4
        width = max(width, header.sectionSizeHint(column))
        header.resizeSection(column, min(width, maximum) if maximum is not None else width)


def record_id(record: Any) -> Any:
    """What identifies a row's record across reloads: its id (or talk_id for search hits)."""
    return getattr(record, "id", None) or getattr(record, "talk_id", None)


class _SelectionKeeper(QObject):
    """Keeps a table's selected row, by its record's id, across the model's resets (a reload after a
    change notice): the actions that apply to it stay enabled, the detail pane keeps showing it."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.wanted: Any = None
        model = table.model()
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._reselect)

    def _remember(self) -> None:
        self.wanted = record_id(selected_record(self.table))

    def _reselect(self) -> None:
        wanted, self.wanted = self.wanted, None
        selection = self.table.selectionModel()
        if wanted is not None and selection is not None and not selection.hasSelection():
            select_record(self.table, lambda r: record_id(r) == wanted)


def keep_selection(table: QTableView) -> None:
    """Keep the selected row by id across reloads (make_table does this for every table it makes)."""
    _SelectionKeeper(table)


def selected_record(table: QTableView) -> Any:
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    return rows[0].data(RECORD_ROLE) if rows else None


def select_record(table: QTableView, match: Callable[[Any], bool]) -> bool:
    model = table.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        record = index.data(RECORD_ROLE)
        if record is not None and match(record):
            table.selectRow(row)
            table.scrollTo(index)
            return True
    return False


# ---- remembered layout (non-sensitive: sizes and column widths only) -----------------------------


def restore_header(table: QTableView, key: str) -> bool:
    state = app_settings().value(f"org/{key}")
    if state is not None and table.horizontalHeader().restoreState(state):
        return True
    return False


def save_header(table: QTableView, key: str) -> None:
    app_settings().setValue(f"org/{key}", table.horizontalHeader().saveState())


class MasterDetailActions:
    """Dialog and delete plumbing of a page with a master list and a detail list under it.

    The page provides `worker`, `refresh()` (reload the master list, selecting `pending_select`)
    and `reload_detail()` (reload the detail list of the selected master record), and calls
    `follow(kinds)`: both lists reload on the worker's change notice for those kinds, wherever the
    change was made; a dialog's save here only says which record to select then.
    """

    worker: DbWorker
    pending_select: str | None

    def follow(self, kinds: set[str]) -> None:
        follow_changes(self, self.worker, kinds, self._records_changed)

    def _records_changed(self) -> None:
        self.refresh()
        self.reload_detail()

    def _open(self, dialog, detail: bool = False) -> None:
        self.dialog = dialog
        dialog.saved.connect(lambda result: self._saved(result, detail))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _saved(self, result, detail: bool) -> None:
        if not detail:
            self.pending_select = getattr(result, "id", None)

    def _call(self, fn, record_id: str, detail: bool = False) -> None:
        self.worker.submit(fn, record_id, on_error=self._failed)

    def _failed(self, error: UserError) -> None:
        show_error(self, error)
