"""Printing the issue list, the rectification ledger, a working paper and its fact sheet through the
shared preview. The preview is the core's unnumbered PDF; printing or export registers the copies
first (the shared dialog's registered_copies) and renders each numbered copy in that transaction.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.core.domain.register import issue_record
from app.core.printing import issue_list, rectification_ledger, working_paper
from app.core.printing.furniture import classification_mark
from app.ui.db_worker import DbWorker
from app.ui.printing import PrintPreviewDialog

CLASSIFICATION = "秘密"  # findings name people and sums: 秘密 like the rest of the case


def tr(text: str) -> str:
    return QCoreApplication.translate("Register", text)


def _show(parent: QWidget, worker: DbWorker, **kwargs) -> PrintPreviewDialog:
    dialog = PrintPreviewDialog.show_for(
        worker, parent, classification=classification_mark(CLASSIFICATION), **kwargs
    )
    parent.preview_dialog = dialog
    return dialog


def print_issue_list(parent: QWidget, worker: DbWorker, inspection_id: str) -> PrintPreviewDialog:
    return _show(
        parent,
        worker,
        title=QCoreApplication.translate("Register", "Issue list — print preview"),
        preview=lambda s: issue_list.issue_list_pdf(s, inspection_id, classification=CLASSIFICATION),
        kind=issue_list.KIND,
        record_id=inspection_id,
        inspection_id=inspection_id,
        numbered=lambda s, n: issue_list.issue_list_pdf(
            s, inspection_id, classification=CLASSIFICATION, copy_number=n
        ),
        file_name=QCoreApplication.translate("Register", "issue-list.pdf"),
    )


def print_rectification_ledger(parent: QWidget, worker: DbWorker, inspection_id: str) -> PrintPreviewDialog:
    return _show(
        parent,
        worker,
        title=QCoreApplication.translate("Register", "Rectification ledger — print preview"),
        preview=lambda s: rectification_ledger.rectification_ledger_pdf(
            s, inspection_id, classification=CLASSIFICATION
        ),
        kind=rectification_ledger.KIND,
        record_id=inspection_id,
        inspection_id=inspection_id,
        numbered=lambda s, n: rectification_ledger.rectification_ledger_pdf(
            s, inspection_id, classification=CLASSIFICATION, copy_number=n
        ),
        file_name=QCoreApplication.translate("Register", "rectification-ledger.pdf"),
    )


def print_working_paper(parent: QWidget, worker: DbWorker, issue: issue_record.Issue) -> PrintPreviewDialog:
    return _show(
        parent,
        worker,
        title=QCoreApplication.translate("Register", "Working paper — print preview"),
        preview=lambda s: working_paper.working_paper_pdf(s, issue.id, classification=CLASSIFICATION),
        kind=working_paper.KIND,
        record_id=issue.id,
        inspection_id=issue.inspection_id,
        numbered=lambda s, n: working_paper.working_paper_pdf(
            s, issue.id, classification=CLASSIFICATION, copy_number=n
        ),
        file_name=QCoreApplication.translate("Register", "working-paper.pdf"),
    )


def print_fact_sheet(parent: QWidget, worker: DbWorker, issue: issue_record.Issue) -> PrintPreviewDialog:
    return _show(
        parent,
        worker,
        title=QCoreApplication.translate("Register", "Fact confirmation sheet — print preview"),
        preview=lambda s: working_paper.fact_sheet_pdf(s, issue.id, classification=CLASSIFICATION),
        kind=working_paper.FACT_SHEET_KIND,
        record_id=issue.id,
        inspection_id=issue.inspection_id,
        numbered=lambda s, n: working_paper.fact_sheet_pdf(
            s, issue.id, classification=CLASSIFICATION, copy_number=n
        ),
        file_name=QCoreApplication.translate("Register", "fact-sheet.pdf"),
    )


def print_fact_confirmation(parent: QWidget, worker: DbWorker, sheet) -> PrintPreviewDialog:
    from app.core.printing import fact_confirmation

    return _show(
        parent,
        worker,
        title=QCoreApplication.translate("Register", "Fact confirmation — print preview"),
        preview=lambda s: fact_confirmation.sheet_pdf(s, sheet.id, classification=CLASSIFICATION),
        kind=fact_confirmation.KIND,
        record_id=sheet.id,
        inspection_id=sheet.inspection_id,
        numbered=lambda s, n: fact_confirmation.sheet_pdf(
            s, sheet.id, classification=CLASSIFICATION, copy_number=n
        ),
        file_name=QCoreApplication.translate("Register", "fact-confirmation.pdf"),
    )


def print_assessment_report(parent: QWidget, worker: DbWorker, found) -> PrintPreviewDialog:
    from app.core.printing import assessment_report

    return _show(
        parent,
        worker,
        title=QCoreApplication.translate("Register", "Assessment report — print preview"),
        preview=lambda s: assessment_report.report_pdf(s, found.inspection_id, classification=CLASSIFICATION),
        kind=assessment_report.KIND,
        record_id=found.id,
        inspection_id=found.inspection_id,
        numbered=lambda s, n: assessment_report.report_pdf(
            s, found.inspection_id, classification=CLASSIFICATION, copy_number=n
        ),
        file_name=QCoreApplication.translate("Register", "assessment-report.pdf"),
    )
