"""Create and edit dialogs for terms, rounds (with batches), units, leadership, staff and recusals.

Each loads its forms/org_*.ui, runs one core operation on the worker and shows the core's
ValidationError under the field it names. Teams and inspections have their own modules.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.core.domain import phase_moves
from app.core.domain.organisation import inspections, staff, terms, units
from app.core.domain.organisation.inspections import Inspection, Phase
from app.core.domain.organisation.staff import Recusal, StaffEntry
from app.core.domain.organisation.terms import RoundKind, RoundStatus, Term
from app.core.domain.organisation.units import LeadershipPerson, Unit, UnitKind
from app.core.errors import UserError, ValidationError
from app.ui.date_field import DateField, DateFieldDelegate, parse_day
from app.ui.db_worker import DbWorker
from app.ui.org import ops
from app.ui.org.common import FormDialog, fill_combo


def _text(edit: QLineEdit) -> str:
    return edit.text().strip()


def _day(edit: DateField) -> str:
    """The date typed as 'YYYY-MM-DD' ('' when empty); text that is no date raises, naming the field."""
    return edit.iso() or ""


def _show_row(form: QWidget, field: QWidget, visible: bool, layout: str = "formLayout") -> None:
    form.findChild(QFormLayout, layout).setRowVisible(field, visible)


# ---- terms ---------------------------------------------------------------------------------------


class TermDialog(FormDialog):
    def __init__(self, worker: DbWorker, term: Term | None = None, parent: QWidget | None = None) -> None:
        super().__init__(worker, "org_term.ui", parent)
        self.term = term
        self.name: QLineEdit = self.field(QLineEdit, "nameEdit")
        self.starts_on: DateField = self.field(DateField, "startsOnEdit")
        self.ends_on: DateField = self.field(DateField, "endsOnEdit")
        if term is not None:
            self.setWindowTitle(self.tr("Edit term"))
            self.name.setText(term.name)
            self.starts_on.setText(term.starts_on)
            self.ends_on.setText(term.ends_on or "")
        else:
            self.setWindowTitle(self.tr("New term"))

    def operation(self):
        values = (_text(self.name), _day(self.starts_on), _day(self.ends_on) or None)
        if self.term is None:
            return terms.create_term, values
        return terms.update_term, (self.term.id, *values)


# ---- rounds --------------------------------------------------------------------------------------


class RoundDialog(FormDialog):
    """A round and its batches; for a new round the number defaults to the next free one."""

    def __init__(
        self,
        worker: DbWorker,
        term_id: str,
        round_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(worker, "org_round.ui", parent)
        self.term_id = term_id
        self.round_id = round_id
        self.ready = False
        self.term_value: QLabel = self.field(QLabel, "termValue")
        self.number: QSpinBox = self.field(QSpinBox, "numberSpin")
        self.kind: QComboBox = self.field(QComboBox, "kindCombo")
        self.status: QComboBox = self.field(QComboBox, "statusCombo")
        self.starts_on: DateField = self.field(DateField, "startsOnEdit")
        self.ends_on: DateField = self.field(DateField, "endsOnEdit")
        self.batches: QTableWidget = self.field(QTableWidget, "batchesTable")
        self.batches_error: QLabel = self.field(QLabel, "batchesError")
        fill_combo(self.kind, [(k.label, k.value) for k in RoundKind])
        fill_combo(self.status, [(s.label, s.value) for s in RoundStatus])
        self.batches.setColumnCount(3)
        self.batches.setHorizontalHeaderLabels(
            [self.tr("Batch number"), self.tr("Starts on"), self.tr("Ends on")]
        )
        self.batches.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.batches.verticalHeader().hide()
        self.date_cells = DateFieldDelegate(self.batches)
        for column in (1, 2):
            self.batches.setItemDelegateForColumn(column, self.date_cells)
        self.field(QPushButton, "addBatchButton").clicked.connect(lambda: self.add_batch_row())
        self.field(QPushButton, "removeBatchButton").clicked.connect(self.remove_batch_row)
        self.setWindowTitle(self.tr("Edit round") if round_id else self.tr("New round"))
        if round_id:
            worker.submit(ops.round_with_batches, round_id, on_done=self._loaded, on_error=self.show_error)
        else:
            worker.submit(_term_and_rounds, term_id, on_done=self._loaded_new, on_error=self.show_error)

    def _loaded_new(self, result) -> None:
        term, rounds = result
        self.term_value.setText(term.name)
        self.number.setValue(max((r.number for r in rounds), default=0) + 1)
        self.ready = True

    def _loaded(self, result) -> None:
        rnd, batches, term = result
        self.term_value.setText(term.name)
        self.number.setValue(rnd.number)
        fill_combo(self.kind, [(k.label, k.value) for k in RoundKind], rnd.kind.value)
        fill_combo(self.status, [(s.label, s.value) for s in RoundStatus], rnd.status.value)
        self.starts_on.setText(rnd.starts_on or "")
        self.ends_on.setText(rnd.ends_on or "")
        self.batches.setRowCount(0)
        for batch in batches:
            self.add_batch_row(batch.number, batch.starts_on, batch.ends_on, batch.id)
        self.ready = True

    def add_batch_row(self, number: int | None = None, starts_on: str = "", ends_on: str = "", batch_id=None):
        row = self.batches.rowCount()
        self.batches.insertRow(row)
        first = QTableWidgetItem(str(number if isinstance(number, int) else row + 1))
        first.setData(Qt.ItemDataRole.UserRole, batch_id)
        self.batches.setItem(row, 0, first)
        self.batches.setItem(row, 1, QTableWidgetItem(starts_on))
        self.batches.setItem(row, 2, QTableWidgetItem(ends_on))
        return row

    def remove_batch_row(self) -> None:
        row = self.batches.currentRow()
        if row >= 0:
            self.batches.removeRow(row)

    def batch_rows(self) -> list[tuple[str | None, int, str, str]]:
        rows = []
        for row in range(self.batches.rowCount()):
            cells = [self.batches.item(row, c) for c in range(3)]
            texts = [(c.text().strip() if c else "") for c in cells]
            try:
                number = int(texts[0])
            except ValueError:
                raise ValidationError(
                    self.tr("Row {row}: the batch number must be a whole number.").format(row=row + 1),
                    field="batches",
                ) from None
            starts = self._batch_day(texts[1], row, self.tr("starts on"))
            ends = self._batch_day(texts[2], row, self.tr("ends on"))
            rows.append((cells[0].data(Qt.ItemDataRole.UserRole) if cells[0] else None, number, starts, ends))
        return rows

    def _batch_day(self, text: str, row: int, what: str) -> str:
        label = self.tr("Row {row}, {what}").format(row=row + 1, what=what)
        try:
            day = parse_day(text, label)
        except ValidationError as error:
            raise ValidationError(error.message, field="batches") from None
        return day.isoformat() if day else ""

    def operation(self):
        return ops.save_round, (
            self.term_id,
            self.round_id,
            self.number.value(),
            self.kind.currentData(),
            self.status.currentData(),
            _day(self.starts_on),
            _day(self.ends_on),
            self.batch_rows(),
        )

    def _done(self, result: ops.RoundSaved) -> None:
        if result.batch_error is None:
            super()._done(result.round)
            return
        # The round is saved; keep the dialog open on it so the batch can be fixed.
        self._set_busy(False)
        self.round_id = result.round.id
        for row in range(self.batches.rowCount()):
            item = self.batches.item(row, 0)
            match = next((b for b in result.batches if str(b.number) == item.text().strip()), None)
            if match is not None and item.data(Qt.ItemDataRole.UserRole) is None:
                item.setData(Qt.ItemDataRole.UserRole, match.id)
        self.setWindowTitle(self.tr("Edit round"))
        self.batches_error.setText(
            self.tr("Batch {number}: {message}").format(
                number=result.batch_number, message=result.batch_error
            )
        )
        self.batches_error.show()
        self.saved.emit(result.round)


def _term_and_rounds(session, term_id: str):
    return terms.get_term(session, term_id), terms.list_rounds(session, term_id)


# ---- units and leadership ------------------------------------------------------------------------


class UnitDialog(FormDialog):
    def __init__(self, worker: DbWorker, unit: Unit | None = None, parent: QWidget | None = None) -> None:
        super().__init__(worker, "org_unit.ui", parent)
        self.unit = unit
        self.ready = False
        self.name: QLineEdit = self.field(QLineEdit, "nameEdit")
        self.kind: QComboBox = self.field(QComboBox, "kindCombo")
        self.parent_combo: QComboBox = self.field(QComboBox, "parentCombo")
        fill_combo(self.kind, [(k.label, k.value) for k in UnitKind], unit.kind.value if unit else None)
        self.setWindowTitle(self.tr("Edit unit") if unit else self.tr("New unit"))
        if unit is not None:
            self.name.setText(unit.name)
        worker.submit(units.list_units, on_done=self._loaded, on_error=self.show_error)

    def _loaded(self, all_units: list[Unit]) -> None:
        choices = [(self.tr("(none)"), None)] + [
            (f"{u.name}（{u.kind.label}）", u.id)
            for u in all_units
            if self.unit is None or u.id != self.unit.id
        ]
        fill_combo(self.parent_combo, choices, self.unit.parent_id if self.unit else None)
        self.ready = True

    def operation(self):
        values = (_text(self.name), self.kind.currentData(), self.parent_combo.currentData())
        if self.unit is None:
            return units.create_unit, values
        return units.update_unit, (self.unit.id, *values)


class PersonDialog(FormDialog):
    def __init__(
        self,
        worker: DbWorker,
        unit: Unit,
        person: LeadershipPerson | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(worker, "org_person.ui", parent)
        self.unit, self.person = unit, person
        self.field(QLabel, "unitValue").setText(unit.name)
        self.name: QLineEdit = self.field(QLineEdit, "nameEdit")
        self.position: QLineEdit = self.field(QLineEdit, "positionEdit")
        self.top_leader: QCheckBox = self.field(QCheckBox, "topLeaderCheck")
        self.sort_order: QSpinBox = self.field(QSpinBox, "sortOrderSpin")
        self.setWindowTitle(self.tr("Edit leadership member") if person else self.tr("New leadership member"))
        if person is not None:
            self.name.setText(person.name)
            self.position.setText(person.position)
            self.top_leader.setChecked(person.is_top_leader)
            self.sort_order.setValue(max(1, person.sort_order))
        else:
            _show_row(self.form, self.sort_order, False)  # new people go to the end of the list

    def operation(self):
        if self.person is None:
            return (
                lambda s, *a: units.add_person(s, *a[:3], is_top_leader=a[3]),
                (self.unit.id, _text(self.name), _text(self.position), self.top_leader.isChecked()),
            )
        return units.update_person, (
            self.person.id,
            _text(self.name),
            _text(self.position),
            self.top_leader.isChecked(),
            self.sort_order.value(),
        )


# ---- staff pool and recusals ---------------------------------------------------------------------


class StaffDialog(FormDialog):
    def __init__(
        self, worker: DbWorker, entry: StaffEntry | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(worker, "org_staff.ui", parent)
        self.entry = entry
        self.ready = entry is not None
        self.user: QComboBox = self.field(QComboBox, "userCombo")
        self.post: QLineEdit = self.field(QLineEdit, "postEdit")
        self.expertise: QLineEdit = self.field(QLineEdit, "expertiseEdit")
        if entry is not None:
            self.setWindowTitle(self.tr("Edit staff pool entry"))
            fill_combo(self.user, [(f"{entry.display_name}（{entry.username}）", entry.user_id)])
            self.user.setEnabled(False)
            self.post.setText(entry.post)
            self.expertise.setText(entry.expertise)
        else:
            self.setWindowTitle(self.tr("Add to staff pool"))
            worker.submit(staff.eligible_accounts, on_done=self._loaded, on_error=self.show_error)

    def _loaded(self, users) -> None:
        fill_combo(self.user, [(f"{u.display_name}（{u.username}，{u.role.label}）", u.id) for u in users])
        if not users:
            self.show_error(
                ValidationError(self.tr("Every team account is already in the pool."), field="user_id")
            )
        self.ready = True

    def operation(self):
        if self.entry is None:
            return staff.add_staff, (self.user.currentData(), _text(self.post), _text(self.expertise))
        return staff.update_staff, (self.entry.id, _text(self.post), _text(self.expertise))


class RecusalDialog(FormDialog):
    def __init__(
        self,
        worker: DbWorker,
        entry: StaffEntry,
        recusal: Recusal | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(worker, "org_recusal.ui", parent)
        self.entry, self.recusal = entry, recusal
        self.ready = recusal is not None
        self.field(QLabel, "personValue").setText(f"{entry.display_name}（{entry.username}）")
        self.unit: QComboBox = self.field(QComboBox, "unitCombo")
        self.reason: QPlainTextEdit = self.field(QPlainTextEdit, "reasonEdit")
        if recusal is not None:
            self.setWindowTitle(self.tr("Edit recusal declaration"))
            fill_combo(self.unit, [(recusal.unit_name, recusal.unit_id)])
            self.unit.setEnabled(False)
            self.reason.setPlainText(recusal.reason)
        else:
            self.setWindowTitle(self.tr("Declare a recusal"))
            worker.submit(units.list_units, on_done=self._loaded, on_error=self.show_error)

    def _loaded(self, all_units: list[Unit]) -> None:
        fill_combo(self.unit, [(f"{u.name}（{u.kind.label}）", u.id) for u in all_units])
        self.ready = True

    def operation(self):
        reason = self.reason.toPlainText().strip()
        if self.recusal is None:
            return staff.declare_recusal, (self.entry.id, self.unit.currentData(), reason)
        return staff.update_recusal, (self.recusal.id, reason)


# ---- phase and liaison ---------------------------------------------------------------------------


class PhaseDialog(FormDialog):
    """Advance to the next phase (with its start date) or go back one phase (with a reason)."""

    def __init__(
        self, worker: DbWorker, inspection: Inspection, forward: bool, parent: QWidget | None = None
    ):
        super().__init__(worker, "org_phase.ui", parent)
        self.inspection, self.forward = inspection, forward
        self.on: DateField = self.field(DateField, "onEdit")
        self.reason: QPlainTextEdit = self.field(QPlainTextEdit, "reasonEdit")
        current = inspection.phase
        target: Phase | None = current.next() if forward else current.previous()
        self.target = target
        text = self.field(QLabel, "phaseText")
        if forward:
            self.setWindowTitle(self.tr("Advance phase"))
            text.setText(
                self.tr("Move from “{a}” to “{b}”.").format(
                    a=current.label, b=target.label if target else "—"
                )
            )
            self.on.set_today()
            _show_row(self.form, self.reason, False)
        else:
            self.setWindowTitle(self.tr("Go back one phase"))
            text.setText(
                self.tr("Go back from “{a}” to “{b}”. The reason is recorded and audited.").format(
                    a=current.label, b=target.label if target else "—"
                )
            )
            _show_row(self.form, self.on, False)

    def operation(self):
        if self.target is None:
            raise UserError(self.tr("There is no phase to move to."))
        if self.forward:
            return (lambda s, i, p, on: phase_moves.move_phase(s, i, p, on=on)), (
                self.inspection.id,
                self.target.value,
                _day(self.on),
            )
        return (lambda s, i, p, r: phase_moves.move_phase(s, i, p, reason=r)), (
            self.inspection.id,
            self.target.value,
            self.reason.toPlainText().strip(),
        )


class LiaisonDialog(FormDialog):
    def __init__(self, worker: DbWorker, inspection: Inspection, parent: QWidget | None = None) -> None:
        super().__init__(worker, "org_liaison.ui", parent)
        self.inspection = inspection
        self.name: QLineEdit = self.field(QLineEdit, "liaisonNameEdit")
        self.phone: QLineEdit = self.field(QLineEdit, "liaisonPhoneEdit")
        self.name.setText(inspection.liaison_name)
        self.phone.setText(inspection.liaison_phone)

    def operation(self):
        return inspections.set_liaison, (self.inspection.id, _text(self.name), _text(self.phone))
