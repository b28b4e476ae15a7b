"""Bad input gets a clear message naming the field (issue 16): amounts, characters, counts, lengths.

- An amount of NaN or infinity is refused, not a decimal.InvalidOperation.
- NUL, control characters and bidirectional overrides are refused in names and titles (a printed name
  cannot be spoofed); long texts keep their tabs and line ends but refuse the rest.
- A copy count of 2.5 is refused, not taken as 2; so are booleans and counts out of range.
- Every text has a length limit, an account's display name too.
"""

from __future__ import annotations

import pytest

from app.core.domain import _fields as f
from app.core.domain.organisation import teams, terms, units
from app.core.domain.register import issue_edits
from app.core.domain.talks import printing as talk_printing
from app.core.domain.talks import writes as talk_writes
from app.core.domain.talks.types import QA
from app.core.errors import ValidationError
from app.core.printing.register import register_print
from app.core.security import accounts, policy_admin
from tests.core.issue_support import draft, reg_fixture, world_fixture  # noqa: F401
from tests.core.test_talks import form

SPOOFS = {
    "NUL": "王建\x00国",
    "escape": "王建国\x1b[31m",
    "C1": "王建\x85国",
    "DEL": "王建\x7f国",
    "right-to-left override": "王建国\u202e局长",
    "left-to-right embedding": "\u202a王建国",
    "isolate": "王\u2066建国\u2069",
    "right-to-left mark": "王建国\u200f",
    "Arabic letter mark": "王建国\u061c",
    "line separator": "王建\u2028国",
    "unpaired surrogate": "王建\ud800国",
}


def _refused(field: str, call) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call()
    assert caught.value.field == field, caught.value
    return caught.value


# ---- amounts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "amount",
    ["NaN", "nan", "sNaN", "-NaN", "Infinity", "-Infinity", "1e400", float("nan"), float("inf"), True],
)
def test_an_amount_that_is_not_a_number_is_refused_naming_the_field(reg, amount):
    member = reg.login("member1")
    error = _refused(
        "amount_yuan", lambda: issue_edits.create_issue(member, reg.insp_a.id, draft(amount_yuan=amount))
    )
    assert "涉及金额" in error.message
    assert member.conn.execute("SELECT count(*) FROM issues").fetchone()[0] == 0


def test_valid_amounts_still_work(reg):
    member = reg.login("member1")
    for amount, fen in (("-0", 0), ("1,234.50", 123450), ("", 0), (None, 0), (12.5, 1250), ("1e3", 100000)):
        issue = issue_edits.create_issue(member, reg.insp_a.id, draft(amount_yuan=amount))
        assert issue.amount_fen == fen


def test_the_shared_amount_check_refuses_every_non_number():
    for bad in ("abc", "1" * 50, "1e999999999999999999", "0.001", "-1", "1e13", [], "12元"):
        with pytest.raises(ValidationError):
            f.amount_fen(bad, "amount", "金额")


# ---- characters --------------------------------------------------------------------------------------


@pytest.mark.parametrize("spoof", list(SPOOFS.values()), ids=list(SPOOFS))
def test_names_and_titles_refuse_control_and_bidi_characters(reg, spoof):
    office, member = reg.office, reg.login("member1")
    sysadmin = reg.login("sysadmin")
    checks = [
        ("name", lambda: units.create_unit(office, spoof, "department")),
        ("name", lambda: units.add_person(office, reg.unit_a.id, spoof, "副局长")),
        ("position", lambda: units.add_person(office, reg.unit_a.id, "王建国", spoof)),
        ("name", lambda: teams.create_team(office, reg.round.id, spoof)),
        ("name", lambda: terms.create_term(office, spoof, "2031-01-01")),
        ("display_name", lambda: accounts.create_account(sysadmin, "newuser", spoof, "Temp-Pass-2026!")),
        (
            "post",
            lambda: accounts.create_account(sysadmin, "newuser", "王建国", "Temp-Pass-2026!", post=spoof),
        ),
        ("username", lambda: accounts.create_account(sysadmin, spoof, "王建国", "Temp-Pass-2026!")),
        (
            "interviewee_name",
            lambda: talk_writes.create_talk(member, reg.insp_a.id, form(reg, interviewee_name=spoof)),
        ),
        ("title", lambda: issue_edits.create_issue(member, reg.insp_a.id, draft(title=spoof))),
        ("found_by", lambda: issue_edits.create_issue(member, reg.insp_a.id, draft(found_by=spoof))),
    ]
    for field, call in checks:
        error = _refused(field, call)
        assert "不允许的字符" in error.message or "不能换行" in error.message or "用户名" in error.message
    fingerprint = office.conn.execute(
        "SELECT (SELECT count(*) FROM units), (SELECT count(*) FROM leadership), (SELECT count(*) FROM teams),"
        " (SELECT count(*) FROM terms), (SELECT count(*) FROM users), (SELECT count(*) FROM talks),"
        " (SELECT count(*) FROM issues)"
    ).fetchone()
    assert tuple(fingerprint) == (4, 3, 2, 1, 9, 0, 0)


