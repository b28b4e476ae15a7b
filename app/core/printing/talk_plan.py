"""The printed talk plan (谈话计划) and the talk notice (谈话通知).

The plan: a landscape A4 ledger of the plan's lines, 必谈 first — number, 必谈/选谈, name, unit and
position, category, interviewers, time, place, state — with the header row on every page and a
closing count (planned, done, missing, moved). The notice: one A4 page per person, telling them when
and where the team will talk to them, with a receipt (回执) to sign at the foot.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

from app.core.domain.talk_plan.types import LineState, PlanLine
from app.core.printing.document import build_pdf, frame_width
from app.core.printing.fonts import FontSet, default_fonts
from app.core.printing.furniture import Furniture
from app.core.printing.landscape import (
    Column,
    LandscapeFurniture,
    LedgerStyles,
    body_width,
    build_landscape_pdf,
    ledger_table,
)
from app.core.printing.talk_record import chinese_date, talk_time_text
from app.core.printing.text import CJKParagraph, TextStyle

COLUMNS = [
    Column("序号", 0.45, center=True),
    Column("类别", 0.55, center=True),
    Column("被谈话人", 0.9, center=True),
    Column("单位及职务", 2.4),
    Column("人员类别", 1.5, center=True),
    Column("谈话人", 1.3, center=True),
    Column("计划时间", 1.5, center=True),
    Column("地点", 1.6),
    Column("状态", 1.2, center=True),
]


@dataclass(frozen=True)
class PlanHeading:
    unit_name: str
    team_name: str
    round_label: str  # 第2轮


def plan_row(k: int, line: PlanLine) -> list[str]:
    state = line.state_text
    if line.state is LineState.DONE and line.talks:
        state += "（" + "、".join(f"谈话记录第{t.number}号" for t in line.talks) + "）"
    elif line.state is LineState.MOVED and line.first_planned_at:
        state += f"（原定{chinese_date(line.first_planned_at)}）"
    return [
        str(k),
        line.must_label,
        line.name,
        " ".join(x for x in (line.unit, line.position) if x),
        line.category.label,
        "、".join(p.name for p in line.interviewers),
        talk_time_text(line.planned_at, "") if line.planned_at else "未排期",
        line.place,
        state,
    ]


def plan_totals(lines: list[PlanLine]) -> str:
    def n(state: LineState) -> int:
        return sum(1 for x in lines if x.state is state)

    must = sum(1 for x in lines if x.must)
    return (
        f"计划谈话 {len(lines)} 人（必谈 {must} 人，选谈 {len(lines) - must} 人）；已谈 {n(LineState.DONE)} 人，"
        f"待谈 {n(LineState.PLANNED)} 人，已改期 {n(LineState.MOVED)} 人，未谈 {n(LineState.MISSING)} 人，"
        f"未排期 {n(LineState.UNSCHEDULED)} 人。"
    )


def render_talk_plan(
    lines: list[PlanLine],
    heading: PlanHeading,
    *,
    classification: str,
    copy_number: int | None = None,
    fonts: FontSet | None = None,
) -> bytes:
    fonts = fonts or default_fonts()
    furniture = LandscapeFurniture(
        fonts=fonts, classification=classification, copy_number=copy_number, header="谈话计划"
    )
    st = LedgerStyles(fonts)
    story = [
        CJKParagraph("谈 话 计 划", st.title),
        CJKParagraph(f"{heading.team_name}巡察{heading.unit_name}（{heading.round_label}）", st.subtitle),
        ledger_table(
            COLUMNS, [plan_row(k, x) for k, x in enumerate(lines, start=1)], st, body_width(furniture)
        ),
        Spacer(1, 4),
        CJKParagraph(plan_totals(lines), st.note),
    ]
    return build_landscape_pdf(story, furniture, title="谈话计划")


class _NoticeStyles:
    def __init__(self, fonts: FontSet) -> None:
        self.title = TextStyle(fonts.title, 22, leading=30, justify=False, align="center", space_after=14)
        self.salute = TextStyle(fonts.fangsong, 16, leading=29, justify=False)
        self.body = TextStyle(fonts.fangsong, 16, leading=29, first_indent=32)
        self.sign = TextStyle(fonts.fangsong, 16, leading=29, justify=False, align="right")
        self.receipt_title = TextStyle(
            fonts.hei, 14, leading=24, justify=False, align="center", space_before=6
        )
        self.receipt = TextStyle(fonts.fangsong, 14, leading=26, first_indent=28)
        self.receipt_sign = TextStyle(fonts.fangsong, 14, leading=20, justify=False)
        self.cut = TextStyle(fonts.kai, 10.5, leading=16, justify=False, align="center", space_before=18)


def notice_story(line: PlanLine, heading: PlanHeading, issued_on: str, fonts: FontSet, width: float) -> list:
    st = _NoticeStyles(fonts)
    when = talk_time_text(line.planned_at, "") if line.planned_at else "（时间另行通知）"
    where = line.place or "（地点另行通知）"
    table = Table(
        [
            [
                CJKParagraph("被通知人签字：", st.receipt_sign),
                "",
                CJKParagraph("日期：", st.receipt_sign),
                "",
            ],
        ],
        colWidths=[width * 0.26, width * 0.34, width * 0.12, width * 0.28],
        rowHeights=[12 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.fangsong),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
                ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black),
            ]
        )
    )
    return [
        CJKParagraph("谈 话 通 知", st.title),
        CJKParagraph(f"{line.name}同志：", st.salute),
        CJKParagraph(
            f"根据巡察工作统一部署，{heading.team_name}正在对{heading.unit_name}党组织开展巡察。"
            f"按照工作安排，巡察组定于{when}在{where}与您进行个别谈话，请准时参加。",
            st.body,
        ),
        CJKParagraph(
            "谈话内容严格保密，请勿向他人透露谈话安排；如有需要反映的情况或书面材料，可在谈话时一并提交。"
            "如时间确有冲突，请及时与巡察组联系。",
            st.body,
        ),
        CJKParagraph("特此通知。", st.body),
        Spacer(1, 10 * mm),
        CJKParagraph(heading.team_name, st.sign),
        CJKParagraph(chinese_date(issued_on), st.sign),
        CJKParagraph("- - - - - - - - - - - - - 沿此线剪开 - - - - - - - - - - - - -", st.cut),
        CJKParagraph("回　执", st.receipt_title),
        CJKParagraph(f"本人已收到{heading.team_name}的谈话通知，将按时参加谈话。", st.receipt),
        table,
    ]


def render_talk_notices(
    lines: list[PlanLine],
    heading: PlanHeading,
    *,
    issued_on: str,
    classification: str,
    copy_number: int | None = None,
    fonts: FontSet | None = None,
) -> bytes:
    """One notice page per line (per person, or every line of one day), as one PDF."""
    fonts = fonts or default_fonts()
    furniture = Furniture(
        fonts=fonts, classification=classification, copy_number=copy_number, header="谈话通知"
    )
    width = frame_width(furniture)
    story: list = []
    for k, line in enumerate(lines):
        if k:
            story.append(PageBreak())
        story.extend(notice_story(line, heading, issued_on, fonts, width))
    return build_pdf(story, furniture, title="谈话通知")
