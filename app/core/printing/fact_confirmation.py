"""The unit's fact confirmation sheet (事实确认单) for a whole inspection: every fact sent, with room
for the unit's answer to each (无异议 / 有异议, and its explanation), the unit's signature and seal.

Only the facts go to the unit, never the evidence or the working paper. Copies are registered (kind
'fact_confirmation', the sheet's id) in the transaction that renders them.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from app.core.domain.register import fact_confirmation
from app.core.domain.register.fact_confirmation import FactSheet
from app.core.printing import register
from app.core.printing.document import build_pdf, frame_width
from app.core.printing.fonts import FontSet, default_fonts
from app.core.printing.furniture import Furniture
from app.core.printing.text import CJKParagraph, TextStyle, paragraphs
from app.core.printing.working_paper import chinese_date
from app.core.security.visibility import printed_mark
from app.core.session import Session

KIND = "fact_confirmation"
register.DOCUMENT_KINDS.setdefault(KIND, "事实确认单")
SIGNATURES = ("被巡察单位负责人签字（盖章）：", "日期：")


def _styles(fonts: FontSet) -> dict[str, TextStyle]:
    return {
        "title": TextStyle(fonts.title, 22, leading=30, justify=False, align="center", space_after=2),
        "number": TextStyle(fonts.kai, 14, leading=22, justify=False, align="center", space_after=8),
        "body": TextStyle(fonts.fangsong, 12, leading=21, first_indent=24),
        "plain": TextStyle(fonts.fangsong, 12, leading=21),
        "item": TextStyle(fonts.hei, 12, leading=20, justify=False, space_before=8, space_after=2),
        "label": TextStyle(fonts.hei, 10.5, leading=15, justify=False, align="center"),
        "cell": TextStyle(fonts.song, 10.5, leading=15, justify=False),
        "sign": TextStyle(fonts.song, 12, leading=22, justify=False, align="right", space_before=6),
    }


def _answer_box(st: dict, width: float) -> Table:
    rows = [
        [
            CJKParagraph("单位意见", st["label"]),
            CJKParagraph("□ 无异议    □ 有异议（请说明理由并附相关材料）", st["cell"]),
        ],
        [CJKParagraph("说明", st["label"]), CJKParagraph("", st["cell"])],
    ]
    return Table(
        rows,
        colWidths=[width * 0.16, width * 0.84],
        rowHeights=[None, 60],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), st["cell"].font),  # else an unembedded Helvetica
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F0F0F0")),
            ]
        ),
    )


def sheet_story(sheet: FactSheet, fonts: FontSet, width: float) -> list:
    st = _styles(fonts)
    story: list = [
        CJKParagraph("事实确认单", st["title"]),
        CJKParagraph(f"（第{sheet.serial}份）", st["number"]),
        CJKParagraph(f"{sheet.unit_name}党组织：", st["plain"]),
        CJKParagraph(
            f"{sheet.team_name}在巡察中发现以下{len(sheet.items)}个方面的问题，现将有关事实送你单位确认。"
            "请逐项填写意见；如有异议，请书面说明理由并提供相关材料，于收到之日起5个工作日内反馈。",
            st["body"],
        ),
    ]
    for item in sheet.items:
        block = [CJKParagraph(f"{item.ordinal}. {item.title}", st["item"])]
        block += paragraphs(item.facts, st["body"])
        block += [Spacer(1, 4), _answer_box(st, width)]
        story.append(KeepTogether(block))
    story += [
        Spacer(1, 10),
        CJKParagraph(f"{sheet.team_name}（印）", st["sign"]),
        CJKParagraph(chinese_date(sheet.sent_on), st["sign"]),
    ]
    return story


def render_sheet(
    sheet: FactSheet, *, classification: str, copy_number: int | None = None, fonts: FontSet | None = None
) -> bytes:
    fonts = fonts or default_fonts()
    furniture = Furniture(
        fonts=fonts,
        classification=classification,
        copy_number=copy_number,
        header=f"事实确认单（第{sheet.serial}份）",
        signature_labels=SIGNATURES,
    )
    return build_pdf(sheet_story(sheet, fonts, frame_width(furniture)), furniture, title="事实确认单")


def print_sheet(
    session: Session, sheet_id: str, copies: int = 1, *, classification: str = "秘密"
) -> list[bytes]:
    """Register `copies` numbered copies of the sheet and render one PDF each (Cap.PRINT, audited)."""
    sheet = fact_confirmation.get_sheet(session, sheet_id)
    classification = printed_mark("秘密", None, classification)  # the facts of a case: 秘密 at least
    with session.transaction():
        numbers = register.register_print(
            session, KIND, sheet_id, copies, inspection_id=sheet.inspection_id, classification=classification
        )
        return [render_sheet(sheet, classification=classification, copy_number=n) for n in numbers]


def sheet_pdf(
    session: Session, sheet_id: str, *, classification: str, copy_number: int | None = None
) -> bytes:
    """One copy (or the unnumbered preview) for the shared print preview, which registers copies."""
    from app.core.security.roles import Cap

    session.require(Cap.PRINT)
    sheet = fact_confirmation.get_sheet(session, sheet_id)
    return render_sheet(
        sheet, classification=printed_mark("秘密", None, classification), copy_number=copy_number
    )
