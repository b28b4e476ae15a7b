"""The talk plan line form (forms/talk_plan_line.ui): 必谈 or 选谈, the person, category, the
interviewers (ticked from the team), the planned time and place, a note."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QListWidget, QListWidgetItem

from app.core.domain.talk_plan.types import PlanLine, PlanLineForm
from app.core.domain.talk_plan.writes import create_line, update_line
from app.core.domain.talks.types import IntervieweeCategory, Person
from app.ui.db_worker import DbWorker
from app.ui.org.common import FormDialog, fill_combo


class PlanLineDialog(FormDialog):
    def __init__(
        self,
        worker: DbWorker,
        inspection_id: str,
        line: PlanLine | None,
        team: list[Person],
        unit_name: str,
        parent=None,
    ) -> None:
        super().__init__(worker, "talk_plan_line.ui", parent)
        self.inspection_id, self.line = inspection_id, line
        self.setWindowTitle(
            self.tr("Talk plan No. {n}").format(n=line.number) if line else self.tr("Add to the talk plan")
        )
        self.must: QCheckBox = self.field(QCheckBox, "mustCheck")
        self.name: QLineEdit = self.field(QLineEdit, "nameEdit")
        self.position: QLineEdit = self.field(QLineEdit, "positionEdit")
        self.unit: QLineEdit = self.field(QLineEdit, "unitEdit")
        self.category: QComboBox = self.field(QComboBox, "categoryCombo")
        self.interviewers: QListWidget = self.field(QListWidget, "interviewersList")
        self.planned_at: QLineEdit = self.field(QLineEdit, "plannedAtEdit")
        self.place: QLineEdit = self.field(QLineEdit, "placeEdit")
        self.note: QLineEdit = self.field(QLineEdit, "noteEdit")
        self.planned_at.setPlaceholderText("2026-03-15 09:00")
        fill_combo(
            self.category,
            [(c.label, c.value) for c in IntervieweeCategory],
            line.category.value if line else IntervieweeCategory.STAFF.value,
        )
        chosen = {p.user_id for p in line.interviewers} if line else set()
        for person in team:
            item = QListWidgetItem(person.name)
            item.setData(Qt.ItemDataRole.UserRole, person.user_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if person.user_id in chosen else Qt.CheckState.Unchecked)
            self.interviewers.addItem(item)
        self._leadership_id = line.leadership_id if line else None
        if line is None:
            self.unit.setText(unit_name)
            return
        self.must.setChecked(line.must)
        self.name.setText(line.name)
        self.position.setText(line.position)
        self.unit.setText(line.unit)
        self.planned_at.setText(line.planned_at)
        self.place.setText(line.place)
        self.note.setText(line.note)

    def form_value(self) -> PlanLineForm:
        ids = [
            self.interviewers.item(k).data(Qt.ItemDataRole.UserRole)
            for k in range(self.interviewers.count())
            if self.interviewers.item(k).checkState() == Qt.CheckState.Checked
        ]
        return PlanLineForm(
            name=self.name.text(),
            position=self.position.text(),
            unit=self.unit.text(),
            category=self.category.currentData(),
            must=self.must.isChecked(),
            leadership_id=self._leadership_id,
            interviewer_ids=ids,
            planned_at=self.planned_at.text(),
            place=self.place.text(),
            note=self.note.text(),
        )

    def operation(self):
        if self.line is not None:
            return update_line, (self.line.id, self.form_value())
        return create_line, (self.inspection_id, self.form_value())
