"""Two-person steps (双人操作): the changes that could give an account access to case data.

No single administrator can grant case access: granting or changing a business account's role and
clearance, resetting any account's password, and enabling a disabled account again, need the system
administrator and the security officer together (disabling stays one administrator's step: it takes
access away). The one signed in proposes (`propose_role`, `propose_password_reset`, `propose_enable` validate and
return a PendingChange, held by the screen; nothing is written); the other signs in on the same
screen to confirm (`confirm(session, change, username, password)`): the password is checked against
that account's own key slot, a wrong one counting toward that account's lockout; the account must be
the other duty; then the change is applied and audited with both names, in one transaction.

Who confirms: the other of the pair (sysadmin, security officer). When the change concerns that other
administrator's own account (a password reset of the security officer proposed by the sysadmin), the
auditor confirms instead: nobody confirms a change to their own account, nobody their own proposal.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field

from app.core.errors import (
    AccountLocked,
    AuthenticationError,
    PasswordChangeRequired,
    PermissionDenied,
    ValidationError,
)
from app.core.security import accounts
from app.core.security import audit as audit_trail
from app.core.security.roles import Role
from app.core.session import USER_COLUMNS, Session, User
from app.core.store.keyslots import AccountKeyPair, KeySlots

PAIR = (Role.SYSADMIN, Role.SECURITY_OFFICER)
ROLE_CHANGE = "role"
PASSWORD_RESET = "password_reset"
ENABLE = "enable"


@dataclass(frozen=True)
class PendingChange:
    """A proposed change waiting for the second administrator; lives only on the screen (in memory)."""

    kind: str  # ROLE_CHANGE, PASSWORD_RESET or ENABLE
    user_id: str
    username: str
    proposed_by: str  # the proposer's user id (the session's user)
    proposer_role: Role
    proposed_at: str
    summary: str  # what the confirming administrator is shown, in Chinese
    confirmer_roles: tuple[Role, ...]
    role: Role | None = None
    clearance: str = ""
    temporary_password: str = field(default="", repr=False)


def _require_pair(session: Session) -> None:
    if session.user.must_change_password:
        raise PasswordChangeRequired("请先修改初始密码或已过期的密码，然后再进行其他操作。")
    if session.user.role not in PAIR:
        raise PermissionDenied(f"当前角色（{session.user.role.label}）无权发起需双人办理的账号变更。")


def _confirmer_roles(proposer: Role, target: User) -> tuple[Role, ...]:
    other = tuple(r for r in PAIR if r != proposer)
    return (Role.AUDITOR,) if target.role in other else other


def _target(session: Session, user_id: str) -> User:
    return accounts.get_user(session, user_id)  # ACCOUNTS_LIST: both administrators of the pair


def propose_role(session: Session, user_id: str, role: Role | str, clearance: str) -> PendingChange:
    """Propose a business account's role and clearance (granting a pending account, or changing one)."""
    _require_pair(session)
    target = _target(session, user_id)
    role = Role(role)
    accounts.check_role_grant(target, role, clearance)
    if target.id == session.user.id:
        raise ValidationError("不能调整自己的角色。", field="role")
    return PendingChange(
        kind=ROLE_CHANGE,
        user_id=target.id,
        username=target.username,
        proposed_by=session.user.id,
        proposer_role=session.user.role,
        proposed_at=audit_trail.now_iso(),
        summary=f"将账号 {target.username}（{target.display_name}）设为{role.label}，密级{clearance}",
        confirmer_roles=_confirmer_roles(session.user.role, target),
        role=role,
        clearance=clearance,
    )


def propose_password_reset(session: Session, user_id: str, temporary_password: str) -> PendingChange:
    """Propose a temporary password for an account (to be changed at its next sign-in)."""
    _require_pair(session)
    target = _target(session, user_id)
    if target.id == session.user.id:
        raise ValidationError("自己的密码请在“修改密码”中修改。", field="password")
    accounts.check_password(
        temporary_password, accounts.load_policy(session), target.clearance, target.username
    )
    return PendingChange(
        kind=PASSWORD_RESET,
        user_id=target.id,
        username=target.username,
        proposed_by=session.user.id,
        proposer_role=session.user.role,
        proposed_at=audit_trail.now_iso(),
        summary=f"重置账号 {target.username}（{target.display_name}）的密码，下次登录须修改",
        confirmer_roles=_confirmer_roles(session.user.role, target),
        temporary_password=temporary_password,
    )


