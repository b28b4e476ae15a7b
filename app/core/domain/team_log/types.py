"""The team log's types: one line of the log (from a record or typed), the free entry's form."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class LogSource(StrEnum):
    TALK = "talk"  # a talk held (谈话记录)
    DOCUMENT = "document"  # a document received (调阅资料)
    MEETING = "meeting"  # a meeting held or attended (会议)
    IMMEDIATE_FIX = "immediate_fix"  # 立行立改: an issue fixed on the spot, or its measure completed
    ENTRY = "entry"  # typed into the log

    @property
    def label(self) -> str:
        return SOURCE_LABELS[self]


SOURCE_LABELS = {
    LogSource.TALK: "个别谈话",
    LogSource.DOCUMENT: "调阅资料",
    LogSource.MEETING: "会议",
    LogSource.IMMEDIATE_FIX: "立行立改",
    LogSource.ENTRY: "工作记录",
}


@dataclass
class EntryForm:
    entry_on: str  # YYYY-MM-DD
    content: str
    entry_time: str = ""  # HH:MM
    by_name: str = ""  # blank: the user who writes it


@dataclass
class LogLine:
    """One line of the log: `record_id` is the record it comes from (the entry's own id for typed ones)."""

    on: str
    time: str
    source: LogSource
    text: str
    by: str
    record_id: str

    @property
    def id(self) -> str:
        return self.record_id

    @property
    def editable(self) -> bool:
        return self.source is LogSource.ENTRY


@dataclass
class LogEntry:
    id: str
    inspection_id: str
    entry_on: str
    entry_time: str
    by_name: str
    content: str
    author_id: str | None = None

    @property
    def reference(self) -> str:
        return f"巡察日志 {self.entry_on}"

    def form(self) -> EntryForm:
        return EntryForm(self.entry_on, self.content, self.entry_time, self.by_name)
