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
