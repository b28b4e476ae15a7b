"""Compartment keys (知悉范围密钥) below the session: the cryptography and the table of sealed copies.

A compartment holds the sensitive part of one kind of record of one inspection — the leads' content
(`leads`: everything but the lead's status and dates) or the petitioners' identity (`informants`:
name and contact). Its key is 256 random bits; a record's sealed fields are one JSON object encrypted
under it with AES-256-GCM, the associated data binding the compartment, the table, the record's id
and the column, so a sealed value copied onto another record or into another column does not open.
The plaintext columns of those fields are left blank (app.core.store.migrations.m0012_compartments).

The key itself is stored only sealed, once per entitled account key, in `compartment_seals`:
ephemeral X25519 to the account's X25519 public key (the one in its key slot), HKDF-SHA256, AES-GCM,
the associated data binding compartment, inspection, kind and the recipient key's id. Who may hold
a compartment (`entitled_users`) is the need-to-know rule of the code: leads, the office and the
inspection team's leader (app.core.domain.register.leads); informants, the office and the team
(app.core.domain.register.petitions, app.core.security.visibility). No administrator is ever one.

Nothing here takes a session: the migration seals the rows it finds on a bare connection, and a
password change hands the account's copies over from its old key pair to its new one (`hand_over`).
The session-level steps (open, share, rotate) are app.core.security.compartments.
"""

from __future__ import annotations

import base64
import json
import os
import uuid
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.core.security import key_trust
from app.core.security.roles import Cap, Role, allowed
from app.core.store.key_buffer import keep
from app.core.store.keyslots import AccountKeyPair

LEADS = "leads"
INFORMANTS = "informants"
KINDS = (LEADS, INFORMANTS)
KEY_BYTES = 32
SEALED_COLUMN = "sealed"  # the column of a record holding its sealed fields
_PREFIX = "c1"


@dataclass(frozen=True)
class RecordSpec:
    """Which table a kind of compartment seals, its sealed fields, and what their plaintext columns hold."""

    table: str
    fields: tuple[str, ...]
    blanks: dict[str, Any] = field(default_factory=dict)  # default: ''
    # Which rows belong to one inspection (its id is the one parameter).
    of_inspection: str = "inspection_id = ?"

    def blank(self, name: str) -> Any:
        return self.blanks.get(name, "")

    def blank_values(self) -> dict[str, Any]:
        return {name: self.blank(name) for name in self.fields}


SPECS: dict[str, RecordSpec] = {
    LEADS: RecordSpec(
        "leads",
        (
            "person_name",
            "person_post",
            "summary",
            "source",
            "source_note",
            "transfer_to",
            "transfer_body",
            "sender",
            "receiver",
            "letter_no",
            "disposal",
            "case_opened",
            "sanction",
            "org_handling",
            "outcome_note",
        ),
        {"source": "other", "case_opened": 0},
    ),
    INFORMANTS: RecordSpec("petitions", ("petitioner", "contact")),
}
# The official documents made from the leads (app.core.official.kinds.DocKind.needs_leads: the
# transfer letter) keep each version's addressee and body in the inspection's leads compartment.
LETTER_KINDS = ("transfer_letter",)
LETTERS = RecordSpec(
    "official_versions",
    ("addressee", "body"),
    of_inspection="document_id IN (SELECT id FROM official_documents WHERE inspection_id = ? AND kind IN ("
    + ", ".join(f"'{k}'" for k in LETTER_KINDS)
    + "))",
)
# The spot checks of leaders' personal-matters reports (app.core.domain.spot_checks) are known as
# leads are: who was checked, which report, what was compared and what did not match are sealed.
SPOT_CHECKS = RecordSpec("spot_checks", ("person_name", "person_post", "report", "compared", "discrepancies"))
# The lead-like items of the briefings before entry (巡前情况通报, app.core.domain.briefings) keep
# their source, content and category in the inspection's leads compartment too.
BRIEFING_LEADS = RecordSpec(
    "briefing_items",
    ("content", "source", "category"),
    of_inspection="inspection_id = ? AND is_lead = 1",
)
# Every table whose rows a kind of compartment seals: its own records first.
ALL_SPECS: dict[str, tuple[RecordSpec, ...]] = {
    LEADS: (SPECS[LEADS], LETTERS, SPOT_CHECKS, BRIEFING_LEADS),
    INFORMANTS: (SPECS[INFORMANTS],),
}


