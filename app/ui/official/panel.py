"""The 公文 tab of an inspection (and, for a round, the statistics report): choose a kind, assemble
it from the records, edit, save versions, preview and print numbered (sealed) copies, see the copies;
the office also sets the issuing bodies here (app.ui.official.issuers_dialog)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.domain.register.leads import TransferTarget
from app.core.errors import PermissionDenied, UserError
from app.core.official import assemble, copies, copy_preview, documents
from app.core.official.kinds import COPY_TARGET_LABELS, INSPECTION_KINDS, DocKind
from app.core.security.roles import Cap, allowed
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.empty_state import EmptyState
from app.ui.forms import child, load_form
from app.ui.official.common import selected_record, table_model

TARGET_LABELS = {
    TransferTarget.DISCIPLINE_COMMISSION: "纪委监委",
    TransferTarget.ORGANISATION_DEPT: "组织部",
}


EMPTY_COLUMN = 110  # an empty list's columns are this wide at least


class OfficialPanel(QWidget):
    def __init__(
        self, worker: DbWorker, *, inspection_id: str | None = None, round_id: str | None = None, parent=None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("officialPanel")
        self.worker, self.inspection_id, self.round_id = worker, inspection_id, round_id
        self.form = load_form("official_panel.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        self.kind_combo = child(self.form, QComboBox, "kindCombo")
        self.target_combo = child(self.form, QComboBox, "targetCombo")
        self.target_label = child(self.form, QLabel, "targetLabel")
        self.view = child(self.form, QTableView, "documentsView")
        self.status = child(self.form, QLabel, "statusLabel")
        self.filter_edit = child(self.form, QLineEdit, "filterEdit")
        self.filter_edit.textChanged.connect(lambda _t: self._apply_filter())
        self.empty = EmptyState(self.view, "documentsEmpty")
        self.listing: documents.DocumentList | None = None
        self.refused: UserError | None = None
        self.new_button = child(self.form, QPushButton, "newButton")
        self._new_tip = self.new_button.toolTip()
        user = worker.user
        may_know_leads = user is not None and allowed(user.role, Cap.LEADS_READ)
        kinds = [DocKind.STATISTICS_REPORT] if round_id else list(INSPECTION_KINDS)
        for kind in kinds:
            if kind.needs_leads and not may_know_leads:
                continue
            self.kind_combo.addItem(kind.label, kind)
        self._fill_targets(TARGET_LABELS)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        child(self.form, QPushButton, "newButton").clicked.connect(self.new_document)
        child(self.form, QPushButton, "editButton").clicked.connect(self.edit_document)
        child(self.form, QPushButton, "versionsButton").clicked.connect(self.show_versions)
        child(self.form, QPushButton, "printButton").clicked.connect(self.print_document)
        child(self.form, QPushButton, "copiesButton").clicked.connect(self.show_copies)
        child(self.form, QPushButton, "verifyButton").clicked.connect(self.show_authenticate)
        child(self.form, QPushButton, "refreshButton").clicked.connect(self.refresh)
        issuers_button = child(self.form, QPushButton, "issuersButton")
        issuers_button.setVisible(user is not None and allowed(user.role, Cap.ORG_MANAGE))  # the office
        issuers_button.clicked.connect(self.show_issuers)
        self.view.doubleClicked.connect(lambda _i: self.edit_document())
        for key, slot in (
            ("Ctrl+N", self.new_document),
            ("F2", self.edit_document),
            ("Ctrl+P", self.print_document),
        ):
            shortcut = QShortcut(QKeySequence(key), self, slot)
            # Set apart: PySide6 ignores a context= argument, leaving a window-wide shortcut that
            # clashed with every other tab's Ctrl+N.
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # The buttons that act on the selected document: greyed out, saying why, while none is selected.
        self.record_buttons = [
            child(self.form, QPushButton, name)
            for name in ("editButton", "versionsButton", "printButton", "copiesButton")
        ]
        self._tips = {b: b.toolTip() for b in self.record_buttons}
        self._kind_changed()
        self._selection_changed()
        follow_changes(self, worker, {"official_document"}, self.refresh)
        self.refresh()

    # ---- list ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        iid, rid = self.inspection_id, self.round_id
        if not iid and not rid:
            self._loaded(None)
            return
        self.worker.submit(
            lambda s: documents.document_list(s, inspection_id=iid, round_id=rid),
            on_done=self._loaded,
            on_error=self._list_refused,
        )

    def _list_refused(self, error: UserError) -> None:
        self._loaded(None, error)

    def _loaded(self, listing: documents.DocumentList | None, refused: UserError | None = None) -> None:
        self.listing, self.refused = listing, refused
        docs = listing.documents if listing is not None else []
        may_draft = listing is not None and listing.may_draft
        self.new_button.setEnabled(may_draft)
        self.new_button.setToolTip(self._new_tip if may_draft else self._why_no_draft(listing, refused))
        before = selected_record(self.view)
        table_model(
            self.view,
            [
                QCoreApplication.translate("Official", "No."),
                QCoreApplication.translate("Official", "Kind"),
                QCoreApplication.translate("Official", "Title"),
                QCoreApplication.translate("Official", "Version"),
                QCoreApplication.translate("Official", "Classification"),
                QCoreApplication.translate("Official", "Saved"),
            ],
            [
                [
                    d.serial,
                    d.kind.label,
                    d.title,
                    d.current_version,
                    d.classification,
                    copies.local_time(d.updated_at),
                ]
                for d in docs
            ],
            docs,
        )
        header = self.view.horizontalHeader()
        if not docs:  # nothing to size the columns by: readable headers, not squashed to their text
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            for column in range(header.count()):
                header.resizeSection(column, max(header.sectionSizeHint(column), EMPTY_COLUMN))
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        if before is not None:  # the same document stays selected across the reload
            for row, doc in enumerate(docs):
                if doc.id == before.id:
                    self.view.selectRow(row)
        self._selection_changed()
        self._apply_filter()

    def _why_no_draft(self, listing: documents.DocumentList | None, refused: UserError | None) -> str:
        if listing is None and refused is None:
            return self.tr("Select an inspection first.")
        return self.tr("Documents are drafted by the inspection team; your role may only read them.")

    def _apply_filter(self) -> None:
        """Hide the rows the filter does not match; an empty list says why and what to do."""
        model = self.view.model()
        rows = model.rowCount() if model is not None else 0
        words = [w.casefold() for w in self.filter_edit.text().split()]
        shown = 0
        for row in range(rows):
            cells = " ".join(model.rows[row]).casefold()
            hide = any(w not in cells for w in words)
            self.view.setRowHidden(row, hide)
            shown += not hide
        listing, refused = self.listing, self.refused
        self.filter_edit.setEnabled(listing is not None)
        count = self.tr("%1 documents.").replace("%1", str(rows))
        if listing is None and refused is None:
            why = self.tr("No inspection selected.")
            what = self.tr("Choose an inspection in the tree on the left to see its documents.")
            count = ""
        elif listing is None:
            if isinstance(refused, PermissionDenied):
                why = self.tr("You may not see the documents of this inspection.")
                what = f"{refused.message} " + self.tr("Ask the inspection office if you need them.")
            else:
                why, what = refused.message, self.tr("Press Refresh to try again.")
            count = refused.message
        elif rows and not shown:
            why = self.tr("No document matches the filter.")
            what = self.tr("Clear the filter to see all %1 documents.").replace("%1", str(rows))
            count = self.tr("%1 of %2 documents shown.").replace("%1", "0").replace("%2", str(rows))
        elif not rows and listing.hidden:
            why = self.tr("No document of this inspection is within your reach.")
            what = self.tr(
                "%1 document(s) are classified above your clearance or outside your need to know; "
                "ask the inspection office if you need them."
            ).replace("%1", str(listing.hidden))
            count = ""
        elif not rows:
            why = self.tr("No documents yet.")
            what = (
                self.tr(
                    "Choose a kind and press New from records (Ctrl+N): it is assembled from the records."
                )
                if listing.may_draft
                else self.tr("The inspection team drafts the documents; they appear here once saved.")
            )
            count = ""
        else:
            why = what = ""
            if words:
                count = (
                    self.tr("%1 of %2 documents shown.").replace("%1", str(shown)).replace("%2", str(rows))
                )
        if why:
            self.empty.show_reason(why, what)
        else:
            self.empty.clear()
        self.status.setText(count)

    def _selection_changed(self) -> None:
        chosen = self.view.selectionModel() is not None and bool(self.view.selectionModel().selectedRows())
        for button in self.record_buttons:
            button.setEnabled(chosen)
            button.setToolTip(
                self._tips[button]
                if chosen
                else QCoreApplication.translate("Official", "Select a document in the list first.")
            )

    def _failed(self, error: UserError) -> None:
        self.status.setText(error.message)

    def _fill_targets(self, labels: dict) -> None:
        self.target_combo.clear()
        for target, label in labels.items():
            self.target_combo.addItem(label, str(target))

    def _kind_changed(self) -> None:
        kind = self.kind_combo.currentData()
        chooses = kind in (DocKind.TRANSFER_LETTER, DocKind.COPY_NOTICE)
        if chooses:  # the transfer letter's receiving body, or whom the 抄告单 goes to
            self._fill_targets(TARGET_LABELS if kind == DocKind.TRANSFER_LETTER else COPY_TARGET_LABELS)
        self.target_combo.setVisible(chooses)
        self.target_label.setVisible(chooses)

    def current(self) -> documents.OfficialDocument | None:
        doc = selected_record(self.view)
        if doc is None:
            self.status.setText(QCoreApplication.translate("Official", "Select a document first."))
        return doc

    # ---- assemble, edit --------------------------------------------------------------------------
    def new_document(self) -> None:
        if self.kind_combo.currentData() is None:
            return
        kind = DocKind(self.kind_combo.currentData())  # Qt hands the enum back as a plain str
        chooses = kind in (DocKind.TRANSFER_LETTER, DocKind.COPY_NOTICE)
        target = str(self.target_combo.currentData()) if chooses else ""
        iid, rid = self.inspection_id, self.round_id
        self.status.setText(QCoreApplication.translate("Official", "Assembling from the records…"))
        self.worker.submit(
            lambda s: assemble.assemble(
                s, kind, inspection_id=iid, round_id=rid, target=target or "discipline_commission"
            ),
            on_done=lambda draft: self._open_editor(draft, kind=kind, target=target),
            on_error=self._failed,
        )

    def _open_editor(self, draft, *, kind: DocKind, target: str = "", document_id=None, based_on: int = 0):
        from app.ui.official.editor import OfficialEditor

        self.status.clear()
        editor = OfficialEditor(
            self.worker,
            draft,
            kind=kind,
            document_id=document_id,
            based_on=based_on,
            inspection_id=self.inspection_id,
            round_id=self.round_id,
            target=target,
            parent=self,
        )
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.open()
        self.editor = editor
        return editor

    def edit_document(self) -> None:
        doc = self.current()
        if doc is None:
            return
        self.worker.submit(
            lambda s: documents.get_version(s, doc.id),
            on_done=lambda v: self._open_editor(
                v.draft(), kind=doc.kind, document_id=doc.id, based_on=v.version
            ),
            on_error=self._failed,
        )

    def show_versions(self) -> None:
        doc = self.current()
        if doc is None:
            return

        def shown(versions) -> None:
            from app.ui.messages import show_info

            lines = [
                QCoreApplication.translate("Official", "Version %1 — %2 — %3 %4")
                .replace("%1", str(v.version))
                .replace("%2", copies.local_time(v.created_at))
                .replace("%3", v.author_name)
                .replace("%4", v.note)
                for v in versions
            ]
            show_info(
                self,
                "\n".join(lines),
                QCoreApplication.translate("Official", "Versions of %1").replace("%1", doc.title),
            )

        self.worker.submit(lambda s: documents.list_versions(s, doc.id), on_done=shown, on_error=self._failed)

    # ---- print, copies, authenticate ----------------------------------------------------------------
    def print_document(self) -> None:
        doc = self.current()
        if doc is None:
            return
        from app.ui.official.dialogs import PrintOptionsDialog
        from app.ui.printing import PrintPreviewDialog

        info = (
            QCoreApplication.translate(
                "Official", "Version %1 of %2; every copy is numbered, registered and watermarked."
            )
            .replace("%1", str(doc.current_version))
            .replace("%2", doc.title)
        )
        options = PrintOptionsDialog(self.worker, info, self)
        options.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen() -> None:
            seal, recipients, count = options.seal_check.isChecked(), options.recipients(), options.copies()
            version = doc.current_version

            def make(session, count, action):
                job = copies.print_copies(
                    session,
                    doc.id,
                    count,
                    recipients=recipients,
                    seal=seal,
                    version=version,
                    action=action.value,
                )
                return job.numbers, [c.pdf for c in job.copies]

            self.preview = PrintPreviewDialog.show_for(
                self.worker,
                self,
                title=f"{doc.kind.label} — {doc.title}",
                # The copy that will print: sealed as chosen, numbered, watermarked, with its code.
                preview=lambda s: copy_preview.preview_first_copy(s, doc.id, version, seal=seal),
                copies=make,
                classification=doc.classification,
                file_name=f"{doc.kind.label}.pdf",
                copy_count=count,
            )

        options.accepted.connect(chosen)
        options.open()
        self.options = options

    def show_copies(self) -> None:
        from app.ui.official.dialogs import CopiesDialog

        doc = selected_record(self.view)
        dialog = CopiesDialog(self.worker, doc.id if doc else None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.copies_dialog = dialog

    def show_authenticate(self) -> None:
        from app.ui.official.dialogs import AuthenticateDialog

        dialog = AuthenticateDialog(self.worker, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.authenticate_dialog = dialog

    def show_issuers(self) -> None:
        from app.ui.official.issuers_dialog import IssuersDialog

        dialog = IssuersDialog(self.worker, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.issuers_dialog = dialog
