"""The Archive tab: what must be filed, the numbered items, closing (封存), prints and the package.

Every action is one core call on the database worker; the export runs as a long job with progress and
Cancel (app.ui.progress), as the exchange does. The list reloads when an archive record changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app.core.domain.archive import checks, filing, package, prints, proposal
from app.core.domain.archive.kinds import KINDS as KINDS_FILED
from app.core.domain.archive.kinds import RETENTION_ORDER
from app.core.errors import UserError
from app.core.security.roles import Cap, allowed
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.forms import child, load_into
from app.ui.messages import show_error, show_info
from app.ui.printing import PrintPreviewDialog
from app.ui.progress import run_with_progress

DEFAULT_FONDS, DEFAULT_OFFICE_CODE = "X001", "XCB"  # the office's usual codes; edited before opening
KINDS = frozenset({"archive", "archive_item", "inspection", "talk", "meeting", "issue"})


@dataclass(frozen=True)
class PanelState:
    archive: filing.Archive | None
    items: list[filing.Item]
    missing: list[proposal.Candidate]
    ready: list[proposal.Candidate]


def load_state(session, inspection_id: str) -> PanelState:
    archive = filing.find_archive(session, inspection_id)
    items = filing.list_items(session, archive.id) if archive else []
    if archive is not None and archive.closed:
        return PanelState(archive, items, [], [])
    found = proposal.propose(session, inspection_id)
    return PanelState(archive, items, found.missing, found.ready)


def _open_job(session, inspection_id: str, fonds: str, org: str, filer: str, progress=None, cancel=None):
    return filing.open_archive(
        session, inspection_id, fonds_no=fonds, org_code=org, filer=filer, progress=progress, cancel=cancel
    )


def _verify_job(path: Path, passphrase: str, progress=None, cancel=None) -> checks.Report:
    if path.is_dir():
        return checks.check_folder(path)
    return package.verify_package(path, passphrase)


class ArchivePanel(QWidget):
    def __init__(self, worker: DbWorker, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_into("archive_panel.ui", self)
        self.worker, self.inspection_id = worker, inspection_id
        self.state: PanelState | None = None
        self.loaded = False
        self.last_result = None
        self.tree = child(self, QTreeWidget, "itemTree")
        self.hint = child(self, QLabel, "hintLabel")
        self.edits = {n: child(self, QLineEdit, f"{n}Edit") for n in ("fonds", "org", "filer", "checker")}
        self.edits["fonds"].setText(DEFAULT_FONDS)
        self.edits["org"].setText(DEFAULT_OFFICE_CODE)
        if worker.user is not None:
            self.edits["filer"].setText(worker.user.display_name)
        names = (
            "open",
            "renumber",
            "close",
            "addendum",
            "retention",
            "catalogue",
            "boxSheet",
            "stamps",
            "exportPackage",
            "exportFolder",
            "verify",
        )
        self.buttons = {n: child(self, QPushButton, f"{n}Button") for n in names}
        b = self.buttons
        b["open"].clicked.connect(self.open_archive)
        b["renumber"].clicked.connect(self.renumber)
        b["close"].clicked.connect(lambda: self.close_archive())
        b["addendum"].clicked.connect(self.add_addendum)
        b["retention"].clicked.connect(self.edit_retention)
        user = worker.user
        b["retention"].setVisible(user is not None and allowed(user.role, Cap.ORG_MANAGE))
        b["catalogue"].clicked.connect(lambda: self.print_document("catalogue"))
        b["boxSheet"].clicked.connect(lambda: self.print_document("box_sheet"))
        b["stamps"].clicked.connect(lambda: self.print_document("stamps"))
        b["exportPackage"].clicked.connect(self.export_package)
        b["exportFolder"].clicked.connect(self.export_folder)
        b["verify"].clicked.connect(self.verify)
        follow_changes(self, worker, KINDS, self.refresh)
        self.refresh()

    # ---- loading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.worker.submit(load_state, self.inspection_id, on_done=self._loaded, on_error=self._error)

    def _loaded(self, state: PanelState) -> None:
        self.state = state
        self.loaded = True
        self.tree.clear()
        red = QBrush(QColor("#B00020"))
        closed = bool(state.archive and state.archive.closed)
        for it in state.items:
            state_text = self.tr("Filed") if closed else self.tr("Numbered")
            QTreeWidgetItem(
                self.tree,
                [
                    it.archive_no,
                    it.kind_label,
                    it.title,
                    it.dated,
                    it.classification,
                    str(it.pages),
                    state_text,
                ],
            )
        if state.archive is None:
            for c in state.ready:
                QTreeWidgetItem(
                    self.tree, ["", c.kind_label, c.title, c.dated, c.classification, "", self.tr("Ready")]
                )
        for c in state.missing:
            row = QTreeWidgetItem(
                self.tree, ["", c.kind_label, c.title, c.dated, c.classification, "", c.problem]
            )
            for col in range(7):
                row.setForeground(col, red)
        for col in range(7):
            self.tree.resizeColumnToContents(col)
        self.hint.setText(self._hint(state))
        a = state.archive
        if a is not None:
            self.edits["fonds"].setText(a.fonds_no)
            self.edits["org"].setText(a.org_code)
            self.edits["filer"].setText(a.filer)
            self.edits["checker"].setText(a.checker)
        self._enable()

    def _hint(self, state: PanelState) -> str:
        a = state.archive
        if a is None:
            return self.tr(
                "No archive yet: {ready} records ready to file, {missing} missing or not final."
            ).format(ready=len(state.ready), missing=len(state.missing))
        if a.closed:
            return self.tr(
                "Archive closed on {date}: {n} items; the inspection's records are read-only."
            ).format(date=a.closed_on, n=len(state.items))
        return self.tr("Archive open: {n} items numbered, {missing} missing or not final.").format(
            n=len(state.items), missing=len(state.missing)
        )

    def _enable(self) -> None:
        a = self.state.archive if self.state else None
        closed = bool(a and a.closed)
        self.buttons["open"].setEnabled(a is None)
        self.buttons["renumber"].setEnabled(bool(a) and not closed)
        self.buttons["close"].setEnabled(bool(a) and not closed)
        self.buttons["addendum"].setEnabled(closed)
        for name in ("catalogue", "boxSheet", "stamps"):
            self.buttons[name].setEnabled(a is not None)
        for name in ("exportPackage", "exportFolder"):
            self.buttons[name].setEnabled(closed)
        for name in ("fonds", "org", "filer"):
            self.edits[name].setReadOnly(a is not None)
        self.edits["checker"].setReadOnly(closed)

    def _error(self, error: UserError) -> None:
        show_error(self, error)

    def _run(self, fn, *args) -> None:
        self.worker.submit(fn, *args, on_done=lambda _r: self.refresh(), on_error=self._error)

    # ---- actions ---------------------------------------------------------------------------------
    def open_archive(self) -> None:
        fonds, org, filer = (self.edits[n].text() for n in ("fonds", "org", "filer"))
        return run_with_progress(
            self.worker,
            self,
            self.tr("Numbering the items and making their archived copies…"),
            _open_job,
            self.inspection_id,
            fonds,
            org,
            filer,
            on_done=lambda _r: self.refresh(),
            on_error=self._error,
        )

    def renumber(self) -> None:
        if self.state and self.state.archive:
            return run_with_progress(
                self.worker,
                self,
                self.tr("Numbering the items and making their archived copies…"),
                filing.renumber,
                self.state.archive.id,
                on_done=lambda _r: self.refresh(),
                on_error=self._error,
            )
        return None

    def close_archive(self, confirmed: bool = False) -> None:
        if not (self.state and self.state.archive):
            return
        if not confirmed:
            answer = QMessageBox.question(
                self,
                self.tr("Close the archive"),
                self.tr("Once closed, the inspection's records can no longer be changed. Close it?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        archive_id, checker = self.state.archive.id, self.edits["checker"].text()
        self._run(lambda s: filing.close_archive(s, archive_id, checker=checker))

    def selected_item_id(self) -> str | None:
        row = self.tree.currentItem()
        if row is None or self.state is None:
            return None
        return next((it.id for it in self.state.items if it.archive_no == row.text(0)), None)

    def add_addendum(self) -> None:
        text, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Addendum"),
            self.tr(
                "The correction, dated today (for the selected item, or the whole archive if none is selected):"
            ),
        )
        if ok and text.strip():
            self.add_addendum_text(text)

    def add_addendum_text(self, text: str) -> None:
        archive_id, item_id = self.state.archive.id, self.selected_item_id()
        self._run(lambda s: filing.add_addendum(s, archive_id, text, item_id=item_id))

    def edit_retention(self) -> None:
        labels = [k.label for k in KINDS_FILED.values()]
        label, ok = QInputDialog.getItem(
            self, self.tr("Retention periods"), self.tr("Kind of record:"), labels, 0, False
        )
        if not ok:
            return
        periods = [r.label for r in RETENTION_ORDER]
        period, ok = QInputDialog.getItem(
            self, self.tr("Retention periods"), self.tr("Retention period:"), periods, 0, False
        )
        if ok:
            kind = next(k.name for k in KINDS_FILED.values() if k.label == label)
            self.set_retention(kind, period)

    def set_retention(self, kind: str, period: str) -> None:
        self._run(filing.set_retention, kind, period)

    def print_document(self, which: str) -> None:
        if not (self.state and self.state.archive):
            return
        archive_id = self.state.archive.id
        render, kind, title = {
            "catalogue": (
                prints.catalogue_pdf,
                "archive_catalogue",
                self.tr("Archive catalogue — print preview"),
            ),
            "box_sheet": (prints.box_sheet_pdf, "archive_box_sheet", self.tr("Box sheet — print preview")),
            "stamps": (prints.stamps_pdf, "archive_stamps", self.tr("Archive stamps — print preview")),
        }[which]
        self.preview_dialog = PrintPreviewDialog.show_for(
            self.worker,
            self,
            title=title,
            preview=lambda s: render(s, archive_id),
            kind=kind,
            record_id=archive_id,
            inspection_id=self.inspection_id,
            classification="秘密",
            file_name=f"{kind.replace('_', '-')}.pdf",
        )

    def _passphrase(self) -> str | None:
        text, ok = QInputDialog.getText(
            self,
            self.tr("Transfer passphrase"),
            self.tr("Passphrase for the package (at least 8 characters):"),
            QLineEdit.EchoMode.Password,
        )
        return text if ok and text else None

    def export_package(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the electronic archive"),
            str(Path.home() / "archive.xcxp"),
            self.tr("Archive packages (*.xcxp)"),
        )
        passphrase = self._passphrase() if path else None
        if path and passphrase:
            self.export_package_to(Path(path), passphrase)

    def export_package_to(self, out: Path, passphrase: str):
        return run_with_progress(
            self.worker,
            self,
            self.tr("Writing the electronic archive and running the four checks…"),
            package.export_package,
            self.state.archive.id,
            out,
            passphrase,
            on_done=self._exported,
            on_error=self._error,
        )

    def export_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose an empty folder"), str(Path.home()))
        if path:
            self.export_folder_to(Path(path))

    def export_folder_to(self, out: Path):
        return run_with_progress(
            self.worker,
            self,
            self.tr("Writing the electronic archive and running the four checks…"),
            package.export_folder,
            self.state.archive.id,
            out,
            on_done=self._exported,
            on_error=self._error,
        )

    def _exported(self, result: package.ExportResult) -> None:
        self.last_result = result
        show_info(
            self,
            self.tr(
                "The electronic archive has been written to {path}: {items} items, {files} files. {checks}"
            ).format(path=result.path, items=result.items, files=result.files, checks=result.after.summary()),
        )

    def verify(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose an archive package"), str(Path.home()), self.tr("Archive packages (*.xcxp)")
        )
        passphrase = self._passphrase() if path else None
        if path and passphrase:
            self.verify_path(Path(path), passphrase)

    def verify_path(self, path: Path, passphrase: str = ""):
        return run_with_progress(
            self.worker,
            self,
            self.tr("Running the four checks…"),
            _verify_job,
            path,
            passphrase,
            on_done=self._verified,
            on_error=self._error,
            session=False,
        )

    def _verified(self, report: checks.Report) -> None:
        self.last_result = report
        show_info(self, report.summary())
