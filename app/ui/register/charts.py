"""A horizontal bar chart drawn with QPainter (PySide6-Essentials has no QtCharts).

Bars are (label, value, colour); labels are drawn in full at the left, values at the bar's end, so
long Chinese category names are not clipped. The chart asks for the height its bars need.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_H = 20
GAP = 8
TITLE_H = 26


@dataclass
class Bar:
    label: str
    value: float
    color: str = "#c0392b"
    text: str | None = None  # shown at the bar's end; default: the value


class BarChart(QWidget):
    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.bars: list[Bar] = []
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: list[Bar], empty_text: str = "") -> None:
        self.bars = list(bars)
        self.empty_text = empty_text
        self.updateGeometry()
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt)
        rows = max(1, len(self.bars))
        return QSize(420, TITLE_H + rows * (BAR_H + GAP) + GAP)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt)
        return QSize(260, self.sizeHint().height())

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        font = painter.font()
        bold = painter.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor("#222"))
        painter.drawText(
            QRectF(6, 2, self.width() - 12, TITLE_H - 4), Qt.AlignmentFlag.AlignVCenter, self.title
        )
        painter.setFont(font)
        metrics = QFontMetrics(font)
        if not self.bars:
            painter.setPen(QColor("#777"))
            painter.drawText(
                QRectF(6, TITLE_H, self.width() - 12, BAR_H), Qt.AlignmentFlag.AlignVCenter, self.empty_text
            )
            painter.end()
            return
        label_w = min(
            max(metrics.horizontalAdvance(b.label) for b in self.bars) + 12, int(self.width() * 0.45)
        )
        value_w = max(metrics.horizontalAdvance(b.text or _num(b.value)) for b in self.bars) + 10
        span = max(20, self.width() - label_w - value_w - 12)
        top = max((b.value for b in self.bars), default=0) or 1
        y = TITLE_H
        for bar in self.bars:
            painter.setPen(QColor("#333"))
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideMiddle, label_w - 8)
            painter.drawText(
                QRectF(6, y, label_w - 8, BAR_H),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                label,
            )
            width = span * (bar.value / top) if bar.value > 0 else 0
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#eeeeee"))
            painter.drawRoundedRect(QRectF(label_w, y + 2, span, BAR_H - 4), 3, 3)
            if width:
                painter.setBrush(QColor(bar.color))
                painter.drawRoundedRect(QRectF(label_w, y + 2, max(3.0, width), BAR_H - 4), 3, 3)
            painter.setPen(QColor("#222"))
            painter.drawText(
                QRectF(label_w + span + 6, y, value_w, BAR_H),
                Qt.AlignmentFlag.AlignVCenter,
                bar.text or _num(bar.value),
            )
            y += BAR_H + GAP
        painter.end()


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
