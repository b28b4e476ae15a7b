"""The official documents GUI: assemble → edit → save versions, print options (seal for the office
only), the copy register with return, the verification window, and the security officer's seal section."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.core.official import copies, documents, seals
from app.core.official.kinds import DocKind
from app.core.store.keyslots import KdfParams
from app.core.workstation import Workstation
from app.demo.accounts import create_demo
from app.ui.printing.printer import make_printer
from tests.conftest import DEMO_PASSWORD
from tests.core.official_support import demo_seal_png, ensure_issue_records
from tests.ui.conftest import grab, run_job, settle

TIMEOUT = 20000

UNIT = "市住房和城乡建设局"


@pytest.fixture(autouse=True)
def _collect_garbage():
    yield
    gc.collect()


def _inspection_id(session) -> str:
    return session.conn.execute(
        "SELECT i.id FROM inspections i JOIN units u ON u.id = i.unit_id JOIN rounds r ON r.id = i.round_id"
        " WHERE u.name = ? AND r.number = 2",
        (UNIT,),
    ).fetchone()[0]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("official-gui") / "ws"
    ws = create_demo(folder, kdf=KdfParams.fast_for_tests())
    s = {u: ws.unlock(u, DEMO_PASSWORD) for u in ("office", "leader1", "member1", "secadmin")}
    try:
        ensure_issue_records(s["member1"], s["leader1"], s["office"], _inspection_id(s["office"]))
        seals.store_seal(s["secadmin"], "巡察办公章", demo_seal_png())
    finally:
        for x in s.values():
            x.close()
    return folder


@pytest.fixture
def folder(template: Path, tmp_path: Path) -> Path:
    out = tmp_path / "ws"
    shutil.copytree(template, out)
    return out


@pytest.fixture
def signed_in(qtbot, worker, folder):
    def _sign(username: str):
        results: list = []
        worker.sign_in(folder, username, DEMO_PASSWORD, on_done=results.append, on_error=results.append)
        qtbot.waitUntil(lambda: bool(results), timeout=TIMEOUT)
        assert not isinstance(results[0], Exception), results[0]
        return results[0]

    return _sign


def _panel(qtbot, worker, folder):
    from app.ui.official.panel import OfficialPanel

    iid = run_job(qtbot, worker, _inspection_id)
    panel = OfficialPanel(worker, inspection_id=iid)
    qtbot.addWidget(panel)
    panel.resize(1100, 560)
    panel.show()
    qtbot.waitExposed(panel)
    return panel, iid


def _rows(panel) -> int:
    model = panel.view.model()
    return model.rowCount() if model is not None else -1


def test_assemble_edit_and_save_versions(qtbot, worker, folder, signed_in):
    signed_in("office")
    panel, iid = _panel(qtbot, worker, folder)
    qtbot.waitUntil(lambda: _rows(panel) == 0, timeout=TIMEOUT)
    kinds = [panel.kind_combo.itemData(i) for i in range(panel.kind_combo.count())]
    assert DocKind.TRANSFER_LETTER in kinds and DocKind.STATISTICS_REPORT not in kinds
    panel.kind_combo.setCurrentIndex(kinds.index(DocKind.INSPECTION_REPORT))
    qtbot.mouseClick(panel.form.findChild(QPushButton, "newButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: getattr(panel, "editor", None) is not None and panel.editor.isVisible(), timeout=TIMEOUT
    )
    editor = panel.editor
    assert "违规发放津贴补贴" in editor.body_edit.toPlainText()
    outline = [editor.outline.item(i).text().strip() for i in range(editor.outline.count())]
    assert "一、基本情况" in outline and any(x.startswith("（一）") for x in outline)
    editor.resize(1100, 760)
    grab(editor, "official-editor.png")
    # A field left empty is refused beside the field, nothing saved.
    editor.title_edit.clear()
    editor.save()
    qtbot.waitUntil(
        lambda: editor.findChild(type(editor.version_label), "titleError").isVisible(), timeout=TIMEOUT
    )
    editor.title_edit.setText("关于对市住房和城乡建设局党组织巡察情况的报告")
    editor.save()
    qtbot.waitUntil(lambda: _rows(panel) == 1, timeout=TIMEOUT)
    # Edit again: a second version; the first is kept.
    panel.view.selectRow(0)
    panel.edit_document()
    qtbot.waitUntil(lambda: panel.editor is not editor and panel.editor.isVisible(), timeout=TIMEOUT)
    second = panel.editor
    assert second.based_on == 1
    second.body_edit.appendPlainText("五、其他事项\n巡察组补充。")
    second.note_edit.setText("补充其他事项")
    second.save()
    qtbot.waitUntil(
        lambda: _rows(panel) == 1 and panel.view.model().index(0, 3).data() == "2", timeout=TIMEOUT
    )
    doc = panel.view.model().record(0)
    versions = run_job(qtbot, worker, documents.list_versions, doc.id)
    assert [v.version for v in versions] == [2, 1]
    grab(panel, "official-panel.png")


def test_print_options_seal_only_for_the_office(qtbot, worker, folder, signed_in):
    from app.ui.official.dialogs import PrintOptionsDialog

    signed_in("leader1")
    dialog = PrintOptionsDialog(worker, "版本 1")
    qtbot.addWidget(dialog)
    assert not dialog.seal_check.isEnabled() and not dialog.seal_check.isChecked()
    panel, _ = _panel(qtbot, worker, folder)
    kinds = [panel.kind_combo.itemData(i) for i in range(panel.kind_combo.count())]
    assert DocKind.TRANSFER_LETTER in kinds  # the leader may know of leads


def test_the_copy_notice_is_offered_with_its_receivers(qtbot, worker, folder, signed_in):
    signed_in("member1")
    panel, _ = _panel(qtbot, worker, folder)
    kinds = [panel.kind_combo.itemData(i) for i in range(panel.kind_combo.count())]
    assert {DocKind.SPECIAL_REPORT, DocKind.URGENT_REPORT, DocKind.COPY_NOTICE} <= set(kinds)
    panel.kind_combo.setCurrentIndex(kinds.index(DocKind.COPY_NOTICE))
    assert not panel.target_combo.isHidden()
    receivers = [panel.target_combo.itemText(i) for i in range(panel.target_combo.count())]
    assert receivers == ["分管领导", "纪委监委", "组织部"]
    panel.target_combo.setCurrentIndex(2)
    qtbot.mouseClick(panel.form.findChild(QPushButton, "newButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: getattr(panel, "editor", None) is not None and panel.editor.isVisible(), timeout=TIMEOUT
    )
    assert panel.editor.addressee_edit.text().endswith("委组织部：")
    panel.kind_combo.setCurrentIndex(kinds.index(DocKind.SPECIAL_REPORT))
    assert panel.target_combo.isHidden()


def test_member_is_not_offered_the_transfer_letter(qtbot, worker, folder, signed_in):
    signed_in("member1")
    panel, _ = _panel(qtbot, worker, folder)
    kinds = [panel.kind_combo.itemData(i) for i in range(panel.kind_combo.count())]
    assert DocKind.TRANSFER_LETTER not in kinds and DocKind.FEEDBACK_LETTER in kinds


def _printed(qtbot, worker, count: int = 3):
    from app.core.official import assemble

    def make(s):
        iid = _inspection_id(s)
        # The office's seal on a document the office issues (a team's feedback letter is not sealed by it).
        draft = assemble.assemble(s, DocKind.RECTIFICATION_NOTICE, inspection_id=iid, today="2026-05-20")
        doc = documents.create_document(s, DocKind.RECTIFICATION_NOTICE, draft, inspection_id=iid)
        return doc, copies.print_copies(
            s, doc.id, count, recipients=["被巡察单位", "存档"][:count], seal=True
        )

    return run_job(qtbot, worker, make)


def test_verify_window_accepts_genuine_and_rejects_altered(qtbot, worker, folder, signed_in):
    from app.ui.official.dialogs import AuthenticateDialog

    office = signed_in("office")
    _doc, job = _printed(qtbot, worker)
    dialog = AuthenticateDialog(worker)
    qtbot.addWidget(dialog)
    dialog.resize(640, 280)
    dialog.show()
    code = job.copies[0].code
    dialog.code_edit.setText(code)
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last is not None, timeout=TIMEOUT)
    assert dialog.last.genuine and "核验通过" in dialog.result.text() and "000001" in dialog.result.text()
    assert f"由 {office.display_name}（office）" in dialog.result.text()  # the person, not only the account
    grab(dialog, "official-verify.png")
    dialog.last = None
    dialog.code_edit.setText(code[:-1] + ("A" if code[-1] != "A" else "B"))
    dialog.check()
    qtbot.waitUntil(lambda: dialog.last is not None, timeout=TIMEOUT)
    assert not dialog.last.genuine and "核验未通过" in dialog.result.text()
    dialog.code_edit.setText("乱码")
    dialog.check()
    qtbot.waitUntil(lambda: dialog.findChild(type(dialog.result), "codeError").isVisible(), timeout=TIMEOUT)


def test_copies_register_marks_a_copy_returned(qtbot, worker, folder, signed_in):
    from app.ui.official.dialogs import CopiesDialog

    signed_in("office")
    doc, _job = _printed(qtbot, worker)
    dialog = CopiesDialog(worker, doc.id)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 420)
    dialog.show()
    qtbot.waitUntil(lambda: len(dialog.rows) == 3, timeout=TIMEOUT)
    dialog.view.selectRow(0)
    number = dialog.view.model().record(0).copy_number
    qtbot.mouseClick(dialog.findChild(QPushButton, "returnButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(r.copy_number == number and r.status.value == "returned" for r in dialog.rows),
        timeout=TIMEOUT,
    )
    dialog.outstanding.setChecked(True)
    qtbot.waitUntil(lambda: len(dialog.rows) == 2, timeout=TIMEOUT)
    dialog.outstanding.setChecked(False)
    qtbot.waitUntil(lambda: len(dialog.rows) == 3, timeout=TIMEOUT)
    grab(dialog, "official-copies.png")


def test_security_officer_sees_the_seal_section(qtbot, worker, folder, signed_in):
    from app.ui.admin.security_page import SecurityPage

    signed_in("office")
    printed = _printed(qtbot, worker, count=1)  # one sealed print, for the register
    assert not isinstance(printed, Exception), printed
    run_job(qtbot, worker, lambda s: s.close())
    signed_in("secadmin")
    page = SecurityPage(worker)
    qtbot.addWidget(page)
    page.resize(1500, 620)
    page.show()
    section = page.seal_section
    qtbot.waitUntil(
        lambda: (
            "巡察办公章" in section.info.text()
            and section.image.pixmap() is not None
            and not section.image.pixmap().isNull()
        ),
        timeout=TIMEOUT,
    )
    error = section.findChild(type(section.info), "sealError")
    qtbot.waitUntil(
        lambda: (
            (section.register.model() is not None and section.register.model().rowCount() == 1)
            or error.isVisible()
        ),
        timeout=TIMEOUT,
    )
    assert not error.isVisible(), error.text()
    assert section.register.model().rowCount() == 1
    grab(page, "official-seal-section.png")
    # A PNG without transparency is refused with a message in the section.
    import io

    from PIL import Image

    flat = io.BytesIO()
    Image.new("RGB", (200, 200), "red").save(flat, "PNG")
    path = folder.parent / "flat.png"
    path.write_bytes(flat.getvalue())
    section.store_file(path)
    qtbot.waitUntil(lambda: error.isVisible() and "透明" in error.text(), timeout=TIMEOUT)


def test_the_seal_is_offered_only_once_a_seal_image_is_stored(qtbot, worker, folder, signed_in):
    from app.ui.official.dialogs import PrintOptionsDialog

    signed_in("office")  # the demo's security officer has stored a seal image
    dialog = PrintOptionsDialog(worker, "版本 1")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.seal_check.isEnabled, timeout=TIMEOUT)
    assert dialog.seal_check.isChecked() and not dialog.seal_check.toolTip()

    secadmin = Workstation(folder).unlock("secadmin", DEMO_PASSWORD)
    try:
        seals.retire_seal(secadmin)
    finally:
        secadmin.close()
    again = PrintOptionsDialog(worker, "版本 1")
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: bool(again.seal_check.toolTip()), timeout=TIMEOUT)
    assert not again.seal_check.isEnabled() and not again.seal_check.isChecked()
    assert "尚未" in again.seal_check.toolTip() and "印章" in again.seal_check.toolTip()


def test_three_recipients_print_three_copies(qtbot, worker, folder, signed_in, monkeypatch):
    from app.ui.official.dialogs import PrintOptionsDialog
    from app.ui.printing import preview

    signed_in("office")
    dialog = PrintOptionsDialog(worker, "版本 1")
    qtbot.addWidget(dialog)
    assert dialog.copies_spin.value() == 1
    dialog.recipients_edit.setText("被巡察单位、市纪委监委、存档")
    assert dialog.copies_spin.minimum() == 3 and dialog.copies_spin.value() == 3 and dialog.copies() == 3
    dialog.copies_spin.setValue(4)
    assert dialog.copies() == 4

    doc, _job = _printed(qtbot, worker, count=1)
    panel, _ = _panel(qtbot, worker, folder)
    qtbot.waitUntil(lambda: _rows(panel) >= 1, timeout=TIMEOUT)
    panel.view.selectRow(0)
    panel.print_document()
    options = panel.options
    options.recipients_edit.setText("被巡察单位、市纪委监委、存档")
    options.accept()
    qtbot.waitUntil(lambda: getattr(panel, "preview", None) is not None, timeout=TIMEOUT)
    assert panel.preview._copy_count == 3  # the print dialog offers the copies chosen
    sent: list = []
    monkeypatch.setattr(preview, "printer_problem", lambda printer: None)
    monkeypatch.setattr(panel.preview, "_send_copies", lambda printer, numbers, pdfs: sent.append(numbers))
    qtbot.waitUntil(lambda: panel.preview.page_count() > 0, timeout=TIMEOUT)
    printer = make_printer()
    printer.setCopyCount(panel.preview._copy_count)
    panel.preview.printer_chosen(printer)
    qtbot.waitUntil(lambda: bool(sent), timeout=TIMEOUT)
    assert len(sent[0]) == 3  # not "接收人数多于打印份数"
    panel.preview.close()


def test_the_preview_after_the_options_is_the_copy_that_prints(qtbot, worker, folder, signed_in, monkeypatch):
    import pypdfium2

    from app.ui.printing import preview, render

    signed_in("office")
    doc, _job = _printed(qtbot, worker, count=1)  # copy 000001 is spent: the next is 000002
    panel, _ = _panel(qtbot, worker, folder)
    qtbot.waitUntil(lambda: _rows(panel) >= 1, timeout=TIMEOUT)
    panel.view.selectRow(0)
    panel.print_document()
    qtbot.waitUntil(panel.options.seal_check.isEnabled, timeout=TIMEOUT)
    assert panel.options.seal_check.isChecked()
    panel.options.recipients_edit.setText("被巡察单位")
    panel.options.accept()
    qtbot.waitUntil(lambda: getattr(panel, "preview", None) is not None, timeout=TIMEOUT)
    dialog = panel.preview
    dialog.resize(900, 900)
    qtbot.waitUntil(
        lambda: dialog.page_count() > 0 and dialog.rendered_pages == dialog.page_count(), timeout=TIMEOUT
    )

    def text_and_images(pdf: bytes) -> tuple[str, int]:
        with render.PDFIUM_LOCK:
            document = pypdfium2.PdfDocument(pdf)
            try:
                images = sum(
                    1
                    for i in range(len(document))
                    for o in document[i].get_objects()
                    if o.type == pypdfium2.raw.FPDF_PAGEOBJ_IMAGE
                )
                text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
                return text, images
            finally:
                document.close()

    shown, shown_images = text_and_images(dialog._pdf)
    # The watermark (marked 预览 in the preview) is a picture, out of the text layer, as on the copy.
    assert "000002" in shown and "预览" not in shown
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(qtbot, dialog, worker)  # shown at its size: any refit has rendered the pages again
    qtbot.waitUntil(lambda: dialog.rendered_pages == dialog.page_count(), timeout=TIMEOUT)
    dialog.go_to_page(dialog.page_count())  # the seal sits over the date, on the last page
    last = dialog._labels[-1]
    qtbot.waitUntil(lambda: not last.visibleRegion().isEmpty(), timeout=TIMEOUT)
    settle(qtbot, dialog, worker)
    grab(dialog, "print-preview-sealed.png")
    sent: list = []
    monkeypatch.setattr(preview, "printer_problem", lambda printer: None)
    monkeypatch.setattr(dialog, "_send_copies", lambda printer, numbers, pdfs: sent.append((numbers, pdfs)))
    dialog.printer_chosen(make_printer())
    qtbot.waitUntil(lambda: bool(sent), timeout=TIMEOUT)
    numbers, pdfs = sent[0]
    printed, printed_images = text_and_images(pdfs[0])
    assert numbers == [2]
    # The same copy: number, authentication code and seal; only the watermark's time and "预览" differ.
    code = next(
        c.code
        for c in run_job(qtbot, worker, lambda s: copies.list_copies(s, document_id=doc.id))
        if c.copy_number == 2
    )
    assert code.replace("-", "")[:6] in shown.replace("-", "") and code.replace("-", "")[
        :6
    ] in printed.replace("-", "")
    assert shown_images >= 2 and printed_images >= 2  # the seal and the watermark tiles, on both
    dialog.close()


def test_the_seal_section_keeps_each_issuers_seal(qtbot, worker, folder, signed_in):
    """Issue 16: the security officer picks whose seal (the office's, a team's) to show and store."""
    from app.ui.admin.security_page import SecurityPage

    signed_in("secadmin")
    page = SecurityPage(worker)
    qtbot.addWidget(page)
    page.resize(1500, 620)
    page.show()
    section = page.seal_section
    combo = section.owner_combo
    qtbot.waitUntil(lambda: combo.count() >= 4 and "巡察办公章" in section.info.text(), timeout=TIMEOUT)
    owners = [combo.itemData(i) for i in range(combo.count())]
    assert owners[0] == "" and combo.itemText(0) == "巡察办"
    assert {"第一巡察组", "第二巡察组", "第三巡察组"} <= set(owners)
    combo.setCurrentIndex(owners.index("第一巡察组"))
    qtbot.waitUntil(
        lambda: (
            "第一巡察组印章（演示）" in section.info.text()
            and section.image.pixmap() is not None
            and not section.image.pixmap().isNull()
        ),
        timeout=TIMEOUT,
    )
    grab(page, "official-seal-section-team.png")
    # 第二巡察组 has none yet; one stored from a file is its own, beside the others.
    combo.setCurrentIndex(owners.index("第二巡察组"))
    qtbot.waitUntil(
        lambda: "第二巡察组" not in section.info.text() and section.image.pixmap().isNull(), timeout=TIMEOUT
    )
    path = folder.parent / "team2.png"
    path.write_bytes(demo_seal_png("中共某市委第二巡察组", size=200))
    section.store_file(path)
    qtbot.waitUntil(lambda: "第二巡察组的印章" in section.info.text(), timeout=TIMEOUT)
    active = run_job(qtbot, worker, seals.active_seals)
    assert set(active) == {"", "第一巡察组", "第二巡察组"}
    assert active["第二巡察组"].name == "第二巡察组的印章"


def test_the_office_sets_the_issuing_bodies_once_in_settings(qtbot, worker, folder, signed_in):
    """Issue 16: the issuing bodies' dialog in the 公文 area (the office only); a refusal stays in it."""
    from PySide6.QtWidgets import QDialogButtonBox, QLabel

    from app.core.official import issuers

    signed_in("office")
    panel, _ = _panel(qtbot, worker, folder)
    button = panel.form.findChild(QPushButton, "issuersButton")
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = panel.issuers_dialog
    qtbot.waitUntil(lambda: dialog.bodies.rowCount() >= 4 and dialog.cc.rowCount() == 8, timeout=TIMEOUT)
    assert dialog.bodies.verticalHeaderItem(0).text() == "巡察办"
    assert dialog.bodies.horizontalHeaderItem(1).text() == "发文机关标志"
    team_row = next(
        r
        for r in range(dialog.bodies.rowCount())
        if dialog.bodies.verticalHeaderItem(r).text() == "第一巡察组"
    )
    assert dialog.bodies.item(team_row, 0).text().endswith("第一巡察组")
    dialog.resize(1000, 620)
    grab(dialog, "official-issuers.png")
    # An empty 发文机关标志 is refused with a message, nothing kept.
    error = dialog.findChild(QLabel, "generalError")
    dialog.bodies.item(0, 1).setText("")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: error.isVisible() and "发文机关标志" in error.text(), timeout=TIMEOUT)
    assert dialog.isVisible()
    dialog.bodies.item(0, 1).setText("中共某市委巡察工作领导小组办公室文件")
    dialog.bodies.item(0, 2).setText("某巡办函")
    dialog.bodies.item(team_row, 4).setText("刘正纲")
    notice_row = [
        dialog.cc.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(dialog.cc.rowCount())
    ].index(DocKind.RECTIFICATION_NOTICE.value)
    dialog.cc.item(notice_row, 0).setText("某市纪委监委")
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):  # saved, the dialog closes (and is freed)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    saved = run_job(qtbot, worker, issuers.issuing_settings)
    assert saved.office.code == "某巡办函"
    assert saved.cc[DocKind.RECTIFICATION_NOTICE.value] == "某市纪委监委"
    team = next(t for t in saved.teams if t.team == "第一巡察组")
    assert team.signer == "刘正纲"
    audited = run_job(
        qtbot,
        worker,
        lambda s: s.conn.execute(
            "SELECT count(*) FROM audit WHERE action = 'official_issuers_set'"
        ).fetchone()[0],
    )
    assert audited == 1


