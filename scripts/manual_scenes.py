"""The scenes of the user manual's pictures: which window, in which state, under which file name.

Called by scripts/manual_screenshots.py (which records the forms each picture shows). Each scene
opens a real window of the application on the demo workstation and hands it to `shots.grab`.
Main windows are 1280×800; dialogs keep about the size they open at.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QTabWidget, QWidget, QWizard

from app.core.store.keyslots import KdfParams
from app.core.workstation import Workstation
from app.demo.accounts import DEMO_PASSWORD, create_demo
from app.ui.db_worker import DbWorker
from app.ui.main_window import MainWindow
from app.ui.manual_viewer import ManualPreviewDialog
from app.ui.printing.preview import PrintPreviewDialog
from app.ui.unlock_window import UnlockWindow
from scripts.manual_wait import HEIGHT, WIDTH, settle, wait

SETUP_NAMES = {"sysadmin": "王系统", "secadmin": "李保密", "auditor": "赵审计", "office": "陈巡办"}
SETUP_PASSWORD = "Xt!2026-manual"


def _demo(scratch: Path, reuse: Path | None) -> Path:
    folder = scratch / "demo"
    if reuse is not None:
        shutil.copytree(reuse, folder)
    else:
        print("building the demo workstation…")
        create_demo(folder, kdf=KdfParams.fast_for_tests())
    return folder


def _sign_in(worker: DbWorker, folder: Path, username: str):
    results: list = []
    worker.sign_in(folder, username, DEMO_PASSWORD, on_done=results.append, on_error=results.append)
    wait(lambda: bool(results), f"signing in as {username}")
    if isinstance(results[0], Exception):
        raise results[0]
    return results[0]


def _sign_out(worker: DbWorker) -> None:
    done: list = []
    worker.sign_out(on_done=done.append, on_error=done.append)
    wait(lambda: bool(done), "signing out")


def _show(window) -> None:
    window.resize(WIDTH, HEIGHT)
    window.show()
    settle(1.5)


def _top(cls) -> QWidget | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()]
    return found[-1] if found else None


def _manual_shown() -> bool:
    dialog = _top(ManualPreviewDialog)
    return dialog is not None and dialog.page_count() > 0 and dialog.rendered_pages == dialog.page_count()


def _preview_shown() -> bool:
    dialog = _top(PrintPreviewDialog)
    return dialog is not None and dialog.page_count() > 0 and dialog.rendered_pages == dialog.page_count()


def _close_dialogs() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.close()
    settle(0.3)


# ---- the demo's busiest inspection ----------------------------------------------------------------
def _busiest(folder: Path, inspection_id: str | None = None) -> dict:
    """An inspection (by default the demo's with the most talks), its tree path, a talk and an issue."""
    office = Workstation(folder).unlock("office", DEMO_PASSWORD)
    try:
        conn = office.conn
        if inspection_id is None:
            # The one with the most rectification items (then talks): its every tab has something.
            inspection_id = conn.execute(
                "SELECT i.id FROM inspections i JOIN units u ON u.id = i.unit_id ORDER BY"
                " (SELECT count(*) FROM rectifications r JOIN issues s ON s.id = r.issue_id"
                "  WHERE s.inspection_id = i.id) DESC,"
                " (SELECT count(*) FROM talks t WHERE t.inspection_id = i.id) DESC, u.name LIMIT 1"
            ).fetchone()[0]
        row = conn.execute(
            "SELECT r.term_id AS term_id, i.round_id AS round_id, i.team_id AS team_id, i.id AS id"
            " FROM inspections i JOIN rounds r ON r.id = i.round_id WHERE i.id = ?",
            (inspection_id,),
        ).fetchone()
        talk = (
            conn.execute(
                "SELECT id FROM talks WHERE inspection_id = ? AND status = 'recorded' ORDER BY doc_no LIMIT 1",
                (inspection_id,),
            ).fetchone()
            or conn.execute(
                "SELECT id FROM talks WHERE inspection_id = ? ORDER BY doc_no DESC LIMIT 1", (inspection_id,)
            ).fetchone()
        )
        return {
            "path": [row["term_id"], row["round_id"], row["team_id"], row["id"]],
            "talk": talk["id"] if talk else None,
        }
    finally:
        office.close()


def _own_busiest(worker: DbWorker) -> str:
    """The signed-in user's inspection with talks in the most states (the demo's leader1 has one)."""
    from app.core.domain.talks import queries as talk_queries

    results: list = []
    worker.submit(talk_queries.list_talks, on_done=results.append, on_error=results.append)
    wait(lambda: bool(results), "the user's talks")
    if isinstance(results[0], Exception):
        raise results[0]
    states: dict[str, set] = {}
    for talk in results[0]:
        states.setdefault(talk.inspection_id, set()).add(talk.status)
    return max(states, key=lambda i: len(states[i]))


def _open_inspection(window: MainWindow, path: list[str]) -> QTabWidget:
    ws = window.content
    wait(lambda: ws.model.root.state == "loaded", "the navigation")
    ws.select_path(path)
    view = ws.inspection_view
    wait(lambda: view.detail is not None and view.inspection_id == path[-1], "the inspection")
    wait(lambda: view.tabs.count() >= 4, "the inspection's tabs")
    settle(0.5)
    return view.tabs


def _tab(tabs: QTabWidget, title: str) -> QWidget:
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == title)
    tabs.setCurrentIndex(index)
    settle(1.5)
    return tabs.widget(index)


