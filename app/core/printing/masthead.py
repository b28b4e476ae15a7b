"""The parts of a GB/T 9704-2012 document outside its body: the 版头, the 版记 and the 信函格式.

版头 (standard format, §7.2): the copy number and the classification top left (grid lines 1–2); the
发文机关标志 in red 小标宋, centred, its top edge 35 mm below the top of the text block, squeezed
horizontally when the name is wider than the block; two lines below it the 发文字号 (centred, or one
character in from the left with the 签发人 one character in from the right on the same line, for a
report going up: "签发人：" in 仿宋, the name in 楷体); 4 mm below that a red rule as wide as the block;
the title two lines below the rule.

版记 (§7.4), at the foot of the last page: 抄送机关 and 印发机关 with 印发日期 in 4号 仿宋, one
character in from either side, each on a line of the grid; a thick rule (0.35 mm) above the first
and one on the bottom edge of the text block, a thin one (0.25 mm) between 抄送 and 印发.

信函格式 (§10.1), for a 函: the issuing body's name in red, its top edge 30 mm from the top of the
page; 4 mm below it a red double line (thick over thin) and 20 mm above the foot of the page another
(thin over thick), both 170 mm long and centred on the text block, as the 版头's parts all are; the copy number and classification 顶格 under the
first line, the 发文字号 on the right of the first of them; the title two lines below; no page number
on the first page; the 版记 carries the 抄送 only, without rules, at the foot of the last page.

`Head` says what a document's head and imprint contain; `head_rows` and `imprint_rows` tell the
page how many grid lines they take; the `draw_*` functions draw them on a page already laid out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.core.printing.fonts import FontSet
from app.core.printing.grid import (
    BLOCK_BOTTOM,
    BLOCK_WIDTH,
    BODY_SIZE,
    IMPRINT_SIZE,
    LEFT,
    PAGE_HEIGHT,
    PITCH_X,
    PITCH_Y,
    TOP,
    baseline,
    font_ascent,
    line_top,
    text_out,
    width,
)
from app.core.printing.text import wrap_lines

RED = (0.85, 0.0, 0.0)
MARK_SIZE = 36.0  # 小初: the 发文机关标志 of the standard format
LETTER_MARK_SIZE = 22.0  # 2号: the issuing body's name in the 信函格式
MARK_TOP = 35 * mm  # below the top of the text block
LETTER_MARK_TOP = 30 * mm  # below the top of the page
LETTER_LINE_LENGTH = 170 * mm
THICK_RULE = 0.35 * mm
THIN_RULE = 0.25 * mm

# Grid lines of page 1 (0-based). Standard: 0 copy number, 1 classification, 3–4 the mark,
# 7 the 发文字号 (the red rule 4 mm under it), title on 10. Letter: 1 copy number and 发文字号,
# 2 classification, title on 5.
DOC_NUMBER_ROW = 7
TITLE_ROW = 10
LETTER_FIRST_ROW = 1
LETTER_TITLE_ROW = 5


@dataclass(frozen=True)
class Head:
    """What stands around a document's body: its 版头 and 版记 (empty fields are left out)."""

    mark: str = ""  # 发文机关标志, e.g. "中共某市委巡察工作领导小组办公室文件"
    doc_number: str = ""  # 发文字号, e.g. "某巡办发〔2026〕3号"
    signer: str = ""  # 签发人 (a report going up)
    letter: bool = False  # 信函格式 (a 函)
    cc: str = ""  # 抄送机关, e.g. "某市纪委监委，某市委组织部。"
    printer: str = ""  # 印发机关
    printed_on: str = ""  # 印发日期, ISO

    @property
    def title_row(self) -> int:
        return LETTER_TITLE_ROW if self.letter else TITLE_ROW


def imprint_lines(head: Head, fonts: FontSet) -> list[tuple[str, str]]:
    """The 版记's lines, top to bottom, as (role, text): "cc" lines then the "printer" line."""
    out: list[tuple[str, str]] = []
    cc = head.cc.strip()
    if cc:
        if cc[-1] not in "。":
            cc += "。"
        label = "抄送："
        avail = BLOCK_WIDTH - 2 * IMPRINT_SIZE - stringWidth(label, fonts.fangsong, IMPRINT_SIZE)
        for k, line in enumerate(
            wrap_lines(cc, lambda s: stringWidth(s, fonts.fangsong, IMPRINT_SIZE), avail)
        ):
            out.append(("cc", (label if k == 0 else "") + line))
    if not head.letter and head.printer.strip():
        out.append(("printer", head.printer.strip()))
    return out


def printed_on_text(value: str) -> str:
    try:
        d = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{d.year}年{d.month}月{d.day}日印发"


# ---- drawing ---------------------------------------------------------------------------------------


def _red(canv: Canvas) -> None:
    canv.setFillColorRGB(*RED)
    canv.setStrokeColorRGB(*RED)


def _draw_mark(canv: Canvas, text: str, font: str, size: float, top: float, max_width: float) -> float:
    """The name in red, centred, its em box's top at PDF y `top`; returns the y of its bottom."""
    natural = stringWidth(text, font, size)
    scale = min(1.0, max_width / natural) if natural else 1.0
    x = LEFT + (BLOCK_WIDTH - natural * scale) / 2  # centred on the text block
    t = canv.beginText(x, top - font_ascent(font) * size)
    t.setFont(font, size)
    t.setHorizScale(scale * 100)
    t.textOut(text)
    t.setHorizScale(100)  # the scaling outlives the text object: put it back
    canv.drawText(t)
    return top - size


