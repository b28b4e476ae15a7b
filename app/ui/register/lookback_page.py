"""回头看: the office's list of units proposed for a look-back (assessment.lookbacks), scheduling each
into an inspection of a look-back round, and for a scheduled one the earlier inspection as the
look-back sees it (issues, measures, assessment: assessment.earlier_view) beside the look-back's own
findings, each linked to the earlier issue it is about (反弹, 未整改到位) or marked new.

The assessment template editor (整改成效评估模板) opens from here: the office's other assessment tool."""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.domain.register import assessment
from app.core.domain.register.assessment import Relation
from app.core.errors import UserError, ValidationError
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.messages import show_error
from app.ui.org.common import Column, RecordTableModel, select_record, selected_record
from app.ui.register import lookback_ops as ops
from app.ui.register.base import table_for
from app.ui.register.dialogs import ActionDialog, open_dialog


def lookbacks_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(QCoreApplication.translate("LookbackPage", "Unit"), lambda r: r.lookback.unit_name),
            Column(QCoreApplication.translate("LookbackPage", "Earlier inspection"), lambda r: r.earlier),
            Column(QCoreApplication.translate("LookbackPage", "Reason"), lambda r: r.lookback.reason),
            Column(
                QCoreApplication.translate("LookbackPage", "Look-back inspection"),
                lambda r: r.scheduled or QCoreApplication.translate("LookbackPage", "Not scheduled"),
            ),
        ],
        parent,
    )


def earlier_model(parent) -> RecordTableModel:
    from app.core.domain.register.issue_record import IssueStatus

    def status(i) -> str:
        try:
            return IssueStatus(i.status).label
        except ValueError:
            return i.status

    def measures(i) -> str:
        from app.core.domain.register.rectification_record import Completion

        def done(c: str) -> str:
            return Completion(c).label if c in set(Completion) else (c or "—")

        return "；".join(f"{d}（{done(c)}，{dl or '—'}）" for d, dl, c in i.measures).replace("\n", " ")

    return RecordTableModel(
        [
            Column(QCoreApplication.translate("LookbackPage", "Number"), lambda i: i.number or ""),
            Column(QCoreApplication.translate("LookbackPage", "Earlier issue"), lambda i: i.title),
            Column(QCoreApplication.translate("LookbackPage", "Status"), status),
            Column(QCoreApplication.translate("LookbackPage", "Measures (completion, deadline)"), measures),
        ],
        parent,
    )


def findings_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(QCoreApplication.translate("LookbackPage", "Number"), lambda f: f.number or ""),
            Column(QCoreApplication.translate("LookbackPage", "Finding"), lambda f: f.title),
            Column(
                QCoreApplication.translate("LookbackPage", "Relation to the earlier issues"),
                lambda f: (
                    f.relation.label
                    if f.relation
                    else QCoreApplication.translate("LookbackPage", "Not linked")
                ),
            ),
        ],
        parent,
    )


