"""Giving an account a new password with the sealed recovery code, from the unlock window.

The same core call as `python -m app recover`: the recovery slot unwraps the database key, the
account gets the new password (to be changed again at sign-in), and the use is audited.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from app.core.errors import UserError, ValidationError
from app.core.workstation import Workstation
from app.ui.db_worker import DbWorker
from app.ui.forms import child, load_form


def recover_password(folder: Path, code: str, username: str, new_password: str) -> tuple[str, str]:
    """(username, the new single-use recovery code that replaces the used one)."""
    return username, Workstation(folder).recover(code, username, new_password)


class RecoveryDialog(QDialog):
    def __init__(self, worker: DbWorker, folder: Path, username: str = "", parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.folder = Path(folder)
        self.recovered_user: str | None = None
        self.new_code = ""  # the code that replaces the used one, to print and seal
        self.form = load_form("recovery.ui", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.setWindowTitle(self.form.windowTitle())
        self.username: QLineEdit = child(self.form, QLineEdit, "usernameEdit")
        self.code: QLineEdit = child(self.form, QLineEdit, "codeEdit")
        self.new_password: QLineEdit = child(self.form, QLineEdit, "newPasswordEdit")
        self.confirm: QLineEdit = child(self.form, QLineEdit, "confirmEdit")
        self.error_label: QLabel = child(self.form, QLabel, "errorLabel")
        self.buttons: QDialogButtonBox = child(self.form, QDialogButtonBox, "buttonBox")
        self.error_label.hide()
        self.username.setText(username)
        (self.code if username else self.username).setFocus()
        for edit in (self.username, self.code, self.new_password, self.confirm):
            edit.textEdited.connect(lambda _text: self._show(""))  # a message about old input goes
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(500)

    def submit(self) -> None:
        username = self.username.text().strip()
        if not username or not self.code.text().strip() or not self.new_password.text():
            self._show(self.tr("Please fill in the user name, the recovery code and the new password."))
            return
        if self.new_password.text() != self.confirm.text():
            self._show(self.tr("The two new passwords differ."))
            self.confirm.setFocus()
            self.confirm.selectAll()
            return
        self.buttons.setEnabled(False)
        self._show(self.tr("Checking the recovery code…"))
        self.worker.submit(
            recover_password,
            self.folder,
            self.code.text(),
            username,
            self.new_password.text(),
            session=False,
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, result: tuple[str, str]) -> None:
        self.recovered_user, self.new_code = result
        self.code.clear()
        self.new_password.clear()
        self.confirm.clear()
        self.accept()

    def _failed(self, error: UserError) -> None:
        self.buttons.setEnabled(True)
        self._show(str(error))
        if isinstance(error, ValidationError):  # the new password breaks the policy
            self.new_password.setFocus()
            self.new_password.selectAll()
        else:  # a wrong code, an unknown account, a damaged store: the code is typed again
            self.code.clear()
            self.code.setFocus()

    def _show(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
