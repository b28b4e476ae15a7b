"""The administrators' pages: the sysadmin's accounts, the security officer's roles and policy."""

from __future__ import annotations

from app.core.security.roles import Role
from app.ui.admin.account_dialogs import NewAccountDialog, RoleDialog
from app.ui.admin.accounts_page import AccountsPage
from app.ui.admin.security_page import SecurityPage
from tests.conftest import DEMO_PASSWORD, save_artifact
from tests.ui.conftest import run_job


def _png(widget) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().save(buffer, "PNG")
    return bytes(buffer.data())


def test_sysadmin_creates_an_account(qtbot, worker, workstation, sign_in):
    sign_in("sysadmin")
    page = AccountsPage(worker)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 6, timeout=10000)
    dialog = NewAccountDialog(worker, page)
    qtbot.addWidget(dialog)
    dialog.username.setText("member2")
    dialog.display_name.setText("吴组员")
    dialog.password.setText("weak")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error_label.isVisibleTo(dialog), timeout=10000)
    assert "8" in dialog.error_label.text()
    dialog.password.setText("Temp-Pass-2026")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.submit()
    assert dialog.result_value.username == "member2" and dialog.result_value.must_change_password
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 7, timeout=10000)


def test_security_officer_sets_role_and_policy(qtbot, worker, workstation, sign_in, monkeypatch):
    from app.ui.admin import security_page

    monkeypatch.setattr(security_page, "show_info", lambda parent, text: None)
    sign_in("secadmin")
    page = SecurityPage(worker)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 6 and page.spins["idle_lock_minutes"].value() == 10)
    member = next(u for u in page.model.users if u.username == "member1")
    dialog = RoleDialog(worker, member, page)
    qtbot.addWidget(dialog)
    dialog.role.setCurrentIndex(dialog.role.findData(Role.TEAM_LEADER))
    dialog.clearance.setCurrentText("机密")
    dialog.submit()  # proposes: nothing changes until the system administrator signs in below
    qtbot.waitUntil(lambda: dialog.confirm_box.isVisibleTo(dialog), timeout=10000)
    assert "巡察组组长" in dialog.summary_label.text() and "系统管理员" in dialog.summary_label.text()
    dialog.confirmer.setText("secadmin")  # the proposer itself: refused
    dialog.confirmer_password.setText(DEMO_PASSWORD)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error_label.isVisibleTo(dialog), timeout=10000)
    dialog.confirmer.setText("sysadmin")
    dialog.confirmer_password.setText(DEMO_PASSWORD)
    dialog.resize(520, 360)
    save_artifact("issue15-two-person-confirm.png", _png(dialog))
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.submit()

    page.spins["idle_lock_minutes"].setValue(5)
    page.save_policy()
    qtbot.waitUntil(lambda: page.save_policy_button.isEnabled(), timeout=10000)
    from app.core.security.accounts import load_policy, user_by_name

    assert run_job(qtbot, worker, load_policy).idle_lock_minutes == 5
    changed = run_job(qtbot, worker, user_by_name, "member1")
    assert changed.role == Role.TEAM_LEADER and changed.clearance == "机密"