class EarlierPanel(QWidget):
    """A look-back inspection's view of the earlier one (its issues and measures, the assessment's
    grade) beside the look-back's own findings, each linked to the earlier issue it is about.

    Shown in the office's 回头看 page for the selected look-back and, for the look-back team, as the
    回头看 tab of a look-back round's inspection."""

    def __init__(
        self, worker: DbWorker, inspection_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("earlierPanel")
        self.worker = worker
        self.inspection_id = inspection_id
        self.view: ops.LookbackView | None = None
        self.dialog = None
        self.busy = False
        self.earlier_title = QLabel()
        self.earlier_title.setObjectName("earlierTitle")
        self.earlier_title.setWordWrap(True)
        self.link_button = QPushButton(self.tr("Link the finding…"))
        self.link_button.setObjectName("linkButton")
        self.link_button.clicked.connect(self.link)
        top = QHBoxLayout()
        top.addWidget(self.earlier_title, 1)
        top.addWidget(self.link_button)
        self.earlier = earlier_model(self)
        self.earlier_table = table_for("earlierTable", self.earlier)
        self.earlier_table.setWordWrap(True)
        self.findings = findings_model(self)
        self.findings_table = table_for("findingsTable", self.findings)
        self.findings_table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.findings_table.activated.connect(lambda _: self.link())
        halves = QSplitter(Qt.Orientation.Horizontal)
        halves.addWidget(self.earlier_table)
        halves.addWidget(self.findings_table)
        halves.setStretchFactor(0, 3)
        halves.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(halves, 1)
        follow_changes(self, worker, {"issue", "inspection", "assessment"}, self.refresh)
        self._enable()
        if inspection_id:
            self.refresh()

    def set_inspection(self, inspection_id: str | None, hint: str = "") -> None:
        self.inspection_id = inspection_id
        self.view = None
        self.earlier.set_records([])
        self.findings.set_records([])
        self.earlier_title.setText(hint)
        self._enable()
        self.refresh()

    def refresh(self) -> None:
        if not self.inspection_id:
            return
        self.busy = True
        self.worker.submit(ops.load_view, self.inspection_id, on_done=self._view, on_error=self._failed)

    def _view(self, view: ops.LookbackView) -> None:
        self.busy = False
        if view.inspection_id != self.inspection_id:
            return  # another look-back was chosen meanwhile
        self.view = view
        e = view.earlier
        grade = (
            self.tr("assessed {total:g} points, graded “{grade}”").format(total=e.total, grade=e.grade)
            if e.grade and e.total is not None
            else self.tr("not assessed")
        )
        self.earlier_title.setText(
            self.tr("Round {n} inspection of {unit}: {count} issues, {grade}.").format(
                n=e.round_number, unit=e.unit_name, count=len(e.issues), grade=grade
            )
        )
        chosen = selected_record(self.findings_table)
        self.earlier.set_records(list(e.issues))
        self.earlier_table.resizeColumnsToContents()
        self.earlier_table.setColumnWidth(3, min(self.earlier_table.columnWidth(3), 380))
        self.earlier_table.resizeRowsToContents()
        self.findings.set_records(view.findings)
        self.findings_table.resizeColumnsToContents()
        if chosen is not None:
            select_record(self.findings_table, lambda f: f.id == chosen.id)
        self._enable()

    def _failed(self, error: UserError) -> None:
        self.busy = False
        self.view = None
        self.earlier_title.setText(str(error))
        self._enable()

    def _enable(self) -> None:
        self.link_button.setEnabled(bool(self.view and selected_record(self.findings_table) is not None))

    def link(self) -> ActionDialog | None:
        finding = selected_record(self.findings_table)
        if self.view is None or finding is None:
            return None
        choices: list[tuple[str, object]] = [(Relation.NEW.label, (Relation.NEW.value, None))]
        for issue in self.view.earlier.issues:
            name = f"{issue.number or ''} {issue.title}".strip()
            choices.append((f"{Relation.REBOUND.label}：{name}", (Relation.REBOUND.value, issue.id)))
            choices.append((f"{Relation.INCOMPLETE.label}：{name}", (Relation.INCOMPLETE.value, issue.id)))
        iid, fid = self.view.inspection_id, finding.id

        def build(v):
            return ops.link, (iid, fid, v["choice"])

        dialog = ActionDialog(
            self.worker,
            self.tr("Link “{title}” to the earlier inspection").format(title=finding.title),
            {"choice": self.tr("Relation")},
            build,
            self,
            fields={"relation": "choice", "earlier_issue_id": "choice"},
            choices=choices,
        )
        open_dialog(self, dialog, self._view)
        return dialog


class LookbackPage(QWidget):
    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lookbackPage")
        self.worker = worker
        self.rows: list[ops.LookbackRow] | None = None
        self.dialog = None
        self.busy = False
        self.button: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for name, text, slot in (
            ("scheduleButton", self.tr("Schedule into an inspection…"), self.schedule),
            ("templateButton", self.tr("Assessment template…"), self.edit_template),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            self.button[name] = button
            bar.addWidget(button)
        self.summary = QLabel()
        self.summary.setObjectName("lookbackSummary")
        bar.addWidget(self.summary, 1)
        self.model = lookbacks_model(self)
        self.table = table_for("lookbackTable", self.model)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.panel = EarlierPanel(worker, None, self)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        follow_changes(self, worker, {"inspection", "team", "assessment"}, self.refresh)
        self._enable()

    def focus_find(self) -> None:
        self.table.setFocus()

    # ---- loading ----
    def refresh(self) -> None:
        self.busy = True
        self.worker.submit(ops.load_lookbacks, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, rows: list[ops.LookbackRow]) -> None:
        chosen = self.current()
        self.rows = rows
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(2, min(self.table.columnWidth(2), 420))
        waiting = sum(1 for r in rows if not r.lookback.inspection_id)
        self.summary.setText(
            self.tr("{n} units proposed, {w} not yet scheduled").format(n=len(rows), w=waiting)
        )
        index = next((n for n, r in enumerate(rows) if chosen and r.id == chosen.id), 0 if rows else None)
        self.busy = False
        if index is not None:
            self.table.selectRow(self.table.model().mapFromSource(self.model.index(index, 0)).row())
        self._selected()

    def current(self) -> ops.LookbackRow | None:
        return selected_record(self.table)

    def _selected(self) -> None:
        row = self.current()
        self._enable()
        scheduled = row.lookback.inspection_id if row else None
        if scheduled == self.panel.inspection_id and scheduled:
            return
        hint = (
            self.tr(
                "Schedule the look-back into an inspection of a look-back round to see the earlier issues."
            )
            if row and not scheduled
            else ""
        )
        self.panel.set_inspection(scheduled, hint)

    def _enable(self) -> None:
        row = self.current()
        self.button["scheduleButton"].setEnabled(bool(row and not row.lookback.inspection_id))

    def _failed(self, error: UserError) -> None:
        self.busy = False
        show_error(self, error)

    # ---- actions ----
    def schedule(self) -> ActionDialog | None:
        row = self.current()
        if row is None:
            return None
        lookback_id = row.id

        def build(v):
            if not v["choice"]:
                raise ValidationError(
                    QCoreApplication.translate("LookbackPage", "Choose the look-back inspection."),
                    field="inspection_id",
                )
            return ops.schedule, (lookback_id, v["choice"])

        hint = (
            ""
            if row.candidates
            else self.tr(
                "No inspection of this unit in a look-back round yet: create one in the organisation first."
            )
        )
        dialog = ActionDialog(
            self.worker,
            self.tr("Schedule the look-back of {unit}").format(unit=row.lookback.unit_name),
            {"choice": self.tr("Look-back inspection")},
            build,
            self,
            fields={"inspection_id": "choice"},
            choices=list(row.candidates),
            hint=hint,
        )
        open_dialog(self, dialog, self._loaded)
        return dialog

    def edit_template(self) -> TemplateDialog:
        dialog = TemplateDialog(self.worker, self)
        open_dialog(self, dialog)
        return dialog

    def save_layout(self) -> None:
        """The workspace asks every page; nothing to keep here."""


# ---- the assessment template editor -------------------------------------------------------------


def items_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(QCoreApplication.translate("TemplateDialog", "Code"), lambda i: i.key),
            Column(QCoreApplication.translate("TemplateDialog", "Item"), lambda i: i.label),
            Column(
                QCoreApplication.translate("TemplateDialog", "Points"),
                lambda i: QCoreApplication.translate("TemplateDialog", "veto") if i.veto else f"{i.points:g}",
            ),
            Column(
                QCoreApplication.translate("TemplateDialog", "Filled from"),
                lambda i: (
                    QCoreApplication.translate("TemplateDialog", "the satisfaction survey")
                    if i.source == "survey"
                    else ""
                ),
            ),
        ],
        parent,
    )


