"""The 会议 tab: the inspection's meetings in a table, the selected one's details below; new, edit,
delete, attach a file, search the minutes, print the minutes or the sign-in sheet."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QLineEdit, QWidget

from app.core.domain.meetings import printing as meeting_printing
from app.core.domain.meetings import queries, search, writes
from app.core.domain.meetings.types import Meeting, MeetingSummary
from app.ui.db_worker import DbWorker
from app.ui.meetings import ops
from app.ui.meetings.dialogs import MeetingDialog
from app.ui.org.common import Column, RecordTableModel, ask
from app.ui.printing import PrintPreviewDialog
from app.ui.register.base import ListPanel
from app.ui.register.dialogs import open_dialog


def meetings_model(parent) -> RecordTableModel:
    return RecordTableModel(
        [
            Column(
                QCoreApplication.translate("MeetingsPanel", "No."),
                lambda m: f"第{m.number}号",
                lambda m: m.number,
            ),
            Column(QCoreApplication.translate("MeetingsPanel", "Kind"), lambda m: m.kind.label),
            Column(QCoreApplication.translate("MeetingsPanel", "Meeting"), lambda m: m.heading),
            Column(
                QCoreApplication.translate("MeetingsPanel", "Date"),
                lambda m: f"{m.held_on} {m.start_time}".strip(),
            ),
            Column(QCoreApplication.translate("MeetingsPanel", "Place"), lambda m: m.place),
            Column(QCoreApplication.translate("MeetingsPanel", "Chair"), lambda m: m.chair),
            Column(
                QCoreApplication.translate("MeetingsPanel", "Attendees"),
                lambda m: str(m.attendee_count),
                lambda m: m.attendee_count,
            ),
            Column(
                QCoreApplication.translate("MeetingsPanel", "Files"),
                lambda m: str(m.attachment_count or ""),
                lambda m: m.attachment_count,
            ),
        ],
        parent,
    )


class MeetingsPanel(ListPanel):
    KINDS = frozenset({"meeting"})

    def __init__(self, worker: DbWorker, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(worker, inspection_id, parent)
        self.setObjectName("meetingsPanel")
        self.current: Meeting | None = None
        self.hits: set[str] | None = None  # the meetings the last full-text search found
        a = self._action
        self.action_new = a(
            "actionNewMeeting", self.tr("New meeting"), self.new_meeting, QKeySequence.StandardKey.New
        )
        self.action_edit = a(
            "actionEditMeeting", self.tr("Edit"), self.edit_meeting, QKeySequence(Qt.Key.Key_F2)
        )
        self.action_delete = a(
            "actionDeleteMeeting", self.tr("Delete"), self.delete_meeting, QKeySequence(Qt.Key.Key_Delete)
        )
        self.toolbar.addSeparator()
        self.action_attach = a("actionAttachFile", self.tr("Attach a file…"), self.attach_file)
        self.action_minutes = a("actionPrintMinutes", self.tr("Print minutes…"), self.print_minutes)
        self.action_sign_in = a("actionPrintSignIn", self.tr("Print sign-in sheet…"), self.print_sign_in)
        self.toolbar.addSeparator()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("meetingsSearch")
        self.search_edit.setPlaceholderText(self.tr("Search the minutes… (Enter)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaximumWidth(240)
        self.search_edit.returnPressed.connect(self.search)
        self.search_edit.textChanged.connect(lambda text: self._show_hits(None) if not text.strip() else None)
        self.toolbar.addWidget(self.search_edit)
        self._build(meetings_model(self), "meetingsTable")
        self.table.activated.connect(lambda _: self.edit_meeting())
        self.selection_changed()
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        self.worker.submit(
            queries.list_meetings,
            self.inspection_id,
            on_done=lambda rows: self._loaded(rows, select),
            on_error=self.failed,
        )

    def _loaded(self, rows: list[MeetingSummary], select: str | None) -> None:
        self.loaded = True
        keep = select or getattr(self.selected(), "id", None)
        self.model.set_records(rows)
        self.table.resizeColumnsToContents()
        self.summary.setText(
            self.tr("{n} meetings, {p} attendances").format(
                n=len(rows), p=sum(m.attendee_count for m in rows)
            )
        )
        self.select(keep)
        self.selection_changed()

    # ---- search ----
    def search(self) -> None:
        text = self.search_edit.text().strip()
        if not text:
            self._show_hits(None)
            return
        self.worker.submit(
            _search,
            text,
            self.inspection_id,
            on_done=lambda hits: self._show_hits({h.meeting_id for h in hits}),
            on_error=self.failed,
        )

    def _show_hits(self, hits: set[str] | None) -> None:
        self.hits = hits
        self.proxy.set_row_filter(None if hits is None else (lambda m: m.id in hits))

    # ---- the selected meeting ----
    def selection_changed(self) -> None:
        m: MeetingSummary | None = self.selected()
        for action in (
            self.action_edit,
            self.action_delete,
            self.action_attach,
            self.action_minutes,
            self.action_sign_in,
        ):
            action.setEnabled(m is not None)
        if m is None:
            self.current = None
            self.detail.setText(self.tr("Choose a meeting."))
            return
        if self.current is not None and self.current.id == m.id:
            return
        self.worker.submit(queries.get_meeting, m.id, on_done=self._show, on_error=self.failed)

    def _show(self, meeting: Meeting) -> None:
        if getattr(self.selected(), "id", None) != meeting.id:
            return
        self.current = meeting
        rows = [
            (self.tr("Meeting"), f"{meeting.reference}  {meeting.heading}（{meeting.kind.label}）"),
            (self.tr("Time"), f"{meeting.held_on} {meeting.start_time}–{meeting.end_time}".rstrip("–")),
            (self.tr("Place"), meeting.place or "—"),
            (self.tr("Chair / recorder"), f"{meeting.chair or '—'} / {meeting.recorder or '—'}"),
            (self.tr("Attendees"), "、".join(a.name for a in meeting.attendees) or "—"),
            (self.tr("Agenda"), "\n".join(f"{k}. {x}" for k, x in enumerate(meeting.agenda, start=1)) or "—"),
            (self.tr("Minutes"), meeting.minutes or "—"),
            (self.tr("Files"), "、".join(a.filename for a in meeting.attachments) or "—"),
        ]
        self.detail.setText(
            "<table>"
            + "".join(
                f"<tr><td style='color:#555;padding-right:8px;white-space:nowrap'>{escape(k)}</td>"
                f"<td>{escape(v).replace(chr(10), '<br>')}</td></tr>"
                for k, v in rows
            )
            + "</table>"
        )

    def _records_changed(self) -> None:
        self.current = None  # the selected meeting may have changed: read it again
        super()._records_changed()

    # ---- actions ----
    def _open(self, meeting_id: str | None) -> None:
        self.worker.submit(
            ops.open_dialog,
            self.inspection_id,
            meeting_id,
            on_done=lambda data: open_dialog(
                self,
                MeetingDialog(self.worker, self.inspection_id, data.meeting, data.people, self),
                self.saved_record,
            ),
            on_error=self.failed,
        )

    def new_meeting(self) -> None:
        self._open(None)

    def edit_meeting(self) -> None:
        m = self.selected()
        if m is not None:
            self._open(m.id)

    def delete_meeting(self) -> None:
        m = self.selected()
        if m is not None:
            ask(
                self,
                self.tr("Delete meeting No. {n} and its files?").format(n=m.number),
                lambda: self.run(writes.delete_meeting, m.id),
            )

    def choose_file(self) -> str:
        """The file to attach (a native dialog; tests replace this)."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Attach a file to the meeting"),
            "",
            self.tr(
                "Supported files (*.txt *.docx *.xlsx *.pdf *.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff);;All files (*)"
            ),
        )
        return path

    def attach_file(self) -> None:
        m = self.selected()
        if m is None:
            return
        path = self.choose_file()
        if path:
            self.run(ops.attach_file, m.id, path, select=m.id)

    def _print(self, document: str, title: str) -> None:
        m = self.selected()
        if m is None:
            return
        meeting_id = m.id
        self.preview_dialog = PrintPreviewDialog.show_for(
            self.worker,
            self,
            title=title,
            preview=lambda s: meeting_printing.preview(s, meeting_id, document),
            copies=lambda s, count, action: meeting_printing.print_copies(
                s, meeting_id, document, count, action=action
            ),
            classification=m.classification,
            file_name=f"{document.replace('_', '-')}.pdf",
        )

    def print_minutes(self) -> None:
        self._print(meeting_printing.MINUTES, self.tr("Meeting minutes — print preview"))

    def print_sign_in(self) -> None:
        self._print(meeting_printing.SIGN_IN, self.tr("Sign-in sheet — print preview"))


def _search(session, text: str, inspection_id: str):
    return search.search_meetings(session, text, inspection_id=inspection_id)
