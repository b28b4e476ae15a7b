"""A paragraph of mixed runs (plain, bold, code) with Chinese line breaking, for the user manual.

`CJKParagraph` (printing/text.py) sets one font; the manual's paragraphs mix the body font with bold
(黑体) and code (a monospaced font) inside one line. `RichParagraph` breaks such a paragraph by the
same rules (no closing punctuation at a line start, no opening bracket at a line end, Latin words and
numbers kept whole), justifies full lines a little, splits across pages, and can carry a list
marker ("•", "3.") hung in the left margin with the text indented after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from app.core.printing.manual_markdown import BOLD, CODE, Run
from app.core.printing.text import NO_LINE_END, NO_LINE_START, tokens


@dataclass(frozen=True)
class RichStyle:
    font: str
    bold_font: str
    code_font: str
    size: float
    leading: float
    first_indent: float = 0.0
    left_indent: float = 0.0  # every line; a list marker hangs in it
    justify: bool = True
    align: str = "left"  # for lines not justified: left, center
    color: colors.Color = colors.black
    bold_color: colors.Color | None = None
    code_background: colors.Color | None = colors.Color(0.93, 0.93, 0.93)
    space_before: float = 0.0
    space_after: float = 0.0

    def font_of(self, style: str) -> str:
        return self.bold_font if style == BOLD else self.code_font if style == CODE else self.font

    def size_of(self, style: str) -> float:
        return self.size * 0.92 if style == CODE else self.size


BULLET, HOLLOW_BULLET = "•", "◦"  # list markers, drawn as shapes
Piece = tuple[str, str]  # (text, run style)


def pieces(runs: tuple[Run, ...]) -> list[Piece]:
    out: list[Piece] = []
    for run in runs:
        text = run.text.replace("\n", " ")
        out += [(tok, run.style) for tok in tokens(text)]
    return out


class RichParagraph(Flowable):
    def __init__(self, runs: tuple[Run, ...], style: RichStyle, *, marker: str = "") -> None:
        super().__init__()
        self.runs = runs
        self.style = style
        self.marker = marker
        self.lines: list[list[Piece]] = []
        self._fixed = False
        self._final = True
        self._first = True  # this piece holds the first line (the marker and the first indent)
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after

    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    def _width(self, piece: Piece) -> float:
        text, kind = piece
        return stringWidth(text, self.style.font_of(kind), self.style.size_of(kind))

    def _layout(self, width: float) -> None:
        if self._fixed:
            return
        st = self.style
        avail = width - st.left_indent
        self.lines = _wrap(pieces(self.runs), self._width, avail, avail - st.first_indent)

    def wrap(self, availWidth, availHeight):  # noqa: N803 (reportlab's names)
        self.width = availWidth
        self._layout(availWidth)
        self.height = max(1, len(self.lines)) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth, availHeight):  # noqa: N803
        self.wrap(availWidth, availHeight)
        fit = int((availHeight + 1e-6) // self.style.leading)
        if fit >= len(self.lines):
            return [self]
        if fit <= 0:
            return []
        head = self._piece(self.lines[:fit], final=False, first=self._first)
        head.spaceBefore, head.spaceAfter = self.spaceBefore, 0
        tail = self._piece(self.lines[fit:], final=self._final, first=False)
        tail.spaceBefore, tail.spaceAfter = 0, self.spaceAfter
        return [head, tail]

    def _piece(self, lines: list[list[Piece]], *, final: bool, first: bool) -> RichParagraph:
        p = RichParagraph(self.runs, self.style, marker=self.marker if first else "")
        p.lines, p._fixed, p._final, p._first = lines, True, final, first
        return p

    def draw(self) -> None:
        st = self.style
        canv = self.canv
        y = self.height - (st.leading + st.size * 0.76) / 2
        if self.marker and self._first:
            self._draw_marker(y)
        last = len(self.lines) - 1
        for k, line in enumerate(self.lines):
            indent = st.left_indent + (st.first_indent if k == 0 and self._first else 0.0)
            avail = self.width - indent
            while line and line[-1][0].isspace():
                line = line[:-1]
            used = sum(self._width(p) for p in line)
            chars = sum(len(t) for t, _ in line)
            char_space = 0.0
            x = indent
            if st.justify and not (k == last and self._final) and chars > 1:
                spread = (avail - used) / (chars - 1)
                if 0 < spread <= st.size * 0.5:
                    char_space = spread
            elif st.align == "center":
                x = indent + (avail - used) / 2
            for text, kind in _merge(line):
                font, size = st.font_of(kind), st.size_of(kind)
                w = stringWidth(text, font, size) + char_space * len(text)
                if kind == CODE and st.code_background is not None:
                    canv.setFillColor(st.code_background)
                    canv.rect(x - 1, y - size * 0.25, w + 2, size * 1.15, stroke=0, fill=1)
                canv.setFillColor((st.bold_color or st.color) if kind == BOLD else st.color)
                t = canv.beginText(x, y)
                t.setFont(font, size)
                t.setCharSpace(char_space)
                t.textOut(text)
                canv.drawText(t)
                x += w
            y -= st.leading

    def _draw_marker(self, y: float) -> None:
        """Bullets are drawn as circles (the shipped Song font has no "•"); numbers as text."""
        st, canv = self.style, self.canv
        canv.setFillColor(st.color)
        canv.setStrokeColor(st.color)
        x = st.left_indent - st.size * 0.9
        if self.marker in (BULLET, HOLLOW_BULLET):
            canv.setLineWidth(0.6)
            canv.circle(x, y + st.size * 0.33, st.size * 0.16, stroke=1, fill=int(self.marker == BULLET))
            return
        canv.setFont(st.font, st.size)
        canv.drawRightString(st.left_indent - st.size * 0.35, y, self.marker)


def _merge(line: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for text, kind in line:
        if out and out[-1][1] == kind:
            out[-1] = (out[-1][0] + text, kind)
        else:
            out.append((text, kind))
    return out


def _starts_bad(piece: Piece) -> bool:
    return piece[0][0] in NO_LINE_START


def _ends_bad(piece: Piece) -> bool:
    return piece[0][-1] in NO_LINE_END


def _wrap(pieces: list[Piece], width_of, max_width: float, first_width: float) -> list[list[Piece]]:
    """Greedy breaking with push-out (避头尾), as printing.text.wrap_lines does for one font."""
    lines: list[list[Piece]] = []
    line: list[Piece] = []
    used = 0.0
    limit = first_width
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        if not line and piece[0].isspace() and lines:
            i += 1
            continue
        w = width_of(piece)
        if not line or used + w <= limit + 1e-6 or piece[0].isspace():
            if w > limit and not line and len(piece[0]) > 1:  # a run longer than a line: cut it
                cut = _fit(piece, width_of, limit)
                pieces[i : i + 1] = [(piece[0][:cut], piece[1]), (piece[0][cut:], piece[1])]
                continue
            line.append(piece)
            used += w
            i += 1
            continue
        carry: list[Piece] = []
        while len(line) > 1 and (_starts_bad((carry or [piece])[0]) or _ends_bad(line[-1])):
            carry.insert(0, line.pop())
        if len(line) == 1 and (_starts_bad((carry or [piece])[0]) or _ends_bad(line[-1])):
            line += carry
            carry = []
        lines.append(line)
        limit = max_width
        line = carry
        used = sum(width_of(p) for p in line)
    if line or not lines:
        lines.append(line)
    return lines


def _fit(piece: Piece, width_of, max_width: float) -> int:
    text, kind = piece
    for k in range(len(text) - 1, 0, -1):
        if width_of((text[:k], kind)) <= max_width:
            return k
    return 1
