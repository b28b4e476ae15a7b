"""The team dialog: its name, then its members with their positions, recusal conflicts and overrides.

A new team is created when its name is saved; from then on each member change is one core call
(add, set position, remove), so the dialog always shows what the store holds. A recusal refusal
appears under the member picker; the office may then give an override reason (audited).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.domain.organisation import teams
from app.core.domain.organisation.teams import TeamMember, TeamPosition
from app.core.errors import Conflict, UserError, ValidationError
from app.ui.db_worker import DbWorker
from app.ui.org import ops
from app.ui.org.common import Column, FilterProxy, FormDialog, RecordTableModel, fill_combo, selected_record


class TeamDialog(FormDialog):
    def __init__(
        self, worker: DbWorker, round_id: str, team_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(worker, "org_team.ui", parent)
        self.round_id = round_id
        self.team_id = team_id
        self.ready = False
        self.detail: ops.TeamDetail | None = None
        self.name: QLineEdit = self.field(QLineEdit, "nameEdit")
        self.round_value: QLabel = self.field(QLabel, "roundValue")
        self.members_group: QGroupBox = self.field(QGroupBox, "membersGroup")
        self.staff_combo: QComboBox = self.field(QComboBox, "staffCombo")
        self.position: QComboBox = self.field(QComboBox, "positionCombo")
        self.override: QPlainTextEdit = self.field(QPlainTextEdit, "overrideEdit")
        self.conflicts: QLabel = self.field(QLabel, "conflictsLabel")
        self.save_name: QPushButton = self.field(QPushButton, "saveNameButton")
        self.add_button: QPushButton = self.field(QPushButton, "addMemberButton")
        self.position_button: QPushButton = self.field(QPushButton, "setPositionButton")
        self.remove_button: QPushButton = self.field(QPushButton, "removeMemberButton")
        fill_combo(self.position, [(p.label, p.value) for p in TeamPosition], TeamPosition.MEMBER.value)

        self.members = RecordTableModel(
            [
                Column(self.tr("Name"), lambda m: m.display_name),
                Column(self.tr("User name"), lambda m: m.username),
                Column(
                    self.tr("Position"),
                    lambda m: m.position.label,
                    lambda m: list(TeamPosition).index(m.position),
                ),
                Column(self.tr("Recusal"), self._conflict_text),
            ],
            self,
            decorate=self._decorate,
        )
        proxy = FilterProxy(self)
        proxy.setSourceModel(self.members)
        self.table: QTableView = self.field(QTableView, "membersTable")
        self.table.setModel(proxy)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)

        self.save_name.clicked.connect(self.submit)
        self.name.returnPressed.connect(self.submit)
        self.add_button.clicked.connect(self.add_member)
        self.position_button.clicked.connect(self.set_position)
        self.remove_button.clicked.connect(self.remove_member)
        self.setWindowTitle(self.tr("Edit team") if team_id else self.tr("New team"))
        self.members_group.setEnabled(False)
        self.conflicts.hide()
        self._build_chain()
        if team_id:
            self.reload()
        else:
            worker.submit(_new_team_defaults, round_id, on_done=self._defaults, on_error=self.show_error)
        self.setMinimumWidth(680)

    # ---- loading ----
    def _defaults(self, result) -> None:
        rnd, name = result
        self.round_value.setText(rnd.label)
        self.name.setText(name)
        self.ready = True

    def reload(self) -> None:
        self.worker.submit(ops.load_team, self.team_id, on_done=self._loaded, on_error=self.show_error)

    def _loaded(self, detail: ops.TeamDetail) -> None:
        self.detail = detail
        self.round_value.setText(detail.round.label)
        if not self.name.isModified():
            self.name.setText(detail.team.name)
        self.members.set_records(detail.members)
        self.table.resizeColumnsToContents()
        on_team = {m.user_id for m in detail.members}
        current = self.staff_combo.currentData()
        fill_combo(
            self.staff_combo,
            [
                (f"{s.display_name}（{s.username}）{s.post and ' · ' + s.post}", s.user_id)
                for s in detail.pool
                if s.user_id not in on_team and not s.disabled
            ],
            current,
        )
        if detail.conflicts:
            names = "、".join(
                f"{c.username}（{detail.unit_names.get(c.unit_id, c.unit_id)}）" for c in detail.conflicts
            )
            self.conflicts.setText(
                self.tr("Recusal conflicts without an approved exception: {names}").format(names=names)
            )
        self.conflicts.setVisible(bool(detail.conflicts))
        self.members_group.setEnabled(True)
        self.ready = True
        self._load_chain()

    # ---- the sign-off chain (set by the office) ----
    def _build_chain(self) -> None:
        self.chain_group = QGroupBox(self.tr("Sign-off chain of the working papers"))
        self.chain_group.setObjectName("chainGroup")
        self.chain_combo = QComboBox()
        self.chain_combo.setObjectName("chainCombo")
        fill_combo(
            self.chain_combo,
            [
                (self.tr("Three steps: drafter → deputy reviews → leader signs → team meeting"), True),
                (self.tr("Two steps: drafter → leader signs → team meeting"), False),
            ],
        )
        self.chain_button = QPushButton(self.tr("Set the chain"))
        self.chain_button.setObjectName("setChainButton")
        self.chain_button.clicked.connect(self.set_chain)
        self.chain_state = QLabel()
        self.chain_state.setObjectName("chainState")
        self.chain_state.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.chain_combo, 1)
        row.addWidget(self.chain_button)
        box = QVBoxLayout(self.chain_group)
        box.addLayout(row)
        box.addWidget(self.chain_state)
        outer = self.findChild(QVBoxLayout, "outerLayout")
        outer.insertWidget(outer.indexOf(self.members_group), self.chain_group)
        self.chain_group.setEnabled(False)

    def _load_chain(self) -> None:
        from app.core.domain.register import paper_chain

        self.worker.submit(
            paper_chain.team_chain, self.team_id, on_done=self._chain_loaded, on_error=self._chain_failed
        )

    def _chain_loaded(self, result: tuple[bool, bool]) -> None:
        with_deputy, set_here = result
        self.chain_combo.setCurrentIndex(self.chain_combo.findData(with_deputy))
        steps = self.tr("three steps (with the deputy's review)") if with_deputy else self.tr("two steps")
        self.chain_state.setText(
            self.tr("Set by the office: {steps}.").format(steps=steps)
            if set_here
            else self.tr("Not set: by the team's members, {steps} (a team with a deputy uses three).").format(
                steps=steps
            )
        )
        self.chain_group.setEnabled(True)

    def _chain_failed(self, error: UserError) -> None:
        self.chain_group.setEnabled(False)
        self.chain_state.setText(str(error))

    def set_chain(self) -> None:
        from app.core.domain.register import paper_chain

        self.chain_group.setEnabled(False)
        self.worker.submit(
            lambda s, t, d: paper_chain.set_team_chain(s, t, with_deputy=d),
            self.team_id,
            bool(self.chain_combo.currentData()),
            on_done=lambda _r: self._load_chain(),
            on_error=self._chain_failed,
        )

    def _conflict_text(self, member: TeamMember) -> str:
        if self.detail and any(c.user_id == member.user_id for c in self.detail.conflicts):
            return self.tr("Declared a tie to a unit of this team")
        return ""

    def _decorate(self, member: TeamMember, role: int, column: int):
        if role == Qt.ItemDataRole.ForegroundRole and self._conflict_text(member):
            from PySide6.QtGui import QColor

            return QColor("#b00000")
        return None

    # ---- the name ----
    def operation(self):
        if self.team_id is None:
            return teams.create_team, (self.round_id, self.name.text().strip())
        return teams.update_team, (self.team_id, self.name.text().strip())

    def _done(self, team: teams.Team) -> None:
        self._set_busy(False)
        self.team_id = team.id
        self.name.setModified(False)
        self.setWindowTitle(self.tr("Edit team"))
        self.saved.emit(team)
        self.reload()

    # ---- members ----
    def add_member(self) -> None:
        self.clear_errors()
        user_id = self.staff_combo.currentData()
        if not user_id:
            self.show_error(ValidationError(self.tr("Choose a person from the staff pool."), field="user_id"))
            return
        reason = self.override.toPlainText().strip() or None
        self._member_call(
            lambda s, t, u, p, r: teams.add_member(s, t, u, p, override_reason=r),
            self.team_id,
            user_id,
            self.position.currentData(),
            reason,
        )

    def set_position(self) -> None:
        self.clear_errors()
        member = selected_record(self.table)
        if member is None:
            self.show_error(ValidationError(self.tr("Select a member first."), field="user_id"))
            return
        self._member_call(teams.set_member_position, member.id, self.position.currentData())

    def remove_member(self) -> None:
        self.clear_errors()
        member = selected_record(self.table)
        if member is None:
            self.show_error(ValidationError(self.tr("Select a member first."), field="user_id"))
            return
        self._member_call(teams.remove_member, member.id)

    def _member_call(self, fn, *args) -> None:
        self.members_group.setEnabled(False)
        self.worker.submit(fn, *args, on_done=self._member_done, on_error=self._member_failed)

    def _member_done(self, _result) -> None:
        self.override.clear()
        self.saved.emit(None)
        self.reload()

    def _member_failed(self, error: UserError) -> None:
        self.members_group.setEnabled(True)
        if error.field is None:
            error = type(error)(str(error), field="user_id")
        self.show_error(error)
        if isinstance(error, Conflict) and "回避" in str(error):
            self.override.setFocus()  # the office may approve an exception with a reason


def _new_team_defaults(session, round_id: str):
    from app.core.domain.organisation import terms

    return terms.get_round(session, round_id), teams.suggested_name(session, round_id)
