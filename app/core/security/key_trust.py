"""Which account keys may be given a compartment key: those the security officer certified.

Every insider who holds a password holds the database key, so they can rewrite the slot file and
the key tables: put a key pair of their own making in a leader's slot, register it as the leader's,
even set their own role to security officer in the users table. A compartment key is therefore
sealed only to a key in `sealable_keys`, worked out from signatures alone:

- the root: the key that signed the setup's entry (audit entry 1, which every later entry's
  signature covers through the chain, so it cannot be replaced unnoticed by `verify`), the security
  officer's key at setup. A database set up before signed audit (no signed entry 1) roots in the keys
  of the account the users table names security officer, the best it has (README, 密钥);
- the security officer's keys (`officer`): the root, the keys that replaced one of them at a password
  change (the old key signs the new one), and a security officer's key after a password reset, which
  the system administrator and the auditor certify together (their own keys certified, with those
  roles, by an officer key);
- sealable: the officer's keys, every key an officer key certified (setup, granting a role, a password
  reset: app.core.security.dual_control), and every key that replaced a sealable key of the same
  account at a password change (its old key signs it).

So a key made by anyone else — a swapped slot, a recovery code's new password (app.core.workstation
.recover) — is certified by nobody and gets no compartment key until the two administrators grant the
account again. Certificates (`key_certificates`) carry the role the key was certified for (`role`,
message version 2); those from before it (version 1) carry none.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.core.security import audit as audit_trail
from app.core.security.roles import Role
from app.core.store.keyslots import key_id_of


@dataclass(frozen=True)
class KeyRow:
    id: str
    slot_name: str
    user_id: str | None
    sign_public: str
    seal_public: str
    created_at: str
    endorses: str | None
    endorsement: str | None


def key_rows(conn) -> dict[str, KeyRow]:
    rows = conn.execute(
        "SELECT id, slot_name, user_id, sign_public, seal_public, created_at, endorses, endorsement FROM account_keys"
    ).fetchall()
    return {
        r["id"]: KeyRow(
            r["id"],
            r["slot_name"],
            r["user_id"],
            r["sign_public"],
            r["seal_public"],
            r["created_at"],
            r["endorses"],
            r["endorsement"],
        )
        for r in rows
    }


def certify_message(
    key_id: str, slot_name: str, user_id: str | None, sign_public: str, seal_public: str, role: str = ""
) -> bytes:
    if role:
        return f"xuncha-key-cert/2|{key_id}|{slot_name}|{user_id or ''}|{role}|{sign_public}|{seal_public}".encode()
    return f"xuncha-key-cert/1|{key_id}|{slot_name}|{user_id or ''}|{sign_public}|{seal_public}".encode()


@lru_cache(maxsize=4096)
def _public(sign_public: str, key_id: str) -> Ed25519PublicKey | None:
    try:
        raw = base64.b64decode(sign_public, validate=True)
        if key_id_of(raw) != key_id:
            return None  # a row whose id is not its key's fingerprint is not a key of ours
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError:
        return None


def public_of(row: KeyRow) -> Ed25519PublicKey | None:
    return _public(row.sign_public, row.id)


@lru_cache(maxsize=8192)
def _verified(sign_public: str, key_id: str, signature: str, message: bytes) -> bool:
    public = _public(sign_public, key_id)
    if public is None or not signature:
        return False
    try:
        public.verify(base64.b64decode(signature), message)
        return True
    except (InvalidSignature, ValueError):
        return False


def valid_signature(row: KeyRow, signature: str | None, message: bytes) -> bool:
    """Whether `row`'s key signed `message` (results kept: the same certificates are asked about often)."""
    return _verified(row.sign_public, row.id, signature or "", message)


@dataclass(frozen=True)
class Certificate:
    key_id: str
    certifier: str
    role: str


def valid_certificates(conn, rows: dict[str, KeyRow]) -> list[Certificate]:
    """Every certificate whose signature holds, by its certifier's registered key."""
    out = []
    columns = {r["name"] for r in conn.execute("PRAGMA table_info(key_certificates)")}
    role = "role" if "role" in columns else "'' AS role"  # before m0014 (a migration reads it)
    for cert in conn.execute(f"SELECT key_id, certifier_key, signature, {role} FROM key_certificates"):
        row, certifier = rows.get(cert["key_id"]), rows.get(cert["certifier_key"])
        if row is None or certifier is None:
            continue
        message = certify_message(
            row.id, row.slot_name, row.user_id, row.sign_public, row.seal_public, cert["role"]
        )
        if valid_signature(certifier, cert["signature"], message):
            out.append(Certificate(row.id, certifier.id, cert["role"]))
    return out


def _roots(conn, rows: dict[str, KeyRow]) -> set[str]:
    first = conn.execute(audit_trail.SELECT_ALL + " WHERE seq = 1").fetchone()
    if first is not None and first["signature"]:
        row = rows.get(first["signer_key"])
        values = {f: first[f] for f in audit_trail.FIELDS}
        message = audit_trail.signed_message(audit_trail.GENESIS, values, first["signer_key"])
        if (
            first["action"] == "setup"
            and row is not None
            and valid_signature(row, first["signature"], message)
        ):
            return {row.id}
        return set()
    officers = {
        r["id"] for r in conn.execute("SELECT id FROM users WHERE role = ?", (Role.SECURITY_OFFICER.value,))
    }
    return {key_id for key_id, row in rows.items() if row.user_id in officers}


def _same_account(a: KeyRow, b: KeyRow) -> bool:
    return a.slot_name == b.slot_name and a.user_id == b.user_id


def sealable_keys(conn) -> dict[str, KeyRow]:
    """The keys a compartment key may be sealed to (see the module's docstring), by key id."""
    rows = key_rows(conn)
    certs = valid_certificates(conn, rows)
    officer = _roots(conn, rows)
    officer_slots = {rows[k].slot_name for k in officer}
    sealable = set(officer)
    roles: dict[str, set[str]] = {}  # the roles an officer key certified a key for
    changed = True
    while changed:
        changed = False
        for cert in certs:
            row, by = rows[cert.key_id], rows[cert.certifier]
            succession = _same_account(row, by)
            if cert.certifier in officer:
                if cert.role and cert.role not in roles.setdefault(cert.key_id, set()):
                    roles[cert.key_id].add(cert.role)
                    changed = True
                if succession and cert.key_id not in officer:
                    officer.add(cert.key_id)
                    changed = True
            if cert.key_id in sealable:
                continue
            if cert.certifier in officer or (succession and cert.certifier in sealable):
                sealable.add(cert.key_id)
                if succession:
                    roles.setdefault(cert.key_id, set()).update(roles.get(cert.certifier, set()))
                changed = True
        for key_id, row in rows.items():  # an officer's reset key, certified by both other administrators
            if key_id in officer or row.slot_name not in officer_slots:
                continue
            by = {
                role
                for cert in certs
                if cert.key_id == key_id and cert.certifier in sealable
                for role in roles.get(cert.certifier, set())
            }
            if {Role.SYSADMIN.value, Role.AUDITOR.value} <= by:
                officer.add(key_id)
                sealable.add(key_id)
                changed = True
    return {key_id: rows[key_id] for key_id in sealable}


def sealable_for(
    sealable: dict[str, KeyRow], key_id: str, user_id: str, username: str, seal_public: bytes
) -> bool:
    """Whether the key in `username`'s slot (its id and X25519 half) is that account's certified key."""
    row = sealable.get(key_id)
    if row is None or row.user_id != user_id or row.slot_name != username:
        return False
    try:
        return base64.b64decode(row.seal_public, validate=True) == seal_public
    except ValueError:
        return False
