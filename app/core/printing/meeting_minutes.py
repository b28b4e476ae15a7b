"""The printed meeting documents: the minutes (会议纪要) and the sign-in sheet (签到表), A4 forms.

Minutes: the title (the meeting's name), "会议 第N号", the metadata table (kind, time, place, chair,
recorder, attendance), the agenda as numbered items, the minutes typed from the keyboard (one
paragraph per line, the Chinese line-breaking rules of app.core.printing.text), the attendees in
one paragraph, and the signature block of the chair and the recorder; each page carries the copy
number, the mark, "第 X 页 共 Y 页" and the recorder's and chair's signature lines.

Sign-in sheet: the title, the meeting's time and place, then a table (序号, 姓名, 单位及职务, 签到,
备注) with the header row repeated on every page; each known attendee has a row with a blank for the
signature, followed by blank rows for people who come unannounced.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table, TableStyle

from app.core.domain.meetings.types import Meeting
from app.core.printing.document import build_pdf, frame_width
from app.core.printing.fonts import FontSet, default_fonts
from app.core.printing.furniture import Furniture
from app.core.printing.talk_record import chinese_date
from app.core.printing.text import CJKParagraph, TextStyle

MINUTES_SIGNATURES = ("主持人签字：", "记录人签字：")
BLANK_ROWS = 6  # sign-in rows for people not on the list


def meeting_time_text(meeting: Meeting) -> str:
    """'2026年3月15日 9:00—11:30' (the date alone when no time was given)."""
    text = chinese_date(meeting.held_on)
    if meeting.start_time:
        text += f" {int(meeting.start_time[:2])}:{meeting.start_time[3:]}"
        if meeting.end_time:
            text += f"—{int(meeting.end_time[:2])}:{meeting.end_time[3:]}"
    return text


class _Styles:
    def __init__(self, fonts: FontSet) -> None:
        self.title = TextStyle(fonts.title, 22, leading=30, justify=False, align="center", space_after=2)
        self.subtitle = TextStyle(fonts.kai, 14, leading=22, justify=False, align="center", space_after=8)
        self.cell_label = TextStyle(fonts.hei, 10.5, leading=15, justify=False, align="center")
        self.cell = TextStyle(fonts.song, 10.5, leading=15, justify=False)
        self.cell_center = TextStyle(fonts.song, 10.5, leading=15, justify=False, align="center")
        self.heading = TextStyle(fonts.hei, 14, leading=22, justify=False, space_before=10, space_after=4)
        self.item = TextStyle(fonts.fangsong, 12, leading=21)
        self.body = TextStyle(fonts.fangsong, 12, leading=21, first_indent=24)
        self.sign = TextStyle(fonts.song, 12, leading=18, justify=False)
        self.sign_name = TextStyle(fonts.kai, 10.5, leading=18, justify=False)


def _grid_style(st: _Styles, *, label_cols: tuple[int, ...] = (), header: bool = False) -> TableStyle:
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), st.cell.font),  # else reportlab names Helvetica
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    grey = colors.Color(0.94, 0.94, 0.94)
    for col in label_cols:
        commands.append(("BACKGROUND", (col, 0), (col, -1), grey))
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), grey))
    return TableStyle(commands)


def _heading(text: str, st: _Styles) -> list:
    room = st.heading.line_height + st.heading.space_before + 3 * st.body.line_height
    return [CondPageBreak(room), CJKParagraph(text, st.heading)]


def _lines(text: str, style: TextStyle) -> list:
    return [
        CJKParagraph(line.strip(), style) for line in text.replace("\r\n", "\n").split("\n") if line.strip()
    ]


def _attendee_text(meeting: Meeting) -> str:
    return "、".join(a.name + (f"（{a.position}）" if a.position else "") for a in meeting.attendees)


def minutes_story(meeting: Meeting, fonts: FontSet, width: float) -> list:
    st = _Styles(fonts)

    def label(text: str) -> CJKParagraph:
        return CJKParagraph(text, st.cell_label)

    def value(text: str) -> CJKParagraph:
        return CJKParagraph(text or "—", st.cell)

    rows = [
        [label("会议类型"), value(meeting.kind.label), label("会议时间"), value(meeting_time_text(meeting))],
        [label("会议地点"), value(meeting.place), label("主 持 人"), value(meeting.chair)],
        [label("记 录 人"), value(meeting.recorder), label("参会人数"), value(f"{len(meeting.attendees)}人")],
    ]
    table = Table(rows, colWidths=[width * 0.14, width * 0.33, width * 0.14, width * 0.39], hAlign="LEFT")
    table.setStyle(_grid_style(st, label_cols=(0, 2)))
    story: list = [
        CJKParagraph(meeting.heading, st.title),
        CJKParagraph(f"（会议纪要 第{meeting.number}号）", st.subtitle),
        table,
        Spacer(1, 3 * mm),
    ]
    if meeting.attendees:
        story.extend(_heading("参会人员", st))
        story.append(CJKParagraph(_attendee_text(meeting), st.body))
    if meeting.agenda:
        story.extend(_heading("会议议程", st))
        for k, item in enumerate(meeting.agenda, start=1):
            story.append(CJKParagraph(f"{k}. {item}", st.item))
    story.extend(_heading("会议内容", st))
    story.extend(_lines(meeting.minutes, st.body) or [CJKParagraph("（未记录）", st.body)])
    sign_rows = [
        [
            CJKParagraph(f"{role}（签名）：", st.sign),
            CJKParagraph("", st.sign),
            CJKParagraph(f"（{name}）" if name else "", st.sign_name),
            CJKParagraph("日期：", st.sign),
            CJKParagraph("", st.sign),
        ]
        for role, name in (("主持人", meeting.chair), ("记录人", meeting.recorder))
    ]
    sign = Table(
        sign_rows,
        colWidths=[width * 0.24, width * 0.30, width * 0.17, width * 0.10, width * 0.19],
        hAlign="LEFT",
        rowHeights=[11 * mm] * len(sign_rows),
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
    story.append(KeepTogether([Spacer(1, 8 * mm), sign]))
    return story


def sign_in_story(meeting: Meeting, fonts: FontSet, width: float) -> list:
    st = _Styles(fonts)
    head = [CJKParagraph(t, st.cell_label) for t in ("序号", "姓名", "单位及职务", "签到", "备注")]
    rows = [head]
    for k, a in enumerate(meeting.attendees, start=1):
        where = " ".join(x for x in (a.unit, a.position) if x)
        rows.append(
            [
                CJKParagraph(str(k), st.cell_center),
                CJKParagraph(a.name, st.cell_center),
                CJKParagraph(where, st.cell),
                CJKParagraph("", st.cell),
                CJKParagraph("", st.cell),
            ]
        )
    for k in range(len(meeting.attendees) + 1, len(meeting.attendees) + BLANK_ROWS + 1):
        rows.append([CJKParagraph(str(k), st.cell_center)] + [CJKParagraph("", st.cell) for _ in range(4)])
    table = Table(
        rows,
        colWidths=[width * 0.08, width * 0.16, width * 0.40, width * 0.20, width * 0.16],
        hAlign="LEFT",
        rowHeights=[9 * mm] + [10 * mm] * (len(rows) - 1),
        repeatRows=1,
    )
    table.setStyle(_grid_style(st, header=True))
    place = f"会议地点：{meeting.place}" if meeting.place else ""
    return [
        CJKParagraph("签 到 表", st.title),
        CJKParagraph(meeting.heading, st.subtitle),
        CJKParagraph(f"会议时间：{meeting_time_text(meeting)}　{place}".strip(), st.cell_center),
        Spacer(1, 3 * mm),
        table,
    ]


def _furniture(
    meeting: Meeting, fonts: FontSet, copy_number: int | None, classification: str, signatures
) -> Furniture:
    return Furniture(
        fonts=fonts,
        classification=classification,
        copy_number=copy_number,
        header=f"{meeting.unit_name} {meeting.reference}".strip(),
        signature_labels=signatures,
    )


def render_minutes(
    meeting: Meeting, *, copy_number: int | None, classification: str, fonts: FontSet | None = None
) -> bytes:
    """The minutes as PDF bytes; `copy_number` None renders an unnumbered preview."""
    fonts = fonts or default_fonts()
    furniture = _furniture(meeting, fonts, copy_number, classification, MINUTES_SIGNATURES)
    return build_pdf(minutes_story(meeting, fonts, frame_width(furniture)), furniture, title="会议纪要")


def render_sign_in_sheet(
    meeting: Meeting, *, copy_number: int | None, classification: str, fonts: FontSet | None = None
) -> bytes:
    """The sign-in sheet as PDF bytes; `copy_number` None renders an unnumbered preview."""
    fonts = fonts or default_fonts()
    furniture = _furniture(meeting, fonts, copy_number, classification, ())
    return build_pdf(sign_in_story(meeting, fonts, frame_width(furniture)), furniture, title="会议签到表")
