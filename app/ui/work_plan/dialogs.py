"""The work plan form (forms/work_plan_plan.ui): title, date, issuer, aims, focus (one a line, presets
added from the list), schedule (one phase a line), groups (one a line) and requirements. Saving keeps
a new version; the version it started from stays as it was."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from app.core.domain.work_plan.types import PlanForm
from app.core.domain.work_plan.writes import save_plan
from app.core.security.roles import CLEARANCES
from app.ui.date_field import DateField
from app.ui.db_worker import DbWorker
from app.ui.org.common import FormDialog, fill_combo
from app.ui.work_plan import ops


class WorkPlanDialog(FormDialog):
    def __init__(self, worker: DbWorker, inspection_id: str, data: ops.DialogData, parent=None) -> None:
        super().__init__(worker, "work_plan_plan.ui", parent)
        self.inspection_id, self.data = inspection_id, data
        plan = data.plan
        self.setWindowTitle(
            self.tr("Work plan — new version after version {n}").format(n=plan.version)
            if plan
            else self.tr("Work plan — first version")
        )
        self.title: QLineEdit = self.field(QLineEdit, "titleEdit")
        self.issued_on: DateField = self.field(DateField, "issuedOnEdit")
        self.issuer: QLineEdit = self.field(QLineEdit, "issuerEdit")
        self.aims: QPlainTextEdit = self.field(QPlainTextEdit, "aimsEdit")
        self.presets: QComboBox = self.field(QComboBox, "focusPresetCombo")
        self.focus: QPlainTextEdit = self.field(QPlainTextEdit, "focusEdit")
        self.schedule: QPlainTextEdit = self.field(QPlainTextEdit, "scheduleEdit")
        self.groups: QPlainTextEdit = self.field(QPlainTextEdit, "groupsEdit")
        self.note: QPlainTextEdit = self.field(QPlainTextEdit, "noteEdit")
        self.classification: QComboBox = self.field(QComboBox, "classificationCombo")
        self.title.setPlaceholderText(self.tr("Blank: <team> inspects <unit> — work plan"))
        self.issuer.setPlaceholderText(self.tr("Blank: the team"))
        self.focus.setPlaceholderText(self.tr("One focus a line; choose a preset above to add it"))
        self.schedule.setPlaceholderText(self.tr("One phase a line: phase, start date, end date, tasks"))
        self.groups.setPlaceholderText(self.tr("One group a line: name: leader、member；duties"))
        self.presets.addItem(self.tr("Add a preset focus…"), None)
        for text in data.presets:
            self.presets.addItem(text, text)
        self.presets.activated.connect(lambda _: self.add_preset())
        fill_combo(self.classification, [(c, c) for c in CLEARANCES], plan.classification if plan else "秘密")
        if plan is None:
            self.issued_on.set_today()
            self.schedule.setPlainText(ops.default_schedule())
            self.groups.setPlainText(ops.default_groups())
            return
        self.title.setText(plan.title)
        self.issued_on.set_iso(plan.issued_on)
        self.issuer.setText(plan.issuer)
        self.aims.setPlainText(plan.aims)
        self.focus.setPlainText("\n".join(plan.focus))
        self.schedule.setPlainText(ops.schedule_lines(plan.schedule))
        self.groups.setPlainText(ops.group_lines(plan.groups))
        self.note.setPlainText(plan.note)

    def add_preset(self) -> None:
        text = self.presets.currentData()
        self.presets.setCurrentIndex(0)
        if not text or text in self.focus.toPlainText().splitlines():
            return
        current = self.focus.toPlainText().rstrip("\n")
        self.focus.setPlainText((current + "\n" if current else "") + text)

    def form_value(self) -> PlanForm:
        return PlanForm(
            aims=self.aims.toPlainText(),
            issued_on=self.issued_on.iso_or_text(),
            title=self.title.text(),
            focus=[x for x in self.focus.toPlainText().splitlines() if x.strip()],
            schedule=ops.parse_schedule(self.schedule.toPlainText()),
            groups=ops.parse_groups(self.groups.toPlainText(), self.data.team),
            issuer=self.issuer.text(),
            note=self.note.toPlainText(),
            classification=self.classification.currentData() or "秘密",
            protection_years=self.data.plan.protection_years if self.data.plan else None,
        )

    def operation(self):
        return save_plan, (self.inspection_id, self.form_value())
