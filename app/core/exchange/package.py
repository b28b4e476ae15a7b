"""A package's contents: parts of rows, then the manifest, then the sender's signature.

Each row is one frame `R` (JSON `[part, row]`, blobs as `{"$b": base64}`); the manifest (frame `M`)
names the sender and recipient workstations, the time, the kind and sequence number, and for every
part its row count and the SHA-256 of its frames' payloads in order; the last frame (`S`) is the
sender's Ed25519 signature over the manifest. `verify` walks the whole file once (every chunk
authenticated, every part's count and hash recomputed, the signature checked with the key the
caller trusts for the sender) and returns the manifest; only then does `rows` read it again to use it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.core.exchange.errors import DAMAGED, ExchangeError
from app.core.exchange.package_format import PackageWriter, open_frames

ROW, BLOB, MANIFEST, SIGNATURE = b"R", b"B", b"M", b"S"
INLINE = 4096  # bytes values up to this travel inside the row's JSON (base64); longer ones as raw frames
SLICE = 16 << 20  # a long value is cut into frames of at most 16 MiB


def _default(value):
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$b": base64.b64encode(bytes(value)).decode("ascii")}
    raise TypeError(type(value).__name__)


def _revive(obj: dict):
    if len(obj) == 1 and "$b" in obj:
        return base64.b64decode(obj["$b"])
    return obj


def encode(obj) -> bytes:
    return json.dumps(
        obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_default
    ).encode()


def decode(payload: bytes):
    try:
        return json.loads(payload.decode("utf-8"), object_hook=_revive)
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError) as exc:
        raise ExchangeError(DAMAGED) from exc


def signed_bytes(manifest_payload: bytes) -> bytes:
    return b"xuncha-exchange-manifest/1|" + hashlib.sha256(manifest_payload).digest()


class PackageBuilder:
    """Write a package to `path` (through a temporary file: a failed write leaves nothing)."""

    def __init__(self, path: Path, key_source, signer: Ed25519PrivateKey) -> None:
        self.path = Path(path)
        self._tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.part")
        self._file = open(self._tmp, "wb")  # noqa: SIM115 - closed by finish/abort
        self._writer = PackageWriter(self._file, key_source)
        self._signer = signer
        self.parts: dict[str, dict] = {}
        self._hashes: dict[str, hashlib._Hash] = {}

    def row(self, part: str, row: dict) -> None:
        """One row; its long bytes values go first as raw frames, the row names them `{"$f": [first, n]}`."""
        if part not in self.parts:
            self.parts[part] = {"count": 0}
            self._hashes[part] = hashlib.sha256()
        digest = self._hashes[part]
        slices = 0
        light = {}
        for name, value in row.items():
            if isinstance(value, (bytes, bytearray, memoryview)) and len(value) > INLINE:
                data = memoryview(value)
                pieces = range(0, len(data), SLICE)
                light[name] = {"$f": [slices, len(pieces)]}
                for start in pieces:
                    piece = bytes(data[start : start + SLICE])
                    digest.update(hashlib.sha256(BLOB + piece).digest())
                    self._writer.frame(BLOB, piece)
                    slices += 1
            else:
                light[name] = value
        payload = encode([part, light])
        self.parts[part]["count"] += 1
        digest.update(hashlib.sha256(payload).digest())
        self._writer.frame(ROW, payload)

    def finish(self, manifest: dict) -> dict:
        try:
            parts = {
                n: {"count": p["count"], "sha256": self._hashes[n].hexdigest()} for n, p in self.parts.items()
            }
            manifest = {**manifest, "parts": parts}
            payload = encode(manifest)
            self._writer.frame(MANIFEST, payload)
            self._writer.frame(SIGNATURE, self._signer.sign(signed_bytes(payload)))
            self._writer.close()
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            os.replace(self._tmp, self.path)
        except BaseException:
            self.abort()
            raise
        manifest["sha256"] = file_sha256(self.path)
        return manifest

    def abort(self) -> None:
        if not self._file.closed:
            self._file.close()
        self._tmp.unlink(missing_ok=True)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(path: Path, key_source, sender_key: Callable[[dict], bytes | None], on_bytes=None) -> dict:
    """Walk the package once; its manifest when every check holds, else ExchangeError.

    `sender_key(manifest)` returns the raw Ed25519 public key trusted for the manifest's sender, or
    None (then the package is refused as foreign)."""
    hashes: dict[str, hashlib._Hash] = {}
    counts: dict[str, int] = {}
    manifest_payload = signature = None
    pending: list[bytes] = []  # the digests of the raw frames before the next row
    for kind, payload in open_frames(path, key_source, on_bytes):
        if signature is not None:
            raise ExchangeError(DAMAGED)
        if kind == BLOB and manifest_payload is None:
            pending.append(hashlib.sha256(BLOB + payload).digest())
        elif kind == ROW and manifest_payload is None:
            part, row = _decode_row(payload)
            if _slices(row) != len(pending):
                raise ExchangeError(DAMAGED)
            digest = hashes.setdefault(part, hashlib.sha256())
            for item in pending:
                digest.update(item)
            digest.update(hashlib.sha256(payload).digest())
            pending = []
            counts[part] = counts.get(part, 0) + 1
        elif kind == MANIFEST and manifest_payload is None:
            manifest_payload = payload
        elif kind == SIGNATURE and manifest_payload is not None:
            signature = payload
        else:
            raise ExchangeError(DAMAGED)
    if signature is None or pending:
        raise ExchangeError(DAMAGED)
    manifest = decode(manifest_payload)
    if not isinstance(manifest, dict) or not isinstance(manifest.get("parts"), dict):
        raise ExchangeError(DAMAGED)
    public = sender_key(manifest)
    if public is None:
        raise ExchangeError("交换包来自未登记的工作站（不是本巡察办配置的工作站），已拒绝，未做任何更改。")
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, signed_bytes(manifest_payload))
    except (InvalidSignature, ValueError) as exc:
        raise ExchangeError(
            "交换包的发送方签名不符（可能是伪造的或来自其他单位），已拒绝，未做任何更改。"
        ) from exc
    expected = {n: (p.get("count"), p.get("sha256")) for n, p in manifest["parts"].items()}
    found = {n: (counts[n], hashes[n].hexdigest()) for n in counts}
    if expected != found:
        raise ExchangeError(DAMAGED)
    return manifest


def _decode_row(payload: bytes) -> tuple[str, dict]:
    value = decode(payload)
    if not (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], str)
        and isinstance(value[1], dict)
    ):
        raise ExchangeError(DAMAGED)
    return value[0], value[1]


def _ref(value) -> tuple[int, int] | None:
    if isinstance(value, dict) and len(value) == 1 and "$f" in value:
        ref = value["$f"]
        if isinstance(ref, list) and len(ref) == 2 and all(type(n) is int and n >= 0 for n in ref):
            return ref[0], ref[1]
        raise ExchangeError(DAMAGED)
    return None


def _slices(row: dict) -> int:
    """How many raw frames a row names (they must be exactly the ones before it, in order)."""
    expected = 0
    for value in row.values():
        ref = _ref(value)
        if ref is not None:
            if ref[0] != expected:
                raise ExchangeError(DAMAGED)
            expected += ref[1]
    return expected


def rows(path: Path, key_source, on_bytes=None) -> Iterator[tuple[str, dict]]:
    """The (part, row) pairs of a package already verified, long values joined from their frames."""
    pending: list[bytes] = []
    for kind, payload in open_frames(path, key_source, on_bytes):
        if kind == BLOB:
            pending.append(payload)
        elif kind == ROW:
            part, row = _decode_row(payload)
            for name, value in row.items():
                ref = _ref(value)
                if ref is not None:
                    row[name] = b"".join(pending[ref[0] : ref[0] + ref[1]])
            pending = []
            yield part, row
