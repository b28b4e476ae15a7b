"""The 走访 tab: the inspection's visits in a table, the selected one's details below; new, edit,
delete, import photos and documents, search the text, print the visit record."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget

from app.core.domain.visits import printing as visit_printing
from app.core.domain.visits import records, search
from app.core.domain.visits.types import Visit
from app.ui.db_worker import DbWorker
from app.ui.org.common import Column, RecordTableModel, ask
from app.ui.printing import PrintPreviewDialog
from app.ui.register.base import ListPanel
from app.ui.register.dialogs import open_dialog
from app.ui.visits.dialogs import VisitDialog


def visits_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(
                QCoreApplication.translate("VisitsPanel", "No."),
                lambda v: f"第{v.number}号",
                lambda v: v.number,
            ),
            Column(QCoreApplication.translate("VisitsPanel", "Kind"), lambda v: v.kind.label),
            Column(QCoreApplication.translate("VisitsPanel", "Date"), lambda v: v.visited_on),
            Column(QCoreApplication.translate("VisitsPanel", "Place"), lambda v: v.place),
            Column(QCoreApplication.translate("VisitsPanel", "Visited"), lambda v: v.visited),
            Column(QCoreApplication.translate("VisitsPanel", "Who went"), lambda v: "、".join(v.members)),
            Column(
                QCoreApplication.translate("VisitsPanel", "Files"),
                lambda v: str(len(v.attachments) or ""),
                lambda v: len(v.attachments),
            ),
        ],
        parent,
    )


def _attach(session, visit_id: str, path: str) -> Visit:
    records.attach_file(session, visit_id, path)
    return records.fetch_visit(session, visit_id)


def _search(session, text: str, inspection_id: str):
    return search.search_visits(session, text, inspection_id=inspection_id)


class VisitsPanel(ListPanel):
    KINDS = frozenset({"visit"})

    def __init__(self, worker: DbWorker, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(worker, inspection_id, parent)
        self.setObjectName("visitsPanel")
        a = self._action
        self.action_new = a(
            "actionNewVisit", self.tr("New visit"), self.new_visit, QKeySequence.StandardKey.New
        )
        self.action_edit = a("actionEditVisit", self.tr("Edit"), self.edit_visit, QKeySequence(Qt.Key.Key_F2))
        self.action_delete = a(
            "actionDeleteVisit", self.tr("Delete"), self.delete_visit, QKeySequence(Qt.Key.Key_Delete)
        )
        self.toolbar.addSeparator()
        self.action_attach = a("actionImportFile", self.tr("Import a photo or document…"), self.attach_file)
        self.action_print = a("actionPrintVisit", self.tr("Print visit record…"), self.print_record)
        self.toolbar.addSeparator()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("visitsSearch")
        self.search_edit.setPlaceholderText(self.tr("Search the visits… (Enter)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaximumWidth(240)
        self.search_edit.returnPressed.connect(self.search)
        self.search_edit.textChanged.connect(lambda text: self._show_hits(None) if not text.strip() else None)
        self.toolbar.addWidget(self.search_edit)
        self._build(visits_model(self), "visitsTable")
        self.table.activated.connect(lambda _: self.edit_visit())
        self.selection_changed()
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        self.worker.submit(
            records.list_visits,
            self.inspection_id,
            on_done=lambda rows: self._loaded(rows, select),
            on_error=self.failed,
        )

    def _loaded(self, rows: list[Visit], select: str | None) -> None:
        self.loaded = True
        keep = select or getattr(self.selected(), "id", None)
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()
        self.summary.setText(
            self.tr("{n} visits, {f} files").format(n=len(rows), f=sum(len(v.attachments) for v in rows))
        )
        self.select(keep)
        self.selection_changed()

    def search(self) -> None:
        text = self.search_edit.text().strip()
        if not text:
            self._show_hits(None)
            return
        self.worker.submit(
            _search,
            text,
            self.inspection_id,
            on_done=lambda hits: self._show_hits({h.visit_id for h in hits}),
            on_error=self.failed,
        )

    def _show_hits(self, hits: set[str] | None) -> None:
        self.proxy.set_row_filter(None if hits is None else (lambda v: v.id in hits))

    def selection_changed(self) -> None:
        v: Visit | None = self.selected()
        for action in (self.action_edit, self.action_delete, self.action_attach, self.action_print):
            action.setEnabled(v is not None)
        if v is None:
            self.detail.setText(self.tr("Choose a visit."))
            return
        rows = [
            (self.tr("Visit"), f"{v.reference}  {v.heading}（{v.kind.label}）"),
            (self.tr("Date"), v.visited_on),
            (self.tr("Place"), v.place),
            (self.tr("Who went"), "、".join(v.members) or "—"),
            (self.tr("Whom they met"), "、".join(v.met) or "—"),
            (self.tr("What they saw"), v.observations or "—"),
            (self.tr("Files"), "、".join(a.filename for a in v.attachments) or "—"),
        ]
        self.detail.setText(
            "<table>"
            + "".join(
                f"<tr><td style='color:#555;padding-right:8px;white-space:nowrap'>{escape(k)}</td>"
                f"<td>{escape(x).replace(chr(10), '<br>')}</td></tr>"
                for k, x in rows
            )
            + "</table>"
        )

    def _open(self, visit_id: str | None) -> None:
        if visit_id is None:
            open_dialog(self, VisitDialog(self.worker, self.inspection_id, None, self), self.saved_record)
            return
        self.worker.submit(
            records.get_visit,
            visit_id,
            on_done=lambda visit: open_dialog(
                self, VisitDialog(self.worker, self.inspection_id, visit, self), self.saved_record
            ),
            on_error=self.failed,
        )

    def new_visit(self) -> None:
        self._open(None)

    def edit_visit(self) -> None:
        v = self.selected()
        if v is not None:
            self._open(v.id)

    def delete_visit(self) -> None:
        v = self.selected()
        if v is not None:
            ask(
                self,
                self.tr("Delete visit No. {n} and its files?").format(n=v.number),
                lambda: self.run(records.delete_visit, v.id),
            )

    def choose_file(self) -> str:
        """The photo or document to import (a native dialog; tests replace this)."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a photo or document for the visit"),
            "",
            self.tr(
                "Supported files (*.txt *.docx *.xlsx *.pdf *.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff);;All files (*)"
            ),
        )
        return path

    def attach_file(self) -> None:
        v = self.selected()
        if v is None:
            return
        path = self.choose_file()
        if path:
            self.run(_attach, v.id, path, select=v.id)

    def print_record(self) -> None:
        v = self.selected()
        if v is None:
            return
        visit_id = v.id
        self.preview_dialog = PrintPreviewDialog.show_for(
            self.worker,
            self,
            title=self.tr("Visit record — print preview"),
            preview=lambda s: visit_printing.preview(s, visit_id),
            copies=lambda s, count, action: visit_printing.print_copies(s, visit_id, count, action=action),
            classification=v.classification,
            file_name="visit-record.pdf",
        )
