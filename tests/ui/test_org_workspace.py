"""The organisation workspace driven like a user: navigation, dialogs, phases, need-to-know, screenshots.

Runs on the demo organisation (a term, 2 rounds, 5 teams, 30 units, 28 inspections, 2 units not
covered), built once per session with fast key derivation and copied for each test.
"""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox, QPushButton

from app.core.domain import phase_moves
from app.core.domain.organisation import inspections, teams, terms
from app.core.domain.organisation.inspections import Phase
from app.core.errors import Conflict
from app.core.store.keyslots import KdfParams
from app.demo.accounts import create_demo
from app.ui import areas
from app.ui.main_window import MainWindow
from app.ui.org.dialogs import PhaseDialog, RoundDialog, TermDialog
from app.ui.org.inspection_dialog import InspectionDialog
from app.ui.org.inspection_view import InspectionTab
from app.ui.org.nav_model import INSPECTION, ROUND, TEAM, TERM
from app.ui.org.team_dialog import TeamDialog
from app.ui.org.workspace import OrgWorkspace
from tests.conftest import DEMO_PASSWORD
from tests.ui.conftest import grab, run_job, settle

TIMEOUT = 10000


# ---- fixtures and helpers ------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _collect_garbage():
    """Collect after each test, so a Qt ownership bug (a model freed under its view) crashes here."""
    yield
    gc.collect()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("org-demo") / "ws"
    create_demo(folder, kdf=KdfParams.fast_for_tests())
    return folder


