"""The system administrator's page: the account list; create, reset password, disable or enable.

Resetting a password and enabling a disabled account are two-person steps (account_dialogs).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserError
from app.core.security import accounts
from app.core.session import User
from app.ui.admin.account_dialogs import EnableAccountDialog, NewAccountDialog, ResetPasswordDialog
from app.ui.admin.accounts_model import AccountsModel, accounts_table
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.messages import confirm, show_error


class AccountsPage(QWidget):
    def __init__(self, worker: DbWorker) -> None:
        super().__init__()
        self.setObjectName("accountsPage")
        self.worker = worker
        self.model = AccountsModel(self)
        self.table = accounts_table(self.model)

        title = QLabel(self.tr("Accounts"))
        title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.new_button = QPushButton(self.tr("New account…"))
        self.reset_button = QPushButton(self.tr("Reset password…"))
        self.disable_button = QPushButton(self.tr("Disable / enable"))
        buttons = QHBoxLayout()
        for button in (self.new_button, self.reset_button, self.disable_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(buttons)
        layout.addWidget(self.table)

        self.new_button.clicked.connect(self.new_account)
        self.reset_button.clicked.connect(self.reset_password)
        self.disable_button.clicked.connect(self.toggle_disabled)
        follow_changes(self, worker, {"user"}, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.worker.submit(
            accounts.list_accounts, on_done=self._loaded, on_error=lambda e: show_error(self, e)
        )

    def _loaded(self, users: list[User]) -> None:
        self.model.set_users(users)
        self.table.resizeColumnsToContents()

    def selected(self) -> User | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.user_at(rows[0].row()) if rows else None

    def new_account(self) -> None:
        NewAccountDialog(self.worker, self).exec()

    def reset_password(self) -> None:
        user = self.selected()
        if user is None:
            show_error(self, self.tr("Select an account first."))
            return
        ResetPasswordDialog(self.worker, user, self).exec()

    def toggle_disabled(self) -> None:
        user = self.selected()
        if user is None:
            show_error(self, self.tr("Select an account first."))
            return
        if user.disabled:  # enabling gives case access back: a two-person step
            EnableAccountDialog(self.worker, user, self).exec()
            return
        if not confirm(self, self.tr("Disable the account {name}?").format(name=user.username)):
            return
        self.worker.submit(
            accounts.set_disabled,
            user.id,
            True,
            on_error=self._failed,
        )

    def _failed(self, error: UserError) -> None:
        show_error(self, error)