def test_only_the_office_sees_the_issuing_bodies_button(qtbot, worker, folder, signed_in):
    signed_in("leader1")
    panel, _ = _panel(qtbot, worker, folder)
    assert not panel.form.findChild(QPushButton, "issuersButton").isVisible()


def test_an_empty_document_list_keeps_readable_columns_and_buttons_need_a_selection(
    qtbot, worker, folder, signed_in
):
    from app.core.official import assemble
    from app.ui.official.common import selected_record
    from app.ui.official.panel import EMPTY_COLUMN

    signed_in("office")
    panel, iid = _panel(qtbot, worker, folder)
    qtbot.waitUntil(lambda: _rows(panel) == 0, timeout=TIMEOUT)
    header = panel.view.horizontalHeader()
    assert all(header.sectionSize(c) >= EMPTY_COLUMN for c in range(header.count() - 1))
    assert panel.empty.text().startswith("本次巡察还没有公文")
    edit = panel.form.findChild(QPushButton, "editButton")
    printing = panel.form.findChild(QPushButton, "printButton")
    assert not edit.isEnabled() and not printing.isEnabled()  # nothing selected: nothing to act on
    assert "请先在列表中选择" in edit.toolTip()

    def make(s):
        draft = assemble.assemble(s, DocKind.RECTIFICATION_NOTICE, inspection_id=iid, today="2026-05-20")
        return documents.create_document(s, DocKind.RECTIFICATION_NOTICE, draft, inspection_id=iid)

    run_job(qtbot, worker, make)  # its change notice reloads the list
    qtbot.waitUntil(lambda: _rows(panel) == 1, timeout=TIMEOUT)
    panel.view.selectRow(0)
    assert edit.isEnabled() and printing.isEnabled()
    chosen = selected_record(panel.view).id
    panel.refresh()  # as the next change notice does
    qtbot.waitUntil(
        lambda: panel.view.model().rowCount() == 1 and selected_record(panel.view) is not None,
        timeout=TIMEOUT,
    )
    assert selected_record(panel.view).id == chosen and edit.isEnabled()


