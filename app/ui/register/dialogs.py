"""Dialogs of the register GUI, each loaded from forms/register_*.ui.

They follow app.ui.org.common.FormDialog: open() (never exec()), the core operation runs on the
worker, a ValidationError is shown under the field it names. ActionDialog is the one small form for
every dated step (verify, dismiss with a reason, feed back, close out, reopen, …): the caller says
which of its rows to show and how the core's field names map onto them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.core.domain.register import (
    leads,
    petitions,
    rectification_plan,
    rectification_record,
)
from app.core.domain.register.evidence import EvidenceKind, add_evidence
from app.core.domain.register.measures import add_measure, update_measure
from app.core.domain.register.rectification_record import MeasureType
from app.core.errors import UserError, ValidationError
from app.ui.date_field import DateField
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.org.common import FormDialog, fill_combo
from app.ui.register import ops


def iso(edit: DateField) -> str | None:
    """The field's date as 'YYYY-MM-DD' (None when empty); text that is no date raises, naming the field."""
    return edit.iso()


def set_iso(edit: DateField, value: str | None) -> None:
    """Show `value`, or today when there is none."""
    if value:
        edit.set_iso(value)
    else:
        edit.set_today()


def _row_visible(form: QWidget, widget: QWidget, visible: bool) -> None:
    for layout in form.findChildren(QFormLayout):
        if layout.indexOf(widget) >= 0:
            layout.setRowVisible(widget, visible)
            label = layout.labelForField(widget)
            if label is not None:
                label.setVisible(visible)


# ---- one dated step ---------------------------------------------------------------------------------


class ActionDialog(FormDialog):
    """rows: any of "on", "choice", "line", "text" with their labels; fields maps a core field to a row.

    `build(values) -> (fn, args)`; values has on, choice (the data), line, text.
    """

    def __init__(
        self,
        worker: DbWorker,
        title: str,
        rows: dict[str, str],
        build: Callable[[dict[str, Any]], tuple[Callable, tuple]],
        parent: QWidget | None = None,
        *,
        fields: dict[str, str] | None = None,
        choices: Sequence[tuple[str, Any]] = (),
        date: str | None = None,
        line: str = "",
        text: str = "",
        hint: str = "",
    ) -> None:
        super().__init__(worker, "register_action.ui", parent)
        self.setWindowTitle(title)
        self.build = build
        self.fields = fields or {}
        self.on_edit: DateField = self.field(DateField, "onEdit")
        self.choice: QComboBox = self.field(QComboBox, "choiceCombo")
        self.line: QLineEdit = self.field(QLineEdit, "lineEdit")
        self.text: QPlainTextEdit = self.field(QPlainTextEdit, "textEdit")
        widgets = {"on": self.on_edit, "choice": self.choice, "line": self.line, "text": self.text}
        for key, widget in widgets.items():
            _row_visible(self.form, widget, key in rows)
            label = self.form.findChild(QLabel, f"{widget.objectName()}Label")
            if key in rows and label is not None:
                label.setText(rows[key])
        set_iso(self.on_edit, date)
        fill_combo(self.choice, list(choices))
        self.line.setText(line)
        self.text.setPlainText(text)
        hint_label = self.field(QLabel, "actionHint")
        hint_label.setText(hint)
        hint_label.setVisible(bool(hint))
        self.adjustSize()

    def values(self) -> dict[str, Any]:
        return {
            "on": iso(self.on_edit),
            "choice": self.choice.currentData(),
            "line": self.line.text().strip(),
            "text": self.text.toPlainText().strip(),
        }

    def operation(self):
        return self.build(self.values())

    def show_error(self, error: UserError | str) -> QLabel:
        name = getattr(error, "field", None)
        if name in self.fields:
            error = ValidationError(str(error), field=self.fields[name])
        return super().show_error(error)


# ---- evidence --------------------------------------------------------------------------------------


