"""Demo talks (issue 5): about 60 talk records across the demo inspections, in every status.

`populate_talks(session_for, org)` goes through the ordinary talk operations as each inspection's
team leader (so every rule, number and audit entry applies): inspections on site or later get talks
with the unit's top leader, other leadership members, mid-level cadres, staff, retired cadres and,
in townships and villages, ordinary people. Inspections past the on-site phase have signed records
(some with dated addenda, one with a scan of the signed pages); those still on site have drafts,
records awaiting signature and signed ones. All content is generated here; dates are fixed (2026).

`talk_record_text` is shared with benchmarks/search.py to make realistic records in bulk.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from app.core.domain.talks import queries as talk_queries
from app.core.domain.talks import writes as talk_writes
from app.core.domain.talks.outlines import outline_for
from app.core.domain.talks.types import QA, IntervieweeCategory, TalkForm, TalkKind
from app.core.session import Session

# Answers are composed from these, by theme, so that records read like real ones and search finds
# realistic terms (公务接待, 选人用人, 三重一大, 惠民资金 …).
ANSWERS: dict[str, list[str]] = {
    "general": [
        "总的来看，班子能够认真贯彻落实上级决策部署，工作推进总体是有力的。",
        "近几年单位各项工作有了一定起色，但和上级要求相比还有差距。",
        "班子成员之间总体是团结的，但有时候沟通不够，个别事项在会上争论比较多。",
        "我来单位时间不长，有些情况了解得不是很全面，只能就我知道的谈一谈。",
        "这个问题我之前也向组织反映过，但一直没有得到解决。",
        "希望巡察组能够深入了解一下，帮助我们把问题解决好。",
        "主要负责人工作很有魄力，但有时候比较强势，听取不同意见不够。",
        "学习抓得比较紧，每月都有中心组学习，但学用结合还不够，有些学习流于形式。",
    ],
    "frugality": [
        "公务接待方面，去年有几次上级检查组来的时候，陪餐人数超过了规定，还安排了酒水。",
        "单位有两台公务用车，据我了解，有时候节假日也被开回家，没有严格执行派车登记制度。",
        "办公用房调整以后，个别领导的办公室面积仍然超标，已经报告过党组，但一直没有整改到位。",
        "年底的时候以加班补助的名义给全体职工发过钱，每人两三千元，不知道是否合规。",
        "有的会议费、培训费在报销时附件不全，有把餐费拆分到会议费里报销的情况。",
        "去年组织过一次外出考察学习，行程里安排了两个景点，有变相公款旅游的嫌疑。",
    ],
    "decisions": [
        "“三重一大”事项原则上都上党组会研究，但有几个项目是先定下来再补的会议程序。",
        "大额资金支出有时候是主要领导签字就付了，事后才在会上通报。",
        "有一个二百多万元的信息化项目，没有经过公开招标，是直接委托的，理由是时间紧。",
        "政府采购方面，有的项目化整为零，把金额拆到限额以下，规避公开招标。",
        "会议记录不够规范，有的讨论过程没有记录，只记了结论。",
    ],
    "cadres": [
        "选人用人方面，去年提拔的几名中层干部，群众有些议论，认为民主推荐走了过场。",
        "有个别干部在任职前就有群众反映，但还是被提拔了，有“带病提拔”的嫌疑。",
        "干部轮岗交流做得不够，有的科室负责人在同一个岗位上干了十多年。",
        "编外人员比较多，有些是领导打招呼安排进来的，没有经过公开招聘。",
        "干部档案管理不够规范，有个别干部的出生日期、参加工作时间前后不一致。",
    ],
    "party": [
        "基层党支部的组织生活不够正常，“三会一课”有时候是补记录应付检查。",
        "发展党员工作程序不够规范，有的入党材料是后补的。",
        "党费收缴有拖欠的情况，个别党员连续几个月没有交党费。",
        "支部书记大多是业务科长兼任，精力主要放在业务上，党建工作抓得不够。",
    ],
    "people": [
        "村里的低保评定不够公开，有几户条件不错的人家也吃上了低保，群众意见很大。",
        "惠民惠农资金发放不及时，有的补贴拖了半年多才到村民手里。",
        "村务公开栏很久没有更新了，财务收支大家都不清楚。",
        "村干部在征地补偿上优亲厚友，自家亲戚的补偿标准比别人高。",
        "办事要跑好几趟，有的工作人员态度生硬，推诿扯皮。",
        "村里修路的工程是村主任的亲戚承包的，质量不好，才两年就坏了。",
    ],
    "rectification": [
        "上一轮巡察反馈的问题，大部分已经整改了，但有两项一直没有销号。",
        "整改方案定得很细，但有些措施只停留在发文件、建制度上，落实不够。",
        "有些问题整改后又出现反弹，比如公车管理，整改的时候很规范，过了一段时间又松了。",
    ],
}
THEMES_BY_CATEGORY = {
    IntervieweeCategory.TOP_LEADER: ["general", "decisions", "cadres", "rectification"],
    IntervieweeCategory.LEADERSHIP: ["general", "frugality", "decisions", "cadres", "party"],
    IntervieweeCategory.MID_LEVEL: ["general", "frugality", "decisions", "cadres"],
    IntervieweeCategory.STAFF: ["general", "frugality", "cadres", "party"],
    IntervieweeCategory.RETIRED: ["general", "cadres", "rectification"],
    IntervieweeCategory.PUBLIC: ["people", "general"],
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "建国志强秀英玉兰明辉海燕红梅晓东春华丽娟文军立新国庆卫东桂芝淑珍永平德明建华小红家宝振华爱民金凤"
MID_POSITIONS = ["办公室主任", "财务科科长", "人事科科长", "规划科科长", "审批科副科长", "机关党委专职副书记"]
STAFF_POSITIONS = ["办公室科员", "会计", "出纳", "驾驶员", "档案管理员", "综合科科员"]
PUBLIC_POSITIONS = ["村民", "居民", "个体工商户", "退休职工", "种植大户"]


def person_name(rng: random.Random) -> str:
    given = rng.randrange(0, len(GIVEN) - 1, 2)
    return rng.choice(SURNAMES) + GIVEN[given : given + 2]


def answer_text(rng: random.Random, category: IntervieweeCategory, sentences: int) -> str:
    themes = THEMES_BY_CATEGORY[category]
    return "".join(rng.choice(ANSWERS[rng.choice(themes)]) for _ in range(sentences))


def talk_record_text(
    rng: random.Random, category: IntervieweeCategory, blocks: int, sentences: int
) -> list[QA]:
    """Question-and-answer blocks: the category's outline questions with generated answers."""
    questions = outline_for(category) or ["请谈谈你了解的情况。"]
    return [
        QA(questions[k % len(questions)], answer_text(rng, category, max(1, sentences + rng.randint(-2, 2))))
        for k in range(blocks)
    ]


