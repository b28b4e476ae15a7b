"""The printed visit record (走访记录), an A4 form.

The title (the visited party's name and 走访记录), "走访 第N号", the metadata table (kind, date,
place, the visited party, who went, whom they met, the number of files kept), the observations typed
from the keyboard (one paragraph per line, the Chinese line-breaking rules of
app.core.printing.text), the list of attached photos and documents, and the signature lines of the
team members who went; each page carries the copy number, the mark and "第 X 页 共 Y 页".
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from app.core.domain.visits.types import Visit
from app.core.printing.document import build_pdf, frame_width
from app.core.printing.fonts import FontSet, default_fonts
from app.core.printing.furniture import Furniture
from app.core.printing.meeting_minutes import _grid_style, _heading, _lines, _Styles
from app.core.printing.talk_record import chinese_date
from app.core.printing.text import CJKParagraph

SIGNATURES = ("走访人员签字：",)


def visit_story(visit: Visit, fonts: FontSet, width: float) -> list:
    st = _Styles(fonts)

    def label(text: str) -> CJKParagraph:
        return CJKParagraph(text, st.cell_label)

    def value(text: str) -> CJKParagraph:
        return CJKParagraph(text or "—", st.cell)

    rows = [
        [
            label("走访类型"),
            value(visit.kind.label),
            label("走访日期"),
            value(chinese_date(visit.visited_on)),
        ],
        [label("走访地点"), value(visit.place), label("走访对象"), value(visit.visited)],
        [
            label("走访人员"),
            value("、".join(visit.members)),
            label("附件"),
            value(f"{len(visit.attachments)}件"),
        ],
        [label("接触人员"), value("、".join(visit.met)), "", ""],
    ]
    table = Table(rows, colWidths=[width * 0.14, width * 0.36, width * 0.14, width * 0.36], hAlign="LEFT")
    style = _grid_style(st, label_cols=(0, 2))
    style.add("SPAN", (1, 3), (3, 3))
    table.setStyle(style)
    story: list = [
        CJKParagraph(visit.heading, st.title),
        CJKParagraph(f"（走访记录 第{visit.number}号）", st.subtitle),
        table,
        Spacer(1, 3 * mm),
    ]
    story.extend(_heading("了解情况", st))
    story.extend(_lines(visit.observations, st.body) or [CJKParagraph("（未记录）", st.body)])
    if visit.attachments:
        story.extend(_heading("附件（照片及资料）", st))
        for k, a in enumerate(visit.attachments, start=1):
            story.append(CJKParagraph(f"{k}. {a.filename}", st.item))
    sign_rows = [
        [
            CJKParagraph("走访人员（签名）：", st.sign),
            CJKParagraph("", st.sign),
            CJKParagraph("日期：", st.sign),
            CJKParagraph("", st.sign),
        ]
        for _ in range(max(1, min(len(visit.members), 6)))
    ]
    sign = Table(
        sign_rows,
        colWidths=[width * 0.30, width * 0.35, width * 0.12, width * 0.23],
        hAlign="LEFT",
        rowHeights=[11 * mm] * len(sign_rows),
    )
    sign.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), st.cell.font),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
                ("LINEBELOW", (3, 0), (3, -1), 0.6, colors.black),
            ]
        )
    )
    story.append(KeepTogether([Spacer(1, 8 * mm), sign]))
    return story


def render_visit_record(
    visit: Visit, *, copy_number: int | None, classification: str, fonts: FontSet | None = None
) -> bytes:
    """The visit record as PDF bytes; `copy_number` None renders an unnumbered preview."""
    fonts = fonts or default_fonts()
    furniture = Furniture(
        fonts=fonts,
        classification=classification,
        copy_number=copy_number,
        header=f"{visit.unit_name} {visit.reference}".strip(),
        signature_labels=SIGNATURES,
    )
    return build_pdf(visit_story(visit, fonts, frame_width(furniture)), furniture, title="走访记录")
