"""Scoring a round (issue 21): counts, shares and weighted scores computed independently from the
answers; the threshold of forms; the report PDF with charts; the Excel tallies; citing as evidence."""

from __future__ import annotations

import io
import random
import shutil
import subprocess

import openpyxl
import pytest
from pypdf import PdfReader

from app.core.domain.evaluation import citing, entry, outputs, scoring, surveys
from app.core.domain.register import evidence, issue_edits
from app.core.domain.register.issue_record import IssueDraft
from app.core.errors import PermissionDenied, ValidationError
from tests.conftest import save_artifact
from tests.core.eval_support import evaluation_fixture, issue, template_id  # noqa: F401
from tests.core.org_support import world_fixture  # noqa: F401


def random_answers(form, rng) -> dict[str, str]:
    out = {}
    for item in form.items():
        keys = [o.key for o in item.options]
        if item.kind == "single" and rng.random() > 0.05:
            out[item.key] = rng.choice(keys)
        elif item.kind == "multiple":
            out[item.key] = ",".join(k for k in keys if rng.random() < 0.4)
        elif item.kind == "text" and rng.random() < 0.5:
            out[item.key] = rng.choice(["加强学习", "改进作风", "多听群众意见", "公开选人用人程序"])
    return out


def independent_scores(form, sheets):
    """Plain loops, from the template's weights and points, not the app's tally."""
    scores = {}
    for s in form.sections:
        if s.type != "grid":
            continue
        points = {o.key: o.points for o in s.options}
        for n, subject in enumerate(s.subjects, start=1):
            total = weights = 0.0
            for d in s.dimensions:
                vals = [points[a[f"{s.key}.{n}.{d.key}"]] for a in sheets if a.get(f"{s.key}.{n}.{d.key}")]
                vals = [v for v in vals if v is not None]
                if vals:
                    total += d.weight * sum(vals) / len(vals)
                    weights += d.weight
            scores[subject.name] = total / weights if weights else None
    return scores


def _fill_round(leader, rnd, form, n, rng):
    serials = issue(leader, rnd.id, n)
    sheets = []
    for serial in serials:
        answers = random_answers(form, rng)
        entry.enter_sheet(leader, rnd.id, serial, answers)
        sheets.append({k: v for k, v in answers.items() if v})
    return sheets


def test_figures_equal_those_computed_from_the_answers(evaluation):
    world, leader, survey, rnd = evaluation
    sheets = _fill_round(leader, rnd, survey.form, 12, random.Random(1))
    _, _, results = scoring.round_results(leader, rnd.id)
    assert results.forms == 12 and results.shown
    expected = independent_scores(survey.form, sheets)
    for name, score in expected.items():
        assert results.subject_score(name) == pytest.approx(score)
    grid = results.grids[0]
    cell = grid.subjects[1].cells[4]  # 李红梅 · 廉
    values = [a.get("people.2.lian") for a in sheets]
    assert cell.counts == {k: values.count(k) for k in "ABCD"}
    assert cell.share_good == pytest.approx(values.count("A") / sum(v is not None for v in values))
    assert cell.share_poor == pytest.approx(values.count("D") / sum(v is not None for v in values))
    assert world.audit_rows("eval_results_view")


def test_a_group_below_the_minimum_shows_no_figures(evaluation):
    world, leader, survey, rnd = evaluation
    _fill_round(leader, rnd, survey.form, 4, random.Random(2))
    _, _, results = scoring.round_results(leader, rnd.id)
    assert results.forms == 4 and not results.shown and results.grids == []
    pdf, _ = outputs.print_report(leader, rnd.id)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "不足 5 份" in text and "王建国" not in text
    surveys.update_survey(leader, survey.id, min_forms=3)
    assert scoring.round_results(leader, rnd.id)[2].shown
    with pytest.raises(ValidationError) as info:
        surveys.update_survey(leader, survey.id, min_forms=0)
    assert info.value.field == "min_forms"


def test_the_report_has_tables_charts_details_and_the_comparison(world):
    from app.core.domain.evaluation import library

    library.install_builtins(world.office)
    leader = world.login("leader1")
    survey = surveys.take_copy(leader, world.insp_a.id, template_id(leader, "cadre_selection"))
    rng = random.Random(5)
    first = surveys.add_round(leader, survey.id, "动员会", "2026-03-03")
    _fill_round(leader, first, survey.form, 9, rng)
    second = surveys.add_round(leader, survey.id, "整改满意度", "2026-06-20")
    sheets = _fill_round(leader, second, survey.form, 14, rng)
    detail = "某科长提拔程序未经民主推荐"
    (serial,) = issue(leader, second.id, 1)
    sheet = entry.enter_sheet(leader, second.id, serial, {"s1": "C", "s2": "B", "s2.detail": detail})
    sheets.append({"s1": "C", "s2": "B", "s2.detail": detail})
    surveys.set_returned(leader, second.id, 15)
    pdf, copy = outputs.print_report(leader, second.id)
    save_artifact("evaluation-report.pdf", pdf)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for needle in ("结果报告", "王建国", "综合得分", "与本单位以往轮次比较", "第1轮", detail, "意见和建议"):
        assert needle in text, needle
    assert str(sheet.serial) not in text  # details and free text print without serials
    s3 = scoring.round_results(leader, second.id)[2].questions[2]
    assert s3.counts["A"] == sum("A" in a.get("s3", "").split(",") for a in sheets)
    if shutil.which("pdffonts"):
        save = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True)
        fonts = save.stdout.decode()
        assert "Helvetica" not in fonts
    rows = scoring.compare_rounds(leader, survey.id)
    assert [r.forms for r in rows] == [9, 15]


def test_the_tallies_export_to_excel_and_need_the_export_right(evaluation):
    world, leader, survey, rnd = evaluation
    _fill_round(leader, rnd, survey.form, 6, random.Random(3))
    result = outputs.export_tally(leader, rnd.id)
    book = openpyxl.load_workbook(io.BytesIO(result.data))
    ws = book["测评结果"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert any(r[:2] == ["王建国", "德"] for r in values)
    assert result.rows == 10
    with pytest.raises(PermissionDenied):
        outputs.export_tally(world.login("member1"), rnd.id)


def test_results_are_cited_as_evidence_in_a_working_paper(evaluation):
    world, leader, survey, rnd = evaluation
    _fill_round(leader, rnd, survey.form, 6, random.Random(4))
    issue_a = issue_edits.create_issue(
        leader, world.insp_a.id, IssueDraft(title="选人用人不规范", found_on="2026-03-10")
    )
    (pick,) = citing.citable_rounds(leader, world.insp_a.id)
    item = evidence.add_evidence(leader, issue_a.id, "evaluation", pick.round_id, "王建国·廉 差评")
    assert item.label.startswith("证据1：测评结果")
    title, text = citing.cited_text(leader, pick.round_id)
    assert "王建国" in text and "综合得分" in text
    other = issue_edits.create_issue(
        world.login("leader2"), world.insp_b.id, IssueDraft(title="x", found_on="2026-03-10")
    )
    with pytest.raises(ValidationError, match="不属于本次巡察"):
        evidence.add_evidence(world.office, other.id, "evaluation", rnd.id)
