"""Writing a received record into the local table: only known columns, local columns kept local.

A row's columns must all exist in the table and its key must be text; a talk gets the next local
search number when it is new (the team's own number means nothing here); a record of a sealed kind
is written with its fields in the clear inside the transaction, then sealed into the local
compartment (`seal_pending`) before the transaction ends, so no plaintext of it is ever committed.
"""

from __future__ import annotations

from app.core.exchange.errors import DAMAGED, ExchangeError
from app.core.exchange.records import Openers
from app.core.exchange.tables import TableSpec, columns, key_clause, key_values
from app.core.security.compartment_keys import seal_record, spec_of

NO_KEY = "本账号没有该巡察组{what}保密分区的密钥，不能合并这些记录；未做任何更改。"


class RowWriter:
    def __init__(self, conn) -> None:
        self.conn = conn
        self._columns: dict[str, set[str]] = {}
        self.to_seal: list[tuple[TableSpec, dict]] = []

    def check(self, spec: TableSpec, row) -> dict:
        if not isinstance(row, dict):
            raise ExchangeError(DAMAGED)
        if spec.name not in self._columns:
            self._columns[spec.name] = set(columns(self.conn, spec.name))
        known = self._columns[spec.name] - set(spec.local)
        if not set(row) <= known or any(not _key_value(row.get(k)) for k in spec.key):
            raise ExchangeError(DAMAGED)
        if not all(v is None or isinstance(v, (str, int, float, bytes)) for v in row.values()):
            raise ExchangeError(DAMAGED)  # a list or an object where a column value belongs
        return row

    def insert(self, spec: TableSpec, row: dict) -> None:
        values = dict(row)
        if spec.name == "talks":
            (values["doc_no"],) = self.conn.execute(
                "SELECT COALESCE(MAX(doc_no), 0) + 1 FROM talks"
            ).fetchone()
        names = list(values)
        self.conn.execute(
            f"INSERT INTO {spec.name} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})",
            [values[n] for n in names],
        )
        self._sealed(spec, row)

    def update(self, spec: TableSpec, row: dict) -> None:
        names = [n for n in row if n not in spec.key]
        extra = ", sealed = ''" if spec.sealed else ""
        self.conn.execute(
            f"UPDATE {spec.name} SET {', '.join(f'{n} = ?' for n in names)}{extra} WHERE {key_clause(spec)}",
            [*(row[n] for n in names), *key_values(spec, row)],
        )
        self._sealed(spec, row)

    def _sealed(self, spec: TableSpec, row: dict) -> None:
        if spec.sealed and (not spec.sealed_if or row.get(spec.sealed_if)):
            self.to_seal.append((spec, row))

    def seal_pending(self, openers: Openers) -> int:
        """Seal every received record of a sealed kind into this workstation's compartment."""
        for spec, row in self.to_seal:
            opened = openers.keys(spec.sealed).get(row["inspection_id"], create=True)
            if opened is None:
                raise ExchangeError(
                    NO_KEY.format(what="问题线索" if spec.sealed == "leads" else "信访人信息")
                )
            compartment, key = opened
            seal_record(
                self.conn, spec.sealed, compartment, key, row["id"], row, spec_of(spec.sealed, spec.name)
            )
        count, self.to_seal = len(self.to_seal), []
        return count


def in_scope(conn, spec: TableSpec, row: dict, team_id: str) -> bool:
    """Whether a written record belongs to the sending team (a team writes nothing of anyone else's)."""
    found = conn.execute(
        f"SELECT 1 FROM {spec.name} WHERE "
        + " AND ".join(f"{k} = :k{i}" for i, k in enumerate(spec.key))
        + f" AND ({spec.where()})",
        {**{f"k{i}": v for i, v in enumerate(key_values(spec, row))}, "team": team_id},
    )
    return found.fetchone() is not None


def _key_value(value) -> bool:
    """A key column's value: a non-empty text (ids) or a whole number (a position, a serial)."""
    if isinstance(value, str):
        return bool(value)
    return isinstance(value, int) and not isinstance(value, bool)
