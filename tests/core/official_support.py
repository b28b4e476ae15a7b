"""Test material for official documents: where the demo has none yet, a small set of issue-register
records for one inspection, so every document kind has something to say. (Only the tests use them,
so they live here rather than in app/demo, which the program ships.) The drawn seal image is the
demo's (app.demo.seals), imported here for the tests that store one.

Everything goes through the ordinary core operations (capabilities, validation, audit).
"""

from __future__ import annotations

from app.core.domain.register import (
    classification,
    evidence,
    issue_edits,
    leads,
    rectification_plan,
    rectification_store,
    sign_off,
    workflow,
)
from app.core.domain.register.issue_record import Disposition, IssueDraft, IssueLevel
from app.core.domain.register.leads import LeadDraft
from app.core.domain.register.measures import add_measure, set_measure_completion
from app.core.domain.register.rectification_record import MeasureDraft
from app.core.session import Session
from app.demo.seals import demo_seal_png  # noqa: F401 (the tests' seal)

ISSUES = [
    (
        "违规发放津贴补贴",
        "2025年，该局以“加班补助”“值班补助”名义向局机关干部违规发放津贴补贴共计12.6万元，涉及干部45人。",
        IssueLevel.LEADERSHIP,
    ),
    (
        "“三重一大”决策制度执行不严格",
        "2024年以来，该局3项工程项目和2笔大额资金支出未经党组会集体研究，由分管领导个人审批后即予实施。",
        IssueLevel.LEADERSHIP,
    ),
    (
        "基层党组织“三会一课”落实不到位",
        "抽查该局5个党支部2025年会议记录，其中3个支部未按规定召开党小组会，组织生活会记录内容雷同。",
        IssueLevel.DEPARTMENT,
    ),
    (
        "选人用人程序不规范",
        "2025年提拔的4名科级干部中，有2人的考察材料缺少民主推荐环节记录，个别干部任职前公示期不足5个工作日。",
        IssueLevel.DEPARTMENT,
    ),
    (
        "工程项目监管不到位",
        "对保障性住房项目监管不严，2个项目存在未批先建、超概算问题，超概算金额共计860万元。",
        IssueLevel.DEPARTMENT,
    ),
]


def ensure_issue_records(
    member: Session, leader: Session, office: Session, inspection_id: str, *, minimum: int = 5
) -> int:
    """Give an inspection a few issues in different states, a lead and rectification items, unless it
    has `minimum` issues already. Returns how many issues it has afterwards."""
    existing = member.conn.execute(
        "SELECT count(*) FROM issues WHERE inspection_id = ?", (inspection_id,)
    ).fetchone()[0]
    if existing >= minimum:
        return int(existing)
    if not classification.list_schemes(office):
        classification.install_presets(office)
    scheme = next(
        (s for s in classification.list_schemes(office, tree=True) if s.key == "four_focuses"),
        classification.list_schemes(office, tree=True)[0],
    )
    made = []
    for k, (title, facts, level) in enumerate(ISSUES):
        category = scheme.categories[k % len(scheme.categories)]
        issue = issue_edits.create_issue(
            member,
            inspection_id,
            IssueDraft(
                title=title,
                found_on="2026-04-10",
                facts=facts,
                legal_basis="违反《中国共产党纪律处分条例》有关规定。",
                responsibility="党组履行主体责任不力。",
                found_by="周清源",
                written_by="周清源",
                category_id=category.id,
                level=level,
            ),
        )
        evidence.add_evidence(member, issue.id, "other", description="财务凭证及会议记录复印件")
        sign_off.record_review(member, issue.id, "事实清楚，定性准确，同意报组长签批。", "2026-04-12")
        sign_off.sign(leader, issue.id, "2026-04-13")
        workflow.substantiate(member, issue.id, "2026-04-14")
        made.append(issue)
    # Feedback to the unit for the first four; the fifth goes to the discipline commission.
    for issue in made[:4]:
        workflow.feed_back(leader, issue.id, "2026-04-20", Disposition.UNIT)
    workflow.feed_back(leader, made[4].id, "2026-04-20", Disposition.DISCIPLINE_COMMISSION)
    plans = [
        (
            "全面清退违规发放款项，修订津补贴发放管理办法。",
            [
                ("清退违规发放的津贴补贴", "2026-05-30", "done"),
                ("修订津补贴发放管理办法", "2026-06-30", "not_done"),
            ],
        ),
        (
            "严格执行“三重一大”集体决策制度。",
            [("修订党组议事规则，明确集体决策事项清单", "2026-05-10", "not_done")],
        ),
        ("规范基层党组织生活。", [("开展支部组织生活专项检查", "2026-07-31", "not_done")]),
    ]
    for issue, (goal, measures) in zip(made[:3], plans, strict=True):
        rectification_plan.record_plan(member, issue.id, goal, "2026-05-06")
        for description, deadline, _completion in measures:
            add_measure(
                member,
                issue.id,
                MeasureDraft(
                    description=description,
                    types={"rules"},
                    responsible_leader="局党组书记",
                    responsible_dept="办公室",
                    responsible_person="王建国",
                    deadline=deadline,
                ),
            )
        for m in rectification_store.load(member.conn, issue.id).measures:
            done = dict((d, c) for d, _, c in measures)[m.description]
            if done == "done":
                set_measure_completion(member, m.id, "done", "2026-05-25")
    lead = leads.create_lead(
        leader,
        inspection_id,
        LeadDraft(
            person_name="张某某",
            person_post="市住房和城乡建设局原副局长",
            summary="反映其在保障性住房项目招投标中为特定企业提供帮助，并收受该企业负责人所送购物卡。",
            source="petition",
            source_note="来信",
            received_on="2026-04-08",
        ),
    )
    leads.link_issue(leader, lead.id, made[4].id)
    return int(existing) + len(made)
