"""Changing one's own password; forced after the first sign-in and when the password has expired."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from app.core.errors import UserError
from app.core.security import accounts
from app.ui.db_worker import DbWorker
from app.ui.forms import child, load_form


class ChangePasswordDialog(QDialog):
    def __init__(self, worker: DbWorker, parent=None, *, forced: bool = False) -> None:
        super().__init__(parent)
        self.worker = worker
        self.forced = forced
        self.form = load_form("change_password.ui", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.setWindowTitle(self.form.windowTitle())
        self.old_password: QLineEdit = child(self.form, QLineEdit, "oldPasswordEdit")
        self.new_password: QLineEdit = child(self.form, QLineEdit, "newPasswordEdit")
        self.confirm: QLineEdit = child(self.form, QLineEdit, "confirmEdit")
        self.error_label: QLabel = child(self.form, QLabel, "errorLabel")
        self.buttons: QDialogButtonBox = child(self.form, QDialogButtonBox, "buttonBox")
        reason: QLabel = child(self.form, QLabel, "reasonLabel")
        reason.setText(
            self.tr("You must change your initial or expired password before you continue.") if forced else ""
        )
        reason.setVisible(forced)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(460)

    def submit(self) -> None:
        if self.new_password.text() != self.confirm.text():
            self._show(self.tr("The two new passwords differ."))
            return
        self.buttons.setEnabled(False)
        self._show("")
        self.worker.submit(
            accounts.change_own_password,
            self.old_password.text(),
            self.new_password.text(),
            on_done=lambda _: self.accept(),
            on_error=self._failed,
        )

    def _failed(self, error: UserError) -> None:
        self.buttons.setEnabled(True)
        self._show(str(error))
        target = self.old_password if error.field == "old_password" else self.new_password
        target.setFocus()
        target.selectAll()

    def _show(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
