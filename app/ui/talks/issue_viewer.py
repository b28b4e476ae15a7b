"""An issue opened from a talk record, read-only: the register's working-paper dialog with every
way of changing it switched off.

Changes to an issue are made in the register (问题台账); from a talk one only looks. The dialog is
the register's own (same layout, evidence list, history and print), given a context that may not
write, with the status moves, signature, review and evidence buttons hidden and the classification
frozen. It keeps no draft: there is nothing to type.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QPlainTextEdit, QWidget

from app.ui.db_worker import DbWorker
from app.ui.messages import show_error
from app.ui.register import ops as register_ops
from app.ui.register.issue_dialog import IssueDialog

# Buttons that change the issue; the viewer hides them (open evidence and print stay).
CHANGING_BUTTONS = (
    "addEvidenceButton",
    "moveUpButton",
    "moveDownButton",
    "removeEvidenceButton",
    "recordReviewButton",
    "signButton",
    "verifyButton",
    "feedBackButton",
    "dismissButton",
    "closeTransferredButton",
    "reopenTransferredButton",
)


class ReadOnlyIssueDialog(IssueDialog):
    def __init__(
        self,
        worker: DbWorker,
        context: register_ops.RegisterContext,
        issue_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(worker, replace(context, can_write=False), issue_id, parent)
        self.setObjectName("readOnlyIssueDialog")
        self.draft_key = ""  # nothing to keep over a lock

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        """The register dialog's own strings keep their catalogue context (IssueDialog): PySide6
        looks a subclass's self.tr() up under the subclass's name only."""
        own = QCoreApplication.translate("ReadOnlyIssueDialog", text, disambiguation, n)
        return own if own != text else QCoreApplication.translate("IssueDialog", text, disambiguation, n)

    def _loaded(self, detail: register_ops.IssueDetail) -> None:
        super()._loaded(detail)
        self.draft_key = ""

    def _show_state(self) -> None:
        super()._show_state()
        for name in CHANGING_BUTTONS:
            self.button[name].setVisible(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setVisible(False)
        for edit in self.form.findChildren(QPlainTextEdit):
            edit.setReadOnly(True)
        for widget in (self.tree, self.secondary, self.reviewed_on, self.signed_on, *self.tag_boxes.values()):
            widget.setEnabled(False)
        for widget in self.form.findChildren(QComboBox) + self.form.findChildren(QCheckBox):
            widget.setEnabled(False)
        # The register's catalogue lacks this header string (a tr() inside an f-string); say it here.
        self.header.setText(self.header.text().replace("(not yet numbered)", self.tr("(not numbered)")))
        self.moves_hint.setText(
            self.tr("Opened from a talk record: read-only. Changes are made in the register.")
        )

    def save(self) -> None:  # the Save button is hidden; Ctrl+S or a stray call does nothing
        return


def open_issue(worker: DbWorker, inspection_id: str, issue_id: str, parent: QWidget) -> None:
    """Load the register's context on the worker, then show the issue read-only (parent.dialog)."""

    def shown(context: register_ops.RegisterContext) -> None:
        dialog = ReadOnlyIssueDialog(worker, context, issue_id, parent)
        parent.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    worker.submit(
        register_ops.load_context, inspection_id, on_done=shown, on_error=lambda e: show_error(parent, e)
    )
