"""The register GUI driven like a user on a copy of the demo: an issue written up through the form,
signed by the leader (numbered) and refused to a member; only legal status moves offered (and the
core refusing the others); leads hidden from members; the office's close-out and reopening; the
figures page showing the core's numbers; the lazy register filtering and sorting through the core.
"""

from __future__ import annotations

import gc
import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from app.core.domain.organisation import inspections
from app.core.domain.register import (
    evidence,
    figures,
    issue_edits,
    issue_reads,
    issue_record,
    leads,
    rectification_reads,
    register_query,
    workflow,
)
from app.core.domain.register.issue_record import IssueStatus
from app.core.domain.register.rectification_record import RectState
from app.core.domain.register.register_query import RegisterFilter, RegisterSort, RegisterSortKey
from app.core.errors import Conflict, PermissionDenied, UserError
from app.core.store.keyslots import KdfParams
from app.demo.accounts import create_demo
from app.ui.areas import INSPECTION_TABS
from app.ui.org.inspection_view import InspectionView
from app.ui.register import ops
from app.ui.register.dialogs import ActionDialog, EvidenceDialog
from app.ui.register.figures_page import FiguresPage
from app.ui.register.inspection_tab import make_leads_tab
from app.ui.register.issue_dialog import IssueDialog
from app.ui.register.issues_panel import IssuesPanel
from app.ui.register.leads_panel import LeadsPanel
from app.ui.register.rectification_panel import RectificationPanel
from tests.conftest import DEMO_PASSWORD
from tests.ui.conftest import grab, run_job

TIMEOUT = 20000


@pytest.fixture(autouse=True)
def _collect_garbage():
    """Collect after each test, so a Qt ownership bug (a model freed under its view) crashes here."""
    yield
    gc.collect()


@pytest.fixture(scope="session")
def register_demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("register-demo") / "ws"
    create_demo(folder, kdf=KdfParams.fast_for_tests())
    return folder


