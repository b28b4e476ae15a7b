"""Customary deadlines: working days (Mon–Fri) and calendar months, on ISO dates.

Rectification plan: 15 working days after feedback; rectification report: 3 months after feedback;
report back on a transferred lead: 3 months after transfer. Public holidays and the swapped working
weekends (调休) are not known to the program, so deadlines count Monday to Friday; every default can
be changed on the record.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

PLAN_WORKING_DAYS = 15
REPORT_MONTHS = 3
LEAD_REPORT_MONTHS = 3


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def add_working_days(start: date | str, days: int) -> str:
    """The date `days` working days after `start` (start itself not counted)."""
    current = _as_date(start)
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current.isoformat()


def working_days_between(start: date | str, end: date | str) -> int:
    """How many working days fall after `start` up to and including `end` (0 if end <= start)."""
    a, b = _as_date(start), _as_date(end)
    n = 0
    while a < b:
        a += timedelta(days=1)
        if a.weekday() < 5:
            n += 1
    return n


def add_months(start: date | str, months: int) -> str:
    """Same day `months` later, clamped to the month's end (2026-11-30 + 3 -> 2027-02-28)."""
    d = _as_date(start)
    total = d.month - 1 + months
    year, month = d.year + total // 12, total % 12 + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day).isoformat()


def plan_due(fed_back_on: date | str) -> str:
    return add_working_days(fed_back_on, PLAN_WORKING_DAYS)


def report_due(fed_back_on: date | str) -> str:
    return add_months(fed_back_on, REPORT_MONTHS)


def lead_report_due(transferred_on: date | str) -> str:
    return add_months(transferred_on, LEAD_REPORT_MONTHS)


def today() -> str:
    return date.today().isoformat()
