"""The working paper (问题底稿) and the fact confirmation sheet (事实确认单): A4 forms.

The working paper is written in three parts — the facts, the judgement (legal basis), the
responsibility — followed by the numbered evidence list, the team meeting's review and the leader's
signature. The fact confirmation sheet puts only the facts to the unit, with room for its opinion
and the signature (and seal) of its responsible person on every page.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from app.core.domain.register import issue_reads, issue_record
from app.core.domain.register.evidence import Evidence, list_evidence
from app.core.domain.register.issue_record import Issue
from app.core.printing import register
from app.core.printing.document import build_pdf, frame_width
from app.core.printing.fonts import FontSet, default_fonts
from app.core.printing.furniture import Furniture
from app.core.printing.issue_list import classification_cell, involved_text
from app.core.printing.text import CJKParagraph, TextStyle, paragraphs
from app.core.security.roles import Cap
from app.core.session import Session

KIND = "working_paper"
FACT_SHEET_KIND = "fact_sheet"
register.DOCUMENT_KINDS.setdefault(KIND, "问题底稿")
register.DOCUMENT_KINDS.setdefault(FACT_SHEET_KIND, "事实确认单")

FACT_SHEET_SIGNATURES = ("被巡察单位负责人签字（盖章）：", "日期：")


def chinese_date(value: str | None) -> str:
    if not value:
        return "    年  月  日"
    y, m, d = (int(x) for x in value[:10].split("-"))
    return f"{y}年{m}月{d}日"


class _Styles:
    def __init__(self, fonts: FontSet) -> None:
        self.title = TextStyle(fonts.title, 22, leading=30, justify=False, align="center", space_after=2)
        self.number = TextStyle(fonts.kai, 14, leading=22, justify=False, align="center", space_after=8)
        self.label = TextStyle(fonts.hei, 10.5, leading=15, justify=False, align="center")
        self.cell = TextStyle(fonts.song, 10.5, leading=15, justify=False)
        self.heading = TextStyle(fonts.hei, 14, leading=22, justify=False, space_before=10, space_after=4)
        self.body = TextStyle(fonts.fangsong, 12, leading=21, first_indent=24)
        self.plain = TextStyle(fonts.fangsong, 12, leading=21)
        self.sign = TextStyle(fonts.song, 12, leading=22, justify=False, align="right", space_before=6)


def _grid(rows: list[list], widths: list[float], label_cols: tuple[int, ...] = (0, 2)) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=0)
    font = next(c.style.font for row in rows for c in row if isinstance(c, CJKParagraph))
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), font),  # else reportlab names an unembedded Helvetica
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for c in label_cols:
        commands.append(("BACKGROUND", (c, 0), (c, -1), colors.HexColor("#F0F0F0")))
    table.setStyle(TableStyle(commands))
    return table


def _spanned(table: Table, rows: list[int]) -> Table:
    """Let the value of these rows run across the remaining three columns."""
    commands = [("SPAN", (1, r), (3, r)) for r in rows]
    commands += [("BACKGROUND", (1, r), (3, r), colors.white) for r in rows]
    table.setStyle(TableStyle(commands))
    return table


def _text(text: str, style: TextStyle, empty: str = "（未填写）") -> list:
    return paragraphs(text, style) if text.strip() else [CJKParagraph(empty, style)]


def working_paper_story(
    issue: Issue, evidence: list[Evidence], fonts: FontSet, width: float, trail: tuple = ()
) -> list:
    """The paper; `trail` the sign-off chain's steps (paper_chain.Step), printed as 审签记录 after it."""
    st = _Styles(fonts)

    def lab(t: str) -> CJKParagraph:
        return CJKParagraph(t, st.label)

    def val(t: str) -> CJKParagraph:
        return CJKParagraph(t, st.cell)

    tags = "、".join(t.label for t in issue_record.IssueTag if t in issue.tags)
    level = issue.level.label
    meta = [
        [lab("问题标题"), val(issue.title), "", ""],
        [lab("被巡察单位"), val(issue.unit_name), lab("巡察组"), val(issue.team_name)],
        [lab("问题类别"), val(classification_cell(issue)), lab("严重程度"), val(issue.seriousness.label)],
        [lab("发现人"), val(issue.found_by), lab("发现时间"), val(chinese_date(issue.found_on))],
        [
            lab("撰写人"),
            val(issue.written_by),
            lab("撰写时间"),
            val(chinese_date(issue.written_on) if issue.written_on else ""),
        ],
        [lab("涉及人员"), val(issue.people_involved), lab("人数/金额"), val(involved_text(issue))],
        [lab("标签"), val("、".join(x for x in (tags, level, issue.secondary_name) if x)), "", ""],
    ]
    w = [width * 0.14, width * 0.36, width * 0.14, width * 0.36]
    story: list = [
        CJKParagraph("问题底稿", st.title),
        CJKParagraph(issue.number or "（尚未签批编号）", st.number),
        _spanned(_grid(meta, w), [0, len(meta) - 1]),
        CJKParagraph("一、问题事实", st.heading),
        *_text(issue.facts, st.body),
        CJKParagraph("二、定性依据", st.heading),
        *_text(issue.legal_basis, st.body),
        CJKParagraph("三、责任分析", st.heading),
        *_text(issue.responsibility, st.body, ""),
    ]
    resp = [
        (label, who)
        for label, who in (
            ("主体责任", issue.resp_principal),
            ("第一责任人", issue.resp_first),
            ("主要领导责任", issue.resp_leading),
            ("监督责任", issue.resp_supervisory),
        )
        if who
    ]
    if resp:
        story.append(Spacer(1, 4))
        story.append(_grid([[lab(a), val(b)] for a, b in resp], [width * 0.2, width * 0.8], label_cols=(0,)))
    story.append(CJKParagraph("四、证据清单", st.heading))
    if evidence:
        rows = [[lab("序号"), lab("证据来源"), lab("出处"), lab("证据说明")]]
        for e in evidence:
            rows.append(
                [
                    CJKParagraph(str(e.ordinal), st.label),
                    val(e.source),  # the kind and the record's number: 谈话记录 第3号（…）
                    val(e.locator),
                    val(e.description),
                ]
            )
        table = _grid(rows, [width * 0.08, width * 0.36, width * 0.14, width * 0.42], label_cols=())
        table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F0F0F0"))]))
        table.repeatRows = 1
        story.append(table)
    else:
        story.append(CJKParagraph("（尚无证据）", st.plain))
    review = [
        CJKParagraph("五、组务会审核意见", st.heading),
        *_text(issue.review_opinion, st.body, "（尚未审核）"),
        CJKParagraph(f"审核日期：{chinese_date(issue.reviewed_on)}", st.sign),
    ]
    story.append(KeepTogether(review))
    signer = issue.signed_by_name if issue.signed else "            "
    story.append(
        KeepTogether(
            [
                CJKParagraph("六、组长签批", st.heading),
                CJKParagraph(f"组长（签字）：{signer}    {chinese_date(issue.signed_on)}", st.sign),
            ]
        )
    )
    if trail:
        heading = CJKParagraph("七、审签记录", st.heading)
        rows = [[lab("序号"), lab("环节"), lab("人员"), lab("时间"), lab("意见或理由")]]
        for step in trail:
            when = chinese_date(step.acted_on or step.at[:10])
            rows.append(
                [
                    CJKParagraph(str(step.ordinal), st.label),
                    val(step.action.label),
                    val(step.user_name),
                    val(when),
                    val(step.opinion),
                ]
            )
        widths = [width * 0.08, width * 0.2, width * 0.14, width * 0.2, width * 0.38]
        table = _grid(rows, widths, label_cols=())
        table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#F0F0F0"))]))
        table.repeatRows = 1
        story.append(KeepTogether([heading, table]))  # the heading never alone at a page's foot
    return story


