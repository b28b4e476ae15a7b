"""Printing options (seal, when one is stored; copies; recipients), the register of copies (return, destroy, recall) and the window that
authenticates a printed copy (核验)."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QWidget,
)

from app.core.errors import UserError, ValidationError
from app.core.official import authenticate, copies, seals
from app.core.official.copies import local_time
from app.core.printing.register import CopyStatus
from app.core.security.roles import Cap, allowed
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.forms import child, load_into
from app.ui.official.common import clear_errors, selected_record, show_error, table_model


class PrintOptionsDialog(QDialog):
    """Seal or not (the office only), and to whom the copies go."""

    def __init__(self, worker: DbWorker, info: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_into("official_print.ui", self)
        self.seal_check = child(self, QCheckBox, "sealCheck")
        self.recipients_edit = child(self, QLineEdit, "recipientsEdit")
        self.copies_spin = child(self, QSpinBox, "copiesSpin")
        child(self, QLabel, "versionInfo").setText(info)
        # One copy per recipient at least; more copies than recipients go unnamed.
        self.recipients_edit.textChanged.connect(self._recipients_changed)
        user = worker.user
        may_seal = user is not None and allowed(user.role, Cap.SEAL_APPLY)
        self.seal_check.setEnabled(False)  # until we know a seal image is stored
        self.seal_check.setChecked(False)
        if not may_seal:
            self.seal_check.setToolTip(
                QCoreApplication.translate("Official", "Only the inspection office applies the seal.")
            )
        else:
            worker.submit(
                seals.active_seal, on_done=self._seal_known, on_error=lambda _e: self._seal_known(None)
            )
        buttons = child(self, QDialogButtonBox, "buttonBox")
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        clear_errors(self)

    def _seal_known(self, seal) -> None:
        self.seal_check.setEnabled(seal is not None)
        self.seal_check.setChecked(seal is not None)
        self.seal_check.setToolTip(
            ""
            if seal is not None
            else QCoreApplication.translate(
                "Official", "The security officer has not stored a seal image yet, so no seal can be applied."
            )
        )

    def _recipients_changed(self) -> None:
        count = len(self.recipients())
        self.copies_spin.setMinimum(max(1, count))

    def copies(self) -> int:
        return max(self.copies_spin.value(), len(self.recipients()))

    def recipients(self) -> list[str]:
        return [r.strip() for r in re.split(r"[、,，;；]", self.recipients_edit.text()) if r.strip()]

    def _check(self) -> None:
        if any(len(r) > 60 for r in self.recipients()):
            show_error(self, ValidationError("接收人不能超过 60 个字。", field="recipients"))
            return
        self.accept()


def status_columns() -> list[str]:
    return [
        QCoreApplication.translate("Official", "Document"),
        QCoreApplication.translate("Official", "No."),
        QCoreApplication.translate("Official", "Version"),
        QCoreApplication.translate("Official", "Copy"),
        QCoreApplication.translate("Official", "Recipient"),
        QCoreApplication.translate("Official", "Printed"),
        QCoreApplication.translate("Official", "By"),
        QCoreApplication.translate("Official", "Sealed"),
        QCoreApplication.translate("Official", "Status"),
        QCoreApplication.translate("Official", "Since"),
        QCoreApplication.translate("Official", "Recalled"),
    ]


class CopiesDialog(QDialog):
    """Every registered copy (of one document, or all): to whom, when, returned or destroyed."""

    def __init__(
        self, worker: DbWorker, document_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        load_into("official_copies.ui", self)
        self.worker, self.document_id = worker, document_id
        self.view = child(self, QTableView, "copiesView")
        self.outstanding = child(self, QCheckBox, "outstandingCheck")
        self.status = child(self, QLabel, "statusLabel")
        self.outstanding.toggled.connect(self.refresh)
        child(self, QPushButton, "refreshButton").clicked.connect(self.refresh)
        child(self, QPushButton, "closeButton").clicked.connect(self.accept)
        child(self, QPushButton, "returnButton").clicked.connect(lambda: self._mark(CopyStatus.RETURNED))
        child(self, QPushButton, "destroyButton").clicked.connect(lambda: self._mark(CopyStatus.DESTROYED))
        self.recall_button = child(self, QPushButton, "recallButton")
        self.recall_button.clicked.connect(self._recall)
        self.recall_button.setEnabled(document_id is not None)
        self.rows: list[copies.CopyRow] = []
        follow_changes(self, worker, {"print_register", "official_document"}, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        doc, only = self.document_id, self.outstanding.isChecked()
        self.worker.submit(
            lambda s: copies.list_copies(s, document_id=doc, outstanding_only=only),
            on_done=self._loaded,
            on_error=self._failed,
        )

    def _loaded(self, rows: list[copies.CopyRow]) -> None:
        self.rows = rows
        table_model(
            self.view,
            status_columns(),
            [
                [
                    r.title or r.kind.label,
                    r.serial,
                    r.version or "",
                    f"{r.copy_number:06d}",
                    r.recipient,
                    local_time(r.issued_at),
                    r.issued_by,
                    QCoreApplication.translate("Official", "yes") if r.sealed else "",
                    r.status.label,
                    local_time(r.status_at) if r.status_at else "",
                    local_time(r.recalled_at) if r.recalled_at else "",
                ]
                for r in rows
            ],
            rows,
        )
        out = sum(1 for r in rows if r.outstanding)
        self.status.setText(
            QCoreApplication.translate("Official", "%1 copies, %2 outstanding.")
            .replace("%1", str(len(rows)))
            .replace("%2", str(out))
        )

    def _mark(self, status: CopyStatus) -> None:
        row = selected_record(self.view)
        if row is None:
            self.status.setText(QCoreApplication.translate("Official", "Select a copy first."))
            return
        doc, number = row.document_id, row.copy_number
        self.worker.submit(
            lambda s: copies.set_status(s, doc, number, status),
            on_error=self._failed,
        )

    def _recall(self) -> None:
        from app.ui.messages import confirm

        if not confirm(
            self, QCoreApplication.translate("Official", "Recall every outstanding copy of this document?")
        ):
            return
        doc = self.document_id
        self.worker.submit(lambda s: copies.recall(s, doc), on_done=self._recalled, on_error=self._failed)

    def _recalled(self, count: int) -> None:
        self.status.setText(
            QCoreApplication.translate("Official", "%1 copies are now awaiting return.").replace(
                "%1", str(count)
            )
        )

    def _failed(self, error: UserError) -> None:
        self.status.setText(error.message)


class AuthenticateDialog(QDialog):
    """Type (or scan) the code of a printed page: genuine? which copy? where is it now?"""

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_into("official_verify.ui", self)
        self.worker = worker
        self.code_edit = child(self, QLineEdit, "codeEdit")
        self.result = child(self, QLabel, "resultLabel")
        self.verify_button = child(self, QPushButton, "verifyButton")
        self.verify_button.clicked.connect(self.check)
        self.code_edit.returnPressed.connect(self.check)
        child(self, QDialogButtonBox, "buttonBox").rejected.connect(self.reject)
        self.last: authenticate.AuthenticationResult | None = None
        clear_errors(self)

    def check(self) -> None:
        clear_errors(self)
        code = self.code_edit.text()
        self.verify_button.setEnabled(False)
        self.worker.submit(
            lambda s: authenticate.authenticate_code(s, code), on_done=self._done, on_error=self._failed
        )

    def _done(self, result: authenticate.AuthenticationResult) -> None:
        self.verify_button.setEnabled(True)
        self.last = result
        colour = "#1b5e20" if result.genuine and result.status == CopyStatus.ISSUED else "#b00000"
        if result.genuine and result.status != CopyStatus.ISSUED:
            colour = "#8a5a00"
        self.result.setStyleSheet(f"color: {colour}; font-size: 11pt;")
        self.result.setText(result.message)

    def _failed(self, error: UserError) -> None:
        self.verify_button.setEnabled(True)
        self.last = None
        self.result.clear()
        show_error(self, error)
