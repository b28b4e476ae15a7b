"""Accounts: creation and disabling (sysadmin), the two-person changes' effects, own password.

An account's password lives only in its key slot (it unwraps the database key); the users table
holds who the person is, their role and clearance, and whether the password must be changed.
A new business account is created PENDING (no role, no clearance, cannot sign in). Granting a role
or clearance and resetting a password need both administrators: security/dual_control.py proposes
and confirms them and calls `apply_role` / `apply_password_reset` here, which nothing else calls.
"""

from __future__ import annotations

from app.core.domain import _fields as f
from app.core.errors import AuthenticationError, Conflict, NotFound, PermissionDenied, ValidationError
from app.core.security import account_keys
from app.core.security import audit as audit_trail
from app.core.security.policy import Policy, check_password
from app.core.security.roles import ADMIN_ROLES, CASE_ROLES, CLEARANCES, Cap, Role
from app.core.session import USER_COLUMNS, Session, User
from app.core.store.keyslots import RECOVERY_SLOT, AccountKeyPair, KeySlots, calibrated_params, key_id_of

USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_.-")


def validate_username(username: str) -> str:
    """The name an account signs in with: 2–32 lower-case letters, digits, '.', '_' or '-' (not the
    recovery slot's name). Returns it trimmed and lower-cased."""
    name = str(username or "").strip().lower()
    if not (2 <= len(name) <= 32) or not set(name) <= USERNAME_CHARS or name == RECOVERY_SLOT:
        raise ValidationError("用户名须为 2–32 个小写字母、数字、点、下划线或连字符。", field="username")
    return name


def clean_display_name(value) -> str:
    """The account's name as shown and printed (one line, at most 40 characters)."""
    return f.text(value, "display_name", "姓名", max_len=40)


def clean_post(value) -> str:
    return f.text(value, "post", "职务", required=False, max_len=60)


def load_policy(session: Session) -> Policy:
    return Policy.from_rows(
        {r["key"]: r["value"] for r in session.conn.execute("SELECT key, value FROM policy")}
    )


def list_accounts(session: Session) -> list[User]:
    session.require(Cap.ACCOUNTS_LIST)
    rows = session.conn.execute(f"SELECT {USER_COLUMNS} FROM users ORDER BY role, username").fetchall()
    session.audit("accounts_view", "user", "", f"{len(rows)} 个账号")
    return [User.from_row(r) for r in rows]


def get_user(session: Session, user_id: str) -> User:
    session.require(Cap.ACCOUNTS_LIST)
    row = session.conn.execute(f"SELECT {USER_COLUMNS} FROM users WHERE id = ?", (user_id,)).fetchone()
    if row is None:
        raise NotFound("找不到该账号。")
    return User.from_row(row)


def user_by_name(session: Session, username: str) -> User:
    session.require(Cap.ACCOUNTS_LIST)
    row = session.conn.execute(f"SELECT {USER_COLUMNS} FROM users WHERE username = ?", (username,)).fetchone()
    if row is None:
        raise NotFound(f"找不到账号 {username}。")
    return User.from_row(row)


def _new_slot(session: Session, username: str, password: str) -> KeySlots:
    """The slot file with `username`'s slot (re)made for `password` and a new key pair, not saved yet."""
    # Reload first: another process (the CLI) may have counted failures since we signed in.
    slots = KeySlots.load(session.folder)
    slots.verify_mac(session.db_key)
    slots.put_slot(username, password, session.db_key, slots.params_for(username) or calibrated_params())
    return slots


def _save_slot(session: Session, username: str, password: str) -> None:
    slots = _new_slot(session, username, password)
    slots.save(session.db_key)
    session.slots = slots


