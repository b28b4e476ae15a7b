"""The GB/T 9704-2012 page (党政机关公文格式): a fixed grid of 22 lines × 28 characters.

Geometry (A4): the text block (版心) is 156 × 225 mm, 37 mm from the top (天头) and 28 mm from the
left (订口). Body text is 3号 (16 pt) 仿宋, set on a grid: 28 characters a line (the character pitch
is 156 mm / 28, so 16 pt glyphs are drawn with a slightly negative character spacing) and 22 lines a
page (line pitch 225 mm / 22), each line's em box centred in its grid line. Everything on the page
takes whole grid lines, so every full page has exactly 22 lines.

Page 1 begins with the copy number (6 digits, 3号) and the classification with its protection period
(3号黑体), then the title (2号 小标宋, centred), the addressee and the body. Headings are recognised
by their numbering: "一、" 黑体, "（一）" 楷体, "1." and "(1)" 仿宋; a heading run ends at its first "。"
and the paragraph continues in the body font. The issuing body and the date close the document: the
date 4 characters in from the right, the issuer centred above it, the seal (when applied) centred
over both, its centre a little above them, as a seal is pressed on paper.

Page numbers "— N —" in 4号 宋体, their dash line 7 mm below the text block, right on odd pages and
left on even, one character in from the edge of the block. A registered copy also carries, on every
page, a faint diagonal watermark (printing user, time, copy number) and, in the bottom margin, its
authentication code (核验码) and QR code.

Layout (`compose`) runs once per version; `draw` renders it per copy, so N copies cost one layout.
Lines never start with closing punctuation nor end with an opening one (the push-out rule of text.py).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.core.printing.fonts import Family, FontSet, default_fonts
from app.core.printing.furniture import copy_number_text
from app.core.printing.text import NO_LINE_END, NO_LINE_START, tokens

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
PAGE_NUMBER_SIZE = 14.0  # 4号
PAGE_NUMBER_GAP = 7 * mm  # dash line below the text block
SEAL_DIAMETER = 42 * mm
DATE_RIGHT_INSET = 4  # characters: 成文日期右空四字
BLOCK_BOTTOM = PAGE_HEIGHT - TOP - BLOCK_HEIGHT  # from the page foot, PDF coordinates

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


@dataclass
class Layout:
    pages: list[Page]
    fonts: FontSet
    title: str

    @property
    def page_count(self) -> int:
        return len(self.pages)


# ---- line breaking with mixed fonts ----------------------------------------------------------------

_CHAR_SPACE = PITCH_X - BODY_SIZE  # negative: 16 pt glyphs on a 15.79 pt pitch


def _char_space(size: float) -> float:
    # Body-size text sits on the grid; larger text (the title) keeps its natural width.
    return _CHAR_SPACE if size == BODY_SIZE else 0.0


_WIDTHS: dict[tuple[str, str, float], float] = {}


def _width(text: str, font: str, size: float) -> float:
    # Text is mostly single Chinese characters: measure each (token, font, size) once.
    key = (text, font, size)
    width = _WIDTHS.get(key)
    if width is None:
        if len(_WIDTHS) > 100_000:
            _WIDTHS.clear()
        width = _WIDTHS[key] = stringWidth(text, font, size) + len(text) * _char_space(size)
    return width


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


def compose(text: OfficialText, fonts: FontSet | None = None, *, numbered: bool = True) -> Layout:
    """Lay the document out on the grid. `numbered` reserves the copy-number line on page 1."""
    fonts = fonts or default_fonts()
    flow: list[Line] = []
    # 版头: copy number, then classification (both 顶格), then a blank line before the title.
    if numbered or text.classification:
        flow.append(Line([Run("", fonts.song)], align="left", role="mark"))  # copy number, drawn per copy
        if text.classification:
            flow.append(Line([Run(text.classification, fonts.hei)], align="left", role="mark"))
        flow.append(Line([], role="blank"))
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
    return Layout(_paginate(flow), fonts, text.title)


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


def baseline(line_index: int, size: float = BODY_SIZE, ascent: float = 0.879) -> float:
    """PDF y of the baseline of grid line `line_index` (0-based): the em box centred in its line."""
    line_top = PAGE_HEIGHT - TOP - line_index * PITCH_Y
    em_top = line_top - (PITCH_Y - size) / 2
    return em_top - ascent * size


def _font_ascent(font: str) -> float:
    from reportlab.pdfbase.pdfmetrics import getFont

    face = getattr(getFont(font), "face", None)
    return (face.ascent / 1000.0) if face is not None else 0.88


def _draw_line(canv: Canvas, line: Line, y_index: int, copy_text: str) -> None:
    runs = line.runs
    if line.role == "mark" and runs and runs[0].text == "":
        if not copy_text:
            return
        runs = [Run(copy_text, runs[0].font)]
    if not runs or not "".join(r.text for r in runs):
        return
    size = line.size
    cs = _char_space(size)
    natural = sum(_width(r.text, r.font, size) for r in runs)
    avail = BLOCK_WIDTH - line.indent - line.right_inset
    n = sum(len(r.text) for r in runs)
    x = LEFT + line.indent
    if line.align == "justify" and not line.last and n > 1:
        spread = (avail - natural) / (n - 1)
        if 0 < spread <= size * 0.5:
            cs += spread
    elif line.align == "center":
        x += (avail - natural) / 2
    elif line.align == "right":
        x += avail - natural
    # Baseline from the first run's font, so the em box sits centred in the grid line.
    y = baseline(y_index, size, _font_ascent(runs[0].font))
    t = canv.beginText(x, y)
    t.setCharSpace(cs)
    if line.bold:
        t.setTextRenderMode(2)  # fill and stroke: a bolder title where no 小标宋 is installed
        canv.setLineWidth(size * 0.035)
    for run in runs:
        t.setFont(run.font, size)
        t.textOut(run.text)
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


def _draw_watermark(canv: Canvas, fonts: FontSet, text: str) -> None:
    canv.saveState()
    canv.setFillColorRGB(0.55, 0.55, 0.55)
    canv.setFont(fonts.song, 11)
    canv.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canv.rotate(35)
    for row in range(-5, 6):
        offset = (row % 2) * 60
        for col in (-1, 0, 1):
            canv.drawCentredString(col * 260 + offset, row * 72, text)
    canv.restoreState()


def _define_copy_forms(canv: Canvas, fonts: FontSet, marks: CopyMarks) -> None:
    """The watermark and the QR code as form XObjects: encoded and drawn once, placed on every page."""
    from app.core.printing.authentication import draw_qr

    canv.beginForm("xc-watermark")
    _draw_watermark(canv, fonts, marks.watermark)
    canv.endForm()
    canv.beginForm("xc-qr", lowerx=0, lowery=0, upperx=QR_SIZE, uppery=QR_SIZE)
    draw_qr(canv, marks.qr_payload, 0, 0, QR_SIZE)
    canv.endForm()


QR_SIZE = 17 * mm


def _draw_code(canv: Canvas, fonts: FontSet, marks: CopyMarks, page_number: int) -> None:
    # Opposite the page number: bottom left on odd pages, bottom right on even ones.
    y = 8 * mm
    odd = page_number % 2 == 1
    x = LEFT if odd else LEFT + BLOCK_WIDTH - QR_SIZE
    canv.saveState()
    canv.translate(x, y)
    canv.doForm("xc-qr")
    canv.restoreState()
    canv.setFont(fonts.song, 7.5)
    canv.setFillColorRGB(0.2, 0.2, 0.2)
    label = f"核验码 {marks.code}"
    if odd:
        canv.drawString(x + QR_SIZE + 2 * mm, y + 1.5 * mm, label)
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
    middle = PAGE_HEIGHT - TOP - (page.seal_at + 1) * PITCH_Y
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
    for number, page in enumerate(layout.pages, start=1):
        for k, line in enumerate(page.lines):
            _draw_line(canv, line, k, copy_text if number == 1 else "")
        if seal is not None and page.seal_at is not None:
            _draw_seal(canv, seal, page)
        _draw_page_number(canv, fonts, number)
        if marks is not None:
            _draw_code(canv, fonts, marks, number)
            canv.saveState()
            canv.setFillAlpha(0.16)  # set on the page: a form's own resources carry no ExtGState
            canv.doForm("xc-watermark")
            canv.restoreState()
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
