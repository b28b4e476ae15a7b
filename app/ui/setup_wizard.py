"""First start: create the encrypted workstation (organisation, the three administrators, the office)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from app.core.errors import UserError, ValidationError
from app.core.security.accounts import validate_username
from app.core.security.policy import Policy, check_password
from app.core.security.roles import Role
from app.core.store.keyslots import KdfParams
from app.core.workstation import NewAccount, SetupResult, Workstation
from app.ui import recovery_sheet
from app.ui.db_worker import DbWorker
from app.ui.messages import show_error, show_info

ERROR_STYLE = "color: #b00000;"
OK_STYLE = "color: #0a7a0a;"


def create_workstation(
    folder: Path, org_name: str, accounts: list[NewAccount], kdf: KdfParams | None
) -> SetupResult:
    """Runs on the database worker: Argon2 for five slots takes a few seconds."""
    return Workstation(folder).create(org_name, accounts, kdf=kdf)


class OrganisationPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Set up this workstation"))
        self.setSubTitle(
            self.tr(
                "The data folder has no database yet. This wizard creates the encrypted database, the three "
                "separated administrator accounts and the first inspection office account."
            )
        )
        self.org_name = QLineEdit()
        self.org_name.setObjectName("orgNameEdit")
        self.org_name.setPlaceholderText(self.tr("e.g. Office of the municipal inspection leading group"))
        form = QFormLayout(self)
        form.addRow(self.tr("Organisation name:"), self.org_name)
        self.registerField("org_name*", self.org_name)


class AccountPage(QWizardPage):
    """One account: user name, full name, password twice; the policy's verdict beside the field."""

    def __init__(self, role: Role, default_username: str, title: str, explanation: str) -> None:
        super().__init__()
        self.role = role
        self.setTitle(title)
        self.setSubTitle(explanation)
        self.username = QLineEdit(default_username)
        self.display_name = QLineEdit()
        self.password = QLineEdit()
        self.confirm = QLineEdit()
        for edit, name in (
            (self.username, "usernameEdit"),
            (self.display_name, "displayNameEdit"),
            (self.password, "passwordEdit"),
            (self.confirm, "confirmEdit"),
        ):
            edit.setObjectName(name)
        for edit in (self.password, self.confirm):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.username_message = self._message_label()
        self.password_message = self._message_label()
        self.confirm_message = self._message_label()

        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        rows = (
            (self.tr("User name:"), self.username, self.username_message),
            (self.tr("Full name:"), self.display_name, None),
            (self.tr("Password:"), self.password, self.password_message),
            (self.tr("Repeat password:"), self.confirm, self.confirm_message),
        )
        for row, (label, edit, message) in enumerate(rows):
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(edit, row, 1)
            if message is not None:
                grid.addWidget(message, row, 2)
        note = QLabel(self.tr("The holder must change this password at the first sign-in."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        grid.addWidget(note, len(rows), 0, 1, 3)
        grid.setRowStretch(len(rows) + 1, 1)

        for edit in (self.username, self.display_name, self.password, self.confirm):
            edit.textChanged.connect(self._changed)
        self._changed()

    @staticmethod
    def _message_label() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setMinimumWidth(200)
        return label

    def _verdict(self) -> dict[str, str | None]:
        """The error message per field (None when the field is fine)."""
        out: dict[str, str | None] = {"username": None, "password": None, "confirm": None}
        try:
            validate_username(self.username.text())
        except ValidationError as exc:
            out["username"] = str(exc)
        try:
            check_password(self.password.text(), Policy(), "秘密", self.username.text().strip().lower())
        except ValidationError as exc:
            out["password"] = str(exc)
        if self.confirm.text() != self.password.text():
            out["confirm"] = self.tr("The two passwords differ.")
        return out

    def _changed(self) -> None:
        verdict = self._verdict()
        for key, label, typed in (
            ("username", self.username_message, self.username.text()),
            ("password", self.password_message, self.password.text()),
            ("confirm", self.confirm_message, self.confirm.text()),
        ):
            message = verdict[key]
            if message and typed:
                label.setStyleSheet(ERROR_STYLE)
                label.setText(message)
            elif typed:
                label.setStyleSheet(OK_STYLE)
                label.setText("✓")
            else:
                label.setText("")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.display_name.text().strip()) and not any(self._verdict().values())

    def validatePage(self) -> bool:
        wizard = self.wizard()
        name = self.username.text().strip().lower()
        others = [p for p in wizard.account_pages if p is not self and wizard.visited(p)]
        if any(p.username.text().strip().lower() == name for p in others):
            self.username_message.setStyleSheet(ERROR_STYLE)
            self.username_message.setText(self.tr("This user name is already used by another account."))
            return False
        return True

    def account(self) -> NewAccount:
        return NewAccount(
            self.username.text().strip().lower(),
            self.display_name.text().strip(),
            self.role,
            self.password.text(),
        )


class CreatePage(QWizardPage):
    """Creates the database on the worker when the user presses Create; there is no way back."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Create the database"))
        self.setSubTitle(self.tr("Check the accounts below, then press Create."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Create"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        layout.addWidget(self.status)
        layout.addWidget(self.busy)
        self.result: SetupResult | None = None
        self._running = False

    def initializePage(self) -> None:
        wizard: SetupWizard = self.wizard()
        lines = [self.tr("Organisation: {name}").format(name=wizard.field("org_name").strip())]
        for page in wizard.account_pages:
            acc = page.account()
            lines.append(f"{acc.role.label}: {acc.username}（{acc.display_name}）")
        lines.append(self.tr("Data folder: {folder}").format(folder=wizard.folder))
        self.summary.setText("\n".join(lines))

    def isComplete(self) -> bool:
        return not self._running

    def validatePage(self) -> bool:
        if self.result is not None:
            return True
        wizard: SetupWizard = self.wizard()
        self._running = True
        self.completeChanged.emit()
        self.busy.show()
        self.status.setText(self.tr("Creating the encrypted database and the key slots…"))
        wizard.worker.submit(
            create_workstation,
            wizard.folder,
            wizard.field("org_name").strip(),
            [page.account() for page in wizard.account_pages],
            wizard.kdf,
            session=False,
            on_done=self._created,
            on_error=self._failed,
        )
        return False

    def _created(self, result: SetupResult) -> None:
        self.result = result
        self._running = False
        self.busy.hide()
        self.status.setText("")
        self.completeChanged.emit()
        self.wizard().next()

    def _failed(self, error: UserError) -> None:
        self._running = False
        self.busy.hide()
        self.status.setText("")
        self.completeChanged.emit()
        show_error(self, error)


class RecoveryPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Recovery code"))
        self.setSubTitle(self.tr("The workstation is ready. This code is shown only this once."))
        self.code_label = QLabel()
        self.code_label.setObjectName("recoveryCodeLabel")
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("WenQuanYi Micro Hei Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(20)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_label.setStyleSheet("border: 2px solid #444; padding: 14px; background: #fafafa;")
        advice = QLabel(
            self.tr(
                "With this code any account's password can be reset if it is forgotten. Print it now, seal "
                "the sheet in an envelope, sign across the seal and keep it in the safe. Do not save it on "
                "this or any other computer."
            )
        )
        advice.setWordWrap(True)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("printButton")
        self.print_button.clicked.connect(self._print)
        self.confirmed = QCheckBox(self.tr("I have printed or written down the recovery code."))
        self.confirmed.setObjectName("confirmedCheck")
        self.confirmed.toggled.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.code_label)
        layout.addWidget(advice)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        layout.addWidget(self.confirmed)

    def initializePage(self) -> None:
        result = self.wizard().result
        self.code_label.setText(result.recovery_code if result else "")

    def isComplete(self) -> bool:
        return self.confirmed.isChecked()

    def _print(self) -> None:
        wizard: SetupWizard = self.wizard()
        outcome = recovery_sheet.print_with_dialog(
            self, wizard.field("org_name").strip(), wizard.result.recovery_code
        )
        if outcome == "refused_file":
            show_info(self, self.tr("The recovery code may not be printed to a file. Choose a real printer."))


class SetupWizard(QWizard):
    created = Signal(object)  # the data folder, once the database exists

    def __init__(self, worker: DbWorker, folder: Path, *, kdf: KdfParams | None = None) -> None:
        super().__init__()
        self.worker = worker
        self.folder = Path(folder)
        self.kdf = kdf  # tests pass KdfParams.fast_for_tests(); the default calibrates to ~0.5 s
        self.setWindowTitle(self.tr("Inspection Workbench — first start"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.addPage(OrganisationPage())
        self.account_pages = [
            AccountPage(
                Role.SYSADMIN,
                "sysadmin",
                self.tr("System administrator"),
                self.tr("Manages accounts and backups; reads no case data."),
            ),
            AccountPage(
                Role.SECURITY_OFFICER,
                "secadmin",
                self.tr("Security officer"),
                self.tr("Sets roles, clearances and the security policy."),
            ),
            AccountPage(
                Role.AUDITOR,
                "auditor",
                self.tr("Security auditor"),
                self.tr("Reads and checks the audit trail, and nothing else."),
            ),
            AccountPage(
                Role.OFFICE,
                "office",
                self.tr("Inspection office account"),
                self.tr("The first account for case work in the inspection office."),
            ),
        ]
        for page in self.account_pages:
            self.addPage(page)
        self.create_page = CreatePage()
        self.addPage(self.create_page)
        self.recovery_page = RecoveryPage()
        self.addPage(self.recovery_page)
        self.resize(760, 540)
        self.finished.connect(self._on_finished)

    @property
    def result(self) -> SetupResult | None:
        return self.create_page.result

    def visited(self, page: QWizardPage) -> bool:
        return self.pageIds()[self.account_pages.index(page) + 1] in self.visitedIds()

    def _on_finished(self, code: int) -> None:
        if self.result is not None:
            self.created.emit(self.folder)
