"""Printing glue for briefings: the request letter per department (GB/T 9704, numbered copies) and the
summary of the answers (巡前情况通报汇总, saved as briefing-summary.pdf by the tests).

Previews are unnumbered and audited; printing registers each copy's number in the transaction that
renders it. The summary holds only the items the session may know: a member's copy leaves out the
lead-like items, as their lists do.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.domain.briefings.queries import fetch_request, visible_requests
from app.core.domain.official_copies import print_official
from app.core.official import issuers
from app.core.printing import register
from app.core.printing.register import PrintAction, register_print
from app.core.security import visibility
from app.core.security.roles import CLEARANCES
from app.core.security.visibility import printed_mark
from app.core.session import Session

LETTER = "briefing_letter"
SUMMARY = "briefing_summary"
register.DOCUMENT_KINDS.setdefault(LETTER, "商请提供情况的函")
register.DOCUMENT_KINDS.setdefault(SUMMARY, "巡前情况通报汇总")
SUMMARY_LEVEL = "秘密"


@dataclass
class PrintJob:
    document: str
    record_id: str
    copy_numbers: list[int]
    pdfs: list[bytes]


def _issuer(session: Session) -> str:
    return issuers.issuing_settings(session).office.name


def _letter_text(session: Session, request, classification: str | None):
    from app.core.printing.briefings import letter_text

    mark = printed_mark(request.classification, request.protection_years, classification)
    return letter_text(request, _issuer(session), mark)


def preview_letter(session: Session, request_id: str) -> bytes:
    from app.core.printing import gbt9704

    request = fetch_request(session, request_id)
    data = gbt9704.render(_letter_text(session, request, None), title="商请提供情况的函")
    session.audit("briefing_letter_preview", "briefing_request", request_id, f"第{request.number}号")
    return data


def print_letter(
    session: Session,
    request_id: str,
    copies: int = 1,
    *,
    action: PrintAction | str = PrintAction.PRINT,
    classification: str | None = None,
) -> PrintJob:
    request = fetch_request(session, request_id)
    text = _letter_text(session, request, classification)
    numbers, pdfs = print_official(
        session, LETTER, request_id, text, copies, action, inspection_id=request.inspection_id
    )
    return PrintJob(LETTER, request_id, numbers, pdfs)


def _heading(session: Session, inspection_id: str):
    from app.core.printing.briefings import SummaryHeading

    row = session.conn.execute(
        "SELECT u.name AS unit_name, t.name AS team_name, r.number FROM inspections x JOIN units u ON u.id = x.unit_id"
        " JOIN teams t ON t.id = x.team_id JOIN rounds r ON r.id = x.round_id WHERE x.id = ?",
        (inspection_id,),
    ).fetchone()
    return SummaryHeading(row["unit_name"], row["team_name"], f"第{row['number']}轮")


def summary_level(requests) -> str:
    """The summary's level: 秘密 at least, else the highest level of what it holds."""
    levels = [
        SUMMARY_LEVEL,
        *(r.classification for r in requests),
        *(x.classification for r in requests for x in r.items),
    ]
    return max(levels, key=CLEARANCES.index)


def _summary_pdf(session: Session, inspection_id: str, mark: str | None, copy_number: int | None) -> bytes:
    from app.core.printing.briefings import render_summary

    requests = visible_requests(session, inspection_id)
    mark = printed_mark(summary_level(requests), None, mark)
    return render_summary(
        requests, _heading(session, inspection_id), copy_number=copy_number, classification=mark
    )


def preview_summary(session: Session, inspection_id: str) -> bytes:
    visibility.require_inspection_visible(session, inspection_id)
    data = _summary_pdf(session, inspection_id, None, None)
    session.audit("briefing_summary_preview", "inspection", inspection_id, "巡前情况通报汇总")
    return data


def print_summary(
    session: Session,
    inspection_id: str,
    copies: int = 1,
    *,
    action: PrintAction | str = PrintAction.PRINT,
    classification: str | None = None,
) -> PrintJob:
    visibility.require_inspection_visible(session, inspection_id)
    mark = printed_mark(summary_level(visible_requests(session, inspection_id)), None, classification)
    with session.transaction():
        numbers = register_print(
            session, SUMMARY, inspection_id, copies, action, inspection_id=inspection_id, classification=mark
        )
        pdfs = [_summary_pdf(session, inspection_id, mark, n) for n in numbers]
    return PrintJob(SUMMARY, inspection_id, numbers, pdfs)
