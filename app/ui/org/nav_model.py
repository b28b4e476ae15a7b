"""The navigation tree: term → round → team → inspection, a lazy QAbstractItemModel over the core.

Children are fetched through the database worker the first time a node is expanded (Qt's
canFetchMore/fetchMore), with the core's need-to-know filters: a team leader or member gets only
the terms, rounds and teams holding their own team, and only its inspections.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QApplication, QStyle

from app.core.domain.organisation import inspections, teams, terms
from app.core.errors import UserError
from app.ui.db_worker import DbWorker

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
NODE_ROLE = Qt.ItemDataRole.UserRole + 10
ORDER_ROLE = Qt.ItemDataRole.UserRole + 11

TERM, ROUND, TEAM, INSPECTION = "term", "round", "team", "inspection"
CHILD_KIND = {None: TERM, TERM: ROUND, ROUND: TEAM, TEAM: INSPECTION}


@dataclass(eq=False)
class Node:
    kind: str | None  # None for the invisible root
    record: Any = None
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    state: str = "new"  # new → loading → loaded
    generation: int = 0  # bumped on reload so a late answer for the old children is dropped
    key: int = 0  # the index's internalId (never a raw pointer to this object)

    @property
    def id(self) -> str | None:
        return getattr(self.record, "id", None)

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0

    def path(self) -> list[str]:
        """Ids from the term down to this node."""
        out, node = [], self
        while node is not None and node.kind is not None:
            out.insert(0, node.id)
            node = node.parent
        return out

    def ancestor(self, kind: str) -> Node | None:
        node: Node | None = self
        while node is not None and node.kind != kind:
            node = node.parent
        return node


def _children_of(session, kind: str | None, parent_id: str | None) -> list:
    if kind is None:
        return terms.list_terms(session)
    if kind == TERM:
        return terms.list_rounds(session, parent_id)
    if kind == ROUND:
        return teams.list_teams(session, parent_id)
    return inspections.list_inspections(session, team_id=parent_id)


class NavModel(QAbstractItemModel):
    children_loaded = Signal(QModelIndex)  # the node's children have arrived (ROOT for the terms)
    load_failed = Signal(object)  # a UserError

    def __init__(self, worker: DbWorker, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.root = Node(None)
        # Indexes carry a number, not a pointer to the Node: a view asking about an index after the
        # node is gone (reload, teardown) gets the root instead of freed memory.
        self._keys = itertools.count(1)
        self._nodes: dict[int, Node] = {}
        self.load_everything = False  # set while searching: every node is fetched
        style = QApplication.style()
        self.icons = {
            TERM: style.standardIcon(QStyle.StandardPixmap.SP_DirHomeIcon),
            ROUND: style.standardIcon(QStyle.StandardPixmap.SP_DirIcon),
            TEAM: style.standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView),
            INSPECTION: style.standardIcon(QStyle.StandardPixmap.SP_FileIcon),
        }

    # ---- structure ----
    def node(self, index: Index) -> Node:
        if not index.isValid():
            return self.root
        return self._nodes.get(index.internalId(), self.root)

    def _adopt(self, node: Node) -> Node:
        node.key = next(self._keys)
        self._nodes[node.key] = node
        return node

    def _forget(self, nodes: list[Node]) -> None:
        stack = list(nodes)
        while stack:
            node = stack.pop()
            self._nodes.pop(node.key, None)
            stack.extend(node.children)

    def index_of(self, node: Node) -> QModelIndex:
        if node is self.root or node.parent is None or node.key not in self._nodes:
            return QModelIndex()
        return self.createIndex(node.row(), 0, node.key)

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        node = self.node(parent)
        if column != 0 or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row].key)

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        return self.index_of(self.node(index).parent)

    def rowCount(self, parent: Index = ROOT) -> int:
        return len(self.node(parent).children)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 1

    def hasChildren(self, parent: Index = ROOT) -> bool:
        node = self.node(parent)
        if node.kind == INSPECTION:
            return False
        return node.state != "loaded" or bool(node.children)

    def canFetchMore(self, parent: Index) -> bool:
        node = self.node(parent)
        return node.kind != INSPECTION and node.state == "new"

    def fetchMore(self, parent: Index) -> None:
        node = self.node(parent)
        if not self.canFetchMore(parent):
            return
        node.state = "loading"
        generation = node.generation
        self.worker.submit(
            _children_of,
            node.kind,
            node.id,
            on_done=lambda records: self._arrived(node, generation, records),
            on_error=lambda error: self._failed(node, generation, error),
        )

    def _arrived(self, node: Node, generation: int, records: list) -> None:
        if generation != node.generation or not self._alive(node):
            return
        kind = CHILD_KIND[node.kind]
        parent_index = self.index_of(node)
        if records:
            self.beginInsertRows(parent_index, 0, len(records) - 1)
            node.children = [self._adopt(Node(kind, r, node)) for r in records]
            node.state = "loaded"
            self.endInsertRows()
        else:
            node.state = "loaded"
            # No rows: let views drop the expand arrow.
            self.dataChanged.emit(parent_index, parent_index)
        self.children_loaded.emit(parent_index)
        if self.load_everything:
            for child in node.children:
                self.fetchMore(self.index_of(child))

    def _failed(self, node: Node, generation: int, error: UserError) -> None:
        if generation == node.generation and self._alive(node):
            node.state = "loaded"
        self.load_failed.emit(error)

    def _alive(self, node: Node) -> bool:
        return node is self.root or node.key in self._nodes

    def reload(self, node: Node | None = None) -> None:
        """Drop a node's children and fetch them again (the whole tree when node is None or the root)."""
        node = node or self.root
        node.generation += 1
        if node is self.root:
            self.beginResetModel()
            self.root.children = []
            self.root.state = "new"
            self._nodes.clear()
            self.endResetModel()
            self.fetchMore(ROOT)
            return
        index = self.index_of(node)
        if node.children:
            self.beginRemoveRows(index, 0, len(node.children) - 1)
            gone, node.children = node.children, []
            self.endRemoveRows()
            self._forget(gone)
        node.state = "new"
        self.fetchMore(index)

    def replace_record(self, node: Node, record: Any) -> None:
        node.record = record
        index = self.index_of(node)
        self.dataChanged.emit(index, index)

    def load_all(self) -> None:
        """Fetch every level (for searching the tree)."""
        self.load_everything = True
        stack = [self.root]
        while stack:
            node = stack.pop()
            if node.state == "new":
                self.fetchMore(self.index_of(node))
            stack.extend(node.children)

    def find(self, match: Callable[[Node], bool]) -> Node | None:
        stack = list(self.root.children)
        while stack:
            node = stack.pop(0)
            if match(node):
                return node
            stack.extend(node.children)
        return None

    # ---- display ----
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node = self.node(index)
        record = node.record
        if role == Qt.ItemDataRole.DisplayRole:
            return self.label(node)
        if role == Qt.ItemDataRole.DecorationRole:
            return self.icons.get(node.kind)
        if role == Qt.ItemDataRole.ToolTipRole and node.kind == INSPECTION:
            return self.tr("{unit} — {team}, phase: {phase}").format(
                unit=record.unit_name, team=record.team_name, phase=record.phase.label
            )
        if role == NODE_ROLE:
            return node
        if role == ORDER_ROLE:
            return node.row()
        return None

    def label(self, node: Node) -> str:
        record = node.record
        if node.kind == TERM:
            return record.name
        if node.kind == ROUND:
            return f"{record.label} · {record.status.label}"
        if node.kind == TEAM:
            if record.leader_name:
                return self.tr("{team} (leader: {leader})").format(
                    team=record.name, leader=record.leader_name
                )
            return record.name
        return f"{record.unit_name} · {record.phase.label}"


class NavFilter(QSortFilterProxyModel):
    """Keeps the core's order and, while searching, every node whose label or ancestors match."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortRole(ORDER_ROLE)
