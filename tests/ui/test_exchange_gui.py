"""File → Exchange: the office merges with progress and resolves a conflict side by side; a leader
reviews, hands in, takes the receipt and wipes the team workstation."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMenu, QProgressDialog

from app.core.domain.talks import writes as talk_writes
from app.core.exchange import hand_in, merge, receipt, review
from app.ui import exchange_actions
from app.ui.exchange_dialogs import ConflictsDialog, HandInDialog
from app.ui.main_window import MainWindow
from tests.core.org_support import world_fixture  # noqa: F401
from tests.exchange.support import NEW, configure, signed_talk, talk_form
from tests.ui.conftest import grab, run_job


def _messages(monkeypatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(exchange_actions, "show_info", lambda parent, text: messages.append(text))
    monkeypatch.setattr(
        exchange_actions, "show_error", lambda parent, error: messages.append(f"错误：{error}")
    )
    return messages


def _window(qtbot, worker, folder, user) -> MainWindow:
    window = MainWindow(worker, folder, user)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _visible(window, name: str) -> bool:
    return window._action(name).isVisible()


def test_the_office_merges_and_resolves_a_conflict(qtbot, worker, world, sign_in, tmp_path, monkeypatch):
    messages = _messages(monkeypatch)
    team = configure(world, world.team_a, tmp_path / "team_a", tmp_path)
    member, leader = team.login("member1"), team.login("leader1")
    signed_talk(world, member, world.insp_a.id)
    shared = talk_writes.create_talk(member, world.insp_a.id, talk_form(world, interviewee_name="王建国"))
    talk_writes.mark_recorded(member, shared.id)
    first = hand_in.hand_in(
        leader, tmp_path / "h1.xpk", medium_no="U盘-1", confirm=review.review(leader).token
    )

    window = _window(qtbot, worker, world.office.folder, sign_in("office"))
    assert window.findChild(QMenu, "menuExchange").menuAction().isVisible()
    assert _visible(window, "actionMerge") and not _visible(window, "actionHandIn")
    job, dialog = window.exchange.merge_from(first.path, "U盘-1")
    assert isinstance(dialog, QProgressDialog)
    qtbot.waitUntil(lambda: bool(messages), timeout=20000)
    assert "第 1 号移交包已合并" in messages[-1] and "冲突 0 条" in messages[-1]
    out = tmp_path / "r1.xpk"
    window.exchange.write_receipt_to(out, "U盘-1")
    qtbot.waitUntil(out.exists, timeout=10000)
    receipt.acknowledge(leader, out, medium_no="U盘-1")

    talk_writes.update_talk(
        world.office, shared.id, talk_form(world, interviewee_name="王建国", key_points="办里核实")
    )
    talk_writes.update_talk(
        member, shared.id, talk_form(world, interviewee_name="王建国", key_points="组里补充")
    )
    second = hand_in.hand_in(
        leader, tmp_path / "h2.xpk", medium_no="U盘-2", confirm=review.review(leader).token
    )
    window.exchange.merge_from(second.path, "U盘-2")
    qtbot.waitUntil(lambda: len(messages) == 2, timeout=20000)
    assert "冲突 1 条" in messages[-1]

    conflicts = window.exchange.show_conflicts()
    assert isinstance(conflicts, ConflictsDialog)
    qtbot.waitUntil(lambda: conflicts.list.count() == 1 and conflicts.table.rowCount() > 0, timeout=10000)
    cells = {
        conflicts.table.item(r, 0).text(): (
            conflicts.table.item(r, 1).text(),
            conflicts.table.item(r, 2).text(),
        )
        for r in range(conflicts.table.rowCount())
    }
    assert cells["key_points"] == ("办里核实", "组里补充")
    assert conflicts.take.text() == "采用巡察组的版本"
    grab(conflicts, "exchange_conflicts.png")
    conflicts.take.click()
    qtbot.waitUntil(lambda: conflicts.list.count() == 0, timeout=10000)
    row = world.office.conn.execute("SELECT key_points FROM talks WHERE id = ?", (shared.id,)).fetchone()
    assert row[0] == "组里补充"
    conflicts.close()


def test_a_leader_hands_in_takes_the_receipt_and_wipes(qtbot, worker, world, tmp_path, monkeypatch):
    messages = _messages(monkeypatch)
    team = configure(world, world.team_a, tmp_path / "team_a", tmp_path)
    member = team.login("member1")
    signed_talk(world, member, world.insp_a.id)
    talk_writes.create_talk(member, world.insp_a.id, talk_form(world, interviewee_name="草稿"))
    member.close()
    users: list = []
    worker.sign_in(team.folder, "leader1", NEW, on_done=users.append, on_error=users.append)
    qtbot.waitUntil(lambda: bool(users), timeout=10000)
    window = _window(qtbot, worker, team.folder, users[0])
    assert _visible(window, "actionHandIn") and _visible(window, "actionWipe")
    assert not _visible(window, "actionMerge")

    summary = run_job(qtbot, worker, review.review)
    dialog = HandInDialog(summary, window)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.medium.setText("U盘-2026-031")
    dialog.checked.setChecked(True)
    assert ok.isEnabled()
    text = dialog.findChild(QLabel, "summaryLabel").text()
    assert "谈话记录：1 条" in text and "谈话记录 1 份" in text  # the draft stays behind
    grab(dialog, "exchange_hand_in_review.png")
    dialog.close()

    out = tmp_path / "h1.xpk"
    window.exchange.hand_in_to(out, "U盘-2026-031", summary.token)
    qtbot.waitUntil(lambda: bool(messages), timeout=20000)
    assert "第 1 号移交包已写到" in messages[-1] and out.exists()
    result = merge.merge(world.office, out, medium_no="U盘-2026-031")
    ack = tmp_path / "r1.xpk"
    receipt.write_receipt(world.office, result.register_id, ack, medium_no="U盘-2026-031")
    window.exchange.import_receipt_from(ack, "U盘-2026-031")
    qtbot.waitUntil(lambda: len(messages) == 2, timeout=10000)
    assert "巡察办已确认合并第 1 号" in messages[-1]

    certificate = tmp_path / "清理证明.pdf"
    with qtbot.waitSignal(window.signed_out, timeout=20000):
        window.exchange.wipe_to(certificate)
    assert "已清理" in messages[-1]
    assert list(team.folder.iterdir()) == [] and certificate.read_bytes().startswith(b"%PDF")


def test_the_office_exports_a_setup_package(qtbot, worker, world, sign_in, tmp_path, monkeypatch):
    from app.core.domain.organisation import teams
    from app.core.exchange import setup_package
    from app.ui.exchange_dialogs import SetupExportDialog

    messages = _messages(monkeypatch)
    window = _window(qtbot, worker, world.office.folder, sign_in("office"))
    found = run_job(qtbot, worker, teams.list_teams)
    dialog = SetupExportDialog(found, window)
    qtbot.addWidget(dialog)
    assert dialog.team.count() == 2 and "第一巡察组" in dialog.team.itemText(0)
    dialog.medium.setText("U盘-2026-005")
    dialog.passphrase.setText("交接口令-2026-丙")
    dialog.again.setText("交接口令-2026-丁")
    dialog.initial.setText("Initial-2026!")
    dialog._check()
    assert dialog.error.text() == "两次输入的传递口令不一致。" and dialog.result() == 0
    grab(dialog, "exchange_setup_export.png")
    dialog.again.setText("交接口令-2026-丙")
    dialog._check()
    assert dialog.result() == 1  # accepted
    out = tmp_path / "setup.xpk"
    window.exchange.export_setup_to(world.team_a.id, out, "交接口令-2026-丙", "Initial-2026!", "U盘-2026-005")
    qtbot.waitUntil(lambda: bool(messages), timeout=30000)
    assert "恢复码" in messages[-1] and out.exists(), messages
    setup_package.install_setup(tmp_path / "team", out, "交接口令-2026-丙")
    assert (tmp_path / "team" / "keyslots.json").exists()