def _page(window: MainWindow, title: str) -> QWidget:
    pages: QTabWidget = window.content.pages
    index = next(i for i in range(pages.count()) if pages.tabText(i) == title)
    pages.setCurrentIndex(index)
    settle(1.5)
    return pages.widget(index)


# ---- the scenes ----------------------------------------------------------------------------------
def _setup_scenes(shots, worker: DbWorker, scratch: Path) -> None:
    from app.ui.setup_wizard import SetupWizard

    names = ("setup-organisation.png", "setup-account.png", "setup-recovery.png")
    if not any(shots.wanted(n) for n in names):
        return
    wizard = SetupWizard(worker, scratch / "new-ws", kdf=KdfParams.fast_for_tests())
    wizard.resize(640, 460)
    wizard.show()
    settle(0.8)
    wizard.currentPage().org_name.setText("中共某市委巡察工作领导小组办公室")
    settle(0.3)
    if shots.wanted("setup-organisation.png"):
        shots.grab("setup-organisation.png", wizard)
    wizard.next()
    for page, username in zip(
        wizard.account_pages, ["sysadmin", "secadmin", "auditor", "office"], strict=True
    ):
        page.username.setText(username)
        page.display_name.setText(SETUP_NAMES[username])
        page.password.setText(SETUP_PASSWORD)
        page.confirm.setText(SETUP_PASSWORD)
        settle(0.3)
        if username == "sysadmin" and shots.wanted("setup-account.png"):
            shots.grab("setup-account.png", wizard)
        wizard.next()
    wizard.button(QWizard.WizardButton.CommitButton).click()
    wait(lambda: wizard.currentPage() is wizard.recovery_page, "creating the workstation")
    settle(0.5)
    if shots.wanted("setup-recovery.png"):
        shots.grab("setup-recovery.png", wizard)
    wizard.hide()
    wizard.deleteLater()
    settle(0.3)


def _unlock_scenes(shots, worker: DbWorker, folder: Path) -> None:
    if not (shots.wanted("unlock.png") or shots.wanted("recovery.png")):
        return
    window = UnlockWindow(worker, folder, demo=True)
    window.resize(720, 520)
    window.show()
    settle(1.0)
    if shots.wanted("unlock.png"):
        shots.grab("unlock.png", window)
    if shots.wanted("recovery.png"):
        dialog = window.open_recovery()
        settle(0.8)
        shots.grab("recovery.png", dialog)
        dialog.close()
    window.close()
    settle(0.3)