@pytest.fixture
def demo_folder(register_demo: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    shutil.copytree(register_demo, folder)
    return folder


@pytest.fixture
def signed_in(qtbot, worker, demo_folder):
    def _sign_in(username: str):
        worker.sign_out()
        results: list = []
        worker.sign_in(demo_folder, username, DEMO_PASSWORD, on_done=results.append, on_error=results.append)
        qtbot.waitUntil(lambda: bool(results), timeout=TIMEOUT)
        assert not isinstance(results[0], Exception), results[0]
        return results[0]

    return _sign_in


def first_inspection(qtbot, worker, round_number: int, unit: str | None = None):
    found = run_job(qtbot, worker, inspections.list_inspections)
    return next(i for i in found if i.round_number == round_number and unit in (None, i.unit_name))


def show(qtbot, widget, width: int = 1280, height: int = 760):
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def issues_panel(qtbot, worker, inspection_id: str) -> IssuesPanel:
    panel = show(qtbot, IssuesPanel(worker, inspection_id))
    qtbot.waitUntil(lambda: panel.context is not None and not panel.model.loading, timeout=TIMEOUT)
    return panel


def wait_detail(qtbot, dialog: IssueDialog, check=lambda d: True):
    qtbot.waitUntil(
        lambda: dialog.detail is not None and not dialog.busy and check(dialog.detail), timeout=TIMEOUT
    )
    return dialog.detail


def submit(qtbot, dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


# ---- the working paper: create, cite, review, sign -------------------------------------------------


def test_issue_written_up_signed_by_the_leader_refused_to_a_member(qtbot, worker, signed_in):
    signed_in("member1")
    ins = first_inspection(qtbot, worker, 2)
    panel = issues_panel(qtbot, worker, ins.id)
    before = panel.model.rowCount()
    dialog = panel.new_issue()
    qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT)

    # A missing title is refused beside the field, on the page that holds it.
    dialog.save()
    qtbot.waitUntil(lambda: bool(dialog.error_text("title")), timeout=TIMEOUT)
    assert dialog.detail is None

    dialog.title.setText("公务接待超标准")
    dialog.facts.setPlainText("2026年3月，该单位接待上级检查组，人均餐费超出标准两倍，费用在会议费中列支。")
    dialog.legal_basis.setPlainText("违反《党政机关国内公务接待管理规定》第十条。")
    dialog.lines["amountEdit"].setText("4800")
    dialog.tag_boxes[issue_record.IssueTag.KEY_ATTENTION].setChecked(True)
    scheme = next(s for s in panel.context.schemes if s.role == "primary")
    category = scheme.categories[1]
    dialog.choose_category(category.id, category.children[0].id)
    dialog.save()
    detail = wait_detail(qtbot, dialog)
    issue = detail.issue
    assert issue.title == "公务接待超标准" and issue.number is None
    assert issue.category_id == category.id and issue.subcategory_id == category.children[0].id
    assert issue.amount_fen == 480_000 and issue_record.IssueTag.KEY_ATTENTION in issue.tags
    qtbot.waitUntil(lambda: panel.model.rowCount() == before + 1, timeout=TIMEOUT)

    # Evidence through the picker: a petition of this inspection, then a described item.
    dialog.add_evidence()
    picker = dialog.dialog
    assert isinstance(picker, EvidenceDialog)
    picker.kind.setCurrentIndex(picker.kind.findData(evidence.EvidenceKind.OTHER.value))
    picker.description.setText("接待费用报销凭证复印件")
    submit(qtbot, picker)
    wait_detail(qtbot, dialog, lambda d: len(d.evidence) == 1)
    assert dialog.evidence_model.records[0].label.startswith("证据1")

    dialog.review.setPlainText("事实清楚，定性准确，同意报组长签批。")
    dialog.button["recordReviewButton"].click()
    wait_detail(qtbot, dialog, lambda d: bool(d.issue.review_opinion))

    # A member is not offered the signature, and the core refuses one anyway.
    assert not dialog.button["signButton"].isEnabled()
    dialog.sign()
    qtbot.waitUntil(lambda: bool(dialog.error_text()), timeout=TIMEOUT)
    assert dialog.detail.issue.number is None
    dialog.close()

    # The leader opens it from the register and signs: the number is allocated.
    signed_in("leader1")
    panel = issues_panel(qtbot, worker, ins.id)
    leader_dialog = show(qtbot, IssueDialog(worker, panel.context, issue.id), 860, 720)
    wait_detail(qtbot, leader_dialog)
    assert leader_dialog.button["signButton"].isEnabled()
    leader_dialog.button["signButton"].click()
    signed = wait_detail(qtbot, leader_dialog, lambda d: d.issue.signed).issue
    assert re.fullmatch(r"\[2026\]2巡-\d+组-\d{2}号", signed.number), signed.number
    assert leader_dialog.number_value.text() == signed.number
    # Signed: the date field goes, and its caption with it (no empty "签批日期" left behind).
    assert leader_dialog.signed_on.isHidden()
    assert leader_dialog.form.findChild(QLabel, "signedOnEditLabel").isHidden()
    # Signed: the paper is frozen in the form.
    assert leader_dialog.title.isReadOnly() and leader_dialog.facts.isReadOnly()
    assert not leader_dialog.button["addEvidenceButton"].isEnabled()
    leader_dialog.tabs.setCurrentIndex(3)
    grab(leader_dialog, "register-working-paper.png")


# ---- status moves: only the legal ones offered, the core refusing the rest --------------------------


def busiest_inspection(qtbot, worker):
    """The visible inspection with the most issues."""
    found = run_job(qtbot, worker, inspections.list_inspections)
    counts = {
        i.id: run_job(qtbot, worker, register_query.register_count, RegisterFilter(inspection_id=i.id))
        for i in found
    }
    return next(i for i in found if i.id == max(counts, key=counts.get)), counts


def test_only_legal_moves_are_offered(qtbot, worker, signed_in):
    signed_in("leader1")
    ins, _ = busiest_inspection(qtbot, worker)
    panel = issues_panel(qtbot, worker, ins.id)
    rows = run_job(qtbot, worker, issue_reads.list_issues, ins.id)
    assert len({i.status for i in rows}) >= 3
    for issue in rows:
        dialog = show(qtbot, IssueDialog(worker, panel.context, issue.id), 860, 720)
        detail = wait_detail(qtbot, dialog)
        offered = {
            name
            for name, button in (
                ("substantiate", "verifyButton"),
                ("feed_back", "feedBackButton"),
                ("dismiss", "dismissButton"),
                ("close_transferred", "closeTransferredButton"),
                ("reopen_transferred", "reopenTransferredButton"),
            )
            if not dialog.button[button].isHidden()
        }
        assert offered == set(detail.moves)
        for name in offered:
            assert ops.MOVE_TARGETS[name] in workflow.TRANSITIONS[issue.status], (issue.status, name)
        # The office's moves are never offered to a leader.
        assert not offered & {"close_transferred", "reopen_transferred"}
        dialog.close()
    # An illegal move asked of the core directly is refused.
    closed = next(i for i in rows if i.status not in (IssueStatus.FOUND,))
    assert isinstance(run_job(qtbot, worker, workflow.substantiate, closed.id, "2026-11-01"), Conflict)

    # A fresh issue: substantiate and dismiss are offered; dismissing asks for the reason.
    fresh = run_job(
        qtbot,
        worker,
        issue_edits.create_issue,
        ins.id,
        issue_record.IssueDraft(title="测试问题", found_on="2026-05-20"),
    )
    dialog = show(qtbot, IssueDialog(worker, panel.context, fresh.id), 860, 720)
    detail = wait_detail(qtbot, dialog)
    assert set(detail.moves) == {"substantiate", "dismiss"}
    assert dialog.button["feedBackButton"].isHidden()
    action = dialog.dismiss()
    assert isinstance(action, ActionDialog)
    submit(qtbot, action)
    qtbot.waitUntil(lambda: bool(action.error_text("text")), timeout=TIMEOUT)  # no reason given
    action.text.setPlainText("经核实，相关费用已按规定审批，不构成问题。")
    submit(qtbot, action)
    done = wait_detail(qtbot, dialog, lambda d: d.issue.status == IssueStatus.DISMISSED)
    assert done.moves == [] and dialog.button["verifyButton"].isHidden()
    assert "经核实" in dialog.status_value.text()


# ---- leads: no tab for members, the core refuses them ------------------------------------------------


def test_members_do_not_see_leads(qtbot, worker, signed_in):
    signed_in("member1")
    ins, _ = busiest_inspection(qtbot, worker)
    assert make_leads_tab(worker, ins.id, None) is None
    view = show(qtbot, InspectionView(worker, INSPECTION_TABS))
    view.show_inspection(ins.id)
    qtbot.waitUntil(lambda: view.tabs.count() > 1, timeout=TIMEOUT)
    titles = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    assert "问题" in titles and "信访" in titles and "整改" in titles
    assert "线索" not in titles
    refused = run_job(qtbot, worker, leads.list_leads)
    assert isinstance(refused, PermissionDenied)
    assert {t.key for t in INSPECTION_TABS} >= {"issues", "leads", "petitions", "rectification"}

    # The team's leader sees them, overdue report-backs tinted.
    signed_in("leader1")
    panel = show(qtbot, LeadsPanel(worker, ins.id))
    qtbot.waitUntil(lambda: panel.loaded, timeout=TIMEOUT)
    assert not panel.refused
    assert panel.model.rowCount() == len(
        run_job(qtbot, worker, lambda s: leads.list_leads(s, inspection_id=ins.id))
    )


# ---- rectification: the office's close-out and reopening ---------------------------------------------


def _awaiting_office(qtbot, worker):
    for ins in run_job(qtbot, worker, inspections.list_inspections):
        for issue, rect in run_job(qtbot, worker, rectification_reads.list_for_inspection, ins.id):
            if rect.state == RectState.UNIT_COMPLETED:
                return ins, issue
    raise AssertionError("the demo has an item awaiting the office's verification")


def test_office_closes_out_and_reopens(qtbot, worker, signed_in):
    signed_in("office")
    ins, issue = _awaiting_office(qtbot, worker)
    panel = show(qtbot, RectificationPanel(worker, ins.id))
    qtbot.waitUntil(lambda: panel.loaded, timeout=TIMEOUT)
    panel.select(issue.id)
    qtbot.waitUntil(lambda: panel.current is not None and panel.current.issue.id == issue.id, timeout=TIMEOUT)
    assert panel.action_close.isEnabled() and not panel.action_reopen.isEnabled()
    panel.action_close.trigger()
    dialog = panel.dialog
    dialog.text.setPlainText("经实地核验，整改措施落实到位，同意销号。")
    submit(qtbot, dialog)
    qtbot.waitUntil(
        lambda: panel.current is not None and panel.current.rect.state == RectState.CLOSED, timeout=TIMEOUT
    )
    assert panel.current.issue.status == IssueStatus.CLOSED_OUT
    assert panel.action_reopen.isEnabled() and not panel.action_close.isEnabled()

    panel.action_reopen.trigger()
    dialog = panel.dialog
    submit(qtbot, dialog)
    qtbot.waitUntil(lambda: bool(dialog.error_text("text")), timeout=TIMEOUT)  # a reason is required
    dialog.text.setPlainText("回头看发现问题反弹，重新整改。")
    submit(qtbot, dialog)
    qtbot.waitUntil(
        lambda: panel.current is not None and panel.current.rect.state == RectState.OPEN, timeout=TIMEOUT
    )
    assert panel.current.issue.status == IssueStatus.IN_RECTIFICATION
    assert [e.action.value for e in panel.current.events][-2:] == ["closed", "reopened"]

    # Nobody but the office closes out: not offered to the leader, refused by the core.
    signed_in("leader1")
    found = [
        (candidate, item)
        for candidate in run_job(qtbot, worker, inspections.list_inspections)
        for item in run_job(qtbot, worker, rectification_reads.list_for_inspection, candidate.id)
    ]
    assert found, "the leader's team has an issue fed back to the unit"
    leader_ins, (leader_issue, _) = found[0]
    panel = show(qtbot, RectificationPanel(worker, leader_ins.id))
    qtbot.waitUntil(lambda: panel.loaded and panel.current is not None, timeout=TIMEOUT)
    assert not panel.action_close.isVisible()
    refused = run_job(qtbot, worker, workflow.close_out, leader_issue.id, "2026-11-01", "同意")
    assert isinstance(refused, PermissionDenied)


# ---- figures shown are the core's ---------------------------------------------------------------------


def test_figures_page_shows_the_core_numbers(qtbot, worker, signed_in):
    signed_in("office")
    page = show(qtbot, FiguresPage(worker), 1280, 900)
    page.refresh()
    qtbot.waitUntil(lambda: page.figures is not None, timeout=TIMEOUT)
    fig = run_job(qtbot, worker, figures.compute, page.current_scope())
    shown = {key: label.text() for key, label in page.kpis.items()}
    assert shown["issues_found"] == str(fig.issues_found)
    assert shown["leads_transferred"] == str(fig.leads.transferred)
    assert shown["cases_opened"] == str(fig.leads.cases_opened)
    assert shown["sanctions"] == str(fig.leads.sanctions)
    assert shown["organisational_handling"] == str(fig.leads.organisational_handling)
    assert shown["rectification_done"] == str(fig.rectification_done)
    assert shown["rectification_open"] == str(fig.rectification_open)
    assert shown["rectification_overdue"] == str(fig.rectification_overdue)
    assert shown["close_out_rate"] == f"{fig.close_out_rate * 100:.1f}%"
    assert shown["units_covered"] == f"{fig.units_covered}/{fig.units_total}"
    assert [b.value for b in page.by_category.bars] == [c.count for c in fig.by_category]
    assert sum(b.value for b in page.by_category.bars) == fig.issues_found
    assert fig.issues_found > 0 and fig.rectification_items > 0
    grab(page, "figures-window.png")

    # A narrower scope: a unit's figures.
    unit_choice = next(c for c in page.scopes.choices if c.scope.unit_id)
    page.set_scope(unit_choice.scope)
    qtbot.waitUntil(
        lambda: page.figures is not None and page.figures.scope == unit_choice.scope, timeout=TIMEOUT
    )
    unit_fig = run_job(qtbot, worker, figures.compute, unit_choice.scope)
    assert page.kpis["issues_found"].text() == str(unit_fig.issues_found)

    # A member sees no lead figures.
    signed_in("member1")
    page = show(qtbot, FiguresPage(worker), 1280, 900)
    page.refresh()
    qtbot.waitUntil(lambda: page.figures is not None, timeout=TIMEOUT)
    assert page.figures.leads is None and page.kpis["leads_transferred"].text() == "—"


# ---- the lazy register: filters and sort are the core's -------------------------------------------------


def test_register_filters_and_sorts_through_the_core(qtbot, worker, signed_in):
    signed_in("office")
    ins, counts = busiest_inspection(qtbot, worker)  # a register worth looking at
    panel = issues_panel(qtbot, worker, ins.id)
    assert panel.model.rowCount() == counts[ins.id]
    assert panel.count.text() == f"{counts[ins.id]} 个问题"

    panel.status.setCurrentIndex(panel.status.findData(IssueStatus.IN_RECTIFICATION.value))
    want = run_job(
        qtbot,
        worker,
        register_query.register_count,
        RegisterFilter(inspection_id=ins.id, statuses=("in_rectification",)),
    )
    qtbot.waitUntil(lambda: not panel.model.loading and panel.model.rowCount() == want, timeout=TIMEOUT)
    assert all(r.status == IssueStatus.IN_RECTIFICATION for r in panel.model.loaded_rows())
    panel.status.setCurrentIndex(0)
    qtbot.waitUntil(
        lambda: not panel.model.loading and panel.model.rowCount() == counts[ins.id], timeout=TIMEOUT
    )

    # Sorting by the header asks the core.
    panel.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    expected = run_job(
        qtbot,
        worker,
        register_query.register_page,
        RegisterFilter(inspection_id=ins.id),
        RegisterSort(RegisterSortKey.TITLE, True),
    )
    qtbot.waitUntil(
        lambda: (
            not panel.model.loading and [r.id for r in panel.model.loaded_rows()] == [r.id for r in expected]
        ),
        timeout=TIMEOUT,
    )
    panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: not panel.model.loading, timeout=TIMEOUT)

    # Overdue rows stand out.
    overdue_rows = [k for k, r in enumerate(panel.model.loaded_rows()) if r.overdue]
    if overdue_rows:
        brush = panel.model.index(overdue_rows[0], 1).data(Qt.ItemDataRole.BackgroundRole)
        assert brush is not None and brush.color().name() == "#f9d6d5"
    panel.text.setText("违规")
    want = run_job(
        qtbot, worker, register_query.register_count, RegisterFilter(inspection_id=ins.id, text="违规")
    )
    qtbot.waitUntil(lambda: not panel.model.loading and panel.model.rowCount() == want, timeout=TIMEOUT)
    panel.text.clear()
    qtbot.waitUntil(
        lambda: not panel.model.loading and panel.model.rowCount() == counts[ins.id], timeout=TIMEOUT
    )
    # The screenshot: everything the office sees (the whole term), overdue rows tinted.
    panel.table.setColumnHidden(8, False)
    panel.model.reload(RegisterFilter())
    qtbot.waitUntil(
        lambda: not panel.model.loading and panel.model.rowCount() > counts[ins.id], timeout=TIMEOUT
    )
    panel.table.selectRow(1)
    grab(panel, "register-window.png")
    assert not isinstance(panel.model.index(0, 0).data(), UserError)