def propose_enable(session: Session, user_id: str) -> PendingChange:
    """Propose enabling a disabled account again (it regains whatever role and clearance it had)."""
    _require_pair(session)
    target = _target(session, user_id)
    if not target.disabled:
        raise ValidationError("该账号未停用。", field="account")
    if target.id == session.user.id:
        raise ValidationError("不能启用自己的账号。", field="account")
    return PendingChange(
        kind=ENABLE,
        user_id=target.id,
        username=target.username,
        proposed_by=session.user.id,
        proposer_role=session.user.role,
        proposed_at=audit_trail.now_iso(),
        summary=(
            f"重新启用账号 {target.username}（{target.display_name}），"
            f"其角色为{target.role.label}，密级{target.clearance or '无'}"
        ),
        confirmer_roles=_confirmer_roles(session.user.role, target),
    )


def _check_confirmer(
    session: Session, change: PendingChange, username: str, password: str
) -> tuple[User, AccountKeyPair | None]:
    """The confirming administrator's own password, checked against their slot, with the lockout."""
    username = username.strip().lower()
    slots = KeySlots.load(session.folder)
    slots.verify_mac(session.db_key)
    try:
        slots.check_not_locked(username)
    except AccountLocked:
        session.audit("dual_confirm_refused_locked", "user", change.user_id, username)
        raise
    key = slots.try_unwrap(username, password) if slots.has_slot(username) else None
    if key is None or not hmac.compare_digest(key, session.db_key):
        locked = slots.record_failure(username, "dual_confirm_wrong_password")
        slots.drop_last_attempt(username, "dual_confirm_wrong_password")
        slots.save(session.db_key)
        session.audit("account_locked" if locked else "dual_confirm_failed", "user", change.user_id, username)
        if locked:
            raise AccountLocked("密码连续错误次数过多，该账号已锁定，请稍后再试。")
        raise AuthenticationError("确认人的用户名或密码错误。", field="password")
    slots.clear_failures(username)
    slots.save(session.db_key)
    row = session.conn.execute(f"SELECT {USER_COLUMNS} FROM users WHERE username = ?", (username,)).fetchone()
    confirmer = User.from_row(row)
    if confirmer.id == session.user.id or confirmer.id == change.user_id:
        raise PermissionDenied("须由另一名管理员确认，不能由发起人或被变更的账号本人确认。")
    if confirmer.role not in change.confirmer_roles:
        names = "或".join(r.label for r in change.confirmer_roles)
        raise PermissionDenied(f"此项变更须由{names}确认。")
    if confirmer.disabled or confirmer.must_change_password:
        raise PermissionDenied("确认人的账号已停用或须先修改密码，不能确认。")
    return confirmer, slots.keys_for(username)


def _certifiers(
    session: Session, confirmer: User, confirmer_keys: AccountKeyPair | None, target: User
) -> list[AccountKeyPair]:
    """Who certifies the target's key: the security officer of the pair; for the security officer's
    own account, the system administrator and the auditor together (app.core.security.key_trust)."""
    present = [(session.user, session.signer), (confirmer, confirmer_keys)]
    if target.role == Role.SECURITY_OFFICER:
        return [
            keys for user, keys in present if keys is not None and user.role in (Role.SYSADMIN, Role.AUDITOR)
        ]
    return [keys for user, keys in present if keys is not None and user.role == Role.SECURITY_OFFICER]


def confirm(session: Session, change: PendingChange, username: str, password: str) -> None:
    """The second administrator confirms `change` by signing in; it is applied and audited with both names."""
    _require_pair(session)
    if change.proposed_by != session.user.id:
        raise PermissionDenied("只能确认本人在此屏幕上发起的变更。")
    confirmer, confirmer_keys = _check_confirmer(session, change, username, password)
    target = _target(session, change.user_id)
    certifiers = _certifiers(session, confirmer, confirmer_keys, target)
    names = (
        f"发起：{session.user.username}（{session.user.role.label}），"
        f"确认：{confirmer.username}（{confirmer.role.label}）"
    )
    if change.kind == ROLE_CHANGE and change.role is not None:
        summary = f"{target.username}: {change.role.label} / {change.clearance}；{names}"
        accounts.apply_role(session, target, change.role, change.clearance, summary, certifiers)
    elif change.kind == PASSWORD_RESET:
        accounts.apply_password_reset(
            session, target, change.temporary_password, f"{target.username}；{names}", certifiers
        )
    elif change.kind == ENABLE:
        accounts.apply_enable(session, target, f"{target.username}；{names}")
    else:
        raise ValidationError("未知的变更。")
