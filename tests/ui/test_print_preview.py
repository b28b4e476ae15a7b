"""The shared print preview: pages rendered in memory, copies registered before printing, file output
refused, export confirmed, registered and audited. (Offscreen a QPrinter cannot print for real, so the
painting is checked on a QPdfWriter writing into memory.)"""

from __future__ import annotations

import gc

import pypdfium2
import pytest
import shiboken6
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPageSize, QPdfWriter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.domain.talks import printing as talk_printing
from app.core.domain.talks import queries as talk_queries
from app.core.errors import PermissionDenied
from app.core.printing.register import PrintAction, list_prints
from app.ui.printing import PrintPreviewDialog, preview, printer, render
from app.ui.printing.preview import PAGE_GAP
from app.ui.printing.printer import make_printer, paint_documents, printer_problem
from tests.conftest import save_artifact
from tests.ui.conftest import grab, run_job
from tests.ui.talks_support import (  # noqa: F401 (fixtures)
    TIMEOUT,
    audit_rows,
    demo_folder_fixture,
    demo_sign_in_fixture,
    message_boxes,
    talks_demo_template_fixture,
)

# Dialogs made by show_for delete themselves when closed, so pytest-qt's own teardown (which closes
# every widget it was given) could meet one already deleted; these are closed here while still alive.
_SELF_DELETING: list[PrintPreviewDialog] = []


@pytest.fixture(autouse=True)
def _settle():
    yield
    while _SELF_DELETING:
        dialog = _SELF_DELETING.pop()
        if shiboken6.isValid(dialog):
            dialog.close()
    render.wait_idle()
    for box in message_boxes():
        box.close()
    gc.collect()


@pytest.fixture
def a_printer_installed(monkeypatch):
    """As on a machine with a printer (this one has none): Qt's print dialog opens."""
    monkeypatch.setattr(printer, "printers_installed", lambda: True)
    monkeypatch.setattr(preview, "printers_installed", lambda: True)


def a_talk(qtbot, worker) -> talk_queries.TalkSummary:
    rows = run_job(qtbot, worker, talk_queries.list_talks)
    return sorted(rows, key=lambda r: r.status.value)[-1]  # a signed one: several pages


def talk_dialog(qtbot, worker, talk_id: str) -> PrintPreviewDialog:
    dialog = PrintPreviewDialog.show_for(
        worker,
        None,
        title="谈话记录",
        preview=lambda s: talk_printing.preview_talk(s, talk_id),
        copies=lambda s, n, action: talk_printing.print_talk(s, talk_id, n, action=action),
        classification="秘密",
        file_name="talk.pdf",
    )
    _SELF_DELETING.append(dialog)
    dialog.resize(900, 800)
    qtbot.waitUntil(
        lambda: dialog.page_count() > 0 and dialog.rendered_pages == dialog.page_count(), timeout=TIMEOUT
    )
    return dialog


def pdf_text(pdf: bytes) -> str:
    with render.PDFIUM_LOCK:
        doc = pypdfium2.PdfDocument(pdf)
        try:
            return "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
        finally:
            doc.close()


def prints_of(qtbot, worker, talk_id: str):
    return run_job(qtbot, worker, lambda s: list_prints(s, record_id=talk_id))


# ---- the preview ---------------------------------------------------------------------------------


