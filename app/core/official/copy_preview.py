"""The preview of the copy that will print: sealed when the seal was chosen, with its copy number,
watermark and authentication code, as `copies.print_copies` will draw it — but nothing is registered.

`preview_first_copy` draws the next copy number of the document (the one the next print will get,
unless another print comes first) for the first recipient, with the seal when asked (Cap.SEAL_APPLY),
and the watermark stamped "预览" instead of a print time. Viewing is audited as a view of the version.
"""

from __future__ import annotations

from datetime import datetime

from app.core.official import documents as docs
from app.core.official import seals
from app.core.official.copies import authentication_key
from app.core.printing import gbt9704
from app.core.printing.authentication import keyed_hash, qr_payload, short_code
from app.core.security.roles import Cap
from app.core.session import Session


def next_copy_number(session: Session, register_kind: str, document_id: str) -> int:
    row = session.conn.execute(
        "SELECT last_copy FROM print_sequences WHERE document_kind = ? AND record_id = ?",
        (register_kind, document_id),
    ).fetchone()
    return (int(row["last_copy"]) if row is not None else 0) + 1


def preview_first_copy(
    session: Session, document_id: str, version: int | None = None, *, seal: bool = False
) -> bytes:
    session.require(Cap.PRINT)
    if seal:
        session.require(Cap.SEAL_APPLY)
    doc = docs.visible_document(session, document_id)
    ver = docs.get_version(session, document_id, version)  # audited: official_view
    number = next_copy_number(session, doc.kind.register_kind, doc.id)
    seal_png = seals.image_for_use(session)[1] if seal else None
    mac = keyed_hash(authentication_key(session), doc.id, ver.version, number, ver.content_hash)
    code = short_code(doc.serial, ver.version, number, mac)
    who = f"{session.user.display_name}（{session.user.username}）"
    when = datetime.now().strftime("%Y-%m-%d %H:%M")
    marks = gbt9704.CopyMarks(
        number, f"{who} {when} 份号 {number:06d}（预览）", code, qr_payload(doc.id, ver.version, number, mac)
    )
    return gbt9704.draw(gbt9704.compose(ver.text()), marks=marks, seal_png=seal_png, title=doc.kind.label)
