"""Working-day deadlines follow the State Council's holidays and make-up working days (调休), from
chinese-calendar; beyond its data a week is an ordinary week and the deadline is an estimate (issue 16)."""

from __future__ import annotations

from datetime import date

from app.core.domain import deadlines
from app.core.domain.deadlines import Deadline


def test_public_holidays_are_skipped_and_make_up_days_count():
    # National Day 2025: 1–8 October off; Sunday 28 September and Saturday 11 October are working days.
    assert deadlines.is_working_day("2025-09-28") and deadlines.is_working_day("2025-10-11")
    assert not deadlines.is_working_day("2025-10-01") and not deadlines.is_working_day("2025-10-08")
    assert deadlines.add_working_days("2025-09-26", 1) == "2025-09-28"  # Friday -> the make-up Sunday
    assert deadlines.add_working_days("2025-09-30", 1) == "2025-10-09"  # over the whole holiday
    assert deadlines.add_working_days("2025-09-30", 2) == "2025-10-10"
    assert deadlines.add_working_days("2025-09-30", 3) == "2025-10-11"  # the make-up Saturday
    # Spring Festival 2026 (15–23 February off, 14 and 28 February worked).
    assert deadlines.working_deadline("2026-02-13", 1) == Deadline("2026-02-14", False)
    assert deadlines.working_days_between("2026-02-13", "2026-02-24") == 2  # 14 Feb and 24 Feb
    # The customary plan deadline: 15 working days after a feedback on the eve of May Day 2026.
    assert deadlines.plan_deadline("2026-04-30") == Deadline("2026-05-25", False)
    assert deadlines.plan_due("2026-04-30") == "2026-05-25"


def test_beyond_the_schedule_a_week_is_ordinary_and_the_deadline_estimated():
    last = deadlines._KNOWN_YEARS[1]
    assert not deadlines.calendar_knows(f"{last + 1}-01-05")
    assert deadlines.calendar_knows(f"{last}-06-01")
    start = date(last + 1, 9, 30)  # would be the eve of National Day, unknown yet: Mon–Fri
    due = deadlines.working_deadline(start, 5)
    assert due.estimated and deadlines.working_days_between(start, due.due) == 5
    weekdays = sum(1 for k in range(1, (date.fromisoformat(due.due) - start).days + 1)
                   if date.fromordinal(start.toordinal() + k).weekday() < 5)  # fmt: skip
    assert weekdays == 5
    # A deadline that runs from a known year into an unknown one is an estimate too.
    crossing = deadlines.plan_deadline(f"{last}-12-25")
    assert crossing.estimated and crossing.due.startswith(f"{last + 1}-01")
    assert deadlines.is_estimated(f"{last}-12-25", crossing.due)
    assert not deadlines.is_estimated("2026-04-30", "2026-05-25")
    assert deadlines.plan_deadline("2026-04-30").estimated is False
    # Before the schedule's first year, the same.
    assert deadlines.working_deadline("2003-06-02", 5) == Deadline("2003-06-09", True)


def _rect(plan_due: str):
    from app.core.domain.register.rectification_record import Completion, Rectification, RectState

    return Rectification(
        id="r-1", issue_id="i-1", goal="", plan_due=plan_due, plan_submitted_on=None, report_due="2027-06-30",
        completion=Completion.NOT_DONE, completion_summary="", state=RectState.OPEN, unit_completed_on=None,
        closed_by=None, closed_on=None, close_opinion="", today="2026-12-20",
    )  # fmt: skip


def test_an_estimated_plan_deadline_is_marked_where_it_is_shown():
    """The record, the panel's text and the printed ledger say "（估算）" after an estimated deadline."""
    from types import SimpleNamespace

    from app.core.printing.rectification_ledger import ledger_rows

    last = deadlines._KNOWN_YEARS[1]
    fed_back = f"{last}-12-20"  # 15 working days from here run into a year the schedule lacks
    customary = deadlines.plan_deadline(fed_back)
    assert customary.estimated
    rect = _rect(customary.due)
    assert rect.plan_due_estimated(fed_back)
    assert rect.plan_due_text(fed_back) == f"{customary.due}（估算）"
    # A date the office set by hand, or a count inside the schedule, is no estimate.
    assert _rect("2027-02-01").plan_due_text(fed_back) == "2027-02-01"
    known = deadlines.plan_deadline(f"{last}-04-30")
    assert not _rect(known.due).plan_due_estimated(f"{last}-04-30")
    assert not rect.plan_due_estimated(None)
    # The printed rectification ledger: a row without measures shows the plan's deadline.
    issue = SimpleNamespace(number="[2026]1巡-1组-01号", title="问题", fed_back_on=fed_back)
    rows, _alerts = ledger_rows([(issue, rect)])
    assert any(f"方案 {customary.due}（估算）" in cell for cell in rows[0])
