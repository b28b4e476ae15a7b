"""The printed request list (调阅资料清单): an A4 form of everything asked of the unit and its custody.

Top: copy number and classification (left), "调阅资料清单" and the inspection (right). Then the
title, the inspection line (team, unit, round), the table (number, material and category, period,
requested/received, volumes/pages, holder/copies, planned return, returned and to whom, state), a
count by state, and the two parties' signature lines. Every page carries "第 X 页 共 Y 页".

`preview_request_list` renders without a copy number (a view, audited); `print_request_list` registers
the copies in the print register and renders each with its number, in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from app.core.domain.review import listing as docs
from app.core.domain.review.custody import CustodyState
from app.core.domain.review.request_item import RequestItem
from app.core.errors import NotFound
from app.core.printing.document import build_pdf, frame_width
from app.core.printing.fonts import FontSet, default_fonts
from app.core.printing.furniture import Furniture, classification_mark
from app.core.printing.register import DOCUMENT_KINDS, register_print
from app.core.printing.text import CJKParagraph, TextStyle
from app.core.security import visibility
from app.core.session import Session

KIND = "request_list"
DOCUMENT_KINDS.setdefault(KIND, "调阅资料清单")

GREY = colors.Color(0.94, 0.94, 0.94)
MARK = colors.Color(0.55, 0.0, 0.0)  # overdue lines stand out in dark red


@dataclass
class InspectionHeading:
    """What the form says about the inspection: team, unit, round."""

    inspection_id: str
    team_name: str
    unit_name: str
    round_number: int

    @property
    def line(self) -> str:
        return f"第{self.round_number}轮  {self.team_name}  被巡察单位：{self.unit_name}"


@dataclass
class PrintedCopies:
    """The copy numbers registered and one PDF per copy, in the same order."""

    copy_numbers: list[int]
    pdfs: list[bytes]


def inspection_heading(session: Session, inspection_id: str) -> InspectionHeading:
    visibility.require_inspection_visible(session, inspection_id)
    row = session.conn.execute(
        "SELECT t.name AS team_name, n.name AS unit_name, r.number FROM inspections i JOIN teams t ON t.id = i.team_id"
        " JOIN units n ON n.id = i.unit_id JOIN rounds r ON r.id = i.round_id WHERE i.id = ?",
        (inspection_id,),
    ).fetchone()
    if row is None:
        raise NotFound("找不到该巡察，或您不在其知悉范围内。")
    return InspectionHeading(inspection_id, row["team_name"], row["unit_name"], int(row["number"]))


def short_date(value: str | None) -> str:
    """'2026-03-05' -> '2026.03.05' (narrow table columns); blank stays blank."""
    return (value or "").replace("-", ".")


def chinese_date(value: str | None) -> str:
    if not value:
        return ""
    d = date.fromisoformat(value[:10])
    return f"{d.year}年{d.month}月{d.day}日"


class Styles:
    def __init__(self, fonts: FontSet) -> None:
        self.title = TextStyle(fonts.title, 22, leading=30, justify=False, align="center", space_after=2)
        self.subtitle = TextStyle(fonts.kai, 13, leading=20, justify=False, align="center", space_after=6)
        self.head = TextStyle(fonts.hei, 9, leading=12, justify=False, align="center")
        self.cell = TextStyle(fonts.song, 9, leading=12, justify=False)
        self.cell_centre = TextStyle(fonts.song, 9, leading=12, justify=False, align="center")
        self.cell_mark = TextStyle(fonts.hei, 9, leading=12, justify=False, align="center", color=MARK)
        self.body = TextStyle(fonts.song, 11, leading=19, justify=False, space_before=6)
        self.sign = TextStyle(fonts.song, 11, leading=26, justify=False)


def table_style(font: str, extra: list | None = None) -> TableStyle:
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), font),  # else reportlab names an unembedded Helvetica
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (-1, 0), GREY),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
            *(extra or []),
        ]
    )


def _lines(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _item_row(item: RequestItem, st: Styles) -> list:
    c = lambda text: CJKParagraph(text or "—", st.cell_centre)  # noqa: E731
    amount = "/".join(str(x) if x else "—" for x in (item.volumes, item.pages)) if item.received_on else ""
    holder = _lines(item.holder_name or "", f"复印{item.copies}份" if item.copies else "")
    returned = _lines(short_date(item.returned_on), item.returned_to)
    state = CJKParagraph(item.state.label, st.cell_mark if item.stands_out else st.cell_centre)
    return [
        c(str(item.number)),
        CJKParagraph(f"{item.title}（{item.category.label}）", st.cell),
        c(
            _lines(
                short_date(item.period_start), "至" if item.period_end else "", short_date(item.period_end)
            )
        ),
        c(_lines(short_date(item.requested_on), short_date(item.received_on))),
        c(amount),
        c(holder),
        c(short_date(item.planned_return_on)),
        c(returned),
        state,
    ]


HEADINGS = [
    "序号",
    "资料名称（类别）",
    "所属期间",
    "调阅/接收日期",
    "册/页",
    "保管人/复印",
    "约定归还",
    "归还日期及接收人",
    "状态",
]
COLUMNS_MM = [9, 34, 19, 19, 13, 16, 19, 22, 12]


def request_list_story(
    heading: InspectionHeading, items: list[RequestItem], fonts: FontSet, width: float, today: str
) -> list:
    st = Styles(fonts)
    scale = width / (sum(COLUMNS_MM) * mm)
    rows = [[CJKParagraph(h, st.head) for h in HEADINGS]]
    rows += [_item_row(item, st) for item in items]
    if not items:
        rows.append([CJKParagraph("（清单中尚无调阅事项）", st.cell_centre)] + [""] * (len(HEADINGS) - 1))
    extra = [("SPAN", (0, 1), (-1, 1))] if not items else []
    table = Table(rows, colWidths=[w * mm * scale for w in COLUMNS_MM], repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style(st.cell.font, extra))
    counts = {s: sum(1 for i in items if i.state is s) for s in CustodyState}
    summary = "，".join(f"{s.label} {n} 项" for s, n in counts.items() if n)
    story = [
        CJKParagraph("调阅资料清单", st.title),
        CJKParagraph(heading.line, st.subtitle),
        table,
        CJKParagraph(
            f"截至{chinese_date(today)}，共 {len(items)} 项" + (f"：{summary}。" if summary else "。"),
            st.body,
        ),
        Spacer(1, 8 * mm),
        KeepTogether(
            [
                CJKParagraph("巡察组经办人（签字）：                    被巡察单位经办人（签字）：", st.sign),
                CJKParagraph("日期：                                            日期：", st.sign),
            ]
        ),
    ]
    return story


def render_request_list(
    heading: InspectionHeading,
    items: list[RequestItem],
    *,
    copy_number: int | None,
    classification: str,
    today: str,
    fonts: FontSet | None = None,
) -> bytes:
    """The request list as PDF bytes (pure: records in, bytes out); copy_number None is a preview."""
    fonts = fonts or default_fonts()
    furniture = Furniture(
        fonts=fonts, classification=classification, copy_number=copy_number, header="调阅资料清单"
    )
    story = request_list_story(heading, items, fonts, frame_width(furniture), today)
    return build_pdf(story, furniture, title="调阅资料清单")


def preview_request_list(
    session: Session,
    inspection_id: str,
    *,
    classification: str = "秘密",
    protection_years: int | None = None,
    today: str | date | None = None,
) -> bytes:
    """An unnumbered preview for the screen (need-to-know; audited as a view of the list)."""
    mark = classification_mark(classification, protection_years)
    heading = inspection_heading(session, inspection_id)
    day = (today if isinstance(today, str) else (today or date.today()).isoformat())[:10]
    items = docs.list_items(session, inspection_id, today=day)
    return render_request_list(heading, items, copy_number=None, classification=mark, today=day)


def print_request_list(
    session: Session,
    inspection_id: str,
    *,
    copies: int = 1,
    classification: str = "秘密",
    protection_years: int | None = None,
    today: str | date | None = None,
) -> PrintedCopies:
    """Register `copies` numbered copies (Cap.PRINT) and render each; registration and rendering
    stand or fall together."""
    mark = classification_mark(classification, protection_years)
    heading = inspection_heading(session, inspection_id)
    day = (today if isinstance(today, str) else (today or date.today()).isoformat())[:10]
    with session.transaction():
        items = docs.list_items(session, inspection_id, today=day)
        numbers = register_print(
            session, KIND, inspection_id, copies, inspection_id=inspection_id, classification=mark
        )
        pdfs = [
            render_request_list(heading, items, copy_number=n, classification=mark, today=day)
            for n in numbers
        ]
    return PrintedCopies(numbers, pdfs)
