"""Talks: the rules (two interviewers, locked signed records, addenda), search, autosave, need to know."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pytest

from app.core.domain.talks import drafts as talk_drafts
from app.core.domain.talks import printing as talk_printing
from app.core.domain.talks import queries as talk_queries
from app.core.domain.talks import scans as talk_scans
from app.core.domain.talks import search as talk_search
from app.core.domain.talks import writes as talk_writes
from app.core.domain.talks.outlines import load_library, outline_for, templates_for
from app.core.domain.talks.types import QA, IntervieweeCategory, TalkForm, TalkKind, TalkStatus
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from app.core.printing.register import list_prints
from app.core.store.connection import IntegrityError
from tests.core import print_helpers as pdf
from tests.core.org_support import world_fixture  # noqa: F401

ANSWER = "我们局在公务接待方面存在超标准问题，去年有三次接待陪餐人数超过规定，还安排了酒水。"


def form(world, **over) -> TalkForm:
    values = dict(
        start_at="2026-03-10 09:00",
        end_at="2026-03-10 10:30",
        place="市教育局三楼小会议室",
        interviewee_name="李红梅",
        interviewee_unit="市教育局",
        interviewee_position="党组成员、副局长",
        interviewee_category=IntervieweeCategory.LEADERSHIP,
        interviewer_ids=[world.users["leader1"], world.users["member1"]],
        recorder_id=world.users["member1"],
        kind=TalkKind.INDIVIDUAL,
        outline=outline_for(IntervieweeCategory.LEADERSHIP),
        record=[
            QA("请谈谈分管领域落实中央八项规定精神的情况。", ANSWER),
            QA("班子议事决策是否规范？", "总体规范。"),
        ],
        key_points="公务接待超标准。",
        raised_problems=True,
    )
    values.update(over)
    return TalkForm(**values)


def signed(world, session, **over):
    talk = talk_writes.create_talk(session, world.insp_a.id, form(world, **over))
    talk_writes.mark_recorded(session, talk.id)
    return talk_writes.sign_talk(session, talk.id, "2026-03-11")


# ---- the form's rules ----------------------------------------------------------------------------


def test_talks_are_numbered_per_inspection(world):
    leader1, leader2 = world.login("leader1"), world.login("leader2")
    a1 = talk_writes.create_talk(leader1, world.insp_a.id, form(world))
    a2 = talk_writes.create_talk(leader1, world.insp_a.id, form(world, interviewee_name="王建国"))
    b1 = talk_writes.create_talk(
        leader2,
        world.insp_b.id,
        form(
            world,
            interviewer_ids=[world.users["leader2"], world.users["member2"]],
            recorder_id=world.users["member2"],
        ),
    )
    assert (a1.number, a2.number, b1.number) == (1, 2, 1)
    assert a1.title == "谈话记录 第1号" and a1.status is TalkStatus.DRAFT
    assert [p.name for p in a1.interviewers] == ["刘组长", "周组员"] and a1.recorder.name == "周组员"
    assert a1.unit_name == "市教育局" and a1.team_name == "第一巡察组"
    assert world.audit_rows("talk_create")[0][:3] == ("leader1", "talk", a1.id)


@pytest.mark.parametrize("ids", [[], ["leader1"], ["leader1", "leader1"]])
def test_fewer_than_two_interviewers_are_refused(world, ids):
    leader1 = world.login("leader1")
    with pytest.raises(ValidationError) as err:
        talk_writes.create_talk(
            leader1, world.insp_a.id, form(world, interviewer_ids=[world.users[u] for u in ids])
        )
    assert err.value.field == "interviewer_ids" and "两名" in err.value.message


def test_interviewers_and_recorder_come_from_the_team(world):
    leader1 = world.login("leader1")
    with pytest.raises(ValidationError) as err:
        talk_writes.create_talk(
            leader1,
            world.insp_a.id,
            form(world, interviewer_ids=[world.users["leader1"], world.users["member2"]]),
        )
    assert err.value.field == "interviewer_ids"
    with pytest.raises(ValidationError) as err:
        talk_writes.create_talk(leader1, world.insp_a.id, form(world, recorder_id=world.users["leader2"]))
    assert err.value.field == "recorder_id"
    assert {p.name for p in talk_queries.team_candidates(leader1, world.insp_a.id)} == {"刘组长", "周组员"}


def test_form_validation_messages(world):
    leader1 = world.login("leader1")
    cases = {
        "start_at": dict(start_at="昨天上午"),
        "end_at": dict(end_at="2026-03-10 08:00"),
        "interviewee_name": dict(interviewee_name=" "),
        "interviewee_category": dict(interviewee_category="boss"),
        "kind": dict(kind="chat"),
        "protection_years": dict(protection_years=11),
        "classification": dict(classification="绝密"),
    }
    for field, over in cases.items():
        with pytest.raises(ValidationError) as err:
            talk_writes.create_talk(leader1, world.insp_a.id, form(world, **over))
        assert err.value.field == field, field


def test_lifecycle_and_signed_record_is_locked(world):
    leader1 = world.login("leader1")
    talk = talk_writes.create_talk(leader1, world.insp_a.id, form(world, record=[]))
    with pytest.raises(ValidationError):
        talk_writes.mark_recorded(leader1, talk.id)  # nothing recorded yet
    with pytest.raises(Conflict):
        talk_writes.sign_talk(leader1, talk.id, "2026-03-11")  # a draft cannot be signed
    talk = talk_writes.update_talk(leader1, talk.id, form(world))
    talk = talk_writes.mark_recorded(leader1, talk.id)
    assert talk.status is TalkStatus.RECORDED
    talk = talk_writes.reopen_talk(leader1, talk.id)
    talk = talk_writes.update_talk(leader1, talk.id, form(world, key_points="补充了要点。"))
    talk_writes.mark_recorded(leader1, talk.id)
    with pytest.raises(ValidationError):
        talk_writes.sign_talk(leader1, talk.id, "2026-03-09")  # before the talk
    with pytest.raises(ValidationError):
        talk_writes.sign_talk(leader1, talk.id, date.today() + timedelta(days=1))
    talk = talk_writes.sign_talk(leader1, talk.id, "2026-03-11")
    assert talk.status is TalkStatus.SIGNED and talk.signed_on == "2026-03-11"

    with pytest.raises(Conflict):
        talk_writes.update_talk(leader1, talk.id, form(world, key_points="改写"))
    with pytest.raises(Conflict):
        talk_writes.reopen_talk(leader1, talk.id)
    # Not even SQL around the domain code can change or remove it.
    with pytest.raises(IntegrityError):
        leader1.conn.execute("UPDATE talks SET key_points = 'x' WHERE id = ?", (talk.id,))
    with pytest.raises(IntegrityError):
        leader1.conn.execute("DELETE FROM talks WHERE id = ?", (talk.id,))
    assert talk_queries.get_talk(leader1, talk.id).key_points == "补充了要点。"


def test_addenda_are_dated_appended_and_audited(world):
    leader1, member1 = world.login("leader1"), world.login("member1")
    draft = talk_writes.create_talk(leader1, world.insp_a.id, form(world))
    with pytest.raises(Conflict):
        talk_writes.add_addendum(leader1, draft.id, "不该用于草稿")
    talk = signed(world, leader1)
    with pytest.raises(ValidationError):
        talk_writes.add_addendum(leader1, talk.id, "早于签字", "2026-03-10")
    talk_writes.add_addendum(leader1, talk.id, "经核实，接待次数应为四次。", "2026-03-12")
    talk_writes.add_addendum(member1, talk.id, "被谈话人补充提供了接待清单。", "2026-03-13")
    again = talk_queries.get_talk(leader1, talk.id)
    assert [(a.added_on, a.author_name) for a in again.addenda] == [
        ("2026-03-12", "刘组长"),
        ("2026-03-13", "周组员"),
    ]
    assert again.record == talk.record  # the signed record itself is untouched
    assert [r[0] for r in world.audit_rows("talk_addendum")] == ["leader1", "member1"]
    assert all("接待" not in r[3] for r in world.audit_rows("talk_addendum"))  # no record text in the trail
    with pytest.raises(IntegrityError):
        leader1.conn.execute("UPDATE talk_addenda SET text = 'x'")
    with pytest.raises(IntegrityError):
        leader1.conn.execute("DELETE FROM talk_addenda")


def test_signed_scan_is_kept_encrypted_with_its_hash(world):
    leader1 = world.login("leader1")
    scan = b"%PDF-1.4\n" + bytes(range(256)) * 40
    talk = talk_writes.create_talk(leader1, world.insp_a.id, form(world))
    talk_writes.mark_recorded(leader1, talk.id)
    with pytest.raises(ValidationError):
        talk_writes.sign_talk(leader1, talk.id, "2026-03-11", scan=b"MZ\x90\x00 not a scan")
    talk = talk_writes.sign_talk(leader1, talk.id, "2026-03-11", scan=scan)
    assert talk.has_scan
    mime, data = talk_scans.get_scan(leader1, talk.id)
    assert (mime, data) == ("application/pdf", scan)
    (digest,) = leader1.conn.execute("SELECT sha256 FROM talk_scans WHERE talk_id = ?", (talk.id,)).fetchone()
    assert digest == hashlib.sha256(scan).hexdigest()
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 100
    assert talk_scans.attach_scan(leader1, talk.id, png) == hashlib.sha256(png).hexdigest()
    assert talk_scans.get_scan(leader1, talk.id) == ("image/png", png)
    assert world.audit_rows("talk_scan_view")


# ---- viewing, listing, need to know --------------------------------------------------------------


def test_viewing_is_audited(world):
    leader1 = world.login("leader1")
    talk = talk_writes.create_talk(leader1, world.insp_a.id, form(world))
    talk_queries.get_talk(leader1, talk.id)
    talk_printing.preview_talk(leader1, talk.id)
    assert [r[:3] for r in world.audit_rows("talk_view")] == [("leader1", "talk", talk.id)]
    assert world.audit_rows("talk_preview")


def test_list_filters(world):
    leader1, member1 = world.login("leader1"), world.login("member1")
    t1 = signed(world, leader1)
    t2 = talk_writes.create_talk(
        leader1,
        world.insp_a.id,
        form(
            world,
            interviewee_name="王建国",
            interviewee_category="top_leader",
            start_at="2026-03-12 15:00",
            end_at="",
            interviewer_ids=[world.users["member1"], world.users["leader1"]],
        ),
    )
    ids = lambda rows: [r.id for r in rows]  # noqa: E731
    assert ids(talk_queries.list_talks(member1, world.insp_a.id)) == [t2.id, t1.id]
    assert ids(talk_queries.list_talks(member1, world.insp_a.id, interviewee="建国")) == [t2.id]
    assert ids(talk_queries.list_talks(member1, world.insp_a.id, category="leadership")) == [t1.id]
    assert ids(talk_queries.list_talks(member1, world.insp_a.id, status="signed")) == [t1.id]
    assert ids(talk_queries.list_talks(member1, world.insp_a.id, date_from="2026-03-11")) == [t2.id]
    assert ids(talk_queries.list_talks(member1, world.insp_a.id, date_to="2026-03-10")) == [t1.id]
    assert len(talk_queries.list_talks(member1, interviewer_id=world.users["member1"])) == 2
    assert talk_queries.list_talks(member1, interviewer_id=world.users["leader2"]) == []
    row = talk_queries.list_talks(member1, world.insp_a.id, status="draft")[0]
    assert row.interviewers == ["周组员", "刘组长"] and row.unit_name == "市教育局"
    assert world.audit_rows("talks_list")


def test_another_team_cannot_list_open_search_or_print(world):
    leader1 = world.login("leader1")
    talk = signed(world, leader1)
    for username in ("leader2", "member2"):
        other = world.login(username)
        assert talk_queries.list_talks(other) == []
        with pytest.raises(NotFound):
            talk_queries.list_talks(other, world.insp_a.id)
        with pytest.raises(NotFound):
            talk_queries.get_talk(other, talk.id)
        with pytest.raises(NotFound):
            talk_printing.preview_talk(other, talk.id)
        with pytest.raises(NotFound):
            talk_printing.print_talk(other, talk.id, 1)
        with pytest.raises(NotFound):
            talk_scans.get_scan(other, talk.id)
        with pytest.raises(NotFound):
            talk_writes.add_addendum(other, talk.id, "越权补充")
        with pytest.raises(NotFound):
            talk_writes.create_talk(other, world.insp_a.id, form(world))
        assert talk_search.search_talks(other, "公务接待") == []
        assert talk_search.search_talks(other, "接待") == []
        with pytest.raises(NotFound):
            talk_search.search_talks(other, "接待", inspection_id=world.insp_a.id)
    # The office sees everything; administrators see no talk at all.
    assert [t.id for t in talk_queries.list_talks(world.office)] == [talk.id]
    for admin in ("sysadmin", "secadmin", "auditor"):
        with pytest.raises(PermissionDenied):
            talk_queries.list_talks(world.login(admin))
        with pytest.raises(PermissionDenied):
            talk_queries.get_talk(world.login(admin), talk.id)


# ---- search --------------------------------------------------------------------------------------


def test_search_finds_two_and_three_character_chinese(world):
    leader1 = world.login("leader1")
    t1 = talk_writes.create_talk(leader1, world.insp_a.id, form(world))
    t2 = talk_writes.create_talk(
        leader1,
        world.insp_a.id,
        form(
            world,
            interviewee_name="王建国",
            outline=["请谈谈选人用人方面的情况。"],
            record=[QA("干部选拔是否规范？", "个别中层干部提拔存在“带病提拔”的情况。")],
            key_points="",
        ),
    )
    found = lambda q: {h.talk_id for h in talk_search.search_talks(leader1, q)}  # noqa: E731
    assert found("接待") == {t1.id}  # two characters, in a record answer
    assert found("酒水") == {t1.id}
    assert found("提拔") == {t2.id}
    assert found("选人用人") == {t2.id}  # four characters, in the outline
    assert found("带病提拔") == {t2.id}
    assert found("陪餐人数超过规定") == {t1.id}
    assert found("建国") == {t2.id}  # the interviewee's name
    assert found("中层") == {t2.id}  # mid-answer two-character term
    assert found("规范") == {t1.id, t2.id}  # both: t1's record question, t2's question
    assert found("接待 酒水") == {t1.id}  # all terms must occur
    assert found("接待 提拔") == set()
    assert found("不存在的词") == set()
    hit = talk_search.search_talks(leader1, "酒水")[0]
    assert hit.marked().count("【酒水】") == 1 and hit.number == 1
    with pytest.raises(ValidationError):
        talk_search.search_talks(leader1, "酒")
    # The trail names the count, never the terms.
    assert all("酒水" not in r[3] for r in world.audit_rows("talks_search"))


def test_search_follows_edits_and_addenda(world):
    leader1 = world.login("leader1")
    talk = talk_writes.create_talk(leader1, world.insp_a.id, form(world))
    assert talk_search.search_talks(leader1, "酒水")
    talk_writes.update_talk(leader1, talk.id, form(world, record=[QA("问", "没有问题。")], key_points=""))
    assert talk_search.search_talks(leader1, "酒水") == []
    talk_writes.mark_recorded(leader1, talk.id)
    talk_writes.sign_talk(leader1, talk.id, "2026-03-11")
    talk_writes.add_addendum(leader1, talk.id, "补充：存在违规发放津贴补贴。", "2026-03-12")
    assert [h.talk_id for h in talk_search.search_talks(leader1, "津贴补贴")] == [talk.id]
    assert [h.talk_id for h in talk_search.search_talks(leader1, "津贴")] == [talk.id]


# ---- autosave ------------------------------------------------------------------------------------


def test_autosave_keeps_typed_input_across_sessions(world, workstation):
    leader1 = world.login("leader1")
    key = talk_drafts.draft_key(world.insp_a.id)
    typed = form(world, record=[QA("请谈谈情况。", "正在记录中，尚未保存的回答……")])
    talk_drafts.autosave(leader1, key, typed)
    leader1.close(reason="lock")  # a lock or a crash: the form is gone, the draft stays
    again = world.login("leader1")
    restored = talk_drafts.restore(again, key)
    assert restored == typed
    # The draft lives only in the encrypted database, never in a file.
    raw = b"".join(p.read_bytes() for p in workstation.folder.iterdir() if p.is_file())
    assert "正在记录中".encode() not in raw
    talk = talk_writes.create_talk(again, world.insp_a.id, restored)
    talk_drafts.discard(again, key)
    assert talk_drafts.restore(again, key) is None
    assert talk_queries.get_talk(again, talk.id).record[0].answer == "正在记录中，尚未保存的回答……"
    assert talk_drafts.restore(world.login("member1"), key) is None  # drafts are per user


# ---- printing ------------------------------------------------------------------------------------


def test_print_registers_copies_and_export_is_separate(world):
    leader1, member1 = world.login("leader1"), world.login("member1")
    talk = signed(world, leader1, classification="秘密", protection_years=1)
    job = talk_printing.print_talk(member1, talk.id, 2)
    assert job.copy_numbers == [1, 2] and len(job.pdfs) == 2
    if pdf.HAVE_POPPLER:
        assert "000002" in pdf.text(job.pdfs[1]) and "秘密★1年" in pdf.text(job.pdfs[1])
    with pytest.raises(PermissionDenied):
        talk_printing.print_talk(member1, talk.id, 1, action="export")  # members may not export
    exported = talk_printing.print_talk(leader1, talk.id, 1, action="export")
    assert exported.copy_numbers == [3]
    entries = list_prints(world.office, record_id=talk.id)
    assert [(e.action.value, e.copy_numbers) for e in entries] == [("export", [3]), ("print", [1, 2])]
    assert entries[0].inspection_id == world.insp_a.id and entries[0].classification == "秘密★1年"
    assert [r[0] for r in world.audit_rows("export")] == ["leader1"]


# ---- outline templates ---------------------------------------------------------------------------


def test_outline_template_library():
    lib = load_library()
    assert not lib.problems
    for category in IntervieweeCategory:
        assert outline_for(category), category
    assert "第一责任人" in "".join(outline_for("top_leader"))
    follow = templates_for("leadership", "follow_up")
    assert follow[0].key == "follow_up"
    assert all(t.key != "follow_up" for t in templates_for("leadership", "individual"))


def test_a_broken_template_is_skipped(tmp_path):
    (tmp_path / "good.json").write_text(
        '{"name": "好", "categories": ["staff"], "questions": ["问一"]}', "utf-8"
    )
    (tmp_path / "bad.json").write_text('{"name": "坏", "categories": ["nobody"], "questions": []}', "utf-8")
    (tmp_path / "worse.json").write_text("{not json", "utf-8")
    lib = load_library(tmp_path)
    assert [t.key for t in lib.templates] == ["good"]
    assert len(lib.problems) == 2
    assert outline_for("staff", folder=tmp_path) == ["问一"]


def test_long_terms_match_exactly_not_just_their_pieces(world):
    leader1 = world.login("leader1")
    whole = talk_writes.create_talk(
        leader1, world.insp_a.id, form(world, key_points="存在违规发放津贴补贴问题。")
    )
    # The covering trigrams 违规发 / 放津贴 / 贴补贴 all occur here, but never the phrase itself.
    talk_writes.create_talk(
        leader1,
        world.insp_a.id,
        form(
            world,
            interviewee_name="王建国",
            record=[QA("问", "违规发文；发放津贴；贴补贴息。")],
            key_points="",
        ),
    )
    assert [h.talk_id for h in talk_search.search_talks(leader1, "违规发放津贴补贴")] == [whole.id]
    assert len(talk_search.search_talks(leader1, "经核实 规范", limit=1)) <= 1
