"""Small dialogs of the account pages: new account, password reset, role and clearance, enabling.

The password reset, the role and enabling a disabled account are two-person steps (core: security/dual_control.py): OK first
proposes the change; the dialog then shows what is proposed and asks the other administrator to sign
in on the same screen; their OK confirms and applies it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserError
from app.core.security import accounts, dual_control
from app.core.security.dual_control import PendingChange
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
        self.post = QLineEdit()
        self.password = self.password_edit("passwordEdit")
        self.form.addRow(self.tr("User name:"), self.username)
        self.form.addRow(self.tr("Full name:"), self.display_name)
        self.form.addRow(self.tr("Post:"), self.post)
        self.form.addRow(self.tr("Temporary password:"), self.password)
        note = QLabel(
            self.tr(
                "The new account has no role, clearance or team and cannot sign in until the security"
                " officer and the system administrator together grant it a role. The holder must change"
                " the temporary password at the first sign-in."
            )
        )
        note.setWordWrap(True)
        self.form.addRow(note)

    def submit(self) -> None:
        self.run(
            _create_account,
            self.username.text(),
            self.display_name.text(),
            self.password.text(),
            self.post.text(),
        )


def _create_account(session, username, display_name, password, post) -> User:
    return accounts.create_account(session, username, display_name, password, post=post)


class _TwoPersonDialog(_WorkerDialog):
    """OK proposes (`propose`); then the other administrator signs in below and OK confirms."""

    def __init__(self, worker: DbWorker, parent=None) -> None:
        super().__init__(worker, parent)
        self.change: PendingChange | None = None
        self.confirm_form = QFormLayout()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("summaryLabel")
        self.summary_label.setWordWrap(True)
        self.confirmer = QLineEdit()
        self.confirmer.setObjectName("confirmerEdit")
        self.confirmer_password = self.password_edit("confirmerPasswordEdit")
        self.confirm_form.addRow(self.summary_label)
        self.confirm_form.addRow(QCoreApplication.translate("TwoPersonDialog", "User name:"), self.confirmer)
        self.confirm_form.addRow(
            QCoreApplication.translate("TwoPersonDialog", "Password:"), self.confirmer_password
        )
        self.confirm_box = QWidget()
        self.confirm_box.setObjectName("confirmBox")
        self.confirm_box.setLayout(self.confirm_form)
        self.confirm_box.hide()
        self.layout().insertWidget(1, self.confirm_box)

    def propose(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def submit(self) -> None:
        if self.change is None:
            self.propose()
        else:
            self.run(dual_control.confirm, self.change, self.confirmer.text(), self.confirmer_password.text())

    def _done(self, value: Any) -> None:
        if self.change is None and isinstance(value, PendingChange):
            self.change = value
            roles = QCoreApplication.translate("TwoPersonDialog", " or ").join(
                r.label for r in value.confirmer_roles
            )
            self.summary_label.setText(
                QCoreApplication.translate(
                    "TwoPersonDialog", "Proposed: {change}.\nTo confirm it, the {roles} signs in here."
                ).format(change=value.summary, roles=roles)
            )
            for i in range(self.form.count()):
                widget = self.form.itemAt(i).widget()
                if widget is not None:
                    widget.setEnabled(False)
            self.confirm_box.show()
            self.buttons.setEnabled(True)
            self.confirmer.setFocus()
            return
        super()._done(value)


class ResetPasswordDialog(_TwoPersonDialog):
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

    def propose(self) -> None:
        if self.password.text() != self.confirm.text():
            self._failed(UserError(self.tr("The two passwords differ.")))
            return
        self.run(dual_control.propose_password_reset, self.user.id, self.password.text())


class RoleDialog(_TwoPersonDialog):
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
        self.clearance.setCurrentText(user.clearance or "秘密")
        self.form.addRow(
            QLabel(self.tr("Account: {name}").format(name=f"{user.username}（{user.display_name}）"))
        )
        self.form.addRow(self.tr("Role:"), self.role)
        self.form.addRow(self.tr("Clearance:"), self.clearance)

    def propose(self) -> None:
        self.run(
            dual_control.propose_role,
            self.user.id,
            Role(self.role.currentData()),
            self.clearance.currentText(),
        )


class EnableAccountDialog(_TwoPersonDialog):
    """Enabling a disabled account gives back its role and clearance: the other administrator confirms."""

    def __init__(self, worker: DbWorker, user: User, parent=None) -> None:
        super().__init__(worker, parent)
        self.user = user
        self.setWindowTitle(self.tr("Enable account"))
        self.form.addRow(
            QLabel(self.tr("Account: {name}").format(name=f"{user.username}（{user.display_name}）"))
        )
        note = QLabel(
            self.tr(
                "Enabling the account gives it back its role and clearance, so the other administrator"
                " must confirm it."
            )
        )
        note.setWordWrap(True)
        self.form.addRow(note)

    def propose(self) -> None:
        self.run(dual_control.propose_enable, self.user.id)
