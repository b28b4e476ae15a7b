"""Coverage (全覆盖) for a term: every unit with the rounds that inspected it; gaps stand out.

Uncovered units are drawn with a warning icon, red text on a pale red row and sort first; a
check box shows only them; the summary line reads 覆盖 N/M 个单位. The office's view only
(the core refuses it to team roles).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.core.domain.organisation import coverage, terms
from app.core.domain.organisation.coverage import CoverageRow
from app.core.domain.organisation.terms import RoundKind, Term, chinese_number
from app.core.domain.organisation.units import UnitKind
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.messages import show_error
from app.ui.org.common import Column, FilterProxy, RecordTableModel, make_table, restore_header, save_header

UNCOVERED_BACKGROUND = QColor("#fde2e1")
UNCOVERED_TEXT = QColor("#a00000")


class CoverageView(QWidget):
    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverageView")
        self.worker = worker
        self.parent_names: dict[str, str] = {}
        self.loaded = False
        follow_changes(self, worker, {"term", "round", "batch", "team", "inspection", "unit"}, self.refresh)
        self.term_combo = QComboBox()
        self.term_combo.setObjectName("coverageTermCombo")
        self.term_combo.setMinimumWidth(220)
        self.uncovered_only = QCheckBox(self.tr("Uncovered only"))
        self.uncovered_only.setObjectName("uncoveredOnlyCheck")
        self.search = QLineEdit()
        self.search.setObjectName("coverageSearch")
        self.search.setPlaceholderText(self.tr("Find a unit (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.summary = QLabel()
        self.summary.setObjectName("coverageSummary")
        self.summary.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.warning_icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.ok_icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)

        kinds = list(UnitKind)
        self.model = RecordTableModel(
            [
                Column(self.tr("Unit"), lambda r: r.unit_name, lambda r: (r.covered, r.unit_name)),
                Column(self.tr("Kind"), lambda r: r.unit_kind.label, lambda r: kinds.index(r.unit_kind)),
                Column(self.tr("Parent unit"), lambda r: self.parent_names.get(r.parent_id or "", "")),
                Column(self.tr("Covered"), self._state, lambda r: (r.covered, r.looked_back)),
                Column(self.tr("Rounds that inspected it"), self._hits),
            ],
            self,
            decorate=self._decorate,
        )
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table("coverageTable", self.proxy)
        restore_header(self.table, "coverage_header")

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Term:")))
        top.addWidget(self.term_combo)
        top.addWidget(self.uncovered_only)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

        self.term_combo.currentIndexChanged.connect(lambda _: self.load())
        self.uncovered_only.toggled.connect(self._apply_filter)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)

    # ---- loading ----
    def refresh(self) -> None:
        current = self.term_combo.currentData()
        self.worker.submit(
            terms.list_terms,
            on_done=lambda t: self._terms(t, current),
            on_error=lambda e: show_error(self, e),
        )

    def _terms(self, all_terms: list[Term], current: str | None) -> None:
        self.term_combo.blockSignals(True)
        self.term_combo.clear()
        for term in all_terms:
            self.term_combo.addItem(term.name, term.id)
        found = self.term_combo.findData(current) if current else -1
        self.term_combo.setCurrentIndex(found if found >= 0 else 0)
        self.term_combo.blockSignals(False)
        self.load()

    def select_term(self, term_id: str) -> None:
        found = self.term_combo.findData(term_id)
        if found >= 0:
            self.term_combo.setCurrentIndex(found)

    def load(self) -> None:
        term_id = self.term_combo.currentData()
        if not term_id:
            self.model.set_records([])
            self.summary.setText(self.tr("No term yet."))
            return
        self.worker.submit(
            coverage.for_term, term_id, on_done=self._loaded, on_error=lambda e: show_error(self, e)
        )

    def _loaded(self, rows: list[CoverageRow]) -> None:
        self.parent_names = {r.unit_id: r.unit_name for r in rows}
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()
        summary = coverage.summarise(rows)
        text = self.tr("Covered {n}/{m} units ({percent:.0f}%)").format(
            n=summary.covered, m=summary.total, percent=summary.percent
        )
        if summary.uncovered:
            text += self.tr(" — {k} not yet covered").format(k=summary.uncovered)
        self.summary.setText(text)
        self.summary.setStyleSheet(
            "font-size: 12pt; font-weight: bold;" + (" color: #a00000;" if summary.uncovered else "")
        )
        self.loaded = True

    def _apply_filter(self, only: bool) -> None:
        self.proxy.set_row_filter((lambda r: not r.covered) if only else None)

    def save_layout(self) -> None:
        save_header(self.table, "coverage_header")

    # ---- display ----
    def _state(self, row: CoverageRow) -> str:
        if row.covered:
            return self.tr("covered, looked back") if row.looked_back else self.tr("covered")
        return self.tr("look-back only") if row.looked_back else self.tr("NOT COVERED")

    def _hits(self, row: CoverageRow) -> str:
        parts = []
        for hit in row.hits:
            name = f"第{chinese_number(hit.round_number)}轮"
            if hit.round_kind is not RoundKind.REGULAR:
                name += f"（{hit.round_kind.label}）"
            parts.append(f"{name} {hit.team_name} · {hit.phase.label}")
        return "；".join(parts)

    def _decorate(self, row: CoverageRow, role: int, column: int):
        if row.covered:
            if role == Qt.ItemDataRole.DecorationRole and column == 3:
                return self.ok_icon
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(UNCOVERED_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(UNCOVERED_TEXT)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and column in (0, 3):
            return self.warning_icon
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Not inspected in any round of this term")
        return None
