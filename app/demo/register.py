"""Demo issue register (issue 7): a full round's issues, petitions, leads and rectification.

`populate_issues(ctx)` runs after the organisation, documents and talks populators and goes through
the ordinary operations, each signed in as whoever does that work: members write working papers,
the team leader signs and feeds back, the office closes out. Round 1 (finished) has issues in every
state — closed out, in rectification (some overdue, some awaiting the office's verification, one
reopened), awaiting the unit's plan, transferred, dismissed — with leads transferred and reported
back (a case opened, a sanction, organisational handling, one report overdue) and petitions kept,
passed on and taken up. Round 2 (in progress) has fresh findings, papers awaiting signature and
pending petitions. All text is invented; dates are fixed in 2026.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from app.core.domain.register import (
    assessment,
    classification,
    evidence,
    fact_confirmation,
    issue_edits,
    issue_reads,
    issue_record,
    leads,
    paper_chain,
    petitions,
    progress,
    rectification_plan,
    unit_reports,
    workflow,
)
from app.core.domain.register.issue_record import Disposition, IssueDraft
from app.core.domain.register.measures import add_measure, set_measure_completion
from app.core.domain.register.rectification_record import MeasureDraft

# (title, category, sub-category index in 四个聚焦, 六项纪律 tag index or None, tags, seriousness,
#  people, amount in yuan, facts, legal basis, responsibility, measures)
TEMPLATES = [
    (
        "违规发放津贴补贴",
        1,
        2,
        2,
        ("key_attention",),
        "serious",
        46,
        "368000",
        "2025年1月至12月，该单位以“加班补助”“值班补贴”名义，向机关在编干部职工46人违规发放津贴补贴共计"
        "36.8万元，相关支出未经党组会研究，由分管财务的副职签字后直接支付。",
        "违反《中国共产党纪律处分条例》第一百零二条及《关于规范公务员津贴补贴的通知》有关规定。",
        "党组履行全面从严治党主体责任不力，主要负责人负有主要领导责任，分管领导负有直接责任。",
        [
            ("全额清退违规发放的津贴补贴", ("recovery",), True, False),
            ("对相关责任人进行追责问责", ("accountability",), False, False),
            ("修订《津贴补贴发放管理办法》，建立发放前审核制度", ("rules",), False, True),
        ],
    ),
    (
        "公务用车管理使用不规范",
        1,
        2,
        5,
        (),
        "general",
        3,
        "12600",
        "经查阅2025年派车单和加油记录，公务用车节假日未按规定封存，有3名干部在双休日使用公务用车办理私事，"
        "相关加油费1.26万元在单位报销。",
        "违反《党政机关公务用车管理办法》第二十一条。",
        "办公室履行车辆管理职责不到位，分管领导监督不力。",
        [
            ("严格执行节假日公务用车封存制度", ("rules",), True, True),
            ("追缴违规报销的加油费", ("recovery",), True, False),
        ],
    ),
    (
        "干部选拔任用程序不规范",
        2,
        3,
        1,
        ("cadre_selection",),
        "serious",
        4,
        "0",
        "2025年提拔的4名中层干部中，2人的民主推荐未达到规定范围，1人任职前考察材料缺少廉政意见，"
        "干部档案中出生日期前后不一致的问题未经认定即予提拔。",
        "违反《党政领导干部选拔任用工作条例》第十八条、第二十八条。",
        "党组履行选人用人主体责任不到位，组织人事部门把关不严。",
        [
            ("对2025年以来干部选拔任用情况开展专项检查", ("clean_up",), False, False),
            ("规范干部档案审核认定程序", ("rules",), False, True),
        ],
    ),
    (
        "政府采购化整为零规避公开招标",
        0,
        1,
        4,
        (),
        "grave",
        2,
        "2480000",
        "2025年信息化建设项目总金额248万元，被拆分为5个合同分别委托，均低于公开招标限额，"
        "相关事项未经“三重一大”集体决策。",
        "违反《中华人民共和国政府采购法》第二十八条及本单位“三重一大”决策制度。",
        "主要负责人负有主要领导责任，分管领导负有直接责任。",
        [
            ("对信息化项目采购开展专项审计", ("clean_up", "lessons"), False, False),
            ("完善“三重一大”事项清单和议事规则", ("rules",), False, True),
            ("对相关责任人追责问责", ("accountability",), False, False),
        ],
    ),
    (
        "落实意识形态工作责任制不到位",
        0,
        3,
        None,
        ("ideology",),
        "general",
        0,
        "0",
        "党组2025年仅专题研究意识形态工作1次，未按要求开展意识形态领域风险研判，单位门户网站栏目"
        "长期未更新、审核机制缺失。",
        "违反《党委（党组）意识形态工作责任制实施办法》第五条。",
        "党组落实意识形态工作主体责任不到位。",
        [
            ("每半年专题研究意识形态工作并开展风险研判", ("rules",), False, True),
            ("建立网站信息发布三审制度", ("rules",), True, False),
        ],
    ),
    (
        "上轮巡察反馈问题整改不彻底",
        3,
        0,
        None,
        (),
        "serious",
        0,
        "0",
        "上轮巡察反馈的12个问题中，有3个问题整改措施停留在制度层面，未见实际成效；其中超标办公用房"
        "问题至今未整改到位。",
        "违反《中国共产党巡视工作条例》第三十六条关于整改落实的规定。",
        "党组履行整改主体责任不力，主要负责人作为整改第一责任人督促落实不够。",
        [
            ("逐项对账销号上轮巡察反馈问题", ("lessons",), False, False),
            ("腾退超标办公用房", ("clean_up",), True, False),
        ],
    ),
    (
        "集体“三资”管理混乱",
        1,
        1,
        3,
        (),
        "serious",
        5,
        "156000",
        "村集体资产租赁合同12份中有7份未经村民代表会议讨论，租金15.6万元未及时入账，"
        "部分合同租期长达20年、租金明显偏低。",
        "违反《农村集体经济组织财务制度》及村级事务“四议两公开”有关规定。",
        "村党组织书记负有主要领导责任，镇党委监督不力。",
        [
            ("清理规范集体资产租赁合同", ("clean_up",), False, False),
            ("追缴未入账租金", ("recovery",), True, False),
        ],
    ),
]


@dataclass
class DemoIssues:
    issue_ids: list[str] = field(default_factory=list)
    lead_ids: list[str] = field(default_factory=list)
    petition_ids: list[str] = field(default_factory=list)
    by_status: dict[str, int] = field(default_factory=dict)


def _d(value: date) -> str:
    return value.isoformat()


# Who called about their own pay (a named petitioner, round 1): invented names (compound surnames that
# the demo's other people never have) and invented numbers. Sealed in the informants' compartments.
PETITIONERS = [
    ("欧阳清泉", "13905710231"),
    ("上官慧敏", "13905710472"),
    ("司马晓帆", "13905710653"),
    ("诸葛红玉", "13905710894"),
    ("皇甫永新", "13905711035"),
    ("慕容书琴", "13905711276"),
]


def _deputy(conn, inspection_id: str) -> str | None:
    """The username of the inspection team's deputy (副组长), if it has one."""
    row = conn.execute(
        "SELECT u.username FROM inspections x JOIN team_members m ON m.team_id = x.team_id"
        " JOIN users u ON u.id = m.user_id WHERE x.id = ? AND m.position = 'deputy' ORDER BY u.username",
        (inspection_id,),
    ).fetchone()
    return row["username"] if row else None


