"""The 问题 tab: the inspection's issue register over the lazy model, filters and sort done by the core.

Filters (text, category, status, seriousness, tag, overdue) and the header's sort go to the core's
register_page/register_count as SQL; the model holds only the pages on screen. Overdue rows are
tinted, grave and key-attention rows bold. Keys inside the tab: Ctrl+N new, F2/Enter open, Del
delete, Ctrl+F find, Ctrl+P print the issue list; F5 reaches refresh() through the inspection view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.core.domain.register import issue_edits
from app.core.domain.register.issue_record import IssueStatus, IssueTag, Seriousness
from app.core.domain.register.register_query import RegisterFilter
from app.core.errors import UserError
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.empty_state import EmptyState
from app.ui.messages import show_error
from app.ui.org.common import ask, fill_combo
from app.ui.register import ops
from app.ui.register.dialogs import open_dialog
from app.ui.register.issue_dialog import IssueDialog
from app.ui.register.models import RECORD_ROLE, RegisterModel


class RegisterView(QTableView):
    """The register table over a RegisterModel (owned by the view, as Qt wants it)."""

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registerTable")
        self.register_model = RegisterModel(worker, self)
        self.setModel(self.register_model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((170, 300, 220, 70, 70, 110, 90, 110, 140, 50)):
            self.setColumnWidth(column, width)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)

    def current_row(self):
        index = self.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None


class IssuesPanel(QWidget):
    def __init__(self, worker: DbWorker, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issuesPanel")
        self.worker, self.inspection_id = worker, inspection_id
        self.context: ops.RegisterContext | None = None
        self.dialog = None
        self.issue_dialog: IssueDialog | None = None
        self.preview_dialog = None
        self._build()
        follow_changes(self, worker, {"issue"}, self.refresh)
        self.worker.submit(ops.load_context, inspection_id, on_done=self._context, on_error=self._failed)

    # ---- building ----
    def _action(self, name: str, text: str, slot, keys=None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if keys is not None:
            action.setShortcuts(keys if isinstance(keys, list) else [keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        self.toolbar.addAction(action)
        return action

    def _build(self) -> None:
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("issuesToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        a = self._action
        self.action_new = a(
            "actionNewIssue", self.tr("New issue"), self.new_issue, QKeySequence.StandardKey.New
        )
        self.action_open = a(
            "actionOpenIssue", self.tr("Open"), self.open_issue, [QKeySequence(Qt.Key.Key_F2)]
        )
        self.action_delete = a(
            "actionDeleteIssue", self.tr("Delete"), self.delete_issue, QKeySequence(Qt.Key.Key_Delete)
        )
        self.toolbar.addSeparator()
        self.action_print = a(
            "actionPrintIssueList",
            self.tr("Print issue list…"),
            self.print_list,
            QKeySequence.StandardKey.Print,
        )
        self.action_find = QAction(self)
        self.action_find.setShortcut(QKeySequence.StandardKey.Find)
        self.action_find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action_find.triggered.connect(self.focus_find)
        self.addAction(self.action_find)

        self.text = QLineEdit()
        self.text.setObjectName("registerText")
        self.text.setPlaceholderText(self.tr("Title or number (Ctrl+F)"))
        self.text.setClearButtonEnabled(True)
        self.category = QComboBox()
        self.category.setObjectName("categoryFilter")
        self.category.setMinimumWidth(200)
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        fill_combo(self.status, [(self.tr("Any status"), None)] + [(s.label, s.value) for s in IssueStatus])
        self.seriousness = QComboBox()
        self.seriousness.setObjectName("seriousnessFilter")
        fill_combo(
            self.seriousness, [(self.tr("Any seriousness"), None)] + [(s.label, s.value) for s in Seriousness]
        )
        self.tag = QComboBox()
        self.tag.setObjectName("tagFilter")
        fill_combo(self.tag, [(self.tr("Any tag"), None)] + [(t.label, t.value) for t in IssueTag])
        self.overdue = QCheckBox(self.tr("Overdue only"))
        self.overdue.setObjectName("overdueFilter")
        self.count = QLabel()
        self.count.setObjectName("registerCount")
        filters = QHBoxLayout()
        filters.addWidget(self.text, 2)
        for widget in (self.category, self.status, self.seriousness, self.tag, self.overdue):
            filters.addWidget(widget)
        filters.addWidget(self.count, 1, Qt.AlignmentFlag.AlignRight)

        self.table = RegisterView(self.worker, self)
        self.table.setColumnHidden(8, True)  # the unit: this tab is one inspection
        self.model = self.table.register_model
        self.model.loaded.connect(self._shown)
        self.empty = EmptyState(self.table, "issuesEmpty")
        self.empty.follow(self.model, self._why_empty)
        self.model.failed.connect(self._failed)
        self.table.activated.connect(lambda _: self.open_issue())
        self.table.doubleClicked.connect(lambda _: self.open_issue())

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.apply_filters)
        self.text.textChanged.connect(lambda _: self._debounce.start())
        for combo in (self.category, self.status, self.seriousness, self.tag):
            combo.currentIndexChanged.connect(lambda _: self.apply_filters())
        self.overdue.toggled.connect(lambda _: self.apply_filters())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.toolbar)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

    # ---- data ----
    def _context(self, context: ops.RegisterContext) -> None:
        self.context = context
        self.category.blockSignals(True)
        fill_combo(
            self.category,
            [(self.tr("Any category"), None)] + [(c.text, c.id) for c in context.categories()],
        )
        self.category.blockSignals(False)
        self.action_new.setEnabled(context.can_write)
        self.action_delete.setEnabled(context.can_write)
        self.action_print.setEnabled(context.can_print)
        self.apply_filters()

    def filters(self) -> RegisterFilter:
        return RegisterFilter(
            inspection_id=self.inspection_id,
            statuses=(self.status.currentData(),) if self.status.currentData() else (),
            category_id=self.category.currentData(),
            tag=self.tag.currentData(),
            seriousness=self.seriousness.currentData(),
            overdue=True if self.overdue.isChecked() else None,
            text=self.text.text(),
        )

    def apply_filters(self) -> None:
        self.model.reload(self.filters())

    def refresh(self) -> None:
        if self.context is not None:
            self.model.reload()

    def _shown(self, total: int) -> None:
        self.count.setText(self.tr("{n} issues").format(n=total))
        self.empty.update()

    def _why_empty(self) -> tuple[str, str] | None:
        """Why the register shows no issue, and what to do (None while it loads)."""
        if self.context is None or self.model.loading:
            return None
        if self.model.filters != RegisterFilter(inspection_id=self.inspection_id):
            return self.tr("No issue matches the filter."), self.tr(
                "Clear the filter fields above to see every issue of this inspection."
            )
        if self.context.can_write:
            return self.tr("No issues recorded yet for this inspection."), self.tr(
                "Press New issue (Ctrl+N) to write up the first one."
            )
        return self.tr("No issues recorded yet for this inspection."), self.tr(
            "The inspection team writes up the issues; they appear here once saved."
        )

    def _failed(self, error: UserError) -> None:
        show_error(self, error)

    def focus_find(self) -> None:
        self.text.setFocus()
        self.text.selectAll()

    # ---- actions ----
    def _open_dialog(self, issue_id: str | None) -> IssueDialog | None:
        if self.context is None:
            return None
        dialog = IssueDialog(self.worker, self.context, issue_id, self)
        self.issue_dialog = dialog
        open_dialog(self, dialog)
        return dialog

    def new_issue(self) -> IssueDialog | None:
        return self._open_dialog(None)

    def open_issue(self) -> IssueDialog | None:
        row = self.table.current_row()
        return self._open_dialog(row.id) if row is not None else None

    def delete_issue(self) -> None:
        row = self.table.current_row()
        if row is None:
            return
        ask(
            self,
            self.tr(
                "Delete the issue “{title}”? Only an issue entered by mistake (not yet verified or signed) can be deleted."
            ).format(title=row.title),
            lambda: self.worker.submit(issue_edits.delete_issue, row.id, on_error=self._failed),
        )

    def print_list(self) -> None:
        from app.ui.register.printing import print_issue_list

        print_issue_list(self, self.worker, self.inspection_id)
