"""A workstation's data folder: creating it, signing in, recovering it.

The folder holds the encrypted database (`workbench.db` and its WAL), the key slots
(`keyslots.json`) and the audit chain head (`audit.head`). Nothing else, and nothing in plaintext;
while a restore swaps files in, also its journal (`swap.journal`), which every open settles first.
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.core.domain import _fields as f
from app.core.errors import AccountLocked, AuthenticationError, StoreError, UserError, ValidationError
from app.core.security import account_keys, accounts
from app.core.security import audit as audit_trail
from app.core.security.accounts import clean_display_name, clean_post, validate_username
from app.core.security.policy import Policy, check_password, effective_rules
from app.core.security.roles import CLEARANCES, Role
from app.core.security.sign_in_notice import sign_in_notice
from app.core.session import USER_COLUMNS, Session, User
from app.core.store import migrations, swap
from app.core.store.connection import DB_FILE, DatabaseError, open_connection
from app.core.store.keyslots import (
    RECOVERY_SLOT,
    SLOTS_FILE,
    UNKNOWN_ACCOUNT,
    KdfParams,
    KeySlots,
    calibrated_params,
    new_recovery_code,
    normalise_recovery_code,
    subkey,
    unlock_error,
)

# A page the sign-in needs (accounts, settings, the audit trail) fails its check.
DAMAGED_MESSAGE = "数据库文件已损坏，无法登录。请由安全审计员运行数据库校验，并从备份恢复。"


@dataclass
class NewAccount:
    username: str
    display_name: str
    role: Role
    password: str
    clearance: str = "秘密"
    post: str = ""
    must_change_password: bool = True


@dataclass
class SetupResult:
    recovery_code: str
    workstation_id: str
    db_uuid: str
    accounts: list[str] = field(default_factory=list)


def validate_new_account(acc: NewAccount, policy: Policy) -> None:
    validate_username(acc.username)
    clean_display_name(acc.display_name)
    clean_post(acc.post)
    if acc.clearance not in CLEARANCES:
        raise ValidationError(f"密级须为 {'、'.join(CLEARANCES)} 之一。", field="clearance")
    check_password(acc.password, policy, acc.clearance, acc.username)


class Workstation:
    """One data folder. Cheap to construct; nothing is read until asked."""

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)

    @property
    def db_path(self) -> Path:
        return self.folder / DB_FILE

    @property
    def slots_path(self) -> Path:
        return self.folder / SLOTS_FILE

    def exists(self) -> bool:
        """Whether the folder holds a workstation; a restore's unfinished swap is undone first.

        A swap that cannot be undone yet (the disk still failing) still counts as a workstation, so
        the GUI offers the sign-in (which reports the problem), never the setup wizard.
        """
        try:
            swap.settle(self.folder)
        except (OSError, StoreError):
            return True
        return self.db_path.exists() and self.slots_path.exists()

    def settle(self) -> None:
        """Undo a restore's swap that a crash or an I/O error interrupted (see store/swap.py)."""
        try:
            swap.settle(self.folder)
        except OSError as exc:
            raise StoreError(f"上次恢复备份未完成，且暂时无法复原原数据库：{exc}") from exc

    def is_demo(self) -> bool:
        # The demo marker is not sensitive; it only tells the unlock window to show the demo accounts.
        return (self.folder / "DEMO").exists()

    # ---- creation --------------------------------------------------------------------------------
    def create(
        self,
        org_name: str,
        accounts: list[NewAccount],
        *,
        kdf: KdfParams | None = None,
        policy: Policy | None = None,
        demo: bool = False,
    ) -> SetupResult:
        """Create the encrypted database with its accounts; returns the one-time recovery code."""
        policy = policy or Policy()
        if self.db_path.exists() or self.slots_path.exists() or (self.folder / swap.JOURNAL).exists():
            raise StoreError("该数据目录中已经有数据库，不能再次初始化。")
        org_name = f.text(org_name, "org_name", "单位名称", max_len=60)
        names = [validate_username(a.username) for a in accounts]
        if len(set(names)) != len(names):
            raise ValidationError("用户名不能重复。", field="username")
        for role in (Role.SYSADMIN, Role.SECURITY_OFFICER, Role.AUDITOR):
            if sum(1 for a in accounts if a.role == role) != 1:
                raise ValidationError(f"须设置且只设置一名{role.label}。", field=role.value)
        if not any(a.role == Role.OFFICE for a in accounts):
            raise ValidationError("须至少设置一个巡察办工作人员账号。", field=Role.OFFICE.value)
        for acc in accounts:
            validate_new_account(acc, policy)

        kdf = kdf or calibrated_params()
        self.folder.mkdir(parents=True, exist_ok=True)
        staging = self.folder / f".setup-{uuid.uuid4().hex}"
        staging.mkdir(mode=0o700)
        try:
            result = self._build(staging, org_name, accounts, kdf, policy, demo)
            # The slot file is the commit point: a database without it is not a workstation.
            os.replace(staging / DB_FILE, self.db_path)
            os.replace(staging / audit_trail.HEAD_FILE, self.folder / audit_trail.HEAD_FILE)
            if demo:
                (self.folder / "DEMO").write_text("demo\n", "ascii")
            os.replace(staging / SLOTS_FILE, self.slots_path)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return result

    def _build(
        self,
        staging: Path,
        org_name: str,
        accounts: list[NewAccount],
        kdf: KdfParams,
        policy: Policy,
        demo: bool,
    ) -> SetupResult:
        db_key = os.urandom(32)
        db_uuid, workstation_id = str(uuid.uuid4()), str(uuid.uuid4())
        # The slots first: each seals its account's new key pair; the security officer's signs the
        # setup's entries and certifies every key.
        slots = KeySlots.create(staging, db_uuid, workstation_id, policy.as_dict())
        for acc in accounts:
            slots.put_slot(acc.username.strip().lower(), acc.password, db_key, kdf)
        recovery_code = new_recovery_code()
        slots.put_slot(RECOVERY_SLOT, recovery_code, db_key, kdf, kind="recovery")
        officer = next(a.username.strip().lower() for a in accounts if a.role == Role.SECURITY_OFFICER)
        signer = slots.keys_for(officer)
        conn = open_connection(staging / DB_FILE, db_key, create=True)
        os.chmod(staging / DB_FILE, 0o600)  # the WAL and SHM files inherit these permissions
        try:
            migrations.migrate(conn)
            now = audit_trail.now_iso()
            audit_key = subkey(db_key, "audit-chain")
            conn.execute("BEGIN IMMEDIATE")
            meta = {
                "org_name": org_name,
                "db_uuid": db_uuid,
                "workstation_id": workstation_id,
                "created_at": now,
                "demo": "1" if demo else "0",
            }
            conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta.items())
            conn.executemany("INSERT INTO policy (key, value) VALUES (?, ?)", policy.as_dict().items())
            head = audit_trail.append(
                conn,
                audit_key,
                user_id=None,
                username="system",
                role="system",
                action="setup",
                workstation_id=workstation_id,
                summary=f"初始化工作站，{len(accounts)} 个账号",
                signer=signer,
            )
            for acc in accounts:
                user_id = str(uuid.uuid4())
                conn.execute(
                    "INSERT INTO users (id, created_at, updated_at, author_id, workstation_id, username, display_name,"
                    " role, clearance, post, must_change_password, password_changed_at)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        user_id,
                        now,
                        now,
                        None,
                        workstation_id,
                        acc.username.strip().lower(),
                        clean_display_name(acc.display_name),
                        acc.role.value,
                        acc.clearance,
                        clean_post(acc.post),
                        int(acc.must_change_password),
                        now,
                    ),
                )
                head = audit_trail.append(
                    conn,
                    audit_key,
                    user_id=None,
                    username="system",
                    role="system",
                    action="account_create",
                    object_type="user",
                    object_id=user_id,
                    workstation_id=workstation_id,
                    summary=f"{acc.username} / {acc.role.label}",
                    signer=signer,
                )
                name = acc.username.strip().lower()
                account_keys.insert_key(conn, slots.keys_for(name), name, user_id, now)
            account_keys.insert_key(conn, slots.keys_for(RECOVERY_SLOT), RECOVERY_SLOT, None, now)
            # The security officer certifies every key for its account's role: the root of which
            # keys may ever receive a compartment key (app.core.security.key_trust).
            roles = {a.username.strip().lower(): a.role.value for a in accounts}
            for name in (*roles, RECOVERY_SLOT):
                account_keys.certify_row(
                    conn, slots.keys_for(name).key_id, signer, now, role=roles.get(name, "recovery")
                )
            conn.execute("COMMIT")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        audit_trail.write_head(staging, subkey(db_key, "audit-head"), *head)
        slots.save(db_key)
        return SetupResult(recovery_code, workstation_id, db_uuid, [a.username for a in accounts])

    # ---- signing in ------------------------------------------------------------------------------
    def unlock(self, username: str, password: str, *, now: datetime | None = None) -> Session:
        """Sign in. A wrong password leaves the database untouched and counts toward the lockout."""
        self.settle()
        if not self.exists():
            raise StoreError("此数据目录中还没有数据库，请先完成初始化。")
        username = username.strip().lower()
        slots = KeySlots.load(self.folder)
        if username == RECOVERY_SLOT:
            raise unlock_error()
        try:
            slots.check_not_locked(username, now)
        except AccountLocked:
            slots.record_refused(username, "locked", now)
            raise
        db_key = slots.try_unwrap(username, password)
        if db_key is None:
            if slots.record_failure(username, "wrong_password", now):
                minutes = int(slots.policy.get("lockout_minutes", 10))
                raise AccountLocked(f"密码连续错误次数过多，账号已锁定 {minutes} 分钟。")
            raise unlock_error()
        session = self._open_session(slots, db_key, username, now=now)
        if slots.is_legacy(username):  # written before key pairs: re-made now that the password is here
            slots.put_slot(username, password, db_key, slots.params_for(username) or calibrated_params())
            slots.save(db_key)
        return session

    def _open_session(
        self,
        slots: KeySlots,
        db_key: bytes,
        username: str,
        *,
        now: datetime | None = None,
        action: str = "login",
        slot_name: str | None = None,
    ) -> Session:
        conn = open_connection(self.db_path, db_key)
        try:
            slots.verify_mac(db_key)
            migrations.migrate(conn)
            row = conn.execute(f"SELECT {USER_COLUMNS} FROM users WHERE username = ?", (username,)).fetchone()
            if row is None:
                raise unlock_error()
            user = User.from_row(row)
            meta = {r["key"]: r["value"] for r in conn.execute("SELECT key, value FROM meta")}
            policy = Policy.from_rows(
                {r["key"]: r["value"] for r in conn.execute("SELECT key, value FROM policy")}
            )
            session = Session(self.folder, conn, db_key, user, meta["workstation_id"], slots)
        except DatabaseError as exc:
            conn.close()
            raise StoreError(DAMAGED_MESSAGE) from exc
        except BaseException:
            conn.close()
            raise
        try:
            session.check_head()
        except UserError as exc:  # a damaged or forged head file is itself the alarm
            session.head_alarm = exc.message
        except DatabaseError as exc:
            conn.close()
            raise StoreError(DAMAGED_MESSAGE) from exc
        try:
            account_keys.attach(session, slots, slot_name or username)
        except DatabaseError as exc:
            conn.close()
            raise StoreError(DAMAGED_MESSAGE) from exc
        except BaseException:
            conn.close()
            raise
        pending = slots.take_pending_attempts()
        # A business account the two administrators have not granted yet cannot sign in at all.
        refused = "disabled" if user.disabled else "pending" if user.role == Role.PENDING else ""
        if (slot_name or username) in slots.tampered:  # its lockout counters were edited: see store.lockout
            refused = "tampered"
        try:
            if refused and refused != "tampered":  # a tampered counter's attempt is pending already
                pending.append({"username": username, "at": audit_trail.now_iso(), "reason": refused})
            with session.transaction():
                for attempt in pending:
                    audit_attempt(session, attempt)
                if not refused:  # for a refused account the attempts above are the record
                    session.notice = sign_in_notice(conn, user)  # before last_login_at moves
                    _, max_age = effective_rules(policy, user.clearance)
                    changed = user.password_changed_at
                    when = now or datetime.now(UTC)
                    expired = (
                        changed is not None
                        and datetime.fromisoformat(changed) + timedelta(days=max_age) < when
                    )
                    if expired and not user.must_change_password:
                        conn.execute("UPDATE users SET must_change_password = 1 WHERE id = ?", (user.id,))
                        user.must_change_password = True
                    conn.execute(
                        "UPDATE users SET last_login_at = ? WHERE id = ?", (audit_trail.now_iso(), user.id)
                    )
                    session.audit(action, "user", user.id, "密码已过期，须修改" if expired else "")
                    if session.head_alarm:
                        session.audit("audit_head_alarm", "audit", "", session.head_alarm)
        except DatabaseError as exc:
            conn.close()
            raise StoreError(DAMAGED_MESSAGE) from exc
        except BaseException:
            conn.close()
            raise
        if refused:
            slots.save(db_key)
            conn.close()
            if refused == "tampered":
                raise AccountLocked(
                    "密钥槽文件中的失败次数记录被改动过（有人试图绕过锁定），已记入审计日志；"
                    f"账号暂时锁定，请约 {int(slots.policy.get('lockout_minutes', 10))} 分钟后再试，并告知安全保密管理员。"
                )
            if refused == "pending":
                raise AuthenticationError("此账号尚未由系统管理员和安全保密管理员授权，暂不能登录。")
            raise AuthenticationError("此账号已停用，请联系系统管理员。")
        slots.clear_failures(username)
        slots.save(db_key)
        return session

    # ---- recovery --------------------------------------------------------------------------------
    def recover(self, recovery_code: str, username: str, new_password: str) -> str:
        """Use the sealed recovery code to give `username` a new password (it must be changed at sign-in).

        The code is single-use: the recovery slot is rewrapped under a new code, which is returned to
        be printed and sealed again. Wrong codes count toward a lockout of the recovery slot, as wrong
        passwords do at sign-in.
        """
        self.settle()
        if not self.exists():
            raise StoreError("此数据目录中还没有数据库。")
        slots = KeySlots.load(self.folder)
        try:
            slots.check_not_locked(RECOVERY_SLOT)
        except AccountLocked:
            slots.record_refused(RECOVERY_SLOT, "locked")
            raise
        db_key = slots.try_unwrap(RECOVERY_SLOT, normalise_recovery_code(recovery_code))
        if db_key is None:
            if slots.record_failure(RECOVERY_SLOT, "wrong_recovery_code"):
                minutes = int(slots.policy.get("lockout_minutes", 10))
                raise AccountLocked(f"恢复码连续错误次数过多，已锁定 {minutes} 分钟。")
            raise AuthenticationError("恢复码不正确。")
        username = validate_username(username)
        session = self._open_session(
            slots, db_key, username, action="recovery_unlock", slot_name=RECOVERY_SLOT
        )
        if slots.is_legacy(RECOVERY_SLOT):  # written before key pairs: re-made while the code is here
            code, params = normalise_recovery_code(recovery_code), slots.params_for(RECOVERY_SLOT)
            slots.put_slot(RECOVERY_SLOT, code, db_key, params or calibrated_params(), kind="recovery")
            slots.save(db_key)
        try:
            accounts.set_password_by_recovery(session, new_password)
            new_code = new_recovery_code()
            slots = KeySlots.load(self.folder)
            slots.verify_mac(db_key)
            slots.put_slot(
                RECOVERY_SLOT,
                new_code,
                db_key,
                slots.params_for(RECOVERY_SLOT) or calibrated_params(),
                kind="recovery",
            )
            slots.clear_failures(RECOVERY_SLOT)
            slots.save(db_key)
            session.audit("recovery_code_renewed", "", "", "旧恢复码已作废")
        finally:
            session.close()
        return new_code


