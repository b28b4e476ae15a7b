"""One date field for every form and dialog: typed from the keyboard first, with a calendar drop-down.

A DateField is a QLineEdit that takes the ways people write a date — 2026-08-31, 2026/08/31, 2026.8.31,
20260831, 2026年8月31日 (full-width digits too) — and shows it back as 2026-08-31 when the user leaves
the field. Keys: Up/Down a day, Page Up/Page Down a month, Alt+Down or F4 the calendar. Empty means
"no date" (the core says when a date is required). A field made with `set_with_time(True)` holds a
date and a time ("2026-08-31 09:30"; 9:30, 9时30分 and 0930 are taken too).

`iso()` gives the value as the core wants it ('YYYY-MM-DD', or 'YYYY-MM-DD HH:MM'); text that is
not a date raises a ValidationError naming the field by its label (the QLabel whose buddy it is) and
routed to the form's error label (`<field>Error`, the field's name in snake case unless set).
Forms declare it as a custom widget (class "DateField", extends QLineEdit); app.ui.forms registers it.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import ValidationError

DAY_FORMAT = "%Y-%m-%d"
STAMP_FORMAT = "%Y-%m-%d %H:%M"
FIRST_YEAR, LAST_YEAR = 1900, 2099

_DASHED = re.compile(r"(\d{4})\s*[-/.．。、]\s*(\d{1,2})\s*[-/.．。、]\s*(\d{1,2})")
_CHINESE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_TIME = re.compile(r"(\d{1,2})\s*(?::|时|点)\s*(\d{1,2})?\s*分?|(\d{2})(\d{2})")


def _normal(text: str) -> str:
    """Full-width digits and punctuation as ASCII, outer space trimmed."""
    return unicodedata.normalize("NFKC", text or "").strip()


def _split(text: str) -> tuple[str, str]:
    """(date part, time part) of a typed date-time: the time follows a space, a 'T' or 日/号."""
    match = re.match(r"^(.*?(?:[日号]|\d))\s*(?:[Tt]|\s)\s*(\d.*)$", text)
    if match and (_TIME.fullmatch(match.group(2).strip())):
        head = match.group(1).strip()
        if _DASHED.fullmatch(head) or _CHINESE.fullmatch(head) or _COMPACT.fullmatch(head):
            return head, match.group(2).strip()
    match = re.match(r"^(.*[日号])\s*(\d.*)$", text)
    if match and _TIME.fullmatch(match.group(2).strip()):
        return match.group(1).strip(), match.group(2).strip()
    return text, ""


def parse_day(text: str, label: str) -> date | None:
    """The date typed in `text` (None when empty); a ValidationError naming `label` otherwise."""
    value = _normal(text)
    if not value:
        return None
    match = _DASHED.fullmatch(value) or _CHINESE.fullmatch(value) or _COMPACT.fullmatch(value)
    if match is None:
        raise ValidationError(
            QCoreApplication.translate(
                "DateField",
                "{label} “{text}” is not a date: type it as 2026-08-31 (/ and . or 年月日 also work).",
            ).format(label=label, text=text.strip()[:40])
        )
    year, month, day = (int(g) for g in match.groups())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            QCoreApplication.translate(
                "DateField", "{label}: the year {year} is not between {first} and {last}."
            ).format(label=label, year=year, first=FIRST_YEAR, last=LAST_YEAR)
        )
    if not 1 <= month <= 12:
        raise ValidationError(
            QCoreApplication.translate(
                "DateField", "{label}: the month must be between 1 and 12 (typed {month})."
            ).format(label=label, month=month)
        )
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValidationError(
            QCoreApplication.translate(
                "DateField", "{label}: {year}-{month} has {days} days (typed day {day})."
            ).format(label=label, year=year, month=month, days=days, day=day)
        )
    return date(year, month, day)


def parse_stamp(text: str, label: str) -> datetime | None:
    """A date with its time ('2026-08-31 09:30', '2026年8月31日 9时30分', '20260831 0930')."""
    value = _normal(text)
    if not value:
        return None
    day_text, time_text = _split(value)
    day = parse_day(day_text, label)
    assert day is not None
    if not time_text:
        raise ValidationError(
            QCoreApplication.translate("DateField", "{label}: add the time, e.g. 2026-08-31 09:30.").format(
                label=label
            )
        )
    match = _TIME.fullmatch(time_text)
    hour = int(match.group(1) or match.group(3))
    minute = int(match.group(2) or match.group(4) or 0)
    if hour > 23 or minute > 59:
        raise ValidationError(
            QCoreApplication.translate(
                "DateField", "{label}: the time {time} is not valid (hours 0 to 23, minutes 0 to 59)."
            ).format(label=label, time=time_text)
        )
    return datetime.combine(day, time(hour, minute))


def _calendar_icon() -> QIcon:
    """A small calendar page drawn in code (no image file to ship)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QPen(QColor("#555555"), 1))
    painter.drawRect(QRect(1, 2, 13, 12))
    painter.fillRect(QRect(2, 3, 12, 3), QColor("#b00000"))
    for x in (4, 7, 10):
        for y in (8, 11):
            painter.fillRect(QRect(x, y, 2, 2), QColor("#555555"))
    painter.end()
    return QIcon(pixmap)


