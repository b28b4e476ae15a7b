"""Creating an inspection (a team of the round at a unit) or re-pointing one; the office's dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from app.core.domain.organisation import inspections
from app.core.domain.organisation.inspections import Inspection
from app.core.errors import UserError
from app.ui.date_field import DateField
from app.ui.db_worker import DbWorker
from app.ui.org import ops
from app.ui.org.common import FormDialog, fill_combo


class InspectionDialog(FormDialog):
    def __init__(
        self,
        worker: DbWorker,
        round_id: str,
        inspection: Inspection | None = None,
        *,
        team_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(worker, "org_inspection.ui", parent)
        self.round_id = round_id
        self.inspection = inspection
        self.initial_team = inspection.team_id if inspection else team_id
        self.ready = False
        self.round_value: QLabel = self.field(QLabel, "roundValue")
        self.team: QComboBox = self.field(QComboBox, "teamCombo")
        self.unit: QComboBox = self.field(QComboBox, "unitCombo")
        self.batch: QComboBox = self.field(QComboBox, "batchCombo")
        self.liaison_name: QLineEdit = self.field(QLineEdit, "liaisonNameEdit")
        self.liaison_phone: QLineEdit = self.field(QLineEdit, "liaisonPhoneEdit")
        self.began_on: DateField = self.field(DateField, "beganOnEdit")
        self.override: QPlainTextEdit = self.field(QPlainTextEdit, "overrideEdit")
        self.override_label: QLabel = self.field(QLabel, "overrideLabel")
        self.began_label: QLabel = self.field(QLabel, "beganOnLabel")
        self._show_override(False)
        if inspection is not None:
            self.setWindowTitle(self.tr("Edit inspection"))
            self.liaison_name.setText(inspection.liaison_name)
            self.liaison_phone.setText(inspection.liaison_phone)
            self.began_on.hide()
            self.began_label.hide()
        else:
            self.setWindowTitle(self.tr("New inspection"))
            self.began_on.set_today()
        worker.submit(ops.inspection_choices, round_id, on_done=self._loaded, on_error=self.show_error)

    def _loaded(self, choices: ops.InspectionChoices) -> None:
        self.round_value.setText(choices.round.label)
        fill_combo(self.team, [(t.name, t.id) for t in choices.teams], self.initial_team)
        fill_combo(
            self.unit,
            [(self.tr("(choose a unit)"), None)]
            + [(f"{u.name}（{u.kind.label}）", u.id) for u in choices.units],
            self.inspection.unit_id if self.inspection else None,
        )
        fill_combo(
            self.batch,
            [(self.tr("(no batch)"), None)]
            + [(f"{b.label}（{b.starts_on} — {b.ends_on}）", b.id) for b in choices.batches],
            self.inspection.batch_id if self.inspection else None,
        )
        self.ready = True

    def _show_override(self, visible: bool) -> None:
        self.override.setVisible(visible)
        self.override_label.setVisible(visible)

    def operation(self):
        reason = self.override.toPlainText().strip() if self.override.isVisible() else ""
        args = (
            self.team.currentData(),
            self.unit.currentData(),
            self.batch.currentData(),
            self.liaison_name.text().strip(),
            self.liaison_phone.text().strip(),
            self.began_on.iso() or "",
            reason or None,
        )
        if self.inspection is None:
            return _create, args
        return _update, (self.inspection.id, *args)

    def on_failed(self, error: UserError) -> None:
        # A recusal refusal names the team's members; the office may approve an exception.
        if error.field == "user_id":
            self.general_error.hide()
            self._show_override(True)
            self.show_error(type(error)(str(error), field="override_reason"))
            self.override.setFocus()


def _create(session, team_id, unit_id, batch_id, liaison_name, liaison_phone, began_on, override_reason):
    return inspections.create_inspection(
        session,
        team_id,
        unit_id,
        batch_id=batch_id,
        liaison_name=liaison_name,
        liaison_phone=liaison_phone,
        began_on=began_on or None,
        override_reason=override_reason,
    )


def _update(session, inspection_id, team_id, unit_id, batch_id, liaison_name, liaison_phone, _began, reason):
    item = inspections.update_inspection(
        session, inspection_id, team_id, unit_id, batch_id, override_reason=reason
    )
    if (liaison_name, liaison_phone) != (item.liaison_name, item.liaison_phone):
        item = inspections.set_liaison(session, inspection_id, liaison_name, liaison_phone)
    return item