# Attempts noted in the slot file while no key was at hand, by reason, and the audit action they become.
ATTEMPT_ACTIONS = {
    "locked": "login_refused_locked",
    "disabled": "login_refused_disabled",
    "pending": "login_refused_pending",  # a business account not yet granted by both administrators
    "unlock_wrong_password": "unlock_failed",  # at the lock screen, whose session holds no key
    "unlock_refused_locked": "unlock_refused_locked",
    "counters_tampered": "lockout_counters_tampered",  # the slot file's failure counters were edited
    "restore_wrong_password": "restore_failed",
    "restore_refused_locked": "restore_refused_locked",
}


def audit_attempt(session: Session, attempt: dict) -> None:
    """Write one attempt the slot file kept (a failed sign-in or unlock, a sign-out while locked)."""
    reason = str(attempt.get("reason", "wrong_password"))
    action = ATTEMPT_ACTIONS.get(reason, "login_failed")
    if reason.endswith("_while_locked"):  # a sign-out from the lock screen: "logout_while_locked"
        action = reason.removesuffix("_while_locked")
    if attempt.get("locked"):
        action = "account_locked"
    with session.transaction() as conn:
        session._head = audit_trail.append(
            conn,
            session.audit_key,
            user_id=None,
            username="（未知账号）"
            if attempt.get("username") == UNKNOWN_ACCOUNT
            else str(attempt.get("username", "")),
            role="",
            action=action,
            workstation_id=session.workstation_id,
            summary=f"{reason}",
            at=str(attempt.get("at")),
            signer=session.signer,
        )
