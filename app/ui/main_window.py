"""The main window shell: classification banner, role page or case workspace, lock, menus."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QStackedWidget,
    QWidget,
)

from app.core.errors import AccountLocked, UserError
from app.core.security import accounts
from app.core.security import lock as lock_ops
from app.core.security.policy import Policy
from app.core.security.roles import Cap, Role, allowed
from app.core.session import User
from app.ui import workspace
from app.ui.backup_dialogs import BackupActions
from app.ui.change_password_dialog import ChangePasswordDialog
from app.ui.db_worker import DbWorker
from app.ui.drafts import collect_drafts, draft_forms, restore_drafts
from app.ui.exchange_actions import ExchangeActions
from app.ui.forms import load_into
from app.ui.idle import IdleWatcher
from app.ui.lock_page import LockPage
from app.ui.messages import show_error, show_info
from app.ui.settings import app_settings

WorkspaceFactory = Callable[["MainWindow"], QWidget]

# File → Exchange: action name → ExchangeActions method; the first four are the office's.
EXCHANGE_SLOTS = {
    "actionExportSetup": "export_setup",
    "actionMerge": "merge",
    "actionReceipt": "receipt",
    "actionConflicts": "show_conflicts",
    "actionHandIn": "hand_in",
    "actionImportReceipt": "import_receipt",
    "actionWipe": "wipe",
}
OFFICE_EXCHANGE = ("actionExportSetup", "actionMerge", "actionReceipt", "actionConflicts")

BANNER_COLOURS = {"内部": "#2f5597", "秘密": "#c00000", "机密": "#7b0000"}


class MainWindow(QMainWindow):
    signed_out = Signal()  # the session is closed; the application shows the unlock window
    lock_changed = Signal(bool)

    def __init__(
        self,
        worker: DbWorker,
        folder: Path,
        user: User,
        *,
        workspace_factory: WorkspaceFactory | None = None,
        idle_timeout_ms: int | None = None,
    ) -> None:
        super().__init__()
        load_into("main_window.ui", self)
        self.worker = worker
        self.folder = Path(folder)
        self.user = user
        self._factory: WorkspaceFactory = workspace_factory or workspace.build_workspace
        self.stack: QStackedWidget = self.findChild(QStackedWidget, "contentStack")
        self.banner: QLabel = self.findChild(QLabel, "bannerLabel")
        self.content: QWidget | None = None
        self.lock_page: LockPage | None = None
        self.locked = False
        self._ended = False
        # Where the user was when the screen locked (ids and cursor positions, in memory only; the
        # unsaved input itself goes to the encrypted drafts), to return there after unlock.
        self._view_state: object = None

        self._set_banner(user.clearance)
        self._set_status()
        self.backups = BackupActions(worker, self.folder, self)
        self.backups.session_closed.connect(self._session_closed)
        self.exchange = ExchangeActions(worker, self)
        self.exchange.session_closed.connect(self._session_closed)
        self._wire_actions()

        self.idle = IdleWatcher(idle_timeout_ms or Policy().idle_lock_minutes * 60_000, self)
        self.idle.idle.connect(lambda: self.lock("idle"))
        if idle_timeout_ms is None:
            self.worker.submit(accounts.load_policy, on_done=self._policy_loaded)
        self.idle.start()

        self._build_content()
        geometry = app_settings().value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    # ---- the workspace hook ----------------------------------------------------------------------
    def set_workspace(self, factory: WorkspaceFactory) -> None:
        """Install the case workspace: `factory(main_window) -> QWidget`.

        The factory is called now (for office and team accounts) and again after every unlock,
        because locking destroys the workspace and its models. Forms inside it that inherit
        app.ui.drafts.DraftForm keep their unsaved input across the lock.
        """
        self._factory = factory
        if not self.user.role.is_administrator and not self.locked:
            self._drop_content()
            self._build_content()

    def _build_content(self) -> None:
        role = self.user.role
        if role == Role.SYSADMIN:
            from app.ui.admin.accounts_page import AccountsPage

            page: QWidget = AccountsPage(self.worker)
        elif role == Role.SECURITY_OFFICER:
            from app.ui.admin.security_page import SecurityPage

            page = SecurityPage(self.worker)
        elif role == Role.AUDITOR:
            from app.ui.audit_window import AuditWindow

            page = AuditWindow(self.worker)
        else:
            page = self._factory(self)
        self.content = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    def _drop_content(self) -> None:
        if self.content is not None:
            self.stack.removeWidget(self.content)
            self.content.hide()
            self.content.deleteLater()  # its models and every record they hold go with it
            self.content = None

    # ---- lock ------------------------------------------------------------------------------------
    def lock(self, reason: str = "manual") -> None:
        if self.locked or self._ended:
            return
        dialogs = self._open_dialogs()
        unsaved = collect_drafts(([self.content] if self.content else []) + dialogs)
        for dialog in dialogs:
            dialog.reject()
        keeps_state = getattr(self.content, "view_state", None)
        self._view_state = keeps_state() if callable(keeps_state) else None
        self._drop_content()
        self.lock_page = LockPage(self.user.username, self.user.display_name)
        self.lock_page.unlock_requested.connect(self._try_unlock)
        self.lock_page.sign_out_requested.connect(self.sign_out)
        self.stack.addWidget(self.lock_page)
        self.stack.setCurrentWidget(self.lock_page)
        self.locked = True
        self.idle.stop()
        self._update_actions()
        self.lock_page.reset()
        self.worker.submit(lock_ops.lock, reason, unsaved, on_error=lambda e: show_error(self, e))
        self.lock_changed.emit(True)

    def _open_dialogs(self) -> list[QWidget]:
        # Dialogs can show records too; a progress dialog shows none and its job must finish.
        return [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog)
            and not isinstance(w, QProgressDialog)
            and w.isVisible()
            and w is not self
        ]

    def _try_unlock(self, password: str) -> None:
        self.worker.submit(lock_ops.unlock, password, on_done=self._unlocked, on_error=self._unlock_failed)

    def _unlocked(self, _: object) -> None:
        if self.lock_page is not None:
            self.stack.removeWidget(self.lock_page)
            self.lock_page.deleteLater()
            self.lock_page = None
        self.locked = False
        self._build_content()
        self._update_actions()
        self.idle.start()
        keys = [form.draft_key for form in draft_forms(self.content)] if self.content else []
        if keys:
            self.worker.submit(lock_ops.load_drafts, keys, on_done=self._restore_drafts)
        state, self._view_state = self._view_state, None
        restore = getattr(self.content, "restore_view_state", None)
        if state is not None and callable(restore):
            restore(state)
        self.lock_changed.emit(False)

    def _restore_drafts(self, payloads: dict) -> None:
        if self.content is not None and not self.locked:
            restore_drafts(self.content, payloads)

    def _unlock_failed(self, error: UserError) -> None:
        if self.lock_page is None:
            return
        if isinstance(error, AccountLocked):
            show_error(self, error)
            self.sign_out()
            return
        self.lock_page.set_busy(False)
        self.lock_page.show_error(str(error))

    def _policy_loaded(self, policy: Policy) -> None:
        self.idle.set_timeout(policy.idle_lock_minutes * 60_000)

    # ---- menus -----------------------------------------------------------------------------------
    def _action(self, name: str) -> QAction:
        return self.findChild(QAction, name)

    def _wire_actions(self) -> None:
        self._action("actionLock").triggered.connect(lambda: self.lock("manual"))
        self._action("actionQuit").triggered.connect(self.close)
        self._action("actionSignOut").triggered.connect(self.sign_out)
        self._action("actionChangePassword").triggered.connect(self.change_password)
        self._action("actionBackup").triggered.connect(self.backups.backup)
        self._action("actionRestore").triggered.connect(lambda: self.backups.restore(self.user.username))
        self._action("actionAbout").triggered.connect(self.about)
        self._action("actionVerifyPrint").triggered.connect(self.verify_print)
        self._action("actionManual").triggered.connect(self.open_manual)
        for name, slot in EXCHANGE_SLOTS.items():
            self._action(name).triggered.connect(lambda _=False, s=slot: getattr(self.exchange, s)())
        for name in ("actionLock", "actionQuit", "actionManual"):
            # Shortcuts must work whatever has the focus, also on the lock page.
            self._action(name).setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self._update_actions()

    def _update_actions(self) -> None:
        open_ = not self.locked
        role = self.user.role
        self._action("actionBackup").setVisible(allowed(role, Cap.BACKUP_CREATE))
        self._action("actionRestore").setVisible(allowed(role, Cap.BACKUP_RESTORE))
        verifies = allowed(role, Cap.PRINT_AUTHENTICATE)
        self._action("actionVerifyPrint").setVisible(verifies)
        self.findChild(QMenu, "menuTools").menuAction().setVisible(verifies)  # no empty menu
        office, leader = allowed(role, Cap.ORG_MANAGE), allowed(role, Cap.ISSUE_SIGN)
        for name in EXCHANGE_SLOTS:
            action = self._action(name)
            action.setVisible(office if name in OFFICE_EXCHANGE else leader)
            action.setEnabled(open_)
        self.findChild(QMenu, "menuExchange").menuAction().setVisible(office or leader)
        for name in (
            "actionBackup",
            "actionRestore",
            "actionChangePassword",
            "actionLock",
            "actionVerifyPrint",
        ):
            self._action(name).setEnabled(open_)

    def verify_print(self) -> None:
        """Check the code on a printed page (office, leaders, the security officer and the auditor)."""
        from app.ui.official.dialogs import AuthenticateDialog

        AuthenticateDialog(self.worker, self).exec()

    def open_manual(self) -> QDialog:
        """帮助 → 使用手册 (F1): the manual in the app's own preview; it holds no case data."""
        from app.ui.manual_viewer import show_manual

        return show_manual(self)

    def change_password(self) -> None:
        if ChangePasswordDialog(self.worker, self).exec():
            show_info(self, self.tr("Your password has been changed."))

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Inspection Workbench"),
            self.tr(
                "Inspection Workbench 0.1 — an encrypted, audited desktop application for inspection "
                "offices and teams, for standalone computers only."
            ),
        )

    # ---- signing out -----------------------------------------------------------------------------
    def sign_out(self) -> None:
        if self._ended:
            return
        unsaved = collect_drafts([self.content]) if self.content is not None and not self.locked else {}
        if unsaved:
            self.worker.submit(lock_ops.save_drafts, unsaved)
        self.worker.sign_out(
            on_done=lambda _: self._session_closed(), on_error=lambda _: self._session_closed()
        )

    def _session_closed(self) -> None:
        if self._ended:
            return
        self._ended = True
        self.idle.uninstall()
        self._drop_content()
        self.signed_out.emit()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        app_settings().setValue("main_window/geometry", self.saveGeometry())
        if not self._ended:
            # Quitting: keep unsaved input and close the session on the worker (the app stops it).
            unsaved = collect_drafts([self.content]) if self.content is not None and not self.locked else {}
            if unsaved:
                self.worker.submit(lock_ops.save_drafts, unsaved)
            self.worker.sign_out()
            self._ended = True
            self.idle.uninstall()
        super().closeEvent(event)

    # ---- furniture -------------------------------------------------------------------------------
    def _set_banner(self, level: str) -> None:
        colour = BANNER_COLOURS.get(level, "#c00000")
        self.banner.setStyleSheet(
            f"background: {colour}; color: white; font-size: 13pt; font-weight: bold; padding: 4px;"
        )
        self.banner.setText(
            self.tr(
                "{level} — standalone computer for classified work; never connect it to a network"
            ).format(level=level)
        )

    def _set_status(self) -> None:
        user = self.user
        who = QLabel(
            self.tr("Signed in: {name} ({username})").format(name=user.display_name, username=user.username)
        )
        who.setObjectName("userStatusLabel")
        role = QLabel(self.tr("Role: {role}").format(role=user.role.label))
        role.setObjectName("roleStatusLabel")
        self.statusBar().addPermanentWidget(who)
        self.statusBar().addPermanentWidget(role)
