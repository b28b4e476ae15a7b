"""The issue record (问题) and its working paper (问题底稿): the enumerations and dataclasses, no rules.

An issue belongs to one inspection. It is classified against the office's tree (a primary category
and optional sub-category, an optional secondary tag such as a 六项纪律 node) and carries optional
tags. Its working paper holds the facts, the legal basis, the responsibility analysis, who found and
who wrote it, the people and money involved and the seriousness; the numbered evidence list lives in
app.core.domain.register.evidence. Status: found → verified (核实, `substantiate`) → fed_back →
in_rectification → closed_out, or dismissed; the moves are app.core.domain.register.workflow's.

`Issue` is built from a row of `Issue.COLUMNS` over `Issue.FROM` by column name.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from enum import StrEnum

from app.core.domain import _fields as f

# ---- enumerations --------------------------------------------------------------------------------


class IssueStatus(StrEnum):
    FOUND = "found"
    # 核实 (the issue is found to be true). Stored as 'verified' since the first migration; in code
    # the step is `substantiate` (the glossary keeps "verify" for the database and backups).
    SUBSTANTIATED = "verified"
    FED_BACK = "fed_back"
    IN_RECTIFICATION = "in_rectification"
    CLOSED_OUT = "closed_out"
    DISMISSED = "dismissed"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    IssueStatus.FOUND: "已发现",
    IssueStatus.SUBSTANTIATED: "已核实",
    IssueStatus.FED_BACK: "已反馈",
    IssueStatus.IN_RECTIFICATION: "整改中",
    IssueStatus.CLOSED_OUT: "已销号",
    IssueStatus.DISMISSED: "已排除",
}

# Workflow order, for sorting and display.
STATUS_ORDER = list(IssueStatus)


class IssueTag(StrEnum):
    CADRE_SELECTION = "cadre_selection"
    IDEOLOGY = "ideology"
    IMMEDIATE_FIX = "immediate_fix"
    KEY_ATTENTION = "key_attention"

    @property
    def label(self) -> str:
        return TAG_LABELS[self]

    @property
    def bit(self) -> int:
        return 1 << list(IssueTag).index(self)


TAG_LABELS = {
    IssueTag.CADRE_SELECTION: "选人用人",
    IssueTag.IDEOLOGY: "意识形态",
    IssueTag.IMMEDIATE_FIX: "立行立改",
    IssueTag.KEY_ATTENTION: "重点关注",
}


def tags_to_mask(tags) -> int:
    mask = 0
    for tag in tags or ():
        mask |= f.choice(IssueTag, tag, "tags", "标签").bit
    return mask


def mask_to_tags(mask: int) -> frozenset[IssueTag]:
    # Every register row decodes its mask: look the set up instead of walking the enum per row.
    if 0 <= mask < len(_TAG_SETS):
        return _TAG_SETS[mask]
    return frozenset(t for t in IssueTag if mask & t.bit)


_TAG_SETS = [frozenset(t for k, t in enumerate(IssueTag) if m & (1 << k)) for m in range(1 << len(IssueTag))]


class IssueLevel(StrEnum):
    NONE = ""
    LEADERSHIP = "leadership"
    DEPARTMENT = "department"

    @property
    def label(self) -> str:
        return {
            IssueLevel.NONE: "",
            IssueLevel.LEADERSHIP: "领导班子问题",
            IssueLevel.DEPARTMENT: "部门问题",
        }[self]


class Seriousness(StrEnum):
    GENERAL = "general"
    SERIOUS = "serious"
    GRAVE = "grave"

    @property
    def label(self) -> str:
        return {Seriousness.GENERAL: "一般", Seriousness.SERIOUS: "较重", Seriousness.GRAVE: "严重"}[self]


class Disposition(StrEnum):
    NONE = ""
    UNIT = "unit"
    DISCIPLINE_COMMISSION = "discipline_commission"
    ORGANISATION_DEPT = "organisation_dept"
    OTHER = "other"

    @property
    def label(self) -> str:
        return DISPOSITION_LABELS[self]

    @property
    def is_transfer(self) -> bool:
        return self in (Disposition.DISCIPLINE_COMMISSION, Disposition.ORGANISATION_DEPT, Disposition.OTHER)


DISPOSITION_LABELS = {
    Disposition.NONE: "",
    Disposition.UNIT: "反馈被巡察单位",
    Disposition.DISCIPLINE_COMMISSION: "移交纪委监委",
    Disposition.ORGANISATION_DEPT: "移交组织部",
    Disposition.OTHER: "移交其他单位",
}


# ---- records -------------------------------------------------------------------------------------


@dataclass
class IssueDraft:
    """The editable fields of an issue and its working paper, as a form fills them in."""

    title: str = ""
    found_on: str = ""
    category_id: str | None = None
    subcategory_id: str | None = None
    secondary_id: str | None = None
    tags: frozenset[IssueTag] | set | tuple = frozenset()
    level: IssueLevel | str = IssueLevel.NONE
    facts: str = ""
    legal_basis: str = ""
    responsibility: str = ""
    resp_principal: str = ""
    resp_first: str = ""
    resp_leading: str = ""
    resp_supervisory: str = ""
    found_by: str = ""
    written_by: str = ""
    written_on: str | None = None
    people_involved: str = ""
    people_count: int = 0
    amount_yuan: Decimal | str | float | int = 0
    seriousness: Seriousness | str = Seriousness.GENERAL


# Fields frozen once the paper is signed (classification and tags may still be corrected).
PAPER_FIELDS = (
    "title",
    "found_on",
    "facts",
    "legal_basis",
    "responsibility",
    "resp_principal",
    "resp_first",
    "resp_leading",
    "resp_supervisory",
    "found_by",
    "written_by",
    "written_on",
    "people_involved",
    "people_count",
    "amount_fen",
    "seriousness",
)


@dataclass
class Issue:
    id: str
    inspection_id: str
    category_id: str | None
    subcategory_id: str | None
    secondary_id: str | None
    tags: frozenset[IssueTag]
    level: IssueLevel
    title: str
    facts: str
    legal_basis: str
    responsibility: str
    resp_principal: str
    resp_first: str
    resp_leading: str
    resp_supervisory: str
    found_by: str
    found_on: str
    written_by: str
    written_on: str | None
    people_involved: str
    people_count: int
    amount_fen: int
    seriousness: Seriousness
    review_opinion: str
    reviewed_on: str | None
    signed_by: str | None
    signed_on: str | None
    number: str | None
    number_seq: int | None
    status: IssueStatus
    status_on: str
    dismissed_reason: str
    disposition: Disposition
    disposition_body: str
    fed_back_on: str | None
    created_at: str
    updated_at: str
    # Display context, joined in.
    unit_id: str = ""
    unit_name: str = ""
    team_id: str = ""
    team_name: str = ""
    round_id: str = ""
    round_number: int = 0
    category_name: str = ""
    subcategory_name: str = ""
    secondary_name: str = ""
    signed_by_name: str = ""

    # Every column is named as its field is (from_row reads them by name).
    COLUMNS = (
        "i.id AS id, i.inspection_id AS inspection_id, i.category_id AS category_id,"
        " i.subcategory_id AS subcategory_id, i.secondary_id AS secondary_id, i.tags AS tags,"
        " i.level AS level, i.title AS title, p.facts AS facts, p.legal_basis AS legal_basis,"
        " p.responsibility AS responsibility, p.resp_principal AS resp_principal,"
        " p.resp_first AS resp_first, p.resp_leading AS resp_leading,"
        " p.resp_supervisory AS resp_supervisory, i.found_by AS found_by, i.found_on AS found_on,"
        " i.written_by AS written_by, i.written_on AS written_on, p.people_involved AS people_involved,"
        " i.people_count AS people_count, i.amount_fen AS amount_fen, i.seriousness AS seriousness,"
        " p.review_opinion AS review_opinion, i.reviewed_on AS reviewed_on, i.signed_by AS signed_by,"
        " i.signed_on AS signed_on, i.number AS number, i.number_seq AS number_seq, i.status AS status,"
        " i.status_on AS status_on, i.dismissed_reason AS dismissed_reason,"
        " i.disposition AS disposition, i.disposition_body AS disposition_body,"
        " i.fed_back_on AS fed_back_on, i.created_at AS created_at, i.updated_at AS updated_at,"
        " ins.unit_id AS unit_id, u.name AS unit_name, ins.team_id AS team_id, t.name AS team_name,"
        " ins.round_id AS round_id, r.number AS round_number,"
        " coalesce(c.name, '') AS category_name, coalesce(sc.name, '') AS subcategory_name,"
        " coalesce(sd.name, '') AS secondary_name, coalesce(su.display_name, '') AS signed_by_name"
    )
    FROM = (
        "issues i JOIN issue_papers p ON p.id = i.id"
        " JOIN inspections ins ON ins.id = i.inspection_id JOIN units u ON u.id = ins.unit_id"
        " JOIN teams t ON t.id = ins.team_id JOIN rounds r ON r.id = ins.round_id"
        " LEFT JOIN classification_nodes c ON c.id = i.category_id"
        " LEFT JOIN classification_nodes sc ON sc.id = i.subcategory_id"
        " LEFT JOIN classification_nodes sd ON sd.id = i.secondary_id"
        " LEFT JOIN users su ON su.id = i.signed_by"
    )

    @classmethod
    def from_row(cls, row) -> Issue:
        values = {name: row[name] for name in _ISSUE_FIELDS}
        values["tags"] = mask_to_tags(int(values["tags"]))
        values["level"] = IssueLevel(values["level"])
        values["people_count"] = int(values["people_count"])
        values["amount_fen"] = int(values["amount_fen"])
        values["seriousness"] = Seriousness(values["seriousness"])
        values["status"] = IssueStatus(values["status"])
        values["disposition"] = Disposition(values["disposition"])
        values["round_number"] = int(values["round_number"])
        return cls(**values)

    @property
    def amount_yuan(self) -> Decimal:
        return Decimal(self.amount_fen) / 100

    @property
    def signed(self) -> bool:
        return self.number is not None

    @property
    def classification_text(self) -> str:
        return " › ".join(x for x in (self.category_name, self.subcategory_name) if x)

    def draft(self) -> IssueDraft:
        """The editable fields, for a form to start from."""
        return IssueDraft(
            **{
                fl.name: getattr(self, fl.name)
                for fl in fields(IssueDraft)
                if fl.name != "amount_yuan" and hasattr(self, fl.name)
            },
            amount_yuan=self.amount_yuan,
        )


_ISSUE_FIELDS = tuple(fl.name for fl in fields(Issue))


@dataclass
class IssueEvent:
    id: str
    issue_id: str
    from_status: IssueStatus
    to_status: IssueStatus
    moved_on: str
    reason: str
    author_name: str
    created_at: str

    @property
    def text(self) -> str:
        return f"{self.moved_on} {self.from_status.label} → {self.to_status.label}"
