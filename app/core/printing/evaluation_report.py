"""The printed report of an evaluation round (民主测评 / 问卷调查结果报告): tables and bar charts.

A4 portrait form furniture (copy number, classification, 第 X 页 共 Y 页). The summary (printed,
returned, counted), then per grid a table of each person's score, share of 好 and of 差 with a bar
chart of the scores, and a table per person of each dimension's grades; per question the counts and
shares with a bar chart and the detail answers listed; the free-text answers (no serials, sorted);
then the comparison with the survey's earlier rounds and with the other units of the round. A group
below the minimum number of forms is reported as such, without figures. Charts are reportlab
graphics set in the house fonts (no Helvetica).
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table, TableStyle

from app.core.domain.evaluation.scoring import ComparisonRow, Results, option_label
from app.core.printing.document import build_pdf, frame_width
from app.core.printing.fonts import FontSet, default_fonts
from app.core.printing.furniture import Furniture
from app.core.printing.text import CJKParagraph, TextStyle


def pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def num(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


class _St:
    def __init__(self, fonts: FontSet) -> None:
        self.title = TextStyle(fonts.title, 20, leading=28, justify=False, align="center", space_after=4)
        self.sub = TextStyle(fonts.kai, 12, leading=20, justify=False, align="center", space_after=8)
        self.h1 = TextStyle(fonts.hei, 14, leading=22, justify=False, space_before=10, space_after=4)
        self.h2 = TextStyle(fonts.kai, 12, leading=20, justify=False, space_before=6, space_after=2)
        self.body = TextStyle(fonts.fangsong, 12, leading=21, first_indent=24)
        self.cell = TextStyle(fonts.song, 9.5, leading=13, justify=False)
        self.head = TextStyle(fonts.hei, 9.5, leading=13, justify=False, align="center")
        self.item = TextStyle(fonts.fangsong, 11, leading=18)


def _table(st: _St, header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
    data = [[CJKParagraph(h, st.head) for h in header]] + [
        [CJKParagraph(c, st.cell) for c in r] for r in rows
    ]
    t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), st.cell.font),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return t


def _bars(
    fonts: FontSet, labels: list[str], values: list[float], width: float, *, top: float, horizontal=False
):
    height = max(45 * mm, (8 * mm * len(labels) + 15 * mm) if horizontal else 60 * mm)
    d = Drawing(width, height)
    d.initialFontName, d.initialFontSize = fonts.song, 8  # else the renderer starts in Helvetica
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    chart.x, chart.y = (40 * mm, 8 * mm) if horizontal else (12 * mm, 14 * mm)
    chart.width = width - chart.x - 8 * mm
    chart.height = height - chart.y - 6 * mm
    chart.data = [values or [0]]
    chart.categoryAxis.categoryNames = labels or [""]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.valueAxis.valueStep = top / 5
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = fonts.song
        axis.labels.fontSize = 8
    if not horizontal:
        chart.categoryAxis.labels.angle = 30 if len(labels) > 6 else 0
        chart.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 6 else "n"
    chart.bars[0].fillColor = colors.Color(0.35, 0.35, 0.35)
    chart.barLabels.fontName = fonts.song
    chart.barLabels.fontSize = 7
    chart.barLabelFormat = "%.1f"
    chart.barLabels.nudge = 6
    d.add(chart)
    return d


def _grid_parts(st: _St, fonts: FontSet, g, width: float) -> list:
    out: list = [CJKParagraph(g.section.text, st.h1)]
    good, poor = g.section.good.label, g.section.poor.label
    rows = []
    for s in g.subjects:
        answered = sum(c.answered for c in s.cells) or 1
        share_good = sum(c.counts[g.section.good.key] for c in s.cells) / answered
        share_poor = sum(c.counts[g.section.poor.key] for c in s.cells) / answered
        rows.append([s.subject.name, s.subject.position, num(s.score), pct(share_good), pct(share_poor)])
    out.append(
        _table(st, ["测评对象", "职务", "综合得分", f"“{good}”占比", f"“{poor}”占比"], rows,
               [width * 0.18, width * 0.34, width * 0.16, width * 0.16, width * 0.16])
    )  # fmt: skip
    names = [s.subject.name for s in g.subjects]
    scores = [s.score or 0.0 for s in g.subjects]
    out.append(Spacer(1, 3 * mm))
    out.append(_bars(fonts, names, scores, width, top=100))
    grades = g.section.options
    for s in g.subjects:
        header = ["维度（权重）", *[o.label for o in grades], f"“{good}”占比", f"“{poor}”占比", "得分"]
        body = [
            [f"{c.dimension.label}（{c.dimension.weight:g}）", *[str(c.counts[o.key]) for o in grades],
             pct(c.share_good), pct(c.share_poor), num(c.score)]
            for c in s.cells
        ]  # fmt: skip
        n = len(header)
        widths = [width * 0.22] + [width * 0.78 / (n - 1)] * (n - 1)
        out.append(
            KeepTogether(
                [
                    CJKParagraph(f"{s.subject.name}（综合得分 {num(s.score)}）", st.h2),
                    _table(st, header, body, widths),
                ]
            )
        )
    return out


def _question_parts(st: _St, fonts: FontSet, q, width: float) -> list:
    rows = [[o.label, str(q.counts[o.key]), pct(q.shares[o.key])] for o in q.section.options]
    parts = [
        CJKParagraph(q.section.text, st.h2),
        CJKParagraph(f"作答 {q.answered} 份。", st.cell),
        _table(st, ["选项", "人数", "占比"], rows, [width * 0.5, width * 0.2, width * 0.3]),
        # A horizontal chart stacks its first category at the bottom: reversed, it reads top down.
        _bars(fonts, [o.label for o in reversed(q.section.options)],
              [q.shares[o.key] * 100 for o in reversed(q.section.options)], width, top=100, horizontal=True),
    ]  # fmt: skip
    out: list = [KeepTogether(parts)]
    if q.details:
        labels = "、".join(option_label(q.section, k) for k in q.section.detail_on)
        out.append(CJKParagraph(f"选“{labels}”者写明的情况（{len(q.details)} 条）：", st.h2))
        out += [CJKParagraph(f"{k}. {t}", st.item) for k, t in enumerate(q.details, start=1)]
    return out


def _comparison(st: _St, title: str, rows: list[ComparisonRow], width: float) -> list:
    if not rows:
        return []
    names = sorted({k for r in rows for k in r.scores if k})
    header = ["", "有效表", "平均得分", *names[:6]]
    body = [
        [
            r.label,
            str(r.forms),
            num(r.scores.get("")) if r.scores else "不足份数",
            *[num(r.scores.get(n)) for n in names[:6]],
        ]
        for r in rows
    ]
    n = len(header)
    widths = [width * 0.22, width * 0.12] + [width * 0.66 / (n - 2)] * (n - 2)
    return [CJKParagraph(title, st.h1), _table(st, header, body, widths)]


def render_report(
    *,
    title: str,
    subtitle: str,
    printed: int,
    returned: int,
    results: Results,
    earlier: list[ComparisonRow],
    units: list[ComparisonRow],
    copy_number: int | None,
    classification: str,
    fonts: FontSet | None = None,
) -> bytes:
    fonts = fonts or default_fonts()
    furniture = Furniture(fonts=fonts, classification=classification, copy_number=copy_number, header=title)
    width = frame_width(furniture)
    st = _St(fonts)
    story: list = [CJKParagraph(title, st.title), CJKParagraph(subtitle, st.sub)]
    story.append(
        CJKParagraph(
            f"本轮印发测评表 {printed} 份，回收 {returned} 份，有效（已计入）{results.forms} 份。", st.body
        )
    )
    if not results.shown:
        story.append(
            CJKParagraph(
                f"有效测评表不足 {results.min_forms} 份。为保护填表人不被识别，本报告不列示测评结果。",
                st.body,
            )
        )
    else:
        for g in results.grids:
            story += _grid_parts(st, fonts, g, width)
        if results.questions:
            story.append(CondPageBreak(90 * mm))  # the heading never stands alone at a page's foot
            story.append(CJKParagraph("问卷各题结果", st.h1))
            for q in results.questions:
                story += _question_parts(st, fonts, q, width)
        for t in results.texts:
            story.append(CJKParagraph(f"{t.section.text}（{len(t.texts)} 条，不列编号）", st.h1))
            story += [CJKParagraph(f"{k}. {x}", st.item) for k, x in enumerate(t.texts, start=1)]
    story += _comparison(st, "与本单位以往轮次比较", earlier, width)
    story += _comparison(st, "与本轮其他被巡察单位比较", units, width)
    return build_pdf(story, furniture, title="测评结果报告")
