"""The change notice: a session reports which kinds of record its committed transactions changed.

A change names the object type of its audit entry; a pure view (only its audit entry written), a
refused operation and a rolled-back transaction name nothing, and take_changes() forgets what it
handed over.
"""

from __future__ import annotations

import pytest

from app.core import drafts
from app.core.domain.organisation import inspections
from app.core.domain.register import issue_reads
from app.core.domain.talks import queries as talk_queries
from app.core.domain.talks import writes as talk_writes
from app.core.errors import Conflict, NotFound
from app.core.printing import register
from tests.core.org_support import world_fixture  # noqa: F401
from tests.core.test_talks import form


def test_a_change_announces_its_kind_and_is_handed_over_once(world):
    leader1 = world.login("leader1")
    leader1.take_changes()  # signing in records the login time: a change to "user"
    talk = talk_writes.create_talk(leader1, world.insp_a.id, form(world))
    talk_writes.mark_recorded(leader1, talk.id)
    assert leader1.take_changes() == {"talk"}
    assert leader1.take_changes() == frozenset()
    talk_writes.sign_talk(leader1, talk.id, "2026-03-11")
    assert leader1.take_changes() == {"talk"}


def test_views_announce_nothing(world):
    leader1 = world.login("leader1")
    talk_writes.create_talk(leader1, world.insp_a.id, form(world))
    leader1.take_changes()
    before = leader1.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    rows = talk_queries.list_talks(leader1, world.insp_a.id)
    talk_queries.get_talk(leader1, rows[0].id)
    issue_reads.list_issues(leader1, world.insp_a.id)
    inspections.get_inspection(leader1, world.insp_a.id)
    assert leader1.conn.execute("SELECT count(*) FROM audit").fetchone()[0] > before  # they were audited
    assert leader1.take_changes() == frozenset()


def test_a_view_audited_inside_a_change_does_not_announce_its_type(world):
    leader1 = world.login("leader1")
    leader1.take_changes()
    with leader1.transaction():
        talk_queries.list_talks(leader1, world.insp_a.id)  # a view first: its entry follows no write
        talk_writes.create_talk(leader1, world.insp_a.id, form(world))
        inspections.get_inspection(leader1, world.insp_a.id)  # and one after the change
    assert leader1.take_changes() == {"talk"}


def test_refused_and_rolled_back_operations_announce_nothing(world):
    leader1, member2 = world.login("leader1"), world.login("member2")
    talk = talk_writes.create_talk(leader1, world.insp_a.id, form(world))
    leader1.take_changes()
    member2.take_changes()
    with pytest.raises(NotFound):  # another team's inspection: refused
        talk_writes.create_talk(member2, world.insp_a.id, form(world))
    assert member2.take_changes() == frozenset()
    with pytest.raises(Conflict):  # a draft cannot be signed
        talk_writes.sign_talk(leader1, talk.id, "2026-03-11")
    with pytest.raises(RuntimeError), leader1.transaction():
        talk_writes.mark_recorded(leader1, talk.id)
        raise RuntimeError("rolled back")
    assert talk_queries.get_talk(leader1, talk.id).status.value == "draft"
    assert leader1.take_changes() == frozenset()


def test_an_explicit_kind_and_what_writes_no_audit_entry(world):
    leader1 = world.login("leader1")
    leader1.take_changes()
    # A print names the printed document's kind in its entry, and says it changed the register.
    talk = talk_writes.create_talk(leader1, world.insp_a.id, form(world))
    leader1.take_changes()
    register.register_print(leader1, "talk_record", talk.id, 2, register.PrintAction.PRINT)
    assert "print_register" in leader1.take_changes()
    # An autosaved draft is the user's own scratch, no record: nothing to announce.
    drafts.save_draft(leader1, "talk:new", {"text": "x"})
    assert leader1.take_changes() == frozenset()
    with pytest.raises(RuntimeError):
        leader1.changed("talk")  # only inside a transaction
