"""The user manual (使用手册) as PDF bytes, built in memory from docs/manual with the print pipeline.

A cover, the contents with page numbers, then one chapter per Markdown file in the order index.md
gives, each from a new page: "第 N 章" headings, "N.M" sections, paragraphs, lists, tables, framed
screenshots with numbered captions ("图 N-M"), 注意 boxes (block quotes) and command lines (fenced
code). The fonts are the printed documents' own (printing.fonts: 宋体 body, 黑体 headings and bold,
楷体 captions) plus the shipped WenQuanYi Micro Hei Mono for commands, all embedded. Page numbers
count the cover, so "第 12 页" in the contents is page 12 of the in-app preview.

The contents needs the pages its entries land on: the document is laid out, the pages read off, and
laid out again with them, until two passes agree (the contents has the same lines every pass, so
the second one normally settles it). Nothing is written to disk; the bytes are invariant (no date
or random id inside), so the same manual gives the same PDF.
"""

from __future__ import annotations

import io
import threading
from dataclasses import replace

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app import __version__
from app.core.printing import manual_markdown as md
from app.core.printing.fonts import Family, FontSet, default_fonts, shipped_fonts_dir
from app.core.printing.furniture import PAGE_HEIGHT, PAGE_WIDTH, canvas_maker
from app.core.printing.manual_flowables import Heading, ManualFurniture, Picture, TocLine
from app.core.printing.manual_source import Manual, load_manual
from app.core.printing.manual_text import BULLET, HOLLOW_BULLET, RichParagraph, RichStyle, pieces

CHINESE_NUMERALS = "〇一二三四五六七八九十"
NOTE_LABELS = ("注意", "提示", "警告", "说明")
NOTE_BACKGROUND = colors.Color(1.0, 0.97, 0.88)
NOTE_BAR = colors.Color(0.80, 0.45, 0.10)
CODE_BACKGROUND = colors.Color(0.94, 0.94, 0.94)
HEAD_BACKGROUND = colors.Color(0.90, 0.92, 0.95)
GRID = colors.Color(0.6, 0.6, 0.6)
HEADING_COLOUR = colors.Color(0.10, 0.20, 0.45)


def chapter_label(number: int) -> str:
    """第 N 章 with a Chinese numeral (一 … 十九)."""
    if number <= 10:
        numeral = CHINESE_NUMERALS[number]
    elif number < 20:
        numeral = "十" + CHINESE_NUMERALS[number - 10]
    else:
        numeral = str(number)
    return f"第{numeral}章"


_mono_lock = threading.Lock()
_mono: dict[str, str] = {}


def mono_font(fonts: FontSet) -> str:
    """WenQuanYi Micro Hei Mono (the second face of the shipped .ttc) for commands; 黑体 without it."""
    with _mono_lock:
        if "name" not in _mono:
            try:
                font = TTFont("XC-manual-mono", str(shipped_fonts_dir() / "wqy-microhei.ttc"), subfontIndex=1)
                pdfmetrics.registerFont(font)
                _mono["name"] = "XC-manual-mono"
            except (TTFError, OSError, ValueError, KeyError, IndexError):
                _mono["name"] = fonts.hei
        return _mono["name"]


class _Styles:
    def __init__(self, fonts: FontSet) -> None:
        mono = mono_font(fonts)
        base = RichStyle(fonts.song, fonts.hei, mono, 10.5, 18, space_after=5)
        self.fonts = fonts
        self.body = base
        self.item = replace(base, space_after=2)
        self.cell = replace(base, size=9.5, leading=14, space_after=0, justify=False)
        self.head_cell = replace(self.cell, font=fonts.hei)
        self.note = replace(base, space_after=3)
        self.code = replace(
            base, font=mono, size=9.5, leading=14, space_after=0, justify=False, code_background=None
        )
        self.caption = replace(
            base, font=fonts.kai, size=10, leading=15, justify=False, align="center", space_after=8
        )
        self.h1 = RichStyle(
            fonts.hei, fonts.hei, mono, 20, 30, justify=False, color=HEADING_COLOUR, space_after=12
        )
        self.h2 = RichStyle(
            fonts.hei,
            fonts.hei,
            mono,
            14,
            22,
            justify=False,
            color=HEADING_COLOUR,
            space_before=10,
            space_after=4,
        )
        self.h3 = RichStyle(
            fonts.hei, fonts.hei, mono, 11.5, 19, justify=False, space_before=6, space_after=2
        )


