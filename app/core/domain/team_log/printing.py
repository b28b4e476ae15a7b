"""Printing glue for the team log: one week (Monday to Sunday) for the leader's signature, previewed
unnumbered (audited) or printed in numbered copies registered in the rendering transaction."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.domain import _fields as f
from app.core.domain.team_log.queries import log_lines, week_of
from app.core.printing import register
from app.core.printing.register import PrintAction, register_print
from app.core.security import visibility
from app.core.security.visibility import printed_mark
from app.core.session import Session

TEAM_LOG = "team_log"
register.DOCUMENT_KINDS.setdefault(TEAM_LOG, "巡察日志")
LEVEL = "秘密"


@dataclass
class PrintJob:
    inspection_id: str
    monday: str
    copy_numbers: list[int]
    pdfs: list[bytes]


def _heading(session: Session, inspection_id: str, monday: str):
    from app.core.printing.team_log import LogHeading

    row = session.conn.execute(
        "SELECT u.name AS unit_name, t.name AS team_name, coalesce((SELECT us.display_name FROM team_members m"
        " JOIN users us ON us.id = m.user_id WHERE m.team_id = t.id AND m.position = 'leader'), '') AS leader"
        " FROM inspections x JOIN units u ON u.id = x.unit_id JOIN teams t ON t.id = x.team_id WHERE x.id = ?",
        (inspection_id,),
    ).fetchone()
    return LogHeading(row["unit_name"], row["team_name"], row["leader"], monday)


def _pdf(session: Session, inspection_id: str, day: str, mark: str, copy_number: int | None) -> bytes:
    from app.core.printing.team_log import render_week

    monday, sunday = week_of(day)
    lines = log_lines(session, inspection_id, monday, sunday)
    return render_week(
        lines, _heading(session, inspection_id, monday), copy_number=copy_number, classification=mark
    )


def preview_week(session: Session, inspection_id: str, day: str) -> bytes:
    visibility.require_inspection_visible(session, inspection_id)
    day = f.iso_date(day, "week", "日志周次")
    data = _pdf(session, inspection_id, day, LEVEL, None)
    session.audit("team_log_preview", "inspection", inspection_id, f"{week_of(day)[0]} 一周")
    return data


def print_week(
    session: Session,
    inspection_id: str,
    day: str,
    copies: int = 1,
    *,
    action: PrintAction | str = PrintAction.PRINT,
    classification: str | None = None,
) -> PrintJob:
    visibility.require_inspection_visible(session, inspection_id)
    day = f.iso_date(day, "week", "日志周次")
    mark = printed_mark(LEVEL, None, classification)
    with session.transaction():
        numbers = register_print(
            session, TEAM_LOG, inspection_id, copies, action, inspection_id=inspection_id, classification=mark
        )
        pdfs = [_pdf(session, inspection_id, day, mark, n) for n in numbers]
    return PrintJob(inspection_id, week_of(day)[0], numbers, pdfs)
