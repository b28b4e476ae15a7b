"""A list tab: a toolbar of actions, a filter, a table of records and a detail pane under it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserError
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.messages import show_error
from app.ui.org.common import FilterProxy, RecordTableModel, make_table, select_record, selected_record


def table_for(name: str, model: RecordTableModel) -> QTableView:
    proxy = FilterProxy(model)
    proxy.setSourceModel(model)
    table = make_table(name, proxy)
    model.setParent(table)  # Qt owns the model with its view: never freed under a live view
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def explain(action: QAction, why_not: str | None) -> None:
    """Enable `action` when there is no reason against it; else grey it out, the reason as its tooltip."""
    action.setEnabled(why_not is None)
    name = action.text().replace("&", "").rstrip("…")
    action.setToolTip(name if why_not is None else f"{name}：{why_not}")


class ListPanel(QWidget):
    """Subclasses call _build(model, table name), add actions with _action(), implement refresh().

    The list reloads itself when the worker announces a change to one of `KINDS` (wherever it was
    made); an operation started here only says which record to select then (`select_next`).
    """

    KINDS: frozenset[str] = frozenset()

    def __init__(self, worker: DbWorker, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker, self.inspection_id = worker, inspection_id
        self.dialog = None
        self.viewer = None
        self.preview_dialog = None
        self.loaded = False
        self.select_next: str | None = None
        follow_changes(self, worker, self.KINDS, self._records_changed)
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

    def _action(self, name: str, text: str, slot, keys=None, toolbar: bool = True) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if keys is not None:
            action.setShortcuts(keys if isinstance(keys, list) else [keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        if toolbar:
            self.toolbar.addAction(action)
        return action

    def _build(self, model: RecordTableModel, table_name: str, detail: QWidget | None = None) -> None:
        self.model = model
        self.table = table_for(table_name, model)
        self.proxy: FilterProxy = self.table.model()
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed())
        self.filter = QLineEdit()
        self.filter.setObjectName(f"{table_name}Filter")
        self.filter.setPlaceholderText(self.tr("Filter the list… (Ctrl+F)"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setMaximumWidth(260)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.focus_find)
        self.addAction(find)
        self.summary = QLabel()
        self.summary.setObjectName(f"{table_name}Summary")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.filter)
        self.detail = QLabel()
        self.detail.setObjectName(f"{table_name}Detail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setMargin(6)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail if detail is not None else self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.toolbar)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    def focus_find(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def selected(self):
        return selected_record(self.table)

    def select(self, record_id: str | None) -> None:
        if record_id:
            select_record(self.table, lambda r: getattr(r, "id", None) == record_id)

    def selection_changed(self) -> None:
        """Hook: show the selected record and enable the actions that apply."""

    def failed(self, error: UserError) -> None:
        show_error(self, error)

    def run(self, fn, *args, select: str | None = None) -> None:
        """Run a core operation; its change notice reloads the list, keeping or moving to `select`."""

        def done(result) -> None:
            self.saved_record(select or result)

        self.worker.submit(fn, *args, on_done=done, on_error=self.failed)

    def saved_record(self, record) -> None:
        """Select `record` (a record or its id) when the change notice that follows reloads the list."""
        record_id = record if isinstance(record, str) else getattr(record, "id", None)
        self.select_next = record_id or getattr(self.selected(), "id", None)

    def _records_changed(self) -> None:
        select, self.select_next = self.select_next, None
        self.refresh(select)

    def refresh(self, select: str | None = None) -> None:
        raise NotImplementedError
