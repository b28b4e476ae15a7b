"""A table model over the account list (no passwords: they live only in the key slots)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

from app.core.session import User

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invalid index: "no parent"


class AccountsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.users: list[User] = []
        self.headers = [
            self.tr("User name"),
            self.tr("Full name"),
            self.tr("Role"),
            self.tr("Clearance"),
            self.tr("Post"),
            self.tr("State"),
            self.tr("Last sign-in"),
        ]

    def set_users(self, users: list[User]) -> None:
        self.beginResetModel()
        self.users = list(users)
        self.endResetModel()

    def user_at(self, row: int) -> User | None:
        return self.users[row] if 0 <= row < len(self.users) else None

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.users)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        user = self.users[index.row()]
        column = index.column()
        if column == 0:
            return user.username
        if column == 1:
            return user.display_name
        if column == 2:
            return user.role.label
        if column == 3:
            return user.clearance
        if column == 4:
            return user.post
        if column == 5:
            if user.disabled:
                return self.tr("Disabled")
            return self.tr("Must change password") if user.must_change_password else self.tr("Active")
        return (user.last_login_at or "")[:16].replace("T", " ")


def accounts_table(model: AccountsModel) -> QTableView:
    """The accounts list as both administrator pages show it: whole rows, one at a time."""
    table = QTableView()
    table.setObjectName("accountsTable")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    return table
