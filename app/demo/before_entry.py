"""Demo briefings, work plans and team logs (issue 20): for every demo inspection the office's requests
to the five departments (answered item by item, one lead-like item from the discipline commission) and
the team's work plan (a second version once on site), and for those on site or later a few typed
entries in the team log. Through the ordinary operations, as the office or the team's leader.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.core.domain.briefings import writes as briefing_writes
from app.core.domain.briefings.types import BriefingSource, ItemForm, RequestForm
from app.core.domain.team_log import writes as log_writes
from app.core.domain.team_log.types import EntryForm
from app.core.domain.work_plan import queries as plan_queries
from app.core.domain.work_plan import writes as plan_writes
from app.core.domain.work_plan.types import GROUPS, PHASES, Group, Phase, PlanForm
from app.core.session import Session
from app.demo.talks import _inspection_rows

ANSWERS = {
    BriefingSource.DISCIPLINE: [
        (
            "近三年共收到涉及该单位的信访举报{n}件，主要反映公务接待超标准、违规发放津贴补贴等问题，已办结{m}件。",
            "聚焦群众身边不正之风和腐败问题",
            False,
        ),
        (
            "该单位近三年有2名干部受到党纪政务处分，1名干部受到诫勉处理。",
            "落实全面从严治党战略部署情况",
            False,
        ),
        (
            "反映该单位一名班子成员在工程项目中为亲属承揽业务提供便利，尚在初核中。",
            "聚焦群众身边不正之风和腐败问题",
            True,
        ),
    ],
    BriefingSource.ORGANISATION: [
        (
            "该单位领导班子配备齐全，班子成员平均年龄48岁；近三年提拔任用科级干部{n}名。",
            "落实新时代党的组织路线情况",
            False,
        ),
        ("个人有关事项报告抽查核实中发现1名干部漏报房产情况，已作出相应处理。", "聚焦基层党组织建设", False),
    ],
    BriefingSource.AUDIT: [
        (
            "2024年经济责任审计发现：会议费、培训费列支不规范，涉及金额{n}万元；部分政府采购项目未履行公开招标程序。",
            "落实巡视巡察、审计等监督发现问题整改情况",
            False,
        ),
        ("审计发现问题已整改{m}项，尚有2项正在整改。", "落实巡视巡察、审计等监督发现问题整改情况", False),
    ],
    BriefingSource.PETITION: [
        (
            "近两年涉及该单位的群众来信来访{n}件次，主要集中在办事效率、政策落实方面，已全部办结。",
            "聚焦党中央决策部署在基层的贯彻落实情况",
            False,
        ),
    ],
    BriefingSource.OFFICE: [
        (
            "上轮巡察反馈问题{n}个，已完成整改{m}个，其余正在推进；整改报告已按期报送。",
            "聚焦巡视巡察整改和成果运用情况",
            False,
        ),
    ],
}

LOG_ENTRIES = (
    "召开小组碰头会，梳理当日谈话中反映的问题，研究下一步调阅资料和走访安排。",
    "赴下属单位下沉了解，查看食堂和办公用房使用情况，与一线干部职工交流。",
    "整理本周谈话记录要点，形成问题清单初稿，报组长审阅。",
    "核对会议费报销凭证，发现部分会议无签到表、无会议通知。",
)


@dataclass
class DemoBeforeEntry:
    request_ids: list[str] = field(default_factory=list)
    plan_ids: dict[str, list[str]] = field(default_factory=dict)  # inspection id -> version ids
    log_entry_ids: list[str] = field(default_factory=list)


def _before(row) -> date:
    if row["on_site"]:
        return date.fromisoformat(row["on_site"]) - timedelta(days=12)
    return date.today() - timedelta(days=5)


def populate_briefings(session_for: Callable[[str], Session], org) -> DemoBeforeEntry:
    rng = random.Random(22)
    out = DemoBeforeEntry()
    office = session_for("office")
    for row in _inspection_rows(office, list(org.inspection_ids.values())):
        asked = _before(row)
        for k, source in enumerate(ANSWERS):
            answered = asked + timedelta(days=5 + k) if row["on_site"] or k < 3 else None
            if answered and answered > date.today():
                answered = None
            request = briefing_writes.create_request(
                office,
                row["id"],
                RequestForm(
                    source,
                    asked.isoformat(),
                    due_on=(asked + timedelta(days=7)).isoformat(),
                    answered_on=answered.isoformat() if answered else "",
                ),
            )
            out.request_ids.append(request.id)
            if answered is None:
                continue
            for content, category, lead in ANSWERS[source]:
                if lead and not row["on_site"]:
                    continue  # a unit still in preparation has no lead yet (some inspections have none)
                text = content.format(n=rng.randint(4, 12), m=rng.randint(1, 3))
                briefing_writes.add_item(office, request.id, ItemForm(text, category=category, is_lead=lead))
    return out


def populate_work_plans(session_for: Callable[[str], Session], org, out: DemoBeforeEntry) -> DemoBeforeEntry:
    office = session_for("office")
    for row in _inspection_rows(office, list(org.inspection_ids.values())):
        if not row["leader"]:
            continue
        leader = session_for(row["leader"])
        people = plan_queries.team_people(leader, row["id"])
        begin = _before(row) + timedelta(days=2)
        days = (0, 8, 10, 40, 50, 60)
        schedule = [
            Phase(
                name,
                (begin + timedelta(days=days[k])).isoformat(),
                (begin + timedelta(days=days[k + 1] - 1)).isoformat(),
            )
            for k, name in enumerate(PHASES)
        ]
        groups = [
            Group(name, duties, [people[k % len(people)]]) for k, (name, duties) in enumerate(GROUPS.items())
        ]
        form = PlanForm(
            aims="深入贯彻落实党中央关于巡视巡察工作的决策部署，坚持发现问题、形成震慑、推动改革、促进发展，"
            f"推动{row['unit_name']}党组织履行全面从严治党主体责任。",
            issued_on=begin.isoformat(),
            focus=[
                "聚焦党中央决策部署在基层的贯彻落实情况",
                "聚焦群众身边不正之风和腐败问题",
                "聚焦基层党组织建设",
            ],
            schedule=schedule,
            groups=groups,
            note="严守政治纪律和政治规矩，严格执行中央八项规定精神；严格遵守保密纪律，巡察资料不得带离驻地。",
        )
        versions = [plan_writes.save_plan(leader, row["id"], form).id]
        if row["on_site"]:
            form.focus.append("选人用人问题")
            form.schedule[0].tasks = "商请纪委监委、组织部、审计、信访、巡察办通报情况，制定工作方案"
            versions.append(plan_writes.save_plan(leader, row["id"], form).id)
        out.plan_ids[row["id"]] = versions
    return out


def populate_team_logs(session_for: Callable[[str], Session], org, out: DemoBeforeEntry) -> DemoBeforeEntry:
    rng = random.Random(23)
    office = session_for("office")
    for row in _inspection_rows(office, list(org.inspection_ids.values())):
        if not row["on_site"] or not row["leader"]:
            continue
        leader = session_for(row["leader"])
        start = date.fromisoformat(row["on_site"])
        for k in range(6):
            day = start + timedelta(days=1 + 2 * k)
            if day > date.today():
                break
            entry = log_writes.add_entry(
                leader,
                row["id"],
                EntryForm(day.isoformat(), rng.choice(LOG_ENTRIES), f"{rng.choice((8, 14, 19))}:30"),
            )
            out.log_entry_ids.append(entry.id)
    return out
