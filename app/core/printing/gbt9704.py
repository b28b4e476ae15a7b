"""The GB/T 9704-2012 page (党政机关公文格式): a fixed grid of 22 lines × 28 characters.

Geometry (app.core.printing.grid, A4): the text block (版心) is 156 × 225 mm, 37 mm from the top
(天头) and 28 mm from the left (订口). Body text is 3号 (16 pt) 仿宋 set on the grid: every character
takes its cells (a full-width one 156 mm / 28, a half-width digit or letter half of that), and 22
lines a page (line pitch 225 mm / 22), each line's em box starting at the top of its grid line, so
the first line's characters start 37 mm from the top. Everything on the page takes whole grid lines,
so every full page has exactly 22 lines. Typed half-width punctuation is set full width first
(app.core.printing.punctuation), so every full line holds 28 characters.

Page 1 begins with the copy number (6 digits, 3号) and the classification with its protection period
(3号黑体); with a `Head`, the 版头 or the 信函格式 follows (app.core.printing.masthead); then the title
(2号 小标宋, centred), the addressee and the body. Headings are recognised by their numbering: "一、"
黑体, "（一）" 楷体, "1." and "(1)" 仿宋; a heading run ends at its first "。" and the paragraph
continues in the body font. The issuing body and the date close the document: the date 4 characters
in from the right, the issuer centred above it, the seal (when applied) centred over both, its centre
a little above them, as a seal is pressed on paper. The 版记, when the document has one, takes the
last lines of the last page.

Page numbers "— N —" in 4号 宋体, their dash line 7 mm below the text block, right on odd pages and
left on even, one character in from the edge of the block (none on the first page of a letter). A
registered copy also carries, on every page, a faint diagonal watermark (printing user, time, copy
number) drawn as a picture so that it stays out of the text layer (app.core.printing.watermark), and,
in the bottom margin, its authentication code (核验码) and QR code.

Layout (`compose`) runs once per version; `draw` renders it per copy, so N copies cost one layout.
Lines never start with closing punctuation nor end with an opening one (the push-out rule of text.py).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from app.core.printing import masthead
from app.core.printing.fonts import Family, FontSet, default_fonts
from app.core.printing.furniture import copy_number_text
from app.core.printing.grid import (
    BLOCK_BOTTOM,
    BLOCK_HEIGHT,
    BLOCK_WIDTH,
    BODY_SIZE,
    CHARS_PER_LINE,
    LEFT,
    LINES_PER_PAGE,
    PAGE_HEIGHT,
    PAGE_NUMBER_SIZE,
    PAGE_WIDTH,
    PITCH_X,
    PITCH_Y,
    TITLE_SIZE,
    TOP,
    baseline,
    font_ascent,
    text_out,
)
from app.core.printing.grid import width as _width
from app.core.printing.masthead import Head
from app.core.printing.punctuation import official_punctuation
from app.core.printing.text import NO_LINE_END, NO_LINE_START, tokens
from app.core.printing.watermark import draw_watermark

__all__ = [
    "BLOCK_HEIGHT",
    "BLOCK_WIDTH",
    "CHARS_PER_LINE",
    "LEFT",
    "LINES_PER_PAGE",
    "PITCH_X",
    "PITCH_Y",
    "TOP",
    "CopyMarks",
    "Head",
    "Layout",
    "OfficialText",
    "baseline",
    "compose",
    "draw",
    "render",
]

PAGE_NUMBER_GAP = 7 * mm  # dash line below the text block
SEAL_DIAMETER = 42 * mm
DATE_RIGHT_INSET = 4  # characters: 成文日期右空四字

# Heading numbering; level 1 "一、", 2 "（一）", 3 "1." / "1．", 4 "(1)" / "（1）".
_CN_NUM = "一二三四五六七八九十百零〇"
HEADING_PATTERNS = (
    (1, re.compile(rf"^[{_CN_NUM}]+、")),
    (2, re.compile(rf"^（[{_CN_NUM}]+）")),
    (3, re.compile(r"^\d+[.．](?!\d)")),
    (4, re.compile(r"^[(（]\d+[)）]")),
)


def heading_level(paragraph: str) -> int:
    """0 for body text, else the heading level its numbering announces (1–4)."""
    text = paragraph.lstrip()
    for level, pattern in HEADING_PATTERNS:
        if pattern.match(text):
            return level
    return 0


def chinese_date(value: str) -> str:
    """'2026-05-20' -> '2026年5月20日' (GB/T 9704-2012 writes dates with Arabic numerals)."""
    try:
        d = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class OfficialText:
    """What a document says: the versioned text kept in the database."""

    title: str
    body: str
    issuer: str
    issued_on: str  # ISO date
    addressee: str = ""  # 主送机关, e.g. "市纪委监委："
    classification: str = ""  # the full mark, e.g. "秘密★1年"
    head: Head | None = None  # 版头 and 版记; None: the body alone (a draft's preview)


@dataclass(frozen=True)
class CopyMarks:
    """What makes a printed copy this copy: its number, watermark and authentication code."""

    copy_number: int
    watermark: str
    code: str
    qr_payload: str


@dataclass
class Run:
    text: str
    font: str


@dataclass
class Line:
    runs: list[Run]
    size: float = BODY_SIZE
    indent: float = 0.0  # from the left edge of the block
    right_inset: float = 0.0
    align: str = "justify"  # justify | left | center | right
    last: bool = True  # the last line of its paragraph stays ragged
    bold: bool = False  # fake bold for a stand-in title font
    role: str = "body"  # body | heading | title | mark | addressee | issuer | date | blank
    keep_with_next: bool = False

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Page:
    lines: list[Line] = field(default_factory=list)
    seal_at: int | None = None  # index of the issuer line the seal is centred on
    imprint_at: int | None = None  # the grid line where the 版记 begins (the last page)


@dataclass
class Layout:
    pages: list[Page]
    fonts: FontSet
    title: str
    head: Head | None = None
    imprint: list[tuple[str, str]] = field(default_factory=list)

    @property
    def page_count(self) -> int:
        return len(self.pages)


# ---- line breaking with mixed fonts ----------------------------------------------------------------


def _split_runs(runs: list[Run]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for run in runs:
        out.extend((tok, run.font) for tok in tokens(run.text))
    return out


def _merge(units: list[tuple[str, str]]) -> list[Run]:
    runs: list[Run] = []
    for text, font in units:
        if runs and runs[-1].font == font:
            runs[-1].text += text
        else:
            runs.append(Run(text, font))
    return runs


def wrap_runs(runs: list[Run], size: float, first_width: float, width: float) -> list[list[Run]]:
    """Break a paragraph of font runs into lines; no closing mark starts a line, no opening one ends one."""
    units = _split_runs(runs)
    widths = [_width(t, f, size) for t, f in units]
    lines: list[list[tuple[str, str]]] = []
    line: list[tuple[str, str]] = []
    line_w: list[float] = []
    used = 0.0  # running sum of line_w
    limit = first_width
    i = 0
    while i < len(units):
        tok, w = units[i], widths[i]
        if not line and tok[0].isspace() and lines:
            i += 1
            continue
        if not line or used + w <= limit + 1e-6:
            if w > limit and not line and len(tok[0]) > 1:  # a Latin run longer than a line: cut it
                cut = max(1, int(len(tok[0]) * limit / w))
                units[i : i + 1] = [(tok[0][:cut], tok[1]), (tok[0][cut:], tok[1])]
                widths[i : i + 1] = [_width(u[0], u[1], size) for u in units[i : i + 2]]
                continue
            line.append(tok)
            line_w.append(w)
            used += w
            i += 1
            continue
        carry: list[tuple[str, str]] = []
        carry_w: list[float] = []

        def bad(nxt: str, last: str) -> bool:
            return nxt[0] in NO_LINE_START or last[-1] in NO_LINE_END

        while len(line) > 1 and bad((carry or [tok])[0][0], line[-1][0]):
            carry.insert(0, line.pop())
            carry_w.insert(0, line_w.pop())
        if len(line) == 1 and bad((carry or [tok])[0][0], line[-1][0]):
            line += carry
            line_w += carry_w
            carry, carry_w = [], []
        lines.append(line)
        limit = width
        line, line_w = carry, carry_w
        used = sum(line_w)
    if line or not lines:
        lines.append(line)
    return [_merge(x) for x in lines]


# ---- composing the pages ---------------------------------------------------------------------------


def _heading_runs(paragraph: str, level: int, fonts: FontSet) -> list[Run]:
    body = fonts.fangsong
    font = {1: fonts.hei, 2: fonts.kai}.get(level, body)
    if font == body:
        return [Run(paragraph, body)]
    end = paragraph.find("。")
    if end < 0 or end == len(paragraph) - 1:
        return [Run(paragraph, font)]
    return [Run(paragraph[: end + 1], font), Run(paragraph[end + 1 :], body)]


def _paragraph_lines(paragraph: str, fonts: FontSet) -> list[Line]:
    paragraph = paragraph.strip()
    if not paragraph:
        return [Line([], role="blank")]
    level = heading_level(paragraph)
    runs = _heading_runs(paragraph, level, fonts) if level else [Run(paragraph, fonts.fangsong)]
    indent = 2 * PITCH_X
    wrapped = wrap_runs(runs, BODY_SIZE, BLOCK_WIDTH - indent, BLOCK_WIDTH)
    standalone = level in (1, 2) and len(runs) == 1
    out = []
    for k, parts in enumerate(wrapped):
        out.append(
            Line(
                parts,
                indent=indent if k == 0 else 0.0,
                last=k == len(wrapped) - 1,
                role="heading" if standalone else "body",
                keep_with_next=standalone,  # a heading never ends a page
            )
        )
    return out


def _normalised(text: OfficialText) -> OfficialText:
    """Half-width punctuation typed into the text set in full width, so the grid holds."""
    return OfficialText(
        title=official_punctuation(text.title),
        body=official_punctuation(text.body),
        issuer=official_punctuation(text.issuer),
        issued_on=text.issued_on,
        addressee=official_punctuation(text.addressee),
        classification=text.classification,
        head=text.head,
    )


def _head_lines(text: OfficialText, fonts: FontSet, numbered: bool) -> list[Line]:
    """Page 1 above the title: copy number, classification and the 版头's reserved grid lines."""
    copy_line = Line([Run("", fonts.song)], align="left", role="mark")  # the copy number, drawn per copy
    classification = (
        Line([Run(text.classification, fonts.hei)], align="left", role="mark")
        if text.classification
        else Line([], role="blank")
    )
    head = text.head
    if head is None:
        if not (numbered or text.classification):
            return []
        lines = [copy_line] + ([classification] if text.classification else [])
        return lines + [Line([], role="blank")]
    lines = [Line([], role="head")] if head.letter else []
    lines += [copy_line, classification]
    while len(lines) < head.title_row:
        lines.append(Line([], role="head"))
    return lines