def spec_of(kind: str, table: str) -> RecordSpec:
    """The spec of the table a kind of compartment seals (the leads' own, the letters', the spot checks')."""
    return next((spec for spec in ALL_SPECS[kind] if spec.table == table), SPECS[kind])


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


# ---- the records' sealed fields ---------------------------------------------------------------------


def _record_aad(compartment_id: str, table: str, record_id: str) -> bytes:
    return f"xuncha-compartment/1|{compartment_id}|{table}|{record_id}|{SEALED_COLUMN}".encode()


def encrypt_values(
    key: bytes | bytearray, compartment_id: str, table: str, record_id: str, values: dict
) -> str:
    """The sealed column's text: `c1.<compartment id>.<base64 of nonce and ciphertext>`."""
    nonce = os.urandom(12)
    plain = json.dumps(values, ensure_ascii=False, sort_keys=True).encode("utf-8")
    sealed = AESGCM(bytes(key)).encrypt(nonce, plain, _record_aad(compartment_id, table, record_id))
    return f"{_PREFIX}.{compartment_id}.{_b64(nonce + sealed)}"


def compartment_of(blob: str) -> str:
    """The compartment a sealed column's text was encrypted in ('' for a record not sealed yet)."""
    parts = blob.split(".")
    return parts[1] if len(parts) == 3 and parts[0] == _PREFIX else ""


def decrypt_values(key: bytes | bytearray, table: str, record_id: str, blob: str) -> dict | None:
    """The sealed fields, or None when the text does not open under this key for this record."""
    parts = blob.split(".")
    if len(parts) != 3 or parts[0] != _PREFIX:
        return None
    try:
        raw = _unb64(parts[2])
        plain = AESGCM(bytes(key)).decrypt(raw[:12], raw[12:], _record_aad(parts[1], table, record_id))
        values = json.loads(plain.decode("utf-8"))
    except (InvalidTag, ValueError):
        return None
    return values if isinstance(values, dict) else None


# ---- sealing the key to an account --------------------------------------------------------------------


def _seal_aad(compartment_id: str, inspection_id: str, kind: str, key_id: str) -> bytes:
    return f"xuncha-compartment-seal/1|{compartment_id}|{inspection_id}|{kind}|{key_id}".encode()


def _wrap_key(shared: bytes, eph_pub: bytes) -> bytes:
    return HKDF(hashes.SHA256(), KEY_BYTES, None, b"xuncha:compartment-seal:" + eph_pub).derive(shared)


def seal_key(key: bytes | bytearray, public: bytes, aad: bytes) -> str:
    ephemeral = X25519PrivateKey.generate()
    eph_pub = ephemeral.public_key().public_bytes_raw()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))
    nonce = os.urandom(12)
    sealed = AESGCM(_wrap_key(shared, eph_pub)).encrypt(nonce, bytes(key), aad)
    return _b64(eph_pub + nonce + sealed)


def open_key(private: X25519PrivateKey, envelope: str, aad: bytes) -> bytearray | None:
    try:
        raw = _unb64(envelope)
        eph_pub, nonce, sealed = raw[:32], raw[32:44], raw[44:]
        shared = private.exchange(X25519PublicKey.from_public_bytes(eph_pub))
        key = AESGCM(_wrap_key(shared, eph_pub)).decrypt(nonce, sealed, aad)
    except (InvalidTag, ValueError):
        return None
    return keep(key) if len(key) == KEY_BYTES else None


@dataclass(frozen=True)
class Recipient:
    """An entitled account's key: its user, the key's id (account_keys.id) and its X25519 public key."""

    user_id: str
    username: str
    key_id: str
    seal_public: bytes


