"""整改督办: every open rectification measure across a term, by deadline, by unit or by responsible
person (the core's open_items.open_items); overdue ones are tinted."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.core.domain.register import open_items
from app.core.domain.register.open_items import OpenItemsOrder
from app.core.errors import UserError
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.messages import show_error
from app.ui.org.common import fill_combo
from app.ui.register import models, ops
from app.ui.register.base import table_for


class OpenItemsPage(QWidget):
    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openItemsPage")
        self.worker = worker
        self.items: list[open_items.OpenItem] = []
        self.term = QComboBox()
        self.term.setObjectName("openItemsTerm")
        self.term.setMinimumWidth(200)
        self.order = QComboBox()
        self.order.setObjectName("openItemsOrder")
        fill_combo(
            self.order,
            [
                (self.tr("By deadline"), OpenItemsOrder.DEADLINE.value),
                (self.tr("By unit"), OpenItemsOrder.UNIT.value),
                (self.tr("By responsible person"), OpenItemsOrder.PERSON.value),
            ],
        )
        self.overdue = QCheckBox(self.tr("Overdue only"))
        self.overdue.setObjectName("openItemsOverdue")
        self.search = QLineEdit()
        self.search.setObjectName("openItemsFilter")
        self.search.setPlaceholderText(self.tr("Filter the list…"))
        self.search.setClearButtonEnabled(True)
        self.summary = QLabel()
        self.summary.setObjectName("openItemsSummary")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Term:")))
        top.addWidget(self.term)
        top.addWidget(self.order)
        top.addWidget(self.overdue)
        top.addWidget(self.summary, 1)
        top.addWidget(self.search)
        self.model = models.open_items_model(self)
        self.table = table_for("openItemsTable", self.model)
        self.search.textChanged.connect(self.table.model().setFilterFixedString)
        # What the units owe by the rules' deadlines after the feedback and have not handed in.
        self.reports = QLabel()
        self.reports.setObjectName("overdueReports")
        self.reports.setWordWrap(True)
        self.reports.setStyleSheet("color: #a00000;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.reports)
        layout.addWidget(self.table, 1)
        self.term.currentIndexChanged.connect(lambda _: self.load())
        self.order.currentIndexChanged.connect(lambda _: self.load())
        self.overdue.toggled.connect(lambda _: self.load())
        follow_changes(self, worker, ops.SCOPE_KINDS | {"issue"}, self.refresh)
        self._terms_loaded = False

    def focus_find(self) -> None:
        self.search.setFocus()

    def refresh(self) -> None:
        self.worker.submit(ops.load_scopes, on_done=self._terms, on_error=self._failed)

    def _terms(self, scopes: ops.Scopes) -> None:
        current = self.term.currentData()
        self.term.blockSignals(True)
        fill_combo(
            self.term, [(self.tr("All terms"), None)] + [(t.name, t.id) for t in scopes.terms], current
        )
        if current is None and scopes.terms:
            self.term.setCurrentIndex(len(scopes.terms))  # the latest term
        self.term.blockSignals(False)
        self.load()

    def load(self) -> None:
        self.worker.submit(_overdue_reports, on_done=self._reports_loaded, on_error=self._failed)
        self.worker.submit(
            _open_items,
            self.term.currentData(),
            self.order.currentData(),
            self.overdue.isChecked(),
            on_done=self._loaded,
            on_error=self._failed,
        )

    def _loaded(self, items: list[open_items.OpenItem]) -> None:
        self.items = items
        self.model.set_records(items)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(3, 360)
        self.summary.setText(
            self.tr("{n} open measures, {o} overdue").format(
                n=len(items), o=sum(1 for i in items if i.overdue)
            )
        )

    def _reports_loaded(self, late: list) -> None:
        self.reports.setVisible(bool(late))
        if late:
            names = "；".join(f"{d.unit_name} {d.label}（{d.due}）" for d in late[:6])
            more = self.tr(" and {n} more").format(n=len(late) - 6) if len(late) > 6 else ""
            self.reports.setText(
                self.tr("Unit reports overdue: {n} — {names}{more}").format(
                    n=len(late), names=names, more=more
                )
            )

    def _failed(self, error: UserError) -> None:
        show_error(self, error)

    def save_layout(self) -> None:
        """The workspace asks every page; nothing to keep here."""


def _open_items(session, term_id: str | None, order: str, overdue_only: bool) -> list[open_items.OpenItem]:
    return open_items.open_items(session, term_id=term_id, order=order, overdue_only=overdue_only)


def _overdue_reports(session) -> list:
    from app.core.domain.register import unit_reports

    return unit_reports.overdue(session)
