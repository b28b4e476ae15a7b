"""What the manual's screenshot script and its scenes share: the picture size and waiting for Qt.

Imported by scripts/manual_screenshots.py (which sets up the offscreen Qt environment first) and by
scripts/manual_scenes.py; it imports only QApplication, so it may be loaded before the application is
made.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtWidgets import QApplication

WIDTH, HEIGHT = 1280, 800  # every main-window picture
TIMEOUT = 30.0


def settle(seconds: float = 0.3) -> None:
    """Let Qt run for a while (layouts, paint events, queued signals)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def wait(predicate: Callable[[], object], what: str, timeout: float = TIMEOUT) -> None:
    """Run Qt until `predicate()` is true; TimeoutError naming `what` after `timeout` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QApplication.processEvents()
        if predicate():
            return
        time.sleep(0.02)
    raise TimeoutError(f"waiting for {what}")
