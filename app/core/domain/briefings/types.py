"""The briefing's types: the departments asked, the request, its answer items, the forms."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BriefingSource(StrEnum):
    DISCIPLINE = "discipline"  # 纪委监委
    ORGANISATION = "organisation"  # 组织部
    AUDIT = "audit"  # 审计
    PETITION = "petition"  # 信访
    OFFICE = "office"  # 巡察办
    OTHER = "other"  # another body (政法委, 统计, 财政, ...)

    @property
    def label(self) -> str:
        return SOURCE_LABELS[self]

    @property
    def default_department(self) -> str:
        return DEFAULT_DEPARTMENTS[self]


SOURCE_LABELS = {
    BriefingSource.DISCIPLINE: "纪委监委",
    BriefingSource.ORGANISATION: "组织部",
    BriefingSource.AUDIT: "审计",
    BriefingSource.PETITION: "信访",
    BriefingSource.OFFICE: "巡察办",
    BriefingSource.OTHER: "其他",
}
DEFAULT_DEPARTMENTS = {
    BriefingSource.DISCIPLINE: "市纪委监委",
    BriefingSource.ORGANISATION: "市委组织部",
    BriefingSource.AUDIT: "市审计局",
    BriefingSource.PETITION: "市信访局",
    BriefingSource.OFFICE: "市委巡察办",
    BriefingSource.OTHER: "",
}
# What the letter asks each department for, unless the office types its own.
DEFAULT_MATTERS = {
    BriefingSource.DISCIPLINE: "该单位领导班子及其成员遵守党纪、廉洁自律情况，近年来问题线索处置、信访举报、"
    "审查调查和执纪问责情况",
    BriefingSource.ORGANISATION: "该单位领导班子建设、选人用人、干部队伍建设和基层党组织建设情况，"
    "领导干部个人有关事项报告情况",
    BriefingSource.AUDIT: "近年来对该单位的审计情况，审计发现的问题及整改情况",
    BriefingSource.PETITION: "近年来涉及该单位及其领导干部的信访举报情况和办理情况",
    BriefingSource.OFFICE: "该单位上轮巡察发现问题的整改情况和其他巡察工作掌握的情况",
    BriefingSource.OTHER: "掌握的该单位有关情况",
}


@dataclass
class RequestForm:
    source: BriefingSource | str
    requested_on: str  # YYYY-MM-DD
    department: str = ""  # blank: the source's usual name
    due_on: str = ""
    answered_on: str = ""
    matters: str = ""  # blank: the source's usual matters
    classification: str = "秘密"
    protection_years: int | None = None


@dataclass
class ItemForm:
    content: str
    source: str = ""  # blank: the request's department
    category: str = ""  # a classification path from the presets, or free text
    category_id: str | None = None
    is_lead: bool = False
    classification: str = "秘密"


@dataclass
class ItemAttachment:
    id: str
    filename: str
    size: int
    media_type: str
    created_at: str


@dataclass
class BriefingItem:
    id: str
    inspection_id: str
    request_id: str
    request_number: int
    ordinal: int
    source: str
    content: str
    category: str
    category_id: str | None
    is_lead: bool
    classification: str
    attachments: list[ItemAttachment] = field(default_factory=list)
    locked: bool = False  # lead-like and sealed, and this session holds no copy of the key yet

    @property
    def reference(self) -> str:
        """How the item is cited: '情况通报 第2号第3项'."""
        return f"情况通报 第{self.request_number}号第{self.ordinal}项"

    def form(self) -> ItemForm:
        return ItemForm(
            self.content, self.source, self.category, self.category_id, self.is_lead, self.classification
        )


@dataclass
class BriefingRequest:
    id: str
    inspection_id: str
    number: int
    source: BriefingSource
    department: str
    requested_on: str
    due_on: str
    answered_on: str
    matters: str
    classification: str
    protection_years: int | None
    items: list[BriefingItem] = field(default_factory=list)  # only those the session may know
    unit_name: str = ""
    team_name: str = ""

    @property
    def reference(self) -> str:
        return f"情况通报 第{self.number}号"

    @property
    def state_text(self) -> str:
        return f"{self.answered_on} 已复函" if self.answered_on else "待复函"

    def form(self) -> RequestForm:
        return RequestForm(
            self.source,
            self.requested_on,
            self.department,
            self.due_on,
            self.answered_on,
            self.matters,
            self.classification,
            self.protection_years,
        )
