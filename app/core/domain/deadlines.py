"""Customary deadlines: working days and calendar months, on ISO dates.

Rectification plan: 15 working days after feedback; rectification report: 3 months after feedback;
report back on a transferred lead: 3 months after transfer; every default can be changed on the
record. Working days follow the State Council's schedule of public holidays and make-up working
days (调休), from the `chinese-calendar` package; a day beyond the years it knows counts as in an
ordinary week (Monday to Friday), and a deadline that counted such a day is an estimate:
`working_deadline` and `plan_deadline` say so (Deadline.estimated), for the views that show it.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar

PLAN_WORKING_DAYS = 15
REPORT_MONTHS = 3
LEAD_REPORT_MONTHS = 3


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


@dataclass(frozen=True)
class Deadline:
    due: str  # ISO date
    estimated: bool = False  # some day counted lies beyond the holiday schedule: counted Mon–Fri


def calendar_knows(day: date | str) -> bool:
    """Whether the holiday schedule covers the year of `day`."""
    year = _as_date(day).year
    return _KNOWN_YEARS[0] <= year <= _KNOWN_YEARS[1]


def _known_years() -> tuple[int, int]:
    years = {d.year for d in (*chinese_calendar.holidays, *chinese_calendar.workdays)}
    return min(years), max(years)


_KNOWN_YEARS = _known_years()


def is_working_day(day: date | str) -> bool:
    """A working day by the State Council's schedule; beyond it, Monday to Friday."""
    d = _as_date(day)
    if calendar_knows(d):
        return chinese_calendar.is_workday(d)
    return d.weekday() < 5


def working_deadline(start: date | str, days: int) -> Deadline:
    """The date `days` working days after `start` (start itself not counted), and whether it is an
    estimate (a day on the way lies beyond the holiday schedule)."""
    current = _as_date(start)
    remaining = days
    estimated = False
    while remaining > 0:
        current += timedelta(days=1)
        estimated = estimated or not calendar_knows(current)
        if is_working_day(current):
            remaining -= 1
    return Deadline(current.isoformat(), estimated)


def add_working_days(start: date | str, days: int) -> str:
    """The date `days` working days after `start` (start itself not counted)."""
    return working_deadline(start, days).due


def working_days_between(start: date | str, end: date | str) -> int:
    """How many working days fall after `start` up to and including `end` (0 if end <= start)."""
    a, b = _as_date(start), _as_date(end)
    n = 0
    while a < b:
        a += timedelta(days=1)
        if is_working_day(a):
            n += 1
    return n


def is_estimated(start: date | str, due: date | str) -> bool:
    """Whether a working-day deadline from `start` to `due` counted a day beyond the schedule."""
    return not (calendar_knows(start) and calendar_knows(due))


def add_months(start: date | str, months: int) -> str:
    """Same day `months` later, clamped to the month's end (2026-11-30 + 3 -> 2027-02-28)."""
    d = _as_date(start)
    total = d.month - 1 + months
    year, month = d.year + total // 12, total % 12 + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day).isoformat()


def plan_deadline(fed_back_on: date | str) -> Deadline:
    """The rectification plan's deadline, with its estimated flag."""
    return working_deadline(fed_back_on, PLAN_WORKING_DAYS)


def plan_due(fed_back_on: date | str) -> str:
    return plan_deadline(fed_back_on).due


def report_due(fed_back_on: date | str) -> str:
    return add_months(fed_back_on, REPORT_MONTHS)


def lead_report_due(transferred_on: date | str) -> str:
    return add_months(transferred_on, LEAD_REPORT_MONTHS)


def today() -> str:
    return date.today().isoformat()
