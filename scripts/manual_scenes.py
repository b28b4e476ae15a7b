"""The scenes of the user manual's pictures: which window, in which state, under which file name.

Called by scripts/manual_screenshots.py (which records the forms each picture shows). Each scene
opens a real window of the application on the demo workstation and hands it to `shots.grab`.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QTabWidget

from app.core.store.keyslots import KdfParams
from app.demo.accounts import DEMO_PASSWORD, create_demo
from app.ui.db_worker import DbWorker
from app.ui.main_window import MainWindow
from app.ui.manual_viewer import ManualPreviewDialog
from app.ui.unlock_window import UnlockWindow

WIDTH, HEIGHT = 1280, 800
TIMEOUT = 30.0


def settle(seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def wait(predicate: Callable[[], object], what: str, timeout: float = TIMEOUT) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QApplication.processEvents()
        if predicate():
            return
        time.sleep(0.02)
    raise TimeoutError(f"waiting for {what}")


def _demo(scratch: Path, reuse: Path | None) -> Path:
    folder = scratch / "demo"
    if reuse is not None:
        shutil.copytree(reuse, folder)
    else:
        print("building the demo workstation…")
        create_demo(folder, kdf=KdfParams.fast_for_tests())
    return folder


def _sign_in(worker: DbWorker, folder: Path, username: str):
    results: list = []
    worker.sign_in(folder, username, DEMO_PASSWORD, on_done=results.append, on_error=results.append)
    wait(lambda: bool(results), f"signing in as {username}")
    if isinstance(results[0], Exception):
        raise results[0]
    return results[0]


def _sign_out(worker: DbWorker) -> None:
    done: list = []
    worker.sign_out(on_done=done.append, on_error=done.append)
    wait(lambda: bool(done), "signing out")


def _show(window) -> None:
    window.resize(WIDTH, HEIGHT)
    window.show()
    settle(1.5)


def _tab_widgets(window) -> list[QTabWidget]:
    return [t for t in window.findChildren(QTabWidget) if t.isVisible()]


def _manual_dialog() -> ManualPreviewDialog | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, ManualPreviewDialog)]
    return found[0] if found else None


def _manual_shown() -> bool:
    dialog = _manual_dialog()
    return (
        dialog is not None
        and dialog.isVisible()
        and dialog.page_count() > 0
        and dialog.rendered_pages == dialog.page_count()
    )


def run_all(shots, scratch: Path, reuse: Path | None) -> None:
    folder = _demo(scratch, reuse)
    worker = DbWorker()
    worker.start()
    try:
        if shots.wanted("unlock.png"):
            window = UnlockWindow(worker, folder, demo=True)
            window.resize(720, 520)
            window.show()
            settle(1.0)
            shots.grab("unlock.png", window)
            window.close()

        for username, name in (("office", "main-office.png"), ("leader1", "main-leader.png")):
            if not shots.wanted(name) and not shots.wanted("manual-preview.png"):
                continue
            user = _sign_in(worker, folder, username)
            window = MainWindow(worker, folder, user)
            _show(window)
            if shots.wanted(name):
                shots.grab(name, window)
            if username == "office" and shots.wanted("manual-preview.png"):
                window.open_manual()
                wait(_manual_shown, "the manual preview")
                dialog = _manual_dialog()
                dialog.resize(1000, 760)
                dialog.go_to_page(3)
                settle(1.0)
                shots.grab("manual-preview.png", dialog, extra_forms=("printing_preview.ui",))
                dialog.close()
            window.close()
            settle(0.3)
            _sign_out(worker)
        if shots.wanted("exchange-setup.png") or shots.wanted("exchange-hand-in.png"):
            _exchange_dialogs(shots, worker, folder)
    finally:
        worker.stop()


def _exchange_dialogs(shots, worker: DbWorker, folder: Path) -> None:
    """File → Exchange: the office's setup dialog (the demo's teams) and a leader's hand-in review."""
    from app.core.domain.organisation import teams
    from app.core.exchange.review import Summary
    from app.ui.exchange_dialogs import HandInDialog, SetupExportDialog

    user = _sign_in(worker, folder, "office")
    window = MainWindow(worker, folder, user)
    _show(window)
    found: list = []
    worker.submit(teams.list_teams, on_done=found.append, on_error=found.append)
    wait(lambda: bool(found), "the teams")
    if shots.wanted("exchange-setup.png"):
        dialog = SetupExportDialog(found[0], window)
        dialog.medium.setText("U盘-2026-017")
        for edit in (dialog.passphrase, dialog.again, dialog.initial):
            edit.setText("示例口令-2026")
        dialog.show()
        settle(0.5)
        shots.grab("exchange-setup.png", dialog)
        dialog.close()
    if shots.wanted("exchange-hand-in.png"):
        kinds = {"谈话记录": 46, "调阅资料": 31, "问题底稿": 12, "问题线索": 3, "整改": 9, "附件": 58, "其他": 4}
        summary = Summary(kinds, 2, 1, 3, 1, 2)  # what a team's review looks like near the end of a round
        dialog = HandInDialog(summary, window)
        dialog.medium.setText("U盘-2026-021")
        dialog.checked.setChecked(True)
        dialog.show()
        settle(0.5)
        shots.grab("exchange-hand-in.png", dialog)
        dialog.close()
    window.close()
    settle(0.3)
    _sign_out(worker)
