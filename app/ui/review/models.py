"""Table models of the document review tab (调阅资料): the request list (with custody state standing out) and the details."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication

from app.core.domain.attachments import Attachment
from app.core.domain.review.custody import CustodyRecord, CustodyState
from app.core.domain.review.reading import Excerpt, Reading
from app.core.domain.review.request_item import RequestItem
from app.core.imports.limits import human_size
from app.ui.org.common import Column, RecordTableModel

# How each custody state looks: background, text colour, the icon's colour and glyph.
STATE_LOOK: dict[CustodyState, tuple[str | None, str | None, str, str]] = {
    CustodyState.REQUESTED: ("#fff3d1", None, "#c77c00", "?"),
    CustodyState.RECEIVED: (None, None, "#2f6db5", "✓"),
    CustodyState.HELD: (None, None, "#2f6db5", "◉"),
    CustodyState.OVERDUE: ("#f9d6d5", "#8b0000", "#c00000", "!"),
    CustodyState.RETURNED: (None, "#666666", "#3a8a3a", "↩"),
}
_icons: dict[CustodyState, QIcon] = {}


def state_icon(state: CustodyState) -> QIcon:
    """A small round badge per state (drawn, so it needs no image files and reads the same everywhere)."""
    if state not in _icons:
        size = 16
        ratio = QApplication.instance().devicePixelRatio() if QApplication.instance() else 1.0
        pixmap = QPixmap(int(size * ratio), int(size * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(STATE_LOOK[state][2]))
        painter.drawEllipse(1, 1, size - 2, size - 2)
        painter.setPen(QColor("white"))
        font = painter.font()
        font.setBold(True)
        font.setPixelSize(11)
        painter.setFont(font)
        painter.drawText(0, 0, size, size, Qt.AlignmentFlag.AlignCenter, STATE_LOOK[state][3])
        painter.end()
        _icons[state] = QIcon(pixmap)
    return _icons[state]


def _amount(item: RequestItem) -> str:
    parts = []
    if item.volumes:
        parts.append(QCoreApplication.translate("Review", "{n} vol.").format(n=item.volumes))
    if item.pages:
        parts.append(QCoreApplication.translate("Review", "{n} p.").format(n=item.pages))
    return " / ".join(parts)


def _holder(item: RequestItem) -> str:
    if item.holder_name:
        return item.holder_name
    if item.state.in_custody:
        return QCoreApplication.translate("Review", "team file store")
    return ""


def _returned(item: RequestItem) -> str:
    if not item.returned_on:
        return ""
    return f"{item.returned_on} {item.returned_to}".strip()


STATE_COLUMN = 1  # next to the number, so it stays in sight in a narrow window
TITLE_COLUMN = 2


def request_columns() -> list[Column]:
    return [
        Column(QCoreApplication.translate("Review", "No."), lambda i: str(i.number), lambda i: i.number),
        Column(
            QCoreApplication.translate("Review", "State"),
            lambda i: i.state.label,
            lambda i: list(CustodyState).index(i.state),
        ),
        Column(QCoreApplication.translate("Review", "Material"), lambda i: i.title),
        Column(QCoreApplication.translate("Review", "Category"), lambda i: i.category.label),
        Column(
            QCoreApplication.translate("Review", "Period"),
            lambda i: i.period_text,
            lambda i: i.period_start or "",
        ),
        Column(QCoreApplication.translate("Review", "Requested"), lambda i: i.requested_on),
        Column(QCoreApplication.translate("Review", "Received"), lambda i: i.received_on or ""),
        Column(QCoreApplication.translate("Review", "Volumes / pages"), _amount, lambda i: i.pages or 0),
        Column(QCoreApplication.translate("Review", "Holder"), _holder),
        Column(
            QCoreApplication.translate("Review", "Copies"),
            lambda i: str(i.copies) if i.copies else "",
            lambda i: i.copies,
        ),
        Column(QCoreApplication.translate("Review", "Planned return"), lambda i: i.planned_return_on or ""),
        Column(QCoreApplication.translate("Review", "Returned (to whom)"), _returned),
    ]


def decorate_item(item: RequestItem, role: int, column: int):
    """Outstanding and overdue items stand out: a tinted row, dark red text, a badge and a tooltip."""
    background, foreground, _, _ = STATE_LOOK[item.state]
    if role == Qt.ItemDataRole.BackgroundRole and background:
        return QBrush(QColor(background))
    if role == Qt.ItemDataRole.ForegroundRole and foreground:
        return QBrush(QColor(foreground))
    if role == Qt.ItemDataRole.DecorationRole and column == STATE_COLUMN:
        return state_icon(item.state)
    if role == Qt.ItemDataRole.FontRole and column == STATE_COLUMN and item.stands_out:
        font = QFont()
        font.setBold(True)
        return font
    if role == Qt.ItemDataRole.ToolTipRole:
        if item.state is CustodyState.OVERDUE:
            return QCoreApplication.translate("Review", "Held past the planned return date ({date}).").format(
                date=item.planned_return_on
            )
        if item.state is CustodyState.REQUESTED:
            return QCoreApplication.translate(
                "Review", "Requested on {date}; not yet provided by the unit."
            ).format(date=item.requested_on)
        if item.note:
            return item.note
    return None


def request_model(parent) -> RecordTableModel:
    return RecordTableModel(request_columns(), parent, decorate=decorate_item)


def history_model(parent) -> RecordTableModel:
    def quantity(e: CustodyRecord) -> str:
        return str(e.quantity) if e.quantity else ""

    return RecordTableModel(
        [
            Column(QCoreApplication.translate("Review", "Date"), lambda e: e.on_date),
            Column(QCoreApplication.translate("Review", "Event"), lambda e: e.event.label),
            Column(QCoreApplication.translate("Review", "Holder"), lambda e: e.holder_name or ""),
            Column(QCoreApplication.translate("Review", "From / to"), lambda e: e.counterpart),
            Column(QCoreApplication.translate("Review", "Copies"), quantity),
            Column(QCoreApplication.translate("Review", "Recorded by"), lambda e: e.author_name or ""),
            Column(QCoreApplication.translate("Review", "Note"), lambda e: e.note),
        ],
        parent,
    )


def _first_line(text: str, width: int = 80) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def readings_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(QCoreApplication.translate("Review", "Read on"), lambda r: r.read_on),
            Column(QCoreApplication.translate("Review", "Reviewer"), lambda r: r.reviewer_name),
            Column(
                QCoreApplication.translate("Review", "Excerpts"),
                lambda r: str(r.excerpt_count),
                lambda r: r.excerpt_count,
            ),
            Column(QCoreApplication.translate("Review", "Notes"), lambda r: _first_line(r.notes)),
        ],
        parent,
        decorate=lambda r, role, col: r.notes if role == Qt.ItemDataRole.ToolTipRole else None,
    )


def excerpts_model(parent, readings: dict[str, Reading], files: dict[str, Attachment]) -> RecordTableModel:
    def source(x: Excerpt) -> str:
        parts = []
        if x.reading_id and x.reading_id in readings:
            r = readings[x.reading_id]
            parts.append(f"{r.reviewer_name} {r.read_on}")
        if x.attachment_id and x.attachment_id in files:
            parts.append(files[x.attachment_id].filename)
        return "；".join(parts)

    model = RecordTableModel(
        [
            Column(QCoreApplication.translate("Review", "Excerpt"), lambda x: x.label, lambda x: x.number),
            Column(QCoreApplication.translate("Review", "Page / location"), lambda x: x.location),
            Column(QCoreApplication.translate("Review", "Taken from"), source),
            Column(QCoreApplication.translate("Review", "Passage"), lambda x: _first_line(x.passage)),
        ],
        parent,
        decorate=lambda x, role, col: x.passage if role == Qt.ItemDataRole.ToolTipRole else None,
    )
    model.sources = (readings, files)  # refreshed with the records
    return model


def material_details(a: Attachment) -> str:
    d = a.details or {}
    if "pages" in d:
        text = QCoreApplication.translate("Review", "{n} page(s)").format(n=d["pages"])
        if d.get("no_text_layer"):
            text += QCoreApplication.translate("Review", ", no text layer")
        return text
    if "sheets" in d:
        sheets = d["sheets"]
        return QCoreApplication.translate("Review", "{n} sheet(s)").format(
            n=len(sheets) if isinstance(sheets, list) else sheets
        )
    if "width" in d and "height" in d:
        return f"{d['width']} × {d['height']}"
    if "paragraphs" in d:
        return QCoreApplication.translate("Review", "{n} paragraph(s)").format(n=d["paragraphs"])
    if "encoding" in d:
        return str(d["encoding"]).upper()
    return ""


def material_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(QCoreApplication.translate("Review", "File"), lambda a: a.filename),
            Column(QCoreApplication.translate("Review", "Type"), lambda a: a.kind.label),
            Column(
                QCoreApplication.translate("Review", "Size"),
                lambda a: human_size(a.size),
                lambda a: a.size,
            ),
            Column(QCoreApplication.translate("Review", "SHA-256"), lambda a: a.sha256[:16] + "…"),
            Column(QCoreApplication.translate("Review", "Details"), material_details),
            Column(
                QCoreApplication.translate("Review", "Imported"),
                lambda a: a.created_at[:16].replace("T", " "),
            ),
        ],
        parent,
        decorate=lambda a, role, col: a.sha256 if role == Qt.ItemDataRole.ToolTipRole and col == 3 else None,
    )
