"""The 民主测评 tab of an inspection: its surveys and rounds, and the round's work.

Take a copy of a library template (the leadership list fills the people), add rounds, print the
numbered blank forms (print preview; each copy is one form with its own serial), register the forms
returned, type the forms (EvaluationEntryDialog), import scans, review the unclear answers
(EvaluationReviewDialog), print the report, export the tallies. Every action is one core call on the
database worker; the tree reloads when an evaluation record changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app.core.domain.evaluation import forms_print, outputs, scans, surveys
from app.core.errors import UserError
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.evaluation import ops
from app.ui.forms import child, load_into
from app.ui.messages import show_error, show_info

KINDS = {"eval_survey", "eval_round", "eval_template", "print_register"}


def _import_files(session, round_id: str, blobs: list[bytes]) -> list[scans.ImportResult]:
    return [scans.import_scan(session, round_id, data) for data in blobs]


class EvaluationPanel(QWidget):
    def __init__(self, worker: DbWorker, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_into("evaluation_panel.ui", self)
        self.worker, self.inspection_id = worker, inspection_id
        self.state: ops.PanelState | None = None
        self.templates = child(self, QComboBox, "templateCombo")
        self.tree = child(self, QTreeWidget, "roundTree")
        self.hint = child(self, QLabel, "hintLabel")
        self.buttons = {
            name: child(self, QPushButton, f"{name}Button")
            for name in (
                "takeCopy",
                "editTemplate",
                "newRound",
                "printForms",
                "returned",
                "entry",
                "scan",
                "review",
                "written",
                "report",
                "export",
            )
        }
        self.min_forms = child(self, QSpinBox, "minFormsSpin")
        self.double_entry = child(self, QCheckBox, "doubleEntryCheck")
        self.apply_settings = child(self, QPushButton, "applySettingsButton")
        self.apply_settings.clicked.connect(self.save_settings)
        self.buttons["takeCopy"].clicked.connect(self.take_copy)
        self.buttons["editTemplate"].clicked.connect(self.edit_template)
        self.buttons["newRound"].clicked.connect(self.new_round)
        self.buttons["printForms"].clicked.connect(self.print_forms)
        self.buttons["returned"].clicked.connect(self.set_returned)
        self.buttons["entry"].clicked.connect(self.open_entry)
        self.buttons["scan"].clicked.connect(self.import_scans)
        self.buttons["review"].clicked.connect(self.open_review)
        self.buttons["written"].clicked.connect(self.open_written)
        self.buttons["report"].clicked.connect(self.print_report)
        self.buttons["export"].clicked.connect(self.export_tally)
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.dialog = None
        follow_changes(self, worker, KINDS, self.refresh)
        self.refresh()

    # ---- loading --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.worker.submit(ops.panel_state, self.inspection_id, on_done=self._loaded, on_error=self._error)

    def _loaded(self, state: ops.PanelState) -> None:
        self.state = state
        current = self.round_id()
        self.templates.clear()
        for tid, name in state.templates:
            self.templates.addItem(name, tid)
        self.tree.clear()
        for s in state.surveys:
            code = self.tr("form code %1").replace("%1", f"{s.code:04d}")
            top = QTreeWidgetItem([f"{s.name}（{code}）"])
            top.setData(0, Qt.ItemDataRole.UserRole, ("survey", s.id))
            self.tree.addTopLevelItem(top)
            for r in s.rounds:
                row = QTreeWidgetItem(
                    [r.label, str(r.printed), str(r.returned), str(r.counted), str(r.waiting)]
                )
                row.setData(0, Qt.ItemDataRole.UserRole, ("round", r.id))
                top.addChild(row)
                if r.id == current:
                    self.tree.setCurrentItem(row)
            top.setExpanded(True)
        for k in range(1, 5):
            self.tree.resizeColumnToContents(k)
        self.tree.setColumnWidth(0, max(self.tree.columnWidth(0), 320))
        if not state.surveys:
            self.hint.setText(
                self.tr("No evaluation yet: choose a template and take a copy for this inspection.")
            )
        else:
            self.hint.setText(
                self.tr(
                    "Results are shown only when enough forms were counted; nothing is counted until reviewed."
                )
            )
        self._enable()

    def _selected(self) -> tuple[str, str] | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def round_id(self) -> str | None:
        sel = self._selected()
        return sel[1] if sel and sel[0] == "round" else None

    def survey_id(self) -> str | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        kind, rid = item.data(0, Qt.ItemDataRole.UserRole)
        if kind == "survey":
            return rid
        return item.parent().data(0, Qt.ItemDataRole.UserRole)[1]

    def _survey_row(self) -> ops.SurveyRow | None:
        sid = self.survey_id()
        return next((s for s in self.state.surveys if s.id == sid), None) if self.state and sid else None

    def _enable(self) -> None:
        has_round = self.round_id() is not None
        survey = self._survey_row()
        steer = bool(survey and self.state and self.state.can_steer)
        for w in (self.min_forms, self.double_entry, self.apply_settings):
            w.setEnabled(steer)
        if survey is not None:
            self.min_forms.setValue(survey.min_forms)
            self.double_entry.setChecked(survey.double_entry)
        tip = "" if steer or survey is None else self.tr("Only the team leader or the office sets these.")
        for w in (self.min_forms, self.double_entry, self.apply_settings):
            w.setToolTip(tip)
        self.buttons["takeCopy"].setEnabled(self.templates.count() > 0)
        self.buttons["editTemplate"].setVisible(bool(self.state and self.state.can_edit_templates))
        self.buttons["newRound"].setEnabled(self.survey_id() is not None)
        for name in ("printForms", "returned", "entry", "scan", "review", "written", "report"):
            self.buttons[name].setEnabled(has_round)
        self.buttons["export"].setEnabled(has_round and bool(self.state and self.state.can_export))

    def _error(self, error: UserError) -> None:
        show_error(self, error)

    def _run(self, fn, *args, done=None) -> None:
        self.worker.submit(fn, *args, on_done=done or (lambda _: self.refresh()), on_error=self._error)

    # ---- actions --------------------------------------------------------------------------------
    def save_settings(self) -> None:
        survey_id = self.survey_id()
        if survey_id is not None:
            least, double = (
                self.min_forms.value(),
                self.double_entry.isChecked(),
            )  # read here, not on the worker
            self._run(lambda s: surveys.update_survey(s, survey_id, min_forms=least, double_entry=double))

    def edit_template(self) -> None:
        from app.ui.evaluation.template_dialog import EvaluationTemplateDialog

        template_id = self.templates.currentData()
        if template_id:
            self.dialog = EvaluationTemplateDialog(self.worker, template_id, self)
            self.dialog.show()

    def take_copy(self) -> None:
        template_id = self.templates.currentData()
        if template_id:
            self._run(surveys.take_copy, self.inspection_id, template_id)

    def new_round(self) -> None:
        survey_id = self.survey_id()
        if survey_id is None:
            return
        purpose, ok = QInputDialog.getText(
            self, self.tr("New round"), self.tr("Occasion (e.g. mobilisation meeting):")
        )
        if ok:
            self._run(surveys.add_round, survey_id, purpose)

    def set_returned(self) -> None:
        round_id = self.round_id()
        if round_id is None:
            return
        count, ok = QInputDialog.getInt(
            self, self.tr("Forms returned"), self.tr("Number of forms returned:"), 0, 0, 100000
        )
        if ok:
            self._run(surveys.set_returned, round_id, count)

    def print_forms(self) -> None:
        from app.ui.printing.preview import PrintPreviewDialog

        round_id = self.round_id()
        if round_id is None:
            return
        self.dialog = PrintPreviewDialog(
            self.worker,
            preview=lambda s: forms_print.preview_forms(s, round_id),
            copies=lambda s, n, action: forms_print.print_forms_separately(s, round_id, n, action),
            title=self.tr("Blank forms (each copy a new serial)"),
            file_name="forms.pdf",
            parent=self,
        )
        self.dialog.show()

    def print_report(self) -> None:
        from app.ui.printing.preview import PrintPreviewDialog

        round_id = self.round_id()
        if round_id is None:
            return
        self.dialog = PrintPreviewDialog(
            self.worker,
            preview=lambda s: outputs.report_pdf(s, round_id),
            kind="eval_report",
            record_id=round_id,
            inspection_id=self.inspection_id,
            classification="秘密",
            numbered=lambda s, n: outputs.report_pdf(s, round_id, copy_number=n),
            title=self.tr("Evaluation report"),
            file_name="report.pdf",
            parent=self,
        )
        self.dialog.show()

    def export_tally(self) -> None:
        round_id = self.round_id()
        if round_id is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the tallies"), "tally.xlsx", "Excel (*.xlsx)"
        )
        if not path:
            return

        def written(result: outputs.TallyExport) -> None:
            try:
                Path(path).write_bytes(result.data)
            except OSError as exc:
                show_error(self, self.tr("Cannot write the file: %1").replace("%1", exc.strerror or ""))
                return
            show_info(
                self,
                self.tr("Exported %1 rows (copy %2).")
                .replace("%1", str(result.rows))
                .replace("%2", f"{result.copy_number:06d}"),
            )

        self.worker.submit(outputs.export_tally, round_id, on_done=written, on_error=self._error)

    def import_scans(self) -> None:
        round_id = self.round_id()
        if round_id is None:
            return
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import scans"), "", self.tr("Scans (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)")
        )
        self.import_files(round_id, files)

    def import_files(self, round_id: str, files: list[str]) -> None:
        blobs = []
        for name in files:
            try:
                blobs.append(Path(name).read_bytes())
            except OSError as exc:
                show_error(
                    self, self.tr("Cannot read %1: %2").replace("%1", name).replace("%2", exc.strerror or "")
                )
                return
        if blobs:
            self._run(_import_files, round_id, blobs, done=self._imported)

    def _imported(self, results: list[scans.ImportResult]) -> None:
        self.refresh()
        self.last_import = results
        read = sum(r.read for r in results)
        pages = sum(r.pages for r in results)
        waiting = results[-1].to_review if results else 0
        text = self.tr("%1 of %2 pages read; %3 answers wait for review.")
        self.hint.setText(text.replace("%1", str(read)).replace("%2", str(pages)).replace("%3", str(waiting)))

    def open_entry(self) -> None:
        from app.ui.evaluation.entry_dialog import EvaluationEntryDialog

        round_id = self.round_id()
        if round_id is not None:
            self.dialog = EvaluationEntryDialog(self.worker, round_id, self)
            self.dialog.show()

    def open_written(self) -> None:
        from app.ui.evaluation.written_dialog import WrittenTextDialog

        round_id = self.round_id()
        if round_id is not None:
            self.dialog = WrittenTextDialog(self.worker, round_id, self)
            self.dialog.show()

    def open_review(self) -> None:
        from app.ui.evaluation.review_dialog import EvaluationReviewDialog

        round_id = self.round_id()
        if round_id is not None:
            self.dialog = EvaluationReviewDialog(self.worker, round_id, self)
            self.dialog.show()
