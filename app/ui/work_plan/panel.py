"""The 巡察工作方案 tab: the versions of the plan (newest first) in a table, the chosen version's text
below; a new version (from the chosen one), and its print in the official layout."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from app.core.domain.work_plan import printing as plan_printing
from app.core.domain.work_plan import queries
from app.core.domain.work_plan.types import WorkPlan
from app.ui.db_worker import DbWorker
from app.ui.org.common import Column, RecordTableModel
from app.ui.printing import PrintPreviewDialog
from app.ui.register.base import ListPanel
from app.ui.register.dialogs import open_dialog
from app.ui.work_plan import ops
from app.ui.work_plan.dialogs import WorkPlanDialog


def versions_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(
                QCoreApplication.translate("WorkPlanPanel", "Version"),
                lambda p: f"第{p.version}版",
                lambda p: p.version,
            ),
            Column(QCoreApplication.translate("WorkPlanPanel", "Title"), lambda p: p.heading),
            Column(QCoreApplication.translate("WorkPlanPanel", "Dated"), lambda p: p.issued_on),
            Column(
                QCoreApplication.translate("WorkPlanPanel", "Groups"),
                lambda p: "、".join(g.name for g in p.groups),
            ),
            Column(QCoreApplication.translate("WorkPlanPanel", "Saved by"), lambda p: p.author),
            Column(
                QCoreApplication.translate("WorkPlanPanel", "Saved at"),
                lambda p: p.created_at[:16].replace("T", " "),
            ),
        ],
        parent,
    )


class WorkPlanPanel(ListPanel):
    KINDS = frozenset({"work_plan"})

    def __init__(self, worker: DbWorker, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(worker, inspection_id, parent)
        self.setObjectName("workPlanPanel")
        self.current: WorkPlan | None = None
        a = self._action
        self.action_new = a(
            "actionNewPlanVersion", self.tr("New version…"), self.new_version, QKeySequence.StandardKey.New
        )
        self.action_print = a("actionPrintWorkPlan", self.tr("Print…"), self.print_plan)
        self._build(versions_model(self), "workPlanTable")
        self.table.activated.connect(lambda _: self.new_version())
        self.selection_changed()
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        self.worker.submit(
            queries.versions,
            self.inspection_id,
            on_done=lambda rows: self._loaded(rows, select),
            on_error=self.failed,
        )

    def _loaded(self, rows: list[WorkPlan], select: str | None) -> None:
        self.loaded = True
        keep = select or getattr(self.selected(), "id", None) or (rows[0].id if rows else None)
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()
        self.summary.setText(
            self.tr("{n} versions; the latest is version {v}").format(n=len(rows), v=rows[0].version)
            if rows
            else self.tr("No work plan yet: New version… drafts the first.")
        )
        self.select(keep)
        self.selection_changed()

    def selection_changed(self) -> None:
        p: WorkPlan | None = self.selected()
        self.action_print.setEnabled(p is not None)
        if p is None:
            self.current = None
            self.detail.setText(self.tr("Choose a version."))
            return
        if self.current is not None and self.current.id == p.id:
            return
        self.worker.submit(queries.get_version, p.id, on_done=self._show, on_error=self.failed)

    def _show(self, plan: WorkPlan) -> None:
        if getattr(self.selected(), "id", None) != plan.id:
            return
        self.current = plan
        rows = [
            (self.tr("Plan"), f"{plan.reference}  {plan.heading}  {plan.issued_on}"),
            (self.tr("Aims"), plan.aims),
            (self.tr("Focus"), "\n".join(f"{k}. {x}" for k, x in enumerate(plan.focus, start=1)) or "—"),
            (
                self.tr("Schedule"),
                "\n".join(f"{p.name}  {p.start} — {p.end}  {p.tasks}".rstrip() for p in plan.schedule) or "—",
            ),
            (
                self.tr("Groups"),
                "\n".join(
                    f"{g.name}：{'、'.join(m.name for m in g.members) or '—'}"
                    + (f"（{g.duties}）" if g.duties else "")
                    for g in plan.groups
                )
                or "—",
            ),
            (self.tr("Requirements"), plan.note or "—"),
        ]
        self.detail.setText(
            "<table>"
            + "".join(
                f"<tr><td style='color:#555;padding-right:8px;white-space:nowrap'>{escape(k)}</td>"
                f"<td>{escape(v).replace(chr(10), '<br>')}</td></tr>"
                for k, v in rows
            )
            + "</table>"
        )

    def _records_changed(self) -> None:
        self.current = None
        super()._records_changed()

    def new_version(self) -> None:
        chosen = getattr(self.selected(), "id", None)
        self.worker.submit(
            ops.open_dialog,
            self.inspection_id,
            chosen,
            on_done=lambda data: open_dialog(
                self, WorkPlanDialog(self.worker, self.inspection_id, data, self), self.saved_record
            ),
            on_error=self.failed,
        )

    def print_plan(self) -> None:
        p = self.selected()
        if p is None:
            return
        plan_id = p.id
        self.preview_dialog = PrintPreviewDialog.show_for(
            self.worker,
            self,
            title=self.tr("Work plan — print preview"),
            preview=lambda s: plan_printing.preview(s, plan_id),
            copies=lambda s, count, action: plan_printing.print_copies(s, plan_id, count, action=action),
            classification=p.classification,
            file_name="work-plan.pdf",
        )
