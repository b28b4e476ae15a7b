"""The case workspace of office and team accounts: navigation on the left, the work on the right.

Left: the term → round → team → inspection tree (lazy, need-to-know filtered by the core) with a
search box. Right: pages — the selected inspection (or a summary of the selected term, round or
team), the coverage view and the staff pool (office only), and the unit directory.
Shortcuts: 新建 Ctrl+N, 编辑 F2 (Enter on a row), 删除 Del, 刷新 F5, 查找 Ctrl+F. Team roles are not
offered the office's actions; the core refuses them anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QHideEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.core.domain.organisation import inspections, teams, terms
from app.core.errors import UserError
from app.core.security.roles import Cap, allowed
from app.core.session import User
from app.ui.db_worker import DbWorker
from app.ui.messages import show_error, show_info
from app.ui.org.common import ask
from app.ui.org.coverage_view import CoverageView
from app.ui.org.dialogs import RoundDialog, TermDialog
from app.ui.org.directory_page import DirectoryPage
from app.ui.org.inspection_dialog import InspectionDialog
from app.ui.org.inspection_view import InspectionTab, InspectionView
from app.ui.org.nav_model import INSPECTION, NODE_ROLE, ROUND, TEAM, TERM, NavFilter, NavModel, Node
from app.ui.org.staff_page import StaffPage
from app.ui.org.team_dialog import TeamDialog
from app.ui.settings import app_settings
from app.ui.shortcuts import yield_to_inner

# A later area's top-level pages for this user: [(title, page)], empty when the user has none.
PageFactory = Callable[[DbWorker, User], list[tuple[str, QWidget]]]


class OrgWorkspace(QWidget):
    """The workspace of `user`, working through `worker`; `tabs` are the inspection view's tabs and
    `pages` the other areas' top-level pages (app.ui.areas names both)."""

    def __init__(
        self,
        worker: DbWorker,
        user: User,
        *,
        tabs: Sequence[InspectionTab] = (),
        pages: Sequence[PageFactory] = (),
    ) -> None:
        super().__init__()
        self.setObjectName("orgWorkspace")
        self.worker = worker
        self.user = user
        role = self.user.role
        self.can_manage = allowed(role, Cap.ORG_MANAGE)
        self.sees_all = allowed(role, Cap.CASE_READ_ALL)
        self.dialog = None  # the dialog opened last (tests and the lock find it here)
        self.pending_path: list[str] | None = None
        self.expand_first = True

        # ---- navigation ----
        self.model = NavModel(self.worker, self)
        self.proxy = NavFilter(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView()
        self.tree.setObjectName("navTree")
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setExpandsOnDoubleClick(False)
        self.nav_search = QLineEdit()
        self.nav_search.setObjectName("navSearch")
        self.nav_search.setPlaceholderText(self.tr("Find a unit or team (Ctrl+F)"))
        self.nav_search.setClearButtonEnabled(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 0, 4)
        left_layout.addWidget(self.nav_search)
        left_layout.addWidget(self.tree)

        # ---- the pages ----
        self.inspection_view = InspectionView(self.worker, tabs)
        self.inspection_view.failed.connect(lambda e: show_error(self, e))
        self.inspection_view.inspection_changed.connect(self._inspection_changed)
        self.summary = QLabel()
        self.summary.setObjectName("nodeSummary")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setWordWrap(True)
        self.summary.setMargin(16)
        self.work = QStackedWidget()
        self.work.setObjectName("workStack")
        self.work.addWidget(self.summary)
        self.work.addWidget(self.inspection_view)
        self.pages = QTabWidget()
        self.pages.setObjectName("pagesTabs")
        self.pages.addTab(self.work, self.tr("Inspection work"))
        self.coverage: CoverageView | None = None
        self.staff: StaffPage | None = None
        if self.sees_all:
            self.coverage = CoverageView(self.worker)
            self.pages.addTab(self.coverage, self.tr("Coverage"))
        self.directory = DirectoryPage(self.worker, self.can_manage)
        self.pages.addTab(self.directory, self.tr("Unit directory"))
        if self.can_manage:
            self.staff = StaffPage(self.worker)
            self.pages.addTab(self.staff, self.tr("Staff pool"))
        for make_pages in pages:
            for title, page in make_pages(self.worker, self.user):
                self.pages.addTab(page, title)
        self.loaded_pages: set[int] = {0}
        self.pages.currentChanged.connect(self._page_changed)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("orgSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.pages)
        # A wider window widens the work, not the navigation (a talk list and its editor need it).
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 900])
        state = app_settings().value("org/workspace_splitter")
        if state is not None:
            self.splitter.restoreState(state)

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("orgToolBar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._make_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)

        self.tree.selectionModel().currentChanged.connect(lambda current, _: self._node_selected(current))
        self.tree.activated.connect(lambda _: self.edit())
        self.nav_search.textChanged.connect(self._search)
        self.model.children_loaded.connect(self._children_loaded)
        self.model.load_failed.connect(lambda e: show_error(self, e))
        self._show_summary(None)
        self.model.fetchMore(QModelIndex())

    # ---- actions and shortcuts ----
    def _action(self, name: str, text: str, keys, slot, visible: bool = True) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if keys:
            action.setShortcuts(keys if isinstance(keys, list) else [keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        action.setVisible(visible)
        self.addAction(action)  # the shortcut works wherever the focus is inside the workspace
        return action

    def _make_actions(self) -> None:
        manage = self.can_manage
        self.action_new = self._action(
            "actionNew", self.tr("New"), QKeySequence.StandardKey.New, self.new, manage
        )
        self.action_edit = self._action(
            "actionEdit", self.tr("Edit"), QKeySequence(Qt.Key.Key_F2), self.edit, manage
        )
        self.action_delete = self._action(
            "actionDelete", self.tr("Delete"), QKeySequence(Qt.Key.Key_Delete), self.delete, manage
        )
        self.action_refresh = self._action(
            "actionRefresh", self.tr("Refresh"), QKeySequence(Qt.Key.Key_F5), self.refresh
        )
        self.action_find = self._action(
            "actionFind", self.tr("Find"), QKeySequence.StandardKey.Find, self.find
        )
        # The inspection's tabs bind Ctrl+N, Ctrl+F, F5… themselves: there, theirs act, not these.
        yield_to_inner(
            self,
            [self.action_new, self.action_edit, self.action_delete, self.action_refresh, self.action_find],
        )
        self.action_new_term = self._action(
            "actionNewTerm", self.tr("New term…"), None, self.new_term, manage
        )
        self.action_new_round = self._action(
            "actionNewRound", self.tr("New round…"), None, self.new_round, manage
        )
        self.action_new_team = self._action(
            "actionNewTeam", self.tr("New team…"), None, self.new_team, manage
        )
        self.action_new_inspection = self._action(
            "actionNewInspection", self.tr("New inspection…"), None, self.new_inspection, manage
        )
        menu = QMenu(self)
        for action in (
            self.action_new_term,
            self.action_new_round,
            self.action_new_team,
            self.action_new_inspection,
        ):
            menu.addAction(action)
        self.action_new.setMenu(menu)
        if manage:
            self.toolbar.addAction(self.action_new)
            button = self.toolbar.widgetForAction(self.action_new)
            if isinstance(button, QToolButton):
                button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
            for action in (
                self.action_new_term,
                self.action_new_round,
                self.action_new_team,
                self.action_new_inspection,
            ):
                self.toolbar.addAction(action)
            self.toolbar.addSeparator()
            self.toolbar.addAction(self.action_edit)
            self.toolbar.addAction(self.action_delete)
            self.toolbar.addSeparator()
        self.toolbar.addAction(self.action_refresh)
        self.toolbar.addAction(self.action_find)
        for action in self.toolbar.actions():
            if action.shortcut().toString():
                shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                action.setToolTip(f"{action.text()} ({shortcut})")

    def _page(self):
        """The page the actions apply to, or None for the navigation."""
        page = self.pages.currentWidget()
        return None if page is self.work else page

    # ---- selection ----
    def current_node(self) -> Node | None:
        index = self.tree.currentIndex()
        return index.data(NODE_ROLE) if index.isValid() else None

    def _node_selected(self, index: QModelIndex) -> None:
        node = index.data(NODE_ROLE) if index.isValid() else None
        if node is not None and node.kind == INSPECTION:
            self.work.setCurrentWidget(self.inspection_view)
            self.inspection_view.show_inspection(node.id)
        else:
            self.inspection_view.clear()
            self._show_summary(node)

    def _show_summary(self, node: Node | None) -> None:
        self.work.setCurrentWidget(self.summary)
        if node is None:
            text = self.tr("Choose a term, round, team or inspection on the left.")
            if self.can_manage:
                text += "<br>" + self.tr("New (Ctrl+N) creates a term, or a record under the selected one.")
            self.summary.setText(f"<p style='font-size: 12pt;'>{text}</p>")
            return
        r = node.record
        rows: list[tuple[str, str]] = []
        if node.kind == TERM:
            title = r.name
            rows = [(self.tr("Period"), f"{r.starts_on} — {r.ends_on or ''}")]
        elif node.kind == ROUND:
            title = r.label
            rows = [
                (self.tr("Status"), r.status.label),
                (self.tr("Period"), f"{r.starts_on or ''} — {r.ends_on or ''}"),
            ]
        else:
            title = r.name
            rows = [
                (self.tr("Leader"), r.leader_name or self.tr("not yet appointed")),
                (self.tr("People on the team"), str(r.member_count)),
            ]
        loaded = node.state == "loaded"
        if loaded:
            rows.append((self.tr("Below it"), str(len(node.children))))
        body = "".join(
            f"<tr><td style='color:#555; padding-right:12px;'>{escape(k)}</td><td>{escape(v)}</td></tr>"
            for k, v in rows
        )
        hint = self.tr("Select an inspection to see its work.")
        if self.can_manage:
            hint += " " + self.tr("F2 edits, Del deletes, Ctrl+N creates below it.")
        self.summary.setText(
            f"<h2>{escape(title)}</h2><table>{body}</table><p style='color:#777;'>{escape(hint)}</p>"
        )

    def select_path(self, path: list[str]) -> None:
        """Expand and select the node with these ids (term, round, team, inspection), loading as needed."""
        self.pending_path = list(path)
        self._follow_path()

    def _children_loaded(self, index: QModelIndex) -> None:
        if index.isValid() is False and self.expand_first and not self.pending_path:
            self.expand_first = False
            if self.model.root.children:
                first = self.model.root.children[0]
                self.tree.expand(self.proxy.mapFromSource(self.model.index_of(first)))
                self.model.fetchMore(self.model.index_of(first))
        self._follow_path()
        node = self.current_node()
        if node is not None and node.kind != INSPECTION and self.work.currentWidget() is self.summary:
            self._show_summary(node)

    def _follow_path(self) -> None:
        if not self.pending_path:
            return
        node = self.model.root
        for depth, wanted in enumerate(self.pending_path):
            if node.state != "loaded":
                self.model.fetchMore(self.model.index_of(node))
                return
            child = next((c for c in node.children if c.id == wanted), None)
            if child is None:
                break  # gone (deleted) or not visible: select the deepest node found
            node = child
            if depth < len(self.pending_path) - 1:
                self.tree.expand(self.proxy.mapFromSource(self.model.index_of(node)))
        self.pending_path = None
        if node is not self.model.root:
            index = self.proxy.mapFromSource(self.model.index_of(node))
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def _search(self, text: str) -> None:
        if text:
            self.model.load_all()
        self.proxy.setFilterFixedString(text)
        if text:
            self.tree.expandAll()

    # ---- the actions ----
    def new(self) -> None:
        page = self._page()
        if page is not None:
            if hasattr(page, "new_item"):
                page.new_item()
            return
        node = self.current_node()
        kind = node.kind if node else None
        if kind is None:
            self.new_term()
        elif kind == TERM:
            self.new_round()
        elif kind == ROUND:
            self.new_team()
        else:
            self.new_inspection()

    def _need(self, kind: str, message: str) -> Node | None:
        node = self.current_node()
        found = node.ancestor(kind) if node else None
        if found is None:
            show_info(self, message)
        return found

    def new_term(self) -> None:
        self._open(TermDialog(self.worker, None, self), parent=self.model.root)

    def new_round(self) -> None:
        term = self._need(TERM, self.tr("Select the term the round belongs to."))
        if term is not None:
            self._open(RoundDialog(self.worker, term.id, None, self), parent=term)

    def new_team(self) -> None:
        rnd = self._need(ROUND, self.tr("Select the round the team belongs to."))
        if rnd is not None:
            self._open(TeamDialog(self.worker, rnd.id, None, self), parent=rnd)

    def new_inspection(self) -> None:
        node = self.current_node()
        rnd = self._need(ROUND, self.tr("Select the round (or one of its teams) first."))
        if rnd is None:
            return
        team = node.ancestor(TEAM) if node else None
        dialog = InspectionDialog(self.worker, rnd.id, None, team_id=team.id if team else None, parent=self)
        # The new inspection appears under its team, which the dialog may change: reload the round.
        self._open(dialog, parent=rnd, nested=True)

    def edit(self) -> None:
        page = self._page()
        if page is not None:
            if self.can_manage and hasattr(page, "edit_item"):
                page.edit_item()
            return
        node = self.current_node()
        if node is None or not self.can_manage:
            return
        if node.kind == TERM:
            dialog = TermDialog(self.worker, node.record, self)
        elif node.kind == ROUND:
            dialog = RoundDialog(self.worker, node.record.term_id, node.id, self)
        elif node.kind == TEAM:
            dialog = TeamDialog(self.worker, node.record.round_id, node.id, self)
        else:
            dialog = InspectionDialog(self.worker, node.record.round_id, node.record, parent=self)
            self._open(dialog, parent=node.ancestor(ROUND), nested=True)
            return
        self._open(dialog, parent=node.parent)

    def delete(self) -> None:
        page = self._page()
        if page is not None:
            if self.can_manage and hasattr(page, "delete_item"):
                page.delete_item()
            return
        node = self.current_node()
        if node is None or not self.can_manage:
            return
        fn, question = {
            TERM: (terms.delete_term, self.tr("Delete the term “{name}”?")),
            ROUND: (terms.delete_round, self.tr("Delete {name} and its batches?")),
            TEAM: (teams.delete_team, self.tr("Delete {name} and its member list?")),
            INSPECTION: (inspections.delete_inspection, self.tr("Delete the inspection of {name}?")),
        }[node.kind]
        name = node.record.unit_name if node.kind == INSPECTION else getattr(node.record, "name", None)
        name = name or node.record.label
        parent = node.parent
        self.dialog = ask(
            self,
            question.format(name=name),
            lambda: self.worker.submit(
                fn, node.id, on_done=lambda _: self._deleted(parent), on_error=self._refused
            ),
        )

    def _deleted(self, parent: Node) -> None:
        self.select_path(parent.path())
        self.model.reload(parent)

    def _refused(self, error: UserError) -> None:
        show_error(self, error, self.tr("Cannot delete"))

    def refresh(self) -> None:
        page = self._page()
        if page is not None:
            page.refresh()
            return
        node = self.current_node()
        self.pending_path = node.path() if node else None
        self.model.reload()
        self.inspection_view.refresh()

    def find(self) -> None:
        page = self._page()
        if page is not None and hasattr(page, "focus_find"):
            page.focus_find()
            return
        if page is not None:
            page.search.setFocus()
            return
        self.nav_search.setFocus()
        self.nav_search.selectAll()

    # ---- dialogs ----
    def _open(self, dialog, parent: Node | None, nested: bool = False) -> None:
        """Open a dialog; when it saves, reload `parent`'s children and select the saved record."""
        self.dialog = dialog
        parent_path = parent.path() if parent is not None and parent.kind else []

        def saved(record) -> None:
            record_id = getattr(record, "id", None)
            if record is None:  # a change inside the dialog (team members): keep the selection
                node = self.current_node()
                path = node.path() if node else parent_path
            elif nested:  # an inspection: under its team, within the round
                path = [*parent_path, record.team_id, record_id]
            else:
                path = [*parent_path, record_id]
            self.pending_path = path
            self.model.reload(parent or self.model.root)

        dialog.saved.connect(saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _inspection_changed(self, inspection) -> None:
        node = self.model.find(lambda n: n.kind == INSPECTION and n.id == inspection.id)
        if node is not None:
            self.model.replace_record(node, inspection)

    def _page_changed(self, index: int) -> None:
        if index not in self.loaded_pages:
            self.loaded_pages.add(index)
            page = self.pages.widget(index)
            if hasattr(page, "refresh"):
                page.refresh()

    # ---- where the user was, across a lock ----
    def view_state(self) -> dict:
        """The page, the selected node's path, and the inspection's tab and record (ids only, memory only)."""
        node = self.current_node()
        inspection = (
            self.inspection_view.view_state() if node is not None and node.kind == INSPECTION else None
        )
        return {
            "page": self.pages.currentIndex(),
            "path": node.path() if node else None,
            "inspection": inspection,
        }

    def restore_view_state(self, state: dict | None) -> None:
        """After unlock: the same page, node, inspection tab, record and cursor."""
        if not state:
            return
        self.inspection_view.pending_view = state.get("inspection")
        if state.get("path"):
            self.expand_first = False
            self.select_path(state["path"])
        page = state.get("page", 0)
        if 0 <= page < self.pages.count():
            self.pages.setCurrentIndex(page)

    # ---- layout ----
    def hideEvent(self, event: QHideEvent) -> None:
        try:
            self.save_layout()
        except (RuntimeError, AttributeError):
            pass  # hidden while being torn down: the parts are already gone, nothing to save
        super().hideEvent(event)

    def save_layout(self) -> None:
        settings = app_settings()
        settings.setValue("org/workspace_splitter", self.splitter.saveState())
        for page in (self.coverage, self.directory, self.staff):
            if page is not None:
                page.save_layout()