def test_pages_render_zoom_and_navigate(qtbot, worker, demo_sign_in):
    demo_sign_in("leader1")
    talk = a_talk(qtbot, worker)
    dialog = talk_dialog(qtbot, worker, talk.id)
    labels = dialog.findChildren(type(dialog.status), "previewPage")
    assert len(labels) == dialog.page_count() >= 1
    assert all(label.pixmap() is not None and not label.pixmap().isNull() for label in labels)
    # Fit width: the page fills the viewport's width beside the scroll bar, whether the fit was
    # computed before the scroll bar appeared (the first render) or after it (a refit, as a late
    # resize timer on a loaded machine makes): the same width either way, nothing left to timing.
    qtbot.waitUntil(lambda: dialog.scroll.verticalScrollBar().isVisible(), timeout=TIMEOUT)
    fit = dialog.scroll.viewport().width() - 2 * preview.PAGE_GAP
    assert abs(labels[0].width() - fit) <= 2
    dialog.set_zoom(preview.FIT_WIDTH)  # refit now that the scroll bar shows
    assert abs(labels[0].width() - fit) <= 2
    qtbot.waitUntil(lambda: dialog.rendered_pages == dialog.page_count(), timeout=TIMEOUT)
    grab(dialog, "print-preview.png")
    width = labels[0].width()
    dialog.set_zoom(0.5)
    qtbot.waitUntil(
        lambda: labels[0].pixmap().width() < width * 0.9 * dialog.devicePixelRatioF(), timeout=TIMEOUT
    )
    assert dialog.zoom_combo.currentText() == "50%"
    if dialog.page_count() > 1:
        dialog.go_to_page(2)
        assert dialog.page_spin.value() == 2
    # Viewing the preview is audited by the core.
    assert any(r[2] == talk.id for r in audit_rows(qtbot, worker, "talk_preview"))
    dialog.close()


def test_print_dialog_offers_no_file_output(qtbot, worker, demo_sign_in, a_printer_installed):
    demo_sign_in("leader1")
    dialog = talk_dialog(qtbot, worker, a_talk(qtbot, worker).id)
    dialog.print_document()
    qtbot.waitUntil(lambda: dialog.findChild(QPrintDialog, "printDialog") is not None, timeout=TIMEOUT)
    print_dialog = dialog.findChild(QPrintDialog, "printDialog")
    option = QAbstractPrintDialog.PrintDialogOption
    assert not print_dialog.testOption(option.PrintToFile)
    assert not print_dialog.testOption(option.PrintPageRange)
    print_dialog.reject()


def test_print_to_file_is_refused_and_nothing_registered(
    qtbot, worker, demo_sign_in, tmp_path, a_printer_installed
):
    demo_sign_in("leader1")
    talk = a_talk(qtbot, worker)
    dialog = talk_dialog(qtbot, worker, talk.id)
    before = prints_of(qtbot, worker, talk.id)
    target = tmp_path / "leak.pdf"
    printer = make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    assert printer_problem(printer)
    dialog.printer_chosen(printer)
    qtbot.waitUntil(lambda: bool(message_boxes("messageBox")), timeout=TIMEOUT)
    assert "文件" in message_boxes("messageBox")[0].text()
    assert not dialog.busy
    assert prints_of(qtbot, worker, talk.id) == before
    assert not target.exists()


def test_with_no_printer_installed_print_says_so(qtbot, worker, demo_sign_in, monkeypatch):
    monkeypatch.setattr(preview, "printers_installed", lambda: False)
    monkeypatch.setattr(printer, "printers_installed", lambda: False)
    demo_sign_in("leader1")
    talk = a_talk(qtbot, worker)
    dialog = talk_dialog(qtbot, worker, talk.id)
    before = prints_of(qtbot, worker, talk.id)
    dialog.print_button.click()
    qtbot.waitUntil(lambda: bool(message_boxes("messageBox")), timeout=TIMEOUT)
    text = message_boxes("messageBox")[0].text()
    assert "没有安装打印机" in text and "文件" not in text
    assert dialog.findChild(QPrintDialog, "printDialog") is None
    assert "没有安装打印机" in printer_problem(make_printer())  # Qt's fallback (a PDF file) says so too
    assert prints_of(qtbot, worker, talk.id) == before


def test_next_page_shows_the_next_page(qtbot, worker, demo_sign_in):
    demo_sign_in("leader1")
    dialog = talk_dialog(qtbot, worker, a_talk(qtbot, worker).id)
    dialog.show()
    dialog.set_zoom(1.0)
    qtbot.waitUntil(lambda: dialog.rendered_pages == dialog.page_count(), timeout=TIMEOUT)
    assert dialog.page_count() > 1
    bar = dialog.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=TIMEOUT)
    dialog.next_button.click()
    second = dialog._labels[1]
    top = second.mapTo(dialog.scroll.viewport(), second.rect().topLeft()).y()
    assert dialog.page_spin.value() == 2 and bar.value() > 0
    assert 0 <= top < dialog.scroll.viewport().height() // 3  # page 2 is at the top of the view
    dialog.previous_button.click()
    assert dialog.page_spin.value() == 1 and bar.value() <= PAGE_GAP