@pytest.fixture
def demo_folder(demo_template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    shutil.copytree(demo_template, folder)
    return folder


@pytest.fixture
def open_window(qtbot, worker, demo_folder):
    """open_window('office') -> the main window on the demo data with the organisation workspace."""

    def _open(username: str) -> MainWindow:
        results: list = []
        worker.sign_in(demo_folder, username, DEMO_PASSWORD, on_done=results.append, on_error=results.append)
        qtbot.waitUntil(lambda: bool(results), timeout=TIMEOUT)
        assert not isinstance(results[0], Exception), results[0]
        window = MainWindow(worker, demo_folder, results[0])
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        workspace = window.content
        assert isinstance(workspace, OrgWorkspace)
        qtbot.waitUntil(lambda: workspace.model.root.state == "loaded", timeout=TIMEOUT)
        return window

    return _open


def load_everything(qtbot, ws: OrgWorkspace) -> list:
    ws.model.load_all()

    def done() -> bool:
        stack, nodes = list(ws.model.root.children), []
        while stack:
            node = stack.pop()
            if node.kind != INSPECTION and node.state != "loaded":
                return False
            nodes.append(node)
            stack.extend(node.children)
        return True

    qtbot.waitUntil(done, timeout=TIMEOUT)
    nodes, stack = [], list(ws.model.root.children)
    while stack:
        node = stack.pop(0)
        nodes.append(node)
        stack.extend(node.children)
    return nodes


def select(qtbot, ws: OrgWorkspace, path: list[str]):
    ws.select_path(path)
    qtbot.waitUntil(
        lambda: ws.current_node() is not None and ws.current_node().id == path[-1], timeout=TIMEOUT
    )
    return ws.current_node()


def press(qtbot, ws: OrgWorkspace, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    window = ws.window()
    window.activateWindow()  # after a dialog closes, the main window gets the keyboard back
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=TIMEOUT)
    ws.tree.setFocus()
    QTest.keyClick(ws.tree, key, modifier)


def wait_dialog(qtbot, owner, cls):
    def ready() -> bool:
        dialog = owner.dialog
        if isinstance(dialog, cls) and dialog.isVisible():
            assert not errors_shown(dialog), errors_shown(dialog)  # loading its choices failed
            return getattr(dialog, "ready", True)
        return False

    qtbot.waitUntil(ready, timeout=TIMEOUT)
    return owner.dialog


def ok_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def errors_shown(dialog) -> dict[str, str]:
    return {
        label.objectName(): label.text()
        for label in dialog.form.findChildren(QLabel)
        if label.objectName().endswith("Error") and label.isVisible()
    }


def click_and_close(qtbot, dialog, button=None) -> None:
    closed: list = []
    dialog.finished.connect(closed.append)
    qtbot.mouseClick(button or ok_button(dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(closed) or bool(errors_shown(dialog)), timeout=TIMEOUT)
    assert closed, errors_shown(dialog)


def click_and_fail(qtbot, dialog, field: str | None) -> str:
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.error_text(field)), timeout=TIMEOUT)
    return dialog.error_text(field)


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user: keys for ASCII, an input-method commit for Chinese (as a pinyin IME sends)."""
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def choose(combo, text: str) -> None:
    index = next(i for i in range(combo.count()) if text in combo.itemText(i))
    combo.setCurrentIndex(index)


# ---- creating through the window -----------------------------------------------------------------


def test_office_creates_round_team_and_inspection_through_the_window(qtbot, worker, open_window):
    window = open_window("office")
    ws: OrgWorkspace = window.content
    term = ws.model.root.children[0]
    select(qtbot, ws, [term.id])

    # Ctrl+N on a term: a new round, numbered after the existing two.
    press(qtbot, ws, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog: RoundDialog = wait_dialog(qtbot, ws, RoundDialog)
    assert dialog.windowTitle() == "新建轮次"
    assert dialog.number.value() == 3
    choose(dialog.kind, "专项")
    type_text(qtbot, dialog.starts_on, "2027-03-01")
    type_text(qtbot, dialog.ends_on, "2027-02-01")
    assert "结束日期不能早于开始日期" in click_and_fail(qtbot, dialog, "ends_on")
    assert dialog.error_text("starts_on") == ""
    dialog.ends_on.clear()
    type_text(qtbot, dialog.ends_on, "2027-06-30")
    qtbot.mouseClick(dialog.findChild(QPushButton, "addBatchButton"), Qt.MouseButton.LeftButton)
    dialog.batches.item(0, 1).setText("2027-03-01")
    dialog.batches.item(0, 2).setText("2027-04-15")
    grab(dialog, "org-round-dialog.png")
    click_and_close(qtbot, dialog)

    rounds = run_job(qtbot, worker, terms.list_rounds, term.id)
    new_round = next(r for r in rounds if r.number == 3)
    assert new_round.kind.value == "special" and new_round.ends_on == "2027-06-30"
    batches = run_job(qtbot, worker, terms.list_batches, new_round.id)
    assert [(b.number, b.starts_on, b.ends_on) for b in batches] == [(1, "2027-03-01", "2027-04-15")]
    qtbot.waitUntil(
        lambda: ws.current_node() is not None and ws.current_node().id == new_round.id, timeout=TIMEOUT
    )

    # Ctrl+N on the round: a team, named by custom; then its people.
    press(qtbot, ws, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    team_dialog: TeamDialog = wait_dialog(qtbot, ws, TeamDialog)
    assert team_dialog.name.text() == "第一巡察组"
    assert not team_dialog.members_group.isEnabled()  # people come after the team exists
    qtbot.mouseClick(team_dialog.save_name, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: team_dialog.members_group.isEnabled(), timeout=TIMEOUT)
    team_id = team_dialog.team_id
    choose(team_dialog.staff_combo, "member1")
    choose(team_dialog.position, "组长")
    qtbot.mouseClick(team_dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(team_dialog.error_text("position")), timeout=TIMEOUT)
    assert "组长须由" in team_dialog.error_text("position")  # a member account cannot lead
    for username, position in (("leader1", "组长"), ("member6", "组员"), ("member1", "副组长")):
        choose(team_dialog.staff_combo, username)
        choose(team_dialog.position, position)
        count = team_dialog.members.rowCount()
        qtbot.mouseClick(team_dialog.add_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda c=count: team_dialog.members.rowCount() == c + 1, timeout=TIMEOUT)
    assert team_dialog.error_text("user_id") == ""
    grab(team_dialog, "org-team-dialog.png")
    shown = {
        team_dialog.members.record(r).username: team_dialog.members.record(r).position.label for r in range(3)
    }
    assert shown == {"leader1": "组长", "member6": "组员", "member1": "副组长"}
    click_and_close(qtbot, team_dialog, team_dialog.buttons.button(QDialogButtonBox.StandardButton.Close))

    members = run_job(qtbot, worker, teams.list_members, team_id)
    assert [(m.username, m.position.value) for m in members] == [
        ("leader1", "leader"),
        ("member1", "deputy"),
        ("member6", "member"),
    ]
    qtbot.waitUntil(
        lambda: ws.current_node() is not None and ws.current_node().id == team_id, timeout=TIMEOUT
    )
    assert "第一巡察组（组长：刘正纲）" in ws.tree.currentIndex().data()

    # Ctrl+N on the team: an inspection. member6 declared a tie to 桃源镇: refused, then overridden.
    press(qtbot, ws, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    insp_dialog: InspectionDialog = wait_dialog(qtbot, ws, InspectionDialog)
    assert insp_dialog.team.currentData() == team_id
    assert not insp_dialog.override.isVisible()
    assert "请选择有效的被巡察单位" in click_and_fail(qtbot, insp_dialog, "unit_id")
    choose(insp_dialog.unit, "桃源镇（")
    choose(insp_dialog.batch, "第一批")
    type_text(qtbot, insp_dialog.liaison_name, "孙联络")
    type_text(qtbot, insp_dialog.liaison_phone, "0571-12345678")
    insp_dialog.began_on.clear()
    type_text(qtbot, insp_dialog.began_on, "2027-03-01")
    message = click_and_fail(qtbot, insp_dialog, "override_reason")
    assert "member6" in message and "回避" in message
    assert insp_dialog.override.isVisible()
    grab(insp_dialog, "org-inspection-dialog-recusal.png")
    type_text(qtbot, insp_dialog.override, "该同志仅负责资料整理，经巡察办主任批准。")
    click_and_close(qtbot, insp_dialog)

    found = run_job(qtbot, worker, lambda s, r: inspections.list_inspections(s, round_id=r), new_round.id)
    assert [(i.unit_name, i.team_id, i.phase, i.liaison_name) for i in found] == [
        ("桃源镇", team_id, Phase.PREPARATION, "孙联络")
    ]
    assert found[0].phase_dates == {Phase.PREPARATION: "2027-03-01"}
    assert found[0].batch_id == batches[0].id
    # The tree selects the new inspection and the view shows it.
    qtbot.waitUntil(lambda: ws.inspection_view.detail is not None, timeout=TIMEOUT)
    assert ws.inspection_view.detail.inspection.id == found[0].id
    assert ws.inspection_view.values["unit"].text() == "桃源镇"
    assert "第三轮（专项）" in ws.inspection_view.values["round"].text()
    window.close()


def test_validation_message_sits_next_to_the_field(qtbot, open_window):
    window = open_window("office")
    ws: OrgWorkspace = window.content
    ws.action_new_term.trigger()
    dialog: TermDialog = wait_dialog(qtbot, ws, TermDialog)
    assert not dialog.form.findChild(QLabel, "nameError").isVisible()
    assert "请填写届次名称" in click_and_fail(qtbot, dialog, "name")
    type_text(qtbot, dialog.name, "中共某市委第九届")
    type_text(qtbot, dialog.starts_on, "2031-13-01")
    assert "开始日期的月份须在 1 到 12 之间" in click_and_fail(qtbot, dialog, "starts_on")
    assert dialog.error_text("name") == ""  # the earlier message is gone
    dialog.starts_on.clear()
    type_text(qtbot, dialog.starts_on, "2031-01-01")
    assert "已有名为“中共某市委第九届”的届次" in click_and_fail(qtbot, dialog, "name")
    assert dialog.error_text("starts_on") == ""
    grab(dialog, "org-term-dialog-error.png")
    dialog.name.clear()
    type_text(qtbot, dialog.name, "中共某市委第十届")
    click_and_close(qtbot, dialog)
    qtbot.waitUntil(
        lambda: any(n.record.name == "中共某市委第十届" for n in ws.model.root.children), timeout=TIMEOUT
    )
    window.close()


def test_delete_asks_and_shows_the_core_refusal(qtbot, worker, open_window):
    window = open_window("office")
    ws: OrgWorkspace = window.content
    term = ws.model.root.children[0]
    select(qtbot, ws, [term.id])
    press(qtbot, ws, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: isinstance(ws.dialog, QMessageBox) and ws.dialog.isVisible(), timeout=TIMEOUT)
    assert "删除届次" in ws.dialog.text()
    qtbot.mouseClick(ws.dialog.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)

    def refusal():
        boxes = [b for b in ws.findChildren(QMessageBox, "messageBox") if b.isVisible()]
        return boxes[0] if boxes else None

    qtbot.waitUntil(lambda: refusal() is not None, timeout=TIMEOUT)
    assert "该届次下还有 2 个轮次" in refusal().text()
    assert refusal().windowTitle() == "不能删除"
    refusal().close()
    assert len(run_job(qtbot, worker, terms.list_terms)) == 1

    # A fresh inspection (still in preparation) can be deleted: confirm, and it is gone.
    nodes = load_everything(qtbot, ws)
    target = next(n for n in nodes if n.kind == INSPECTION and n.record.phase is Phase.PREPARATION)
    select(qtbot, ws, target.path())
    press(qtbot, ws, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: isinstance(ws.dialog, QMessageBox) and ws.dialog.isVisible(), timeout=TIMEOUT)
    qtbot.mouseClick(ws.dialog.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    team_id = target.record.team_id
    qtbot.waitUntil(
        lambda: (
            target.id
            not in {
                i.id
                for i in run_job(qtbot, worker, lambda s: inspections.list_inspections(s, team_id=team_id))
            }
        ),
        timeout=TIMEOUT,
    )
    qtbot.waitUntil(lambda: ws.current_node() is not None and ws.current_node().kind == TEAM, timeout=TIMEOUT)
    window.close()


# ---- the inspection view -------------------------------------------------------------------------


def test_phase_advance_revert_and_gate_errors(qtbot, worker, open_window, monkeypatch):
    window = open_window("office")
    ws: OrgWorkspace = window.content
    nodes = load_everything(qtbot, ws)
    target = next(n for n in nodes if n.kind == INSPECTION and n.record.phase is Phase.PREPARATION)
    select(qtbot, ws, target.path())
    view = ws.inspection_view
    qtbot.waitUntil(
        lambda: view.detail is not None and view.detail.inspection.id == target.id, timeout=TIMEOUT
    )
    assert not view.revert_button.isEnabled()  # nothing before preparation
    assert view.advance_button.isEnabled()

    qtbot.mouseClick(view.advance_button, Qt.MouseButton.LeftButton)
    dialog: PhaseDialog = wait_dialog(qtbot, view, PhaseDialog)
    assert "由“巡前准备”推进到“进驻”" in dialog.field(QLabel, "phaseText").text()
    dialog.on.clear()
    type_text(qtbot, dialog.on, "2020-01-01")
    assert "不能早于本阶段的开始日期" in click_and_fail(qtbot, dialog, "on")
    dialog.on.clear()
    type_text(qtbot, dialog.on, "2026-12-01")
    click_and_close(qtbot, dialog)
    qtbot.waitUntil(lambda: view.detail.inspection.phase is Phase.ENTRY, timeout=TIMEOUT)
    assert "进驻（2026-12-01 起）" == view.values["phase"].text()
    assert ws.tree.currentIndex().data().endswith("进驻")  # the tree label follows

    # A gate added by a later module refuses the move: its message is shown in the dialog.
    def gate(session, inspection, new_phase):
        raise Conflict("尚有 2 份调阅资料未归还，不能进入下一阶段。")

    with monkeypatch.context() as patch:
        patch.setattr(phase_moves, "PHASE_GATES", (*phase_moves.PHASE_GATES, gate))
        qtbot.mouseClick(view.advance_button, Qt.MouseButton.LeftButton)
        dialog = wait_dialog(qtbot, view, PhaseDialog)
        dialog.on.clear()
        type_text(qtbot, dialog.on, "2026-12-05")
        assert "未归还" in click_and_fail(qtbot, dialog, None)
        assert errors_shown(dialog) == {"generalError": "尚有 2 份调阅资料未归还，不能进入下一阶段。"}
        dialog.reject()

    qtbot.mouseClick(view.revert_button, Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, view, PhaseDialog)
    assert "请填写退回的理由" in click_and_fail(qtbot, dialog, "reason")
    type_text(qtbot, dialog.reason, "进驻日期推迟，动员会改期。")
    click_and_close(qtbot, dialog)
    qtbot.waitUntil(lambda: view.detail.inspection.phase is Phase.PREPARATION, timeout=TIMEOUT)
    history = run_job(qtbot, worker, inspections.phase_history, target.id)
    assert [(m.to_phase, m.reason) for m in history][-1] == (Phase.PREPARATION, "进驻日期推迟，动员会改期。")
    qtbot.waitUntil(lambda: view.history_model.rowCount() == len(history), timeout=TIMEOUT)
    window.close()


def test_listed_tabs_appear_for_each_inspection(qtbot, open_window):
    built: list[str] = []

    def factory(worker, inspection_id, parent):
        built.append(inspection_id)
        label = QLabel(f"talks of {inspection_id}", parent)
        label.setObjectName("testTalksTab")
        return label

    listed = (
        InspectionTab("test-talks", lambda: "谈话", factory, order=10),
        InspectionTab("test-hidden", "不显示", lambda w, i, p: None, order=20),
        *areas.INSPECTION_TABS,
    )
    window = open_window("office")
    window.set_workspace(lambda host: OrgWorkspace(host.worker, host.user, tabs=listed))
    ws: OrgWorkspace = window.content
    qtbot.waitUntil(lambda: ws.model.root.state == "loaded", timeout=TIMEOUT)
    nodes = load_everything(qtbot, ws)
    first, second = [n for n in nodes if n.kind == INSPECTION][:2]
    for node in (first, second):
        select(qtbot, ws, node.path())
        qtbot.waitUntil(lambda n=node: bool(built) and built[-1] == n.id, timeout=TIMEOUT)
        tabs = ws.inspection_view.tabs
        # other areas' real tabs (documents, talks...) may sit among them
        titles = [tabs.tabText(i) for i in range(tabs.count())]
        assert "谈话" in titles and "不显示" not in titles and titles[-1] == "阶段记录"
        ours = next(
            tabs.widget(i) for i in range(tabs.count()) if tabs.widget(i).objectName() == "testTalksTab"
        )
        assert ours.text() == f"talks of {node.id}"
    window.close()


# ---- need to know --------------------------------------------------------------------------------


def test_team_member_sees_only_their_own_team(qtbot, worker, open_window):
    window = open_window("member1")
    ws: OrgWorkspace = window.content
    nodes = load_everything(qtbot, ws)
    team_nodes = [n for n in nodes if n.kind == TEAM]
    assert [(n.parent.record.number, n.record.name) for n in team_nodes] == [(2, "第一巡察组")]
    assert [n.record.number for n in nodes if n.kind == ROUND] == [2]
    insp = [n for n in nodes if n.kind == INSPECTION]
    assert insp and all(n.record.team_id == team_nodes[0].id for n in insp)
    # What the office does is not offered; coverage and the staff pool are not there.
    tabs = [ws.pages.tabText(i) for i in range(ws.pages.count())]
    assert tabs == ["巡察工作", "单位名录"]
    assert not ws.action_new.isVisible() and not ws.action_delete.isVisible()
    press(qtbot, ws, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert ws.dialog is None
    select(qtbot, ws, insp[0].path())
    qtbot.waitUntil(lambda: ws.inspection_view.detail is not None, timeout=TIMEOUT)
    assert not ws.inspection_view.advance_button.isEnabled()  # members do not steer
    assert ws.inspection_view.steer_hint.isVisible()
    # The unit directory shows only the units of the team's own inspections.
    ws.pages.setCurrentWidget(ws.directory)
    qtbot.waitUntil(lambda: ws.directory.units_model.rowCount() > 0, timeout=TIMEOUT)
    assert {u.name for u in ws.directory.units_model.records} == {n.record.unit_name for n in insp}
    window.close()


def test_team_leader_may_steer_own_inspection(qtbot, open_window):
    window = open_window("leader1")
    ws: OrgWorkspace = window.content
    nodes = load_everything(qtbot, ws)
    assert {n.kind for n in nodes} == {TERM, ROUND, TEAM, INSPECTION}
    target = next(n for n in nodes if n.kind == INSPECTION)
    select(qtbot, ws, target.path())
    qtbot.waitUntil(lambda: ws.inspection_view.detail is not None, timeout=TIMEOUT)
    assert ws.inspection_view.detail.can_steer
    assert ws.inspection_view.liaison_button.isEnabled()
    window.close()


# ---- screenshots and layout ----------------------------------------------------------------------


def test_main_window_screenshot_with_an_inspection_selected(qtbot, worker, open_window):
    window = open_window("office")
    ws: OrgWorkspace = window.content
    term = ws.model.root.children[0]
    qtbot.waitUntil(lambda: term.state == "loaded" and len(term.children) == 2, timeout=TIMEOUT)
    round2 = term.children[1]
    ws.model.fetchMore(ws.model.index_of(round2))
    qtbot.waitUntil(lambda: round2.state == "loaded", timeout=TIMEOUT)
    team = round2.children[0]
    ws.model.fetchMore(ws.model.index_of(team))
    qtbot.waitUntil(lambda: team.state == "loaded", timeout=TIMEOUT)
    # An inspection well into its work (feedback phase), so the screenshot shows real records.
    busy = next((c for c in team.children if c.record.unit_name == "市住房和城乡建设局"), team.children[0])
    node = select(qtbot, ws, busy.path())
    qtbot.waitUntil(lambda: ws.inspection_view.detail is not None, timeout=TIMEOUT)
    assert ws.inspection_view.title.text() == f"{node.record.unit_name} · {node.record.team_name}"
    assert ws.pages.tabText(0) == "巡察工作"
    # Show the inspection's talks: the work people spend their day on, not an empty phase log.
    tabs = ws.inspection_view.tabs
    labels = [tabs.tabText(i) for i in range(tabs.count())]
    if "谈话" in labels:
        tabs.setCurrentIndex(labels.index("谈话"))
        talks = tabs.currentWidget()
        # The tab loads its list through the worker: wait for the rows, then for the window to rest.
        qtbot.waitUntil(lambda: talks.data is not None and talks.model.rowCount() > 0, timeout=TIMEOUT)
    settle(qtbot, window, worker)
    grab(window, "main-window.png")
    window.close()


def test_layout_is_remembered(qtbot, open_window):
    window = open_window("office")
    ws: OrgWorkspace = window.content
    ws.splitter.setSizes([420, 860])
    sizes = ws.splitter.sizes()
    window.lock()  # the workspace is destroyed: its layout is saved first
    qtbot.waitUntil(lambda: window.content is None, timeout=TIMEOUT)
    window._try_unlock(DEMO_PASSWORD)
    qtbot.waitUntil(lambda: isinstance(window.content, OrgWorkspace), timeout=TIMEOUT)
    assert window.content.splitter.sizes() == sizes
    window.close()
