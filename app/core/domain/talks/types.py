"""The talk record's types: categories, kinds, states, and the record as the core hands it out.

Kept apart from the operations and their SQL (queries.py, writes.py, …) so that the print pipeline
can depend on the shape of a talk without importing the database code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class IntervieweeCategory(StrEnum):
    TOP_LEADER = "top_leader"
    LEADERSHIP = "leadership"
    MID_LEVEL = "mid_level"
    STAFF = "staff"
    RETIRED = "retired"
    PUBLIC = "public"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


CATEGORY_LABELS = {
    IntervieweeCategory.TOP_LEADER: "主要负责人（一把手）",
    IntervieweeCategory.LEADERSHIP: "其他班子成员",
    IntervieweeCategory.MID_LEVEL: "中层干部",
    IntervieweeCategory.STAFF: "一般干部职工",
    IntervieweeCategory.RETIRED: "离退休干部",
    IntervieweeCategory.PUBLIC: "群众",
}


class TalkKind(StrEnum):
    INDIVIDUAL = "individual"
    KEY = "key"
    REMINDER = "reminder"
    FOLLOW_UP = "follow_up"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    TalkKind.INDIVIDUAL: "个别谈话",
    TalkKind.KEY: "重点谈话",
    TalkKind.REMINDER: "约谈",
    TalkKind.FOLLOW_UP: "回访谈话",
}


class TalkStatus(StrEnum):
    DRAFT = "draft"
    RECORDED = "recorded"
    SIGNED = "signed"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {TalkStatus.DRAFT: "草稿", TalkStatus.RECORDED: "已记录", TalkStatus.SIGNED: "已签字"}


@dataclass
class QA:
    """One question-and-answer block of the record."""

    question: str
    answer: str = ""


@dataclass
class Person:
    user_id: str
    name: str


@dataclass
class Addendum:
    id: str
    added_on: str  # YYYY-MM-DD
    text: str
    author_name: str
    created_at: str


@dataclass
class TalkForm:
    """What the talk form edits; `create_talk` / `update_talk` validate it."""

    start_at: str  # "YYYY-MM-DD HH:MM"
    end_at: str = ""
    place: str = ""
    interviewee_name: str = ""
    interviewee_unit: str = ""
    interviewee_position: str = ""
    interviewee_category: IntervieweeCategory | str = IntervieweeCategory.STAFF
    leadership_id: str | None = None  # when chosen from the unit's leadership
    interviewer_ids: list[str] = field(default_factory=list)
    recorder_id: str = ""
    kind: TalkKind | str = TalkKind.INDIVIDUAL
    outline: list[str] = field(default_factory=list)
    record: list[QA] = field(default_factory=list)
    key_points: str = ""
    raised_problems: bool = False
    raised_leads: bool = False
    classification: str = "秘密"  # 密级 of the record: 内部, 秘密 or 机密
    protection_years: int | None = None  # 保密期限; None: not marked
    plan_line_id: str | None = None  # the talk plan's line this talk was held for (谈话计划)

    def to_dict(self) -> dict:
        data = dict(self.__dict__)
        data["record"] = [{"question": b.question, "answer": b.answer} for b in self.record]
        data["interviewee_category"] = str(self.interviewee_category)
        data["kind"] = str(self.kind)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> TalkForm:
        values = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        values["record"] = [
            QA(str(b.get("question", "")), str(b.get("answer", ""))) for b in data.get("record", [])
        ]
        values["outline"] = [str(q) for q in data.get("outline", [])]
        values["interviewer_ids"] = [str(u) for u in data.get("interviewer_ids", [])]
        return cls(**values)


@dataclass
class Talk:
    id: str
    inspection_id: str
    number: int
    start_at: str
    end_at: str
    place: str
    interviewee_name: str
    interviewee_unit: str
    interviewee_position: str
    interviewee_category: IntervieweeCategory
    leadership_id: str | None
    interviewers: list[Person]
    recorder: Person
    kind: TalkKind
    outline: list[str]
    record: list[QA]
    key_points: str
    raised_problems: bool
    raised_leads: bool
    status: TalkStatus
    signed_on: str | None
    classification: str
    protection_years: int | None
    addenda: list[Addendum] = field(default_factory=list)
    has_scan: bool = False
    plan_line_id: str | None = None
    unit_name: str = ""
    team_name: str = ""
    created_at: str = ""
    updated_at: str = ""

    @property
    def title(self) -> str:
        return f"谈话记录 第{self.number}号"

    def form(self) -> TalkForm:
        """The editable part, e.g. to start a form from a saved talk."""
        return TalkForm(
            start_at=self.start_at,
            end_at=self.end_at,
            place=self.place,
            interviewee_name=self.interviewee_name,
            interviewee_unit=self.interviewee_unit,
            interviewee_position=self.interviewee_position,
            interviewee_category=self.interviewee_category,
            leadership_id=self.leadership_id,
            interviewer_ids=[p.user_id for p in self.interviewers],
            recorder_id=self.recorder.user_id,
            kind=self.kind,
            outline=list(self.outline),
            record=[QA(b.question, b.answer) for b in self.record],
            key_points=self.key_points,
            raised_problems=self.raised_problems,
            raised_leads=self.raised_leads,
            classification=self.classification,
            protection_years=self.protection_years,
            plan_line_id=self.plan_line_id,
        )
