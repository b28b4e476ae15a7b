"""What the briefings GUI asks of the worker: core calls bundled so one job fills one screen (no SQL, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.domain.briefings import queries, writes
from app.core.domain.briefings.types import BriefingRequest
from app.core.domain.work_plan.queries import focus_presets
from app.core.security import visibility
from app.core.session import Session


@dataclass
class ItemDialogData:
    request: BriefingRequest
    categories: list[str]  # the presets' headings; free text is allowed too
    may_flag_leads: bool


def item_dialog(session: Session, request_id: str) -> ItemDialogData:
    request = queries.fetch_request(session, request_id)
    return ItemDialogData(
        request, focus_presets(session), visibility.may_know_leads(session, request.inspection_id)
    )


def attach_file(session: Session, item_id: str, path: str):
    return writes.attach_file(session, item_id, path)
