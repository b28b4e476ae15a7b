"""A workstation's exchange identity and the peers it knows.

The office makes its pair (Ed25519 to sign packages, X25519 to have hand-ins sealed to it) the first
time it exports a setup package; it makes each team workstation's pair too, and sends it inside that
team's setup package, keeping the public halves as the peer's row. So a hand-in opens only at the
office that configured the team, and the office accepts hand-ins only from workstations it configured.
The private keys live in `exchange_settings`, inside the encrypted database.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.core.exchange.errors import ExchangeError

OFFICE, TEAM = "office", "team"


@dataclass(frozen=True)
class Identity:
    sign: Ed25519PrivateKey
    seal: X25519PrivateKey

    @classmethod
    def generate(cls) -> Identity:
        return cls(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())

    @property
    def sign_public(self) -> bytes:
        return self.sign.public_key().public_bytes_raw()

    @property
    def seal_public(self) -> bytes:
        return self.seal.public_key().public_bytes_raw()

    def private_hex(self) -> dict[str, str]:
        return {
            "sign_private": self.sign.private_bytes_raw().hex(),
            "seal_private": self.seal.private_bytes_raw().hex(),
        }

    @classmethod
    def from_hex(cls, values: dict) -> Identity:
        return cls(
            Ed25519PrivateKey.from_private_bytes(bytes.fromhex(values["sign_private"])),
            X25519PrivateKey.from_private_bytes(bytes.fromhex(values["seal_private"])),
        )


def settings(conn) -> dict[str, str]:
    return {r["key"]: r["value"] for r in conn.execute("SELECT key, value FROM exchange_settings")}


def put_settings(conn, values: dict[str, str]) -> None:
    conn.executemany(
        "INSERT INTO exchange_settings (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [(k, str(v)) for k, v in values.items()],
    )


def role(conn) -> str:
    """'team' on a workstation made from a setup package, else 'office'."""
    return settings(conn).get("role", OFFICE)


def own(conn) -> Identity | None:
    values = settings(conn)
    return Identity.from_hex(values) if "sign_private" in values else None


def own_or_new(conn) -> Identity:
    """The office's identity, made on first use (inside the caller's transaction)."""
    identity = own(conn)
    if identity is None:
        identity = Identity.generate()
        put_settings(conn, {"role": OFFICE, **identity.private_hex()})
    return identity


def workstation_id(conn) -> str:
    return str(conn.execute("SELECT value FROM meta WHERE key = 'workstation_id'").fetchone()[0])


def peer(conn, ws_id: str):
    return conn.execute("SELECT * FROM exchange_peers WHERE workstation_id = ?", (ws_id,)).fetchone()


def team_settings(conn) -> dict[str, str]:
    values = settings(conn)
    if values.get("role") != TEAM:
        raise ExchangeError("本工作站不是由巡察办配置的巡察组工作站，不能移交数据。")
    return values