def render_working_paper(
    issue: Issue,
    evidence: list[Evidence],
    *,
    classification: str,
    copy_number: int | None = None,
    fonts: FontSet | None = None,
    trail: tuple = (),
) -> bytes:
    fonts = fonts or default_fonts()
    furniture = Furniture(
        fonts=fonts,
        classification=classification,
        copy_number=copy_number,
        header=f"问题底稿 {issue.number or ''}".strip(),
    )
    return build_pdf(
        working_paper_story(issue, evidence, fonts, frame_width(furniture), trail),
        furniture,
        title="问题底稿",
    )


def fact_sheet_story(issue: Issue, fonts: FontSet, width: float) -> list:
    st = _Styles(fonts)
    return [
        CJKParagraph("事实确认单", st.title),
        CJKParagraph(issue.number or "", st.number),
        CJKParagraph(f"{issue.unit_name}党组织：", st.plain),
        CJKParagraph(
            f"{issue.team_name}在巡察中发现以下问题，现将有关事实送你单位确认。如有异议，请书面说明理由并提供相关材料。",
            st.body,
        ),
        CJKParagraph(f"问题：{issue.title}", st.heading),
        *_text(issue.facts, st.body),
        Spacer(1, 8),
        Table(
            [[CJKParagraph("被巡察单位确认意见", st.label), CJKParagraph("", st.cell)]],
            colWidths=[width * 0.26, width * 0.74],
            rowHeights=[120],
            style=TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), st.cell.font),  # else an unembedded Helvetica
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F0F0F0")),
                ]
            ),
        ),
        CJKParagraph(f"{issue.team_name}（印）    {chinese_date(None)}", st.sign),
    ]


def render_fact_sheet(
    issue: Issue, *, classification: str, copy_number: int | None = None, fonts: FontSet | None = None
) -> bytes:
    fonts = fonts or default_fonts()
    furniture = Furniture(
        fonts=fonts,
        classification=classification,
        copy_number=copy_number,
        header=f"事实确认单 {issue.number or ''}".strip(),
        signature_labels=FACT_SHEET_SIGNATURES,
    )
    return build_pdf(fact_sheet_story(issue, fonts, frame_width(furniture)), furniture, title="事实确认单")


def working_paper_pdf(
    session: Session, issue_id: str, *, classification: str, copy_number: int | None = None
) -> bytes:
    """The working paper of one issue (Cap.PRINT; opening the issue is audited).

    Register the copy first (printing.register.register_print, kind 'working_paper', the issue id).
    """
    from app.core.domain.register.paper_chain import get_chain

    session.require(Cap.PRINT)
    issue = issue_reads.get_issue(session, issue_id)
    return render_working_paper(
        issue,
        list_evidence(session, issue_id),
        classification=classification,
        copy_number=copy_number,
        trail=get_chain(session, issue_id).steps,
    )


def fact_sheet_pdf(
    session: Session, issue_id: str, *, classification: str, copy_number: int | None = None
) -> bytes:
    """The fact confirmation sheet of one issue (Cap.PRINT; kind 'fact_sheet')."""
    session.require(Cap.PRINT)
    issue = issue_reads.get_issue(session, issue_id)
    return render_fact_sheet(issue, classification=classification, copy_number=copy_number)
