"""The printed briefing documents: the request letter (商请提供情况的函, GB/T 9704 letter layout) per
department, and the summary of the answers (巡前情况通报汇总), an A4 form the team reads on the first day.

Summary: the title, the unit, team and round, then per request a heading (the department, the letter's
number, the dates) and a table of its items (序号, 来源, 内容, 分类, 附件) whose header repeats on every
page; a lead-like item is marked 【线索】 and is printed only for those who may know leads (the items
handed in are already filtered). Each page carries the copy number, the mark and 第 X 页 共 Y 页.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from app.core.domain.briefings.types import BriefingRequest
from app.core.printing import gbt9704
from app.core.printing.document import build_pdf, frame_width
from app.core.printing.fonts import FontSet, default_fonts
from app.core.printing.furniture import Furniture
from app.core.printing.meeting_minutes import _grid_style, _heading, _lines, _Styles
from app.core.printing.talk_record import chinese_date
from app.core.printing.text import CJKParagraph

CHINESE_NUMBERS = "一二三四五六七八九十"


def chinese_ordinal(k: int) -> str:
    """1 -> '一', 12 -> '十二', 25 -> '二十五' (headings "一、"; up to 99)."""
    if k <= 10:
        return CHINESE_NUMBERS[k - 1]
    tens, ones = divmod(k, 10)
    head = "" if tens == 1 else CHINESE_NUMBERS[tens - 1]
    return head + "十" + (CHINESE_NUMBERS[ones - 1] if ones else "")


@dataclass(frozen=True)
class SummaryHeading:
    unit_name: str
    team_name: str
    round_label: str


def letter_text(request: BriefingRequest, issuer: str, classification: str) -> gbt9704.OfficialText:
    """What the letter to the request's department says."""
    due = f"请于{chinese_date(request.due_on)}前" if request.due_on else "请尽快"
    body = "\n".join(
        [
            f"根据市委巡察工作安排，{request.team_name}将对{request.unit_name}党组织开展巡察。"
            "按照巡察工作有关规定，为全面了解被巡察单位情况，现商请贵单位提供以下情况：",
            f"1.{request.matters.rstrip('。')}。",
            "2.其他需要向巡察组通报的情况。",
            f"{due}将有关情况以书面形式反馈巡察组，并注明联系人。所提供情况仅供巡察工作使用，"
            "我们将严格履行保密义务。",
            "特此函商。",
        ]
    )
    return gbt9704.OfficialText(
        title=f"关于商请提供{request.unit_name}有关情况的函",
        body=body,
        issuer=issuer,
        issued_on=request.requested_on,
        addressee=f"{request.department}：",
        classification=classification,
    )


def render_letter(
    request: BriefingRequest,
    issuer: str,
    *,
    classification: str,
    marks: gbt9704.CopyMarks | None = None,
    fonts: FontSet | None = None,
) -> bytes:
    return gbt9704.render(
        letter_text(request, issuer, classification), marks=marks, fonts=fonts, title="商请提供情况的函"
    )


def summary_story(
    requests: list[BriefingRequest], heading: SummaryHeading, fonts: FontSet, width: float
) -> list:
    st = _Styles(fonts)
    story: list = [
        CJKParagraph(f"{heading.unit_name}巡前情况通报汇总", st.title),
        CJKParagraph(f"（{heading.team_name}　{heading.round_label}）", st.subtitle),
    ]
    answered = sum(1 for r in requests if r.answered_on)
    items = sum(len(r.items) for r in requests)
    leads = sum(1 for r in requests for x in r.items if x.is_lead)
    overview = f"共向 {len(requests)} 个单位商请通报情况，已复函 {answered} 个，登记通报内容 {items} 项"
    overview += f"，其中线索类 {leads} 项。" if leads else "。"
    story.append(CJKParagraph(overview, st.body))
    if not requests:
        story.append(CJKParagraph("（尚未商请通报情况）", st.body))
    for k, request in enumerate(requests, start=1):
        dates = f"{chinese_date(request.requested_on)}发函"
        dates += f"，{chinese_date(request.answered_on)}复函" if request.answered_on else "，尚未复函"
        story.extend(
            _heading(f"{chinese_ordinal(k)}、{request.department}（第{request.number}号，{dates}）", st)
        )
        if not request.items:
            story.append(CJKParagraph("（无登记内容）", st.body))
            continue
        head = [CJKParagraph(t, st.cell_label) for t in ("序号", "来源", "通报内容", "分类", "附件")]
        rows = [head]
        for item in request.items:
            content = ("【线索】" if item.is_lead else "") + item.content
            rows.append(
                [
                    CJKParagraph(str(item.ordinal), st.cell_center),
                    CJKParagraph(item.source, st.cell),
                    [*_lines(content, st.cell)] or CJKParagraph("", st.cell),
                    CJKParagraph(item.category, st.cell),
                    CJKParagraph(f"{len(item.attachments)}件" if item.attachments else "", st.cell_center),
                ]
            )
        table = Table(
            rows,
            colWidths=[width * 0.07, width * 0.15, width * 0.52, width * 0.17, width * 0.09],
            hAlign="LEFT",
            repeatRows=1,
            splitInRow=1,  # a long answer runs on to the next page within its row
        )
        table.setStyle(_grid_style(st, header=True))
        story += [table, Spacer(1, 2 * mm)]
    return story


def render_summary(
    requests: list[BriefingRequest],
    heading: SummaryHeading,
    *,
    copy_number: int | None,
    classification: str,
    fonts: FontSet | None = None,
) -> bytes:
    fonts = fonts or default_fonts()
    furniture = Furniture(
        fonts=fonts,
        classification=classification,
        copy_number=copy_number,
        header=f"{heading.unit_name} 巡前情况通报汇总",
    )
    story = summary_story(requests, heading, fonts, frame_width(furniture))
    return build_pdf(story, furniture, title="巡前情况通报汇总")
