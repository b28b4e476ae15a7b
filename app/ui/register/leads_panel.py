"""The 线索 tab: the inspection's leads, their transfer, the report back (due in 3 months) and outcomes.

Shown only to roles that may read leads (the factory gives no tab to members); the core refuses
everyone outside the need to know (the office, and the leader of this inspection's own team), and
the tab then shows that refusal instead of a list. Overdue report-backs are tinted.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from app.core.domain.register import leads
from app.core.errors import UserError
from app.ui.db_worker import DbWorker
from app.ui.org.common import ask
from app.ui.register import models, ops
from app.ui.register.base import ListPanel
from app.ui.register.dialogs import ActionDialog, LeadDialog, LeadReportDialog, TransferDialog, open_dialog


class LeadsPanel(ListPanel):
    KINDS = frozenset({"lead", "issue"})

    def __init__(self, worker: DbWorker, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(worker, inspection_id, parent)
        self.setObjectName("leadsPanel")
        self.data: ops.LeadsData | None = None
        self.refused = ""
        a = self._action
        self.action_new = a("actionNewLead", self.tr("New lead"), self.new_lead, QKeySequence.StandardKey.New)
        self.action_edit = a("actionEditLead", self.tr("Edit"), self.edit_lead, QKeySequence(Qt.Key.Key_F2))
        self.action_delete = a(
            "actionDeleteLead", self.tr("Delete"), self.delete_lead, QKeySequence(Qt.Key.Key_Delete)
        )
        self.toolbar.addSeparator()
        self.action_transfer = a("actionTransferLead", self.tr("Transfer…"), self.transfer)
        self.action_due = a("actionReportDue", self.tr("Change report due…"), self.change_due)
        self.action_report = a("actionLeadReport", self.tr("Report back and outcomes…"), self.report)
        self._build(models.leads_model(self), "leadsTable")
        self.table.activated.connect(lambda _: self.edit_lead())
        self.selection_changed()
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        self.worker.submit(
            ops.load_leads,
            self.inspection_id,
            on_done=lambda d: self._loaded(d, select),
            on_error=self._refused,
        )

    def _loaded(self, data: ops.LeadsData, select: str | None) -> None:
        self.loaded = True
        self.refused = ""
        self.data = data
        keep = select or getattr(self.selected(), "id", None)
        self.model.set_records(data.leads)
        self.table.resizeColumnsToContents()
        overdue = sum(1 for x in data.leads if x.overdue)
        self.summary.setText(
            self.tr("{n} leads, {t} transferred, {o} report-backs overdue").format(
                n=len(data.leads), t=sum(1 for x in data.leads if x.transferred_on), o=overdue
            )
        )
        self.select(keep)
        self.selection_changed()

    def _refused(self, error: UserError) -> None:
        """Outside the need to know: say so in the tab, show nothing."""
        self.loaded = True
        self.refused = str(error)
        self.model.set_records([])
        self.summary.setText("")
        self.detail.setText(escape(self.refused))
        for action in (
            self.action_new,
            self.action_edit,
            self.action_delete,
            self.action_transfer,
            self.action_due,
            self.action_report,
        ):
            action.setEnabled(False)

    def selection_changed(self) -> None:
        lead: leads.Lead | None = self.selected()
        ok = self.data is not None and not self.refused
        self.action_new.setEnabled(ok)
        self.action_edit.setEnabled(ok and lead is not None)
        self.action_delete.setEnabled(ok and lead is not None and lead.status == leads.LeadStatus.REGISTERED)
        self.action_transfer.setEnabled(
            ok and lead is not None and lead.status == leads.LeadStatus.REGISTERED
        )
        self.action_due.setEnabled(ok and lead is not None and lead.status == leads.LeadStatus.TRANSFERRED)
        self.action_report.setEnabled(ok and lead is not None and lead.status != leads.LeadStatus.REGISTERED)
        if lead is None:
            if not self.refused:
                self.detail.setText(self.tr("Choose a lead."))
            return
        related = [p.text for p in (self.data.issues if self.data else []) if p.id in (lead.issue_ids or [])]
        rows = [
            (self.tr("Person"), f"{lead.person_name} {lead.person_post}"),
            (self.tr("Source"), f"{lead.source.label} {lead.source_note}"),
            (self.tr("Received"), lead.received_on),
            (self.tr("Summary"), lead.summary),
            (self.tr("Related issues"), "；".join(related) or "—"),
            (self.tr("Status"), lead.status.label),
        ]
        if lead.transferred_on:
            rows += [
                (
                    self.tr("Transfer"),
                    self.tr("{date} to {body}, letter {no}, sent by {sender}, received by {receiver}").format(
                        date=lead.transferred_on,
                        body=lead.transfer_label,
                        no=lead.letter_no,
                        sender=lead.sender,
                        receiver=lead.receiver,
                    ),
                ),
                (
                    self.tr("Report due"),
                    (lead.report_due or "") + (self.tr(" — OVERDUE") if lead.overdue else ""),
                ),
            ]
        if lead.reported_on:
            rows += [
                (self.tr("Reported"), f"{lead.reported_on} {lead.disposal.label}"),
                (self.tr("Case opened"), self.tr("yes") if lead.case_opened else self.tr("no")),
                (self.tr("Sanction"), lead.sanction or "—"),
                (self.tr("Organisational handling"), lead.org_handling or "—"),
                (self.tr("Note"), lead.outcome_note or "—"),
            ]
        html = "".join(
            f"<tr><td style='color:#555;padding-right:8px'>{escape(k)}</td><td>{escape(v).replace(chr(10), '<br>')}</td></tr>"
            for k, v in rows
        )
        style = " style='color:#8b0000'" if lead.overdue else ""
        self.detail.setText(f"<table{style}>{html}</table>")

    # ---- actions ----
    def new_lead(self) -> None:
        if self.data is not None:
            open_dialog(
                self, LeadDialog(self.worker, self.inspection_id, self.data.issues, None, self), self._saved
            )

    def edit_lead(self) -> None:
        lead = self.selected()
        if lead is not None and self.data is not None:
            open_dialog(
                self, LeadDialog(self.worker, self.inspection_id, self.data.issues, lead, self), self._saved
            )

    def _saved(self, lead) -> None:
        self.saved_record(lead)

    def delete_lead(self) -> None:
        lead = self.selected()
        if lead is not None:
            ask(
                self,
                self.tr(
                    "Delete the lead about {name}? Only a lead not yet transferred can be deleted."
                ).format(name=lead.person_name),
                lambda: self.run(leads.delete_lead, lead.id),
            )

    def transfer(self) -> None:
        lead = self.selected()
        if lead is not None:
            user = self.worker.user
            open_dialog(
                self, TransferDialog(self.worker, lead, getattr(user, "display_name", ""), self), self._saved
            )

    def change_due(self) -> None:
        lead = self.selected()
        if lead is None:
            return
        dialog = ActionDialog(
            self.worker,
            self.tr("Report due"),
            {"on": self.tr("Report due:")},
            lambda v: (leads.set_report_due, (lead.id, v["on"])),
            self,
            fields={"report_due": "on"},
            date=lead.report_due,
        )
        open_dialog(self, dialog, self._saved)

    def report(self) -> None:
        lead = self.selected()
        if lead is not None:
            open_dialog(self, LeadReportDialog(self.worker, lead, self), self._saved)
