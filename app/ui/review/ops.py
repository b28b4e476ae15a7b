"""Worker-side helpers for the document review tab (调阅资料): several core calls as one job, nothing but core operations.

Each function is `fn(session, ...)` so every capability check, need-to-know filter and audit entry of
the core applies; nothing here reads SQL or touches Qt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.core.domain import phase_moves
from app.core.domain.attachments import Attachment
from app.core.domain.organisation import inspections
from app.core.domain.organisation.inspections import Inspection, Phase
from app.core.domain.review import access, listing, reading
from app.core.domain.review.custody import CustodyRecord
from app.core.domain.review.listing import CustodySummary
from app.core.domain.review.reading import Excerpt, Reading
from app.core.domain.review.request_item import RequestItem
from app.core.errors import UserError
from app.core.security import visibility
from app.core.security.roles import Cap
from app.core.session import Session


@dataclass
class PanelData:
    inspection: Inspection
    items: list[RequestItem]
    summary: CustodySummary
    people: list[tuple[str, str]]  # (user id, name) of the team, leader first
    can_write: bool
    is_leader: bool

    @property
    def gate_closed(self) -> bool:
        """Leaving 了解情况 would be refused: on site with items still in the team's custody."""
        return self.inspection.phase is Phase.ON_SITE and self.summary.unreturned > 0


def load_panel(session: Session, inspection_id: str) -> PanelData:
    inspection = inspections.get_inspection(session, inspection_id)
    items = listing.list_items(session, inspection_id)
    summary = listing.custody_summary(session, inspection_id)
    people = access.team_people(session, inspection_id)
    return PanelData(
        inspection,
        items,
        summary,
        people,
        session.can(Cap.CASE_WRITE),
        visibility.is_leader_of_inspection(session, inspection_id),
    )


@dataclass
class ItemDetail:
    item: RequestItem
    history: list[CustodyRecord]
    readings: list[Reading]
    excerpts: list[Excerpt]
    material: list[Attachment]


def load_item(session: Session, item_id: str) -> ItemDetail:
    item = listing.get_item(session, item_id)
    return ItemDetail(
        item,
        listing.custody_history(session, item_id),
        reading.list_readings(session, item_id),
        reading.list_excerpts(session, item_id=item_id),
        reading.list_material(session, item_id),
    )


# ---- importing files -------------------------------------------------------------------------------


@dataclass
class ImportReport:
    imported: list[Attachment] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file name, the core's message)
    cancelled: bool = False
    not_tried: int = 0  # files left when the user cancelled


def import_files(
    session: Session,
    item_id: str,
    paths: Sequence[str],
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> ImportReport:
    """Import the chosen files one by one; each file stands or falls alone (one transaction each).

    A refused file is reported with the core's message and leaves nothing behind; Cancel stops
    before the next file.
    """
    report = ImportReport()
    total = len(paths)
    if progress:
        progress(0, total)
    for done, path in enumerate(paths):
        if cancel is not None and cancel.is_set():
            report.cancelled = True
            report.not_tried = total - done
            break
        try:
            report.imported.append(reading.import_file(session, item_id, path))
        except UserError as error:
            report.refused.append((Path(path).name, str(error)))
        if progress:
            progress(done + 1, total)
    return report


# ---- viewing material (in memory only) ----------------------------------------------------------


@dataclass
class MaterialView:
    attachment: Attachment
    text: str
    data: bytes | None  # the original bytes of an image, for the in-app viewer; never written out


def open_material(session: Session, attachment_id: str) -> MaterialView:
    attachment = reading.get_material(session, attachment_id)
    text = reading.material_text(session, attachment_id)
    data = reading.material_bytes(session, attachment_id) if attachment.is_image else None
    return MaterialView(attachment, text, data)


# ---- the phase gate ---------------------------------------------------------------------------------


def advance_with_override(session: Session, inspection_id: str, reason: str, on: str) -> Inspection:
    return phase_moves.advance_with_override(session, inspection_id, reason, on=on or None)


def returned_days(session: Session, inspection_id: str) -> list[str]:
    """The dates on which items went back (a return receipt per day), newest first."""
    items = listing.list_items(session, inspection_id)
    return sorted({i.returned_on for i in items if i.returned_on}, reverse=True)
