"""Chinese line breaking and a paragraph flowable that uses it.

reportlab's own CJK wrapping only knows the Japanese list of characters that may not start a line, so
a full-width "，" "；" "：" "？" "！" or "》" can start one. Chinese typesetting (GB/T 15834, and every
official document) forbids closing punctuation at a line start and opening brackets at a line end.
`wrap_lines` breaks text greedily and then pushes characters on to the next line until both rules
hold (避头尾, push-out); `CJKParagraph` sets those lines, justified, and splits across pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

# May not start a line: closing punctuation, pauses, stops (full- and half-width).
NO_LINE_START = frozenset("，。、；：？！）》」』〕】〉”’…—·％‰℃,.;:?!)]}%～〗﹚﹜")
# May not end a line: opening brackets and quotes.
NO_LINE_END = frozenset("（《「『〔【〈“‘([{〖﹙﹛")
# Runs of these stay together: Latin words and numbers, "……", "——".
_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_/:%@#+'&")
_PAIRED = frozenset("…—")


def tokens(text: str) -> list[str]:
    """Break units: each Chinese character alone; Latin words, numbers and paired dashes together."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        j = i + 1
        if ch in _WORD and ch not in ".:%-":
            while j < n and text[j] in _WORD:
                j += 1
        elif ch in _PAIRED:
            while j < n and text[j] == ch:
                j += 1
        out.append(text[i:j])
        i = j
    return out


def _starts_bad(token: str) -> bool:
    return token[0] in NO_LINE_START


def _ends_bad(token: str) -> bool:
    return token[-1] in NO_LINE_END


def wrap_lines(
    text: str, width_of: Callable[[str], float], max_width: float, *, first_width: float | None = None
) -> list[str]:
    """Lines of one paragraph (no newlines inside); the first may be narrower (an indent)."""
    toks = tokens(text)
    lines: list[list[str]] = []
    line: list[str] = []
    used = 0.0
    limit = max_width if first_width is None else first_width
    i = 0
    while i < len(toks):
        tok = toks[i]
        if not line and tok.isspace() and lines:  # no blanks at the start of a wrapped line
            i += 1
            continue
        w = width_of(tok)
        if not line or used + w <= limit + 1e-6 or tok.isspace():
            if w > limit and not line and len(tok) > 1:  # a Latin run longer than a line: cut it
                cut = _fit(tok, width_of, limit)
                toks[i : i + 1] = [tok[:cut], tok[cut:]]
                continue
            line.append(tok)
            used += w
            i += 1
            continue
        # The line is full and `tok` comes next. Push characters down until the break is legal.
        carry: list[str] = []
        while len(line) > 1 and (_starts_bad((carry or [tok])[0]) or _ends_bad(line[-1])):
            carry.insert(0, line.pop())
        if len(line) == 1 and (_starts_bad((carry or [tok])[0]) or _ends_bad(line[-1])):
            line += carry  # nothing legal left to push: keep the line as it was
            carry = []
        lines.append(line)
        limit = max_width
        line = carry
        used = sum(width_of(t) for t in line)
    if line or not lines:
        lines.append(line)
    return [
        "".join(parts).rstrip() if k < len(lines) - 1 else "".join(parts) for k, parts in enumerate(lines)
    ]


def _fit(token: str, width_of: Callable[[str], float], max_width: float) -> int:
    for k in range(len(token) - 1, 0, -1):
        if width_of(token[:k]) <= max_width:
            return k
    return 1


@dataclass(frozen=True)
class TextStyle:
    font: str
    size: float
    leading: float | None = None  # default 1.5 × size
    first_indent: float = 0.0  # in points; Chinese paragraphs indent two characters
    justify: bool = True
    align: str = "left"  # for lines that are not justified: left, center, right
    color: colors.Color = colors.black
    space_before: float = 0.0
    space_after: float = 0.0

    @property
    def line_height(self) -> float:
        return self.leading or self.size * 1.5


class CJKParagraph(Flowable):
    """One paragraph of Chinese text, wrapped by `wrap_lines`, justified, splittable across pages."""

    def __init__(self, text: str, style: TextStyle) -> None:
        super().__init__()
        self.text = text.replace("\r", "").replace("\n", " ")
        self.style = style
        self.lines: list[tuple[str, float]] = []  # (text, indent)
        self._fixed = False  # a piece made by split() keeps its lines
        self._final = True  # whether this piece ends the paragraph (its last line stays ragged)
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after

    @classmethod
    def _piece(cls, style: TextStyle, lines: list[tuple[str, float]], final: bool) -> CJKParagraph:
        p = cls("", style)
        p.lines, p._fixed, p._final = lines, True, final
        return p

    def _width_of(self, s: str) -> float:
        return stringWidth(s, self.style.font, self.style.size)

    def _layout(self, width: float) -> None:
        if self._fixed:
            return
        indent = self.style.first_indent
        if not self.text:
            self.lines = [("", 0.0)]
            return
        wrapped = wrap_lines(self.text, self._width_of, width, first_width=width - indent)
        self.lines = [(line, indent if k == 0 else 0.0) for k, line in enumerate(wrapped)]

    def wrap(self, availWidth, availHeight):  # noqa: N803 (reportlab's names)
        self.width = availWidth
        self._layout(availWidth)
        self.height = len(self.lines) * self.style.line_height
        return availWidth, self.height

    def split(self, availWidth, availHeight):  # noqa: N803
        self.wrap(availWidth, availHeight)
        fit = int((availHeight + 1e-6) // self.style.line_height)
        if fit >= len(self.lines):
            return [self]
        if fit <= 0:
            return []
        head = self._piece(self.style, self.lines[:fit], final=False)
        head.spaceBefore, head.spaceAfter = self.spaceBefore, 0
        tail = self._piece(self.style, self.lines[fit:], final=self._final)
        tail.spaceBefore, tail.spaceAfter = 0, self.spaceAfter
        return [head, tail]

    def draw(self) -> None:
        st = self.style
        canv = self.canv
        canv.setFillColor(st.color)
        # Baseline of the first line: centred in its leading, descenders allowed for.
        y = self.height - (st.line_height + st.size * 0.76) / 2
        last = len(self.lines) - 1
        for k, (line, indent) in enumerate(self.lines):
            avail = self.width - indent
            w = self._width_of(line)
            char_space = 0.0
            x = indent
            ragged = k == last and self._final
            if st.justify and not ragged and len(line) > 1:
                spread = (avail - w) / (len(line) - 1)
                if 0 < spread <= st.size * 0.5:  # spread only a little, so the text stays readable
                    char_space = spread
            elif st.align == "center":
                x = indent + (avail - w) / 2
            elif st.align == "right":
                x = indent + avail - w
            t = canv.beginText(x, y)
            t.setFont(st.font, st.size)
            t.setCharSpace(char_space)
            t.textOut(line)
            canv.drawText(t)
            y -= st.line_height


def paragraphs(text: str, style: TextStyle) -> list[CJKParagraph]:
    """One flowable per line of `text` (blank lines kept as empty paragraphs)."""
    return [CJKParagraph(part, style) for part in text.replace("\r\n", "\n").split("\n")]
