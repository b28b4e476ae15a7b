"""What the main window shows while locked: no records, only the same user's password field."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget


class LockPage(QWidget):
    unlock_requested = Signal(str)  # the password typed
    sign_out_requested = Signal()

    def __init__(self, username: str, display_name: str) -> None:
        super().__init__()
        self.setObjectName("lockPage")
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setFixedWidth(440)
        title = QLabel(self.tr("The screen is locked"))
        title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        who = QLabel(
            self.tr("Signed in as {name} ({username}). Enter your password to continue.").format(
                name=display_name, username=username
            )
        )
        who.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("lockPasswordEdit")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        self.error_label = QLabel()
        self.error_label.setObjectName("lockErrorLabel")
        self.error_label.setStyleSheet("color: #b00000; font-weight: bold;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.sign_out_button = QPushButton(self.tr("Sign out"))
        self.sign_out_button.setObjectName("signOutButton")

        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_out_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 24, 24, 24)
        inner.setSpacing(12)
        inner.addWidget(title)
        inner.addWidget(who)
        inner.addWidget(self.password)
        inner.addWidget(self.error_label)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

        self.unlock_button.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.sign_out_button.clicked.connect(self.sign_out_requested)

    def _submit(self) -> None:
        if self.password.text():
            self.set_busy(True)
            self.unlock_requested.emit(self.password.text())

    def set_busy(self, busy: bool) -> None:
        self.password.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        if busy:
            self.show_error("")

    def reset(self) -> None:
        self.set_busy(False)
        self.password.clear()
        self.show_error("")
        self.password.setFocus()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
        if text:
            self.password.clear()
            self.password.setFocus()