def compose(text: OfficialText, fonts: FontSet | None = None, *, numbered: bool = True) -> Layout:
    """Lay the document out on the grid. `numbered` reserves the copy-number line on page 1."""
    fonts = fonts or default_fonts()
    text = _normalised(text)
    flow: list[Line] = _head_lines(text, fonts, numbered)
    for line in flow:
        line.keep_with_next = True  # the head never stands alone on a page
    bold = not fonts.fonts[Family.XIAOBIAOSONG].official
    title_lines = wrap_runs([Run(text.title.strip(), fonts.title)], TITLE_SIZE, BLOCK_WIDTH, BLOCK_WIDTH)
    for parts in title_lines:
        flow.append(
            Line(parts, size=TITLE_SIZE, align="center", bold=bold, role="title", keep_with_next=True)
        )
    flow.append(Line([], role="blank", keep_with_next=True))
    if text.addressee.strip():
        for parts in wrap_runs(
            [Run(text.addressee.strip(), fonts.fangsong)], BODY_SIZE, BLOCK_WIDTH, BLOCK_WIDTH
        ):
            flow.append(Line(parts, last=True, align="left", role="addressee"))
    for paragraph in text.body.replace("\r\n", "\n").split("\n"):
        flow.extend(_paragraph_lines(paragraph, fonts))
    while flow and flow[-1].role == "blank":
        flow.pop()
    # Issuer and date, kept together with the last line of the body (a signature never stands alone).
    if flow:
        flow[-1].keep_with_next = True
    flow.append(Line([], role="blank", keep_with_next=True))
    date_text = chinese_date(text.issued_on)
    date_inset = DATE_RIGHT_INSET * PITCH_X
    date_width = _width(date_text, fonts.fangsong, BODY_SIZE)
    issuer_width = _width(text.issuer, fonts.fangsong, BODY_SIZE)
    # The issuer is centred on the date; a long issuer moves left but never past the block's edge.
    centre = BLOCK_WIDTH - date_inset - date_width / 2
    issuer_inset = max(0.0, BLOCK_WIDTH - centre - issuer_width / 2)
    flow.append(
        Line(
            [Run(text.issuer, fonts.fangsong)],
            align="right",
            right_inset=issuer_inset,
            role="issuer",
            keep_with_next=True,
        )
    )
    flow.append(Line([Run(date_text, fonts.fangsong)], align="right", right_inset=date_inset, role="date"))
    imprint = masthead.imprint_lines(text.head, fonts) if text.head else []
    pages = _paginate(flow)
    if imprint:
        last = pages[-1]
        room = LINES_PER_PAGE - len(imprint)
        if len(last.lines) > room - 1:  # at least one empty line between the date and the 版记
            pages.append(Page())
        pages[-1].imprint_at = room
    return Layout(pages, fonts, text.title, text.head, imprint)


