"""QSettings for non-sensitive things only (window geometry), in the user's config folder as INI.

On Linux that is $XDG_CONFIG_HOME/xuncha/workbench.ini, on Windows %APPDATA%\\xuncha — never the
install folder and never the data folder. Nothing about records, users or passwords goes here, and
no path: a folder's or a file's name (举报材料-…) is case data. The folders the file dialogs start in
are remembered in memory for the session only.

Qt's own file dialog saves its history and last visited folder in QtProject.conf (or the Windows
registry) whenever one closes, and a native dialog keeps the operating system's recent-files list.
`keep_qt_settings_off_disk()` (run when the application starts, and by `app_settings()`) therefore
points every QSettings that names no file of its own at a folder below a file, where nothing can be
created, and makes every file dialog Qt's own widget dialog; our settings name their file explicitly.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt

ORGANISATION = "xuncha"
APPLICATION = "workbench"
FOLDER_KEYS = ("sheets",)  # groups that older versions filled with folder paths; removed at start

_settings_file: str | None = None
_folders: dict[str, str] = {}


def _nowhere() -> str:
    # A "folder" inside an existing file: QSettings cannot create it, so nothing is ever written.
    anchor = Path(sys.executable) if sys.executable and Path(sys.executable).is_file() else Path(__file__)
    return str(anchor / "qt-settings-disabled")


def keep_qt_settings_off_disk() -> None:
    """Route Qt's own settings nowhere and use non-native file dialogs (idempotent)."""
    global _settings_file
    if _settings_file is not None:
        return
    # Our file first, where Qt would put it, before the default locations are redirected.
    _settings_file = QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    ).fileName()
    nowhere = _nowhere()
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, nowhere)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)  # on Windows: no registry either
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    ours = QSettings(_settings_file, QSettings.Format.IniFormat)
    for group in FOLDER_KEYS:
        if group in ours.childGroups():
            ours.remove(group)


def app_settings() -> QSettings:
    keep_qt_settings_off_disk()
    return QSettings(_settings_file, QSettings.Format.IniFormat)


def remembered_folder(key: str) -> str:
    """The folder a file dialog of this kind last used in this session (home at first); memory only."""
    return _folders.get(key, str(Path.home()))


def remember_folder(key: str, path: str | os.PathLike) -> None:
    _folders[key] = str(Path(path).parent)
