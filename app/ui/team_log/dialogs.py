"""The team log entry form (forms/team_log_entry.ui): date, time, by whom, what was done."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from app.core.domain.team_log.types import EntryForm, LogEntry
from app.core.domain.team_log.writes import add_entry, update_entry
from app.ui.date_field import DateField
from app.ui.db_worker import DbWorker
from app.ui.org.common import FormDialog


class LogEntryDialog(FormDialog):
    def __init__(self, worker: DbWorker, inspection_id: str, entry: LogEntry | None, parent=None) -> None:
        super().__init__(worker, "team_log_entry.ui", parent)
        self.inspection_id, self.entry = inspection_id, entry
        self.setWindowTitle(
            self.tr("Log entry of {d}").format(d=entry.entry_on) if entry else self.tr("New log entry")
        )
        self.entry_on: DateField = self.field(DateField, "entryOnEdit")
        self.entry_time: QLineEdit = self.field(QLineEdit, "entryTimeEdit")
        self.by_name: QLineEdit = self.field(QLineEdit, "byNameEdit")
        self.content: QPlainTextEdit = self.field(QPlainTextEdit, "contentEdit")
        self.entry_time.setPlaceholderText("09:00")
        self.by_name.setPlaceholderText(self.tr("Blank: yourself"))
        if entry is None:
            self.entry_on.set_today()
            return
        self.entry_on.set_iso(entry.entry_on)
        self.entry_time.setText(entry.entry_time)
        self.by_name.setText(entry.by_name)
        self.content.setPlainText(entry.content)

    def form_value(self) -> EntryForm:
        return EntryForm(
            entry_on=self.entry_on.iso_or_text(),
            content=self.content.toPlainText(),
            entry_time=self.entry_time.text(),
            by_name=self.by_name.text(),
        )

    def operation(self):
        form = self.form_value()
        if self.entry is not None:
            return update_entry, (self.entry.id, form)
        return add_entry, (self.inspection_id, form)