def _after_feedback(ctx, office, leader, inspection_id: str, n: int, feedback: date) -> None:
    """A finished round's follow-up: the unit's reports by the deadlines, the fact confirmation and
    (for the first three units) the office's assessment, one graded 差 and so proposed for a 回头看."""
    member_of_team = leader
    kinds = ["plan", "life_meeting", "situation", "leader", "three_months"][: 5 - n % 3]
    for j, kind in enumerate(kinds):
        unit_reports.record_report(
            member_of_team,
            inspection_id,
            kind,
            _d(feedback + timedelta(days=(12, 25, 55, 58, 88)[j] + (20 if n % 4 == 3 else 0))),
            f"{unit_reports.ReportKind(kind).label}：对照反馈问题逐项整改，已形成文字材料报送巡察办。",
        )
    if n % 2 == 0:
        sheet = fact_confirmation.make_sheet(leader, inspection_id)
        sent = feedback - timedelta(days=10)
        fact_confirmation.mark_sent(leader, sheet.id, _d(sent), "被巡察单位党组织")
        for k, item in enumerate(sheet.items):
            if k == 1 and n == 0:
                fact_confirmation.record_answer(
                    leader, item.id, "disputed", _d(sent + timedelta(days=3)), "所涉款项系经批准的加班补助。"
                )
            else:
                fact_confirmation.record_answer(leader, item.id, "confirmed", _d(sent + timedelta(days=3)))
    if n < 3:
        assessment.begin(office, inspection_id)
        cuts = [
            (("plan", 2, "整改方案按时报送，个别措施不够具体。"),),
            (
                ("plan", 10, "整改方案逾期报送。"),
                ("completion", 25, "多数问题未整改到位。"),
                ("leadership", 10, "主要负责人未组织研究整改。"),
            ),
            (),
        ][n]
        for key, points, why in cuts:
            assessment.score(office, inspection_id, key, deduction=points, evidence=why)
        grade_note = ("整改总体到位，成效明显。", "整改不力，建议开展回头看。", "整改到位。")[n]
        assessment.conclude(office, inspection_id, _d(feedback + timedelta(days=120)), grade_note)


