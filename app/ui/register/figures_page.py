"""统计: the figures the office reports, for a term, round, team or unit — computed by the core
(app.core.domain.register.figures.compute), never typed in — shown as key figures and QPainter bar charts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.domain.register import figures
from app.core.errors import UserError
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.messages import show_error
from app.ui.register import ops
from app.ui.register.charts import Bar, BarChart

RED, ORANGE, GREEN, BLUE, GREY = "#c0392b", "#e67e22", "#27ae60", "#2f6db5", "#95a5a6"


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


class FiguresPage(QWidget):
    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figuresPage")
        self.worker = worker
        self.scopes: ops.Scopes | None = None
        self.figures: figures.Figures | None = None
        self.scope = QComboBox()
        self.scope.setObjectName("figuresScope")
        self.scope.setMinimumWidth(280)
        self.scope.currentIndexChanged.connect(lambda _: self.compute())
        refresh = QPushButton(self.tr("Refresh"))
        refresh.setObjectName("figuresRefresh")
        refresh.clicked.connect(self.refresh)
        follow_changes(self, worker, ops.SCOPE_KINDS | {"issue", "lead", "petition"}, self.refresh)
        self.note = QLabel()
        self.note.setObjectName("figuresNote")
        self.note.setStyleSheet("color: #666;")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Figures for:")))
        top.addWidget(self.scope)
        top.addWidget(refresh)
        top.addWidget(self.note, 1)

        self.kpis: dict[str, QLabel] = {}
        tiles = QGridLayout()
        captions = [
            ("issues_found", self.tr("Problems found")),
            ("issues_transferred", self.tr("Issues transferred")),
            ("leads_transferred", self.tr("Leads transferred")),
            ("cases_opened", self.tr("Cases opened")),
            ("sanctions", self.tr("Sanctions")),
            ("organisational_handling", self.tr("Organisational handling")),
            ("rectification_done", self.tr("Rectification done")),
            ("rectification_open", self.tr("Rectification open")),
            ("rectification_overdue", self.tr("Rectification overdue")),
            ("close_out_rate", self.tr("Close-out rate")),
            ("units_covered", self.tr("Units covered")),
            ("inspections", self.tr("Inspections")),
        ]
        for k, (key, caption) in enumerate(captions):
            tile = QFrame()
            tile.setObjectName(f"tile_{key}")
            tile.setStyleSheet(
                f"#tile_{key} {{ background: #fbf3f2; border: 1px solid #e8c6c2; border-radius: 4px; }}"
            )
            value = QLabel("—")
            value.setObjectName(f"kpi_{key}")
            value.setStyleSheet("font-size: 18pt; font-weight: bold; color: #8b0000;")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label = QLabel(caption)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box = QVBoxLayout(tile)
            box.setContentsMargins(6, 4, 6, 4)
            box.addWidget(value)
            box.addWidget(label)
            self.kpis[key] = value
            tiles.addWidget(tile, k // 6, k % 6)

        self.by_category = BarChart(self.tr("Problems found by category"))
        self.by_category.setObjectName("chartByCategory")
        self.outcomes = BarChart(self.tr("Issues by outcome"))
        self.outcomes.setObjectName("chartOutcomes")
        self.leads_chart = BarChart(self.tr("Leads and their outcomes"))
        self.leads_chart.setObjectName("chartLeads")
        self.rect_chart = BarChart(self.tr("Rectification"))
        self.rect_chart.setObjectName("chartRectification")
        charts = QGridLayout()
        charts.addWidget(self.by_category, 0, 0, 1, 2)
        charts.addWidget(self.outcomes, 1, 0)
        charts.addWidget(self.rect_chart, 1, 1)
        charts.addWidget(self.leads_chart, 2, 0, 1, 2)
        charts.setAlignment(Qt.AlignmentFlag.AlignTop)

        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addLayout(tiles)
        inner_layout.addLayout(charts)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

    # ---- data ----
    def refresh(self) -> None:
        self.worker.submit(ops.load_scopes, on_done=self._scopes, on_error=self._failed)

    def _scopes(self, scopes: ops.Scopes) -> None:
        current = self.scope.currentData()
        self.scopes = scopes
        self.scope.blockSignals(True)
        self.scope.clear()
        for k, choice in enumerate(scopes.choices):
            self.scope.addItem("    " * choice.depth + self.scope_text(choice), k)
        self.scope.blockSignals(False)
        # The latest term by default: what the office reports on.
        index = 0
        for k, choice in enumerate(scopes.choices):
            if choice.kind == "term":
                index = k
        if current is not None and current < len(scopes.choices):
            index = current
        self.scope.setCurrentIndex(index)
        self.compute()

    def scope_text(self, choice: ops.ScopeChoice) -> str:
        if choice.kind == "all":
            return self.tr("Everything I may see")
        if choice.kind == "term":
            return self.tr("Term: {name}").format(name=choice.name)
        if choice.kind == "round":
            return self.tr("Round {n}").format(n=choice.name)
        if choice.kind == "unit":
            return self.tr("Unit: {name}").format(name=choice.name)
        return choice.name

    def set_scope(self, scope: figures.Scope) -> None:
        if self.scopes is None:
            return
        for k, choice in enumerate(self.scopes.choices):
            if choice.scope == scope:
                self.scope.setCurrentIndex(k)

    def current_scope(self) -> figures.Scope:
        k = self.scope.currentData()
        if self.scopes is None or k is None:
            return figures.Scope()
        return self.scopes.choices[k].scope

    def compute(self) -> None:
        scope = self.current_scope()
        self.worker.submit(figures.compute, scope, on_done=self._show, on_error=self._failed)

    def _failed(self, error: UserError) -> None:
        show_error(self, error)

    def _show(self, fig: figures.Figures) -> None:
        if fig.scope != self.current_scope():
            return
        self.figures = fig
        leads = fig.leads
        values = {
            "issues_found": str(fig.issues_found),
            "issues_transferred": str(fig.issues_transferred),
            "leads_transferred": str(leads.transferred) if leads else "—",
            "cases_opened": str(leads.cases_opened) if leads else "—",
            "sanctions": str(leads.sanctions) if leads else "—",
            "organisational_handling": str(leads.organisational_handling) if leads else "—",
            "rectification_done": str(fig.rectification_done),
            "rectification_open": str(fig.rectification_open),
            "rectification_overdue": str(fig.rectification_overdue),
            "close_out_rate": percent(fig.close_out_rate if fig.rectification_items else None),
            "units_covered": (
                f"{fig.units_covered}/{fig.units_total}"
                if fig.units_total is not None
                else str(fig.units_covered)
            ),
            "inspections": str(fig.inspections),
        }
        for key, text in values.items():
            self.kpis[key].setText(text)
        self.kpis["rectification_overdue"].setStyleSheet(
            "font-size: 18pt; font-weight: bold; color: %s;"
            % ("#c00000" if fig.rectification_overdue else "#8b0000")
        )
        self.note.setText(
            self.tr("As of {date}. Computed from the records.").format(date=fig.today)
            + ("" if leads else " " + self.tr("Lead figures are for the office and team leaders only."))
        )
        self.by_category.set_bars(
            [
                Bar(
                    f"{c.scheme_name} · {c.category_name}" if c.scheme_name else c.category_name, c.count, RED
                )
                for c in fig.by_category
            ],
            self.tr("No problems found yet."),
        )
        self.outcomes.set_bars(
            [
                Bar(self.tr("Found"), fig.issues_found, RED),
                Bar(self.tr("Fed back to the unit"), fig.issues_fed_back, ORANGE),
                Bar(self.tr("Transferred"), fig.issues_transferred, BLUE),
                Bar(self.tr("Closed out"), fig.issues_closed_out, GREEN),
                Bar(
                    self.tr("Fixed on the spot"),
                    fig.immediate_fixes,
                    GREEN,
                    self.tr("{n} ({d} recorded)").format(n=fig.immediate_fixes, d=fig.immediate_fixes_done),
                ),
                Bar(self.tr("Dismissed"), fig.issues_dismissed, GREY),
            ]
        )
        self.rect_chart.set_bars(
            [
                Bar(self.tr("Items"), fig.rectification_items, BLUE),
                Bar(self.tr("Done (closed out)"), fig.rectification_done, GREEN),
                Bar(self.tr("Not yet closed out"), fig.rectification_open, ORANGE),
                Bar(self.tr("Overdue"), fig.rectification_overdue, RED),
                Bar(
                    self.tr("Measures done"),
                    fig.measures_done,
                    GREEN,
                    f"{fig.measures_done}/{fig.measures_total}",
                ),
                Bar(self.tr("Measures overdue"), fig.measures_overdue, RED),
                Bar(self.tr("Reopened"), fig.rectification_reopened, ORANGE),
                *(
                    Bar(self.tr("Assessed {grade}").format(grade=grade), fig.grades.get(grade, 0), colour)
                    for grade, colour in (("好", GREEN), ("较好", BLUE), ("一般", ORANGE), ("差", RED))
                ),
            ]
        )
        if leads is None:
            self.leads_chart.set_bars([], self.tr("Lead figures are for the office and team leaders only."))
        else:
            self.leads_chart.set_bars(
                [
                    Bar(self.tr("Leads"), leads.total, GREY),
                    Bar(self.tr("Transferred"), leads.transferred, BLUE),
                    Bar(self.tr("to the discipline commission"), leads.to_discipline_commission, BLUE),
                    Bar(self.tr("to the organisation dept"), leads.to_organisation_dept, BLUE),
                    Bar(self.tr("Reported back"), leads.reported, GREEN),
                    Bar(self.tr("Report-back overdue"), leads.overdue, RED),
                    Bar(self.tr("Cases opened"), leads.cases_opened, RED),
                    Bar(self.tr("Sanctions"), leads.sanctions, RED),
                    Bar(self.tr("Organisational handling"), leads.organisational_handling, ORANGE),
                ]
            )

    def save_layout(self) -> None:
        """The workspace asks every page; nothing to keep here."""
