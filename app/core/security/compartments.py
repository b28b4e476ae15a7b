"""Compartments at the session: open a compartment key, share it, rotate it.

An entitled session opens the copy of the compartment key sealed to its own key pair (the X25519
half of `session.signer`, from its key slot) and keeps it in memory for the session
(`session.compartment_keys`, wiped when the session locks or closes). Every time it opens one it
also settles who holds the key, so that holding follows the team and the roles:

- an entitled account whose current key (the public key in its key slot now) has no copy gets one,
  sealed by this session: a new leader, a new member, an account whose password was reset (a reset
  brings a new key pair). So the holder's next use reseals; an administrator holds no key and never can;
- a copy for an entitled account's key that is no longer in its slot is dropped;
- when an account that holds a copy is no longer entitled (left the team, another role, disabled),
  or a database key rotation marked the compartment (`rotate_due`: the security officer holds no
  compartment key, so the next holder does it), the key is rotated: a new key, every record re-encrypted, sealed to the accounts entitled now, the
  old key and its copies deleted, all in one transaction (a crash leaves the old or the new state).

A session whose own key has no copy (its password was reset and no holder has used the compartment
since) reads the records with their sealed fields locked. The recovery code's session signs with the
recovery slot's own pair, which is never entitled: it opens the database, never a compartment.
"""

from __future__ import annotations

from app.core.errors import Conflict
from app.core.security import audit as audit_trail
from app.core.security import compartment_keys as ck
from app.core.security import key_trust
from app.core.security.compartment_keys import INFORMANTS, KINDS, LEADS, Recipient
from app.core.session import Session
from app.core.store.keyslots import KeySlots, key_id_of

__all__ = ["INFORMANTS", "LEADS", "Keys", "keys_for", "open_key", "require_key", "rotate", "follow_team"]

LOCKED = "〔密钥待交付〕"  # what a sealed field shows to an entitled account whose copy is not sealed yet
NOT_YET = "您的知悉范围密钥尚未交付（密码重置后须待巡察办或组长下次使用时自动交付），暂不能修改此项。"


class Keys:
    """The compartment keys of one kind a session opened during one operation, by inspection id."""

    def __init__(self, session: Session, kind: str) -> None:
        self.session = session
        self.kind = kind
        self._slots: KeySlots | None = None
        self._by_inspection: dict[str, tuple[dict, bytearray] | None] = {}
        # Every key opened, by compartment id: rows read before a rotation this operation made still
        # hold the old compartment's text.
        self.known: dict[str, bytearray] = {}
        self._sealable: dict | None = None
        self.refused: list[tuple[str, str, str]] = []

    def sealable(self) -> dict:
        """The certified keys (app.core.security.key_trust), worked out once per operation."""
        if self._sealable is None:
            self._sealable = key_trust.sealable_keys(self.session.conn)
        return self._sealable

    def slots(self) -> KeySlots:
        """The slot file as it is now (another session may have reset a password since this one began)."""
        if self._slots is None:
            self._slots = KeySlots.load(self.session.folder)
            self._slots.verify_mac(self.session.db_key)
        return self._slots

    def get(self, inspection_id: str, *, create: bool = False) -> tuple[dict, bytearray] | None:
        if inspection_id not in self._by_inspection or (
            create and self._by_inspection[inspection_id] is None
        ):
            self._by_inspection[inspection_id] = _open(self, inspection_id, create=create)
        return self._by_inspection[inspection_id]

    def values(self, inspection_id: str, record_id: str, blob: str, table: str = "") -> dict | None:
        """A record's sealed fields, or None when this session holds no key that opens them."""
        if self.get(inspection_id) is None:
            return None
        key = self.known.get(ck.compartment_of(blob))
        if key is None:
            return None
        return ck.decrypt_values(key, table or ck.SPECS[self.kind].table, record_id, blob)

    def encrypt(self, inspection_id: str, table: str, record_id: str, values: dict) -> str:
        """The sealed column's text for a record about to be written; refused without the key."""
        opened = self.get(inspection_id, create=True)
        if opened is None:
            raise Conflict(NOT_YET)
        return ck.encrypt_values(opened[1], opened[0]["id"], table, record_id, values)

    def seal(self, inspection_id: str, record_id: str, values: dict) -> None:
        """Write a record's sealed fields (inside the caller's transaction); refused without the key."""
        opened = self.get(inspection_id, create=True)
        if opened is None:
            raise Conflict(NOT_YET)
        ck.seal_record(self.session.conn, self.kind, opened[0], opened[1], record_id, values)


def keys_for(session: Session, kind: str) -> Keys:
    return Keys(session, kind)


