"""A lead transfer letter's text in the leads compartment (issue 15).

The transfer letter (问题线索移交函, DocKind.needs_leads) is made from the leads: it names the persons,
what is alleged and the receiving body. Each saved version keeps its addressee and body only sealed
in the inspection's leads compartment (app.core.security.compartments, the table official_versions,
bound to the version's id), its plaintext columns blank; the title, issuer, date and classification
stay in the clear (the copy register and the verification of printed copies read them). So the
letter is read, edited and printed by the accounts that hold the leads' key — the office and the
team's leader — and by nobody else, whatever they do with the database file.

Opening checks the opened text against the version's content hash (what printed copies are keyed
on), so a sealed text copied from another version does not pass for this one. A version saved
before sealing existed is sealed by the next entitled session that opens the compartment.
"""

from __future__ import annotations

from dataclasses import replace

from app.core.errors import IntegrityFailure
from app.core.printing.authentication import content_hash
from app.core.security import compartments
from app.core.security.compartment_keys import LEADS, LETTERS, compartment_of
from app.core.session import Session

BROKEN = "该公文版本的加密正文无法打开或与其内容校验值不符，可能已被改动。请让安全审计员核查。"
HASHED = ("title", "addressee", "body", "issuer", "issued_on", "classification", "protection_years")


def seal(session: Session, inspection_id: str, version_id: str, values: dict) -> dict:
    """The columns of a new version that hold its sealed text (refused without the leads' key)."""
    sealed = compartments.keys_for(session, LEADS).encrypt(
        inspection_id, LETTERS.table, version_id, {name: values[name] for name in LETTERS.fields}
    )
    return {**LETTERS.blank_values(), "sealed": sealed}


def opened(session: Session, inspection_id: str | None, version):
    """The version with its sealed text opened, or marked `locked` when this session holds no key."""
    if not version.sealed or not inspection_id:
        return version
    keys = compartments.keys_for(session, LEADS)
    values = keys.values(inspection_id, version.version_id, version.sealed, LETTERS.table)
    if values is None and keys.known.get(compartment_of(version.sealed)) is not None:
        raise IntegrityFailure(BROKEN)  # the key is at hand: the text is not this version's
    if values is None:
        return replace(version, addressee="", body=compartments.LOCKED, locked=True)
    result = replace(version, addressee=str(values.get("addressee", "")), body=str(values.get("body", "")))
    if content_hash({name: getattr(result, name) for name in HASHED}) != version.content_hash:
        raise IntegrityFailure(BROKEN)
    return result
