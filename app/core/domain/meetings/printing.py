"""Printing glue for meetings: the sign-in sheet (签到表) and the minutes (会议纪要).

The PDFs are drawn by app.core.printing.meeting_minutes (imported when first needed). Previews are
unnumbered and audited; printing or exporting registers each copy's number in the same transaction
that renders the copies, as for talk records.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.domain.meetings.queries import fetch_meeting
from app.core.errors import ValidationError
from app.core.printing import register
from app.core.printing.register import PrintAction, register_print
from app.core.security.visibility import printed_mark
from app.core.session import Session

MINUTES = "meeting_minutes"
SIGN_IN = "sign_in_sheet"
DOCUMENTS = {MINUTES: "会议纪要", SIGN_IN: "会议签到表"}
for _kind, _label in DOCUMENTS.items():
    register.DOCUMENT_KINDS.setdefault(_kind, _label)


@dataclass
class PrintJob:
    meeting_id: str
    document: str
    action: PrintAction
    copy_numbers: list[int]
    pdfs: list[bytes]


def _render(document: str, meeting, copy_number: int | None, mark: str) -> bytes:
    from app.core.printing import meeting_minutes

    if document == MINUTES:
        return meeting_minutes.render_minutes(meeting, copy_number=copy_number, classification=mark)
    return meeting_minutes.render_sign_in_sheet(meeting, copy_number=copy_number, classification=mark)


def _check(document: str) -> str:
    if document not in DOCUMENTS:
        raise ValidationError("不支持该打印文件。", field="document")
    return document


def preview(session: Session, meeting_id: str, document: str = MINUTES) -> bytes:
    """An unnumbered PDF of the minutes or the sign-in sheet; the view is audited."""
    document = _check(document)
    meeting = fetch_meeting(session, meeting_id)
    data = _render(
        document, meeting, None, printed_mark(meeting.classification, meeting.protection_years, None)
    )
    session.audit("meeting_preview", "meeting", meeting_id, f"第{meeting.number}号，{DOCUMENTS[document]}")
    return data


def print_copies(
    session: Session,
    meeting_id: str,
    document: str = MINUTES,
    copies: int = 1,
    *,
    action: PrintAction | str = PrintAction.PRINT,
    classification: str | None = None,
) -> PrintJob:
    """Register `copies` numbered copies and render one PDF each; a failed render spends no number."""
    document = _check(document)
    meeting = fetch_meeting(session, meeting_id)
    mark = printed_mark(meeting.classification, meeting.protection_years, classification)
    with session.transaction():
        numbers = register_print(
            session,
            document,
            meeting_id,
            copies,
            action,
            inspection_id=meeting.inspection_id,
            classification=mark,
        )
        pdfs = [_render(document, meeting, n, mark) for n in numbers]
    return PrintJob(meeting_id, document, PrintAction(action), numbers, pdfs)
