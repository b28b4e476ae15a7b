"""A signed-in session: one user, one open connection, the capability checks and the audit.

Every core operation takes a Session first. It checks `session.require(cap)`, validates, then writes
inside `session.transaction()`, adding its audit entry with `session.audit(...)` in that same
transaction, so the change and its trace land together or not at all.

Every entry is signed with the session's key pair (`set_signer`, done by
app.core.security.account_keys.attach at sign-in). When the session's own slot gets a new pair (a
password change saves `session.slots`), the next entry first registers the new key, endorsing the
old one, and signs with it from then on.

The session also keeps the change notice, the kinds of record that committed transactions changed,
which `take_changes()` hands over (the UI's worker broadcasts them). An operation writes, then audits:
rows changed since the previous audit entry (trigger rows included, the audit rows themselves not)
count for the object type ("talk", "issue", ...) of the entry that follows them, and rows written
after a transaction's last entry count for that last one. So a pure view, whose entry follows no
write, announces nothing, even inside a change's transaction, and a rolled-back one nothing at all.
A change whose audit entry does not name what it changed says so with `session.changed(kind)`.

A Session's connection belongs to the thread that opened it (the UI's one database worker).

Locking (`suspend()`) closes the connection and wipes the database key and every key derived from it
(held in bytearrays, app.core.store.key_buffer), the compartment keys it opened among them; the
session keeps only who is signed in, until `resume()` gives it a connection and the key again
(app.core.security.lock checks the password). `sealing_key` is the X25519 private key that
compartment keys are sealed to (app.core.security.compartments).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.core.errors import PasswordChangeRequired, PermissionDenied, StoreError
from app.core.security import account_keys
from app.core.security import audit as audit_trail
from app.core.security.roles import CAP_LABELS, Cap, Role, allowed
from app.core.store.connection import Connection, DatabaseError
from app.core.store.key_buffer import keep, wipe
from app.core.store.key_root import derivation_root
from app.core.store.keyslots import AccountKeyPair, KeySlots, subkey
from app.core.store.rows import record


@dataclass
class User:
    id: str
    username: str
    display_name: str
    role: Role
    clearance: str
    post: str
    disabled: bool
    must_change_password: bool
    password_changed_at: str | None
    last_login_at: str | None

    @classmethod
    def from_row(cls, row) -> User:
        return record(cls, row, role=Role, disabled=bool, must_change_password=bool)


USER_COLUMNS = (
    "id, username, display_name, role, clearance, post, disabled, must_change_password,"
    " password_changed_at, last_login_at"
)

# What a session that must change its password may still do.
_ALLOWED_BEFORE_CHANGE: frozenset[Cap] = frozenset()


class Session:
    def __init__(
        self, folder: Path, conn: Connection, db_key: bytes, user: User, workstation_id: str, slots: KeySlots
    ) -> None:
        self.folder = folder
        self.conn: Connection | None = conn
        self._keep_keys(db_key)
        self.locked = False
        self.user = user
        self.workstation_id = workstation_id
        self.slots = slots
        self._depth = 0
        self._head: tuple[int, str] | None = None
        # The change notice: the kinds changed in the open transaction, the change count after its
        # last audit entry and that entry's object type, and the kinds committed since take_changes().
        self._kinds: set[str] = set()
        self._mark = 0
        self._last_type = ""
        self._changed: set[str] = set()
        self.closed = False
        # Set when the chain head kept outside the database does not match the database (entries cut
        # off the end, or the head file missing). The head is then never rewritten, so the
        # mismatch stays visible to every later verification instead of being papered over.
        self.head_alarm: str | None = None
        self.notice = None  # the sign-in's SignInNotice (security/sign_in_notice.py), set by the sign-in
        # The key pair that signs this session's entries, the slot it came from, and the slots
        # object it was taken from (a new object may hold a new pair after a password change).
        self._signer: AccountKeyPair | None = None
        self._signer_slot = ""
        self._signer_source: KeySlots | None = None
        # Compartment keys this session opened (app.core.security.compartments), by compartment id;
        # wiped with every other key when the session locks or closes.
        self.compartment_keys: dict[str, bytearray] = {}

    def _keep_keys(self, db_key: bytes | bytearray) -> None:
        self._db_key = keep(db_key)
        # What the purpose keys inside the database derive from; stays the same when the key rotates.
        self._root_key = derivation_root(self.conn, db_key)
        # Derived once: every commit that audits uses both.
        self._audit_key = keep(subkey(self._root_key, "audit-chain"))
        self._head_key = keep(subkey(db_key, "audit-head"))
        self._head_writer = audit_trail.HeadWriter(self.folder, self._head_key)

    def _drop_keys(self) -> None:
        wipe(self._db_key, self._root_key, self._audit_key, self._head_key, *self.compartment_keys.values())
        self.compartment_keys = {}
        self._db_key, self._root_key = bytearray(), bytearray()
        self._audit_key, self._head_key = bytearray(), bytearray()

    # ---- the screen lock ------------------------------------------------------------------------
    def suspend(self) -> None:
        """Close the connection and wipe every key: nothing of the store stays in the process."""
        if self.locked or self.closed:
            return
        try:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except DatabaseError:
            pass  # closing still drops it; a damaged file is reported at the next open
        finally:
            self.conn.close()
            self.conn = None
            self._drop_keys()
            self._signer = None  # the signing key goes too; resume takes it from the slot again
            self.locked = True

    def resume(self, conn: Connection, db_key: bytes | bytearray, user: User, slots: KeySlots) -> None:
        """Take the connection and key back after the lock (the password was checked by the caller)."""
        self.conn = conn
        self._keep_keys(db_key)
        self.user = user
        self.slots = slots
        keys = slots.keys_for(self._signer_slot) if self._signer_slot else None
        if keys is not None:
            self._signer, self._signer_source = keys, slots
        self.locked = False

    # ---- identity and capabilities --------------------------------------------------------------
    @property
    def role(self) -> Role:
        return self.user.role

    @property
    def db_key(self) -> bytearray:
        return self._db_key

    @property
    def root_key(self) -> bytearray:
        """What keys the purpose keys of records inside the database (copies, seals, sheets) derive from."""
        return self._root_key

    @property
    def audit_key(self) -> bytearray:
        return self._audit_key

    @property
    def signer(self) -> AccountKeyPair | None:
        return self._signer

    @property
    def sealing_key(self) -> X25519PrivateKey | None:
        """The X25519 private key compartment keys are sealed to: the sealing half of the signer's pair."""
        return self._signer.seal if self._signer is not None else None

    @property
    def signer_slot(self) -> str:
        return self._signer_slot

    def set_signer(self, keys: AccountKeyPair, slot_name: str) -> None:
        self._signer, self._signer_slot, self._signer_source = keys, slot_name, self.slots

    def _follow_key_change(self) -> None:
        """The session's slot was rewritten (a password change): register its new pair, then sign with it."""
        self._signer_source = self.slots
        new = self.slots.keys_for(self._signer_slot)
        old = self._signer
        if new is None or old is None or new.key_id == old.key_id:
            return
        account_keys.register_current(self, new, self._signer_slot, endorses=old)  # signed by the old key
        self._signer = new

    def can(self, cap: Cap) -> bool:
        return allowed(self.user.role, cap)

    def require(self, cap: Cap) -> None:
        if self.user.must_change_password and cap not in _ALLOWED_BEFORE_CHANGE:
            raise PasswordChangeRequired("请先修改初始密码或已过期的密码，然后再进行其他操作。")
        if not allowed(self.user.role, cap):
            raise PermissionDenied(f"当前角色（{self.user.role.label}）无权{CAP_LABELS[cap]}。")

    # ---- transactions and audit -----------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction; nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        self._head = None
        self._kinds = set()
        self._mark = self.conn.total_changes
        self._last_type = ""
        try:
            yield self.conn
        except BaseException:
            self._depth = 0
            self.conn.execute("ROLLBACK")
            self._head = None
            self._kinds = set()
            raise
        self._depth = 0
        # Counted before COMMIT: full-text indexes flush their buffered rows at commit, and count them.
        if self.conn.total_changes > self._mark and self._last_type:
            self._kinds.add(self._last_type)  # written after the last entry: that entry's change
        self.conn.execute("COMMIT")
        self._changed |= self._kinds
        self._kinds = set()
        if self._head is not None and self.head_alarm is None:
            self._head_writer.write(*self._head)
            self._head = None

    def changed(self, kind: str) -> None:
        """Name a kind of record the current transaction changes, beyond its audit entries' types."""
        if not self._depth:
            raise RuntimeError("session.changed() belongs inside session.transaction()")
        self._kinds.add(kind)

    def take_changes(self) -> frozenset[str]:
        """The kinds of record changed by transactions committed since the last call, and forget them."""
        changed, self._changed = frozenset(self._changed), set()
        return changed

    def audit(self, action: str, object_type: str = "", object_id: str = "", summary: str = "") -> None:
        """Record an action. Joins the current transaction, or makes its own."""
        if self._signer is None:
            raise RuntimeError("session has no signing key: open it through Workstation.unlock")
        if self.slots is not self._signer_source:
            self._follow_key_change()
        with self.transaction() as conn:
            if object_type and conn.total_changes > self._mark:
                self._kinds.add(object_type)  # rows were written since the previous entry
            self._head = audit_trail.append(
                conn,
                self.audit_key,
                user_id=self.user.id,
                username=self.user.username,
                role=self.user.role.value,
                action=action,
                object_type=object_type,
                object_id=object_id,
                summary=summary,
                workstation_id=self.workstation_id,
                signer=self._signer,
            )
            self._mark = conn.total_changes  # the entry's own row (and any trigger's) is no change
            self._last_type = object_type

    def record_values(self) -> dict[str, str | None]:
        """Provenance columns for a new record."""
        now = audit_trail.now_iso()
        return {
            "id": str(uuid.uuid4()),
            "created_at": now,
            "updated_at": now,
            "author_id": self.user.id,
            "workstation_id": self.workstation_id,
        }

    def check_head(self) -> None:
        """Compare the database's audit trail with the head kept outside it; raise the alarm if cut."""
        head = audit_trail.read_head(self.folder, self._head_key)
        if head is None:
            self.head_alarm = "库外审计链头文件缺失。"
            return
        seq, digest = head
        row = self.conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
        if row is None or row[0] != digest:
            self.head_alarm = f"审计日志与库外链头不符（链头第 {seq} 条），日志可能被截断或改动。"

    def close(self, *, reason: str = "logout") -> None:
        if self.closed:
            return
        if self.locked:
            # No key to write with: the sign-out waits in the slot file for the next sign-in's audit.
            self.closed = True
            KeySlots.load(self.folder).record_refused(self.user.username, f"{reason}_while_locked")
            return
        try:
            self.audit(reason)
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except DatabaseError as exc:
            # SQLCipher turns a connection read-only after a failed page HMAC: the sign-out cannot be
            # recorded, but the session still ends and the user is told why.
            raise StoreError("数据库已损坏，无法记录退出；请让安全审计员运行数据库校验。") from exc
        finally:
            self.conn.close()
            self.closed = True
            self._drop_keys()
            self._signer = None
