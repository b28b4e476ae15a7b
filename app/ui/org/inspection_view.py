"""The selected inspection's work: a header, the phase actions, and the tabs of the GUI's areas.

The tabs are given to the view (`InspectionView(worker, tabs)`); app.ui.areas names them, each an
InspectionTab(key, label, factory, order) whose factory lives in its area's
`app/ui/<area>/inspection_tab.py`:

    def make_talks_tab(worker, inspection_id, parent):   # -> QWidget, or None to skip this tab
        return TalksPanel(worker, inspection_id, parent)

A tab is built afresh for each inspection shown (and after every unlock); a tab widget with a
`refresh()` method is called on F5 and after a phase move. `inspection_changed` (the view's signal)
carries the Inspection after a phase or liaison change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.domain.organisation.inspections import PHASES, PhaseMove
from app.ui.db_worker import DbWorker, follow_changes
from app.ui.org import ops
from app.ui.org.common import Column, FilterProxy, RecordTableModel, make_table
from app.ui.settings import app_settings

HEADER_COLLAPSED_KEY = "inspection/header_collapsed"  # window layout only: nothing about the case

TabFactory = Callable[[DbWorker, str, QWidget], QWidget | None]


@dataclass(frozen=True)
class InspectionTab:
    key: str  # unique, e.g. "talks"
    label: Callable[[], str] | str  # a callable is translated when the tab is built
    factory: TabFactory
    order: int = 100  # smaller comes first; the built-in phase history is 1000

    def title(self) -> str:
        return self.label() if callable(self.label) else self.label


class InspectionView(QWidget):
    """Shows one inspection; `show_inspection(id)` loads it through the worker."""

    inspection_changed = Signal(object)  # the Inspection after a phase or liaison change
    failed = Signal(object)

    def __init__(
        self, worker: DbWorker, tabs: Sequence[InspectionTab] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("inspectionView")
        self.worker = worker
        self.detail: ops.InspectionDetail | None = None
        self.inspection_id: str | None = None
        # by order, then key (two tabs of one order keep a stable place)
        self.tab_list: list[InspectionTab] = sorted(tabs, key=lambda t: (t.order, t.key))

        self.title = QLabel()
        self.title.setObjectName("inspectionTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        captions = [
            ("unit", self.tr("Unit:")),
            ("team", self.tr("Team:")),
            ("round", self.tr("Round:")),
            ("phase", self.tr("Phase:")),
            ("liaison", self.tr("Liaison:")),
            ("leader", self.tr("Team leader:")),
        ]
        for i, (key, caption) in enumerate(captions):
            label = QLabel(caption)
            label.setStyleSheet("color: #555;")
            value = QLabel()
            value.setObjectName(f"{key}Value")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            grid.addWidget(label, i // 2, (i % 2) * 2)
            grid.addWidget(value, i // 2, (i % 2) * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.timeline = QHBoxLayout()
        self.timeline.setSpacing(2)
        self.steps: list[QLabel] = []
        for phase in PHASES:
            step = QLabel()
            step.setObjectName(f"phase_{phase.value}")
            step.setAlignment(Qt.AlignmentFlag.AlignCenter)
            step.setMinimumWidth(70)
            self.steps.append(step)
            self.timeline.addWidget(step, 1)

        self.advance_button = QPushButton(self.tr("Advance phase…"))
        self.advance_button.setObjectName("advancePhaseButton")
        self.revert_button = QPushButton(self.tr("Go back one phase…"))
        self.revert_button.setObjectName("revertPhaseButton")
        self.liaison_button = QPushButton(self.tr("Liaison…"))
        self.liaison_button.setObjectName("liaisonButton")
        self.advance_button.clicked.connect(lambda: self.change_phase(True))
        self.revert_button.clicked.connect(lambda: self.change_phase(False))
        self.liaison_button.clicked.connect(self.edit_liaison)
        self.steer_hint = QLabel(self.tr("Only the office or this team's leader can change the phase."))
        self.steer_hint.setStyleSheet("color: #777;")

        # The header folds to its title line (with the phase) to leave the height to the work below.
        self.header_toggle = QToolButton()
        self.header_toggle.setObjectName("headerToggle")
        self.header_toggle.setAutoRaise(True)
        self.header_toggle.setCheckable(True)
        self.header_toggle.toggled.connect(self.set_header_collapsed)
        self.compact_phase = QLabel()
        self.compact_phase.setObjectName("compactPhase")
        self.compact_phase.setStyleSheet("color: #c00000; font-weight: bold;")
        title_row = QHBoxLayout()
        title_row.addWidget(self.header_toggle)
        title_row.addWidget(self.title)
        title_row.addWidget(self.compact_phase)
        title_row.addStretch(1)
        title_row.addWidget(self.steer_hint)
        for button in (self.advance_button, self.revert_button, self.liaison_button):
            title_row.addWidget(button)
        self.header_details = QWidget()
        self.header_details.setObjectName("headerDetails")
        details = QVBoxLayout(self.header_details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addLayout(grid)
        details.addLayout(self.timeline)
        header = QFrame()
        header.setObjectName("inspectionHeader")
        header.setFrameShape(QFrame.Shape.StyledPanel)
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(6, 4, 6, 4)
        header_layout.addLayout(title_row)
        header_layout.addWidget(self.header_details)
        self.header = header

        self.tabs = QTabWidget()
        self.tabs.setObjectName("inspectionTabs")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(header)
        layout.addWidget(self.tabs, 1)
        self.dialog = None
        self.tab_keys: list[str] = []
        self.pending_view: dict | None = None  # the tab to return to after unlock
        collapsed = app_settings().value(HEADER_COLLAPSED_KEY, False, type=bool)
        self.header_toggle.setChecked(collapsed)
        self._show_header(collapsed)
        # The header (unit, team, phase, liaison, leader); a reload also refreshes every tab, as the
        # phase and the team decide what a tab may show.
        follow_changes(self, worker, {"inspection", "team", "unit"}, self.refresh)

    # ---- the header folds ----
    def set_header_collapsed(self, collapsed: bool) -> None:
        """Fold the header to its title line (or open it again); remembered for the next start."""
        if self.header_toggle.isChecked() != collapsed:
            self.header_toggle.setChecked(collapsed)  # comes back here through toggled
            return
        self._show_header(collapsed)
        app_settings().setValue(HEADER_COLLAPSED_KEY, collapsed)

    def header_collapsed(self) -> bool:
        return self.header_toggle.isChecked()

    def _show_header(self, collapsed: bool) -> None:
        self.header_details.setVisible(not collapsed)
        self.compact_phase.setVisible(collapsed)
        self.header_toggle.setArrowType(Qt.ArrowType.RightArrow if collapsed else Qt.ArrowType.DownArrow)
        self.header_toggle.setToolTip(
            self.tr("Show the inspection's details and phases")
            if collapsed
            else self.tr("Fold the details away to leave the room to the work below")
        )

    # ---- loading ----
    def show_inspection(self, inspection_id: str) -> None:
        self.inspection_id = inspection_id
        self.worker.submit(
            ops.load_inspection, inspection_id, on_done=self._loaded, on_error=self.failed.emit
        )

    def refresh(self) -> None:
        if self.inspection_id:
            self.show_inspection(self.inspection_id)

    def _loaded(self, detail: ops.InspectionDetail) -> None:
        if detail.inspection.id != self.inspection_id:
            return  # the user has moved on
        rebuild = self.detail is None or self.detail.inspection.id != detail.inspection.id
        self.detail = detail
        item = detail.inspection
        self.title.setText(f"{item.unit_name} · {item.team_name}")
        self.values["unit"].setText(item.unit_name)
        self.values["team"].setText(item.team_name)
        batch = detail.batch
        round_text = f"{detail.term.name} {detail.round.label}"
        if batch is not None:
            round_text += f" · {batch.label}（{batch.starts_on} — {batch.ends_on}）"
        self.values["round"].setText(round_text)
        began = item.phase_dates.get(item.phase, "")
        self.values["phase"].setText(
            self.tr("{phase} (since {date})").format(phase=item.phase.label, date=began)
        )
        self.compact_phase.setText(self.values["phase"].text())
        liaison = " ".join(p for p in (item.liaison_name, item.liaison_phone) if p)
        self.values["liaison"].setText(liaison or self.tr("not yet named"))
        self.values["leader"].setText(detail.leader_name or self.tr("not yet appointed"))
        for phase, step in zip(PHASES, self.steps, strict=True):
            when = item.phase_dates.get(phase)
            step.setText(f"{phase.label}\n{when or '—'}")
            if phase is item.phase:
                style = "background: #c00000; color: white; font-weight: bold;"
            elif when:
                style = "background: #f2d7d5; color: #222;"
            else:
                style = "background: #eeeeee; color: #888;"
            step.setStyleSheet(style + " padding: 3px; border-radius: 3px;")
        self.advance_button.setEnabled(detail.can_steer and item.phase.next() is not None)
        self.revert_button.setEnabled(detail.can_steer and item.phase.previous() is not None)
        self.liaison_button.setEnabled(detail.can_steer)
        self.steer_hint.setVisible(not detail.can_steer)
        if rebuild:
            self._build_tabs()
        else:
            self.history_model.set_records(detail.history)
            for i in range(self.tabs.count()):
                refresh = getattr(self.tabs.widget(i), "refresh", None)
                if callable(refresh):
                    refresh()

    def _build_tabs(self) -> None:
        current = self.tabs.tabText(self.tabs.currentIndex()) if self.tabs.count() else None
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.deleteLater()
        assert self.detail is not None
        self.tab_keys = []
        for tab in self.tab_list:
            widget = tab.factory(self.worker, self.detail.inspection.id, self)
            if widget is not None:
                self.tabs.addTab(widget, tab.title())
                self.tab_keys.append(tab.key)
        self.tabs.addTab(self._history_tab(), self.tr("Phase history"))
        self.tab_keys.append("history")
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i) == current:
                self.tabs.setCurrentIndex(i)
        pending, self.pending_view = self.pending_view, None
        if pending is not None and pending.get("inspection") == self.detail.inspection.id:
            key = pending.get("tab")
            if key in self.tab_keys:
                index = self.tab_keys.index(key)
                self.tabs.setCurrentIndex(index)
                restore = getattr(self.tabs.widget(index), "restore_view_state", None)
                if callable(restore) and pending.get("inner") is not None:
                    restore(pending["inner"])

    # ---- where the user was, across a lock ----
    def view_state(self) -> dict | None:
        """The inspection, its current tab (by key) and that tab's own state, if it keeps one."""
        if self.detail is None or not self.tab_keys:
            return None
        index = self.tabs.currentIndex()
        state = getattr(self.tabs.widget(index), "view_state", None)
        return {
            "inspection": self.detail.inspection.id,
            "tab": self.tab_keys[index] if 0 <= index < len(self.tab_keys) else None,
            "inner": state() if callable(state) else None,
        }

    def _history_tab(self) -> QWidget:
        self.history_model = RecordTableModel(
            [
                Column(self.tr("Date"), lambda m: m.moved_on),
                Column(self.tr("From"), lambda m: m.from_phase.label, lambda m: m.from_phase.index),
                Column(self.tr("To"), lambda m: m.to_phase.label, lambda m: m.to_phase.index),
                Column(self.tr("Direction"), self._direction),
                Column(self.tr("Reason for going back"), lambda m: m.reason),
            ]
        )
        proxy = FilterProxy(self.history_model)
        proxy.setSourceModel(self.history_model)
        table = make_table("phaseHistoryTable", proxy)
        # Qt owns the model through its table: it goes when the tab goes, never under a live view.
        self.history_model.setParent(table)
        self.history_model.set_records(self.detail.history if self.detail else [])
        table.resizeColumnsToContents()
        return table

    def _direction(self, move: PhaseMove) -> str:
        return self.tr("forward") if move.forward else self.tr("back")

    # ---- actions ----
    def change_phase(self, forward: bool) -> None:
        if self.detail is None:
            return
        from app.ui.org.dialogs import PhaseDialog

        self._open(PhaseDialog(self.worker, self.detail.inspection, forward, self))

    def edit_liaison(self) -> None:
        if self.detail is None:
            return
        from app.ui.org.dialogs import LiaisonDialog

        self._open(LiaisonDialog(self.worker, self.detail.inspection, self))

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.saved.connect(self._changed)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _changed(self, inspection) -> None:
        self.inspection_changed.emit(inspection)  # the view itself reloads on the change notice

    def clear(self) -> None:
        self.inspection_id = None
        self.detail = None
