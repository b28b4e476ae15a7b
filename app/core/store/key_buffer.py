"""Keys held in memory: mutable buffers that are overwritten with zeros when dropped.

A Python `bytes` object cannot be wiped; a `bytearray` can be overwritten in place (same length, so
no reallocation leaves a copy behind). The session keeps the database key and every key derived from
it in these buffers and wipes them when it locks or closes. What the interpreter copies on its own
(the hex text of a PRAGMA key, the bytes an AEAD returns before they are copied here) is garbage
collected and not under our control; that is why crash output is shut off for the whole process
(app.core.security.hardening) and the deployment notes require swap to be off or encrypted.
"""

from __future__ import annotations


def keep(key: bytes | bytearray) -> bytearray:
    """A mutable copy of `key` to hold; wipe it with `wipe()` when done."""
    return bytearray(key)


def wipe(*buffers: bytearray | bytes | None) -> None:
    """Overwrite every bytearray given with zeros, in place (bytes and None are skipped)."""
    for buf in buffers:
        if isinstance(buf, bytearray):
            buf[:] = bytes(len(buf))


def is_wiped(buf: bytearray) -> bool:
    return not any(buf)