def _snake(name: str) -> str:
    """'receivedOnEdit' -> 'received_on' (the core's field name the form's error label carries)."""
    if name.endswith("Edit"):
        name = name[: -len("Edit")]
    return re.sub(r"(?<!^)([A-Z])", lambda m: "_" + m.group(1).lower(), name)


class DateField(QLineEdit):
    """A date (or date and time) typed or picked; see the module's docstring."""

    dateChanged = Signal(str)  # the ISO value when it changes to a valid one, "" when emptied

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._with_time = False
        self._minimum: date | None = None
        self._maximum: date | None = None
        self._field: str | None = None
        self._label: str | None = None
        self._last = ""
        self.popup: _CalendarPopup | None = None
        self.calendar_action = QAction(_calendar_icon(), self.tr("Calendar (Alt+Down)"), self)
        self.calendar_action.setObjectName("calendarAction")
        self.calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.setPlaceholderText(self.tr("e.g. 2026-08-31"))
        self.setToolTip(self._hint())
        self.editingFinished.connect(self._tidy)
        self.textChanged.connect(self._changed)

    # ---- settings ----
    def set_with_time(self, with_time: bool) -> None:
        self._with_time = with_time
        self.setPlaceholderText(self.tr("e.g. 2026-08-31 09:30") if with_time else self.tr("e.g. 2026-08-31"))
        self.setToolTip(self._hint())

    def with_time(self) -> bool:
        return self._with_time

    def set_range(self, minimum: date | str | None = None, maximum: date | str | None = None) -> None:
        """Earliest and latest dates the field takes (None: no bound); refusals name the bound."""
        self._minimum = _as_day(minimum)
        self._maximum = _as_day(maximum)

    def set_field(self, field: str) -> None:
        """The error label's stem (`<field>Error`) when it is not the snake case of the object's name."""
        self._field = field

    def set_label(self, label: str) -> None:
        self._label = label

    def field_name(self) -> str:
        """The core's name of the field: the stem of the error label in the form row below, if any."""
        if self._field:
            return self._field
        parent = self.parentWidget()
        layouts = parent.findChildren(QFormLayout) if parent is not None else []
        for layout in (lay for lay in layouts if lay.indexOf(self) >= 0):
            row, _role = layout.getWidgetPosition(self)
            below = layout.itemAt(row + 1, QFormLayout.ItemRole.FieldRole) if row >= 0 else None
            label = below.widget() if below is not None else None
            if isinstance(label, QLabel) and label.objectName().endswith("Error"):
                return label.objectName()[: -len("Error")]
        return _snake(self.objectName() or "date")

    def label(self) -> str:
        """How messages name the field: its buddy label's text without accelerator or colon."""
        if self._label:
            return self._label
        top = self.window()
        for label in top.findChildren(QLabel):
            if label.buddy() is self and label.text():
                return re.sub(r"\(&.\)|&|[：:]\s*$", "", label.text()).strip()
        return self.accessibleName() or self.tr("Date")

    # ---- value ----
    def _parse(self) -> date | datetime | None:
        try:
            value = (parse_stamp if self._with_time else parse_day)(self.text(), self.label())
        except ValidationError as error:
            raise ValidationError(error.message, field=self.field_name()) from None
        day = value.date() if isinstance(value, datetime) else value
        if day is not None and self._minimum is not None and day < self._minimum:
            raise ValidationError(
                self.tr("{label} cannot be before {date}.").format(
                    label=self.label(), date=self._minimum.isoformat()
                ),
                field=self.field_name(),
            )
        if day is not None and self._maximum is not None and day > self._maximum:
            raise ValidationError(
                self.tr("{label} cannot be after {date}.").format(
                    label=self.label(), date=self._maximum.isoformat()
                ),
                field=self.field_name(),
            )
        return value

    def iso(self) -> str | None:
        """'YYYY-MM-DD' (or 'YYYY-MM-DD HH:MM'), None when empty; a ValidationError for other text."""
        value = self._parse()
        if value is None:
            return None
        return value.strftime(STAMP_FORMAT if self._with_time else DAY_FORMAT)

    def iso_or_none(self) -> str | None:
        """The value, or None when empty or not (yet) a date: for filters, which ignore half-typed text."""
        try:
            return self.iso()
        except ValidationError:
            return None

    def iso_or_text(self) -> str:
        """The value as ISO when it is a date, else the text as typed (a draft keeps what was typed)."""
        try:
            return self.iso() or ""
        except ValidationError:
            return self.text().strip()

    def day(self) -> date | None:
        value = self._parse()
        return value.date() if isinstance(value, datetime) else value

    def is_valid(self) -> bool:
        try:
            self._parse()
        except ValidationError:
            return False
        return True

    def refusal(self) -> ValidationError | None:
        """The refusal the current text gets (None when it is a date or empty)."""
        try:
            self._parse()
        except ValidationError as error:
            return error
        return None

    def error(self) -> str:
        """The refusal's message ('' when the text is a date or empty)."""
        refusal = self.refusal()
        return refusal.message if refusal is not None else ""

    def set_iso(self, value: str | date | datetime | QDate | None) -> None:
        """Show a value (ISO text, a date, a QDate); None or '' empties the field."""
        if isinstance(value, QDate):
            value = date(value.year(), value.month(), value.day()) if value.isValid() else None
        if isinstance(value, datetime):
            text = value.strftime(STAMP_FORMAT if self._with_time else DAY_FORMAT)
        elif isinstance(value, date):
            text = value.strftime(DAY_FORMAT) + (" 00:00" if self._with_time else "")
        else:
            text = str(value or "").strip()
            if not self._with_time:
                text = text[:10]
        self.setText(text)
        self._mark()

    setDate = set_iso  # the QDateEdit spelling, for callers and tests that set a date

    def set_today(self) -> None:
        now = datetime.now()
        self.set_iso(now.replace(second=0, microsecond=0) if self._with_time else now.date())

    # ---- typing ----
    def _tidy(self) -> None:
        """On leaving the field: a date typed any accepted way is shown as ISO; other text is marked."""
        try:
            value = self.iso()
        except ValidationError:
            value = None
        if value and value != self.text():
            self.setText(value)
        self._mark()

    def _mark(self) -> None:
        message = self.error()
        self.setProperty("invalid", bool(message))
        self.setStyleSheet("QLineEdit { border: 1px solid #b00000; }" if message else "")
        self.setToolTip(message or self._hint())

    def _hint(self) -> str:
        if self._with_time:
            return self.tr(
                "Type the date and time (2026-08-31 09:30, 2026/8/31 9:30 or 2026年8月31日 9时30分),"
                " or Alt+Down for the calendar"
            )
        return self.tr(
            "Type the date (2026-08-31, 2026/8/31, 2026.8.31, 20260831 or 2026年8月31日), or Alt+Down for the calendar"
        )

    def _changed(self, _text: str) -> None:
        if self.property("invalid") and self.is_valid():
            self._mark()
        value = self.iso_or_none() or ("" if not self.text().strip() else None)
        if value is not None and value != self._last:
            self._last = value
            self.dateChanged.emit(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier):
            self.show_calendar()
            return
        steps = {
            Qt.Key.Key_Up: ("day", 1),
            Qt.Key.Key_Down: ("day", -1),
            Qt.Key.Key_PageUp: ("month", 1),
            Qt.Key.Key_PageDown: ("month", -1),
        }
        if key in steps and not mods & (
            Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier
        ):
            self.step(*steps[key])
            return
        super().keyPressEvent(event)

    def step(self, unit: str, count: int) -> None:
        """Move the date a day or a month (from today when empty); invalid text stays as typed."""
        try:
            value = self._parse_unbounded()
        except ValidationError:
            return
        now = datetime.now().replace(second=0, microsecond=0)
        current = value if value is not None else (now if self._with_time else now.date())
        if unit == "day":
            moved = current + timedelta(days=count)
        else:
            month = current.month - 1 + count
            year = current.year + month // 12
            month = month % 12 + 1
            moved = current.replace(
                year=year, month=month, day=min(current.day, calendar.monthrange(year, month)[1])
            )
        self.set_iso(self._clamp(moved))

    def _parse_unbounded(self):
        return (parse_stamp if self._with_time else parse_day)(self.text(), self.label())

    def _clamp(self, value):
        day = value.date() if isinstance(value, datetime) else value
        bound = None
        if self._minimum is not None and day < self._minimum:
            bound = self._minimum
        if self._maximum is not None and day > self._maximum:
            bound = self._maximum
        if bound is None:
            return value
        return datetime.combine(bound, value.time()) if isinstance(value, datetime) else bound

    # ---- the calendar ----
    def show_calendar(self) -> None:
        if self.isReadOnly() or not self.isEnabled():
            return
        if self.popup is None:
            self.popup = _CalendarPopup(self)
        try:
            current = self._parse_unbounded()
        except ValidationError:
            current = None
        day = current.date() if isinstance(current, datetime) else current
        self.popup.open_at(self, day or date.today(), self._minimum, self._maximum)

    def picked(self, day: date) -> None:
        """The calendar's choice: the date, keeping a typed time."""
        if self._with_time:
            try:
                current = self._parse_unbounded()
            except ValidationError:
                current = None
            clock = current.time() if isinstance(current, datetime) else time(9, 0)
            self.set_iso(datetime.combine(day, clock))
        else:
            self.set_iso(day)
        self.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.EnabledChange, QEvent.Type.ReadOnlyChange):
            self.calendar_action.setEnabled(self.isEnabled() and not self.isReadOnly())


