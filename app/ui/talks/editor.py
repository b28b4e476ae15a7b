"""The talk form: details, outline, record (Q&A blocks), signature and addenda, with autosave.

The fields themselves (finding the widgets, the form to and from a TalkForm, the interviewee and
template helpers) are the TalkFields mixin in fields.py; this module holds the state, the issues
citing the talk, autosave, the lifecycle buttons, printing and the error labels.

Unsaved input is autosaved every few seconds as an encrypted draft through the core
(talks.drafts.autosave, keyed talks.drafts.draft_key), and the same payload is kept by the lock
(DraftForm), so nothing typed is lost to a lock or a crash; opening the talk again brings it back.
A signed record is shown read-only: corrections go in as dated addenda.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.domain.talks import drafts as talk_drafts
from app.core.domain.talks import links as talk_links
from app.core.domain.talks import printing as talk_printing
from app.core.domain.talks import scans as talk_scans
from app.core.domain.talks import writes as talk_writes
from app.core.domain.talks.types import Talk, TalkForm, TalkStatus
from app.core.errors import UserError
from app.ui.db_worker import DbWorker
from app.ui.drafts import DraftForm
from app.ui.forms import child, load_form
from app.ui.messages import show_error, show_info
from app.ui.printing import PrintPreviewDialog
from app.ui.talks import issue_viewer, ops
from app.ui.talks.dialogs import AddendumDialog, SignDialog
from app.ui.talks.fields import TalkFields
from app.ui.talks.writing_mode import WritingMode

AUTOSAVE_MS = 4000
# Which inner tab holds the field a core message names.
FIELD_TABS = {"outline": 1, "record": 2, "key_points": 2}


class TalkEditor(QWidget, DraftForm, TalkFields):
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
        # The buttons of one status only show once a talk is loaded: all seven at once ask for more
        # width than the tab has, and a window shown with them grows past a 1280-pixel screen.
        for key in ("recorded", "reopen", "sign", "scan", "addendum"):
            self.buttons[key].hide()
        self._scroll_details()
        self._fill_choices()
        self._wire()
        self._make_writing_mode()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()

    # ---- wiring --------------------------------------------------------------------------------
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
            edit.textChanged.connect(self._edited)
        self.protection_spin.valueChanged.connect(self._edited)
        for check in (self.problems_check, self.leads_check):
            check.toggled.connect(self._edited)
        self.interviewers.itemChanged.connect(self._edited)
        self.record.changed.connect(self._edited)
        self.linked_issues.itemActivated.connect(self.open_linked_issue)  # double-click or Enter

    def _scroll_details(self) -> None:
        """The details tab (a dozen fields) scrolls, so that it never makes the window taller."""
        details = self.tabs.widget(0)
        title = self.tabs.tabText(0)
        self.tabs.removeTab(0)
        scroll = QScrollArea()
        scroll.setObjectName("detailsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(details)
        self.tabs.insertTab(0, scroll, title)
        self.tabs.setCurrentIndex(0)

    # ---- full-window writing -------------------------------------------------------------------
    def _make_writing_mode(self) -> None:
        """F11 (or the button) writes the record in the whole window; Esc or F11 leaves."""
        f = self.form
        self.writing_button: QPushButton = child(f, QPushButton, "writingButton")
        keep = [
            child(f, QWidget, name) for name in ("recordHint", "writingButton", "recordHost", "recordError")
        ]
        keep.append(child(f, QLabel, "generalError"))
        self.writing = WritingMode(keep, self)
        self.writing.toggled.connect(self._writing_toggled)
        self.writing_button.clicked.connect(self.set_writing)
        toggle = QShortcut(
            QKeySequence(Qt.Key.Key_F11), self, lambda: self.set_writing(not self.writing.active)
        )
        toggle.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.leave_writing = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, lambda: self.set_writing(False))
        self.leave_writing.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.leave_writing.setEnabled(False)

    def set_writing(self, on: bool) -> None:
        if on:
            self.tabs.setCurrentIndex(2)
            focus = QApplication.focusWidget()
            self.writing.enter()
            if (focus is None or not self.record.isAncestorOf(focus)) and self.record.blocks:
                self.record.blocks[-1].answer.setFocus()
        else:
            self.writing.leave()

    def writing_mode(self) -> bool:
        return self.writing.active

    def _writing_toggled(self, on: bool) -> None:
        self.leave_writing.setEnabled(on)
        self.writing_button.setChecked(on)
        self.writing_button.setText(
            self.tr("Leave full-window writing (Esc)") if on else self.tr("Full-window &writing")
        )

    # ---- where the user was (kept in memory across a lock) -------------------------------------
    def cursor_state(self) -> dict:
        """The inner tab, full-window writing, and the field with the cursor and its position."""
        state: dict = {"tab": self.tabs.currentIndex(), "writing": self.writing.active}
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            focus = self.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            return state
        cursor = getattr(focus, "textCursor", None)
        position = cursor().position() if cursor else getattr(focus, "cursorPosition", lambda: 0)()
        for k, block in enumerate(self.record.blocks):
            for name in ("question", "answer"):
                if getattr(block, name) is focus:
                    state["focus"] = ["record", k, name, position]
                    return state
        if focus.objectName():
            state["focus"] = ["field", focus.objectName(), position]
        return state

    def restore_cursor(self, state: dict) -> None:
        self.tabs.setCurrentIndex(int(state.get("tab", 0)))
        if state.get("writing"):
            self.set_writing(True)
        where = state.get("focus")
        if not where:
            return
        widget = None
        if where[0] == "record" and where[1] < len(self.record.blocks):
            widget = getattr(self.record.blocks[where[1]], where[2])
        elif where[0] == "field":
            widget = self.form.findChild(QWidget, where[1])
        if widget is None:
            return
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if hasattr(widget, "textCursor"):
            cursor = widget.textCursor()
            cursor.setPosition(min(where[-1], len(widget.toPlainText())))
            widget.setTextCursor(cursor)
            if widget.parentWidget() is not None and self.record.isAncestorOf(widget):
                self.record.ensureWidgetVisible(widget)
        elif hasattr(widget, "setCursorPosition"):
            widget.setCursorPosition(where[-1])

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
    def _dates_typed(self) -> bool:
        """False (with the refusal under the field) when a date field holds text that is no date."""
        for edit in (self.start_edit, self.end_edit):
            refusal = edit.refusal()
            if refusal is not None:
                self.clear_errors()
                self.show_error(refusal)
                return False
        return True

    def save(self, then: Callable[[Talk], None] | None = None) -> None:
        if self.busy or not self.editable() or not self._dates_typed():
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
        if self.busy or not self._dates_typed():
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
