"""The one database thread: it owns the Session and its SQLCipher connection.

The GUI never touches the database. It submits a callable `fn(session, *args)` and gets the result
(or the UserError) back on the GUI thread by signal, as Anki's CollectionOp does. A SQLCipher
connection belongs to the thread that opened it, so signing in runs here too (Argon2 takes about
half a second and must not freeze the window), and so does closing.

While the screen is locked the session holds no connection and no key (app.core.security.lock):
every job but the unlock is refused with ScreenLocked, so nothing runs on the store.

Long operations take `progress` and `cancel` keyword arguments: `progress(done, total)` may be
called from the worker as often as the operation likes; `cancel` is a threading.Event the GUI sets.

The change notice: after a job, the worker takes the kinds of record its committed transactions
changed (`Session.take_changes()`) and sends them with the result. On the GUI thread, once the job's
own callbacks have run, `changed` is emitted once with that frozenset (Anki's operation_did_execute),
whether the job finished or failed after committing part of its work. Views do not connect to it
directly: `follow_changes(widget, worker, kinds, reload)` reloads a view when a kind it shows changed.
"""

from __future__ import annotations

import itertools
import queue
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QWidget

from app.core.errors import StoreError, UserError
from app.core.security import lock as lock_ops
from app.core.session import Session
from app.core.store.connection import DatabaseError
from app.core.workstation import Workstation

NO_SESSION = object()  # marks jobs that run without a session (sign-in, setup, restore)
# The only session jobs a locked session runs: everything else waits for the password.
RUNS_WHILE_LOCKED = frozenset({lock_ops.unlock})


