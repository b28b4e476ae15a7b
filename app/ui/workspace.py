"""The case workspace of office and team accounts (issue 4): the organisation workspace.

`build_workspace(main_window)` is what the main window calls at sign-in and after every unlock
(locking destroys the workspace widget and its models, so it must be rebuildable). It builds
app.ui.org.workspace.OrgWorkspace: the term → round → team → inspection navigation, the selected
inspection's work (with the tabs later areas register in app.ui.org.inspection_view), the coverage
view, the unit directory and the staff pool. A caller may still install another factory with
`MainWindow.set_workspace(factory)`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def build_workspace(main_window: MainWindow) -> QWidget:
    # Imported here: the workspace pulls in every organisation page, needed only after sign-in.
    from app.ui.org.workspace import OrgWorkspace

    return OrgWorkspace(main_window)
