"""The GB/T 9704-2012 grid (版心) and how text is measured on it, shared by the page and its head.

A4; the text block is 156 × 225 mm, 37 mm from the top and 28 mm from the left: 22 lines of 28
characters of 3号 (16 pt) body text. Every character of body text takes a whole cell of the grid
(156 mm / 28): a full-width character one cell, a half-width one (a digit, a Latin letter, a space)
half a cell, whatever the font's own advance, so a full line holds exactly 28 cells whatever it mixes.
Each grid line's em box starts at the top of its line, so the first line's characters start 37 mm
from the top of the page, where the standard puts the text block.
"""

from __future__ import annotations

import unicodedata

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = 28 * mm
TOP = 37 * mm
BLOCK_WIDTH = 156 * mm
BLOCK_HEIGHT = 225 * mm
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
PITCH_X = BLOCK_WIDTH / CHARS_PER_LINE  # 15.79 pt
PITCH_Y = BLOCK_HEIGHT / LINES_PER_PAGE  # 28.99 pt
BODY_SIZE = 16.0  # 3号
TITLE_SIZE = 22.0  # 2号
IMPRINT_SIZE = 14.0  # 4号, the 版记
PAGE_NUMBER_SIZE = 14.0  # 4号
BLOCK_BOTTOM = PAGE_HEIGHT - TOP - BLOCK_HEIGHT  # from the page foot, PDF coordinates


def is_wide(ch: str) -> bool:
    """A full-width character (Chinese, full-width punctuation, “”…—): one cell of the grid."""
    return unicodedata.east_asian_width(ch) in ("W", "F", "A")


def cells(text: str) -> float:
    """How many grid cells `text` takes as body text: 1 a full-width character, ½ a half-width one."""
    return sum(1.0 if is_wide(ch) else 0.5 for ch in text)


def cell_width(ch: str) -> float:
    return PITCH_X if is_wide(ch) else PITCH_X / 2


_WIDTHS: dict[tuple[str, str, float], float] = {}


def width(text: str, font: str, size: float) -> float:
    """Body-size text on the grid (by cells); other sizes (title, 版记) at the font's own width."""
    key = (text, font, size)
    found = _WIDTHS.get(key)
    if found is None:
        if len(_WIDTHS) > 100_000:
            _WIDTHS.clear()
        if size == BODY_SIZE:
            found = cells(text) * PITCH_X
        else:
            found = stringWidth(text, font, size)
        _WIDTHS[key] = found
    return found


def line_top(line_index: int) -> float:
    """PDF y of the top of grid line `line_index` (0-based)."""
    return PAGE_HEIGHT - TOP - line_index * PITCH_Y


def baseline(line_index: int, size: float = BODY_SIZE, ascent: float = 0.879) -> float:
    """PDF y of the baseline of grid line `line_index`: the em box's top at the top of the line."""
    return line_top(line_index) - ascent * size


def font_ascent(font: str) -> float:
    from reportlab.pdfbase.pdfmetrics import getFont

    face = getattr(getFont(font), "face", None)
    return (face.ascent / 1000.0) if face is not None else 0.88


_SPACING: dict[tuple[str, str], float] = {}


def _cell_spacing(ch: str, font: str) -> float:
    """The character spacing that makes `ch`, drawn at body size in `font`, advance by its cells."""
    key = (ch, font)
    found = _SPACING.get(key)
    if found is None:
        if len(_SPACING) > 50_000:
            _SPACING.clear()
        found = _SPACING[key] = cell_width(ch) - stringWidth(ch, font, BODY_SIZE)
    return found


def text_out(t, text: str, font: str, size: float, spread: float = 0.0) -> None:
    """Set `text` into the text object `t`: body size on the grid's cells, other sizes at the font's
    width; `spread` is added after every character (justification)."""
    t.setFont(font, size)
    if size != BODY_SIZE:
        t.setCharSpace(spread)
        t.textOut(text)
        return
    start = 0
    current = None
    for k, ch in enumerate(text):
        space = round(_cell_spacing(ch, font) + spread, 4)
        if space != current:
            if k > start:
                t.textOut(text[start:k])
            t.setCharSpace(space)
            current, start = space, k
    if start < len(text):
        t.textOut(text[start:])
