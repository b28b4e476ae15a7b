"""The spot check form (forms/spot_checks_check.ui): the date, the person and position, the report
checked, what it was compared with, the discrepancies found, and the classification."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from app.core.domain.spot_checks.records import SpotCheck, SpotCheckForm, create_spot_check, update_spot_check
from app.core.security.roles import CLEARANCES
from app.ui.date_field import DateField
from app.ui.db_worker import DbWorker
from app.ui.org.common import FormDialog, fill_combo


class SpotCheckDialog(FormDialog):
    def __init__(self, worker: DbWorker, inspection_id: str, check: SpotCheck | None, parent=None) -> None:
        super().__init__(worker, "spot_checks_check.ui", parent)
        self.inspection_id, self.check = inspection_id, check
        self.setWindowTitle(
            self.tr("Spot check No. {n}").format(n=check.number) if check else self.tr("New spot check")
        )
        self.checked_on: DateField = self.field(DateField, "checkedOnEdit")
        self.person_name: QLineEdit = self.field(QLineEdit, "personNameEdit")
        self.person_post: QLineEdit = self.field(QLineEdit, "personPostEdit")
        self.report: QLineEdit = self.field(QLineEdit, "reportEdit")
        self.compared: QPlainTextEdit = self.field(QPlainTextEdit, "comparedEdit")
        self.discrepancies: QPlainTextEdit = self.field(QPlainTextEdit, "discrepanciesEdit")
        self.classification: QComboBox = self.field(QComboBox, "classificationCombo")
        self.report.setPlaceholderText(self.tr("e.g. the 2025 personal-matters report"))
        self.compared.setPlaceholderText(self.tr("Real estate, investments, family members' businesses…"))
        self.discrepancies.setPlaceholderText(self.tr("Blank: no discrepancy found"))
        fill_combo(
            self.classification, [(c, c) for c in CLEARANCES], check.classification if check else "秘密"
        )
        if check is None:
            self.checked_on.set_today()
            return
        self.checked_on.set_iso(check.checked_on)
        self.person_name.setText(check.person_name)
        self.person_post.setText(check.person_post)
        self.report.setText(check.report)
        self.compared.setPlainText(check.compared)
        self.discrepancies.setPlainText(check.discrepancies)

    def form_value(self) -> SpotCheckForm:
        return SpotCheckForm(
            checked_on=self.checked_on.iso_or_text(),
            person_name=self.person_name.text(),
            report=self.report.text(),
            person_post=self.person_post.text(),
            compared=self.compared.toPlainText(),
            discrepancies=self.discrepancies.toPlainText(),
            classification=self.classification.currentData() or "秘密",
        )

    def operation(self):
        if self.check is not None:
            return update_spot_check, (self.check.id, self.form_value())
        return create_spot_check, (self.inspection_id, self.form_value())