@dataclass
class DemoTalks:
    talk_ids: list[str] = field(default_factory=list)
    by_status: dict[str, int] = field(default_factory=dict)


def _inspection_rows(session: Session, inspection_ids: list[str]) -> list:
    """Rows of each inspection: id, unit_id, unit_name, unit_kind, phase, on_site (date), leader (username)."""
    marks = ",".join("?" for _ in inspection_ids)
    return session.conn.execute(
        "SELECT i.id, u.id AS unit_id, u.name AS unit_name, u.kind AS unit_kind, i.phase,"
        " (SELECT began_on FROM inspection_phases p WHERE p.inspection_id = i.id AND p.phase = 'on_site')"
        " AS on_site,"
        " (SELECT us.username FROM team_members m JOIN users us ON us.id = m.user_id"
        "   WHERE m.team_id = i.team_id AND m.position = 'leader') AS leader"
        f" FROM inspections i JOIN units u ON u.id = i.unit_id WHERE i.id IN ({marks}) ORDER BY u.name",
        inspection_ids,
    ).fetchall()


def populate_talks(session_for: Callable[[str], Session], org, *, total: int = 60) -> DemoTalks:
    """Create about `total` talks across the demo inspections that are on site or later."""
    rng = random.Random(5)
    out = DemoTalks()
    office = session_for("office")
    rows = [r for r in _inspection_rows(office, list(org.inspection_ids.values())) if r["on_site"]]
    if not rows:
        return out
    per = max(1, total // len(rows))
    extra = total - per * len(rows)
    for k, row in enumerate(rows):
        insp_id, unit_id, unit_name, unit_kind = row["id"], row["unit_id"], row["unit_name"], row["unit_kind"]
        on_site = row["on_site"]
        session = session_for(row["leader"])
        team = talk_queries.team_candidates(session, insp_id)
        leaders = session.conn.execute(
            "SELECT id, name, position, is_top_leader FROM leadership WHERE unit_id = ?"
            " ORDER BY is_top_leader DESC, sort_order",
            (unit_id,),
        ).fetchall()
        on_site_phase = row["phase"] == "on_site"
        count = per + (1 if k < extra else 0)
        for n in range(count):
            category = _category(n, k, unit_kind, bool(leaders))
            day = date.fromisoformat(on_site) + timedelta(days=1 + n * 2 + rng.randint(0, 1))
            start = datetime(day.year, day.month, day.day, rng.choice([9, 10, 14, 15]), rng.choice([0, 30]))
            end = start + timedelta(minutes=rng.choice([45, 60, 80, 100]))
            interviewers = rng.sample(team, 2)
            if category in (IntervieweeCategory.TOP_LEADER, IntervieweeCategory.LEADERSHIP) and leaders:
                others = leaders[1:] or leaders
                pick = leaders[0] if category is IntervieweeCategory.TOP_LEADER else others[n % len(others)]
                leadership_id, name, position = pick["id"], pick["name"], pick["position"]
            else:
                leadership_id, name = None, person_name(rng)
                position = {
                    IntervieweeCategory.MID_LEVEL: rng.choice(MID_POSITIONS),
                    IntervieweeCategory.STAFF: rng.choice(STAFF_POSITIONS),
                    IntervieweeCategory.RETIRED: "原副职领导（已退休）",
                    IntervieweeCategory.PUBLIC: rng.choice(PUBLIC_POSITIONS),
                }.get(category, "")
            # A talk is held for the talk plan's line, when there is one: the leadership member's, or
            # a 选谈 line of the same category planned by then, whose person it then is.
            if leadership_id:
                line = session.conn.execute(
                    "SELECT id FROM talk_plan_lines WHERE inspection_id = ? AND leadership_id = ?",
                    (insp_id, leadership_id),
                ).fetchone()
            else:
                line = session.conn.execute(
                    "SELECT id, name, position FROM talk_plan_lines WHERE inspection_id = ? AND must = 0"
                    " AND category = ? AND planned_at != '' AND substr(planned_at, 1, 10) <= ?"
                    " AND id NOT IN (SELECT plan_line_id FROM talks WHERE plan_line_id IS NOT NULL)"
                    " ORDER BY number LIMIT 1",
                    (insp_id, category.value, day.isoformat()),
                ).fetchone()
                if line is not None:
                    name, position = line["name"], line["position"]
            kind = TalkKind.KEY if category is IntervieweeCategory.TOP_LEADER else TalkKind.INDIVIDUAL
            if category is IntervieweeCategory.MID_LEVEL and n % 4 == 3:
                kind = TalkKind.REMINDER
            status = _status(n, count, on_site_phase)
            if status == "signed" and day >= date.today():
                status = "recorded"  # nobody signs a talk that has not happened yet
            record = (
                [] if status == "draft" and n % 2 else talk_record_text(rng, category, rng.randint(3, 7), 5)
            )
            raised = any(
                ch in "".join(b.answer for b in record) for ch in ("超标", "违规", "套取", "优亲厚友")
            )
            form = TalkForm(
                start_at=start.strftime("%Y-%m-%d %H:%M"),
                end_at="" if status == "draft" else end.strftime("%Y-%m-%d %H:%M"),
                place=rng.choice([f"{unit_name}小会议室", "巡察组驻点谈话室", f"{unit_name}党员活动室"]),
                interviewee_name=name,
                interviewee_unit=unit_name,
                interviewee_position=position,
                interviewee_category=category,
                leadership_id=leadership_id,
                interviewer_ids=[p.user_id for p in interviewers],
                recorder_id=interviewers[1].user_id,
                kind=kind,
                outline=outline_for(category, kind),
                record=record,
                key_points=_key_points(record) if status != "draft" else "",
                raised_problems=raised,
                raised_leads=raised and n % 3 == 0,
                classification="秘密",
                protection_years=5,
                plan_line_id=line["id"] if line else None,
            )
            talk = talk_writes.create_talk(session, insp_id, form)
            if status in ("recorded", "signed"):
                talk_writes.mark_recorded(session, talk.id)
            if status == "signed":
                signed_on = min(day + timedelta(days=1), date.today())
                scan = _scan_png() if n == 0 and k == 0 else None
                talk_writes.sign_talk(session, talk.id, signed_on, scan=scan)
                if n % 5 == 2:
                    talk_writes.add_addendum(
                        session,
                        talk.id,
                        "经与被谈话人核实，记录中所称“去年”系指2025年，涉及金额以财务凭证为准。",
                        min(signed_on + timedelta(days=3), date.today()),
                    )
            out.talk_ids.append(talk.id)
            out.by_status[status] = out.by_status.get(status, 0) + 1
    return out


def _category(n: int, k: int, unit_kind: str, has_leaders: bool) -> IntervieweeCategory:
    """The top leader first (必谈), then others, rotating per inspection so every category appears."""
    rest = [
        IntervieweeCategory.LEADERSHIP,
        IntervieweeCategory.MID_LEVEL,
        IntervieweeCategory.PUBLIC if unit_kind in ("township", "village") else IntervieweeCategory.STAFF,
        IntervieweeCategory.RETIRED,
        IntervieweeCategory.STAFF,
    ]
    category = IntervieweeCategory.TOP_LEADER if n == 0 else rest[(n - 1 + k) % len(rest)]
    if not has_leaders and category in (IntervieweeCategory.TOP_LEADER, IntervieweeCategory.LEADERSHIP):
        return IntervieweeCategory.STAFF
    return category


def _status(n: int, count: int, on_site: bool) -> str:
    if not on_site:
        return "signed"
    # Still on site: the last talks are not yet signed.
    if n == count - 1:
        return "draft"
    if n == count - 2:
        return "recorded"
    return "signed"


def _key_points(record: list[QA]) -> str:
    points = []
    for block in record:
        first = block.answer.split("。")[0]
        if first:
            points.append(first + "。")
    numbers = "一二三四五六七八九十"
    return "\n".join(f"{numbers[i]}、{p}" for i, p in enumerate(points[:4]))


def _scan_png() -> bytes:
    """A tiny valid grey PNG standing in for the scanned signature pages."""
    import struct
    import zlib

    width, height = 8, 8
    raw = b"".join(b"\x00" + b"\xcc" * width for _ in range(height))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
