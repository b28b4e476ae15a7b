"""The talk form's autosaved input: unsaved edits kept encrypted in the database (app.core.drafts).

A new talk of an inspection and an existing talk each have their own key (`draft_key`); the form
autosaves every few seconds, and opening the talk again restores what was typed.
"""

from __future__ import annotations

from app.core import drafts as core_drafts
from app.core.domain.talks.types import TalkForm
from app.core.errors import ValidationError
from app.core.session import Session


def draft_key(inspection_id: str, talk_id: str | None = None) -> str:
    """The drafts key of a talk form: a new talk of an inspection, or an existing talk."""
    return f"talk:{talk_id}" if talk_id else f"talk:new:{inspection_id}"


def autosave(session: Session, key: str, form: TalkForm) -> None:
    """Keep the form's unsaved input (encrypted, in the database); called every few seconds."""
    if not key.startswith("talk:"):
        raise ValidationError("无效的草稿键。", field="key")
    core_drafts.save_draft(session, key, form.to_dict())


def restore(session: Session, key: str) -> TalkForm | None:
    data = core_drafts.load_draft(session, key)
    return TalkForm.from_dict(data) if data is not None else None


def discard(session: Session, key: str) -> None:
    core_drafts.discard_draft(session, key)
