"""The staff pool (人员库) and each person's recusal declarations (回避): the office's page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.core.domain.organisation import staff
from app.core.domain.organisation.staff import Recusal, StaffEntry
from app.ui.db_worker import DbWorker
from app.ui.empty_state import EmptyState
from app.ui.messages import show_error
from app.ui.org.common import (
    Column,
    FilterProxy,
    MasterDetailActions,
    RecordTableModel,
    ask,
    make_table,
    restore_header,
    save_header,
    select_record,
    selected_record,
)
from app.ui.org.dialogs import RecusalDialog, StaffDialog
from app.ui.settings import app_settings


class StaffPage(MasterDetailActions, QWidget):
    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffPage")
        self.worker = worker
        self.dialog = None
        self.pending_select: str | None = None
        self.follow({"staff", "recusal"})
        self.staff_model = RecordTableModel(
            [
                Column(self.tr("Name"), lambda s: s.display_name),
                Column(self.tr("User name"), lambda s: s.username),
                Column(self.tr("Role"), lambda s: s.role.label),
                Column(self.tr("Post"), lambda s: s.post),
                Column(self.tr("Expertise"), lambda s: s.expertise),
                Column(self.tr("State"), lambda s: self.tr("disabled") if s.disabled else ""),
            ],
            self,
        )
        self.staff_proxy = FilterProxy(self)
        self.staff_proxy.setSourceModel(self.staff_model)
        self.staff_table = make_table("staffTable", self.staff_proxy)
        restore_header(self.staff_table, "staff_header")
        self.recusal_model = RecordTableModel(
            [
                Column(self.tr("Unit"), lambda r: r.unit_name),
                Column(self.tr("Reason"), lambda r: r.reason),
                Column(self.tr("Declared"), lambda r: r.declared_at[:10]),
            ],
            self,
        )
        recusal_proxy = FilterProxy(self)
        recusal_proxy.setSourceModel(self.recusal_model)
        self.recusal_table = make_table("recusalTable", recusal_proxy)
        self.recusal_title = QLabel(self.tr("Recusal declarations"))
        self.recusal_title.setStyleSheet("font-weight: bold;")

        self.search = QLineEdit()
        self.search.setObjectName("staffSearch")
        self.search.setPlaceholderText(self.tr("Find a person (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.staff_proxy.setFilterFixedString)
        buttons = QHBoxLayout()
        for key, text, slot in (
            ("addStaff", self.tr("Add to pool…"), self.add_staff),
            ("editStaff", self.tr("Edit…"), self.edit_staff),
            ("removeStaff", self.tr("Remove from pool"), self.remove_staff),
            ("declareRecusal", self.tr("Declare recusal…"), self.declare_recusal),
            ("editRecusal", self.tr("Edit recusal…"), self.edit_recusal),
            ("withdrawRecusal", self.tr("Withdraw recusal"), self.withdraw_recusal),
        ):
            button = QPushButton(text)
            button.setObjectName(f"{key}Button")
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.recusal_title)
        right_layout.addWidget(self.recusal_table)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("staffSplitter")
        self.splitter.addWidget(self.staff_table)
        self.splitter.addWidget(right)
        state = app_settings().value("org/staff_splitter")
        if state is not None:
            self.splitter.restoreState(state)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(buttons)
        layout.addWidget(self.splitter, 1)
        self.staff_table.selectionModel().selectionChanged.connect(lambda *_: self._person_selected())
        self.staff_table.activated.connect(lambda _: self.edit_staff())
        self.recusal_table.activated.connect(lambda _: self.edit_recusal())
        self.recusals_of: str | None = None  # whose declarations the list shows
        self.recusal_empty = EmptyState(self.recusal_table, "recusalEmpty")
        self.recusal_empty.follow(recusal_proxy, self._why_no_recusals)

    def _why_no_recusals(self) -> tuple[str, str] | None:
        entry = selected_record(self.staff_table)
        if entry is None:
            return self.tr("No one selected."), self.tr(
                "Choose a person in the staff pool to see their declarations."
            )
        if self.recusals_of != entry.id:
            return None  # still loading
        return self.tr("{name} has declared no recusal.").format(name=entry.display_name), self.tr(
            "Press Declare recusal… to record one."
        )

    # ---- loading ----
    def refresh(self) -> None:
        self.worker.submit(staff.list_staff, on_done=self._loaded, on_error=lambda e: show_error(self, e))

    def _loaded(self, entries: list[StaffEntry]) -> None:
        current = selected_record(self.staff_table)
        self.staff_model.set_records(entries)
        self.staff_table.resizeColumnsToContents()
        wanted = self.pending_select or (current.id if current else None)
        self.pending_select = None
        if not (wanted and select_record(self.staff_table, lambda s: s.id == wanted)):
            self.recusal_model.set_records([])

    def _person_selected(self) -> None:
        entry = selected_record(self.staff_table)
        self.recusals_of = None
        if entry is None:
            self.recusal_model.set_records([])
            return
        self.recusal_title.setText(self.tr("Recusal declarations of {name}").format(name=entry.display_name))
        self.worker.submit(
            lambda s, staff_id: staff.list_recusals(s, staff_id=staff_id),
            entry.id,
            on_done=self._recusals,
            on_error=lambda e: show_error(self, e),
        )

    def _recusals(self, rows: list[Recusal]) -> None:
        entry = selected_record(self.staff_table)
        if entry is not None and all(r.staff_id == entry.id for r in rows):
            self.recusals_of = entry.id
            self.recusal_model.set_records(rows)
            self.recusal_table.resizeColumnsToContents()

    # ---- page protocol ----
    def new_item(self) -> None:
        self.declare_recusal() if self.recusal_table.hasFocus() else self.add_staff()

    def edit_item(self) -> None:
        self.edit_recusal() if self.recusal_table.hasFocus() else self.edit_staff()

    def delete_item(self) -> None:
        self.withdraw_recusal() if self.recusal_table.hasFocus() else self.remove_staff()

    def focus_find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def save_layout(self) -> None:
        save_header(self.staff_table, "staff_header")
        app_settings().setValue("org/staff_splitter", self.splitter.saveState())

    # ---- actions ----
    def add_staff(self) -> None:
        self._open(StaffDialog(self.worker, None, self))

    def edit_staff(self) -> None:
        entry = selected_record(self.staff_table)
        if entry is not None:
            self._open(StaffDialog(self.worker, entry, self))

    def remove_staff(self) -> None:
        entry = selected_record(self.staff_table)
        if entry is None:
            return
        ask(
            self,
            self.tr("Remove {name} from the staff pool?").format(name=entry.display_name),
            lambda: self._call(staff.remove_staff, entry.id),
        )

    def declare_recusal(self) -> None:
        entry = selected_record(self.staff_table)
        if entry is not None:
            self._open(RecusalDialog(self.worker, entry, None, self), detail=True)

    def edit_recusal(self) -> None:
        entry, recusal = selected_record(self.staff_table), selected_record(self.recusal_table)
        if entry is not None and recusal is not None:
            self._open(RecusalDialog(self.worker, entry, recusal, self), detail=True)

    def withdraw_recusal(self) -> None:
        recusal = selected_record(self.recusal_table)
        if recusal is None:
            return
        ask(
            self,
            self.tr("Withdraw the recusal declaration for {unit}?").format(unit=recusal.unit_name),
            lambda: self._call(staff.withdraw_recusal, recusal.id, detail=True),
        )

    def reload_detail(self) -> None:
        self._person_selected()
