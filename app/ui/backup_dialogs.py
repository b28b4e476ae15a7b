"""Backup and restore from the File menu: choose a file, follow the progress, cancel if need be."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.core.errors import Cancelled, UserError
from app.core.store.backup import BackupInfo, RestoreInfo, create_backup, restore_backup
from app.ui.db_worker import DbWorker
from app.ui.messages import confirm, show_error, show_info
from app.ui.progress import run_with_progress

SUFFIX = ".xcbak"


class PasswordPrompt(QDialog):
    """Asks the signed-in user's password again before a restore replaces the database."""

    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Confirm with your password"))
        label = QLabel(
            self.tr("Enter the password of {username} to restore the backup.").format(username=username)
        )
        label.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("passwordEdit")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.password)
        layout.addWidget(buttons)
        self.setMinimumWidth(400)


class BackupActions(QObject):
    """The File menu's Backup… and Restore… for one main window."""

    session_closed = Signal()  # a restore closed the session: show the unlock window again

    def __init__(self, worker: DbWorker, folder: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self.worker = worker
        self.folder = Path(folder)
        self.window = parent

    # ---- backup ----------------------------------------------------------------------------------
    def backup(self) -> None:
        suggested = Path.home() / f"xuncha-backup-{datetime.now():%Y%m%d-%H%M}{SUFFIX}"
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Save the backup as"), str(suggested), self.tr("Encrypted backup (*.xcbak)")
        )
        if path:
            self.backup_to(Path(path) if path.endswith(SUFFIX) else Path(path + SUFFIX))

    def backup_to(self, dest: Path):
        return run_with_progress(
            self.worker,
            self.window,
            self.tr("Writing and verifying the encrypted backup…"),
            create_backup,
            dest,
            on_done=self._backed_up,
            on_error=self._failed,
        )

    def _backed_up(self, info: BackupInfo) -> None:
        show_info(
            self.window,
            self.tr("The backup has been written and verified: {name} ({size} MB).").format(
                name=info.path.name, size=f"{info.size / 1_048_576:.1f}"
            ),
        )

    def _failed(self, error: UserError) -> None:
        if isinstance(error, Cancelled):
            show_info(self.window, str(error))
        else:
            show_error(self.window, error)

    # ---- restore ---------------------------------------------------------------------------------
    def restore(self, username: str) -> None:
        warning = self.tr(
            "Restoring replaces all data on this workstation with the backup. Everything entered since the "
            "backup was made is set aside (kept encrypted in a replaced-… folder). You will be signed out. "
            "Continue?"
        )
        if not confirm(self.window, warning):
            return
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Choose the backup"), str(Path.home()), self.tr("Encrypted backup (*.xcbak)")
        )
        if not path:
            return
        prompt = PasswordPrompt(username, self.window)
        if not prompt.exec():
            return
        self.restore_from(Path(path), username, prompt.password.text())

    def restore_from(self, source: Path, username: str, password: str) -> None:
        """Close the session on the worker, then restore; afterwards the unlock window comes back."""
        self.worker.sign_out(
            on_done=lambda _: self._run_restore(source, username, password),
            on_error=lambda error: self._run_restore(source, username, password),
        )

    def _run_restore(self, source: Path, username: str, password: str) -> None:
        run_with_progress(
            self.worker,
            self.window,
            self.tr("Checking and restoring the backup…"),
            restore_backup,
            self.folder,
            source,
            username,
            password,
            session=False,
            on_done=self._restored,
            on_error=self._restore_failed,
        )

    def _restored(self, info: RestoreInfo) -> None:
        show_info(
            self.window,
            self.tr("The backup of {when} has been restored. Please sign in again.").format(
                when=info.created_at[:16].replace("T", " ")
            ),
        )
        self.session_closed.emit()

    def _restore_failed(self, error: UserError) -> None:
        self._failed(error)
        self.session_closed.emit()
