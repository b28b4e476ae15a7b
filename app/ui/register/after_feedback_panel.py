"""整改时限与评估: an inspection's tab for what follows the feedback (forms/register_after_feedback.ui).

Three parts, each a table with its buttons: what the unit reports by the rules' deadlines (overdue
ones tinted), the fact confirmation sheets and the unit's answers, and the office's assessment of
the rectification. Every button runs one core step on the worker (after_feedback_ops) and the page
redraws from the state it returns; the core decides every step again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.domain.register import fact_confirmation
from app.core.domain.register.fact_confirmation import Answer, Decision
from app.core.errors import UserError
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.forms import child, load_form
from app.ui.org.common import Column, RecordTableModel
from app.ui.register import after_feedback_ops as ops
from app.ui.register.base import table_for
from app.ui.register.dialogs import ActionDialog, open_dialog

OVERDUE = QColor("#fde2e1")
SOON = QColor("#fff4d6")


def _deadline_state(d) -> str:
    if d.received_on:
        return QCoreApplication.translate("AfterFeedbackPanel", "Received on {date}").format(
            date=d.received_on
        )
    if d.overdue:
        return QCoreApplication.translate("AfterFeedbackPanel", "Overdue")
    if d.soon:
        return QCoreApplication.translate("AfterFeedbackPanel", "Due soon")
    return QCoreApplication.translate("AfterFeedbackPanel", "Waiting")


def _deadline_colour(d, role, _column: int):
    if role == Qt.ItemDataRole.BackgroundRole and not d.received_on:
        if d.overdue:
            return QBrush(OVERDUE)
        if d.soon:
            return QBrush(SOON)
    return None


def deadlines_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(QCoreApplication.translate("AfterFeedbackPanel", "Report"), lambda d: d.label),
            Column(
                QCoreApplication.translate("AfterFeedbackPanel", "Due by"),
                lambda d: d.due + ("*" if d.estimated else ""),
            ),
            Column(QCoreApplication.translate("AfterFeedbackPanel", "State"), _deadline_state),
        ],
        parent,
        decorate=_deadline_colour,
    )


def facts_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(
                QCoreApplication.translate("AfterFeedbackPanel", "Sheet"),
                lambda r: str(r.sheet.serial),
                lambda r: (r.sheet.serial, r.item.ordinal),
            ),
            Column(
                QCoreApplication.translate("AfterFeedbackPanel", "No."),
                lambda r: str(r.item.ordinal),
                lambda r: r.item.ordinal,
            ),
            Column(QCoreApplication.translate("AfterFeedbackPanel", "Issue"), lambda r: r.item.title),
            Column(
                QCoreApplication.translate("AfterFeedbackPanel", "Sent"),
                lambda r: r.sheet.sent_on or QCoreApplication.translate("AfterFeedbackPanel", "Not yet sent"),
            ),
            Column(
                QCoreApplication.translate("AfterFeedbackPanel", "Unit's answer"),
                lambda r: r.item.answer.label,
            ),
            Column(
                QCoreApplication.translate("AfterFeedbackPanel", "Decision"), lambda r: r.item.decision.label
            ),
        ],
        parent,
    )


def assessment_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(QCoreApplication.translate("AfterFeedbackPanel", "Item"), lambda s: s.item.label),
            Column(
                QCoreApplication.translate("AfterFeedbackPanel", "Points"),
                lambda s: (
                    QCoreApplication.translate("AfterFeedbackPanel", "veto")
                    if s.item.veto
                    else f"{s.item.points:g}"
                ),
            ),
            Column(
                QCoreApplication.translate("AfterFeedbackPanel", "Deduction"),
                lambda s: (
                    (QCoreApplication.translate("AfterFeedbackPanel", "applies") if s.vetoed else "")
                    if s.item.veto
                    else f"{s.deduction:g}"
                ),
            ),
            Column(QCoreApplication.translate("AfterFeedbackPanel", "Evidence"), lambda s: s.evidence),
        ],
        parent,
    )


class AfterFeedbackPanel(QWidget):
    KINDS = frozenset({"issue", "inspection", "fact_sheet"})

    def __init__(self, worker: DbWorker, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("afterFeedbackPanel")
        self.worker, self.inspection_id = worker, inspection_id
        self.state: ops.AfterFeedback | None = None
        self.dialog = None
        self.preview_dialog = None
        self.busy = False
        self.form = load_form("register_after_feedback.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        self.hint: QLabel = child(self.form, QLabel, "afterFeedbackHint")
        self.error: QLabel = child(self.form, QLabel, "generalError")
        self.summary: QLabel = child(self.form, QLabel, "assessmentSummary")
        self.deadlines = deadlines_model(self)
        self.facts = facts_model(self)
        self.scores = assessment_model(self)
        self.deadlines_table = self._table("deadlinesTable", self.deadlines)
        self.facts_table = self._table("factsTable", self.facts)
        self.scores_table = self._table("assessmentTable", self.scores)
        self.button = {
            name: child(self.form, QPushButton, name)
            for name in (
                "recordReportButton",
                "makeSheetButton",
                "markSentButton",
                "answerButton",
                "decideButton",
                "printSheetButton",
                "beginAssessmentButton",
                "scoreButton",
                "surveyScoreButton",
                "concludeButton",
                "printAssessmentButton",
            )
        }
        b = self.button
        b["recordReportButton"].clicked.connect(self.record_report)
        b["makeSheetButton"].clicked.connect(lambda: self._run(ops.make_sheet))
        b["markSentButton"].clicked.connect(self.mark_sent)
        b["answerButton"].clicked.connect(self.answer)
        b["decideButton"].clicked.connect(self.decide)
        b["printSheetButton"].clicked.connect(self.print_sheet)
        b["beginAssessmentButton"].clicked.connect(lambda: self._run(ops.begin_assessment))
        b["scoreButton"].clicked.connect(self.score)
        b["surveyScoreButton"].clicked.connect(lambda: self._run(ops.fill_from_survey))
        b["concludeButton"].clicked.connect(self.conclude)
        b["printAssessmentButton"].clicked.connect(self.print_assessment)
        for table in (self.facts_table, self.scores_table):
            table.selectionModel().selectionChanged.connect(self._show_state)
        follow_changes(self, worker, self.KINDS, self.refresh)
        self.refresh()

    def _table(self, name: str, model: RecordTableModel) -> QTableView:
        old = child(self.form, QTableView, name)
        table = table_for(name, model)
        old.parentWidget().layout().replaceWidget(old, table)
        old.deleteLater()
        return table

    # ---- loading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.worker.submit(ops.load, self.inspection_id, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, state: ops.AfterFeedback) -> None:
        self.busy = False
        self.state = state
        self.error.setText("")
        self.deadlines.set_records(state.deadlines)
        self.facts.set_records(state.facts)
        self.scores.set_records(list(state.assessment.scores) if state.assessment else [])
        for table in (self.deadlines_table, self.facts_table, self.scores_table):
            table.resizeColumnsToContents()
        self._show_state()

    def _failed(self, error: UserError) -> None:
        self.busy = False
        self.error.setText(str(error))

    def _selected(self, table: QTableView, model: RecordTableModel):
        rows = table.selectionModel().selectedRows() if table.selectionModel() else []
        if not rows:
            return None
        index = table.model().mapToSource(rows[0])
        return model.records[index.row()]

    def selected_fact(self) -> ops.FactRow | None:
        return self._selected(self.facts_table, self.facts)

    def selected_score(self):
        return self._selected(self.scores_table, self.scores)

    def _show_state(self, *_args) -> None:
        s = self.state
        b = self.button
        if s is None:
            for button in b.values():
                button.setEnabled(False)
            return
        if not s.deadlines:
            self.hint.setText(
                QCoreApplication.translate(
                    "AfterFeedbackPanel", "The deadlines begin when the inspection enters its feedback phase."
                )
            )
        else:
            self.hint.setText(
                QCoreApplication.translate(
                    "AfterFeedbackPanel",
                    "Counted from the feedback with the working-day calendar; * marks a date past its years.",
                )
            )
        fact = self.selected_fact()
        item = fact.item if fact else None
        b["recordReportButton"].setEnabled(s.can_write and any(not d.received_on for d in s.deadlines))
        b["makeSheetButton"].setEnabled(s.team_lead)
        b["markSentButton"].setEnabled(s.team_lead and fact is not None and not fact.sheet.sent_on)
        b["answerButton"].setEnabled(
            s.team_lead and fact is not None and bool(fact.sheet.sent_on) and item.answer == Answer.PENDING
        )
        b["decideButton"].setEnabled(
            s.team_lead and item is not None and item.answer == Answer.DISPUTED and not item.decision
        )
        b["printSheetButton"].setEnabled(fact is not None)
        a = s.assessment
        b["beginAssessmentButton"].setEnabled(s.is_office and a is None)
        b["scoreButton"].setEnabled(
            s.is_office and a is not None and not a.concluded and self.selected_score() is not None
        )
        b["concludeButton"].setEnabled(s.is_office and a is not None and not a.concluded)
        b["surveyScoreButton"].setEnabled(s.is_office and a is not None and not a.concluded)
        b["printAssessmentButton"].setEnabled(a is not None)
        if a is None:
            self.summary.setText(
                QCoreApplication.translate(
                    "AfterFeedbackPanel", "The office assesses the rectification once the unit has reported."
                )
            )
        elif a.concluded:
            self.summary.setText(
                QCoreApplication.translate(
                    "AfterFeedbackPanel", "Assessed on {date}: {total} points, graded {grade}."
                ).format(date=a.assessed_on, total=f"{a.total:g}", grade=a.grade)
            )
        else:
            self.summary.setText(
                QCoreApplication.translate(
                    "AfterFeedbackPanel", "So far {total} points ({grade}); conclude to fix the grade."
                ).format(total=f"{a.total:g}", grade=a.grade)
            )

    # ---- steps ---------------------------------------------------------------------------------
    def _run(self, fn, *args) -> None:
        if self.busy:
            return
        self.busy = True
        self.error.setText("")
        self.worker.submit(fn, self.inspection_id, *args, on_done=self._loaded, on_error=self._failed)

    def _action(self, title: str, rows: dict, build, **kwargs) -> ActionDialog:
        dialog = ActionDialog(self.worker, title, rows, build, self, **kwargs)
        self.dialog = dialog
        open_dialog(self, dialog, self._loaded)
        return dialog

    def record_report(self) -> ActionDialog:
        waiting = [(d.label, d.kind.value) for d in self.state.deadlines if not d.received_on]
        iid = self.inspection_id
        path = {"value": ""}

        measures = QListWidget()
        measures.setObjectName("reportMeasures")
        for measure_id, label in self.state.measures:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, measure_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            measures.addItem(item)

        def checked() -> list[str]:
            return [
                measures.item(k).data(Qt.ItemDataRole.UserRole)
                for k in range(measures.count())
                if measures.item(k).checkState() == Qt.CheckState.Checked
            ]

        def build(v):
            return ops.record_report, (iid, v["choice"], v["on"], v["text"], path["value"], checked())

        dialog = self._action(
            QCoreApplication.translate("AfterFeedbackPanel", "Report received from the unit"),
            {
                "choice": QCoreApplication.translate("AfterFeedbackPanel", "Report:"),
                "on": QCoreApplication.translate("AfterFeedbackPanel", "Received on:"),
                "text": QCoreApplication.translate("AfterFeedbackPanel", "Summary (or import the document):"),
            },
            build,
            fields={"received_on": "on", "summary": "text", "kind": "choice"},
            choices=waiting,
            hint=QCoreApplication.translate(
                "AfterFeedbackPanel", "Import the unit's document with the button below, or type its summary."
            ),
        )
        choose = QPushButton(QCoreApplication.translate("AfterFeedbackPanel", "Import document…"), dialog)
        choose.setObjectName("importReportButton")

        def pick() -> None:
            name, _ = QFileDialog.getOpenFileName(
                dialog,
                QCoreApplication.translate("AfterFeedbackPanel", "Import the unit's report"),
                "",
                options=QFileDialog.Option.DontUseNativeDialog,
            )
            if name:
                path["value"] = name
                choose.setText(
                    QCoreApplication.translate("AfterFeedbackPanel", "Document: {name}").format(
                        name=name.rsplit("/", 1)[-1]
                    )
                )

        choose.clicked.connect(pick)
        dialog.form.layout().addWidget(choose)
        if self.state.measures:
            caption = QLabel(QCoreApplication.translate("AfterFeedbackPanel", "The measures it reports on:"))
            dialog.form.layout().addWidget(caption)
            measures.setMaximumHeight(140)
            dialog.form.layout().addWidget(measures)
        dialog.import_path = path
        dialog.measures = measures
        return dialog

    def mark_sent(self) -> ActionDialog:
        fact = self.selected_fact()
        iid = self.inspection_id
        return self._action(
            QCoreApplication.translate("AfterFeedbackPanel", "Sheet sent to the unit"),
            {
                "on": QCoreApplication.translate("AfterFeedbackPanel", "Sent on:"),
                "line": QCoreApplication.translate("AfterFeedbackPanel", "Sent to:"),
            },
            lambda v: (ops.then_load(fact_confirmation.mark_sent), (iid, fact.sheet.id, v["on"], v["line"])),
            fields={"sent_on": "on", "sent_to": "line"},
            line=f"{fact.sheet.unit_name}党组织",
        )

    def answer(self) -> ActionDialog:
        fact = self.selected_fact()
        iid = self.inspection_id
        return self._action(
            QCoreApplication.translate("AfterFeedbackPanel", "The unit's answer to fact {n}").format(
                n=fact.item.ordinal
            ),
            {
                "choice": QCoreApplication.translate("AfterFeedbackPanel", "Answer:"),
                "on": QCoreApplication.translate("AfterFeedbackPanel", "Answered on:"),
                "text": QCoreApplication.translate("AfterFeedbackPanel", "The unit's explanation:"),
            },
            lambda v: (
                ops.then_load(fact_confirmation.record_answer),
                (iid, fact.item.id, v["choice"], v["on"], v["text"]),
            ),
            fields={"answer": "choice", "answered_on": "on", "explanation": "text"},
            choices=[(a.label, a.value) for a in (Answer.CONFIRMED, Answer.DISPUTED)],
            hint=QCoreApplication.translate(
                "AfterFeedbackPanel",
                "A disputed fact reopens its working paper, which goes through the sign-off chain again.",
            ),
        )

    def decide(self) -> ActionDialog:
        fact = self.selected_fact()
        iid = self.inspection_id
        return self._action(
            QCoreApplication.translate("AfterFeedbackPanel", "Decision on the disputed fact {n}").format(
                n=fact.item.ordinal
            ),
            {
                "choice": QCoreApplication.translate("AfterFeedbackPanel", "Decision:"),
                "on": QCoreApplication.translate("AfterFeedbackPanel", "Decided on:"),
                "text": QCoreApplication.translate("AfterFeedbackPanel", "Reasons:"),
            },
            lambda v: (
                ops.then_load(fact_confirmation.decide),
                (iid, fact.item.id, v["choice"], v["on"], v["text"]),
            ),
            fields={"decision": "choice", "decided_on": "on", "decision_note": "text"},
            choices=[(d.label, d.value) for d in Decision if d != Decision.NONE],
        )

    def score(self) -> ActionDialog:
        s = self.selected_score()
        iid = self.inspection_id
        if s.item.veto:
            rows = {
                "choice": QCoreApplication.translate("AfterFeedbackPanel", "Applies:"),
                "text": QCoreApplication.translate("AfterFeedbackPanel", "Evidence:"),
            }
            choices = [
                (QCoreApplication.translate("AfterFeedbackPanel", "No"), "0"),
                (QCoreApplication.translate("AfterFeedbackPanel", "Yes: graded 差 whatever the points"), "1"),
            ]
        else:
            rows = {
                "line": QCoreApplication.translate("AfterFeedbackPanel", "Deduction (0–{n}):").format(
                    n=f"{s.item.points:g}"
                ),
                "text": QCoreApplication.translate("AfterFeedbackPanel", "Evidence:"),
            }
            choices = []
        return self._action(
            s.item.label,
            rows,
            lambda v: (ops.score, (iid, s.item.key, v["line"], v["text"], v["choice"] == "1")),
            fields={"deduction": "line", "evidence": "text", "vetoed": "choice"},
            choices=choices,
            line=f"{s.deduction:g}" if not s.item.veto else "",
            text=s.evidence,
        )

    def conclude(self) -> ActionDialog:
        iid = self.inspection_id
        return self._action(
            QCoreApplication.translate("AfterFeedbackPanel", "Conclude the assessment"),
            {
                "on": QCoreApplication.translate("AfterFeedbackPanel", "Assessed on:"),
                "text": QCoreApplication.translate("AfterFeedbackPanel", "Conclusion:"),
            },
            lambda v: (ops.conclude, (iid, v["on"], v["text"])),
            fields={"assessed_on": "on", "conclusion": "text"},
            hint=QCoreApplication.translate(
                "AfterFeedbackPanel", "A grade of 一般 or 差 proposes the unit for a look-back (回头看)."
            ),
        )

    # ---- printing ------------------------------------------------------------------------------
    def print_sheet(self) -> None:
        from app.ui.register.printing import print_fact_confirmation

        fact = self.selected_fact()
        if fact is not None:
            print_fact_confirmation(self, self.worker, fact.sheet)

    def print_assessment(self) -> None:
        from app.ui.register.printing import print_assessment_report

        if self.state and self.state.assessment:
            print_assessment_report(self, self.worker, self.state.assessment)
