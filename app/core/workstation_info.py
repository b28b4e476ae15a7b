"""Facts about the workstation a signed-in user may see (organisation name, whether it is a demo)."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.session import Session


@dataclass(frozen=True)
class WorkstationInfo:
    org_name: str
    workstation_id: str
    created_at: str
    demo: bool


def workstation_info(session: Session) -> WorkstationInfo:
    meta = {r["key"]: r["value"] for r in session.conn.execute("SELECT key, value FROM meta")}
    return WorkstationInfo(
        meta["org_name"], meta["workstation_id"], meta["created_at"], meta.get("demo") == "1"
    )
