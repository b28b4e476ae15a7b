"""Where everything sits on a printed evaluation form or questionnaire, in millimetres from the top left.

The printer (evaluation_form.py) draws from this layout and the reader of scans (imports/omr.py) reads
from the same layout, so a box is always looked for where it was printed. Text is measured by cells
(a full-width character one em, a half-width one half an em), never by the font's own widths, so the
layout (and so every box) is the same whichever fonts the workstation has.

Every page (A4) carries:
- four registration marks: solid squares of MARK_SIZE at MARKS (centres), in empty corners;
- the page code: CODE_BITS cells in a row at the foot, a filled square for a 1 — the form code (12
  bits), the round (6), the page (4), the serial (20) and a CRC-8 — and the same printed in digits;
- one square box per answer (BOX mm), at least 1.5 mm apart, nothing else printed inside.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from app.core.domain.evaluation.model import Form, Section

PAGE_W, PAGE_H = 210.0, 297.0
MARK_SIZE = 8.0
# Far enough inside the sheet that a page skewed 5° and scaled 103 % on the glass keeps them whole.
MARKS = ((23.0, 19.0), (187.0, 19.0), (23.0, 279.0), (187.0, 279.0))
BOX = 5.0
LEFT, RIGHT = 18.0, 192.0
TOP_NEXT, BOTTOM = 28.0, 262.0
CODE_X, CODE_Y, CODE_CELL, CODE_DOT = 40.0, 273.0, 2.6, 2.0  # first cell's centre x, centre y
PT = 25.4 / 72  # one point in mm

FORM_BITS, ROUND_BITS, PAGE_BITS, SERIAL_BITS, CRC_BITS = 12, 6, 4, 20, 8
CRC_XOR = 0xA5  # an all-blank row is no valid code
CODE_BITS = FORM_BITS + ROUND_BITS + PAGE_BITS + SERIAL_BITS + CRC_BITS


def em(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in ("W", "F", "A") else 0.5 for c in text)


def text_width(text: str, size: float) -> float:
    """Width in mm of `text` at `size` points, by cells."""
    return em(text) * size * PT


def wrap(text: str, size: float, width: float) -> list[str]:
    lines, line = [], ""
    for ch in text:
        if text_width(line + ch, size) > width and line:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line else lines or [""]


@dataclass(frozen=True)
class Box:
    item_key: str
    option_key: str
    x: float  # centre
    y: float
    size: float = BOX


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float
    style: str = "song"  # song | hei | kai | title
    align: str = "left"  # left | center | right


@dataclass(frozen=True)
class Rule:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.3


@dataclass
class Page:
    number: int
    boxes: list[Box] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)


@dataclass
class Layout:
    form: Form
    pages: list[Page]

    def boxes_of(self, page_no: int) -> list[Box]:
        return self.pages[page_no - 1].boxes


# ---- the page code ------------------------------------------------------------------------------


def crc8(value: int, nbytes: int = 6) -> int:
    crc = 0
    for byte in value.to_bytes(nbytes, "big"):
        crc ^= byte
        for _ in range(8):
            crc = ((crc << 1) ^ 0x07) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc


def encode_code(form_code: int, round_no: int, page_no: int, serial: int) -> list[int]:
    """The CODE_BITS bits of a page code, most significant first."""
    data = form_code
    for value, bits in ((round_no, ROUND_BITS), (page_no, PAGE_BITS), (serial, SERIAL_BITS)):
        data = (data << bits) | value
    word = (data << CRC_BITS) | (crc8(data) ^ CRC_XOR)
    return [(word >> (CODE_BITS - 1 - k)) & 1 for k in range(CODE_BITS)]


def decode_code(bits: list[int]) -> tuple[int, int, int, int] | None:
    """(form code, round, page, serial) from the bits, or None when the CRC does not match."""
    if len(bits) != CODE_BITS:
        return None
    word = 0
    for b in bits:
        word = (word << 1) | (1 if b else 0)
    data, crc = word >> CRC_BITS, word & 0xFF
    if crc8(data) ^ CRC_XOR != crc:
        return None
    serial = data & ((1 << SERIAL_BITS) - 1)
    data >>= SERIAL_BITS
    page = data & ((1 << PAGE_BITS) - 1)
    data >>= PAGE_BITS
    rnd = data & ((1 << ROUND_BITS) - 1)
    return data >> ROUND_BITS, rnd, page, serial


def code_cells() -> list[tuple[float, float]]:
    return [(CODE_X + k * CODE_CELL, CODE_Y) for k in range(CODE_BITS)]


# ---- laying out the sections --------------------------------------------------------------------


class _Flow:
    def __init__(self, form: Form) -> None:
        self.form = form
        self.pages = [Page(1)]
        self.y = 0.0

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def need(self, height: float) -> bool:
        """Start a new page unless `height` fits; True when a new page was started."""
        if self.y + height <= BOTTOM:
            return False
        self.pages.append(Page(len(self.pages) + 1))
        self.page.texts.append(Text(PAGE_W / 2, 22, f"{self.form.name}（续）", 9, "kai", "center"))
        self.y = TOP_NEXT
        return True

    def text_block(
        self, text: str, size: float, style: str = "song", x: float = LEFT, width: float = RIGHT - LEFT
    ) -> None:
        leading = size * PT * 1.55
        for line in wrap(text, size, width):
            self.page.texts.append(Text(x, self.y + size * PT * 0.9, line, size, style))
            self.y += leading

    def ruled_lines(self, n: int, x: float = LEFT + 6) -> None:
        for _ in range(n):
            self.y += 7.5
            self.page.rules.append(Rule(x, self.y, RIGHT, self.y, 0.25))
        self.y += 2.5


def _grid(flow: _Flow, s: Section) -> None:
    cols = [(d, g) for d in s.dimensions for g in s.options]
    name_w = 36.0
    pitch = min(8.0, (RIGHT - LEFT - name_w) / len(cols))
    box = BOX if pitch >= 6.5 else 4.4
    x0 = LEFT + name_w
    row_h = 9.0
    grade_size = min(7.5, min((pitch - 0.8) / (em(g.label) * PT) for g in s.options))

    def header() -> None:
        p, y = flow.page, flow.y
        p.rules.append(Rule(LEFT, y, x0 + pitch * len(cols), y))
        p.texts.append(Text(LEFT + name_w / 2, y + 8.2, "测评对象", 9, "hei", "center"))
        for k, d in enumerate(s.dimensions):
            left = x0 + k * len(s.options) * pitch
            span = len(s.options) * pitch
            size = min(9.0, (span - 1) / (em(d.label) * PT))
            p.texts.append(Text(left + span / 2, y + 4.6, d.label, size, "hei", "center"))
            p.rules.append(Rule(left, y, left, y + 12))
            p.rules.append(Rule(left, y + 6.5, left + span, y + 6.5, 0.2))
            for j, g in enumerate(s.options):
                p.texts.append(
                    Text(left + (j + 0.5) * pitch, y + 10.6, g.label, grade_size, "song", "center")
                )
        p.rules.append(Rule(LEFT, y, LEFT, y + 12))
        p.rules.append(Rule(x0 + pitch * len(cols), y, x0 + pitch * len(cols), y + 12))
        flow.y += 12

    flow.need(8 + 12 + row_h)
    flow.text_block(s.text, 11, "hei")
    flow.y += 1
    header()
    for n, subject in enumerate(s.subjects, start=1):
        if flow.need(row_h):
            header()
        p, y = flow.page, flow.y
        right = x0 + pitch * len(cols)
        p.rules.append(Rule(LEFT, y, right, y))
        name_size = min(10.5, (name_w - 2) / max(1.0, em(subject.name)) / PT)
        p.texts.append(
            Text(LEFT + 1.5, y + (4.6 if subject.position else 6.0), subject.name, name_size, "song")
        )
        if subject.position:
            pos_size = min(6.5, (name_w - 2) / max(1.0, em(subject.position)) / PT)
            p.texts.append(Text(LEFT + 1.5, y + 7.9, subject.position, pos_size, "kai"))
        for k, d in enumerate(s.dimensions):
            p.rules.append(
                Rule(x0 + k * len(s.options) * pitch, y, x0 + k * len(s.options) * pitch, y + row_h)
            )
            for j, g in enumerate(s.options):
                cx = x0 + (k * len(s.options) + j + 0.5) * pitch
                p.boxes.append(Box(f"{s.key}.{n}.{d.key}", g.key, cx, y + row_h / 2, box))
        p.rules.append(Rule(LEFT, y, LEFT, y + row_h))
        p.rules.append(Rule(right, y, right, y + row_h))
        flow.y += row_h
        p.rules.append(Rule(LEFT, flow.y, right, flow.y))
    flow.y += 5


def _question(flow: _Flow, s: Section) -> None:
    size = 10.5
    lines = wrap(s.text, size, RIGHT - LEFT)
    label_size = 10.0
    # Options flow along rows of 9 mm: box, label, a gap.
    rows: list[list[tuple[float, object]]] = [[]]
    x = LEFT + 6
    for o in s.options:
        w = BOX + 1.8 + text_width(o.label, label_size) + 7
        if x + w > RIGHT and rows[-1]:
            rows.append([])
            x = LEFT + 6
        rows[-1].append((x, o))
        x += w
    height = len(lines) * size * PT * 1.55 + len(rows) * 9 + (2 * 7.5 + 8 if s.detail_on else 0) + 3
    flow.need(height)
    flow.text_block(s.text, size)
    for row in rows:
        cy = flow.y + 4.5
        for x, o in row:
            flow.page.boxes.append(Box(s.key, o.key, x + BOX / 2, cy))
            flow.page.texts.append(Text(x + BOX + 1.8, cy + label_size * PT * 0.35, o.label, label_size))
        flow.y += 9
    if s.detail_on:
        flow.text_block(s.detail_label or "请写明具体情况：", 9, "kai", x=LEFT + 6)
        flow.ruled_lines(2)
    flow.y += 3


def _free_text(flow: _Flow, s: Section) -> None:
    size = 10.5
    flow.need(len(wrap(s.text, size, RIGHT - LEFT)) * size * PT * 1.55 + s.lines * 7.5 + 6)
    flow.text_block(s.text, size)
    flow.ruled_lines(s.lines, LEFT + 2)
    flow.y += 2


def layout(form: Form) -> Layout:
    """The pages of a form, every box placed (the same for every copy of it)."""
    flow = _Flow(form)
    flow.y = 21.0
    flow.page.texts.append(Text(PAGE_W / 2, 29.0, form.name, 16, "title", "center"))
    flow.y = 34.0
    if form.instructions:
        flow.text_block(form.instructions, 9, "kai")
    flow.y += 3
    for s in form.sections:
        {"grid": _grid, "single": _question, "multiple": _question, "text": _free_text}[s.type](flow, s)
    if len(flow.pages) > (1 << PAGE_BITS) - 1:
        from app.core.errors import ValidationError

        raise ValidationError("测评表太长（超过 15 页），请拆分。", field="sections")
    return Layout(form, flow.pages)
