"""QSettings for non-sensitive things only (window geometry), in the user's config folder as INI.

On Linux that is $XDG_CONFIG_HOME/xuncha/workbench.ini, on Windows %APPDATA%\\xuncha — never the
install folder and never the data folder. Nothing about records, users or passwords goes here.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANISATION = "xuncha"
APPLICATION = "workbench"


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)
