"""The 立行立改 tab: the inspection's issues tagged as fixed on the spot, each with what the unit did,
when, and its proof; record the fix, import proof files, open them."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QPlainTextEdit, QWidget

from app.core.domain.register import immediate_fix
from app.core.domain.register.immediate_fix import TaggedIssue
from app.ui.date_field import DateField
from app.ui.db_worker import DbWorker
from app.ui.org.common import Column, FormDialog, RecordTableModel
from app.ui.register.base import ListPanel
from app.ui.register.dialogs import open_dialog


class ImmediateFixDialog(FormDialog):
    """forms/register_immediate_fix.ui: the date the unit fixed it and what it did."""

    def __init__(self, worker: DbWorker, issue: TaggedIssue, parent=None) -> None:
        super().__init__(worker, "register_immediate_fix.ui", parent)
        self.issue = issue
        self.setWindowTitle(self.tr("Fixed on the spot: {title}").format(title=issue.title))
        self.fixed_on: DateField = self.field(DateField, "fixedOnEdit")
        self.action: QPlainTextEdit = self.field(QPlainTextEdit, "actionEdit")
        self.action.setPlaceholderText(self.tr("What the unit did, and the result"))
        if issue.fix is None:
            self.fixed_on.set_today()
        else:
            self.fixed_on.set_iso(issue.fix.fixed_on)
            self.action.setPlainText(issue.fix.action)

    def operation(self):
        return immediate_fix.record_fix, (
            self.issue.id,
            self.fixed_on.iso_or_text(),
            self.action.toPlainText(),
        )


def _state(t: TaggedIssue) -> str:
    return (
        QCoreApplication.translate("ImmediateFixPanel", "Fixed {date}").format(date=t.fix.fixed_on)
        if t.fix
        else QCoreApplication.translate("ImmediateFixPanel", "To record")
    )


def fixes_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(QCoreApplication.translate("ImmediateFixPanel", "No."), lambda t: t.number or "—"),
            Column(QCoreApplication.translate("ImmediateFixPanel", "Issue"), lambda t: t.title),
            Column(QCoreApplication.translate("ImmediateFixPanel", "Found"), lambda t: t.found_on),
            Column(QCoreApplication.translate("ImmediateFixPanel", "State"), _state),
            Column(
                QCoreApplication.translate("ImmediateFixPanel", "Proof"),
                lambda t: str(len(t.fix.proof)) if t.fix and t.fix.proof else "",
                lambda t: len(t.fix.proof) if t.fix else 0,
            ),
        ],
        parent,
    )


def _attach(session, issue_id: str, path: str):
    return immediate_fix.attach_proof(session, issue_id, path)


class ImmediateFixPanel(ListPanel):
    KINDS = frozenset({"issue"})

    def __init__(self, worker: DbWorker, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(worker, inspection_id, parent)
        self.setObjectName("immediateFixPanel")
        a = self._action
        self.action_record = a(
            "actionRecordFix", self.tr("Record the fix…"), self.record_fix, QKeySequence(Qt.Key.Key_F2)
        )
        self.action_attach = a("actionAttachProof", self.tr("Import proof…"), self.attach_proof)
        self._build(fixes_model(self), "immediateFixTable")
        self.table.activated.connect(lambda _: self.record_fix())
        self.selection_changed()
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        self.worker.submit(
            immediate_fix.tagged_issues,
            self.inspection_id,
            on_done=lambda rows: self._loaded(rows, select),
            on_error=self.failed,
        )

    def _loaded(self, rows: list[TaggedIssue], select: str | None) -> None:
        self.loaded = True
        keep = select or getattr(self.selected(), "id", None)
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()
        self.summary.setText(
            self.tr("{n} issues fixed on the spot, {d} recorded").format(
                n=len(rows), d=sum(1 for t in rows if t.fix is not None)
            )
        )
        self.select(keep)
        self.selection_changed()

    def selection_changed(self) -> None:
        t: TaggedIssue | None = self.selected()
        self.action_record.setEnabled(t is not None)
        self.action_attach.setEnabled(t is not None and t.fix is not None)
        if t is None:
            self.detail.setText(self.tr("Choose an issue tagged as fixed on the spot."))
            return
        rows = [(self.tr("Issue"), f"{t.number} {t.title}".strip())]
        if t.fix is None:
            rows.append((self.tr("Fix"), self.tr("Not recorded yet")))
        else:
            rows += [
                (self.tr("Fixed on"), t.fix.fixed_on),
                (self.tr("What the unit did"), t.fix.action),
                (self.tr("Proof"), "、".join(a.filename for a in t.fix.proof) or "—"),
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

    def record_fix(self) -> None:
        t = self.selected()
        if t is not None:
            open_dialog(self, ImmediateFixDialog(self.worker, t, self), lambda _r: self.saved_record(t.id))

    def choose_file(self) -> str:
        """The proof file to import (a native dialog; tests replace this)."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import proof of the fix"),
            "",
            self.tr(
                "Supported files (*.txt *.docx *.xlsx *.pdf *.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff);;All files (*)"
            ),
        )
        return path

    def attach_proof(self) -> None:
        t = self.selected()
        if t is None:
            return
        path = self.choose_file()
        if path:
            self.run(_attach, t.id, path, select=t.id)
