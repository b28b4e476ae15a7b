"""The security officer's page: roles and clearances of case accounts, and the security policy."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserError
from app.core.security import accounts, policy_admin
from app.core.security.policy import LIMITS, Policy
from app.core.session import User
from app.ui.admin.account_dialogs import RoleDialog
from app.ui.admin.accounts_model import AccountsModel, accounts_table
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.messages import show_error, show_info


class SecurityPage(QWidget):
    def __init__(self, worker: DbWorker) -> None:
        super().__init__()
        self.setObjectName("securityPage")
        self.worker = worker
        self.model = AccountsModel(self)
        self.table = accounts_table(self.model)
        self.role_button = QPushButton(self.tr("Role and clearance…"))
        self.role_button.clicked.connect(self.edit_role)

        accounts_box = QGroupBox(self.tr("Roles and clearances"))
        box_layout = QVBoxLayout(accounts_box)
        row = QHBoxLayout()
        row.addWidget(self.role_button)
        row.addStretch(1)
        box_layout.addLayout(row)
        box_layout.addWidget(self.table)

        policy_box = QGroupBox(self.tr("Security policy"))
        policy_form = QFormLayout(policy_box)
        self.spins: dict[str, QSpinBox] = {}
        for key, (low, high, label) in LIMITS.items():
            spin = QSpinBox()
            spin.setObjectName(f"{key}Spin")
            spin.setRange(low, high)
            self.spins[key] = spin
            policy_form.addRow(label + "：", spin)
        self.save_policy_button = QPushButton(self.tr("Save policy"))
        self.save_policy_button.setObjectName("savePolicyButton")
        self.save_policy_button.clicked.connect(self.save_policy)
        policy_form.addRow(self.save_policy_button)
        note = QLabel(self.tr("Accounts cleared for 机密 always need 10 characters and a weekly change."))
        note.setWordWrap(True)
        policy_form.addRow(note)

        layout = QHBoxLayout(self)
        layout.addWidget(accounts_box, 3)
        layout.addWidget(policy_box, 2)
        from app.ui.official.seal_section import SealSection  # the seal (issue 8)

        self.seal_section = SealSection(worker, self)
        layout.addWidget(self.seal_section, 2)
        follow_changes(self, worker, {"user", "policy"}, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.worker.submit(accounts.list_accounts, on_done=self._loaded, on_error=self._failed)
        self.worker.submit(policy_admin.get_policy, on_done=self._policy_loaded, on_error=self._failed)

    def _loaded(self, users: list[User]) -> None:
        self.model.set_users(users)
        self.table.resizeColumnsToContents()

    def _policy_loaded(self, policy: Policy) -> None:
        for key, value in policy.as_dict().items():
            if key in self.spins:
                self.spins[key].setValue(value)

    def edit_role(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        user = self.model.user_at(rows[0].row()) if rows else None
        if user is None:
            show_error(self, self.tr("Select an account first."))
            return
        if user.role.is_administrator:
            show_error(self, self.tr("The roles of the three administrators cannot be changed."))
            return
        RoleDialog(self.worker, user, self).exec()

    def save_policy(self) -> None:
        values = {key: spin.value() for key, spin in self.spins.items()}
        self.save_policy_button.setEnabled(False)
        self.worker.submit(_set_policy, values, on_done=self._policy_saved, on_error=self._failed)

    def _policy_saved(self, policy: Policy) -> None:
        self.save_policy_button.setEnabled(True)
        self._policy_loaded(policy)
        show_info(self, self.tr("The security policy has been saved."))

    def _failed(self, error: UserError) -> None:
        self.save_policy_button.setEnabled(True)
        show_error(self, error)


def _set_policy(session, values: dict[str, int]) -> Policy:
    return policy_admin.set_policy(session, **values)