# ---- issue 17: lists that follow changes, actions that say why not ----------------------------------


def test_the_lead_dialog_lists_an_issue_registered_meanwhile(qtbot, worker, signed_in):
    from app.core.domain.register import issue_edits
    from app.ui.register.dialogs import LeadDialog

    signed_in("leader1")
    ins, _ = busiest_inspection(qtbot, worker)
    picks = run_job(qtbot, worker, ops.inspection_issues, ins.id)
    dialog = show(qtbot, LeadDialog(worker, ins.id, picks), 700, 560)
    dialog.issues.item(0).setCheckState(Qt.CheckState.Checked)
    draft = issue_record.IssueDraft(title="新登记的问题（线索对话框打开时）", found_on="2026-09-20")
    run_job(qtbot, worker, issue_edits.create_issue, ins.id, draft)  # its change notice follows
    qtbot.waitUntil(lambda: dialog.issues.count() == len(picks) + 1, timeout=TIMEOUT)
    texts = [dialog.issues.item(i).text() for i in range(dialog.issues.count())]
    assert any("新登记的问题" in t for t in texts)
    assert dialog.issues.item(0).checkState() == Qt.CheckState.Checked  # the ticks stay
    dialog.close()


def test_greyed_out_rectification_actions_say_why(qtbot, worker, signed_in):
    signed_in("leader1")
    ins = next(
        i
        for i in run_job(qtbot, worker, inspections.list_inspections)
        if run_job(qtbot, worker, rectification_reads.list_for_inspection, i.id)
    )
    panel = show(qtbot, RectificationPanel(worker, ins.id))
    qtbot.waitUntil(lambda: panel.loaded and panel.current is not None, timeout=TIMEOUT)
    for action in (panel.action_completion, panel.action_edit_measure, panel.action_evidence):
        if not action.isEnabled():
            assert "：" in action.toolTip() and len(action.toolTip().split("：", 1)[1]) > 3, action.text()
    assert not panel.action_close.isVisible() or "巡察办" in panel.action_close.toolTip()
    panel.measures_table.clearSelection()
    panel._enable()
    assert not panel.action_edit_measure.isEnabled()
    assert "请先选择一项整改措施" in panel.action_edit_measure.toolTip()


