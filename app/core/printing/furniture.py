"""Page furniture: the marks every printed page carries, drawn after layout so totals are known.

- top left: the copy number (份号, six digits) and below it the classification with its protection
  period (`秘密★1年`), as GB/T 9704 places them;
- top right: an optional running header (e.g. "谈话记录 第3号");
- foot: the page number, "第 X 页 共 Y 页" on forms, or "— X —" alternating right/left (GB/T 9704);
- above the foot, on every page, the signature lines a form asks for (the interviewee, the
  interviewers and the recorder sign each page of a talk record).

The total page count needs a second pass; `canvas_maker` returns a Canvas class that holds the pages
back until `save()` and then draws the furniture on each, the usual reportlab recipe.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.core.errors import ValidationError
from app.core.printing.fonts import FontSet
from app.core.security.roles import CLEARANCES

# The longest protection period (保密期限) the rules allow, in years.
MAX_PROTECTION_YEARS = {"秘密": 10, "机密": 20}

PAGE_WIDTH, PAGE_HEIGHT = A4


def classification_mark(level: str, years: int | None = None) -> str:
    """`秘密★1年`; 内部 has no protection period; without `years` only the level is shown."""
    if level not in CLEARANCES:
        raise ValidationError(f"密级须为 {'、'.join(CLEARANCES)} 之一。", field="classification")
    if level == "内部" or years is None:
        return level
    limit = MAX_PROTECTION_YEARS[level]
    if not 1 <= years <= limit:
        raise ValidationError(f"{level}件的保密期限须为 1 至 {limit} 年。", field="protection_years")
    return f"{level}★{years}年"


def copy_number_text(number: int) -> str:
    if not 1 <= number <= 999_999:
        raise ValidationError("份号须在 1 至 999999 之间。", field="copy_number")
    return f"{number:06d}"


@dataclass(frozen=True)
class Furniture:
    fonts: FontSet
    classification: str = ""  # the full mark, e.g. classification_mark("秘密", 1)
    copy_number: int | None = None  # None: a preview, not a registered copy
    header: str = ""  # running header, top right
    page_numbers: str = "form"  # "form": 第 X 页 共 Y 页; "gbt9704": — X —, right on odd pages
    signature_labels: tuple[str, ...] = ()  # e.g. ("被谈话人签字：", "日期：")
    left_margin: float = 25 * mm
    right_margin: float = 22 * mm

    @property
    def top_reserve(self) -> float:
        """Height above the text frame used by the marks."""
        return 32 * mm

    @property
    def bottom_reserve(self) -> float:
        """Height below the text frame used by the signature lines and the page number."""
        return (34 if self.signature_labels else 22) * mm

    def draw(self, canv: Canvas, page: int, total: int) -> None:
        canv.saveState()
        canv.setFillColorRGB(0, 0, 0)
        left, right = self.left_margin, PAGE_WIDTH - self.right_margin
        top = PAGE_HEIGHT - 14 * mm
        if self.copy_number is not None:
            canv.setFont(self.fonts.song, 12)
            canv.drawString(left, top, copy_number_text(self.copy_number))
        if self.classification:
            canv.setFont(self.fonts.hei, 12)
            canv.drawString(left, top - 6.5 * mm, self.classification)
        if self.header:
            canv.setFont(self.fonts.song, 10.5)
            canv.drawRightString(right, top, self.header)
        if self.signature_labels:
            self._draw_signatures(canv, left, right, 20 * mm)
        self._draw_page_number(canv, page, total, left, right)
        canv.restoreState()

    def _draw_signatures(self, canv: Canvas, left: float, right: float, y: float) -> None:
        # One row of "label ________" pairs sharing the width; the lines are for ink.
        canv.setFont(self.fonts.song, 11)
        canv.setLineWidth(0.6)
        slot = (right - left) / len(self.signature_labels)
        for k, label in enumerate(self.signature_labels):
            x = left + k * slot
            canv.drawString(x, y, label)
            start = x + canv.stringWidth(label, self.fonts.song, 11) + 1 * mm
            canv.line(start, y - 1.2 * mm, x + slot - 6 * mm, y - 1.2 * mm)
        canv.setLineWidth(0.4)
        canv.line(left, y + 7 * mm, right, y + 7 * mm)

    def _draw_page_number(self, canv: Canvas, page: int, total: int, left: float, right: float) -> None:
        y = 10 * mm
        if self.page_numbers == "gbt9704":
            canv.setFont(self.fonts.song, 14)  # 4号
            text = f"— {page} —"
            if page % 2:
                canv.drawRightString(right - 7 * mm, y, text)
            else:
                canv.drawString(left + 7 * mm, y, text)
            return
        canv.setFont(self.fonts.song, 10.5)
        canv.drawCentredString(PAGE_WIDTH / 2, y, f"第 {page} 页 共 {total} 页")


def canvas_maker(furniture: Furniture) -> type[Canvas]:
    """A Canvas class that draws `furniture` on every page once the page count is known."""

    class FurnishedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            # Start in our own font, or reportlab names an unembedded Helvetica in every PDF.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or furniture.fonts.song
            kwargs["initialFontSize"] = kwargs.get("initialFontSize") or 12
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for page, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                furniture.draw(self, page, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return FurnishedCanvas
