"""Printing glue for the talk plan and the talk notices: previews (unnumbered, audited) and
registered numbered copies (Cap.PRINT), rendered in the transaction that registers them.

The plan lists who the team will talk to: it is printed at 秘密 at least (a requested mark may be
higher, never lower). A notice goes to the person it names and is marked 内部 unless asked higher.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.core.domain import _fields as f
from app.core.domain import deadlines
from app.core.domain.talk_plan.queries import fetch_line, plan_lines
from app.core.errors import ValidationError
from app.core.printing import register
from app.core.printing.register import PrintAction, register_print
from app.core.security import visibility
from app.core.security.visibility import printed_mark
from app.core.session import Session

PLAN = "talk_plan"
NOTICE = "talk_notice"
register.DOCUMENT_KINDS.setdefault(PLAN, "谈话计划")
register.DOCUMENT_KINDS.setdefault(NOTICE, "谈话通知")
PLAN_LEVEL = "秘密"
NOTICE_LEVEL = "内部"
MAX_NOTICES = 200


@dataclass
class PrintJob:
    document: str
    record_id: str
    copy_numbers: list[int]
    pdfs: list[bytes]


def heading(session: Session, inspection_id: str):
    from app.core.printing.talk_plan import PlanHeading

    row = session.conn.execute(
        "SELECT u.name AS unit_name, t.name AS team_name, r.number FROM inspections x JOIN units u ON u.id = x.unit_id"
        " JOIN teams t ON t.id = x.team_id JOIN rounds r ON r.id = x.round_id WHERE x.id = ?",
        (inspection_id,),
    ).fetchone()
    return PlanHeading(row["unit_name"], row["team_name"], f"第{row['number']}轮")


def _plan_pdf(session, inspection_id, mark, copy_number, today):
    from app.core.printing.talk_plan import render_talk_plan

    lines = plan_lines(session, inspection_id, today=today)
    return render_talk_plan(
        lines, heading(session, inspection_id), classification=mark, copy_number=copy_number
    )


def preview_plan(session: Session, inspection_id: str, *, today: str | None = None) -> bytes:
    visibility.require_inspection_visible(session, inspection_id)
    data = _plan_pdf(session, inspection_id, PLAN_LEVEL, None, today)
    session.audit("talk_plan_preview", "inspection", inspection_id, "谈话计划")
    return data


def print_plan(
    session: Session,
    inspection_id: str,
    copies: int = 1,
    *,
    action: PrintAction | str = PrintAction.PRINT,
    classification: str | None = None,
    today: str | None = None,
) -> PrintJob:
    visibility.require_inspection_visible(session, inspection_id)
    mark = printed_mark(PLAN_LEVEL, None, classification)
    with session.transaction():
        numbers = register_print(
            session, PLAN, inspection_id, copies, action, inspection_id=inspection_id, classification=mark
        )
        pdfs = [_plan_pdf(session, inspection_id, mark, n, today) for n in numbers]
    return PrintJob(PLAN, inspection_id, numbers, pdfs)


def _notice_lines(session: Session, line_ids: list[str]):
    if not line_ids:
        raise ValidationError("请选择要通知的谈话对象。", field="line_ids")
    if len(line_ids) > MAX_NOTICES:
        raise ValidationError(f"一次最多打印 {MAX_NOTICES} 份谈话通知。", field="line_ids")
    lines = [fetch_line(session, x) for x in dict.fromkeys(line_ids)]
    if len({x.inspection_id for x in lines}) != 1:
        raise ValidationError("一次只能打印同一巡察的谈话通知。", field="line_ids")
    return lines


def lines_of_day(session: Session, inspection_id: str, day: str | date) -> list[str]:
    """The ids of the lines planned on `day` (for printing that day's notices)."""
    on = f.iso_date(day, "day", "谈话日期")
    return [x.id for x in plan_lines(session, inspection_id) if x.planned_at[:10] == on]


def _notices_pdf(session, lines, mark, copy_number, issued_on):
    from app.core.printing.talk_plan import render_talk_notices

    return render_talk_notices(
        lines,
        heading(session, lines[0].inspection_id),
        issued_on=issued_on,
        classification=mark,
        copy_number=copy_number,
    )


def preview_notices(session: Session, line_ids: list[str], *, issued_on: str | None = None) -> bytes:
    lines = _notice_lines(session, line_ids)
    on = f.iso_date(issued_on or deadlines.today(), "issued_on", "通知日期")
    data = _notices_pdf(session, lines, NOTICE_LEVEL, None, on)
    session.audit("talk_plan_preview", "inspection", lines[0].inspection_id, f"谈话通知 {len(lines)} 份")
    return data


def print_notices(
    session: Session,
    line_ids: list[str],
    *,
    issued_on: str | None = None,
    classification: str | None = None,
) -> PrintJob:
    """One registered copy per person: each notice gets its own copy number."""
    lines = _notice_lines(session, line_ids)
    on = f.iso_date(issued_on or deadlines.today(), "issued_on", "通知日期")
    mark = printed_mark(NOTICE_LEVEL, None, classification)
    numbers, pdfs = [], []
    with session.transaction():
        for line in lines:
            (n,) = register_print(
                session,
                NOTICE,
                line.id,
                1,
                PrintAction.PRINT,
                inspection_id=line.inspection_id,
                classification=mark,
            )
            numbers.append(n)
            pdfs.append(_notices_pdf(session, [line], mark, n, on))
    return PrintJob(NOTICE, lines[0].inspection_id, numbers, pdfs)
