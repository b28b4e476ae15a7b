"""Reading scanned forms (issue 21): pages found by their marks, boxes read, unclear items reviewed,
nothing counted before; the scan kept inside the encrypted store."""

from __future__ import annotations

import hashlib
import io
import random

import pytest
from PIL import Image, ImageDraw

from app.core.domain.evaluation import entry, forms_print, scans
from app.core.errors import Conflict, ValidationError
from app.core.imports import omr
from app.core.printing import evaluation_layout as lay
from tests.core import omr_synth
from tests.core.eval_support import evaluation_fixture  # noqa: F401
from tests.core.org_support import world_fixture  # noqa: F401


def _counted(conn, sheet_serial, round_id) -> dict:
    sheet = conn.execute(
        "SELECT id, status FROM eval_sheets WHERE round_id = ? AND serial = ?", (round_id, sheet_serial)
    ).fetchone()
    answers = dict(
        conn.execute("SELECT item_key, value FROM eval_answers WHERE sheet_id = ?", (sheet["id"],)).fetchall()
    )
    return {"status": sheet["status"], "answers": answers}


def test_scans_are_read_reviewed_and_only_then_counted(evaluation):
    world, leader, survey, rnd = evaluation
    pdf, serials = forms_print.print_forms(leader, rnd.id, 4)
    layout = lay.layout(survey.form)
    rng = random.Random(21)
    made = omr_synth.make_scans(layout, pdf, serials, 200, rng)
    # The last sheet: a second cross in a single-choice row (two marks where one is allowed).
    last = made[-1]
    pages = omr_synth.render_pages(pdf, 200)
    answers = dict(last.answers, **{"people.1.de": "A"})
    page_image, _ = omr_synth.fill_in(pages[-1], layout.pages[0], answers, 200, rng)
    draw = ImageDraw.Draw(page_image)
    box = next(b for b in layout.pages[0].boxes if (b.item_key, b.option_key) == ("people.1.de", "C"))
    ppm = 200 / 25.4
    draw.line(
        [((box.x - 2) * ppm, (box.y - 2) * ppm), ((box.x + 2) * ppm, (box.y + 2) * ppm)], fill=0, width=5
    )
    draw.line(
        [((box.x - 2) * ppm, (box.y + 2) * ppm), ((box.x + 2) * ppm, (box.y - 2) * ppm)], fill=0, width=5
    )
    made[-1] = omr_synth.Scan(omr_synth.scanner(page_image, rng), {}, answers, 1, serials[-1])
    # One TIFF with the first two sheets, the others one JPEG each.
    tiff = io.BytesIO()
    frames = [Image.open(io.BytesIO(s.data)) for s in made[:2]]
    frames[0].save(tiff, "TIFF", save_all=True, append_images=frames[1:])
    result = scans.import_scan(leader, rnd.id, tiff.getvalue())
    assert (result.pages, result.read, result.counted) == (2, 2, 2)
    for s in made[:2]:
        got = _counted(world.office.conn, s.serial, rnd.id)
        assert got["status"] == "counted"
        assert {k: v for k, v in got["answers"].items()} == {k: v for k, v in s.answers.items() if v}
    scans.import_scan(leader, rnd.id, made[2].data)
    result = scans.import_scan(leader, rnd.id, made[3].data)
    assert result.counted == 0 and result.to_review == 1
    assert _counted(world.office.conn, serials[3], rnd.id)["status"] == "review"  # not counted yet
    (item,) = scans.review_queue(leader, rnd.id)
    assert item.item_key == "people.1.de" and item.reason == "单选题选了多项"
    assert {b.option_key for b in item.boxes if b.state == omr.MARKED} == {"A", "C"}
    assert all(Image.open(io.BytesIO(b.crop)).size[0] > 20 for b in item.boxes)  # the cropped boxes
    with pytest.raises(ValidationError):
        scans.decide(leader, item.sheet_id, item.item_key, "A,C")
    assert scans.decide(leader, item.sheet_id, item.item_key, "A") is True
    assert _counted(world.office.conn, serials[3], rnd.id)["answers"] == {
        k: v for k, v in answers.items() if v
    }
    with pytest.raises(Conflict):
        scans.decide(leader, item.sheet_id, item.item_key, "A")
    # The same page again is a duplicate; a serial typed already cannot be scanned as well.
    again = scans.import_scan(leader, rnd.id, made[0].data)
    assert again.duplicates == [serials[0]] and again.read == 0
    with pytest.raises(Conflict):
        entry.enter_sheet(leader, rnd.id, serials[0], {})
    # The files are kept whole inside the store, with their sha256.
    rows = world.office.conn.execute(
        "SELECT sha256, data FROM eval_scans WHERE round_id = ?", (rnd.id,)
    ).fetchall()
    assert len(rows) == 4 and all(hashlib.sha256(r["data"]).hexdigest() == r["sha256"] for r in rows)
    assert world.audit_rows("eval_scan_import") and world.audit_rows("eval_review_decide")


