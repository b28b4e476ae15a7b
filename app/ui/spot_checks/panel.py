"""The 个人事项抽查 tab: the inspection's spot checks of personal-matters reports (who, which report,
what was compared, the discrepancies); new, edit, delete. Known as leads are."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from app.core.domain.spot_checks import records
from app.core.domain.spot_checks.records import SpotCheck
from app.ui.db_worker import DbWorker
from app.ui.org.common import Column, RecordTableModel, ask
from app.ui.register.base import ListPanel
from app.ui.register.dialogs import open_dialog
from app.ui.spot_checks.dialogs import SpotCheckDialog


def _found(c: SpotCheck) -> str:
    return QCoreApplication.translate("SpotChecksPanel", "Discrepancies") if c.found else "—"


def spot_checks_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(
                QCoreApplication.translate("SpotChecksPanel", "No."),
                lambda c: f"第{c.number}号",
                lambda c: c.number,
            ),
            Column(QCoreApplication.translate("SpotChecksPanel", "Date"), lambda c: c.checked_on),
            Column(QCoreApplication.translate("SpotChecksPanel", "Person"), lambda c: c.person_name),
            Column(QCoreApplication.translate("SpotChecksPanel", "Position"), lambda c: c.person_post),
            Column(QCoreApplication.translate("SpotChecksPanel", "Report"), lambda c: c.report),
            Column(QCoreApplication.translate("SpotChecksPanel", "Result"), _found),
        ],
        parent,
    )


class SpotChecksPanel(ListPanel):
    KINDS = frozenset({"spot_check"})

    def __init__(self, worker: DbWorker, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(worker, inspection_id, parent)
        self.setObjectName("spotChecksPanel")
        a = self._action
        self.action_new = a(
            "actionNewSpotCheck", self.tr("New spot check"), self.new_check, QKeySequence.StandardKey.New
        )
        self.action_edit = a(
            "actionEditSpotCheck", self.tr("Edit"), self.edit_check, QKeySequence(Qt.Key.Key_F2)
        )
        self.action_delete = a(
            "actionDeleteSpotCheck", self.tr("Delete"), self.delete_check, QKeySequence(Qt.Key.Key_Delete)
        )
        self._build(spot_checks_model(self), "spotChecksTable")
        self.table.activated.connect(lambda _: self.edit_check())
        self.selection_changed()
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        self.worker.submit(
            records.list_spot_checks,
            self.inspection_id,
            on_done=lambda rows: self._loaded(rows, select),
            on_error=self.failed,
        )

    def _loaded(self, rows: list[SpotCheck], select: str | None) -> None:
        self.loaded = True
        keep = select or getattr(self.selected(), "id", None)
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()
        self.summary.setText(
            self.tr("{n} reports checked, {d} with discrepancies").format(
                n=len(rows), d=sum(1 for c in rows if c.found)
            )
        )
        self.select(keep)
        self.selection_changed()

    def selection_changed(self) -> None:
        c: SpotCheck | None = self.selected()
        for action in (self.action_edit, self.action_delete):
            action.setEnabled(c is not None)
        if c is None:
            self.detail.setText(self.tr("Choose a spot check."))
            return
        rows = [
            (self.tr("Spot check"), c.reference),
            (self.tr("Person"), f"{c.person_name} {c.person_post}".strip()),
            (self.tr("Report"), c.report),
            (self.tr("Compared with"), c.compared or "—"),
            (self.tr("Discrepancies"), c.discrepancies or self.tr("None found")),
        ]
        self.detail.setText(
            "<table>"
            + "".join(
                f"<tr><td style='color:#555;padding-right:8px;white-space:nowrap'>{escape(k)}</td>"
                f"<td>{escape(x).replace(chr(10), '<br>')}</td></tr>"
                for k, x in rows
            )
            + "</table>"
        )

    def new_check(self) -> None:
        open_dialog(self, SpotCheckDialog(self.worker, self.inspection_id, None, self), self.saved_record)

    def edit_check(self) -> None:
        c = self.selected()
        if c is not None:
            open_dialog(self, SpotCheckDialog(self.worker, self.inspection_id, c, self), self.saved_record)

    def delete_check(self) -> None:
        c = self.selected()
        if c is not None:
            ask(
                self,
                self.tr("Delete spot check No. {n}?").format(n=c.number),
                lambda: self.run(records.delete_spot_check, c.id),
            )
