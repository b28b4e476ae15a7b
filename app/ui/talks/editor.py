"""The talk form: details, outline, record (Q&A blocks), signature and addenda, with autosave.

Unsaved input is autosaved every few seconds as an encrypted draft through the core
(talk_drafts.autosave, keyed talk_drafts.draft_key), and the same payload is kept by the lock (DraftForm), so
nothing typed is lost to a lock or a crash; opening the talk again brings it back. A signed record
is shown read-only: corrections go in as dated addenda.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
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

from app.core.domain.talks import drafts as talk_drafts
from app.core.domain.talks import links as talk_links
from app.core.domain.talks import printing as talk_printing
from app.core.domain.talks import scans as talk_scans
from app.core.domain.talks import writes as talk_writes
from app.core.domain.talks.types import (
    CATEGORY_LABELS,
    KIND_LABELS,
    QA,
    IntervieweeCategory,
    Talk,
    TalkForm,
    TalkKind,
    TalkStatus,
)
from app.core.errors import UserError
from app.core.security.roles import CLEARANCES
from app.ui.db_worker import DbWorker
from app.ui.drafts import DraftForm
from app.ui.forms import child, load_form
from app.ui.messages import show_error, show_info
from app.ui.org.common import fill_combo
from app.ui.printing import PrintPreviewDialog
from app.ui.talks import issue_viewer, ops
from app.ui.talks.dialogs import AddendumDialog, SignDialog
from app.ui.talks.record_editor import RecordEditor

AUTOSAVE_MS = 4000
STAMP = "yyyy-MM-dd HH:mm"
# Which inner tab holds the field a core message names.
FIELD_TABS = {"outline": 1, "record": 2, "key_points": 2}


class TalkEditor(QWidget, DraftForm):
    saved = Signal(object)  # the Talk after a save or a lifecycle step
    changed = Signal()

    def __init__(self, worker: DbWorker, data: ops.PanelData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("talkEditor")
        self.worker = worker
        self.data = data
        self.inspection_id = data.inspection_id
        self.talk: Talk | None = None
        self.draft_key = ""
        self.dirty = False
        self._unsaved_since_autosave = False
        self._loading = False
        self._leadership_id: str | None = None
        self.busy = False
        self.dialog = None
        self._templates: dict[str, list[str]] = {}

        self.form = load_form("talks_editor.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        self._find_widgets()
        self._fill_choices()
        self._wire()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()

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
        self.start_edit: QDateTimeEdit = child(f, QDateTimeEdit, "startEdit")
        self.end_edit: QDateTimeEdit = child(f, QDateTimeEdit, "endEdit")
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
        for edit in (self.start_edit, self.end_edit):
            edit.setDisplayFormat(STAMP)

    def _wire(self) -> None:
        self.buttons["save"].clicked.connect(self.save)
        self.buttons["recorded"].clicked.connect(self.mark_recorded)
        self.buttons["reopen"].clicked.connect(self.reopen)
        self.buttons["sign"].clicked.connect(self.sign)
        self.buttons["scan"].clicked.connect(self.attach_scan)
        self.buttons["addendum"].clicked.connect(self.add_addendum)
        self.buttons["print"].clicked.connect(self.print_preview)
        self.apply_template_button.clicked.connect(self.apply_template)
        self.to_record_button.clicked.connect(self.outline_to_record)
        for keys, slot in (
            (QKeySequence.StandardKey.Save, self.save),
            (QKeySequence.StandardKey.Print, self.print_preview),
        ):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.interviewee_combo.activated.connect(self._leadership_chosen)
        self.interviewee_combo.editTextChanged.connect(self._interviewee_typed)
        self.category_combo.currentIndexChanged.connect(lambda _i: self._load_templates())
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._load_templates())
        # Any edit makes the form dirty (and so autosaved).
        for edit in (self.place_edit, self.unit_edit, self.position_edit):
            edit.textChanged.connect(self._edited)
        for edit in (self.outline_edit, self.key_points_edit):
            edit.textChanged.connect(self._edited)
        for combo in (self.category_combo, self.kind_combo, self.recorder_combo, self.classification_combo):
            combo.currentIndexChanged.connect(self._edited)
        self.interviewee_combo.editTextChanged.connect(self._edited)
        for edit in (self.start_edit, self.end_edit):
            edit.dateTimeChanged.connect(self._edited)
        self.protection_spin.valueChanged.connect(self._edited)
        for check in (self.problems_check, self.leads_check):
            check.toggled.connect(self._edited)
        self.interviewers.itemChanged.connect(self._edited)
        self.record.changed.connect(self._edited)
        self.linked_issues.itemActivated.connect(self.open_linked_issue)  # double-click or Enter

    # ---- loading -------------------------------------------------------------------------------
    def load(self, opened: ops.Opened) -> None:
        """Show a saved talk (or a new one), with any unsaved input found for it on top."""
        self.talk = opened.talk
        self._loading = True
        try:
            if opened.talk is not None:
                self.apply_form(opened.talk.form())
            else:
                self.apply_form(self._new_form())
            if opened.draft is not None and self.editable():
                self.apply_form(opened.draft)
        finally:
            self._loading = False
        self.dirty = opened.draft is not None and self.editable()
        self._unsaved_since_autosave = False
        self.draft_key = talk_drafts.draft_key(self.inspection_id, self.talk.id if self.talk else None)
        if not self.editable():
            self.draft_key = ""  # nothing to keep: the form cannot be edited
        self._show_state()
        if self.dirty:
            self.show_notice(
                self.tr(
                    "Unsaved input from earlier was restored. Save it, or close the talk to keep it as a draft."
                )
            )
        self._load_templates()
        self.load_linked_issues()

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
        self.start_edit.setDateTime(QDateTime.fromString(form.start_at, STAMP))
        end = QDateTime.fromString(form.end_at, STAMP) if form.end_at else self.start_edit.dateTime()
        self.end_edit.setDateTime(end)
        self.place_edit.setText(form.place)
        self._leadership_id = form.leadership_id
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
            start_at=self.start_edit.dateTime().toString(STAMP),
            end_at=self.end_edit.dateTime().toString(STAMP),
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
        )

    # ---- state ---------------------------------------------------------------------------------
    def editable(self) -> bool:
        return self.data.can_write and (self.talk is None or self.talk.status is not TalkStatus.SIGNED)

    def _show_state(self) -> None:
        talk = self.talk
        self.title.setText(talk.title if talk else self.tr("New talk (numbered when saved)"))
        status = talk.status if talk else TalkStatus.DRAFT
        colours = {TalkStatus.DRAFT: "#e8e8e8", TalkStatus.RECORDED: "#dbe9ff", TalkStatus.SIGNED: "#d8f0d8"}
        self.status.setText(status.label)
        self.status.setStyleSheet(f"padding: 1px 6px; border-radius: 3px; background: {colours[status]};")
        editable = self.editable()
        for widget in (
            self.place_edit,
            self.unit_edit,
            self.position_edit,
            self.outline_edit,
            self.key_points_edit,
        ):
            widget.setReadOnly(not editable)
        for widget in (
            self.start_edit,
            self.end_edit,
            self.interviewee_combo,
            self.category_combo,
            self.kind_combo,
            self.interviewers,
            self.recorder_combo,
            self.classification_combo,
            self.protection_spin,
            self.problems_check,
            self.leads_check,
            self.template_combo,
            self.apply_template_button,
            self.to_record_button,
        ):
            widget.setEnabled(editable)
        self.record.set_read_only(not editable)
        write = self.data.can_write
        saved = talk is not None
        self.buttons["save"].setVisible(editable)
        self.buttons["recorded"].setVisible(write and status is TalkStatus.DRAFT)
        self.buttons["reopen"].setVisible(write and saved and status is TalkStatus.RECORDED)
        self.buttons["sign"].setVisible(write and saved and status is TalkStatus.RECORDED)
        self.buttons["scan"].setVisible(write and saved and status is TalkStatus.SIGNED)
        self.buttons["addendum"].setVisible(write and saved and status is TalkStatus.SIGNED)
        self.buttons["print"].setEnabled(saved)
        if talk is not None and status is TalkStatus.SIGNED:
            self.signed_label.setText(
                self.tr("Signed by the interviewee on %1.").replace("%1", talk.signed_on or "")
            )
            self.show_notice(
                self.tr("This record is signed and locked. Corrections are added as dated addenda.")
            )
        else:
            self.signed_label.setText(self.tr("Not signed yet."))
            if not self.dirty:
                self.notice.hide()
        self.scan_label.setText(
            self.tr("A scan of the signed pages is kept (encrypted).")
            if talk is not None and talk.has_scan
            else self.tr("No scan of the signed pages.")
        )
        addenda = talk.addenda if talk else []
        self.addenda_view.setPlainText(
            "\n\n".join(f"{a.added_on}（{a.author_name}）\n{a.text}" for a in addenda) or self.tr("(none)")
        )
        self.clear_errors()

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def _edited(self, *_args) -> None:
        if self._loading or not self.editable():
            return
        self.dirty = True
        self._unsaved_since_autosave = True
        self.changed.emit()

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

    # ---- issues that cite this talk ------------------------------------------------------------
    def load_linked_issues(self) -> None:
        """List (through the worker) the issues whose evidence cites this talk; read-only."""
        if self.talk is None:
            self._linked_issues_loaded([])
            return
        talk_id = self.talk.id
        self.worker.submit(
            talk_links.issues_from_talk,
            talk_id,
            on_done=lambda found: self._linked_issues_loaded(found) if self._showing(talk_id) else None,
            on_error=lambda e: self._linked_issues_failed(e) if self._showing(talk_id) else None,
        )

    def _showing(self, talk_id: str) -> bool:
        return self.talk is not None and self.talk.id == talk_id

    def _linked_issues_loaded(self, found: list[talk_links.LinkedIssue]) -> None:
        self.linked_issues.clear()
        for issue in found:
            item = QListWidgetItem(
                f"{issue.number}  {issue.title}（{issue.status_label}，{issue.evidence}）", self.linked_issues
            )
            item.setData(Qt.ItemDataRole.UserRole, issue.id)
            item.setToolTip(self.tr("Double-click to open the issue (read-only)"))
        if not found:
            item = QListWidgetItem(
                self.tr("(no issue cites this talk yet)")
                if self.talk is not None
                else self.tr("(listed once the talk is saved)"),
                self.linked_issues,
            )
            item.setFlags(Qt.ItemFlag.NoItemFlags)  # a placeholder: not selectable, opens nothing

    def _linked_issues_failed(self, error: UserError) -> None:
        self.linked_issues.clear()
        item = QListWidgetItem(str(error), self.linked_issues)
        item.setFlags(Qt.ItemFlag.NoItemFlags)

    def linked_issue_ids(self) -> list[str]:
        ids = (
            self.linked_issues.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.linked_issues.count())
        )
        return [i for i in ids if i]

    def open_linked_issue(self, item: QListWidgetItem | None = None) -> None:
        item = item or self.linked_issues.currentItem()
        issue_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if issue_id:
            issue_viewer.open_issue(self.worker, self.inspection_id, issue_id, self)

    # ---- autosave and drafts -------------------------------------------------------------------
    def autosave(self) -> None:
        """Keep unsaved input as an encrypted draft (in the database) every few seconds."""
        if not (self.draft_key and self.dirty and self._unsaved_since_autosave and self.editable()):
            return
        self._unsaved_since_autosave = False
        self.worker.submit(talk_drafts.autosave, self.draft_key, self.form_value(), on_error=lambda _e: None)

    def draft_payload(self) -> dict:
        return self.form_value().to_dict() if self.dirty else {}

    def restore_draft(self, payload: dict) -> None:
        if payload and self.editable():
            self.apply_form(TalkForm.from_dict(payload))
            self.dirty = True
            self.show_notice(
                self.tr(
                    "Unsaved input from earlier was restored. Save it, or close the talk to keep it as a draft."
                )
            )

    # ---- saving and lifecycle ------------------------------------------------------------------
    def save(self, then: Callable[[Talk], None] | None = None) -> None:
        if self.busy or not self.editable():
            return
        self._run(
            ops.save,
            self.inspection_id,
            self.talk.id if self.talk else None,
            self.form_value(),
            then=then if callable(then) else None,
            saved_text=self.tr("Saved."),
        )

    def mark_recorded(self) -> None:
        if self.busy:
            return
        self._run(
            ops.save_and_mark_recorded,
            self.inspection_id,
            self.talk.id if self.talk else None,
            self.form_value(),
            saved_text=self.tr("Marked recorded: the interviewee can now read and sign it."),
        )

    def reopen(self) -> None:
        if self.talk is not None:
            self._run(talk_writes.reopen_talk, self.talk.id, saved_text=self.tr("Back to draft."))

    def sign(self) -> None:
        if self.talk is None:
            return
        if self.dirty:
            self.save(then=lambda _t: self.sign())
            return
        self._open_dialog(SignDialog(self.worker, self.talk, self))

    def add_addendum(self) -> None:
        if self.talk is not None:
            self._open_dialog(AddendumDialog(self.worker, self.talk, self))

    def _open_dialog(self, dialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._after_step)
        dialog.open()

    def attach_scan(self) -> None:
        dialog = QFileDialog(self, self.tr("Scan of the signed pages"))
        dialog.setObjectName("scanFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setNameFilter(self.tr("Scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.attach_scan_file)
        dialog.open()

    def attach_scan_file(self, path: str) -> None:
        """Read the file (only reading) and hand the bytes to the core, which stores them encrypted."""
        if self.talk is None:
            return
        try:
            with open(path, "rb") as fh:
                data = fh.read(talk_scans.MAX_SCAN_BYTES + 1)
        except OSError as exc:
            show_error(self, exc.strerror or str(exc))
            return
        talk_id = self.talk.id
        self.worker.submit(
            talk_scans.attach_scan,
            talk_id,
            data,
            on_done=lambda _digest: self._reload(
                talk_id, self.tr("The scan is attached (stored encrypted).")
            ),
            on_error=lambda e: show_error(self, e),
        )

    def _reload(self, talk_id: str, text: str) -> None:
        self.worker.submit(
            ops.open_talk, self.inspection_id, talk_id, on_done=lambda o: self._after_step(o.talk, text)
        )

    def print_preview(self) -> None:
        if self.talk is None:
            return
        if self.dirty and self.editable():
            self.save(then=lambda _t: self.print_preview())
            return
        talk_id = self.talk.id
        self.dialog = PrintPreviewDialog.show_for(
            self.worker,
            self,
            title=self.talk.title,
            preview=lambda s: talk_printing.preview_talk(s, talk_id),
            copies=lambda s, n, action: talk_printing.print_talk(s, talk_id, n, action=action),
            classification=self.talk.classification,
            file_name=f"{self.talk.title}.pdf".replace(" ", ""),
        )

    def _run(self, fn, *args, then=None, saved_text: str = "") -> None:
        self.busy = True
        self.clear_errors()

        def done(talk: Talk) -> None:
            self.busy = False
            self._after_step(talk, saved_text)
            if then is not None:
                then(talk)

        def failed(error: UserError) -> None:
            self.busy = False
            self.show_error(error)

        self.worker.submit(fn, *args, on_done=done, on_error=failed)

    def _after_step(self, talk: Talk, text: str = "") -> None:
        self.talk = talk
        self.dirty = False
        self._unsaved_since_autosave = False
        self.draft_key = talk_drafts.draft_key(self.inspection_id, talk.id) if self.editable() else ""
        self._loading = True
        try:
            self.apply_form(talk.form())
        finally:
            self._loading = False
        self._show_state()
        if text:
            self.show_notice(text) if talk.status is not TalkStatus.SIGNED else None
        self.load_linked_issues()
        self.saved.emit(talk)

    # ---- errors --------------------------------------------------------------------------------
    def clear_errors(self) -> None:
        for label in self.form.findChildren(QLabel):
            if label.objectName().endswith("Error"):
                label.clear()
                label.hide()

    def show_error(self, error: UserError | str) -> QLabel:
        """The core's message beside the field it names (switching to its tab), or at the bottom."""
        name = getattr(error, "field", None)
        label = self.form.findChild(QLabel, f"{name}Error") if name else None
        if label is None:
            label = child(self.form, QLabel, "generalError")
        label.setText(str(error))
        label.show()
        self.tabs.setCurrentIndex(
            FIELD_TABS.get(name or "", 0)
            if label.objectName() != "generalError"
            else self.tabs.currentIndex()
        )
        return label

    def error_text(self, field: str) -> str:
        label = self.form.findChild(QLabel, f"{field}Error")
        return label.text() if label is not None and label.isVisible() else ""


__all__ = ["TalkEditor", "show_info"]
