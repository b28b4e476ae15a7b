"""The 调阅资料 tab driven like a user on a copy of the demo: custody through the dialogs, reading,
import (a generated .docx and a hostile file), search with highlights, need-to-know, the phase gate.
"""

from __future__ import annotations

import gc
import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox, QPushButton

from app.core.domain.organisation import inspections
from app.core.domain.organisation.inspections import Phase
from app.core.domain.review import listing, reading
from app.core.domain.review.custody import CustodyState
from app.core.store.keyslots import KdfParams
from app.demo import samples
from app.demo.accounts import create_demo
from app.demo.review import HOUSING, WATER
from app.ui.areas import INSPECTION_TABS
from app.ui.main_window import MainWindow
from app.ui.org.nav_model import INSPECTION
from app.ui.org.workspace import OrgWorkspace
from app.ui.review.dialogs import (
    CopiesDialog,
    ExcerptDialog,
    HandOverDialog,
    ItemDialog,
    OverrideDialog,
    ReadingDialog,
    ReceiveDialog,
    ReturnDialog,
)
from app.ui.review.panel import ReviewPanel
from app.ui.review.viewer import MaterialViewer
from tests.conftest import DEMO_PASSWORD
from tests.ui.conftest import grab, run_job

TIMEOUT = 15000


# ---- fixtures and helpers ------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _collect_garbage():
    """Collect after each test, so a Qt ownership bug (a model freed under its view) crashes here."""
    yield
    gc.collect()


@pytest.fixture(scope="session")
def documents_demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("documents-demo") / "ws"
    create_demo(folder, kdf=KdfParams.fast_for_tests())
    return folder


@pytest.fixture
def demo_folder(documents_demo: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    shutil.copytree(documents_demo, folder)
    return folder


@pytest.fixture
def signed_in(qtbot, worker, demo_folder):
    def _sign_in(username: str):
        results: list = []
        worker.sign_in(demo_folder, username, DEMO_PASSWORD, on_done=results.append, on_error=results.append)
        qtbot.waitUntil(lambda: bool(results), timeout=TIMEOUT)
        assert not isinstance(results[0], Exception), results[0]
        return results[0]

    return _sign_in


def inspection_id(qtbot, worker, unit_name: str | None) -> str:
    """The round-2 inspection of that unit (None: the first one the user sees)."""
    found = run_job(qtbot, worker, inspections.list_inspections)
    return next(i.id for i in found if unit_name in (None, i.unit_name) and i.round_number == 2)


@pytest.fixture
def panel(qtbot, worker, signed_in):
    """panel('member1') -> the tab on 市水务集团有限公司, loaded, first item selected."""

    def _open(username: str, unit: str | None = WATER) -> ReviewPanel:
        signed_in(username)
        widget = ReviewPanel(worker, inspection_id(qtbot, worker, unit))
        qtbot.addWidget(widget)
        widget.resize(1280, 760)
        widget.show()
        qtbot.waitExposed(widget)
        qtbot.waitUntil(lambda: widget.data is not None, timeout=TIMEOUT)
        return widget

    return _open


def row_of(panel: ReviewPanel, title: str) -> int:
    model = panel.items_table.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data(Qt.ItemDataRole.UserRole + 2).title == title:
            return row
    raise AssertionError(f"{title} not in the list")


def choose_item(qtbot, panel: ReviewPanel, title: str):
    panel.items_table.selectRow(row_of(panel, title))
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.item.title == title, timeout=TIMEOUT)
    return panel.detail.item


def item_named(panel: ReviewPanel, title: str):
    return next(i for i in panel.items_model.records if i.title == title)


def wait_dialog(qtbot, panel: ReviewPanel, cls):
    qtbot.waitUntil(lambda: isinstance(panel.dialog, cls) and panel.dialog.isVisible(), timeout=TIMEOUT)
    return panel.dialog


