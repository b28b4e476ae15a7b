"""Shared validation and SQL helpers for the domain modules (input checks with Chinese messages).

Every text a user types passes `text` (one line) or `long_text` (several lines): both trim it, cap its
length and refuse characters that have no business in a record and could disguise a printed name
(NUL and other control characters, bidirectional overrides and isolates, unpaired surrogates).
Numbers pass `integer` / `positive_int` (no booleans, no fractions, no NaN or infinity) or `amount_fen`.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

from app.core.errors import Conflict, NotFound, ValidationError
from app.core.security import audit as audit_trail
from app.core.store.connection import IntegrityError

E = TypeVar("E", bound=StrEnum)


# Bidirectional embeddings, overrides, isolates and marks: they reorder what a reader sees.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_SURROGATES = "\ud800-\udfff"  # unpaired halves (from a broken paste or a file) cannot be stored
# One line: no control character at all (C0, DEL, C1), no line or paragraph separator.
_BAD_IN_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}{_SURROGATES}]")
# Several lines: tab, line feed and carriage return are allowed.
_BAD_IN_LONG = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}{_SURROGATES}]")


def _as_text(value: Any) -> str:
    return str(value or "").strip()


def _refuse_characters(result: str, pattern: re.Pattern, field: str, label: str) -> None:
    bad = pattern.search(result)
    if bad is None:
        return
    ch = bad.group()
    if ch in "\n\r\u2028\u2029":
        raise ValidationError(f"{label}不能换行。", field=field)
    raise ValidationError(
        f"{label}含有不允许的字符（U+{ord(ch):04X}，控制字符或文字方向控制符），请删除后重试。", field=field
    )


def text(value: Any, field: str, label: str, *, required: bool = True, max_len: int = 100) -> str:
    """A trimmed single-line text; empty is refused when required, so are control and bidi characters."""
    result = _as_text(value)
    if required and not result:
        raise ValidationError(f"请填写{label}。", field=field)
    if len(result) > max_len:
        raise ValidationError(f"{label}不能超过 {max_len} 个字。", field=field)
    _refuse_characters(result, _BAD_IN_LINE, field, label)
    return result


def long_text(value: Any, field: str, label: str, *, required: bool = True, max_len: int = 2000) -> str:
    """A trimmed text of several lines (tab and line ends allowed; other controls and bidi refused)."""
    result = _as_text(value)
    if required and not result:
        raise ValidationError(f"请填写{label}。", field=field)
    if len(result) > max_len:
        raise ValidationError(f"{label}不能超过 {max_len} 个字。", field=field)
    _refuse_characters(result, _BAD_IN_LONG, field, label)
    return result


def iso_date(value: Any, field: str, label: str, *, required: bool = True) -> str | None:
    """A date as 'YYYY-MM-DD' (a datetime.date is accepted too); None when optional and empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(f"请填写{label}。", field=field)
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except (ValueError, TypeError):
        raise ValidationError(f"{label}须为有效日期（如 2026-03-01）。", field=field) from None


def date_order(start: str | None, end: str | None, field: str, label: str) -> None:
    if start and end and end < start:
        raise ValidationError(f"{label}不能早于开始日期。", field=field)


def choice(enum_cls: type[E], value: Any, field: str, label: str) -> E:
    try:
        return enum_cls(value)
    except ValueError:
        options = "、".join(getattr(m, "label", m.value) for m in enum_cls)
        raise ValidationError(f"{label}须为 {options} 之一。", field=field) from None


_INTEGER = re.compile(r"[+-]?\d{1,15}")


def integer(value: Any, field: str, label: str, *, minimum: int = 0, maximum: int = 999) -> int:
    """A whole number in [minimum, maximum]: an int, a float without a fraction, or digits as text.

    Refused (naming the field): booleans, fractions (2.5 is not taken as 2), NaN and infinity, other types.
    """
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float | Decimal):
        finite = value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)
        if finite and value == int(value):
            number = int(value)
    elif isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        number = int(value.strip())
    if number is None:
        raise ValidationError(f"{label}须为整数。", field=field)
    if not minimum <= number <= maximum:
        raise ValidationError(f"{label}须在 {minimum} 到 {maximum} 之间。", field=field)
    return number


