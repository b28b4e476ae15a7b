"""Authentication codes of printed copies (核验码): a short code to type in and a QR code to scan.

Both carry the document, the version and the copy number, and a keyed hash (HMAC-SHA256 under a key
derived from the database key, `keyslots.subkey(db_key, PURPOSE)`) over those and the hash of the
version's content. Only this workstation's database can make or check them; changing any part of a
code (another copy number, another version) breaks the hash.

- short code: `12-3-000001-K4F9Q-X2HRT` — the document's serial number, version, copy number and
  50 bits of the hash in an alphabet without look-alikes (no 0/O, 1/I);
- QR payload: `XCV1|<document id>|<version>|<copy number>|<128 bits of the hash, hex>`.

Both also carry the audit sequence at print time and an anchor tag (`anchor_tag`: a keyed hash over
the copy and the audit chain's hash at that sequence), so a copy on paper is an external anchor: a
database rolled back to before the print, or whose chain differs at that entry, fails
`verify --anchor` (app.core.security.anchors). Codes printed before this carry neither, and still
authenticate. Anchored: `12-3-000001-K4F9Q-X2HRT-4711-P7QRS` and `XCV1|<id>|<ver>|<copy>|4711|P7QRS|<hash>`,
where the printed tag is the keyed hash bound to the sequence and anchor (`bound_mac`).

Pure functions: the database look-up lives in app.core.official.authenticate.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass

from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

from app.core.errors import ValidationError

PURPOSE = "print-verification"  # the key's derivation label: changing it would void every printed code
QR_PREFIX = "XCV1"
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
SHORT_TAG_CHARS = 10  # 50 bits
QR_TAG_BYTES = 16  # 128 bits

ANCHOR_TAG_CHARS = 5  # 25 bits: enough to tell a different chain from the one the copy was printed on

_SHORT = re.compile(
    r"^(\d{1,9})-(\d{1,4})-(\d{6})-([A-Z2-9]{5})-?([A-Z2-9]{5})(?:-(\d{1,12})-([A-Z2-9]{5}))?$"
)
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def content_hash(fields: dict[str, object]) -> str:
    """SHA-256 (hex) of a version's content, over a canonical JSON of its fields."""
    data = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def keyed_hash(key: bytes, document_id: str, version: int, copy_number: int, digest: str) -> bytes:
    message = f"{QR_PREFIX}|{document_id}|{int(version)}|{int(copy_number)}|{digest}".encode()
    return hmac.new(key, message, hashlib.sha256).digest()


def _base32(data: bytes, chars: int) -> str:
    value = int.from_bytes(data, "big")
    bits = len(data) * 8
    value >>= bits - 5 * chars
    out = []
    for _ in range(chars):
        out.append(ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(out))


def short_tag(mac: bytes) -> str:
    return _base32(mac[:7], SHORT_TAG_CHARS)


def anchor_tag(
    key: bytes, document_id: str, version: int, copy_number: int, audit_seq: int, audit_hash: str
) -> str:
    """The copy's anchor: a keyed hash over the copy and the audit chain's (seq, hash) at print time."""
    message = f"XCA|{document_id}|{int(version)}|{int(copy_number)}|{int(audit_seq)}|{audit_hash}".encode()
    return _base32(hmac.new(key, message, hashlib.sha256).digest()[:4], ANCHOR_TAG_CHARS)


def bound_mac(mac: bytes, audit_seq: int, anchor: str) -> bytes:
    """The tag an anchored code prints: the copy's keyed hash bound to its audit sequence and anchor,
    so that changing any character of those fails authentication like any other part."""
    return hmac.new(mac, f"XCV-anchor|{int(audit_seq)}|{anchor}".encode(), hashlib.sha256).digest()


def short_code(
    serial: int, version: int, copy_number: int, mac: bytes, audit_seq: int | None = None, anchor: str = ""
) -> str:
    tag = short_tag(mac if audit_seq is None else bound_mac(mac, audit_seq, anchor))
    code = f"{int(serial)}-{int(version)}-{int(copy_number):06d}-{tag[:5]}-{tag[5:]}"
    return code + (f"-{int(audit_seq)}-{anchor}" if audit_seq is not None else "")