def type_text(qtbot, widget, text: str) -> None:
    """Keys for ASCII, an input-method commit for Chinese (as a pinyin IME sends)."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def fails(qtbot, dialog, field: str | None) -> str:
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: bool(dialog.error_text(field)), timeout=TIMEOUT)
    return dialog.error_text(field)


def closes(qtbot, panel: ReviewPanel, dialog) -> None:
    closed: list = []
    dialog.finished.connect(closed.append)
    loads = []
    ok(qtbot, dialog)
    qtbot.waitUntil(lambda: bool(closed) or bool(visible_errors(dialog)), timeout=TIMEOUT)
    assert closed, visible_errors(dialog)
    del loads
    qtbot.waitUntil(lambda: not panel.worker.busy, timeout=TIMEOUT)


def visible_errors(dialog) -> dict[str, str]:
    return {
        label.objectName(): label.text()
        for label in dialog.form.findChildren(QLabel)
        if label.objectName().endswith("Error") and label.isVisible()
    }


def pick(combo, text: str) -> None:
    combo.setCurrentIndex(next(i for i in range(combo.count()) if text in combo.itemText(i)))


def shown_state(panel: ReviewPanel, title: str) -> str:
    row = row_of(panel, title)
    return panel.items_table.model().index(row, 1).data()


# ---- custody through the dialogs -----------------------------------------------------------------


def test_add_receive_hand_over_copy_and_return_through_the_dialogs(qtbot, worker, panel):
    p = panel("member1")
    assert p.items_model.rowCount() == 6
    p.items_table.setFocus()
    QTest.keyClick(p.items_table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog: ItemDialog = wait_dialog(qtbot, p, ItemDialog)
    assert dialog.windowTitle() == "新增调阅事项"
    # nothing chosen: the message sits beside the category, the form stays open
    assert "资料类别" in fails(qtbot, dialog, "category")
    pick(dialog.category, "财务凭证")
    assert "资料名称" in fails(qtbot, dialog, "title")
    assert dialog.error_text("category") == ""
    type_text(qtbot, dialog.title, "2025年度差旅费报销凭证")
    type_text(qtbot, dialog.period_start, "2025-12-31")
    type_text(qtbot, dialog.period_end, "2025-01-01")
    assert "截止日期" in fails(qtbot, dialog, "period_end")
    grab(dialog, "documents-item-dialog-error.png")
    dialog.period_start.clear()
    type_text(qtbot, dialog.period_start, "2025-01-01")
    dialog.period_end.clear()
    type_text(qtbot, dialog.period_end, "2025-12-31")
    closes(qtbot, p, dialog)
    title = "2025年度差旅费报销凭证"
    qtbot.waitUntil(lambda: p.items_model.rowCount() == 7, timeout=TIMEOUT)
    assert shown_state(p, title) == "待提供"

    # receive: a bad page count is named beside the field; then it goes to member1
    item = choose_item(qtbot, p, title)
    assert p.action_receive.isEnabled() and not p.action_return.isEnabled()
    p.action_receive.trigger()
    receive: ReceiveDialog = wait_dialog(qtbot, p, ReceiveDialog)
    type_text(qtbot, receive.volumes, "2")
    type_text(qtbot, receive.pages, "abc")
    assert "页数须为整数" in fails(qtbot, receive, "pages")
    receive.pages.clear()
    type_text(qtbot, receive.pages, "340")
    pick(receive.holder, "周清源")
    type_text(qtbot, receive.counterpart, "集团财务部")
    closes(qtbot, p, receive)
    qtbot.waitUntil(lambda: shown_state(p, title) == "在阅", timeout=TIMEOUT)

    # hand over to the leader
    choose_item(qtbot, p, title)
    p.action_hand_over.trigger()
    hand: HandOverDialog = wait_dialog(qtbot, p, HandOverDialog)
    assert all("周清源" not in hand.holder.itemText(i) for i in range(hand.holder.count()))
    pick(hand.holder, "刘正纲")
    closes(qtbot, p, hand)
    qtbot.waitUntil(lambda: item_named(p, title).holder_name == "刘正纲", timeout=TIMEOUT)

    # copies: zero is refused beside the field
    choose_item(qtbot, p, title)
    p.action_copies.trigger()
    copies: CopiesDialog = wait_dialog(qtbot, p, CopiesDialog)
    copies.count.setValue(0)
    assert "复印份数" in fails(qtbot, copies, "count")
    copies.count.setValue(2)
    closes(qtbot, p, copies)
    qtbot.waitUntil(lambda: item_named(p, title).copies == 2, timeout=TIMEOUT)

    # return: who took it back is required
    choose_item(qtbot, p, title)
    p.action_return.trigger()
    back: ReturnDialog = wait_dialog(qtbot, p, ReturnDialog)
    assert "归还接收人" in fails(qtbot, back, "returned_to")
    type_text(qtbot, back.returned_to, "集团财务部 李会计")
    closes(qtbot, p, back)
    qtbot.waitUntil(lambda: shown_state(p, title) == "已归还", timeout=TIMEOUT)

    # a line received cannot be deleted (its custody record stays); a new, unreceived one can, after a question
    assert not p.action_delete.isEnabled()
    p.new_item()
    extra: ItemDialog = wait_dialog(qtbot, p, ItemDialog)
    pick(extra.category, "其他")
    type_text(qtbot, extra.title, "临时调阅事项")
    closes(qtbot, p, extra)
    qtbot.waitUntil(lambda: p.items_model.rowCount() == 8, timeout=TIMEOUT)
    choose_item(qtbot, p, "临时调阅事项")
    QTest.keyClick(p.items_table, Qt.Key.Key_Delete)
    qtbot.waitUntil(
        lambda: any(b.objectName() == "confirmBox" and b.isVisible() for b in p.findChildren(QMessageBox)),
        timeout=TIMEOUT,
    )
    box = next(b for b in p.findChildren(QMessageBox) if b.objectName() == "confirmBox" and b.isVisible())
    assert "临时调阅事项" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: p.items_model.rowCount() == 7, timeout=TIMEOUT)

    # the chain, as the core keeps it and as the tab shows it
    choose_item(qtbot, p, title)
    qtbot.waitUntil(lambda: p.history_model.rowCount() == 4, timeout=TIMEOUT)
    events = [p.history_model.index(r, 1).data() for r in range(4)]
    assert events == ["接收", "转交", "复印", "归还"]
    stored = run_job(qtbot, worker, listing.custody_history, item.id)
    assert [e.event.value for e in stored] == ["received", "handed_over", "copied", "returned"]
    assert not p.action_return.isEnabled() and not p.action_hand_over.isEnabled()


def test_outstanding_and_overdue_items_stand_out_and_filter(qtbot, panel):
    p = panel("member1")
    overdue = next(i for i in p.items_model.records if i.state is CustodyState.OVERDUE)
    requested = next(i for i in p.items_model.records if i.state is CustodyState.REQUESTED)
    model = p.items_table.model()
    for item, colour in ((overdue, "#f9d6d5"), (requested, "#fff3d1")):
        index = model.index(row_of(p, item.title), 1)
        assert index.data(Qt.ItemDataRole.BackgroundRole).color().name() == colour
        assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()  # the state badge
        assert index.data(Qt.ItemDataRole.ToolTipRole)
    assert "逾期" in p.summary.text()
    total = model.rowCount()
    p.outstanding_only.setChecked(True)
    assert p.outstanding_only.text() == "只看未归还"
    states = {model.index(r, 1).data() for r in range(model.rowCount())}
    assert "已归还" not in states and model.rowCount() == total - 1
    p.outstanding_only.setChecked(False)
    assert model.rowCount() == total


# ---- reading notes and excerpts ------------------------------------------------------------------


def test_reading_notes_and_excerpts_add_edit_delete(qtbot, worker, panel):
    p = panel("member1")
    item = choose_item(qtbot, p, "2024年以来中层干部选拔任用工作档案")
    p.item_tabs.setCurrentWidget(p.readings_page)
    before = p.readings_model.rowCount()
    p.add_reading()
    dialog: ReadingDialog = wait_dialog(qtbot, p, ReadingDialog)
    assert dialog.reviewer.currentText() == "周清源"  # the signed-in user by default
    dialog.read_on.clear()
    type_text(qtbot, dialog.read_on, "2026-09-01")  # before it was received
    assert "不能早于资料接收日期" in fails(qtbot, dialog, "read_on")
    dialog.read_on.clear()
    type_text(qtbot, dialog.read_on, "2026-09-26")
    type_text(qtbot, dialog.notes, "考察谈话人数不足规定要求，需调取考察记录核实。")
    closes(qtbot, p, dialog)
    qtbot.waitUntil(lambda: p.readings_model.rowCount() == before + 1, timeout=TIMEOUT)

    # edit it
    p.readings_table.selectRow(p.readings_model.rowCount() - 1)
    p.edit_reading()
    edit: ReadingDialog = wait_dialog(qtbot, p, ReadingDialog)
    assert "考察谈话人数" in edit.notes.toPlainText()
    edit.notes.clear()
    type_text(qtbot, edit.notes, "考察谈话人数不足，已请组织人事部补充说明。")
    closes(qtbot, p, edit)
    stored = run_job(qtbot, worker, reading.list_readings, item.id)
    assert any("补充说明" in r.notes for r in stored)

    # an excerpt from that reading: the passage is required, beside its field
    p.item_tabs.setCurrentWidget(p.excerpts_page)
    p.add_excerpt()
    excerpt: ExcerptDialog = wait_dialog(qtbot, p, ExcerptDialog)
    assert "摘录内容" in fails(qtbot, excerpt, "passage")
    type_text(qtbot, excerpt.passage, "三、考察：考察组由组织人事部2人组成")
    type_text(qtbot, excerpt.location, "p2")
    pick(excerpt.reading, "2026-09-26")
    closes(qtbot, p, excerpt)
    qtbot.waitUntil(lambda: p.excerpts_model.rowCount() == 1, timeout=TIMEOUT)
    label = p.excerpts_model.index(0, 0).data()
    assert label.startswith("摘录")

    # edit, then delete it (asked first)
    p.excerpts_table.selectRow(0)
    p.edit_excerpt()
    again: ExcerptDialog = wait_dialog(qtbot, p, ExcerptDialog)
    again.location.clear()
    type_text(qtbot, again.location, "p3")
    closes(qtbot, p, again)
    qtbot.waitUntil(
        lambda: p.excerpts_model.rowCount() == 1 and p.excerpts_model.index(0, 1).data() == "p3",
        timeout=TIMEOUT,
    )
    p.excerpts_table.selectRow(0)
    p.delete_excerpt()
    box = next(b for b in p.findChildren(QMessageBox) if b.objectName() == "confirmBox" and b.isVisible())
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: p.excerpts_model.rowCount() == 0, timeout=TIMEOUT)
    assert run_job(qtbot, worker, lambda s, i: reading.list_excerpts(s, item_id=i), item.id) == []


# ---- electronic material -------------------------------------------------------------------------


def test_import_a_docx_and_a_hostile_file_then_view_inside_the_app(qtbot, worker, panel, tmp_path):
    p = panel("member1")
    item = choose_item(qtbot, p, "2024年以来工程建设及采购合同")
    assert p.material_model.rowCount() == 0
    good = tmp_path / "城东管网改造工程合同.docx"
    good.write_bytes(
        samples.make_docx(["城东管网改造工程施工合同", "合同金额：1860万元，由总经理办公会确定施工单位。"])
    )
    hostile = tmp_path / "采购合同.docx"  # a PNG under a Word name
    hostile.write_bytes(samples.make_image("PNG"))
    p.choose_files = lambda: [str(good), str(hostile)]
    p.action_import.trigger()
    qtbot.waitUntil(lambda: p.last_import is not None, timeout=TIMEOUT)
    report = p.last_import
    assert [a.filename for a in report.imported] == [good.name]
    assert [name for name, _ in report.refused] == [hostile.name]
    assert "与扩展名不符" in report.refused[0][1]
    # the refusal is shown with the core's message
    message = p.import_message
    assert hostile.name in message.text() and "与扩展名不符" in message.text()
    grab(message, "documents-import-refused.png")
    message.close()
    # exactly one file was kept
    qtbot.waitUntil(lambda: p.detail is not None and len(p.detail.material) == 1, timeout=TIMEOUT)
    assert [a.filename for a in run_job(qtbot, worker, reading.list_material, item.id)] == [good.name]
    assert p.material_model.index(0, 1).data() and p.material_model.index(0, 3).data().endswith("…")

    # view its text inside the app, read-only
    p.item_tabs.setCurrentWidget(p.material_page)
    p.material_table.selectRow(0)
    p.view_material()
    qtbot.waitUntil(lambda: p.viewer is not None and p.viewer.isVisible(), timeout=TIMEOUT)
    viewer: MaterialViewer = p.viewer
    assert viewer.text_view.isReadOnly() and "1860万元" in viewer.text_view.toPlainText()
    viewer.close()
    qtbot.waitUntil(lambda: p.viewer is None, timeout=TIMEOUT)


def test_an_image_is_shown_from_memory(qtbot, panel):
    p = panel("member1")
    choose_item(qtbot, p, "公务用车使用登记簿")
    p.material_table.selectRow(0)
    p.view_material()
    qtbot.waitUntil(lambda: p.viewer is not None and p.viewer.isVisible(), timeout=TIMEOUT)
    pixmap = p.viewer.image_label.pixmap()
    assert not pixmap.isNull() and (pixmap.width(), pixmap.height()) == (320, 200)
    grab(p.viewer, "documents-image-viewer.png")
    p.viewer.close()


def test_import_progress_can_be_cancelled(qtbot, worker, panel, tmp_path):
    p = panel("member1")
    item = choose_item(qtbot, p, "2024年以来工程建设及采购合同")
    paths = []
    for n in range(30):
        path = tmp_path / f"合同{n:02d}.txt"
        path.write_bytes(f"第{n}号合同 公车维修".encode() * 2000)
        paths.append(str(path))
    gate = threading.Event()  # the worker is held busy until Cancel is pressed: no race with the clock
    worker.submit(lambda s: gate.wait(60))
    p.import_paths(paths)
    assert p.import_progress.isVisible() and "30" in p.import_progress.labelText()
    cancel = p.import_progress.findChild(QPushButton)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)  # as the user pressing Cancel
    gate.set()
    qtbot.waitUntil(lambda: p.last_import is not None, timeout=TIMEOUT)
    report = p.last_import
    assert report.cancelled and report.imported == [] and report.not_tried == 30
    assert run_job(qtbot, worker, reading.list_material, item.id) == []
    assert "已取消" in p.import_message.text()
    p.import_message.close()


# ---- search ----------------------------------------------------------------------------------------


def test_two_character_search_highlights_hits_in_context(qtbot, panel):
    p = panel("member1")
    p.items_table.setFocus()
    QTest.keyClick(p.items_table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: p.item_tabs.currentWidget() is p.search_view, timeout=TIMEOUT)
    view = p.search_view
    type_text(qtbot, view.edit, "车")
    QTest.keyClick(view.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "至少两个字" in view.status.text(), timeout=TIMEOUT)
    view.edit.clear()
    type_text(qtbot, view.edit, "公车")
    QTest.keyClick(view.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(view.hits), timeout=TIMEOUT)
    html = view.results.toHtml()
    assert "公车" in view.results.toPlainText()
    assert html.count("#ffd54f") >= len(view.hits)  # every hit carries a highlighted range
    for hit in view.hits:
        assert all(hit.snippet[s:e] == "公车" for s, e in hit.marks)
    grab(p, "documents-search.png")
    # a hit leads to its item
    hit = view.hits[0]
    view._clicked(__import__("PySide6.QtCore", fromlist=["QUrl"]).QUrl("hit:0"))
    qtbot.waitUntil(
        lambda: p.current_item() is not None and p.current_item().id == hit.item_id, timeout=TIMEOUT
    )


def test_search_escapes_record_text(qtbot, worker, panel):
    p = panel("member1")
    item = choose_item(qtbot, p, "2024年以来中层干部选拔任用工作档案")
    run_job(
        qtbot, worker, lambda s: reading.add_excerpt(s, item.id, passage="<b>公车</b> & <script>x</script>")
    )
    p.focus_find()
    type_text(qtbot, p.search_view.edit, "公车")
    p.search_view.search()
    qtbot.waitUntil(lambda: bool(p.search_view.hits), timeout=TIMEOUT)
    assert "<script>x</script>" in p.search_view.results.toPlainText()  # shown as text, not markup


# ---- need to know ----------------------------------------------------------------------------------


def test_a_member_of_another_team_sees_nothing(qtbot, worker, panel, signed_in):
    signed_in("member1")
    water = inspection_id(qtbot, worker, WATER)
    p = panel("member8", None)  # 第二巡察组, on its own inspection
    assert p.data.inspection.team_name == "第二巡察组"
    other = ReviewPanel(worker, water)
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: bool(other.error_text), timeout=TIMEOUT)
    assert "知悉范围" in other.error_text and other.items_model.rowCount() == 0
    assert not other.action_new.isEnabled() and not other.action_print.isEnabled()
    p.focus_find()
    type_text(qtbot, p.search_view.edit, "三重一大")
    p.search_view.search()
    qtbot.waitUntil(lambda: not p.search_view.busy, timeout=TIMEOUT)
    assert p.search_view.hits == [] and p.search_view.status.text() == "没有找到。"


# ---- the phase gate ---------------------------------------------------------------------------------


def test_gate_refuses_a_member_and_the_leader_overrides(qtbot, worker, panel, signed_in):
    p = panel("member1")
    assert p.gate.isVisible() and "4" in p.gate_text.text()
    p.override_button.click()
    dialog: OverrideDialog = wait_dialog(qtbot, p, OverrideDialog)
    type_text(qtbot, dialog.reason, "单位正在整理补充材料，归还手续在报告阶段办理。")
    assert "无权批准" in fails(qtbot, dialog, None)  # the core's refusal, shown as is
    dialog.reject()

    leader = panel("leader1")
    assert "只有本组组长" not in leader.gate_text.text()
    leader.override_button.click()
    dialog = wait_dialog(qtbot, leader, OverrideDialog)
    assert "批准理由" in fails(qtbot, dialog, "reason")
    type_text(qtbot, dialog.reason, "单位正在整理补充材料，归还手续在报告阶段办理。")
    grab(dialog, "documents-override-dialog.png")
    closes(qtbot, leader, dialog)
    moved = run_job(qtbot, worker, inspections.get_inspection, leader.inspection_id)
    assert moved.phase is Phase.REPORT
    qtbot.waitUntil(lambda: leader.data.inspection.phase is Phase.REPORT, timeout=TIMEOUT)
    assert not leader.gate.isVisible()


# ---- printing -----------------------------------------------------------------------------------------


def test_print_preview_of_the_request_list_and_a_return_receipt(qtbot, panel):
    from app.ui.printing import PrintPreviewDialog

    p = panel("member1", HOUSING)
    p.items_table.setFocus()
    QTest.keyClick(p.items_table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: isinstance(getattr(p, "preview_dialog", None), PrintPreviewDialog), timeout=TIMEOUT
    )
    preview = p.preview_dialog
    qtbot.waitUntil(lambda: preview.rendered_pages >= 1, timeout=TIMEOUT)
    assert "调阅资料清单" in preview.windowTitle()
    preview.close()
    actions = p.receipt_menu.actions()
    assert actions and "2026-10-09" in actions[0].text()
    actions[0].trigger()
    qtbot.waitUntil(lambda: p.preview_dialog is not preview, timeout=TIMEOUT)
    receipt = p.preview_dialog
    qtbot.waitUntil(lambda: receipt.rendered_pages >= 1, timeout=TIMEOUT)
    assert "2026-10-09" in receipt.windowTitle()
    grab(receipt, "documents-receipt-preview.png")
    receipt.close()


# ---- in the main window ---------------------------------------------------------------------------------


def open_inspection(qtbot, worker, demo_folder, username: str, unit: str):
    results: list = []
    worker.sign_in(demo_folder, username, DEMO_PASSWORD, on_done=results.append, on_error=results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=TIMEOUT)
    window = MainWindow(worker, demo_folder, results[0])
    qtbot.addWidget(window)
    window.resize(1600, 980)
    window.show()
    qtbot.waitExposed(window)
    ws: OrgWorkspace = window.content
    qtbot.waitUntil(lambda: ws.model.root.state == "loaded", timeout=TIMEOUT)
    ws.model.load_all()

    def find():
        stack = list(ws.model.root.children)
        while stack:
            node = stack.pop()
            if node.kind == INSPECTION and node.record.unit_name == unit and node.record.round_number == 2:
                return node
            stack.extend(node.children)
        return None

    qtbot.waitUntil(lambda: find() is not None, timeout=TIMEOUT)
    node = find()
    ws.select_path(node.path())
    view = ws.inspection_view
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.inspection.id == node.id, timeout=TIMEOUT)
    tabs = view.tabs
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == "调阅资料")
    tabs.setCurrentIndex(index)
    panel: ReviewPanel = tabs.widget(index)
    qtbot.waitUntil(lambda: panel.data is not None, timeout=TIMEOUT)
    return window, view, panel


def test_documents_tab_in_the_inspection_view_screenshot(qtbot, worker, demo_folder):
    window, view, p = open_inspection(qtbot, worker, demo_folder, "leader1", WATER)
    assert any(t.key == "documents" for t in INSPECTION_TABS)
    # a row other than the overdue one, so its tint shows; the excerpts an issue may cite
    choose_item(qtbot, p, "2025年度会计凭证（公务接待、公车运行部分）")
    p.item_tabs.setCurrentWidget(p.readings_page)
    qtbot.waitUntil(lambda: p.readings_model.rowCount() == 1, timeout=TIMEOUT)
    QApplication.processEvents()
    grab(window, "documents-window.png")
    # the leader moves on through the banner; the inspection view follows
    p.override_button.click()
    dialog = wait_dialog(qtbot, p, OverrideDialog)
    type_text(qtbot, dialog.reason, "剩余资料在报告阶段归还。")
    closes(qtbot, p, dialog)
    qtbot.waitUntil(lambda: view.detail.inspection.phase is Phase.REPORT, timeout=TIMEOUT)
    window.close()


def test_the_tabs_keys_win_over_the_workspace(qtbot, worker, demo_folder):
    """The office's workspace has Ctrl+N/F2/Del too; inside the tab the tab's own actions run."""
    window, _view, p = open_inspection(qtbot, worker, demo_folder, "office", WATER)
    p.items_table.setFocus()
    QTest.keyClick(p.items_table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_dialog(qtbot, p, ItemDialog)
    assert window.content.dialog is None
    dialog.reject()
    window.close()
