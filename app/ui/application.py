"""Starting the GUI: translator, font, the database worker, and which window comes first.

`run(data_dir)` shows the setup wizard when the folder has no workstation yet, the unlock window
otherwise; after sign-in the main window (after a forced password change when one is due); after
sign-out or a restore the unlock window again.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from app import paths
from app.core.session import User
from app.core.store.keyslots import KdfParams
from app.core.workstation import Workstation
from app.ui.change_password_dialog import ChangePasswordDialog
from app.ui.db_worker import DbWorker
from app.ui.main_window import MainWindow, WorkspaceFactory
from app.ui.qt_words import QtWords
from app.ui.settings import APPLICATION, ORGANISATION, keep_qt_settings_off_disk
from app.ui.setup_wizard import SetupWizard
from app.ui.unlock_window import UnlockWindow

TRANSLATION = "xuncha_zh_CN.qm"
CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimHei")

_translators: list[QTranslator] = []  # must outlive the application's use of them


def install_translations(app: QApplication, language: str | None = None) -> bool:
    """Install the zh_CN translation (the default) and Qt's own; XUNCHA_LANG=en keeps English."""
    language = language or os.environ.get("XUNCHA_LANG", "zh_CN")
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    if language != "zh_CN":
        return False
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ours = QTranslator(app)
    if not ours.load(str(paths.resource("translations", TRANSLATION))):
        return False
    qt_base = QTranslator(app)
    if qt_base.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_base)
        _translators.append(qt_base)
    qt_words = QtWords(app)  # the file dialog's labels that qtbase_zh_CN lacks
    app.installTranslator(qt_words)
    _translators.append(qt_words)
    app.installTranslator(ours)
    _translators.append(ours)
    # Each area of the GUI (organisation, talks, documents, register…) ships its own catalogue.
    for extra in sorted(paths.resource("translations").glob("*_zh_CN.qm")):
        if extra.name == TRANSLATION:
            continue
        area = QTranslator(app)
        if area.load(str(extra)):
            app.installTranslator(area)
            _translators.append(area)
    return True


def install_font(app: QApplication) -> str | None:
    families = set(QFontDatabase.families())
    for family in CJK_FONTS:
        if family in families:
            font = QFont(family)
            font.setPointSize(max(10, app.font().pointSize()))
            app.setFont(font)
            return family
    return None


def make_application() -> QApplication:
    keep_qt_settings_off_disk()  # before any dialog: no folder or file name reaches Qt's settings
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("巡察工作台")
    app.setQuitOnLastWindowClosed(False)  # windows replace each other; the controller decides when to quit
    install_translations(app)
    install_font(app)
    return app


class AppController(QObject):
    """Moves between the wizard, the unlock window and the main window; owns the worker."""

    def __init__(
        self,
        data_dir: Path,
        *,
        demo: bool = False,
        kdf: KdfParams | None = None,
        workspace_factory: WorkspaceFactory | None = None,
        quit_app: bool = True,
    ) -> None:
        super().__init__()
        self.folder = Path(data_dir)
        self.demo = demo
        self.kdf = kdf
        self.workspace_factory = workspace_factory
        self.quit_app = quit_app
        self.worker = DbWorker()
        self.worker.start()
        self.window: QWidget | None = None  # the window now in front
        self.finished = False

    def start(self) -> None:
        if Workstation(self.folder).exists():
            self.show_unlock()
        else:
            self.show_wizard()

    def _switch(self, window: QWidget) -> None:
        old, self.window = self.window, window
        window.show()
        window.raise_()
        window.activateWindow()
        if old is not None and old is not window:
            old.close()
            old.deleteLater()

    def show_wizard(self) -> None:
        wizard = SetupWizard(self.worker, self.folder, kdf=self.kdf)
        wizard.finished.connect(lambda _: self.show_unlock() if wizard.result is not None else self.quit())
        self._switch(wizard)

    def show_unlock(self) -> None:
        window = UnlockWindow(self.worker, self.folder, demo=self.demo)
        window.signed_in.connect(self._signed_in)
        window.installEventFilter(self)
        self._switch(window)
        window.username.setFocus()

    def _signed_in(self, user: User) -> None:
        if not user.must_change_password:
            self.show_main(user)
            return
        dialog = ChangePasswordDialog(self.worker, self.window, forced=True)
        dialog.setObjectName("forcedPasswordDialog")
        dialog.accepted.connect(lambda: self.show_main(user))
        dialog.rejected.connect(lambda: self.worker.sign_out())
        dialog.open()

    def show_main(self, user: User) -> None:
        window = MainWindow(self.worker, self.folder, user, workspace_factory=self.workspace_factory)
        window.signed_out.connect(self.show_unlock)
        window.installEventFilter(self)
        self._switch(window)

    def eventFilter(self, watched: QObject, event) -> bool:
        # The user closed the window in front (not a switch between windows): quit.
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.Close and watched is self.window:
            self.window = None
            self.quit()
        return False

    def quit(self) -> None:
        if self.finished:
            return
        self.finished = True
        if self.quit_app:
            QApplication.instance().quit()

    def shutdown(self) -> None:
        self.worker.stop()


def run(data_dir: Path, *, demo: bool = False) -> int:
    """Start the GUI on the data folder `data_dir` and return the exit code."""
    app = make_application()
    controller = AppController(Path(data_dir), demo=demo)
    controller.start()
    try:
        return app.exec()
    finally:
        controller.shutdown()