def create_account(
    session: Session, username: str, display_name: str, temporary_password: str, *, post: str = ""
) -> User:
    """The sysadmin opens an account: PENDING, with no role, clearance or team, until both
    administrators grant it one (dual_control.propose_role); it cannot sign in before that, and must
    change the temporary password at its first sign-in."""
    session.require(Cap.ACCOUNTS_MANAGE)
    name = validate_username(username)
    display_name = clean_display_name(display_name)
    post = clean_post(post)
    check_password(temporary_password, load_policy(session), "秘密", name)
    if session.conn.execute("SELECT 1 FROM users WHERE username = ?", (name,)).fetchone():
        raise Conflict(f"用户名 {name} 已被使用。", field="username")
    values = session.record_values()
    slots = _new_slot(session, name, temporary_password)
    publics = slots.public_keys(name)
    key_id = key_id_of(publics[0])
    with session.transaction() as conn:
        conn.execute(
            "INSERT INTO users (id, created_at, updated_at, author_id, workstation_id, username, display_name,"
            " role, clearance, post, must_change_password, password_changed_at) VALUES (?,?,?,?,?,?,?,?,'',?,1,?)",
            (
                *values.values(),
                name,
                display_name,
                Role.PENDING.value,
                post,
                values["created_at"],
            ),
        )
        # Its key is registered now, by the system administrator; the security officer certifies it
        # when both administrators grant the account (dual_control), never before.
        account_keys.insert_public(conn, key_id, name, values["id"], publics, values["created_at"])
        session.audit(
            "account_create", "user", values["id"], f"{name} / {Role.PENDING.label}，公钥 {key_id[:16]}"
        )
    slots.save(session.db_key)
    session.slots = slots
    return get_user(session, values["id"])


def apply_password_reset(
    session: Session, user: User, temporary_password: str, summary: str, certifiers: list[AccountKeyPair]
) -> None:
    """Give `user` a temporary password to change at next sign-in (dual_control confirmed it).

    The reset brings a new key pair; `certifiers` (the security officer taking part, or for the
    security officer's own account both other administrators) certify it in the same transaction.
    """
    check_password(temporary_password, load_policy(session), user.clearance, user.username)
    slots = _new_slot(session, user.username, temporary_password)
    with session.transaction() as conn:
        now = audit_trail.now_iso()
        conn.execute("UPDATE users SET must_change_password = 1, updated_at = ? WHERE id = ?", (now, user.id))
        key_id = account_keys.certify_slot_key(
            conn, slots, user.username, user.id, user.role.value, certifiers, now
        )
        session.audit("password_reset", "user", user.id, f"{summary}；新公钥 {(key_id or '')[:16]}")
    slots.clear_failures(user.username)
    slots.save(session.db_key)
    session.slots = slots


def set_disabled(session: Session, user_id: str, disabled: bool) -> None:
    """Disable an account (one administrator); enabling one is a two-person step (dual_control)."""
    session.require(Cap.ACCOUNTS_MANAGE)
    user = get_user(session, user_id)
    if user.id == session.user.id:
        raise Conflict("不能停用自己的账号。")
    if user.role in ADMIN_ROLES and disabled:
        raise Conflict("三员账号不能停用，否则将无法管理本工作站。")
    if not disabled and user.disabled:
        raise PermissionDenied(
            "启用已停用的账号须双人办理：由一名管理员发起，另一名管理员在同一屏幕上登录确认。"
        )
    _write_disabled(session, user, disabled, user.username)


def apply_enable(session: Session, user: User, summary: str) -> None:
    """Enable a disabled account again (dual_control confirmed it)."""
    if not user.disabled:
        raise Conflict("该账号未停用。")
    _write_disabled(session, user, False, summary)
    # A key rotation while it was disabled left its slot on the old key: seal the current one to it.
    slots = KeySlots.load(session.folder)
    slots.verify_mac(session.db_key)
    if slots.reseal_slot(user.username, session.db_key):
        slots.save(session.db_key)
        session.slots = slots


def _write_disabled(session: Session, user: User, disabled: bool, summary: str) -> None:
    with session.transaction() as conn:
        conn.execute(
            "UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?",
            (int(disabled), audit_trail.now_iso(), user.id),
        )
        session.audit("account_disable" if disabled else "account_enable", "user", user.id, summary)


