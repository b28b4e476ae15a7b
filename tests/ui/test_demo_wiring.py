"""The demo package stays out of the way: not loaded for a real database, and its absence (a bundle
built without app.demo) is coped with by the unlock window and the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import cli
from app.core.store.keyslots import KdfParams
from app.core.workstation import Workstation
from app.ui.unlock_window import UnlockWindow
from tests.conftest import standard_accounts

ROOT = Path(__file__).resolve().parents[2]

SIGN_IN_WINDOW = r"""
import json, sys
from PySide6.QtWidgets import QApplication
import app.cli, app.ui.application, app.ui.main_window, app.ui.workspace
from app.ui.db_worker import DbWorker
from app.ui.unlock_window import UnlockWindow
qt = QApplication([])
worker = DbWorker()
window = UnlockWindow(worker, sys.argv[1])
print(json.dumps(sorted(m for m in sys.modules if m == "app.demo" or m.startswith("app.demo."))))
"""


def test_a_real_database_never_loads_the_demo_package(workstation: Workstation):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            f"import sys; sys.path.insert(0, {str(ROOT)!r})\n" + SIGN_IN_WINDOW,
            str(workstation.folder),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


@pytest.fixture
def no_demo_package(monkeypatch):
    """As in a bundle that left app.demo out: importing it fails with ModuleNotFoundError."""
    for name in [m for m in sys.modules if m == "app.demo" or m.startswith("app.demo.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "app.demo", None)


def test_a_demo_database_opens_without_the_demo_package(qtbot, worker, tmp_path, no_demo_package):
    folder = tmp_path / "demo"
    Workstation(folder).create("演示单位", standard_accounts(), kdf=KdfParams.fast_for_tests(), demo=True)
    window = UnlockWindow(worker, folder, demo=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert not window.demo_label.isVisible()
    assert window.windowTitle().endswith("（演示）")


def test_create_demo_without_the_demo_package_says_so(tmp_path, capsys, no_demo_package):
    # The handlers main() dispatches to (main itself also hardens the whole test process).
    folder = tmp_path / "ws"
    args = cli.build_parser().parse_args(["create-demo", "--data-dir", str(folder)])
    assert cli.cmd_create_demo(args, folder) == cli.EXIT_FAILED
    assert cli.NO_DEMO in capsys.readouterr().err
    args = cli.build_parser().parse_args(["--demo", "--data-dir", str(folder)])
    assert cli._gui(args) == cli.EXIT_FAILED
    assert cli.NO_DEMO in capsys.readouterr().err
    assert not folder.exists()
