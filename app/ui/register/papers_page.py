"""底稿审签: the office's view of every team's working papers by their sign-off state
(paper_chain.papers_by_state), filtered by state and by team; a count per state above the list."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.core.domain.register import paper_chain
from app.core.domain.register.paper_chain import PaperRow, PaperState
from app.core.errors import UserError
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.messages import show_error
from app.ui.org.common import Column, RecordTableModel, fill_combo
from app.ui.register.base import table_for


def team_label(p: PaperRow) -> str:
    return QCoreApplication.translate("PapersPage", "Round {n} · {team}").format(
        n=p.round_number, team=p.team_name
    )


def papers_model(parent) -> RecordTableModel:
    order = list(PaperState)
    return RecordTableModel(
        [
            Column(
                QCoreApplication.translate("PapersPage", "Team"),
                team_label,
                lambda p: (p.round_number, p.team_name),
            ),
            Column(QCoreApplication.translate("PapersPage", "Unit"), lambda p: p.unit_name),
            Column(QCoreApplication.translate("PapersPage", "Number"), lambda p: p.number or ""),
            Column(QCoreApplication.translate("PapersPage", "Issue"), lambda p: p.title),
            Column(
                QCoreApplication.translate("PapersPage", "State"),
                lambda p: p.state.label,
                lambda p: order.index(p.state),
            ),
        ],
        parent,
    )


class PapersPage(QWidget):
    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("papersPage")
        self.worker = worker
        self.rows: list[PaperRow] | None = None
        self.state = QComboBox()
        self.state.setObjectName("papersState")
        fill_combo(self.state, [(self.tr("All states"), None)] + [(s.label, s.value) for s in PaperState])
        self.team = QComboBox()
        self.team.setObjectName("papersTeam")
        self.team.setMinimumWidth(180)
        fill_combo(self.team, [(self.tr("All teams"), None)])
        self.search = QLineEdit()
        self.search.setObjectName("papersFilter")
        self.search.setPlaceholderText(self.tr("Filter the list…"))
        self.search.setClearButtonEnabled(True)
        self.summary = QLabel()
        self.summary.setObjectName("papersSummary")
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("State:")))
        top.addWidget(self.state)
        top.addWidget(QLabel(self.tr("Team:")))
        top.addWidget(self.team)
        top.addStretch(1)
        top.addWidget(self.search)
        self.model = papers_model(self)
        self.table = table_for("papersTable", self.model)
        self.proxy = self.table.model()
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.state.currentIndexChanged.connect(lambda _: self._apply())
        self.team.currentIndexChanged.connect(lambda _: self._apply())
        follow_changes(self, worker, {"issue", "team", "inspection"}, self.refresh)

    def focus_find(self) -> None:
        self.search.setFocus()

    def refresh(self) -> None:
        self.worker.submit(paper_chain.papers_by_state, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, rows: list[PaperRow]) -> None:
        self.rows = rows
        teams = sorted({(r.round_number, r.team_name) for r in rows})
        current = self.team.currentData()
        self.team.blockSignals(True)
        fill_combo(
            self.team,
            [(self.tr("All teams"), None)]
            + [(self.tr("Round {n} · {team}").format(n=n, team=t), f"{n}:{t}") for n, t in teams],
            current,
        )
        self.team.blockSignals(False)
        self.model.set_records(rows)
        self._apply()
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(3, min(self.table.columnWidth(3), 520))

    def _apply(self) -> None:
        state, team = self.state.currentData(), self.team.currentData()
        self.proxy.set_row_filter(
            lambda p: (state is None or p.state.value == state) and (team is None or _team_key(p) == team)
        )
        rows = [r for r in self.rows or [] if team is None or _team_key(r) == team]
        counts = Counter(r.state for r in rows)
        parts = "，".join(f"{s.label} {counts[s]}" for s in PaperState if counts[s])
        self.summary.setText(
            self.tr("{n} papers shown of {total}: {parts}").format(
                n=self.proxy.rowCount(), total=len(rows), parts=parts or self.tr("none")
            )
        )

    def _failed(self, error: UserError) -> None:
        show_error(self, error)

    def save_layout(self) -> None:
        """The workspace asks every page; nothing to keep here."""


def _team_key(p: PaperRow) -> str:
    return f"{p.round_number}:{p.team_name}"
