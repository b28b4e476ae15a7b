"""The printed evaluation form and questionnaire: numbered, anonymous, laid out to be read back by a scanner.

One sheet per serial (a random number, unrelated to any person), each page drawn from
evaluation_layout: the four registration marks, the page code in dots and in digits, one square box per
answer. The serial is printed in boxes at the top right so that the keyboard entry can type it first.
The PDF is built in memory (invariant: the same form and serials give the same bytes).
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.core.printing import evaluation_layout as lay
from app.core.printing.fonts import FontSet, default_fonts


def _y(v: float) -> float:
    return (lay.PAGE_H - v) * mm


def _font(fonts: FontSet, style: str) -> str:
    return {"song": fonts.song, "hei": fonts.hei, "kai": fonts.kai, "title": fonts.title}[style]


def draw_page(
    c: Canvas, fonts: FontSet, layout: lay.Layout, page: lay.Page, form_code: int, round_no: int, serial: int
) -> None:
    c.setFillColorRGB(0, 0, 0)
    c.setStrokeColorRGB(0, 0, 0)
    half = lay.MARK_SIZE / 2
    for x, y in lay.MARKS:
        c.rect((x - half) * mm, _y(y + half), lay.MARK_SIZE * mm, lay.MARK_SIZE * mm, stroke=0, fill=1)
    for t in page.texts:
        c.setFont(_font(fonts, t.style), t.size)
        draw = {"left": c.drawString, "center": c.drawCentredString, "right": c.drawRightString}[t.align]
        draw(t.x * mm, _y(t.y), t.text)
    for r in page.rules:
        c.setLineWidth(r.width)
        c.line(r.x1 * mm, _y(r.y1), r.x2 * mm, _y(r.y2))
    c.setLineWidth(0.7)
    for b in page.boxes:
        h = b.size / 2
        c.rect((b.x - h) * mm, _y(b.y + h), b.size * mm, b.size * mm, stroke=1, fill=0)
    # The serial, in boxes, top right (first page) and small on every page's foot.
    if page.number == 1:
        c.setFont(fonts.hei, 9)
        c.drawRightString(134 * mm, _y(21.2), "编号")
        c.setLineWidth(0.4)
        for k, digit in enumerate(f"{serial:06d}"):
            x = 136 + k * 6
            c.rect(x * mm, _y(23), 5.4 * mm, 6 * mm, stroke=1, fill=0)
            c.setFont(fonts.song, 11)
            c.drawCentredString((x + 2.7) * mm, _y(21.3), digit)
    total = len(layout.pages)
    c.setFont(fonts.song, 7.5)
    c.drawCentredString(
        lay.PAGE_W / 2 * mm,
        _y(267.5),
        f"表码 {form_code:04d}-{round_no:02d}-{page.number}　编号 {serial:06d}　第 {page.number} 页 共 {total} 页"
        "　（本表不记名，编号仅用于防止重复计数）",
    )
    bits = lay.encode_code(form_code, round_no, page.number, serial)
    d = lay.CODE_DOT / 2
    for (x, y), bit in zip(lay.code_cells(), bits, strict=True):
        if bit:
            c.rect((x - d) * mm, _y(y + d), lay.CODE_DOT * mm, lay.CODE_DOT * mm, stroke=0, fill=1)
    # Thin ticks at both ends of the code row: the reader's eye (and a person's) finds the row.
    c.setLineWidth(0.3)
    first, last = lay.code_cells()[0][0] - lay.CODE_CELL, lay.code_cells()[-1][0] + lay.CODE_CELL
    for x in (first, last):
        c.line(x * mm, _y(lay.CODE_Y - 2), x * mm, _y(lay.CODE_Y + 2))


def render_forms(
    layout: lay.Layout, form_code: int, round_no: int, serials: list[int], *, fonts: FontSet | None = None
) -> bytes:
    """The forms as one PDF: every page of the form for each serial, in the given order."""
    fonts = fonts or default_fonts()
    buffer = io.BytesIO()
    c = Canvas(
        buffer,
        pagesize=(lay.PAGE_W * mm, lay.PAGE_H * mm),
        invariant=True,
        pageCompression=1,
        initialFontName=fonts.song,
        initialFontSize=10,
    )
    c.setTitle(layout.form.kind.label + "表")
    c.setCreator("巡察工作台")
    c.setProducer("巡察工作台")
    for serial in serials:
        for page in layout.pages:
            draw_page(c, fonts, layout, page, form_code, round_no, serial)
            c.showPage()
    c.save()
    return buffer.getvalue()
