"""The unlock window: Chinese text, wrong password, lockout with minutes, damaged database, success."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel

from app.core.store.connection import DB_FILE
from app.core.store.keyslots import KdfParams
from app.core.workstation import Workstation
from app.ui.application import AppController
from app.ui.change_password_dialog import ChangePasswordDialog
from app.ui.main_window import MainWindow
from app.ui.unlock_window import UnlockWindow
from tests.conftest import DEMO_PASSWORD, standard_accounts
from tests.ui.conftest import grab


def attempt(qtbot, window: UnlockWindow, username: str, password: str) -> None:
    window.username.setText(username)
    window.password.setText(password)
    window.login_button.click()
    qtbot.waitUntil(lambda: window.login_button.isEnabled(), timeout=10000)


def test_shows_chinese(qtbot, worker, workstation):
    window = UnlockWindow(worker, workstation.folder)
    qtbot.addWidget(window)
    assert window.login_button.text() == "登录"
    assert window.windowTitle() == "登录"  # the platform adds " — 巡察工作台" (the display name)
    assert not window.demo_label.isVisibleTo(window)  # not a demo database: no demo accounts shown


def test_wrong_password_then_success(qtbot, worker, workstation):
    window = UnlockWindow(worker, workstation.folder)
    qtbot.addWidget(window)
    window.show()
    attempt(qtbot, window, "office", "Wrong-2026!")
    assert window.error_label.text() == "用户名或密码错误。"
    assert window.password.text() == ""
    with qtbot.waitSignal(window.signed_in, timeout=10000) as signal:
        window.username.setText("office")
        window.password.setText(DEMO_PASSWORD)
        window.login_button.click()
    assert signal.args[0].username == "office"
    assert not window.error_label.isVisibleTo(window)


def test_locked_account_names_the_minutes(qtbot, worker, workstation):
    window = UnlockWindow(worker, workstation.folder)
    qtbot.addWidget(window)
    for _ in range(5):
        attempt(qtbot, window, "member1", "Wrong-2026!")
    assert "锁定" in window.error_label.text() and "10 分钟" in window.error_label.text()
    attempt(qtbot, window, "member1", DEMO_PASSWORD)  # even the right password waits out the lock
    assert "锁定" in window.error_label.text() and "分钟" in window.error_label.text()


def test_damaged_database_is_named(qtbot, worker, workstation):
    db = workstation.folder / DB_FILE
    data = bytearray(db.read_bytes())
    for i in range(0, 64):
        data[i] ^= 0xFF
    db.write_bytes(bytes(data))
    window = UnlockWindow(worker, workstation.folder)
    qtbot.addWidget(window)
    attempt(qtbot, window, "office", DEMO_PASSWORD)
    assert window.error_label.text().startswith("数据库无法打开")


def test_demo_database_lists_demo_accounts(qtbot, worker, tmp_path):
    folder = tmp_path / "demo"
    Workstation(folder).create("演示单位", standard_accounts(), kdf=KdfParams.fast_for_tests(), demo=True)
    window = UnlockWindow(worker, folder, demo=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.demo_label.isVisible()
    for name in ("sysadmin", "secadmin", "auditor", "office", "leader1", "member1", DEMO_PASSWORD):
        assert name in window.demo_label.text()
    window.username.setText("office")
    grab(window, "unlock-window.png")


def test_first_sign_in_forces_password_change(qtbot, tmp_path):
    folder = tmp_path / "fresh"
    Workstation(folder).create("某单位", standard_accounts(must_change=True), kdf=KdfParams.fast_for_tests())
    controller = AppController(folder, quit_app=False)
    try:
        controller.start()
        window = controller.window
        assert isinstance(window, UnlockWindow)
        window.username.setText("office")
        window.password.setText(DEMO_PASSWORD)
        window.login_button.click()
        qtbot.waitUntil(lambda: window.findChild(ChangePasswordDialog) is not None, timeout=10000)
        dialog = window.findChild(ChangePasswordDialog)
        assert dialog.isVisible()
        assert "必须先修改密码" in dialog.form.findChild(QLabel, "reasonLabel").text()
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        dialog.old_password.setText(DEMO_PASSWORD)
        dialog.new_password.setText("weak")
        dialog.confirm.setText("weak")
        ok.click()
        qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=10000)
        assert "8" in dialog.error_label.text()
        dialog.new_password.setText("Neu-Pass-2026")
        dialog.confirm.setText("Neu-Pass-2026")
        ok.click()
        qtbot.waitUntil(lambda: isinstance(controller.window, MainWindow), timeout=10000)
        main = controller.window
        assert not main.user.must_change_password
        assert main.content.objectName() == "orgWorkspace"
        main.sign_out()
        qtbot.waitUntil(lambda: isinstance(controller.window, UnlockWindow), timeout=10000)
    finally:
        controller.shutdown()
    session = Workstation(folder).unlock("office", "Neu-Pass-2026")
    try:
        assert not session.user.must_change_password
    finally:
        session.close()


def test_recovery_code_sets_a_new_password_from_the_unlock_window(qtbot, worker, tmp_path):
    from app.ui.recovery_dialog import RecoveryDialog

    folder = tmp_path / "ws"
    code = (
        Workstation(folder)
        .create("某单位", standard_accounts(), kdf=KdfParams.fast_for_tests())
        .recovery_code
    )
    window = UnlockWindow(worker, folder)
    qtbot.addWidget(window)
    window.show()
    window.username.setText("leader1")
    assert window.recover_button.text() == "忘记密码？使用恢复码…"
    dialog = window.open_recovery()
    assert isinstance(dialog, RecoveryDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "用恢复码重设密码"
    assert dialog.username.text() == "leader1"  # carried over from the unlock window
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)

    # A wrong code is named, nothing changes, and the code is asked for again.
    dialog.code.setText("AAAAA-BBBBB-CCCCC")
    dialog.new_password.setText("Fresh-Pass-2026")
    dialog.confirm.setText("Fresh-Pass-2026")
    ok.click()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=10000)
    assert dialog.error_label.text() == "恢复码不正确。"
    assert dialog.code.text() == "" and dialog.isVisible()
    Workstation(folder).unlock("leader1", DEMO_PASSWORD).close()  # the old password still works

    # Passwords that differ never reach the store.
    dialog.code.setText(code)
    dialog.confirm.setText("Fresh-Pass-2025")
    ok.click()
    assert dialog.error_label.text() == "两次输入的新密码不一致。"

    qtbot.keyClick(dialog.confirm, "x")  # typing again takes the old message away
    assert not dialog.error_label.isVisibleTo(dialog)
    dialog.confirm.setText("Fresh-Pass-2026")
    grab(dialog, "recovery-dialog.png")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        ok.click()
    assert "leader1" in window.status_label.text() and "新密码" in window.status_label.text()
    assert window.username.text() == "leader1"
    session = Workstation(folder).unlock("leader1", "Fresh-Pass-2026")
    try:
        assert session.user.must_change_password  # the recovered password is only a way back in
        actions = [r[0] for r in session.conn.execute("SELECT action FROM audit ORDER BY seq")]
        assert "recovery_unlock" in actions
    finally:
        session.close()
