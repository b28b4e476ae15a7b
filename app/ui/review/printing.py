"""Printing the request list (调阅资料清单) and a day's return receipt (归还单) through the shared preview.

The preview is the core's unnumbered PDF. Printing and export register their copies first (print
or export, as the shared dialog asks) and render each numbered copy in the same transaction, exactly
as the core's print_request_list / print_return_receipt do, but for either action.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.core.domain.review import listing
from app.core.printing import request_list, return_receipt
from app.core.printing.furniture import classification_mark
from app.core.printing.register import PrintAction, register_print
from app.core.session import Session
from app.ui.db_worker import DbWorker
from app.ui.printing import PrintPreviewDialog

CLASSIFICATION = "秘密"  # the request list names what the team examines: 秘密 like the rest of the case


def request_list_copies(inspection_id: str, day: str, mark: str):
    def copies(session: Session, count: int, action: PrintAction) -> tuple[list[int], list[bytes]]:
        heading = request_list.inspection_heading(session, inspection_id)
        with session.transaction():
            items = listing.list_items(session, inspection_id, today=day)
            numbers = register_print(
                session,
                request_list.KIND,
                inspection_id,
                count,
                action,
                inspection_id=inspection_id,
                classification=mark,
            )
            pdfs = [
                request_list.render_request_list(
                    heading, items, copy_number=n, classification=mark, today=day
                )
                for n in numbers
            ]
        return numbers, pdfs

    return copies


def return_receipt_copies(inspection_id: str, day: str, mark: str):
    def copies(session: Session, count: int, action: PrintAction) -> tuple[list[int], list[bytes]]:
        heading = request_list.inspection_heading(session, inspection_id)
        with session.transaction():
            items = return_receipt.returned_items(session, inspection_id, day)
            numbers = register_print(
                session,
                return_receipt.KIND,
                return_receipt.receipt_record_id(inspection_id, day),
                count,
                action,
                inspection_id=inspection_id,
                classification=mark,
            )
            pdfs = [
                return_receipt.render_return_receipt(heading, items, day, copy_number=n, classification=mark)
                for n in numbers
            ]
        return numbers, pdfs

    return copies


def print_request_list(parent: QWidget, worker: DbWorker, inspection_id: str) -> PrintPreviewDialog:
    mark = classification_mark(CLASSIFICATION)
    day = date.today().isoformat()
    dialog = PrintPreviewDialog.show_for(
        worker,
        parent,
        title=QCoreApplication.translate("Review", "Request list — print preview"),
        preview=lambda s: request_list.preview_request_list(
            s, inspection_id, classification=CLASSIFICATION, today=day
        ),
        copies=request_list_copies(inspection_id, day, mark),
        classification=mark,
        file_name=QCoreApplication.translate("Review", "request-list.pdf"),
    )
    parent.preview_dialog = dialog
    return dialog


def print_return_receipt(
    parent: QWidget, worker: DbWorker, inspection_id: str, day: str
) -> PrintPreviewDialog:
    mark = classification_mark(CLASSIFICATION)
    dialog = PrintPreviewDialog.show_for(
        worker,
        parent,
        title=QCoreApplication.translate("Review", "Return receipt of {date} — print preview").format(
            date=day
        ),
        preview=lambda s: return_receipt.preview_return_receipt(
            s, inspection_id, day, classification=CLASSIFICATION
        ),
        copies=return_receipt_copies(inspection_id, day, mark),
        classification=mark,
        file_name=QCoreApplication.translate("Review", "return-receipt-{date}.pdf").format(date=day),
    )
    parent.preview_dialog = dialog
    return dialog
