"""The one database thread: results and errors come back by signal; long jobs report and cancel."""

from __future__ import annotations

import threading

from app.core.errors import Cancelled, ValidationError
from app.ui.db_worker import InternalError, NotSignedIn
from tests.ui.conftest import run_job


def test_result_and_thread(qtbot, worker):
    main = threading.get_ident()
    result = run_job(qtbot, worker, lambda x: (x * 2, threading.get_ident()), 21, session=False)
    assert result[0] == 42
    assert result[1] != main  # ran on the worker thread


def test_user_error_comes_back_as_is(qtbot, worker):
    def bad():
        raise ValidationError("单位名称不能为空。", field="org_name")

    error = run_job(qtbot, worker, bad, session=False)
    assert isinstance(error, ValidationError) and error.field == "org_name"


def test_bug_becomes_internal_error_without_details(qtbot, worker):
    def buggy():
        raise KeyError("secret record text")

    error = run_job(qtbot, worker, buggy, session=False)
    assert isinstance(error, InternalError)
    assert "secret" not in str(error)


def test_session_job_needs_sign_in(qtbot, worker):
    assert isinstance(run_job(qtbot, worker, lambda session: 1), NotSignedIn)


def test_session_lives_on_worker(qtbot, worker, sign_in):
    user = sign_in("office")
    assert user.username == "office"
    assert run_job(qtbot, worker, lambda session: session.user.username) == "office"
    done = []
    worker.sign_out(on_done=done.append)
    qtbot.waitUntil(lambda: bool(done))
    assert isinstance(run_job(qtbot, worker, lambda session: 1), NotSignedIn)


def test_long_job_progress_and_cancel(qtbot, worker):
    started = threading.Event()

    def long_job(progress, cancel):
        for i in range(1000):
            progress(i, 1000)
            started.set()
            if cancel.wait(0.01):
                raise Cancelled()
        return "finished"

    seen: list[tuple[int, int]] = []
    results: list = []
    job = worker.submit(long_job, long=True, session=False, on_done=results.append, on_error=results.append)
    job.progressed.connect(lambda d, t: seen.append((d, t)))
    qtbot.waitUntil(lambda: len(seen) >= 3, timeout=5000)
    job.cancel()
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert isinstance(results[0], Cancelled)
    assert seen[0][1] == 1000


def test_an_answer_for_a_destroyed_view_is_dropped(qtbot, worker):
    """Views are rebuilt on selection and lock; a late answer must not reach a deleted widget."""
    import shiboken6
    from PySide6.QtWidgets import QTableView, QWidget

    class Panel(QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.table = QTableView(self)
            self.seen: list = []

        def done(self, result) -> None:
            self.table.selectionModel()  # raises if the C++ side is gone
            self.seen.append(result)

    panel = Panel()
    job = worker.submit(lambda: 42, on_done=panel.done, session=False)
    shiboken6.delete(panel)
    with qtbot.waitSignal(job.done, timeout=5000):
        pass
    assert not shiboken6.isValid(panel)

    alive = Panel()
    job = worker.submit(lambda: 43, on_done=alive.done, session=False)
    qtbot.waitUntil(lambda: alive.seen == [43], timeout=5000)


def test_an_answer_for_a_lambda_of_a_destroyed_view_is_dropped(qtbot, worker):
    import shiboken6
    from PySide6.QtWidgets import QTableView, QWidget

    panel = QWidget()
    panel.table = QTableView(panel)
    job = worker.submit(lambda: 1, on_done=lambda _: panel.table.selectionModel(), session=False)
    shiboken6.delete(panel)
    with qtbot.waitSignal(job.done, timeout=5000):
        pass
