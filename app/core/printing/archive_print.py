"""The archive's prints (立卷归档, issue 23), in the house style.

- `render_catalogue`: the 归档文件目录 (序号, 档号, 文号, 责任者, 题名, 日期, 密级, 页数, 备注), landscape ledger;
- `render_box_sheet`: the 卷内目录 summary and 备考表 (item count, pages, notes, 立卷人, 检查人, dates);
- `render_stamps`: a label sheet of 归档章 (全宗号, 年度, 件号, 机构, 保管期限, 页数), one per item;
- `render_record_sheet`: the archived copy of a record that has no print of its own (a unit's report,
  the request list, the assessment): its fields and text on a form page;
- `render_checks_report`: the four-checks report (四性检测报告, DA/T 70-2018).
Functions from records to bytes; nothing touches the disk.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from app.core.printing.document import build_pdf, frame_width
from app.core.printing.fonts import FontSet, default_fonts
from app.core.printing.furniture import Furniture
from app.core.printing.landscape import (
    Column,
    LandscapeFurniture,
    LedgerStyles,
    body_width,
    build_landscape_pdf,
    ledger_table,
)
from app.core.printing.text import CJKParagraph, TextStyle, paragraphs

CATALOGUE_COLUMNS = [
    Column("序号", 0.5, center=True),
    Column("档号", 2.6, center=True),
    Column("文号", 1.5, center=True),
    Column("责任者", 1.4),
    Column("题名", 3.8),
    Column("日期", 1.0, center=True),
    Column("密级", 0.6, center=True),
    Column("页数", 0.5, center=True),
    Column("备注", 1.1),
]


@dataclass(frozen=True)
class CatalogueLine:
    ordinal: int
    archive_no: str
    doc_no: str
    author: str
    title: str
    dated: str
    classification: str
    pages: int
    note: str
    category_label: str = ""
    retention_label: str = ""
    item_no: int = 0


@dataclass(frozen=True)
class ArchiveHeading:
    heading: str  # 第一巡察组巡察青石镇
    fonds_no: str
    org_code: str
    year: int
    filer: str
    checker: str
    opened_on: str
    closed_on: str
    status_label: str


def _date8(value: str) -> str:
    return (value or "").replace("-", "")[:8]


def render_catalogue(
    lines: list[CatalogueLine], head: ArchiveHeading, *, fonds_name: str = "", fonts: FontSet | None = None
) -> bytes:
    fonts = fonts or default_fonts()
    furniture = LandscapeFurniture(fonts=fonts, classification=_top_mark(lines), header="归档文件目录")
    st = LedgerStyles(fonts)
    rows = [
        [
            str(x.ordinal),
            x.archive_no,
            x.doc_no,
            x.author,
            x.title,
            _date8(x.dated),
            x.classification,
            str(x.pages),
            x.note,
        ]
        for x in lines
    ]
    story = [
        CJKParagraph("归档文件目录", st.title),
        CJKParagraph(f"{head.heading}　全宗号 {head.fonds_no}　年度 {head.year}", st.subtitle),
        ledger_table(CATALOGUE_COLUMNS, rows, st, body_width(furniture)),
        Spacer(1, 4),
        CJKParagraph(f"共 {len(lines)} 件，{sum(x.pages for x in lines)} 页。{fonds_name}".strip(), st.note),
    ]
    return build_landscape_pdf(story, furniture, title="归档文件目录")


def _top_mark(lines) -> str:
    levels = [x.classification for x in lines]
    for level in ("机密", "秘密"):
        if level in levels:
            return level
    return "内部" if levels else ""


def _form_styles(fonts: FontSet):
    return (
        TextStyle(fonts.title, 20, leading=30, justify=False, align="center", space_after=8),
        TextStyle(fonts.song, 11, leading=16, justify=False),
        TextStyle(fonts.hei, 11, leading=16, justify=False, align="center"),
    )


def _grid(data, widths, font) -> Table:
    table = Table(data, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def render_box_sheet(
    lines: list[CatalogueLine], head: ArchiveHeading, *, notes: str = "", fonts: FontSet | None = None
) -> bytes:
    """卷内目录 (by class and retention) and 备考表 on portrait A4."""
    fonts = fonts or default_fonts()
    furniture = Furniture(fonts=fonts, classification=_top_mark(lines), header="备考表")
    title, cell, headcell = _form_styles(fonts)
    width = frame_width(furniture)
    groups: dict[tuple[str, str], list[CatalogueLine]] = {}
    for x in lines:
        groups.setdefault((x.category_label, x.retention_label), []).append(x)
    summary = [[CJKParagraph(t, headcell) for t in ("门类", "保管期限", "件号", "件数", "页数")]]
    for (cat, ret), xs in groups.items():
        summary.append(
            [
                CJKParagraph(t, cell)
                for t in (
                    cat,
                    ret,
                    f"{xs[0].item_no}—{xs[-1].item_no}",
                    str(len(xs)),
                    str(sum(x.pages for x in xs)),
                )
            ]
        )
    pages = sum(x.pages for x in lines)
    sheet = [
        [
            CJKParagraph("盒内文件情况说明", headcell),
            CJKParagraph(f"本盒共 {len(lines)} 件，{pages} 页。{notes}".strip(), cell),
        ],
        [CJKParagraph("立卷人", headcell), CJKParagraph(f"{head.filer}　　{head.opened_on}", cell)],
        [CJKParagraph("检查人", headcell), CJKParagraph(f"{head.checker}　　{head.closed_on}", cell)],
        [CJKParagraph("状态", headcell), CJKParagraph(head.status_label, cell)],
    ]
    story = [
        CJKParagraph("卷内目录", title),
        CJKParagraph(f"{head.heading}　全宗号 {head.fonds_no}　机构 {head.org_code}　年度 {head.year}", cell),
        Spacer(1, 4 * mm),
        _grid(summary, [width * w for w in (0.22, 0.18, 0.24, 0.18, 0.18)], fonts.song),
        Spacer(1, 10 * mm),
        CJKParagraph("备考表", title),
        _grid(sheet, [width * 0.25, width * 0.75], fonts.song),
    ]
    return build_pdf(story, furniture, title="备考表")


def render_stamps(lines: list[CatalogueLine], head: ArchiveHeading, *, fonts: FontSet | None = None) -> bytes:
    """Label sheet: one 归档章 (3 × 2 cells) per item, two stamps per row."""
    fonts = fonts or default_fonts()
    furniture = Furniture(fonts=fonts, classification=_top_mark(lines), header="归档章")
    title, cell, _ = _form_styles(fonts)
    small = TextStyle(fonts.song, 9, leading=12, justify=False, align="center")
    cw = 16 * mm

    def stamp(x: CatalogueLine) -> Table:
        data = [
            [
                CJKParagraph(head.fonds_no, small),
                CJKParagraph(str(head.year), small),
                CJKParagraph(f"{x.item_no:04d}", small),
            ],
            [
                CJKParagraph(head.org_code, small),
                CJKParagraph(x.retention_label, small),
                CJKParagraph(f"{x.pages}页", small),
            ],
        ]
        return _grid(data, [cw * 1.5, cw, cw], fonts.song)

    cells = [stamp(x) for x in lines]
    rows = [cells[i : i + 2] + ([""] if len(cells[i : i + 2]) == 1 else []) for i in range(0, len(cells), 2)]
    story = [
        CJKParagraph("归档章（标签）", title),
        CJKParagraph("全宗号 · 年度 · 件号 / 机构 · 保管期限 · 页数", cell),
        Spacer(1, 4 * mm),
    ]
    if rows:
        t = Table(rows, colWidths=[frame_width(furniture) / 2] * 2)
        t.setStyle(
            TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.song), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)])
        )
        story.append(t)
    return build_pdf(story, furniture, title="归档章")


def render_record_sheet(
    title_text: str,
    fields: list[tuple[str, str]],
    body: str,
    *,
    classification: str,
    fonts: FontSet | None = None,
) -> bytes:
    fonts = fonts or default_fonts()
    furniture = Furniture(fonts=fonts, classification=classification, header=title_text[:30])
    title, cell, headcell = _form_styles(fonts)
    width = frame_width(furniture)
    story = [CJKParagraph(title_text, title)]
    if fields:
        story.append(
            _grid(
                [[CJKParagraph(k, headcell), CJKParagraph(v or "—", cell)] for k, v in fields],
                [width * 0.25, width * 0.75],
                fonts.song,
            )
        )
    story.append(Spacer(1, 6 * mm))
    body_style = TextStyle(fonts.fangsong, 14, leading=24, first_indent=28)
    story.extend(paragraphs(body or "（无正文）", body_style))
    return build_pdf(story, furniture, title="归档文件")


@dataclass(frozen=True)
class CheckLine:
    check: str  # 真实性 …
    item: str
    passed: bool
    detail: str


def render_checks_report(
    lines: list[CheckLine], *, heading: str, stage: str, when: str, fonts: FontSet | None = None
) -> bytes:
    fonts = fonts or default_fonts()
    furniture = LandscapeFurniture(fonts=fonts, classification="", header="四性检测报告")
    st = LedgerStyles(fonts)
    cols = [
        Column("检测项", 1.0, center=True),
        Column("对象", 3.0),
        Column("结果", 0.7, center=True),
        Column("说明", 4.5),
    ]
    rows = [[x.check, x.item, "通过" if x.passed else "不通过", x.detail] for x in lines]
    bad = {i for i, x in enumerate(lines) if not x.passed}
    ok = not bad
    story = [
        CJKParagraph("电子档案四性检测报告", st.title),
        CJKParagraph(f"{heading}　{stage}　{when}", st.subtitle),
        ledger_table(cols, rows, st, body_width(furniture), alert_rows=bad),
        Spacer(1, 4),
        CJKParagraph(
            "检测结论："
            + ("真实性、完整性、可用性、安全性检测全部通过。" if ok else f"有 {len(bad)} 项不通过，见上表。"),
            st.note,
        ),
    ]
    return build_landscape_pdf(story, furniture, title="四性检测报告")
