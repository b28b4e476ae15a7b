"""Sending page images to a printer: refuse file output, paint each copy's pages at printer resolution.

A printer may never write a file (PDF or PostScript): a classified document leaves the encrypted
store only through the audited export. `paint_documents` works on any QPagedPaintDevice (a QPrinter,
or in tests a QPdfWriter on a QBuffer) and may run off the GUI thread, as Qt allows for printers.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from app.ui.printing.render import PDFIUM_LOCK, _open, iter_pages

MAX_PRINT_DPI = 300  # plenty for text; A4 at 300 dpi is already 35 MB a page in memory


class PrintRefused(Exception):
    """The printer cannot be used (it would write a file, or there is none)."""


def make_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setFullPage(True)  # the documents carry their own margins
    return printer


def printers_installed() -> bool:
    return bool(QPrinterInfo.availablePrinterNames())


def no_printer_message() -> str:
    return QCoreApplication.translate(
        "Printing", "No printer is installed on this computer. Install one (or ask the system administrator)."
    )


def printer_problem(printer: QPrinter) -> str | None:
    """Why this printer must not be used, or None."""
    if not printers_installed():
        return no_printer_message()  # Qt then offers only a PDF file: say what is really missing
    if printer.outputFormat() != QPrinter.OutputFormat.NativeFormat or printer.outputFileName():
        return QCoreApplication.translate(
            "Printing",
            "Printing to a file is not allowed. A classified document leaves the encrypted store only"
            " through Export PDF, which is registered and audited.",
        )
    if not printer.printerName() or not printer.isValid():
        return QCoreApplication.translate("Printing", "No printer is available.")
    return None


def landscape(pdf: bytes) -> bool:
    with PDFIUM_LOCK:
        doc = _open(pdf)
        try:
            width, height = doc[0].get_size() if len(doc) else (0, 1)
        finally:
            doc.close()
    return width > height


def page_count(pdf: bytes) -> int:
    with PDFIUM_LOCK:
        doc = _open(pdf)
        try:
            return len(doc)
        finally:
            doc.close()


def paint_documents(
    device: QPagedPaintDevice,
    pdfs: list[bytes],
    *,
    cancel: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Paint every page of every PDF (one PDF per copy) onto `device`; returns the pages painted.

    Each page is rendered at the device's resolution (capped at MAX_PRINT_DPI) and scaled into the
    full page, keeping its proportions. Raises PrintRefused when the device will not start.
    """
    if pdfs and landscape(pdfs[0]):
        device.setPageOrientation(QPageLayout.Orientation.Landscape)
    total = sum(page_count(pdf) for pdf in pdfs)
    dpi = min(float(device.logicalDpiX()), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(device):
        raise PrintRefused(
            QCoreApplication.translate(
                "Printing", "The printer did not start. Check that it is switched on and connected."
            )
        )
    painted = 0
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        for pdf in pdfs:
            for image in iter_pages(pdf, dpi, cancel):
                if cancel is not None and cancel.is_set():
                    break
                if painted and not device.newPage():
                    raise PrintRefused(
                        QCoreApplication.translate("Printing", "The printer stopped accepting pages.")
                    )
                target = QRectF(painter.viewport())
                size = image.size().toSizeF().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRectF(target.topLeft(), size), image)
                painted += 1
                if progress is not None:
                    progress(painted, total)
            if cancel is not None and cancel.is_set():
                break
    finally:
        painter.end()
    return painted
