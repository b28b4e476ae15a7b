"""The meeting's types: kinds, attendees, the form the GUI edits and the record the core hands out.

Kept apart from the SQL so that the print pipeline depends on the shape of a meeting only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class MeetingKind(StrEnum):
    MOBILISATION = "mobilisation"  # 动员会, with the attendance list the 民主测评 uses
    GROUP = "group"  # 座谈会
    ATTENDED = "attended"  # 列席会议: a meeting of the unit the team sits in on
    FEEDBACK = "feedback"  # 反馈会
    TEAM = "team"  # 组务会: the team's own meeting, with its decisions

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    MeetingKind.MOBILISATION: "动员会",
    MeetingKind.GROUP: "座谈会",
    MeetingKind.ATTENDED: "列席会议",
    MeetingKind.FEEDBACK: "反馈会",
    MeetingKind.TEAM: "组务会",
}


@dataclass
class Attendee:
    """One person at the meeting: from the unit's leadership list (leadership_id) or typed."""

    name: str
    position: str = ""
    unit: str = ""
    leadership_id: str | None = None


@dataclass
class MeetingForm:
    """What the meeting form edits; `create_meeting` / `update_meeting` validate it."""

    kind: MeetingKind | str
    held_on: str  # YYYY-MM-DD
    start_time: str = ""  # HH:MM
    end_time: str = ""
    title: str = ""  # blank: the kind's label
    place: str = ""
    chair: str = ""
    recorder: str = ""
    agenda: list[str] = field(default_factory=list)
    minutes: str = ""
    attendees: list[Attendee] = field(default_factory=list)
    classification: str = "秘密"
    protection_years: int | None = None


@dataclass
class MeetingAttachment:
    id: str
    filename: str
    size: int
    media_type: str
    created_at: str


@dataclass
class Meeting:
    id: str
    inspection_id: str
    number: int
    kind: MeetingKind
    title: str
    held_on: str
    start_time: str
    end_time: str
    place: str
    chair: str
    recorder: str
    agenda: list[str]
    minutes: str
    attendees: list[Attendee]
    classification: str
    protection_years: int | None
    attachments: list[MeetingAttachment] = field(default_factory=list)
    unit_name: str = ""
    team_name: str = ""
    created_at: str = ""
    updated_at: str = ""

    @property
    def reference(self) -> str:
        """How the meeting is cited: '会议 第3号'."""
        return f"会议 第{self.number}号"

    @property
    def heading(self) -> str:
        """The title as printed: the typed one, else '<unit>巡察<kind>'."""
        return self.title or self.kind.label

    def form(self) -> MeetingForm:
        return MeetingForm(
            kind=self.kind,
            held_on=self.held_on,
            start_time=self.start_time,
            end_time=self.end_time,
            title=self.title,
            place=self.place,
            chair=self.chair,
            recorder=self.recorder,
            agenda=list(self.agenda),
            minutes=self.minutes,
            attendees=[Attendee(a.name, a.position, a.unit, a.leadership_id) for a in self.attendees],
            classification=self.classification,
            protection_years=self.protection_years,
        )


@dataclass
class MeetingSummary:
    """One row of the meeting list."""

    id: str
    inspection_id: str
    number: int
    kind: MeetingKind
    title: str
    held_on: str
    start_time: str
    place: str
    chair: str
    attendee_count: int
    attachment_count: int
    classification: str
    unit_name: str

    @property
    def heading(self) -> str:
        return self.title or self.kind.label
