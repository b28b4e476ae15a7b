"""Table models of the register GUI.

RegisterModel is the lazy view over the core's paged register: it asks the core for the count and
the first page, then for each page the view scrolls to (pages, not rows, are kept, at most
MAX_PAGES of them), so 100,000 issues cost the rows on screen. Sorting and filtering go back to the
core (SQL), never through a proxy over all rows. Overdue rows are tinted; grave or key-attention
issues are bold.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from functools import cache

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app.core.domain.register import leads, rectification_record
from app.core.domain.register.issue_record import IssueStatus, IssueTag, Seriousness
from app.core.domain.register.register_query import RegisterFilter, RegisterRow, RegisterSort, RegisterSortKey
from app.core.errors import UserError
from app.ui.db_worker import DbWorker
from app.ui.org.common import Column, RecordTableModel
from app.ui.register import ops

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2  # as app.ui.org.common: the record behind a row
OVERDUE_BG = QColor("#f9d6d5")
OVERDUE_FG = QColor("#8b0000")
DONE_FG = QColor("#666666")
MAX_PAGES = 12
# Roles as plain ints: data() runs for every painted cell and role, and comparing the int Qt passes
# with an enum member goes through Python's enum machinery each time.
DISPLAY, FONT, TOOLTIP = (
    int(r.value) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole)
)
BACKGROUND, FOREGROUND = int(Qt.ItemDataRole.BackgroundRole.value), int(Qt.ItemDataRole.ForegroundRole.value)
RECORD = int(RECORD_ROLE)
DONE_BRUSH = QBrush(DONE_FG)
SERVED = frozenset({DISPLAY, FONT, TOOLTIP, BACKGROUND, FOREGROUND, RECORD})  # the roles data() answers


@cache
def bold_font() -> QFont:
    """Made on first use: a QFont wants the application to exist."""
    font = QFont()
    font.setBold(True)
    return font


def tr(text: str) -> str:
    """Translate a string already marked for lupdate (QT_TRANSLATE_NOOP or a literal translate call)."""
    return QCoreApplication.translate("Register", text)


def tags_text(tags) -> str:
    return "、".join(t.label for t in IssueTag if t in tags)


class _Look:
    """What a painted row shows, worked out once when its page arrives rather than per cell."""

    __slots__ = ("texts", "roles")

    def __init__(self, texts: tuple[str, ...], roles: dict[int, object]) -> None:
        self.texts, self.roles = texts, roles


def overdue_look(overdue: bool, role: int):
    if not overdue:
        return None
    if role == Qt.ItemDataRole.BackgroundRole:
        return QBrush(OVERDUE_BG)
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(OVERDUE_FG)
    return None


# ---- the lazy register ------------------------------------------------------------------------------


class RegisterModel(QAbstractTableModel):
    """rowCount is the core's count; data() of a row not yet loaded asks for its page and shows '…'."""

    loaded = Signal(int)  # the count, after (re)opening: the first page is in
    page_loaded = Signal(int)  # a page's offset
    failed = Signal(object)

    COLUMNS: list[tuple[str, RegisterSortKey | None]] = [
        (QT_TRANSLATE_NOOP("Register", "Number"), RegisterSortKey.NUMBER),
        (QT_TRANSLATE_NOOP("Register", "Problem"), RegisterSortKey.TITLE),
        (QT_TRANSLATE_NOOP("Register", "Category"), RegisterSortKey.CATEGORY),
        (QT_TRANSLATE_NOOP("Register", "Seriousness"), RegisterSortKey.SERIOUSNESS),
        (QT_TRANSLATE_NOOP("Register", "Status"), RegisterSortKey.STATUS),
        (QT_TRANSLATE_NOOP("Register", "Tags"), None),
        (QT_TRANSLATE_NOOP("Register", "Found on"), RegisterSortKey.FOUND_ON),
        (QT_TRANSLATE_NOOP("Register", "Disposition"), None),
        (QT_TRANSLATE_NOOP("Register", "Unit"), RegisterSortKey.UNIT),
        (QT_TRANSLATE_NOOP("Register", "Overdue"), None),
    ]

    def __init__(self, worker: DbWorker, parent=None, page_size: int = ops.PAGE) -> None:
        super().__init__(parent)
        self.worker = worker
        self.page_size = page_size
        self.filters = RegisterFilter()
        self.sort_spec = RegisterSort()
        self.total = 0
        self.pages: OrderedDict[int, list[RegisterRow]] = OrderedDict()
        self._looks: dict[int, list[_Look | None]] = {}  # per page, as pages; made when first painted
        self._pending: set[int] = set()
        self._generation = 0
        self.loading = False

    # ---- opening, filters and sort go to the core ----
    def reload(self, filters: RegisterFilter | None = None, sort: RegisterSort | None = None) -> None:
        if filters is not None:
            self.filters = filters
        if sort is not None:
            self.sort_spec = sort
        self._generation += 1
        generation = self._generation
        self.loading = True
        self.worker.submit(
            ops.open_register,
            replace(self.filters),
            self.sort_spec,
            self.page_size,
            on_done=lambda result: self._page_opened(generation, result),
            on_error=lambda error: self._failed(generation, error),
        )

    def _page_opened(self, generation: int, result: tuple[int, list[RegisterRow]]) -> None:
        if generation != self._generation:
            return  # a newer filter or sort has been asked for
        total, rows = result
        self.beginResetModel()
        self.total = total
        self.pages = OrderedDict({0: rows}) if rows else OrderedDict()
        self._looks = {0: self._make_looks(rows)} if rows else {}
        self._pending = set()
        self.endResetModel()
        self.loading = False
        self.loaded.emit(total)

    def _failed(self, generation: int, error: UserError) -> None:
        if generation == self._generation:
            self.loading = False
            self.failed.emit(error)

    def _want_page(self, offset: int) -> None:
        if offset in self._pending or offset in self.pages:
            return
        self._pending.add(offset)
        generation = self._generation
        self.worker.submit(
            ops.register_page,
            replace(self.filters),
            self.sort_spec,
            offset,
            self.page_size,
            self.total,  # the same filters' count: the core need not count again
            on_done=lambda rows: self._page_in(generation, offset, rows),
            on_error=lambda error: self._failed(generation, error),
        )

    def _page_in(self, generation: int, offset: int, rows: list[RegisterRow]) -> None:
        if generation != self._generation:
            return
        self._pending.discard(offset)
        self.pages[offset] = rows
        self._looks[offset] = self._make_looks(rows)
        while len(self.pages) > MAX_PAGES:  # keep memory flat however far the user scrolls
            self._looks.pop(self.pages.popitem(last=False)[0], None)
        last = min(offset + len(rows), self.total) - 1
        if last >= offset:
            self.dataChanged.emit(self.index(offset, 0), self.index(last, self.columnCount() - 1))
        self.page_loaded.emit(offset)

    def row_record(self, row: int) -> RegisterRow | None:
        offset = row - row % self.page_size
        page = self.pages.get(offset)
        if page is None:
            if 0 <= row < self.total:
                self._want_page(offset)
            return None
        self.pages.move_to_end(offset)
        k = row - offset
        return page[k] if k < len(page) else None

    def loaded_rows(self) -> list[RegisterRow]:
        return [r for offset in sorted(self.pages) for r in self.pages[offset]]

    # ---- Qt ----
    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.COLUMNS[section][0])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.COLUMNS[column][1] if 0 <= column < len(self.COLUMNS) else None
        if key is None:
            return
        self.reload(sort=RegisterSort(key, order == Qt.SortOrder.DescendingOrder))

    def data(self, index: Index, role: int = DISPLAY):
        if role not in SERVED or not index.isValid():  # a repaint asks ~7 roles per cell: answer most at once
            return None
        n = index.row()
        offset = n - n % self.page_size
        looks = self._looks.get(offset)
        k = n - offset
        if looks is None or k >= len(looks):
            self.row_record(n)  # asks for the page
            return "…" if role == DISPLAY and index.column() == 1 else None
        look = looks[k]
        if look is None:
            looks[k] = look = self._make_look(self.pages[offset][k])
        if role == DISPLAY:
            return look.texts[index.column()]
        if role == RECORD:
            return self.pages[offset][k]
        if role == TOOLTIP:
            return look.texts[1] if index.column() == 1 else None
        return look.roles.get(role)

    @staticmethod
    def _make_looks(rows: list[RegisterRow]) -> list[_Look | None]:
        return [None] * len(rows)

    def _make_look(self, row: RegisterRow) -> _Look:
        return _Look(tuple(self._text(row, c) for c in range(len(self.COLUMNS))), self._roles(row))

    @staticmethod
    def _roles(row: RegisterRow) -> dict[int, object]:
        roles: dict[int, object] = {}
        if row.seriousness == Seriousness.GRAVE or IssueTag.KEY_ATTENTION in row.tags:
            roles[FONT] = bold_font()
        if row.overdue:
            roles[BACKGROUND] = overdue_look(True, Qt.ItemDataRole.BackgroundRole)
            roles[FOREGROUND] = overdue_look(True, Qt.ItemDataRole.ForegroundRole)
        elif row.status in (IssueStatus.CLOSED_OUT, IssueStatus.DISMISSED):
            roles[FOREGROUND] = DONE_BRUSH
        return roles

    def _text(self, row: RegisterRow, column: int) -> str:
        if column == 0:
            return row.number or QCoreApplication.translate("Register", "(unnumbered)")
        if column == 1:
            return row.title
        if column == 2:
            return " › ".join(
                x for x in (row.category_name, row.subcategory_name) if x
            ) or QCoreApplication.translate("Register", "(unclassified)")
        if column == 3:
            return row.seriousness.label
        if column == 4:
            return row.status.label
        if column == 5:
            return tags_text(row.tags)
        if column == 6:
            return row.found_on
        if column == 7:
            return row.disposition.label
        if column == 8:
            return row.unit_name
        if column == 9:
            return QCoreApplication.translate("Register", "Overdue") if row.overdue else ""
        return ""


