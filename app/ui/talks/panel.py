"""The 谈话 tab of an inspection: the talk list with filters and full-text search, and the talk form.

Everything comes from the core through the worker: listing, searching and opening are audited
there, and a user outside the inspection's need-to-know gets the core's refusal, shown in place of
the list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.domain.talks import drafts as talk_drafts
from app.core.domain.talks import queries as talk_queries
from app.core.domain.talks import search as talk_search
from app.core.domain.talks.types import CATEGORY_LABELS, STATUS_LABELS, IntervieweeCategory, TalkStatus
from app.core.errors import UserError
from app.ui.date_field import DateField
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.empty_state import EmptyState
from app.ui.forms import child, load_form
from app.ui.messages import show_error
from app.ui.org.common import (
    Column,
    FilterProxy,
    RecordTableModel,
    fit_columns,
    make_table,
    select_record,
    selected_record,
)
from app.ui.talks import ops
from app.ui.talks.editor import TalkEditor

NOTHING = object()  # no talk is being opened
MAX_COLUMN = 240  # a column wider than this (a long position) is cut, with the whole text as tooltip
EDITOR_ROOM = 620  # the editor's width the list never takes
SELECT_SETTLE_MS = 250  # a keyboard move through the list opens the row it stops on after this


def _flags(row: talk_queries.TalkSummary) -> str:
    marks = []
    if row.raised_problems:
        marks.append("问题")
    if row.raised_leads:
        marks.append("线索")
    return "、".join(marks)


class TalksPanel(QWidget):
    def __init__(self, worker: DbWorker, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("talksPanel")
        self.worker = worker
        self.inspection_id = inspection_id
        self.data: ops.PanelData | None = None
        self.editor: TalkEditor | None = None
        self.refused: str = ""
        self._opening: object = NOTHING  # the talk being opened (None: a new one), until it is shown
        self._moved_in = None
        self._pending_view: dict | None = None  # where to return after unlock, once loaded

        self.form = load_form("talks_panel.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        f = self.form
        self.splitter: QSplitter = child(f, QSplitter, "splitter")
        self.interviewee_filter: QLineEdit = child(f, QLineEdit, "intervieweeFilter")
        self.category_filter: QComboBox = child(f, QComboBox, "categoryFilter")
        self.interviewer_filter: QComboBox = child(f, QComboBox, "interviewerFilter")
        self.status_filter: QComboBox = child(f, QComboBox, "statusFilter")
        self.date_from: DateField = child(f, DateField, "dateFrom")
        self.date_to: DateField = child(f, DateField, "dateTo")
        self.search_edit: QLineEdit = child(f, QLineEdit, "searchEdit")
        self.search_button: QPushButton = child(f, QPushButton, "searchButton")
        self.new_button: QPushButton = child(f, QPushButton, "newButton")
        self.query_error: QLabel = child(f, QLabel, "queryError")
        self.drafts_label: QLabel = child(f, QLabel, "draftsLabel")
        self.stack: QStackedWidget = child(f, QStackedWidget, "listStack")
        self.count_label: QLabel = child(f, QLabel, "countLabel")
        self.editor_host: QWidget = child(f, QWidget, "editorHost")
        self.editor_layout = QVBoxLayout(self.editor_host)
        self.editor_layout.setContentsMargins(4, 0, 0, 0)
        self.placeholder = QLabel(self.tr("Choose a talk in the list, or press Ctrl+N for a new one."))
        self.placeholder.setObjectName("talkPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.editor_layout.addWidget(self.placeholder)

        self._build_tables()
        self._fill_filters()
        self._wire()
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setSizes([520, 680])
        self._user_sized = False  # once the user drags the splitter, the list keeps their width
        self.splitter.splitterMoved.connect(self._splitter_moved)
        self._set_enabled(False)
        self.empty.follow(self.proxy, self._why_empty)
        follow_changes(self, worker, {"talk"}, self._talks_changed)
        self.reload()

    # ---- building ------------------------------------------------------------------------------
    def _build_tables(self) -> None:
        columns = [
            Column(self.tr("No."), lambda r: str(r.number), lambda r: r.number),
            Column(self.tr("Time"), lambda r: r.start_at),
            Column(self.tr("Interviewee"), lambda r: r.interviewee_name),
            Column(self.tr("Position"), lambda r: r.interviewee_position),
            Column(self.tr("Category"), lambda r: r.interviewee_category.label),
            Column(self.tr("Kind"), lambda r: r.kind.label),
            Column(self.tr("Interviewers"), lambda r: "、".join(r.interviewers)),
            Column(self.tr("Status"), lambda r: r.status.label),
            Column(self.tr("Raised"), _flags),
        ]
        self.model = RecordTableModel(columns, self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table("talksTable", self.proxy)
        self.empty = EmptyState(self.table, "talksEmpty")
        hit_columns = [
            Column(self.tr("No."), lambda h: str(h.number), lambda h: h.number),
            Column(self.tr("Interviewee"), lambda h: h.interviewee_name),
            Column(self.tr("Time"), lambda h: h.start_at),
            Column(self.tr("Status"), lambda h: h.status.label),
            Column(self.tr("Found"), lambda h: h.marked()),
        ]
        self.hits_model = RecordTableModel(hit_columns, self)
        self.hits_proxy = FilterProxy(self)
        self.hits_proxy.setSourceModel(self.hits_model)
        self.hits_table = make_table("talkHitsTable", self.hits_proxy)
        self.hits_table.setWordWrap(True)
        for page_name, table in (("listPage", self.table), ("hitsPage", self.hits_table)):
            page = child(self.form, QWidget, page_name)
            page_layout = QVBoxLayout(page)
            page_layout.setContentsMargins(0, 0, 0, 0)
            page_layout.addWidget(table)
        for column, width in ((0, 40), (1, 120), (2, 70), (3, 120)):
            self.table.setColumnWidth(column, width)
        for column, width in ((0, 40), (1, 70), (2, 120), (3, 60)):
            self.hits_table.setColumnWidth(column, width)

    def _fill_filters(self) -> None:
        self.category_filter.addItem(self.tr("All categories"), "")
        for category in IntervieweeCategory:
            self.category_filter.addItem(CATEGORY_LABELS[category], category.value)
        self.status_filter.addItem(self.tr("All statuses"), "")
        for status in TalkStatus:
            self.status_filter.addItem(STATUS_LABELS[status], status.value)
        self.interviewer_filter.addItem(self.tr("All interviewers"), "")

    def _wire(self) -> None:
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(300)
        self._filter_timer.timeout.connect(self.reload_list)
        self.interviewee_filter.textChanged.connect(lambda _t: self._filter_timer.start())
        for combo in (self.category_filter, self.status_filter, self.interviewer_filter):
            combo.currentIndexChanged.connect(lambda _i: self._filter_timer.start())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self._filter_timer.start())
        self.search_button.clicked.connect(self.search)
        self.search_edit.returnPressed.connect(self.search)
        self.search_edit.textChanged.connect(self._search_text_changed)
        self.new_button.clicked.connect(self.new_talk)
        # The selected row is the talk in the editor: a click (or Enter) opens it, and moving through
        # the list with the keyboard opens the row it rests on (each opening is audited, so not every
        # row passed on the way: the timer waits for the keys to stop).
        self._select_timer = QTimer(self)
        self._select_timer.setSingleShot(True)
        self._select_timer.setInterval(SELECT_SETTLE_MS)
        self._select_timer.timeout.connect(self._selection_settled)
        for table in (self.table, self.hits_table):
            table.activated.connect(lambda _i, t=table: self.open_selected(t))
            table.clicked.connect(lambda _i, t=table: self.open_selected(t))
            table.selectionModel().selectionChanged.connect(lambda *_a, t=table: self._selection_moved(t))
        self.drafts_label.linkActivated.connect(self._open_draft_link)
        for keys, slot in (
            (QKeySequence.StandardKey.New, self.new_talk),
            (QKeySequence.StandardKey.Find, self.focus_search),
            (QKeySequence(Qt.Key.Key_F5), self.refresh),
        ):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.search_edit, self.search_button, self.interviewee_filter, self.table):
            widget.setEnabled(enabled)
        self.new_button.setEnabled(enabled and bool(self.data and self.data.can_write))

    # ---- loading -------------------------------------------------------------------------------
    def filters(self) -> ops.Filters:
        return ops.Filters(
            interviewee=self.interviewee_filter.text().strip(),
            category=self.category_filter.currentData() or None,
            interviewer_id=self.interviewer_filter.currentData() or None,
            date_from=self.date_from.iso_or_none(),
            date_to=self.date_to.iso_or_none(),
            status=self.status_filter.currentData() or None,
        )

    def reload(self) -> None:
        self.worker.submit(
            ops.load_panel, self.inspection_id, self.filters(), on_done=self._loaded, on_error=self._refused
        )

    def refresh(self) -> None:
        """F5 and after phase moves: the list again (the open talk stays as it is)."""
        if self.data is None:
            self.reload()
        else:
            self.reload_list()

    def _loaded(self, data: ops.PanelData) -> None:
        first = self.data is None
        self.data = data
        self.refused = ""
        if first:
            current = self.interviewer_filter.currentData()
            for person in data.team:
                self.interviewer_filter.addItem(person.name, person.user_id)
            self.interviewer_filter.setCurrentIndex(max(0, self.interviewer_filter.findData(current)))
        self._set_enabled(True)
        self._show_rows(data.rows)
        self._show_drafts(data.drafts)
        if first and self._pending_view is not None and self._pending_view.get("open"):
            self.open_talk(self._pending_view.get("talk"))
        elif first:
            self._pending_view = None

    def _why_empty(self) -> tuple[str, str] | None:
        """Why the list has no row, and what to do (None while it loads)."""
        if self.refused:
            return self.refused, ""
        if self.data is None:
            return None
        if self.filters() != ops.Filters():
            return (
                self.tr("No talk matches the filter."),
                self.tr("Clear the filter fields above to see every talk of this inspection."),
            )
        if self.data.can_write:
            return (
                self.tr("No talks recorded yet for this inspection."),
                self.tr("Press New talk (Ctrl+N) to record the first one."),
            )
        return (
            self.tr("No talks recorded yet for this inspection."),
            self.tr("The inspection team records the talks; they appear here once saved."),
        )

    def _refused(self, error: UserError) -> None:
        """Outside need-to-know (or no case rights): the core's message instead of the list."""
        self.refused = str(error)
        self.model.set_records([])
        self.empty.update()
        self.count_label.setText(self.refused)
        self.count_label.setStyleSheet("color: #b00000;")
        self._set_enabled(False)
        self.placeholder.setText(self.refused)

    def reload_list(self) -> None:
        if self.data is None:
            return
        self.worker.submit(
            ops.list_rows,
            self.inspection_id,
            self.filters(),
            on_done=self._show_rows,
            on_error=self._list_failed,
        )

    def _list_failed(self, error: UserError) -> None:
        self.count_label.setText(str(error))

    def _show_rows(self, rows: list[talk_queries.TalkSummary]) -> None:
        self.table.selectionModel().blockSignals(True)
        self.model.set_records(rows)
        self.table.selectionModel().blockSignals(False)
        self._select_editor_row()
        self.fit_columns()
        self.count_label.setStyleSheet("")
        self.count_label.setText(self.tr("%1 talk(s)").replace("%1", str(len(rows))))

    # ---- the list's width ----------------------------------------------------------------------
    def fit_columns(self) -> None:
        """Columns as wide as their text (up to a limit), and the list as wide as its columns as long as
        the editor keeps room enough: on a wide screen nothing in the list is cut."""
        header = self.table.horizontalHeader()
        fit_columns(self.table, MAX_COLUMN)
        if self._user_sized or not self.isVisible():
            return
        sizes = self.splitter.sizes()
        total = sum(sizes)
        needed = (
            header.length() + 2 * self.table.frameWidth() + self.table.verticalScrollBar().sizeHint().width()
        )
        wanted = max(sizes[0], min(needed, total - EDITOR_ROOM))
        if wanted != sizes[0] and total > 0:
            self.splitter.setSizes([wanted, total - wanted])

    def _splitter_moved(self, *_args) -> None:
        self._user_sized = True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        if self.model.rowCount():
            self.fit_columns()

    def _show_drafts(self, drafts: list[tuple[str, str]]) -> None:
        if not drafts:
            self.drafts_label.hide()
            return
        links = []
        for key, number in drafts:
            text = self.tr("No. %1").replace("%1", number) if number else self.tr("a new talk")
            links.append(f'<a href="{key}">{text}</a>')
        self.drafts_label.setText(
            self.tr("Unsaved input kept as a draft: %1").replace("%1", "、".join(links))
        )
        self.drafts_label.show()

    def _open_draft_link(self, key: str) -> None:
        talk_id = None if key == talk_drafts.draft_key(self.inspection_id) else key.removeprefix("talk:")
        self.open_talk(talk_id)

    # ---- search --------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _search_text_changed(self, text: str) -> None:
        self.query_error.hide()
        if not text.strip():
            self.stack.setCurrentIndex(0)
            self.count_label.setText(self.tr("%1 talk(s)").replace("%1", str(self.model.rowCount())))

    def search(self) -> None:
        query = self.search_edit.text().strip()
        if not query:
            self.stack.setCurrentIndex(0)
            return
        self.query_error.hide()
        self.worker.submit(
            ops.search, self.inspection_id, query, on_done=self._show_hits, on_error=self._search_failed
        )

    def _show_hits(self, hits: list[talk_search.TalkHit]) -> None:
        self.hits_model.set_records(hits)
        self._select_editor_row()
        self.stack.setCurrentIndex(1)
        self.hits_table.resizeRowsToContents()
        self.count_label.setStyleSheet("")
        self.count_label.setText(self.tr("%1 talk(s) found").replace("%1", str(len(hits))))

    def _search_failed(self, error: UserError) -> None:
        self.query_error.setText(str(error))
        self.query_error.show()

    # ---- opening -------------------------------------------------------------------------------
    def _selection_moved(self, table) -> None:
        self._moved_in = table
        self._select_timer.start()

    def _selection_settled(self) -> None:
        self.open_selected(self._moved_in)

    def open_selected(self, table) -> None:
        self._select_timer.stop()
        record = selected_record(table)
        if record is not None:
            talk_id = getattr(record, "talk_id", None) or record.id
            if talk_id != self.editor_talk_id() and talk_id != self._opening:
                self.open_talk(talk_id)

    def editor_talk_id(self) -> str | None:
        return self.editor.talk.id if self.editor is not None and self.editor.talk is not None else None

    def _select_editor_row(self) -> None:
        """The list's selection follows the editor: its talk's row, or none for a new talk."""
        current = self.editor_talk_id()
        for table in (self.table, self.hits_table):
            selection = table.selectionModel()
            selection.blockSignals(True)
            try:
                table.clearSelection()
                if current is not None:
                    select_record(table, lambda r: (getattr(r, "talk_id", None) or r.id) == current)
            finally:
                selection.blockSignals(False)
            table.viewport().update()

    def new_talk(self) -> None:
        if self.data is not None and self.data.can_write:
            self.open_talk(None)

    def open_talk(self, talk_id: str | None) -> None:
        if self.data is None:
            return
        if self.editor is not None:
            self.editor.autosave()  # switching talks keeps what was typed as a draft
        self._opening = talk_id
        self.worker.submit(
            ops.open_talk, self.inspection_id, talk_id, on_done=self._opened, on_error=self._open_failed
        )

    def _opened(self, opened: ops.Opened) -> None:
        self._opening = NOTHING
        if self.data is None:
            return
        if self.editor is not None:
            self.editor.autosave_timer.stop()
            self.editor_layout.removeWidget(self.editor)
            self.editor.hide()
            self.editor.deleteLater()
        self.placeholder.hide()
        self.editor = TalkEditor(self.worker, self.data, self.editor_host)
        self.editor_layout.addWidget(self.editor)
        self.editor.show()  # now: focus and keys must reach it at once
        self.editor.load(opened)
        self._select_editor_row()
        if opened.talk is None:
            self.editor.interviewee_combo.setFocus()
        else:
            self.editor.tabs.setCurrentIndex(2 if opened.talk.record else 0)
        pending, self._pending_view = self._pending_view, None
        if pending is not None and pending.get("talk") == self.editor_talk_id():
            self.editor.restore_cursor(pending.get("editor", {}))

    # ---- where the user was, across a lock -----------------------------------------------------
    def view_state(self) -> dict:
        """The open talk and the editor's cursor (ids and positions only; the input itself is a draft)."""
        if self.editor is None:
            return {"open": False}
        return {"open": True, "talk": self.editor_talk_id(), "editor": self.editor.cursor_state()}

    def restore_view_state(self, state: dict) -> None:
        """Open the same talk again (its autosaved draft comes with it) and put the cursor back."""
        self._pending_view = state
        if self.data is not None and state.get("open"):
            self.open_talk(state.get("talk"))

    def _open_failed(self, error: UserError) -> None:
        self._opening = NOTHING
        if self.editor is None:
            self.placeholder.setText(str(error))
        else:
            show_error(self, error)
        self._select_editor_row()  # the selection goes back to the talk still in the editor

    def _talks_changed(self) -> None:
        """A talk was saved or moved on, here or in another view: the list and the drafts again."""
        if self.data is None:
            return  # not loaded, or refused: nothing shown to bring up to date
        self.reload_list()
        self.worker.submit(ops.unsaved_drafts, self.inspection_id, on_done=self._show_drafts)
