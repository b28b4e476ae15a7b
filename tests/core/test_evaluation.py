"""Evaluation and questionnaires (issue 21): the library, an inspection's copy, rounds, keyboard entry,
anonymity and need to know."""

from __future__ import annotations

import json

import pytest

from app.core.domain.evaluation import (
    citing,
    entry,
    forms_print,
    library,
    model,
    outputs,
    scans,
    scoring,
    surveys,
)
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationError
from tests.core.eval_support import evaluation_fixture, issue, template_id  # noqa: F401
from tests.core.org_support import world_fixture  # noqa: F401


def test_the_library_ships_five_templates_and_the_office_edits_them(world):
    office = world.office
    added = library.install_builtins(office)
    assert {t.builtin for t in added} == set(library.BUILTIN)
    assert library.install_builtins(office) == []  # once only
    kinds = {t.builtin: t.kind for t in library.list_templates(office)}
    assert kinds["strict_governance"] is model.FormKind.QUESTIONNAIRE
    people = library.get_template(office, template_id(office, "leadership_people"))
    grid = people.form.sections[0]
    assert [d.label for d in grid.dimensions] == ["德", "能", "勤", "绩", "廉"]
    assert [g.label for g in grid.options] == ["好", "较好", "一般", "差"]
    body = model.form_to_body(people.form)
    body["name"] = "领导干部民主测评表（修订）"
    body["sections"][0]["dimensions"][0]["weight"] = 40
    edited = library.update_template(office, people.id, body)
    assert edited.name.endswith("（修订）") and edited.form.sections[0].dimensions[0].weight == 40
    leader = world.login("leader1")
    with pytest.raises(PermissionDenied):
        library.update_template(leader, people.id, body)
    assert library.list_templates(leader)  # reading the library is for every case role
    assert world.audit_rows("eval_template_update")


@pytest.mark.parametrize(
    "change, field",
    [
        (lambda b: b.update(kind="vote"), "kind"),
        (lambda b: b["sections"][0].update(type="slider"), "sections"),
        (lambda b: b["sections"][0]["dimensions"][0].update(weight=-1), "sections"),
        (lambda b: b["sections"][0].update(grades=[{"key": "A", "label": "好"}]), "body"),
        (lambda b: b.update(name=""), "name"),
    ],
)
def test_a_bad_template_is_refused_naming_the_field(world, change, field):
    body = library.builtin_body("leadership_people")
    change(body)
    with pytest.raises(ValidationError) as info:
        library.create_template(world.office, body)
    assert info.value.field == field


def test_a_copy_takes_the_units_leadership_and_counts_printed_and_returned(evaluation):
    world, leader, survey, rnd = evaluation
    grid = survey.form.sections[0]
    assert [p.name for p in grid.subjects] == ["王建国", "李红梅"]  # top leader first
    assert len(survey.form.choice_items()) == 2 * 5
    serials = issue(leader, rnd.id, 30)
    assert len(set(serials)) == 30 and all(100_000 <= s <= 999_999 for s in serials)
    assert serials != sorted(serials)  # random, not in printing order
    rnd = surveys.set_returned(leader, rnd.id, 28)
    assert (rnd.printed, rnd.returned) == (30, 28)
    with pytest.raises(ValidationError) as info:
        surveys.set_returned(leader, rnd.id, 31)
    assert info.value.field == "returned"


