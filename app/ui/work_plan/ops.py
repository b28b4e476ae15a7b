"""What the work plan GUI asks of the worker, and the plain-text forms of its lists (no SQL, no Qt).

The schedule is typed one phase a line: '阶段，开始日期，结束日期，工作内容'; the groups one a line:
'组名：成员1、成员2；职责' (the first member leads the group; a name that is a member of the team
takes that member's account).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.domain.work_plan import queries
from app.core.domain.work_plan.types import GROUPS, PHASES, Group, GroupMember, Phase, WorkPlan
from app.core.session import Session


@dataclass
class DialogData:
    plan: WorkPlan | None  # the version the new one starts from (None: the first)
    team: list[GroupMember]
    presets: list[str]


def open_dialog(session: Session, inspection_id: str, plan_id: str | None) -> DialogData:
    plan = queries.get_version(session, plan_id) if plan_id else queries.current_plan(session, inspection_id)
    return DialogData(plan, queries.team_people(session, inspection_id), queries.focus_presets(session))


def _split(line: str) -> list[str]:
    for sep in ("\t", ",", "，"):
        line = line.replace(sep, "，")
    return [p.strip() for p in line.split("，")]


def schedule_lines(schedule: list[Phase]) -> str:
    return "\n".join("，".join(x for x in (p.name, p.start, p.end, p.tasks) if x) for p in schedule)


def parse_schedule(text: str) -> list[Phase]:
    out = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        if not raw.strip():
            continue
        parts = _split(raw.strip()) + ["", "", ""]
        out.append(Phase(parts[0], parts[1], parts[2], "，".join(p for p in parts[3:] if p)))
    return out


def default_schedule() -> str:
    return "\n".join(f"{name}，，" for name in PHASES)


def group_lines(groups: list[Group]) -> str:
    lines = []
    for g in groups:
        text = f"{g.name}：" + "、".join(m.name for m in g.members)
        if g.duties:
            text += f"；{g.duties}"
        lines.append(text)
    return "\n".join(lines)


def default_groups() -> str:
    return "\n".join(f"{name}：；{duties}" for name, duties in GROUPS.items())


def parse_groups(text: str, team: list[GroupMember]) -> list[Group]:
    by_name = {m.name: m for m in team}
    out = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip().replace(":", "：").replace(";", "；")
        if not line:
            continue
        name, _, rest = line.partition("：")
        members_text, _, duties = rest.partition("；")
        names = [
            n.strip() for n in members_text.replace(",", "、").replace("，", "、").split("、") if n.strip()
        ]
        members = [
            GroupMember(by_name[n].name, by_name[n].user_id) if n in by_name else GroupMember(n)
            for n in names
        ]
        out.append(Group(name.strip(), duties.strip(), members))
    return out