def test_print_registers_each_copy_before_sending(
    qtbot, worker, demo_sign_in, monkeypatch, a_printer_installed
):
    demo_sign_in("leader1")
    talk = a_talk(qtbot, worker)
    dialog = talk_dialog(qtbot, worker, talk.id)
    before = {n for e in prints_of(qtbot, worker, talk.id) for n in e.copy_numbers}
    sent: list = []
    # No real printer offscreen: accept the printer, and catch what would be painted on it.
    monkeypatch.setattr(preview, "printer_problem", lambda printer: None)
    monkeypatch.setattr(
        dialog, "_send_copies", lambda printer, numbers, pdfs: sent.append((printer, numbers, pdfs))
    )
    printer = make_printer()
    printer.setCopyCount(3)
    dialog.printer_chosen(printer)
    qtbot.waitUntil(lambda: bool(sent), timeout=TIMEOUT)
    _printer, numbers, pdfs = sent[0]
    assert len(numbers) == 3 and not set(numbers) & before
    assert printer.copyCount() == 1  # each copy is sent as its own numbered document
    assert len(set(pdfs)) == 3
    for number, pdf in zip(numbers, pdfs, strict=True):
        assert f"{number:06d}" in pdf_text(pdf)
    entries = prints_of(qtbot, worker, talk.id)
    assert entries[0].action is PrintAction.PRINT and entries[0].copy_numbers == numbers
    assert any(r[2] == talk.id and "共 3 份" in r[3] for r in audit_rows(qtbot, worker, "print"))


def test_painting_puts_every_page_of_every_copy_on_the_device(qtbot, worker, demo_sign_in):
    demo_sign_in("leader1")
    talk = a_talk(qtbot, worker)
    job = run_job(qtbot, worker, lambda s: talk_printing.print_talk(s, talk.id, 2))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)  # in memory: the test writes no file either
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(150)
    painted = paint_documents(writer, job.pdfs)
    buffer.close()
    pages = sum(len(pypdfium2.PdfDocument(pdf)) for pdf in job.pdfs)
    assert painted == pages
    assert len(pypdfium2.PdfDocument(bytes(buffer.data()))) == pages


# ---- export --------------------------------------------------------------------------------------


def test_export_needs_confirmation_then_registers_audits_and_writes(qtbot, worker, demo_sign_in, tmp_path):
    demo_sign_in("leader1")
    talk = a_talk(qtbot, worker)
    dialog = talk_dialog(qtbot, worker, talk.id)
    target = tmp_path / "exported"
    # Declined: nothing registered, nothing written.
    dialog.export_path_chosen(str(target))
    qtbot.waitUntil(lambda: bool(message_boxes("exportConfirm")), timeout=TIMEOUT)
    box = message_boxes("exportConfirm")[0]
    assert "秘密" in box.text() and "加密" in box.text() and "审计" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    assert not (tmp_path / "exported.pdf").exists()
    assert not [e for e in prints_of(qtbot, worker, talk.id) if e.action is PrintAction.EXPORT]
    # Confirmed: registered as an export (Cap.EXPORT, audited), then written.
    written: list[str] = []
    dialog.exported.connect(written.append)
    dialog.export_path_chosen(str(target))
    qtbot.waitUntil(lambda: bool(message_boxes("exportConfirm")), timeout=TIMEOUT)
    message_boxes("exportConfirm")[0].button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: bool(written), timeout=TIMEOUT)
    path = tmp_path / "exported.pdf"
    assert written == [str(path)] and path.read_bytes().startswith(b"%PDF-")
    exports = [e for e in prints_of(qtbot, worker, talk.id) if e.action is PrintAction.EXPORT]
    assert len(exports) == 1 and exports[0].copies == 1
    assert f"{exports[0].copy_numbers[0]:06d}" in pdf_text(path.read_bytes())
    assert any(r[2] == talk.id for r in audit_rows(qtbot, worker, "export"))


