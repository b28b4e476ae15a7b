"""The office edits a template of the library (测评表模板): its text, checked by the core.

The template is shown as indented JSON (name, instructions, sections); Save replaces the template,
Save as new adds one of the office's own. The core checks every part and names the one that is
wrong; inspections that took a copy keep theirs.
"""

from __future__ import annotations

import json

from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QPushButton, QWidget

from app.core.domain.evaluation import library
from app.core.domain.evaluation.model import form_to_body
from app.core.errors import UserError
from app.ui.db_worker import DbWorker
from app.ui.forms import child, load_into


def _body(session, template_id: str) -> str:
    return json.dumps(
        form_to_body(library.get_template(session, template_id).form), ensure_ascii=False, indent=1
    )


class EvaluationTemplateDialog(QDialog):
    def __init__(self, worker: DbWorker, template_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_into("evaluation_template.ui", self)
        self.worker, self.template_id = worker, template_id
        self.body = child(self, QPlainTextEdit, "bodyEdit")
        self.error = child(self, QLabel, "errorLabel")
        self.error.setStyleSheet("color: #b00;")
        child(self, QPushButton, "saveButton").clicked.connect(lambda: self.save(new=False))
        child(self, QPushButton, "saveAsButton").clicked.connect(lambda: self.save(new=True))
        child(self, QPushButton, "closeButton").clicked.connect(self.close)
        self.saved = 0
        worker.submit(_body, template_id, on_done=self.body.setPlainText, on_error=self._error)

    def _error(self, error: UserError) -> None:
        self.error.setText(str(error))

    def save(self, *, new: bool) -> None:
        text, template_id = self.body.toPlainText(), self.template_id
        if new:
            job = lambda s: library.create_template(s, text)  # noqa: E731
        else:
            job = lambda s: library.update_template(s, template_id, text)  # noqa: E731
        self.worker.submit(job, on_done=self._saved, on_error=self._error)

    def _saved(self, template: library.Template) -> None:
        self.saved += 1
        self.template_id = template.id
        self.error.setText(self.tr("Saved: %1").replace("%1", template.name))
