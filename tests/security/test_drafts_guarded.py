"""Drafts are case scratch: a capability, a size limit, and an audit entry that announces no change."""

from __future__ import annotations

import pytest

from app.core import drafts
from app.core.errors import PermissionDenied, ValidationError
from tests.conftest import DEMO_PASSWORD  # noqa: F401


@pytest.mark.parametrize("username", ["auditor", "sysadmin", "secadmin"])
def test_administrators_cannot_write_drafts(login, username):
    session = login(username)
    with pytest.raises(PermissionDenied):
        drafts.save_draft(session, "talk:new:x", {"text": "随便写点什么"})
    assert session.conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0


def test_a_20_mb_draft_is_refused(login):
    session = login("member1")
    with pytest.raises(ValidationError) as info:
        drafts.save_draft(session, "talk:new:x", {"text": "字" * (7 * 1024 * 1024)})  # ~20 MB UTF-8
    assert info.value.field == "draft"
    assert session.conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0


def test_saving_and_discarding_are_audited_without_text_and_announce_nothing(login):
    session = login("member1")
    session.take_changes()
    drafts.save_draft(session, "talk:new:x", {"text": "谈话对象张三说了很多"})
    drafts.discard_draft(session, "talk:new:x")
    drafts.discard_draft(session, "talk:new:x")  # nothing left: nothing audited
    rows = session.conn.execute(
        "SELECT action, object_id, summary FROM audit WHERE action LIKE 'draft_%' ORDER BY seq"
    ).fetchall()
    assert [r["action"] for r in rows] == ["draft_save", "draft_discard"]
    assert all("张三" not in r["summary"] for r in rows) and rows[0]["object_id"] == "talk:new:x"
    assert session.take_changes() == frozenset()
