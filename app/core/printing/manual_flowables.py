"""The manual's own flowables: headings that know their place in the contents, a contents line with
dot leaders, a framed picture, and the page furniture (running header, "第 X 页 共 Y 页")."""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from app.core.printing.furniture import PAGE_HEIGHT, PAGE_WIDTH, Furniture
from app.core.printing.manual_markdown import Run
from app.core.printing.manual_text import RichParagraph, RichStyle

RULE_GREY = colors.Color(0.55, 0.55, 0.55)


class Heading(RichParagraph):
    """A chapter or section heading; the document records its page for the contents and the header."""

    def __init__(self, text: str, style: RichStyle, *, level: int, key: str, toc_text: str) -> None:
        super().__init__((Run(text),), style)
        self.level = level
        self.key = key
        self.toc_text = toc_text
        self.keepWithNext = True

    def _piece(self, lines, *, final, first):  # a heading split over two pages stays a heading
        p = Heading(self.text(), self.style, level=self.level, key=self.key, toc_text=self.toc_text)
        p.lines, p._fixed, p._final, p._first = lines, True, final, first
        return p


class TocLine(Flowable):
    """One line of the contents: the title, dot leaders, the page number on the right."""

    def __init__(self, text: str, page: int | None, *, font: str, size: float, indent: float, leading: float):
        super().__init__()
        self.text, self.page = text, page
        self.font, self.size, self.indent, self.leading = font, size, indent, leading

    def wrap(self, availWidth, availHeight):  # noqa: N803
        self.width = availWidth
        return availWidth, self.leading

    def draw(self) -> None:
        canv = self.canv
        y = (self.leading - self.size * 0.76) / 2
        number = "" if self.page is None else str(self.page)
        canv.setFont(self.font, self.size)
        canv.drawString(self.indent, y, self.text)
        canv.drawRightString(self.width, y, number)
        start = self.indent + stringWidth(self.text, self.font, self.size) + 4
        end = self.width - stringWidth(number, self.font, self.size) - 4
        dot = stringWidth("·", self.font, self.size)
        canv.setFillColor(RULE_GREY)
        x = end - dot
        while x > start:
            canv.drawString(x, y, "·")
            x -= dot * 1.6
        canv.setFillColor(colors.black)


class Picture(Flowable):
    """A screenshot scaled to the frame (and to at most `max_height`), with a thin frame round it."""

    def __init__(self, data: bytes | None, name: str, *, max_height: float, missing_font: str) -> None:
        super().__init__()
        self.name = name
        self.missing_font = missing_font
        self.max_height = max_height
        self.reader = ImageReader(io.BytesIO(data)) if data else None
        self.size_px = self.reader.getSize() if self.reader is not None else (1600, 300)

    def wrap(self, availWidth, availHeight):  # noqa: N803
        w_px, h_px = self.size_px
        # Screenshots are taken at 1280 px wide: set that as the full text width, smaller ones in proportion.
        width = min(availWidth, availWidth * w_px / 1280)
        height = width * h_px / w_px
        if height > self.max_height:
            width, height = width * self.max_height / height, self.max_height
        self.draw_width, self.draw_height = width, height
        self.width = availWidth
        return availWidth, height

    def draw(self) -> None:
        canv = self.canv
        x = (self.width - self.draw_width) / 2
        if self.reader is not None:
            canv.drawImage(self.reader, x, 0, self.draw_width, self.draw_height)
        else:
            canv.setFont(self.missing_font, 10)
            canv.drawCentredString(self.width / 2, self.draw_height / 2, f"（图片缺失：{self.name}）")
        canv.setStrokeColor(RULE_GREY)
        canv.setLineWidth(0.5)
        canv.rect(x, 0, self.draw_width, self.draw_height, stroke=1, fill=0)


@dataclass(frozen=True)
class ManualFurniture(Furniture):
    """No marks on the cover; every other page: the manual's name top left, the chapter top right,
    a rule under them, and "第 X 页 共 Y 页" at the foot (X counts the cover, as the preview does)."""

    title: str = ""
    chapter_pages: dict = field(default_factory=dict)  # first page -> chapter heading, filled in layout

    @property
    def top_reserve(self) -> float:
        return 26 * mm

    def chapter_on(self, page: int) -> str:
        starts = [p for p in self.chapter_pages if p <= page]
        return self.chapter_pages[max(starts)] if starts else ""

    def draw(self, canv: Canvas, page: int, total: int) -> None:
        if page == 1:
            return
        Furniture.draw(replace(self, header=self.chapter_on(page)), canv, page, total)
        canv.saveState()
        top = PAGE_HEIGHT - 14 * mm
        canv.setFont(self.fonts.song, 10.5)
        canv.setFillColor(colors.black)
        canv.drawString(self.left_margin, top, self.title)
        canv.setStrokeColor(RULE_GREY)
        canv.setLineWidth(0.5)
        canv.line(self.left_margin, top - 2.5 * mm, PAGE_WIDTH - self.right_margin, top - 2.5 * mm)
        canv.restoreState()
