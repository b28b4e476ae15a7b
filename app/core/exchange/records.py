"""A record as it travels: its columns by name, sealed fields opened, local columns left out; its hash.

Both sides hash the same form of a record (the canonical JSON of `portable`), so a row unchanged on
either side hashes the same on both, whatever each side's sealed column or search number holds.
"""

from __future__ import annotations

import hashlib

from app.core.exchange.errors import ExchangeError
from app.core.exchange.package import encode
from app.core.exchange.tables import TableSpec, key_clause, key_values
from app.core.security import compartments
from app.core.security.compartment_keys import spec_of
from app.core.session import Session


class Openers:
    """The compartment keys one operation opened, by kind (leads, informants)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._keys: dict[str, compartments.Keys] = {}

    def keys(self, kind: str) -> compartments.Keys:
        if kind not in self._keys:
            self._keys[kind] = compartments.keys_for(self.session, kind)
        return self._keys[kind]


def portable(spec: TableSpec, row, openers: Openers) -> dict:
    """The row's columns by name, without local columns, the sealed fields opened into their columns."""
    out = {k: (bytes(row[k]) if isinstance(row[k], memoryview) else row[k]) for k in row.keys()}
    blob = out.get("sealed", "") if spec.sealed else ""
    for name in spec.local:
        out.pop(name, None)
    if blob:
        values = openers.keys(spec.sealed).values(out["inspection_id"], out["id"], blob, spec.name)
        if values is None:
            raise ExchangeError(
                f"本账号没有打开{'问题线索' if spec.sealed == 'leads' else '信访人信息'}保密分区的密钥，"
                "不能交换这些记录；请由组长（或巡察办）登录后操作。"
            )
        fields = spec_of(spec.sealed, spec.name).fields
        out.update({name: values.get(name, out.get(name)) for name in fields})
    return out


def row_hash(record: dict) -> str:
    return hashlib.sha256(encode(record)).hexdigest()


def fetch(conn, spec: TableSpec, record: dict):
    """The local row with the same key as `record`, or None."""
    return conn.execute(
        f"SELECT * FROM {spec.name} WHERE {key_clause(spec)}", key_values(spec, record)
    ).fetchone()


def scoped_rows(conn, spec: TableSpec, team_id: str):
    order = ", ".join(spec.key)
    return conn.execute(f"SELECT * FROM {spec.name} WHERE {spec.where()} ORDER BY {order}", {"team": team_id})
