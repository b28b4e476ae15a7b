"""The 巡察日志 tab: the log of the inspection by day (talks held, documents received, meetings, 立行立改
and the typed entries), narrowed to one week; add, edit and delete typed entries; print the week for
the leader's signature."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QWidget

from app.core.domain.team_log import printing as log_printing
from app.core.domain.team_log import queries, writes
from app.core.domain.team_log.types import LogLine
from app.core.session import Session
from app.ui.db_worker import DbWorker
from app.ui.org.common import Column, RecordTableModel, ask
from app.ui.printing import PrintPreviewDialog
from app.ui.register.base import ListPanel
from app.ui.register.dialogs import open_dialog
from app.ui.team_log.dialogs import LogEntryDialog


def log_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(QCoreApplication.translate("TeamLogPanel", "Date"), lambda x: x.on),
            Column(QCoreApplication.translate("TeamLogPanel", "Time"), lambda x: x.time),
            Column(QCoreApplication.translate("TeamLogPanel", "Kind"), lambda x: x.source.label),
            Column(
                QCoreApplication.translate("TeamLogPanel", "What was done"),
                lambda x: x.text.replace("\n", " "),
            ),
            Column(QCoreApplication.translate("TeamLogPanel", "By"), lambda x: x.by),
        ],
        parent,
    )


@dataclass
class LogView:
    weeks: list[str]
    lines: list[LogLine]


def _load(session: Session, inspection_id: str, monday: str | None) -> LogView:
    weeks = queries.log_weeks(session, inspection_id)
    if monday:
        start, end = queries.week_of(monday)
        return LogView(weeks, queries.read_log(session, inspection_id, start, end))
    return LogView(weeks, queries.read_log(session, inspection_id))


class TeamLogPanel(ListPanel):
    KINDS = frozenset({"team_log_entry", "talk", "meeting", "request_item", "issue", "rectification"})

    def __init__(self, worker: DbWorker, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(worker, inspection_id, parent)
        self.setObjectName("teamLogPanel")
        a = self._action
        self.action_new = a(
            "actionNewLogEntry", self.tr("New entry"), self.new_entry, QKeySequence.StandardKey.New
        )
        self.action_edit = a(
            "actionEditLogEntry", self.tr("Edit"), self.edit_entry, QKeySequence(Qt.Key.Key_F2)
        )
        self.action_delete = a("actionDeleteLogEntry", self.tr("Delete"), self.delete_entry)
        self.toolbar.addSeparator()
        self.week = QComboBox()
        self.week.setObjectName("teamLogWeek")
        self.week.addItem(self.tr("All weeks"), None)
        self.week.activated.connect(lambda _: self.refresh())
        self.toolbar.addWidget(self.week)
        self.action_print = a("actionPrintTeamLog", self.tr("Print the week…"), self.print_week)
        self._build(log_model(self), "teamLogTable")
        self.table.activated.connect(lambda _: self.edit_entry())
        self.selection_changed()
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        self.worker.submit(
            _load,
            self.inspection_id,
            self.week.currentData(),
            on_done=lambda view: self._loaded(view, select),
            on_error=self.failed,
        )

    def _loaded(self, view: LogView, select: str | None) -> None:
        self.loaded = True
        current = self.week.currentData()
        self.week.clear()
        self.week.addItem(self.tr("All weeks"), None)
        for monday in view.weeks:
            start, end = queries.week_of(monday)
            self.week.addItem(f"{start} — {end[5:]}", monday)
        self.week.setCurrentIndex(max(0, self.week.findData(current)) if current else 0)
        keep = select or getattr(self.selected(), "id", None)
        self.model.set_records(view.lines)
        self.table.resizeColumnsToContents()
        entries = sum(1 for x in view.lines if x.editable)
        days = len({x.on for x in view.lines})
        self.summary.setText(
            self.tr("{n} lines on {d} days, {e} typed entries").format(n=len(view.lines), d=days, e=entries)
        )
        self.select(keep)
        self.selection_changed()

    def selection_changed(self) -> None:
        x: LogLine | None = self.selected()
        for action in (self.action_edit, self.action_delete):
            action.setEnabled(x is not None and x.editable)
        self.action_print.setEnabled(bool(self.week.currentData()) or x is not None)
        if x is None:
            self.detail.setText(
                self.tr("Choose a line. Lines from talks, documents and meetings change with their records.")
            )
            return
        self.detail.setText(f"{x.on} {x.time}  {x.source.label}\n{x.text}\n{x.by}".strip())

    def new_entry(self) -> None:
        open_dialog(self, LogEntryDialog(self.worker, self.inspection_id, None, self), self.saved_record)

    def edit_entry(self) -> None:
        x = self.selected()
        if x is None or not x.editable:
            return
        self.worker.submit(
            queries.fetch_entry,
            x.record_id,
            on_done=lambda entry: open_dialog(
                self, LogEntryDialog(self.worker, self.inspection_id, entry, self), self.saved_record
            ),
            on_error=self.failed,
        )

    def delete_entry(self) -> None:
        x = self.selected()
        if x is not None and x.editable:
            ask(
                self,
                self.tr("Delete the log entry of {d}?").format(d=x.on),
                lambda: self.run(writes.delete_entry, x.record_id),
            )

    def print_week(self) -> None:
        day = self.week.currentData() or getattr(self.selected(), "on", None)
        if not day:
            return
        inspection_id = self.inspection_id
        self.preview_dialog = PrintPreviewDialog.show_for(
            self.worker,
            self,
            title=self.tr("Team log — print preview"),
            preview=lambda s: log_printing.preview_week(s, inspection_id, day),
            copies=lambda s, count, action: log_printing.print_week(
                s, inspection_id, day, count, action=action
            ),
            classification=log_printing.LEVEL,
            file_name="team-log.pdf",
        )
