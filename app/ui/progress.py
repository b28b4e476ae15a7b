"""Running a long worker job behind a progress dialog with a Cancel button."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.core.errors import UserError
from app.ui.db_worker import DbWorker, Job


def run_with_progress(
    worker: DbWorker,
    parent: QWidget | None,
    label: str,
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[UserError], None] | None = None,
    session: bool = True,
) -> tuple[Job, QProgressDialog]:
    """Submit `fn` as a long job; the dialog follows its progress and Cancel sets its cancel event."""
    dialog = QProgressDialog(label, QCoreApplication.translate("Progress", "Cancel"), 0, 0, parent)
    dialog.setWindowTitle(QCoreApplication.translate("Progress", "Please wait"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(360)

    def finish(callback: Callable | None, value: Any) -> None:
        dialog.close()
        dialog.deleteLater()
        if callback is not None:
            callback(value)

    job = worker.submit(
        fn,
        *args,
        long=True,
        session=session,
        on_done=lambda value: finish(on_done, value),
        on_error=lambda error: finish(on_error, error),
    )

    def show_progress(done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    def cancel() -> None:
        dialog.setLabelText(QCoreApplication.translate("Progress", "Cancelling…"))
        job.cancel()

    job.progressed.connect(show_progress)
    dialog.canceled.connect(cancel)
    dialog.show()
    return job, dialog
