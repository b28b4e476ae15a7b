"""The talk form's fields: finding the widgets, filling their choices, the form to and from TalkForm.

`TalkFields` is a mixin of TalkEditor (editor.py), which builds the form (`self.form`) and owns
what these methods use besides the widgets: the panel's data (`self.data`: team, leadership, unit),
the worker, the record editor, `editable()` and `_edited()`. Also here: picking the interviewee
from the unit's leadership, and the outline templates (load, apply, copy the outline into the
record). No translated strings live here, so the TalkEditor translation context is untouched.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.domain.talks.types import (
    CATEGORY_LABELS,
    KIND_LABELS,
    QA,
    IntervieweeCategory,
    TalkForm,
    TalkKind,
)
from app.core.security.roles import CLEARANCES
from app.ui.date_field import DateField
from app.ui.forms import child
from app.ui.org.common import fill_combo
from app.ui.talks import ops
from app.ui.talks.record_editor import RecordEditor

STAMP = "yyyy-MM-dd HH:mm"


class TalkFields:
    """The field half of TalkEditor: widgets by name, and the form's value in and out."""

    _leadership_id: str | None
    _plan_line_id: str | None = None
    _templates: dict[str, list[str]]

    # ---- building ------------------------------------------------------------------------------
    def _find_widgets(self) -> None:
        f = self.form
        self.title: QLabel = child(f, QLabel, "titleLabel")
        self.status: QLabel = child(f, QLabel, "statusLabel")
        self.notice: QLabel = child(f, QLabel, "noticeLabel")
        self.tabs: QTabWidget = child(f, QTabWidget, "editorTabs")
        self.buttons = {
            name: child(f, QPushButton, f"{name}Button")
            for name in ("save", "recorded", "reopen", "sign", "scan", "addendum", "print")
        }
        self.start_edit: DateField = child(f, DateField, "startEdit")
        self.end_edit: DateField = child(f, DateField, "endEdit")
        self.place_edit: QLineEdit = child(f, QLineEdit, "placeEdit")
        self.interviewee_combo: QComboBox = child(f, QComboBox, "intervieweeCombo")
        self.unit_edit: QLineEdit = child(f, QLineEdit, "intervieweeUnitEdit")
        self.position_edit: QLineEdit = child(f, QLineEdit, "positionEdit")
        self.category_combo: QComboBox = child(f, QComboBox, "categoryCombo")
        self.kind_combo: QComboBox = child(f, QComboBox, "kindCombo")
        self.interviewers: QListWidget = child(f, QListWidget, "interviewersList")
        self.recorder_combo: QComboBox = child(f, QComboBox, "recorderCombo")
        self.classification_combo: QComboBox = child(f, QComboBox, "classificationCombo")
        self.protection_spin: QSpinBox = child(f, QSpinBox, "protectionSpin")
        self.template_combo: QComboBox = child(f, QComboBox, "templateCombo")
        self.apply_template_button: QPushButton = child(f, QPushButton, "applyTemplateButton")
        self.to_record_button: QPushButton = child(f, QPushButton, "toRecordButton")
        self.outline_edit: QPlainTextEdit = child(f, QPlainTextEdit, "outlineEdit")
        self.key_points_edit: QPlainTextEdit = child(f, QPlainTextEdit, "keyPointsEdit")
        self.problems_check: QCheckBox = child(f, QCheckBox, "raisedProblemsCheck")
        self.leads_check: QCheckBox = child(f, QCheckBox, "raisedLeadsCheck")
        self.linked_issues: QListWidget = child(f, QListWidget, "linkedIssuesList")
        self.signed_label: QLabel = child(f, QLabel, "signedLabel")
        self.scan_label: QLabel = child(f, QLabel, "scanLabel")
        self.addenda_view: QPlainTextEdit = child(f, QPlainTextEdit, "addendaView")
        host: QWidget = child(f, QWidget, "recordHost")
        self.record = RecordEditor(host)
        host_layout = QVBoxLayout(host)
        host_layout.setContentsMargins(0, 0, 0, 0)
        host_layout.addWidget(self.record)
        host.setSizePolicy(host.sizePolicy().horizontalPolicy(), host.sizePolicy().Policy.Expanding)

    def _fill_choices(self) -> None:
        fill_combo(self.category_combo, [(CATEGORY_LABELS[c], c.value) for c in IntervieweeCategory])
        fill_combo(self.kind_combo, [(KIND_LABELS[k], k.value) for k in TalkKind])
        fill_combo(self.classification_combo, [(c, c) for c in CLEARANCES], "秘密")
        fill_combo(self.recorder_combo, [(p.name, p.user_id) for p in self.data.team])
        self.interviewers.clear()
        for person in self.data.team:
            item = QListWidgetItem(person.name, self.interviewers)
            item.setData(Qt.ItemDataRole.UserRole, person.user_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.interviewee_combo.clear()
        # Item data are plain strings: PySide6 6.12 mishandles None (and objects) kept in a QVariant.
        self.interviewee_combo.addItem("", "")
        for person in self.data.leadership:
            self.interviewee_combo.addItem(person.name, person.id)
        for edit, field in ((self.start_edit, "start_at"), (self.end_edit, "end_at")):
            edit.set_with_time(True)
            edit.set_field(field)

    # ---- the form's value -----------------------------------------------------------------------
    def _new_form(self) -> TalkForm:
        now = QDateTime.currentDateTime()
        me = self.worker.user.id if self.worker.user else ""
        team_ids = [p.user_id for p in self.data.team]
        return TalkForm(
            start_at=now.toString(STAMP),
            end_at=now.addSecs(3600).toString(STAMP),
            interviewee_unit=self.data.unit_name,
            interviewer_ids=[me] if me in team_ids else [],
            recorder_id=me if me in team_ids else "",
        )

    def apply_form(self, form: TalkForm) -> None:
        self.start_edit.set_iso(form.start_at)
        self.end_edit.set_iso(form.end_at or form.start_at)
        self.place_edit.setText(form.place)
        self._leadership_id = form.leadership_id
        self._plan_line_id = form.plan_line_id  # kept as it came (a talk held for a plan line)
        self.interviewee_combo.setEditText(form.interviewee_name)
        self.unit_edit.setText(form.interviewee_unit)
        self.position_edit.setText(form.interviewee_position)
        fill_combo(
            self.category_combo,
            [(CATEGORY_LABELS[c], c.value) for c in IntervieweeCategory],
            str(form.interviewee_category),
        )
        fill_combo(self.kind_combo, [(KIND_LABELS[k], k.value) for k in TalkKind], str(form.kind))
        chosen = set(form.interviewer_ids)
        for row in range(self.interviewers.count()):
            item = self.interviewers.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        index = self.recorder_combo.findData(form.recorder_id)
        self.recorder_combo.setCurrentIndex(index)
        index = self.classification_combo.findData(form.classification)
        self.classification_combo.setCurrentIndex(max(0, index))
        self.protection_spin.setValue(form.protection_years or 0)
        self.outline_edit.setPlainText("\n".join(form.outline))
        self.record.set_blocks(list(form.record))
        self.key_points_edit.setPlainText(form.key_points)
        self.problems_check.setChecked(bool(form.raised_problems))
        self.leads_check.setChecked(bool(form.raised_leads))

    def form_value(self) -> TalkForm:
        interviewers = [
            self.interviewers.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.interviewers.count())
            if self.interviewers.item(row).checkState() == Qt.CheckState.Checked
        ]
        return TalkForm(
            start_at=self.start_edit.iso_or_text(),
            end_at=self.end_edit.iso_or_text(),
            place=self.place_edit.text(),
            interviewee_name=self.interviewee_combo.currentText().strip(),
            interviewee_unit=self.unit_edit.text(),
            interviewee_position=self.position_edit.text(),
            interviewee_category=self.category_combo.currentData() or IntervieweeCategory.STAFF.value,
            leadership_id=self._leadership_id,
            interviewer_ids=interviewers,
            recorder_id=self.recorder_combo.currentData() or "",
            kind=self.kind_combo.currentData() or TalkKind.INDIVIDUAL.value,
            outline=[line.strip() for line in self.outline_edit.toPlainText().splitlines() if line.strip()],
            record=self.record.value(),
            key_points=self.key_points_edit.toPlainText(),
            raised_problems=self.problems_check.isChecked(),
            raised_leads=self.leads_check.isChecked(),
            classification=self.classification_combo.currentData() or "秘密",
            protection_years=self.protection_spin.value() or None,
            plan_line_id=self._plan_line_id,
        )

    # ---- interviewee and templates -------------------------------------------------------------
    def _leadership_chosen(self, index: int) -> None:
        person_id = self.interviewee_combo.itemData(index)
        person = next((p for p in self.data.leadership if p.id == person_id), None)
        if person is None:
            return
        self._leadership_id = person.id
        self.position_edit.setText(person.position)
        self.unit_edit.setText(self.data.unit_name)
        category = IntervieweeCategory.TOP_LEADER if person.is_top_leader else IntervieweeCategory.LEADERSHIP
        self.category_combo.setCurrentIndex(self.category_combo.findData(category.value))

    def _interviewee_typed(self, text: str) -> None:
        chosen = next((p for p in self.data.leadership if p.id == self._leadership_id), None)
        if chosen is not None and chosen.name != text.strip():
            self._leadership_id = None  # typed someone else: no longer the chosen leadership member

    def _load_templates(self) -> None:
        category = self.category_combo.currentData()
        kind = self.kind_combo.currentData()
        if not category:
            return
        self.worker.submit(ops.templates, category, kind, session=False, on_done=self._templates_loaded)

    def _templates_loaded(self, found: list[tuple[str, list[str]]]) -> None:
        self.template_combo.clear()
        self._templates = dict(found)
        for name, _questions in found:
            self.template_combo.addItem(name, name)
        self.apply_template_button.setEnabled(self.editable() and bool(found))

    def apply_template(self) -> None:
        questions = self._templates.get(self.template_combo.currentData() or "", [])
        if questions:
            self.outline_edit.setPlainText("\n".join(questions))

    def outline_to_record(self) -> None:
        questions = [q.strip() for q in self.outline_edit.toPlainText().splitlines() if q.strip()]
        present = {b.question for b in self.record.value()}
        blocks = self.record.value() + [QA(q) for q in questions if q not in present]
        self.record.set_blocks(blocks)
        self.tabs.setCurrentIndex(2)
        if self.record.blocks:
            self.record.blocks[0].answer.setFocus()
        self._edited()
