"""Rows into records by column name: a dataclass built from a `sqlcipher3.Row`'s named columns.

`record(Unit, row, kind=UnitKind)` fills each field of the dataclass from the column of the same name
(select `n.name AS unit_name` where the names differ) and passes the columns named in the keywords
through their converter. A field the query does not select keeps its default, or the call fails if
it has none, so a column added to a table, or a reordered select list, can never shift data.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


@cache
def _fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.init)


def record(cls: type[T], row: Any, **convert: Callable[[Any], Any]) -> T:
    """An instance of the dataclass `cls` from `row`, each field read by its column name."""
    columns = set(row.keys())
    unknown = set(convert) - columns
    if unknown:
        raise KeyError(f"the query selects no column {', '.join(sorted(unknown))} for {cls.__name__}")
    values = {}
    for name in _fields(cls):
        if name in columns:
            value = row[name]
            values[name] = convert[name](value) if name in convert else value
    return cls(**values)
