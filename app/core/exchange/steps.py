"""Progress and cancel for the long exchange operations, as the GUI's worker passes them.

`Steps(progress, cancel)` reports `progress(done, total)` and raises Cancelled once the cancel event
is set; the operation's transaction then rolls back and its partial file is removed, so a cancelled
hand-in or merge changes nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from app.core.errors import Cancelled


class Steps:
    def __init__(self, progress: Callable[[int, int], None] | None, cancel: threading.Event | None) -> None:
        self._progress = progress
        self._cancel = cancel

    def __call__(self, done: int, total: int) -> None:
        if self._cancel is not None and self._cancel.is_set():
            raise Cancelled()
        if self._progress is not None:
            self._progress(done, total)

    def offset(self, start: int, total: int) -> Callable[[int], None]:
        """A byte-position callback for one pass of a file, reported from `start` of `total`."""
        return lambda position: self(start + position, total)
