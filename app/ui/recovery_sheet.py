"""The printed recovery sheet: rendered straight to the printer, never to a file."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QPagedPaintDevice, QTextDocument
from PySide6.QtWidgets import QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecoverySheet", text)


# Listed for lupdate, which cannot see through _tr(); the strings are translated at the call sites.
_ = (
    QT_TRANSLATE_NOOP("RecoverySheet", "Inspection Workbench — recovery code"),
    QT_TRANSLATE_NOOP("RecoverySheet", "Organisation: "),
    QT_TRANSLATE_NOOP("RecoverySheet", "Created on: "),
    QT_TRANSLATE_NOOP(
        "RecoverySheet",
        "This code can reset any account's password on this workstation. Seal this sheet in an "
        "envelope, sign across the seal and keep it in the safe. It is shown only once.",
    ),
    QT_TRANSLATE_NOOP("RecoverySheet", "Sealed by: ____________    Witness: ____________"),
    QT_TRANSLATE_NOOP("RecoverySheet", "Print the recovery code"),
)


def sheet_document(org_name: str, code: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(
        "<h2 align='center'>{title}</h2>"
        "<p>{org_label}{org}</p><p>{date_label}{today}</p>"
        "<p align='center' style='font-size:22pt; font-family:monospace'><b>{code}</b></p>"
        "<p>{advice}</p><p>{sign}</p>".format(
            title=html.escape(_tr("Inspection Workbench — recovery code")),
            org_label=html.escape(_tr("Organisation: ")),
            org=html.escape(org_name),
            date_label=html.escape(_tr("Created on: ")),
            today=date.today().isoformat(),
            code=html.escape(code),
            advice=html.escape(
                _tr(
                    "This code can reset any account's password on this workstation. Seal this sheet in an "
                    "envelope, sign across the seal and keep it in the safe. It is shown only once."
                )
            ),
            sign=html.escape(_tr("Sealed by: ____________    Witness: ____________")),
        )
    )
    return doc


def print_sheet(device: QPagedPaintDevice, org_name: str, code: str) -> None:
    sheet_document(org_name, code).print_(device)


def print_with_dialog(parent: QWidget, org_name: str, code: str) -> str:
    """Ask for a printer (the Qt print dialog) and print: "printed", "cancelled" or "refused_file"."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_tr("Print the recovery code"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return "cancelled"
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        # A "print to file" choice would write the code to disk: refuse it.
        return "refused_file"
    print_sheet(printer, org_name, code)
    return "printed"
