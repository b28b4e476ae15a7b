"""The printed return receipt (调阅资料归还单): what the team gave back to the unit on one day.

The unit's receiver signs it, so both sides hold proof that every item came back. It lists the items
of one inspection returned on the given date (number, material and category, period, volumes, pages,
received, copies made, received back by), the totals, and the two signature lines.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table

from app.core.domain import _fields as f
from app.core.domain.review import listing as docs
from app.core.domain.review.request_item import RequestItem
from app.core.errors import ValidationError
from app.core.printing.document import build_pdf, frame_width
from app.core.printing.fonts import FontSet, default_fonts
from app.core.printing.furniture import Furniture, classification_mark
from app.core.printing.register import DOCUMENT_KINDS, register_print
from app.core.printing.request_list import (
    InspectionHeading,
    PrintedCopies,
    Styles,
    chinese_date,
    inspection_heading,
    short_date,
    table_style,
)
from app.core.printing.text import CJKParagraph
from app.core.session import Session

KIND = "return_receipt"
DOCUMENT_KINDS.setdefault(KIND, "调阅资料归还单")

HEADINGS = ["序号", "资料名称（类别）", "所属期间", "册数", "页数", "接收日期", "复印份数", "接收人"]
COLUMNS_MM = [10, 50, 24, 11, 12, 19, 13, 24]


def receipt_record_id(inspection_id: str, returned_on: str) -> str:
    """The print register's record id of one day's receipt (copy numbers run per receipt)."""
    return f"{inspection_id}/{returned_on}"


def returned_items(session: Session, inspection_id: str, returned_on: str | date) -> list[RequestItem]:
    """The items of the inspection given back on that date (need-to-know; audited as a list view)."""
    day = str(f.iso_date(returned_on, "returned_on", "归还日期"))
    items = [i for i in docs.list_items(session, inspection_id, today=day) if i.returned_on == day]
    if not items:
        raise ValidationError(f"{chinese_date(day)}没有归还的调阅资料。", field="returned_on")
    return items


def receipt_story(
    heading: InspectionHeading, items: list[RequestItem], returned_on: str, fonts: FontSet, width: float
) -> list:
    st = Styles(fonts)
    c = lambda text: CJKParagraph(text or "—", st.cell_centre)  # noqa: E731
    rows = [[CJKParagraph(h, st.head) for h in HEADINGS]]
    for k, item in enumerate(items, start=1):
        period = " ".join(
            x
            for x in (
                short_date(item.period_start),
                "至" if item.period_end else "",
                short_date(item.period_end),
            )
            if x
        )
        rows.append(
            [
                c(str(k)),
                CJKParagraph(f"{item.title}（{item.category.label}）", st.cell),
                c(period),
                c(str(item.volumes or "")),
                c(str(item.pages or "")),
                c(short_date(item.received_on)),
                c(str(item.copies)),
                c(item.returned_to),
            ]
        )
    volumes = sum(i.volumes or 0 for i in items)
    pages = sum(i.pages or 0 for i in items)
    copies = sum(i.copies for i in items)
    scale = width / (sum(COLUMNS_MM) * mm)
    table = Table(rows, colWidths=[w * mm * scale for w in COLUMNS_MM], repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style(st.cell.font))
    receivers = "、".join(dict.fromkeys(i.returned_to for i in items if i.returned_to))
    intro = (
        f"{heading.team_name}于{chinese_date(returned_on)}向{heading.unit_name}归还下列调阅资料，"
        f"共 {len(items)} 项、{volumes} 册、{pages} 页，请予核收。"
    )
    tail = f"巡察期间复印 {copies} 份，已登记并按保密规定管理。" if copies else "巡察期间未复印。"
    return [
        CJKParagraph("调阅资料归还单", st.title),
        CJKParagraph(heading.line, st.subtitle),
        CJKParagraph(intro, st.body),
        Spacer(1, 2 * mm),
        table,
        CJKParagraph(tail, st.body),
        Spacer(1, 10 * mm),
        KeepTogether(
            [
                CJKParagraph(
                    f"归还人（巡察组）签字：                    接收人（{receivers or '被巡察单位'}）签字：",
                    st.sign,
                ),
                CJKParagraph("日期：                                            日期：", st.sign),
            ]
        ),
    ]


def render_return_receipt(
    heading: InspectionHeading,
    items: list[RequestItem],
    returned_on: str,
    *,
    copy_number: int | None,
    classification: str,
    fonts: FontSet | None = None,
) -> bytes:
    """The receipt as PDF bytes (pure); copy_number None is a preview."""
    fonts = fonts or default_fonts()
    furniture = Furniture(
        fonts=fonts, classification=classification, copy_number=copy_number, header="调阅资料归还单"
    )
    story = receipt_story(heading, items, returned_on, fonts, frame_width(furniture))
    return build_pdf(story, furniture, title="调阅资料归还单")


def preview_return_receipt(
    session: Session,
    inspection_id: str,
    returned_on: str | date,
    *,
    classification: str = "秘密",
    protection_years: int | None = None,
) -> bytes:
    mark = classification_mark(classification, protection_years)
    heading = inspection_heading(session, inspection_id)
    day = str(f.iso_date(returned_on, "returned_on", "归还日期"))
    return render_return_receipt(
        heading, returned_items(session, inspection_id, day), day, copy_number=None, classification=mark
    )


def print_return_receipt(
    session: Session,
    inspection_id: str,
    returned_on: str | date,
    *,
    copies: int = 2,
    classification: str = "秘密",
    protection_years: int | None = None,
) -> PrintedCopies:
    """Register and render numbered copies (default two: one for each side)."""
    mark = classification_mark(classification, protection_years)
    heading = inspection_heading(session, inspection_id)
    day = str(f.iso_date(returned_on, "returned_on", "归还日期"))
    with session.transaction():
        items = returned_items(session, inspection_id, day)
        numbers = register_print(
            session,
            KIND,
            receipt_record_id(inspection_id, day),
            copies,
            inspection_id=inspection_id,
            classification=mark,
        )
        pdfs = [
            render_return_receipt(heading, items, day, copy_number=n, classification=mark) for n in numbers
        ]
    return PrintedCopies(numbers, pdfs)