def _team_people(conn, inspection_id: str) -> tuple[str, str]:
    """(leader username, a member's username) of the inspection's team."""
    rows = conn.execute(
        "SELECT u.username, m.position FROM inspections x JOIN team_members m ON m.team_id = x.team_id"
        " JOIN users u ON u.id = m.user_id WHERE x.id = ? ORDER BY m.position, u.username",
        (inspection_id,),
    ).fetchall()
    leader = next(r["username"] for r in rows if r["position"] == "leader")
    others = [r for r in rows if r["position"] != "leader"]
    member = next((r["username"] for r in others if r["position"] == "member"), others[0]["username"])
    return leader, member


def _phase_dates(conn, inspection_id: str) -> dict[str, date]:
    return {
        r["phase"]: date.fromisoformat(r["began_on"])
        for r in conn.execute(
            "SELECT phase, began_on FROM inspection_phases WHERE inspection_id = ?", (inspection_id,)
        )
    }


def _link_evidence(session, conn, issue_id: str, inspection_id: str, k: int) -> None:
    """Cite a talk record and a document excerpt of the same inspection, when there are any."""
    for kind, table, locator in (("talk", "talks", f"第{k % 3 + 2}页"), ("excerpt", "excerpts", "")):
        exists = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        if not exists:
            continue
        row = (
            conn.execute(
                f"SELECT id FROM {table} WHERE inspection_id = ? ORDER BY created_at LIMIT 1 OFFSET ?",
                (inspection_id, k % 2),
            ).fetchone()
            or conn.execute(
                f"SELECT id FROM {table} WHERE inspection_id = ? LIMIT 1", (inspection_id,)
            ).fetchone()
        )
        if row:
            desc = "个别谈话记录" if kind == "talk" else "调阅资料摘录"
            evidence.add_evidence(session, issue_id, kind, row[0], locator=locator, description=desc)
    evidence.add_evidence(session, issue_id, "other", locator="", description="相关会议纪要、财务凭证复印件")


