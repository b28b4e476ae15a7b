"""The 整改 tab: per issue fed back to the unit, the goal, measures, progress with evidence, completion
and the two-step close-out (the unit's completion recorded, then the office verifies and closes;
the office may reopen with a reason). Overdue items and measures are tinted.

Evidence files are read by the core (checked, refused by size first) and stored encrypted; they
are shown inside the app only, never written out.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.core.domain.register import measures, rectification_plan, workflow
from app.core.domain.register.rectification_record import Completion, RectState
from app.ui.db_worker import DbWorker
from app.ui.empty_state import EmptyState
from app.ui.messages import show_error
from app.ui.org.common import ask, selected_record
from app.ui.register import models, ops
from app.ui.register.base import ListPanel, explain, table_for
from app.ui.register.dialogs import (
    ActionDialog,
    DeadlinesDialog,
    MeasureDialog,
    ProgressDialog,
    TextViewer,
    open_dialog,
)


class RectificationPanel(ListPanel):
    KINDS = frozenset({"issue"})

    def __init__(self, worker: DbWorker, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(worker, inspection_id, parent)
        self.setObjectName("rectificationPanel")
        self.current: ops.RectDetail | None = None
        self.items: list[ops.RectItem] = []
        a = self._action
        self.action_plan = a("actionRecordPlan", self.tr("Plan received…"), self.record_plan)
        self.action_deadlines = a("actionDeadlines", self.tr("Deadlines…"), self.set_deadlines)
        self.toolbar.addSeparator()
        self.action_add_measure = a(
            "actionAddMeasure", self.tr("Add measure"), self.add_measure, QKeySequence.StandardKey.New
        )
        self.action_edit_measure = a(
            "actionEditMeasure", self.tr("Edit measure"), self.edit_measure, QKeySequence(Qt.Key.Key_F2)
        )
        self.action_remove_measure = a("actionRemoveMeasure", self.tr("Remove measure"), self.remove_measure)
        self.action_measure_done = a(
            "actionMeasureCompletion", self.tr("Measure completion…"), self.measure_completion
        )
        self.toolbar.addSeparator()
        self.action_progress = a("actionAddProgress", self.tr("Add progress…"), self.add_progress)
        self.action_evidence = a("actionViewEvidence", self.tr("View evidence"), self.view_evidence)
        self.toolbar.addSeparator()
        self.action_completion = a(
            "actionUnitCompletion", self.tr("Unit's completion…"), self.record_completion
        )
        self.action_close = a("actionCloseOut", self.tr("Verify and close out…"), self.close_out)
        self.action_reopen = a("actionReopen", self.tr("Reopen…"), self.reopen)
        self.toolbar.addSeparator()
        self.action_print = a(
            "actionPrintLedger", self.tr("Print ledger…"), self.print_ledger, QKeySequence.StandardKey.Print
        )

        detail = QWidget()
        self.header = QLabel()
        self.header.setObjectName("rectHeader")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.parts = QTabWidget()
        self.parts.setObjectName("rectParts")
        self.measures_table = table_for("measuresTable", models.measures_model(self))
        self.measures_table.activated.connect(lambda _: self.edit_measure())
        self.progress_table = table_for("progressTable", models.progress_model(self))
        self.progress_table.activated.connect(lambda _: self.view_evidence())
        self.events_table = table_for("rectEventsTable", models.events_model(self))
        for table in (self.measures_table, self.progress_table, self.events_table):
            table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.parts.addTab(self.measures_table, self.tr("Measures"))
        self.parts.addTab(self.progress_table, self.tr("Progress"))
        self.parts.addTab(self.events_table, self.tr("Close-out steps"))
        box = QVBoxLayout(detail)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.header)
        box.addWidget(self.parts, 1)
        self._build(models.rect_items_model(self), "rectItemsTable", detail)
        for table, name, why in (
            (self.measures_table, "measuresEmpty", self._why_no_measures),
            (self.progress_table, "progressEmpty", self._why_no_progress),
            (self.events_table, "rectEventsEmpty", self._why_no_events),
        ):
            EmptyState(table, name).follow(table.model(), why)
        self._enable()
        self.refresh()

    # ---- loading ----
    def refresh(self, select: str | None = None) -> None:
        self.worker.submit(
            ops.load_rectifications,
            self.inspection_id,
            on_done=lambda items: self._loaded(items, select),
            on_error=self.failed,
        )

    def _loaded(self, items: list[ops.RectItem], select: str | None) -> None:
        self.loaded = True
        self.items = items
        keep = select or getattr(self.selected(), "id", None)
        self.model.set_records(items)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(1, 320)
        closed = sum(1 for x in items if x.rect.state == RectState.CLOSED)
        overdue = sum(1 for x in items if x.rect.overdue)
        self.summary.setText(
            self.tr("{n} items: {c} closed out, {o} open, {d} overdue").format(
                n=len(items), c=closed, o=len(items) - closed, d=overdue
            )
        )
        self.select(keep)
        if self.selected() is None and items:
            self.table.selectRow(0)
        self.selection_changed()

    def selection_changed(self) -> None:
        item = self.selected()
        if item is None:
            self.current = None
            self._show()
            return
        self.worker.submit(ops.load_rect_detail, item.issue.id, on_done=self._detail, on_error=self.failed)

    def _detail(self, detail: ops.RectDetail) -> None:
        item = self.selected()
        if item is None or item.issue.id != detail.issue.id:
            return
        self.current = detail
        self._show()

    def _show(self) -> None:
        d = self.current
        measure_rows = self.measures_table.model().sourceModel()
        progress_rows = self.progress_table.model().sourceModel()
        event_rows = self.events_table.model().sourceModel()
        if d is None:
            self.header.setText(self.tr("Issues fed back to the unit appear here once fed back."))
            for model in (measure_rows, progress_rows, event_rows):
                model.set_records([])
            self._enable()
            return
        r, issue = d.rect, d.issue
        warn = "color:#8b0000;font-weight:bold"
        plan = r.plan_submitted_on or self.tr("not yet")
        plan_style = warn if r.plan_overdue else ""
        report_style = warn if r.report_overdue else ""
        rows = [
            (self.tr("Issue"), f"{issue.number or ''} {issue.title}", ""),
            (self.tr("Goal"), r.goal or "—", ""),
            (
                self.tr("Plan"),
                self.tr("due {due}, received {on}").format(due=r.plan_due_text(issue.fed_back_on), on=plan),
                plan_style,
            ),
            (
                self.tr("Report"),
                self.tr("due {due}, completion reported {on}").format(
                    due=r.report_due, on=r.unit_completed_on or self.tr("not yet")
                ),
                report_style,
            ),
            (self.tr("Completion"), f"{r.completion.label} {r.completion_summary}", ""),
            (
                self.tr("State"),
                r.state.label
                + (self.tr(" — OVERDUE") if r.overdue else "")
                + (f"（{r.closed_on} {r.close_opinion}）" if r.state == RectState.CLOSED else ""),
                warn if r.overdue else "",
            ),
        ]
        self.header.setText(
            "<table>"
            + "".join(
                f"<tr><td style='color:#555;padding-right:8px'>{escape(k)}</td>"
                f"<td style='{s}'>{escape(v).replace(chr(10), '<br>')}</td></tr>"
                for k, v, s in rows
            )
            + "</table>"
        )
        measure_rows.set_records(r.measures)
        progress_rows.set_records(d.progress)
        event_rows.set_records(d.events)
        for table in (self.measures_table, self.progress_table, self.events_table):
            table.resizeColumnsToContents()
        self._enable()

    # ---- why a part is empty ----
    def _no_issue(self) -> tuple[str, str] | None:
        if self.current is not None:
            return None
        if self.selected() is not None:
            return None  # its detail is loading
        return self.tr("No issue selected."), self.tr("Choose an issue in the list above.")

    def _blocked(self) -> str | None:
        d = self.current
        if not d.can_write:
            return self.tr("Your role may read the rectification, not record it.")
        if d.rect.state == RectState.CLOSED:
            return self.tr("Closed out: reopen it to record more.")
        return None

    def _why_no_measures(self) -> tuple[str, str] | None:
        if self.current is None:
            return self._no_issue()
        return self.tr("No rectification measures recorded yet."), self._blocked() or self.tr(
            "Press Add measure to record the unit's measures, each with whom and by when."
        )

    def _why_no_progress(self) -> tuple[str, str] | None:
        if self.current is None:
            return self._no_issue()
        return self.tr("No progress recorded yet."), self._blocked() or self.tr(
            "Press Add progress… to record what the unit reports, with its evidence files."
        )

    def _why_no_events(self) -> tuple[str, str] | None:
        if self.current is None:
            return self._no_issue()
        return self.tr("No close-out steps yet."), self.tr(
            "Once the unit's completion is recorded, the office verifies and closes the issue out."
        )

    def _enable(self) -> None:
        d = self.current
        measure = selected_record(self.measures_table)
        entry = selected_record(self.progress_table)
        if d is None:
            closed = self.tr("Select an issue in the list first.")
        elif not d.can_write:
            closed = self.tr("Your role may read the rectification, not record it.")
        elif d.rect.state == RectState.CLOSED:
            closed = self.tr("Closed out: reopen it to record more.")
        else:
            closed = None
        no_measure = closed or (None if measure is not None else self.tr("Select a measure first."))
        for action in (
            self.action_plan,
            self.action_deadlines,
            self.action_add_measure,
            self.action_progress,
        ):
            explain(action, closed)
        for action in (self.action_edit_measure, self.action_remove_measure, self.action_measure_done):
            explain(action, no_measure)
        explain(
            self.action_evidence,
            self.tr("Select a progress entry with evidence first.")
            if entry is None or not entry.evidence
            else None,
        )
        explain(
            self.action_completion,
            closed
            or (
                None
                if d.rect.plan_submitted_on is not None
                else self.tr("Record the unit's rectification plan first (Plan received…).")
            ),
        )
        if d is None:
            close_why = closed
        elif not d.can_close:
            close_why = self.tr("Only the office verifies and closes out.")
        elif d.rect.state != RectState.UNIT_COMPLETED:
            close_why = self.tr("The unit's completion must be recorded first.")
        else:
            close_why = None
        explain(self.action_close, close_why)
        explain(
            self.action_reopen,
            None
            if d is not None and d.can_close and d.rect.state == RectState.CLOSED
            else self.tr("Not closed out."),
        )
        self.action_close.setVisible(d is None or d.can_close)
        self.action_reopen.setVisible(d is None or d.can_close)

    # ---- actions ----
    def _issue_id(self) -> str | None:
        return self.current.issue.id if self.current else None

    def _changed(self, _result=None) -> None:
        self.saved_record(self._issue_id())

    def _action_dialog(self, title: str, rows: dict, build, **kwargs) -> ActionDialog:
        dialog = ActionDialog(self.worker, title, rows, build, self, **kwargs)
        open_dialog(self, dialog, self._changed)
        return dialog

    def record_plan(self) -> None:
        iid = self._issue_id()
        if iid:
            self._action_dialog(
                self.tr("The unit's rectification plan"),
                {"on": self.tr("Plan received on:"), "text": self.tr("Rectification goal:")},
                lambda v: (rectification_plan.record_plan, (iid, v["text"], v["on"])),
                fields={"goal": "text", "submitted_on": "on"},
                text=self.current.rect.goal,
                date=self.current.rect.plan_submitted_on,
            )

    def set_deadlines(self) -> None:
        if self.current:
            open_dialog(
                self,
                DeadlinesDialog(self.worker, self.current.issue.id, self.current.rect, self),
                self._changed,
            )

    def add_measure(self) -> None:
        if self.current:
            dialog = MeasureDialog(
                self.worker, self.current.issue.id, self.current.rect.report_due, None, self
            )
            open_dialog(self, dialog, self._changed)

    def edit_measure(self) -> None:
        measure = selected_record(self.measures_table)
        if self.current and measure is not None:
            dialog = MeasureDialog(
                self.worker, self.current.issue.id, self.current.rect.report_due, measure, self
            )
            open_dialog(self, dialog, self._changed)

    def remove_measure(self) -> None:
        measure = selected_record(self.measures_table)
        if measure is not None:
            ask(
                self,
                self.tr("Remove measure {n}?").format(n=measure.ordinal),
                lambda: self.worker.submit(
                    measures.remove_measure, measure.id, on_done=self._changed, on_error=self.failed
                ),
            )

    def measure_completion(self) -> None:
        measure = selected_record(self.measures_table)
        if measure is None:
            return
        dialog = self._action_dialog(
            self.tr("Measure completion"),
            {"choice": self.tr("Completion:"), "on": self.tr("Completed on:")},
            lambda v: (measures.set_measure_completion, (measure.id, v["choice"], v["on"])),
            fields={"completion": "choice", "completed_on": "on"},
            choices=[(c.label, c.value) for c in Completion],
            date=measure.completed_on,
        )
        dialog.choice.setCurrentIndex(max(0, dialog.choice.findData(measure.completion.value)))

    def add_progress(self) -> None:
        if self.current:
            dialog = ProgressDialog(self.worker, self.current.issue.id, self.current.rect.measures, self)
            open_dialog(self, dialog, self._changed)

    def view_evidence(self) -> None:
        entry = selected_record(self.progress_table)
        if entry is None or not entry.evidence:
            return
        if len(entry.evidence) == 1:
            self._open_file(entry.evidence[0].id)
            return
        dialog = ActionDialog(
            self.worker,
            self.tr("Evidence files"),
            {"choice": self.tr("File:")},
            lambda v: (ops.open_progress_evidence, (v["choice"],)),
            self,
            choices=[(a.filename, a.id) for a in entry.evidence],
        )
        open_dialog(self, dialog, self._show_file)

    def _open_file(self, attachment_id: str) -> None:
        self.worker.submit(
            ops.open_progress_evidence,
            attachment_id,
            on_done=self._show_file,
            on_error=lambda e: show_error(self, e),
        )

    def _show_file(self, file: ops.EvidenceFile) -> None:
        image = None
        if file.is_image:
            pixmap = QPixmap()
            if pixmap.loadFromData(file.data):
                image = pixmap
        self.viewer = TextViewer(file.filename, file.text, self, image=image)
        self.viewer.open()

    def record_completion(self) -> None:
        iid = self._issue_id()
        if iid:
            dialog = self._action_dialog(
                self.tr("The unit's completion"),
                {
                    "on": self.tr("Reported on:"),
                    "choice": self.tr("Completion:"),
                    "text": self.tr("Summary:"),
                },
                lambda v: (rectification_plan.record_completion, (iid, v["choice"], v["text"], v["on"])),
                fields={"completion": "choice", "summary": "text", "reported_on": "on"},
                choices=[(c.label, c.value) for c in Completion],
                text=self.current.rect.completion_summary,
                hint=self.tr(
                    "Done (or mostly done with every unfinished measure ongoing) makes the item ready for the office to verify and close out."
                ),
            )
            dialog.choice.setCurrentIndex(max(0, dialog.choice.findData(Completion.DONE.value)))

    def close_out(self) -> None:
        iid = self._issue_id()
        if iid:
            self._action_dialog(
                self.tr("Verify and close out"),
                {"on": self.tr("Closed out on:"), "text": self.tr("Verification opinion:")},
                lambda v: (workflow.close_out, (iid, v["on"], v["text"])),
                fields={"closed_on": "on", "opinion": "text"},
                hint=self.tr("Only the office closes out, after verifying the unit's completion."),
            )

    def reopen(self) -> None:
        iid = self._issue_id()
        if iid:
            self._action_dialog(
                self.tr("Reopen the item"),
                {"on": self.tr("Reopened on:"), "text": self.tr("Reason:")},
                lambda v: (workflow.reopen, (iid, v["text"], v["on"])),
                fields={"reason": "text"},
            )

    def print_ledger(self) -> None:
        from app.ui.register.printing import print_rectification_ledger

        print_rectification_ledger(self, self.worker, self.inspection_id)