def _paginate(flow: list[Line]) -> list[Page]:
    pages: list[Page] = []
    i = 0
    while i < len(flow):
        while pages and i < len(flow) and flow[i].role == "blank":  # no blank line at a page top
            i += 1
        if i >= len(flow):
            break
        end = min(i + LINES_PER_PAGE, len(flow))
        if end < len(flow):
            # Pull back over lines that must stay with the next one, unless that empties the page.
            cut = end
            while cut > i + 1 and flow[cut - 1].keep_with_next:
                cut -= 1
            if cut > i + LINES_PER_PAGE // 2:
                end = cut
        page = Page(list(flow[i:end]))
        for k, line in enumerate(page.lines):
            if line.role == "issuer":
                page.seal_at = k
        pages.append(page)
        i = end
    return pages or [Page()]


# ---- drawing ---------------------------------------------------------------------------------------


def _draw_line(canv: Canvas, line: Line, y_index: int, copy_text: str) -> None:
    runs = line.runs
    if line.role == "mark" and runs and runs[0].text == "":
        if not copy_text:
            return
        runs = [Run(copy_text, runs[0].font)]
    if not runs or not "".join(r.text for r in runs):
        return
    size = line.size
    natural = sum(_width(r.text, r.font, size) for r in runs)
    avail = BLOCK_WIDTH - line.indent - line.right_inset
    n = sum(len(r.text) for r in runs)
    x = LEFT + line.indent
    spread = 0.0
    if line.align == "justify" and not line.last and n > 1:
        gap = (avail - natural) / (n - 1)
        if 0 < gap <= size * 0.5:
            spread = gap
    elif line.align == "center":
        x += (avail - natural) / 2
    elif line.align == "right":
        x += avail - natural
    # Baseline from the first run's font, so the em box's top lies on the top of its grid line.
    y = baseline(y_index, size, font_ascent(runs[0].font))
    t = canv.beginText(x, y)
    if line.bold:
        t.setTextRenderMode(2)  # fill and stroke: a bolder title where no 小标宋 is installed
        canv.setLineWidth(size * 0.035)
    for run in runs:
        text_out(t, run.text, run.font, size, spread)
    t.setCharSpace(0)  # the character spacing outlives the text object too
    if line.bold:
        t.setTextRenderMode(0)  # the render mode outlives the text object: put it back
    canv.drawText(t)
    if line.bold:
        canv.setLineWidth(1)


