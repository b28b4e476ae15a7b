"""The dialogs of File → Exchange: the hand-in review, the setup package, the merge conflicts."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.exchange import conflicts
from app.core.exchange.review import Summary
from app.ui.db_worker import DbWorker
from app.ui.messages import show_error


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class HandInDialog(QDialog):
    """What will leave the workstation; the leader types the medium's number and confirms."""

    def __init__(self, summary: Summary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handInDialog")
        self.setWindowTitle(self.tr("Hand in to the office"))
        self.summary = summary
        intro = QLabel(self.tr("This hand-in will carry what changed since the office's last receipt:"))
        intro.setWordWrap(True)
        lines = QLabel("\n".join(summary.lines()))
        lines.setObjectName("summaryLabel")
        self.medium = QLineEdit()
        self.medium.setObjectName("mediumEdit")
        self.checked = QCheckBox(self.tr("I have reviewed the above; drafts stay on this workstation"))
        self.checked.setObjectName("reviewedCheck")
        form = QFormLayout()
        form.addRow(self.tr("Medium register number:"), self.medium)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.checked.toggled.connect(lambda _: ok.setEnabled(self._ready()))
        self.medium.textChanged.connect(lambda _: ok.setEnabled(self._ready()))
        layout = QVBoxLayout(self)
        for widget in (intro, lines):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.checked)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _ready(self) -> bool:
        return self.checked.isChecked() and bool(self.medium.text().strip())


class SetupExportDialog(QDialog):
    """Which team, the medium, the transfer passphrase (twice) and the team accounts' initial password."""

    def __init__(self, teams: list, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupExportDialog")
        self.setWindowTitle(self.tr("Export a team's setup package"))
        self.team = QComboBox()
        self.team.setObjectName("teamCombo")
        for team in teams:
            self.team.addItem(f"{team.name}（{team.leader_name or '—'}）", team.id)
        self.medium = QLineEdit()
        self.medium.setObjectName("mediumEdit")
        self.passphrase = _password_edit("passphraseEdit")
        self.again = _password_edit("passphraseAgainEdit")
        self.initial = _password_edit("initialPasswordEdit")
        self.error = QLabel()
        self.error.setObjectName("errorLabel")
        self.error.setStyleSheet("color: #c00000;")
        form = QFormLayout()
        form.addRow(self.tr("Team:"), self.team)
        form.addRow(self.tr("Medium register number:"), self.medium)
        form.addRow(self.tr("Transfer passphrase:"), self.passphrase)
        form.addRow(self.tr("Passphrase again:"), self.again)
        form.addRow(self.tr("Initial password of the team's accounts:"), self.initial)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        note = QLabel(
            self.tr(
                "Tell the team the passphrase by another way than the medium. Every account must change "
                "the initial password at its first sign-in."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def _check(self) -> None:
        if self.team.currentData() is None:
            self.error.setText(self.tr("Choose a team."))
        elif not self.medium.text().strip():
            self.error.setText(self.tr("Enter the medium's register number."))
        elif self.passphrase.text() != self.again.text():
            self.error.setText(self.tr("The two passphrases differ."))
        elif not self.initial.text():
            self.error.setText(self.tr("Enter the initial password."))
        else:
            self.accept()


class ConflictsDialog(QDialog):
    """The open merge conflicts, each side by side: keep the office's version or take the team's."""

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsDialog")
        self.setWindowTitle(self.tr("Merge conflicts"))
        self.worker = worker
        self.views: list[conflicts.ConflictView] = []
        self.list = QListWidget()
        self.list.setObjectName("conflictList")
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Office"), self.tr("Team")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.keep = QPushButton(self.tr("Keep the office's version"))
        self.keep.setObjectName("keepOfficeButton")
        self.take = QPushButton(self.tr("Take the team's version"))
        self.take.setObjectName("takeTeamButton")
        self.keep.clicked.connect(lambda: self._resolve(conflicts.KEEP_OFFICE))
        self.take.clicked.connect(lambda: self._resolve(conflicts.TAKE_TEAM))
        self.list.currentRowChanged.connect(self._show)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.keep)
        row.addWidget(self.take)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.table, 2)
        layout.addLayout(row)
        layout.addWidget(close)
        self.resize(760, 520)
        self.reload()

    def reload(self) -> None:
        self.worker.submit(conflicts.list_open, on_done=self._loaded, on_error=lambda e: show_error(self, e))

    def _loaded(self, views: list) -> None:
        self.views = views
        self.list.clear()
        for view in views:
            item = QListWidgetItem(
                self.tr("{table} {record}").format(table=view.table, record=view.record_id)
            )
            self.list.addItem(item)
        if views:
            self.list.setCurrentRow(0)
        else:
            self.table.setRowCount(0)
        for button in (self.keep, self.take):
            button.setEnabled(bool(views))

    def _show(self, index: int) -> None:
        if not 0 <= index < len(self.views):
            return
        view = self.views[index]
        fields = view.differing()
        self.table.setRowCount(len(fields))
        for row, name in enumerate(fields):
            for column, value in enumerate((name, view.office.get(name), view.team.get(name))):
                self.table.setItem(row, column, QTableWidgetItem("" if value is None else str(value)))

    def _resolve(self, choice: str) -> None:
        index = self.list.currentRow()
        if not 0 <= index < len(self.views):
            return
        self.worker.submit(
            conflicts.resolve,
            self.views[index].id,
            choice,
            on_done=lambda _: self.reload(),
            on_error=lambda e: show_error(self, e),
        )