def _as_day(value: date | str | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


class _CalendarPopup(QFrame):
    """The drop-down calendar: Enter or a click takes the date, Esc closes."""

    def __init__(self, field: DateField) -> None:
        super().__init__(field, Qt.WindowType.Popup)
        self.setObjectName("calendarPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.field = field
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("calendar")
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)
        self.calendar.activated.connect(self._take)
        self.calendar.clicked.connect(self._take)

    def open_at(self, field: QWidget, day: date, minimum: date | None, maximum: date | None) -> None:
        self.calendar.setMinimumDate(
            QDate(minimum.year, minimum.month, minimum.day) if minimum else QDate(FIRST_YEAR, 1, 1)
        )
        self.calendar.setMaximumDate(
            QDate(maximum.year, maximum.month, maximum.day) if maximum else QDate(LAST_YEAR, 12, 31)
        )
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.adjustSize()
        below = field.mapToGlobal(QPoint(0, field.height()))
        screen = field.screen().availableGeometry() if field.screen() else None
        if screen is not None:
            x = min(below.x(), screen.right() - self.width())
            y = (
                below.y()
                if below.y() + self.height() <= screen.bottom()
                else field.mapToGlobal(QPoint(0, 0)).y() - self.height()
            )
            below = QPoint(max(screen.left(), x), max(screen.top(), y))
        self.move(below)
        self.show()
        self.calendar.setFocus()

    def _take(self, picked: QDate) -> None:
        self.hide()
        self.field.picked(date(picked.year(), picked.month(), picked.day()))


class DateFieldDelegate(QStyledItemDelegate):
    """A table cell that holds a date is edited in a DateField (the same typing, the same calendar)."""

    def createEditor(self, parent: QWidget, option, index) -> QWidget:
        editor = DateField(parent)
        editor.setObjectName("cellDateField")
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index) -> None:
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model, index) -> None:
        value = editor.iso_or_none() if isinstance(editor, DateField) else None
        model.setData(index, value or editor.text().strip(), Qt.ItemDataRole.EditRole)