# ---- small record models -----------------------------------------------------------------------------


def _decorate(overdue: Callable[[object], bool]):
    def decorate(record, role: int, _column: int):
        return overdue_look(overdue(record), role)

    return decorate


def evidence_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(
                QCoreApplication.translate("Register", "No."), lambda e: str(e.ordinal), lambda e: e.ordinal
            ),
            Column(QCoreApplication.translate("Register", "Cited record"), lambda e: e.source),
            Column(QCoreApplication.translate("Register", "Locator"), lambda e: e.locator),
            Column(QCoreApplication.translate("Register", "Description"), lambda e: e.description),
        ],
        parent,
    )


def history_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(QCoreApplication.translate("Register", "Date"), lambda e: e.moved_on),
            Column(QCoreApplication.translate("Register", "From"), lambda e: e.from_status.label),
            Column(QCoreApplication.translate("Register", "To"), lambda e: e.to_status.label),
            Column(QCoreApplication.translate("Register", "By"), lambda e: e.author_name),
            Column(QCoreApplication.translate("Register", "Reason"), lambda e: e.reason),
        ],
        parent,
    )


def chain_model(parent) -> RecordTableModel:
    """The working paper's sign-off steps (paper_chain.Step)."""
    return RecordTableModel(
        [
            Column(
                QCoreApplication.translate("Register", "No."), lambda s: str(s.ordinal), lambda s: s.ordinal
            ),
            Column(QCoreApplication.translate("Register", "Step"), lambda s: s.action.label),
            Column(QCoreApplication.translate("Register", "By"), lambda s: s.user_name),
            Column(QCoreApplication.translate("Register", "Date"), lambda s: s.acted_on or s.at[:10]),
            Column(QCoreApplication.translate("Register", "Opinion or reason"), lambda s: s.opinion),
        ],
        parent,
    )


