"""Shared by the talks and print preview GUI tests: the demo built once, a signed-in worker, helpers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.core.store.keyslots import KdfParams
from app.demo.accounts import create_demo
from tests.conftest import DEMO_PASSWORD
from tests.ui.conftest import run_job

TIMEOUT = 15000


@pytest.fixture(scope="session", name="talks_demo_template")
def talks_demo_template_fixture(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("talks-demo") / "ws"
    create_demo(folder, kdf=KdfParams.fast_for_tests())
    return folder


@pytest.fixture(name="demo_folder")
def demo_folder_fixture(talks_demo_template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    shutil.copytree(talks_demo_template, folder)
    return folder


@pytest.fixture(name="demo_sign_in")
def demo_sign_in_fixture(qtbot, worker, demo_folder):
    """demo_sign_in('leader1') -> the User, the worker's session opened on a copy of the demo."""

    def _sign_in(username: str):
        results: list = []
        worker.sign_in(demo_folder, username, DEMO_PASSWORD, on_done=results.append, on_error=results.append)
        qtbot.waitUntil(lambda: bool(results), timeout=TIMEOUT)
        assert not isinstance(results[0], Exception), results[0]
        return results[0]

    return _sign_in


def audit_rows(qtbot, worker, action: str) -> list[tuple]:
    """(username, object_type, object_id, summary) of every audit entry with this action."""

    def query(session):
        return [
            tuple(r)
            for r in session.conn.execute(
                "SELECT username, object_type, object_id, summary FROM audit WHERE action = ? ORDER BY seq",
                (action,),
            )
        ]

    return run_job(qtbot, worker, query)


def message_boxes(name: str | None = None) -> list:
    from PySide6.QtWidgets import QApplication, QMessageBox

    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible() and (name is None or w.objectName() == name)
    ]
