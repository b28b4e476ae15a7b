"""整改时限与评估 tab: the deadlines after the feedback, a fact sheet sent and answered, the office's
assessment scored and concluded — all through the page's buttons (deadlines-window.png)."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from app.core.domain.register.fact_confirmation import Answer
from app.ui.register.after_feedback_panel import AfterFeedbackPanel
from tests.ui.conftest import grab, run_job
from tests.ui.test_register_gui import (  # noqa: F401 - fixtures
    TIMEOUT,
    demo_folder,
    first_inspection,
    register_demo,
    show,
    signed_in,
    submit,
)


def _panel(qtbot, worker, inspection_id: str) -> AfterFeedbackPanel:
    panel = show(qtbot, AfterFeedbackPanel(worker, inspection_id), 1280, 800)
    qtbot.waitUntil(lambda: panel.state is not None and not panel.busy, timeout=TIMEOUT)
    return panel


def _step(qtbot, panel, check) -> None:
    qtbot.waitUntil(
        lambda: not panel.busy and panel.state is not None and check(panel.state), timeout=TIMEOUT
    )


def _unconfirmed_round_one(session):
    from app.core.domain.organisation import inspections
    from app.core.domain.register import fact_confirmation

    return next(
        i
        for i in inspections.list_inspections(session)
        if i.round_number == 1 and not fact_confirmation.list_sheets(session, i.id)
    )


def _leader_of(session, inspection_id: str) -> str:
    return session.conn.execute(
        "SELECT u.username FROM inspections i JOIN team_members m ON m.team_id = i.team_id AND m.position = 'leader'"
        " JOIN users u ON u.id = m.user_id WHERE i.id = ?",
        (inspection_id,),
    ).fetchone()["username"]


def _select(table, row: int) -> None:
    table.selectRow(row)


def test_deadlines_facts_and_assessment_in_the_tab(qtbot, worker, signed_in):  # noqa: F811
    signed_in("office")
    ins = run_job(qtbot, worker, _unconfirmed_round_one)  # fed back, no fact sheet yet
    leader = run_job(qtbot, worker, _leader_of, ins.id)
    signed_in(leader)
    panel = _panel(qtbot, worker, ins.id)
    assert len(panel.state.deadlines) == 5 and panel.deadlines.rowCount() == 5
    assert not panel.button["beginAssessmentButton"].isEnabled()  # the office's, not the team's
    before = len(panel.state.facts)
    panel.button["makeSheetButton"].click()
    _step(qtbot, panel, lambda s: len(s.facts) > before)
    new_row = before  # the new sheet's first fact
    _select(panel.facts_table, new_row)
    assert panel.button["markSentButton"].isEnabled() and not panel.button["answerButton"].isEnabled()
    panel.button["markSentButton"].click()
    dialog = panel.dialog
    dialog.on_edit.setText("2026-12-01")
    submit(qtbot, dialog)
    _step(qtbot, panel, lambda s: s.facts[new_row].sheet.sent_on == "2026-12-01")
    _select(panel.facts_table, new_row)
    panel.button["answerButton"].click()
    dialog = panel.dialog
    dialog.choice.setCurrentIndex(dialog.choice.findData(Answer.DISPUTED.value))
    dialog.on_edit.setText("2026-12-03")
    submit(qtbot, dialog)  # a dispute without the unit's explanation: refused in the dialog
    qtbot.waitUntil(lambda: bool(dialog.error_text("text") or dialog.error_text()), timeout=TIMEOUT)
    dialog.text.setPlainText("所涉款项系经批准的加班补助，附审批单。")
    submit(qtbot, dialog)
    _step(qtbot, panel, lambda s: s.facts[new_row].item.answer == Answer.DISPUTED)
    _select(panel.facts_table, new_row)
    assert panel.button["decideButton"].isEnabled()

    signed_in("office")
    panel = _panel(qtbot, worker, ins.id)
    panel.button["beginAssessmentButton"].click()
    _step(qtbot, panel, lambda s: s.assessment is not None)
    _select(panel.scores_table, 1)  # 整改方案
    panel.button["scoreButton"].click()
    dialog = panel.dialog
    dialog.line.setText("4")
    dialog.text.setPlainText("整改方案逾期报送。")
    submit(qtbot, dialog)
    _step(qtbot, panel, lambda s: s.assessment.total == 96)
    panel.button["concludeButton"].click()
    dialog = panel.dialog
    dialog.on_edit.setText("2026-12-05")
    dialog.text.setPlainText("整改总体到位。")
    submit(qtbot, dialog)
    _step(qtbot, panel, lambda s: s.assessment.concluded)
    assert "96" in panel.summary.text() and "好" in panel.summary.text()
    assert not panel.button["scoreButton"].isEnabled()
    panel.form.findChild(QTabWidget, "afterFeedbackTabs").setCurrentIndex(0)
    grab(panel, "deadlines-window.png")
