"""The 调阅资料 tab of an inspection: the request list with custody, reading, material, search, the gate.

Top: the counts by state, the phase-gate banner (when leaving 了解情况 would be refused), the
actions, a filter. Middle: the request list (outstanding and overdue items stand out). Bottom: the
selected item's custody history, reading notes, excerpts and electronic material, and the
inspection-wide full-text search. Every core call goes through the worker; dialogs open() and report
by signal. Keys when the focus is inside the tab: Ctrl+N new item, F2/Enter edit, Del delete,
Ctrl+F search, Ctrl+P print; F5 reaches refresh() through the inspection view.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.domain.review import writes
from app.core.domain.review.custody import CustodyState
from app.core.domain.review.request_item import RequestItem
from app.core.errors import UserError
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.empty_state import EmptyState
from app.ui.messages import show_error
from app.ui.org.common import FilterProxy, ask, fit_columns, make_table, select_record, selected_record
from app.ui.review import models, ops
from app.ui.review.dialogs import (
    CopiesDialog,
    HandOverDialog,
    ItemDialog,
    OverrideDialog,
    PlannedReturnDialog,
    ReceiveDialog,
    ReturnDialog,
    item_caption,
)
from app.ui.review.item_pages import ItemPages
from app.ui.review.search_view import SearchView
from app.ui.review.viewer import MaterialViewer


def _table(name: str, model) -> QTableView:
    proxy = FilterProxy(model)
    proxy.setSourceModel(model)
    table = make_table(name, proxy)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


class ReviewPanel(ItemPages, QWidget):
    def __init__(self, worker: DbWorker, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        self.worker, self.inspection_id = worker, inspection_id
        self.view = parent  # the inspection view (told about a phase move made here)
        self.data: ops.PanelData | None = None
        self.detail: ops.ItemDetail | None = None
        self.dialog = None
        self.viewer: MaterialViewer | None = None
        self.last_import: ops.ImportReport | None = None
        self.error_text = ""
        self._loading_item: str | None = None
        self._build()
        follow_changes(
            self, worker, {"request_item", "reading", "excerpt", "attachment", "inspection"}, self.refresh
        )
        self.refresh()

    # ---- building ----
    def _build(self) -> None:
        self.summary = QLabel()
        self.summary.setObjectName("custodySummary")

        self.gate = QFrame()
        self.gate.setObjectName("gateBanner")
        self.gate.setStyleSheet(
            "#gateBanner { background: #fdecea; border: 1px solid #e6a19b; border-radius: 3px; }"
        )
        self.gate_text = QLabel()
        self.gate_text.setObjectName("gateText")
        self.gate_text.setWordWrap(True)
        self.override_button = QPushButton(self.tr("Advance with unreturned material (leader's approval)…"))
        self.override_button.setObjectName("overrideButton")
        self.override_button.clicked.connect(self.override_gate)
        gate_layout = QHBoxLayout(self.gate)
        gate_layout.setContentsMargins(8, 4, 8, 4)
        gate_layout.addWidget(self.gate_text, 1)
        gate_layout.addWidget(self.override_button)
        self.gate.hide()

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("reviewToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._keyed: list[QAction] = []
        a = self._action
        self.action_new = a("actionNewItem", self.tr("New item"), self.new_item, QKeySequence.StandardKey.New)
        self.action_edit = a("actionEditItem", self.tr("Edit"), self.edit_item, Qt.Key.Key_F2)
        self.action_delete = a("actionDeleteItem", self.tr("Delete"), self.delete_item, Qt.Key.Key_Delete)
        self.action_receive = a("actionReceive", self.tr("Receive…"), self.receive)
        self.action_hand_over = a("actionHandOver", self.tr("Hand over…"), self.hand_over)
        self.action_copies = a("actionCopies", self.tr("Copies…"), self.record_copies)
        self.action_planned = a("actionPlannedReturn", self.tr("Planned return…"), self.planned_return)
        self.action_return = a("actionReturn", self.tr("Return…"), self.return_item)
        self.action_import = a("actionImport", self.tr("Import files…"), self.import_material)
        self.action_find = a(
            "actionFindReview", self.tr("Search"), self.focus_find, QKeySequence.StandardKey.Find
        )
        self.action_print = a(
            "actionPrintList", self.tr("Print request list…"), self.print_list, QKeySequence.StandardKey.Print
        )
        self.action_receipt = a("actionPrintReceipt", self.tr("Print return receipt…"), self.print_receipt)
        self.receipt_menu = QMenu(self)
        self.action_receipt.setMenu(self.receipt_menu)
        for group in (
            (self.action_new, self.action_edit, self.action_delete),
            (
                self.action_receive,
                self.action_hand_over,
                self.action_copies,
                self.action_planned,
                self.action_return,
            ),
            (self.action_import,),
            (self.action_print, self.action_receipt),
        ):
            for action in group:
                self.toolbar.addAction(action)
            self.toolbar.addSeparator()
        button = self.toolbar.widgetForAction(self.action_receipt)
        if isinstance(button, QToolButton):
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

        self.outstanding_only = QCheckBox(self.tr("Only items not yet returned"))
        self.outstanding_only.setObjectName("outstandingOnly")
        self.outstanding_only.toggled.connect(self._apply_filter)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("itemFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter the list…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMaximumWidth(220)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.outstanding_only)
        top.addWidget(self.filter_edit)

        self.items_model = models.request_model(self)
        self.items_table = _table("requestTable", self.items_model)
        self.items_model.setParent(self.items_table)  # Qt owns it with its view
        self.proxy: FilterProxy = self.items_table.model()
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.items_empty = EmptyState(self.items_table, "requestEmpty")
        self.items_empty.follow(self.proxy, self._why_empty)
        self.items_table.selectionModel().selectionChanged.connect(lambda *_: self._item_selected())
        self.items_table.activated.connect(lambda _: self.edit_item())
        header = self.items_table.horizontalHeader()
        header.setStretchLastSection(True)
        self.items_table.setTextElideMode(Qt.TextElideMode.ElideRight)

        # the selected item
        self.item_title = QLabel(self.tr("Choose an item in the request list."))
        self.item_title.setObjectName("itemTitle")
        self.item_title.setStyleSheet("font-weight: bold;")
        self.item_tabs = QTabWidget()
        self.item_tabs.setObjectName("itemTabs")

        self.history_model = models.history_model(self)
        self.history_table = _table("custodyHistoryTable", self.history_model)
        self.history_model.setParent(self.history_table)
        self.item_tabs.addTab(self.history_table, self.tr("Custody history"))

        self.readings_model = models.readings_model(self)
        self.readings_table = _table("readingsTable", self.readings_model)
        self.readings_model.setParent(self.readings_table)
        self.readings_table.activated.connect(lambda _: self.edit_reading())
        self.readings_page = self._list_page(
            self.readings_table,
            [
                ("addReadingButton", self.tr("Add notes…"), self.add_reading),
                ("editReadingButton", self.tr("Edit…"), self.edit_reading),
                ("deleteReadingButton", self.tr("Delete"), self.delete_reading),
            ],
        )
        self.item_tabs.addTab(self.readings_page, self.tr("Reading notes"))

        self.excerpts_model = models.excerpts_model(self, {}, {})
        self.excerpts_table = _table("excerptsTable", self.excerpts_model)
        self.excerpts_model.setParent(self.excerpts_table)
        self.excerpts_table.activated.connect(lambda _: self.edit_excerpt())
        self.excerpts_page = self._list_page(
            self.excerpts_table,
            [
                ("addExcerptButton", self.tr("Add excerpt…"), self.add_excerpt),
                ("editExcerptButton", self.tr("Edit…"), self.edit_excerpt),
                ("deleteExcerptButton", self.tr("Delete"), self.delete_excerpt),
            ],
        )
        self.item_tabs.addTab(self.excerpts_page, self.tr("Excerpts"))

        self.material_model = models.material_model(self)
        self.material_table = _table("materialTable", self.material_model)
        self.material_model.setParent(self.material_table)
        self.material_table.activated.connect(lambda _: self.view_material())
        self.material_page = self._list_page(
            self.material_table,
            [
                ("importButton", self.tr("Import files…"), self.import_material),
                ("viewMaterialButton", self.tr("View"), self.view_material),
                ("deleteMaterialButton", self.tr("Delete"), self.delete_material),
            ],
        )
        self.item_tabs.addTab(self.material_page, self.tr("Electronic material"))

        self.search_view = SearchView(self.worker, self.inspection_id)
        self.search_view.hit_chosen.connect(self.show_hit)
        self.item_tabs.addTab(self.search_view, self.tr("Full-text search"))

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        lower_layout.addWidget(self.item_title)
        lower_layout.addWidget(self.item_tabs, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("reviewSplitter")
        self.splitter.addWidget(self.items_table)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.error_label = QLabel()
        self.error_label.setObjectName("panelError")
        self.error_label.setStyleSheet("color: #b00000;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.gate)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.error_label)
        layout.addWidget(self.splitter, 1)
        self._update_actions()

    def _action(self, name: str, text: str, slot, keys=None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.triggered.connect(slot)
        if keys is not None:
            sequence = QKeySequence(keys)
            action.setShortcut(sequence)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{text} ({sequence.toString(QKeySequence.SequenceFormat.NativeText)})")
            self._keyed.append(action)
        self.addAction(action)
        return action

    def _list_page(self, table: QTableView, buttons: list[tuple[str, str, object]]) -> QWidget:
        page = QWidget()
        row = QVBoxLayout()
        for name, text, slot in buttons:
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(table, 1)
        layout.addLayout(row)
        return page

    def event(self, event: QEvent) -> bool:
        """The tab's keys win over the workspace's while the focus is inside the tab."""
        if event.type() == QEvent.Type.ShortcutOverride:
            pressed = QKeySequence(event.keyCombination())
            for action in self._keyed:
                if (
                    action.isEnabled()
                    and action.shortcut().matches(pressed) == QKeySequence.SequenceMatch.ExactMatch
                ):
                    event.accept()
                    QTimer.singleShot(0, action.trigger)
                    return True
        return super().event(event)

    # ---- loading ----
    def refresh(self) -> None:
        self.worker.submit(
            ops.load_panel, self.inspection_id, on_done=self._loaded, on_error=self._load_failed
        )

    def _load_failed(self, error: UserError) -> None:
        self.data = None
        self.items_model.set_records([])
        self.error_text = str(error)
        self.error_label.setText(self.error_text)
        self.error_label.show()
        self._update_actions()

    def _loaded(self, data: ops.PanelData) -> None:
        self.error_label.hide()
        self.error_text = ""
        keep = self.current_item()
        self.data = data
        self.items_model.set_records(data.items)
        self.items_empty.update()
        s = data.summary
        counts = "，".join(f"{state.label} {s.by_state[state]}" for state in CustodyState)
        text = self.tr("{total} item(s): {counts}").format(total=s.total, counts=counts)
        if s.overdue:
            text += " " + self.tr("<b style='color:#b00000;'>— {n} overdue</b>").format(n=s.overdue)
        self.summary.setText(text)
        self._show_gate(data)
        self._fill_receipt_menu(data)
        if keep is None or not select_record(self.items_table, lambda i: i.id == keep.id):
            self._item_selected()
        self._update_actions()
        fit_columns(self.items_table)
        header = self.items_table.horizontalHeader()
        if header.sectionSize(models.TITLE_COLUMN) > 260:
            header.resizeSection(models.TITLE_COLUMN, 260)

    def _show_gate(self, data: ops.PanelData) -> None:
        self.gate.setVisible(data.gate_closed)
        if not data.gate_closed:
            return
        text = self.tr(
            "{n} item(s) are still in the team's custody: the inspection cannot leave “{phase}” until "
            "they are returned, unless the team leader approves an exception."
        ).format(n=data.summary.unreturned, phase=data.inspection.phase.label)
        if not data.is_leader:
            text += " " + self.tr("Only the team leader can approve it.")
        self.gate_text.setText(text)
        self.override_button.setEnabled(data.can_write)

    def _fill_receipt_menu(self, data: ops.PanelData) -> None:
        self.receipt_menu.clear()
        days = sorted({i.returned_on for i in data.items if i.returned_on}, reverse=True)
        for day in days:
            n = sum(1 for i in data.items if i.returned_on == day)
            action = self.receipt_menu.addAction(
                self.tr("Returned on {date} ({n} item(s))").format(date=day, n=n)
            )
            action.triggered.connect(lambda _=False, d=day: self.print_receipt(d))
        self.action_receipt.setEnabled(bool(days))

    def _why_empty(self) -> tuple[str, str] | None:
        """Why the request list shows no row, and what to do (None while it loads or failed: the
        error line says that)."""
        if self.data is None:
            return None
        total = self.items_model.rowCount()
        if total and self.filter_edit.text().strip():
            return (
                self.tr("No item matches the filter."),
                self.tr("Clear the filter to see all {n} item(s).").format(n=total),
            )
        if total:
            return (
                self.tr("Every item has been returned."),
                self.tr("Untick “Only items not yet returned” to see all {n} item(s).").format(n=total),
            )
        if self.data.can_write:
            return (
                self.tr("No materials requested yet for this inspection."),
                self.tr("Press New item to add the first line of the request list."),
            )
        return (
            self.tr("No materials requested yet for this inspection."),
            self.tr("The inspection team keeps the request list; its lines appear here once added."),
        )

    def _apply_filter(self) -> None:
        only = self.outstanding_only.isChecked()
        self.proxy.set_row_filter((lambda i: i.outstanding) if only else None)

    # ---- the selected item ----
    def current_item(self) -> RequestItem | None:
        return selected_record(self.items_table)

    def _item_selected(self) -> None:
        item = self.current_item()
        self._update_actions()
        if item is None:
            self.detail = None
            self.item_title.setText(self.tr("Choose an item in the request list."))
            for model in (self.history_model, self.readings_model, self.excerpts_model, self.material_model):
                model.set_records([])
            return
        self.item_title.setText(f"{item_caption(item)} — {item.state.label}")
        self._loading_item = item.id
        self.worker.submit(ops.load_item, item.id, on_done=self._item_loaded, on_error=self._item_failed)

    def _item_failed(self, error: UserError) -> None:
        """The item went away (or out of sight) meanwhile: say so where its details would be."""
        self.detail = None
        self.item_title.setText(str(error))
        self._update_actions()

    def _item_loaded(self, detail: ops.ItemDetail) -> None:
        current = self.current_item()
        if current is None or current.id != detail.item.id:
            return  # the user has moved on
        self.detail = detail
        self.history_model.set_records(detail.history)
        self.readings_model.set_records(detail.readings)
        readings = {r.id: r for r in detail.readings}
        files = {a.id: a for a in detail.material}
        self.excerpts_model.sources[0].clear()
        self.excerpts_model.sources[0].update(readings)
        self.excerpts_model.sources[1].clear()
        self.excerpts_model.sources[1].update(files)
        self.excerpts_model.set_records(detail.excerpts)
        self.material_model.set_records(detail.material)
        for table in (self.history_table, self.readings_table, self.excerpts_table, self.material_table):
            fit_columns(table)
        counts = self.tr("{a} custody event(s), {b} reading(s), {c} excerpt(s), {d} file(s)").format(
            a=len(detail.history), b=len(detail.readings), c=len(detail.excerpts), d=len(detail.material)
        )
        self.item_title.setText(f"{item_caption(detail.item)} — {detail.item.state.label}　　{counts}")
        self._update_actions()

    def _update_actions(self) -> None:
        item = self.current_item()
        write = self.data is not None and self.data.can_write
        state = item.state if item else None
        custody = state is not None and state.in_custody
        self.action_new.setEnabled(write)
        self.action_edit.setEnabled(write and item is not None)
        self.action_delete.setEnabled(write and state is CustodyState.REQUESTED)
        self.action_receive.setEnabled(write and state is CustodyState.REQUESTED)
        self.action_hand_over.setEnabled(write and custody)
        self.action_copies.setEnabled(write and custody)
        self.action_planned.setEnabled(write and item is not None and state is not CustodyState.RETURNED)
        self.action_return.setEnabled(write and custody)
        self.action_import.setEnabled(write and item is not None)
        self.action_print.setEnabled(self.data is not None)
        for name in ("addReadingButton", "editReadingButton", "deleteReadingButton"):
            self.findChild(QPushButton, name).setEnabled(write and item is not None)
        for name in ("addExcerptButton", "editExcerptButton", "deleteExcerptButton"):
            self.findChild(QPushButton, name).setEnabled(write and item is not None)
        for name in ("importButton", "deleteMaterialButton"):
            self.findChild(QPushButton, name).setEnabled(write and item is not None)
        self.findChild(QPushButton, "viewMaterialButton").setEnabled(item is not None)

    # ---- dialogs ----
    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _people(self) -> list[tuple[str, str]]:
        return self.data.people if self.data else []

    def new_item(self) -> None:
        if self.action_new.isEnabled():
            self._open(ItemDialog(self.worker, self.inspection_id, None, self))

    def edit_item(self) -> None:
        item = self.current_item()
        if item is not None and self.action_edit.isEnabled():
            self._open(ItemDialog(self.worker, self.inspection_id, item, self))

    def delete_item(self) -> None:
        item = self.current_item()
        if item is None or not self.action_delete.isEnabled():
            return
        question = self.tr("Delete item {n} “{title}” from the request list?").format(
            n=item.number, title=item.title
        )
        ask(self, question, lambda: self._run(writes.delete_item, item.id))

    def receive(self) -> None:
        item = self.current_item()
        if item is not None and self.action_receive.isEnabled():
            self._open(ReceiveDialog(self.worker, item, self._people(), self))

    def hand_over(self) -> None:
        item = self.current_item()
        if item is not None and self.action_hand_over.isEnabled():
            self._open(HandOverDialog(self.worker, item, self._people(), self))

    def record_copies(self) -> None:
        item = self.current_item()
        if item is not None and self.action_copies.isEnabled():
            self._open(CopiesDialog(self.worker, item, self))

    def planned_return(self) -> None:
        item = self.current_item()
        if item is not None and self.action_planned.isEnabled():
            self._open(PlannedReturnDialog(self.worker, item, self))

    def return_item(self) -> None:
        item = self.current_item()
        if item is not None and self.action_return.isEnabled():
            self._open(ReturnDialog(self.worker, item, self))

    def _run(self, fn, *args) -> None:
        """A one-step change (delete): the change notice reloads the list, the core's refusal in a message."""
        self.worker.submit(fn, *args, on_error=lambda e: show_error(self, e))

    # ---- the phase gate ----
    def override_gate(self) -> None:
        if self.data is None:
            return
        dialog = OverrideDialog(self.worker, self.data, self)
        dialog.saved.connect(self._advanced)
        self._open(dialog)

    def _advanced(self, inspection) -> None:
        changed = getattr(self.view, "inspection_changed", None)
        if changed is not None:
            changed.emit(inspection)

    # ---- printing ----
    def print_list(self) -> None:
        from app.ui.review import printing

        if self.data is not None:
            printing.print_request_list(self, self.worker, self.inspection_id)

    def print_receipt(self, day: str | None = None) -> None:
        from app.ui.review import printing

        if self.data is None:
            return
        if not day:
            days = sorted({i.returned_on for i in self.data.items if i.returned_on}, reverse=True)
            if not days:
                return
            day = days[0]
        printing.print_return_receipt(self, self.worker, self.inspection_id, day)
