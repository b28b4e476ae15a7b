"""Demo meetings and talk plans (issue 20): a talk plan for every demo inspection and the meetings
of those on site or later, through the ordinary operations as each inspection's team leader.

The plan proposes the 必谈 from the unit's leadership list, gives each line two interviewers, a time
and a place, and adds a few 选谈 lines (one moved, one not yet scheduled). It runs before the demo
talks, which are held for the plan's lines where they talk to a leadership member, so that the plan
shows done, missing and moved lines. Meetings: the 动员会 on the day of entry (the leadership and
cadres attending), a 座谈会, a 组务会, and the 反馈会 once the inspection has reached feedback.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.core.domain.meetings import queries as meeting_queries
from app.core.domain.meetings import writes as meeting_writes
from app.core.domain.meetings.types import Attendee, MeetingForm, MeetingKind
from app.core.domain.talk_plan import queries as plan_queries
from app.core.domain.talk_plan import writes as plan_writes
from app.core.domain.talk_plan.types import PlanLineForm
from app.core.domain.talks import queries as talk_queries
from app.core.domain.talks.types import IntervieweeCategory
from app.core.session import Session
from app.demo.talks import MID_POSITIONS, STAFF_POSITIONS, _inspection_rows, person_name

AFTER_FEEDBACK = {"feedback", "transfer", "rectification", "filed"}


@dataclass
class DemoPlans:
    plan_lines: dict[str, list[str]] = field(default_factory=dict)  # inspection id -> line ids
    meeting_ids: list[str] = field(default_factory=list)


def _start(row) -> date:
    """The first day of talks: the day on site, or a week from now for a team not yet on site."""
    if row["on_site"]:
        return date.fromisoformat(row["on_site"])
    return date.today() + timedelta(days=7)


def populate_talk_plans(session_for: Callable[[str], Session], org) -> DemoPlans:
    rng = random.Random(20)
    out = DemoPlans()
    office = session_for("office")
    for row in _inspection_rows(office, list(org.inspection_ids.values())):
        session = session_for(row["leader"])
        team = talk_queries.team_candidates(session, row["id"])
        if len(team) < 2:
            continue
        start = _start(row)
        lines = plan_writes.propose_must_talk(session, row["id"])
        for k, line in enumerate(lines):
            form = line.form()
            form.interviewer_ids = [p.user_id for p in rng.sample(team, 2)]
            day = start + timedelta(days=1 + k // 2)
            form.planned_at = f"{day.isoformat()} {'09:00' if k % 2 == 0 else '14:30'}"
            form.place = "巡察组驻点谈话室"
            plan_writes.update_line(session, line.id, form)
        chosen = [
            (IntervieweeCategory.MID_LEVEL, rng.choice(MID_POSITIONS)),
            (IntervieweeCategory.MID_LEVEL, rng.choice(MID_POSITIONS)),
            (IntervieweeCategory.STAFF, rng.choice(STAFF_POSITIONS)),
            (IntervieweeCategory.STAFF, rng.choice(STAFF_POSITIONS)),
        ]
        for k, (category, position) in enumerate(chosen):
            day = start + timedelta(days=4 + k)
            planned = "" if k == 3 else f"{day.isoformat()} 10:00"
            line = plan_writes.create_line(
                session,
                row["id"],
                PlanLineForm(
                    name=person_name(rng),
                    position=position,
                    unit=row["unit_name"],
                    category=category,
                    interviewer_ids=[p.user_id for p in rng.sample(team, 2)] if planned else [],
                    planned_at=planned,
                    place=f"{row['unit_name']}小会议室" if planned else "",
                ),
            )
            if k == 1:  # the interviewee asked for another day (still ahead while the team is on site)
                form = line.form()
                later = (
                    date.today() + timedelta(days=3) if row["phase"] == "on_site" else day + timedelta(days=2)
                )
                form.planned_at = f"{later.isoformat()} 15:00"
                form.note = "被谈话人外出学习，改期"
                plan_writes.update_line(session, line.id, form)
        out.plan_lines[row["id"]] = [x.id for x in plan_queries.plan_lines(session, row["id"])]
    return out


MINUTES = {
    MeetingKind.MOBILISATION: (
        "巡察组组长作动员讲话，通报了本次巡察的主要任务、时间安排和监督方式，强调坚持问题导向，"
        "重点了解党组织落实全面从严治党主体责任、中央八项规定精神和选人用人等情况。\n"
        "被巡察单位党组织主要负责人作表态发言，表示坚决拥护、主动配合，对巡察发现的问题立行立改。\n"
        "会后进行了民主测评和问卷调查，发放测评表{n}份，当场密封收回。"
    ),
    MeetingKind.GROUP: (
        "座谈围绕单位作风建设和群众关心的问题进行。参会同志反映：公务接待有超标准的情况；"
        "个别科室办事效率不高，存在推诿现象；希望进一步规范干部选拔任用程序，扩大民主推荐范围。"
    ),
    MeetingKind.TEAM: (
        "组务会听取了谈话组、资料组和信访组的工作进展汇报，研究了调阅资料中发现的会议费报销不规范问题，"
        "决定：一、由资料组调取近三年会议费报销凭证逐笔核对；二、对反映集中的公务接待问题形成问题底稿；"
        "三、下周继续开展个别谈话，重点谈话对象由组长审定。"
    ),
    MeetingKind.FEEDBACK: (
        "巡察组组长代表巡察组反馈巡察情况，指出了被巡察单位在落实主体责任、作风建设、选人用人和"
        "上轮巡察整改等方面存在的问题，提出了整改意见和要求。\n被巡察单位党组织主要负责人作表态发言，"
        "表示诚恳接受、照单全收，在规定时间内报送整改方案。"
    ),
}


def populate_meetings(session_for: Callable[[str], Session], org) -> DemoPlans:
    rng = random.Random(21)
    out = DemoPlans()
    office = session_for("office")
    for row in _inspection_rows(office, list(org.inspection_ids.values())):
        if not row["on_site"]:
            continue
        session = session_for(row["leader"])
        team = [p.name for p in talk_queries.team_candidates(session, row["id"])]
        if not team:
            continue
        start = date.fromisoformat(row["on_site"])
        people = meeting_queries.unit_people(session, row["id"])
        cadres = [Attendee(person_name(rng), rng.choice(MID_POSITIONS), row["unit_name"]) for _ in range(10)]
        plan = [
            (MeetingKind.MOBILISATION, start, f"巡察{row['unit_name']}党组织工作动员会", [*people, *cadres]),
            (MeetingKind.GROUP, start + timedelta(days=3), "中层干部座谈会", cadres[:6]),
            (
                MeetingKind.TEAM,
                start + timedelta(days=5),
                "",
                [Attendee(name, "巡察组成员") for name in team],
            ),
        ]
        if row["phase"] in AFTER_FEEDBACK:
            plan.append(
                (MeetingKind.FEEDBACK, start + timedelta(days=40), "巡察情况反馈会", [*people, *cadres[:4]])
            )
        for kind, day, title, attendees in plan:
            minutes = MINUTES[kind].format(n=len(attendees))
            meeting = meeting_writes.create_meeting(
                session,
                row["id"],
                MeetingForm(
                    kind=kind,
                    held_on=day.isoformat(),
                    start_time="09:00" if kind is not MeetingKind.TEAM else "17:30",
                    end_time="10:30" if kind is not MeetingKind.TEAM else "18:30",
                    title=title,
                    place=f"{row['unit_name']}会议室" if kind is not MeetingKind.TEAM else "巡察组驻地",
                    chair=team[0],
                    recorder=team[-1],
                    agenda=[line.split("，")[0] for line in minutes.split("\n")],
                    minutes=minutes,
                    attendees=attendees,
                    classification="秘密",
                ),
            )
            out.meeting_ids.append(meeting.id)
    return out
