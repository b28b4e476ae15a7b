"""No Qt or app setting outside the data folder names a folder or a file the user chose.

Qt's file dialog records the folders visited (`history=`, `lastVisited=` in QtProject.conf) when it
closes. A child process with its own HOME and XDG_CONFIG_HOME starts the application as `run()`
does, opens the app's file dialogs (the backup's save dialog, the restore's open dialog, and a
dialog built the way the talk, register and print preview dialogs build theirs), visits a folder
named 举报材料-测试 in each, accepts or cancels, saves the window settings and quits. Then every
file under its home and config folders is searched for the folder's name, in UTF-8, percent-encoded
(Qt's URLs) and as Qt's INI escapes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOLDER = "举报材料-测试"

SCRIPT = r"""
import os, sys
from pathlib import Path
sys.path.insert(0, os.getcwd())
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLineEdit, QMessageBox, QWidget

from app.ui.application import make_application
from app.ui import backup_dialogs
from app.ui.settings import app_settings, remember_folder

app = make_application()
folder = Path(os.environ["HOME"]) / "举报材料-测试"
folder.mkdir()
(folder / "旧备份.xcbak").write_bytes(b"x")
answers = []  # what the user does in each modal window, in order
log = []


def drive():
    w = QApplication.activeModalWidget()
    if w is None or not answers:
        return
    action = answers.pop(0)
    log.append((type(w).__name__, action))
    if isinstance(w, QFileDialog):
        w.setDirectory(str(folder))  # the user goes to the folder
        if action == "cancel":
            w.reject()
            return
        w.findChild(QLineEdit, "fileNameEdit").setText(action)
        w.accept()
    elif isinstance(w, QMessageBox):
        w.button(QMessageBox.StandardButton.Yes).click()
    elif isinstance(w, QDialog):
        w.reject()


timer = QTimer()
timer.timeout.connect(drive)
timer.start(150)

window = QWidget()
window.show()
actions = backup_dialogs.BackupActions(None, folder.parent / "data", window)
chosen = []
actions.backup_to = lambda dest: chosen.append(dest)
answers[:] = ["新备份.xcbak"]
actions.backup()  # the backup's save dialog (static)
answers[:] = ["yes", "旧备份.xcbak", "cancel-password"]
actions.restore("sysadmin")  # confirm, the restore's open dialog (static), then cancel the password
for accept in (True, False):  # built as the talk scan, evidence and PDF export dialogs are
    d = QFileDialog(window, "x")
    d.setFileMode(QFileDialog.FileMode.AnyFile)
    d.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    answers[:] = ["扫描件.pdf" if accept else "cancel"]
    d.exec()
    d.deleteLater()
    app.processEvents()
assert [str(p.name) for p in chosen] == ["新备份.xcbak"], chosen
assert len(log) == 6, log
remember_folder("sheets/export", folder / "导出.xlsx")
app_settings().setValue("main_window/geometry", window.saveGeometry())
app_settings().sync()
window.close()
window.deleteLater()
timer.stop()
app.processEvents()
del d, window, actions
app.quit()
print("done", flush=True)
"""


def _forms(text: str) -> list[bytes]:
    forms = {
        text.encode("utf-8"),
        quote(text).encode("ascii"),  # file:///…/%E4%B8%BE… in Qt's URLs
        quote(text).lower().encode("ascii"),
        "".join(f"\\x{ord(c):04x}" if ord(c) > 127 else c for c in text).encode("ascii"),  # Qt INI
        "".join(f"\\u{ord(c):04x}" if ord(c) > 127 else c for c in text).encode("ascii"),
        text.encode("utf-16-le"),
    }
    # the folder name's Chinese part alone, in case a form splits at the hyphen
    head = text.split("-")[0]
    forms |= {head.encode("utf-8"), quote(head).encode("ascii")}
    return sorted(forms)


@pytest.mark.timeout(120)
def test_file_dialogs_leave_no_folder_name_in_any_setting(tmp_path):
    home, config = tmp_path / "home", tmp_path / "config"
    home.mkdir()
    config.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "XDG_"))}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(config),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_DATA_HOME=str(tmp_path / "share"),
        QT_QPA_PLATFORM="offscreen",
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=100
    )
    assert result.returncode == 0 and "done" in result.stdout, result.stderr[-3000:]
    written = [p for p in (*config.rglob("*"), *home.rglob("*"), *tmp_path.glob("share/**/*")) if p.is_file()]
    written = [p for p in written if FOLDER not in str(p.relative_to(tmp_path))]  # the folder itself
    assert any(p.name == "workbench.ini" for p in written), "our own settings were not written"
    hits = [
        f"{p.relative_to(tmp_path)}: {form!r}"
        for p in written
        for form in _forms(FOLDER)
        if form in p.read_bytes()
    ]
    assert hits == [], "a folder name reached the settings:\n" + "\n".join(hits)
