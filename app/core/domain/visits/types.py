"""The visit's types: kinds, the form the GUI edits and the record the core hands out."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class VisitKind(StrEnum):
    SUBORDINATE = "subordinate"  # 下属单位
    SITE = "site"  # 项目现场
    HOUSEHOLD = "household"  # 走访群众
    OTHER = "other"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    VisitKind.SUBORDINATE: "下属单位",
    VisitKind.SITE: "项目现场",
    VisitKind.HOUSEHOLD: "走访群众",
    VisitKind.OTHER: "其他",
}


@dataclass
class VisitForm:
    """What the visit form edits; `create_visit` / `update_visit` validate it."""

    kind: VisitKind | str
    visited_on: str  # YYYY-MM-DD
    place: str
    visited: str = ""  # the unit, site or household visited
    members: list[str] = field(default_factory=list)  # who went
    met: list[str] = field(default_factory=list)  # whom they met
    observations: str = ""  # what they saw and heard
    classification: str = "秘密"
    protection_years: int | None = None


@dataclass
class VisitAttachment:
    id: str
    filename: str
    size: int
    media_type: str
    created_at: str


@dataclass
class Visit:
    id: str
    inspection_id: str
    number: int
    kind: VisitKind
    visited_on: str
    place: str
    visited: str
    members: list[str]
    met: list[str]
    observations: str
    classification: str
    protection_years: int | None
    attachments: list[VisitAttachment] = field(default_factory=list)
    unit_name: str = ""
    team_name: str = ""
    created_at: str = ""
    updated_at: str = ""

    @property
    def reference(self) -> str:
        """How the visit is cited: '走访 第3号'."""
        return f"走访 第{self.number}号"

    @property
    def heading(self) -> str:
        return f"{self.visited or self.place}走访记录"

    def form(self) -> VisitForm:
        return VisitForm(
            kind=self.kind,
            visited_on=self.visited_on,
            place=self.place,
            visited=self.visited,
            members=list(self.members),
            met=list(self.met),
            observations=self.observations,
            classification=self.classification,
            protection_years=self.protection_years,
        )
