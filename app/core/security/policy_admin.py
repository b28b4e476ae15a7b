"""Reading and changing the security policy (the security officer's job)."""

from __future__ import annotations

from app.core.security.accounts import load_policy
from app.core.security.policy import Policy, validate_policy
from app.core.security.roles import Cap
from app.core.session import Session
from app.core.store.keyslots import KeySlots


def get_policy(session: Session) -> Policy:
    return load_policy(session)


def set_policy(session: Session, **changes: int) -> Policy:
    session.require(Cap.POLICY_SET)
    current = load_policy(session).as_dict()
    current.update(changes)
    policy = validate_policy(current)
    with session.transaction() as conn:
        conn.executemany("INSERT OR REPLACE INTO policy (key, value) VALUES (?, ?)", policy.as_dict().items())
        session.audit("policy_set", "policy", "", ", ".join(f"{k}={v}" for k, v in sorted(changes.items())))
    # The lockout rules must be known before the database can be opened, so the slot file mirrors them.
    slots = KeySlots.load(session.folder)
    slots.verify_mac(session.db_key)
    slots.data["policy"] = policy.as_dict()
    slots.save(session.db_key)
    return policy