def open_key(session: Session, inspection_id: str, kind: str) -> bytearray | None:
    """The compartment key of one inspection, opened (and settled) by this session, or None."""
    opened = Keys(session, kind).get(inspection_id)
    return None if opened is None else opened[1]


def require_key(session: Session, inspection_id: str, kind: str) -> None:
    """Refuse (Conflict) a write into a compartment this session holds no key of."""
    if Keys(session, kind).get(inspection_id, create=True) is None:
        raise Conflict(NOT_YET)


def _cached(session: Session, compartment: dict) -> bytearray | None:
    cache = session.compartment_keys
    key = cache.get(compartment["id"])
    if key is None:
        private = session.sealing_key
        if private is None:
            return None
        key = ck.open_seal(session.conn, compartment, session.signer.key_id, private)
        if key is None:
            return None
        cache[compartment["id"]] = key
    return key


def _has_plain_rows(session: Session, inspection_id: str, kind: str) -> bool:
    return ck.has_plain_rows(session.conn, inspection_id, kind)


def _open(keys: Keys, inspection_id: str, *, create: bool) -> tuple[dict, bytearray] | None:
    session, kind = keys.session, keys.kind
    if session.signer is None:
        return None
    compartment = ck.compartment_row(session.conn, inspection_id, kind)
    if compartment is None:
        entitled = ck.entitled_users(session.conn, inspection_id, kind)
        if session.user.id not in entitled or not (create or _has_plain_rows(session, inspection_id, kind)):
            return None
        if session.signer.key_id not in keys.sealable():
            return None  # a key nobody certified (a swapped slot, a recovery's password) makes no key
        with session.transaction() as conn:
            compartment, key = ck.new_compartment(
                conn, inspection_id, kind, session.user.id, audit_trail.now_iso()
            )
            sealed = ck.seal_plain_rows(conn, kind, compartment, key)
            names = _share(session, keys, compartment, key, entitled)
            session.audit(
                "compartment_create",
                "compartment",
                compartment["id"],
                f"{kind} inspection {inspection_id}，封存 {sealed} 条，交付 {'、'.join(names)}",
            )
        session.compartment_keys[compartment["id"]] = key
        keys.known[compartment["id"]] = key
        return compartment, key
    key = _cached(session, compartment)
    if key is None:
        return None
    keys.known[compartment["id"]] = key
    compartment, key = _settle(session, keys, compartment, key)
    keys.known[compartment["id"]] = key
    return compartment, key


def _recipients(keys: Keys, entitled: dict[str, str]) -> list[Recipient]:
    """The entitled accounts' current slot keys that are certified; the others are noted in
    `keys.refused` ((user id, username, key id) each) for `_audit_refused`."""
    out = []
    slots = keys.slots()
    sealable = keys.sealable()
    keys.refused = []
    for user_id, username in entitled.items():
        public = slots.public_keys(username)
        key_id = key_id_of(public[0]) if public is not None else ""
        if public is not None and key_trust.sealable_for(sealable, key_id, user_id, username, public[1]):
            out.append(Recipient(user_id, username, key_id, public[1]))
        else:
            keys.refused.append((user_id, username, key_id))
    return out


def _audit_refused(session: Session, keys: Keys, compartment: dict) -> None:
    """Audit, once per key, an entitled account whose slot key nobody certified (in a transaction)."""
    for user_id, username, key_id in keys.refused:
        subject = key_id or user_id
        if session.conn.execute(
            "SELECT 1 FROM audit WHERE action = 'compartment_seal_refused' AND object_id = ? LIMIT 1",
            (subject,),
        ).fetchone():
            continue
        with session.transaction():
            session.audit(
                "compartment_seal_refused",
                "account_key",
                subject,
                f"{compartment['kind']} inspection {compartment['inspection_id']}：{username} 的密钥槽公钥"
                + (f" {key_id[:16]}" if key_id else "")
                + " 未经安全保密管理员签署，不交付知悉范围密钥",
            )


def _share(
    session: Session, keys: Keys, compartment: dict, key: bytearray, entitled: dict[str, str]
) -> list[str]:
    """Seal the key to every entitled account's current key lacking a copy (in the caller's transaction)."""
    held = {
        r["key_id"]
        for r in session.conn.execute(
            "SELECT key_id FROM compartment_seals WHERE compartment_id = ?", (compartment["id"],)
        )
    }
    wanted = _recipients(keys, entitled)
    _audit_refused(session, keys, compartment)
    now = audit_trail.now_iso()
    sealer = session.signer.key_id
    names = []
    for recipient in wanted:
        if recipient.key_id not in held:
            ck.insert_seal(session.conn, compartment, recipient, key, sealer, now)
            names.append(recipient.username)
    stale = held - {r.key_id for r in wanted}
    for key_id in stale:
        session.conn.execute(
            "DELETE FROM compartment_seals WHERE compartment_id = ? AND key_id = ?",
            (compartment["id"], key_id),
        )
    return names