def _office_scenes(shots, worker: DbWorker, folder: Path, busiest: dict) -> None:
    user = _sign_in(worker, folder, "office")
    window = MainWindow(worker, folder, user)
    _show(window)
    try:
        if shots.wanted("main-office.png"):
            shots.grab("main-office.png", window)
        if shots.wanted("coverage.png"):
            _page(window, "全覆盖")
            shots.grab("coverage.png", window)
        if shots.wanted("open-items.png"):
            _page(window, "整改督办")
            shots.grab("open-items.png", window)
        if shots.wanted("figures.png"):
            _page(window, "统计")
            settle(1.5)
            shots.grab("figures.png", window)
        if shots.wanted("paper-states.png"):
            _page(window, "底稿审签")
            shots.grab("paper-states.png", window)
        if shots.wanted("lookback.png") or shots.wanted("assessment-template.png"):
            _lookback_scenes(shots, worker, window)
        if shots.wanted("team-chain.png"):
            _team_chain_scene(shots, worker, window)
        _page(window, "巡察工作")
        if shots.wanted("evaluation.png") or shots.wanted("evaluation-entry.png"):
            _evaluation_scenes(shots, worker, window, folder)
        tabs = _open_inspection(window, busiest["path"])
        if shots.wanted("inspection.png"):
            shots.grab("inspection.png", window)
        if shots.wanted("after-feedback.png"):
            panel = _tab(tabs, "整改时限与评估")
            wait(lambda: panel.state is not None and not panel.busy, "the deadlines")
            settle(0.5)
            shots.grab("after-feedback.png", window)
        if shots.wanted("rectification.png"):
            panel = _tab(tabs, "整改")
            _select_first_table_row(panel)
            shots.grab("rectification.png", window)
        official_shots = ("official.png", "official-editor.png", "official-copies.png", "official-print.png")
        if any(shots.wanted(n) for n in official_shots):
            _official_scenes(shots, worker, window, _tab(tabs, "公文"))
        if shots.wanted("sheets.png"):
            _tab(tabs, "台账导出")
            shots.grab("sheets.png", window)
        if shots.wanted("lock.png"):
            window.lock("manual")
            wait(lambda: window.locked, "the lock page")
            settle(1.0)
            shots.grab("lock.png", window)
        if shots.wanted("manual-preview.png"):
            window.open_manual()
            wait(_manual_shown, "the manual preview")
            dialog = _top(ManualPreviewDialog)
            dialog.resize(1000, 760)
            dialog.go_to_page(3)
            settle(1.0)
            shots.grab("manual-preview.png", dialog, extra_forms=("printing_preview.ui",))
            dialog.close()
    finally:
        _close_dialogs()
        window.close()
        settle(0.3)
        _sign_out(worker)


def _look_back_round(session) -> None:
    """What the office does before a look-back: a look-back round with a team and an inspection of the
    proposed unit, the look-back scheduled into it, and a finding of that team linked to an earlier issue."""
    from app.core.domain.organisation import inspections, teams, terms
    from app.core.domain.register import assessment, issue_edits
    from app.core.domain.register.issue_record import IssueDraft

    (proposal, *_) = assessment.lookbacks(session)
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
    look = inspections.create_inspection(session, team.id, proposal.unit_id, began_on="2027-03-02")
    assessment.schedule_lookback(session, proposal.id, look.id)
    earlier = assessment.earlier_view(session, look.id)
    for n, (title, relation) in enumerate(
        [
            ("上轮反馈问题整改后又出现反弹", "rebound"),
            ("整改措施未落实到位", "incomplete"),
            ("新发现：会议费列支接待费", "new"),
        ]
    ):
        draft = IssueDraft(title=title, found_on="2027-03-12", facts=f"{title}（回头看发现）。")
        finding = issue_edits.create_issue(session, look.id, draft)
        target = earlier.issues[min(n, len(earlier.issues) - 1)].id if relation != "new" else None
        assessment.link_finding(session, finding.id, relation, target)


def _lookback_scenes(shots, worker: DbWorker, window: MainWindow) -> None:
    _run(worker, _look_back_round, "the look-back round")
    page = _page(window, "回头看")
    page.refresh()
    wait(lambda: page.panel.view is not None and not page.panel.busy, "the earlier inspection")
    page.panel.findings_table.selectRow(0)
    settle(0.8)
    if shots.wanted("lookback.png"):
        shots.grab("lookback.png", window)
    if shots.wanted("assessment-template.png"):
        dialog = page.edit_template()
        wait(lambda: not dialog.busy and dialog.template is not None, "the assessment template")
        dialog.resize(1100, 640)
        settle(0.8)
        shots.grab("assessment-template.png", dialog)
        dialog.close()
        settle(0.3)


