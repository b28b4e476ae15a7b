"""The office's pages of issue 22: 底稿审签 (every team's papers by state, filtered by state and
team), 回头看 (scheduling a proposed look-back into a look-back round's inspection, the earlier
issues in view and a finding linked to one), the team's sign-off chain set in the team dialog, and
the assessment template editor (its JSON checked, the items previewed as a table)."""

from __future__ import annotations

import json
from types import SimpleNamespace

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from app.core.domain.organisation import inspections, teams, terms
from app.core.domain.organisation.terms import RoundKind
from app.core.domain.register import assessment, issue_edits, paper_chain
from app.core.domain.register.assessment import Relation
from app.core.domain.register.issue_record import IssueDraft
from app.core.domain.register.paper_chain import PaperState
from app.ui.org.team_dialog import TeamDialog
from app.ui.register.inspection_tab import make_lookback_tab
from app.ui.register.lookback_page import LookbackPage, TemplateDialog
from app.ui.register.papers_page import PapersPage
from tests.ui.conftest import grab, run_job
from tests.ui.test_register_gui import (  # noqa: F401 - fixtures
    TIMEOUT,
    demo_folder,
    register_demo,
    show,
    signed_in,
    submit,
)


def test_papers_page_lists_every_teams_papers_by_state(qtbot, worker, signed_in):  # noqa: F811
    signed_in("office")
    page = show(qtbot, PapersPage(worker), 1280, 800)
    page.refresh()
    qtbot.waitUntil(lambda: page.rows is not None, timeout=TIMEOUT)
    expected = run_job(qtbot, worker, paper_chain.papers_by_state)
    assert page.model.rowCount() == len(expected) > 0
    states = {r.state for r in expected}
    assert PaperState.ADOPTED in states and states & {PaperState.SUBMITTED, PaperState.REVIEWED}
    teams_shown = {(r.round_number, r.team_name) for r in expected}
    assert page.team.count() == len(teams_shown) + 1 and len(teams_shown) > 1
    page.state.setCurrentIndex(page.state.findData(PaperState.SUBMITTED.value))
    waiting = [r for r in expected if r.state == PaperState.SUBMITTED]
    assert page.proxy.rowCount() == len(waiting) > 0
    team = (waiting[0].round_number, waiting[0].team_name)
    page.team.setCurrentIndex(page.team.findData(f"{team[0]}:{team[1]}"))
    assert page.proxy.rowCount() == sum(1 for r in waiting if (r.round_number, r.team_name) == team)
    assert "待审核" in page.summary.text()
    page.state.setCurrentIndex(0)
    page.team.setCurrentIndex(0)
    grab(page, "paper-states-page.png")


def _look_back_inspection(session, unit_id: str) -> str:
    """A look-back round with a team and an inspection of the unit (the office's organisation work)."""
    term = terms.list_terms(session)[0]
    number = max(r.number for r in terms.list_rounds(session, term.id)) + 1
    rnd = terms.create_round(session, term.id, number, "look_back", starts_on="2027-03-01")
    team = teams.create_team(session, rnd.id, "回头看巡察组")
    users = {
        r["username"]: r["id"]
        for r in session.conn.execute(
            "SELECT id, username FROM users WHERE username IN ('leader2', 'member2')"
        )
    }
    teams.add_member(session, team.id, users["leader2"], "leader")
    teams.add_member(session, team.id, users["member2"], "member")
    return inspections.create_inspection(session, team.id, unit_id, began_on="2027-03-02").id


def _finding(session, inspection_id: str) -> str:
    draft = IssueDraft(title="津贴补贴问题反弹", found_on="2027-03-10", facts="仍在违规发放津贴补贴。")
    return issue_edits.create_issue(session, inspection_id, draft).id


