"""The editor of an official document: the assembled (or saved) text, headings recognised as typed.

Saving keeps a new version in the core (never overwrites); a Conflict says someone saved meanwhile.
The outline beside the text lists the headings the GB/T layout recognises ("一、" "（一）" "1." "(1)"),
and the text shows them in the faces they will print in, so a mistyped number stands out.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QWidget,
)

from app.core.errors import UserError
from app.core.official import copies, documents
from app.core.official.documents import DocumentDraft
from app.core.official.kinds import DocKind
from app.core.printing.gbt9704 import heading_level
from app.core.security.roles import CLEARANCES
from app.ui.date_field import DateField
from app.ui.db_worker import DbWorker
from app.ui.forms import child, load_into
from app.ui.official.common import clear_errors, show_error


class HeadingHighlighter(QSyntaxHighlighter):
    """Level 1 bold (黑体), level 2 italic (楷体), levels 3–4 underlined numbers."""

    def __init__(self, document) -> None:
        super().__init__(document)
        self.formats = {}
        for level in (1, 2, 3, 4):
            fmt = QTextCharFormat()
            if level == 1:
                fmt.setFontWeight(QFont.Weight.Bold)
            elif level == 2:
                fmt.setFontItalic(True)
                fmt.setFontWeight(QFont.Weight.DemiBold)
            else:
                fmt.setForeground(Qt.GlobalColor.darkBlue)
            self.formats[level] = fmt

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt)
        level = heading_level(text)
        if level:
            end = text.find("。")
            length = len(text) if end < 0 or level > 2 else end + 1
            self.setFormat(0, length, self.formats[level])


class OfficialEditor(QDialog):
    saved = Signal(object)  # the OfficialDocument (new) or Version (new version)

    def __init__(
        self,
        worker: DbWorker,
        draft: DocumentDraft,
        *,
        kind: DocKind,
        document_id: str | None = None,
        based_on: int = 0,
        inspection_id: str | None = None,
        round_id: str | None = None,
        target: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        load_into("official_editor.ui", self)
        self.worker = worker
        self.kind, self.document_id, self.based_on = DocKind(kind), document_id, based_on
        self.scope = {"inspection_id": inspection_id, "round_id": round_id, "target": target}
        self.title_edit = child(self, QLineEdit, "titleEdit")
        self.addressee_edit = child(self, QLineEdit, "addresseeEdit")
        self.issuer_edit = child(self, QLineEdit, "issuerEdit")
        self.date_edit: DateField = child(self, DateField, "issuedOnEdit")
        self.class_combo = child(self, QComboBox, "classificationCombo")
        self.years_spin = child(self, QSpinBox, "yearsSpin")
        self.note_edit = child(self, QLineEdit, "noteEdit")
        self.body_edit = child(self, QPlainTextEdit, "bodyEdit")
        self.outline = child(self, QListWidget, "outlineList")
        self.version_label = child(self, QLabel, "versionLabel")
        self.buttons = child(self, QDialogButtonBox, "buttonBox")
        self.preview_button = child(self, QPushButton, "previewButton")
        self.class_combo.addItems(list(CLEARANCES))
        child(self, QSplitter, "splitter").setSizes([700, 280])
        self.highlighter = HeadingHighlighter(self.body_edit.document())
        # Set up by calls, not constructor keywords: PySide's keyword path mis-counts references to True.
        self._outline_timer = QTimer(self)
        self._outline_timer.setSingleShot(True)
        self._outline_timer.setInterval(300)
        self._outline_timer.timeout.connect(self._update_outline)
        self.body_edit.textChanged.connect(self._outline_timer.start)
        self.outline.itemActivated.connect(self._go_to_heading)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.preview)
        self.set_draft(draft)
        self.setWindowTitle(
            f"{self.kind.label} — "
            + (
                QCoreApplication.translate("Official", "version %1").replace("%1", str(based_on))
                if document_id
                else QCoreApplication.translate("Official", "new")
            )
        )
        self.version_label.setText(
            QCoreApplication.translate("Official", "Saving keeps version %1 and adds version %2.")
            .replace("%1", str(based_on))
            .replace("%2", str(based_on + 1))
            if document_id
            else QCoreApplication.translate(
                "Official", "Assembled from the records; saving keeps it as version 1."
            )
        )
        clear_errors(self)

    def set_draft(self, d: DocumentDraft) -> None:
        self.title_edit.setText(d.title)
        self.addressee_edit.setText(d.addressee)
        self.issuer_edit.setText(d.issuer)
        self.date_edit.set_iso(d.issued_on)
        self.class_combo.setCurrentText(d.classification)
        self.years_spin.setValue(d.protection_years or 0)
        self.body_edit.setPlainText(d.body)
        self._update_outline()

    def draft(self) -> DocumentDraft:
        return DocumentDraft(
            title=self.title_edit.text(),
            body=self.body_edit.toPlainText(),
            issuer=self.issuer_edit.text(),
            issued_on=self.date_edit.iso() or "",
            addressee=self.addressee_edit.text(),
            classification=self.class_combo.currentText(),
            protection_years=self.years_spin.value() or None,
            note=self.note_edit.text(),
        )

    def _update_outline(self) -> None:
        self.outline.clear()
        for number, line in enumerate(self.body_edit.toPlainText().split("\n")):
            level = heading_level(line)
            if level:
                end = line.find("。")
                text = line if end < 0 else line[: end + 1]
                self.outline.addItem("    " * (level - 1) + text[:40])
                self.outline.item(self.outline.count() - 1).setData(Qt.ItemDataRole.UserRole, number)

    def _go_to_heading(self, item) -> None:
        block = self.body_edit.document().findBlockByNumber(int(item.data(Qt.ItemDataRole.UserRole)))
        cursor = self.body_edit.textCursor()
        cursor.setPosition(block.position())
        self.body_edit.setTextCursor(cursor)
        self.body_edit.setFocus()

    def save(self) -> None:
        clear_errors(self)
        try:
            draft = self.draft()
        except UserError as error:  # the date field holds text that is no date
            show_error(self, error)
            return
        self.buttons.setEnabled(False)
        if self.document_id:
            doc_id, based_on = self.document_id, self.based_on
            fn = lambda s: documents.save_version(s, doc_id, draft, based_on=based_on)  # noqa: E731
        else:
            kind, scope = self.kind, dict(self.scope)
            fn = lambda s: documents.create_document(s, kind, draft, **scope)  # noqa: E731
        self.worker.submit(fn, on_done=self._saved, on_error=self._failed)

    def _saved(self, result) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit(result)
        self.accept()

    def _failed(self, error: UserError) -> None:
        self.buttons.setEnabled(True)
        show_error(self, error)

    def preview(self) -> None:
        from app.ui.printing import PrintPreviewDialog

        try:
            draft = self.draft()
        except UserError as error:
            show_error(self, error)
            return

        def not_saved(_session, _count, _action):
            raise UserError("请先保存为新版本，再打印登记的文本。")

        PrintPreviewDialog.show_for(
            self.worker,
            self,
            title=QCoreApplication.translate("Official", "Draft preview (not saved)"),
            preview=lambda s: copies.preview_draft(s, draft),
            copies=not_saved,
        )
