"""The screen lock: keep unsaved input as encrypted drafts, record the lock, and let the same user back.

These run on the database worker; the window only hides and shows.
"""

from __future__ import annotations

from typing import Any

from app.core import drafts
from app.core.security.accounts import confirm_identity
from app.core.session import Session


def lock(session: Session, reason: str, unsaved: dict[str, dict[str, Any]]) -> None:
    """Keep unsaved form input as encrypted drafts, then record the lock, in one transaction."""
    with session.transaction():
        for form_key, payload in unsaved.items():
            drafts.save_draft(session, form_key, payload)
        session.audit("lock", "user", session.user.id, f"{reason}，{len(unsaved)} 份草稿")


def unlock(session: Session, password: str) -> None:
    """Check the same user's password; failures count toward the account lockout like sign-in."""
    confirm_identity(session, password, action="unlock", wrong_message="密码错误，屏幕仍处于锁定状态。")


def load_drafts(session: Session, keys: list[str]) -> dict[str, dict[str, Any]]:
    found = {key: drafts.load_draft(session, key) for key in keys}
    return {key: payload for key, payload in found.items() if payload is not None}


def save_drafts(session: Session, unsaved: dict[str, dict[str, Any]]) -> None:
    with session.transaction():
        for form_key, payload in unsaved.items():
            drafts.save_draft(session, form_key, payload)
