"""Dialogs of the document review tab (调阅资料), each around a forms/review_*.ui and one core operation.

The core's ValidationError appears under the field it names (FormDialog); a Conflict or a refusal
appears at the bottom. The long text forms (reading notes, excerpts) keep unsaved input across a
lock as encrypted drafts (DraftForm) and get it back when reopened.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from app.core import drafts as core_drafts
from app.core.domain.attachments import Attachment
from app.core.domain.review import reading, writes
from app.core.domain.review.reading import Excerpt, Reading
from app.core.domain.review.request_item import Category, RequestItem
from app.ui.date_field import DateField
from app.ui.db_worker import DbWorker
from app.ui.drafts import DraftForm
from app.ui.org.common import FormDialog, fill_combo
from app.ui.review import ops

People = list[tuple[str, str]]


def _text(edit: QLineEdit) -> str:
    return edit.text().strip()


def _day(edit: DateField) -> str:
    """The date typed as 'YYYY-MM-DD' ('' when empty); text that is no date raises, naming the field."""
    return edit.iso() or ""


def item_caption(item: RequestItem) -> str:
    return f"{item.number}. {item.title}（{item.category.label}）"


class _ItemForm(FormDialog):
    """A custody dialog about one item: shows which item at the top."""

    def __init__(self, worker: DbWorker, form: str, item: RequestItem, parent: QWidget | None) -> None:
        super().__init__(worker, form, parent)
        self.item = item
        self.field(QLabel, "itemValue").setText(item_caption(item))
        self.note: QPlainTextEdit | None = self.form.findChild(QPlainTextEdit, "noteEdit")

    def note_text(self) -> str:
        return self.note.toPlainText().strip() if self.note is not None else ""


# ---- the request list -------------------------------------------------------------------------------


class ItemDialog(FormDialog):
    """Add a line to the request list, or correct one (custody has its own dialogs)."""

    def __init__(
        self, worker: DbWorker, inspection_id: str, item: RequestItem | None = None, parent=None
    ) -> None:
        super().__init__(worker, "review_item.ui", parent)
        self.inspection_id, self.item = inspection_id, item
        self.category: QComboBox = self.field(QComboBox, "categoryCombo")
        self.title: QLineEdit = self.field(QLineEdit, "titleEdit")
        self.requested_on: DateField = self.field(DateField, "requestedOnEdit")
        self.period_start: DateField = self.field(DateField, "periodStartEdit")
        self.period_end: DateField = self.field(DateField, "periodEndEdit")
        self.planned: DateField = self.field(DateField, "plannedReturnEdit")
        self.note: QPlainTextEdit = self.field(QPlainTextEdit, "noteEdit")
        choices = [(self.tr("(choose)"), None)] + [(c.label, c.value) for c in Category]
        fill_combo(self.category, choices, item.category.value if item else None)
        if item is None:
            self.setWindowTitle(self.tr("New request item"))
            self.requested_on.set_today()
        else:
            self.setWindowTitle(self.tr("Edit request item"))
            self.title.setText(item.title)
            self.requested_on.setText(item.requested_on)
            self.period_start.setText(item.period_start or "")
            self.period_end.setText(item.period_end or "")
            self.note.setPlainText(item.note)
            # the planned return date is a custody matter once the item exists
            self.form.findChild(QFormLayout, "formLayout").setRowVisible(self.planned, False)

    def operation(self):
        values = {
            "category": self.category.currentData() or "",
            "title": _text(self.title),
            "requested_on": _day(self.requested_on),
            "period_start": _day(self.period_start) or None,
            "period_end": _day(self.period_end) or None,
            "note": self.note.toPlainText().strip(),
        }
        if self.item is None:
            planned = _day(self.planned) or None
            return (lambda s, i, p, v: writes.add_item(s, i, planned_return_on=p, **v)), (
                self.inspection_id,
                planned,
                values,
            )
        return (lambda s, i, v: writes.update_item(s, i, **v)), (self.item.id, values)


# ---- custody ----------------------------------------------------------------------------------------


class ReceiveDialog(_ItemForm):
    def __init__(self, worker: DbWorker, item: RequestItem, people: People, parent=None) -> None:
        super().__init__(worker, "review_receive.ui", item, parent)
        self.received_on: DateField = self.field(DateField, "receivedOnEdit")
        self.volumes: QLineEdit = self.field(QLineEdit, "volumesEdit")
        self.pages: QLineEdit = self.field(QLineEdit, "pagesEdit")
        self.holder: QComboBox = self.field(QComboBox, "holderCombo")
        self.planned: DateField = self.field(DateField, "plannedReturnEdit")
        self.counterpart: QLineEdit = self.field(QLineEdit, "counterpartEdit")
        fill_combo(
            self.holder,
            [(self.tr("(kept in the team's file store)"), None)] + [(name, uid) for uid, name in people],
        )
        self.received_on.set_today()
        self.planned.setText(item.planned_return_on or "")

    def operation(self):
        values = {
            "received_on": _day(self.received_on),
            "volumes": _text(self.volumes) or None,
            "pages": _text(self.pages) or None,
            "holder_id": self.holder.currentData(),
            "planned_return_on": _day(self.planned) or None,
            "counterpart": _text(self.counterpart),
            "note": self.note_text(),
        }
        return (lambda s, i, v: writes.receive_item(s, i, **v)), (self.item.id, values)


class HandOverDialog(_ItemForm):
    def __init__(self, worker: DbWorker, item: RequestItem, people: People, parent=None) -> None:
        super().__init__(worker, "review_hand_over.ui", item, parent)
        self.holder: QComboBox = self.field(QComboBox, "holderCombo")
        self.on: DateField = self.field(DateField, "onEdit")
        choices = [(name, uid) for uid, name in people if uid != item.holder_id]
        if item.holder_id:
            choices.append((self.tr("(back to the team's file store)"), None))
        fill_combo(self.holder, choices)
        self.on.set_today()

    def operation(self):
        return (lambda s, i, h, on, n: writes.hand_over(s, i, h, on=on, note=n)), (
            self.item.id,
            self.holder.currentData(),
            _day(self.on),
            self.note_text(),
        )


class CopiesDialog(_ItemForm):
    def __init__(self, worker: DbWorker, item: RequestItem, parent=None) -> None:
        super().__init__(worker, "review_copies.ui", item, parent)
        self.count: QSpinBox = self.field(QSpinBox, "countSpin")
        self.on: DateField = self.field(DateField, "onEdit")
        self.count.setValue(1)
        self.on.set_today()

    def operation(self):
        return (lambda s, i, c, on, n: writes.record_copies(s, i, c, on=on, note=n)), (
            self.item.id,
            self.count.value(),
            _day(self.on),
            self.note_text(),
        )


class PlannedReturnDialog(_ItemForm):
    def __init__(self, worker: DbWorker, item: RequestItem, parent=None) -> None:
        super().__init__(worker, "review_planned_return.ui", item, parent)
        self.planned: DateField = self.field(DateField, "plannedReturnEdit")
        self.planned.setText(item.planned_return_on or "")

    def operation(self):
        return (lambda s, i, p, n: writes.set_planned_return(s, i, p, note=n)), (
            self.item.id,
            _day(self.planned) or None,
            self.note_text(),
        )


class ReturnDialog(_ItemForm):
    def __init__(self, worker: DbWorker, item: RequestItem, parent=None) -> None:
        super().__init__(worker, "review_return.ui", item, parent)
        self.returned_on: DateField = self.field(DateField, "returnedOnEdit")
        self.returned_to: QLineEdit = self.field(QLineEdit, "returnedToEdit")
        self.returned_on.set_today()

    def operation(self):
        values = {
            "returned_on": _day(self.returned_on),
            "returned_to": _text(self.returned_to),
            "note": self.note_text(),
        }
        return (lambda s, i, v: writes.return_item(s, i, **v)), (self.item.id, values)


# ---- reading ----------------------------------------------------------------------------------------


class _DraftDialog(FormDialog, DraftForm):
    """A long-text dialog whose unsaved input survives a lock (restored when it is opened again)."""

    def start_draft(self, key: str) -> None:
        self.draft_key = key
        self.worker.submit(core_drafts.load_draft, key, on_done=self._draft_loaded)

    def _draft_loaded(self, payload) -> None:
        if payload:
            self.restore_draft(payload)

    def _done(self, result) -> None:
        self.discard_draft(self.worker)
        super()._done(result)


class ReadingDialog(_DraftDialog):
    def __init__(
        self,
        worker: DbWorker,
        item: RequestItem,
        people: People,
        current: Reading | None = None,
        parent=None,
    ) -> None:
        super().__init__(worker, "review_reading.ui", parent)
        self.item, self.current = item, current
        self.field(QLabel, "itemValue").setText(item_caption(item))
        self.reviewer: QComboBox = self.field(QComboBox, "reviewerCombo")
        self.read_on: DateField = self.field(DateField, "readOnEdit")
        self.notes: QPlainTextEdit = self.field(QPlainTextEdit, "notesEdit")
        me = worker.user.id if worker.user is not None else None
        chosen = current.reviewer_id if current else me
        fill_combo(self.reviewer, [(name, uid) for uid, name in people], chosen)
        if current is None:
            self.setWindowTitle(self.tr("New reading notes"))
            self.read_on.set_today()
            self.start_draft(f"documents-reading:new:{item.id}")
        else:
            self.setWindowTitle(self.tr("Edit reading notes"))
            self.read_on.setText(current.read_on)
            self.notes.setPlainText(current.notes)
            self.start_draft(f"documents-reading:{current.id}")

    def operation(self):
        values = {
            "reviewer_id": self.reviewer.currentData(),
            "read_on": _day(self.read_on),
            "notes": self.notes.toPlainText().strip(),
        }
        if self.current is None:
            return (lambda s, i, v: reading.add_reading(s, i, **v)), (self.item.id, values)
        return (lambda s, i, v: reading.update_reading(s, i, **v)), (self.current.id, values)


class ExcerptDialog(_DraftDialog):
    def __init__(
        self,
        worker: DbWorker,
        item: RequestItem,
        readings: list[Reading],
        material: list[Attachment],
        current: Excerpt | None = None,
        parent=None,
    ) -> None:
        super().__init__(worker, "review_excerpt.ui", parent)
        self.item, self.current = item, current
        self.field(QLabel, "itemValue").setText(item_caption(item))
        self.passage: QPlainTextEdit = self.field(QPlainTextEdit, "passageEdit")
        self.location: QLineEdit = self.field(QLineEdit, "locationEdit")
        self.reading: QComboBox = self.field(QComboBox, "readingCombo")
        self.attachment: QComboBox = self.field(QComboBox, "attachmentCombo")
        none = (self.tr("(none)"), None)
        fill_combo(
            self.reading,
            [none] + [(f"{r.reviewer_name} {r.read_on}", r.id) for r in readings],
            current.reading_id if current else None,
        )
        fill_combo(
            self.attachment,
            [none] + [(a.filename, a.id) for a in material],
            current.attachment_id if current else None,
        )
        if current is None:
            self.setWindowTitle(self.tr("New excerpt"))
            self.start_draft(f"documents-excerpt:new:{item.id}")
        else:
            self.setWindowTitle(self.tr("Edit excerpt {label}").format(label=current.label))
            self.passage.setPlainText(current.passage)
            self.location.setText(current.location)
            # what an excerpt was taken from stays as recorded (issues may cite it)
            self.reading.setEnabled(False)
            self.attachment.setEnabled(False)
            self.start_draft(f"documents-excerpt:{current.id}")

    def operation(self):
        passage, location = self.passage.toPlainText().strip(), _text(self.location)
        if self.current is None:
            refs = (self.reading.currentData(), self.attachment.currentData())
            return (
                lambda s, i, p, loc, r: reading.add_excerpt(
                    s, i, passage=p, location=loc, reading_id=r[0], attachment_id=r[1]
                )
            ), (self.item.id, passage, location, refs)
        return (lambda s, i, p, loc: reading.update_excerpt(s, i, passage=p, location=loc)), (
            self.current.id,
            passage,
            location,
        )


# ---- the phase gate ---------------------------------------------------------------------------------


class OverrideDialog(FormDialog):
    """The leader's exception: approve with a reason and move to the next phase, in one step."""

    def __init__(self, worker: DbWorker, data: ops.PanelData, parent=None) -> None:
        super().__init__(worker, "review_override.ui", parent)
        self.inspection = data.inspection
        nxt = data.inspection.phase.next()
        self.field(QLabel, "situationValue").setText(
            self.tr(
                "{n} item(s) are still in the team's custody. Moving from “{a}” to “{b}” needs the "
                "team leader's approval; the reason is recorded and audited."
            ).format(n=data.summary.unreturned, a=data.inspection.phase.label, b=nxt.label if nxt else "—")
        )
        self.reason: QPlainTextEdit = self.field(QPlainTextEdit, "reasonEdit")
        self.on: DateField = self.field(DateField, "onEdit")
        self.on.set_today()

    def operation(self):
        return ops.advance_with_override, (
            self.inspection.id,
            self.reason.toPlainText().strip(),
            _day(self.on),
        )
