"""Fixtures for the GUI tests: the zh_CN translation and font installed, one started worker."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.core.workstation import Workstation
from app.ui.application import install_font, install_translations
from app.ui.db_worker import DbWorker
from tests.conftest import DEMO_PASSWORD


@pytest.fixture(autouse=True)
def zh_app(qapp):
    """Every GUI test runs as a user would see it: in Chinese, with a CJK font."""
    assert install_translations(qapp, "zh_CN")
    install_font(qapp)
    yield qapp


@pytest.fixture
def worker(qtbot) -> Iterator[DbWorker]:
    w = DbWorker()
    w.start()
    yield w
    w.stop()


@pytest.fixture
def sign_in(worker: DbWorker, workstation: Workstation, qtbot) -> Callable:
    """sign_in('office') -> the User, with the session opened on the worker."""

    def _sign_in(username: str, password: str = DEMO_PASSWORD):
        results: list = []
        worker.sign_in(
            workstation.folder, username, password, on_done=results.append, on_error=results.append
        )
        qtbot.waitUntil(lambda: bool(results), timeout=10000)
        assert not isinstance(results[0], Exception), results[0]
        return results[0]

    return _sign_in


def run_job(qtbot, worker: DbWorker, fn, *args, **kwargs):
    """Run one worker job and return its result (or the UserError)."""
    results: list = []
    worker.submit(fn, *args, on_done=results.append, on_error=results.append, **kwargs)
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    return results[0]


def grab(widget, name: str) -> Path | None:
    """Save a screenshot under $ARTIFACTS_DIR (and return where it went)."""
    import os

    from PySide6.QtCore import QBuffer, QIODevice

    from tests.conftest import save_artifact

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().save(buffer, "PNG")
    save_artifact(name, bytes(buffer.data()))
    value = os.environ.get("ARTIFACTS_DIR")
    return Path(value) / name if value else None


def settle(qtbot, widget, worker: DbWorker | None = None, timeout: int = 15000) -> None:
    """Wait for the real condition, never a delay: the worker has no job outstanding, no timer of the
    widget's tree is pending (a debounce, a refit) and a pass of the event loop moves no widget (every
    posted layout request has been handled). Fails after `timeout` ms if the window never comes to rest."""
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer
    from PySide6.QtWidgets import QWidget

    def picture() -> list:
        return [
            (id(w), w.geometry().getRect(), w.minimumSizeHint().toTuple())
            for w in [widget, *widget.findChildren(QWidget)]
            if w.isVisible()
        ]

    last: list = [None, 0]

    def at_rest() -> bool:
        if (
            worker is not None
            and worker.busy
            or any(t.isActive() and t.isSingleShot() for t in widget.findChildren(QTimer))
        ):
            last[1] = 0
            return False
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        now = picture()
        last[1] = last[1] + 1 if now == last[0] else 0
        last[0] = now
        return last[1] >= 2  # the same picture on three passes in a row, nothing outstanding

    qtbot.waitUntil(at_rest, timeout=timeout)


# Messages of the offscreen platform itself, not of the program (a real display has none of these).
PLATFORM_NOISE = (
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
    "This plugin does not support grabbing the keyboard",  # a popup (the date field's calendar) opening
)


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "qt_warnings_expected: the test provokes Qt warnings on purpose")


def qt_warnings(records) -> list[str]:
    """The warnings (or worse) among pytest-qt's captured Qt messages, the platform's noise aside."""
    from PySide6.QtCore import QtMsgType

    serious = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
    return [r.message for r in records if r.type in serious and not r.message.startswith(PLATFORM_NOISE)]


@pytest.fixture(autouse=True)
def no_qt_warnings(request, qtlog):
    """A GUI test fails when Qt prints a warning (or worse) on stderr: an ambiguous shortcut, a missing
    widget, a bad connection… Mark a test `@pytest.mark.qt_warnings_expected` when it provokes one.
    XUNCHA_QT_WARNINGS_REPORT=FILE lists them in FILE instead of failing (to survey a suite)."""
    yield
    if request.node.get_closest_marker("qt_warnings_expected"):
        return
    bad = qt_warnings(qtlog.records)
    report = os.environ.get("XUNCHA_QT_WARNINGS_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as out:
            for message in bad:
                out.write(f"{request.node.nodeid}\t{message}\n")
        return
    if bad:
        pytest.fail("Qt warned:\n" + "\n".join(sorted(set(bad))), pytrace=False)
