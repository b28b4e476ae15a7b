"""The 民主测评 tab driven like a user (issue 21): 20 forms typed from the keyboard, 20 scans read,
the unclear answers reviewed beside their cropped boxes, and the report's figures equal to those
computed independently from the answers that were generated."""

from __future__ import annotations

import gc
import io
import random

import pytest
from PIL import ImageDraw
from pypdf import PdfReader
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.core.domain.evaluation import forms_print, library, outputs, scoring, surveys
from app.core.printing import evaluation_layout as lay
from app.ui.evaluation.entry_dialog import EvaluationEntryDialog
from app.ui.evaluation.panel import EvaluationPanel
from app.ui.evaluation.review_dialog import EvaluationReviewDialog
from tests.core import omr_synth
from tests.core.eval_support import template_id
from tests.core.org_support import world_fixture  # noqa: F401
from tests.core.test_evaluation_results import independent_scores
from tests.ui.conftest import grab

TIMEOUT = 20000


@pytest.fixture(autouse=True)
def _collect_garbage():
    yield
    gc.collect()


def _answers(form, rng) -> dict[str, str]:
    out = {}
    for item in form.choice_items():
        if rng.random() < 0.95:
            out[item.key] = rng.choice([o.key for o in item.options])
    if rng.random() < 0.5:
        out["advice"] = rng.choice(["多下基层", "改进作风"])
    return out


def _type_sheet(qtbot, dialog: EvaluationEntryDialog, serial: int, answers: dict[str, str]) -> None:
    qtbot.keyClicks(dialog.serial, f"{serial:06d}")
    qtbot.keyClick(dialog.serial, Qt.Key.Key_Return)
    for item in dialog.items:
        value = answers.get(item.key, "")
        if item.kind == "text":
            for (
                ch
            ) in value:  # QTest types ASCII only: a Chinese character comes as the key event an IME sends
                QApplication.sendEvent(
                    dialog.table,
                    QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch),
                )
            qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
        elif value:
            digit = str([o.key for o in item.options].index(value) + 1)
            qtbot.keyClick(dialog.table, digit)
        else:
            qtbot.keyClick(dialog.table, "0")
    saved = dialog.saved
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.saved == saved + 1, timeout=TIMEOUT)


def test_twenty_typed_twenty_scanned_reviewed_and_the_report_adds_up(
    qtbot, worker, workstation, world, tmp_path
):
    library.install_builtins(world.office)
    leader = world.login("leader1")
    survey = surveys.take_copy(leader, world.insp_a.id, template_id(leader, "leadership_people"))
    rnd = surveys.add_round(leader, survey.id, "动员会", "2026-03-03")
    pdf, serials = forms_print.print_forms(leader, rnd.id, 40)
    rng = random.Random(2026)
    results: list = []
    worker.sign_in(
        workstation.folder, "leader1", "Demo-2026!", on_done=results.append, on_error=results.append
    )
    qtbot.waitUntil(lambda: bool(results), timeout=TIMEOUT)
    panel = EvaluationPanel(worker, world.insp_a.id)
    qtbot.addWidget(panel)
    panel.resize(980, 480)
    panel.show()
    qtbot.waitUntil(
        lambda: panel.tree.topLevelItemCount() == 1 and panel.tree.topLevelItem(0).childCount() == 1,
        timeout=TIMEOUT,
    )
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0).child(0))
    assert panel.apply_settings.isEnabled() and panel.min_forms.value() == 5  # the leader sets them
    truth: list[dict[str, str]] = []

    # 20 forms from the keyboard.
    panel.buttons["entry"].click()
    dialog = panel.dialog
    qtbot.waitUntil(lambda: bool(dialog.items), timeout=TIMEOUT)
    assert dialog.second.isEnabled() is False  # no blind re-entry asked for this survey
    for serial in serials[:20]:
        answers = _answers(survey.form, rng)
        _type_sheet(qtbot, dialog, serial, answers)
        truth.append(answers)
    assert "已计入" in dialog.status.text() or "counted" in dialog.status.text()
    dialog.close()

    # 20 scans (JPEG, 150–300 dpi), two of them with a second mark in a single-choice row.
    layout = lay.layout(survey.form)
    pages = omr_synth.render_pages(pdf, 150)
    files, scanned = [], []
    for k, serial in enumerate(serials[20:], start=20):
        answers = _answers(survey.form, rng)
        answers.pop("advice", None)  # handwriting is not read from scans
        image, _ = omr_synth.fill_in(pages[k], layout.pages[0], answers, 150, rng)
        if k in (21, 33):
            box = next(
                b
                for b in layout.pages[0].boxes
                if b.item_key == "people.2.ji" and b.option_key != answers.get("people.2.ji")
            )
            ppm = 150 / 25.4
            draw = ImageDraw.Draw(image)
            draw.line(
                [((box.x - 2) * ppm, (box.y - 2) * ppm), ((box.x + 2) * ppm, (box.y + 2) * ppm)],
                fill=0,
                width=4,
            )
        path = tmp_path / f"scan{k}.jpg"
        path.write_bytes(omr_synth.scanner(image, rng))
        files.append(str(path))
        scanned.append((serial, answers))
    panel.last_import = None
    panel.import_files(rnd.id, files)
    qtbot.waitUntil(lambda: panel.last_import is not None, timeout=60000)
    assert sum(r.read for r in panel.last_import) == 20

    # The review: each unclear item shown with its boxes; decided as the respondent meant.
    by_serial = dict(scanned)
    panel.buttons["review"].click()
    review: EvaluationReviewDialog = panel.dialog
    qtbot.waitUntil(lambda: len(review.queue) >= 2 and len(review.checks) > 0, timeout=TIMEOUT)
    review.resize(820, 460)
    grab(review, "omr-review-window.png")
    while review.queue:
        item = review.queue[0]
        meant = by_serial[item.serial].get(item.item_key, "")
        for k, box in enumerate(review.checks):
            if box.isChecked() != (item.boxes[k].option_key in meant.split(",")):
                review.toggle(k + 1)
        left = len(review.queue)
        review.confirm()
        qtbot.waitUntil(lambda left=left: len(review.queue) == left - 1, timeout=TIMEOUT)
    truth += [a for _, a in scanned]

    review.close()
    qtbot.waitUntil(lambda: panel.tree.topLevelItem(0).child(0).text(3) == "40", timeout=TIMEOUT)
    grab(panel, "evaluation-tab.png")

    # The figures: every sheet counted, the scores those of the generated answers.
    _, _, figures = scoring.round_results(leader, rnd.id)
    assert figures.forms == 40
    expected = independent_scores(survey.form, truth)
    for name, score in expected.items():
        assert figures.subject_score(name) == pytest.approx(score)
    report, _ = outputs.print_report(leader, rnd.id)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(report)).pages)
    for score in expected.values():
        assert f"{score:.2f}" in text
    cell = figures.grids[0].subjects[0].cells[0]
    values = [a.get("people.1.de") for a in truth]
    assert cell.counts == {k: values.count(k) for k in "ABCD"}