class _Doc(BaseDocTemplate):
    """Records where every heading landed: for the contents (by key) and the running header."""

    def __init__(self, buffer, furniture: ManualFurniture, **kwargs) -> None:
        super().__init__(buffer, **kwargs)
        self.furniture = furniture
        self.pages: dict[str, int] = {}

    def afterFlowable(self, flowable) -> None:  # noqa: N802 (reportlab's name)
        if isinstance(flowable, Heading) and flowable.key not in self.pages:
            self.pages[flowable.key] = self.page
            if flowable.level == 1:
                self.furniture.chapter_pages[self.page] = flowable.toc_text
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.toc_text, flowable.key, level=flowable.level - 1)


class _Builder:
    def __init__(self, manual: Manual, fonts: FontSet, frame_width: float, frame_height: float) -> None:
        self.manual = manual
        self.st = _Styles(fonts)
        self.width = frame_width
        self.height = frame_height
        self.toc: list[tuple[int, str, str]] = []  # (level, text, key)

    # ---- the story -------------------------------------------------------------------------------
    def story(self, pages: dict[str, int]) -> list:
        chapters: list = []
        self.toc = []
        for number, chapter in enumerate(self.manual.chapters, start=1):
            chapters += [PageBreak()] + self.chapter(number, chapter.document)
        return self.cover() + [PageBreak()] + self.contents(pages) + chapters

    def cover(self) -> list:
        f = self.st.fonts
        title = RichStyle(f.hei, f.hei, f.hei, 32, 46, justify=False, align="center")
        sub = RichStyle(f.hei, f.hei, f.hei, 24, 36, justify=False, align="center", color=HEADING_COLOUR)
        small = RichStyle(f.song, f.hei, f.hei, 11, 19, justify=False, align="center")
        name, _, rest = self.manual.title.partition(" ")
        out: list = [Spacer(1, 60 * mm), RichParagraph((md.Run(name),), title)]
        if rest:
            out += [Spacer(1, 3 * mm), RichParagraph((md.Run(rest.strip()),), sub)]
        out += [Spacer(1, 14 * mm), RichParagraph((md.Run(f"适用版本 {__version__}"),), small)]
        blurb = [
            RichParagraph(b.runs, replace(self.st.body, justify=False))
            for b in self.manual.index.blocks
            if isinstance(b, md.Paragraph)
        ]
        if blurb:
            box = Table([[blurb]], colWidths=[min(self.width, 120 * mm)])
            box.setStyle(
                self.table_style(
                    [
                        ("LINEABOVE", (0, 0), (-1, 0), 0.8, HEADING_COLOUR),
                        ("TOPPADDING", (0, 0), (-1, -1), 8),
                    ]
                )
            )
            out += [Spacer(1, 75 * mm), box]
        return out

    def contents(self, pages: dict[str, int]) -> list:
        # The entries are known before layout: collect them from the chapters' headings.
        entries = []
        for number, chapter in enumerate(self.manual.chapters, start=1):
            section = 0
            for block in chapter.document.blocks:
                if isinstance(block, md.Heading) and block.level == 1:
                    entries.append((1, f"{chapter_label(number)}　{block.text}", f"c{number}"))
                elif isinstance(block, md.Heading) and block.level == 2:
                    section += 1
                    entries.append((2, f"{number}.{section}　{block.text}", f"c{number}s{section}"))
        f = self.st.fonts
        out: list = [
            RichParagraph((md.Run("目　录"),), replace(self.st.h1, align="center")),
            Spacer(1, 4 * mm),
        ]
        for level, text, key in entries:
            if level == 1:
                out.append(TocLine(text, pages.get(key), font=f.hei, size=11.5, indent=0, leading=24))
            else:
                out.append(TocLine(text, pages.get(key), font=f.song, size=10.5, indent=8 * mm, leading=18))
        return out

    def chapter(self, number: int, doc: md.Document) -> list:
        self.number, self.section, self.figure = number, 0, 0
        return self.blocks(doc.blocks, 0)

    def blocks(self, blocks, indent: float) -> list:
        out: list = []
        for block in blocks:
            out += self.block(block, indent)
        return out

    def block(self, block, indent: float) -> list:
        st = self.st
        if isinstance(block, md.Heading):
            return self.heading(block)
        if isinstance(block, md.Paragraph):
            return [RichParagraph(block.runs, replace(st.body, left_indent=indent))]
        if isinstance(block, md.ListBlock):
            return self.list_block(block, indent)
        if isinstance(block, md.Table):
            return [self.table(block)]
        if isinstance(block, md.Image):
            return [self.picture(block)]
        if isinstance(block, md.Quote):
            return [self.note(block)]
        if isinstance(block, md.Code):
            return [self.code(block, indent)]
        return []

    def heading(self, block: md.Heading) -> list:
        st = self.st
        if block.level == 1:
            text = f"{chapter_label(self.number)}　{block.text}"
            return [Heading(text, st.h1, level=1, key=f"c{self.number}", toc_text=text)]
        if block.level == 2:
            self.section += 1
            text = f"{self.number}.{self.section}　{block.text}"
            key = f"c{self.number}s{self.section}"
            return [CondPageBreak(40 * mm), Heading(text, st.h2, level=2, key=key, toc_text=text)]
        return [CondPageBreak(25 * mm), RichParagraph((md.Run(block.text),), st.h3)]

    def list_block(self, block: md.ListBlock, indent: float) -> list:
        out: list = []
        step = self.st.body.size * 2
        depth = int(indent // step)
        for k, item in enumerate(block.items):
            marker = f"{block.start + k}." if block.ordered else (BULLET if depth % 2 == 0 else HOLLOW_BULLET)
            style = replace(self.st.item, left_indent=indent + step)
            out.append(RichParagraph(item.runs, style, marker=marker))
            out += self.blocks(item.children, indent + step)
        if out:
            out.append(Spacer(1, 3))
        return out

    def table(self, block: md.Table) -> Table:
        st = self.st
        header = [RichParagraph(cell, st.head_cell) for cell in block.header]
        rows = [[RichParagraph(cell, st.cell) for cell in row] for row in block.rows]
        widths = self.column_widths([header] + rows)
        table = Table([header] + rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(
            self.table_style(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                    ("BACKGROUND", (0, 0), (-1, 0), HEAD_BACKGROUND),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        table.spaceBefore, table.spaceAfter = 2, 8
        return table

    def table_style(self, commands: list) -> TableStyle:
        # Cells hold flowables, but reportlab still sets each cell's font: ours, not Helvetica.
        return TableStyle([("FONT", (0, 0), (-1, -1), self.st.fonts.song, 9.5), *commands])

    def column_widths(self, rows: list[list[RichParagraph]]) -> list[float]:
        """Natural widths where they fit; otherwise each column gets its longest word plus a share."""
        pad = 8
        columns = len(rows[0])
        natural = [0.0] * columns
        least = [0.0] * columns
        for row in rows:
            for c, para in enumerate(row):
                natural[c] = max(natural[c], sum(para._width(p) for p in pieces(para.runs)) + pad)
                least[c] = max(least[c], max((para._width(p) for p in md_pieces(para)), default=0) + pad)
        least = [max(x, para_min(self.st.cell)) for x in least]
        # Water-filling: the narrowest columns get their natural width, the rest share what is left.
        widths = [0.0] * columns
        left, open_ = self.width, sorted(range(columns), key=lambda c: natural[c])
        while open_:
            fair = left / len(open_)
            c = open_[0]
            if natural[c] <= fair:
                widths[c] = natural[c]
                left -= natural[c]
                open_.pop(0)
                continue
            for c in open_:
                widths[c] = fair
            break
        else:  # everything fits: spread the spare room in proportion
            spare = left
            return [w + spare * w / sum(widths) for w in widths]
        # A column narrower than its longest word takes from the widest.
        for c in range(columns):
            if widths[c] < least[c]:
                widest = max(range(columns), key=lambda k: widths[k] - least[k])
                give = min(least[c] - widths[c], max(0.0, widths[widest] - least[widest]))
                widths[c] += give
                widths[widest] -= give
        return widths

    def picture(self, block: md.Image) -> KeepTogether:
        self.figure += 1
        data = self.manual.image_bytes(block.path)
        picture = Picture(data, block.path, max_height=self.height * 0.6, missing_font=self.st.fonts.song)
        caption = RichParagraph((md.Run(f"图 {self.number}-{self.figure}　{block.alt}"),), self.st.caption)
        return KeepTogether([Spacer(1, 4), picture, Spacer(1, 4), caption])

    def note(self, block: md.Quote) -> Table:
        inner = []
        for k, sub in enumerate(block.blocks):
            if isinstance(sub, md.Paragraph):
                runs = sub.runs
                if (
                    k == 0
                    and not runs[0].text.startswith(NOTE_LABELS)
                    and not (runs[0].style == md.BOLD and runs[0].text.startswith(NOTE_LABELS))
                ):
                    runs = (md.Run("注意：", md.BOLD),) + runs
                elif k == 0 and runs[0].style == md.PLAIN:
                    label, sep, rest = runs[0].text.partition("：")
                    if sep and label in NOTE_LABELS:
                        runs = (md.Run(label + "：", md.BOLD), md.Run(rest)) + runs[1:]
                inner.append(RichParagraph(runs, self.st.note))
            else:
                inner += self.block(sub, 0)
        box = Table([[inner]], colWidths=[self.width])
        box.setStyle(
            self.table_style(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), NOTE_BACKGROUND),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, NOTE_BAR),
                    ("LEFTPADDING", (0, 0), (-1, -1), 9),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        box.spaceBefore, box.spaceAfter = 3, 8
        return box

    def code(self, block: md.Code, indent: float) -> Table:
        lines = [
            RichParagraph((md.Run(line or " ", md.CODE),), self.st.code) for line in block.text.split("\n")
        ]
        box = Table([[lines]], colWidths=[self.width - indent], hAlign="RIGHT")
        box.setStyle(
            self.table_style(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), CODE_BACKGROUND),
                    ("BOX", (0, 0), (-1, -1), 0.5, GRID),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        box.spaceBefore, box.spaceAfter = 2, 8
        return box


def md_pieces(para: RichParagraph):
    return [p for p in pieces(para.runs) if not p[0].isspace()]


def para_min(style: RichStyle) -> float:
    return style.size * 3 + 8  # at least three characters wide


def manual_pdf(manual: Manual | None = None, fonts: FontSet | None = None) -> bytes:
    """The whole manual as PDF bytes."""
    manual = manual or load_manual()
    fonts = fonts or default_fonts()
    pages: dict[str, int] = {}
    for _attempt in range(4):
        pdf, found = _layout(manual, fonts, pages)
        if found == pages:
            return pdf
        pages = found
    return pdf


def _layout(manual: Manual, fonts: FontSet, pages: dict[str, int]) -> tuple[bytes, dict[str, int]]:
    furniture = ManualFurniture(fonts, title=manual.title, chapter_pages={})
    buffer = io.BytesIO()
    doc = _Doc(
        buffer,
        furniture,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=furniture.left_margin,
        rightMargin=furniture.right_margin,
        topMargin=furniture.top_reserve,
        bottomMargin=furniture.bottom_reserve,
        title=manual.title,
        author="",
        subject="",
        creator="巡察工作台",
        producer="巡察工作台",
        invariant=True,
        pageCompression=1,
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, 0, 0, 0, 0, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    builder = _Builder(manual, fonts, doc.width, doc.height)
    doc.build(builder.story(pages), canvasmaker=canvas_maker(furniture))
    return buffer.getvalue(), dict(doc.pages)


def fonts_used(fonts: FontSet) -> set[str]:
    """The reportlab font names the manual may use (for tests: all of them must be embedded)."""
    return {fonts.name(f) for f in Family} | {mono_font(fonts)}
