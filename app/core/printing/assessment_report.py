"""The assessment of a unit's rectification (整改成效评估报告): every item with its points, the
deduction and its evidence, the total, the grade and the conclusion. A4, the house furniture;
copies registered (kind 'assessment_report', the assessment's id) in the rendering transaction."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from app.core.domain.register import assessment
from app.core.domain.register.assessment import Assessment
from app.core.errors import NotFound
from app.core.printing import register
from app.core.printing.document import build_pdf, frame_width
from app.core.printing.fonts import FontSet, default_fonts
from app.core.printing.furniture import Furniture
from app.core.printing.text import CJKParagraph, TextStyle, paragraphs
from app.core.printing.working_paper import chinese_date
from app.core.security.visibility import printed_mark
from app.core.session import Session

KIND = "assessment_report"
register.DOCUMENT_KINDS.setdefault(KIND, "整改成效评估报告")


def _number(value: float) -> str:
    return f"{value:g}"


def report_story(a: Assessment, fonts: FontSet, width: float) -> list:
    title = TextStyle(fonts.title, 22, leading=30, justify=False, align="center", space_after=8)
    heading = TextStyle(fonts.hei, 14, leading=22, justify=False, space_before=10, space_after=4)
    body = TextStyle(fonts.fangsong, 12, leading=21, first_indent=24)
    label = TextStyle(fonts.hei, 10.5, leading=15, justify=False, align="center")
    cell = TextStyle(fonts.song, 10.5, leading=15, justify=False)
    number = TextStyle(fonts.song, 10.5, leading=15, justify=False, align="center")
    sign = TextStyle(fonts.song, 12, leading=22, justify=False, align="right", space_before=6)

    rows = [[CJKParagraph(t, label) for t in ("序号", "评估项目", "分值", "扣分", "得分", "评分依据")]]
    for k, s in enumerate(a.scores, start=1):
        if s.item.veto:
            points, deduction, got = "否决项", "", "否决" if s.vetoed else "未触发"
        else:
            points, deduction = _number(s.item.points), _number(s.deduction)
            got = _number(s.item.points - s.deduction)
        rows.append(
            [
                CJKParagraph(str(k), number),
                CJKParagraph(s.item.label, cell),
                CJKParagraph(points, number),
                CJKParagraph(deduction, number),
                CJKParagraph(got, number),
                CJKParagraph(s.evidence, cell),
            ]
        )
    rows.append(
        [
            CJKParagraph("", number),
            CJKParagraph("合计", label),
            CJKParagraph("100", number),
            CJKParagraph(_number(100 - a.total), number),
            CJKParagraph(_number(a.total), number),
            CJKParagraph("一票否决" if a.vetoed else "", cell),
        ]
    )
    widths = [0.08, 0.32, 0.11, 0.08, 0.11, 0.30]
    table = Table(rows, colWidths=[width * w for w in widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), cell.font),  # else an unembedded Helvetica
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F0F0F0")),
                ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#F7F7F7")),
            ]
        )
    )
    thresholds = a.template.thresholds
    scale = f"（好：{_number(thresholds['好'])}分以上；较好：{_number(thresholds['较好'])}分以上；一般：{_number(thresholds['一般'])}分以上；其余为差）"
    story: list = [
        CJKParagraph("整改成效评估报告", title),
        CJKParagraph(f"被巡察单位：{a.unit_name}", cell),
        CJKParagraph(f"评估模板：{a.template.name}", cell),
        Spacer(1, 6),
        CJKParagraph("一、评分情况", heading),
        table,
        KeepTogether(
            [
                CJKParagraph("二、评定等次", heading),
                CJKParagraph(
                    f"总分{_number(a.total)}分，评定为“{a.grade}”。{scale}"
                    + ("因存在一票否决情形，评定为“差”。" if a.vetoed else ""),
                    body,
                ),
            ]
        ),
        CJKParagraph("三、评估结论", heading),
        *paragraphs(a.conclusion or "（尚未作出结论）", body),
        CJKParagraph(f"评定日期：{chinese_date(a.assessed_on)}", sign),
    ]
    return story


def render_report(
    a: Assessment, *, classification: str, copy_number: int | None = None, fonts: FontSet | None = None
) -> bytes:
    fonts = fonts or default_fonts()
    furniture = Furniture(
        fonts=fonts,
        classification=classification,
        copy_number=copy_number,
        header=f"整改成效评估 {a.unit_name}",
    )
    return build_pdf(report_story(a, fonts, frame_width(furniture)), furniture, title="整改成效评估报告")


def print_report(
    session: Session, inspection_id: str, copies: int = 1, *, classification: str = "内部"
) -> list[bytes]:
    """Register `copies` numbered copies of the inspection's assessment and render one PDF each."""
    found = assessment.assessment_of(session, inspection_id)
    if found is None:
        raise NotFound("该巡察尚未开始整改成效评估。")
    mark = printed_mark("内部", None, classification)
    with session.transaction():
        numbers = register.register_print(
            session, KIND, found.id, copies, inspection_id=inspection_id, classification=mark
        )
        return [render_report(found, classification=mark, copy_number=n) for n in numbers]


def report_pdf(
    session: Session, inspection_id: str, *, classification: str, copy_number: int | None = None
) -> bytes:
    """One copy (or the unnumbered preview) for the shared print preview, which registers copies."""
    from app.core.security.roles import Cap

    session.require(Cap.PRINT)
    found = assessment.assessment_of(session, inspection_id)
    if found is None:
        raise NotFound("该巡察尚未开始整改成效评估。")
    return render_report(
        found, classification=printed_mark("内部", None, classification), copy_number=copy_number
    )


def record_id_of(session: Session, inspection_id: str) -> str:
    """The assessment's id (what its copies are registered under)."""
    found = assessment.assessment_of(session, inspection_id)
    if found is None:
        raise NotFound("该巡察尚未开始整改成效评估。")
    return found.id
