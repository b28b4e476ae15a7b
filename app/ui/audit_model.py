"""The audit trail as a lazily paged table model: pages of entries (and their objects' names) are
fetched on the worker; actions, object types and summary codes are shown by their Chinese labels."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.core.errors import UserError
from app.core.security import audit_labels, audit_view
from app.core.security.audit import AuditEntry
from app.core.security.roles import Role
from app.ui.db_worker import DbWorker

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invalid index: "no parent"
PAGE = 200


def local_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return iso


def role_label(value: str) -> str:
    try:
        return Role(value).label
    except ValueError:
        return value


class AuditModel(QAbstractTableModel):
    """The first page is shown as soon as it is read; when it is full, the count of every match (a
    scan of the whole trail for a text filter) follows as a job of its own and `loaded` says it."""

    shown = Signal(int)  # the first page's rows are in (the count may follow)
    loaded = Signal(int)  # the total count for the current filters
    failed = Signal(object)

    def __init__(self, worker: DbWorker, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.entries: list[AuditEntry] = []
        self.names: dict[str, str] = {}  # object id -> the name an auditor may read
        self.total = 0
        self.filters: dict[str, Any] = {}
        self._generation = 0
        self._fetching = False
        self.counting = False  # the first page is in, its total not yet counted
        self.headers = [
            self.tr("No."),
            self.tr("Time"),
            self.tr("User"),
            self.tr("Role"),
            self.tr("Action"),
            self.tr("Object type"),
            self.tr("Object"),
            self.tr("Summary"),
        ]

    # ---- loading ---------------------------------------------------------------------------------
    def set_filters(self, **filters: Any) -> None:
        """Start over with new filters (None or "" means no condition)."""
        self._generation += 1
        self.beginResetModel()
        self.entries = []
        self.names = {}
        self.total = 0
        self.filters = {k: v for k, v in filters.items() if v}
        self.counting = False
        self.endResetModel()
        generation = self._generation
        self._fetching = True
        self.worker.submit(
            _first_page,
            dict(self.filters),
            on_done=lambda result: self._first_loaded(generation, result),
            on_error=self._error,
        )

    def _first_loaded(
        self, generation: int, result: tuple[int | None, list[AuditEntry], dict[str, str]]
    ) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        total, entries, names = result
        self.total = len(entries) if total is None else total
        self.counting = total is None
        self._append(entries, names)
        self.shown.emit(len(entries))
        if total is not None:
            self.loaded.emit(total)
            return
        self.worker.submit(
            _count,
            dict(self.filters),
            entries[0].seq,
            on_done=lambda n: self._counted(generation, n),
            on_error=self._error,
        )

    def _counted(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        self.counting = False
        self.total = total
        self.loaded.emit(total)

    def canFetchMore(self, parent: Index = ROOT) -> bool:
        return (
            not parent.isValid()
            and not self._fetching
            and not self.counting
            and len(self.entries) < self.total
        )

    def fetchMore(self, parent: Index = ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        generation = self._generation
        self._fetching = True
        self.worker.submit(
            _page,
            dict(self.filters),
            len(self.entries),
            self.total,
            on_done=lambda entries: self._more_loaded(generation, entries),
            on_error=self._error,
        )

    def _more_loaded(self, generation: int, result: tuple[list[AuditEntry], dict[str, str]]) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._append(*result)

    def _append(self, entries: list[AuditEntry], names: dict[str, str]) -> None:
        self.names.update(names)
        if not entries:
            return
        first = len(self.entries)
        self.beginInsertRows(QModelIndex(), first, first + len(entries) - 1)
        self.entries.extend(entries)
        self.endInsertRows()

    def _error(self, error: UserError) -> None:
        self._fetching = False
        self.failed.emit(error)

    def clear(self) -> None:
        """Drop every row (used when the screen locks)."""
        self._generation += 1
        self.beginResetModel()
        self.entries, self.names, self.total = [], {}, 0
        self.counting = False
        self.endResetModel()

    # ---- the table -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 6:
            return entry.object_id or None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 7:
            return audit_labels.summary_text(entry.action, entry.summary, self.names)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            entry.seq,
            local_time(entry.at),
            entry.username,
            self.tr("System") if entry.role == "system" else role_label(entry.role),
            audit_labels.action_label(entry.action),
            audit_labels.object_type_label(entry.object_type),
            self.names.get(entry.object_id, entry.object_id),
            audit_labels.summary_text(entry.action, entry.summary, self.names),
        )[index.column()]


def _first_page(session, filters: dict[str, Any]) -> tuple[int, list[AuditEntry], dict[str, str]]:
    # The page first: when it is not full it is every match, and the count costs nothing (a text
    # filter scans the whole trail: once, not twice). A full page under a text filter: the count is
    # None here and follows as a job of its own (_count), the rows shown meanwhile.
    # Without a text filter the count is a look in an index: done at once, in the same job.
    entries = audit_view.list_entries(session, limit=PAGE, offset=0, **filters)
    if len(entries) < PAGE:
        total: int | None = len(entries)
    else:
        total = None if filters.get("text") else _count(session, filters, entries[0].seq)
    return total, entries, audit_view.named_objects(session, entries)


def _count(session, filters: dict[str, Any], newest_seq: int) -> int:
    """Every match there was when the first page was read: the matches newer than its newest entry
    (the look's own trace among them: a few rows at the end of the trail) are left out, so paging on
    continues exactly where that page ends."""
    newer = audit_view.count_entries(session, after_seq=newest_seq, **filters)
    return audit_view.count_entries(session, **filters) - newer


def _page(
    session, filters: dict[str, Any], loaded: int, total_then: int
) -> tuple[list[AuditEntry], dict[str, str]]:
    # Newest first: entries written since the first page (the auditor's own look among them) push
    # the older ones down, so skip that many more to continue exactly where the last page ended.
    shift = audit_view.count_entries(session, **filters) - total_then
    limit = min(PAGE, total_then - loaded)
    entries = audit_view.list_entries(session, limit=limit, offset=loaded + max(0, shift), **filters)
    return entries, audit_view.named_objects(session, entries)
