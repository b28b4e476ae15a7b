"""The case workspace of office and team accounts — the hook issue 4 fills.

`build_workspace(main_window)` is what the main window calls at sign-in and after every unlock
(locking destroys the workspace widget and its models, so it must be rebuildable). Issue 4 replaces
the placeholder below with the term → round → team → inspection navigation, or a caller installs
another factory with `MainWindow.set_workspace(factory)`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


class PlaceholderWorkspace(QWidget):
    def __init__(self, main_window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("placeholderWorkspace")
        user = main_window.user
        title = QLabel(self.tr("Welcome, {name}").format(name=user.display_name))
        title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        text = QLabel(
            self.tr(
                "Terms, rounds, teams and inspections will appear here. Use the menus for your password, "
                "the screen lock (Ctrl+L) and, for the system administrator, backups."
            )
        )
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)


def build_workspace(main_window: MainWindow) -> QWidget:
    return PlaceholderWorkspace(main_window)
