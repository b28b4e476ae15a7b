"""The setup wizard end to end: organisation, four accounts, creation on the worker, recovery code."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPdfWriter
from PySide6.QtWidgets import QWizard

from app.core.security.roles import Role
from app.core.store.keyslots import KdfParams, normalise_recovery_code
from app.core.workstation import Workstation
from app.ui import recovery_sheet
from app.ui.application import AppController
from app.ui.setup_wizard import SetupWizard
from app.ui.unlock_window import UnlockWindow
from tests.ui.conftest import grab

PASSWORDS = {
    "sysadmin": "Xt!sys2026a",
    "secadmin": "Xt!sec2026b",
    "auditor": "Xt!aud2026c",
    "office": "Xt!off2026d",
}
NAMES = {"sysadmin": "王系统", "secadmin": "李保密", "auditor": "赵审计", "office": "陈巡办"}


def fill_account(page, username: str) -> None:
    page.username.setText(username)
    page.display_name.setText(NAMES[username])
    page.password.setText(PASSWORDS[username])
    page.confirm.setText(PASSWORDS[username])


def test_wizard_creates_workstation_and_shows_recovery_code(qtbot, worker, tmp_path):
    folder = tmp_path / "new-ws"
    wizard = SetupWizard(worker, folder, kdf=KdfParams.fast_for_tests())
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)

    wizard.currentPage().org_name.setText("某县委巡察工作领导小组办公室")
    wizard.next()
    for page, username in zip(
        wizard.account_pages, ["sysadmin", "secadmin", "auditor", "office"], strict=True
    ):
        assert wizard.currentPage() is page
        # A weak password is refused with the policy's message beside the field.
        page.username.setText(username)
        page.display_name.setText(NAMES[username])
        page.password.setText("short")
        assert not page.isComplete()
        assert "8" in page.password_message.text()
        page.password.setText(username + "-X2026!")
        assert "用户名" in page.password_message.text()  # must not contain the user name
        fill_account(page, username)
        assert page.password_message.text() == "✓"
        assert page.isComplete()
        wizard.next()

    assert wizard.currentPage() is wizard.create_page
    assert "office" in wizard.create_page.summary.text()
    assert wizard.button(QWizard.WizardButton.CommitButton).text() == "创建"
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=20000)

    code = wizard.result.recovery_code
    shown = wizard.recovery_page.code_label.text().replace("\n", "")
    assert normalise_recovery_code(shown) == code
    assert wizard.recovery_page.print_button.text() == "打印…"
    assert not wizard.recovery_page.isComplete()  # Finish waits for the user's confirmation
    grab(wizard, "setup-wizard.png")
    wizard.recovery_page.confirmed.setChecked(True)
    assert wizard.recovery_page.isComplete()

    ws = Workstation(folder)
    assert ws.exists() and not ws.is_demo()
    session = ws.unlock("office", PASSWORDS["office"])
    try:
        assert session.user.role == Role.OFFICE and session.user.must_change_password
    finally:
        session.close()
    with qtbot.waitSignal(wizard.created, timeout=5000) as signal:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert signal.args == [folder]


def test_duplicate_user_name_is_refused(qtbot, worker, tmp_path):
    wizard = SetupWizard(worker, tmp_path / "ws", kdf=KdfParams.fast_for_tests())
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.currentPage().org_name.setText("某单位")
    wizard.next()
    fill_account(wizard.account_pages[0], "sysadmin")
    wizard.next()
    second = wizard.account_pages[1]
    fill_account(second, "secadmin")
    second.username.setText("sysadmin")
    wizard.next()
    assert wizard.currentPage() is second
    assert "已被" in second.username_message.text()


def test_recovery_sheet_prints_in_memory(qapp):
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    recovery_sheet.print_sheet(writer, "某单位", "ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2-34567")
    del writer
    assert bytes(buffer.data()).startswith(b"%PDF")


def test_controller_starts_with_wizard_or_unlock(qtbot, tmp_path, workstation):
    empty = AppController(tmp_path / "empty", quit_app=False)
    try:
        empty.start()
        assert isinstance(empty.window, SetupWizard)
        empty.window.close()
    finally:
        empty.shutdown()
    existing = AppController(workstation.folder, quit_app=False)
    try:
        existing.start()
        assert isinstance(existing.window, UnlockWindow)
        existing.window.close()
    finally:
        existing.shutdown()
