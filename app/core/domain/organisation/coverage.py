"""Coverage (全覆盖): for a term, every unit with the rounds and inspections that covered it.

A unit counts as covered once any round of the term other than a look-back (回头看) has inspected
it; look-backs are shown beside it (`looked_back`) but do not by themselves cover a unit. Units
never inspected in the term have `covered == False` so the view can make them stand out.

Coverage is the office's ledger over all units: it needs Cap.CASE_READ_ALL (team roles and
administrators are refused). Viewing it is audited.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.domain.organisation.inspections import Phase
from app.core.domain.organisation.terms import RoundKind
from app.core.domain.organisation.units import UnitKind
from app.core.errors import NotFound
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.store.rows import record


@dataclass(frozen=True)
class CoverageHit:
    inspection_id: str
    round_id: str
    round_number: int
    round_kind: RoundKind
    team_id: str
    team_name: str
    phase: Phase


@dataclass
class CoverageRow:
    unit_id: str
    unit_name: str
    unit_kind: UnitKind
    parent_id: str | None
    hits: list[CoverageHit] = field(default_factory=list)  # by round number

    @property
    def covered(self) -> bool:
        return any(h.round_kind is not RoundKind.LOOK_BACK for h in self.hits)

    @property
    def looked_back(self) -> bool:
        return any(h.round_kind is RoundKind.LOOK_BACK for h in self.hits)


@dataclass(frozen=True)
class CoverageSummary:
    total: int
    covered: int

    @property
    def uncovered(self) -> int:
        return self.total - self.covered

    @property
    def percent(self) -> float:
        return 100.0 * self.covered / self.total if self.total else 0.0


def for_term(session: Session, term_id: str) -> list[CoverageRow]:
    """Every unit (uncovered first, then by kind and name) with the term's inspections of it. Audited."""
    session.require(Cap.CASE_READ_ALL)
    conn = session.conn
    if conn.execute("SELECT 1 FROM terms WHERE id = ?", (term_id,)).fetchone() is None:
        raise NotFound("找不到该届次。")
    rows = {
        r["unit_id"]: record(CoverageRow, r, unit_kind=UnitKind)
        for r in conn.execute(
            "SELECT id AS unit_id, name AS unit_name, kind AS unit_kind, parent_id FROM units"
        )
    }
    for r in conn.execute(
        "SELECT i.unit_id, i.id AS inspection_id, r.id AS round_id, r.number AS round_number,"
        " r.kind AS round_kind, t.id AS team_id, t.name AS team_name, i.phase FROM inspections i"
        " JOIN rounds r ON r.id = i.round_id JOIN teams t ON t.id = i.team_id"
        " WHERE r.term_id = ? ORDER BY r.number",
        (term_id,),
    ):
        hit = record(CoverageHit, r, round_number=int, round_kind=RoundKind, phase=Phase)
        rows[r["unit_id"]].hits.append(hit)
    kinds = list(UnitKind)
    result = sorted(rows.values(), key=lambda c: (c.covered, kinds.index(c.unit_kind), c.unit_name))
    summary = summarise(result)
    session.audit("coverage_view", "term", term_id, f"{summary.covered}/{summary.total} 个单位已覆盖")
    return result


def summarise(rows: list[CoverageRow]) -> CoverageSummary:
    return CoverageSummary(total=len(rows), covered=sum(1 for r in rows if r.covered))
