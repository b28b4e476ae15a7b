"""The case workspace of office and team accounts (issue 4): the organisation workspace and its areas.

`build_workspace(main_window)` is what the main window calls at sign-in and after every unlock
(locking destroys the workspace widget and its models, so it must be rebuildable). It builds
app.ui.org.workspace.OrgWorkspace from the main window's worker and user, with the inspection tabs
and top-level pages that app.ui.areas names: the term → round → team → inspection navigation, the
selected inspection's work, the coverage view, the unit directory and the staff pool. A caller may
still install another factory with `MainWindow.set_workspace(factory)`.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QWidget

from app.core.session import User
from app.ui.db_worker import DbWorker


class WorkspaceHost(Protocol):
    """What a workspace needs of the window it sits in (the main window): its worker and its user."""

    worker: DbWorker
    user: User


def build_workspace(host: WorkspaceHost) -> QWidget:
    # Imported here: the workspace pulls in every area's pages, needed only after sign-in.
    from app.ui import areas
    from app.ui.org.workspace import OrgWorkspace

    return OrgWorkspace(host.worker, host.user, tabs=areas.INSPECTION_TABS, pages=areas.WORKSPACE_PAGES)
