"""File → Exchange: the office configures teams and merges their hand-ins; a leader hands in and wipes.

Each step runs the core operation on the database worker (app.core.exchange), the long ones behind a
progress dialog with Cancel; the files are chosen with the usual dialogs and the medium's register
number typed in. The `*_to` / `*_from` methods take the file and the number directly (the tests and
the menu share them).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from app.core.domain.organisation import teams
from app.core.errors import Cancelled, UserError
from app.core.exchange import hand_in, merge, receipt, review, setup_package, wipe
from app.core.printing.wipe_certificate import wipe_certificate_pdf
from app.ui.db_worker import DbWorker
from app.ui.exchange_dialogs import ConflictsDialog, HandInDialog, SetupExportDialog
from app.ui.messages import confirm, show_error, show_info
from app.ui.progress import run_with_progress

SUFFIX = ".xpk"


def _hand_in_job(session, out: Path, medium: str, token: str, progress=None, cancel=None):
    return hand_in.hand_in(session, out, medium_no=medium, confirm=token, progress=progress, cancel=cancel)


def _merge_job(session, path: Path, medium: str, progress=None, cancel=None):
    return merge.merge(session, path, medium_no=medium, progress=progress, cancel=cancel)


def _receipt_job(session, register_id: str, out: Path, medium: str):
    return receipt.write_receipt(session, register_id, out, medium_no=medium)


def _acknowledge_job(session, path: Path, medium: str):
    return receipt.acknowledge(session, path, medium_no=medium)


def _wipe_job(session, certificate: Path):
    cert = wipe.wipe(session)
    certificate.write_bytes(wipe_certificate_pdf(cert))
    return cert


def _with_suffix(path: str) -> Path:
    return Path(path) if path.endswith(SUFFIX) else Path(path + SUFFIX)


class ExchangeActions(QObject):
    """The Exchange submenu of one main window."""

    session_closed = Signal()  # the wipe closed the session (and destroyed the data folder)
    merged = Signal(object)  # a MergeResult

    def __init__(self, worker: DbWorker, parent: QWidget) -> None:
        super().__init__(parent)
        self.worker = worker
        self.window = parent
        self.last_merge = None

    def _failed(self, error: UserError) -> None:
        (show_info if isinstance(error, Cancelled) else show_error)(self.window, str(error))

    def _medium(self) -> str | None:
        text, ok = QInputDialog.getText(
            self.window, self.tr("Removable medium"), self.tr("Medium register number:")
        )
        return text.strip() if ok and text.strip() else None

    def _pkg_filter(self) -> str:
        return self.tr("Exchange package (*.xpk)")

    # ---- the office: configure ---------------------------------------------------------------------
    def export_setup(self) -> None:
        self.worker.submit(teams.list_teams, on_done=self._teams_loaded, on_error=self._failed)

    def _teams_loaded(self, found: list) -> None:
        dialog = SetupExportDialog(found, self.window)
        if not dialog.exec():
            return
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Save the setup package as"),
            str(Path.home() / f"配置包{SUFFIX}"),
            self._pkg_filter(),
        )
        if path:
            self.export_setup_to(
                dialog.team.currentData(),
                _with_suffix(path),
                dialog.passphrase.text(),
                dialog.initial.text(),
                dialog.medium.text().strip(),
            )

    def export_setup_to(self, team_id: str, out: Path, passphrase: str, initial: str, medium: str):
        return run_with_progress(
            self.worker,
            self.window,
            self.tr("Building the team's workstation database…"),
            setup_package.export_for_team,
            team_id,
            out,
            passphrase,
            initial,
            medium,
            on_done=self._exported,
            on_error=self._failed,
        )

    def _exported(self, result) -> None:
        show_info(
            self.window,
            self.tr(
                "The setup package has been written to {path} ({accounts} accounts). The team "
                "workstation's recovery code (print it and seal it; it is not shown again): {code}"
            ).format(path=result.path, accounts=len(result.accounts), code=result.recovery_code),
        )

    # ---- the office: merge -----------------------------------------------------------------------
    def merge(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Choose the team's hand-in"), str(Path.home()), self._pkg_filter()
        )
        medium = self._medium() if path else None
        if path and medium:
            self.merge_from(Path(path), medium)

    def merge_from(self, path: Path, medium: str):
        self._medium_no = medium
        return run_with_progress(
            self.worker,
            self.window,
            self.tr("Checking and merging the hand-in…"),
            _merge_job,
            path,
            medium,
            on_done=self._merged,
            on_error=self._failed,
        )

    def _merged(self, result) -> None:
        self.last_merge = result
        self.merged.emit(result)
        show_info(
            self.window,
            self.tr(
                "Hand-in No. {seq} merged: {added} added, {updated} updated, {conflicts} conflicts."
            ).format(
                seq=result.seq, added=result.added, updated=result.updated, conflicts=len(result.conflicts)
            ),
        )

    def write_receipt_to(self, out: Path, medium: str, on_done=None):
        return self.worker.submit(
            _receipt_job, self.last_merge.register_id, out, medium, on_done=on_done, on_error=self._failed
        )

    def receipt(self) -> None:
        if self.last_merge is None:
            show_info(self.window, self.tr("Merge a hand-in first; its receipt goes back to the team."))
            return
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Save the receipt as"),
            str(Path.home() / f"回执{SUFFIX}"),
            self._pkg_filter(),
        )
        medium = self._medium() if path else None
        if path and medium:
            self.write_receipt_to(
                _with_suffix(path),
                medium,
                on_done=lambda p: show_info(self.window, self.tr("Receipt written.")),
            )

    def show_conflicts(self) -> ConflictsDialog:
        dialog = ConflictsDialog(self.worker, self.window)
        dialog.open()
        return dialog

    # ---- a team leader: hand in, receipt, wipe -----------------------------------------------------------
    def hand_in(self) -> None:
        self.worker.submit(review.review, on_done=self._reviewed, on_error=self._failed)

    def _reviewed(self, summary) -> None:
        dialog = HandInDialog(summary, self.window)
        if not dialog.exec():
            return
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Save the hand-in as"),
            str(Path.home() / f"移交包{SUFFIX}"),
            self._pkg_filter(),
        )
        if path:
            self.hand_in_to(_with_suffix(path), dialog.medium.text().strip(), summary.token)

    def hand_in_to(self, out: Path, medium: str, token: str):
        return run_with_progress(
            self.worker,
            self.window,
            self.tr("Writing the encrypted hand-in…"),
            _hand_in_job,
            out,
            medium,
            token,
            on_done=self._handed_in,
            on_error=self._failed,
        )

    def _handed_in(self, result) -> None:
        show_info(
            self.window,
            self.tr("Hand-in No. {seq} written to {path}: {rows} records, {entries} audit entries.").format(
                seq=result.seq, path=result.path, rows=result.rows, entries=result.audit_entries
            ),
        )

    def import_receipt(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Choose the office's receipt"), str(Path.home()), self._pkg_filter()
        )
        medium = self._medium() if path else None
        if path and medium:
            self.import_receipt_from(Path(path), medium)

    def import_receipt_from(self, path: Path, medium: str):
        return self.worker.submit(
            _acknowledge_job,
            path,
            medium,
            on_done=lambda seq: show_info(
                self.window, self.tr("The office confirmed hand-in No. {seq}.").format(seq=seq)
            ),
            on_error=self._failed,
        )

    def wipe(self) -> None:
        warning = self.tr(
            "Wiping destroys this workstation's database, key slots and drafts for good. Do it only "
            "after the office has merged the last hand-in. Continue?"
        )
        if not confirm(self.window, warning):
            return
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Save the wipe certificate as"),
            str(Path.home() / "清理证明.pdf"),
            "PDF (*.pdf)",
        )
        if path:
            self.wipe_to(Path(path))

    def wipe_to(self, certificate: Path):
        return self.worker.submit(_wipe_job, certificate, on_done=self._wiped, on_error=self._failed)

    def _wiped(self, cert) -> None:
        show_info(
            self.window,
            self.tr("This workstation has been wiped ({files} files). The certificate is in the PDF.").format(
                files=len(cert.files)
            ),
        )
        self.session_closed.emit()
