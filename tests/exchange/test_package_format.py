"""The package file: encrypted, chunked, authenticated; hostile files refused with a Chinese message."""

from __future__ import annotations

import struct

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from app.core.exchange import package
from app.core.exchange.errors import ExchangeError
from app.core.exchange.package_format import CHUNK, MAGIC, OpenWith, Passphrase, SealedTo

FAST = Passphrase("传递口令-2026", n=1 << 10)
SIGNER = Ed25519PrivateKey.generate()
SIGNER_PUB = SIGNER.public_key().public_bytes_raw()


def _build(path, key_source, rows=3, blob=b"") -> dict:
    builder = package.PackageBuilder(path, key_source, SIGNER)
    for i in range(rows):
        builder.row("talks", {"id": f"t{i}", "text": "谈话" * 10, "data": blob})
    return builder.finish({"sender": "ws-a", "recipient": "ws-o", "seq": 1})


def _trust(manifest):
    return SIGNER_PUB if manifest.get("sender") == "ws-a" else None


def test_round_trip_with_a_passphrase_and_the_manifest_only_inside(tmp_path):
    path = tmp_path / "p.xpk"
    _build(path, FAST, rows=5)
    raw = path.read_bytes()
    assert raw.startswith(MAGIC) and "谈话".encode() not in raw and b"ws-a" not in raw
    manifest = package.verify(path, FAST, _trust)
    assert manifest["parts"]["talks"]["count"] == 5 and manifest["sender"] == "ws-a"
    assert [r["id"] for _, r in package.rows(path, FAST)] == [f"t{i}" for i in range(5)]


def test_sealed_to_the_receiving_workstation_and_blobs_across_chunks(tmp_path):
    office = X25519PrivateKey.generate()
    path = tmp_path / "p.xpk"
    blob = bytes(range(256)) * (CHUNK // 256 + 7)  # longer than a chunk
    _build(path, SealedTo(office.public_key().public_bytes_raw()), rows=2, blob=blob)
    package.verify(path, OpenWith(office), _trust)
    assert all(r["data"] == blob for _, r in package.rows(path, OpenWith(office)))
    with pytest.raises(ExchangeError, match="不是发给本工作站"):
        package.verify(path, OpenWith(X25519PrivateKey.generate()), _trust)


def _sealed_chunks(raw: bytes) -> tuple[bytes, list[bytes]]:
    (hlen,) = struct.unpack(">I", raw[len(MAGIC) : len(MAGIC) + 4])
    start = len(MAGIC) + 4 + hlen
    head, rest, chunks = raw[:start], raw[start:], []
    while rest:
        (n,) = struct.unpack(">I", rest[:4])
        chunks.append(rest[: 4 + n])
        rest = rest[4 + n :]
    return head, chunks


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda raw: raw[: len(raw) - 100], "不完整"),
        (lambda raw: raw[: len(raw) // 2], "不完整"),
        (lambda raw: raw[:-40] + bytes([raw[-40] ^ 1]) + raw[-39:], "损坏"),
        (lambda raw: raw[:60] + bytes([raw[60] ^ 4]) + raw[61:], "损坏|无法解密"),
        (lambda raw: raw + b"x", "损坏"),
        (lambda raw: b"PK\x03\x04" + raw[4:], "不是巡察工作台的交换包"),
    ],
)
def test_hostile_files_are_refused(tmp_path, damage, message):
    path = tmp_path / "p.xpk"
    _build(path, FAST, rows=200, blob=b"\0" * 20000)
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(ExchangeError, match=message):
        package.verify(path, FAST, _trust)


def test_chunks_reordered_or_dropped_are_refused(tmp_path):
    path = tmp_path / "p.xpk"
    _build(path, FAST, rows=3, blob=b"\1" * (CHUNK + 100))
    head, chunks = _sealed_chunks(path.read_bytes())
    assert len(chunks) >= 3
    for bad in ([chunks[1], chunks[0], *chunks[2:]], [chunks[0], *chunks[2:]], chunks[:-1]):
        path.write_bytes(head + b"".join(bad))
        with pytest.raises(ExchangeError):
            package.verify(path, FAST, _trust)


def test_wrong_passphrase_and_unknown_signer(tmp_path):
    path = tmp_path / "p.xpk"
    _build(path, FAST)
    with pytest.raises(ExchangeError, match="传递口令不正确"):
        package.verify(path, Passphrase("别的口令", n=1 << 10), _trust)
    with pytest.raises(ExchangeError, match="未登记的工作站"):
        package.verify(path, FAST, lambda m: None)
    other = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    with pytest.raises(ExchangeError, match="签名不符"):
        package.verify(path, FAST, lambda m: other)


def test_long_values_travel_as_raw_slices_and_a_row_cannot_claim_others(tmp_path, monkeypatch):
    monkeypatch.setattr(package, "SLICE", 5000)
    path = tmp_path / "p.xpk"
    builder = package.PackageBuilder(path, FAST, SIGNER)
    long, short = bytes(range(256)) * 90, b"\x00\x01" * 100  # 23 040 bytes: five slices; 200 inline
    builder.row("attachment_blobs", {"attachment_id": "a1", "content": long, "small": short})
    builder.row("attachment_blobs", {"attachment_id": "a2", "content": long[:6000]})
    builder.finish({"sender": "ws-a"})
    package.verify(path, FAST, _trust)
    got = [r for _, r in package.rows(path, FAST)]
    assert got == [
        {"attachment_id": "a1", "content": long, "small": short},
        {"attachment_id": "a2", "content": long[:6000]},
    ]
    # A row that names frames it was not given (here, none) is refused.
    bad = tmp_path / "bad.xpk"
    builder = package.PackageBuilder(bad, FAST, SIGNER)
    builder.row("attachment_blobs", {"attachment_id": "a1", "content": {"$f": [0, 3]}})
    builder.finish({"sender": "ws-a"})
    with pytest.raises(ExchangeError, match="损坏"):
        package.verify(bad, FAST, _trust)
