"""The accounts' public keys in the database, and which of them are trusted.

Every key pair an account has had (sealed in its key slot, app.core.store.keyslots) has a row in
`account_keys`, never deleted, so that old audit entries stay checkable after the pair is replaced.
A key is trusted for verification when one of these holds:

- it is the key sealed in its owner's slot now (the public key in the slot is bound into the seal: a
  changed one stops the owner from signing in, so nobody can swap it unnoticed);
- the key that replaced it endorses it (the session that changed the password held both pairs and
  signed the old key's id with the new key);
- a trusted key of a security officer certified it (`certify_slot_key`): the setup's security
  officer certifies every key made at setup, and the security officer certifies the account's slot
  key in each two-person step they take part in (granting a role, resetting a password).

A password change registers the new key endorsed by the old one and signed by it (a successor
certificate), and the compartment keys sealed to the old pair are sealed to the new one in the same
step (app.core.security.compartment_keys). Which keys may receive compartment keys is stricter than
which keys verify (app.core.security.key_trust): only certified ones and their successors.

A session gets its signing key from `attach` right after sign-in: a key pair seen for the first time
is registered (its own entry, signed by it); when the trail has entries from before signing, the
`audit_signing_upgrade` entry, signed by the user signing in, covers them.
"""

from __future__ import annotations

import base64

from app.core.errors import IntegrityFailure
from app.core.security import audit as audit_trail
from app.core.security import compartment_keys, key_trust
from app.core.security.audit import SignerKey
from app.core.security.roles import Role
from app.core.store.keyslots import RECOVERY_SLOT, AccountKeyPair, KeySlots, key_id_of


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _endorse_message(new_id: str, old_id: str, slot_name: str) -> bytes:
    return f"xuncha-key-endorse/1|{new_id}|{old_id}|{slot_name}".encode()


def signer_keys(conn, slots: KeySlots) -> dict[str, SignerKey]:
    """Every registered key with its trust worked out (see the module's docstring)."""
    rows = key_trust.key_rows(conn)
    publics = {key_id: key_trust.public_of(row) for key_id, row in rows.items()}
    officers = {
        r["id"] for r in conn.execute("SELECT id FROM users WHERE role = ?", (Role.SECURITY_OFFICER.value,))
    }
    trusted: set[str] = set()
    for key_id, row in rows.items():
        current = slots.public_keys(row.slot_name)
        if current is not None and publics[key_id] is not None and key_id_of(current[0]) == key_id:
            trusted.add(key_id)
    certificates = key_trust.valid_certificates(conn, rows)
    changed = True
    while changed:  # trust flows from the slots' keys along endorsements and certificates
        changed = False
        for key_id, row in rows.items():
            if key_id in trusted:
                continue
            if any(
                other.endorses == key_id
                and other.id in trusted
                and key_trust.valid_signature(
                    other, other.endorsement, _endorse_message(other.id, key_id, row.slot_name)
                )
                for other in rows.values()
            ) or any(
                cert.key_id == key_id
                and cert.certifier in trusted
                and rows[cert.certifier].user_id in officers
                for cert in certificates
            ):
                trusted.add(key_id)
                changed = True
    return {
        key_id: SignerKey(
            key_id,
            row.slot_name,
            row.user_id,
            publics[key_id],
            key_id in trusted,
            recovery=row.slot_name == RECOVERY_SLOT,
        )
        for key_id, row in rows.items()
        if publics[key_id] is not None
    }


# ---- writing keys ----------------------------------------------------------------------------------


def insert_key(
    conn,
    keys: AccountKeyPair,
    slot_name: str,
    user_id: str | None,
    created_at: str,
    *,
    endorses: AccountKeyPair | None = None,
) -> None:
    """Register a public key (inside the caller's transaction); endorse the key it replaces."""
    endorsement = None
    if endorses is not None:
        endorsement = _b64(keys.sign.sign(_endorse_message(keys.key_id, endorses.key_id, slot_name)))
    conn.execute(
        "INSERT INTO account_keys (id, slot_name, user_id, sign_public, seal_public, created_at, endorses,"
        " endorsement) VALUES (?,?,?,?,?,?,?,?)",
        (
            keys.key_id,
            slot_name,
            user_id,
            _b64(keys.sign_public),
            _b64(keys.seal_public),
            created_at,
            endorses.key_id if endorses is not None else None,
            endorsement,
        ),
    )


def insert_public(
    conn, key_id: str, slot_name: str, user_id: str | None, publics: tuple[bytes, bytes], created_at: str
) -> None:
    """Register a key known by its public halves only (a slot's key at a grant; setup and sign-in
    register the pairs they hold with insert_key)."""
    conn.execute(
        "INSERT INTO account_keys (id, slot_name, user_id, sign_public, seal_public, created_at)"
        " VALUES (?,?,?,?,?,?)",
        (key_id, slot_name, user_id, _b64(publics[0]), _b64(publics[1]), created_at),
    )


