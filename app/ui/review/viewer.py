"""Viewing imported material inside the app: extracted text read-only, images from the bytes in memory.

Nothing is written to disk and no other program is started: the bytes come from the worker (checked
against their SHA-256 by the core) and go straight into a QImage; text goes into a read-only view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.imports.limits import human_size
from app.core.imports.pdf import PAGE_BREAK
from app.ui.review.ops import MaterialView


def readable_text(text: str) -> str:
    """A PDF's pages separated by a visible line instead of a form feed."""
    if PAGE_BREAK not in text:
        return text
    pages = text.split(PAGE_BREAK)
    out = []
    for n, page in enumerate(pages, start=1):
        out.append(f"—— {n} / {len(pages)} ——")
        out.append(page.strip("\n"))
    return "\n".join(out)


class MaterialViewer(QDialog):
    """One file: its description, then the image or the extracted text."""

    def __init__(self, view: MaterialView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("materialViewer")
        a = view.attachment
        self.setWindowTitle(self.tr("View material: {name}").format(name=a.filename))
        header = QLabel(
            self.tr("{kind}, {size}. SHA-256: {sha}").format(
                kind=a.kind.label, size=human_size(a.size), sha=a.sha256
            )
        )
        header.setObjectName("materialHeader")
        header.setWordWrap(True)
        header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        self.image_label: QLabel | None = None
        self.text_view: QPlainTextEdit | None = None
        if view.data is not None:
            image = QImage.fromData(view.data)
            self.image_label = QLabel()
            self.image_label.setObjectName("materialImage")
            self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            if image.isNull():
                self.image_label.setText(self.tr("This image cannot be shown."))
            else:
                self.image_label.setPixmap(QPixmap.fromImage(image))
            scroll = QScrollArea()
            scroll.setWidget(self.image_label)
            scroll.setWidgetResizable(True)
            layout.addWidget(scroll, 1)
        if view.data is None or view.text.strip():
            self.text_view = QPlainTextEdit()
            self.text_view.setObjectName("materialText")
            self.text_view.setReadOnly(True)
            self.text_view.setPlainText(
                readable_text(view.text) or self.tr("(this file has no text layer to show)")
            )
            layout.addWidget(self.text_view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 560)
