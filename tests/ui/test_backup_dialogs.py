"""Backup and restore from the menu: progress, cancel, and back to the unlock window after a restore."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QProgressDialog, QPushButton

from app.core.errors import Cancelled
from app.core.store.backup import read_header
from app.ui import backup_dialogs
from app.ui.main_window import MainWindow
from tests.conftest import DEMO_PASSWORD


def sysadmin_window(qtbot, worker, workstation, sign_in) -> MainWindow:
    window = MainWindow(worker, workstation.folder, sign_in("sysadmin"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_backup_then_restore_returns_to_sign_in(qtbot, worker, workstation, sign_in, tmp_path, monkeypatch):
    messages: list[str] = []
    monkeypatch.setattr(backup_dialogs, "show_info", lambda parent, text: messages.append(text))
    monkeypatch.setattr(backup_dialogs, "show_error", lambda parent, error: messages.append(str(error)))
    window = sysadmin_window(qtbot, worker, workstation, sign_in)
    dest = tmp_path / "media" / "ws.xcbak"
    dest.parent.mkdir()
    job, dialog = window.backups.backup_to(dest)
    assert isinstance(dialog, QProgressDialog) and dialog.isVisible()
    assert [b.text() for b in dialog.findChildren(QPushButton)] == ["取消"]
    qtbot.waitUntil(lambda: bool(messages), timeout=20000)
    assert "校验通过" in messages[0]
    header, _ = read_header(dest)
    assert header["db_uuid"]

    with qtbot.waitSignal(window.signed_out, timeout=20000):
        window.backups.restore_from(dest, "sysadmin", DEMO_PASSWORD)
    assert "重新登录" in messages[-1]
    assert worker.user is None  # the session was closed before the database was replaced


def test_backup_can_be_cancelled(qtbot, worker, workstation, sign_in, tmp_path, monkeypatch):
    messages: list[str] = []
    monkeypatch.setattr(backup_dialogs, "show_info", lambda parent, text: messages.append(text))
    monkeypatch.setattr(backup_dialogs, "show_error", lambda parent, error: messages.append(str(error)))
    window = sysadmin_window(qtbot, worker, workstation, sign_in)
    hold = threading.Event()
    worker.submit(lambda: hold.wait(10), session=False)  # keep the worker busy until Cancel is pressed
    job, dialog = window.backups.backup_to(tmp_path / "cancelled.xcbak")
    dialog.findChild(QPushButton).click()  # Cancel sets the job's cancel event
    assert job.cancel_event.is_set()
    hold.set()
    qtbot.waitUntil(lambda: bool(messages), timeout=20000)
    assert messages[0] == str(Cancelled())
    assert not (tmp_path / "cancelled.xcbak").exists()