def _team_chain_scene(shots, worker: DbWorker, window: MainWindow) -> None:
    from app.ui.org.team_dialog import TeamDialog

    team = _run(
        worker,
        lambda s: s.conn.execute(
            "SELECT t.id, t.round_id FROM teams t JOIN rounds r ON r.id = t.round_id WHERE r.kind != 'look_back'"
            " ORDER BY r.number DESC, t.name LIMIT 1"
        ).fetchone(),
        "a team",
    )
    dialog = TeamDialog(worker, team["round_id"], team["id"], window)
    dialog.resize(760, 640)
    dialog.show()
    wait(lambda: dialog.chain_group.isEnabled(), "the team's chain")
    settle(0.8)
    shots.grab("team-chain.png", dialog)
    dialog.close()
    settle(0.3)


def _evaluation_scenes(shots, worker: DbWorker, window: MainWindow, folder: Path) -> None:
    """The demo's evaluation round (round 1's first inspection): the tab, then the keyboard entry."""
    inspection_id = _run(
        worker,
        lambda s: s.conn.execute("SELECT inspection_id FROM eval_surveys LIMIT 1").fetchone()[0],
        "the survey",
    )
    tabs = _open_inspection(window, _busiest(folder, inspection_id)["path"])
    panel = _tab(tabs, "民主测评")
    wait(lambda: panel.tree.topLevelItemCount() > 0, "the surveys")
    panel.tree.expandAll()
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0).child(0))
    settle(0.8)
    if shots.wanted("evaluation.png"):
        shots.grab("evaluation.png", window)
    if shots.wanted("evaluation-entry.png"):
        panel.buttons["entry"].click()
        dialog = panel.dialog
        wait(lambda: bool(dialog.items), "the entry screen")
        dialog.resize(1000, 700)
        settle(0.8)
        shots.grab("evaluation-entry.png", dialog)
        dialog.close()
        settle(0.3)


def _run(worker: DbWorker, fn, what: str):
    """Run one core operation on the database worker and wait for its result."""
    results: list = []
    worker.submit(
        fn, on_done=lambda r: results.append(("ok", r)), on_error=lambda e: results.append(("error", e))
    )
    wait(lambda: bool(results), what)
    kind, value = results[0]
    if kind == "error":
        raise value
    return value


def _official_scenes(shots, worker: DbWorker, window: MainWindow, panel) -> None:
    """The feedback letter assembled from the records, saved, two sealed copies registered."""
    from app.core.official import copies
    from app.core.official.kinds import DocKind

    index = panel.kind_combo.findData(DocKind.FEEDBACK_LETTER)
    panel.kind_combo.setCurrentIndex(max(index, 0))
    settle(0.3)
    panel.new_document()
    wait(lambda: getattr(panel, "editor", None) is not None and panel.editor.isVisible(), "the editor")
    editor = panel.editor
    editor.resize(1100, 760)
    settle(1.0)
    if shots.wanted("official-editor.png"):
        shots.grab("official-editor.png", editor)
    editor.save()
    wait(lambda: not editor.isVisible(), "saving the document")
    wait(lambda: panel.view.model() is not None and panel.view.model().rowCount() > 0, "the saved document")
    panel.view.selectRow(0)
    settle(0.5)
    doc = panel.current()
    _run(
        worker,
        lambda s: copies.print_copies(
            s, doc.id, 2, recipients=["市委巡察工作领导小组", "市委巡察办"], seal=True, action="print"
        ),
        "registering two copies",
    )
    settle(1.0)
    if shots.wanted("official.png"):
        shots.grab("official.png", window)
    if shots.wanted("official-copies.png"):
        panel.show_copies()
        dialog = panel.copies_dialog
        dialog.resize(1000, 520)
        settle(1.5)
        shots.grab("official-copies.png", dialog)
        dialog.close()
        settle(0.3)
    if shots.wanted("official-print.png"):
        from app.core.official import copy_preview

        version = doc.current_version
        dialog = PrintPreviewDialog.show_for(
            worker,
            window,
            title=f"{doc.kind.label} — {doc.title}",
            preview=lambda s: copy_preview.preview_first_copy(s, doc.id, version, seal=True),
            copies=lambda s, n, action: ([], []),
            classification=doc.classification,
            file_name="preview.pdf",
        )
        wait(_preview_shown, "the sealed copy's preview")
        dialog.resize(1000, 760)
        settle(1.5)
        shots.grab("official-print.png", dialog, extra_forms=("printing_preview.ui",))
        dialog.close()
        settle(0.3)


