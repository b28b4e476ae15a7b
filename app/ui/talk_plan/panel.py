"""The 谈话计划 tab: who the team will talk to (必谈 first), with interviewers, time, place and state
(待谈, 已谈, 未谈, 已改期); propose the 必谈 from the leadership list, add and edit lines, start the
talk record of a line, print the plan and the notices (谈话通知) of the chosen person or day."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.domain.talk_plan import printing as plan_printing
from app.core.domain.talk_plan import queries, writes
from app.core.domain.talk_plan.types import LineState, PlanLine
from app.ui.db_worker import DbWorker
from app.ui.org.common import Column, RecordTableModel, ask
from app.ui.printing import PrintPreviewDialog
from app.ui.register.base import ListPanel
from app.ui.register.dialogs import open_dialog
from app.ui.talk_plan import ops
from app.ui.talk_plan.dialogs import PlanLineDialog

STATE_COLOURS = {LineState.MISSING: "#b00020", LineState.MOVED: "#8a5a00", LineState.DONE: "#2e7d32"}


def plan_model(parent) -> RecordTableModel:
    def decorate(line: PlanLine, role: int, _column: int):
        if role == Qt.ItemDataRole.ForegroundRole and line.state in STATE_COLOURS:
            return QBrush(QColor(STATE_COLOURS[line.state]))
        return None

    return RecordTableModel(
        [
            Column(
                QCoreApplication.translate("TalkPlanPanel", "No."),
                lambda x: str(x.number),
                lambda x: x.number,
            ),
            Column(QCoreApplication.translate("TalkPlanPanel", "Type"), lambda x: x.must_label),
            Column(QCoreApplication.translate("TalkPlanPanel", "Name"), lambda x: x.name),
            Column(QCoreApplication.translate("TalkPlanPanel", "State"), lambda x: x.state_text),
            Column(QCoreApplication.translate("TalkPlanPanel", "Time"), lambda x: x.planned_at),
            Column(QCoreApplication.translate("TalkPlanPanel", "Category"), lambda x: x.category.label),
            Column(
                QCoreApplication.translate("TalkPlanPanel", "Interviewers"),
                lambda x: "、".join(p.name for p in x.interviewers),
            ),
            Column(
                QCoreApplication.translate("TalkPlanPanel", "Position"),
                lambda x: " ".join(p for p in (x.unit, x.position) if p),
            ),
            Column(QCoreApplication.translate("TalkPlanPanel", "Place"), lambda x: x.place),
        ],
        parent,
        decorate,
    )


class TalkPlanPanel(ListPanel):
    KINDS = frozenset({"talk_plan_line", "talk", "inspection"})

    def __init__(self, worker: DbWorker, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(worker, inspection_id, parent)
        self.setObjectName("talkPlanPanel")
        self.team: list = []
        a = self._action
        self.action_new = a(
            "actionNewPlanLine", self.tr("Add a person"), self.new_line, QKeySequence.StandardKey.New
        )
        self.action_edit = a(
            "actionEditPlanLine", self.tr("Edit"), self.edit_line, QKeySequence(Qt.Key.Key_F2)
        )
        self.action_delete = a(
            "actionDeletePlanLine", self.tr("Delete"), self.delete_line, QKeySequence(Qt.Key.Key_Delete)
        )
        self.action_propose = a(
            "actionProposeMust", self.tr("Propose must-talk from the leadership"), self.propose
        )
        self.toolbar.addSeparator()
        self.action_talk = a("actionStartTalk", self.tr("Start the talk record"), self.start_talk)
        self.action_notice = a("actionPrintNotice", self.tr("Print notice…"), self.print_notice)
        self.action_day = a("actionPrintDayNotices", self.tr("Notices of the day…"), self.print_day_notices)
        self.action_plan = a("actionPrintPlan", self.tr("Print plan…"), self.print_plan)
        self._build(plan_model(self), "talkPlanTable")
        self.table.activated.connect(lambda _: self.edit_line())
        self.selection_changed()
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        self.worker.submit(
            ops.load_plan, self.inspection_id, on_done=lambda d: self._loaded(d, select), on_error=self.failed
        )

    def _loaded(self, data: ops.PlanData, select: str | None) -> None:
        self.loaded = True
        keep = select or getattr(self.selected(), "id", None)
        self.team = data.team
        self.model.set_records(data.lines)
        self.table.resizeColumnsToContents()
        summary = queries.summarise(data.lines)
        self.summary.setText(
            self.tr("{n} people ({m} must-talk): {d} done, {p} planned, {v} moved, {x} missing").format(
                n=summary.total,
                m=summary.must,
                d=summary.count(LineState.DONE),
                p=summary.count(LineState.PLANNED) + summary.count(LineState.UNSCHEDULED),
                v=summary.count(LineState.MOVED),
                x=summary.count(LineState.MISSING),
            )
        )
        self.select(keep)
        self.selection_changed()

    def selection_changed(self) -> None:
        line: PlanLine | None = self.selected()
        for action in (self.action_edit, self.action_notice, self.action_day):
            action.setEnabled(line is not None)
        self.action_delete.setEnabled(line is not None and not line.talks)
        self.action_talk.setEnabled(line is not None and line.state is not LineState.DONE)
        if line is None:
            self.detail.setText(self.tr("Choose a person of the plan."))
            return
        rows = [
            (self.tr("Person"), f"{line.must_label}  {line.name}  {line.unit} {line.position}"),
            (self.tr("Interviewers"), "、".join(p.name for p in line.interviewers) or "—"),
            (self.tr("Time and place"), f"{line.planned_at or '—'}  {line.place}"),
            (self.tr("State"), line.state_text),
            (
                self.tr("Talk records"),
                "、".join(f"谈话记录 第{t.number}号（{t.status.label}）" for t in line.talks) or "—",
            ),
            (self.tr("Note"), line.note or "—"),
        ]
        if line.rescheduled:
            rows.insert(3, (self.tr("First planned"), line.first_planned_at))
        self.detail.setText(
            "<table>"
            + "".join(
                f"<tr><td style='color:#555;padding-right:8px'>{escape(k)}</td><td>{escape(v)}</td></tr>"
                for k, v in rows
            )
            + "</table>"
        )

    # ---- actions ----
    def _unit_name(self) -> str:
        lines = self.model.records
        return lines[0].unit if lines else ""

    def new_line(self) -> None:
        dialog = PlanLineDialog(self.worker, self.inspection_id, None, self.team, self._unit_name(), self)
        open_dialog(self, dialog, self.saved_record)

    def edit_line(self) -> None:
        line = self.selected()
        if line is not None:
            dialog = PlanLineDialog(self.worker, self.inspection_id, line, self.team, self._unit_name(), self)
            open_dialog(self, dialog, self.saved_record)

    def delete_line(self) -> None:
        line = self.selected()
        if line is not None:
            ask(
                self,
                self.tr("Remove {name} from the talk plan?").format(name=line.name),
                lambda: self.run(writes.delete_line, line.id),
            )

    def propose(self) -> None:
        self.worker.submit(
            writes.propose_must_talk, self.inspection_id, on_done=self._proposed, on_error=self.failed
        )

    def _proposed(self, added: list[PlanLine]) -> None:
        self.saved_record(added[0].id if added else None)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Talk plan"),
            self.tr("{n} members of the leadership added as must-talk.").format(n=len(added))
            if added
            else self.tr("Every member of the leadership is already in the plan."),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("proposedBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def start_talk(self) -> None:
        line = self.selected()
        if line is not None:
            self.run(ops.start_talk, line.id, select=line.id)

    def _preview(self, title: str, preview, copies, file_name: str, classification: str) -> None:
        self.preview_dialog = PrintPreviewDialog.show_for(
            self.worker,
            self,
            title=title,
            preview=preview,
            copies=copies,
            classification=classification,
            file_name=file_name,
        )

    def print_plan(self) -> None:
        inspection_id = self.inspection_id
        self._preview(
            self.tr("Talk plan — print preview"),
            lambda s: plan_printing.preview_plan(s, inspection_id),
            lambda s, count, action: plan_printing.print_plan(s, inspection_id, count, action=action),
            "talk-plan.pdf",
            plan_printing.PLAN_LEVEL,
        )

    def _print_notices(self, line_ids: list[str]) -> None:
        self._preview(
            self.tr("Talk notices — print preview"),
            lambda s: plan_printing.preview_notices(s, line_ids),
            lambda s, count, action: plan_printing.print_notices(s, line_ids),
            "talk-notice.pdf",
            plan_printing.NOTICE_LEVEL,
        )

    def print_notice(self) -> None:
        line = self.selected()
        if line is not None:
            self._print_notices([line.id])

    def print_day_notices(self) -> None:
        line = self.selected()
        if line is None or not line.planned_at:
            return
        day = line.planned_at[:10]
        self._print_notices([x.id for x in self.model.records if x.planned_at[:10] == day])
