"""Moving an inspection's phase, with every area's conditions on it (the phase gates), in one place.

An inspection's phase belongs to the organisation (organisation.inspections records the move); other
areas add conditions on leaving a phase. They are named here, in PHASE_GATES, and every move of a
phase goes through this module — the GUI, the command line, the demo and the tests alike — so a rule
holds wherever the move starts. This module imports the areas whose gates it names; none of them
imports it, so there is no cycle.

To add a gate: write `gate(session, inspection, new_phase) -> None` in its area (raise Conflict to
refuse; it runs inside the move's transaction, before anything is written) and append it to
PHASE_GATES.
"""

from __future__ import annotations

from datetime import date

from app.core.domain.organisation import inspections
from app.core.domain.organisation.inspections import Inspection, Phase, PhaseGate
from app.core.domain.review import custody_gate
from app.core.session import Session

PHASE_GATES: tuple[PhaseGate, ...] = (
    # 调阅资料: no leaving 了解情况 while borrowed items are unreturned, unless the leader approved it.
    custody_gate.custody_gate,
)


def move_phase(
    session: Session,
    inspection_id: str,
    new_phase: Phase | str,
    *,
    on: str | date | None = None,
    reason: str | None = None,
) -> Inspection:
    """One step forward (beginning `on`) or back (with a reason); see inspections.move_phase."""
    return inspections.move_phase(session, inspection_id, new_phase, on=on, reason=reason, gates=PHASE_GATES)


def advance_phase(session: Session, inspection_id: str, *, on: str | date | None = None) -> Inspection:
    """Move to the next phase; Conflict when already filed or when a gate refuses."""
    return inspections.advance_phase(session, inspection_id, on=on, gates=PHASE_GATES)


def revert_phase(session: Session, inspection_id: str, reason: str) -> Inspection:
    """Go back one phase, saying why; Conflict when still in preparation or when a gate refuses."""
    return inspections.revert_phase(session, inspection_id, reason, gates=PHASE_GATES)


def advance_with_override(
    session: Session, inspection_id: str, reason: str, *, on: str | date | None = None
) -> Inspection:
    """The leader's one step: approve leaving 了解情况 with items unreturned and move to the next phase,
    together or not at all (the custody gate uses the approval)."""
    with session.transaction():
        custody_gate.approve_override(session, inspection_id, reason)
        return advance_phase(session, inspection_id, on=on)