def _settle(session: Session, keys: Keys, compartment: dict, key: bytearray) -> tuple[dict, bytearray]:
    conn = session.conn
    entitled = ck.entitled_users(conn, compartment["inspection_id"], keys.kind)
    holders = {
        r["user_id"]
        for r in conn.execute(
            "SELECT DISTINCT user_id FROM compartment_seals WHERE compartment_id = ?", (compartment["id"],)
        )
    }
    if holders - entitled.keys():
        return _rotate(session, keys, compartment, key, entitled, reason="知悉范围变化")
    if compartment.get("rotate_due"):
        return _rotate(session, keys, compartment, key, entitled, reason="数据库密钥已更换")
    held = {
        r["key_id"]
        for r in conn.execute(
            "SELECT key_id FROM compartment_seals WHERE compartment_id = ?", (compartment["id"],)
        )
    }
    wanted = {r.key_id for r in _recipients(keys, entitled)}
    plain = _has_plain_rows(session, compartment["inspection_id"], keys.kind)
    if held == wanted and not plain:
        _audit_refused(session, keys, compartment)
        return compartment, key
    with session.transaction() as conn:
        sealed = ck.seal_plain_rows(conn, keys.kind, compartment, key) if plain else 0
        names = _share(session, keys, compartment, key, entitled)
        summary = f"{keys.kind} inspection {compartment['inspection_id']}"
        if names:
            summary += f"，交付 {'、'.join(names)}"
        if sealed:
            summary += f"，封存 {sealed} 条"
        session.audit("compartment_share", "compartment", compartment["id"], summary)
    return compartment, key


def _rotate(
    session: Session, keys: Keys, old: dict, old_key: bytearray, entitled: dict[str, str], *, reason: str
) -> tuple[dict, bytearray]:
    with session.transaction() as conn:
        ck.drop_compartment(conn, old["id"])
        new, new_key = ck.new_compartment(
            conn, old["inspection_id"], keys.kind, session.user.id, audit_trail.now_iso()
        )
        moved = ck.reencrypt_rows(conn, keys.kind, old, old_key, new, new_key)
        moved += ck.seal_plain_rows(conn, keys.kind, new, new_key)
        names = _share(session, keys, new, new_key, entitled)
        session.audit(
            "compartment_rotate",
            "compartment",
            new["id"],
            f"{keys.kind} inspection {old['inspection_id']}（{reason}）：重新加密 {moved} 条，交付 {'、'.join(names)}",
        )
    session.compartment_keys.pop(old["id"], None)
    session.compartment_keys[new["id"]] = new_key
    return new, new_key


def rotate(session: Session, inspection_id: str, kind: str, *, reason: str = "定期更换") -> bool:
    """Give one compartment a new key, re-encrypt its records and seal it to the accounts entitled now.

    Only a holder can: False when there is no such compartment; Conflict when this session holds no key.
    """
    compartment = ck.compartment_row(session.conn, inspection_id, kind)
    if compartment is None:
        return False
    key = _cached(session, compartment)
    if key is None:
        raise Conflict("您不持有该知悉范围的密钥，不能更换。")
    keys = Keys(session, kind)
    _rotate(
        session, keys, compartment, key, ck.entitled_users(session.conn, inspection_id, kind), reason=reason
    )
    return True


def rotate_held(session: Session) -> int:
    """Rotate every compartment this session holds (after a database key rotation, say); the count."""
    count = 0
    for r in session.conn.execute("SELECT inspection_id, kind FROM compartments").fetchall():
        compartment = ck.compartment_row(session.conn, r["inspection_id"], r["kind"])
        if compartment is not None and _cached(session, compartment) is not None:
            count += rotate(session, r["inspection_id"], r["kind"])
    return count


def follow_team(session: Session, team_id: str) -> None:
    """After a change of the team: share or rotate the team's compartments this session holds."""
    if session.signer is None:
        return
    rows = session.conn.execute(
        "SELECT c.inspection_id, c.kind FROM compartments c JOIN inspections i ON i.id = c.inspection_id"
        " WHERE i.team_id = ?",
        (team_id,),
    ).fetchall()
    by_kind = {kind: Keys(session, kind) for kind in KINDS}
    for r in rows:
        by_kind[r["kind"]].get(r["inspection_id"])