def test_keyboard_entry_counts_once_per_serial_and_only_issued_serials(evaluation):
    world, leader, survey, rnd = evaluation
    serials = issue(leader, rnd.id, 3)
    answers = {"people.1.de": "A", "people.1.lian": "D", "people.2.de": "B", "advice": "多下基层"}
    sheet = entry.enter_sheet(leader, rnd.id, serials[0], answers)
    assert sheet.status == "counted"
    stored = dict(
        world.office.conn.execute(
            "SELECT item_key, value FROM eval_answers WHERE sheet_id = ?", (sheet.id,)
        ).fetchall()
    )
    assert stored == answers
    with pytest.raises(Conflict):
        entry.enter_sheet(leader, rnd.id, serials[0], answers)
    with pytest.raises(ValidationError) as info:
        entry.enter_sheet(leader, rnd.id, 123456 if 123456 not in serials else 654321, answers)
    assert info.value.field == "serial"
    with pytest.raises(ValidationError, match="只能选一项"):
        entry.enter_sheet(leader, rnd.id, serials[1], {"people.1.de": "A,B"})
    with pytest.raises(ValidationError, match="没有选项"):
        entry.enter_sheet(leader, rnd.id, serials[1], {"people.1.de": "E"})
    # The sheet row holds the serial and nothing about the respondent; the audit names no answer.
    cols = {r["name"] for r in world.office.conn.execute("PRAGMA table_info(eval_sheets)")}
    assert cols == {"id", "created_at", "updated_at", "author_id", "workstation_id", "round_id", "inspection_id",
                    "serial", "source", "status"}  # fmt: skip
    summaries = " ".join(r[3] for r in world.audit_rows("eval_sheet_entry"))
    assert "多下基层" not in summaries and str(serials[0]) in summaries


def test_a_blind_second_entry_by_another_person_is_compared(evaluation):
    world, leader, survey, rnd = evaluation
    surveys.update_survey(leader, survey.id, double_entry=True)
    serials = issue(leader, rnd.id, 2)
    member = world.login("member1")
    a = {"people.1.de": "A", "people.2.ji": "C"}
    first = entry.enter_sheet(leader, rnd.id, serials[0], a)
    assert first.status == "pending"  # not counted until compared
    with pytest.raises(Conflict, match="另一人"):
        entry.enter_sheet(leader, rnd.id, serials[0], a, second=True)
    assert entry.enter_sheet(member, rnd.id, serials[0], a, second=True).status == "counted"
    entry.enter_sheet(leader, rnd.id, serials[1], a)
    differs = entry.enter_sheet(member, rnd.id, serials[1], {**a, "people.2.ji": "D"}, second=True)
    assert differs.status == "review"
    assert entry.entry_differences(leader, differs.id) == [("people.2.ji", "C", "D")]
    assert entry.settle_entry(leader, differs.id, {**a, "people.2.ji": "D"}).status == "counted"


# ---- need to know: the role × record × action rows ------------------------------------------------

OPS = {
    "list_surveys": lambda s, w, sv, r: surveys.list_surveys(s, w.insp_a.id),
    "get_round": lambda s, w, sv, r: surveys.get_round(s, r.id),
    "add_round": lambda s, w, sv, r: surveys.add_round(s, sv.id, "整改评估"),
    "set_returned": lambda s, w, sv, r: surveys.set_returned(s, r.id, 0),
    "take_copy": lambda s, w, sv, r: surveys.take_copy(
        s, w.insp_a.id, template_id(w.office, "strict_governance")
    ),
    "enter_sheet": lambda s, w, sv, r: entry.enter_sheet(s, r.id, 100000, {}),
    "print_forms": lambda s, w, sv, r: forms_print.print_forms(s, r.id, 1),
    "import_scan": lambda s, w, sv, r: scans.import_scan(s, r.id, _BLANK_PNG),
    "review_queue": lambda s, w, sv, r: scans.review_queue(s, r.id),
    "round_results": lambda s, w, sv, r: scoring.round_results(s, r.id),
    "print_report": lambda s, w, sv, r: outputs.print_report(s, r.id),
    "export_tally": lambda s, w, sv, r: outputs.export_tally(s, r.id),
    "cite": lambda s, w, sv, r: citing.cited_text(s, r.id),
}
# Exporting needs Cap.EXPORT first: a member (of either team) is refused before need to know.
EXCEPT = {("export_tally", "member1"): PermissionDenied, ("export_tally", "member2"): PermissionDenied}


def _blank_png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (620, 877), 255).save(out, "PNG")
    return out.getvalue()


