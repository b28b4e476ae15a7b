"""A round's results as a printed report and as an Excel workbook of the tallies.

Both are registered copies (the print register gives the copy number printed on them) built in
memory inside one audited transaction: the report needs Cap.PRINT, the workbook Cap.EXPORT; both the
inspection's need to know. A group below the minimum number of forms gives no figures in either.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.domain.evaluation import scoring
from app.core.printing import evaluation_report, register
from app.core.printing.furniture import classification_mark
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.sheets.workbook import Book, Col

register.DOCUMENT_KINDS.setdefault("eval_report", "测评报告")
register.DOCUMENT_KINDS.setdefault("xlsx_eval_tally", "测评统计（Excel）")


def _subtitle(session: Session, inspection_id: str, rnd) -> str:
    row = session.conn.execute(
        "SELECT u.name AS unit, t.name AS team FROM inspections i JOIN units u ON u.id = i.unit_id"
        " JOIN teams t ON t.id = i.team_id WHERE i.id = ?",
        (inspection_id,),
    ).fetchone()
    when = f"，{rnd.held_on}" if rnd.held_on else ""
    return f"{row['unit']}（{row['team']}）第{rnd.number}轮{('·' + rnd.purpose) if rnd.purpose else ''}{when}"


def report_pdf(
    session: Session, round_id: str, *, copy_number: int | None = None, classification: str = "秘密"
) -> bytes:
    """The round's report; `copy_number` None renders the unnumbered preview (viewing is audited)."""
    survey, rnd, results = scoring.round_results(session, round_id, audit=copy_number is None)
    return evaluation_report.render_report(
        title=f"{survey.name}结果报告",
        subtitle=_subtitle(session, rnd.inspection_id, rnd),
        printed=rnd.printed,
        returned=rnd.returned,
        results=results,
        earlier=scoring.compare_rounds(session, survey.id),
        units=scoring.compare_units(session, round_id),
        copy_number=copy_number,
        classification=classification,
    )


def print_report(
    session: Session,
    round_id: str,
    *,
    classification: str = "秘密",
    protection_years: int | None = None,
    action: register.PrintAction = register.PrintAction.PRINT,
) -> tuple[bytes, int]:
    """The round's report as PDF bytes and its copy number (PrintAction.EXPORT when written to a file)."""
    session.require(Cap.PRINT if action is register.PrintAction.PRINT else Cap.EXPORT)
    rnd = scoring.get_round(session, round_id)
    visibility.require_inspection_visible(session, rnd.inspection_id)
    mark = classification_mark(classification, protection_years)
    with session.transaction():
        (copy,) = register.register_print(
            session, "eval_report", round_id, 1, action, inspection_id=rnd.inspection_id, classification=mark
        )
        pdf = report_pdf(session, round_id, copy_number=copy, classification=mark)
        session.audit("eval_report_print", "eval_round", round_id, f"份号 {copy:06d}")
    return pdf, copy


@dataclass
class TallyExport:
    data: bytes
    rows: int
    copy_number: int
    filename: str


def export_tally(session: Session, round_id: str, *, classification: str = "秘密") -> TallyExport:
    """The tallies as .xlsx bytes: one sheet of person × dimension, one of the questions."""
    session.require(Cap.EXPORT)
    survey, rnd, results = scoring.round_results(session, round_id, audit=False)
    mark = classification_mark(classification)
    subtitle = _subtitle(session, rnd.inspection_id, rnd) + f"　有效表 {results.forms} 份　{mark}"
    with session.transaction():
        (copy,) = register.register_print(
            session, "xlsx_eval_tally", round_id, 1, register.PrintAction.EXPORT,
            inspection_id=rnd.inspection_id, classification=mark,
        )  # fmt: skip
        book = Book(classification=mark, copy_number=copy, title=f"{survey.name}统计")
        rows = 0
        try:
            grades = max((len(g.section.options) for g in results.grids), default=4)
            cols = [Col("测评对象", 14), Col("维度", 12), Col("权重", 8, "number")]
            cols += [Col(f"等次{k + 1}", 10) for k in range(grades)]
            cols += [
                Col("好评占比", 10, "percent"),
                Col("差评占比", 10, "percent"),
                Col("得分", 10, "number"),
                Col("综合得分", 10, "number"),
            ]
            sheet = book.sheet("测评结果", f"{survey.name}统计", subtitle, cols)
            for g in results.grids:
                labels = [o.label for o in g.section.options]
                for s in g.subjects:
                    for c in s.cells:
                        counts = [f"{labels[k]} {c.counts[o.key]}" for k, o in enumerate(g.section.options)]
                        counts += [""] * (grades - len(counts))
                        sheet.append([s.subject.name, c.dimension.label, c.dimension.weight, *counts,
                                      round(c.share_good, 4), round(c.share_poor, 4),
                                      None if c.score is None else round(c.score, 2),
                                      None if s.score is None else round(s.score, 2)])  # fmt: skip
                        rows += 1
            qsheet = book.sheet(
                "问卷结果",
                f"{survey.name}各题统计",
                subtitle,
                [Col("题目", 40), Col("选项", 16), Col("人数", 8, "number"), Col("占比", 10, "percent")],
            )
            for q in results.questions:
                for o in q.section.options:
                    qsheet.append([q.section.text, o.label, q.counts[o.key], round(q.shares[o.key], 4)])
                    rows += 1
            data = book.to_bytes()
        except BaseException:
            book.discard()
            raise
        session.audit("eval_tally_export", "eval_round", round_id, f"{rows} 行，份号 {copy:06d}")
    return TallyExport(data, rows, copy, f"{survey.name}统计.xlsx")
