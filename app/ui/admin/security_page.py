"""The security officer's page: roles and clearances of case accounts, the security policy, the key.

Rotating the database key runs on the worker behind a progress dialog with Cancel
(app.core.store.rekey); the page only asks for confirmation and reports the result.
"""

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
from app.core.store import rekey
from app.ui.admin.account_dialogs import RoleDialog
from app.ui.admin.accounts_model import AccountsModel, accounts_table
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.messages import confirm, show_error, show_info
from app.ui.progress import run_with_progress


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

        key_box = QGroupBox(self.tr("Database key"))
        key_layout = QVBoxLayout(key_box)
        key_note = QLabel(
            self.tr(
                "Re-encrypts the database under a new key and reseals every key slot to it. Afterwards no "
                "earlier copy of the key slots (old passwords, removed accounts) opens the database; "
                "earlier backups still open with the passwords of their day."
            )
        )
        key_note.setWordWrap(True)
        self.rotate_button = QPushButton(self.tr("Rotate database key…"))
        self.rotate_button.setObjectName("rotateKeyButton")
        self.rotate_button.clicked.connect(self.rotate_key)
        key_layout.addWidget(key_note)
        key_layout.addWidget(self.rotate_button)
        self.rotation = None  # the running job and its progress dialog

        layout = QHBoxLayout(self)
        layout.addWidget(accounts_box, 3)
        column = QVBoxLayout()
        column.addWidget(policy_box)
        column.addWidget(key_box)
        column.addStretch(1)
        layout.addLayout(column, 2)
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

    def rotate_key(self) -> None:
        question = self.tr(
            "Rotate the database key now? Every other window and command-line session on this workstation "
            "must be signed out first. This may take a few minutes for a large database."
        )
        if not confirm(self, question):
            return
        self.rotate_button.setEnabled(False)
        self.rotation = run_with_progress(
            self.worker,
            self,
            self.tr("Re-encrypting the database under a new key…"),
            rekey.rotate_key,
            on_done=self._rotated,
            on_error=self._rotation_failed,
        )

    def _rotated(self, info: rekey.RotationInfo) -> None:
        self.rotation = None
        self.rotate_button.setEnabled(True)
        show_info(
            self,
            self.tr(
                "The database key has been changed: {pages} pages re-encrypted, {slots} key slots resealed."
            ).format(pages=info.pages, slots=info.slots),
        )

    def _rotation_failed(self, error: UserError) -> None:
        self.rotation = None
        self.rotate_button.setEnabled(True)
        show_error(self, error)

    def _failed(self, error: UserError) -> None:
        self.save_policy_button.setEnabled(True)
        show_error(self, error)


def _set_policy(session, values: dict[str, int]) -> Policy:
    return policy_admin.set_policy(session, **values)
