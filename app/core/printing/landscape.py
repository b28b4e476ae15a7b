"""Landscape A4 ledgers: the pipeline's page furniture turned sideways, and a table with a header
row repeated on every page.

The issue list (问题清单) and the rectification ledger (整改台账) are wide tables; they print on
landscape A4 with the same marks as every other document (copy number and classification top left,
a running header top right, "第 X 页 共 Y 页" at the foot), drawn through furniture.canvas_maker once
the page count is known. The PDF is built in memory, invariant, with no record text in its metadata.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table, TableStyle

from app.core.printing.document import build_pdf
from app.core.printing.fonts import FontSet
from app.core.printing.furniture import Furniture, copy_number_text
from app.core.printing.text import CJKParagraph, TextStyle

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)


@dataclass(frozen=True)
class LandscapeFurniture(Furniture):
    """Furniture for a landscape page: the same marks, placed against the wider page."""

    left_margin: float = 15 * mm
    right_margin: float = 15 * mm

    @property
    def top_reserve(self) -> float:
        return 24 * mm

    @property
    def bottom_reserve(self) -> float:
        return (28 if self.signature_labels else 16) * mm

    def draw(self, canv: Canvas, page: int, total: int) -> None:
        canv.saveState()
        canv.setFillColorRGB(0, 0, 0)
        left, right = self.left_margin, PAGE_WIDTH - self.right_margin
        top = PAGE_HEIGHT - 10 * mm
        if self.copy_number is not None:
            canv.setFont(self.fonts.song, 11)
            canv.drawString(left, top, copy_number_text(self.copy_number))
        if self.classification:
            canv.setFont(self.fonts.hei, 11)
            canv.drawString(left, top - 5.5 * mm, self.classification)
        if self.header:
            canv.setFont(self.fonts.song, 10.5)
            canv.drawRightString(right, top, self.header)
        if self.signature_labels:
            self._draw_signatures(canv, left, right, 15 * mm)
        canv.setFont(self.fonts.song, 10.5)
        canv.drawCentredString(PAGE_WIDTH / 2, 7 * mm, f"第 {page} 页 共 {total} 页")
        canv.restoreState()


def build_landscape_pdf(story: list, furniture: LandscapeFurniture, *, title: str) -> bytes:
    return build_pdf(story, furniture, title=title, pagesize=(PAGE_WIDTH, PAGE_HEIGHT))


def body_width(furniture: LandscapeFurniture) -> float:
    return PAGE_WIDTH - furniture.left_margin - furniture.right_margin


class LedgerStyles:
    def __init__(self, fonts: FontSet) -> None:
        self.title = TextStyle(fonts.title, 20, leading=28, justify=False, align="center", space_after=2)
        self.subtitle = TextStyle(fonts.kai, 12, leading=18, justify=False, align="center", space_after=6)
        self.head = TextStyle(fonts.hei, 9, leading=12.5, justify=False, align="center")
        self.cell = TextStyle(fonts.song, 9, leading=12.5, justify=False)
        self.cell_center = TextStyle(fonts.song, 9, leading=12.5, justify=False, align="center")
        self.alert = TextStyle(
            fonts.hei, 9, leading=12.5, justify=False, align="center", color=colors.HexColor("#B00020")
        )
        self.note = TextStyle(fonts.kai, 10, leading=15, justify=False, space_before=6)


@dataclass(frozen=True)
class Column:
    title: str
    weight: float  # share of the table width
    center: bool = False


OVERDUE_BACKGROUND = colors.HexColor("#FDECEA")


def ledger_table(
    columns: list[Column],
    rows: list[list[str]],
    styles: LedgerStyles,
    width: float,
    *,
    alert_rows: set[int] = frozenset(),
) -> Table:
    """A ruled table, header row repeated on every page; rows in `alert_rows` (0-based, body rows)
    get a light red ground so overdue items stand out (the text says so too, for grey print)."""
    total = sum(c.weight for c in columns)
    widths = [width * c.weight / total for c in columns]
    data: list[list] = [[CJKParagraph(c.title, styles.head) for c in columns]]
    for row in rows:
        data.append(
            [
                CJKParagraph(text, styles.cell_center if col.center else styles.cell)
                for col, text in zip(columns, row, strict=True)
            ]
        )
    table = Table(data, colWidths=widths, repeatRows=1, splitByRow=1)
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), styles.cell.font),  # else reportlab names an unembedded Helvetica
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6E6E6")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for r in sorted(alert_rows):
        commands.append(("BACKGROUND", (0, r + 1), (-1, r + 1), OVERDUE_BACKGROUND))
    table.setStyle(TableStyle(commands))
    return table
