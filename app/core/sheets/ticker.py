"""Progress and cancel for an export's row loop (shared by the exporters of exports and exports_records)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from app.core.errors import Cancelled

STEP = 250  # rows between progress reports and cancel checks
Progress = Callable[[int, int], None] | None


class _Ticker:
    """Progress and cancel for a row loop."""

    def __init__(self, total: int, progress: Progress, cancel: threading.Event | None) -> None:
        self.total, self.progress, self.cancel, self.done = max(total, 1), progress, cancel, 0

    def tick(self) -> None:
        self.done += 1
        if self.done % STEP == 0:
            self.check()

    def check(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled("导出已取消，未生成文件，也未登记。")
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)
