"""Numbered copies of a record printed in the GB/T 9704 layout (the briefing letter, the work plan).

The record is not an official document of the register (it has no serial): each copy carries its copy
number, the watermark (who printed it, when, which copy) and an authentication code keyed like the
official documents' (serial 0, the record's version), so a copy found later names its print register
row. The layout is composed once and drawn per copy.
"""

from __future__ import annotations

import hashlib

from app.core.official.copies import authentication_key, local_time
from app.core.printing import gbt9704
from app.core.printing.authentication import keyed_hash, qr_payload, short_code
from app.core.printing.register import PrintAction, register_print
from app.core.security import audit as audit_trail
from app.core.session import Session


def print_official(
    session: Session,
    kind: str,
    record_id: str,
    text: gbt9704.OfficialText,
    copies: int,
    action: PrintAction | str,
    *,
    inspection_id: str,
    version: int = 1,
    title: str = "",
) -> tuple[list[int], list[bytes]]:
    """Register `copies` numbered copies of `text` and render one PDF each (in one transaction)."""
    digest = hashlib.sha256(repr(text).encode()).hexdigest()
    key = authentication_key(session)
    layout = gbt9704.compose(text)
    who = f"{session.user.display_name}（{session.user.username}）"
    with session.transaction():
        numbers = register_print(
            session,
            kind,
            record_id,
            copies,
            action,
            inspection_id=inspection_id,
            classification=text.classification,
        )
        printed_at = local_time(audit_trail.now_iso())
        pdfs = []
        for number in numbers:
            mac = keyed_hash(key, record_id, version, number, digest)
            marks = gbt9704.CopyMarks(
                number,
                f"{who} {printed_at} 份号 {number:06d}",
                short_code(0, version, number, mac),
                qr_payload(record_id, version, number, mac),
            )
            pdfs.append(gbt9704.draw(layout, marks=marks, title=title or text.title))
    return numbers, pdfs
