"""Key slots: the random database key, wrapped once per account under its password (as LUKS does).

The database has no shared passphrase. A random 256-bit key encrypts it; each account's slot wraps
that key with AES-256-GCM under a key derived from the account's password by Argon2id, with the KDF
parameters stored in the slot. The slot's metadata is the AEAD's associated data, so a slot moved to
another account or another database does not open. The whole file also carries an HMAC keyed from
the database key, checked after every unlock, so a slot added or removed behind the app's back shows.

A slot does not wrap the database key itself: it wraps the account's X25519 private key, and the
database key is sealed to the slot's public key. So the security officer can give every slot a new
database key (app.core.store.rekey) without knowing anyone's password, and a new password brings a
new key pair, so an old password in an old copy of this file opens nothing sealed after it. Slots
written before (a password-wrapped database key, no "pub") still open and are upgraded at the next
sign-in (`is_legacy`); a key rotation refuses while any remain.

Each account's slot also seals the account's own key pair (Ed25519 to sign its audit entries, X25519
to have compartment keys sealed to it) under the same password-derived key, with the public halves in
the clear beside it and bound into the seal's associated data: a public key changed behind the app's
back stops the slot's owner from signing in. The recovery slot seals a key pair of its own, never an
account's. `try_unwrap` opens (or, for a slot written before key pairs existed, creates) the pair and
keeps it in memory for `keys_for`; `put_slot` seals the pair it is given, or a new one.

Failed sign-in attempts are counted in this file too, outside the database, because a wrong
password cannot open the database to write them down; app.core.store.lockout holds that part (the
counters, the lockout, and what covers the counters although no key is known when they are written).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
import uuid
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from app.core.errors import AuthenticationError, IntegrityFailure, StoreError
from app.core.store.fileio import atomic_write
from app.core.store.lockout import UNKNOWN_ACCOUNT as UNKNOWN_ACCOUNT
from app.core.store.lockout import LockoutCounters, well_formed_snapshot
from app.core.store.rotation_files import settle_rotation

FORMAT = "xuncha-keyslots/1"
SLOTS_FILE = "keyslots.json"
RECOVERY_SLOT = "__recovery__"
KEY_BYTES = 32


@dataclass(frozen=True)
class KdfParams:
    time_cost: int
    memory_kib: int
    parallelism: int

    def to_json(self) -> dict[str, Any]:
        return {"alg": "argon2id", "t": self.time_cost, "m": self.memory_kib, "p": self.parallelism}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KdfParams:
        if data.get("alg") != "argon2id":
            raise StoreError("密钥槽使用了未知的密钥派生算法。")
        params = cls(int(data["t"]), int(data["m"]), int(data["p"]))
        # A hostile file must not make us allocate gigabytes or spin for hours.
        if not (
            1 <= params.time_cost <= 64
            and 8 <= params.memory_kib <= 2_097_152
            and 1 <= params.parallelism <= 16
        ):
            raise StoreError("密钥槽的密钥派生参数超出允许范围。")
        return params

    @classmethod
    def fast_for_tests(cls) -> KdfParams:
        return cls(time_cost=1, memory_kib=1024, parallelism=1)


_calibrated: KdfParams | None = None


def calibrated_params(target_seconds: float = 0.5, memory_kib: int = 65536) -> KdfParams:
    """Argon2id parameters that take about `target_seconds` on this machine (measured once)."""
    global _calibrated
    if _calibrated is not None:
        return _calibrated
    parallelism = max(1, min(4, os.cpu_count() or 1))

    def timed(passes: int) -> float:
        started = time.perf_counter()
        derive_key("calibration", os.urandom(16), KdfParams(passes, memory_kib, parallelism))
        return time.perf_counter() - started

    # Two probes: their difference is the cost of passes alone; what is left of one probe is the fixed
    # cost of allocating and filling the memory, which a single probe would count once per pass.
    one, three = timed(1), timed(3)
    per_pass = max((three - one) / 2, 1e-3)
    fixed = max(one - per_pass, 0.0)
    passes = round((target_seconds - fixed) / per_pass)
    _calibrated = KdfParams(max(2, min(64, passes)), memory_kib, parallelism)
    return _calibrated


def derive_key(password: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        password.encode("utf-8"),
        salt,
        params.time_cost,
        params.memory_kib,
        params.parallelism,
        KEY_BYTES,
        Type.ID,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _canonical(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def subkey(db_key: bytes, purpose: str) -> bytes:
    """A key for one purpose (file MACs, the audit chain, drafts) derived from the database key."""
    return hmac.new(db_key, b"xuncha:" + purpose.encode("ascii"), hashlib.sha256).digest()


def new_recovery_code() -> str:
    """A code to print and seal: 30 base32 characters (150 bits) in groups of five."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(30))
    return "-".join(raw[i : i + 5] for i in range(0, 30, 5))


