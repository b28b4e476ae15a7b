"""Showing errors and confirmations: core messages are already Chinese; never a traceback."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.errors import UserError


def _open(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    # open(), not exec(): a message must not hold up the worker's results or the idle lock.
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("messageBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def show_error(parent: QWidget | None, error: UserError | str, title: str | None = None) -> QMessageBox:
    default = QCoreApplication.translate("Messages", "Cannot complete the operation")
    return _open(parent, QMessageBox.Icon.Warning, title or default, str(error))


def show_info(parent: QWidget | None, text: str, title: str | None = None) -> QMessageBox:
    default = QCoreApplication.translate("Messages", "Information")
    return _open(parent, QMessageBox.Icon.Information, title or default, text)


def confirm(parent: QWidget | None, text: str, title: str | None = None) -> bool:
    answer = QMessageBox.question(
        parent,
        title or QCoreApplication.translate("Messages", "Please confirm"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