def test_a_page_that_is_not_ours_is_kept_as_unreadable(evaluation):
    world, leader, survey, rnd = evaluation
    blank = io.BytesIO()
    Image.new("L", (1240, 1754), 255).save(blank, "PNG")
    result = scans.import_scan(leader, rnd.id, blank.getvalue())
    assert result.read == 0 and "定位标记" in result.unreadable[0]
    with pytest.raises(ValidationError) as info:
        scans.import_scan(leader, rnd.id, b"GIF89a....")
    assert info.value.field == "scan"


def test_an_upside_down_page_is_read_the_right_way_round(evaluation):
    world, leader, survey, rnd = evaluation
    pdf, serials = forms_print.print_forms(leader, rnd.id, 1)
    layout = lay.layout(survey.form)
    rng = random.Random(3)
    (scan,) = omr_synth.make_scans(layout, pdf, serials, 150, rng)
    turned = io.BytesIO()
    Image.open(io.BytesIO(scan.data)).rotate(180).save(turned, "PNG")
    result = scans.import_scan(leader, rnd.id, turned.getvalue())
    assert result.read == 1


def test_a_multi_page_pdf_from_the_scanner_is_read_and_writing_is_typed_in(evaluation):
    world, leader, survey, rnd = evaluation
    pdf, serials = forms_print.print_forms(leader, rnd.id, 2)
    layout = lay.layout(survey.form)
    made = omr_synth.make_scans(layout, pdf, serials, 200, random.Random(9))
    images = [Image.open(io.BytesIO(s.data)).convert("RGB") for s in made]
    scanned = io.BytesIO()
    images[0].save(scanned, "PDF", save_all=True, append_images=images[1:], resolution=200)
    result = scans.import_scan(leader, rnd.id, scanned.getvalue())
    assert (result.pages, result.read) == (2, 2)
    sheet = entry.find_sheet(world.office.conn, rnd.id, serials[0])
    scans.add_written_text(leader, sheet.id, "advice", "建议多听取基层意见")
    value = world.office.conn.execute(
        "SELECT value FROM eval_answers WHERE sheet_id = ? AND item_key = 'advice'", (sheet.id,)
    ).fetchone()[0]
    assert value == "建议多听取基层意见"
    with pytest.raises(ValidationError):
        scans.add_written_text(leader, sheet.id, "people.1.de", "A")


def test_the_blind_re_entry_and_the_minimum_are_the_leaders_call(evaluation):
    from app.core.domain.evaluation import surveys
    from app.core.errors import PermissionDenied

    world, leader, survey, rnd = evaluation
    member = world.login("member1")
    with pytest.raises(PermissionDenied):
        surveys.update_survey(member, survey.id, double_entry=True)
    with pytest.raises(PermissionDenied):
        surveys.update_survey(member, survey.id, min_forms=1)
    assert surveys.update_survey(world.office, survey.id, min_forms=8).min_forms == 8


def test_oversized_and_damaged_scans_are_refused_before_decoding(evaluation):
    world, leader, survey, rnd = evaluation
    big = io.BytesIO()
    Image.new("1", (8000, 6000), 1).save(big, "PNG")  # 48 Mpx: no scan of an A4 form
    with pytest.raises(ValidationError, match="过大"):
        scans.import_scan(leader, rnd.id, big.getvalue())
    with pytest.raises(ValidationError, match="无法打开"):
        scans.import_scan(leader, rnd.id, b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    assert world.office.conn.execute("SELECT count(*) FROM eval_scans").fetchone()[0] == 0


def test_other_units_are_compared_within_the_need_to_know(evaluation):
    from app.core.domain.evaluation import scoring, surveys
    from tests.core.eval_support import issue

    world, leader, survey, rnd = evaluation
    leader2 = world.login("leader2")
    other = surveys.take_copy(leader2, world.insp_b.id, template_id_of(leader2))
    other_round = surveys.add_round(leader2, other.id, "动员会")
    for sessions, round_id in ((leader, rnd.id), (leader2, other_round.id)):
        for serial in issue(sessions, round_id, 5):
            entry.enter_sheet(sessions, round_id, serial, {"people.1.de": "A"})
    office_rows = scoring.compare_units(world.office, rnd.id)
    assert [r.label for r in office_rows] == sorted(["市教育局", "市财政局"])
    assert [r.label for r in scoring.compare_units(leader, rnd.id)] == ["市教育局"]  # its own unit only


def template_id_of(session) -> str:
    from tests.core.eval_support import template_id

    return template_id(session, "leadership_people")