def _select_first_table_row(panel: QWidget) -> None:
    from PySide6.QtWidgets import QTableView, QTreeView

    for view in panel.findChildren(QTableView) + panel.findChildren(QTreeView):
        if view.isVisible() and view.model() is not None and view.model().rowCount() > 0:
            view.setCurrentIndex(view.model().index(0, 0))
            if isinstance(view, QTableView):
                view.selectRow(0)
            settle(1.0)
            return


def _leader_scenes(shots, worker: DbWorker, folder: Path) -> None:
    user = _sign_in(worker, folder, "leader1")
    window = MainWindow(worker, folder, user)
    _show(window)
    try:
        busiest = _busiest(folder, _own_busiest(worker))
        if shots.wanted("main-leader.png"):
            shots.grab("main-leader.png", window)
        tabs = _open_inspection(window, busiest["path"])
        if shots.wanted("talks.png") or shots.wanted("talk-editor.png") or shots.wanted("talk-print.png"):
            panel = _tab(tabs, "谈话")
            if shots.wanted("talks.png"):
                shots.grab("talks.png", window)
            if busiest["talk"] is not None:
                panel.open_talk(busiest["talk"])
                wait(lambda: panel.editor is not None and panel.editor.talk is not None, "the talk editor")
                settle(1.0)
                if shots.wanted("talk-editor.png"):
                    shots.grab("talk-editor.png", window)
                if shots.wanted("talk-print.png"):
                    panel.editor.print_preview()
                    wait(_preview_shown, "the talk record's print preview")
                    dialog = _top(PrintPreviewDialog)
                    dialog.resize(1000, 760)
                    settle(1.5)
                    shots.grab("talk-print.png", dialog)
                    dialog.close()
                    settle(0.3)
        if shots.wanted("review.png"):
            panel = _tab(tabs, "调阅资料")
            _select_first_table_row(panel)
            shots.grab("review.png", window)
        if shots.wanted("issues.png") or shots.wanted("issue-paper.png") or shots.wanted("issue-chain.png"):
            panel = _tab(tabs, "问题")
            wait(lambda: panel.table.model() is not None and panel.table.model().rowCount() > 0, "the issues")
            settle(0.5)
            if shots.wanted("issues.png"):
                shots.grab("issues.png", window)
            if shots.wanted("issue-chain.png"):
                _issue_chain_scene(shots, worker, panel, busiest["path"][-1])
            if shots.wanted("issue-paper.png"):
                panel.table.selectRow(0)
                settle(0.3)
                dialog = panel.open_issue()
                settle(2.0)
                dialog.resize(1000, 760)
                settle(1.0)
                shots.grab("issue-paper.png", dialog)
                dialog.close()
                settle(0.3)
        if shots.wanted("leads.png"):
            panel = _tab(tabs, "线索")
            _select_first_table_row(panel)
            shots.grab("leads.png", window)
        if shots.wanted("petitions.png"):
            panel = _tab(tabs, "信访")
            _select_first_table_row(panel)
            shots.grab("petitions.png", window)
        for title, name in (
            ("巡前情况通报", "briefings.png"),
            ("巡察工作方案", "work-plan.png"),
            ("谈话计划", "talk-plan.png"),
            ("会议", "meetings.png"),
            ("巡察日志", "team-log.png"),
        ):
            if shots.wanted(name):
                panel = _tab(tabs, title)
                _select_first_table_row(panel)
                shots.grab(name, window)
    finally:
        _close_dialogs()
        window.close()
        settle(0.3)
        _sign_out(worker)


