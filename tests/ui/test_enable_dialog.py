"""Enabling a disabled account from the sysadmin's page goes through the two-person dialog."""

from __future__ import annotations

from app.core.security import accounts
from app.ui.admin.account_dialogs import EnableAccountDialog
from tests.conftest import DEMO_PASSWORD, save_artifact
from tests.ui.conftest import run_job


def _png(widget) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().save(buffer, "PNG")
    return bytes(buffer.data())


def test_sysadmin_enables_an_account_with_the_security_officer(qtbot, worker, workstation, sign_in):
    sign_in("sysadmin")
    office = run_job(qtbot, worker, accounts.user_by_name, "office")
    run_job(qtbot, worker, accounts.set_disabled, office.id, True)
    office = run_job(qtbot, worker, accounts.user_by_name, "office")
    dialog = EnableAccountDialog(worker, office)
    qtbot.addWidget(dialog)
    dialog.submit()  # proposes
    qtbot.waitUntil(lambda: dialog.confirm_box.isVisibleTo(dialog), timeout=10000)
    assert "安全保密管理员" in dialog.summary_label.text()
    assert run_job(qtbot, worker, accounts.user_by_name, "office").disabled
    dialog.confirmer.setText("secadmin")
    dialog.confirmer_password.setText(DEMO_PASSWORD)
    dialog.resize(520, 320)
    save_artifact("issue15-enable-two-person.png", _png(dialog))
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.submit()
    assert not run_job(qtbot, worker, accounts.user_by_name, "office").disabled
