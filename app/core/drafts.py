"""Unsaved form input, kept inside the encrypted database so a lock or a crash loses nothing typed.

A draft is the user's own scratch of a case form, so writing one needs Cap.CASE_WRITE (the three
administrators keep none), is limited to MAX_DRAFT_BYTES, and is audited (the form's key and the
size, never the text). Its audit entry names no object type, so a draft write is not announced as a
change of any record (session.take_changes).
"""

from __future__ import annotations

import json
from typing import Any

from app.core.errors import ValidationError
from app.core.security.roles import Cap
from app.core.session import Session

MAX_DRAFT_BYTES = 4 * 1024 * 1024  # far above any real form; a runaway paste must not bloat the store


def save_draft(session: Session, form_key: str, payload: dict[str, Any]) -> None:
    session.require(Cap.CASE_WRITE)
    text = json.dumps(payload, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # an unpaired surrogate from a broken paste: keep it escaped
        text = json.dumps(payload)
    size = len(text.encode("utf-8"))
    if size > MAX_DRAFT_BYTES:
        raise ValidationError(
            f"草稿过大（{size // (1024 * 1024)} MB，上限 {MAX_DRAFT_BYTES // (1024 * 1024)} MB），未能保存。",
            field="draft",
        )
    values = session.record_values()
    with session.transaction() as conn:
        conn.execute(
            "INSERT INTO drafts (id, created_at, updated_at, author_id, workstation_id, user_id, form_key, payload)"
            " VALUES (?,?,?,?,?,?,?,?)"
            " ON CONFLICT (user_id, form_key) DO UPDATE SET payload = excluded.payload, updated_at = excluded.updated_at",
            (*values.values(), session.user.id, form_key, text),
        )
        session.audit("draft_save", "", form_key[:100], f"{size} 字节")


def load_draft(session: Session, form_key: str) -> dict[str, Any] | None:
    row = session.conn.execute(
        "SELECT payload FROM drafts WHERE user_id = ? AND form_key = ?", (session.user.id, form_key)
    ).fetchone()
    return json.loads(row[0]) if row else None


def discard_draft(session: Session, form_key: str) -> None:
    with session.transaction() as conn:
        cur = conn.execute(
            "DELETE FROM drafts WHERE user_id = ? AND form_key = ?", (session.user.id, form_key)
        )
        if cur.rowcount:
            session.audit("draft_discard", "", form_key[:100])


def list_drafts(session: Session) -> list[tuple[str, str]]:
    rows = session.conn.execute(
        "SELECT form_key, updated_at FROM drafts WHERE user_id = ? ORDER BY updated_at DESC",
        (session.user.id,),
    ).fetchall()
    return [(r["form_key"], r["updated_at"]) for r in rows]
