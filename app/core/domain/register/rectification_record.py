"""The rectification record (整改): its enumerations and dataclasses, and the close-out rule.

A rectification belongs to one issue fed back to the unit. It holds the plan's goal and due dates,
the unit's completion, its state (open → unit_completed → closed, 销号) and its measures; each
measure has its types (建章立制, 挽回损失, 追责问责, 举一反三, 专项整治, other), who is responsible, a
deadline and the flags immediate fix (立行立改) and ongoing (常态化坚持). Progress entries carry
evidence files; events keep every step. `ready_to_close` says when the office may close it out.
Records are built from rows by column name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum

from app.core.domain import _fields as f
from app.core.domain import attachments, deadlines

# The attachments' owner type of a progress entry's evidence files.
ATTACHMENT_OWNER = "rectification_progress"


class MeasureType(StrEnum):
    RULES = "rules"  # 建章立制
    RECOVERY = "recovery"  # 挽回损失
    ACCOUNTABILITY = "accountability"  # 追责问责
    LESSONS = "lessons"  # 举一反三
    CLEAN_UP = "clean_up"  # 专项整治
    OTHER = "other"

    @property
    def label(self) -> str:
        return MEASURE_TYPE_LABELS[self]

    @property
    def bit(self) -> int:
        return 1 << list(MeasureType).index(self)


MEASURE_TYPE_LABELS = {
    MeasureType.RULES: "建章立制",
    MeasureType.RECOVERY: "挽回损失",
    MeasureType.ACCOUNTABILITY: "追责问责",
    MeasureType.LESSONS: "举一反三",
    MeasureType.CLEAN_UP: "专项整治",
    MeasureType.OTHER: "其他",
}


def types_to_mask(types) -> int:
    mask = 0
    for t in types or ():
        mask |= f.choice(MeasureType, t, "types", "措施类型").bit
    return mask


def mask_to_types(mask: int) -> frozenset[MeasureType]:
    return frozenset(t for t in MeasureType if mask & t.bit)


class Completion(StrEnum):
    NOT_DONE = "not_done"
    MOSTLY_DONE = "mostly_done"
    DONE = "done"

    @property
    def label(self) -> str:
        return {Completion.NOT_DONE: "未完成", Completion.MOSTLY_DONE: "基本完成", Completion.DONE: "已完成"}[
            self
        ]


class RectState(StrEnum):
    OPEN = "open"
    UNIT_COMPLETED = "unit_completed"  # the unit reports it done; awaiting the office's verification
    CLOSED = "closed"  # verified and closed out (销号)

    @property
    def label(self) -> str:
        return {RectState.OPEN: "整改中", RectState.UNIT_COMPLETED: "待核验销号", RectState.CLOSED: "已销号"}[
            self
        ]


class EventAction(StrEnum):
    PLAN = "plan"
    UNIT_COMPLETED = "unit_completed"
    CLOSED = "closed"
    REOPENED = "reopened"

    @property
    def label(self) -> str:
        return {
            EventAction.PLAN: "报送整改方案",
            EventAction.UNIT_COMPLETED: "单位报告完成",
            EventAction.CLOSED: "核验销号",
            EventAction.REOPENED: "重新打开",
        }[self]


@dataclass
class MeasureDraft:
    description: str = ""
    types: frozenset[MeasureType] | set | tuple = frozenset()
    other_type: str = ""
    responsible_leader: str = ""
    responsible_dept: str = ""
    responsible_person: str = ""
    deadline: str | None = None  # default: the rectification's report due date
    immediate: bool = False  # 立行立改
    ongoing: bool = False  # 常态化坚持


@dataclass
class Measure:
    id: str
    rectification_id: str
    ordinal: int
    description: str
    types: frozenset[MeasureType]
    other_type: str
    responsible_leader: str
    responsible_dept: str
    responsible_person: str
    deadline: str
    immediate: bool
    ongoing: bool
    completion: Completion
    completed_on: str | None
    overdue: bool = False

    COLUMNS = (
        "id, rectification_id, ordinal, description, types, other_type, responsible_leader, responsible_dept,"
        " responsible_person, deadline, immediate, ongoing, completion, completed_on"
    )

    @classmethod
    def from_row(cls, row, today: str) -> Measure:
        m = cls(
            id=row["id"],
            rectification_id=row["rectification_id"],
            ordinal=int(row["ordinal"]),
            description=row["description"],
            types=mask_to_types(int(row["types"])),
            other_type=row["other_type"],
            responsible_leader=row["responsible_leader"],
            responsible_dept=row["responsible_dept"],
            responsible_person=row["responsible_person"],
            deadline=row["deadline"],
            immediate=bool(row["immediate"]),
            ongoing=bool(row["ongoing"]),
            completion=Completion(row["completion"]),
            completed_on=row["completed_on"],
        )
        m.overdue = m.completion != Completion.DONE and m.deadline < today
        return m

    @property
    def types_text(self) -> str:
        names = [t.label for t in MeasureType if t in self.types and t != MeasureType.OTHER]
        if MeasureType.OTHER in self.types:
            names.append(self.other_type or MeasureType.OTHER.label)
        return "、".join(names)


ESTIMATED_MARK = "（估算）"  # after a working-day deadline counted beyond the holiday schedule


@dataclass
class Rectification:
    id: str
    issue_id: str
    goal: str
    plan_due: str
    plan_submitted_on: str | None
    report_due: str
    completion: Completion
    completion_summary: str
    state: RectState
    unit_completed_on: str | None
    closed_by: str | None
    closed_on: str | None
    close_opinion: str
    measures: list[Measure] = field(default_factory=list)
    today: str = ""

    COLUMNS = (
        "id, issue_id, goal, plan_due, plan_submitted_on, report_due, completion, completion_summary, state,"
        " unit_completed_on, closed_by, closed_on, close_opinion"
    )

    @classmethod
    def from_row(cls, row) -> Rectification:
        values = {name: row[name] for name in _RECTIFICATION_COLUMNS}
        values["completion"] = Completion(values["completion"])
        values["state"] = RectState(values["state"])
        return cls(**values)

    def plan_due_estimated(self, fed_back_on: str | None) -> bool:
        """Whether the plan's deadline is the customary count of working days from the feedback and
        that count ran beyond the holiday schedule (deadlines.plan_deadline): an estimate. A date the
        office set by hand is its own, never an estimate."""
        if not fed_back_on:
            return False
        customary = deadlines.plan_deadline(fed_back_on)
        return customary.estimated and customary.due == self.plan_due

    def plan_due_text(self, fed_back_on: str | None) -> str:
        """The plan's deadline as shown and printed: '2027-01-08（估算）' when it is an estimate."""
        return self.plan_due + (ESTIMATED_MARK if self.plan_due_estimated(fed_back_on) else "")

    @property
    def plan_overdue(self) -> bool:
        return (
            self.state != RectState.CLOSED and self.plan_submitted_on is None and self.plan_due < self.today
        )

    @property
    def report_overdue(self) -> bool:
        return (
            self.state != RectState.CLOSED and self.unit_completed_on is None and self.report_due < self.today
        )

    @property
    def overdue(self) -> bool:
        if self.state == RectState.CLOSED:
            return False
        return self.plan_overdue or self.report_overdue or any(m.overdue for m in self.measures)

    @property
    def closable(self) -> bool:
        """Whether the recorded completion allows the office to close it out."""
        return ready_to_close(self.completion, self.measures)


_RECTIFICATION_COLUMNS = tuple(
    fl.name for fl in fields(Rectification) if fl.name not in ("measures", "today")
)


@dataclass
class ProgressEntry:
    id: str
    rectification_id: str
    measure_id: str | None
    entry_on: str
    note: str
    author_name: str
    evidence: list[attachments.Attachment] = field(default_factory=list)


@dataclass
class Event:
    id: str
    action: EventAction
    acted_on: str
    by_name: str
    note: str
    created_at: str


def ready_to_close(completion: Completion, measures: Sequence[Measure]) -> bool:
    if completion == Completion.DONE:
        return True
    if completion == Completion.MOSTLY_DONE:
        return all(m.completion == Completion.DONE or m.ongoing for m in measures)
    return False