def insert_seal(
    conn, compartment: dict, recipient: Recipient, key: bytes | bytearray, sealed_by: str, at: str
) -> None:
    aad = _seal_aad(compartment["id"], compartment["inspection_id"], compartment["kind"], recipient.key_id)
    conn.execute(
        "INSERT OR REPLACE INTO compartment_seals (compartment_id, key_id, user_id, sealed, sealed_by, sealed_at)"
        " VALUES (?,?,?,?,?,?)",
        (
            compartment["id"],
            recipient.key_id,
            recipient.user_id,
            seal_key(key, recipient.seal_public, aad),
            sealed_by,
            at,
        ),
    )


def open_seal(conn, compartment: dict, key_id: str, private: X25519PrivateKey) -> bytearray | None:
    """The compartment key from the copy sealed to key `key_id`, or None when there is none that opens."""
    row = conn.execute(
        "SELECT sealed FROM compartment_seals WHERE compartment_id = ? AND key_id = ?",
        (compartment["id"], key_id),
    ).fetchone()
    if row is None:
        return None
    aad = _seal_aad(compartment["id"], compartment["inspection_id"], compartment["kind"], key_id)
    return open_key(private, row["sealed"], aad)


def compartment_row(conn, inspection_id: str, kind: str) -> dict | None:
    row = conn.execute(
        "SELECT id, inspection_id, kind, rotate_due FROM compartments WHERE inspection_id = ? AND kind = ?",
        (inspection_id, kind),
    ).fetchone()
    if row is None:
        return None
    return {
        "id": row["id"],
        "inspection_id": row["inspection_id"],
        "kind": row["kind"],
        "rotate_due": bool(row["rotate_due"]),
    }


def new_compartment(
    conn, inspection_id: str, kind: str, created_by: str | None, at: str
) -> tuple[dict, bytearray]:
    """A new compartment (the caller removed the old one, if any) and its fresh key."""
    compartment = {"id": str(uuid.uuid4()), "inspection_id": inspection_id, "kind": kind}
    conn.execute(
        "INSERT INTO compartments (id, inspection_id, kind, created_at, created_by) VALUES (?,?,?,?,?)",
        (compartment["id"], inspection_id, kind, at, created_by),
    )
    return compartment, keep(os.urandom(KEY_BYTES))


def drop_compartment(conn, compartment_id: str) -> None:
    conn.execute("DELETE FROM compartment_seals WHERE compartment_id = ?", (compartment_id,))
    conn.execute("DELETE FROM compartments WHERE id = ?", (compartment_id,))


# ---- who is entitled ----------------------------------------------------------------------------------


def entitled_users(conn, inspection_id: str, kind: str) -> dict[str, str]:
    """{user id: username} of the enabled accounts the need-to-know rule lets know the compartment."""
    rows = conn.execute(
        "SELECT u.id, u.username, u.role, m.position FROM users u"
        " LEFT JOIN team_members m ON m.user_id = u.id"
        " AND m.team_id = (SELECT team_id FROM inspections WHERE id = ?)"
        " WHERE u.disabled = 0",
        (inspection_id,),
    ).fetchall()
    out: dict[str, str] = {}
    for r in rows:
        try:
            role = Role(r["role"])
        except ValueError:
            continue
        office = allowed(role, Cap.CASE_READ_ALL)
        if kind == LEADS:
            ok = allowed(role, Cap.LEADS_READ) and (office or r["position"] == "leader")
        else:
            ok = office or (r["position"] is not None and allowed(role, Cap.CASE_READ_TEAM))
        if ok:
            out[r["id"]] = r["username"]
    return out


def registered_recipients(conn, users: dict[str, str]) -> list[Recipient]:
    """Each user's newest registered key, if it is certified (the migration's recipients: it has no
    slot file at hand; app.core.security.key_trust)."""
    sealable = key_trust.sealable_keys(conn)
    out = []
    for user_id, username in users.items():
        row = conn.execute(
            "SELECT id, seal_public FROM account_keys WHERE user_id = ? AND slot_name = ?"
            " ORDER BY created_at DESC, rowid DESC LIMIT 1",
            (user_id, username),
        ).fetchone()
        if row is not None and row["id"] in sealable:
            out.append(Recipient(user_id, username, row["id"], _unb64(row["seal_public"])))
    return out


# ---- the records ------------------------------------------------------------------------------------