def test_long_texts_keep_tabs_and_line_ends_but_refuse_other_controls(reg):
    member = reg.login("member1")
    issue = issue_edits.create_issue(member, reg.insp_a.id, draft(facts="第一段。\r\n\t第二段。\n第三段。"))
    assert issue.facts == "第一段。\r\n\t第二段。\n第三段。"
    for bad in (
        "事\x00实",
        "事\x0b实",
        "事\x1f实",
        "事\x7f实",
        "事\u202e实",
        "事\u2067实",
        "事\udfff实",
        "事\x9b实",
    ):
        _refused("facts", lambda bad=bad: issue_edits.create_issue(member, reg.insp_a.id, draft(facts=bad)))
    _refused(
        "outline", lambda: talk_writes.create_talk(member, reg.insp_a.id, form(reg, outline=["问题\u202e"]))
    )
    _refused(
        "record",
        lambda: talk_writes.create_talk(member, reg.insp_a.id, form(reg, record=[QA("提问", "回答\x00")])),
    )
    _refused(
        "record",
        lambda: talk_writes.create_talk(member, reg.insp_a.id, form(reg, record=[QA("提\u202e问", "回答")])),
    )


def test_ordinary_chinese_punctuation_and_spaces_are_kept(reg):
    unit = units.create_unit(reg.office, "中共某市委 · 教育工委（“双一流”）", "department")
    assert unit.name == "中共某市委 · 教育工委（“双一流”）"


# ---- counts ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "copies", [2.5, "2.5", True, False, 0, -1, 51, float("nan"), float("inf"), 10**30, None, "二"]
)
def test_a_copy_count_must_be_a_whole_number_in_range(reg, copies):
    office = reg.office
    _refused("copies", lambda: register_print(office, "talk_record", "t1", copies))
    assert office.conn.execute("SELECT count(*) FROM print_register").fetchone()[0] == 0


def test_a_talk_print_of_two_and_a_half_copies_is_refused(reg):
    member = reg.login("member1")
    talk = talk_writes.create_talk(member, reg.insp_a.id, form(reg))
    _refused("copies", lambda: talk_printing.print_talk(member, talk.id, 2.5))
    assert register_print(member, "talk_record", talk.id, 2.0) == [1, 2]  # a whole float is fine
    assert register_print(member, "talk_record", talk.id, "3") == [3, 4, 5]


def test_other_whole_numbers_refuse_fractions_booleans_and_overflow(reg):
    member = reg.login("member1")
    for bad in (2.5, True, float("inf"), "1e3", 10**9):
        _refused(
            "people_count",
            lambda bad=bad: issue_edits.create_issue(member, reg.insp_a.id, draft(people_count=bad)),
        )
    for bad in (2.5, float("nan"), "x", 10**20):
        _refused(
            "sort_order",
            lambda bad=bad: units.add_person(reg.office, reg.unit_a.id, "王某", "副局长", sort_order=bad),
        )
    for bad in (1.5, True, float("inf")):
        _refused("number", lambda bad=bad: terms.create_round(reg.office, reg.term.id, bad))
    secadmin = reg.login("secadmin")
    _refused("idle_lock_minutes", lambda: policy_admin.set_policy(secadmin, idle_lock_minutes=True))


# ---- lengths -----------------------------------------------------------------------------------------


def test_an_account_display_name_of_a_megabyte_is_refused(reg):
    sysadmin = reg.login("sysadmin")
    huge = "王" * 1_000_000
    _refused("display_name", lambda: accounts.create_account(sysadmin, "newuser", huge, "Temp-Pass-2026!"))
    _refused(
        "post", lambda: accounts.create_account(sysadmin, "newuser", "王建国", "Temp-Pass-2026!", post=huge)
    )
    _refused("password", lambda: accounts.create_account(sysadmin, "newuser", "王建国", "Aa1!" + huge))
    user = accounts.create_account(sysadmin, "newuser", "  王建国  ", "Temp-Pass-2026!")
    assert user.display_name == "王建国"


def test_every_text_of_the_organisation_has_a_limit(reg):
    huge = "字" * 100_000
    office = reg.office
    for field, call in (
        ("name", lambda: units.create_unit(office, huge, "department")),
        ("name", lambda: units.add_person(office, reg.unit_a.id, huge, "副局长")),
        ("position", lambda: units.add_person(office, reg.unit_a.id, "王某", huge)),
        ("name", lambda: teams.create_team(office, reg.round.id, huge)),
        ("name", lambda: terms.create_term(office, huge, "2031-01-01")),
    ):
        error = _refused(field, call)
        assert "不能超过" in error.message


def test_a_chosen_record_that_cannot_be_an_id_is_refused_not_a_crash(reg):
    for bad in ("\ud800", 10**20, 2.5, "x" * 10_000, ["id"]):
        _refused("parent_id", lambda bad=bad: units.create_unit(reg.office, "新单位", "department", bad))
