"""Printing glue for the talk record: the unnumbered preview, and registered numbered copies.

The PDF itself is drawn by app.core.printing.talk_record (imported when first needed, so that
reportlab loads only when something is printed). Previewing is audited; printing or exporting
registers each copy's number (printing/register.py) in the same transaction that renders the copies,
so a failed rendering spends no number.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.domain.talks.queries import fetch_talk
from app.core.domain.talks.types import Talk
from app.core.printing.register import PrintAction, register_print
from app.core.security.visibility import printed_mark
from app.core.session import Session

DOCUMENT_KIND = "talk_record"


@dataclass
class PrintJob:
    """Registered copies of a talk record: one PDF per copy, each with its own copy number."""

    talk_id: str
    action: PrintAction
    copy_numbers: list[int]
    pdfs: list[bytes]


def _mark(talk: Talk, classification: str | None) -> str:
    """The record's own mark, or a requested one from the fixed levels, never lower than the record's."""
    return printed_mark(talk.classification, talk.protection_years, classification)


def preview_talk(session: Session, talk_id: str) -> bytes:
    """The record as an unnumbered PDF for the preview; built in memory, the view audited."""
    from app.core.printing.talk_record import render_talk_record

    talk = fetch_talk(session, talk_id)
    data = render_talk_record(talk, copy_number=None, classification=_mark(talk, None))
    session.audit("talk_preview", "talk", talk_id, f"第{talk.number}号")
    return data


def print_talk(
    session: Session,
    talk_id: str,
    copies: int = 1,
    *,
    action: PrintAction | str = PrintAction.PRINT,
    classification: str | None = None,
) -> PrintJob:
    """Register `copies` copies (print, or an export the user confirmed) and render one PDF for each.

    The copies are registered and rendered in one transaction: if rendering fails, no number is spent.
    """
    from app.core.printing.talk_record import render_talk_record

    talk = fetch_talk(session, talk_id)
    mark = _mark(talk, classification)
    with session.transaction():
        numbers = register_print(
            session,
            DOCUMENT_KIND,
            talk_id,
            copies,
            action,
            inspection_id=talk.inspection_id,
            classification=mark,
        )
        pdfs = [render_talk_record(talk, copy_number=n, classification=mark) for n in numbers]
    return PrintJob(talk_id, PrintAction(action), numbers, pdfs)
