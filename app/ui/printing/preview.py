"""Print preview, printing and export of any document the core builds as PDF bytes.

Use it in two lines. A document whose core registers and renders its copies in one call
(`print_talk`, `print_request_list`, … returning `.copy_numbers` and `.pdfs`):

    from app.ui.printing import PrintPreviewDialog
    PrintPreviewDialog.show_for(worker, parent, title=tr("Talk record No. 3"),
        preview=lambda s: talks.preview_talk(s, talk_id),
        copies=lambda s, n, action: talks.print_talk(s, talk_id, n, action=action))

A document that only renders a numbered copy (the caller registers it): give its register kind and
record, and a function rendering copy number n; the dialog registers through
`printing.register.register_print` and renders every copy in the same transaction:

    PrintPreviewDialog.show_for(worker, parent, title=tr("Issue list"),
        preview=lambda s: issue_list_pdf(s, iid, classification=mark),
        kind="issue_list", record_id=iid, inspection_id=iid, classification=mark,
        numbered=lambda s, n: issue_list_pdf(s, iid, classification=mark, copy_number=n))

All callables run on the database worker with the session first. `preview` returns the unnumbered
PDF (the core audits the view); `copies(session, count, action)` must register `count` copies for
`action` (PrintAction.PRINT or .EXPORT) and return `.copy_numbers`/`.pdfs` or a `(numbers, pdfs)`
tuple (pdfs None: every copy prints the preview as it is). Optional: `file_name` (suggested export
name), `classification` (named in the export warning), `copy_count` (the copies chosen beforehand,
offered first in the print dialog). Signals: `printed(list)` with the copy
numbers sent to the printer, `exported(str)` with the file written.

What happens:
- The pages are rendered off the GUI thread (app.ui.printing.render), zoomable, Page Up/Down.
- Print (Ctrl+P) opens QPrintDialog for the number of copies (with no printer installed it says so);
  a printer that would write a file is refused. The copies are registered FIRST (getting their copy numbers), then each copy's own PDF is
  painted at printer resolution, in the background, with a progress dialog.
- Export PDF… asks for the file, then for confirmation (the file is classified and leaves the
  encrypted store), registers the export through the core (Cap.EXPORT, audited), and only then
  writes the file. Nothing else is ever written to disk.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserError
from app.core.printing.register import PrintAction, format_range, register_print
from app.core.security.roles import Cap, allowed
from app.core.session import Session
from app.ui.db_worker import DbWorker
from app.ui.forms import child, load_form
from app.ui.messages import show_error
from app.ui.printing import render
from app.ui.printing.printer import (
    make_printer,
    no_printer_message,
    paint_documents,
    printer_problem,
    printers_installed,
)

PreviewFn = Callable[[Session], bytes]
CopiesFn = Callable[[Session, int, PrintAction], Any]
NumberedFn = Callable[[Session, int], bytes]

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
FIT_WIDTH = 0.0  # the zoom combo's first entry
PAGE_GAP = 12


def registered_copies(
    kind: str,
    record_id: str,
    numbered: NumberedFn | None = None,
    *,
    inspection_id: str | None = None,
    classification: str = "",
) -> CopiesFn:
    """A `copies` function for documents that render a numbered copy but do not register it."""

    def copies(session: Session, count: int, action: PrintAction) -> tuple[list[int], list[bytes] | None]:
        # One transaction: if a copy fails to render, no copy number is spent.
        with session.transaction():
            numbers = register_print(
                session,
                kind,
                record_id,
                count,
                action,
                inspection_id=inspection_id,
                classification=classification,
            )
            pdfs = [numbered(session, n) for n in numbers] if numbered is not None else None
        return numbers, pdfs

    return copies


def copies_of(result: Any, fallback: bytes) -> tuple[list[int], list[bytes]]:
    """(copy numbers, one PDF per copy) from a core print result."""
    if hasattr(result, "copy_numbers"):
        numbers, pdfs = result.copy_numbers, result.pdfs
    else:
        numbers, pdfs = result
    numbers = list(numbers)
    pdfs = list(pdfs) if pdfs is not None else [fallback] * len(numbers)
    if len(pdfs) != len(numbers):
        raise ValueError("one PDF per copy expected")
    return numbers, pdfs


class PrintPreviewDialog(QDialog):
    printed = Signal(list)  # copy numbers sent to the printer
    exported = Signal(str)  # the file written

    def __init__(
        self,
        worker: DbWorker,
        preview: PreviewFn,
        copies: CopiesFn | None = None,
        *,
        kind: str | None = None,
        record_id: str | None = None,
        numbered: NumberedFn | None = None,
        inspection_id: str | None = None,
        classification: str = "",
        title: str = "",
        file_name: str = "",
        copy_count: int = 1,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if copies is None:
            if not (kind and record_id):
                raise ValueError("give copies= or kind= and record_id=")
            copies = registered_copies(
                kind, record_id, numbered, inspection_id=inspection_id, classification=classification
            )
        self.setObjectName("printPreviewDialog")
        self.worker = worker
        self._preview_fn = preview
        self._copies_fn = copies
        self._classification = classification
        self._file_name = file_name or "document.pdf"
        self._copy_count = max(1, int(copy_count))  # what the print dialog offers first
        self._pdf: bytes | None = None
        self._sizes: list[tuple[float, float]] = []
        self._labels: list[QLabel] = []
        self._zoom = FIT_WIDTH
        self._generation = 0  # a newer render makes older results stale
        self._busy = False
        self._scrolling = False  # moving to a chosen page: the counter need not follow the bar
        self._printer: QPrinter | None = None  # kept alive while a job uses it
        self._cancel: threading.Event | None = None
        self.last_copy_numbers: list[int] = []
        self.rendered_pages = 0  # pages shown at the current zoom

        self.setWindowTitle(title or self.tr("Print preview"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(900, 760)
        self.form = load_form("printing_preview.ui", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.form)
        self._find_widgets()
        self._wire()
        self._set_enabled(False)
        self.status.setText(self.tr("Preparing the preview…"))
        worker.submit(preview, on_done=self._loaded, on_error=self._load_failed)

    @classmethod
    def show_for(cls, worker: DbWorker, parent: QWidget | None, **kwargs: Any) -> PrintPreviewDialog:
        """Build, open (window-modal, not blocking) and return the dialog; it deletes itself on close."""
        dialog = cls(worker, parent=parent, **kwargs)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # ---- building ------------------------------------------------------------------------------
    def _find_widgets(self) -> None:
        f = self.form
        self.previous_button = child(f, QPushButton, "previousButton")
        self.next_button = child(f, QPushButton, "nextButton")
        self.page_spin = child(f, QSpinBox, "pageSpin")
        self.page_count_label = child(f, QLabel, "pageCountLabel")
        self.zoom_out_button = child(f, QPushButton, "zoomOutButton")
        self.zoom_in_button = child(f, QPushButton, "zoomInButton")
        self.zoom_combo = child(f, QComboBox, "zoomCombo")
        self.export_button = child(f, QPushButton, "exportButton")
        self.print_button = child(f, QPushButton, "printButton")
        self.close_button = child(f, QPushButton, "closeButton")
        self.scroll = child(f, QScrollArea, "pageScroll")
        self.status = child(f, QLabel, "statusLabel")
        self.pages = QWidget()
        self.pages.setObjectName("previewPages")
        self.pages.setStyleSheet("#previewPages { background: #808080; }")
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setSpacing(PAGE_GAP)
        self.pages_layout.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll.setWidget(self.pages)
        self.zoom_combo.addItem(self.tr("Fit width"), FIT_WIDTH)
        for zoom in ZOOMS:
            self.zoom_combo.addItem(f"{round(zoom * 100)}%", zoom)

    def _wire(self) -> None:
        self.previous_button.clicked.connect(lambda: self.go_to_page(self.page_spin.value() - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.page_spin.value() + 1))
        self.page_spin.valueChanged.connect(self._scroll_to_page)
        self.zoom_combo.currentIndexChanged.connect(lambda _i: self.set_zoom(self.zoom_combo.currentData()))
        self.zoom_in_button.clicked.connect(lambda: self._step_zoom(+1))
        self.zoom_out_button.clicked.connect(lambda: self._step_zoom(-1))
        self.print_button.clicked.connect(self.print_document)
        self.export_button.clicked.connect(self.export_pdf)
        self.close_button.clicked.connect(self.reject)
        self.scroll.verticalScrollBar().valueChanged.connect(self._follow_scroll)
        for keys, slot in (
            (QKeySequence.StandardKey.Print, self.print_document),
            (QKeySequence.StandardKey.ZoomIn, lambda: self._step_zoom(+1)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self._step_zoom(-1)),
            (QKeySequence(Qt.Key.Key_PageDown), lambda: self.go_to_page(self.page_spin.value() + 1)),
            (QKeySequence(Qt.Key.Key_PageUp), lambda: self.go_to_page(self.page_spin.value() - 1)),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(150)
        self._refit.timeout.connect(self._render)
        user = self.worker.user
        if user is not None and not allowed(user.role, Cap.EXPORT):
            self.export_button.setToolTip(self.tr("Your role may not export documents."))

    def _set_enabled(self, enabled: bool) -> None:
        user = self.worker.user
        may_export = user is None or allowed(user.role, Cap.EXPORT)
        for widget in (self.print_button, self.previous_button, self.next_button, self.page_spin):
            widget.setEnabled(enabled)
        self.export_button.setEnabled(enabled and may_export)
        self.close_button.setEnabled(not self._busy)

    # ---- loading and rendering -----------------------------------------------------------------
    def _loaded(self, pdf: bytes) -> None:
        self._pdf = pdf
        render.run_in_pool(
            render.page_sizes, pdf, context=self, on_done=self._sized, on_error=self._render_failed
        )

    def _load_failed(self, error: UserError) -> None:
        self.status.setText(str(error))
        show_error(self, error)

    def _render_failed(self, _error: Exception) -> None:
        self.status.setText(self.tr("The document cannot be shown."))

    def _sized(self, sizes: list[tuple[float, float]]) -> None:
        self._sizes = sizes
        for _ in sizes:
            label = QLabel(self.pages)
            label.setObjectName("previewPage")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setStyleSheet("background: white;")
            self.pages_layout.addWidget(label)
            self._labels.append(label)
        self.page_spin.setMaximum(max(1, len(sizes)))
        self.page_count_label.setText(f"/ {len(sizes)}")
        self._set_enabled(True)
        self.status.setText(self.tr("Pages: %1.").replace("%1", str(len(sizes))))
        self._render()

    def page_count(self) -> int:
        return len(self._sizes)

    def effective_zoom(self) -> float:
        if self._zoom != FIT_WIDTH or not self._sizes:
            return self._zoom or 1.0
        widest = max(w for w, _h in self._sizes) * self.logicalDpiX() / render.POINTS_PER_INCH
        # The room beside a vertical scroll bar, whether or not it shows yet: pages laid out a moment
        # ago make it appear later, and a fit computed before or after that must come out the same.
        bar = self.scroll.verticalScrollBar()
        room = self.scroll.viewport().width() - 2 * PAGE_GAP
        if not bar.isVisible():
            room -= bar.sizeHint().width()
        return max(0.2, min(4.0, room / widest))

    def _render(self) -> None:
        if self._pdf is None or not self._sizes:
            return
        self._generation += 1
        generation = self._generation
        zoom = self.effective_zoom()
        ratio = self.devicePixelRatioF()
        for label, (w, h) in zip(self._labels, self._sizes, strict=True):
            px = zoom * self.logicalDpiX() / render.POINTS_PER_INCH
            label.setFixedSize(QSize(round(w * px), round(h * px)))
        dpi = zoom * self.logicalDpiX() * ratio
        render.run_in_pool(
            render.render_pages,
            self._pdf,
            dpi,
            context=self,
            on_done=lambda images: self._show_pages(generation, images, ratio),
            on_error=self._render_failed,
        )

    def _show_pages(self, generation: int, images: list[QImage], ratio: float) -> None:
        if generation != self._generation:
            return  # a newer zoom is on its way
        for label, image in zip(self._labels, images, strict=False):
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)
        self.rendered_pages = len(images)

    def set_zoom(self, zoom: float) -> None:
        self._zoom = float(zoom)
        index = self.zoom_combo.findData(self._zoom)
        if index >= 0 and index != self.zoom_combo.currentIndex():
            self.zoom_combo.blockSignals(True)
            self.zoom_combo.setCurrentIndex(index)
            self.zoom_combo.blockSignals(False)
        self._render()

    def _step_zoom(self, step: int) -> None:
        current = self.effective_zoom()
        if step > 0:
            bigger = [z for z in ZOOMS if z > current + 0.01]
            self.set_zoom(bigger[0] if bigger else ZOOMS[-1])
        else:
            smaller = [z for z in ZOOMS if z < current - 0.01]
            self.set_zoom(smaller[-1] if smaller else ZOOMS[0])

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        if self._zoom == FIT_WIDTH:
            self._refit.start()

    # ---- page navigation -----------------------------------------------------------------------
    def go_to_page(self, number: int) -> None:
        self.page_spin.setValue(max(1, min(number, self.page_spin.maximum())))

    def _scroll_to_page(self, number: int) -> None:
        if 1 <= number <= len(self._labels):
            # Not blockSignals(): the scroll area moves the pages on the bar's valueChanged.
            self._scrolling = True
            try:
                self.scroll.verticalScrollBar().setValue(self._labels[number - 1].y() - PAGE_GAP // 2)
            finally:
                self._scrolling = False

    def _follow_scroll(self, value: int) -> None:
        if self._scrolling:
            return  # the page was chosen; the counter already says which
        probe = value + self.scroll.viewport().height() // 3
        current = 1
        for number, label in enumerate(self._labels, start=1):
            if label.y() <= probe:
                current = number
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(current)
        self.page_spin.blockSignals(False)

    # ---- printing ------------------------------------------------------------------------------
    def print_document(self) -> None:
        if self._pdf is None or self._busy or not self.print_button.isEnabled():
            return
        if not printers_installed():
            text = no_printer_message()
            self.status.setText(text)
            show_error(self, text)
            return
        self._printer = make_printer()
        self._printer.setCopyCount(self._copy_count)
        self._ask_printer(self._printer, self.printer_chosen)

    def _ask_printer(self, printer: QPrinter, then: Callable[[QPrinter], None]) -> None:
        """The print dialog: copies yes; file output, page ranges and selections no."""
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("printDialog")
        dialog.setWindowTitle(self.tr("Print"))
        option = QAbstractPrintDialog.PrintDialogOption
        for unwanted in (
            option.PrintToFile,
            option.PrintSelection,
            option.PrintPageRange,
            option.PrintCurrentPage,
        ):
            dialog.setOption(unwanted, False)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: then(printer))
        QDialog.open(dialog)  # QPrintDialog.open wants a receiver; the plain window-modal open

    def printer_chosen(self, printer: QPrinter) -> None:
        """After the print dialog: refuse file output, register the copies, then send them."""
        problem = printer_problem(printer)
        if problem:
            self.status.setText(problem)
            show_error(self, problem)
            return
        count = max(1, printer.copyCount())
        printer.setCopyCount(1)  # every copy is its own numbered document
        self._printer = printer
        self._set_busy(True, self.tr("Registering copies: %1…").replace("%1", str(count)))
        self.worker.submit(
            self._copies_fn,
            count,
            PrintAction.PRINT,
            on_done=lambda result: self._print_registered(printer, result),
            on_error=self._action_failed,
        )

    def _print_registered(self, printer: QPrinter, result: Any) -> None:
        try:
            numbers, pdfs = copies_of(result, self._pdf or b"")
        except (TypeError, ValueError):
            self._set_busy(False, self.tr("The print could not be prepared."))
            return
        self.last_copy_numbers = numbers
        self._send_copies(printer, numbers, pdfs)

    def _send_copies(self, printer: QPrinter, numbers: list[int], pdfs: list[bytes]) -> None:
        """Paint the registered copies on the printer, in the background, with progress and Cancel."""
        self._cancel = threading.Event()
        progress = QProgressDialog(
            self.tr("Printing copies %1…").replace("%1", format_range(numbers)), self.tr("Cancel"), 0, 0, self
        )
        progress.setObjectName("printProgress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(self._cancel.set)

        def advance(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)

        def finished(ok: bool, payload: object) -> None:
            progress.close()
            progress.deleteLater()
            cancelled = self._cancel is not None and self._cancel.is_set()
            if ok and not cancelled:
                self._set_busy(
                    False,
                    self.tr("Sent to the printer: copy numbers %1 (%2 copies).")
                    .replace("%1", format_range(numbers))
                    .replace("%2", str(len(numbers))),
                )
                self.printed.emit(numbers)
                return
            if cancelled:
                printer.abort()
                text = self.tr(
                    "Printing cancelled. Copy numbers %1 are registered: record in the print register"
                    " what became of any pages already printed."
                ).replace("%1", format_range(numbers))
            else:
                text = (
                    str(payload)
                    + " "
                    + self.tr("Copy numbers %1 are registered.").replace("%1", format_range(numbers))
                )
            self._set_busy(False, text)
            show_error(self, text)

        render.run_in_pool(
            functools.partial(paint_documents, printer, pdfs, cancel=self._cancel),
            context=self,
            on_done=lambda _pages: finished(True, None),
            on_error=lambda exc: finished(False, exc),
            on_progress=advance,
        )

    # ---- export --------------------------------------------------------------------------------
    def export_pdf(self) -> None:
        if self._pdf is None or self._busy or not self.export_button.isEnabled():
            return
        self._ask_export_path(self.export_path_chosen)

    def _ask_export_path(self, then: Callable[[str], None]) -> None:
        dialog = QFileDialog(self, self.tr("Export PDF"))
        dialog.setObjectName("exportFileDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(self._file_name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(then)
        QDialog.open(dialog)

    def export_path_chosen(self, path: str) -> None:
        """Ask before anything is registered or written."""
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        mark = f"（{self._classification}）" if self._classification else ""
        text = self.tr(
            "The exported PDF is a classified document%1. It leaves the encrypted store and is written"
            " unencrypted to:\n%2\n\nThe export is registered with a copy number and recorded in the"
            " audit trail. Keep and destroy the file as the confidentiality rules require.\n\nExport?"
        )
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Export classified document"),
            text.replace("%1", mark).replace("%2", path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("exportConfirm")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("&Export"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Do &not export"))

        def answered(button) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                self._register_export(path)
            else:
                self.status.setText(self.tr("Nothing was exported."))

        box.buttonClicked.connect(answered)
        box.open()
        self.export_confirm = box

    def _register_export(self, path: str) -> None:
        self._set_busy(True, self.tr("Registering the export…"))
        self.worker.submit(
            self._copies_fn,
            1,
            PrintAction.EXPORT,
            on_done=lambda result: self._write_export(path, result),
            on_error=self._action_failed,
        )

    def _write_export(self, path: str, result: Any) -> None:
        numbers, pdfs = copies_of(result, self._pdf or b"")
        try:
            Path(path).write_bytes(pdfs[0])
        except OSError as exc:
            text = self.tr("The file could not be written (%1). The export of copy number %2 is registered.")
            text = text.replace("%1", exc.strerror or type(exc).__name__).replace("%2", format_range(numbers))
            self._set_busy(False, text)
            show_error(self, text)
            return
        self.last_copy_numbers = numbers
        self._set_busy(
            False,
            self.tr("Exported copy number %1 to %2.")
            .replace("%1", format_range(numbers))
            .replace("%2", path),
        )
        self.exported.emit(path)

    # ---- common --------------------------------------------------------------------------------
    def _action_failed(self, error: UserError) -> None:
        self._set_busy(False, str(error))
        show_error(self, error)

    def _set_busy(self, busy: bool, text: str) -> None:
        self._busy = busy
        self._set_enabled(not busy and self._pdf is not None)
        self.status.setText(text)

    @property
    def busy(self) -> bool:
        return self._busy

    def reject(self) -> None:
        if self._busy:
            return  # a print or an export is under way: it must finish (or be cancelled) first
        super().reject()
