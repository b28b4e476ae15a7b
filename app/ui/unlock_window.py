"""The unlock (sign-in) window: user name and password, checked on the database worker.

On a demo database it lists the demo accounts and their password, read from app.demo, which is
imported only then: the program does not load the demo package (or its password) for a real database,
and a bundle built without app.demo still opens a demo database, just without the list.
After a sign-in it shows the account's previous sign-in and the failures since (a message box that
stays up over the main window), then hands over to the main window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.core.errors import AccountLocked, AuthenticationError, StoreError, UserError
from app.core.workstation import Workstation
from app.ui.db_worker import DbWorker
from app.ui.forms import child, load_form
from app.ui.recovery_dialog import RecoveryDialog

DEMO_MODULES = ("app.demo", "app.demo.accounts")  # left out of a bundle built without the demo


def _notice_text(session) -> str:
    """The sign-in's notice (security/sign_in_notice.py) as text, then the reminders of the unit
    reports overdue or due soon (register/unit_reports.py); runs on the database worker."""
    from app.core.domain.register.unit_reports import reminder_text

    text = session.notice.text() if session.notice is not None else ""
    due = reminder_text(session)
    return "\n\n".join(t for t in (text, due) if t)


class UnlockWindow(QWidget):
    signed_in = Signal(object)  # the signed-in User

    def __init__(self, worker: DbWorker, folder: Path, *, demo: bool = False) -> None:
        super().__init__()
        self.worker = worker
        self.folder = Path(folder)
        self.form = load_form("unlock.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        self.setWindowTitle(self.form.windowTitle())
        self.username: QLineEdit = child(self.form, QLineEdit, "usernameEdit")
        self.password: QLineEdit = child(self.form, QLineEdit, "passwordEdit")
        self.login_button: QPushButton = child(self.form, QPushButton, "loginButton")
        self.error_label: QLabel = child(self.form, QLabel, "errorLabel")
        self.status_label: QLabel = child(self.form, QLabel, "statusLabel")
        self.demo_label: QLabel = child(self.form, QLabel, "demoLabel")
        self.recover_button: QPushButton = child(self.form, QPushButton, "recoverButton")
        self.error_label.hide()
        self.notice_text = ""
        self.notice_box: QMessageBox | None = None

        # The demo accounts are shown only on a demo database, never anywhere else.
        is_demo = Workstation(self.folder).is_demo()
        self.demo_label.setVisible(is_demo)
        if is_demo:
            self._show_demo_accounts()
        if demo or is_demo:
            self.setWindowTitle(self.windowTitle() + self.tr(" (demo)"))

        self.login_button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.recover_button.clicked.connect(self.open_recovery)
        self.manual_button: QPushButton = child(self.form, QPushButton, "manualButton")
        self.manual_button.clicked.connect(self.open_manual)
        QShortcut(QKeySequence(Qt.Key.Key_F1), self, self.open_manual)
        self.resize(480, 460 if is_demo else 400)

    def _show_demo_accounts(self) -> None:
        try:
            from app.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
        except ModuleNotFoundError as exc:
            if exc.name not in DEMO_MODULES:
                raise
            self.demo_label.hide()  # a bundle without the demo package: the title still says "demo"
            return
        self.demo_label.setText(
            self.tr("Demo database. Accounts: {accounts}. Password for every account: {password}").format(
                accounts=", ".join(name for name, *_ in DEMO_ACCOUNTS), password=DEMO_PASSWORD
            )
        )

    def submit(self) -> None:
        username = self.username.text().strip()
        if not username or not self.password.text():
            self.show_error(self.tr("Please enter your user name and password."))
            return
        self._set_busy(True)
        self.worker.sign_in(
            self.folder, username, self.password.text(), on_done=self._signed_in, on_error=self._failed
        )

    def open_recovery(self) -> RecoveryDialog:
        dialog = RecoveryDialog(self.worker, self.folder, self.username.text().strip(), self)
        dialog.accepted.connect(lambda: self._recovered(dialog.recovered_user or "", dialog.new_code))
        dialog.open()
        return dialog

    def open_manual(self):
        """The user manual (F1), readable before anyone signs in: it holds no case data."""
        from app.ui.manual_viewer import show_manual

        return show_manual(self)

    def _recovered(self, username: str, new_code: str = "") -> None:
        self.username.setText(username)
        self.password.clear()
        self.password.setFocus()
        self.show_error("")
        self.status_label.setText(
            self.tr(
                "A new password was set for {user}. Sign in with it; you will be asked to change it."
            ).format(user=username)
        )
        if new_code:  # the used code no longer works: the new one must be printed and sealed now
            self.status_label.setText(
                self.status_label.text()
                + "\n"
                + self.tr(
                    "The recovery code was used up. New recovery code (print and seal it): {code}"
                ).format(code=new_code)
            )

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.username, self.password, self.login_button, self.recover_button):
            widget.setEnabled(not busy)
        self.status_label.setText(self.tr("Checking the password…") if busy else "")
        if busy:
            self.show_error("")

    def _signed_in(self, user) -> None:
        # Every sign-in shows the account's previous one (GB/T 22239), before the main window opens.
        self.worker.submit(
            _notice_text,
            on_done=lambda text: self._show_notice(user, text),
            on_error=lambda _e: self._go(user),
        )

    def _show_notice(self, user, text: str) -> None:
        self.notice_text = text
        if text:
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Previous sign-in"), text)
            box.setObjectName("signInNotice")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.setModal(False)
            box.show()
            self.notice_box = box
        self._go(user)

    def _go(self, user) -> None:
        self._set_busy(False)
        self.password.clear()
        self.signed_in.emit(user)

    def _failed(self, error: UserError) -> None:
        self._set_busy(False)
        self.password.clear()
        self.show_error(self.describe(error))
        self.password.setFocus()

    def describe(self, error: UserError) -> str:
        if isinstance(error, AccountLocked):
            return str(error)  # the core names the minutes left
        if isinstance(error, AuthenticationError):
            return str(error)
        if isinstance(error, StoreError):
            return self.tr("The database cannot be opened: {reason}").format(reason=error)
        return str(error)
