"""A PDF page's lines joined back into paragraphs, so a word that wraps at a line end is one word.

A page's text layer has one line per printed line: Chinese prose wraps anywhere, so 问题线索 split
over two lines would not be found. Lines of one paragraph are joined — with nothing between two
Chinese characters (or full-width punctuation), with a space between Latin words — and a paragraph
ends where the page shows it: a blank line (a larger gap between baselines than the page's usual
one), an indented line (leading spaces or a start right of the page's left edge), or a short line
(one that ends well before the page's full lines do). Each paragraph is one line of the result.
"""

from __future__ import annotations

import statistics
import unicodedata
from dataclasses import dataclass

INDENT_EMS = 0.9  # a line starting this many ems right of the left edge is indented
BLANK_GAP = 1.6  # a gap this many times the usual line gap holds a blank line
SHORT_LINE = 0.8  # a line shorter than this share of the page's full lines ends its paragraph
MIN_FULL_WIDTH = 8  # below this (in full-width characters) a page has no prose to judge


@dataclass
class Line:
    text: str
    x: float | None = None  # where its first text starts (user space), when known
    y: float | None = None  # its baseline
    size: float | None = None  # its font size (user space)


def page_lines(page) -> list[Line]:
    """The page's lines with the position of each one's first text, as pypdf extracts them."""
    pieces: list[tuple[str, float, float, float]] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
            pieces.append((text, x, y, float(font_size or 0) * scale))

    text = page.extract_text(visitor_text=visit) or ""
    if "".join(p[0] for p in pieces) != text:  # pypdf changed the text after the visitor: no positions
        return [Line(t) for t in _clean(text).split("\n")]
    lines: list[Line] = []
    current = Line("")
    for piece, x, y, size in pieces:
        for k, segment in enumerate(_clean(piece).split("\n")):
            if k:
                lines.append(current)
                current = Line("")
            if current.x is None and segment.strip():
                current.x, current.y, current.size = x, y, size
            current.text += segment
    lines.append(current)
    return lines


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _width(text: str) -> float:
    """In full-width characters: a Chinese character 1, a Latin letter or digit ½."""
    return sum(1.0 if _wide(ch) else 0.5 for ch in text)


def _mostly_wide(text: str) -> bool:
    return sum(_wide(ch) for ch in text) * 2 >= len(text)


def _indented(text: str) -> bool:
    return text[:1] in (" ", "\u3000", "\t")


def join_paragraphs(lines: list[Line]) -> str:
    """The lines of one page as paragraphs, one a line (see the module docstring)."""
    real = [ln for ln in lines if ln.text.strip()]
    if not real:
        return ""
    full = max(_width(ln.text.strip()) for ln in real)
    placed = [ln for ln in real if ln.x is not None and ln.y is not None]
    left = min((ln.x for ln in placed), default=None)
    gaps = [a.y - b.y for a, b in zip(placed, placed[1:], strict=False) if a.y - b.y > 0]
    usual_gap = statistics.median(gaps) if gaps else None

    paragraphs: list[str] = []
    prev: Line | None = None
    for line in lines:
        if not line.text.strip():  # an empty line in the text layer
            prev = None
            continue
        if prev is None or _breaks(prev, line, full, left, usual_gap):
            paragraphs.append(line.text.rstrip())
        else:
            paragraphs[-1] = _join(paragraphs[-1], line.text.strip())
        prev = line
    return "\n".join(paragraphs)


def _breaks(prev: Line, line: Line, full: float, left: float | None, usual_gap: float | None) -> bool:
    """Whether `line` starts a new paragraph after `prev`."""
    if _indented(line.text):
        return True
    before = prev.text.strip()
    if full >= MIN_FULL_WIDTH and _mostly_wide(before) and _width(before) < SHORT_LINE * full:
        return True  # (Latin widths vary with the font: there the gaps and indents decide)
    if prev.y is not None and line.y is not None:
        gap = prev.y - line.y
        if gap <= 0:  # back up the page: another column or block
            return True
        if usual_gap and gap > BLANK_GAP * usual_gap:
            return True
    if left is not None and line.x is not None:
        em = line.size or 10.0
        if line.x - left > INDENT_EMS * em:
            return True
    return False


def _join(before: str, after: str) -> str:
    if not before or not after:
        return before + after
    if _wide(before[-1]) or _wide(after[0]):
        return before + after
    if before[-1] == "-" and len(before) > 1 and before[-2].isalpha() and after[0].isalpha():
        return before + after  # a hyphenated word split at the line end keeps its hyphen
    return before.rstrip() + " " + after
