"""Unsaved form input, kept inside the encrypted database so a lock or a crash loses nothing typed."""

from __future__ import annotations

import json
from typing import Any

from app.core.security import audit as audit_trail
from app.core.session import Session


def save_draft(session: Session, form_key: str, payload: dict[str, Any]) -> None:
    text = json.dumps(payload, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # an unpaired surrogate from a broken paste: keep it escaped
        text = json.dumps(payload)
    values = session.record_values()
    with session.transaction() as conn:
        conn.execute(
            "INSERT INTO drafts (id, created_at, updated_at, author_id, workstation_id, user_id, form_key, payload)"
            " VALUES (?,?,?,?,?,?,?,?)"
            " ON CONFLICT (user_id, form_key) DO UPDATE SET payload = excluded.payload, updated_at = excluded.updated_at",
            (*values.values(), session.user.id, form_key, text),
        )


def load_draft(session: Session, form_key: str) -> dict[str, Any] | None:
    row = session.conn.execute(
        "SELECT payload FROM drafts WHERE user_id = ? AND form_key = ?", (session.user.id, form_key)
    ).fetchone()
    return json.loads(row[0]) if row else None


def discard_draft(session: Session, form_key: str) -> None:
    with session.transaction() as conn:
        conn.execute("DELETE FROM drafts WHERE user_id = ? AND form_key = ?", (session.user.id, form_key))


def list_drafts(session: Session) -> list[tuple[str, str]]:
    rows = session.conn.execute(
        "SELECT form_key, updated_at FROM drafts WHERE user_id = ? ORDER BY updated_at DESC",
        (session.user.id,),
    ).fetchall()
    return [(r["form_key"], r["updated_at"]) for r in rows]


__all__ = ["save_draft", "load_draft", "discard_draft", "list_drafts", "audit_trail"]
