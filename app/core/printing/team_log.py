"""The team log (巡察日志) of one week, an A4 form for the leader's signature.

The title, the unit, the team and the week (Monday to Sunday), then a table (日期, 时间, 类别, 工作内容,
人员) whose header repeats on every page, one row per line of the log, the date only on the day's first
row, and a row "（无记录）" for a day without lines; then the leader's signature block. Every page
carries the copy number, the mark, 第 X 页 共 Y 页 and the line 组长签字.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from app.core.domain.team_log.types import LogLine
from app.core.printing.document import build_pdf, frame_width
from app.core.printing.fonts import FontSet, default_fonts
from app.core.printing.furniture import Furniture
from app.core.printing.meeting_minutes import _grid_style, _Styles
from app.core.printing.talk_record import chinese_date
from app.core.printing.text import CJKParagraph

WEEKDAYS = "一二三四五六日"
SIGNATURES = ("组长签字：",)
SPAN_ROWS = 5


@dataclass(frozen=True)
class LogHeading:
    unit_name: str
    team_name: str
    leader_name: str
    monday: str  # YYYY-MM-DD


def day_text(day: str) -> str:
    d = date.fromisoformat(day)
    return f"{d.month}月{d.day}日\n星期{WEEKDAYS[d.weekday()]}"


def week_story(lines: list[LogLine], heading: LogHeading, fonts: FontSet, width: float) -> list:
    st = _Styles(fonts)
    monday = date.fromisoformat(heading.monday)
    sunday = monday + timedelta(days=6)
    story: list = [
        CJKParagraph("巡 察 日 志", st.title),
        CJKParagraph(
            f"{heading.unit_name}　{heading.team_name}　{chinese_date(monday.isoformat())}至"
            f"{chinese_date(sunday.isoformat())}",
            st.subtitle,
        ),
    ]
    head = [CJKParagraph(t, st.cell_label) for t in ("日期", "时间", "类别", "工作内容", "人员")]
    rows = [head]
    spans: list[tuple[int, int]] = []  # the rows of one day share its date cell
    for k in range(7):
        day = (monday + timedelta(days=k)).isoformat()
        todays = [x for x in lines if x.on == day]
        first = [CJKParagraph(part, st.cell_center) for part in day_text(day).split("\n")]
        if not todays:
            rows.append(
                [
                    first,
                    CJKParagraph("", st.cell),
                    CJKParagraph("", st.cell),
                    CJKParagraph("（无记录）", st.cell),
                    "",
                ]
            )
            continue
        # A day's rows share its date cell in runs of at most SPAN_ROWS (a table splits across pages
        # only between spans), the date repeated at the head of each run.
        for start in range(0, len(todays), SPAN_ROWS):
            run = min(SPAN_ROWS, len(todays) - start)
            if run > 1:
                spans.append((len(rows) + start, len(rows) + start + run - 1))
        for j, x in enumerate(todays):
            rows.append(
                [
                    [CJKParagraph(part, st.cell_center) for part in day_text(day).split("\n")]
                    if j % SPAN_ROWS == 0
                    else "",
                    CJKParagraph(x.time, st.cell_center),
                    CJKParagraph(x.source.label, st.cell_center),
                    CJKParagraph(x.text, st.cell),
                    CJKParagraph(x.by, st.cell),
                ]
            )
    table = Table(
        rows,
        colWidths=[width * 0.12, width * 0.09, width * 0.12, width * 0.49, width * 0.18],
        hAlign="LEFT",
        repeatRows=1,
        splitInRow=1,  # a long entry runs on to the next page within its row
    )
    style = _grid_style(st, header=True)
    for first, last in spans:
        style.add("SPAN", (0, first), (0, last))
    table.setStyle(style)
    sign = Table(
        [
            [
                CJKParagraph("组长（签名）：", st.sign),
                CJKParagraph("", st.sign),
                CJKParagraph(f"（{heading.leader_name}）" if heading.leader_name else "", st.sign_name),
                CJKParagraph("日期：", st.sign),
                CJKParagraph("", st.sign),
            ]
        ],
        colWidths=[width * 0.24, width * 0.30, width * 0.17, width * 0.10, width * 0.19],
        hAlign="LEFT",
        rowHeights=[11 * mm],
    )
    sign.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), st.cell.font),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
                ("LINEBELOW", (4, 0), (4, -1), 0.6, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    story += [table, KeepTogether([Spacer(1, 8 * mm), sign])]
    return story


def render_week(
    lines: list[LogLine],
    heading: LogHeading,
    *,
    copy_number: int | None,
    classification: str,
    fonts: FontSet | None = None,
) -> bytes:
    fonts = fonts or default_fonts()
    furniture = Furniture(
        fonts=fonts,
        classification=classification,
        copy_number=copy_number,
        header=f"{heading.unit_name} 巡察日志",
        signature_labels=SIGNATURES,
    )
    return build_pdf(week_story(lines, heading, fonts, frame_width(furniture)), furniture, title="巡察日志")
