"""The 巡前情况通报 tab: the requests to the departments in a table; below, the selected request's letter
details and its answer item by item (a lead-like item only for those who may know leads, marked 线索).
New, edit and delete requests and items, attach a file to an item, print the letter of the selected
request and the summary of the inspection."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from app.core.domain.briefings import printing as briefing_printing
from app.core.domain.briefings import queries, search, writes
from app.core.domain.briefings.types import BriefingItem, BriefingRequest
from app.ui.briefings import ops
from app.ui.briefings.dialogs import BriefingItemDialog, BriefingRequestDialog
from app.ui.db_worker import DbWorker
from app.ui.org.common import Column, RecordTableModel, ask, select_record, selected_record
from app.ui.printing import PrintPreviewDialog
from app.ui.register.base import ListPanel, table_for
from app.ui.register.dialogs import open_dialog


def requests_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(
                QCoreApplication.translate("BriefingsPanel", "No."),
                lambda r: f"第{r.number}号",
                lambda r: r.number,
            ),
            Column(QCoreApplication.translate("BriefingsPanel", "Department"), lambda r: r.department),
            Column(QCoreApplication.translate("BriefingsPanel", "Kind"), lambda r: r.source.label),
            Column(QCoreApplication.translate("BriefingsPanel", "Requested"), lambda r: r.requested_on),
            Column(QCoreApplication.translate("BriefingsPanel", "Due"), lambda r: r.due_on),
            Column(QCoreApplication.translate("BriefingsPanel", "State"), lambda r: r.state_text),
            Column(
                QCoreApplication.translate("BriefingsPanel", "Items"),
                lambda r: str(len(r.items)),
                lambda r: len(r.items),
            ),
        ],
        parent,
    )


def items_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(
                QCoreApplication.translate("BriefingsPanel", "Item"),
                lambda x: str(x.ordinal),
                lambda x: x.ordinal,
            ),
            Column(QCoreApplication.translate("BriefingsPanel", "Source"), lambda x: x.source),
            Column(
                QCoreApplication.translate("BriefingsPanel", "Content"),
                lambda x: ("【线索】" if x.is_lead else "") + x.content.replace("\n", " "),
            ),
            Column(QCoreApplication.translate("BriefingsPanel", "Category"), lambda x: x.category),
            Column(
                QCoreApplication.translate("BriefingsPanel", "Files"),
                lambda x: str(len(x.attachments) or ""),
                lambda x: len(x.attachments),
            ),
        ],
        parent,
    )


class BriefingsPanel(ListPanel):
    KINDS = frozenset({"briefing_request", "briefing_item"})

    def __init__(self, worker: DbWorker, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(worker, inspection_id, parent)
        self.setObjectName("briefingsPanel")
        a = self._action
        self.action_new = a(
            "actionNewBriefing", self.tr("New request"), self.new_request, QKeySequence.StandardKey.New
        )
        self.action_edit = a(
            "actionEditBriefing", self.tr("Edit"), self.edit_request, QKeySequence(Qt.Key.Key_F2)
        )
        self.action_delete = a("actionDeleteBriefing", self.tr("Delete"), self.delete_request)
        self.toolbar.addSeparator()
        self.action_new_item = a("actionNewBriefingItem", self.tr("Add an item"), self.new_item)
        self.action_edit_item = a("actionEditBriefingItem", self.tr("Edit item"), self.edit_item)
        self.action_delete_item = a("actionDeleteBriefingItem", self.tr("Delete item"), self.delete_item)
        self.action_attach = a("actionAttachBriefingFile", self.tr("Attach a file…"), self.attach_file)
        self.toolbar.addSeparator()
        self.action_letter = a("actionPrintBriefingLetter", self.tr("Print letter…"), self.print_letter)
        self.action_summary = a("actionPrintBriefingSummary", self.tr("Print summary…"), self.print_summary)
        self.toolbar.addSeparator()
        self.hits: set[str] | None = None  # the items the last search found
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("briefingsSearch")
        self.search_edit.setPlaceholderText(self.tr("Search the answers… (Enter)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaximumWidth(220)
        self.search_edit.returnPressed.connect(self.search)
        self.search_edit.textChanged.connect(lambda text: self._show_hits(None) if not text.strip() else None)
        self.toolbar.addWidget(self.search_edit)
        detail = QWidget()
        box = QVBoxLayout(detail)
        box.setContentsMargins(0, 0, 0, 0)
        self.request_label = QLabel()
        self.request_label.setObjectName("briefingDetail")
        self.request_label.setWordWrap(True)
        self.request_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.request_label.setMargin(6)
        self.items_table: QTableView = table_for("briefingItemsTable", items_model(self))
        self.items_model: RecordTableModel = self.items_table.model().sourceModel()
        self.items_table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.items_table.activated.connect(lambda _: self.edit_item())
        self.items_table.setWordWrap(True)
        self.items_table.setMinimumHeight(24)  # the splitter, not the table's hint, sets the room it takes
        detail.setMinimumHeight(40)
        box.addWidget(self.request_label)
        box.addWidget(self.items_table, 1)
        self._build(requests_model(self), "briefingsTable", detail)
        self.table.activated.connect(lambda _: self.edit_request())
        self.selection_changed()
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        self.worker.submit(
            queries.list_requests,
            self.inspection_id,
            on_done=lambda rows: self._loaded(rows, select),
            on_error=self.failed,
        )

    def _loaded(self, rows: list[BriefingRequest], select: str | None) -> None:
        self.loaded = True
        keep_item = getattr(self.selected_item(), "id", None)
        keep = select or getattr(self.selected(), "id", None)
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()
        answered = sum(1 for r in rows if r.answered_on)
        items = sum(len(r.items) for r in rows)
        self.summary.setText(
            self.tr("{n} requests, {a} answered, {i} items").format(n=len(rows), a=answered, i=items)
        )
        owner = next((r for r in rows if any(x.id == select for x in r.items)), None)
        self.select(owner.id if owner else keep)
        self.selection_changed()
        want = select if owner else keep_item
        if want:
            select_record(self.items_table, lambda x: x.id == want)

    # ---- search ----
    def search(self) -> None:
        text = self.search_edit.text().strip()
        if not text:
            self._show_hits(None)
            return
        self.worker.submit(
            search.search_items,
            text,
            self.inspection_id,
            on_done=lambda hits: self._show_hits({h.item_id for h in hits}),
            on_error=self.failed,
        )

    def _show_hits(self, hits: set[str] | None) -> None:
        """Narrow the requests to those with a hit, and their items to the hits."""
        self.hits = hits
        self.proxy.set_row_filter(None if hits is None else (lambda r: any(x.id in hits for x in r.items)))
        items_proxy = self.items_table.model()
        items_proxy.set_row_filter(None if hits is None else (lambda x: x.id in hits))

    # ---- the selection ----
    def selected_item(self) -> BriefingItem | None:
        return selected_record(self.items_table)

    def selection_changed(self) -> None:
        r: BriefingRequest | None = self.selected()
        self.items_model.set_records(r.items if r else [])
        self.items_table.resizeColumnToContents(0)
        self.items_table.setColumnWidth(2, 460)
        self.items_table.setColumnWidth(3, 220)
        self.items_table.resizeRowsToContents()
        if r is None:
            self.request_label.setText(self.tr("Choose a request."))
        else:
            rows = [
                (self.tr("Letter"), f"{r.reference}  {r.department}（{r.source.label}）"),
                (
                    self.tr("Dates"),
                    f"{r.requested_on} 发函  {('复函期限 ' + r.due_on) if r.due_on else ''}  {r.state_text}",
                ),
                (self.tr("Matters asked"), r.matters),
            ]
            self.request_label.setText(
                "<table>"
                + "".join(
                    f"<tr><td style='color:#555;padding-right:8px;white-space:nowrap'>{escape(k)}</td>"
                    f"<td>{escape(v)}</td></tr>"
                    for k, v in rows
                )
                + "</table>"
            )
        self._enable()

    def _enable(self) -> None:
        r, x = self.selected(), self.selected_item()
        for action in (self.action_edit, self.action_delete, self.action_new_item, self.action_letter):
            action.setEnabled(r is not None)
        for action in (self.action_edit_item, self.action_delete_item, self.action_attach):
            action.setEnabled(x is not None)

    # ---- requests ----
    def new_request(self) -> None:
        open_dialog(
            self, BriefingRequestDialog(self.worker, self.inspection_id, None, self), self.saved_record
        )

    def edit_request(self) -> None:
        r = self.selected()
        if r is not None:
            open_dialog(
                self, BriefingRequestDialog(self.worker, self.inspection_id, r, self), self.saved_record
            )

    def delete_request(self) -> None:
        r = self.selected()
        if r is not None:
            ask(
                self,
                self.tr("Delete briefing No. {n} and all its items?").format(n=r.number),
                lambda: self.run(writes.delete_request, r.id),
            )

    # ---- items ----
    def _open_item(self, item: BriefingItem | None) -> None:
        r = self.selected()
        if r is None:
            return
        self.worker.submit(
            ops.item_dialog,
            r.id,
            on_done=lambda data: open_dialog(
                self,
                BriefingItemDialog(
                    self.worker, data.request, item, data.categories, data.may_flag_leads, self
                ),
                self.saved_record,
            ),
            on_error=self.failed,
        )

    def new_item(self) -> None:
        self._open_item(None)

    def edit_item(self) -> None:
        x = self.selected_item()
        if x is not None:
            self._open_item(x)

    def delete_item(self) -> None:
        x = self.selected_item()
        if x is not None:
            ask(
                self,
                self.tr("Delete item {n} and its files?").format(n=x.ordinal),
                lambda: self.run(writes.delete_item, x.id),
            )

    def choose_file(self) -> str:
        """The file to attach (a native dialog; tests replace this)."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Attach a file to the item"),
            "",
            self.tr("Supported files (*.txt *.docx *.xlsx *.pdf *.png *.jpg *.jpeg);;All files (*)"),
        )
        return path

    def attach_file(self) -> None:
        x = self.selected_item()
        if x is None:
            return
        path = self.choose_file()
        if path:
            self.run(ops.attach_file, x.id, path, select=x.id)

    # ---- printing ----
    def print_letter(self) -> None:
        r = self.selected()
        if r is None:
            return
        request_id = r.id
        self.preview_dialog = PrintPreviewDialog.show_for(
            self.worker,
            self,
            title=self.tr("Request letter — print preview"),
            preview=lambda s: briefing_printing.preview_letter(s, request_id),
            copies=lambda s, count, action: briefing_printing.print_letter(
                s, request_id, count, action=action
            ),
            classification=r.classification,
            file_name="briefing-letter.pdf",
        )

    def print_summary(self) -> None:
        inspection_id = self.inspection_id
        self.preview_dialog = PrintPreviewDialog.show_for(
            self.worker,
            self,
            title=self.tr("Briefing summary — print preview"),
            preview=lambda s: briefing_printing.preview_summary(s, inspection_id),
            copies=lambda s, count, action: briefing_printing.print_summary(
                s, inspection_id, count, action=action
            ),
            classification=briefing_printing.SUMMARY_LEVEL,
            file_name="briefing-summary.pdf",
        )