def positive_int(value: Any, field: str, label: str, *, maximum: int = 999) -> int:
    return integer(value, field, label, minimum=1, maximum=maximum)


def _yuan(n: int) -> str:
    return "一万亿元" if n == 10**12 else f" {n} 元"


def amount_fen(value: Any, field: str, label: str, *, maximum_yuan: int = 10**12) -> int:
    """An amount of money in yuan (text or number, ',' allowed, at most two decimals) as whole fen.

    Refused (naming the field): booleans, NaN, infinity, negatives, more than `maximum_yuan`.
    """
    if isinstance(value, bool):
        raise ValidationError(f"{label}须为数字（单位：元）。", field=field)
    raw = "0" if value is None else str(value).strip().replace(",", "") or "0"
    try:
        amount = Decimal(raw) if len(raw) <= 40 else Decimal("NaN")
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite():
        raise ValidationError(f"{label}须为数字（单位：元）。", field=field)
    if amount < 0 or amount > maximum_yuan:
        raise ValidationError(f"{label}须在 0 到{_yuan(maximum_yuan)}之间。", field=field)
    fen = amount * 100
    if fen != fen.to_integral_value():
        raise ValidationError(f"{label}最多保留两位小数。", field=field)
    return int(fen)


PHONE = re.compile(r"^[0-9+\-() ]{3,20}$")


def phone(value: Any, field: str, label: str) -> str:
    result = _as_text(value)
    if result and not PHONE.fullmatch(result):
        raise ValidationError(f"{label}只能包含数字、空格、+、- 和括号，长度 3–20。", field=field)
    return result


def now() -> str:
    return audit_trail.now_iso()


def insert(conn, table: str, values: dict[str, Any]) -> None:
    """INSERT one row; table and column names are constants of the calling module."""
    cols = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(values.values()))


def update(conn, table: str, record_id: str, values: dict[str, Any]) -> None:
    """UPDATE one row by id, stamping updated_at."""
    values = {**values, "updated_at": now()}
    sets = ", ".join(f"{c} = ?" for c in values)
    conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", (*values.values(), record_id))


def delete(conn, table: str, record_id: str, what: str) -> None:
    """DELETE one row; a reference added by a later module still refuses it, as a Conflict."""
    try:
        conn.execute(f"DELETE FROM {table} WHERE id = ?", (record_id,))
    except IntegrityError:
        raise Conflict(f"该{what}仍有其他记录引用，不能删除。") from None


def count(conn, sql: str, params: tuple = ()) -> int:
    return int(conn.execute(sql, params).fetchone()[0])


def refuse_if(conn, sql: str, params: tuple, message: str) -> None:
    """Raise Conflict(message with {n}) when the count query finds dependants."""
    n = count(conn, sql, params)
    if n:
        raise Conflict(message.format(n=n))


def _plausible_id(record_id: Any) -> bool:
    """An id as the app makes them: a short text that SQLite can bind (no unpaired surrogate)."""
    return isinstance(record_id, str) and 0 < len(record_id) <= 100 and not _SURROGATE.search(record_id)


_SURROGATE = re.compile(f"[{_SURROGATES}]")


def chosen_id(value: Any, field: str, what: str) -> str | None:
    """The id of a record chosen from a list: None when none was chosen; refused (naming the field)
    when it cannot be an id at all (not text, too long, an unpaired surrogate SQLite cannot bind)."""
    if value is None or value == "":
        return None
    if not _plausible_id(value):
        raise ValidationError(f"请选择有效的{what}。", field=field)
    return value


def must_exist(conn, table: str, record_id: Any, what: str, field: str | None = None) -> None:
    if (
        not _plausible_id(record_id)
        or conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (record_id,)).fetchone() is None
    ):
        if field:
            raise ValidationError(f"请选择有效的{what}。", field=field)
        raise NotFound(f"找不到该{what}。")