def test_a_member_may_not_export(qtbot, worker, demo_sign_in, tmp_path):
    demo_sign_in("member1")
    rows = run_job(qtbot, worker, talk_queries.list_talks)
    assert rows, "member1 sees the talks of their own team"
    dialog = talk_dialog(qtbot, worker, rows[0].id)
    assert not dialog.export_button.isEnabled()
    assert dialog.print_button.isEnabled()
    # Even when asked directly, the core refuses and nothing is written.
    dialog._register_export(str(tmp_path / "x.pdf"))
    qtbot.waitUntil(lambda: bool(message_boxes("messageBox")), timeout=TIMEOUT)
    assert "无权" in message_boxes("messageBox")[0].text()
    assert not (tmp_path / "x.pdf").exists()
    result = run_job(
        qtbot, worker, lambda s: talk_printing.print_talk(s, rows[0].id, 1, action=PrintAction.EXPORT)
    )
    assert isinstance(result, PermissionDenied)


def test_documents_registered_by_kind_and_record(qtbot, worker, demo_sign_in, monkeypatch):
    """The second way in: register_print by kind and record id, numbered copies rendered per copy."""
    demo_sign_in("leader1")
    talk = a_talk(qtbot, worker)
    from app.core.printing.talk_record import render_talk_record

    def numbered(session, n):
        return render_talk_record(
            talk_queries.get_talk(session, talk.id), copy_number=n, classification="秘密"
        )

    dialog = PrintPreviewDialog(
        worker,
        lambda s: talk_printing.preview_talk(s, talk.id),
        kind="talk_record",
        record_id=talk.id,
        inspection_id=talk.inspection_id,
        classification="秘密",
        numbered=numbered,
    )
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.page_count() > 0, timeout=TIMEOUT)
    sent: list = []
    monkeypatch.setattr(preview, "printer_problem", lambda printer: None)
    monkeypatch.setattr(dialog, "_send_copies", lambda printer, numbers, pdfs: sent.append((numbers, pdfs)))
    printer = make_printer()
    printer.setCopyCount(2)
    dialog.printer_chosen(printer)
    qtbot.waitUntil(lambda: bool(sent), timeout=TIMEOUT)
    numbers, pdfs = sent[0]
    assert [f"{n:06d}" in pdf_text(p) for n, p in zip(numbers, pdfs, strict=True)] == [True, True]
    assert prints_of(qtbot, worker, talk.id)[0].copy_numbers == numbers
    assert QApplication.instance() is not None


def test_the_printed_record_ends_with_the_confirmation_then_the_addenda(qtbot, worker, demo_sign_in):
    import dataclasses

    from app.core.domain.talks.types import QA, Addendum, TalkStatus
    from app.core.printing.talk_record import render_talk_record

    demo_sign_in("leader1")
    summary = a_talk(qtbot, worker)
    talk = run_job(qtbot, worker, lambda s: talk_queries.get_talk(s, summary.id))
    assert talk.status is TalkStatus.SIGNED
    talk = dataclasses.replace(
        talk,
        record=[*talk.record, QA("还有什么需要向巡察组反映的吗？", "")],
        addenda=[Addendum("x", "2026-09-20", "被谈话人补充：所述金额应为12.6万元。", "刘组长", "")],
    )
    pdf = render_talk_record(talk, copy_number=1, classification="秘密")
    save_artifact("talk-record-addendum.pdf", pdf)
    text = pdf_text(pdf).replace("\r\n", "\n")
    assert "问：还有什么需要向巡察组反映的吗？" in text
    assert "答：（未作回答）" in text and "答：\n" not in text
    confirmation, addendum = text.index("以上记录经本人阅读"), text.index("补充更正")
    assert confirmation < addendum < text.index("所述金额应为12.6万元")
