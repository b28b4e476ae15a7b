"""The sign-off chain in the working paper dialog: submit, sign over a note with a reason, adopt."""

from __future__ import annotations

from app.core.domain.register import evidence, issue_edits, paper_chain
from app.core.domain.register.paper_chain import PaperState
from app.ui.register.issue_dialog import IssueDialog
from app.ui.register.issue_paper import CHAIN_BUTTONS
from tests.core.issue_support import draft
from tests.ui.conftest import grab, run_job
from tests.ui.test_register_gui import (  # noqa: F401 - fixtures
    TIMEOUT,
    demo_folder,
    first_inspection,
    issues_panel,
    register_demo,
    show,
    signed_in,
    wait_detail,
)


def _buttons(dialog) -> set[str]:
    return {a for a, name in CHAIN_BUTTONS.items() if dialog.button[name].isEnabled()}


def _new_paper(session, inspection_id: str) -> str:
    issue = issue_edits.create_issue(session, inspection_id, draft("公务用车私用", found_by=""))
    evidence.add_evidence(session, issue.id, "other", description="车辆使用登记表")
    return issue.id


def test_a_paper_goes_through_the_chain_in_its_dialog(qtbot, worker, signed_in):  # noqa: F811
    signed_in("office")  # this team's papers pass no deputy (the office's setting): two steps
    ins = first_inspection(qtbot, worker, 2)
    run_job(qtbot, worker, lambda s: paper_chain.set_team_chain(s, ins.team_id, with_deputy=False))
    signed_in("member1")
    issue_id = run_job(qtbot, worker, _new_paper, ins.id)
    panel = issues_panel(qtbot, worker, ins.id)
    dialog = show(qtbot, IssueDialog(worker, panel.context, issue_id), 1000, 760)
    detail = wait_detail(qtbot, dialog)
    assert detail.chain.state == PaperState.DRAFT and _buttons(dialog) == {"submit"}
    assert "未填写问题来源" in dialog.chain_gaps.text()
    dialog.chain_opinion.setPlainText("请组长审签。")
    dialog.button["submitPaperButton"].click()
    wait_detail(qtbot, dialog, lambda d: d.chain.state == PaperState.SUBMITTED)
    assert _buttons(dialog) == set() and dialog.chain_opinion.toPlainText() == ""
    assert dialog.chain_model.rowCount() == 1
    dialog.close()

    signed_in("leader1")
    panel = issues_panel(qtbot, worker, ins.id)
    dialog = show(qtbot, IssueDialog(worker, panel.context, issue_id), 1000, 760)
    wait_detail(qtbot, dialog)
    assert {"sign", "return"} <= _buttons(dialog)
    dialog.tabs.setCurrentWidget(dialog.form.findChild(type(dialog.tabs.widget(0)), "chainPage"))
    dialog.chain_date.setText("2026-03-13")
    dialog.button["chainSignButton"].click()  # a note and no reason: refused, beside the box
    qtbot.waitUntil(lambda: "请填写理由" in dialog.error_text("opinion"), timeout=TIMEOUT)
    assert dialog.detail.chain.state == PaperState.SUBMITTED
    dialog.chain_opinion.setPlainText("问题来源为群众来信，已在事实中写明。")
    dialog.button["chainSignButton"].click()
    wait_detail(qtbot, dialog, lambda d: d.chain.state == PaperState.SIGNED)
    assert dialog.detail.issue.number and _buttons(dialog) == {"adopt"}
    dialog.chain_date.setText("2026-03-16")
    dialog.chain_opinion.setPlainText("经组务会研究，同意。")
    dialog.button["adoptPaperButton"].click()
    wait_detail(qtbot, dialog, lambda d: d.chain.state == PaperState.ADOPTED)
    assert dialog.chain_model.rowCount() == 4  # submit, override, sign, adopt
    assert dialog.detail.chain.steps[2].opinion == ""  # the reason went to the override step
    assert dialog.chain_state.text().startswith("已审定")
    grab(dialog, "paper-sign-off-window.png")