def leads_model(parent) -> RecordTableModel:
    def due(lead: leads.Lead) -> str:
        if not lead.report_due:
            return ""
        return lead.report_due + (
            QCoreApplication.translate("Register", " (overdue)") if lead.overdue else ""
        )

    return RecordTableModel(
        [
            Column(QCoreApplication.translate("Register", "Reported person"), lambda x: x.person_name),
            Column(QCoreApplication.translate("Register", "Post"), lambda x: x.person_post),
            Column(QCoreApplication.translate("Register", "Source"), lambda x: x.source.label),
            Column(QCoreApplication.translate("Register", "Received"), lambda x: x.received_on),
            Column(QCoreApplication.translate("Register", "Status"), lambda x: x.status.label),
            Column(QCoreApplication.translate("Register", "Transferred to"), lambda x: x.transfer_label),
            Column(QCoreApplication.translate("Register", "Letter No."), lambda x: x.letter_no),
            Column(QCoreApplication.translate("Register", "Report due"), due, lambda x: x.report_due or ""),
            Column(QCoreApplication.translate("Register", "Disposal"), lambda x: x.disposal.label),
            Column(QCoreApplication.translate("Register", "Outcome"), _lead_outcome),
        ],
        parent,
        decorate=_decorate(lambda x: x.overdue),
    )


def _lead_outcome(lead: leads.Lead) -> str:
    parts = []
    if lead.case_opened:
        parts.append("立案")
    if lead.sanction:
        parts.append(lead.sanction)
    if lead.org_handling:
        parts.append(lead.org_handling)
    return "；".join(parts)


def petitions_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(QCoreApplication.translate("Register", "Received"), lambda p: p.received_on),
            Column(QCoreApplication.translate("Register", "Channel"), lambda p: p.channel.label),
            Column(
                QCoreApplication.translate("Register", "Petitioner"),
                lambda p: p.petitioner or QCoreApplication.translate("Register", "anonymous"),
            ),
            Column(QCoreApplication.translate("Register", "Concerns"), lambda p: p.concerns),
            Column(
                QCoreApplication.translate("Register", "Summary"), lambda p: p.summary.replace("\n", " ")[:60]
            ),
            Column(QCoreApplication.translate("Register", "Handling"), lambda p: p.handling.label),
            Column(
                QCoreApplication.translate("Register", "Issue"),
                lambda p: p.issue_number or (p.issue_title or ""),
            ),
        ],
        parent,
    )