def check_role_grant(user: User, role: Role, clearance: str) -> None:
    """A business account (or a pending one) may be given a business role and a clearance."""
    if user.role in ADMIN_ROLES or role not in CASE_ROLES:
        raise ValidationError("三员的角色不能调整，也不能把业务账号设为三员。", field="role")
    if clearance not in CLEARANCES:
        raise ValidationError(f"密级须为 {'、'.join(CLEARANCES)} 之一。", field="clearance")


def apply_role(
    session: Session, user: User, role: Role, clearance: str, summary: str, certifiers: list[AccountKeyPair]
) -> None:
    """Set a business account's role and clearance (dual_control confirmed it); the security officer
    among `certifiers` certifies the key its slot holds now for that role."""
    check_role_grant(user, role, clearance)
    slots = KeySlots.load(session.folder)
    slots.verify_mac(session.db_key)
    with session.transaction() as conn:
        now = audit_trail.now_iso()
        conn.execute(
            "UPDATE users SET role = ?, clearance = ?, updated_at = ? WHERE id = ?",
            (role.value, clearance, now, user.id),
        )
        key_id = account_keys.certify_slot_key(
            conn, slots, user.username, user.id, role.value, certifiers, now
        )
        if key_id and certifiers:
            summary += f"；签署公钥 {key_id[:16]}"
        session.audit("role_assign", "user", user.id, summary)


def change_own_password(session: Session, old_password: str, new_password: str) -> None:
    user = session.user
    slots = KeySlots.load(session.folder)
    if slots.try_unwrap(user.username, old_password) is None:
        raise AuthenticationError("原密码不正确。", field="old_password")
    if old_password == new_password:
        raise ValidationError("新密码不能与原密码相同。", field="password")
    check_password(new_password, load_policy(session), user.clearance, user.username)
    now = audit_trail.now_iso()
    with session.transaction() as conn:
        conn.execute(
            "UPDATE users SET must_change_password = 0, password_changed_at = ?, updated_at = ? WHERE id = ?",
            (now, now, user.id),
        )
        session.audit("password_change", "user", user.id, user.username)
    _save_slot(session, user.username, new_password)
    user.must_change_password = False
    user.password_changed_at = now


def set_password_by_recovery(session: Session, new_password: str) -> None:
    user = session.user
    check_password(new_password, load_policy(session), user.clearance, user.username)
    now = audit_trail.now_iso()
    with session.transaction() as conn:
        # Never `disabled = 0`: enabling an account is a two-person step (dual_control.propose_enable),
        # and a disabled account cannot be recovered at all (its sign-in is refused first).
        conn.execute("UPDATE users SET must_change_password = 1, updated_at = ? WHERE id = ?", (now, user.id))
        session.audit("password_recovery", "user", user.id, user.username)
    _save_slot(session, user.username, new_password)


def confirm_identity(
    session: Session, password: str, *, action: str = "unlock", wrong_message: str = "密码不正确。"
) -> None:
    """The signed-in user proves it is still them (leaving the lock screen, confirming an export).

    A wrong password counts toward the lockout exactly as at sign-in and is audited at once (so it is
    dropped from the slot file's pending list); a right one is audited as `action`.
    Raises AuthenticationError, or AccountLocked when the lockout is (or becomes) in force.
    """
    from app.core.errors import AccountLocked

    slots = KeySlots.load(session.folder)
    slots.verify_mac(session.db_key)
    username = session.user.username
    try:
        slots.check_not_locked(username)
    except AccountLocked:
        session.audit(f"{action}_refused_locked", "user", session.user.id, username)
        raise
    if slots.try_unwrap(username, password) is None:
        reason = f"{action}_wrong_password"
        locked = slots.record_failure(username, reason)
        slots.drop_last_attempt(username, reason)
        slots.save(session.db_key)
        session.audit(
            "account_locked" if locked else f"{action}_failed", "user", session.user.id, "wrong_password"
        )
        if locked:
            minutes = int(slots.policy.get("lockout_minutes", 10))
            raise AccountLocked(f"密码连续错误次数过多，账号已锁定 {minutes} 分钟，请稍后重新登录。")
        raise AuthenticationError(wrong_message, field="password")
    slots.clear_failures(username)
    slots.save(session.db_key)
    session.audit(action, "user", session.user.id, username)