def certify_row(conn, key_id: str, certifier: AccountKeyPair, at: str, *, role: str = "") -> bool:
    """The certifier signs a registered key for `role` (inside the caller's transaction); False if
    that certifier signed it already (the first certificate stands)."""
    row = key_trust.key_rows(conn).get(key_id)
    if row is None:
        return False
    if conn.execute(
        "SELECT 1 FROM key_certificates WHERE key_id = ? AND certifier_key = ?", (key_id, certifier.key_id)
    ).fetchone():
        return False
    signature = certifier.sign.sign(
        key_trust.certify_message(key_id, row.slot_name, row.user_id, row.sign_public, row.seal_public, role)
    )
    conn.execute(
        "INSERT INTO key_certificates (key_id, certifier_key, certified_at, signature, role) VALUES (?,?,?,?,?)",
        (key_id, certifier.key_id, at, _b64(signature), role),
    )
    return True


def certify_slot_key(
    conn, slots: KeySlots, username: str, user_id: str, role: str, certifiers: list[AccountKeyPair], at: str
) -> str | None:
    """Certify the key now sealed in `username`'s slot for `role` (inside the caller's transaction).

    Called where the security officer takes part in a two-person step (granting a role, a password
    reset; for the security officer's own reset, the system administrator and the auditor both): the
    key the slot holds at that moment is the one certified. Registers it first if it is not yet.
    Returns the key's id, or None when the slot holds no key pair.
    """
    publics = slots.public_keys(username)
    if publics is None:
        return None
    key_id = key_id_of(publics[0])
    row = conn.execute("SELECT slot_name, user_id FROM account_keys WHERE id = ?", (key_id,)).fetchone()
    if row is None:
        insert_public(conn, key_id, username, user_id, publics, at)
    elif row["slot_name"] != username or row["user_id"] != user_id:
        raise IntegrityFailure(f"账号 {username} 密钥槽中的公钥登记在另一个账号名下，拒绝签署。")
    for certifier in certifiers:
        certify_row(conn, key_id, certifier, at, role=role)
    return key_id


# ---- a session's signing key -----------------------------------------------------------------------


def attach(session, slots: KeySlots, slot_name: str) -> None:
    """Give a freshly opened session the key pair its slot holds; register the key if it is new.

    `slot_name` is the user's name, or the recovery slot's for a session opened with the recovery
    code (which signs with the recovery slot's own key, never the account's).
    """
    keys = slots.keys_for(slot_name)
    if keys is None:
        raise IntegrityFailure("密钥槽中没有账号密钥，无法签署审计日志。")
    if slots.has_unsaved_keys(slot_name):
        slots.save(session.db_key)  # the private key is in the slot before its public key is in use
    row = session.conn.execute("SELECT slot_name FROM account_keys WHERE id = ?", (keys.key_id,)).fetchone()
    if row is not None and row["slot_name"] != slot_name:
        raise IntegrityFailure("密钥槽中的账号密钥登记在另一个账号名下，拒绝打开。")
    session.set_signer(keys, slot_name)
    with session.transaction():
        _cover_unsigned(session)  # first, so that the upgrade entry is the first signed one
        if row is None:
            register_current(session, keys, slot_name, endorses=None)


def register_current(
    session, keys: AccountKeyPair, slot_name: str, *, endorses: AccountKeyPair | None
) -> None:
    """Register the session's own new key (called by attach and by the session on a password change)."""
    user_id = None if slot_name == RECOVERY_SLOT else session.user.id
    with session.transaction() as conn:
        now = audit_trail.now_iso()
        insert_key(conn, keys, slot_name, user_id, now, endorses=endorses)
        summary = f"{slot_name} 公钥 {keys.key_id[:16]}"
        if endorses is not None:
            summary += f"，接替 {endorses.key_id[:16]}"
            if user_id is not None:
                # The old key signs the new one (its successor: a certified key's successor is
                # certified, app.core.security.key_trust), and the session, holding both pairs,
                # moves its compartment keys along.
                certify_row(conn, keys.key_id, endorses, now, role=session.user.role.value)
                moved = compartment_keys.hand_over(conn, endorses, keys, user_id, now)
                if moved:
                    summary += f"，转交知悉范围密钥 {moved} 个"
        session.audit("account_key_register", "account_key", keys.key_id, summary)


def _cover_unsigned(session) -> None:
    """Entries from before signing: one upgrade entry, signed by whoever signs in first, covers them."""
    conn = session.conn
    unsigned = conn.execute("SELECT max(seq) FROM audit WHERE signature = ''").fetchone()[0]
    if unsigned is None:
        return
    if conn.execute(
        "SELECT 1 FROM audit WHERE action = ? AND signature != ''", (audit_trail.UPGRADE_ACTION,)
    ).fetchone():
        return
    first_signed = conn.execute("SELECT min(seq) FROM audit WHERE signature != ''").fetchone()[0]
    if first_signed is not None and first_signed < unsigned:
        return  # unsigned entries after signed ones: not an upgrade, verification will name them
    session.audit(
        audit_trail.UPGRADE_ACTION,
        "audit",
        "",
        f"启用审计签名：第 1–{unsigned} 条写于签名启用之前，由 {session.user.username} 签署确认",
    )