def qr_payload(
    document_id: str,
    version: int,
    copy_number: int,
    mac: bytes,
    audit_seq: int | None = None,
    anchor: str = "",
) -> str:
    head = f"{QR_PREFIX}|{document_id}|{int(version)}|{int(copy_number)}|"
    if audit_seq is None:
        return head + mac[:QR_TAG_BYTES].hex()
    return head + f"{int(audit_seq)}|{anchor}|" + bound_mac(mac, audit_seq, anchor)[:QR_TAG_BYTES].hex()


@dataclass(frozen=True)
class ParsedCode:
    form: str  # "short" or "qr"
    version: int
    copy_number: int
    tag: str
    serial: int | None = None  # short form
    document_id: str | None = None  # QR form
    audit_seq: int | None = None  # codes printed since the audit anchors (issue 15)
    anchor: str = ""

    def matches(self, mac: bytes) -> bool:
        """`mac` is keyed_hash(...) of the copy; an anchored code's tag is bound to its sequence too."""
        if self.audit_seq is not None:
            mac = bound_mac(mac, self.audit_seq, self.anchor)
        expected = short_tag(mac) if self.form == "short" else mac[:QR_TAG_BYTES].hex()
        return hmac.compare_digest(expected, self.tag)


def normalise(text: str) -> str:
    """Upper-case, full-width dashes and spaces tidied, so a code read aloud or typed still parses."""
    cleaned = (text or "").strip().replace("—", "-").replace("－", "-").replace("–", "-")
    if cleaned.upper().startswith(QR_PREFIX + "|"):
        return cleaned
    return re.sub(r"\s+", "", cleaned).upper()


def parse_code(text: str) -> ParsedCode:
    """Read a short code or a QR payload; ValidationError when it is not shaped like either."""
    value = normalise(text)
    if value.upper().startswith(QR_PREFIX + "|"):
        parts = value.split("|")
        anchored = len(parts) == 7 and parts[4].isdigit() and re.fullmatch(r"[A-Z2-9]{5}", parts[5].upper())
        if anchored:
            parts = [*parts[:4], parts[6], parts[4], parts[5].upper()]  # tag last, as in the old form
        if (
            (len(parts) == 5 or anchored)
            and _UUID.match(parts[1].lower())
            and parts[2].isdigit()
            and parts[3].isdigit()
            and re.fullmatch(r"[0-9a-fA-F]{32}", parts[4])
        ):
            return ParsedCode(
                "qr",
                int(parts[2]),
                int(parts[3]),
                parts[4].lower(),
                document_id=parts[1].lower(),
                audit_seq=int(parts[5]) if anchored else None,
                anchor=parts[6] if anchored else "",
            )
        raise ValidationError("二维码内容格式不正确，无法核验。", field="code")
    match = _SHORT.match(value)
    if not match:
        raise ValidationError("核验码格式不正确（应形如 12-3-000001-K4F9Q-X2HRT）。", field="code")
    serial, version, copy, a, b, seq, anchor = match.groups()
    return ParsedCode(
        "short",
        int(version),
        int(copy),
        a + b,
        serial=int(serial),
        audit_seq=int(seq) if seq else None,
        anchor=anchor or "",
    )


def qr_modules(payload: str) -> list[list[bool]]:
    """The QR code's module matrix (error correction level M)."""
    qr = QRCode(None, QRErrorCorrectLevel.M)
    qr.addData(payload)
    qr.make()
    n = qr.getModuleCount()
    return [[bool(qr.isDark(r, c)) for c in range(n)] for r in range(n)]


def draw_qr(canv, payload: str, x: float, y: float, size: float) -> None:
    """Draw the QR code of `payload` as filled squares, `size` points wide (quiet zone included), at (x, y).

    Drawn straight onto the canvas, one rectangle per run of dark modules, so no font or drawing
    state of reportlab's graphics renderer leaks into the PDF.
    """
    modules = qr_modules(payload)
    n = len(modules)
    cell = size / (n + 2)  # one module of quiet zone on each side
    canv.saveState()
    canv.setFillColorRGB(1, 1, 1)
    canv.rect(x, y, size, size, stroke=0, fill=1)
    canv.setFillColorRGB(0, 0, 0)
    path = canv.beginPath()
    for r, row in enumerate(modules):
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                path.rect(x + (start + 1) * cell, y + size - (r + 2) * cell, (c - start) * cell, cell)
            else:
                c += 1
    canv.drawPath(path, stroke=0, fill=1)
    canv.restoreState()
