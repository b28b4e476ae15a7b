"""补录文字意见: the handwriting of scanned sheets typed in its own screen (issue 21). Three scans are
read; the screen lists their text item, the typist types two and saves with Ctrl+Enter, moving to
the next empty one, and the round's results then carry the typed texts."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt

from app.core.domain.evaluation import forms_print, library, scans, scoring, surveys
from app.core.printing import evaluation_layout as lay
from app.ui.evaluation.panel import EvaluationPanel
from app.ui.evaluation.written_dialog import WrittenTextDialog
from tests.core import omr_synth
from tests.core.eval_support import template_id
from tests.core.org_support import world_fixture  # noqa: F401
from tests.ui.conftest import grab

TIMEOUT = 20000


def test_written_answers_of_scans_typed_and_counted(qtbot, worker, workstation, world, tmp_path):
    library.install_builtins(world.office)
    leader = world.login("leader1")
    survey = surveys.take_copy(leader, world.insp_a.id, template_id(leader, "leadership_people"))
    rnd = surveys.add_round(leader, survey.id, "动员会", "2026-03-03")
    pdf, serials = forms_print.print_forms(leader, rnd.id, 3)
    rng = random.Random(21)
    layout = lay.layout(survey.form)
    pages = omr_synth.render_pages(pdf, 150)
    files = []
    for k in range(3):
        answers = {i.key: i.options[0].key for i in survey.form.choice_items()}
        image, _ = omr_synth.fill_in(pages[k], layout.pages[0], answers, 150, rng)
        path = tmp_path / f"scan{k}.jpg"
        path.write_bytes(omr_synth.scanner(image, rng))
        files.append(str(path))
    results: list = []
    worker.sign_in(
        workstation.folder, "leader1", "Demo-2026!", on_done=results.append, on_error=results.append
    )
    qtbot.waitUntil(lambda: bool(results), timeout=TIMEOUT)
    panel = EvaluationPanel(worker, world.insp_a.id)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 1, timeout=TIMEOUT)
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0).child(0))
    panel.last_import = None
    panel.import_files(rnd.id, files)
    qtbot.waitUntil(lambda: panel.last_import is not None, timeout=60000)
    assert sum(r.read for r in panel.last_import) == 3
    assert panel.buttons["written"].isEnabled()
    panel.buttons["written"].click()
    dialog: WrittenTextDialog = panel.dialog
    qtbot.waitUntil(lambda: dialog.items is not None and not dialog.busy, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: dialog.page_loaded is not None, timeout=TIMEOUT)  # the page to read it from
    assert not dialog.page.pixmap().isNull()
    assert len(dialog.items) == 3 and all(not i.text for i in dialog.items)
    assert "3" in dialog.summary.text()
    first = dialog.current()
    dialog.text.setPlainText("希望多下基层调研。")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.saved == 1 and not dialog.busy, timeout=TIMEOUT)
    assert (
        dialog.current().sheet_id != first.sheet_id and not dialog.current().text
    )  # on to the next empty one
    dialog.text.setPlainText("改进会风文风。")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.saved == 2 and not dialog.busy, timeout=TIMEOUT)
    qtbot.waitUntil(
        lambda: dialog.page.pixmap() is not None and not dialog.page.pixmap().isNull(), timeout=TIMEOUT
    )
    dialog.resize(1280, 800)
    grab(dialog, "written-text-window.png")
    typed = sorted(i.text for i in scans.written_items(leader, rnd.id) if i.text)
    assert typed == ["希望多下基层调研。", "改进会风文风。"]
    _, _, figures = scoring.round_results(leader, rnd.id)
    assert figures.forms == 3 and not figures.shown  # counted; shown from 5 forms (anonymity)
    dialog.close()
