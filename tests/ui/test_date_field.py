"""The one date field: the usual ways of writing a date are taken, other text is refused by the field's
name, the calendar drops down, and every date entry of every form and dialog is this field."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableView,
)

from app import paths
from app.core.domain.organisation import terms
from app.core.errors import ValidationError
from app.ui.date_field import DateField, parse_day, parse_stamp
from app.ui.forms import load_form
from app.ui.org.dialogs import RoundDialog, TermDialog
from tests.ui.conftest import grab

FORMS = sorted(p.name for p in paths.form("x").parent.glob("*.ui"))
UI_SOURCES = sorted(Path(paths.form("x")).parent.parent.joinpath("app", "ui").rglob("*.py"))

# What a date entry is called in the forms: its name, its label or its hint says so.
DATE_NAME = re.compile(
    r"(On|Date|Due|Since|Until|From|To|Start|End)(Edit)?$|^(date|deadline|since|until)", re.I
)
DATE_WORDS = re.compile(r"日期|时间|期限|起止|开始|结束")


@pytest.mark.parametrize(
    "typed",
    [
        "2026-08-31",
        "2026/08/31",
        "2026.8.31",
        "2026-8-31",
        "20260831",
        "2026年8月31日",
        "2026 年 8 月 31 日",
        "２０２６－０８－３１",  # full-width, as a Chinese input method types it
        "2026/8/31",
        "  2026.08.31 ",
    ],
)
def test_the_usual_ways_of_writing_a_date_are_taken(typed):
    assert parse_day(typed, "受理日期") == date(2026, 8, 31)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2026-02-30", "受理日期有误：2026年2月只有 28 天（填的是 30 日）。"),
        ("2028-02-30", "受理日期有误：2028年2月只有 29 天（填的是 30 日）。"),
        ("2026-13-01", "受理日期的月份须在 1 到 12 之间（填的是 13）。"),
        ("2026-00-10", "受理日期的月份须在 1 到 12 之间（填的是 0）。"),
        ("0026-08-31", "受理日期的年份 26 不在 1900 到 2099 之间。"),
        ("明天", "受理日期“明天”不是日期，请按 2026-08-31 填写（也可用 /、. 或 年月日）。"),
        ("26-8-31", "受理日期“26-8-31”不是日期"),
        ("2026-08-31 09:30", "受理日期“2026-08-31 09:30”不是日期"),
    ],
)
def test_other_text_is_refused_naming_the_field(typed, message):
    with pytest.raises(ValidationError) as refused:
        parse_day(typed, "受理日期")
    assert str(refused.value).startswith(message)


def test_a_date_and_time():
    expected = datetime(2026, 8, 31, 9, 30)
    for typed in (
        "2026-08-31 09:30",
        "2026/8/31 9:30",
        "2026年8月31日 9时30分",
        "2026年8月31日9:30",
        "20260831 0930",
    ):
        assert parse_stamp(typed, "谈话开始时间") == expected, typed
    assert parse_stamp("2026.8.31 14点", "谈话开始时间") == datetime(2026, 8, 31, 14, 0)
    with pytest.raises(ValidationError, match="谈话开始时间还须填写时间"):
        parse_stamp("2026-08-31", "谈话开始时间")
    with pytest.raises(ValidationError, match="谈话开始时间的时间 25:10 无效"):
        parse_stamp("2026-08-31 25:10", "谈话开始时间")
    assert parse_stamp("", "谈话开始时间") is None


def _form_field(qtbot, form_name: str, name: str) -> tuple:
    form = load_form(form_name)
    qtbot.addWidget(form)
    return form, form.findChild(DateField, name)


def test_typing_is_tidied_when_leaving_the_field(qtbot):
    form, field = _form_field(qtbot, "register_lead.ui", "receivedOnEdit")
    form.show()
    field.setFocus()
    qtbot.keyClicks(field, "2026.8.31")
    field.editingFinished.emit()
    assert field.text() == "2026-08-31" and field.iso() == "2026-08-31"
    assert field.property("invalid") is False
    field.clear()
    qtbot.keyClicks(field, "2026-02-30")
    field.editingFinished.emit()
    assert field.text() == "2026-02-30"  # left as typed, for the user to correct
    assert field.property("invalid") is True and "只有 28 天" in field.toolTip()
    with pytest.raises(ValidationError) as refused:
        field.iso()
    # named by its label (受理日期, the buddy label's text) and routed to the form's error label
    assert refused.value.field == "received_on" and str(refused.value).startswith("受理日期有误")
    assert form.findChild(QLabel, f"{refused.value.field}Error") is not None
    field.clear()
    assert field.iso() is None and field.property("invalid") is False


def test_keys_move_the_date_and_open_the_calendar(qtbot):
    form, field = _form_field(qtbot, "register_lead.ui", "receivedOnEdit")
    form.show()
    field.set_iso("2026-01-31")
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.text() == "2026-02-01"
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_PageUp)
    assert field.text() == "2026-02-28"  # a month on, the day kept where the month allows
    qtbot.keyClick(field, Qt.Key.Key_PageDown)
    assert field.text() == "2026-01-28"
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = field.popup
    assert popup is not None and popup.isVisible()
    calendar = popup.findChild(QCalendarWidget)
    assert calendar.selectedDate() == QDate(2026, 1, 28)
    grab(form, "date-field-calendar-form.png")
    grab(popup, "date-field-calendar.png")
    calendar.setSelectedDate(QDate(2026, 3, 5))
    qtbot.keyClick(calendar.findChild(QTableView), Qt.Key.Key_Return)  # Enter in the day grid
    assert not popup.isVisible() and field.text() == "2026-03-05"
    field.clear()
    qtbot.keyClick(field, Qt.Key.Key_F4)
    assert field.popup.isVisible()
    assert field.popup.calendar.selectedDate() == QDate.currentDate()  # an empty field starts at today
    field.popup.hide()


def test_bounds_are_refused_by_name_and_the_keys_stop_at_them(qtbot):
    form, field = _form_field(qtbot, "talks_sign.ui", "signedOnEdit")
    form.show()
    today = date.today()
    field.set_range("2026-03-10", today)
    field.set_iso("2026-03-09")
    with pytest.raises(ValidationError, match="^签字日期不能早于 2026-03-10。$"):
        field.iso()
    field.set_iso(today + timedelta(days=1))
    with pytest.raises(ValidationError, match=f"不能晚于 {today.isoformat()}"):
        field.iso()
    field.set_iso(today)
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.iso() == today.isoformat()  # the key stops at the latest date


def test_the_talk_times_take_a_date_and_a_time(qtbot):
    form = load_form("talks_editor.ui")
    qtbot.addWidget(form)
    start = form.findChild(DateField, "startEdit")
    start.set_with_time(True)
    start.set_field("start_at")
    start.setText("2026/3/15 9:05")
    assert start.iso() == "2026-03-15 09:05"
    start.setText("2026/3/15")
    refusal = start.refusal()
    assert refusal is not None and refusal.field == "start_at" and "还须填写时间" in refusal.message
    start.set_iso("2026-03-15 09:05")
    start.picked(date(2026, 3, 16))  # the calendar changes the day and keeps the time
    assert start.iso() == "2026-03-16 09:05"


def test_a_dialog_saves_a_date_typed_with_slashes_and_refuses_a_wrong_one(qtbot, worker, sign_in, login):
    sign_in("office")
    dialog = TermDialog(worker)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("中共某市委第十届")
    dialog.starts_on.setFocus()
    qtbot.keyClicks(dialog.starts_on, "2031/02/29")
    dialog.submit()
    assert dialog.error_text("starts_on") == "开始日期有误：2031年2月只有 28 天（填的是 29 日）。"
    assert not dialog.busy  # refused by the field itself, nothing sent to the core
    grab(dialog, "date-field-refused.png")
    dialog.starts_on.clear()
    commit = QInputMethodEvent()  # Chinese arrives as an input method's commit, not as keys
    commit.setCommitString("2031年3月1日")
    QApplication.sendEvent(dialog.starts_on, commit)
    assert dialog.starts_on.text() == "2031年3月1日"
    saved = []
    dialog.saved.connect(saved.append)
    dialog.submit()
    qtbot.waitUntil(lambda: bool(saved), timeout=10000)
    office = login("office")
    term = next(t for t in terms.list_terms(office) if t.name == "中共某市委第十届")
    assert term.starts_on == "2031-03-01" and term.ends_on is None


def test_a_batch_cell_is_edited_in_the_date_field(qtbot, worker, sign_in, login):
    office = login("office")
    with office.transaction():
        term = terms.create_term(office, "中共某市委第十一届", "2031-01-01")
    sign_in("office")
    dialog = RoundDialog(worker, term.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ready, timeout=10000)
    row = dialog.add_batch_row()
    table = dialog.batches
    table.setCurrentCell(row, 1)
    table.editItem(table.item(row, 1))
    editor = table.findChild(DateField, "cellDateField")
    assert editor is not None  # the cell's editor is the common field
    editor.setText("2031.4.1")
    table.commitData(editor)
    assert table.item(row, 1).text() == "2031-04-01"
    table.item(row, 2).setText("2031/4/31")
    with pytest.raises(ValidationError) as refused:
        dialog.batch_rows()
    assert refused.value.field == "batches"
    assert str(refused.value) == "第 1 行的结束日期有误：2031年4月只有 30 天（填的是 31 日）。"
    table.item(row, 2).setText("2031年4月30日")
    assert dialog.batch_rows()[0][2:] == ("2031-04-01", "2031-04-30")


# ---- every date entry is the one field ----------------------------------------------------------


def _label_of(form, widget) -> str:
    return " ".join(label.text() for label in form.findChildren(QLabel) if label.buddy() is widget)


def _not_common(form) -> list[str]:
    found = []
    for widget in form.findChildren(QDateTimeEdit):  # QDateEdit is one too
        if not isinstance(widget.parentWidget(), DateField):
            found.append(f"{type(widget).__name__} {widget.objectName()}")
    for widget in form.findChildren(QCalendarWidget):
        found.append(f"QCalendarWidget {widget.objectName()}")
    for edit in form.findChildren(QLineEdit):
        if isinstance(edit, DateField) or isinstance(edit.parentWidget(), QAbstractSpinBox):
            continue
        name = edit.objectName()
        said = f"{edit.placeholderText()} {_label_of(form, edit)}"
        if (name and DATE_NAME.search(name) and DATE_WORDS.search(said + name)) or re.search(
            r"YYYY|年-月-日|\d{4}-\d{2}-\d{2}", said
        ):
            found.append(f"QLineEdit {name} ({said.strip()})")
    return found


@pytest.mark.parametrize("name", FORMS)
def test_every_date_entry_of_every_form_is_the_common_field(qtbot, name):
    form = load_form(name)
    qtbot.addWidget(form)
    assert _not_common(form) == []
    errors = {
        label.objectName() for label in form.findChildren(QLabel) if label.objectName().endswith("Error")
    }
    for field in form.findChildren(DateField):
        assert _label_of(form, field) or field.placeholderText(), field.objectName()  # messages can name it
        in_form_row = any(layout.indexOf(field) >= 0 for layout in form.findChildren(QFormLayout))
        if errors and in_form_row:  # a refusal shows under the field, not at the foot of the form
            assert f"{field.field_name()}Error" in errors, (name, field.objectName())


def test_the_walk_finds_a_date_entry_that_is_not_the_common_field(qtbot):
    form = load_form("register_lead.ui")
    qtbot.addWidget(form)
    QDateEdit(form).setObjectName("sneakyOnEdit")
    stray = QLineEdit(form)
    stray.setObjectName("returnedOnEdit")
    stray.setPlaceholderText("年-月-日")
    assert _not_common(form) == ["QDateEdit sneakyOnEdit", "QLineEdit returnedOnEdit (年-月-日)"]


def test_no_code_builds_another_kind_of_date_entry():
    """Dialogs built in code (not from a form) use the field too: no other date widget in app/ui."""
    offenders = []
    for source in UI_SOURCES:
        if source.name == "date_field.py":
            continue
        text = source.read_text(encoding="utf-8")
        for kind in ("QDateEdit", "QDateTimeEdit", "QCalendarWidget", "QTimeEdit"):
            if kind in text:
                offenders.append(f"{source.name}: {kind}")
    assert offenders == []
    assert len(UI_SOURCES) > 50
