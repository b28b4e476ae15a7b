"""The exchange package file: a plaintext header, then AEAD chunks of one framed stream.

File layout: `XCXP1\\n`, a 4-byte length, the header (canonical JSON: format, mode, KDF parameters and
salt or the ephemeral X25519 public key and the recipient's key id, a random nonce prefix), then
chunks, each a 4-byte length and a ChaCha20-Poly1305 ciphertext of at most CHUNK bytes of the stream.
A chunk's nonce is the 7-byte prefix, its 4-byte counter and a final flag byte; its associated data is
the header. So a chunk moved, dropped, repeated or cut off (no final chunk) does not open, and a
header changed opens nothing.

The key comes from a transfer passphrase (scrypt, parameters in the header, bounded) or from an
X25519 exchange with the receiving workstation's public key (HKDF over both public keys).

The decrypted stream is a sequence of frames: one type byte, a 4-byte length, the payload. A writer
never holds more than one chunk and one frame; a reader neither (`frames`).
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.core.exchange.errors import DAMAGED, NOT_A_PACKAGE, TRUNCATED, WRONG_KEY, ExchangeError

MAGIC = b"XCXP1\n"
FORMAT = "xuncha-exchange/1"
CHUNK = 1 << 20  # 1 MiB of stream per chunk
MAX_HEADER = 4096
MAX_FRAME = 64 << 20  # one frame (a row, a slice of an attachment) at most 64 MiB
TAG = 16
# scrypt cost: 2**15 by default; a hostile header may not ask for more than 2**17 or less than 2**10.
SCRYPT_N = 1 << 15
_SCRYPT_BOUNDS = (1 << 10, 1 << 17)


def _canonical(obj) -> bytes:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def public_key_id(public: bytes) -> str:
    return hashlib.sha256(b"xuncha-exchange-key|" + public).hexdigest()[:32]


@dataclass(frozen=True)
class Passphrase:
    """A transfer passphrase, typed on both machines."""

    text: str
    n: int = SCRYPT_N


@dataclass(frozen=True)
class SealedTo:
    """The receiving workstation's X25519 public key (writing)."""

    public: bytes


@dataclass(frozen=True)
class OpenWith:
    """The receiving workstation's X25519 private key (reading)."""

    private: X25519PrivateKey


def _scrypt(text: str, salt: bytes, n: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=8, p=1).derive(text.encode("utf-8"))


def _sealed_key(shared: bytes, eph: bytes, recipient: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, None, b"xuncha-exchange/1|" + eph + recipient).derive(shared)


def _new_header(key_source) -> tuple[dict, bytes]:
    prefix = os.urandom(7)
    header = {"format": FORMAT, "nonce_prefix": prefix.hex()}
    if isinstance(key_source, Passphrase):
        if not key_source.text:
            raise ExchangeError("请输入传递口令。", field="passphrase")
        salt = os.urandom(16)
        header |= {"mode": "passphrase", "kdf": "scrypt", "n": key_source.n, "salt": salt.hex()}
        key = _scrypt(key_source.text, salt, key_source.n)
    elif isinstance(key_source, SealedTo):
        eph = X25519PrivateKey.generate()
        eph_pub = eph.public_key().public_bytes_raw()
        shared = eph.exchange(X25519PublicKey.from_public_bytes(key_source.public))
        header |= {"mode": "sealed", "eph": eph_pub.hex(), "recipient": public_key_id(key_source.public)}
        key = _sealed_key(shared, eph_pub, key_source.public)
    else:
        raise TypeError("key_source")
    return header, key


def _key_for(header: dict, key_source) -> bytes:
    try:
        if header.get("mode") == "passphrase" and isinstance(key_source, Passphrase):
            n = int(header["n"])
            if not (_SCRYPT_BOUNDS[0] <= n <= _SCRYPT_BOUNDS[1]) or n & (n - 1):
                raise ExchangeError(DAMAGED)
            return _scrypt(key_source.text, bytes.fromhex(header["salt"]), n)
        if header.get("mode") == "sealed" and isinstance(key_source, OpenWith):
            mine = key_source.private.public_key().public_bytes_raw()
            if header.get("recipient") != public_key_id(mine):
                raise ExchangeError("交换包不是发给本工作站的（接收方公钥不符），已拒绝，未做任何更改。")
            eph = bytes.fromhex(header["eph"])
            return _sealed_key(key_source.private.exchange(X25519PublicKey.from_public_bytes(eph)), eph, mine)
    except (KeyError, ValueError, TypeError) as exc:
        raise ExchangeError(DAMAGED) from exc
    if header.get("mode") == "passphrase":
        raise ExchangeError("此交换包用传递口令加密，请输入传递口令。")
    if header.get("mode") == "sealed":
        raise ExchangeError("此交换包加密给接收工作站，请在接收工作站上登录后导入。")
    raise ExchangeError(DAMAGED)


def _nonce(prefix: bytes, counter: int, final: bool) -> bytes:
    return prefix + struct.pack(">I", counter) + (b"\x01" if final else b"\x00")


