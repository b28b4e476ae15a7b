"""The talk plan's types: the line the form edits, the line the core hands out, and its state."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from app.core.domain.talks.types import IntervieweeCategory, Person, TalkStatus


class LineState(StrEnum):
    UNSCHEDULED = "unscheduled"  # no time yet
    PLANNED = "planned"  # a time ahead, no talk yet
    MOVED = "moved"  # the time was changed after it was first planned, no talk yet
    MISSING = "missing"  # the planned day has passed and no talk was held
    DONE = "done"  # a talk was held for the line

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    LineState.UNSCHEDULED: "未排期",
    LineState.PLANNED: "待谈",
    LineState.MOVED: "已改期",
    LineState.MISSING: "未谈",
    LineState.DONE: "已谈",
}


@dataclass
class PlanLineForm:
    """What the plan line form edits; `create_line` / `update_line` validate it."""

    name: str
    position: str = ""
    unit: str = ""
    category: IntervieweeCategory | str = IntervieweeCategory.STAFF
    must: bool = False  # 必谈 (True) or 选谈
    leadership_id: str | None = None
    interviewer_ids: list[str] = field(default_factory=list)
    planned_at: str = ""  # "YYYY-MM-DD HH:MM", or "" while not scheduled
    place: str = ""
    note: str = ""


@dataclass
class HeldTalk:
    id: str
    number: int
    start_at: str
    status: TalkStatus


@dataclass
class PlanLine:
    id: str
    inspection_id: str
    number: int
    must: bool
    name: str
    position: str
    unit: str
    category: IntervieweeCategory
    leadership_id: str | None
    interviewers: list[Person]
    planned_at: str
    first_planned_at: str
    place: str
    note: str
    talks: list[HeldTalk] = field(default_factory=list)
    state: LineState = LineState.UNSCHEDULED

    @property
    def rescheduled(self) -> bool:
        """The time was changed after it was first planned (改期), whatever happened since."""
        return bool(self.first_planned_at) and self.planned_at != self.first_planned_at

    @property
    def state_text(self) -> str:
        """The state as the plan prints it: '未谈（已改期）' when a moved talk was missed too."""
        if self.rescheduled and self.state is not LineState.MOVED:
            return f"{self.state.label}（已改期）"
        return self.state.label

    @property
    def must_label(self) -> str:
        return "必谈" if self.must else "选谈"

    def form(self) -> PlanLineForm:
        return PlanLineForm(
            name=self.name,
            position=self.position,
            unit=self.unit,
            category=self.category,
            must=self.must,
            leadership_id=self.leadership_id,
            interviewer_ids=[p.user_id for p in self.interviewers],
            planned_at=self.planned_at,
            place=self.place,
            note=self.note,
        )


def line_state(planned_at: str, first_planned_at: str, held: bool, today: str) -> LineState:
    """done when a talk was held; else missing once the planned day is past; else moved when the time
    changed since first planned; else planned, or unscheduled without a time."""
    if held:
        return LineState.DONE
    if not planned_at:
        return LineState.UNSCHEDULED
    if planned_at[:10] < today:
        return LineState.MISSING
    if first_planned_at and planned_at != first_planned_at:
        return LineState.MOVED
    return LineState.PLANNED


@dataclass
class PlanSummary:
    total: int
    must: int
    by_state: dict[LineState, int]

    def count(self, state: LineState) -> int:
        return self.by_state.get(state, 0)