def test_lookback_scheduled_earlier_issues_seen_and_a_finding_linked(qtbot, worker, signed_in):  # noqa: F811
    signed_in("office")
    page = show(qtbot, LookbackPage(worker), 1280, 800)
    page.refresh()
    qtbot.waitUntil(lambda: page.rows is not None and not page.busy, timeout=TIMEOUT)
    assert page.rows, "the demo grades one unit 差, which proposes it"
    row = page.current()
    assert row is not None and not row.lookback.inspection_id
    panel = page.panel
    assert page.button["scheduleButton"].isEnabled() and not panel.link_button.isEnabled()
    assert panel.earlier.rowCount() == 0 and panel.earlier_title.text()  # says how to see them
    look = run_job(qtbot, worker, _look_back_inspection, row.lookback.unit_id)
    qtbot.waitUntil(
        lambda: not page.busy and bool(page.current() and page.current().candidates), timeout=TIMEOUT
    )
    dialog = page.schedule()
    assert dialog.choice.findData(look) >= 0
    dialog.choice.setCurrentIndex(dialog.choice.findData(look))
    submit(qtbot, dialog)
    qtbot.waitUntil(lambda: panel.view is not None and not panel.busy, timeout=TIMEOUT)
    assert not page.button["scheduleButton"].isEnabled()  # scheduled once
    earlier = panel.view.earlier
    assert panel.earlier.rowCount() == len(earlier.issues) > 0 and earlier.grade == "差"
    assert "差" in panel.earlier_title.text()
    finding = run_job(qtbot, worker, _finding, look)
    qtbot.waitUntil(lambda: panel.findings.rowCount() == 1 and not panel.busy, timeout=TIMEOUT)
    panel.findings_table.selectRow(0)
    assert panel.link_button.isEnabled()
    dialog = panel.link()
    target = earlier.issues[0].id
    index = next(
        n for n in range(dialog.choice.count())
        if list(dialog.choice.itemData(n) or []) == [Relation.REBOUND.value, target]
    )  # fmt: skip
    dialog.choice.setCurrentIndex(index)
    submit(qtbot, dialog)
    qtbot.waitUntil(lambda: panel.view.findings[0].relation == Relation.REBOUND, timeout=TIMEOUT)
    by = run_job(qtbot, worker, assessment.findings_by_relation, look)
    assert by[Relation.REBOUND] == [finding]
    assert "问题反弹" in panel.findings.texts(0)[2]
    grab(page, "lookback-page.png")

    # The look-back team sees the same in its inspection's 回头看 tab and links its own findings.
    signed_in("leader2")
    host = _Host(look_back=True)
    tab = make_lookback_tab(worker, look, host)
    # The stand-in parent is only read while the tab is made; pytest-qt keeps weak references, so a
    # parent left to the garbage collector would delete the tab under it before the teardown.
    tab.setParent(None)
    assert make_lookback_tab(worker, row.lookback.earlier_inspection_id, _Host(look_back=False)) is None
    show(qtbot, tab, 1100, 600)
    qtbot.waitUntil(lambda: tab.view is not None and not tab.busy, timeout=TIMEOUT)
    assert [i.id for i in tab.view.earlier.issues] == [i.id for i in earlier.issues]
    tab.findings_table.selectRow(0)
    dialog = tab.link()
    assert list(dialog.choice.itemData(0)) == [Relation.NEW.value, None]  # 新发现问题 comes first
    dialog.choice.setCurrentIndex(0)
    submit(qtbot, dialog)
    qtbot.waitUntil(lambda: tab.view.findings[0].relation == Relation.NEW, timeout=TIMEOUT)
    grab(tab, "lookback-tab.png")


class _Host(QWidget):
    """Stands in for the inspection view: the tab factory reads the round's kind from its detail."""

    def __init__(self, look_back: bool) -> None:
        super().__init__()
        kind = RoundKind.LOOK_BACK if look_back else RoundKind.REGULAR
        self.detail = SimpleNamespace(round=SimpleNamespace(kind=kind))


def test_the_office_sets_a_teams_chain_in_the_team_dialog(qtbot, worker, signed_in):  # noqa: F811
    signed_in("office")
    team = run_job(
        qtbot,
        worker,
        lambda s: s.conn.execute("SELECT id, round_id FROM teams ORDER BY name LIMIT 1").fetchone(),
    )
    dialog = show(qtbot, TeamDialog(worker, team["round_id"], team["id"]), 760, 640)
    qtbot.waitUntil(lambda: dialog.chain_group.isEnabled(), timeout=TIMEOUT)
    assert "Not set" in dialog.chain_state.text() or "尚未设定" in dialog.chain_state.text()
    dialog.chain_combo.setCurrentIndex(dialog.chain_combo.findData(False))
    dialog.chain_button.click()
    qtbot.waitUntil(
        lambda: (
            dialog.chain_group.isEnabled()
            and ("office" in dialog.chain_state.text() or "巡察办已设定" in dialog.chain_state.text())
        ),
        timeout=TIMEOUT,
    )
    assert run_job(qtbot, worker, paper_chain.team_chain, team["id"]) == (False, True)
    grab(dialog, "team-chain-dialog.png")


def test_assessment_template_editor_checks_and_previews(qtbot, worker, signed_in):  # noqa: F811
    signed_in("office")
    dialog = show(qtbot, TemplateDialog(worker), 1000, 600)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.template is not None, timeout=TIMEOUT)
    builtin = assessment.parse_template(assessment.builtin_template_text())
    assert dialog.items.rowCount() == len(builtin.items)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    data = json.loads(dialog.editor.toPlainText())
    scored = next(i for i in data["items"] if not i.get("veto"))
    scored["points"] += 5
    dialog.editor.setPlainText(json.dumps(data, ensure_ascii=False, indent=2))
    assert dialog.template is None and not save.isEnabled() and "100" in dialog.message.text()
    grab(dialog, "assessment-template-invalid.png")
    scored["points"] -= 5
    data["name"] = "整改成效评估（试行）"
    dialog.editor.setPlainText(json.dumps(data, ensure_ascii=False, indent=2))
    assert dialog.template is not None and save.isEnabled()
    grab(dialog, "assessment-template-editor.png")
    save.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    names = [n for n, _ in run_job(qtbot, worker, assessment.stored_templates)]
    assert "整改成效评估（试行）" in names
