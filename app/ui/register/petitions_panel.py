"""The 信访 tab: letters, calls and visits; their handling; taking one up as an issue."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from app.core.domain.register import petitions
from app.core.domain.register.petitions import Handling
from app.ui.db_worker import DbWorker
from app.ui.org.common import ask
from app.ui.register import models, ops
from app.ui.register.base import ListPanel
from app.ui.register.dialogs import ActionDialog, PetitionDialog, open_dialog


class PetitionsPanel(ListPanel):
    KINDS = frozenset({"petition", "issue"})

    def __init__(self, worker: DbWorker, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(worker, inspection_id, parent)
        self.setObjectName("petitionsPanel")
        a = self._action
        self.action_new = a(
            "actionNewPetition", self.tr("New petition"), self.new_petition, QKeySequence.StandardKey.New
        )
        self.action_edit = a(
            "actionEditPetition", self.tr("Edit"), self.edit_petition, QKeySequence(Qt.Key.Key_F2)
        )
        self.action_delete = a(
            "actionDeletePetition", self.tr("Delete"), self.delete_petition, QKeySequence(Qt.Key.Key_Delete)
        )
        self.toolbar.addSeparator()
        self.action_handling = a("actionHandling", self.tr("Handling…"), self.set_handling)
        self.action_take_up = a("actionTakeUp", self.tr("Take up as an issue…"), self.take_up)
        self.action_link = a("actionLinkIssue", self.tr("Link to an issue…"), self.link_issue)
        self._build(models.petitions_model(self), "petitionsTable")
        self.table.activated.connect(lambda _: self.edit_petition())
        self.selection_changed()
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        self.worker.submit(
            petitions.list_petitions,
            self.inspection_id,
            on_done=lambda rows: self._loaded(rows, select),
            on_error=self.failed,
        )

    def _loaded(self, rows: list[petitions.Petition], select: str | None) -> None:
        self.loaded = True
        keep = select or getattr(self.selected(), "id", None)
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()
        self.summary.setText(
            self.tr("{n} petitions, {p} pending").format(
                n=len(rows), p=sum(1 for p in rows if p.handling == Handling.PENDING)
            )
        )
        self.select(keep)
        self.selection_changed()

    def selection_changed(self) -> None:
        p: petitions.Petition | None = self.selected()
        open_ = p is not None and p.handling != Handling.TAKEN_UP
        self.action_edit.setEnabled(p is not None)
        self.action_delete.setEnabled(p is not None and p.handling == Handling.PENDING)
        self.action_handling.setEnabled(open_)
        self.action_take_up.setEnabled(open_)
        self.action_link.setEnabled(open_)
        if p is None:
            self.detail.setText(self.tr("Choose a petition."))
            return
        rows = [
            (self.tr("Channel"), f"{p.channel.label}  {p.received_on}"),
            (self.tr("Petitioner"), f"{p.petitioner or self.tr('anonymous')} {p.contact}"),
            (self.tr("Concerns"), p.concerns or "—"),
            (self.tr("Summary"), p.summary),
            (self.tr("Handling"), f"{p.handling.label} {p.handled_on or ''} {p.passed_to}"),
            (self.tr("Note"), p.handling_note or "—"),
        ]
        if p.issue_id:
            rows.append((self.tr("Issue"), f"{p.issue_number or ''} {p.issue_title or ''}"))
        self.detail.setText(
            "<table>"
            + "".join(
                f"<tr><td style='color:#555;padding-right:8px'>{escape(k)}</td>"
                f"<td>{escape(v).replace(chr(10), '<br>')}</td></tr>"
                for k, v in rows
            )
            + "</table>"
        )

    # ---- actions ----
    def _saved(self, record) -> None:
        self.saved_record(record)

    def new_petition(self) -> None:
        open_dialog(self, PetitionDialog(self.worker, self.inspection_id, None, self), self._saved)

    def edit_petition(self) -> None:
        p = self.selected()
        if p is not None:
            open_dialog(self, PetitionDialog(self.worker, self.inspection_id, p, self), self._saved)

    def delete_petition(self) -> None:
        p = self.selected()
        if p is not None:
            ask(self, self.tr("Delete this petition?"), lambda: self.run(petitions.delete_petition, p.id))

    def set_handling(self) -> None:
        p = self.selected()
        if p is None:
            return
        choices = [(h.label, h.value) for h in Handling if h != Handling.TAKEN_UP]
        dialog = ActionDialog(
            self.worker,
            self.tr("Handling"),
            {
                "choice": self.tr("Handling:"),
                "on": self.tr("Handled on:"),
                "line": self.tr("Passed to:"),
                "text": self.tr("Note:"),
            },
            lambda v: (
                _set_handling,
                (p.id, v["choice"], v["on"], v["line"], v["text"]),
            ),
            self,
            fields={"handling": "choice", "handled_on": "on", "passed_to": "line", "note": "text"},
            choices=choices,
            line=p.passed_to,
            text=p.handling_note,
        )
        dialog.choice.setCurrentIndex(max(0, dialog.choice.findData(p.handling.value)))
        open_dialog(self, dialog, self._saved)

    def take_up(self) -> None:
        p = self.selected()
        if p is None:
            return
        dialog = ActionDialog(
            self.worker,
            self.tr("Take up as an issue"),
            {"on": self.tr("Date:"), "line": self.tr("Issue title:")},
            lambda v: (ops.take_up_petition, (p.id, v["line"], v["on"])),
            self,
            fields={"title": "line", "handled_on": "on", "found_on": "on"},
            hint=self.tr(
                "A new issue is opened with the petition as its first evidence; write it up in the Issues tab."
            ),
        )
        open_dialog(self, dialog, self._saved)

    def link_issue(self) -> None:
        p = self.selected()
        if p is None:
            return
        self.worker.submit(
            ops.inspection_issues,
            self.inspection_id,
            on_done=lambda picks: self._link(p, picks),
            on_error=self.failed,
        )

    def _link(self, p: petitions.Petition, picks: list[ops.Pick]) -> None:
        dialog = ActionDialog(
            self.worker,
            self.tr("Link to an issue"),
            {"choice": self.tr("Issue:"), "on": self.tr("Date:"), "text": self.tr("Note:")},
            lambda v: (petitions.link_issue, (p.id, v["choice"], v["on"], v["text"])),
            self,
            fields={"issue_id": "choice", "handled_on": "on", "note": "text"},
            choices=[(x.text, x.id) for x in picks],
        )
        open_dialog(self, dialog, self._saved)


def _set_handling(session, petition_id: str, handling: str, on: str, passed_to: str, note: str):
    return petitions.set_handling(session, petition_id, handling, on, passed_to=passed_to, note=note)