def _issue_chain_scene(shots, worker: DbWorker, panel, inspection_id: str) -> None:
    """The 审签流程 page of a paper that waits for the leader (the deputy has reviewed it)."""
    from app.core.domain.register import paper_chain
    from app.core.domain.register.paper_chain import PaperState

    papers = _run(worker, lambda s: paper_chain.papers_by_state(s, inspection_id), "the papers")
    waiting = next(
        (p for p in papers if p.state == PaperState.REVIEWED),
        next((p for p in papers if p.state != PaperState.ADOPTED), papers[0]),
    )
    dialog = panel._open_dialog(waiting.issue_id)
    wait(lambda: dialog.detail is not None and not dialog.busy, "the working paper")
    dialog.resize(1000, 760)
    dialog.tabs.setCurrentWidget(dialog.tabs.findChild(QWidget, "chainPage"))
    settle(1.0)
    shots.grab("issue-chain.png", dialog)
    dialog.close()
    settle(0.3)


def _admin_scene(shots, worker: DbWorker, folder: Path, username: str, name: str) -> None:
    if not shots.wanted(name) and not (username == "sysadmin" and shots.wanted("restore-password.png")):
        return
    user = _sign_in(worker, folder, username)
    window = MainWindow(worker, folder, user)
    _show(window)
    try:
        settle(1.0)
        if shots.wanted(name):
            shots.grab(name, window)
        if username == "sysadmin" and shots.wanted("restore-password.png"):
            from app.ui.backup_dialogs import PasswordPrompt

            prompt = PasswordPrompt(username, window)
            prompt.show()
            settle(0.5)
            shots.grab("restore-password.png", prompt)
            prompt.close()
    finally:
        _close_dialogs()
        window.close()
        settle(0.3)
        _sign_out(worker)


def run_all(shots, scratch: Path, reuse: Path | None) -> None:
    folder = _demo(scratch, reuse)
    busiest = _busiest(folder)
    worker = DbWorker()
    worker.start()
    try:
        _setup_scenes(shots, worker, scratch)
        _unlock_scenes(shots, worker, folder)
        _office_scenes(shots, worker, folder, busiest)
        _leader_scenes(shots, worker, folder)
        _admin_scene(shots, worker, folder, "sysadmin", "accounts.png")
        _admin_scene(shots, worker, folder, "secadmin", "security.png")
        _admin_scene(shots, worker, folder, "auditor", "audit.png")
        if shots.wanted("exchange-setup.png") or shots.wanted("exchange-hand-in.png"):
            _exchange_dialogs(shots, worker, folder)
    finally:
        worker.stop()


def _exchange_dialogs(shots, worker: DbWorker, folder: Path) -> None:
    """File → Exchange: the office's setup dialog (the demo's teams) and a leader's hand-in review."""
    from app.core.domain.organisation import teams
    from app.core.exchange.review import Summary
    from app.ui.exchange_dialogs import HandInDialog, SetupExportDialog

    user = _sign_in(worker, folder, "office")
    window = MainWindow(worker, folder, user)
    _show(window)
    found: list = []
    worker.submit(teams.list_teams, on_done=found.append, on_error=found.append)
    wait(lambda: bool(found), "the teams")
    if shots.wanted("exchange-setup.png"):
        dialog = SetupExportDialog(found[0], window)
        dialog.medium.setText("U盘-2026-017")
        for edit in (dialog.passphrase, dialog.again, dialog.initial):
            edit.setText("示例口令-2026")
        dialog.show()
        settle(0.5)
        shots.grab("exchange-setup.png", dialog)
        dialog.close()
    if shots.wanted("exchange-hand-in.png"):
        kinds = {
            "谈话记录": 46,
            "调阅资料": 31,
            "问题底稿": 12,
            "问题线索": 3,
            "整改": 9,
            "附件": 58,
            "其他": 4,
        }
        summary = Summary(kinds, 2, 1, 3, 1, 2)  # what a team's review looks like near the end of a round
        dialog = HandInDialog(summary, window)
        dialog.medium.setText("U盘-2026-021")
        dialog.checked.setChecked(True)
        dialog.show()
        settle(0.5)
        shots.grab("exchange-hand-in.png", dialog)
        dialog.close()
    window.close()
    settle(0.3)
    _sign_out(worker)
