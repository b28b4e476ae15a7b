"""The work plan's types: a phase of the schedule, a working group, the form and the version."""

from __future__ import annotations

from dataclasses import dataclass, field

# The usual phases and groups, offered by the form; the leader may set others.
PHASES = ("巡前准备", "进驻动员", "了解情况", "形成报告", "反馈移交")
GROUPS = {
    "谈话组": "负责个别谈话、谈话记录整理和谈话中发现问题的梳理。",
    "资料组": "负责调阅、查阅资料，核查财务凭证和干部选拔任用资料。",
    "信访组": "负责受理来信来电来访，梳理信访反映的问题和线索。",
    "综合组": "负责综合协调、文稿起草、巡察日志和后勤保障。",
}


@dataclass
class Phase:
    name: str
    start: str  # YYYY-MM-DD
    end: str
    tasks: str = ""


@dataclass
class GroupMember:
    name: str
    user_id: str | None = None  # a member of the inspection's team, or a typed name


@dataclass
class Group:
    name: str
    duties: str = ""
    members: list[GroupMember] = field(default_factory=list)  # the first one leads the group


@dataclass
class PlanForm:
    aims: str
    issued_on: str
    title: str = ""  # blank: '<team>巡察<unit>党组织工作方案'
    focus: list[str] = field(default_factory=list)
    schedule: list[Phase] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    issuer: str = ""  # blank: the team's issuing body
    note: str = ""  # 工作要求
    classification: str = "秘密"
    protection_years: int | None = None


@dataclass
class WorkPlan:
    id: str
    inspection_id: str
    version: int
    title: str
    aims: str
    focus: list[str]
    schedule: list[Phase]
    groups: list[Group]
    issuer: str
    issued_on: str
    note: str
    classification: str
    protection_years: int | None
    author: str = ""
    created_at: str = ""
    unit_name: str = ""
    team_name: str = ""

    @property
    def heading(self) -> str:
        return self.title or f"{self.team_name}巡察{self.unit_name}党组织工作方案"

    @property
    def reference(self) -> str:
        return f"巡察工作方案 第{self.version}版"

    def form(self) -> PlanForm:
        return PlanForm(
            aims=self.aims,
            issued_on=self.issued_on,
            title=self.title,
            focus=list(self.focus),
            schedule=[Phase(p.name, p.start, p.end, p.tasks) for p in self.schedule],
            groups=[
                Group(g.name, g.duties, [GroupMember(m.name, m.user_id) for m in g.members])
                for g in self.groups
            ],
            issuer=self.issuer,
            note=self.note,
            classification=self.classification,
            protection_years=self.protection_years,
        )
