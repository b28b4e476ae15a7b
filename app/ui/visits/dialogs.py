"""The visit form (forms/visits_visit.ui): kind, date, place, the visited party, who went (separated
by 、 or commas), whom they met (one a line), what they saw and heard, and the classification."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from app.core.domain.visits.records import create_visit, update_visit
from app.core.domain.visits.types import Visit, VisitForm, VisitKind
from app.core.security.roles import CLEARANCES
from app.ui.date_field import DateField
from app.ui.db_worker import DbWorker
from app.ui.org.common import FormDialog, fill_combo


def split_names(text: str) -> list[str]:
    """'刘组长、周组员, 王某' -> ['刘组长', '周组员', '王某'] (、 ， , ; and new lines separate)."""
    return [p.strip() for p in re.split(r"[、，,;；\n]+", text or "") if p.strip()]


class VisitDialog(FormDialog):
    def __init__(self, worker: DbWorker, inspection_id: str, visit: Visit | None, parent=None) -> None:
        super().__init__(worker, "visits_visit.ui", parent)
        self.inspection_id, self.visit = inspection_id, visit
        self.setWindowTitle(
            self.tr("Visit No. {n}").format(n=visit.number) if visit else self.tr("New visit")
        )
        self.kind: QComboBox = self.field(QComboBox, "kindCombo")
        self.visited_on: DateField = self.field(DateField, "visitedOnEdit")
        self.place: QLineEdit = self.field(QLineEdit, "placeEdit")
        self.visited: QLineEdit = self.field(QLineEdit, "visitedEdit")
        self.members: QLineEdit = self.field(QLineEdit, "membersEdit")
        self.met: QPlainTextEdit = self.field(QPlainTextEdit, "metEdit")
        self.observations: QPlainTextEdit = self.field(QPlainTextEdit, "observationsEdit")
        self.classification: QComboBox = self.field(QComboBox, "classificationCombo")
        self.visited.setPlaceholderText(self.tr("The unit, site or household visited"))
        self.members.setPlaceholderText(self.tr("Names separated by 、"))
        self.met.setPlaceholderText(self.tr("One person a line"))
        self.met.setMaximumHeight(90)
        self.observations.setMinimumHeight(180)
        fill_combo(self.kind, [(k.label, k.value) for k in VisitKind], visit.kind.value if visit else None)
        fill_combo(
            self.classification, [(c, c) for c in CLEARANCES], visit.classification if visit else "秘密"
        )
        if visit is None:
            self.visited_on.set_today()
            return
        self.visited_on.set_iso(visit.visited_on)
        self.place.setText(visit.place)
        self.visited.setText(visit.visited)
        self.members.setText("、".join(visit.members))
        self.met.setPlainText("\n".join(visit.met))
        self.observations.setPlainText(visit.observations)

    def form_value(self) -> VisitForm:
        return VisitForm(
            kind=self.kind.currentData(),
            visited_on=self.visited_on.iso_or_text(),
            place=self.place.text(),
            visited=self.visited.text(),
            members=split_names(self.members.text()),
            met=[line.strip() for line in self.met.toPlainText().splitlines() if line.strip()],
            observations=self.observations.toPlainText(),
            classification=self.classification.currentData() or "秘密",
        )

    def operation(self):
        form = self.form_value()
        if self.visit is not None:
            form.protection_years = self.visit.protection_years
            return update_visit, (self.visit.id, form)
        return create_visit, (self.inspection_id, form)
