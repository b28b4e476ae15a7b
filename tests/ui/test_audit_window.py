"""The auditor's window: lists the trail lazily, filters, exports (confirmed, audited), verifies."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from app.core.security import audit_view
from app.ui import audit_window as audit_window_module
from app.ui.audit_model import PAGE
from app.ui.audit_window import AuditWindow
from app.ui.main_window import MainWindow
from tests.ui.conftest import grab


def open_audit(qtbot, worker, workstation, sign_in) -> tuple[MainWindow, AuditWindow]:
    window = MainWindow(worker, workstation.folder, sign_in("auditor"))
    qtbot.addWidget(window)
    window.resize(1200, 720)
    window.show()
    qtbot.waitExposed(window)
    audit = window.content
    assert isinstance(audit, AuditWindow)
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0 and audit.action_combo.count() > 1, timeout=10000)
    return window, audit


def test_lists_filters_and_verifies(qtbot, worker, workstation, sign_in, login):
    office = login("office")  # a sign-in and a sign-out by another account, to filter for
    office.close()
    window, audit = open_audit(qtbot, worker, workstation, sign_in)
    total = audit.model.total
    assert total >= 10 and audit.count_label.text() == f"共 {total} 条"
    model = audit.model
    assert model.headerData(4, Qt.Orientation.Horizontal) == "操作"
    # Newest first: the auditor's own sign-in, with Chinese action and role labels.
    assert [model.data(model.index(0, c)) for c in (2, 3, 4)] == ["auditor", "安全审计员", "登录"]

    audit.user_combo.setCurrentIndex(audit.user_combo.findData("office"))
    audit.apply_filters()
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0 and audit.model.total < total, timeout=10000)
    assert {model.data(model.index(r, 2)) for r in range(model.rowCount())} == {"office"}

    audit.clear_filters()
    audit.action_combo.setCurrentIndex(audit.action_combo.findData("account_create"))
    audit.apply_filters()
    qtbot.waitUntil(lambda: audit.model.total == 6 and audit.model.rowCount() == 6, timeout=10000)
    assert {model.data(model.index(r, 4)) for r in range(6)} == {"创建账号"}

    audit.clear_filters()
    audit.text_edit.setText("leader1")
    audit.apply_filters()
    qtbot.waitUntil(lambda: audit.model.total == 1 and audit.model.rowCount() == 1, timeout=10000)

    audit.clear_filters()
    qtbot.waitUntil(lambda: audit.model.rowCount() > 6, timeout=10000)
    audit.verify_button.click()
    qtbot.waitUntil(
        lambda: audit.verify_button.isEnabled() and "完整" in audit.verify_label.text(), timeout=10000
    )
    assert audit.report_box.isVisible() and "审计日志完整" in audit.report_box.text()
    audit.report_box.close()
    grab(window, "audit-window-verified.png")  # audit-window.png: test_audit_labels, on the demo
    window.close()


def test_date_filter(qtbot, worker, workstation, sign_in):
    window, audit = open_audit(qtbot, worker, workstation, sign_in)
    audit.until_edit.setDate(date(2001, 1, 1))
    audit.apply_filters()
    qtbot.waitUntil(lambda: audit.count_label.text() == "共 0 条", timeout=10000)
    assert audit.model.rowCount() == 0
    audit.since_edit.setDate(date.today())
    audit.until_edit.setDate(None)
    audit.apply_filters()
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0, timeout=10000)
    window.close()


def test_lazy_paging(qtbot, worker, workstation, sign_in, login):
    office = login("office")
    with office.transaction():
        for i in range(PAGE + 50):
            office.audit("view", "talk", str(i), "测试条目")
    office.close()
    window, audit = open_audit(qtbot, worker, workstation, sign_in)
    qtbot.waitUntil(lambda: not audit.model.counting, timeout=10000)  # the full page's count follows
    assert audit.model.rowCount() == PAGE and audit.model.total > PAGE + 50
    assert audit.model.canFetchMore()
    first_page = [audit.model.entries[i].seq for i in range(PAGE)]
    audit.table.scrollToBottom()
    qtbot.waitUntil(lambda: audit.model.rowCount() == audit.model.total, timeout=10000)
    # The next page continues where the first ended, although the look itself added entries on top.
    seqs = [e.seq for e in audit.model.entries]
    assert seqs[:PAGE] == first_page
    assert seqs == sorted(seqs, reverse=True) and len(set(seqs)) == len(seqs) and seqs[-1] == 1
    window.close()


def test_export_is_confirmed_and_audited(qtbot, worker, workstation, sign_in, login, tmp_path, monkeypatch):
    window, audit = open_audit(qtbot, worker, workstation, sign_in)
    dest = tmp_path / "media" / "审计日志"
    dest.parent.mkdir()
    monkeypatch.setattr(
        audit_window_module.QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(dest), ""))
    )
    questions: list[str] = []
    monkeypatch.setattr(audit_window_module, "confirm", lambda parent, text: questions.append(text) or False)
    audit.export()
    assert questions and "未加密" in questions[0]
    assert not dest.with_suffix(".xlsx").exists()  # refused at the confirmation: nothing written

    monkeypatch.setattr(audit_window_module, "confirm", lambda parent, text: True)
    audit.export()
    qtbot.waitUntil(lambda: audit.export_button.isEnabled(), timeout=10000)
    written = dest.with_suffix(".xlsx")
    assert written.exists()
    sheet = load_workbook(written).active
    assert sheet.cell(1, 5).value == "操作" and sheet.max_row > 5
    window.close()
    auditor = login("auditor")
    assert audit_view.list_entries(auditor, action="audit_export")


def test_prints_an_audit_checkpoint_through_the_preview(qtbot, worker, workstation, sign_in):
    """The checkpoint's page is the one the command line's code names: sequence, hash, code, QR."""
    from app.ui.printing import PrintPreviewDialog

    window, audit = open_audit(qtbot, worker, workstation, sign_in)
    assert audit.checkpoint_button.text() == "打印检查点…"
    audit.checkpoint_button.click()
    dialog = audit.checkpoint_dialog
    assert isinstance(dialog, PrintPreviewDialog)
    qtbot.waitUntil(lambda: dialog._pdf is not None and dialog.rendered_pages == 1, timeout=15000)
    from io import BytesIO

    from pypdf import PdfReader

    text = PdfReader(BytesIO(dialog._pdf)).pages[0].extract_text()
    assert "审计日志检查点" in text and "XCA-" in text
    grab(dialog, "audit-checkpoint-preview.png")
    dialog.close()
