"""Shared validation and SQL helpers for the domain modules (input checks with Chinese messages)."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from app.core.errors import Conflict, NotFound, ValidationError
from app.core.security import audit as audit_trail
from app.core.store.connection import IntegrityError

E = TypeVar("E", bound=StrEnum)


def text(value: Any, field: str, label: str, *, required: bool = True, max_len: int = 100) -> str:
    """A trimmed single-line text; empty is refused when required."""
    result = str(value or "").strip()
    if required and not result:
        raise ValidationError(f"请填写{label}。", field=field)
    if len(result) > max_len:
        raise ValidationError(f"{label}不能超过 {max_len} 个字。", field=field)
    if "\n" in result or "\r" in result:
        raise ValidationError(f"{label}不能换行。", field=field)
    return result


def long_text(value: Any, field: str, label: str, *, required: bool = True, max_len: int = 2000) -> str:
    result = str(value or "").strip()
    if required and not result:
        raise ValidationError(f"请填写{label}。", field=field)
    if len(result) > max_len:
        raise ValidationError(f"{label}不能超过 {max_len} 个字。", field=field)
    return result


def iso_date(value: Any, field: str, label: str, *, required: bool = True) -> str | None:
    """A date as 'YYYY-MM-DD' (a datetime.date is accepted too); None when optional and empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(f"请填写{label}。", field=field)
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
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


def positive_int(value: Any, field: str, label: str, *, maximum: int = 999) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError(f"{label}须为整数。", field=field) from None
    if isinstance(value, float) and value != number:
        raise ValidationError(f"{label}须为整数。", field=field)
    if not 1 <= number <= maximum:
        raise ValidationError(f"{label}须在 1 到 {maximum} 之间。", field=field)
    return number


PHONE = re.compile(r"^[0-9+\-() ]{3,20}$")


def phone(value: Any, field: str, label: str) -> str:
    result = str(value or "").strip()
    if result and not PHONE.match(result):
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


def must_exist(conn, table: str, record_id: Any, what: str, field: str | None = None) -> None:
    if not record_id or conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (record_id,)).fetchone() is None:
        if field:
            raise ValidationError(f"请选择有效的{what}。", field=field)
        raise NotFound(f"找不到该{what}。")