def _draw_page_number(canv: Canvas, fonts: FontSet, number: int) -> None:
    text = f"— {number} —"
    canv.setFont(fonts.song, PAGE_NUMBER_SIZE)
    # The dash sits about a third of an em above the baseline; its line is 7 mm below the block.
    y = BLOCK_BOTTOM - PAGE_NUMBER_GAP - 0.32 * PAGE_NUMBER_SIZE
    if number % 2:
        canv.drawRightString(LEFT + BLOCK_WIDTH - PAGE_NUMBER_SIZE, y, text)
    else:
        canv.drawString(LEFT + PAGE_NUMBER_SIZE, y, text)


def _define_copy_forms(canv: Canvas, fonts: FontSet, marks: CopyMarks) -> None:
    """The watermark and the QR code as form XObjects: encoded and drawn once, placed on every page."""
    from app.core.printing.authentication import draw_qr

    canv.beginForm("xc-watermark")
    draw_watermark(canv, fonts, marks.watermark, PAGE_WIDTH, PAGE_HEIGHT)  # an image, not text
    canv.endForm()
    canv.beginForm("xc-qr", lowerx=0, lowery=0, upperx=QR_SIZE, uppery=QR_SIZE)
    draw_qr(canv, marks.qr_payload, 0, 0, QR_SIZE)
    canv.endForm()


QR_SIZE = 17 * mm


