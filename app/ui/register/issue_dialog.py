"""The working paper (问题底稿) form: the issue, its evidence, review and signature, its status moves.

One dialog (forms/register_issue.ui) for a new issue and an existing one. Save keeps the dialog open,
so a new issue can go on to its evidence, review and signature. The long text survives a lock
(DraftForm). Only the legal status moves are offered (app.ui.register.ops.offered_moves, from the
core's TRANSITIONS); the core decides every one again. Signing is the leader's (Cap.ISSUE_SIGN): the
button is there for everybody, enabled only for the leader of the inspection's team, and the core
refuses anyone else. The paper's widgets (app.ui.register.issue_paper) and the evidence buttons
(app.ui.register.issue_evidence) are mixins of this dialog; every translated string stays here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.domain.register import issue_record, paper_chain, sign_off, workflow
from app.core.domain.register.issue_record import Disposition, IssueLevel, Seriousness
from app.core.errors import UserError
from app.ui.db_worker import DbWorker
from app.ui.drafts import DraftForm
from app.ui.forms import load_form
from app.ui.org.common import fill_combo
from app.ui.register import ops
from app.ui.register.dialogs import ActionDialog, TextViewer, iso, open_dialog, set_iso
from app.ui.register.issue_evidence import EvidenceSection
from app.ui.register.issue_paper import CHAIN_BUTTONS, PAPER_WIDGETS, PaperFields

NODE_ROLE = Qt.ItemDataRole.UserRole + 10  # (category id, sub-category id) of a tree item


class IssueDialog(QDialog, DraftForm, PaperFields, EvidenceSection):
    changed = Signal(object)  # the IssueDetail after any change

    def __init__(
        self,
        worker: DbWorker,
        context: ops.RegisterContext,
        issue_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("issueDialog")
        self.worker, self.context = worker, context
        self.inspection_id = context.inspection.id
        self.detail: ops.IssueDetail | None = None
        self.dialog = None
        self.viewer: TextViewer | None = None
        self.preview_dialog = None
        self.busy = False
        self.category_id: str | None = None
        self.subcategory_id: str | None = None
        self.draft_key = f"issue:{issue_id}" if issue_id else f"issue-new:{self.inspection_id}"
        self.form = load_form("register_issue.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.form)
        self.setWindowTitle(self.tr("Working paper"))
        self.resize(860, 720)
        self._find()
        self._fill_choices()
        self._wire()
        if issue_id:
            self._set_enabled(False)
            self.worker.submit(ops.load_issue, issue_id, on_done=self._loaded, on_error=self._load_failed)
        else:
            set_iso(self.found_on, None)
            set_iso(self.reviewed_on, None)
            set_iso(self.signed_on, None)
            self._show_state()

    # ---- building ----
    def _fill_choices(self) -> None:
        fill_combo(
            self.level, [(self.tr("(not set)"), "")] + [(v.label, v.value) for v in IssueLevel if v.value]
        )
        fill_combo(self.seriousness, [(v.label, v.value) for v in Seriousness])
        secondary = [(self.tr("(none)"), None)]
        tree = QStandardItemModel(self.tree)
        none_item = QStandardItem(self.tr("(unclassified)"))
        none_item.setData((None, None), NODE_ROLE)
        none_item.setEditable(False)
        tree.appendRow(none_item)
        for scheme in self.context.schemes:
            if scheme.role != "primary":
                for cat in scheme.categories:
                    secondary.append((f"{scheme.name} › {cat.name}", cat.id))
                continue
            scheme_item = QStandardItem(scheme.name)
            scheme_item.setEditable(False)
            scheme_item.setSelectable(False)
            for cat in scheme.categories:
                cat_item = QStandardItem(cat.name)
                cat_item.setEditable(False)
                cat_item.setData((cat.id, None), NODE_ROLE)
                for sub in cat.children:
                    sub_item = QStandardItem(sub.name)
                    sub_item.setEditable(False)
                    sub_item.setData((cat.id, sub.id), NODE_ROLE)
                    cat_item.appendRow(sub_item)
                scheme_item.appendRow(cat_item)
            tree.appendRow(scheme_item)
        self.tree_model = tree
        self.tree.setModel(tree)
        fill_combo(self.secondary, secondary)

    def _wire(self) -> None:
        b = self.button
        self.buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.tree.selectionModel().currentChanged.connect(lambda current, _: self._category_chosen(current))
        b["addEvidenceButton"].clicked.connect(self.add_evidence)
        b["openEvidenceButton"].clicked.connect(self.open_evidence)
        self.evidence_table.activated.connect(lambda _: self.open_evidence())
        b["moveUpButton"].clicked.connect(lambda: self.move_evidence(-1))
        b["moveDownButton"].clicked.connect(lambda: self.move_evidence(1))
        b["removeEvidenceButton"].clicked.connect(self.remove_evidence)
        b["recordReviewButton"].clicked.connect(self.record_review)
        b["signButton"].clicked.connect(self.sign)
        b["verifyButton"].clicked.connect(self.substantiate)
        b["dismissButton"].clicked.connect(self.dismiss)
        b["feedBackButton"].clicked.connect(self.feed_back)
        b["closeTransferredButton"].clicked.connect(self.close_transferred)
        b["reopenTransferredButton"].clicked.connect(self.reopen_transferred)
        b["printPaperButton"].clicked.connect(lambda: self.print_paper(fact_sheet=False))
        b["printFactSheetButton"].clicked.connect(lambda: self.print_paper(fact_sheet=True))
        for action, name in CHAIN_BUTTONS.items():
            b[name].clicked.connect(lambda _=False, a=action: self.chain_step(a))

    # ---- the classification tree ----
    def _category_chosen(self, index) -> None:
        value = index.data(NODE_ROLE) if index.isValid() else None
        if value is None:
            return
        self.category_id, self.subcategory_id = value
        self._show_category()

    def _show_category(self) -> None:
        names = []
        for row in range(self.tree_model.rowCount()):
            scheme = self.tree_model.item(row)
            for k in range(scheme.rowCount()):
                cat = scheme.child(k)
                if cat.data(NODE_ROLE)[0] == self.category_id:
                    names = [scheme.text(), cat.text()]
                    chosen = cat
                    for j in range(cat.rowCount()):
                        if cat.child(j).data(NODE_ROLE)[1] == self.subcategory_id:
                            names.append(cat.child(j).text())
                            chosen = cat.child(j)
                    self.tree.selectionModel().blockSignals(True)
                    self.tree.setCurrentIndex(chosen.index())
                    self.tree.selectionModel().blockSignals(False)
                    self.tree.expand(scheme.index())
                    self.tree.expand(cat.index())
        self.category_value.setText(" › ".join(names) if names else self.tr("(unclassified)"))

    def choose_category(self, category_id: str | None, subcategory_id: str | None = None) -> None:
        self.category_id, self.subcategory_id = category_id, subcategory_id
        self._show_category()

    # ---- loading and showing ----
    def _load_failed(self, error: UserError) -> None:
        self.show_error(error)

    def _loaded(self, detail: ops.IssueDetail) -> None:
        self.busy = False
        first = self.detail is None
        self.detail = detail
        self.draft_key = f"issue:{detail.issue.id}"
        if first:  # later steps (evidence, review, moves) leave unsaved typing in the paper alone
            self._fill(detail.issue)
        else:
            self.review.setPlainText(detail.issue.review_opinion)
        self.evidence_model.set_records(detail.evidence)
        self.history_model.set_records(detail.history)
        steps = list(detail.chain.steps) if detail.chain else []
        if len(steps) != self.chain_model.rowCount():
            self.chain_opinion.clear()  # a step was taken: its opinion is in the trail now
        self.chain_model.set_records(steps)
        self.chain_table.resizeColumnsToContents()
        self.chain_table.resizeRowsToContents()  # opinions wrap in full
        self.evidence_table.resizeColumnsToContents()
        self.history_table.resizeColumnsToContents()
        self._show_state()

    def _show_state(self) -> None:
        d = self.detail
        issue = d.issue if d else None
        b = self.button
        saved = issue is not None
        can_write = self.context.can_write
        signed = bool(issue and issue.signed)
        paper_open = saved and not signed and issue.status != issue_record.IssueStatus.DISMISSED
        closed = bool(issue and issue.status == issue_record.IssueStatus.CLOSED_OUT)
        self._set_enabled(True)
        if issue:
            # tr() outside the f-string, so lupdate collects the text.
            unnumbered = self.tr("(not yet numbered)")
            self.header.setText(f"{issue.number or unnumbered}  {issue.title}  ·  {issue.unit_name}")
            self.setWindowTitle(self.tr("Working paper — {title}").format(title=issue.title))
        else:
            self.header.setText(self.tr("New issue of {unit}").format(unit=self.context.inspection.unit_name))
        for name in PAPER_WIDGETS:
            widget = self.form.findChild(QWidget, name)
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                widget.setReadOnly(signed or closed or not can_write)
            else:
                widget.setEnabled(not (signed or closed) and can_write)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(can_write and not closed)
        for name in ("addEvidenceButton", "moveUpButton", "moveDownButton", "removeEvidenceButton"):
            b[name].setEnabled(paper_open and can_write)
        b["openEvidenceButton"].setEnabled(saved)
        self.review.setReadOnly(not paper_open)
        self.reviewed_on.setEnabled(paper_open)
        b["recordReviewButton"].setEnabled(paper_open and can_write)
        self.signed_on.setEnabled(bool(d and d.can_sign))
        b["signButton"].setEnabled(bool(d and d.can_sign))
        b["signButton"].setVisible(not signed)
        self.signed_on.setVisible(not signed)
        self.form.findChild(QLabel, "signedOnEditLabel").setVisible(not signed)  # no empty caption left
        if signed:
            self.number_value.setText(issue.number)
            self.signature_value.setText(
                self.tr("Signed by {name} on {date}").format(name=issue.signed_by_name, date=issue.signed_on)
            )
            self.sign_hint.setText("")
        else:
            self.number_value.setText(self.tr("Allocated when the leader signs"))
            self.signature_value.setText(self.tr("Not yet signed"))
            self.sign_hint.setText(
                self.tr(
                    "Only the leader of this team signs; the paper needs facts, legal basis, evidence and the review."
                )
            )
        moves = d.moves if d else []
        for name, button in (
            ("substantiate", "verifyButton"),
            ("feed_back", "feedBackButton"),
            ("dismiss", "dismissButton"),
            ("close_transferred", "closeTransferredButton"),
            ("reopen_transferred", "reopenTransferredButton"),
        ):
            b[button].setVisible(name in moves)
        if issue:
            text = issue.status.label + f"（{issue.status_on}）"
            if issue.dismissed_reason:
                text += self.tr(" — reason: {reason}").format(reason=issue.dismissed_reason)
            self.status_value.setText(text)
            disposition = issue.disposition.label
            if issue.disposition_body:
                disposition += f"（{issue.disposition_body}）"
            if issue.fed_back_on:
                disposition += f" {issue.fed_back_on}"
            self.disposition_value.setText(disposition or self.tr("(not yet)"))
        else:
            self.status_value.setText(self.tr("(new)"))
            self.disposition_value.setText("")
        if not moves:
            self.moves_hint.setText(self.tr("No status move is open to you now."))
        elif issue and issue.status == issue_record.IssueStatus.SUBSTANTIATED and not issue.signed:
            self.moves_hint.setText(self.tr("Feeding back needs the leader's signature first."))
        else:
            self.moves_hint.setText("")
        if issue and issue.status in (
            issue_record.IssueStatus.FED_BACK,
            issue_record.IssueStatus.IN_RECTIFICATION,
        ):
            if not issue.disposition.is_transfer:
                self.moves_hint.setText(
                    self.tr("Rectification and close-out are recorded in the Rectification tab.")
                )
        b["printPaperButton"].setEnabled(saved and self.context.can_print)
        b["printFactSheetButton"].setEnabled(saved and self.context.can_print)
        self._show_chain()

    def _show_chain(self) -> None:
        d = self.detail
        chain = d.chain if d else None
        allowed = d.chain_actions if d else frozenset()
        for action, name in CHAIN_BUTTONS.items():
            self.button[name].setEnabled(action in allowed)
        self.chain_opinion.setReadOnly(not allowed)
        self.chain_date.setEnabled(bool(allowed & {"sign", "adopt"}))
        if chain is None:
            self.chain_state.setText(self.tr("Save the paper first; then submit it for review."))
            self.chain_gaps.setText("")
            self.chain_hint.setText("")
            return
        state = chain.state.label
        if chain.waiting_for:
            state += self.tr(" — next: {who}").format(who=chain.waiting_for)
        self.chain_state.setText(state)
        gaps = d.gaps
        if gaps:
            self.chain_gaps.setText("；".join(g.text for g in gaps) + "。")
        else:
            self.chain_gaps.setText(
                self.tr("Nothing missing.") if not d.issue.signed else self.tr("Signed: no longer checked.")
            )
        if chain.with_deputy:
            hint = self.tr(
                "This team's chain: drafter submits → deputy reviews → leader signs → team meeting adopts."
            )
        else:
            hint = self.tr("This team's chain: drafter submits → leader signs → team meeting adopts.")
        if any(not g.required for g in gaps) and "sign" in allowed:
            hint += self.tr(" To sign over the notes above, give your reason in the opinion box.")
        self.chain_hint.setText(hint)

    def chain_step(self, action: str) -> None:
        """One step of the sign-off chain; the opinion box holds its opinion or reason."""
        iid = self._issue_id()
        if not iid or self.detail is None:
            return
        text = self.chain_opinion.toPlainText()
        steps = {
            "submit": paper_chain.submit,
            "approve": paper_chain.approve,
            "return": paper_chain.send_back,
        }
        if action in steps:
            self._run(ops.then_detail(steps[action]), iid, text)
            return
        try:
            on = self.chain_date.iso()
        except UserError as error:
            on = None
            self.clear_errors()
            self.show_error(error)
            return
        if on is None:
            self.clear_errors()
            self.show_error(
                UserError(self.tr("Enter the date of the signature or of the meeting."), field="meeting_on")
            )
            return
        if action == "sign":
            override = text if any(not g.required for g in self.detail.gaps) else ""
            self._run(ops.then_detail(paper_chain.sign), iid, on, "" if override else text, override)
        else:
            self._run(ops.then_detail(paper_chain.adopt), iid, on, text)

    def _set_enabled(self, enabled: bool) -> None:
        self.tabs.setEnabled(enabled)

    # ---- errors ----
    def clear_errors(self) -> None:
        for label in self.form.findChildren(QLabel):
            if label.objectName().endswith("Error"):
                label.clear()
                label.hide()

    def show_error(self, error: UserError | str) -> QLabel:
        name = getattr(error, "field", None)
        if name == "subcategory_id":
            name = "category_id"
        if name in ("meeting_on", "signed_on") and self.tabs.currentWidget().objectName() == "chainPage":
            name = "chain_date"  # a chain step's date, typed on the chain's own page
        if name == "override":
            name = "opinion"
        label = self.form.findChild(QLabel, f"{name}Error") if name else None
        if label is None:
            label = self.general_error
        label.setText(str(error))
        label.show()
        # Bring the page that holds the message into view.
        for i in range(self.tabs.count()):
            if self.tabs.widget(i).isAncestorOf(label):
                self.tabs.setCurrentIndex(i)
        return label

    def error_text(self, field: str | None = None) -> str:
        label = self.form.findChild(QLabel, f"{field}Error") if field else self.general_error
        return label.text() if label is not None and not label.isHidden() else ""

    # ---- saving the paper ----
    def save(self) -> None:
        issue_id = self.detail.issue.id if self.detail else None
        draft = self._typed(self.draft)
        if draft is not None:
            self._run(ops.save_issue, self.inspection_id, issue_id, draft, discard=True)

    def _typed(self, read):
        """`read()`, or None after showing its refusal (a date field holding text that is no date)."""
        try:
            return read()
        except UserError as error:
            self.clear_errors()
            self.show_error(error)
            return None

    def _run(self, fn, *args, discard: bool = False) -> None:
        if self.busy:
            return
        self.busy = True
        self.clear_errors()

        def done(detail: ops.IssueDetail) -> None:
            if discard:
                self.discard_draft(self.worker)
            self.detail = None if discard else self.detail
            self._loaded(detail)
            self.changed.emit(detail)

        def failed(error: UserError) -> None:
            self.busy = False
            self.show_error(error)

        self.worker.submit(fn, *args, on_done=done, on_error=failed)

    # DraftForm: the tree's choice is not a named input widget, so it rides along explicitly.
    def draft_payload(self) -> dict:
        payload = DraftForm.draft_payload(self)
        payload["_category"] = [self.category_id, self.subcategory_id]
        return payload

    def restore_draft(self, payload: dict) -> None:
        payload = dict(payload)
        category = payload.pop("_category", [None, None])
        DraftForm.restore_draft(self, payload)
        self.choose_category(*category)

    # ---- evidence ----
    def _issue_id(self) -> str | None:
        return self.detail.issue.id if self.detail else None

    def _changed(self, detail: ops.IssueDetail) -> None:
        self._loaded(detail)
        self.changed.emit(detail)

    # ---- review and signature ----
    def record_review(self) -> None:
        if self._issue_id() and self.reviewed_on.is_valid():
            self._run(
                ops.then_detail(sign_off.record_review),
                self._issue_id(),
                self.review.toPlainText(),
                iso(self.reviewed_on),
            )
        elif self._issue_id():
            self._typed(self.reviewed_on.iso)

    def sign(self) -> None:
        """Sign (the core allocates the number); anyone but the team's leader is refused by the core."""
        if self._issue_id() and self.signed_on.is_valid():
            self._run(ops.then_detail(sign_off.sign), self._issue_id(), iso(self.signed_on))
        elif self._issue_id():
            self._typed(self.signed_on.iso)

    # ---- status moves ----
    def _action(self, title: str, rows: dict, build, **kwargs) -> ActionDialog:
        dialog = ActionDialog(self.worker, title, rows, build, self, **kwargs)
        open_dialog(self, dialog, self._changed)
        return dialog

    def substantiate(self) -> ActionDialog:
        iid = self._issue_id()
        return self._action(
            self.tr("Verify the issue"),
            {"on": self.tr("Verified on:")},
            lambda v: (ops.then_detail(workflow.substantiate), (iid, v["on"])),
        )

    def dismiss(self) -> ActionDialog:
        iid = self._issue_id()
        return self._action(
            self.tr("Dismiss the issue"),
            {"on": self.tr("Dismissed on:"), "text": self.tr("Reason:")},
            lambda v: (ops.then_detail(workflow.dismiss), (iid, v["text"], v["on"])),
            fields={"reason": "text"},
            hint=self.tr("A dismissed issue stays in the register with its reason."),
        )

    def feed_back(self) -> ActionDialog:
        iid = self._issue_id()
        choices = [(d.label, d.value) for d in Disposition if d != Disposition.NONE]
        return self._action(
            self.tr("Feed back or transfer"),
            {"on": self.tr("Date:"), "choice": self.tr("Disposition:"), "line": self.tr("Receiving body:")},
            lambda v: (ops.then_detail(workflow.feed_back), (iid, v["on"], v["choice"], v["line"])),
            fields={"fed_back_on": "on", "disposition_body": "line", "disposition": "choice"},
            choices=choices,
            hint=self.tr("Feeding back to the unit opens its rectification with the customary deadlines."),
        )

    def close_transferred(self) -> ActionDialog:
        iid = self._issue_id()
        return self._action(
            self.tr("Close the transferred issue"),
            {"on": self.tr("Closed on:"), "text": self.tr("How it was dealt with:")},
            lambda v: (ops.then_detail(workflow.close_transferred), (iid, v["on"], v["text"])),
            fields={"closed_on": "on", "note": "text"},
        )

    def reopen_transferred(self) -> ActionDialog:
        iid = self._issue_id()
        return self._action(
            self.tr("Reopen the issue"),
            {"on": self.tr("Reopened on:"), "text": self.tr("Reason:")},
            lambda v: (ops.then_detail(workflow.reopen_transferred), (iid, v["text"], v["on"])),
            fields={"reason": "text"},
        )

    # ---- printing ----
    def print_paper(self, fact_sheet: bool) -> None:
        if self._issue_id():
            from app.ui.register.printing import print_fact_sheet, print_working_paper

            (print_fact_sheet if fact_sheet else print_working_paper)(self, self.worker, self.detail.issue)