def normalise_recovery_code(code: str) -> str:
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return "-".join(cleaned[i : i + 5] for i in range(0, len(cleaned), 5))


@dataclass(frozen=True)
class AccountKeyPair:
    """An account's private keys, as opened from its slot (never written anywhere unsealed)."""

    sign: Ed25519PrivateKey
    seal: X25519PrivateKey

    @classmethod
    def generate(cls) -> AccountKeyPair:
        return cls(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())

    @property
    def sign_public(self) -> bytes:
        return self.sign.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    @property
    def seal_public(self) -> bytes:
        return self.seal.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    @cached_property
    def key_id(self) -> str:  # asked for by every audit entry: computed once
        return key_id_of(self.sign_public)

    def private_bytes(self) -> bytes:
        raw = (Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        return self.sign.private_bytes(*raw) + self.seal.private_bytes(*raw)

    @classmethod
    def from_private_bytes(cls, data: bytes) -> AccountKeyPair:
        if len(data) != 64:
            raise ValueError("key pair length")
        return cls(
            Ed25519PrivateKey.from_private_bytes(data[:32]), X25519PrivateKey.from_private_bytes(data[32:])
        )


def key_id_of(sign_public: bytes) -> str:
    """A key's name: the first 128 bits of the SHA-256 of its Ed25519 public key, in hex."""
    return hashlib.sha256(sign_public).hexdigest()[:32]


_SLOT_TEXT_FIELDS = ("id", "kind", "username", "nonce", "wrapped")
_SLOT_KEY_FIELDS = ("sign_public", "seal_public", "keys_nonce", "keys_sealed")


def _well_formed(data: dict[str, Any]) -> bool:
    """Every field the code reads is there with the right type (a damaged name must not KeyError)."""
    if not all(isinstance(data.get(k), str) for k in ("db_uuid", "workstation_id", "mac")):
        return False
    if not isinstance(data["failures"], dict) or not isinstance(data["policy"], dict):
        return False
    if not well_formed_snapshot(data.get("counters_seen")):
        return False
    for entry in data["failures"].values():
        if not isinstance(entry, dict) or not isinstance(entry.get("attempts", []), list):
            return False
        if not all(isinstance(a, dict) and isinstance(a.get("at"), str) for a in entry.get("attempts", [])):
            return False
    for slot in data["slots"]:
        if not isinstance(slot, dict) or not all(isinstance(slot.get(k), str) for k in _SLOT_TEXT_FIELDS):
            return False
        if not isinstance(slot.get("kdf"), dict) or not isinstance(slot["kdf"].get("salt"), str):
            return False
        if any(k in slot for k in _SLOT_KEY_FIELDS) and not all(
            isinstance(slot.get(k), str) for k in _SLOT_KEY_FIELDS
        ):
            return False
    return True


class KeySlots(LockoutCounters):
    """The slot file of one data folder. All changes are written atomically."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data
        # Key pairs opened by try_unwrap or sealed by put_slot in this object, by slot name; and the
        # names whose pair was created here and not yet saved.
        self._opened: dict[str, AccountKeyPair] = {}
        self._unsaved_keys: dict[str, dict[str, Any]] = {}
        self.tampered: list[str] = []  # counters found edited by the last verify_mac

    # ---- file handling -------------------------------------------------------------------------
    @classmethod
    def create(cls, folder: Path, db_uuid: str, workstation_id: str, policy: dict[str, int]) -> KeySlots:
        data = {
            "format": FORMAT,
            "db_uuid": db_uuid,
            "workstation_id": workstation_id,
            "policy": dict(policy),
            "slots": [],
            "failures": {},
            "mac": "",
        }
        return cls(folder / SLOTS_FILE, data)

    @classmethod
    def load(cls, folder: Path) -> KeySlots:
        settle_rotation(folder)  # a key rotation a crash interrupted after its commit is finished first
        path = folder / SLOTS_FILE
        if not path.exists():
            raise StoreError(f"数据目录中没有密钥槽文件（{SLOTS_FILE}），无法解锁数据库。")
        raw = path.read_bytes()
        slots = cls.parse(path, raw)
        slots.check_counters_mac()  # before any password is tried: hand-edited counters lock everyone
        return slots

    @classmethod
    def parse(cls, path: Path, raw: bytes) -> KeySlots:
        if len(raw) > 4 * 1024 * 1024:
            raise StoreError("密钥槽文件过大，可能已损坏。")
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StoreError("密钥槽文件已损坏，无法读取。") from exc
        if (
            not isinstance(data, dict)
            or data.get("format") != FORMAT
            or not isinstance(data.get("slots"), list)
        ):
            raise StoreError("密钥槽文件格式不正确。")
        data.setdefault("failures", {})
        data.setdefault("policy", {})
        if not _well_formed(data):
            raise StoreError("密钥槽文件格式不正确。")
        return cls(path, data)

    def save(self, db_key: bytes) -> None:
        if self._unsaved_keys:
            self.data["slots"] = [self._unsaved_keys.get(s["username"], s) for s in self.data["slots"]]
            self._unsaved_keys.clear()
        self.take_counters_snapshot()  # under the MAC: see app.core.store.lockout
        self.data["mac"] = self._mac(db_key)
        self._save_counters_only()

    def _save_counters_only(self) -> None:
        # Failure counters are outside the MAC: they are written when no key is known.
        self.data["counters_mac"] = self.counters_mac()
        atomic_write(self.path, _canonical(self.data))

    def _mac(self, db_key: bytes) -> str:
        covered = {k: v for k, v in self.data.items() if k not in ("mac", "failures", "counters_mac")}
        return hmac.new(subkey(db_key, "keyslots-mac"), _canonical(covered), hashlib.sha256).hexdigest()

    def verify_mac(self, db_key: bytes) -> None:
        """Check the file's HMAC, then the live counters against its snapshot (`tampered` names misfits)."""
        if not hmac.compare_digest(self.data.get("mac", ""), self._mac(db_key)):
            raise IntegrityFailure("密钥槽文件已被改动（校验码不符），拒绝打开。")
        self.tampered = self.check_counters()

    # ---- properties ----------------------------------------------------------------------------
    @property
    def db_uuid(self) -> str:
        return str(self.data["db_uuid"])

    @property
    def workstation_id(self) -> str:
        return str(self.data["workstation_id"])

    @property
    def policy(self) -> dict[str, int]:
        return self.data["policy"]

    def usernames(self) -> list[str]:
        return [s["username"] for s in self.data["slots"] if s["kind"] == "user"]

    def params_for(self, username: str) -> KdfParams | None:
        """The KDF parameters this workstation uses: the account's own slot, else any user slot."""
        own = [s for s in self.data["slots"] if s["username"] == username]
        others = [s for s in self.data["slots"] if s["kind"] == "user"]
        for slot in own + others:
            return KdfParams.from_json(slot["kdf"])
        return None

    def has_slot(self, username: str) -> bool:
        return any(s["username"] == username for s in self.data["slots"])

    # ---- wrapping ------------------------------------------------------------------------------
    def _aad(self, slot: dict[str, Any]) -> bytes:
        covered = {
            "db": self.db_uuid,
            "id": slot["id"],
            "kind": slot["kind"],
            "user": slot["username"],
            "kdf": slot["kdf"],
        }
        if "pub" in slot:  # a legacy slot's associated data stays what it was
            covered["pub"] = slot["pub"]
        return _canonical(covered)

    def _seal(self, slot: dict[str, Any], db_key: bytes) -> dict[str, str]:
        """The database key sealed to the slot's public key (ephemeral X25519, HKDF, AES-GCM)."""
        ephemeral = X25519PrivateKey.generate()
        eph_pub = ephemeral.public_key().public_bytes_raw()
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(_unb64(slot["pub"])))
        nonce = os.urandom(12)
        sealed = AESGCM(_seal_key(shared, eph_pub)).encrypt(nonce, bytes(db_key), self._aad(slot))
        return {"eph": _b64(eph_pub), "nonce": _b64(nonce), "ct": _b64(sealed)}

    def _open_sealed(self, slot: dict[str, Any], private: bytes) -> bytes:
        envelope = slot["sealed"]
        eph_pub = _unb64(envelope["eph"])
        shared = X25519PrivateKey.from_private_bytes(private).exchange(
            X25519PublicKey.from_public_bytes(eph_pub)
        )
        return AESGCM(_seal_key(shared, eph_pub)).decrypt(
            _unb64(envelope["nonce"]), _unb64(envelope["ct"]), self._aad(slot)
        )

    def is_legacy(self, username: str) -> bool:
        """True when the slot wraps the database key directly (written before key pairs)."""
        return any(s["username"] == username and "pub" not in s for s in self.data["slots"])

    def legacy_slots(self) -> list[str]:
        return [s["username"] for s in self.data["slots"] if "pub" not in s]

    def reseal(self, new_db_key: bytes, *, skip: frozenset[str] = frozenset()) -> int:
        """Seal `new_db_key` to every slot but those named in `skip` (no password needed); the count.

        A skipped slot (a disabled account's) keeps the key it had, which opens nothing after the
        rotation; `reseal_slot` gives it the current key when the account is enabled again.
        Refuses while a legacy slot remains."""
        if self.legacy_slots():
            raise StoreError("仍有旧格式的密钥槽，不能更换数据库密钥。")
        count = 0
        for slot in self.data["slots"]:
            if slot["username"] not in skip:
                slot["sealed"] = self._seal(slot, new_db_key)
                count += 1
        return count

    def reseal_slot(self, username: str, db_key: bytes) -> bool:
        """Seal the current `db_key` to one slot (an account enabled again); False without such a slot."""
        slot = next((s for s in self.data["slots"] if s["username"] == username and "pub" in s), None)
        if slot is None:
            return False
        slot["sealed"] = self._seal(slot, db_key)
        return True

    def _keys_aad(self, slot: dict[str, Any]) -> bytes:
        return _canonical(
            {
                "db": self.db_uuid,
                "id": slot["id"],
                "user": slot["username"],
                "sign": slot["sign_public"],
                "seal": slot["seal_public"],
                "purpose": "account-keys",
            }
        )

    def _seal_keys(self, slot: dict[str, Any], kek: bytes, keys: AccountKeyPair) -> None:
        slot["sign_public"], slot["seal_public"] = _b64(keys.sign_public), _b64(keys.seal_public)
        nonce = os.urandom(12)
        sealed = AESGCM(subkey(kek, "account-keys")).encrypt(
            nonce, keys.private_bytes(), self._keys_aad(slot)
        )
        slot["keys_nonce"], slot["keys_sealed"] = _b64(nonce), _b64(sealed)
        self._opened[slot["username"]] = keys

    def put_slot(
        self,
        username: str,
        secret: str,
        db_key: bytes,
        params: KdfParams,
        *,
        kind: str = "user",
        keys: AccountKeyPair | None = None,
    ) -> None:
        """Add or replace the slot of `username` so that `secret` unwraps `db_key`.

        The slot seals `keys`, or a new key pair when none is given (a reset password gets a new
        pair); either is then `keys_for(username)` in this object.
        """
        salt = os.urandom(16)
        private = X25519PrivateKey.generate()  # a new key pair with every new password
        slot = {
            "id": str(uuid.uuid4()),
            "kind": kind,
            "username": username,
            "kdf": {**params.to_json(), "salt": _b64(salt)},
            "pub": _b64(private.public_key().public_bytes_raw()),
            "nonce": "",
            "wrapped": "",
        }
        nonce = os.urandom(12)
        kek = derive_key(secret, salt, params)
        # The password opens the slot's own X25519 key (the database key is sealed to it, so a key
        # rotation can reseal without passwords) and, beside it, the account's signing/sealing pair.
        wrapped = AESGCM(kek).encrypt(nonce, private.private_bytes_raw(), self._aad(slot))
        slot["nonce"], slot["wrapped"] = _b64(nonce), _b64(wrapped)
        slot["sealed"] = self._seal(slot, db_key)
        self._seal_keys(slot, kek, keys or AccountKeyPair.generate())
        self.data["slots"] = [s for s in self.data["slots"] if s["username"] != username] + [slot]

    def keys_for(self, username: str) -> AccountKeyPair | None:
        """The key pair this object opened (try_unwrap) or sealed (put_slot) for a slot, if any."""
        return self._opened.get(username)

    def has_unsaved_keys(self, username: str) -> bool:
        """True when try_unwrap created the slot's key pair and the file does not hold it yet."""
        return username in self._unsaved_keys

    def public_keys(self, username: str) -> tuple[bytes, bytes] | None:
        """The (Ed25519, X25519) public keys sealed in a slot, read without any password."""
        slot = next((s for s in self.data["slots"] if s["username"] == username), None)
        if slot is None or "sign_public" not in slot:
            return None
        try:
            return _unb64(slot["sign_public"]), _unb64(slot["seal_public"])
        except ValueError:
            return None

    def slot_names(self) -> list[str]:
        return [s["username"] for s in self.data["slots"]]

    def remove_slot(self, username: str) -> None:
        self.data["slots"] = [s for s in self.data["slots"] if s["username"] != username]

    def try_unwrap(self, username: str, secret: str) -> bytes | None:
        slot = next((s for s in self.data["slots"] if s["username"] == username), None)
        if slot is None:
            # Spend the same effort as a real slot, so that timing does not tell which names exist.
            derive_key(
                secret, b"\0" * 16, calibrated_params() if self.data["slots"] else KdfParams.fast_for_tests()
            )
            return None
        try:
            params = KdfParams.from_json(slot["kdf"])
            key = derive_key(secret, _unb64(slot["kdf"]["salt"]), params)
            db_key = AESGCM(key).decrypt(_unb64(slot["nonce"]), _unb64(slot["wrapped"]), self._aad(slot))
            if "pub" in slot:  # what the password unwrapped is the private key; the database key is sealed
                db_key = self._open_sealed(slot, db_key)
        except InvalidTag:
            return None
        except (KeyError, ValueError, TypeError) as exc:
            raise StoreError(f"账号 {username} 的密钥槽已损坏。") from exc
        if len(db_key) != KEY_BYTES:
            raise StoreError(f"账号 {username} 的密钥槽已损坏。")
        self._open_keys(slot, key)
        return db_key

    def _open_keys(self, slot: dict[str, Any], kek: bytes) -> None:
        name = slot["username"]
        if "keys_sealed" not in slot:
            # A slot from before key pairs: the pair is made now and joins the file at the next save
            # (until then the file's MAC still covers what is on disk).
            upgraded = dict(slot)
            self._seal_keys(upgraded, kek, AccountKeyPair.generate())
            self._unsaved_keys[name] = upgraded
            return
        try:
            raw = AESGCM(subkey(kek, "account-keys")).decrypt(
                _unb64(slot["keys_nonce"]), _unb64(slot["keys_sealed"]), self._keys_aad(slot)
            )
            keys = AccountKeyPair.from_private_bytes(raw)
        except (InvalidTag, ValueError) as exc:
            raise IntegrityFailure(
                f"账号 {name} 的密钥槽中的账号密钥已被改动，拒绝打开。请联系安全保密管理员。"
            ) from exc
        if (keys.sign_public, keys.seal_public) != self.public_keys(name):
            raise IntegrityFailure(f"账号 {name} 的密钥槽中的公钥与私钥不符，拒绝打开。")
        self._opened[name] = keys


def _seal_key(shared: bytes, eph_pub: bytes) -> bytes:
    return HKDF(hashes.SHA256(), KEY_BYTES, None, b"xuncha:slot-seal:" + eph_pub).derive(shared)


def unlock_error() -> AuthenticationError:
    # One message for a wrong name and a wrong password: do not tell an attacker which one it was.
    return AuthenticationError("用户名或密码错误。")
