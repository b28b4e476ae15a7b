"""Worker-side operations of the screen lock (no Qt here: they run on the database worker).

They compose core calls as the brief for the lock asks (key slots for the password, the slot file's
failure counter, the session's audit); they belong in app.core.security and can move there as is.
"""

from __future__ import annotations

from typing import Any

from app.core import drafts
from app.core.errors import AccountLocked, AuthenticationError
from app.core.session import Session
from app.core.store.keyslots import KeySlots


def lock(session: Session, reason: str, unsaved: dict[str, dict[str, Any]]) -> None:
    """Keep unsaved form input as encrypted drafts, then record the lock."""
    with session.transaction():
        for form_key, payload in unsaved.items():
            drafts.save_draft(session, form_key, payload)
        session.audit("lock", "user", session.user.id, f"{reason}，{len(unsaved)} 份草稿")


def unlock(session: Session, password: str) -> None:
    """Check the same user's password; failures count toward the account lockout like sign-in."""
    username = session.user.username
    slots = KeySlots.load(session.folder)
    slots.check_not_locked(username)
    if slots.try_unwrap(username, password) is not None:
        slots.verify_mac(session.db_key)
        slots.clear_failures(username)
        slots.save(session.db_key)
        session.audit("unlock", "user", session.user.id)
        return
    locked = slots.record_failure(username, "unlock_wrong_password")
    # The attempt is audited now, in the open session; drop it from the slot file's pending list so
    # the next sign-in does not record it a second time.
    slots.verify_mac(session.db_key)
    attempts = slots.data["failures"][username]["attempts"]
    if attempts and attempts[-1].get("reason") == "unlock_wrong_password":
        attempts.pop()
    slots.save(session.db_key)
    session.audit("account_locked" if locked else "unlock_failed", "user", session.user.id, "wrong_password")
    if locked:
        minutes = int(slots.policy.get("lockout_minutes", 10))
        raise AccountLocked(f"密码连续错误次数过多，账号已锁定 {minutes} 分钟，请稍后重新登录。")
    raise AuthenticationError("密码错误，屏幕仍处于锁定状态。")


def load_drafts(session: Session, keys: list[str]) -> dict[str, dict[str, Any]]:
    found = {key: drafts.load_draft(session, key) for key in keys}
    return {key: payload for key, payload in found.items() if payload is not None}


def save_drafts(session: Session, unsaved: dict[str, dict[str, Any]]) -> None:
    with session.transaction():
        for form_key, payload in unsaved.items():
            drafts.save_draft(session, form_key, payload)
