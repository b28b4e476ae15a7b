"""The security officer rotates the database key from the page: confirmation, progress, Cancel."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QPushButton

from app.core.errors import Cancelled
from app.core.security.accounts import list_accounts
from app.ui.admin import security_page
from app.ui.admin.security_page import SecurityPage
from tests.conftest import DEMO_PASSWORD
from tests.security.conftest import db_key_of
from tests.ui.conftest import grab, run_job


def test_rotate_button_with_progress_and_cancel(qtbot, worker, workstation, sign_in, monkeypatch):
    messages: list[str] = []
    monkeypatch.setattr(security_page, "confirm", lambda parent, text: True)
    monkeypatch.setattr(security_page, "show_info", lambda parent, text: messages.append(text))
    monkeypatch.setattr(security_page, "show_error", lambda parent, error: messages.append(str(error)))
    old_key = db_key_of(workstation)
    sign_in("secadmin")
    page = SecurityPage(worker)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 6, timeout=10000)
    grab(page, "security-page-key.png")

    # Cancel, pressed while the job waits its turn on the worker: the old key stays, the page carries on.
    gate = threading.Event()
    worker.submit(lambda: gate.wait(10), session=False)
    page.rotate_button.click()
    job, dialog = page.rotation
    assert not page.rotate_button.isEnabled() and dialog.isVisible()
    dialog.findChild(QPushButton).click()  # its Cancel button
    gate.set()
    qtbot.waitUntil(lambda: page.rotate_button.isEnabled(), timeout=20000)
    assert messages == [Cancelled().message]
    assert len(run_job(qtbot, worker, list_accounts)) == 6
    assert db_key_of(workstation) == old_key

    progress: list[int] = []
    page.rotate_button.click()
    job, dialog = page.rotation
    job.progressed.connect(lambda done, total: progress.append(done))
    qtbot.waitUntil(lambda: page.rotate_button.isEnabled(), timeout=30000)
    assert "数据库密钥已更换" in messages[-1], messages
    assert progress and progress[-1] == max(progress)
    assert len(run_job(qtbot, worker, list_accounts)) == 6  # the session carries on, on the new key
    assert db_key_of(workstation) != old_key
    workstation.unlock("office", DEMO_PASSWORD).close()