class TemplateDialog(QDialog):
    """The office edits the assessment template as JSON; every edit is checked by the core's parser
    and the items show as a table (or the parser's message names what is wrong); Save keeps it."""

    saved = Signal(object)

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assessmentTemplateDialog")
        self.setWindowTitle(self.tr("Assessment template"))
        self.worker = worker
        self.busy = True
        self.template: assessment.Template | None = None
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("templateEdit")
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.message = QLabel()
        self.message.setObjectName("templateMessage")
        self.message.setWordWrap(True)
        self.items = items_model(self)
        self.table = table_for("templateItems", self.items)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.grades = QLabel()
        self.grades.setObjectName("templateGrades")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("Preview")))
        right_layout.addWidget(self.table, 1)
        right_layout.addWidget(self.grades)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.editor)
        splitter.addWidget(right)
        splitter.setSizes([460, 520])
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(1000, 600)
        self.editor.textChanged.connect(self.check)
        worker.submit(ops.template_text, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, text: str) -> None:
        self.busy = False
        try:
            text = json.dumps(json.loads(text), ensure_ascii=False, indent=2)
        except ValueError:
            pass
        self.editor.setPlainText(text)

    def check(self) -> assessment.Template | None:
        """Parse the text as the core will; show the items or the message."""
        try:
            self.template = assessment.parse_template(self.editor.toPlainText())
        except UserError as error:
            self.template = None
            self.message.setStyleSheet("color: #b00000;")
            self.message.setText(str(error))
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            return None
        t = self.template
        self.items.set_records(list(t.items))
        self.table.resizeColumnsToContents()
        self.grades.setText(
            self.tr(
                "Grades: 好 from {a:g}, 较好 from {b:g}, 一般 from {c:g}, below that 差; a veto item makes it 差."
            ).format(a=t.thresholds["好"], b=t.thresholds["较好"], c=t.thresholds["一般"])
        )
        self.message.setStyleSheet("color: #246b24;")
        self.message.setText(
            self.tr("“{name}”: {n} items, the scored ones total 100 points.").format(
                name=t.name, n=len(t.items)
            )
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        return t

    def save(self) -> None:
        if self.check() is None:
            return
        self.busy = True
        self.buttons.setEnabled(False)
        self.worker.submit(
            assessment.save_template, self.editor.toPlainText(), on_done=self._saved, on_error=self._failed
        )

    def _saved(self, template) -> None:
        self.busy = False
        self.buttons.setEnabled(True)
        self.saved.emit(template)
        self.accept()

    def _failed(self, error: UserError) -> None:
        self.busy = False
        self.buttons.setEnabled(True)
        self.message.setStyleSheet("color: #b00000;")
        self.message.setText(str(error))
