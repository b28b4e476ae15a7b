"""The printed talk record (谈话记录): an A4 form, built in memory.

Top: copy number and classification (left), "谈话记录 第N号" (right). Then the title, the metadata
table (time, place, interviewee, position, category, interviewers, recorder, kind), the record's
question-and-answer blocks (or, before anything is recorded, the prepared outline; a question with no
answer reads "答：（未作回答）"), the key points, the closing confirmation and the signature block (each
interviewer, the recorder and the interviewee sign and date it, as a real 谈话笔录 is signed), then the
dated addenda written after the signature. Every page carries "第 X 页 共 Y 页" and a row of signature
lines for the interviewee, the interviewers and the recorder.
"""

from __future__ import annotations

from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table, TableStyle

from app.core.domain.talks.types import Talk, TalkStatus
from app.core.printing.document import build_pdf, frame_width
from app.core.printing.fonts import FontSet, default_fonts
from app.core.printing.furniture import Furniture
from app.core.printing.text import CJKParagraph, TextStyle

SIGNATURE_LABELS = ("被谈话人签字：", "谈话人签字：", "记录人签字：")


def chinese_date(value: str | None) -> str:
    """'2026-03-15' (or an ISO date-time) -> '2026年3月15日'; blank stays blank."""
    if not value:
        return ""
    try:
        d = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{d.year}年{d.month}月{d.day}日"


def talk_time_text(start_at: str, end_at: str) -> str:
    """'2026年3月15日 9:00—10:30' from the form's 'YYYY-MM-DD HH:MM' values."""

    def parse(value: str) -> datetime | None:
        try:
            return datetime.fromisoformat(value.replace(" ", "T")) if value else None
        except ValueError:
            return None

    start, end = parse(start_at), parse(end_at)
    if start is None:
        return start_at
    text = f"{chinese_date(start.date().isoformat())} {start.hour}:{start.minute:02d}"
    if end is not None:
        if end.date() == start.date():
            text += f"—{end.hour}:{end.minute:02d}"
        else:
            text += f"—{chinese_date(end.date().isoformat())} {end.hour}:{end.minute:02d}"
    return text


class _Styles:
    def __init__(self, fonts: FontSet) -> None:
        self.title = TextStyle(fonts.title, 22, leading=30, justify=False, align="center", space_after=2)
        self.subtitle = TextStyle(fonts.kai, 14, leading=22, justify=False, align="center", space_after=8)
        self.cell_label = TextStyle(fonts.hei, 10.5, leading=15, justify=False, align="center")
        self.cell = TextStyle(fonts.song, 10.5, leading=15, justify=False)
        self.heading = TextStyle(fonts.hei, 14, leading=22, justify=False, space_before=10, space_after=4)
        self.question = TextStyle(fonts.hei, 12, leading=21, space_before=5)
        self.answer = TextStyle(fonts.fangsong, 12, leading=21, first_indent=0)
        self.body = TextStyle(fonts.fangsong, 12, leading=21, first_indent=24)
        self.note = TextStyle(fonts.kai, 12, leading=21, first_indent=24)
        self.closing = TextStyle(fonts.song, 12, leading=21, justify=False, space_before=14)
        self.sign = TextStyle(fonts.song, 12, leading=18, justify=False)
        self.sign_name = TextStyle(fonts.kai, 10.5, leading=18, justify=False)


def _metadata_table(talk: Talk, st: _Styles, width: float) -> Table:
    def label(text: str) -> CJKParagraph:
        return CJKParagraph(text, st.cell_label)

    def value(text: str) -> CJKParagraph:
        return CJKParagraph(text or "—", st.cell)

    interviewers = "、".join(p.name for p in talk.interviewers)
    rows = [
        [
            label("谈话时间"),
            value(talk_time_text(talk.start_at, talk.end_at)),
            label("谈话地点"),
            value(talk.place),
        ],
        [
            label("被谈话人"),
            value(talk.interviewee_name),
            label("单位及职务"),
            value(" ".join(x for x in (talk.interviewee_unit, talk.interviewee_position) if x)),
        ],
        [
            label("人员类别"),
            value(talk.interviewee_category.label),
            label("谈话类型"),
            value(talk.kind.label),
        ],
        [label("谈 话 人"), value(interviewers), label("记 录 人"), value(talk.recorder.name)],
    ]
    col = [width * 0.13, width * 0.33, width * 0.15, width * 0.39]
    table = Table(rows, colWidths=col, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), st.cell.font),  # else reportlab names Helvetica
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (0, -1), colors.Color(0.94, 0.94, 0.94)),
                ("BACKGROUND", (2, 0), (2, -1), colors.Color(0.94, 0.94, 0.94)),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


