"""Demo document review (调阅资料, issue 6): request lists in every custody state, with imported material.

Round 2's 第一巡察组 (leader1, member1) is on site at 市水务集团有限公司: its request list has an item
in each custody state (requested, received, held, overdue, returned), electronic material of every
kind (a .docx of minutes, an .xlsx of vouchers, a PDF of cadre files, a GB18030 .txt of study
records, a PNG scan), reading notes and excerpts. At 市住房和城乡建设局, already past the on-site phase,
everything was returned on one day (a return receipt can be printed). The files are generated here,
in memory; the dates are fixed so the demo looks the same whenever it is built (an item whose
planned return date has passed shows as overdue).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.domain.review import reading, writes
from app.core.session import Session
from app.demo import samples

WATER = "市水务集团有限公司"
HOUSING = "市住房和城乡建设局"


@dataclass
class DemoReview:
    item_ids: dict[str, str] = field(default_factory=dict)  # short key -> request item id
    excerpt_ids: list[str] = field(default_factory=list)


MINUTES = [
    "中共市水务集团有限公司委员会会议记录（2025年第7次）",
    "时间：2025年4月18日上午9:00  地点：集团三楼会议室",
    "出席：党委书记、董事长及党委委员共7人；列席：纪委书记、财务部负责人",
    "议题一：传达学习上级关于国有企业改革深化提升行动的部署",
    "议题二：研究城东管网改造工程追加投资事项",
    "会议讨论认为，城东管网改造工程已完成前期设计，追加投资1860万元，由总经理办公会先行确定施工单位。",
    "议题三：研究2025年度公务用车购置计划",
    "会议同意购置公务用车3辆，具体车型由办公室确定。",
    "（会议记录未载明各委员表决意见）",
]

STUDY_RECORDS = (
    "市水务集团党委理论学习中心组2025年学习记录\n"
    "第一次集中学习：2025年2月20日，学习习近平新时代中国特色社会主义思想有关论述，书记领学，5名委员交流发言。\n"
    "第二次集中学习：2025年4月28日，学习《中国共产党纪律处分条例》，因工作冲突3名委员请假，未安排补学。\n"
    "第三次集中学习：2025年7月10日，专题学习深入贯彻中央八项规定精神，交流研讨记录仅有提纲。\n"
)

CADRE_PAGES = [
    ["2024年中层干部选拔任用工作纪实", "一、动议：2024年3月5日党委会研究决定启动中层干部选拔"],
    ["二、民主推荐：推荐会参会42人，发出推荐票42张", "三、考察：考察组由组织人事部2人组成"],
    ["四、讨论决定：2024年4月12日党委会票决", "五、任职公示：公示期5个工作日，未收到反映"],
]

VOUCHERS = {
    "公务接待": [
        ["日期", "凭证号", "事由", "金额（元）", "经办人"],
        ["2025-03-12", "记-0318", "接待省厅调研组", 4860.0, "办公室"],
        ["2025-05-21", "记-0544", "接待合作单位考察", 7920.0, "办公室"],
        ["2025-06-30", "记-0791", "公务接待（无公函）", 3350.0, "工程部"],
    ],
    "公车运行": [
        ["日期", "凭证号", "车辆", "费用类别", "金额（元）"],
        ["2025-02-08", "记-0106", "浙A·D3X21", "维修费", 12800.0],
        ["2025-08-15", "记-0962", "浙A·D3X21", "加油卡充值", 5000.0],
    ],
}


def populate_review(member: Session, leader: Session, org) -> DemoReview:
    """Build the demo's document review (see the module docstring) as member1 and leader1."""
    out = DemoReview()
    water = org.inspection_ids[(2, WATER)]
    housing = org.inspection_ids[(2, HOUSING)]
    users = org.user_ids

    def item(key: str, inspection_id: str, category: str, title: str, start=None, end=None, on="2026-09-15"):
        made = writes.add_item(
            member,
            inspection_id,
            category=category,
            title=title,
            requested_on=on,
            period_start=start,
            period_end=end,
        )
        out.item_ids[key] = made.id
        return made.id

    # 市水务集团有限公司: on site since 2026-09-15; one item in each custody state.
    minutes = item("minutes", water, "party_minutes", "2024年以来党委会议记录", "2024-01-01", "2026-08-31")
    study = item(
        "study", water, "study_records", "2025年党委理论学习中心组学习记录", "2025-01-01", "2025-12-31"
    )
    cadre = item("cadre", water, "cadre_selection", "2024年以来中层干部选拔任用工作档案", "2024-01-01")
    vouchers = item(
        "vouchers",
        water,
        "vouchers",
        "2025年度会计凭证（公务接待、公车运行部分）",
        "2025-01-01",
        "2025-12-31",
    )
    contracts = item(
        "contracts", water, "contracts", "2024年以来工程建设及采购合同", "2024-01-01", on="2026-09-22"
    )
    cars = item("cars", water, "other", "公务用车使用登记簿", "2025-01-01", "2025-12-31")

    writes.receive_item(
        member, minutes, received_on="2026-09-16", volumes=4, pages=620, holder_id=users["member1"],
        planned_return_on="2026-10-30", counterpart="集团党委办公室",
    )  # fmt: skip
    writes.record_copies(member, minutes, 3, on="2026-09-18", note="第2册第45—47页")
    writes.receive_item(
        member, study, received_on="2026-09-16", volumes=1, pages=86, holder_id=users["member1"]
    )
    writes.return_item(member, study, returned_on="2026-10-10", returned_to="集团党委办公室 王丽")
    writes.receive_item(
        member, cadre, received_on="2026-09-18", volumes=6, pages=910, holder_id=users["leader1"]
    )
    writes.receive_item(member, vouchers, received_on="2026-09-18", volumes=12, pages=3460)
    writes.receive_item(
        member, cars, received_on="2026-09-19", volumes=1, pages=120, holder_id=users["member1"]
    )

    m_doc = reading.import_material(member, minutes, "党委会议记录2025第7次.docx", samples.make_docx(MINUTES))
    reading.import_material(
        member, study, "中心组学习记录2025.txt", samples.make_txt(STUDY_RECORDS, "gb18030")
    )
    reading.import_material(
        member, cadre, "中层干部选拔任用纪实.pdf", samples.make_pdf(CADRE_PAGES, title="纪实")
    )
    v_xlsx = reading.import_material(
        member, vouchers, "2025年接待及公车费用明细.xlsx", samples.make_xlsx(VOUCHERS)
    )
    reading.import_material(member, cars, "公车登记簿扫描件.png", samples.make_image("PNG", (320, 200)))

    r1 = reading.add_reading(
        member, minutes, read_on="2026-09-20",
        notes="重点查阅2025年党委会记录。第7次会议研究城东管网追加投资1860万元，记录未载明表决意见，"
        "且施工单位由总经理办公会先行确定，疑似“三重一大”事项未经党委集体决策。",
    )  # fmt: skip
    reading.add_reading(
        leader,
        cadre,
        read_on="2026-09-24",
        notes="选拔程序要件齐全；考察组仅2人，需核对考察谈话人数是否符合规定。",
    )
    reading.add_reading(
        member, vouchers, read_on="2026-09-25",
        notes="公务接待凭证中有一笔无公函接待（记-0791），公车维修费单笔12800元，需调取维修清单核实。",
    )  # fmt: skip
    out.excerpt_ids.append(
        reading.add_excerpt(
            member, minutes, reading_id=r1.id, attachment_id=m_doc.id, location="第2册 第46页",
            passage="会议讨论认为，城东管网改造工程已完成前期设计，追加投资1860万元，由总经理办公会先行确定施工单位。",
        ).id
    )  # fmt: skip
    out.excerpt_ids.append(
        reading.add_excerpt(
            member, minutes, passage="（会议记录未载明各委员表决意见）", location="第2册 第47页"
        ).id
    )
    out.excerpt_ids.append(
        reading.add_excerpt(
            member, vouchers, attachment_id=v_xlsx.id, location="公务接待 第4行",
            passage="2025-06-30 记-0791 公务接待（无公函） 3350元 工程部",
        ).id
    )  # fmt: skip
    assert contracts  # stays requested: the unit has not provided it yet

    # 市住房和城乡建设局: past the on-site phase, so everything went back on one day.
    for key, category, title, amount in (
        ("h_minutes", "party_minutes", "2024—2025年党组会议记录", (3, 480)),
        ("h_study", "study_records", "党组理论学习中心组学习记录", (2, 160)),
        ("h_vouchers", "vouchers", "2025年上半年会计凭证", (8, 2210)),
    ):
        made = item(key, housing, category, title, "2024-01-01", "2025-12-31", on="2026-09-15")
        writes.receive_item(
            member, made, received_on="2026-09-16", volumes=amount[0], pages=amount[1],
            holder_id=users["member1"], planned_return_on="2026-10-10",
        )  # fmt: skip
        writes.return_item(member, made, returned_on="2026-10-09", returned_to="局办公室 陈静")
    return out
