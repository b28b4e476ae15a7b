"""帮助 → 使用手册 (F1): the user manual in the app's own print preview, never an external viewer.

The manual holds no case data, so it needs no session: it is built off the GUI thread on the
preview's render pool (app.ui.printing.render, not the database worker, which refuses work while
nobody is signed in or the screen is locked), from the Markdown shipped with the program, and kept
in memory for the rest of the process. The window is the ordinary PrintPreviewDialog (pages, zoom,
Page Up/Down) with Print and Export taken away: nothing is registered or written; a paper or file
copy is made with `python -m app manual --output FILE.pdf`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from app.core.printing.manual import manual_pdf
from app.ui.printing import render
from app.ui.printing.preview import PrintPreviewDialog

_lock = threading.Lock()
_cached: list[bytes] = []


def manual_bytes() -> bytes:
    """The manual's PDF, built once per process (a second or so), then from memory."""
    with _lock:
        if not _cached:
            _cached.append(manual_pdf())
        return _cached[0]


class _PoolRunner:
    """Stands in for the database worker: runs the preview's callable on the render pool, no session."""

    user = None  # no signed-in user's capabilities to mirror: the dialog hides print and export itself

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        **_: Any,
    ) -> None:
        owner = getattr(on_done, "__self__", None)  # the dialog: no callback once it is gone
        render.run_in_pool(fn, None, *args, context=owner, on_done=on_done, on_error=on_error)


class ManualPreviewDialog(PrintPreviewDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            _PoolRunner(),  # type: ignore[arg-type]
            lambda _session: manual_bytes(),
            copies=_no_copies,
            title=manual_title(),
            file_name="manual.pdf",
            parent=parent,
        )
        self.setObjectName("manualPreviewDialog")
        for button in (self.print_button, self.export_button):
            button.hide()
        self.resize(960, 760)

    def _set_enabled(self, enabled: bool) -> None:
        super()._set_enabled(enabled)
        self.print_button.setEnabled(False)  # Ctrl+P and the buttons: reading only
        self.export_button.setEnabled(False)


def _no_copies(_session, _count: int, _action) -> tuple[list[int], list[bytes]]:
    raise RuntimeError("the manual is not printed or exported from its preview")


def show_manual(parent: QWidget | None) -> ManualPreviewDialog:
    """Open the manual (window-modal over `parent`, not blocking); it deletes itself when closed."""
    dialog = ManualPreviewDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def manual_title() -> str:
    return QCoreApplication.translate("ManualPreviewDialog", "User manual")
