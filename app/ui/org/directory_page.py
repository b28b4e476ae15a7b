"""The unit directory: units with kind and parent; the selected unit's leadership, top leader marked.

Team roles see only the units their own inspections cover (the core filters) and cannot change
anything; the office creates, edits and deletes units and leadership people.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.domain.organisation import units
from app.core.domain.organisation.units import LeadershipPerson, Unit, UnitKind
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
from app.ui.org.dialogs import PersonDialog, UnitDialog
from app.ui.settings import app_settings


class DirectoryPage(MasterDetailActions, QWidget):
    def __init__(self, worker: DbWorker, can_manage: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("directoryPage")
        self.worker = worker
        self.can_manage = can_manage
        self.names: dict[str, str] = {}
        self.dialog = None
        self.pending_select: str | None = None
        self.follow({"unit"})
        kinds = list(UnitKind)
        self.units_model = RecordTableModel(
            [
                Column(self.tr("Unit"), lambda u: u.name),
                Column(self.tr("Kind"), lambda u: u.kind.label, lambda u: kinds.index(u.kind)),
                Column(self.tr("Parent unit"), lambda u: self.names.get(u.parent_id or "", "")),
            ],
            self,
        )
        self.units_proxy = FilterProxy(self)
        self.units_proxy.setSourceModel(self.units_model)
        self.units_table = make_table("unitsTable", self.units_proxy)
        restore_header(self.units_table, "units_header")
        self.people_model = RecordTableModel(
            [
                Column(self.tr("Name"), lambda p: p.name),
                Column(self.tr("Position"), lambda p: p.position),
                Column(self.tr("Top leader"), lambda p: self.tr("★ top leader") if p.is_top_leader else ""),
                Column(self.tr("Order"), lambda p: str(p.sort_order), lambda p: p.sort_order),
            ],
            self,
            decorate=self._decorate_person,
        )
        people_proxy = FilterProxy(self)
        people_proxy.setSourceModel(self.people_model)
        self.people_table = make_table("leadershipTable", people_proxy)
        self.people_title = QLabel(self.tr("Leadership"))
        self.people_title.setObjectName("leadershipTitle")
        self.people_title.setStyleSheet("font-weight: bold;")

        self.search = QLineEdit()
        self.search.setObjectName("unitSearch")
        self.search.setPlaceholderText(self.tr("Find a unit (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.units_proxy.setFilterFixedString)

        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("newUnit", self.tr("New unit…"), self.new_unit),
            ("editUnit", self.tr("Edit unit…"), self.edit_unit),
            ("deleteUnit", self.tr("Delete unit"), self.delete_unit),
            ("newPerson", self.tr("Add leadership member…"), self.new_person),
            ("editPerson", self.tr("Edit member…"), self.edit_person),
            ("deletePerson", self.tr("Remove member"), self.delete_person),
        ):
            button = QPushButton(text)
            button.setObjectName(f"{key}Button")
            button.clicked.connect(slot)
            button.setVisible(can_manage)
            self.buttons[key] = button
            buttons.addWidget(button)
        buttons.addStretch(1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.people_title)
        right_layout.addWidget(self.people_table)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("directorySplitter")
        self.splitter.addWidget(self.units_table)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        state = app_settings().value("org/directory_splitter")
        if state is not None:
            self.splitter.restoreState(state)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(buttons)
        layout.addWidget(self.splitter, 1)

        self.units_loaded = False
        self.people_of: str | None = None  # the unit whose leadership the list shows
        self.units_empty = EmptyState(self.units_table, "unitsEmpty")
        self.units_empty.follow(self.units_proxy, self._why_no_units)
        self.people_empty = EmptyState(self.people_table, "leadershipEmpty")
        self.people_empty.follow(people_proxy, self._why_no_people)
        self.units_table.selectionModel().selectionChanged.connect(lambda *_: self._unit_selected())
        self.units_table.activated.connect(lambda _: self.edit_unit())
        self.people_table.activated.connect(lambda _: self.edit_person())

    # ---- loading ----
    def refresh(self) -> None:
        self.worker.submit(units.list_units, on_done=self._loaded, on_error=lambda e: show_error(self, e))

    def _why_no_units(self) -> tuple[str, str] | None:
        if not self.units_loaded:
            return None
        if self.units_model.rowCount():
            return self.tr("No unit matches “{text}”.").format(text=self.search.text().strip()), self.tr(
                "Clear the search field to see every unit."
            )
        if self.can_manage:
            return self.tr("No units yet."), self.tr("Press New unit… to add the first unit to be inspected.")
        return self.tr("No units to show."), self.tr(
            "You see the units your own inspections cover; none is assigned to you yet."
        )

    def _why_no_people(self) -> tuple[str, str] | None:
        unit = selected_record(self.units_table)
        if unit is None:
            return self.tr("No unit selected."), self.tr("Choose a unit in the list to see its leadership.")
        if self.people_of != unit.id:
            return None  # still loading
        what = (
            self.tr("Press Add leadership member… to record one.")
            if self.can_manage
            else self.tr("The inspection office records the leadership.")
        )
        return self.tr("No leadership recorded for {unit}.").format(unit=unit.name), what

    def _loaded(self, all_units: list[Unit]) -> None:
        current = selected_record(self.units_table)
        self.names = {u.id: u.name for u in all_units}
        self.units_loaded = True
        self.units_model.set_records(all_units)
        self.units_table.resizeColumnsToContents()
        wanted = self.pending_select or (current.id if current else None)
        self.pending_select = None
        if wanted and select_record(self.units_table, lambda u: u.id == wanted):
            return
        self.people_model.set_records([])

    def _unit_selected(self) -> None:
        unit = selected_record(self.units_table)
        self.people_of = None
        if unit is None:
            self.people_model.set_records([])
            self.people_title.setText(self.tr("Leadership"))
            return
        self.people_title.setText(self.tr("Leadership of {unit}").format(unit=unit.name))
        self.worker.submit(
            units.list_leadership,
            unit.id,
            on_done=lambda people: self._people(unit.id, people),
            on_error=lambda e: show_error(self, e),
        )

    def _people(self, unit_id: str, people: list[LeadershipPerson]) -> None:
        unit = selected_record(self.units_table)
        if unit is not None and unit.id == unit_id:
            self.people_of = unit_id
            self.people_model.set_records(people)
            self.people_table.resizeColumnsToContents()

    def _decorate_person(self, person: LeadershipPerson, role: int, column: int):
        if person.is_top_leader and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    # ---- the page protocol used by the workspace's actions ----
    def new_item(self) -> None:
        if self.people_table.hasFocus() and selected_record(self.units_table):
            self.new_person()
        else:
            self.new_unit()

    def edit_item(self) -> None:
        self.edit_person() if self.people_table.hasFocus() else self.edit_unit()

    def delete_item(self) -> None:
        self.delete_person() if self.people_table.hasFocus() else self.delete_unit()

    def focus_find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def save_layout(self) -> None:
        save_header(self.units_table, "units_header")
        app_settings().setValue("org/directory_splitter", self.splitter.saveState())

    # ---- units ----
    def new_unit(self) -> None:
        if self.can_manage:
            self._open(UnitDialog(self.worker, None, self))

    def edit_unit(self) -> None:
        unit = selected_record(self.units_table)
        if self.can_manage and unit is not None:
            self._open(UnitDialog(self.worker, unit, self))

    def delete_unit(self) -> None:
        unit = selected_record(self.units_table)
        if not self.can_manage or unit is None:
            return
        ask(
            self,
            self.tr("Delete the unit “{name}” and its leadership list?").format(name=unit.name),
            lambda: self._call(units.delete_unit, unit.id),
        )

    # ---- leadership ----
    def new_person(self) -> None:
        unit = selected_record(self.units_table)
        if self.can_manage and unit is not None:
            self._open(PersonDialog(self.worker, unit, None, self), detail=True)

    def edit_person(self) -> None:
        unit, person = selected_record(self.units_table), selected_record(self.people_table)
        if self.can_manage and unit is not None and person is not None:
            self._open(PersonDialog(self.worker, unit, person, self), detail=True)

    def delete_person(self) -> None:
        person = selected_record(self.people_table)
        if not self.can_manage or person is None:
            return
        ask(
            self,
            self.tr("Remove {name} from the unit's leadership?").format(name=person.name),
            lambda: self._call(units.delete_person, person.id, detail=True),
        )

    # ---- plumbing ----
    def reload_detail(self) -> None:
        self._unit_selected()
