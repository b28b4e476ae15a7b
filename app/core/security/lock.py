"""The screen lock: keep unsaved input as encrypted drafts, record the lock, then let go of the store.

`lock()` saves the drafts and the lock's audit entry in one transaction, then suspends the session:
its connection is closed and the database key and every key derived from it are wiped, so while the
screen is locked the process holds no descriptor on the database and no key (the worker refuses
every other job, app.ui.db_worker). `unlock()` takes the same user's password, unwraps the key from
the slot file again and reopens the connection. A wrong password cannot be written into a database
the process cannot open: it counts in the slot file toward the lockout, exactly like a failed
sign-in, and is audited with the successful unlock (or the next sign-in).

These run on the database worker; the window only hides and shows.
"""

from __future__ import annotations

from typing import Any

from app.core import drafts
from app.core.errors import AccountLocked, AuthenticationError
from app.core.security.accounts import confirm_identity
from app.core.session import USER_COLUMNS, Session, User
from app.core.store.connection import DB_FILE, open_connection
from app.core.store.key_buffer import keep, wipe
from app.core.store.keyslots import KeySlots
from app.core.workstation import audit_attempt

WRONG_PASSWORD = "密码错误，屏幕仍处于锁定状态。"


def lock(session: Session, reason: str, unsaved: dict[str, dict[str, Any]]) -> None:
    """Keep unsaved form input as encrypted drafts and record the lock, then drop connection and keys."""
    with session.transaction():
        for form_key, payload in unsaved.items():
            drafts.save_draft(session, form_key, payload)
        session.audit("lock", "user", session.user.id, f"{reason}，{len(unsaved)} 份草稿")
    session.suspend()


def unlock(session: Session, password: str) -> None:
    """Check the same user's password; failures count toward the account lockout like sign-in."""
    if not session.locked:  # a lock whose job failed before it let go of the store
        confirm_identity(session, password, action="unlock", wrong_message=WRONG_PASSWORD)
        return
    username = session.user.username
    slots = KeySlots.load(session.folder)
    try:
        slots.check_not_locked(username)
    except AccountLocked:
        slots.record_refused(username, "unlock_refused_locked")
        raise
    unwrapped = slots.try_unwrap(username, password)
    if unwrapped is None:
        if slots.record_failure(username, "unlock_wrong_password"):
            minutes = int(slots.policy.get("lockout_minutes", 10))
            raise AccountLocked(f"密码连续错误次数过多，账号已锁定 {minutes} 分钟，请稍后重新登录。")
        raise AuthenticationError(WRONG_PASSWORD, field="password")
    db_key = keep(unwrapped)
    try:
        conn = open_connection(session.folder / DB_FILE, db_key)
        try:
            slots.verify_mac(db_key)
            row = conn.execute(
                f"SELECT {USER_COLUMNS} FROM users WHERE id = ?", (session.user.id,)
            ).fetchone()
            if row is None or row["disabled"]:
                slots.record_refused(username, "disabled")
                raise AuthenticationError("此账号已停用，请联系系统管理员。")
        except BaseException:
            conn.close()
            raise
        session.resume(conn, db_key, User.from_row(row), slots)
    finally:
        wipe(db_key)
    pending = slots.take_pending_attempts()
    with session.transaction():
        for attempt in pending:
            audit_attempt(session, attempt)
        session.audit("unlock", "user", session.user.id, username)
    slots.clear_failures(username)
    slots.save(session.db_key)


def load_drafts(session: Session, keys: list[str]) -> dict[str, dict[str, Any]]:
    found = {key: drafts.load_draft(session, key) for key in keys}
    return {key: payload for key, payload in found.items() if payload is not None}


def save_drafts(session: Session, unsaved: dict[str, dict[str, Any]]) -> None:
    with session.transaction():
        for form_key, payload in unsaved.items():
            drafts.save_draft(session, form_key, payload)
