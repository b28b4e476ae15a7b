"""Printing glue for visits: the visit record (走访记录). Previews are unnumbered and audited;
printing or exporting registers each copy's number in the transaction that renders the copies."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.domain.visits.records import fetch_visit
from app.core.printing import register
from app.core.printing.register import PrintAction, register_print
from app.core.security.visibility import printed_mark
from app.core.session import Session

VISIT_RECORD = "visit_record"
register.DOCUMENT_KINDS.setdefault(VISIT_RECORD, "走访记录")


@dataclass
class PrintJob:
    visit_id: str
    action: PrintAction
    copy_numbers: list[int]
    pdfs: list[bytes]


def _render(visit, copy_number: int | None, mark: str) -> bytes:
    from app.core.printing import visit_record

    return visit_record.render_visit_record(visit, copy_number=copy_number, classification=mark)


def preview(session: Session, visit_id: str) -> bytes:
    """An unnumbered PDF of the visit record; the view is audited."""
    visit = fetch_visit(session, visit_id)
    data = _render(visit, None, printed_mark(visit.classification, visit.protection_years, None))
    session.audit("visit_preview", "visit", visit_id, f"第{visit.number}号")
    return data


def print_copies(
    session: Session,
    visit_id: str,
    copies: int = 1,
    *,
    action: PrintAction | str = PrintAction.PRINT,
    classification: str | None = None,
) -> PrintJob:
    """Register `copies` numbered copies and render one PDF each; a failed render spends no number."""
    visit = fetch_visit(session, visit_id)
    mark = printed_mark(visit.classification, visit.protection_years, classification)
    with session.transaction():
        numbers = register_print(
            session,
            VISIT_RECORD,
            visit_id,
            copies,
            action,
            inspection_id=visit.inspection_id,
            classification=mark,
        )
        pdfs = [_render(visit, n, mark) for n in numbers]
    return PrintJob(visit_id, PrintAction(action), numbers, pdfs)
