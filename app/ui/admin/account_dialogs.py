"""Small dialogs of the account pages: new account, password reset, role and clearance."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from app.core.errors import UserError
from app.core.security import accounts
from app.core.security.roles import CASE_ROLES, CLEARANCES, Role
from app.core.session import User
from app.ui.db_worker import DbWorker

CASE_ROLE_ORDER = [r for r in Role if r in CASE_ROLES]


class _WorkerDialog(QDialog):
    """A form dialog whose OK runs one core operation on the worker and shows its error inline."""

    def __init__(self, worker: DbWorker, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.form = QFormLayout()
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setStyleSheet("color: #b00000;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.result_value: Any = None

    def password_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def run(self, fn: Callable, *args: Any) -> None:
        self.buttons.setEnabled(False)
        self.error_label.hide()
        self.worker.submit(fn, *args, on_done=self._done, on_error=self._failed)

    def _done(self, value: Any) -> None:
        self.result_value = value
        self.accept()

    def _failed(self, error: UserError) -> None:
        self.buttons.setEnabled(True)
        self.error_label.setText(str(error))
        self.error_label.show()

    def submit(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class NewAccountDialog(_WorkerDialog):
    def __init__(self, worker: DbWorker, parent=None) -> None:
        super().__init__(worker, parent)
        self.setWindowTitle(self.tr("New account"))
        self.username = QLineEdit()
        self.username.setObjectName("usernameEdit")
        self.display_name = QLineEdit()
        self.display_name.setObjectName("displayNameEdit")
        self.role = QComboBox()
        for role in CASE_ROLE_ORDER:
            self.role.addItem(role.label, role)
        self.clearance = QComboBox()
        self.clearance.addItems(list(CLEARANCES))
        self.clearance.setCurrentText("秘密")
        self.post = QLineEdit()
        self.password = self.password_edit("passwordEdit")
        self.form.addRow(self.tr("User name:"), self.username)
        self.form.addRow(self.tr("Full name:"), self.display_name)
        self.form.addRow(self.tr("Role:"), self.role)
        self.form.addRow(self.tr("Clearance:"), self.clearance)
        self.form.addRow(self.tr("Post:"), self.post)
        self.form.addRow(self.tr("Temporary password:"), self.password)
        note = QLabel(self.tr("The holder must change the temporary password at the first sign-in."))
        note.setWordWrap(True)
        self.form.addRow(note)

    def submit(self) -> None:
        self.run(
            _create_account,
            self.username.text(),
            self.display_name.text(),
            self.password.text(),
            Role(self.role.currentData()),
            self.clearance.currentText(),
            self.post.text(),
        )


def _create_account(session, username, display_name, password, role, clearance, post) -> User:
    return accounts.create_account(
        session, username, display_name, password, role=role, clearance=clearance, post=post
    )


class ResetPasswordDialog(_WorkerDialog):
    def __init__(self, worker: DbWorker, user: User, parent=None) -> None:
        super().__init__(worker, parent)
        self.user = user
        self.setWindowTitle(self.tr("Reset password"))
        self.password = self.password_edit("passwordEdit")
        self.confirm = self.password_edit("confirmEdit")
        self.form.addRow(
            QLabel(self.tr("Account: {name}").format(name=f"{user.username}（{user.display_name}）"))
        )
        self.form.addRow(self.tr("Temporary password:"), self.password)
        self.form.addRow(self.tr("Repeat:"), self.confirm)

    def submit(self) -> None:
        if self.password.text() != self.confirm.text():
            self._failed(UserError(self.tr("The two passwords differ.")))
            return
        self.run(accounts.reset_password, self.user.id, self.password.text())


class RoleDialog(_WorkerDialog):
    def __init__(self, worker: DbWorker, user: User, parent=None) -> None:
        super().__init__(worker, parent)
        self.user = user
        self.setWindowTitle(self.tr("Role and clearance"))
        self.role = QComboBox()
        self.role.setObjectName("roleCombo")
        for role in CASE_ROLE_ORDER:
            self.role.addItem(role.label, role)
        if user.role in CASE_ROLE_ORDER:
            self.role.setCurrentIndex(CASE_ROLE_ORDER.index(user.role))
        self.clearance = QComboBox()
        self.clearance.setObjectName("clearanceCombo")
        self.clearance.addItems(list(CLEARANCES))
        self.clearance.setCurrentText(user.clearance)
        self.form.addRow(
            QLabel(self.tr("Account: {name}").format(name=f"{user.username}（{user.display_name}）"))
        )
        self.form.addRow(self.tr("Role:"), self.role)
        self.form.addRow(self.tr("Clearance:"), self.clearance)

    def submit(self) -> None:
        self.run(accounts.set_role, self.user.id, Role(self.role.currentData()), self.clearance.currentText())