def draw_head(canv: Canvas, head: Head, fonts: FontSet) -> None:
    """The 版头 of page 1 (copy number and classification are body lines, drawn by the page)."""
    canv.saveState()
    if head.letter:
        _draw_letter_head(canv, head, fonts)
    else:
        _draw_standard_head(canv, head, fonts)
    canv.restoreState()


def _draw_standard_head(canv: Canvas, head: Head, fonts: FontSet) -> None:
    if head.mark:
        _red(canv)
        _draw_mark(canv, head.mark, fonts.title, MARK_SIZE, PAGE_HEIGHT - TOP - MARK_TOP, BLOCK_WIDTH)
    canv.setFillColorRGB(0, 0, 0)
    y = baseline(DOC_NUMBER_ROW, BODY_SIZE, font_ascent(fonts.fangsong))
    if head.signer:
        if head.doc_number:
            _grid_text(canv, head.doc_number, fonts.fangsong, LEFT + PITCH_X, y)
        name_w = width(head.signer, fonts.kai, BODY_SIZE)
        label = "签发人："
        right = LEFT + BLOCK_WIDTH - PITCH_X
        _grid_text(canv, head.signer, fonts.kai, right - name_w, y)
        _grid_text(canv, label, fonts.fangsong, right - name_w - width(label, fonts.fangsong, BODY_SIZE), y)
    elif head.doc_number:
        w = width(head.doc_number, fonts.fangsong, BODY_SIZE)
        _grid_text(canv, head.doc_number, fonts.fangsong, LEFT + (BLOCK_WIDTH - w) / 2, y)
    # The red rule, 4 mm below the 发文字号 (its em box's foot), as wide as the block.
    rule_y = line_top(DOC_NUMBER_ROW) - BODY_SIZE - 4 * mm
    _red(canv)
    canv.setLineWidth(0.5 * mm)
    canv.line(LEFT, rule_y, LEFT + BLOCK_WIDTH, rule_y)


def _draw_letter_head(canv: Canvas, head: Head, fonts: FontSet) -> None:
    _red(canv)
    name = head.mark
    bottom = PAGE_HEIGHT - LETTER_MARK_TOP
    if name:
        bottom = _draw_mark(canv, name, fonts.title, LETTER_MARK_SIZE, bottom, LETTER_LINE_LENGTH)
    _double_line(canv, bottom - 4 * mm, thick_first=True)
    _double_line(canv, 20 * mm + DOUBLE_LINE_HEIGHT, thick_first=False)
    canv.setFillColorRGB(0, 0, 0)
    if head.doc_number:
        y = baseline(LETTER_FIRST_ROW, BODY_SIZE, font_ascent(fonts.fangsong))
        w = width(head.doc_number, fonts.fangsong, BODY_SIZE)
        _grid_text(canv, head.doc_number, fonts.fangsong, LEFT + BLOCK_WIDTH - w, y)


THICK_LINE, THIN_LINE, LINE_GAP = 1.0 * mm, 0.35 * mm, 0.8 * mm
DOUBLE_LINE_HEIGHT = THICK_LINE + LINE_GAP + THIN_LINE


def _double_line(canv: Canvas, top: float, *, thick_first: bool) -> None:
    """A red double line centred on the text block, its upper edge at PDF y `top`."""
    x0 = LEFT + (BLOCK_WIDTH - LETTER_LINE_LENGTH) / 2
    upper, lower = (THICK_LINE, THIN_LINE) if thick_first else (THIN_LINE, THICK_LINE)
    canv.setLineWidth(upper)
    canv.line(x0, top - upper / 2, x0 + LETTER_LINE_LENGTH, top - upper / 2)
    y = top - upper - LINE_GAP - lower / 2
    canv.setLineWidth(lower)
    canv.line(x0, y, x0 + LETTER_LINE_LENGTH, y)


def _grid_text(canv: Canvas, text: str, font: str, x: float, y: float) -> None:
    """Body-size text on the grid's cells (as the page sets its lines)."""
    t = canv.beginText(x, y)
    text_out(t, text, font, BODY_SIZE, 0.0)
    t.setCharSpace(0)  # the spacing outlives the text object: put it back
    canv.drawText(t)


def draw_imprint(
    canv: Canvas, head: Head, fonts: FontSet, lines: list[tuple[str, str]], first_row: int
) -> None:
    """The 版记 on grid lines first_row.. of the last page; its last line ends at the block's foot."""
    if not lines:
        return
    canv.saveState()
    canv.setFillColorRGB(0, 0, 0)
    canv.setStrokeColorRGB(0, 0, 0)
    size = IMPRINT_SIZE
    ascent = font_ascent(fonts.fangsong)
    label_w = stringWidth("抄送：", fonts.fangsong, size)
    for k, (role, text) in enumerate(lines):
        row = first_row + k
        top = line_top(row)
        y = top - (PITCH_Y - size) / 2 - ascent * size  # the em box centred between the rules
        canv.setFont(fonts.fangsong, size)
        if role == "cc":
            x = LEFT + size + (0 if text.startswith("抄送：") else label_w)
            canv.drawString(x, y, text)
        else:
            canv.drawString(LEFT + size, y, text)
            canv.drawRightString(LEFT + BLOCK_WIDTH - size, y, printed_on_text(head.printed_on))
        if not head.letter:
            thick = k == 0
            if thick or (role == "printer" and lines[k - 1][0] == "cc"):
                canv.setLineWidth(THICK_RULE if thick else THIN_RULE)
                canv.line(LEFT, top, LEFT + BLOCK_WIDTH, top)
    if not head.letter:
        canv.setLineWidth(THICK_RULE)
        canv.line(LEFT, BLOCK_BOTTOM, LEFT + BLOCK_WIDTH, BLOCK_BOTTOM)
    canv.restoreState()