LETTER_QR_SIZE = 14 * mm  # below the 信函格式's lower red double line, 20 mm above the foot


def _draw_code(
    canv: Canvas, fonts: FontSet, marks: CopyMarks, page_number: int, letter: bool = False
) -> None:
    # Opposite the page number: bottom left on odd pages, bottom right on even ones.
    size = LETTER_QR_SIZE if letter else QR_SIZE
    y = 2.5 * mm if letter else 8 * mm
    odd = page_number % 2 == 1
    x = LEFT if odd else LEFT + BLOCK_WIDTH - size
    canv.saveState()
    canv.translate(x, y)
    canv.scale(size / QR_SIZE, size / QR_SIZE)
    canv.doForm("xc-qr")
    canv.restoreState()
    canv.setFont(fonts.song, 7.5)
    canv.setFillColorRGB(0.2, 0.2, 0.2)
    label = f"核验码 {marks.code}"
    if odd:
        canv.drawString(x + size + 2 * mm, y + 1.5 * mm, label)
    else:
        canv.drawRightString(x - 2 * mm, y + 1.5 * mm, label)
    canv.setFillColorRGB(0, 0, 0)


def _draw_seal(canv: Canvas, image: ImageReader, page: Page) -> None:
    assert page.seal_at is not None
    issuer_line = page.lines[page.seal_at]
    date_line = page.lines[page.seal_at + 1] if page.seal_at + 1 < len(page.lines) else issuer_line
    # Centre over the date (the issuer is centred on it), a little above the two lines' middle.
    date_text = date_line.text
    width = _width(date_text, date_line.runs[0].font, BODY_SIZE) if date_line.runs else 0
    cx = LEFT + BLOCK_WIDTH - date_line.right_inset - width / 2
    middle = PAGE_HEIGHT - TOP - (page.seal_at + 1) * PITCH_Y + (PITCH_Y - BODY_SIZE) / 2  # between the two
    cy = middle + 0.2 * PITCH_Y
    iw, ih = image.getSize()
    w = SEAL_DIAMETER
    h = SEAL_DIAMETER * ih / iw
    canv.saveState()
    canv.setBlendMode("Multiply")  # ink over ink: the text under the seal stays legible
    canv.drawImage(image, cx - w / 2, cy - h / 2, w, h, mask="auto")
    canv.restoreState()


def draw(
    layout: Layout, *, marks: CopyMarks | None = None, seal_png: bytes | None = None, title: str = ""
) -> bytes:
    """Render a composed layout as PDF bytes, in memory; `marks` for a registered copy."""
    buffer = io.BytesIO()
    fonts = layout.fonts
    canv = Canvas(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        invariant=1,
        pageCompression=1,
        initialFontName=fonts.song,
        initialFontSize=12,
    )
    canv.setTitle(title or "公文")
    canv.setAuthor("")
    canv.setSubject("")
    canv.setCreator("巡察工作台")
    canv.setProducer("巡察工作台")
    seal = ImageReader(io.BytesIO(seal_png)) if seal_png else None
    copy_text = copy_number_text(marks.copy_number) if marks else ""
    if marks is not None:
        _define_copy_forms(canv, fonts, marks)
    head = layout.head
    for number, page in enumerate(layout.pages, start=1):
        if number == 1 and head is not None:
            masthead.draw_head(canv, head, fonts)
        for k, line in enumerate(page.lines):
            _draw_line(canv, line, k, copy_text if number == 1 else "")
        if page.imprint_at is not None and head is not None:
            masthead.draw_imprint(canv, head, fonts, layout.imprint, page.imprint_at)
        if seal is not None and page.seal_at is not None:
            _draw_seal(canv, seal, page)
        if not (number == 1 and head is not None and head.letter):  # a letter's first page: none
            _draw_page_number(canv, fonts, number)
        if marks is not None:
            _draw_code(canv, fonts, marks, number, letter=number == 1 and head is not None and head.letter)
            canv.doForm("xc-watermark")
        canv.showPage()
    canv.save()
    return buffer.getvalue()


def render(
    text: OfficialText,
    *,
    marks: CopyMarks | None = None,
    seal_png: bytes | None = None,
    fonts: FontSet | None = None,
    title: str = "",
) -> bytes:
    """One document as PDF bytes: a preview without `marks`, a registered copy with them."""
    return draw(compose(text, fonts), marks=marks, seal_png=seal_png, title=title)
