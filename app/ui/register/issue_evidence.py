"""The evidence section of the issue dialog: add, open, move and remove items of the evidence list.

A mixin of app.ui.register.issue_dialog.IssueDialog, which provides the worker, the loaded detail,
`_run` (one job at a time, refreshing the dialog) and `_changed`. It holds no translated strings.
"""

from __future__ import annotations

from app.core.domain.register import evidence
from app.ui.messages import show_error
from app.ui.org.common import selected_record
from app.ui.register import ops
from app.ui.register.dialogs import EvidenceDialog, TextViewer, open_dialog


class EvidenceSection:
    """The evidence buttons of IssueDialog."""

    def add_evidence(self) -> None:
        if not self._issue_id():
            return
        dialog = EvidenceDialog(self.worker, self.inspection_id, self._issue_id(), self)
        open_dialog(self, dialog, self._changed)

    def _selected_evidence(self) -> evidence.Evidence | None:
        return selected_record(self.evidence_table)

    def open_evidence(self) -> None:
        item = self._selected_evidence()
        if item is None:
            return
        self.worker.submit(
            ops.open_evidence,
            item,
            on_done=self._show_evidence,
            on_error=lambda e: show_error(self, e),
        )

    def _show_evidence(self, view: ops.EvidenceView) -> None:
        self.viewer = TextViewer(view.title, view.text, self)
        self.viewer.open()

    def move_evidence(self, step: int) -> None:
        item = self._selected_evidence()
        if item is None or self.detail is None:
            return
        target = item.ordinal + step
        if not 1 <= target <= len(self.detail.evidence):
            return
        self._run(ops.evidence_then_detail(evidence.move_evidence), self.detail.issue.id, item.id, target)

    def remove_evidence(self) -> None:
        item = self._selected_evidence()
        if item is None or self.detail is None:
            return
        self._run(ops.evidence_then_detail(evidence.remove_evidence), self.detail.issue.id, item.id)
