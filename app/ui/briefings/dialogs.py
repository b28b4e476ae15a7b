"""The briefing forms: the request to a department (forms/briefings_request.ui) and one item of its
answer (forms/briefings_item.ui: source, content, category from the presets or typed, lead-like)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit

from app.core.domain.briefings.types import (
    DEFAULT_MATTERS,
    BriefingItem,
    BriefingRequest,
    BriefingSource,
    ItemForm,
    RequestForm,
)
from app.core.domain.briefings.writes import add_item, create_request, update_item, update_request
from app.core.security.roles import CLEARANCES
from app.ui.date_field import DateField
from app.ui.db_worker import DbWorker
from app.ui.org.common import FormDialog, fill_combo


class BriefingRequestDialog(FormDialog):
    def __init__(
        self, worker: DbWorker, inspection_id: str, request: BriefingRequest | None, parent=None
    ) -> None:
        super().__init__(worker, "briefings_request.ui", parent)
        self.inspection_id, self.request = inspection_id, request
        self.setWindowTitle(
            self.tr("Briefing request No. {n}").format(n=request.number)
            if request
            else self.tr("New briefing request")
        )
        self.source: QComboBox = self.field(QComboBox, "sourceCombo")
        self.department: QLineEdit = self.field(QLineEdit, "departmentEdit")
        self.requested_on: DateField = self.field(DateField, "requestedOnEdit")
        self.due_on: DateField = self.field(DateField, "dueOnEdit")
        self.answered_on: DateField = self.field(DateField, "answeredOnEdit")
        self.matters: QPlainTextEdit = self.field(QPlainTextEdit, "mattersEdit")
        self.classification: QComboBox = self.field(QComboBox, "classificationCombo")
        fill_combo(
            self.source,
            [(s.label, s.value) for s in BriefingSource],
            request.source.value if request else None,
        )
        fill_combo(
            self.classification, [(c, c) for c in CLEARANCES], request.classification if request else "秘密"
        )
        self.source.currentIndexChanged.connect(lambda _: self._source_changed())
        if request is None:
            self.requested_on.set_today()
            self._source_changed()
            return
        self.department.setText(request.department)
        self.requested_on.set_iso(request.requested_on)
        self.due_on.set_iso(request.due_on)
        self.answered_on.set_iso(request.answered_on)
        self.matters.setPlainText(request.matters)

    def _source_changed(self) -> None:
        """A new request takes the department's usual name and matters (as placeholders)."""
        source = BriefingSource(self.source.currentData())
        self.department.setPlaceholderText(source.default_department or self.tr("Name of the body"))
        self.matters.setPlaceholderText(DEFAULT_MATTERS[source])

    def form_value(self) -> RequestForm:
        return RequestForm(
            source=self.source.currentData(),
            requested_on=self.requested_on.iso_or_text(),
            department=self.department.text(),
            due_on=self.due_on.iso_or_text(),
            answered_on=self.answered_on.iso_or_text(),
            matters=self.matters.toPlainText(),
            classification=self.classification.currentData() or "秘密",
            protection_years=self.request.protection_years if self.request else None,
        )

    def operation(self):
        form = self.form_value()
        if self.request is not None:
            return update_request, (self.request.id, form)
        return create_request, (self.inspection_id, form)


class BriefingItemDialog(FormDialog):
    def __init__(
        self,
        worker: DbWorker,
        request: BriefingRequest,
        item: BriefingItem | None,
        categories: list[str],
        may_flag_leads: bool,
        parent=None,
    ) -> None:
        super().__init__(worker, "briefings_item.ui", parent)
        self.request, self.item = request, item
        self.setWindowTitle(
            self.tr("Item {n} of briefing No. {m}").format(n=item.ordinal, m=request.number)
            if item
            else self.tr("New item of briefing No. {m}").format(m=request.number)
        )
        self.source: QLineEdit = self.field(QLineEdit, "sourceEdit")
        self.content: QPlainTextEdit = self.field(QPlainTextEdit, "contentEdit")
        self.category: QComboBox = self.field(QComboBox, "categoryCombo")
        self.lead: QCheckBox = self.field(QCheckBox, "leadCheck")
        self.classification: QComboBox = self.field(QComboBox, "classificationCombo")
        self.source.setPlaceholderText(request.department)
        self.category.addItem("")
        self.category.addItems(categories)
        self.lead.setEnabled(may_flag_leads)
        if not may_flag_leads:
            self.lead.setToolTip(self.tr("Only the team leader or the office records lead-like items."))
        fill_combo(self.classification, [(c, c) for c in CLEARANCES], item.classification if item else "秘密")
        if item is None:
            return
        self.source.setText(item.source)
        self.content.setPlainText(item.content)
        self.category.setCurrentText(item.category)
        self.lead.setChecked(item.is_lead)

    def form_value(self) -> ItemForm:
        return ItemForm(
            content=self.content.toPlainText(),
            source=self.source.text(),
            category=self.category.currentText(),
            category_id=None,
            is_lead=self.lead.isChecked(),
            classification=self.classification.currentData() or "秘密",
        )

    def operation(self):
        form = self.form_value()
        if self.item is not None:
            return update_item, (self.item.id, form)
        return add_item, (self.request.id, form)
