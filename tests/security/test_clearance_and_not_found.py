"""Clearance on every read, write and print of a classified record, and one "not found" for all.

A member cleared for 秘密 neither creates nor reads a 机密 talk (nor finds it by listing or search);
printed markings come only from the fixed levels, never lower than the record's; a 机密 official
document out of clearance answers "not found" like a record of another team; deleting an issue does
not tell a member that a lead (or a petition) is linked to it.
"""

from __future__ import annotations

import pytest

from app.core.domain.register import issue_edits, leads
from app.core.domain.register.leads import LeadDraft
from app.core.domain.talks import printing as talk_printing
from app.core.domain.talks import queries as talk_queries
from app.core.domain.talks import search as talk_search
from app.core.domain.talks import writes as talk_writes
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.core.official import documents
from app.core.official.kinds import DocKind
from tests.core.issue_support import draft, reg_fixture, world_fixture  # noqa: F401
from tests.core.test_talks import form


def _secret_talk(world):
    """A 机密 talk of team A, written by its leader (cleared for 机密 here)."""
    world.office.conn.execute("UPDATE users SET clearance = '机密' WHERE username = 'leader1'")
    leader = world.login("leader1")
    return talk_writes.create_talk(
        leader,
        world.insp_a.id,
        form(world, classification="机密", protection_years=10, key_points="机密要点"),
    )


def test_a_member_cleared_for_secret_cannot_create_a_confidential_talk(world):
    member = world.login("member1")
    assert member.user.clearance == "秘密"
    with pytest.raises(PermissionDenied):
        talk_writes.create_talk(
            member, world.insp_a.id, form(world, classification="机密", protection_years=10)
        )
    talk = talk_writes.create_talk(member, world.insp_a.id, form(world))
    with pytest.raises(PermissionDenied):  # nor raise one of their own to 机密
        talk_writes.update_talk(member, talk.id, form(world, classification="机密", protection_years=10))


def test_a_member_cleared_for_secret_cannot_read_find_or_print_a_confidential_talk(world):
    talk = _secret_talk(world)
    member = world.login("member1")
    for call in (
        lambda: talk_queries.get_talk(member, talk.id),
        lambda: talk_printing.preview_talk(member, talk.id),
        lambda: talk_printing.print_talk(member, talk.id, 1),
    ):
        with pytest.raises(NotFound) as info:
            call()
        assert "机密" not in info.value.message
    assert talk.id not in {t.id for t in talk_queries.list_talks(member, world.insp_a.id)}
    assert talk_search.search_talks(member, "机密要点") == []
    assert len(talk_search.search_talks(world.login("leader1"), "机密要点")) == 1
    leader = world.login("leader1")
    assert talk_queries.get_talk(leader, talk.id).classification == "机密"


def test_printed_markings_come_from_the_fixed_levels_never_lower(world):
    talk = _secret_talk(world)
    leader = world.login("leader1")
    for bad in ("公开", "秘密", "秘密★10年", "绝密★30年", "机密★abc", "anything"):
        with pytest.raises(ValidationError):
            talk_printing.print_talk(leader, talk.id, 1, classification=bad)
    assert world.office.conn.execute("SELECT count(*) FROM print_register").fetchone()[0] == 0
    job = talk_printing.print_talk(leader, talk.id, 1)
    mark = world.office.conn.execute("SELECT classification FROM print_register").fetchone()[0]
    assert mark == "机密★10年" and job.copy_numbers == [1]
    talk_printing.print_talk(leader, talk.id, 1, classification="机密★5年")


def test_a_confidential_official_document_out_of_clearance_is_not_found(world):
    from tests.core.test_official import TODAY, DocumentDraft

    world.office.conn.execute("UPDATE users SET clearance = '机密' WHERE username = 'office'")
    office = world.login("office")
    d = DocumentDraft("标题", "正文", "机关", TODAY, classification="机密", protection_years=5)
    doc = documents.create_document(office, DocKind.INSPECTION_REPORT, d, inspection_id=world.insp_a.id)
    member = world.login("member1")
    for call in (
        lambda: documents.get_document(member, doc.id),
        lambda: documents.get_version(member, doc.id),
        lambda: documents.list_versions(member, doc.id),
    ):
        with pytest.raises(NotFound) as info:
            call()
        assert "机密" not in info.value.message and "涉密" not in info.value.message
    with pytest.raises(PermissionDenied):
        documents.create_document(member, DocKind.INSPECTION_REPORT, d, inspection_id=world.insp_a.id)


def test_deleting_an_issue_does_not_tell_a_member_of_its_lead(reg):
    member = reg.login("member1")
    issue = issue_edits.create_issue(member, reg.insp_a.id, draft())
    leader = reg.login("leader1")
    lead = leads.create_lead(
        leader,
        reg.insp_a.id,
        LeadDraft("王建国", "局长", "反映其收受财物。", "petition", "来信", "2026-03-08"),
    )
    leads.link_issue(leader, lead.id, issue.id)
    with pytest.raises(Conflict) as info:
        issue_edits.delete_issue(member, issue.id)
    assert "线索" not in info.value.message and "信访" not in info.value.message
    with pytest.raises(Conflict) as info:  # the leader, who knows of the lead, is told which
        issue_edits.delete_issue(leader, issue.id)
    assert "线索" in info.value.message