def rect_items_model(parent) -> RecordTableModel:
    def deadline(item: ops.RectItem) -> str:
        return item.rect.report_due

    return RecordTableModel(
        [
            Column(QCoreApplication.translate("Register", "Number"), lambda x: x.issue.number or ""),
            Column(QCoreApplication.translate("Register", "Problem"), lambda x: x.issue.title),
            Column(QCoreApplication.translate("Register", "State"), lambda x: x.rect.state.label),
            Column(QCoreApplication.translate("Register", "Completion"), lambda x: x.rect.completion.label),
            Column(
                QCoreApplication.translate("Register", "Measures"),
                lambda x: str(len(x.rect.measures)),
                lambda x: len(x.rect.measures),
            ),
            Column(QCoreApplication.translate("Register", "Plan due"), lambda x: x.rect.plan_due),
            Column(QCoreApplication.translate("Register", "Report due"), deadline),
            Column(
                QCoreApplication.translate("Register", "Overdue"),
                lambda x: QCoreApplication.translate("Register", "Overdue") if x.rect.overdue else "",
            ),
        ],
        parent,
        decorate=_decorate(lambda x: x.rect.overdue),
    )


def measures_model(parent) -> RecordTableModel:
    def flags(m: rectification_record.Measure) -> str:
        out = []
        if m.immediate:
            out.append("立行立改")
        if m.ongoing:
            out.append("常态化坚持")
        return "、".join(out)

    return RecordTableModel(
        [
            Column(
                QCoreApplication.translate("Register", "No."), lambda m: str(m.ordinal), lambda m: m.ordinal
            ),
            Column(
                QCoreApplication.translate("Register", "Measure"), lambda m: m.description.replace("\n", " ")
            ),
            Column(QCoreApplication.translate("Register", "Types"), lambda m: m.types_text),
            Column(QCoreApplication.translate("Register", "Leader"), lambda m: m.responsible_leader),
            Column(QCoreApplication.translate("Register", "Department"), lambda m: m.responsible_dept),
            Column(QCoreApplication.translate("Register", "Person"), lambda m: m.responsible_person),
            Column(QCoreApplication.translate("Register", "Deadline"), lambda m: m.deadline),
            Column(QCoreApplication.translate("Register", "Flags"), flags),
            Column(
                QCoreApplication.translate("Register", "Completion"),
                lambda m: m.completion.label + (f" {m.completed_on}" if m.completed_on else ""),
            ),
        ],
        parent,
        decorate=_decorate(lambda m: m.overdue),
    )


def progress_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(QCoreApplication.translate("Register", "Date"), lambda p: p.entry_on),
            Column(QCoreApplication.translate("Register", "Progress"), lambda p: p.note.replace("\n", " ")),
            Column(QCoreApplication.translate("Register", "By"), lambda p: p.author_name),
            Column(
                QCoreApplication.translate("Register", "Evidence"),
                lambda p: "、".join(a.filename for a in p.evidence),
            ),
        ],
        parent,
    )


def events_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(QCoreApplication.translate("Register", "Date"), lambda e: e.acted_on),
            Column(QCoreApplication.translate("Register", "Step"), lambda e: e.action.label),
            Column(QCoreApplication.translate("Register", "By"), lambda e: e.by_name),
            Column(QCoreApplication.translate("Register", "Note"), lambda e: e.note.replace("\n", " ")),
        ],
        parent,
    )


def open_items_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(QCoreApplication.translate("Register", "Deadline"), lambda m: m.deadline),
            Column(QCoreApplication.translate("Register", "Unit"), lambda m: m.unit_name),
            Column(
                QCoreApplication.translate("Register", "Issue"), lambda m: m.issue_number or m.issue_title
            ),
            Column(
                QCoreApplication.translate("Register", "Measure"),
                lambda m: f"{m.ordinal}. {m.description}".replace("\n", " "),
            ),
            Column(QCoreApplication.translate("Register", "Leader"), lambda m: m.responsible_leader),
            Column(QCoreApplication.translate("Register", "Department"), lambda m: m.responsible_dept),
            Column(QCoreApplication.translate("Register", "Person"), lambda m: m.responsible_person),
            Column(QCoreApplication.translate("Register", "Completion"), lambda m: m.completion.label),
            Column(
                QCoreApplication.translate("Register", "Overdue"),
                lambda m: QCoreApplication.translate("Register", "Overdue") if m.overdue else "",
            ),
        ],
        parent,
        decorate=_decorate(lambda m: m.overdue),
    )
