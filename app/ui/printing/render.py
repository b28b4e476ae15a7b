"""PDF bytes to page images, in memory, with pypdfium2 (Qt's own PDF module is not allowed: it links Qt's network library).

pypdfium2 is not thread-safe, so every call into it holds PDFIUM_LOCK. The functions here are pure
(bytes in, QImages out) and may run on any thread; QImage (not QPixmap) is safe off the GUI thread.
`run_in_pool` runs such a function on a private QThreadPool and hands the result back on the GUI
thread, so the preview never freezes the window and the database worker stays free.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import pypdfium2
import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage

PDFIUM_LOCK = threading.RLock()
POINTS_PER_INCH = 72.0


class PdfError(Exception):
    """The bytes are not a PDF we can show (a bug upstream: the core builds every PDF)."""


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's (width, height) in PDF points."""
    with PDFIUM_LOCK:
        doc = _open(pdf)
        try:
            return [tuple(doc[i].get_size()) for i in range(len(doc))]  # type: ignore[misc]
        finally:
            doc.close()


def render_page(doc: pypdfium2.PdfDocument, index: int, dpi: float) -> QImage:
    """One page at `dpi` as an opaque RGB image; the caller holds PDFIUM_LOCK."""
    page = doc[index]
    try:
        bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True, prefer_bgrx=True)
        try:
            image = QImage(
                bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888
            )
            return image.copy()  # own the pixels: the bitmap's buffer is freed below
        finally:
            bitmap.close()
    finally:
        page.close()


def iter_pages(pdf: bytes, dpi: float, cancel: threading.Event | None = None) -> Iterator[QImage]:
    """Every page of `pdf` at `dpi`, one at a time (the lock is held only while a page renders)."""
    with PDFIUM_LOCK:
        doc = _open(pdf)
        count = len(doc)
    try:
        for index in range(count):
            if cancel is not None and cancel.is_set():
                return
            with PDFIUM_LOCK:
                image = render_page(doc, index, dpi)
            yield image
    finally:
        with PDFIUM_LOCK:
            doc.close()


def render_pages(pdf: bytes, dpi: float, cancel: threading.Event | None = None) -> list[QImage]:
    return list(iter_pages(pdf, dpi, cancel))


def _open(pdf: bytes) -> pypdfium2.PdfDocument:
    if not isinstance(pdf, (bytes, bytearray)) or not pdf.startswith(b"%PDF-"):
        raise PdfError("not a PDF")
    try:
        return pypdfium2.PdfDocument(bytes(pdf))
    except pypdfium2.PdfiumError as exc:
        raise PdfError(str(exc)) from None


# ---- running off the GUI thread ------------------------------------------------------------------

_POOL: QThreadPool | None = None
_LIVE: set[_Relay] = set()  # relays stay alive until their result is delivered


def pool() -> QThreadPool:
    """The page-rendering pool (one thread: pypdfium2 is serialised by the lock anyway)."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(1)
    return _POOL


def wait_idle(timeout_ms: int = 30000) -> bool:
    """Wait for queued rendering (tests, shutdown)."""
    return pool().waitForDone(timeout_ms)


class _Relay(QObject):
    """Lives on the GUI thread; its signals carry a pool task's outcome back there."""

    finished = Signal(bool, object)
    progressed = Signal(int, int)

    def __init__(self, context: QObject | None, on_done, on_error, on_progress) -> None:
        super().__init__()
        self._context = context
        self._on_done, self._on_error, self._on_progress = on_done, on_error, on_progress
        self.finished.connect(self._finish)
        self.progressed.connect(self._progress)

    def _alive(self) -> bool:
        return self._context is None or shiboken6.isValid(self._context)

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        if self._on_progress is not None and self._alive():
            self._on_progress(done, total)

    @Slot(bool, object)
    def _finish(self, ok: bool, payload: object) -> None:
        _LIVE.discard(self)
        if not self._alive():
            return
        callback = self._on_done if ok else self._on_error
        if callback is not None:
            callback(payload)


class _Task(QRunnable):
    def __init__(self, relay: _Relay, fn: Callable[..., Any], args: tuple, with_progress: bool) -> None:
        super().__init__()
        self._relay, self._fn, self._args, self._with_progress = relay, fn, args, with_progress

    def run(self) -> None:
        relay = self._relay
        kwargs = {"progress": relay.progressed.emit} if self._with_progress else {}
        try:
            result = self._fn(*self._args, **kwargs)
        except Exception as exc:  # reported without record text or a traceback in the window
            print(f"xuncha render: {type(exc).__name__}", file=sys.stderr)
            traceback.print_tb(exc.__traceback__, file=sys.stderr)
            relay.finished.emit(False, exc)
            return
        relay.finished.emit(True, result)


def run_in_pool(
    fn: Callable[..., Any],
    *args: Any,
    context: QObject | None = None,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> None:
    """Run `fn(*args)` (with `progress=` when on_progress is given) on the render pool.

    The callbacks run on the GUI thread, and not at all once `context` (a widget) is destroyed.
    """
    relay = _Relay(context, on_done, on_error, on_progress)
    _LIVE.add(relay)
    pool().start(_Task(relay, fn, args, on_progress is not None))