def seal_record(
    conn,
    kind: str,
    compartment: dict,
    key: bytes | bytearray,
    record_id: str,
    values: dict,
    spec: RecordSpec | None = None,
) -> None:
    """Write a record's sealed fields into its sealed column and blank their plaintext columns."""
    spec = spec or SPECS[kind]
    blob = encrypt_values(
        key, compartment["id"], spec.table, record_id, {n: values.get(n, spec.blank(n)) for n in spec.fields}
    )
    blanks = spec.blank_values()
    sets = ", ".join(f"{name} = ?" for name in blanks)
    conn.execute(
        f"UPDATE {spec.table} SET {sets}, {SEALED_COLUMN} = ? WHERE id = ?",
        (*blanks.values(), blob, record_id),
    )


def _present(conn, spec: RecordSpec) -> bool:
    """Whether the spec's table has its sealed column yet (a later migration may add the table: while
    an earlier migration runs, it is absent and holds nothing to seal)."""
    return any(r["name"] == SEALED_COLUMN for r in conn.execute(f"PRAGMA table_info({spec.table})"))


def _present_specs(conn, kind: str) -> list[RecordSpec]:
    """The kind's specs whose tables (with their sealed column) exist."""
    return [spec for spec in ALL_SPECS[kind] if _present(conn, spec)]


def has_plain_rows(conn, inspection_id: str, kind: str) -> bool:
    """Whether the inspection has records of this kind still in plaintext (from before m0012/m0014)."""
    return any(
        conn.execute(
            f"SELECT 1 FROM {spec.table} WHERE {spec.of_inspection} AND {SEALED_COLUMN} = '' LIMIT 1",
            (inspection_id,),
        ).fetchone()
        is not None
        for spec in _present_specs(conn, kind)
    )


def seal_plain_rows(conn, kind: str, compartment: dict, key: bytes | bytearray) -> int:
    """Seal the inspection's records of this kind still held in plaintext (from before m0012/m0014)."""
    count = 0
    for spec in _present_specs(conn, kind):
        rows = conn.execute(
            f"SELECT id, {', '.join(spec.fields)} FROM {spec.table}"
            f" WHERE {spec.of_inspection} AND {SEALED_COLUMN} = ''",
            (compartment["inspection_id"],),
        ).fetchall()
        for row in rows:
            seal_record(conn, kind, compartment, key, row["id"], {n: row[n] for n in spec.fields}, spec)
        count += len(rows)
    return count


def reencrypt_rows(
    conn, kind: str, old: dict, old_key: bytes | bytearray, new: dict, new_key: bytes | bytearray
) -> int:
    """Move every record of the old compartment into the new one (a rotation)."""
    moved = 0
    for spec in _present_specs(conn, kind):
        rows = conn.execute(
            f"SELECT id, {SEALED_COLUMN} FROM {spec.table} WHERE {spec.of_inspection}",
            (old["inspection_id"],),
        ).fetchall()
        for row in rows:
            blob = row[SEALED_COLUMN]
            if not blob:
                continue
            values = decrypt_values(old_key, spec.table, row["id"], blob)
            if values is None:
                continue  # not of this compartment (cannot happen unless edited): left as it is
            seal_record(conn, kind, new, new_key, row["id"], values, spec)
            moved += 1
    return moved


def hand_over(conn, old: AccountKeyPair, new: AccountKeyPair, user_id: str, at: str) -> int:
    """A password change: copy every compartment key sealed to the old pair to the new one."""
    rows = conn.execute(
        "SELECT c.id, c.inspection_id, c.kind FROM compartment_seals s JOIN compartments c ON c.id = s.compartment_id"
        " WHERE s.key_id = ?",
        (old.key_id,),
    ).fetchall()
    count = 0
    for r in rows:
        compartment = {"id": r["id"], "inspection_id": r["inspection_id"], "kind": r["kind"]}
        key = open_seal(conn, compartment, old.key_id, old.seal)
        if key is None:
            continue
        insert_seal(
            conn, compartment, Recipient(user_id, "", new.key_id, new.seal_public), key, old.key_id, at
        )
        conn.execute(
            "DELETE FROM compartment_seals WHERE compartment_id = ? AND key_id = ?",
            (compartment["id"], old.key_id),
        )
        count += 1
    return count