def test_the_evidence_list_names_each_cited_record(qtbot, worker, signed_in):
    """Issue 17: the evidence list says which talk or excerpt each item is (kind and number)."""
    signed_in("leader1")

    def cited(session):
        for ins in inspections.list_inspections(session):
            for i in issue_reads.list_issues(session, ins.id):
                kinds = {e.kind for e in evidence.list_evidence(session, i.id)}
                if "talk" in kinds and ("excerpt" in kinds or "petition" in kinds):
                    return ins.id, i.id
        raise AssertionError("the demo has no issue citing a talk and another record")

    inspection_id, issue_id = run_job(qtbot, worker, cited)
    panel = issues_panel(qtbot, worker, inspection_id)
    dialog = show(qtbot, IssueDialog(worker, panel.context, issue_id), 860, 720)
    detail = wait_detail(qtbot, dialog)
    model = dialog.evidence_model
    column = next(
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "证据来源"
    )
    shown = [model.index(r, column).data() for r in range(model.rowCount())]
    for e, text in zip(detail.evidence, shown, strict=True):
        assert text == e.source and text.startswith(e.kind.label), (text, e)
        if e.kind == "talk":
            number = run_job(
                qtbot,
                worker,
                lambda s, ref=e.ref_id: s.conn.execute(
                    "SELECT number FROM talks WHERE id = ?", (ref,)
                ).fetchone()[0],
            )
            assert re.fullmatch(rf"谈话记录 第{number}号（.+）", text), text
        elif e.kind == "excerpt":
            assert re.fullmatch(r"资料摘录 摘录\d{3}（调阅资料第\d+项 .+）", text), text
        elif e.kind == "petition":
            assert re.fullmatch(r"信访件 \d{4}-\d{2}-\d{2}收到", text), text
    dialog.close()