class InternalError(UserError):
    """A bug, not something the user did: shown without a traceback."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"程序内部错误（{kind}），操作未完成。请联系系统管理员。")


class NotSignedIn(UserError):
    def __init__(self) -> None:
        super().__init__("尚未登录或已退出，请重新登录。")


class ScreenLocked(UserError):
    def __init__(self) -> None:
        super().__init__("屏幕已锁定：解除锁屏之前不读写数据库，操作未执行。")


class Job(QObject):
    """One submitted call. Connect to its signals or pass callbacks to `submit`."""

    done = Signal(object)
    failed = Signal(object)  # a UserError
    progressed = Signal(int, int)

    def __init__(self, job_id: int) -> None:
        super().__init__()
        self.id = job_id
        self.cancel_event = threading.Event()
        self.finished = False

    def cancel(self) -> None:
        self.cancel_event.set()


@dataclass
class _Request:
    job_id: int
    fn: Callable[..., Any]
    args: tuple
    needs_session: bool
    long: bool
    cancel: threading.Event = field(default_factory=threading.Event)


class DbWorker(QThread):
    """Start once per application; `stop()` closes the session in its own thread and joins."""

    _result = Signal(int, bool, object, object)
    _progress = Signal(int, int, int)
    session_changed = Signal(object)  # the User signed in, or None
    changed = Signal(object)  # frozenset[str]: the kinds of record a job's committed transactions changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.Queue[_Request | None] = queue.Queue()
        self._jobs: dict[int, tuple[Job, Callable | None, Callable | None]] = {}
        self._ids = itertools.count(1)
        self._session: Session | None = None  # touched only on the worker thread
        self.user = None  # a copy of the signed-in User for the GUI to read (never the connection)
        self._result.connect(self._deliver)
        self._progress.connect(self._deliver_progress)

    # ---- GUI side --------------------------------------------------------------------------------
    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[UserError], None] | None = None,
        long: bool = False,
        session: bool = True,
    ) -> Job:
        """Run `fn(session, *args)` on the worker (or `fn(*args)` when session=False).

        With long=True the call also gets `progress=` and `cancel=` keyword arguments.
        """
        job = Job(next(self._ids))
        self._jobs[job.id] = (job, on_done, on_error)
        self._queue.put(_Request(job.id, fn, args, session, long, job.cancel_event))
        return job

    def sign_in(self, folder: Path, username: str, password: str, **callbacks: Any) -> Job:
        return self.submit(self._open_session, Path(folder), username, password, session=False, **callbacks)

    def sign_out(self, reason: str = "logout", **callbacks: Any) -> Job:
        return self.submit(self._close_session, reason, session=False, **callbacks)

    @property
    def busy(self) -> bool:
        return any(not job.finished for job, _, _ in self._jobs.values())

    def stop(self, timeout_ms: int = 30000) -> None:
        if not self.isRunning():
            return
        self.sign_out()
        self._queue.put(None)
        self.wait(timeout_ms)

    @Slot(int, bool, object, object)
    def _deliver(self, job_id: int, ok: bool, payload: object, changes: frozenset[str]) -> None:
        job, on_done, on_error = self._jobs.pop(job_id, (None, None, None))
        if job is not None:
            job.finished = True
            if ok:
                job.done.emit(payload)
                if _still_alive(on_done):
                    on_done(payload)
            else:
                job.failed.emit(payload)
                if _still_alive(on_error):
                    on_error(payload)
        if changes:
            self.changed.emit(changes)

    @Slot(int, int, int)
    def _deliver_progress(self, job_id: int, done: int, total: int) -> None:
        entry = self._jobs.get(job_id)
        if entry is not None:
            entry[0].progressed.emit(done, total)

    # ---- worker side -----------------------------------------------------------------------------
    def run(self) -> None:
        while True:
            request = self._queue.get()
            if request is None:
                break
            ok, payload = self._execute(request)
            self._result.emit(request.job_id, ok, payload, self._take_changes())

    def _execute(self, request: _Request) -> tuple[bool, object]:
        kwargs: dict[str, Any] = {}
        if request.long:
            job_id = request.job_id
            kwargs["progress"] = lambda done, total: self._progress.emit(job_id, int(done), int(total))
            kwargs["cancel"] = request.cancel
        try:
            if request.needs_session:
                if self._session is None or self._session.closed:
                    raise NotSignedIn()
                if self._session.locked and request.fn not in RUNS_WHILE_LOCKED:
                    raise ScreenLocked()
                return True, request.fn(self._session, *request.args, **kwargs)
            return True, request.fn(*request.args, **kwargs)
        except UserError as exc:
            return False, exc
        except DatabaseError:
            # A page that fails its HMAC (or a full disk) surfaces here from any core call.
            return False, StoreError(
                "读取或写入数据库失败：文件可能已损坏或磁盘已满，本次操作未完成。请让安全审计员运行数据库校验。"
            )
        except Exception as exc:  # a bug: say so without showing a traceback or record text
            print(f"xuncha worker: {type(exc).__name__}", file=sys.stderr)
            traceback.print_tb(exc.__traceback__, file=sys.stderr)
            return False, InternalError(type(exc).__name__)

    def _take_changes(self) -> frozenset[str]:
        session = self._session
        return session.take_changes() if session is not None else frozenset()

    def _open_session(self, folder: Path, username: str, password: str):
        if self._session is not None and not self._session.closed:
            self._session.close()
        self._session = Workstation(folder).unlock(username, password)
        self.user = self._session.user
        self.session_changed.emit(self.user)
        return self.user

    def _close_session(self, reason: str) -> None:
        session, self._session = self._session, None
        self.user = None
        if session is not None and not session.closed:
            session.close(reason=reason)
            session.take_changes()  # nobody is left to show them
            self.session_changed.emit(None)


def _still_alive(callback: Callable | None) -> bool:
    """False when the callback belongs to a Qt object already destroyed.

    Views are rebuilt when the selection changes or the screen locks; an answer from the worker for
    a view that no longer exists has nobody to go to.
    """
    if callback is None:
        return False
    # The owner of a bound method, or the Qt objects a lambda captured (usually `self`).
    owners = [getattr(callback, "__self__", None)]
    for cell in getattr(callback, "__closure__", None) or ():
        try:
            owners.append(cell.cell_contents)
        except ValueError:  # an empty cell
            continue
    return all(shiboken6.isValid(o) for o in owners if isinstance(o, QObject))


def follow_changes(
    widget: QObject, worker: DbWorker, kinds: Iterable[str], reload: Callable[[], None]
) -> None:
    """Reload `widget` (by calling `reload()`) whenever the worker announces a change to one of `kinds`.

    The connection ends when the widget is destroyed. A widget hidden inside a window that is shown
    (an inspection tab not in front) reloads when it is next shown, once, however many changes came.
    """
    _ChangeFollower(widget, worker, frozenset(kinds), reload)


class _ChangeFollower(QObject):
    """Lives as the widget's child, so it goes when the widget goes and takes its connection along."""

    def __init__(self, widget: QObject, worker: DbWorker, kinds: frozenset[str], reload: Callable[[], None]):
        super().__init__(widget)
        self._widget = widget
        self._kinds = kinds
        self._reload = reload
        self._stale = False
        # A slot of a QObject: Qt drops the connection when this follower (the widget's child) goes.
        worker.changed.connect(self._changed)
        widget.installEventFilter(self)

    @Slot(object)
    def _changed(self, changes: frozenset[str]) -> None:
        if not (self._kinds & changes) or not shiboken6.isValid(self._widget):
            return
        widget = self._widget
        if isinstance(widget, QWidget) and not widget.isVisible() and widget.window().isVisible():
            self._stale = True
            return
        self._reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if self._stale and event.type() == QEvent.Type.Show and watched is self._widget:
            self._stale = False
            self._reload()
        return False