class PackageWriter:
    """Write frames into an encrypted package file; `close()` seals the final chunk."""

    def __init__(self, out: BinaryIO, key_source) -> None:
        header, key = _new_header(key_source)
        self._raw = _canonical(header)
        self._aead = ChaCha20Poly1305(key)
        self._prefix = bytes.fromhex(header["nonce_prefix"])
        self._out = out
        self._buf = bytearray()
        self._counter = 0
        self.digest = hashlib.sha256()  # of the plaintext stream, for the manifest's own checks
        out.write(MAGIC + struct.pack(">I", len(self._raw)) + self._raw)

    def frame(self, kind: bytes, payload: bytes) -> None:
        if len(kind) != 1 or len(payload) > MAX_FRAME:
            raise ValueError("frame")
        self._buf += kind + struct.pack(">I", len(payload))
        self._buf += payload
        if len(self._buf) <= CHUNK:
            return
        done = 0
        with memoryview(self._buf) as view:
            while len(self._buf) - done > CHUNK:
                self._chunk(bytes(view[done : done + CHUNK]), final=False)
                done += CHUNK
        del self._buf[:done]  # once per frame, not once per chunk

    def _chunk(self, plain: bytes, *, final: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._prefix, self._counter, final), plain, self._raw)
        self._out.write(struct.pack(">I", len(sealed)) + sealed)
        self._counter += 1

    def close(self) -> None:
        self._chunk(bytes(self._buf), final=True)
        self._buf = bytearray()


def _read_exact(stream: BinaryIO, n: int) -> bytes:
    data = stream.read(n)
    if len(data) != n:
        raise ExchangeError(TRUNCATED)
    return data


def read_header(stream: BinaryIO) -> tuple[dict, bytes]:
    magic = stream.read(len(MAGIC))
    if magic != MAGIC:
        raise ExchangeError(NOT_A_PACKAGE)
    (length,) = struct.unpack(">I", _read_exact(stream, 4))
    if not 0 < length <= MAX_HEADER:
        raise ExchangeError(DAMAGED)
    raw = _read_exact(stream, length)
    try:
        header = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExchangeError(DAMAGED) from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ExchangeError(NOT_A_PACKAGE)
    return header, raw


def _chunks(stream: BinaryIO, key_source, on_bytes=None) -> Iterator[bytes]:
    header, raw = read_header(stream)
    key = _key_for(header, key_source)
    try:
        prefix = bytes.fromhex(header["nonce_prefix"])
    except (KeyError, ValueError, TypeError) as exc:
        raise ExchangeError(DAMAGED) from exc
    if len(prefix) != 7:
        raise ExchangeError(DAMAGED)
    aead = ChaCha20Poly1305(key)
    counter = 0
    while True:
        size = stream.read(4)
        if len(size) < 4:
            raise ExchangeError(TRUNCATED)  # the final chunk never came
        (length,) = struct.unpack(">I", size)
        if not TAG <= length <= CHUNK + TAG:
            raise ExchangeError(DAMAGED)
        sealed = _read_exact(stream, length)
        final = False
        try:
            plain = aead.decrypt(_nonce(prefix, counter, False), sealed, raw)
        except InvalidTag:
            try:
                plain = aead.decrypt(_nonce(prefix, counter, True), sealed, raw)
                final = True
            except InvalidTag as exc:
                # Under a passphrase a first chunk that does not open is most likely the wrong one;
                # a sealed package names its recipient, already matched, so it is damage.
                wrong = counter == 0 and header.get("mode") == "passphrase"
                raise ExchangeError(WRONG_KEY if wrong else DAMAGED) from exc
        counter += 1
        if on_bytes is not None:
            on_bytes(stream.tell())  # may raise (Cancelled) between chunks
        yield plain
        if final:
            if stream.read(1):
                raise ExchangeError(DAMAGED)  # bytes after the final chunk
            return


def frames(stream: BinaryIO, key_source, on_bytes=None) -> Iterator[tuple[bytes, bytes]]:
    """Every (type, payload) frame of the package, decrypted and authenticated chunk by chunk.

    A frame's bytes are only yielded once the chunks holding them opened; a package cut off or
    damaged raises ExchangeError at the chunk that fails (callers verify the whole file first)."""
    buf = bytearray()
    for plain in _chunks(stream, key_source, on_bytes):
        buf += plain
        pos = 0
        while len(buf) - pos >= 5:
            (length,) = struct.unpack_from(">I", buf, pos + 1)
            if length > MAX_FRAME:
                raise ExchangeError(DAMAGED)
            if len(buf) - pos < 5 + length:
                break
            kind, payload = bytes(buf[pos : pos + 1]), bytes(buf[pos + 5 : pos + 5 + length])
            pos += 5 + length
            yield kind, payload
        del buf[:pos]  # once per chunk
    if buf:
        raise ExchangeError(DAMAGED)


def open_frames(path: Path, key_source, on_bytes=None) -> Iterator[tuple[bytes, bytes]]:
    """The frames of the package at `path`; `on_bytes(position)` is called after each chunk."""
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed when the generator ends
    except OSError as exc:
        raise ExchangeError(f"无法读取交换包：{exc.strerror or exc}") from exc
    with stream:
        yield from frames(stream, key_source, on_bytes)