_BLANK_PNG = _blank_png()
# Who may do each: the inspection's team and the office; another team NotFound; administrators refused.
EXPECT = {
    "office": "ok",
    "leader1": "ok",
    "member1": "ok",
    "leader2": NotFound,
    "member2": NotFound,
    "sysadmin": PermissionDenied,
    "secadmin": PermissionDenied,
    "auditor": PermissionDenied,
}


@pytest.mark.parametrize("op", sorted(OPS))
@pytest.mark.parametrize("username", sorted(EXPECT))
def test_need_to_know_matrix(evaluation, op, username):
    world, leader, survey, rnd = evaluation
    session = world.office if username == "office" else world.login(username)
    expected = EXCEPT.get((op, username), EXPECT[username])
    if expected == "ok":
        try:
            OPS[op](session, world, survey, rnd)
        except ValidationError:
            assert op == "enter_sheet"  # allowed, the serial 100000 was not issued
        return
    tables = ("eval_rounds", "eval_surveys", "eval_scans", "eval_sheets", "print_register")
    count = "SELECT " + ", ".join(f"(SELECT count(*) FROM {t})" for t in tables)
    before = tuple(world.office.conn.execute(count).fetchone())
    with pytest.raises(expected):
        OPS[op](session, world, survey, rnd)
    assert tuple(world.office.conn.execute(count).fetchone()) == before  # a refused call changes nothing


def test_a_copy_is_json_that_reads_back(evaluation):
    world, leader, survey, rnd = evaluation
    body = world.office.conn.execute("SELECT body FROM eval_surveys WHERE id = ?", (survey.id,)).fetchone()[0]
    assert model.parse_body(json.loads(body)) == survey.form


# ---- printing ---------------------------------------------------------------------------------


def _pdf_text(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_printed_forms_are_numbered_anonymous_and_registered(evaluation):
    from app.core.domain.evaluation import forms_print
    from app.core.printing import evaluation_layout
    from tests.conftest import save_artifact

    world, leader, survey, rnd = evaluation
    pdf, serials = forms_print.print_forms(leader, rnd.id, 3)
    save_artifact("evaluation-form.pdf", pdf)
    layout = evaluation_layout.layout(survey.form)
    text = _pdf_text(pdf)
    assert text.count("领导干部民主测评表") >= 3 and "王建国" in text and "德" in text
    for s in serials:
        assert f"编号 {s:06d}" in text
    assert surveys.get_round(leader, rnd.id).printed == 3
    # One box per answer: every grade of every person and dimension.
    boxes = [b for p in layout.pages for b in p.boxes]
    assert len(boxes) == 2 * 5 * 4
    assert len({(b.item_key, b.option_key) for b in boxes}) == len(boxes)
    row = world.office.conn.execute(
        "SELECT document_kind, copies FROM print_register WHERE record_id = ?", (rnd.id,)
    ).fetchone()
    assert tuple(row) == ("eval_forms", 1)
    assert world.audit_rows("eval_forms_print")


def test_the_questionnaire_prints_with_detail_lines_and_free_text(world):
    from app.core.domain.evaluation import forms_print
    from tests.conftest import save_artifact

    library.install_builtins(world.office)
    leader = world.login("leader1")
    survey = surveys.take_copy(leader, world.insp_a.id, template_id(leader, "strict_governance"))
    rnd = surveys.add_round(leader, survey.id, "动员会")
    pdf, serials = forms_print.print_forms(leader, rnd.id, 2)
    save_artifact("questionnaire-form.pdf", pdf)
    text = _pdf_text(pdf)
    assert "有问题" in text and "请写明具体情况" in text and "意见和建议" in text


def test_the_page_code_round_trips_and_catches_a_flipped_bit():
    from app.core.printing import evaluation_layout as lay

    bits = lay.encode_code(4095, 63, 15, 999_999)
    assert lay.decode_code(bits) == (4095, 63, 15, 999_999)
    assert lay.decode_code(lay.encode_code(17, 2, 1, 100_000)) == (17, 2, 1, 100_000)
    for k in range(len(bits)):
        flipped = list(bits)
        flipped[k] ^= 1
        assert lay.decode_code(flipped) is None
