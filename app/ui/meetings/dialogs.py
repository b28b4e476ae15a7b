"""The meeting form (forms/meetings_meeting.ui): kind, name, date and time, place, chair and recorder,
agenda (one item a line), attendees (one a line: 姓名，职务，单位; the unit's leadership can be added
with one click), the minutes typed from the keyboard, and the classification."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QPushButton

from app.core.domain.meetings.types import Attendee, Meeting, MeetingForm, MeetingKind
from app.core.domain.meetings.writes import create_meeting, update_meeting
from app.core.security.roles import CLEARANCES
from app.ui.date_field import DateField
from app.ui.db_worker import DbWorker
from app.ui.meetings.ops import attendee_lines, parse_attendees
from app.ui.org.common import FormDialog, fill_combo


class MeetingDialog(FormDialog):
    def __init__(
        self,
        worker: DbWorker,
        inspection_id: str,
        meeting: Meeting | None,
        people: list[Attendee],
        parent=None,
    ) -> None:
        super().__init__(worker, "meetings_meeting.ui", parent)
        self.inspection_id, self.meeting, self.people = inspection_id, meeting, people
        self.setWindowTitle(
            self.tr("Meeting No. {n}").format(n=meeting.number) if meeting else self.tr("New meeting")
        )
        self.kind: QComboBox = self.field(QComboBox, "kindCombo")
        self.title: QLineEdit = self.field(QLineEdit, "titleEdit")
        self.held_on: DateField = self.field(DateField, "heldOnEdit")
        self.start: QLineEdit = self.field(QLineEdit, "startTimeEdit")
        self.end: QLineEdit = self.field(QLineEdit, "endTimeEdit")
        self.place: QLineEdit = self.field(QLineEdit, "placeEdit")
        self.chair: QLineEdit = self.field(QLineEdit, "chairEdit")
        self.recorder: QLineEdit = self.field(QLineEdit, "recorderEdit")
        self.agenda: QPlainTextEdit = self.field(QPlainTextEdit, "agendaEdit")
        self.attendees: QPlainTextEdit = self.field(QPlainTextEdit, "attendeesEdit")
        self.minutes: QPlainTextEdit = self.field(QPlainTextEdit, "minutesEdit")
        self.classification: QComboBox = self.field(QComboBox, "classificationCombo")
        self.field(QPushButton, "leadershipButton").clicked.connect(self.add_leadership)
        self.field(QPushButton, "leadershipButton").setEnabled(bool(people))
        self.start.setPlaceholderText("09:00")
        self.end.setPlaceholderText("11:00")
        self.title.setPlaceholderText(self.tr("Blank: the kind of meeting"))
        self.agenda.setPlaceholderText(self.tr("One item a line"))
        self.attendees.setPlaceholderText(self.tr("One person a line: name, position, unit"))
        self.attendees.setMinimumHeight(110)
        fill_combo(
            self.kind, [(k.label, k.value) for k in MeetingKind], meeting.kind.value if meeting else None
        )
        fill_combo(
            self.classification, [(c, c) for c in CLEARANCES], meeting.classification if meeting else "秘密"
        )
        if meeting is None:
            self.held_on.set_today()
            return
        self.title.setText(meeting.title)
        self.held_on.set_iso(meeting.held_on)
        self.start.setText(meeting.start_time)
        self.end.setText(meeting.end_time)
        self.place.setText(meeting.place)
        self.chair.setText(meeting.chair)
        self.recorder.setText(meeting.recorder)
        self.agenda.setPlainText("\n".join(meeting.agenda))
        self.attendees.setPlainText(attendee_lines(meeting.attendees))
        self.minutes.setPlainText(meeting.minutes)

    def add_leadership(self) -> None:
        """Append the unit's leadership members not yet listed."""
        listed = {a.name for a in parse_attendees(self.attendees.toPlainText(), self.people)}
        missing = [p for p in self.people if p.name not in listed]
        if not missing:
            return
        text = self.attendees.toPlainText().rstrip("\n")
        self.attendees.setPlainText((text + "\n" if text else "") + attendee_lines(missing))

    def form_value(self) -> MeetingForm:
        return MeetingForm(
            kind=self.kind.currentData(),
            held_on=self.held_on.iso_or_text(),
            start_time=self.start.text(),
            end_time=self.end.text(),
            title=self.title.text(),
            place=self.place.text(),
            chair=self.chair.text(),
            recorder=self.recorder.text(),
            agenda=[line for line in self.agenda.toPlainText().splitlines() if line.strip()],
            minutes=self.minutes.toPlainText(),
            attendees=parse_attendees(self.attendees.toPlainText(), self.people),
            classification=self.classification.currentData() or "秘密",
        )

    def operation(self):
        form = self.form_value()
        if self.meeting is not None:
            form.protection_years = self.meeting.protection_years
            return update_meeting, (self.meeting.id, form)
        return create_meeting, (self.inspection_id, form)