NO_ANSWER = "（未作回答）"


def _heading(text: str, st: _Styles) -> list:
    # A heading never stands alone at the foot of a page: it needs room for three lines after it.
    room = st.heading.line_height + st.heading.space_before + 3 * st.body.line_height
    return [CondPageBreak(room), CJKParagraph(text, st.heading)]


def _text_block(text: str, style: TextStyle) -> list:
    return [CJKParagraph(line, style) for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def talk_story(talk: Talk, fonts: FontSet, width: float) -> list:
    st = _Styles(fonts)
    story: list = [
        CJKParagraph("谈 话 记 录", st.title),
        CJKParagraph(f"（第{talk.number}号）", st.subtitle),
        _metadata_table(talk, st, width),
        Spacer(1, 4 * mm),
    ]
    blocks = [b for b in talk.record if b.question.strip() or b.answer.strip()]
    if blocks:
        story.extend(_heading("谈话内容", st))
        for block in blocks:
            question = CJKParagraph(f"问：{block.question.strip()}", st.question)
            # An unanswered question says so, rather than leaving a bare "答：" to be filled in later.
            answers = _text_block(block.answer, st.answer) or [CJKParagraph(NO_ANSWER, st.answer)]
            answers[0] = CJKParagraph(f"答：{answers[0].text}", st.answer)
            # A question never stands alone at the foot of a page.
            story.append(CondPageBreak(2 * st.question.line_height + 2 * st.answer.line_height))
            story.append(question)
            story.extend(answers)
    elif talk.outline:
        story.extend(_heading("谈话提纲", st))
        for k, q in enumerate(talk.outline, start=1):
            story.append(CJKParagraph(f"{k}. {q.strip()}", st.answer))
    if talk.key_points.strip():
        story.extend(_heading("谈话要点", st))
        story.extend(_text_block(talk.key_points, st.body))
    flags = []
    if talk.raised_problems:
        flags.append("反映了问题")
    if talk.raised_leads:
        flags.append("提供了问题线索")
    if flags:
        story.append(CJKParagraph(f"被谈话人{'，'.join(flags)}。", st.note))
    closing = [CJKParagraph("以上记录经本人阅读，与谈话内容一致。", st.closing)]
    if talk.status == TalkStatus.SIGNED and talk.signed_on:
        closing.append(CJKParagraph(f"被谈话人已于{chinese_date(talk.signed_on)}签字确认。", st.closing))
    closing.append(Spacer(1, 4 * mm))
    closing.append(_signature_block(talk, st, width))
    story.append(KeepTogether(closing))
    # Addenda are written after the signature, so they follow the confirmation the signature covers.
    if talk.addenda:
        story.extend(_heading("补充更正", st))
        for add in talk.addenda:
            story.append(
                CJKParagraph(f"{chinese_date(add.added_on)}补充（{add.author_name}）：", st.question)
            )
            story.extend(_text_block(add.text, st.body))
    return story


def _signature_block(talk: Talk, st: _Styles, width: float) -> Table:
    """Where each interviewer, the recorder and the interviewee sign and date the record."""
    people = [("谈话人", p.name) for p in talk.interviewers] or [("谈话人", "")]
    people += [("记录人", talk.recorder.name), ("被谈话人", talk.interviewee_name)]
    rows = [
        [
            CJKParagraph(f"{role}（签名）：", st.sign),
            CJKParagraph("", st.sign),
            CJKParagraph(f"（{name}）" if name else "", st.sign_name),
            CJKParagraph("日期：", st.sign),
            CJKParagraph("", st.sign),
        ]
        for role, name in people
    ]
    col = [width * 0.27, width * 0.29, width * 0.15, width * 0.10, width * 0.19]
    table = Table(rows, colWidths=col, hAlign="LEFT", rowHeights=[11 * mm] * len(rows))
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), st.cell.font),  # else reportlab names Helvetica
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),  # the lines are for ink
                ("LINEBELOW", (4, 0), (4, -1), 0.6, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def render_talk_record(
    talk: Talk, *, copy_number: int | None, classification: str, fonts: FontSet | None = None
) -> bytes:
    """The talk record as PDF bytes; `copy_number` None renders an unnumbered preview."""
    fonts = fonts or default_fonts()
    furniture = Furniture(
        fonts=fonts,
        classification=classification,
        copy_number=copy_number,
        header=talk.title,
        signature_labels=SIGNATURE_LABELS,
    )
    story = talk_story(talk, fonts, frame_width(furniture))
    return build_pdf(story, furniture, title="谈话记录")