def populate_issues(ctx) -> DemoIssues:
    office = ctx.session("office")
    org = ctx.data["org"]
    classification.install_presets(office)
    schemes = {s.key: s for s in classification.list_schemes(office, tree=True)}
    focus, disciplines = schemes["four_focuses"], schemes["six_disciplines"]
    out = DemoIssues()
    conn = office.conn

    def new_issue(
        inspection_id: str, t: int, found: date, *, sign_on: date | None, k: int
    ) -> issue_record.Issue:
        title, cat, sub, disc, tags, serious, people, amount, facts, basis, resp, _ = TEMPLATES[t]
        leader_name, member_name = _team_people(conn, inspection_id)
        member, leader = ctx.session(member_name), ctx.session(leader_name)
        category = focus.categories[cat]
        issue = issue_edits.create_issue(
            member,
            inspection_id,
            IssueDraft(
                title=title,
                found_on=_d(found),
                category_id=category.id,
                subcategory_id=category.children[min(sub, len(category.children) - 1)].id,
                secondary_id=disciplines.categories[disc].id if disc is not None else None,
                tags=set(tags),
                level="leadership" if k % 2 == 0 else "department",
                facts=facts,
                legal_basis=basis,
                responsibility=resp,
                resp_principal="单位党组（党委）",
                resp_first="主要负责人",
                found_by=member.user.display_name,
                written_by=member.user.display_name,
                written_on=_d(found + timedelta(days=2)),
                people_involved="相关科室负责人及经办人员" if people else "",
                people_count=people,
                amount_yuan=amount,
                seriousness=serious,
            ),
        )
        _link_evidence(member, conn, issue.id, inspection_id, k)
        if sign_on:
            # Through the sign-off chain: 承办人 submits, 副组长 reviews, 组长 signs, 组务会 adopts.
            deputy = ctx.session(_deputy(conn, inspection_id) or leader_name)
            paper_chain.submit(member, issue.id, "底稿已完成，请审核。")
            if paper_chain.get_chain(member, issue.id).with_deputy:
                paper_chain.approve(deputy, issue.id, "事实清楚，证据充分，定性准确，同意报组长审签。")
            notes = [g.text for g in paper_chain.completeness(leader, issue.id) if not g.required]
            override = "相关材料已补齐，待签字确认后归入卷宗。" if notes else ""
            paper_chain.sign(leader, issue.id, _d(sign_on), "同意。", override)
            paper_chain.adopt(
                leader, issue.id, _d(sign_on + timedelta(days=1)), "经组务会研究，同意该问题底稿。"
            )
            issue = issue_reads.visible_issue(leader, issue.id)
        out.issue_ids.append(issue.id)
        return issue

    def measures(member, issue_id: str, t: int, start: date, *, late: bool, done: bool) -> None:
        for j, (text, types, immediate, ongoing) in enumerate(TEMPLATES[t][11]):
            deadline = start + timedelta(days=20 if immediate else 75 + 15 * j)
            m = add_measure(
                member,
                issue_id,
                MeasureDraft(
                    description=text,
                    types=set(types),
                    responsible_leader="党组书记" if j == 0 else "分管副职",
                    responsible_dept=["办公室", "计划财务科", "组织人事科"][j % 3],
                    responsible_person=["张卫国", "李晓燕", "王海涛"][j % 3],
                    deadline=_d(deadline),
                    immediate=immediate,
                    ongoing=ongoing,
                ),
            )
            if done or (immediate and not late):
                set_measure_completion(member, m.id, "done", _d(deadline - timedelta(days=3)))

    # ---- round 1: the whole life of every item -------------------------------------------------
    round1 = [(u, i) for (r, u), i in org.inspection_ids.items() if r == 1]
    for n, (unit_name, insp) in enumerate(round1):
        ph = _phase_dates(conn, insp)
        on_site, feedback = ph["on_site"], ph["feedback"]
        leader_name, member_name = _team_people(conn, insp)
        member, leader = ctx.session(member_name), ctx.session(leader_name)
        village = unit_name.endswith("村") or unit_name.endswith("社区")
        picks = [6 if village else n % 4, 1 + (n % 5), 5 if n % 2 else 2]
        made = []
        for k, t in enumerate(picks):
            found = on_site + timedelta(days=5 + 4 * k)
            made.append(new_issue(insp, t, found, sign_on=ph["report"] - timedelta(days=2), k=k))
        for k, issue in enumerate(made):
            workflow.substantiate(member, issue.id, _d(ph["report"] - timedelta(days=1)))
            fate = (n + k) % 7 if k else 0
            if fate == 5:
                workflow.feed_back(leader, issue.id, _d(feedback), Disposition.DISCIPLINE_COMMISSION)
                if n % 2 == 0:
                    workflow.close_transferred(
                        office, issue.id, _d(feedback + timedelta(days=90)), "市纪委监委已函复办理结果。"
                    )
                continue
            if fate == 6 and k == 2:
                workflow.feed_back(leader, issue.id, _d(feedback), Disposition.ORGANISATION_DEPT)
                continue
            workflow.feed_back(leader, issue.id, _d(feedback), Disposition.UNIT)
            if fate == 4:
                continue  # the unit's plan is still missing: overdue
            plan_on = feedback + timedelta(days=14)
            rectification_plan.record_plan(
                member, issue.id, "对照问题清单逐项整改，建立长效机制，确保件件有着落。", _d(plan_on)
            )
            late = fate == 3
            done = fate in (0, 1, 2)
            measures(member, issue.id, picks[k], plan_on, late=late, done=done)
            progress.add_progress(
                member,
                issue.id,
                _d(plan_on + timedelta(days=30)),
                "已召开专题会议部署整改，相关措施正在推进。",
            )
            if done:
                report_on = plan_on + timedelta(days=100)
                rectification_plan.record_completion(
                    member, issue.id, "done", "各项整改措施已落实到位，长效机制已建立。", _d(report_on)
                )
                if fate in (0, 1):
                    workflow.close_out(
                        office, issue.id, _d(report_on + timedelta(days=10)), "经核验，整改到位，同意销号。"
                    )
                    if k == 0 and n == 1:
                        workflow.reopen(office, issue.id, "回头看发现问题出现反弹，重新整改。", "2026-11-02")
        _after_feedback(ctx, office, leader, insp, n, feedback)
        # petitions: one kept, one passed on, one taken up by the first issue
        pet_dates = [on_site + timedelta(days=d) for d in (2, 6, 10)]
        for j, (channel, summary, concerns) in enumerate(
            [
                ("letter", "反映单位年底以加班补助名义违规发放钱物。", "单位领导班子"),
                ("call", "反映本人工资待遇问题，要求协调解决。", ""),
                ("visit", "反映某领导干部亲属承揽本单位工程项目。", "分管基建的副职"),
            ]
        ):
            p = petitions.create_petition(
                member,
                insp,
                petitions.PetitionDraft(
                    channel,
                    _d(pet_dates[j]),
                    summary,
                    "" if j != 1 else PETITIONERS[n % len(PETITIONERS)][0],
                    "" if j != 1 else PETITIONERS[n % len(PETITIONERS)][1],
                    "",
                    concerns,
                ),
            )
            out.petition_ids.append(p.id)
            if j == 0:
                petitions.set_handling(
                    member, p.id, "kept", _d(pet_dates[j] + timedelta(days=3)), note="作为了解情况的参考。"
                )
            elif j == 1:
                petitions.set_handling(
                    member,
                    p.id,
                    "passed_on",
                    _d(pet_dates[j] + timedelta(days=2)),
                    passed_to="市信访局",
                    note="不属于巡察受理范围。",
                )
            else:
                petitions.set_handling(member, p.id, "kept", _d(pet_dates[j] + timedelta(days=2)))
        # leads: the leader registers and transfers; the bodies report back
        if n % 2 == 0:
            lead = leads.create_lead(
                leader,
                insp,
                leads.LeadDraft(
                    "刘某某",
                    f"{unit_name}副职领导",
                    "反映其利用职务便利为亲属承揽工程项目提供帮助。",
                    "petition",
                    "来访",
                    _d(on_site + timedelta(days=12)),
                ),
            )
            out.lead_ids.append(lead.id)
            leads.link_issue(leader, lead.id, made[0].id)
            transferred = feedback + timedelta(days=6)
            target = ["discipline_commission", "organisation_dept", "discipline_commission"][n // 2 % 3]
            leads.transfer(
                leader,
                lead.id,
                target,
                _d(transferred),
                sender=leader.user.display_name,
                receiver="市纪委监委信访室" if target == "discipline_commission" else "市委组织部干部监督科",
                letter_no=f"巡移〔2026〕{n + 1}号",
            )
            outcome = n // 2 % 3
            if n != 4:  # one report back still outstanding: overdue
                leads.record_report(
                    office,
                    lead.id,
                    _d(transferred + timedelta(days=80)),
                    ["preliminary_check", "talk_inquiry", "held"][outcome],
                    case_opened=outcome == 0,
                    sanction="党内严重警告、政务记过" if outcome == 0 else "",
                    org_handling="诫勉谈话" if outcome == 1 else "",
                    note="已按程序办理并函复巡察办。",
                )

    # ---- round 2: work in progress ------------------------------------------------------------
    round2 = [(u, i) for (r, u), i in org.inspection_ids.items() if r == 2]
    for n, (unit_name, insp) in enumerate(round2):
        ph = _phase_dates(conn, insp)
        if "on_site" not in ph:
            continue
        on_site = ph["on_site"]
        leader_name, member_name = _team_people(conn, insp)
        member, leader = ctx.session(member_name), ctx.session(leader_name)
        signed = "report" in ph
        made = [
            new_issue(
                insp,
                (n + k) % 6,
                on_site + timedelta(days=4 + 5 * k),
                sign_on=(ph["report"] + timedelta(days=k)) if signed and k < 2 else None,
                k=k,
            )
            for k in range(3)
        ]
        if not signed:  # papers on their way through the chain: one waits for the deputy, one for the leader
            paper_chain.submit(member, made[0].id, "请审核。")
            paper_chain.submit(member, made[1].id, "请审核。")
            deputy = _deputy(conn, insp)
            if deputy and paper_chain.get_chain(member, made[1].id).with_deputy:
                paper_chain.approve(ctx.session(deputy), made[1].id, "同意报组长审签。")
        if signed:
            workflow.substantiate(member, made[0].id, _d(ph["report"] + timedelta(days=3)))
            workflow.dismiss(
                leader,
                made[2].id,
                "经进一步核实，反映情况与事实不符，予以排除。",
                _d(ph["report"] + timedelta(days=4)),
            )
        if "feedback" in ph:
            workflow.feed_back(leader, made[0].id, _d(ph["feedback"]), Disposition.UNIT)
        p = petitions.create_petition(
            member,
            insp,
            petitions.PetitionDraft(
                "letter",
                _d(on_site + timedelta(days=3)),
                "反映单位食堂承包经营不规范，饭菜价格偏高。",
                "",
                "",
                "",
                "后勤服务中心",
            ),
        )
        out.petition_ids.append(p.id)
        if n == 1:
            petitions.take_up(
                member,
                p.id,
                IssueDraft(
                    title="食堂承包经营管理不规范",
                    found_on=_d(on_site + timedelta(days=6)),
                    category_id=focus.categories[1].id,
                    facts="食堂承包合同到期后未重新招标，继续由原承包人经营。",
                ),
                _d(on_site + timedelta(days=6)),
            )
        if n in (0, 2):
            lead = leads.create_lead(
                leader,
                insp,
                leads.LeadDraft(
                    "陈某",
                    f"{unit_name}科室负责人",
                    "反映其在项目验收中收受施工方购物卡。",
                    "talk",
                    "个别谈话中反映",
                    _d(on_site + timedelta(days=9)),
                ),
            )
            out.lead_ids.append(lead.id)
            if n == 0 and "feedback" in ph:
                leads.transfer(
                    leader,
                    lead.id,
                    "discipline_commission",
                    _d(ph["feedback"] + timedelta(days=5)),
                    sender=leader.user.display_name,
                    receiver="市纪委监委信访室",
                    letter_no="巡移〔2026〕21号",
                )

    for r in conn.execute("SELECT status, count(*) AS n FROM issues GROUP BY status"):
        out.by_status[r["status"]] = r["n"]
    return out