def test_an_empty_document_list_says_why_and_what_to_do(qtbot, worker, folder, signed_in):
    """Issue 17: the empty 公文 list names its reason (no inspection, none yet, the filter, no right,
    all above the user's clearance) and the way on, as the other lists do."""
    from app.core.official import assemble
    from app.ui.official.panel import OfficialPanel

    def note(panel) -> str:
        return panel.empty.text() if panel.empty.label.isVisible() else ""

    # No inspection chosen: nothing is asked of the core, the note says where to choose one.
    signed_in("office")
    nowhere = OfficialPanel(worker)
    qtbot.addWidget(nowhere)
    nowhere.show()
    assert note(nowhere).startswith("尚未选择巡察") and "左侧" in note(nowhere)
    assert not nowhere.new_button.isEnabled() and "请先选择一次巡察" in nowhere.new_button.toolTip()

    # None yet: how to make the first one.
    panel, iid = _panel(qtbot, worker, folder)
    qtbot.waitUntil(lambda: panel.listing is not None, timeout=TIMEOUT)
    assert note(panel) == "本次巡察还没有公文\n选择种类后按“根据台账生成”（Ctrl+N），即由台账记录生成初稿。"
    assert panel.new_button.isEnabled()
    grab(panel, "official-list-empty.png")

    # The filter hides every row: say so, and how many a cleared filter shows.
    def make(s):
        draft = assemble.assemble(s, DocKind.RECTIFICATION_NOTICE, inspection_id=iid, today="2026-05-20")
        return documents.create_document(s, DocKind.RECTIFICATION_NOTICE, draft, inspection_id=iid)

    run_job(qtbot, worker, make)
    qtbot.waitUntil(lambda: _rows(panel) == 1, timeout=TIMEOUT)
    assert not panel.empty.label.isVisible() and panel.status.text() == "共 1 件公文。"
    panel.filter_edit.setText("没有这样的标题")
    assert note(panel).startswith("没有符合筛选条件的公文") and "全部 1 件" in note(panel)
    assert panel.status.text() == "显示 0 件，共 1 件公文。"
    panel.filter_edit.setText(panel.listing.documents[0].title[:4])
    assert not panel.empty.label.isVisible() and panel.status.text() == "显示 1 件，共 1 件公文。"
    panel.filter_edit.clear()

    # No right to read cases at all (the auditor): the core's reason, and whom to ask.
    signed_in("auditor")
    refused, _ = _panel(qtbot, worker, folder)
    qtbot.waitUntil(lambda: refused.refused is not None, timeout=TIMEOUT)
    assert note(refused).startswith("您无权查看本次巡察的公文") and "巡察办" in note(refused)
    assert not refused.new_button.isEnabled() and refused.new_button.toolTip()


def test_a_list_all_above_the_clearance_says_so(qtbot, worker, folder, signed_in):
    from app.core.official import assemble

    signed_in("office")

    def make(s):
        from dataclasses import replace

        iid = _inspection_id(s)
        draft = assemble.assemble(s, DocKind.RECTIFICATION_NOTICE, inspection_id=iid, today="2026-05-20")
        draft = replace(draft, classification="机密")
        return documents.create_document(s, DocKind.RECTIFICATION_NOTICE, draft, inspection_id=iid)

    run_job(qtbot, worker, make)
    signed_in("member1")  # cleared for 秘密 only
    panel, _ = _panel(qtbot, worker, folder)
    qtbot.waitUntil(lambda: panel.listing is not None, timeout=TIMEOUT)
    assert _rows(panel) == 0 and panel.listing.hidden == 1
    text = panel.empty.text()
    assert text.startswith("本次巡察没有您可以查看的公文") and "有 1 件公文的密级高于" in text
