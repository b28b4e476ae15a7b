"""The watermark of a registered copy, drawn as a picture so it stays out of the text layer.

Every page of a numbered copy carries, faint and diagonal, who printed it, when, and the copy
number. Drawn as text, a PDF reader (and pdftotext, and copy-and-paste) would mix its words into the
body; drawn as an image it is seen on the page and on paper but never read as text, so a copy reads
exactly as its preview does. The line is rendered once per copy, in the Song font, at 300 dpi into a
grey image whose transparency carries the faintness, and placed many times over the page.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from app.core.printing.fonts import Family, FontSet

SIZE = 11.0  # points
DPI = 300
GREY = (140, 140, 140)
OPACITY = 0.16
ANGLE = 35


def watermark_image(fonts: FontSet, text: str) -> tuple[ImageReader, float, float]:
    """The watermark line as an image, with its size on the page in points."""
    scale = DPI / 72
    font = ImageFont.truetype(str(fonts.fonts[Family.SONG].path), int(round(SIZE * scale)), index=0)
    left, top, right, bottom = font.getbbox(text)
    pad = 2
    w, h = right - left + 2 * pad, bottom - top + 2 * pad
    coverage = Image.new("L", (max(w, 1), max(h, 1)), 0)
    ImageDraw.Draw(coverage).text((pad - left, pad - top), text, font=font, fill=255)
    alpha = coverage.point(lambda v: int(v * OPACITY))
    image = Image.new("RGBA", coverage.size, (*GREY, 0))
    image.putalpha(alpha)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ImageReader(io.BytesIO(buffer.getvalue())), w / scale, h / scale


def draw_watermark(canv: Canvas, fonts: FontSet, text: str, page_width: float, page_height: float) -> None:
    """Rows of the watermark line across the page, turned 35°."""
    image, w, h = watermark_image(fonts, text)
    canv.saveState()
    canv.translate(page_width / 2, page_height / 2)
    canv.rotate(ANGLE)
    for row in range(-5, 6):
        offset = (row % 2) * 60
        for col in (-1, 0, 1):
            x = col * 260 + offset
            canv.drawImage(image, x - w / 2, row * 72 - h / 4, w, h, mask="auto")
    canv.restoreState()