def test_a_member_may_not_set_the_minimum_and_text_comes_through_the_input_method(
    qtbot, worker, workstation, world
):
    library.install_builtins(world.office)
    leader = world.login("leader1")
    survey = surveys.take_copy(leader, world.insp_a.id, template_id(leader, "leadership_team"))
    rnd = surveys.add_round(leader, survey.id, "动员会")
    _, (serial,) = forms_print.print_forms(leader, rnd.id, 1)
    results: list = []
    worker.sign_in(
        workstation.folder, "member1", "Demo-2026!", on_done=results.append, on_error=results.append
    )
    qtbot.waitUntil(lambda: bool(results), timeout=TIMEOUT)
    panel = EvaluationPanel(worker, world.insp_a.id)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 1, timeout=TIMEOUT)
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0).child(0))
    assert not panel.apply_settings.isEnabled() and "组长" in panel.apply_settings.toolTip()
    dialog = EvaluationEntryDialog(worker, rnd.id, panel)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.items), timeout=TIMEOUT)
    text_row = next(k for k, i in enumerate(dialog.items) if i.kind == "text")
    dialog.table.setCurrentCell(text_row, 2)
    from PySide6.QtGui import QInputMethodEvent

    event = QInputMethodEvent()
    event.setCommitString("加强学习")
    QApplication.sendEvent(dialog.table, event)
    assert dialog.answers[dialog.items[text_row].key] == "加强学习"


def test_the_office_edits_a_template_and_a_bad_one_names_the_part(qtbot, worker, workstation, world):
    from app.ui.evaluation.template_dialog import EvaluationTemplateDialog

    results: list = []
    worker.sign_in(
        workstation.folder, "office", "Demo-2026!", on_done=results.append, on_error=results.append
    )
    qtbot.waitUntil(lambda: bool(results), timeout=TIMEOUT)
    panel = EvaluationPanel(worker, world.insp_a.id)  # the office's first visit installs the library
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.templates.count() == len(library.BUILTIN), timeout=TIMEOUT)
    assert panel.buttons["editTemplate"].isVisible()
    panel.templates.setCurrentIndex(panel.templates.findText("领导干部民主测评表"))
    panel.buttons["editTemplate"].click()
    dialog: EvaluationTemplateDialog = panel.dialog
    qtbot.waitUntil(lambda: "德" in dialog.body.toPlainText(), timeout=TIMEOUT)
    dialog.body.setPlainText(dialog.body.toPlainText().replace('"weight": 20.0', '"weight": -5', 1))
    dialog.save(new=False)
    qtbot.waitUntil(lambda: "权重" in dialog.error.text(), timeout=TIMEOUT)
    dialog.body.setPlainText(dialog.body.toPlainText().replace('"weight": -5', '"weight": 40', 1))
    dialog.save(new=False)
    qtbot.waitUntil(lambda: dialog.saved == 1, timeout=TIMEOUT)
    edited = library.get_template(world.office, dialog.template_id)
    assert edited.form.sections[0].dimensions[0].weight == 40
