"""The working paper's fields in the issue dialog: finding its widgets, filling them, reading them back.

A mixin of app.ui.register.issue_dialog.IssueDialog (forms/register_issue.ui): `_find` names the
form's widgets and replaces the table placeholders, `_fill` shows an issue, `draft` reads the form
back into an IssueDraft. It holds no translated strings (their context is IssueDialog's).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QTreeView,
)

from app.core.domain.register.issue_record import Issue, IssueDraft, IssueTag
from app.ui.date_field import DateField
from app.ui.forms import child
from app.ui.org.common import FilterProxy, make_table
from app.ui.register import models
from app.ui.register.dialogs import iso, set_iso

TAG_BOXES = {
    IssueTag.CADRE_SELECTION: "tagCadreSelection",
    IssueTag.IDEOLOGY: "tagIdeology",
    IssueTag.IMMEDIATE_FIX: "tagImmediateFix",
    IssueTag.KEY_ATTENTION: "tagKeyAttention",
}

# Widgets frozen once the paper is signed (the classification and tags stay editable).
PAPER_WIDGETS = (
    "titleEdit",
    "foundOnEdit",
    "factsEdit",
    "legalBasisEdit",
    "responsibilityEdit",
    "respPrincipalEdit",
    "respFirstEdit",
    "respLeadingEdit",
    "respSupervisoryEdit",
    "foundByEdit",
    "writtenByEdit",
    "writtenOnEdit",
    "peopleInvolvedEdit",
    "peopleCountSpin",
    "amountEdit",
    "seriousnessCombo",
    "levelCombo",
)


# The sign-off chain's steps (paper_chain.allowed_actions) and their buttons.
CHAIN_BUTTONS = {
    "submit": "submitPaperButton",
    "approve": "approvePaperButton",
    "return": "returnPaperButton",
    "sign": "chainSignButton",
    "adopt": "adoptPaperButton",
}


class PaperFields:
    """The paper's widgets of IssueDialog (self.form is the loaded form)."""

    def _find(self) -> None:
        f = self.form
        self.tabs: QTabWidget = child(f, QTabWidget, "paperTabs")
        self.header: QLabel = child(f, QLabel, "headerValue")
        self.title: QLineEdit = child(f, QLineEdit, "titleEdit")
        self.found_on: DateField = child(f, DateField, "foundOnEdit")
        self.tree: QTreeView = child(f, QTreeView, "categoryTree")
        self.category_value: QLabel = child(f, QLabel, "categoryValue")
        self.secondary: QComboBox = child(f, QComboBox, "secondaryCombo")
        self.level: QComboBox = child(f, QComboBox, "levelCombo")
        self.seriousness: QComboBox = child(f, QComboBox, "seriousnessCombo")
        self.facts: QPlainTextEdit = child(f, QPlainTextEdit, "factsEdit")
        self.legal_basis: QPlainTextEdit = child(f, QPlainTextEdit, "legalBasisEdit")
        self.responsibility: QPlainTextEdit = child(f, QPlainTextEdit, "responsibilityEdit")
        self.people_involved: QPlainTextEdit = child(f, QPlainTextEdit, "peopleInvolvedEdit")
        self.people_count: QSpinBox = child(f, QSpinBox, "peopleCountSpin")
        self.lines = {
            name: child(f, QLineEdit, name)
            for name in (
                "respPrincipalEdit",
                "respFirstEdit",
                "respLeadingEdit",
                "respSupervisoryEdit",
                "foundByEdit",
                "writtenByEdit",
                "writtenOnEdit",
                "amountEdit",
            )
        }
        self.tag_boxes = {t: child(f, QCheckBox, name) for t, name in TAG_BOXES.items()}
        self.review: QPlainTextEdit = child(f, QPlainTextEdit, "reviewEdit")
        self.reviewed_on: DateField = child(f, DateField, "reviewedOnEdit")
        self.signed_on: DateField = child(f, DateField, "signedOnEdit")
        self.number_value: QLabel = child(f, QLabel, "numberValue")
        self.signature_value: QLabel = child(f, QLabel, "signatureValue")
        self.sign_hint: QLabel = child(f, QLabel, "signHint")
        self.status_value: QLabel = child(f, QLabel, "statusValue")
        self.disposition_value: QLabel = child(f, QLabel, "dispositionValue")
        self.moves_hint: QLabel = child(f, QLabel, "movesHint")
        self.general_error: QLabel = child(f, QLabel, "generalError")
        self.buttons: QDialogButtonBox = child(f, QDialogButtonBox, "buttonBox")
        self.button = {
            name: child(f, QPushButton, name)
            for name in (
                "addEvidenceButton",
                "openEvidenceButton",
                "moveUpButton",
                "moveDownButton",
                "removeEvidenceButton",
                "recordReviewButton",
                "signButton",
                "verifyButton",
                "feedBackButton",
                "dismissButton",
                "closeTransferredButton",
                "reopenTransferredButton",
                "printPaperButton",
                "printFactSheetButton",
            )
        }
        # Tables: the placeholders in the form are replaced by the shared table setup.
        self.evidence_model = models.evidence_model(self)
        self.evidence_table = self._replace_table("evidenceTable", self.evidence_model)
        self.history_model = models.history_model(self)
        self.history_table = self._replace_table("historyTable", self.history_model)
        self.chain_model = models.chain_model(self)
        self.chain_table = self._replace_table("chainTable", self.chain_model)
        self.chain_state: QLabel = child(f, QLabel, "chainStateValue")
        self.chain_gaps: QLabel = child(f, QLabel, "chainGapsValue")
        self.chain_hint: QLabel = child(f, QLabel, "chainHint")
        self.chain_opinion: QPlainTextEdit = child(f, QPlainTextEdit, "chainOpinionEdit")
        self.chain_date: DateField = child(f, DateField, "chainDateEdit")
        for name in CHAIN_BUTTONS.values():
            self.button[name] = child(f, QPushButton, name)

    def _replace_table(self, name: str, model) -> QTableView:
        old = child(self.form, QTableView, name)
        proxy = FilterProxy(model)
        proxy.setSourceModel(model)
        table = make_table(name, proxy)
        model.setParent(table)  # Qt owns the model with its view
        table.setSortingEnabled(False)
        old.parentWidget().layout().replaceWidget(old, table)
        old.deleteLater()
        return table

    def _fill(self, issue: Issue) -> None:
        self.title.setText(issue.title)
        set_iso(self.found_on, issue.found_on)
        self.choose_category(issue.category_id, issue.subcategory_id)
        self.secondary.setCurrentIndex(max(0, self.secondary.findData(issue.secondary_id)))
        for tag, box in self.tag_boxes.items():
            box.setChecked(tag in issue.tags)
        self.level.setCurrentIndex(max(0, self.level.findData(issue.level.value)))
        self.seriousness.setCurrentIndex(max(0, self.seriousness.findData(issue.seriousness.value)))
        self.facts.setPlainText(issue.facts)
        self.legal_basis.setPlainText(issue.legal_basis)
        self.responsibility.setPlainText(issue.responsibility)
        self.people_involved.setPlainText(issue.people_involved)
        self.people_count.setValue(issue.people_count)
        values = {
            "respPrincipalEdit": issue.resp_principal,
            "respFirstEdit": issue.resp_first,
            "respLeadingEdit": issue.resp_leading,
            "respSupervisoryEdit": issue.resp_supervisory,
            "foundByEdit": issue.found_by,
            "writtenByEdit": issue.written_by,
            "writtenOnEdit": issue.written_on or "",
            "amountEdit": f"{issue.amount_yuan:.2f}" if issue.amount_fen else "",
        }
        for name, value in values.items():
            self.lines[name].setText(value)
        self.review.setPlainText(issue.review_opinion)
        set_iso(self.reviewed_on, issue.reviewed_on)
        set_iso(self.signed_on, issue.signed_on)

    def draft(self) -> IssueDraft:
        line = {name: edit.text() for name, edit in self.lines.items()}
        return IssueDraft(
            title=self.title.text(),
            found_on=iso(self.found_on),
            category_id=self.category_id,
            subcategory_id=self.subcategory_id,
            secondary_id=self.secondary.currentData(),
            tags={t for t, box in self.tag_boxes.items() if box.isChecked()},
            level=self.level.currentData() or "",
            facts=self.facts.toPlainText(),
            legal_basis=self.legal_basis.toPlainText(),
            responsibility=self.responsibility.toPlainText(),
            resp_principal=line["respPrincipalEdit"],
            resp_first=line["respFirstEdit"],
            resp_leading=line["respLeadingEdit"],
            resp_supervisory=line["respSupervisoryEdit"],
            found_by=line["foundByEdit"],
            written_by=line["writtenByEdit"],
            written_on=self.lines["writtenOnEdit"].iso(),
            people_involved=self.people_involved.toPlainText(),
            people_count=self.people_count.value(),
            amount_yuan=line["amountEdit"].strip() or 0,
            seriousness=self.seriousness.currentData(),
        )