class EvidenceDialog(FormDialog):
    """Add an evidence item: choose its kind, then the talk record, excerpt or petition it points to."""

    def __init__(
        self, worker: DbWorker, inspection_id: str, issue_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(worker, "register_evidence.ui", parent)
        self.inspection_id, self.issue_id = inspection_id, issue_id
        self.kind: QComboBox = self.field(QComboBox, "kindCombo")
        self.filter: QLineEdit = self.field(QLineEdit, "pickFilter")
        self.list: QListView = self.field(QListView, "pickList")
        self.locator: QLineEdit = self.field(QLineEdit, "locatorEdit")
        self.description: QLineEdit = self.field(QLineEdit, "descriptionEdit")
        from PySide6.QtCore import QSortFilterProxyModel
        from PySide6.QtGui import QStandardItemModel

        self.items = QStandardItemModel(self.list)
        self.proxy = QSortFilterProxyModel(self.list)
        self.proxy.setSourceModel(self.items)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list.setModel(self.proxy)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        fill_combo(self.kind, [(k.label, k.value) for k in EvidenceKind])
        self.kind.currentIndexChanged.connect(lambda _: self._load_choices())
        self.picks: list[ops.Pick] = []
        self._load_choices()

    def _load_choices(self) -> None:
        kind = self.kind.currentData()
        self.items.clear()
        linked = kind != EvidenceKind.OTHER
        _row_visible(self.form, self.list, linked)
        _row_visible(self.form, self.filter, linked)
        if not linked:
            return
        self.worker.submit(
            ops.evidence_choices,
            self.inspection_id,
            kind,
            on_done=lambda picks, k=kind: self._choices(k, picks),
            on_error=self.show_error,
        )

    def _choices(self, kind: str, picks: list[ops.Pick]) -> None:
        if kind != self.kind.currentData():
            return
        from PySide6.QtGui import QStandardItem

        self.picks = picks
        self.items.clear()
        for pick in picks:
            item = QStandardItem(pick.text)
            item.setData(pick.id, Qt.ItemDataRole.UserRole)
            item.setEditable(False)
            self.items.appendRow(item)
        if picks:
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def choose(self, ref_id: str) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(Qt.ItemDataRole.UserRole) == ref_id:
                self.list.setCurrentIndex(index)

    def operation(self):
        kind = self.kind.currentData()
        ref_id = None
        if kind != EvidenceKind.OTHER:
            index = self.list.currentIndex()
            ref_id = index.data(Qt.ItemDataRole.UserRole) if index.isValid() else None
        return (
            ops.then_detail(add_evidence),
            (self.issue_id, kind, ref_id, self.locator.text().strip(), self.description.text().strip()),
        )


class TextViewer(QDialog):
    """A record shown read-only inside the app (a cited talk, excerpt or petition; an evidence file)."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None, image=None) -> None:
        super().__init__(parent)
        self.setObjectName("registerTextViewer")
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        if image is not None:
            from PySide6.QtWidgets import QScrollArea

            label = QLabel()
            label.setObjectName("viewerImage")
            label.setPixmap(image)
            area = QScrollArea()
            area.setWidget(label)
            layout.addWidget(area, 1)
        self.view = QPlainTextEdit()
        self.view.setObjectName("viewerText")
        self.view.setReadOnly(True)
        self.view.setPlainText(text)
        self.view.setVisible(bool(text) or image is None)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 520)


# ---- leads -----------------------------------------------------------------------------------------


class LeadDialog(FormDialog):
    def __init__(
        self,
        worker: DbWorker,
        inspection_id: str,
        related: Sequence[ops.Pick],
        lead: leads.Lead | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(worker, "register_lead.ui", parent)
        self.inspection_id, self.lead = inspection_id, lead
        self.setWindowTitle(self.tr("Edit lead") if lead else self.tr("New lead"))
        self.name: QLineEdit = self.field(QLineEdit, "personNameEdit")
        self.post: QLineEdit = self.field(QLineEdit, "personPostEdit")
        self.source: QComboBox = self.field(QComboBox, "sourceCombo")
        self.source_note: QLineEdit = self.field(QLineEdit, "sourceNoteEdit")
        self.received: DateField = self.field(DateField, "receivedOnEdit")
        self.summary: QPlainTextEdit = self.field(QPlainTextEdit, "summaryEdit")
        self.issues: QListWidget = self.field(QListWidget, "issuesList")
        fill_combo(
            self.source, [(s.label, s.value) for s in leads.LeadSource], lead.source.value if lead else None
        )
        self._fill_issues(related, set(lead.issue_ids or []) if lead else set())
        # An issue registered meanwhile (here or in another window) joins the list at once.
        follow_changes(self, worker, {"issue"}, self._issues_changed)
        if lead:
            self.name.setText(lead.person_name)
            self.post.setText(lead.person_post)
            self.source_note.setText(lead.source_note)
            self.summary.setPlainText(lead.summary)
        set_iso(self.received, lead.received_on if lead else None)

    def _fill_issues(self, picks: Sequence[ops.Pick], checked: set[str]) -> None:
        self.issues.clear()
        for pick in picks:
            item = QListWidgetItem(pick.text, self.issues)
            item.setData(Qt.ItemDataRole.UserRole, pick.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if pick.id in checked else Qt.CheckState.Unchecked)

    def _checked_issues(self) -> list[str]:
        return [
            self.issues.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.issues.count())
            if self.issues.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _issues_changed(self) -> None:
        self.worker.submit(
            ops.inspection_issues,
            self.inspection_id,
            on_done=lambda picks: (
                self._fill_issues(picks, set(self._checked_issues())) if isValid(self.issues) else None
            ),
        )

    def operation(self):
        draft = leads.LeadDraft(
            person_name=self.name.text(),
            person_post=self.post.text(),
            summary=self.summary.toPlainText(),
            source=self.source.currentData(),
            source_note=self.source_note.text(),
            received_on=iso(self.received),
        )
        chosen = self._checked_issues()
        return ops.save_lead, (self.inspection_id, self.lead.id if self.lead else None, draft, chosen)


class TransferDialog(FormDialog):
    def __init__(
        self, worker: DbWorker, lead: leads.Lead, sender: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(worker, "register_lead_transfer.ui", parent)
        self.lead = lead
        self.to: QComboBox = self.field(QComboBox, "toCombo")
        self.body: QLineEdit = self.field(QLineEdit, "bodyEdit")
        self.sender: QLineEdit = self.field(QLineEdit, "senderEdit")
        self.receiver: QLineEdit = self.field(QLineEdit, "receiverEdit")
        self.on: DateField = self.field(DateField, "transferredOnEdit")
        self.letter: QLineEdit = self.field(QLineEdit, "letterNoEdit")
        self.due: DateField = self.field(DateField, "reportDueEdit")
        fill_combo(self.to, [(t.label, t.value) for t in leads.TransferTarget])
        self.sender.setText(sender)
        set_iso(self.on, None)

    def operation(self):
        kwargs = dict(
            sender=self.sender.text(),
            receiver=self.receiver.text(),
            letter_no=self.letter.text(),
            body=self.body.text(),
            report_due=self.due.iso(),
        )
        return _transfer, (self.lead.id, self.to.currentData(), iso(self.on), kwargs)


def _transfer(session, lead_id: str, to: str, on: str, kwargs: dict) -> leads.Lead:
    return leads.transfer(session, lead_id, to, on, **kwargs)


class LeadReportDialog(FormDialog):
    def __init__(self, worker: DbWorker, lead: leads.Lead, parent: QWidget | None = None) -> None:
        super().__init__(worker, "register_lead_report.ui", parent)
        self.lead = lead
        self.on: DateField = self.field(DateField, "reportedOnEdit")
        self.disposal: QComboBox = self.field(QComboBox, "disposalCombo")
        self.case: QCheckBox = self.field(QCheckBox, "caseOpenedCheck")
        self.sanction: QLineEdit = self.field(QLineEdit, "sanctionEdit")
        self.org: QLineEdit = self.field(QLineEdit, "orgHandlingEdit")
        self.note: QPlainTextEdit = self.field(QPlainTextEdit, "noteEdit")
        fill_combo(
            self.disposal,
            [(d.label, d.value) for d in leads.Disposal if d != leads.Disposal.NONE],
            lead.disposal.value or None,
        )
        set_iso(self.on, lead.reported_on)
        self.case.setChecked(lead.case_opened)
        self.sanction.setText(lead.sanction)
        self.org.setText(lead.org_handling)
        self.note.setPlainText(lead.outcome_note)

    def operation(self):
        return _report, (
            self.lead.id,
            iso(self.on),
            self.disposal.currentData(),
            dict(
                case_opened=self.case.isChecked(),
                sanction=self.sanction.text(),
                org_handling=self.org.text(),
                note=self.note.toPlainText(),
            ),
        )


def _report(session, lead_id: str, on: str, disposal: str, kwargs: dict) -> leads.Lead:
    return leads.record_report(session, lead_id, on, disposal, **kwargs)


# ---- petitions -------------------------------------------------------------------------------------


class PetitionDialog(FormDialog):
    def __init__(
        self, worker: DbWorker, inspection_id: str, petition: petitions.Petition | None = None, parent=None
    ) -> None:
        super().__init__(worker, "register_petition.ui", parent)
        self.inspection_id, self.petition = inspection_id, petition
        self.setWindowTitle(self.tr("Edit petition") if petition else self.tr("New petition"))
        self.channel: QComboBox = self.field(QComboBox, "channelCombo")
        self.received: DateField = self.field(DateField, "receivedOnEdit")
        self.petitioner: QLineEdit = self.field(QLineEdit, "petitionerEdit")
        self.contact: QLineEdit = self.field(QLineEdit, "contactEdit")
        self.concerns_name: QLineEdit = self.field(QLineEdit, "concernsNameEdit")
        self.concerns_post: QLineEdit = self.field(QLineEdit, "concernsPostEdit")
        self.summary: QPlainTextEdit = self.field(QPlainTextEdit, "summaryEdit")
        fill_combo(
            self.channel,
            [(c.label, c.value) for c in petitions.Channel],
            petition.channel.value if petition else None,
        )
        set_iso(self.received, petition.received_on if petition else None)
        if petition:
            self.petitioner.setText(petition.petitioner)
            self.contact.setText(petition.contact)
            self.concerns_name.setText(petition.concerns_name)
            self.concerns_post.setText(petition.concerns_post)
            self.summary.setPlainText(petition.summary)

    def operation(self):
        draft = petitions.PetitionDraft(
            channel=self.channel.currentData(),
            received_on=iso(self.received),
            summary=self.summary.toPlainText(),
            petitioner=self.petitioner.text(),
            contact=self.contact.text(),
            concerns_name=self.concerns_name.text(),
            concerns_post=self.concerns_post.text(),
        )
        if self.petition:
            return petitions.update_petition, (self.petition.id, draft)
        return petitions.create_petition, (self.inspection_id, draft)


# ---- rectification ---------------------------------------------------------------------------------

TYPE_BOXES = {
    MeasureType.RULES: "typeRules",
    MeasureType.RECOVERY: "typeRecovery",
    MeasureType.ACCOUNTABILITY: "typeAccountability",
    MeasureType.LESSONS: "typeLessons",
    MeasureType.CLEAN_UP: "typeCleanUp",
    MeasureType.OTHER: "typeOther",
}


class MeasureDialog(FormDialog):
    def __init__(
        self,
        worker: DbWorker,
        issue_id: str,
        default_deadline: str,
        measure: rectification_record.Measure | None = None,
        parent=None,
    ) -> None:
        super().__init__(worker, "register_measure.ui", parent)
        self.issue_id, self.measure = issue_id, measure
        self.setWindowTitle(self.tr("Edit measure") if measure else self.tr("New measure"))
        self.description: QPlainTextEdit = self.field(QPlainTextEdit, "descriptionEdit")
        self.other: QLineEdit = self.field(QLineEdit, "otherTypeEdit")
        self.leader: QLineEdit = self.field(QLineEdit, "leaderEdit")
        self.dept: QLineEdit = self.field(QLineEdit, "deptEdit")
        self.person: QLineEdit = self.field(QLineEdit, "personEdit")
        self.deadline: DateField = self.field(DateField, "deadlineEdit")
        self.immediate: QCheckBox = self.field(QCheckBox, "immediateCheck")
        self.ongoing: QCheckBox = self.field(QCheckBox, "ongoingCheck")
        self.boxes = {t: self.field(QCheckBox, name) for t, name in TYPE_BOXES.items()}
        # The core's default deadline (the report due date), shown so the user sees what it will be.
        self.deadline.setText(measure.deadline if measure else default_deadline)
        if measure:
            self.description.setPlainText(measure.description)
            self.other.setText(measure.other_type)
            self.leader.setText(measure.responsible_leader)
            self.dept.setText(measure.responsible_dept)
            self.person.setText(measure.responsible_person)
            self.immediate.setChecked(measure.immediate)
            self.ongoing.setChecked(measure.ongoing)
            for t, box in self.boxes.items():
                box.setChecked(t in measure.types)

    def draft(self) -> rectification_record.MeasureDraft:
        return rectification_record.MeasureDraft(
            description=self.description.toPlainText(),
            types={t for t, box in self.boxes.items() if box.isChecked()},
            other_type=self.other.text(),
            responsible_leader=self.leader.text(),
            responsible_dept=self.dept.text(),
            responsible_person=self.person.text(),
            deadline=self.deadline.iso(),
            immediate=self.immediate.isChecked(),
            ongoing=self.ongoing.isChecked(),
        )

    def operation(self):
        if self.measure:
            return update_measure, (self.measure.id, self.draft())
        return add_measure, (self.issue_id, self.draft())


class ProgressDialog(FormDialog):
    """A dated progress entry with evidence files: the files are read and stored encrypted by the core."""

    def __init__(
        self, worker: DbWorker, issue_id: str, measures: Sequence[rectification_record.Measure], parent=None
    ) -> None:
        super().__init__(worker, "register_progress.ui", parent)
        self.issue_id = issue_id
        self.on: DateField = self.field(DateField, "entryOnEdit")
        self.measure: QComboBox = self.field(QComboBox, "measureCombo")
        self.note: QPlainTextEdit = self.field(QPlainTextEdit, "noteEdit")
        self.files: QListWidget = self.field(QListWidget, "filesList")
        fill_combo(
            self.measure,
            [(self.tr("(the whole item)"), None)]
            + [(f"{m.ordinal}. {m.description[:40]}", m.id) for m in measures],
        )
        set_iso(self.on, None)
        self.field(QPushButton, "addFilesButton").clicked.connect(self.choose_files)
        self.field(QPushButton, "removeFileButton").clicked.connect(
            lambda: self.files.takeItem(self.files.currentRow())
        )
        self.file_dialog: QFileDialog | None = None

    def choose_files(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose evidence files"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.filesSelected.connect(self.add_paths)
        self.file_dialog = dialog
        dialog.open()

    def add_paths(self, paths: Sequence[str]) -> None:
        for path in paths:
            self.files.addItem(path)

    def paths(self) -> list[str]:
        return [self.files.item(i).text() for i in range(self.files.count())]

    def operation(self):
        return ops.add_progress_files, (
            self.issue_id,
            iso(self.on),
            self.note.toPlainText(),
            self.measure.currentData(),
            self.paths(),
        )


class DeadlinesDialog(FormDialog):
    def __init__(
        self, worker: DbWorker, issue_id: str, rect: rectification_record.Rectification, parent=None
    ) -> None:
        super().__init__(worker, "register_deadlines.ui", parent)
        self.issue_id = issue_id
        self.plan: DateField = self.field(DateField, "planDueEdit")
        self.report: DateField = self.field(DateField, "reportDueEdit")
        set_iso(self.plan, rect.plan_due)
        set_iso(self.report, rect.report_due)

    def operation(self):
        return rectification_plan.set_deadlines, (self.issue_id, iso(self.plan), iso(self.report))


def open_dialog(owner, dialog, on_saved: Callable[[Any], None] | None = None) -> None:
    """Open a dialog without blocking; the owner keeps it as `.dialog` (tests and the lock find it)."""
    owner.dialog = dialog
    if on_saved is not None and hasattr(dialog, "saved"):
        dialog.saved.connect(on_saved)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
